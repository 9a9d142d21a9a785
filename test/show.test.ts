/**
 * `show`: the layout (core/show.ts) on what CPython and real frameworks wrote, and the CLI's output with
 * colour forced (16 and 24-bit colours) and with colour off. Every bracket is read back from the rows and
 * must cover exactly the display columns of its field's text (string-width: CJK and emoji take two), and
 * every name under a tee must hang from it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { visible } from '../src/cli/diagnostics.js';
import { buildPattern, fieldSpans, layoutRecord, RecordChecker, type CheckedRecord, type Pattern, type ShownLine, type Style } from '../src/core/index.js';
import { cli } from './support/cli.js';
import { FIXTURES } from './support/corpus.js';
import { loadFrameworks } from './support/frameworks.js';
import { loadRecords, type RecordsCase } from './support/records.js';

const [WIDE, CONTROLS] = loadRecords(join(FIXTURES, 'show', 'wide.json')).cases as [RecordsCase, RecordsCase];

interface Case {
  readonly id: string;
  readonly formats: readonly { fmt: string; style: Style; datefmt: string | null }[];
  readonly log: string;
  /** Python's text of each field, by the record's first and last line (`1-3`), where the fixture records it. */
  readonly fields?: ReadonlyMap<string, Readonly<Record<string, string>>>;
}

const fromRecords = (c: RecordsCase): Case => ({ id: c.id, formats: [{ fmt: c.fmt, style: c.style, datefmt: null }], log: c.text, fields: new Map(c.records.map((r) => [`${r.line}-${r.end_line}`, r.fields])) });

const CASES: Case[] = [
  fromRecords(WIDE),
  fromRecords(CONTROLS),
  ...loadRecords().cases.map(fromRecords),
  ...loadFrameworks().map((f) => ({ id: f.framework, formats: f.formats, log: f.log })),
];

/** Each record, its text as read, and as shown (each control character one cell). */
function checked(c: Case): { patterns: Pattern[]; records: { record: CheckedRecord; text: string; shown: string }[] } {
  const patterns = c.formats.map(({ fmt, style, datefmt }) => {
    const built = buildPattern(fmt, { style, datefmt });
    if (!built.ok) throw new Error(built.error.message);
    return built.value;
  });
  const checker = new RecordChecker(patterns, { fields: true, matched: true });
  const lines = c.log.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const records = [...lines.map((l) => checker.push(l)), checker.end()].filter((r): r is CheckedRecord => r !== null);
  return {
    patterns,
    records: records.map((record) => {
      const own = lines.slice(record.line - 1, record.endLine);
      return { record, text: own.join('\n'), shown: own.map(visible).join('\n') };
    }),
  };
}

/** The brackets in row 0, read back: `└──┘`, `└ name ┘`, `└┬─┘`, `┬┘`, `┬`, `│`, as display columns [from, to). */
function bracketsIn(row: string): { from: number; to: number; tee: number | null }[] {
  const cells = [...row];
  const found: { from: number; to: number; tee: number | null }[] = [];
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c === '└') {
      const end = cells.indexOf('┘', i);
      const tee = cells.indexOf('┬', i);
      found.push({ from: i, to: end + 1, tee: tee >= 0 && tee < end ? tee : null });
      i = end;
    } else if (c === '┬') {
      const two = cells[i + 1] === '┘';
      found.push({ from: i, to: i + (two ? 2 : 1), tee: i });
      if (two) i++;
    } else if (c === '│') found.push({ from: i, to: i + 1, tee: null });
  }
  return found;
}

/** The name hanging from the tee at `column`: down the verticals to `└ name`. */
function nameBelow(rows: readonly string[], column: number): string {
  let r = 1;
  while ([...rows[r]!][column] === '│') r++;
  const cells = [...rows[r]!];
  expect(cells.slice(column, column + 2).join('')).toBe('└ ');
  return cells.slice(column + 2).join('').split(' ')[0]!;
}

describe('layoutRecord: each bracket under exactly its field\'s display columns', () => {
  it.each(CASES.map((c) => [c.id, c] as const))('%s', (_, c) => {
    const { patterns, records } = checked(c);
    let marked = 0;
    for (const { record, text: read, shown: text } of records) {
      const spans = fieldSpans(patterns[record.format]!, record, read);
      const shown = layoutRecord(text, spans, { width: stringWidth });
      const lines = text.split('\n');
      // The pieces put back together are the line.
      expect(shown.map((l) => l.pieces.map((p) => p.text).join('')), `line ${record.line}`).toEqual(lines);
      // Python's own text of each field, where the fixture has it.
      for (const span of spans) {
        const python = c.fields?.get(`${record.line}-${record.endLine}`)?.[span.name];
        if (python !== undefined) expect(read.slice(span.start, span.end), `line ${record.line} ${span.name}`).toBe(python);
      }
      let lineStart = 0;
      for (const [k, line] of lines.entries()) {
        const { marks, rows } = shown[k]!;
        // Each field whose (non-blank) text begins on this line, at the columns its text takes on screen.
        const expected = spans
          .filter((s) => s.start >= lineStart && s.start <= lineStart + line.length && s.end > s.start)
          .map((s) => {
            const from = stringWidth(line.slice(0, s.start - lineStart));
            const onLine = text.slice(s.start, Math.min(s.end, lineStart + line.length));
            return { field: s.name, from, to: from + stringWidth(onLine) };
          })
          .filter((m) => m.to > m.from);
        expect(marks, `line ${record.line + k}`).toEqual(expected);
        const brackets = rows.length === 0 ? [] : bracketsIn(rows[0]!);
        expect(brackets.map(({ from, to }) => ({ from, to })), `line ${record.line + k}: ${rows[0]}`).toEqual(expected.map(({ from, to }) => ({ from, to })));
        // Each name: inside its bracket, after it, or under its tee.
        for (const [i, bracket] of brackets.entries()) {
          const name = bracket.tee !== null ? nameBelow(rows, bracket.tee) : [...rows[0]!].slice(bracket.from, bracket.to + 1 + expected[i]!.field.length + 1).join('');
          expect(name, `line ${record.line + k}`).toContain(expected[i]!.field);
        }
        marked += marks.length;
        lineStart += line.length + 1;
      }
    }
    expect(marked).toBeGreaterThan(0);
  });
});

describe('layoutRecord', () => {
  it('the README\'s wide.log is the fixture\'s text', () => expect(readFileSync(join(FIXTURES, 'show', 'wide.log'), 'utf8')).toBe(WIDE.text));

  const at = (text: string, ...spans: [string, number, number][]): ShownLine[] => layoutRecord(text, spans.map(([name, start, end]) => ({ name, start, end })), { width: stringWidth });
  it.each([
    ['the issue\'s line: names inside, after, or under a tee', at('2024-05-09 08:35:25,041 INFO app.db connected', ['asctime', 0, 23], ['levelname', 24, 28], ['name', 29, 35], ['message', 36, 45]), [
      '└────── asctime ──────┘ └┬─┘ └┬───┘ └───────┘ message',
      '                         │    └ name',
      '                         └ levelname',
    ]],
    ['names under tees share a row when they fit', at('1 2 333333333333333 4', ['a', 0, 1], ['b', 2, 3], ['c', 4, 19], ['d', 20, 21]), [
      '┬ ┬ └───── c ─────┘ │ d',
      '│ └ b',
      '└ a',
    ]],
    ['wide characters take two columns', at('数据 ✅ x', ['name', 0, 2], ['icon', 3, 4], ['x', 5, 6]), [
      '└┬─┘ ┬┘ │ x',
      ' │   └ icon',
      ' └ name',
    ]],
    ['a field spanning lines is marked on its first line only', at('a msg\nmore', ['level', 0, 1], ['message', 2, 10]), [
      '┬ └─┘ message',
      '└ level',
    ]],
  ])('%s', (_, shown, rows) => {
    expect(shown[0]!.rows).toEqual(rows);
    expect(shown.slice(1).every((l) => l.rows.length === 0)).toBe(true);
  });

  // Marks, joiners and selectors after ASCII, flags, a skin tone, Hangul jamo, a tab shown as a space.
  it.each(['cafe\u0301 ok', 'a\u200db 👍🏽 x', '🇯🇵🇫🇷 flags', '1\ufe0f\u20e3 keycap', '\u1100\u1161\u11a8 jamo', 'ｗｉｄｅ and 数据, twice: 数据'])('columns are string-width\'s of each prefix: %s', (line) => {
    const spans = Array.from({ length: line.length }, (_, i) => ({ name: `f${i}`, start: i, end: i + 1 }));
    const [shown] = layoutRecord(line, spans, { width: stringWidth });
    const expected = spans.map((s) => ({ field: s.name, from: stringWidth(line.slice(0, s.start)), to: stringWidth(line.slice(0, s.end)) })).filter((m) => m.to > m.from);
    expect(shown!.marks).toEqual(expected);
  });

  it('puts the caret in its cell of row 0', () => {
    const [line] = layoutRecord('2024-05-09 08:35:25 INFO [12x] up', [{ name: 'asctime', start: 0, end: 19 }, { name: 'levelname', start: 20, end: 24 }], { width: stringWidth, caret: { line: 0, column: 26 } });
    expect(line!.caret).toBe(26);
    expect(line!.rows).toEqual(['└──── asctime ────┘ └┬─┘  ^', '                     └ levelname']);
  });
});

const WIDE_FORMAT = ['show', WIDE.fmt];
const COLOURS: [string, Record<string, string>][] = [['FORCE_COLOR=1', { FORCE_COLOR: '1' }], ['FORCE_COLOR=3', { FORCE_COLOR: '3' }], ['NO_COLOR', { FORCE_COLOR: '', NO_COLOR: '1' }]];

describe('pylogrx show', () => {
  it.each(COLOURS)('CJK, emoji, a padded field, a traceback and a failed record, %s', (_, env) => {
    const run = cli(WIDE_FORMAT, { input: WIDE.text, env, via: 'file' });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatchSnapshot();
  });

  const messageLast = loadRecords().cases.find((c) => c.id === 'message-last')!;
  it.each(COLOURS)('CPython records with tracebacks (message-last), %s', (_, env) => {
    const run = cli(['show', messageLast.fmt], { input: messageLast.text, env });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatchSnapshot();
  });

  it('tabs, an escape sequence and a bell: one cell each, the brackets under their text', () => {
    const run = cli(['show', CONTROLS.fmt], { input: CONTROLS.text, env: { FORCE_COLOR: '', NO_COLOR: '1' } });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatchSnapshot();
  });

  it.each(['tornado', 'scrapy'])('a framework\'s default format: --preset %s, colour off', (preset) => {
    const log = readFileSync(join(FIXTURES, 'frameworks', `${preset}.log`), 'utf8');
    const run = cli(['show', '--preset', preset], { input: log, env: { FORCE_COLOR: '', NO_COLOR: '1' } });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatchSnapshot();
  });

  it('check --show prints what show prints, with the same exit status', () => {
    for (const [, env] of COLOURS) {
      const show = cli(WIDE_FORMAT, { input: WIDE.text, env });
      const check = cli(['check', WIDE.fmt, '--show'], { input: WIDE.text, env });
      expect(check).toEqual(show);
    }
  });

  it.each([
    ['--json with --show', ['check', '%(message)s', '--show', '--json'], 'pylogrx: error: --show prints records for reading; --json prints them for programs: give one\n'],
    ['a malformed format', ['show', '%(asctime'], expect.stringContaining('incomplete format key')],
  ])('exits 2 on a usage error: %s', (_, args, stderr) => {
    const run = cli(args as string[], { input: 'x\n' });
    expect(run.status).toBe(2);
    expect(run.stderr).toEqual(stderr);
  });

  it('a line of another shape: said so, and printed as it is', () => {
    const input = '2024-05-09 08:35:25,041 INFO up\n[2016-02-19 11:03:16 +0000] [12] [INFO] Booting worker\n';
    const run = cli(['show', '%(asctime)s %(levelname)s %(message)s'], { input });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatchInlineSnapshot(`
      "asctime levelname message
      2024-05-09 08:35:25,041 INFO up
      └────── asctime ──────┘ └┬─┘ └┘ message
                               └ levelname
      line 2: a line of another shape, not a record of this format
      [2016-02-19 11:03:16 +0000] [12] [INFO] Booting worker
      2 records in 2 lines: 1 matched, 0 failed; 1 line of another shape (line 2)
      lines of another shape fail the check; if this stream mixes in other output on purpose, add --allow-foreign
      "
    `);
    expect(cli(['show', '%(asctime)s %(levelname)s %(message)s', '--allow-foreign'], { input }).status).toBe(0);
  });
});
