/**
 * `check --typed` against the values behind CPython's lines: numbers printed in every base and
 * presentation read back as the numbers Python held (to the last digit printed), None as null, and
 * asctime under several datefmts as the ISO 8601 time Python computes from record.created. Runs on the
 * committed fixture and, where Python is installed, live on every interpreter.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RecordChecker } from '../src/core/check.js';
import { buildPattern } from '../src/core/pattern.js';
import { groupNames } from '../src/core/render.js';
import type { Style } from '../src/core/tokenize.js';
import { readNumber, valueReaders } from '../src/core/typed.js';
import { cli } from './support/cli.js';
import { FIXTURES } from './support/corpus.js';
import { lastDigit } from './support/numbers.js';
import { pythons, rendered } from './support/python.js';

interface TypedCase {
  readonly id: string;
  readonly fmt: string;
  readonly style: Style;
  readonly datefmt: string | null;
  readonly lines: string[];
  /** Per line: each numeric attribute's value, and asctime as ISO 8601 (null: the datefmt has no whole time). */
  readonly values: Record<string, number | string | null>[];
}

const NUMERIC = ['lineno', 'process', 'thread', 'levelno', 'created', 'msecs', 'relativeCreated'];

function expectTyped(c: TypedCase, label: string): void {
  const pattern = buildPattern(c.fmt, { style: c.style, datefmt: c.datefmt });
  if (!pattern.ok) throw new Error(pattern.error.message);
  const readers = valueReaders(pattern.value);
  const keyOf = new Map<string, string>();
  const names = groupNames(pattern.value, 'js');
  for (const part of pattern.value.parts) if (part.kind === 'field' && part.sameAs === null) keyOf.set(names.get(part.capture)!, part.key);
  const checker = new RecordChecker(pattern.value);
  const records = [...c.lines.map((l) => checker.push(l)), checker.end()].filter((r) => r !== null);
  expect(records, label).toHaveLength(c.lines.length);
  for (const [i, record] of records.entries()) {
    const want = c.values[i]!;
    const where = `${label}: ${c.lines[i]}`;
    expect(record.matched, where).toBe(true);
    for (const [name, text] of Object.entries(record.fields!)) {
      if (text === undefined) continue;
      const key = keyOf.get(name)!;
      const read = readers.get(name);
      if (key === 'asctime') {
        expect(read?.(text), `${where}: asctime`).toBe(want.asctime ?? text);
      } else if (NUMERIC.includes(key)) {
        expect(read, `${where}: ${key} has a reader`).toBeDefined();
        const typed = read!(text);
        const value = want[key] as number | null;
        if (value === null) expect(typed, `${where}: ${key}`).toBeNull();
        else expect(Math.abs((typed as number) - value), `${where}: ${key} ${text} read as ${typed}, Python held ${value}`).toBeLessThanOrEqual(lastDigit(text));
      } else {
        expect(read, `${where}: ${key} stays text`).toBeUndefined();
      }
    }
  }
}

const loadTyped = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { python: string; cases: TypedCase[] };
const fixture = loadTyped(join(FIXTURES, 'typed', 'typed.json'));

describe('check --typed reads back what CPython printed (fixture)', () => {
  for (const c of fixture.cases) it(`${c.id}: ${c.fmt} (datefmt ${c.datefmt})`, () => expectTyped(c, `${c.id} (Python ${fixture.python})`));
});

describe('check --typed reads back what CPython printed (live)', () => {
  for (const python of pythons()) {
    it(`Python ${python.version}`, () => {
      const data = rendered(python, 'render_typed.py', loadTyped);
      for (const c of data.cases) expectTyped(c, `${c.id} (Python ${python.version})`);
    });
  }
});

describe('readNumber', () => {
  it.each([
    ['42', 10, 42], ['-0x1f', 16, -31], ['+1,234', 10, 1234], ['0b1_0000', 2, 16], ['0o17', 8, 15],
    ['1.5e+09', 10, 1.5e9], ['None', 10, null], ['inf', 10, 'inf'], ['nan', 10, 'nan'],
    ['18446744073709551615', 10, '18446744073709551615'], ['+***12', 10, '+***12'],
  ] as const)('%s in base %i reads as %j', (text, base, want) => {
    expect(readNumber(text, base)).toBe(want);
  });
});

describe('what a field reads back as', () => {
  const reading = (fmt: string, style: Style) => {
    const pattern = buildPattern(fmt, { style });
    if (!pattern.ok) throw new Error(pattern.error.message);
    return pattern.value.parts.find((p) => p.kind === 'field')!.reading;
  };
  it.each([
    ['%(lineno)04x', '%', { kind: 'number', base: 16 }],
    ['%(lineno)-05d', '%', { kind: 'number', base: 10 }], // '%-05d' ignores the 0: '42   '
    ['{lineno:0<5}', '{', { kind: 'text' }], // '42000'
    ['{lineno:0^7}', '{', { kind: 'text' }],
    ['{process!r:08}', '{', { kind: 'text' }], // '42420000' (3.10+)
    ['{lineno:*<5}', '{', { kind: 'number', base: 10 }], // the fill is padding, outside the value
    ['{created:n}', '{', { kind: 'number', base: 10 }],
    ['%(lineno).1s', '%', { kind: 'text' }],
    ['%(levelno)c', '%', { kind: 'text' }],
    ['%(asctime)r', '%', { kind: 'text' }],
    ['{asctime:.10}', '{', { kind: 'text' }],
    ['%(asctime)-30s', '%', { kind: 'time' }],
    ['%(threadName)s', '%', { kind: 'text' }],
  ] as const)('%s (%s style) reads as %j', (fmt, style, want) => {
    expect(reading(fmt, style)).toEqual(want);
  });
});

describe('asctime in ISO 8601', () => {
  const read = (datefmt: string, text: string) => {
    const pattern = buildPattern('%(asctime)s|%(message)s', { datefmt });
    if (!pattern.ok) throw new Error(pattern.error.message);
    return valueReaders(pattern.value).get('asctime')!(text);
  };
  it.each([
    ['%C%y-%m-%d %H:%M', '1950-01-01 10:00', '1950-01-01T10:00'],
    ['%y-%m-%d %H:%M', '68-01-01 10:00', '2068-01-01T10:00'], // strptime's pivot
    ['%y-%m-%d %H:%M', '69-01-01 10:00', '1969-01-01T10:00'],
    ['%s', '-86400', '1969-12-31T00:00:00Z'],
    ['%s', '99999999999999', '99999999999999'], // past what a Date holds: the text
    ['%H:%M:%S', '10:00:00', '10:00:00'], // no date: the text
    ['%j %Y %H:%M', '130 2024 08:35', '130 2024 08:35'], // a day of the year, no month: the text
    ['%r %D', '12:05:00 AM 05/09/24', '2024-05-09T00:05:00'],
    ['[%d.%m.%Y] (%H:%M)', '[09.05.2024] (08:35)', '2024-05-09T08:35'],
    ['%Y-%m-%d %H:%M %Z', '2024-05-09 08:35 CEST', '2024-05-09T08:35'], // a zone name is not an offset
  ] as const)('%s: %s reads as %s', (datefmt, text, want) => {
    expect(read(datefmt, text)).toBe(want);
  });
});

describe('pylogrx check --typed', () => {
  it('prints numbers as JSON numbers and asctime in ISO 8601, and implies --json', () => {
    const run = cli(['check', '%(asctime)s %(levelname)s [%(process)d] %(name)s:%(lineno)d %(message)s', '--typed'], {
      input: '2024-05-09 08:35:25,041 INFO [4242] app.db:17 connected\n',
    });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      line: 1, end_line: 1, matched: true, kind: 'record',
      fields: { asctime: '2024-05-09T08:35:25.041', levelname: 'INFO', process: 4242, name: 'app.db', lineno: 17, message: 'connected' },
    });
  });
});
