/**
 * `check` on CPython logs with lines injected between records (scripts/render_defects.py,
 * fixtures/defects): a line of this format gone wrong (head cut short, another datefmt, the default
 * asctime without ",mmm", month 13, swapped fields) or of another shape (gunicorn, syslog, basicConfig,
 * a warnings line with its source line, an ISO or bracketed time) must come out as its own failed object,
 * never glued onto the record before it; Python's own records, tracebacks and message newlines included,
 * must keep their exact boundaries and match, under any head (`%(message)s` alone included).
 *
 * An expected object of kind `injected` may come out as kind `record` or `foreign`; one of kind `foreign`
 * (a shape the format itself cannot print) must be `foreign`. Runs on the committed fixture and, where
 * Python is installed, live on every interpreter.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assert, describe, expect, it } from 'vitest';
import { buildPattern, render, RecordChecker, type CheckedRecord, type Style } from '../src/core/index.js';
import { FIXTURES } from './support/corpus.js';
import { pythons, rendered } from './support/python.js';

interface ExpectedObject {
  readonly line: number;
  readonly end_line: number;
  readonly kind: 'record' | 'foreign' | 'injected';
  readonly matched: boolean;
  /** The defect or foreign shape, for injected lines. */
  readonly inject?: string;
}

interface DefectsCase {
  readonly id: string;
  readonly source: string;
  readonly fmt: string;
  readonly style: Style;
  readonly datefmt: string | null;
  /** `typed`: a time or number before the message; `weak`: none; `none`: nothing but the message. */
  readonly head: 'typed' | 'weak' | 'none';
  readonly python: string;
  /** The whole log, ending in a newline. */
  readonly text: string;
  readonly expected: readonly ExpectedObject[];
}

interface GotObject {
  readonly line: number;
  readonly endLine: number;
  readonly matched: boolean;
  readonly kind: 'record' | 'foreign';
  readonly error: CheckedRecord['error'];
}

function loadDefects(dir = join(FIXTURES, 'defects')): DefectsCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'index.json')
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as DefectsCase);
}

function linesOf(c: DefectsCase): string[] {
  const lines = c.text.split('\n');
  lines.pop(); // the final newline ends the last line
  return lines;
}

function patternOf(c: DefectsCase) {
  const pattern = buildPattern(c.fmt, { style: c.style, datefmt: c.datefmt });
  if (!pattern.ok) throw new Error(`${c.id}: ${pattern.error.message} at column ${pattern.error.column}`);
  return pattern.value;
}

/** A record without `kind` (the checker before foreign lines were told apart) counts as a record. */
function kindOf(r: CheckedRecord): 'record' | 'foreign' {
  return (r as CheckedRecord & { readonly kind?: 'record' | 'foreign' }).kind ?? 'record';
}

function runChecker(c: DefectsCase, lines: readonly string[]): GotObject[] {
  const checker = new RecordChecker(patternOf(c), { fields: true });
  const out: GotObject[] = [];
  const keep = (r: CheckedRecord | null) => {
    if (r !== null) out.push({ line: r.line, endLine: r.endLine, matched: r.matched, kind: kindOf(r), error: r.error });
  };
  for (const line of lines) keep(checker.push(line));
  keep(checker.end());
  return out;
}

function agrees(want: ExpectedObject, got: GotObject | undefined): boolean {
  if (got === undefined || got.line !== want.line || got.endLine !== want.end_line || got.matched !== want.matched) return false;
  return want.kind === 'injected' ? got.kind === 'record' || got.kind === 'foreign' : got.kind === want.kind;
}

function showLines(lines: readonly string[], from: number, to: number): string {
  const out: string[] = [];
  for (let n = Math.max(1, from); n <= Math.min(lines.length, to); n++) out.push(`  ${String(n).padStart(4)} | ${JSON.stringify(lines[n - 1])}`);
  return out.join('\n');
}

function describeWant(w: ExpectedObject): string {
  return `{line ${w.line}, end_line ${w.end_line}, kind ${w.kind}, matched ${w.matched}${w.inject ? `, inject ${w.inject}` : ''}}`;
}

function describeGot(g: GotObject | undefined): string {
  if (g === undefined) return 'nothing';
  const error = g.error ? `, error ${g.error.field ?? ''} expected ${g.error.expected} at line ${g.error.line} column ${g.error.column}` : '';
  return `{line ${g.line}, endLine ${g.endLine}, kind ${g.kind}, matched ${g.matched}${error}}`;
}

/** null when the checker gives exactly the expected objects; else what differs first, with its lines. */
function firstDifference(c: DefectsCase, lines: readonly string[], got: readonly GotObject[]): string | null {
  const i = c.expected.findIndex((want, k) => !agrees(want, got[k]));
  if (i < 0 && got.length === c.expected.length) return null;
  const k = i < 0 ? c.expected.length : i;
  const want = c.expected[k];
  const have = got[k];
  const from = Math.min(want?.line ?? Infinity, have?.line ?? Infinity);
  const to = Math.max(want?.end_line ?? 0, have?.endLine ?? 0);
  // The expected objects the one given overlaps: an injected line glued onto a record shows here.
  const covered = have === undefined ? [] : c.expected.filter((e) => e.line <= have.endLine && e.end_line >= have.line);
  const cover = covered.length > 1 || (covered.length === 1 && covered[0] !== want) ? [`  which covers ${covered.map(describeWant).join(', ')}`] : [];
  return [
    `${c.id} (Python ${c.python}): ${JSON.stringify(c.fmt)} style ${c.style} datefmt ${JSON.stringify(c.datefmt)} (${c.head} head)`,
    `object ${k + 1} of ${c.expected.length} expected, ${got.length} given:`,
    `  expected ${want ? describeWant(want) : 'nothing'}`,
    `  got      ${describeGot(have)}`,
    ...cover,
    showLines(lines, from, Math.min(to, from + 40)),
  ].join('\n');
}

/** Every line is in exactly one object, in order. */
function coverageProblem(lines: readonly string[], got: readonly GotObject[]): string | null {
  let next = 1;
  for (const g of got) {
    if (g.line !== next || g.endLine < g.line) return `object ${describeGot(g)} does not start at line ${next} (every line in exactly one object)`;
    next = g.endLine + 1;
  }
  return next === lines.length + 1 ? null : `the objects end at line ${next - 1}, the input has ${lines.length}`;
}

/** The failure of one case, or null: every line in exactly one object, and the objects expected. */
function caseFailure(c: DefectsCase): string | null {
  const lines = linesOf(c);
  const got = runChecker(c, lines);
  const coverage = coverageProblem(lines, got);
  const difference = firstDifference(c, lines, got);
  if (difference === null) return coverage === null ? null : `${c.id}: ${coverage}`;
  // Whether the checker gets Python's records right once the injected lines are taken out.
  const kept = c.expected.filter((e) => e.kind === 'record');
  const clean = kept.flatMap((e) => lines.slice(e.line - 1, e.end_line));
  let n = 1;
  const renumbered = kept.map((e) => {
    const r = { ...e, line: n, end_line: n + e.end_line - e.line };
    n = r.end_line + 1;
    return r;
  });
  const alone = firstDifference({ ...c, expected: renumbered }, clean, runChecker(c, clean)) === null;
  return [
    ...(coverage === null ? [] : [`${c.id}: ${coverage}`]),
    difference,
    `(without the injected lines, Python's records come out ${alone ? 'right' : 'wrong too'})`,
  ].join('\n');
}

/** logging's own level names (and `Level N` for a level without one). */
const STANDARD_LEVEL = /^ *(?:CRITICAL|FATAL|ERROR|WARNING|WARN|INFO|DEBUG|NOTSET|Level -?\d+) *$/u;

/**
 * The fixture, not the checker: every format builds, every Python record matches the record regex, and
 * no injected line but month 13 (a shape a date regex cannot refuse) matches the line regex (under a
 * weak head, with CPython's level names), so no expectation is wrong by construction.
 */
function fixtureProblems(c: DefectsCase): string[] {
  const pattern = patternOf(c);
  const lines = linesOf(c);
  const record = new RegExp(render(pattern, 'js', { mode: 'record' }), 'u');
  const line = new RegExp(render(pattern, 'js'), 'u');
  // Under a weak head a record starts only at CPython's level names, whatever the line regex allows.
  const starts = (text: string) => {
    const m = line.exec(text);
    return m !== null && (c.head !== 'weak' || STANDARD_LEVEL.test(m.groups?.['levelname'] ?? ''));
  };
  const problems: string[] = [];
  const asGot = c.expected.map((e) => ({ line: e.line, endLine: e.end_line, matched: e.matched, kind: 'record' as const, error: null }));
  const coverage = coverageProblem(lines, asGot);
  if (coverage !== null) problems.push(`${c.id}: expected objects: ${coverage}`);
  for (const e of c.expected) {
    const text = lines.slice(e.line - 1, e.end_line).join('\n');
    if (e.kind === 'record' && !record.test(text)) problems.push(`${c.id}: Python's record at line ${e.line} does not match\n${showLines(lines, e.line, e.end_line)}`);
    if (e.kind !== 'record' && e.inject !== 'month-13' && starts(lines[e.line - 1]!)) {
      problems.push(`${c.id}: injected ${e.inject} at line ${e.line} matches the format: ${JSON.stringify(lines[e.line - 1])}`);
    }
  }
  return problems;
}

const fixture = loadDefects();

describe('check keeps injected lines out of CPython records (fixture)', () => {
  it('has the formats', () => {
    expect(fixture.length).toBeGreaterThan(150);
    expect(fixture.filter((c) => c.head === 'weak').length).toBeGreaterThan(10);
    expect(fixture.filter((c) => c.head === 'none').length).toBeGreaterThan(0);
  });

  it('is a fixture whose expectations hold by construction', () => {
    expect(fixture.flatMap(fixtureProblems).slice(0, 5).join('\n\n')).toBe('');
  });

  for (const c of fixture) {
    it(`${c.id}: ${c.fmt}`, () => {
      const failure = caseFailure(c);
      if (failure !== null) assert.fail(failure);
    });
  }
});

describe('check keeps injected lines out of CPython records (live)', () => {
  for (const python of pythons()) {
    it(`Python ${python.version}`, () => {
      const cases = rendered(python, 'render_defects.py', loadDefects);
      expect(cases.length).toBeGreaterThan(150);
      expect(cases.flatMap(fixtureProblems).slice(0, 5).join('\n\n')).toBe('');
      const failures = cases.map(caseFailure).filter((f): f is string => f !== null);
      if (failures.length > 0) assert.fail(`${failures.length} of ${cases.length} formats fail; the first:\n\n${failures.slice(0, 3).join('\n\n')}`);
    });
  }
});
