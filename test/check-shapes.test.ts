/**
 * Where a line that mentions a time, or follows an ExceptionGroup, could be mistaken for a record's start;
 * and several formats, whatever order they are given in. Logs are written by CPython's logging, live.
 */
import { describe, expect, it } from 'vitest';
import { buildPattern, RecordChecker, type CheckedRecord } from '../src/core/index.js';
import { cli } from './support/cli.js';
import { pythons, runPython } from './support/python.js';

/** A record whose message lines mention times and levels, then one whose traceback's context is an ExceptionGroup. */
const SCRIPT = `
import io, logging, sys
fmt = sys.argv[1]
s = io.StringIO(); h = logging.StreamHandler(s); h.setFormatter(logging.Formatter(fmt))
log = logging.getLogger("shapes"); log.handlers[:] = [h]; log.propagate = False; log.setLevel(logging.DEBUG)
log.info("backup report\\nbackup finished at 10:30 without errors\\nMon 09:00 standup meeting\\nWARNING: Running pip as the root user")
try:
    try:
        raise ExceptionGroup("eg", [ValueError("a"), TypeError("b")])
    except ExceptionGroup:
        raise KeyError("while handling a group")
except KeyError:
    log.exception("caught")
log.info("after")
print(s.getvalue(), end="")
`;

const records = (fmt: string, log: string): CheckedRecord[] => {
  const pattern = buildPattern(fmt);
  if (!pattern.ok) throw new Error(pattern.error.message);
  const checker = new RecordChecker(pattern.value);
  const lines = log.split('\n').slice(0, -1);
  return [...lines.map((l) => checker.push(l)), checker.end()].filter((r): r is CheckedRecord => r !== null);
};

describe('message lines and ExceptionGroup contexts stay in their record (CPython 3.11+)', () => {
  const python = pythons().filter((p) => Number(p.version.split('.')[1]) >= 11).at(-1);
  it.skipIf(python === undefined)('under a typed head and under %(message)s', () => {
    for (const fmt of ['%(asctime)s %(levelname)s %(message)s', '%(message)s']) {
      const log = runPython(python!, ['-c', SCRIPT, fmt]);
      const got = records(fmt, log).map((r) => [r.line, r.endLine, r.matched, r.kind]);
      // Python's three records: the 4-line message, 'caught' and its 16 lines of traceback, 'after'.
      const want = fmt === '%(message)s'
        ? [[1, 1, true, 'record'], [2, 2, true, 'record'], [3, 3, true, 'record'], [4, 4, true, 'record'], [5, 21, true, 'record'], [22, 22, true, 'record']]
        : [[1, 4, true, 'record'], [5, 21, true, 'record'], [22, 22, true, 'record']];
      expect(got, `${fmt}\n${log}`).toEqual(want);
    }
  });
});

describe('a record gone wrong in its time is not taken for another shape', () => {
  it.each([
    ['%(levelname)s %(asctime)s %(message)s', null, 'INFO 2024-13-09 08:35:25,041 m'],
    // gunicorn's own error-log format, with a month 13: a line of gunicorn's shape, and this format's.
    ['[%(asctime)s] [%(process)d] [%(levelname)s] %(message)s', '[%Y-%m-%d %H:%M:%S %z]'.slice(1, -1), '[2024-13-09 08:35:25 +0000] [12] [INFO] x'],
  ])('%s', (fmt, datefmt, line) => {
    const run = cli(['check', fmt, ...(datefmt ? ['--datefmt', datefmt] : []), '--json'], { input: `${line}\n` });
    expect(JSON.parse(run.stdout)).toMatchObject({ kind: 'record', matched: false, error: { field: 'asctime' } });
  });

  it('while under a head that says nothing but the time, a syslog line is another shape', () => {
    const run = cli(['check', '%(asctime)s %(message)s', '--json'], { input: 'May  9 08:35:25 web-1 app[12]: connection reset\n' });
    expect(JSON.parse(run.stdout)).toMatchObject({ kind: 'foreign', matched: false });
  });
});

describe('several formats in one stream', () => {
  const task = '[%(asctime)s: %(levelname)s/%(processName)s] %(task_name)s[%(task_id)s]: %(message)s';
  const plain = '[%(asctime)s: %(levelname)s/%(processName)s] %(message)s';
  const log = [
    '[2024-05-09 08:35:25,041: INFO/MainProcess] Connected to memory://localhost//',
    '[2024-05-09 08:35:26,002: INFO/ForkPoolWorker-1] app.hello[7f5490ec-6f7f-454a-ae41-0dbb0191d108]: hello',
    '',
  ].join('\n');

  it('reads each record as the format that says the most about it, in either order', () => {
    for (const order of [[task, plain], [plain, task]]) {
      const run = cli(['check', order[0]!, '--format', order[1]!, '--json'], { input: log });
      expect(run.status, run.stderr).toBe(0);
      const objects = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { format: number; fields: Record<string, string> });
      expect(objects.map((o) => order[o.format - 1])).toEqual([plain, task]);
      expect(objects[1]!.fields).toMatchObject({ task_name: 'app.hello', message: 'hello' });
    }
  });

  it('--from a file takes every formatter it defines (or those #named), each with its own style and datefmt', () => {
    const python = pythons().at(-1);
    if (python === undefined) return;
    // fixtures/configs/svc-a/logging.ini's two formatters, formatting one record each in CPython.
    const log = runPython(python, ['-c', [
      'import logging, sys',
      'r = logging.LogRecord("app.db", logging.INFO, "x.py", 1, "connected", None, None)',
      'print(logging.Formatter("%(asctime)s %(levelname)-8s [%(name)s] %(message)s", "%Y-%m-%d %H:%M:%S").format(r))',
      'print(logging.Formatter("{asctime} | {levelname:<8} | {name} | {message}", style="{").format(r))',
    ].join('\n')]);
    const ini = 'fixtures/configs/svc-a/logging.ini';
    for (const from of [ini, `${ini}#plain,brace`]) {
      const run = cli(['check', '--from', from, '--json'], { input: log });
      expect(run.status, run.stderr).toBe(0);
      const objects = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { format: number; fields: Record<string, string> });
      expect(objects.map((o) => [o.format, o.fields.name, o.fields.levelname])).toEqual([[1, 'app.db', 'INFO'], [2, 'app.db', 'INFO']]);
    }
    // A command that takes one format still refuses several.
    expect(cli(['gen', '--from', `${ini}#plain,brace`]).status).toBe(2);
    expect(cli(['gen', '--from', ini]).stderr).toContain('has 2 formatters; choose one');
  });

  it('--typed reads each record with its own format: its fields, its bases, its datefmt', () => {
    const input = '2024-05-09 08:35:25,041 [1a] hex\n2024-05-09 08:35:26,041 10 app: decimal\n';
    const run = cli(['check', '%(asctime)s [%(lineno)x] %(message)s', '--format', '%(asctime)s %(lineno)d %(name)s: %(message)s', '--typed'], { input });
    const objects = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { fields: Record<string, unknown> });
    expect(objects.map((o) => o.fields)).toEqual([
      { asctime: '2024-05-09T08:35:25.041', lineno: 26, message: 'hex' },
      { asctime: '2024-05-09T08:35:26.041', lineno: 10, name: 'app', message: 'decimal' },
    ]);
  });
});
