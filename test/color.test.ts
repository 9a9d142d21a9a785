/** Colour: on a terminal only, unless NO_COLOR or FORCE_COLOR say otherwise (https://no-color.org). */
import { afterEach, describe, expect, it } from 'vitest';
import { colorFor } from '../src/cli/io.js';

const saved = { NO_COLOR: process.env.NO_COLOR, FORCE_COLOR: process.env.FORCE_COLOR };
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
});

const level = (tty: boolean, env: { NO_COLOR?: string; FORCE_COLOR?: string }) => {
  delete process.env.NO_COLOR;
  delete process.env.FORCE_COLOR;
  Object.assign(process.env, env);
  return colorFor({ isTTY: tty } as NodeJS.WriteStream).level;
};

describe('colorFor', () => {
  it.each([
    [true, {}, 1],
    [false, {}, 0],
    [true, { NO_COLOR: '1' }, 0],
    [false, { FORCE_COLOR: '1' }, 1],
    [true, { FORCE_COLOR: '0' }, 0],
    [true, { NO_COLOR: '1', FORCE_COLOR: '1' }, 1],
  ] as const)('terminal %s, env %j: level %i', (tty, env, want) => {
    expect(level(tty, env)).toBe(want);
  });
});
