/**
 * fieldSpans: each field's span in its record's text holds exactly the field's text, as `check` reads it,
 * on what CPython rendered (fixtures/records: multi-line records, tracebacks) and on what structlog and
 * python-json-logger wrote (fixtures/keyvalue). A failed record spans the fields that matched before it failed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPattern, fieldSpans, RecordChecker, type CheckedRecord, type Pattern, type Style } from '../src/core/index.js';
import { FIXTURES } from './support/corpus.js';
import { loadRecords } from './support/records.js';

function checked(format: string, style: Style, log: string): { pattern: Pattern; records: { record: CheckedRecord; text: string }[] } {
  const built = buildPattern(format, { style });
  if (!built.ok) throw new Error(built.error.message);
  const checker = new RecordChecker(built.value);
  const lines = log.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const records = [...lines.map((l) => checker.push(l)), checker.end()].filter((r): r is CheckedRecord => r !== null);
  return { pattern: built.value, records: records.map((record) => ({ record, text: lines.slice(record.line - 1, record.endLine).join('\n') })) };
}

function expectSpansHoldFields(format: string, style: Style, log: string): void {
  const { pattern, records } = checked(format, style, log);
  for (const { record, text } of records) {
    const spans = fieldSpans(pattern, record, text);
    const taken = Object.entries(record.fields ?? {}).filter(([, v]) => v !== undefined && v !== '');
    expect(spans.map((s) => s.name).sort(), `line ${record.line}`).toEqual(expect.arrayContaining(taken.map(([k]) => k).filter((k) => spans.some((s) => s.name === k))));
    for (const span of spans) expect(text.slice(span.start, span.end), `line ${record.line} ${span.name}`).toBe(record.fields![span.name]);
    // In text order, none overlapping.
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
  }
}

describe('fieldSpans on CPython-rendered records', () => {
  it.each(loadRecords().cases.map((c) => [c.id, c] as const))('%s', (_, c) => {
    const { pattern, records } = checked(c.fmt, c.style, c.text);
    // message-first: each line is a record (a message line too), so not all of them are Python's.
    if (c.id !== 'message-first') expect(records.every((r) => r.record.matched)).toBe(true);
    expectSpansHoldFields(c.fmt, c.style, c.text);
    // Every field that has text has a span.
    for (const { record, text } of records) {
      const names = fieldSpans(pattern, record, text).map((s) => s.name);
      for (const [k, v] of Object.entries(record.fields!)) if (v !== undefined && v !== '') expect(names, `line ${record.line}`).toContain(k);
    }
  });
});

describe('fieldSpans on structlog and python-json-logger lines', () => {
  const { cases } = JSON.parse(readFileSync(join(FIXTURES, 'keyvalue', 'records.json'), 'utf8')) as { cases: { renderer: string; style: Style; format: string; log: string }[] };
  it.each(cases.map((c) => [c.renderer, c] as const))('%s', (_, c) => {
    const { pattern, records } = checked(c.format, c.style, c.log);
    for (const { record, text } of records.filter((r) => r.record.matched)) {
      const spans = fieldSpans(pattern, record, text);
      for (const span of spans) {
        const value = record.fields![span.name]!;
        // A JSON string's span is its text as written, escapes and all.
        // A True flag (bool_as_flag) is the bare key, which stands for `true`.
        const flag = c.style === 'logfmt' && value === 'true' && text.slice(span.start, span.end) === span.name;
        const shown = flag ? 'true' : c.style === 'json' && text[span.start - 1] === '"' ? JSON.parse(`"${text.slice(span.start, span.end)}"`) : text.slice(span.start, span.end);
        expect(shown, `line ${record.line} ${span.name}`).toBe(value);
      }
      expect(spans.length, `line ${record.line}`).toBe(Object.values(record.fields!).filter((v) => v !== undefined).length);
    }
  });
});

describe('fieldSpans on a failed record', () => {
  it('spans the fields before the failure, not the one blamed', () => {
    const { pattern, records } = checked('%(asctime)s %(levelname)s [%(process)d] %(message)s', '%', '2024-05-09 08:35:25,041 INFO [12x] connected\n');
    const [{ record, text }] = records as [{ record: CheckedRecord; text: string }];
    expect(record.matched).toBe(false);
    expect(record.error?.field).toBe('process');
    expect(fieldSpans(pattern, record, text).map((s) => [s.name, text.slice(s.start, s.end)])).toEqual([['asctime', '2024-05-09 08:35:25,041'], ['levelname', 'INFO']]);
  });
});

describe('fieldSpans on loguru serialize=True lines: keys inside objects, by their path', () => {
  const { serialized } = JSON.parse(readFileSync(join(FIXTURES, 'loguru', 'captures.json'), 'utf8')) as { serialized: { format: string; output: string } };
  it('every field the format reaches into has its span, holding its text', () => {
    const { pattern, records } = checked(serialized.format, 'json', serialized.output);
    const named = [...serialized.format.matchAll(/%\(([\w.]+)\)s/gu)].map((m) => m[1]!);
    expect(records.length).toBeGreaterThan(0);
    for (const { record, text } of records) {
      expect(record.matched).toBe(true);
      const spans = new Map(fieldSpans(pattern, record, text).map((s) => [s.name, s]));
      for (const name of named) {
        const span = spans.get(name);
        expect(span, `${name} at line ${record.line}`).toBeDefined();
        const raw = text.slice(span!.start, span!.end);
        expect(text[span!.start - 1] === '"' ? JSON.parse(`"${raw}"`) : raw, `${name} at line ${record.line}`).toBe(record.fields![name]);
      }
      // Every key read, nested ones too, is found: none is left without its span.
      expect(spans.size, `line ${record.line}`).toBe(Object.values(record.fields!).filter((v) => v !== undefined).length);
    }
  });
});
