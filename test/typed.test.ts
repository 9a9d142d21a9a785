/**
 * `check --typed` against the values behind CPython's lines: numbers printed in every base and
 * presentation read back as the numbers Python held (to the last digit printed), None as null, and
 * asctime under several datefmts as the ISO 8601 time Python computes from record.created. Runs on the
 * committed fixture and, where Python is installed, live on every interpreter.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RecordChecker } from '../src/core/check.js';
import { buildPattern } from '../src/core/pattern.js';
import { groupNames } from '../src/core/render.js';
import type { Style } from '../src/core/tokenize.js';
import { readNumber, valueReaders } from '../src/core/typed.js';
import { cli } from './support/cli.js';
import { FIXTURES } from './support/corpus.js';
import { pythons, runPython } from './support/python.js';

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

/** One unit in the last digit the text prints: '1.410' → 0.001, '-3.39e+11' → 1e9, '410' → 1. */
function lastDigit(text: string): number {
  const m = /(?:\.(\d*))?(?:e([+-]?\d+))?$/iu.exec(text.replace(/[,_]/gu, ''))!;
  return 10 ** (Number(m[2] ?? 0) - (m[1]?.length ?? 0));
}

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

const fixture = JSON.parse(readFileSync(join(FIXTURES, 'typed', 'typed.json'), 'utf8')) as { python: string; cases: TypedCase[] };

describe('check --typed reads back what CPython printed (fixture)', () => {
  for (const c of fixture.cases) it(`${c.id}: ${c.fmt} (datefmt ${c.datefmt})`, () => expectTyped(c, `${c.id} (Python ${fixture.python})`));
});

const scratch = mkdtempSync(join(tmpdir(), 'pylogrx-typed-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('check --typed reads back what CPython printed (live)', () => {
  for (const python of pythons()) {
    it(`Python ${python.version}`, () => {
      const out = join(scratch, `${python.version}.json`);
      runPython(python, [join(FIXTURES, '..', 'scripts', 'render_typed.py'), '--out', out]);
      const data = JSON.parse(readFileSync(out, 'utf8')) as { cases: TypedCase[] };
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

describe('pylogrx check --typed', () => {
  it('prints numbers as JSON numbers and asctime in ISO 8601, and implies --json', () => {
    const run = cli(['check', '%(asctime)s %(levelname)s [%(process)d] %(name)s:%(lineno)d %(message)s', '--typed'], {
      input: '2024-05-09 08:35:25,041 INFO [4242] app.db:17 connected\n',
    });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      line: 1, end_line: 1, matched: true,
      fields: { asctime: '2024-05-09T08:35:25.041', levelname: 'INFO', process: 4242, name: 'app.db', lineno: 17, message: 'connected' },
    });
  });
});
