/**
 * `--style json` and `--style logfmt` in every collector: the config names the agent's own JSON or
 * key=value parser, with the time key and its layout, and the level. Proven on the lines the real loggers
 * wrote (fixtures/keyvalue, scripts/capture_keyvalue.py: structlog's JSONRenderer and LogfmtRenderer,
 * python-json-logger's JsonFormatter):
 * - each target's config, read back from what it prints, names its parser and the time key and layout;
 * - the JSON values: Go's encoding/json (what stanza's json_parser and Loki's stage.json decode with, up
 *   to the library: stanza uses a drop-in of it) and Ruby's JSON (a stand-in for Fluent Bit's and
 *   Logstash's own parsers) read every key of every line as the logger wrote it, the traceback included;
 * - the times: the layout each config names parses every record's time, in the target's engine (Go's
 *   time.Parse for OTel and Alloy, Ruby's strptime for Fluent Bit, chrono for Vector), to the instant it
 *   means. Logstash's Joda and Logtail's strptime have no harness here: their configs are checked as shapes.
 * - logfmt in Logtail is the format's regex (the agent has no native key=value parser): the pipeline's
 *   start pattern, regex and keys run in Boost.Regex under both agents' start-line rules.
 * lnav's JSON and logfmt definitions run in lnav itself (test/lnav.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildPattern, emitConfig, type Collector, type Pattern } from '../src/core/index.js';
import { instant } from './support/collector-checks.js';
import { chronoParse, cleanupCollectorEngines, goAvailable, goJson, goTimeParse, GO_PACKAGES, rustProbe, stanzaToGo } from './support/collector-engines.js';
import { describeHarness, toolProbe } from './support/harness.js';
import { cleanupLogtailEngine, LOGTAIL_PACKAGES, logtailEngineAvailable, runLogtail } from './support/logtail-engine.js';
import { rubyJson, rubyProbe, rubyStrptime } from './support/onigmo.js';

interface Case {
  readonly renderer: string;
  readonly style: 'json' | 'logfmt';
  readonly format: string;
  readonly log: string;
  readonly records: readonly { readonly text: string; readonly fields: Record<string, string> }[];
}
const CASES = (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'keyvalue', 'records.json'), 'utf8')) as { cases: Case[] }).cases;
const JSON_CASES = CASES.filter((c) => c.style === 'json');
const LOGFMT = CASES.find((c) => c.renderer.includes('LogfmtRenderer'))!;

const patternOf = (c: Pick<Case, 'format' | 'style'>, datefmt: string | null = null): Pattern => {
  const p = buildPattern(c.format, { style: c.style, datefmt });
  if (!p.ok) throw new Error(p.error.message);
  return p.value;
};
const text = (target: Collector, patterns: readonly Pattern[], options: Record<string, unknown> = {}) =>
  emitConfig(target, patterns, options as never).files.map((f) => f.text).join('\n');

/** The time key of a case and the instant each record's time means (a time written without an offset is read as UTC). */
function times(c: Case): { key: string; values: [string, string][] } {
  const key = c.format.includes('asctime') ? 'asctime' : 'timestamp';
  const values = c.records.flatMap((r): [string, string][] => {
    const v = r.fields[key]!;
    if (!/^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d/u.test(v)) return []; // a hostile value in the time's place
    return [[v, new Date(/Z$/u.test(v) ? v : `${v.replace(' ', 'T').replace(',', '.')}Z`).toISOString()]];
  });
  return { key, values };
}

/** What a target's config says for one format: the parser it names, the time key and layout, the level key. */
interface Read {
  readonly parser: string;
  readonly timeKey: string | null;
  readonly layout: string | null;
  readonly level?: string | null;
}

type Doc = Record<string, any>;
const READERS: Record<Collector, (config: string) => Read> = {
  fluentbit: (t) => {
    const v = (k: string) => new RegExp(`^ {4}${k} +(.*)$`, 'mu').exec(t)?.[1] ?? null;
    return { parser: `Format ${v('Format')}`, timeKey: v('Time_Key'), layout: v('Time_Format') };
  },
  vector: (t) => {
    const vrl = (parse(t) as Doc).transforms.python_app_parse.source as string;
    const ts = /parse_timestamp!\(\.(\w+), format: ("(?:[^"\\]|\\.)*")/u.exec(vrl);
    return { parser: /parse_(json|logfmt)/u.exec(vrl)![0], timeKey: ts?.[1] ?? null, layout: ts ? (JSON.parse(ts[2]!) as string) : null };
  },
  otel: (t) => {
    const op = (parse(t) as Doc).receivers.filelog.operators[0];
    return { parser: op.type, timeKey: op.timestamp?.parse_from.replace('attributes.', '') ?? null, layout: op.timestamp ? `${op.timestamp.layout_type} ${op.timestamp.layout}` : null, level: op.severity?.parse_from.replace('attributes.', '') ?? null };
  },
  alloy: (t) => ({
    parser: /stage\.(json|logfmt)/u.exec(t)![0],
    timeKey: /source {3}= "(\w+)"/u.exec(t)?.[1] ?? null,
    layout: /format {3}= "([^"]*)"/u.exec(t)?.[1] ?? null,
    level: /level = "(\w+)"/u.exec(t)?.[1] ?? null,
  }),
  logstash: (t) => {
    const date = /match => \["(\w+)", "([^"]*)"\]/u.exec(t);
    return { parser: /^ {2}(json|kv|grok) \{/mu.exec(t)![1]!, timeKey: date?.[1] ?? null, layout: date?.[2] ?? null };
  },
  logtail: (t) => {
    const d = parse(t.replace(/^#.*$/gmu, '')) as Doc;
    const ts = d.processors.find((p: Doc) => p.Type === 'processor_parse_timestamp_native');
    return { parser: d.processors[0].Type, timeKey: ts?.SourceKey ?? null, layout: ts?.SourceFormat ?? null };
  },
  lnav: (t) => {
    const [spec] = Object.values(JSON.parse(t) as Doc).filter((v) => typeof v === 'object') as Doc[];
    return { parser: spec!.json ? 'json: true' : 'regex', timeKey: spec!['timestamp-field'] ?? null, layout: spec!['timestamp-format']?.[0] ?? null, level: spec!['level-field'] ?? null };
  },
};

const [STRUCTLOG, JSON_LOGGER] = JSON_CASES as [Case, Case];
const EXPECTED: { target: Collector; structlog: Read; jsonLogger: Read; logfmt: Read }[] = [
  {
    target: 'fluentbit', structlog: { parser: 'Format json', timeKey: 'timestamp', layout: '%Y-%m-%dT%H:%M:%S.%L%z' },
    jsonLogger: { parser: 'Format json', timeKey: 'asctime', layout: '%Y-%m-%d %H:%M:%S,%L' }, logfmt: { parser: 'Format logfmt', timeKey: 'timestamp', layout: '%Y-%m-%dT%H:%M:%S.%L%z' },
  },
  {
    target: 'vector', structlog: { parser: 'parse_json', timeKey: 'timestamp', layout: '%+' },
    jsonLogger: { parser: 'parse_json', timeKey: 'asctime', layout: '%Y-%m-%d %H:%M:%S,%3f' }, logfmt: { parser: 'parse_logfmt', timeKey: 'timestamp', layout: '%+' },
  },
  {
    target: 'otel', structlog: { parser: 'json_parser', timeKey: 'timestamp', layout: 'gotime 2006-01-02T15:04:05Z07:00', level: 'level' },
    jsonLogger: { parser: 'json_parser', timeKey: 'asctime', layout: 'strptime %Y-%m-%d %H:%M:%S,%L', level: 'levelname' },
    logfmt: { parser: 'key_value_parser', timeKey: 'timestamp', layout: 'gotime 2006-01-02T15:04:05Z07:00', level: 'level' },
  },
  {
    target: 'alloy', structlog: { parser: 'stage.json', timeKey: 'timestamp', layout: 'RFC3339', level: 'level' },
    jsonLogger: { parser: 'stage.json', timeKey: 'asctime', layout: '2006-01-02 15:04:05,000', level: 'levelname' },
    logfmt: { parser: 'stage.logfmt', timeKey: 'timestamp', layout: 'RFC3339', level: 'level' },
  },
  {
    target: 'logstash', structlog: { parser: 'json', timeKey: 'timestamp', layout: 'ISO8601' },
    jsonLogger: { parser: 'json', timeKey: 'asctime', layout: 'yyyy-MM-dd HH:mm:ss,SSS' }, logfmt: { parser: 'kv', timeKey: 'timestamp', layout: 'ISO8601' },
  },
  {
    target: 'logtail', structlog: { parser: 'processor_parse_json_native', timeKey: 'timestamp', layout: '%Y-%m-%dT%H:%M:%S' },
    jsonLogger: { parser: 'processor_parse_json_native', timeKey: 'asctime', layout: '%Y-%m-%d %H:%M:%S,%f' },
    // No native key=value parser: the format's regex (proven like every regex format's).
    logfmt: { parser: 'processor_parse_regex_native', timeKey: 'timestamp', layout: '%Y-%m-%dT%H:%M:%S' },
  },
  {
    // lnav finds an ISO 8601 time's layout itself.
    target: 'lnav', structlog: { parser: 'json: true', timeKey: 'timestamp', layout: null, level: 'level' },
    jsonLogger: { parser: 'json: true', timeKey: 'asctime', layout: '%Y-%m-%d %H:%M:%S,%L', level: 'levelname' },
    logfmt: { parser: 'regex', timeKey: 'timestamp', layout: null, level: 'level' },
  },
];

describe('each target names its own parser, the time key and layout, and the level', () => {
  for (const row of EXPECTED) {
    it(row.target, () => {
      const read = READERS[row.target];
      const pick = (r: Read, want: Read) => Object.fromEntries(Object.keys(want).map((k) => [k, r[k as keyof Read]]));
      for (const [c, want] of [[STRUCTLOG, row.structlog], [JSON_LOGGER, row.jsonLogger], [LOGFMT, row.logfmt]] as const) {
        expect(pick(read(text(row.target, [patternOf(c)])), want), `${row.target}: ${c.renderer}`).toEqual(want);
      }
    });
  }

  it('JSON lines need no multi-line rule; logfmt records start at the first key (a value may span lines)', () => {
    expect(text('fluentbit', [patternOf(JSON_LOGGER)])).not.toMatch(/MULTILINE_PARSER/u);
    expect((parse(text('otel', [patternOf(LOGFMT)])) as Doc).receivers.filelog.multiline.line_start_pattern).toBe('^timestamp(?:[= ]|$)');
    expect((parse(text('vector', [patternOf(STRUCTLOG)])) as Doc).sources.python_app.multiline).toBeUndefined();
  });

  it('the classic Logtail config reads JSON in its json_log mode, with timeKey', () => {
    const doc = JSON.parse(text('logtail', [patternOf(JSON_LOGGER)], { kind: 'classic' })) as Doc;
    expect(doc.inputDetail).toMatchObject({ logType: 'json_log', timeKey: 'asctime', timeFormat: '%Y-%m-%d %H:%M:%S' });
    expect(doc.inputDetail.regex).toBeUndefined();
  });

  it('a JSON format with a regex format: the JSON parser is tried first, on lines that start with {', () => {
    const regex = buildPattern('%(asctime)s %(levelname)s %(message)s', {});
    if (!regex.ok) throw new Error(regex.error.message);
    const both = [regex.value, patternOf(JSON_LOGGER)];
    const otel = (parse(text('otel', both)) as Doc).receivers.filelog.operators;
    expect(otel[0].routes[0].expr).toBe('body matches "^\\\\{"');
    expect(otel.map((o: Doc) => o.type)).toEqual(['router', 'json_parser', 'regex_parser', 'noop']);
    expect(READERS.fluentbit(text('fluentbit', both)).parser).toBe('Format json');
    expect(text('fluentbit', both)).toContain('rule "start_state" "/^(?:\\{|');
    expect(text('logstash', both)).toMatch(/if \[message\] =~ \/\^\\\{\/ \{\n {4}json \{[^]*\} else \{\n {4}grok \{/u);
    const vrl = (parse(text('vector', both)) as Doc).transforms.python_app_parse.source as string;
    expect(vrl.indexOf('parse_json(.message)')).toBeLessThan(vrl.indexOf('parse_regex(.message'));
    const logtail = (parse(text('logtail', both)) as Doc).processors.map((p: Doc) => p.Type);
    expect(logtail.slice(0, 2)).toEqual(['processor_parse_json_native', 'processor_parse_timestamp_native']);
    expect(text('alloy', both)).toMatch(/selector = "\{filename=~\\".\+\\"\} \|~ \\"\^\\\\\\\\\{\\""/u);
  });

  it('a traceback key stays a field: Alloy and lnav name exc_info and exception', () => {
    expect(text('alloy', [patternOf(JSON_LOGGER)])).toMatch(/"exc_info" = ""/u);
    const lnav = JSON.parse(text('lnav', [patternOf(STRUCTLOG)])) as Doc;
    expect(lnav.python_log.value.exception).toEqual({ kind: 'string' });
  });
});

/** Every JSON line's keys as its logger wrote them (fixture fields: a string as is, any other value as JSON text). */
const wanted = (c: Case) => c.records.map((r) => r.fields);

// One scratch directory for the Go and Rust builds, removed when every harness has run.
afterAll(cleanupCollectorEngines);

describeHarness("in Go (encoding/json, time.Parse): OTel's and Alloy's JSON values and times", toolProbe('go', goAvailable, GO_PACKAGES), () => {
  for (const c of JSON_CASES) {
    it(`${c.renderer}: every key of every line, the traceback included`, () => {
      expect(goJson(c.records.map((r) => r.text))).toEqual(wanted(c));
    });
    it(`${c.renderer}: OTel's and Alloy's layouts read every time to its instant`, () => {
      const { values } = times(c);
      expect(values.length).toBeGreaterThan(10);
      const otel = READERS.otel(text('otel', [patternOf(c)])).layout!;
      const [type, layout] = [otel.slice(0, otel.indexOf(' ')), otel.slice(otel.indexOf(' ') + 1)];
      const goLayout = type === 'strptime' ? stanzaToGo(layout) : layout;
      // Loki's named layouts are Go's constants (stages/util.go): RFC3339 is time.RFC3339.
      const alloy = READERS.alloy(text('alloy', [patternOf(c)])).layout!.replace('RFC3339', '2006-01-02T15:04:05Z07:00');
      for (const l of [goLayout, alloy]) expect(goTimeParse(values.map(([v]) => [l, v])).map(instant), l).toEqual(values.map(([, want]) => want));
    });
  }
});

describeHarness("in Ruby (JSON, strptime): Fluent Bit's and Logstash's JSON values, Fluent Bit's Time_Format", rubyProbe, () => {
  for (const c of JSON_CASES) {
    it(`${c.renderer}: every key of every line, and every time to its instant`, () => {
      expect(rubyJson(c.records.map((r) => r.text))).toEqual(wanted(c));
      const { values } = times(c);
      const format = READERS.fluentbit(text('fluentbit', [patternOf(c)])).layout!;
      // Fluent Bit's format has no optional fraction: a time written without one fails (and the config warns so).
      const want = values.map(([v, instant]) => (format.includes('%L') && !/[.,]\d+/u.test(v) ? null : instant));
      expect(rubyStrptime(values.map(([v]) => [format, v])).map((ms) => (ms === null ? null : new Date(ms).toISOString()))).toEqual(want);
    });
  }
});

describeHarness("in Rust (chrono): Vector's parse_timestamp formats", rustProbe, () => {
  for (const c of [...JSON_CASES, LOGFMT]) {
    it(`${c.renderer}: every time to its instant`, () => {
      const { values } = times(c);
      const format = READERS.vector(text('vector', [patternOf(c)])).layout!;
      expect(chronoParse(values.map(([v]) => [format, v])).map(instant)).toEqual(values.map(([, want]) => want));
    });
  }
});

describeHarness("in Boost.Regex: Logtail's logfmt regex, under both agents' start-line rules", toolProbe('g++ and Boost.Regex', logtailEngineAvailable, LOGTAIL_PACKAGES), () => {
  afterAll(cleanupLogtailEngine);
  for (const semantics of ['full', 'prefix'] as const) {
    it(`${LOGFMT.renderer} (${semantics}): one record per record, each named key's text`, () => {
      const doc = parse(text('logtail', [patternOf(LOGFMT)]).replace(/^#.*$/gmu, '')) as Doc;
      const start = doc.inputs[0].Multiline.StartPattern as string;
      const { Regex: regex, Keys: keys } = doc.processors[0] as { Regex: string; Keys: string[] };
      const rows = runLogtail(start, regex, semantics, LOGFMT.log);
      expect(rows).toHaveLength(LOGFMT.records.length);
      // A True flag (the bare key) is no value: the key holds "" (check reads it as `true`).
      const named = (r: Case['records'][number]) => Object.fromEntries(['timestamp', 'level', 'event', 'user'].map((k) => [k, r.fields[k] === 'true' && !r.text.includes(`${k}=`) ? '' : r.fields[k]]));
      expect(rows.map((row) => Object.fromEntries(['timestamp', 'level', 'event', 'user'].map((k) => [k, row?.[keys.indexOf(k)] ?? ''])))).toEqual(LOGFMT.records.map(named));
    });
  }
});
