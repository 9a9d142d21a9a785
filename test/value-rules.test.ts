/**
 * The value rules (src/core/values.ts) against CPython, case by case, generated from the rows: for each
 * row, placeholders of each kind it is for, with each letter and spec part it names, that the picker
 * sends to that row. scripts/render_values.py formats three records through each with CPython; then
 * either CPython raises on every record and pylogrx refuses the format with CPython's text at the
 * placeholder's column (or warns, for a row that raises only before a version), or every line CPython
 * printed matches the regex and the field reads back as the value Python held.
 *
 * Runs on the committed fixture (fixtures/values/values.json, every interpreter pyenv had) and, where
 * Python is installed, live on every interpreter. PYLOGRX_RECAPTURE=1 rewrites the fixture.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lookupField } from '../src/core/catalogue.js';
import { buildPattern, type FieldPart, type Pattern } from '../src/core/pattern.js';
import { groupNames, render } from '../src/core/render.js';
import { tokenize, type FieldToken, type Style } from '../src/core/tokenize.js';
import { valueReaders } from '../src/core/typed.js';
import { pickRule, VALUE_RULES, type Feature, type ValueKind, type ValueRule } from '../src/core/values.js';
import { FIXTURES } from './support/corpus.js';
import { lastDigit } from './support/numbers.js';
import { pythons, runPython, type Interpreter } from './support/python.js';

interface ValueCase {
  readonly id: string;
  /** The row it was made for. */
  readonly rule: number;
  readonly style: Style;
  readonly fmt: string;
  readonly field: string;
  /** The extra= attribute `foo` in each record. */
  readonly extra: readonly (string | number)[];
}

type Rendered = { readonly line: string; readonly value: string | number | null } | { readonly raises: readonly [string, string] };

interface Run {
  readonly python: string;
  readonly results: Readonly<Record<string, readonly Rendered[]>>;
}

/** Fields of each kind, with the conversion that makes them that kind in {} style. */
const FIELDS: Readonly<Record<ValueKind, readonly string[]>> = {
  text: ['levelname', 'threadName', 'foo'],
  message: ['message'],
  time: ['asctime'],
  quoted: ['levelname', 'threadName', 'message', 'asctime'],
  'str(int)': ['lineno', 'process'],
  'str(float)': ['created', 'relativeCreated'],
  int: ['lineno', 'levelno', 'process', 'foo'],
  float: ['created', 'msecs', 'relativeCreated', 'foo'],
};
const CONVERSION: Readonly<Record<ValueKind, string>> = { text: '', message: '', time: '', quoted: '!r', 'str(int)': '!s', 'str(float)': '!s', int: '', float: '' };
const EXTRA = { text: ['req-1', 'a b', ''], int: [42, -7, 123456], float: [-3.25, 0.5, 1234.5678] } as const;

/** The spec a feature is written with in {} style, before the type letter. */
const FEATURE_SPEC: Readonly<Record<Feature, string>> = {
  sign: '+', '#': '#', ',': ',', _: '_', "'='": '=12', precision: '.3', "'0'": '012', 'digit fill after': '0<12',
};

/** The letters a row without its own list is for: what a kind is printed with. */
function lettersFor(rule: ValueRule, kind: ValueKind): readonly string[] {
  if (rule.as) return rule.as;
  if (rule.style === '{') return ['int', 'float'].includes(kind) ? [''] : ['', 's'];
  return kind === 'quoted' ? ['r', 'a'] : kind.startsWith('str(') ? ['s', 'r', 'a'] : ['s'];
}

function placeholder(style: '%' | '{', kind: ValueKind, field: string, letter: string, spec: string): string {
  if (style === '%') return `%(${field})${spec}${letter}`;
  const format = spec + letter;
  return `{${field}${CONVERSION[kind]}${format ? `:${format}` : ''}}`;
}

const PREFIX = 'at ';

function token(fmt: string, style: Style): FieldToken {
  const tokens = tokenize(fmt, style);
  if (!tokens.ok) throw new Error(`${fmt}: ${tokens.error.message}`);
  return tokens.value.find((t): t is FieldToken => t.kind === 'field')!;
}

/** Whether the picker reaches this row for the placeholder: it decides, or notes on the way. */
function reaches(rule: ValueRule, fmt: string, style: Style): boolean {
  const t = token(fmt, style);
  const pick = pickRule(lookupField(t.key).entry, t.spec, style);
  return pick.rule === rule || pick.notes.includes(rule);
}

/** Every row's cases: each kind × letter × spec part it names (or none, and a width), that reach it. */
function valueCases(): ValueCase[] {
  const cases = new Map<string, ValueCase>();
  VALUE_RULES.forEach((rule: ValueRule, index) => {
    const specs = rule.with ? rule.with.map((f) => (rule.style === '%' ? '.3' : FEATURE_SPEC[f])) : rule.style === '%' ? ['', '12', '-12'] : ['', '>12'];
    for (const kind of rule.of) {
      const letters = lettersFor(rule, kind);
      // Long lists of letters (the ones a type refuses) with one field; short ones with each.
      const fields = letters.length > 4 ? FIELDS[kind].slice(0, 1) : FIELDS[kind];
      for (const field of fields) {
        for (const letter of letters) {
          for (const spec of specs) {
            const fmt = PREFIX + placeholder(rule.style, kind, field, letter, spec);
            const id = `${rule.style} ${fmt}`;
            if (cases.has(id) || !reaches(rule, fmt, rule.style)) continue;
            const extra = field === 'foo' ? EXTRA[kind === 'int' || kind === 'float' ? kind : 'text'] : EXTRA.text;
            cases.set(id, { id, rule: index, style: rule.style, fmt, field, extra });
          }
        }
      }
    }
  });
  return [...cases.values()];
}

const CASES = valueCases();
const SCRIPT = join(import.meta.dirname, '..', 'scripts', 'render_values.py');
const FIXTURE = join(FIXTURES, 'values', 'values.json');

const renderWith = (python: Interpreter): Run => JSON.parse(runPython(python, [SCRIPT], JSON.stringify(CASES))) as Run;

if (process.env.PYLOGRX_RECAPTURE) {
  writeFileSync(FIXTURE, `${JSON.stringify({ cases: CASES, runs: pythons().map(renderWith) })}\n`);
}
const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { cases: ValueCase[]; runs: Run[] };

const built = new Map<string, ReturnType<typeof buildPattern>>();
const build = (c: ValueCase) => built.get(c.id) ?? built.set(c.id, buildPattern(c.fmt, { style: c.style })).get(c.id)!;
const before310 = (version: string) => Number(version.split('.')[1]) < 10;
/** 3.8 and 3.9 say "a number is required" where later versions say "a real number is required". */
const plain = (message: string) => message.replace('a real number', 'a number');

function expectCase(c: ValueCase, rendered: readonly Rendered[], python: string): void {
  const label = `${c.id} (Python ${python})`;
  const result = build(c);
  const raised = rendered.flatMap((r) => ('raises' in r ? [r.raises] : []));
  const printed = rendered.flatMap((r) => ('line' in r ? [r] : []));
  if (!result.ok) {
    expect(printed, `${label}: pylogrx refuses it, CPython printed`).toEqual([]);
    expect(result.error.column, label).toBe(PREFIX.length);
    // A record whose value is None raises for None: the others say what pylogrx says.
    const said = raised.filter(([, message]) => !message.includes('NoneType')).map(([error, message]) => `${plain(message)} (Python: ${error},`);
    expect(said.length, label).toBeGreaterThan(0);
    for (const text of said) expect(plain(result.error.message), label).toContain(text);
    return;
  }
  const older = (VALUE_RULES[c.rule] as ValueRule & { before?: string }).before;
  if (older && before310(python)) {
    expect(printed, `${label}: CPython before ${older} raises`).toEqual([]);
    const warning = result.value.warnings.find((w) => w.column === PREFIX.length && w.message.includes(raised[0]![1]));
    expect(warning, `${label}: warns ${raised[0]![1]}`).toBeDefined();
    return;
  }
  expect(printed.length, `${label}: CPython raised ${JSON.stringify(raised[0])} on every record, pylogrx accepts it`).toBeGreaterThan(0);
  expectPrinted(result.value, printed, label);
}

/** Each line matches whole, and the field reads back as the value Python held. */
function expectPrinted(pattern: Pattern, printed: readonly { line: string; value: string | number | null }[], label: string): void {
  const rx = new RegExp(render(pattern, 'js', { mode: 'record' }), 'u');
  const part = pattern.parts.find((p): p is FieldPart => p.kind === 'field')!;
  const name = groupNames(pattern, 'js').get(part.capture)!;
  const read = valueReaders(pattern).get(name);
  for (const { line, value } of printed) {
    const where = `${label}: ${JSON.stringify(line)}`;
    const text = rx.exec(line)?.groups?.[name];
    expect(text, `${where} matches ${rx.source}`).toBeDefined();
    if (part.reading.kind === 'number') {
      const got = read!(text!);
      if (value === null) expect(got, where).toBeNull();
      else expect(Math.abs((got as number) - (value as number)), `${where}: ${text} read as ${got}, Python held ${value}`).toBeLessThanOrEqual(lastDigit(text!));
    } else if (part.reading.kind === 'time') {
      expect(read!(text!), where).toBe(value);
    } else {
      expect(read, `${where}: stays text`).toBeUndefined();
      if (part.startValue !== null || part.multiline) expect(text, where).toContain(String(value));
    }
  }
}

describe('value rules: the cases come from the rows', () => {
  it('every row has cases that reach it', () => {
    const reached = new Set(CASES.map((c) => c.rule));
    const missing = VALUE_RULES.map((rule, i) => [i, rule] as const).filter(([i]) => !reached.has(i));
    expect(missing).toEqual([]);
  });

  it('the fixture holds them (else: PYLOGRX_RECAPTURE=1 npx vitest run test/value-rules.test.ts)', () => {
    expect(fixture.cases).toEqual(CASES);
  });
});

describe('value rules against CPython (fixture)', () => {
  for (const run of fixture.runs) {
    it(`Python ${run.python}: ${fixture.cases.length} formats`, () => {
      for (const c of fixture.cases) expectCase(c, run.results[c.id]!, run.python);
    });
  }
});

describe('value rules against CPython (live)', () => {
  for (const python of pythons()) {
    it(`Python ${python.version}`, () => {
      const run = renderWith(python);
      for (const c of CASES) expectCase(c, run.results[c.id]!, run.python);
    });
  }
});
