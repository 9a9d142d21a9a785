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
interface Colorized { readonly format: string; readonly output: string; readonly records: readonly { output: string; fields: Record<string, string> }[] }
const { captures, colorized, serialized } = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'loguru', 'captures.json'), 'utf8')) as { captures: Capture[]; colorized: Colorized[]; serialized: Serialized };
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

/**
 * colorize=True to a file (capture_loguru.capture_colorized): each tag prints AnsiParser's codes, the
 * traceback after the message's RESET is loguru's own, coloured. `--colorize` reads the codes where the
 * markup is, never as fields: the fields are the colour-off texts, and the traceback is `exc_text`.
 */
describe('check --style loguru --colorize gives the texts loguru printed with colorize=True', () => {
  const checkColour = (format: string, input: string, colour = true) =>
    spawnSync(process.execPath, [BIN, 'check', '--style', 'loguru', ...(colour ? ['--colorize'] : []), '--json', format], { input, encoding: 'utf8' });
  for (const c of colorized) {
    it(c.format, () => {
      const run = checkColour(c.format, c.output);
      expect(run.status, run.stderr).toBe(0);
      const got = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { line: number; end_line: number; fields: Record<string, string> });
      let line = 1;
      const expected = c.records.map((r) => {
        const end = line + r.output.replace(/\n$/u, '').split('\n').length - 1;
        const record = { line, end_line: end, matched: true, kind: 'record', fields: r.fields };
        line = end + 1;
        return record;
      });
      expect(got).toEqual(expected);
      expect(c.output).toContain('\x1b[');
    });
  }
  it('colour is what the sink was given: coloured lines fail without --colorize, plain ones with it', () => {
    const coloured = colorized[0]!;
    const plain = captures.find((c) => c.format === coloured.format)!;
    expect(checkColour(coloured.format, coloured.output, false).status).toBe(1);
    expect(checkColour(plain.format, plain.output).status).toBe(1);
  });
  it('the codes are fragments: the regex has the groups it has with colour off', () => {
    for (const c of colorized) {
      const groups = (colorize: boolean) => {
        const p = buildPattern(c.format, { style: 'loguru', colorize });
        return p.ok ? p.value.parts.flatMap((part) => (part.kind === 'field' ? [part.capture] : [])) : null;
      };
      expect(groups(true), c.format).toEqual(groups(false));
    }
  });
  it("each tag's codes are AnsiParser's: a closing tag resets and reopens the tags still open; #rgb repeats the three digits (0af0af), as loguru does", () => {
    const p = buildPattern('<red><b>{level}</b> {message}</red>', { style: 'loguru', colorize: true });
    expect(p.ok && p.value.parts.filter((part) => part.kind === 'fragment').map((part) => part.kind === 'fragment' && part.rx))
      .toEqual([{ type: 'lit', text: '\x1b[31m' }, { type: 'lit', text: '\x1b[1m' }, { type: 'seq', items: [{ type: 'lit', text: '\x1b[0m' }, { type: 'lit', text: '\x1b[31m' }] }, { type: 'lit', text: '\x1b[0m' }]);
    const more = buildPattern('<fg 208>{name}</fg 208><bg #0af>{line}</bg #0af><fg 1,2,3>{message}</fg 1,2,3>', { style: 'loguru', colorize: true });
    expect(more.ok && more.value.parts.flatMap((part) => (part.kind === 'fragment' && part.rx.type === 'lit' ? [part.rx.text] : [])))
      .toEqual(['\x1b[38;5;208m', '\x1b[0m', '\x1b[48;2;10;240;175m', '\x1b[0m', '\x1b[38;2;1;2;3m', '\x1b[0m']);
  });
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

describe("{time}'s milliseconds: SSS right after the seconds and a '.' or ',' (the layout the collectors read)", () => {
  it.each([
    ['{time:YYYY-MM-DD HH:mm:ss.SSS}', { datefmt: '%Y-%m-%d %H:%M:%S', millis: '.', after: '' }],
    ['{time:YYYY-MM-DD HH:mm:ss,SSS ZZ}', { datefmt: '%Y-%m-%d %H:%M:%S', millis: ',', after: ' %z' }],
    ['{time:HH:mm:s.SSS}', { datefmt: '%H:%M:%-S', millis: '.', after: '' }],
    // Not milliseconds after the seconds: no layout, as for any token strftime lacks.
    ['{time:HH:mm:ss SSS}', undefined],
    ['{time:.SSS}', undefined],
    ['{time:YYYY.SSS}', undefined],
    ['{time:HH:mm:ss.SSS.SSS}', undefined],
    ['{time:HH:mm:ss.SSSSSS}', undefined],
  ])('%s', (format, layout) => {
    const pattern = buildPattern(`${format} {message}`, { style: 'loguru' });
    if (!pattern.ok) throw new Error(pattern.error.message);
    expect(pattern.value.timeLayout).toEqual(layout);
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
