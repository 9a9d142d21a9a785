/**
 * `vectorConfig`: the file source and remap transform parse back (YAML, then the VRL string literal) to
 * regexes that Rust's regex crate (Vector's parse_regex engine, Debian's librust-regex-dev) runs over
 * CPython's output with the multiline halt_before cutting; the chrono formats parse Python's times in
 * chrono (librust-chrono-dev). Missing cargo or crates skip, unless PYLOGRX_REQUIRE_ENGINES=1.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatVector, vectorConfig, vrlString } from '../src/core/collectors/vector.js';
import { buildPattern } from '../src/core/index.js';
import { collectorChecks, instant, severalFormatsChecks, TIME_CASES, type ConfigRead, type Cut } from './support/collector-checks.js';
import { chronoParse, cleanupCollectorEngines, rustProbe, rustRun } from './support/collector-engines.js';
import { describeHarness } from './support/harness.js';
import { collectorProgram, runCollector } from './support/collector-cli.js';

const config = (fmt: string, style: import('../src/core/tokenize.js').Style = '%', datefmt: string | null = null, formatTime?: import('../src/core/index.js').FormatTime) => {
  const pattern = buildPattern(fmt, { style, datefmt, formatTime });
  if (!pattern.ok) throw new Error(pattern.error.message);
  return vectorConfig(pattern.value, { path: '/srv/*.log' });
};
interface Doc {
  sources: { python_app: { include: string[]; multiline?: { start_pattern: string; mode: string; condition_pattern: string; timeout_ms: number } } };
  transforms: { python_app_parse: { source: string; inputs: string[] } };
}
const doc = (fmt: string, style: import('../src/core/tokenize.js').Style = '%', datefmt: string | null = null, formatTime?: import('../src/core/index.js').FormatTime) => parse(formatVector(config(fmt, style, datefmt, formatTime))) as Doc;

/** A VRL string literal back to its text: r'...' verbatim, "..." with VRL's escapes. */
function vrlUnquote(literal: string): string {
  if (literal.startsWith("r'")) return literal.slice(2, -1);
  return literal.slice(1, -1).replace(/\\(u\{([0-9a-f]+)\}|.)/gsu, (_, e: string, code?: string) =>
    code ? String.fromCodePoint(parseInt(code, 16)) : ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[e] ?? e);
}
const regexIn = (vrl: string) => vrlUnquote(/parse_regex!\(\.message, (r'[^']*'|"(?:[^"\\]|\\.)*")\)/su.exec(vrl)![1]!);
const formatIn = (vrl: string) => /format: ("(?:[^"\\]|\\.)*")/su.exec(vrl)?.[1];

describe('the config', () => {
  it('multiline halt_before on the head; VRL parse_regex with a raw string and parse_timestamp with chrono', () => {
    const d = doc('%(asctime)s %(levelname)-8s %(name)s: %(message)s');
    const m = d.sources.python_app.multiline!;
    expect(m).toMatchObject({ mode: 'halt_before', timeout_ms: 1000 });
    expect(m.condition_pattern).toBe(m.start_pattern);
    expect(d.transforms.python_app_parse.source).toMatch(/^\. \|= parse_regex!\(\.message, r'\^\(\?P<asctime>/u);
    expect(JSON.parse(formatIn(d.transforms.python_app_parse.source)!)).toBe('%Y-%m-%d %H:%M:%S,%3f');
  });
  it("a regex with a ' falls back to a double-quoted string that reads back to the regex", () => {
    const c = config(`%(asctime)s '%(name)s' "%(levelname)s" \\ %(message)s`);
    expect(c.regex).toContain("'");
    const literal = /parse_regex!\(\.message, (".*")\)/u.exec(c.vrl)![1]!;
    expect(literal.startsWith('"')).toBe(true);
    expect(vrlUnquote(literal)).toBe(c.regex);
    for (const text of ["it's", 'a\\b"c\n\t\x1b', "plain"]) expect(vrlUnquote(vrlString(text))).toBe(text);
  });
});

/** halt_before: a line matching the pattern starts a record; the lines after it join it with "\n". */
function vectorCut({ start, regex }: ConfigRead, log: string): Cut[] {
  const lines = log.replace(/\n$/u, '').split('\n');
  const starts = start === null ? lines.map(() => true) : rustRun(start, lines).map((row) => row !== null);
  const records: string[] = [];
  lines.forEach((line, i) => (starts[i] || records.length === 0 ? records.push(line) : (records[records.length - 1] += `\n${line}`)));
  const rows = rustRun(regex, records);
  const names = [...regex.matchAll(/\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/gu)].map((m) => m[1]!);
  return records.map((text, i) => ({ text, groups: rows[i] ? Object.fromEntries(names.map((n, g) => [n, rows[i]![g] ?? null])) : null }));
}

describeHarness('in Rust (regex and chrono crates)', rustProbe, () => {
  afterAll(cleanupCollectorEngines);
  collectorChecks('vector', {
    flavor: 'rust',
    regexes: (fmt, style, datefmt, formatTime) => {
      const d = doc(fmt, style, datefmt, formatTime);
      const vrl = d.transforms.python_app_parse.source;
      const ts = /parse_timestamp!\(\.(\w+), format: ("(?:[^"\\]|\\.)*")/u.exec(vrl);
      return { start: d.sources.python_app.multiline?.start_pattern ?? null, regex: regexIn(vrl), time: ts ? { key: ts[1]!, layout: JSON.parse(ts[2]!) as string } : null };
    },
    cut: vectorCut,
    parseTimes: (layout, texts) => chronoParse(texts.map((t) => [layout, t])).map(instant),
  });

  severalFormatsChecks('vector', 'vector', (patterns) => {
    const d = parse(formatVector(vectorConfig(patterns))) as Doc;
    const source = d.transforms.python_app_parse.source;
    const start = d.sources.python_app.multiline?.start_pattern ?? null;
    return [...source.matchAll(/parse_regex!?\(\.message, (r'[^']*'|"(?:[^"\\]|\\.)*")\)/gsu)].map((m) => ({ start, regex: vrlUnquote(m[1]!) }));
  }, vectorCut);

  it('chrono formats parse Python\'s times', () => {
    // A date alone: chrono gives "input is not enough for unique date and time", so no parse_timestamp.
    const dateOnly = config('%(asctime)s %(message)s', '%', '%A %-d %B %Y');
    expect(dateOnly.format).toBeNull();
    expect(dateOnly.warnings.map((w) => w.message).join()).toMatch(/no time of day/u);
    expect(chronoParse([['%A %-d %B %Y', 'Thursday 9 May 2024']])[0]).toMatch(/^err /u);
    const cases = [...TIME_CASES.filter(([datefmt]) => datefmt !== '%A %-d %B %Y'), ...[['%Y %j %k:%M', '2024 130  8:35', '2024-05-09T08:35:00.000Z'], ['%-d/%-m/%Y %-H:%M:%S', '9/5/2024 8:35:25', '2024-05-09T08:35:25.000Z']] as const];
    const formats = cases.map(([datefmt]) => JSON.parse(formatIn(config('%(asctime)s %(message)s', '%', datefmt).vrl)!) as string);
    expect(chronoParse(cases.map(([, value], i) => [formats[i]!, value])).map(instant)).toEqual(cases.map(([, , want]) => want));
  });
});

describe('registerVector', () => {
  it('prints the source and transform', async () => {
    const stdout = await runCollector(await collectorProgram('vector'), ['vector', '%(asctime)s %(levelname)s %(message)s', '--path', '/x/*.log', '--timeout-ms', '500', '--timezone', 'UTC']);
    const d = parse(stdout) as Doc;
    expect(d.sources.python_app).toMatchObject({ include: ['/x/*.log'], multiline: { timeout_ms: 500 } });
    expect(d.transforms.python_app_parse.source).toContain('timezone: "UTC"');
  });
});
