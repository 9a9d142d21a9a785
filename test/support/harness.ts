/**
 * One rule for every engine harness: a harness that cannot be built here is skipped with a one-line
 * reason, and under PYLOGRX_REQUIRE_ENGINES=1 (CI) it is a failing test that names what to install.
 */
import { describe, it } from 'vitest';

/** Null when the harness can run here; else why not, naming the Debian packages that provide it. */
export type Probe = () => string | null;

export function describeHarness(name: string, probe: Probe, body: () => void): void {
  const why = probe();
  if (why === null) {
    describe(name, body);
  } else if (process.env.PYLOGRX_REQUIRE_ENGINES === '1') {
    describe(name, () => it('has its engine', () => { throw new Error(`PYLOGRX_REQUIRE_ENGINES=1 but ${why}`); }));
  } else {
    console.warn(`skipped "${name}": ${why}`);
    describe.skip(name, body);
  }
}

/** A probe from a cheap availability test and the packages to name when it fails. */
export const toolProbe = (what: string, available: () => boolean, packages: string): Probe =>
  () => (available() ? null : `${what} is missing: apt-get install -y ${packages}`);
