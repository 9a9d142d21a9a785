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
    // No head to tell records apart: one record per line, and a warning says so.
    expect(checker.grouping).toBe('line');
    expect(checker.warnings.map((w) => w.message).join()).toMatch(/begins with the message/u);
    expect(records).toHaveLength(c.text.split('\n').length - 1);
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
