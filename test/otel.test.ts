/**
 * `otelConfig`: the filelog receiver parses back (YAML) to regexes that Go's regexp (stanza's engine) runs
 * over CPython's output with stanza's own record cutting; its strptime layouts, turned into Go layouts by
 * stanza's ctimefmt table, parse Python's times in Go. Missing Go skips, unless PYLOGRX_REQUIRE_ENGINES=1.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatOtel, otelConfig } from '../src/core/collectors/otel.js';
import { buildPattern } from '../src/core/index.js';
import { collectorChecks, instant, severalFormatsChecks, TIME_CASES } from './support/collector-checks.js';
import { cleanupCollectorEngines, goAvailable, goRecords, goTimeParse, GO_PACKAGES, stanzaToGo as toGo } from './support/collector-engines.js';
import { describeHarness, toolProbe } from './support/harness.js';
import { collectorProgram, runCollector } from './support/collector-cli.js';

interface Receiver { include: string[]; preserve_trailing_whitespaces?: boolean; preserve_leading_whitespaces?: boolean; multiline?: { line_start_pattern: string }; operators: { type: string; regex: string; timestamp?: { parse_from: string; layout_type: string; layout: string }; severity?: { parse_from: string; mapping: Record<string, unknown> } }[] }

function receiver(fmt: string, style: import('../src/core/tokenize.js').Style = '%', datefmt: string | null = null, formatTime?: import('../src/core/index.js').FormatTime) {
  const pattern = buildPattern(fmt, { style, datefmt, formatTime });
  if (!pattern.ok) throw new Error(pattern.error.message);
  const config = otelConfig(pattern.value, { path: '/srv/*.log' });
  const doc = parse(formatOtel(config)) as { receivers: { filelog: Receiver } };
  return { config, r: doc.receivers.filelog };
}

describe('the receiver', () => {
  it('has include, the head as line_start_pattern, a regex_parser with timestamp and severity', () => {
    const { r } = receiver('%(asctime)s %(levelname)-8s %(name)s: %(message)s');
    expect(r.include).toEqual(['/srv/*.log']);
    expect(r.multiline!.line_start_pattern).toMatch(/^\^\(\?P<asctime>/u);
    expect(r.operators[0]!.regex).toMatch(/\\n\\z$/u);
    expect(r.preserve_trailing_whitespaces).toBe(true);
    expect(r.operators[0]!.timestamp).toEqual({ parse_from: 'attributes.asctime', layout_type: 'strptime', layout: '%Y-%m-%d %H:%M:%S,%L' });
    expect(r.operators[0]!.severity!.mapping).toMatchObject({ warn: ['WARNING', 'WARN'], error: 'ERROR', fatal: ['CRITICAL', 'FATAL'] });
  });
  it('levelno maps by ranges; no head, no multiline', () => {
    expect(receiver('%(levelno)s %(asctime)s %(message)s').r.operators[0]!.severity!.mapping).toMatchObject({ info: { min: 20, max: 29 } });
    expect(receiver('%(message)s').r.multiline).toBeUndefined();
  });
  it('a datefmt stanza cannot read is a warning and no timestamp', () => {
    const { r, config } = receiver('%(asctime)s %(message)s', '%', '%j %H:%M');
    expect(r.operators[0]!.timestamp).toBeUndefined();
    expect(config.warnings.map((w) => w.message).join()).toMatch(/day of the year.*keeps the time/u);
  });
});

/**
 * The Go layout stanza parses a timestamp with: strptime through its ctimefmt table, gotime as it is.
 * null: none, or an epoch (stanza reads the number itself: no time.Parse to run).
 */
function goLayout(t: Receiver['operators'][number]['timestamp']): { key: string; layout: string } | null {
  if (t === undefined || t.layout_type === 'epoch') return null;
  return { key: t.parse_from.replace(/^attributes\./u, ''), layout: t.layout_type === 'strptime' ? toGo(t.layout) : t.layout };
}

describeHarness('in Go (stanza\'s regexp and time)', toolProbe('Go', goAvailable, GO_PACKAGES), () => {
  afterAll(cleanupCollectorEngines);
  let trim = true;
  collectorChecks('otel', {
    flavor: 're2',
    regexes: (fmt, style, datefmt, formatTime) => {
      const { r } = receiver(fmt, style, datefmt, formatTime);
      trim = !(r.preserve_leading_whitespaces && r.preserve_trailing_whitespaces);
      return { start: r.multiline?.line_start_pattern ?? null, regex: r.operators[0]!.regex, time: goLayout(r.operators[0]!.timestamp) };
    },
    parseTimes: (layout, texts) => goTimeParse(texts.map((t) => [layout, t])).map(instant),
    // No head: stanza's newline split, which drops the newline (the 'lines' cut, every line a record).
    cut: ({ start, regex }, log) => (start === null ? goRecords('lines', '', regex, log) : goRecords(trim ? 'otel-trim' : 'otel', start, regex, log)),
    recordsEndInNewline: 'always',
  });

  // The router sends an entry to the first parser whose regex matches it: the parsers' regexes in turn.
  severalFormatsChecks('otel', 'otel', (patterns) => {
    const r = (parse(formatOtel(otelConfig(patterns))) as { receivers: { filelog: Receiver } }).receivers.filelog;
    return r.operators.filter((o) => o.type === 'regex_parser').map((o) => ({ start: r.multiline?.line_start_pattern ?? null, regex: o.regex }));
  }, ({ start, regex }, log) => (start === null ? goRecords('lines', '', regex, log) : goRecords('otel', start, regex, log)));

  it("stanza's default trimming would lose a message's trailing spaces (why the receiver preserves whitespace)", () => {
    const { r } = receiver('%(levelname)s: %(message)s');
    const trimmed = goRecords('otel-trim', r.multiline!.line_start_pattern, r.operators[0]!.regex.replace(/\\n\\z$/u, '\\z'), 'INFO: spaces   \nINFO: \n');
    expect(trimmed.map((c) => c.groups?.message ?? null)).toEqual(['spaces', null]);
  });

  it('strptime layouts parse Python\'s times', () => {
    const cases = [...TIME_CASES, ...[['%b %e %Y', 'May  9 2024', '2024-05-09T00:00:00.000Z']] as const];
    const layouts = cases.map(([datefmt]) => receiver('%(asctime)s %(message)s', '%', datefmt).r.operators[0]!.timestamp!.layout);
    expect(goTimeParse(cases.map(([, value], i) => [toGo(layouts[i]!), value])).map(instant)).toEqual(cases.map(([, , want]) => want));
  });
});

describe('registerOtel', () => {
  it('prints the receiver for the format and options', async () => {
    const stdout = await runCollector(await collectorProgram('otel'), ['otel', '%(asctime)s %(levelname)s %(message)s', '--path', '/x/*.log', '--name', 'py', '--location', 'UTC']);
    const r = (parse(stdout) as { receivers: Record<string, Receiver & { start_at: string }> }).receivers['filelog/py']!;
    expect(r.include).toEqual(['/x/*.log']);
    expect(r.operators[0]!.timestamp).toMatchObject({ location: 'UTC' });
  });
});
