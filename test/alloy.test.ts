/**
 * `alloyConfig`: the Alloy pipeline (River) and the Promtail YAML parse back to the same regexes, which
 * Go's regexp (Loki's engine) runs over CPython's output with the multiline stage's cutting; River strings
 * unquote in Go (strconv.Unquote: River's escapes are Go's); the Go layouts parse Python's times in Go's
 * time.Parse. Missing Go skips, unless PYLOGRX_REQUIRE_ENGINES=1.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { alloyConfig, formatAlloy, formatPromtail, riverString } from '../src/core/collectors/alloy.js';
import { buildPattern } from '../src/core/index.js';
import { collectorChecks, instant, severalFormatsChecks, TIME_CASES } from './support/collector-checks.js';
import { cleanupCollectorEngines, goAvailable, goRecords, goTimeParse, goUnquote, GO_PACKAGES } from './support/collector-engines.js';
import { describeHarness, toolProbe } from './support/harness.js';
import { collectorProgram, runCollector } from './support/collector-cli.js';

const config = (fmt: string, style: import('../src/core/tokenize.js').Style = '%', datefmt: string | null = null, formatTime?: import('../src/core/index.js').FormatTime) => {
  const pattern = buildPattern(fmt, { style, datefmt, formatTime });
  if (!pattern.ok) throw new Error(pattern.error.message);
  return alloyConfig(pattern.value);
};

/** A River attribute's string literal, as written: `name = "..."` (double-quoted, with escapes). */
function riverAttribute(river: string, name: string): string | null {
  const m = new RegExp(`^\\s*${name}\\s*=\\s*("(?:[^"\\\\\\n]|\\\\.)*")`, 'mu').exec(river);
  return m ? m[1]! : null;
}

interface Promtail { scrape_configs: { pipeline_stages: Record<string, Record<string, string>>[] }[] }
const stages = (yaml: string) => Object.assign({}, ...(parse(yaml) as Promtail).scrape_configs[0]!.pipeline_stages) as Record<string, Record<string, string>>;

describe('the pipeline', () => {
  it('Alloy has multiline, regex, timestamp and labels stages; Promtail the same in YAML', () => {
    const c = config('%(asctime)s %(levelname)-8s %(name)s: %(message)s');
    const river = formatAlloy(c, { path: '/srv/*.log' });
    expect(river).toContain('stage.multiline {');
    expect(river).toContain('values = { level = "levelname" }');
    expect(river).toContain('format   = "2006-01-02 15:04:05,000"');
    // Go reads a time without an offset as UTC: the host's zone unless --location says.
    expect(river).toContain('location = "Local"');
    // The default max_lines (128) would cut a long traceback in two.
    expect(river).toContain('max_lines     = 0');
    const s = stages(formatPromtail(c));
    expect(s.regex!.expression).toBe(c.expression);
    expect(s.multiline!.firstline).toBe(c.firstline);
    expect(s.timestamp).toEqual({ source: 'asctime', format: '2006-01-02 15:04:05,000', location: 'Local' });
    expect(s.multiline).toMatchObject({ max_lines: 0 });
    expect(s.labels).toEqual({ level: 'levelname' });
  });
  it('datefmts Go cannot read: a warning, and no timestamp stage', () => {
    for (const datefmt of ['%k:%M', '%Y week %U', '%H:%M:%S 1']) {
      const c = config('%(asctime)s %(message)s', '%', datefmt);
      expect(c.layout, datefmt).toBeNull();
      expect(c.warnings.map((w) => w.message).join(), datefmt).toMatch(/keeps the time/u);
    }
  });
});

/**
 * The Go layout Loki's timestamp stage parses with: its named layouts are Go's constants (stages/util.go);
 * null: none, or Unix (Loki reads the number itself: no time.Parse to run).
 */
function lokiLayout(time: { key: string; layout: string } | null): { key: string; layout: string } | null {
  if (time === null || time.layout === 'Unix') return null;
  return { key: time.key, layout: time.layout.replace(/^RFC3339$/u, '2006-01-02T15:04:05Z07:00') };
}
const lokiParse = (layout: string, texts: readonly string[]) => goTimeParse(texts.map((t) => [layout, t])).map(instant);

describeHarness('in Go (Loki\'s regexp, time.Parse, strconv.Unquote)', toolProbe('Go', goAvailable, GO_PACKAGES), () => {
  afterAll(cleanupCollectorEngines);
  const unquoted = (literal: string | null) => goUnquote([literal!])[0];

  collectorChecks('alloy', {
    flavor: 're2',
    regexes: (fmt, style, datefmt, formatTime) => {
      const river = formatAlloy(config(fmt, style, datefmt, formatTime));
      const first = riverAttribute(river, 'firstline');
      const [source, format] = ['source', 'format'].map((a) => riverAttribute(river.slice(river.indexOf('stage.timestamp {')), a));
      const time = river.includes('stage.timestamp {') ? { key: unquoted(source!)!, layout: unquoted(format!)! } : null;
      return { start: first === null ? null : unquoted(first)!, regex: unquoted(riverAttribute(river, 'expression'))!, time: lokiLayout(time) };
    },
    cut: ({ start, regex }, log) => goRecords('lines', start ?? '', regex, log),
    parseTimes: lokiParse,
  });

  collectorChecks('promtail', {
    flavor: 're2',
    regexes: (fmt, style, datefmt, formatTime) => {
      const s = stages(formatPromtail(config(fmt, style, datefmt, formatTime)));
      return { start: s.multiline?.firstline ?? null, regex: s.regex!.expression!, time: lokiLayout(s.timestamp ? { key: s.timestamp.source!, layout: s.timestamp.format! } : null) };
    },
    cut: ({ start, regex }, log) => goRecords('lines', start ?? '', regex, log),
    parseTimes: lokiParse,
  });

  // Each stage.match keeps the records the formats before it did not match: the expressions in turn.
  severalFormatsChecks('alloy', 'alloy', (patterns) => {
    const river = formatAlloy(alloyConfig(patterns));
    const first = riverAttribute(river, 'firstline');
    const expressions = [...river.matchAll(/^\s*expression = ("(?:[^"\\\n]|\\.)*")/gmu)].map((m) => m[1]!);
    const start = first === null ? null : unquoted(first)!;
    return goUnquote(expressions).map((e) => ({ start, regex: e! }));
  }, ({ start, regex }, log) => goRecords('lines', start ?? '', regex, log));

  it('River strings unquote to the text, whatever it holds', () => {
    const texts = ['plain', 'back\\slash "quoted" \\z', 'tab\there\nnewline\r', '\x1b[31m\x00\x7f', 'ünïcödé \u2028 \u0085 ☃ 𝄞', '${x} {{ y }}'];
    expect(goUnquote(texts.map(riverString))).toEqual(texts);
  });

  it('Go layouts parse Python\'s times', () => {
    const cases = [...TIME_CASES, ...[['%Y %j %H', '2024 130 08', '2024-05-09T08:00:00.000Z'], ['%-d/%-m/%Y %-H:%M', '9/5/2024 8:35', '2024-05-09T08:35:00.000Z']] as const];
    const layouts = cases.map(([datefmt]) => config('%(asctime)s %(message)s', '%', datefmt).layout!);
    expect(goTimeParse(cases.map(([, value], i) => [layouts[i]!, value])).map(instant)).toEqual(cases.map(([, , want]) => want));
    expect(config('%(asctime)s %(message)s', '%', '%s').layout).toBe('Unix');
  });
});

describe('registerAlloy', () => {
  it('prints River, or Promtail YAML with --promtail', async () => {
    const river = await runCollector(await collectorProgram('alloy'), ['alloy', '%(asctime)s %(levelname)s %(message)s', '--path', '/x/*.log', '--datefmt', '%H:%M:%S %k']);
    expect(river).toContain('"__path__" = "/x/*.log"');
    expect(river).not.toContain('stage.timestamp');
    const promtail = await runCollector(await collectorProgram('alloy'), ['alloy', '%(asctime)s %(levelname)s %(message)s', '--promtail', '--name', 'app']);
    expect((parse(promtail) as { scrape_configs: { job_name: string }[] }).scrape_configs[0]!.job_name).toBe('app');
  });
});
