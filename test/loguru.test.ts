/**
 * `--style loguru` against the real loguru: fixtures/loguru/captures.json (scripts/capture_loguru.py, run
 * with Debian's python3-loguru) holds, for every record of several formats, what loguru wrote and the
 * text each field of the format produced. `check --style loguru --json FORMAT` must give exactly those
 * texts under loguru's names, and one record per loguru record, its traceback inside it: loguru's layout
 * with backtrace and diagnose (a blank line after each frame, `> File`, the variables' `│ └` annotations),
 * which a format that begins with the message tells from records by the layout alone.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPattern } from '../src/core/pattern.js';
import { LOGURU_FORMAT } from '../src/core/loguru.js';
import { tokenize } from '../src/core/tokenize.js';

interface Capture {
  readonly format: string;
  readonly output: string;
  readonly records: readonly { output: string; line: string; exception: string; fields: Record<string, string> }[];
}
interface Serialized { readonly format: string; readonly output: string; readonly records: readonly { output: string; fields: Record<string, string> }[] }
const { captures, serialized } = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'loguru', 'captures.json'), 'utf8')) as { captures: Capture[]; serialized: Serialized };
const BIN = join(import.meta.dirname, '..', 'bin', 'pylogrx.js');

describe('check --style loguru gives the texts loguru printed, field by field', () => {
  for (const c of captures) {
    it(c.format, () => {
      const run = spawnSync(process.execPath, [BIN, 'check', '--style', 'loguru', '--json', c.format], { input: c.output, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const got = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { line: number; end_line: number; fields: Record<string, string> });
      expect(got).toHaveLength(c.records.length);
      let line = 1;
      const messageFirst = c.format.startsWith('{message}');
      for (const [i, record] of c.records.entries()) {
        // check --json names each field as loguru does (extra[user], level.no, file.path).
        const fields = got[i]!.fields;
        // The traceback loguru appends after "\n" is record continuation: part of the message's text.
        const expected = { ...record.fields, message: record.fields.message + (record.exception === '' ? '' : `\n${record.exception.replace(/\n$/u, '')}`) };
        // Where the message comes first, check matches a record whole, its traceback inside the message, so
        // the fields after it are read from the traceback's end: only its lines are loguru's.
        if (!messageFirst || record.exception === '') expect(fields).toEqual(expected);
        const lines = record.output.replace(/\n$/u, '').split('\n').length;
        expect([got[i]!.line, got[i]!.end_line]).toEqual([line, line + lines - 1]);
        line += lines;
      }
    });
  }
});

describe('serialize=True: --style json names the keys inside its objects by path', () => {
  it(serialized.format, () => {
    const run = spawnSync(process.execPath, [BIN, 'check', '--style', 'json', '--json', serialized.format], { input: serialized.output, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const got = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { line: number; end_line: number; fields: Record<string, string> });
    // One record per line, the traceback inside "text"; the named keys first, in the format's order.
    expect(got.map((r) => [r.line, r.end_line])).toEqual(serialized.records.map((_, i) => [i + 1, i + 1]));
    for (const [i, record] of serialized.records.entries()) {
      expect(got[i]!.fields).toEqual(record.fields);
      expect(Object.keys(got[i]!.fields)).toEqual(Object.keys(record.fields));
    }
  });
  it('a record without a named key inside an object fails at that key', () => {
    const run = spawnSync(process.execPath, [BIN, 'check', '--style', 'json', '--json', '%(text)s %(record.level.nam)s'], { input: serialized.records[0]!.output, encoding: 'utf8' });
    expect(JSON.parse(run.stdout)).toMatchObject({ matched: false, error: { field: 'record.level.nam' } });
  });
});

describe('loguru format syntax', () => {
  it("'' is loguru's default format, LOGURU_FORMAT", () => {
    expect(tokenize('', 'loguru')).toEqual(tokenize(LOGURU_FORMAT, 'loguru'));
  });
  it('strips markup, keeps \\<escapes> and {{braces}}', () => {
    const t = tokenize('<green>{time:HH}</green> \\<b> {{x}} <fg #abc>{message}</fg #abc>', 'loguru');
    expect(t.ok && t.value.filter((p) => p.kind === 'literal').map((p) => p.kind === 'literal' && p.text)).toEqual([' <b> {x} ']);
  });
  it("refuses what loguru refuses: an unknown tag, a tag left open, a field that is no record key", () => {
    for (const f of ['<grene>{message}</grene>', '<red>{message}', '{asctime} {message}', '<red>{message}</blue>']) {
      expect(tokenize(f, 'loguru').ok, f).toBe(false);
    }
  });
  it('translates loguru date tokens to the strftime that reads them, where one does', () => {
    const datefmt = (f: string) => {
      const p = buildPattern(f, { style: 'loguru' });
      return p.ok ? p.value.datefmt : 'error';
    };
    expect(datefmt('{time:YYYY-MM-DD HH:mm:ss} {message}')).toBe('%Y-%m-%d %H:%M:%S');
    expect(datefmt('{time:DD/MMM/YYYY hh:mm A ZZ} {message}')).toBe('%d/%b/%Y %I:%M %p %z');
    // Fractions of a second and '+hh:mm' have no strftime directive.
    expect(datefmt('{time:HH:mm:ss.SSS} {message}')).toBeNull();
    expect(datefmt('{time} {message}')).toBeNull();
  });
});
