/**
 * `pylogrx logtail`, black-box: the start pattern, regex and keys it prints, run the way the collector
 * runs them (test/support/logtail-engine.ts) under both agents' start-line rules, on CPython's own output.
 * Multi-line records (tracebacks, stack_info, messages with newlines) must come out as Python's records
 * with Python's fields; every corpus line must be one record whose keys hold Python's fields. A missing
 * g++ or Boost.Regex skips; with PYLOGRX_REQUIRE_ENGINES=1 (CI) it is a failure that names the packages.
 */
import { describeHarness, toolProbe } from './support/harness.js';
import { severalFormatsChecks } from './support/collector-checks.js';
import { logtailConfig } from '../src/core/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus, type CorpusCase } from './support/corpus.js';
import { ambiguity } from './support/differential.js';
import { collectorRecords, type RecordsCase } from './support/records.js';
import type { Row } from './support/engines.js';
import {
  buildLogtailEngine,
  EVERY_LINE,
  cleanupLogtailEngine,
  LOGTAIL_PACKAGES,
  logtailEngineAvailable,
  logtailRecords,
  logtailSnippet,
  runLogtail,
  type LogtailKind,
  type LogtailSnippet,
  type StartSemantics,
} from './support/logtail-engine.js';

const records = collectorRecords();
const corpus = loadCorpus();
const CLASSIC_CASES = ['seed-simple', 'seed-full', 'edge-asctime-twice', 'edge-datefmt-mixed', 'django-docs-verbose', 'edge-dollar-extras', 'home-assistant'];
const KINDS = ['pipeline', 'classic'] as const satisfies readonly LogtailKind[];
const SEMANTICS = ['full', 'prefix'] as const satisfies readonly StartSemantics[];
const AGENT: Record<StartSemantics, string> = { full: 'classic agent / iLogtail ≤ 2.0', prefix: 'LoongCollector 3.x' };

/**
 * The key a LogRecord attribute is stored under: its own name, except that the classic config names the
 * asctime group `time`, unless msecs follows asctime: then (in both kinds) a `time` group wraps the two and
 * asctime keeps its own key.
 */
const keyOf = (snippet: LogtailSnippet, kind: LogtailKind, attr: string) =>
  kind === 'classic' && attr === 'asctime' && !snippet.keys.includes('asctime') ? 'time' : attr;

const clip = (s: string | null | undefined) => (s == null ? String(s) : JSON.stringify(s.length > 200 ? `${s.slice(0, 200)}…` : s));
const shown = (found: string[]) => found.slice(0, 8).join('\n') + (found.length > 8 ? `\n… and ${found.length - 8} more` : '');

/** Each expected field against the key of the same name; empty when they agree. */
function fieldFailures(snippet: LogtailSnippet, kind: LogtailKind, row: Row, want: Record<string, string>, label: string): string[] {
  if (row === null) return [`${label}: regex_match failed`];
  if (row.length !== snippet.keys.length) return [`${label}: ${row.length} groups, but ${snippet.keys.length} keys (${snippet.keys.join(', ')})`];
  const found = Object.entries(want).flatMap(([attr, value]) => {
    const key = keyOf(snippet, kind, attr);
    const at = snippet.keys.indexOf(key);
    if (at < 0) return [`${label}: no key ${key} in ${JSON.stringify(snippet.keys)}`];
    return row[at] === value ? [] : [`${label}: ${key} = ${clip(row[at])}, Python wrote ${clip(value)}`];
  });
  // A `time` key beside asctime and msecs wraps both: the asctime text, a separator, the msecs text.
  const [time, asctime, msecs] = ['time', 'asctime', 'msecs'].map((k) => snippet.keys.indexOf(k));
  if (time! >= 0 && want.asctime !== undefined && asctime! >= 0 && msecs! >= 0 && want.msecs !== undefined) {
    const got = row[time!] ?? '';
    if (!got.startsWith(want.asctime) || !got.endsWith(want.msecs) || got.length > want.asctime.length + want.msecs.length + 1)
      found.push(`${label}: time = ${clip(got)}, not asctime ${clip(want.asctime)} + separator + msecs ${clip(want.msecs)}`);
  }
  return found;
}

/** Python's records against the agent's: boundaries, then every field. */
function recordFailures(c: RecordsCase, kind: LogtailKind, semantics: StartSemantics, snippet: LogtailSnippet): string[] {
  const start = snippet.start ?? EVERY_LINE;
  const rows = runLogtail(start, snippet.regex, semantics, c.text);
  const found: string[] = [];
  if (rows.length !== c.records.length) found.push(`${rows.length} records, Python wrote ${c.records.length}`);
  // Where each record starts, from the texts the agent cut (line numbers from 1, as the fixture's).
  const lines = logtailRecords(start, semantics, c.text).map((r) => r.split('\n').length);
  const starts = lines.map((_, i) => 1 + lines.slice(0, i).reduce((a, b) => a + b, 0));
  const want = c.records.map((r) => r.line);
  if (JSON.stringify(starts) !== JSON.stringify(want)) found.push(`records start at lines ${starts.join(',')}, Python's at ${want.join(',')}`);
  if (found.length > 0) return found;
  return c.records.flatMap((r, i) => fieldFailures(snippet, kind, rows[i]!, r.fields, `record at line ${r.line}`));
}

/** Every corpus line fed as one stream: each must be its own record and hold Python's fields. */
function corpusFailures(c: CorpusCase, kind: LogtailKind, semantics: StartSemantics, snippet: LogtailSnippet): string[] {
  const start = snippet.start ?? EVERY_LINE;
  const log = c.lines.map((l) => `${l.text}\n`).join('');
  const rows = runLogtail(start, snippet.regex, semantics, log);
  if (rows.length !== c.lines.length) {
    const cut = logtailRecords(start, semantics, log);
    const joined = cut.filter((r) => r.includes('\n')).map((r) => `joined into one record: ${clip(r)}`);
    return [`${rows.length} records from ${c.lines.length} lines`, ...joined];
  }
  return c.lines.flatMap((line, i) => {
    const label = clip(line.text);
    if (rows[i] === null) return [`${label}: regex_match failed`];
    return ambiguity(c.id, line, 'logtail') ? [] : fieldFailures(snippet, kind, rows[i]!, line.fields, label);
  });
}

function header(kind: LogtailKind, semantics: StartSemantics, snippet: LogtailSnippet): string {
  return `${kind} config, ${AGENT[semantics]} (${semantics}-match start)\nstart: ${snippet.start ?? '(none: one record a line)'}\nregex: ${snippet.regex}\nkeys:  ${snippet.keys.join(', ')}`;
}

/** One CLI run per (case, kind), shared by both start semantics. */
const snippets = new Map<string, LogtailSnippet>();
function snippet(fmt: string, style: CorpusCase['style'], datefmt: string | null, kind: LogtailKind): LogtailSnippet {
  const key = JSON.stringify([fmt, style, datefmt, kind]);
  let s = snippets.get(key);
  if (!s) snippets.set(key, (s = logtailSnippet(fmt, { style, datefmt, kind })));
  return s;
}

describeHarness('Logtail config in Boost.Regex, as the agents run it', toolProbe('g++ or Boost.Regex', logtailEngineAvailable, LOGTAIL_PACKAGES), () => {
  beforeAll(buildLogtailEngine);
  afterAll(cleanupLogtailEngine);

  // The pipeline's regex processors in turn: one that parses the record removes its content.
  for (const semantics of ['full', 'prefix'] as const) {
    severalFormatsChecks(`logtail (${semantics} start)`, 'logtail', (patterns) => {
      const config = logtailConfig(patterns);
      const processors = (config.document as { processors: { Type: string; Regex?: string }[] }).processors;
      return processors.filter((p) => p.Type === 'processor_parse_regex_native').map((p) => ({ start: config.startPattern, regex: p.Regex! }));
    }, ({ start, regex }, log) => {
      const texts = logtailRecords(start ?? EVERY_LINE, semantics, log);
      return runLogtail(start ?? EVERY_LINE, regex, semantics, log).map((row, i) => ({ text: texts[i]!, groups: row === null ? null : {} }));
    });
  }

  it('classic cases exist', () => expect(CLASSIC_CASES.filter((id) => !corpus.some((c) => c.id === id))).toEqual([]));

  describe('the harness', () => {
    const log = 'orphan\n  more\n1 a\nb\n2 c\n';
    it('splits on full-match start lines and keeps leading lines as one record', () => {
      expect(logtailRecords('\\d+ .*', 'full', log)).toEqual(['orphan\n  more', '1 a\nb', '2 c']);
      expect(logtailRecords('\\d+', 'full', log)).toEqual([log.slice(0, -1)]);
    });
    it("strips '$' then '.*' and matches a prefix for LoongCollector", () => {
      expect(logtailRecords('\\d+ .*$', 'prefix', log)).toEqual(['orphan\n  more', '1 a\nb', '2 c']);
      expect(logtailRecords('\\d+', 'prefix', log)).toEqual(['orphan\n  more', '1 a\nb', '2 c']);
      expect(logtailRecords('a', 'prefix', 'ba\n')).toEqual(['ba']);
    });
    it('cuts every line as a record with the line-mode start', () => {
      for (const semantics of SEMANTICS) expect(logtailRecords(EVERY_LINE, semantics, log)).toEqual(log.slice(0, -1).split('\n'));
    });
    it('matches whole records, dot across newlines, with positional groups', () => {
      expect(runLogtail('\\d+ .*', '(\\d+) (.*)(x)?', 'full', log)).toEqual([null, ['1', 'a\nb', null], ['2', 'c', null]]);
    });
  });

  describe('multi-line CPython records (fixture)', () => {
    for (const c of records)
      for (const kind of KINDS)
        for (const semantics of SEMANTICS)
          it(`${c.id}, ${kind}, ${semantics}: ${c.fmt}`, () => {
            const s = snippet(c.fmt, c.style, null, kind);
            const found = recordFailures(c, kind, semantics, s);
            expect(found, `case ${c.id}, ${header(kind, semantics, s)}\n${shown(found)}`).toEqual([]);
          });
  });

  describe('single-line corpus as one stream', () => {
    for (const c of corpus)
      for (const kind of KINDS) {
        if (kind === 'classic' && !CLASSIC_CASES.includes(c.id)) continue;
        for (const semantics of SEMANTICS)
          it(`${c.id}, ${kind}, ${semantics}: ${c.fmt}`, () => {
            const s = snippet(c.fmt, c.style, c.datefmt, kind);
            const found = corpusFailures(c, kind, semantics, s);
            expect(found.length, `case ${c.id}: ${found.length} problems in ${c.lines.length} lines\n${header(kind, semantics, s)}\n${shown(found)}`).toBe(0);
          });
      }
  });

  it('prints the same pipeline as YAML and as --json', () => {
    const fmt = '%(asctime)s %(levelname)s %(message)s';
    const yaml = logtailSnippet(fmt, { kind: 'pipeline' });
    const json = logtailSnippet(fmt, { kind: 'pipeline', json: true });
    expect({ ...json, raw: '' }).toEqual({ ...yaml, raw: '' });
  });
});
