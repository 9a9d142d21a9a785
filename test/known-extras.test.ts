/**
 * Extras the catalogue types for one framework keep reading what an app's own extra of that name holds:
 * uvicorn's status_code is '200 OK', an app's is often the bare int. CPython renders both.
 */
import { describe, expect, it } from 'vitest';
import { cli } from './support/cli.js';
import { pythons, runPython } from './support/python.js';

const FORMAT = '%(asctime)s %(levelname)s %(status_code)s %(message)s';
const SCRIPT = `
import logging, sys
h = logging.StreamHandler(sys.stdout)
h.setFormatter(logging.Formatter(${JSON.stringify(FORMAT)}))
log = logging.getLogger("app"); log.addHandler(h); log.setLevel(logging.INFO)
for code in (200, 404, "418 I'm a Teapot", "599 "):
    log.info("served", extra={"status_code": code})
`;

describe('status_code: uvicorn\'s "200 OK" and an app\'s own 200', () => {
  const python = pythons()[0];
  it.skipIf(python === undefined)('check reads each as CPython printed it', () => {
    const log = runPython(python!, ['-c', SCRIPT]);
    const run = cli(['check', FORMAT, '--json'], { input: log });
    expect(run.status, run.stderr).toBe(0);
    const codes = run.stdout.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { fields: { status_code: string } }).fields.status_code);
    expect(codes).toEqual(['200', '404', "418 I'm a Teapot", '599 ']);
  });
});
