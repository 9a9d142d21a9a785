/** The CPython-rendered multi-line records (fixtures/records, made by scripts/render_records.py). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './corpus.js';

export interface RecordsCase {
  readonly id: string;
  readonly fmt: string;
  readonly style: '%' | '{';
  /** The whole stream Python wrote, ending in a newline. */
  readonly text: string;
  /** Per record: its first and last line, and the exact text of each field. */
  readonly records: readonly { line: number; end_line: number; fields: Record<string, string> }[];
}

export interface Records {
  readonly python: string;
  readonly cases: RecordsCase[];
}

export function loadRecords(file = join(FIXTURES, 'records', 'records.json')): Records {
  return JSON.parse(readFileSync(file, 'utf8')) as Records;
}

/**
 * The cases a collector's start pattern can split: every one with a head. basicConfig's weak head
 * (`%(levelname)s:%(name)s:`) is held to CPython's level names there, so a traceback's "ValueError: x"
 * does not start a record. A format that begins with the message cannot tell a message line from a
 * record, in a collector or in check (check-records.test.ts).
 */
export function collectorRecords(): RecordsCase[] {
  return loadRecords().cases.filter((c) => c.id !== 'message-first');
}

/** What `check --json` gives for records that follow one another, each matched: its lines (from its text) and its fields. */
export function matchedRecords(records: readonly { readonly text: string; readonly fields: Record<string, string> }[]): object[] {
  let line = 1;
  return records.map(({ text, fields }) => {
    const end = line + text.split('\n').length - 1;
    const record = { line, end_line: end, matched: true, kind: 'record', fields };
    line = end + 1;
    return record;
  });
}
