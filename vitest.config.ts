import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Engine harnesses compile C, C++, Go and Java programs on first use; CPython renders fixtures.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
