/**
 * `check` on multi-line records that CPython rendered: real exceptions (chained, grouped), stack_info,
 * messages with newlines, for formats with the message last, in the middle and first. Record count,
 * boundaries and fields must be exactly Python's. Runs on the committed fixture and, where Python is
 * installed, live on every interpreter.
 */
import { describe, expect, it } from 'vitest';
import { buildPattern, RecordChecker, type CheckedRecord } from '../src/core/index.js';
import { pythons, rendered } from './support/python.js';
import { loadRecords, type RecordsCase } from './support/records.js';

function checkAll(c: RecordsCase): { records: CheckedRecord[]; checker: RecordChecker } {
  const pattern = buildPattern(c.fmt, { style: c.style });
  if (!pattern.ok) throw new Error(pattern.error.message);
  const checker = new RecordChecker(pattern.value);
  const lines = c.text.split('\n');
  lines.pop(); // the final newline ends the last line
  const records = [...lines.map((l) => checker.push(l)), checker.end()].filter((r): r is CheckedRecord => r !== null);
  return { records, checker };
}

function expectPythonRecords(c: RecordsCase, python: string): void {
  const { records, checker } = checkAll(c);
  if (c.id === 'message-first') {
    // No head to tell a message line from a record: a warning says so, and each line is a record, with
    // the traceback text after it. A traceback is never split: from its header to its last frame, one record.
    expect(checker.grouping).toBe('line');
    expect(checker.warnings.map((w) => w.message).join()).toMatch(/begins with the message/u);
    const lines = c.text.split('\n');
    const owner = (n: number) => records.findIndex((r) => r.line <= n && n <= r.endLine);
    for (const [i, text] of lines.entries()) {
      if (!/^(Traceback|Stack) \(most recent call last\):$/u.test(text)) continue;
      // 0-based index i is line i + 1; its frames run to the first unindented line (the exception line).
      let end = i + 1;
      while (/^[ \t]/u.test(lines[end] ?? '')) end++;
      const exceptionLine = text.startsWith('Traceback') ? end + 1 : end;
      expect(owner(i + 1), `${python}: the traceback at line ${i + 1} is in the record of the line before it`).toBe(owner(i));
      expect(owner(exceptionLine), `${python}: the traceback at line ${i + 1} ends in its record`).toBe(owner(i));
    }
    return;
  }
  const label = `${c.id} (Python ${python})`;
  expect(records.map((r) => [r.line, r.endLine]), label).toEqual(c.records.map((r) => [r.line, r.end_line]));
  for (const [i, want] of c.records.entries()) {
    const got = records[i]!;
    expect(got.matched, `${label} record at line ${want.line}: ${JSON.stringify(got.error)}`).toBe(true);
    const fields = Object.fromEntries(Object.keys(want.fields).map((k) => [k, got.fields![k]]));
    expect(fields, `${label} record at line ${want.line}`).toEqual(want.fields);
  }
  expect(checker.summary()).toMatchObject({ records: c.records.length, matched: c.records.length, failed: 0, orphans: 0 });
}

const fixture = loadRecords();

describe('check groups CPython records (fixture)', () => {
  for (const c of fixture.cases) it(`${c.id}: ${c.fmt}`, () => expectPythonRecords(c, fixture.python));
});

describe('check groups CPython records (live)', () => {
  for (const python of pythons()) {
    it(`Python ${python.version}`, () => {
      const data = rendered(python, 'render_records.py', loadRecords);
      for (const c of data.cases) expectPythonRecords(c, python.version);
    });
  }
});

describe('a file name glued to the next field ends at its first .py, then .pyw (catalogue glued)', () => {
  // As CPython prints them: LogRecord('/srv/app.py', funcName 'worker'), LogRecord('/srv/tool.pyw', funcName 'run').
  it.each([
    ['app.pyworker hello', { filename: 'app.py', funcName: 'worker', message: 'hello' }],
    // The rule's limit (README, Limits): a .pyw file before a name that starts with w.
    ['tool.pywrun hello', { filename: 'tool.py', funcName: 'wrun', message: 'hello' }],
  ])('%s', (line, fields) => {
    const pattern = buildPattern('%(filename)s%(funcName)s %(message)s', { style: '%' });
    if (!pattern.ok) throw new Error(pattern.error.message);
    const checker = new RecordChecker(pattern.value);
    checker.push(line);
    expect(checker.end()?.fields).toEqual(fields);
  });
});

describe('a process or thread name glued to the next field ends where its own shape does', () => {
  // As CPython prints them: a LogRecord with processName 'ForkPoolWorker-1:2' (a nested pool's worker), threadName 'MainThread'.
  it('ForkPoolWorker-1:2MainThread', () => {
    const pattern = buildPattern('%(processName)s%(threadName)s %(message)s', { style: '%' });
    if (!pattern.ok) throw new Error(pattern.error.message);
    const checker = new RecordChecker(pattern.value);
    checker.push('ForkPoolWorker-1:2MainThread hello');
    expect(checker.end()?.fields).toEqual({ processName: 'ForkPoolWorker-1:2', threadName: 'MainThread', message: 'hello' });
  });

  it.each([
    ['%(levelname)s%(name)s', 'a level name'],
    ['%(threadName)s%(name)s', 'a thread name'],
    ['%(filename)s%(funcName)s', 'a `.py` file'],
    ['%(name)s%(funcName)s', null],
  ] as const)('the warning on %s says how it is split', (fmt, kind) => {
    const pattern = buildPattern(`${fmt} %(message)s`, { style: '%' });
    if (!pattern.ok) throw new Error(pattern.error.message);
    const said = pattern.value.warnings.map((w) => w.message).find((m) => m.includes('nothing separates it'));
    expect(said).toContain(kind === null ? 'it is read as one run without spaces' : `it is read as ${kind} where one fits, else as one run without spaces`);
  });
});
