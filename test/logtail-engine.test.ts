/**
 * `pylogrx logtail`, black-box: the start pattern, regex and keys it prints, run the way the collector
 * runs them (test/support/logtail-engine.ts) under both agents' start-line rules, on CPython's own output.
 * Multi-line records (tracebacks, stack_info, messages with newlines) must come out as Python's records
 * with Python's fields; every corpus line must be one record whose keys hold Python's fields. A missing
 * g++ or Boost.Regex skips; with PYLOGRX_REQUIRE_ENGINES=1 (CI) it is a failure that names the packages.
 */
import { describeHarness, toolProbe } from './support/harness.js';
import { collectorChecks, severalFormatsChecks, type ConfigRead, type Cut } from './support/collector-checks.js';
import { buildPattern, groupNames, logtailConfig, PRESETS, type FormatTime, type Style } from '../src/core/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from './support/corpus.js';
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

const corpus = loadCorpus();
const CLASSIC_CASES = ['seed-simple', 'seed-full', 'edge-asctime-twice', 'edge-datefmt-mixed', 'django-docs-verbose', 'edge-dollar-extras', 'home-assistant'];
const KINDS = ['pipeline', 'classic'] as const satisfies readonly LogtailKind[];
const SEMANTICS = ['full', 'prefix'] as const satisfies readonly StartSemantics[];
const AGENT: Record<StartSemantics, string> = { full: 'classic agent / iLogtail ≤ 2.0', prefix: 'LoongCollector 3.x' };

const clip = (s: string | null | undefined) => (s == null ? String(s) : JSON.stringify(s.length > 200 ? `${s.slice(0, 200)}…` : s));

/**
 * The records the agent cuts, each row's groups under the keys it stores them as (read back as the
 * groups they hold: logtailKeys). A row with another number of groups than keys is what the agent
 * refuses to parse.
 */
function logtailCut(semantics: StartSemantics) {
  return (read: ConfigRead, log: string): Cut[] => {
    const keys = read.keys!;
    const start = read.start ?? EVERY_LINE;
    const texts = logtailRecords(start, semantics, log);
    return runLogtail(start, read.regex, semantics, log).map((row, i) => {
      if (row !== null && row.length !== keys.length) throw new Error(`${row.length} groups, but ${keys.length} keys (${keys.join(', ')})`);
      // Every key is stored, "" for a group that did not take part (ProcessorParseRegexNative.cpp RegexLogLineParser).
      return { text: texts[i]!, groups: row === null ? null : Object.fromEntries(keys.map((k, g) => [k, row[g] ?? ''])) };
    });
  };
}

/** The classic config names the time group `time`: read back as the group of the format's time field (asctime, gunicorn's t, loguru's time). */
function logtailKeys(keys: readonly string[], kind: LogtailKind, fmt: string, style: Style, datefmt: string | null, formatTime?: FormatTime): readonly string[] {
  if (kind !== 'classic' || !keys.includes('time') || keys.includes('asctime')) return keys;
  const pattern = buildPattern(fmt, { style, datefmt, formatTime });
  if (!pattern.ok) throw new Error(pattern.error.message);
  const time = pattern.value.parts.find((p) => p.kind === 'field' && p.type === 'time');
  const name = time?.kind === 'field' ? groupNames(pattern.value, 'logtail').get(time.capture)! : 'asctime';
  return keys.map((k) => (k === 'time' ? name : k));
}

/** A `time` key beside asctime and msecs wraps both: the asctime text, a separator, the msecs text. */
function timeKeyChecks(read: ConfigRead, cut: Cut, want: Record<string, string>, label: string): string[] {
  if (!read.keys!.includes('time') || !read.keys!.includes('asctime') || want.asctime === undefined || want.msecs === undefined || cut.groups === null) return [];
  const got = cut.groups.time ?? '';
  return got.startsWith(want.asctime) && got.endsWith(want.msecs) && got.length <= want.asctime.length + want.msecs.length + 1
    ? [] : [`${label}: time = ${clip(got)}, not asctime ${clip(want.asctime)} + separator + msecs ${clip(want.msecs)}`];
}

/** One CLI run per (case, kind), shared by both start semantics. */
const snippets = new Map<string, LogtailSnippet>();
function snippet(fmt: string, style: Style, datefmt: string | null, kind: LogtailKind, formatTime?: FormatTime): LogtailSnippet {
  const key = JSON.stringify([fmt, style, datefmt, kind, formatTime]);
  let s = snippets.get(key);
  if (!s) snippets.set(key, (s = logtailSnippet(fmt, { style, datefmt, kind, preset: formatTime && presetOf(fmt, formatTime) })));
  return s;
}

/** The preset formatter (NAME#KEY) of this format and Formatter class's asctime: the CLI's only way to give it. */
function presetOf(fmt: string, formatTime: FormatTime): string {
  for (const p of PRESETS) for (const f of p.formatters) if (f.format === fmt && 'formatTime' in f && f.formatTime === formatTime) return `${p.name}#${f.key}`;
  throw new Error(`no preset prints ${fmt} with its own asctime`);
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

  // Every corpus line and multi-line record, in both kinds and under both agents' start-line rules. The
  // classic config is tried on the cases it was written for (its `time` key renames asctime).
  for (const kind of KINDS) {
    for (const semantics of SEMANTICS) {
      collectorChecks(`logtail (${kind} config, ${AGENT[semantics]})`, {
        flavor: 'logtail',
        regexes: (fmt, style, datefmt, formatTime) => {
          const s = snippet(fmt, style, datefmt, kind, formatTime);
          return { start: s.start, regex: s.regex, keys: logtailKeys(s.keys, kind, fmt, style, datefmt, formatTime) };
        },
        cut: logtailCut(semantics),
        moreChecks: timeKeyChecks,
      }, kind === 'classic' ? (id) => CLASSIC_CASES.includes(id) : undefined);
    }
  }

  it('prints the same pipeline as YAML and as --json', () => {
    const fmt = '%(asctime)s %(levelname)s %(message)s';
    const yaml = logtailSnippet(fmt, { kind: 'pipeline' });
    const json = logtailSnippet(fmt, { kind: 'pipeline', json: true });
    expect({ ...json, raw: '' }).toEqual({ ...yaml, raw: '' });
  });
});
