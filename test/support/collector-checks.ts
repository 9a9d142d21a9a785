/**
 * The corpus and record checks every collector test runs: the config's own start pattern and record
 * regex, taken back out of the parsed config, must cut CPython's output into Python's records and give
 * each field Python's exact text.
 */
import { describe, expect, it } from 'vitest';
import { buildPattern, COLLECTORS, EXC_TEXT, fieldLabels, groupNames, type Collector as Target, type FieldPart, type Flavor, type FormatTime, type Pattern, type Style } from '../../src/core/index.js';
import { prepare } from '../../src/core/collectors/emitter.js';
import { loadFrameworks, patternsOf, splitsUnderHeadless } from './frameworks.js';
import { loadCorpus } from './corpus.js';
import { ambiguity } from './differential.js';
import { collectorRecords } from './records.js';
import { printedInstant, styleCases } from './style-records.js';

export interface Cut {
  readonly text: string;
  readonly groups: Record<string, string | null> | null;
}
/** A config's rules, read back from what it prints. */
export interface ConfigRead {
  /** The multi-line start rule; null: every line is a record. */
  readonly start: string | null;
  /** The record regex (Logstash: the grok match, expanded with `definitions`). */
  readonly regex: string;
  /** Fluent Bit's `cont` rule. */
  readonly cont?: string | null;
  readonly definitions?: ReadonlyMap<string, string>;
  /** Logtail's positional keys. */
  readonly keys?: readonly string[];
  /** The key the config reads the record's time from, and the layout it parses it with; null: none. */
  readonly time?: { readonly key: string; readonly layout: string } | null;
}

/** What a test gets from its collector: the config's rules, and how its engine cuts and matches a log. */
export interface Collector {
  readonly flavor: Flavor;
  /** `formatTime`: a preset's Formatter class's asctime (airflow). */
  readonly regexes: (fmt: string, style: Style, datefmt: string | null, formatTime?: FormatTime) => ConfigRead;
  readonly cut: (read: ConfigRead, log: string) => Cut[];
  /**
   * The collector's records end in a newline: `always` (OTel, whitespace preserved: the one that ended the
   * last line), `once` (Fluent Bit: added unless the record ends in one already).
   */
  readonly recordsEndInNewline?: 'always' | 'once';
  /** What else a record must hold in this target (Logtail: its `time` key), given Python's fields. */
  readonly moreChecks?: (read: ConfigRead, cut: Cut, want: Record<string, string>, label: string) => string[];
  /** The target's own time parser on each text, under the config's layout: the instant (ISO 8601, UTC), or null where it fails. */
  readonly parseTimes?: (layout: string, texts: readonly string[]) => readonly (string | null)[];
}

const clip = (s: string | null | undefined) => JSON.stringify(s && s.length > 160 ? `${s.slice(0, 160)}…` : s);

/** Each field's group in the flavor, by its attribute and by the name check --json gives it (loguru's `time`, gunicorn's `t`). */
function captureOf(pattern: Pattern, flavor: Flavor): Map<string, string> {
  const names = groupNames(pattern, flavor);
  const js = groupNames(pattern, 'js');
  const labels = fieldLabels(pattern);
  const fields = pattern.parts.filter((p): p is FieldPart => p.kind === 'field' && p.sameAs === null);
  return new Map([
    [EXC_TEXT, names.get(EXC_TEXT)!],
    ...fields.map((p) => [p.key, names.get(p.capture)!] as [string, string]),
    ...fields.map((p) => [labels.get(js.get(p.capture)!)!, names.get(p.capture)!] as [string, string]),
  ]);
}

function compare(pattern: Pattern, flavor: Flavor, cut: Cut, want: Record<string, string>, label: string): string[] {
  if (cut.groups === null) return [`${label}: the record regex did not match ${clip(cut.text)}`];
  const capture = captureOf(pattern, flavor);
  return Object.entries(want).flatMap(([attr, value]) =>
    cut.groups![capture.get(attr)!] === value ? [] : [`${label}: ${attr} = ${clip(cut.groups![capture.get(attr)!])}, Python wrote ${clip(value)}`]);
}

/** `only`: the corpus cases a config is made for (Logtail's classic kind), by id; default all. */
export function collectorChecks(name: string, collector: Collector, only?: (id: string) => boolean): void {
  describe(`${name}: every corpus line is one record with Python's fields`, () => {
    for (const c of loadCorpus().filter((x) => only?.(x.id) ?? true)) {
      it(c.id, () => {
        const pattern = buildPattern(c.fmt, { style: c.style, datefmt: c.datefmt });
        if (!pattern.ok) throw new Error(pattern.error.message);
        const read = collector.regexes(c.fmt, c.style, c.datefmt);
        const { start, regex } = read;
        const cuts = collector.cut(read, c.lines.map((l) => `${l.text}\n`).join(''));
        const failures: string[] = [];
        if (cuts.length !== c.lines.length) failures.push(`${cuts.length} records from ${c.lines.length} lines`);
        else {
          c.lines.forEach((line, i) => {
            if (cuts[i]!.groups === null) failures.push(`${clip(line.text)}: no match`);
            else if (!ambiguity(c.id, line, collector.flavor === 'rust' || collector.flavor === 'go' ? 're2' : collector.flavor)) {
              failures.push(...compare(pattern.value, collector.flavor, cuts[i]!, line.fields, clip(line.text)), ...(collector.moreChecks?.(read, cuts[i]!, line.fields, clip(line.text)) ?? []));
            }
          });
        }
        if (failures.length > 0) throw new Error(`start: ${start}\nregex: ${regex}\n${failures.slice(0, 8).join('\n')}`);
      });
    }
  });

  describe(`${name}: multi-line records come out whole`, () => {
    for (const c of collectorRecords()) it(c.id, () => recordsCheck(collector, c));
  });

  describe(`${name}: what gunicorn, loguru and uvicorn wrote, records, fields and times`, () => {
    for (const c of styleCases()) it(`${c.id}: ${c.fmt}`, () => recordsCheck(collector, c, c.timeField));
  });
}

interface RecordsInput {
  readonly fmt: string;
  readonly style: Style;
  readonly formatTime?: FormatTime;
  readonly text: string;
  readonly records: readonly { line: number; end_line: number; fields: Readonly<Record<string, string>>; limit?: true }[];
}

/**
 * The config's start rule cuts the log into the records the program wrote, its record regex gives each
 * field's text (but a record at a known limit), and where the config parses a time and the target has a
 * time parser here, the time field's text means the instant the program printed.
 */
function recordsCheck(collector: Collector, c: RecordsInput, timeField: string | null = null): void {
  const pattern = buildPattern(c.fmt, { style: c.style, formatTime: c.formatTime });
  if (!pattern.ok) throw new Error(pattern.error.message);
  const read = collector.regexes(c.fmt, c.style, null, c.formatTime);
  const { start, regex } = read;
  const cuts = collector.cut(read, c.text);
  const lines = c.text.split('\n');
  // No start rule (the format begins with the message and the engine has no lookahead, or a record is
  // one line): every line is a record, split on its newline; a one-line record must be parsed right, a
  // line of a longer one is, as the config warns, a record of its own that the regex need not match.
  const records = read.start !== null ? c.records : lines.slice(0, -1).map((_, i) => c.records.find((r) => r.line === i + 1 && r.end_line === i + 1) ?? { line: i + 1, end_line: i + 1, fields: {}, limit: true as const });
  const failures: string[] = [];
  if (cuts.length !== records.length) failures.push(`${cuts.length} records, the program wrote ${records.length}`);
  else {
    records.forEach((r, i) => {
      const joined = lines.slice(r.line - 1, r.end_line).join('\n');
      const end = read.start === null ? undefined : collector.recordsEndInNewline;
      const text = end === 'always' || (end === 'once' && !joined.endsWith('\n')) ? `${joined}\n` : joined;
      if (cuts[i]!.text !== text) failures.push(`record at line ${r.line}: cut as ${clip(cuts[i]!.text)}`);
      if (r.limit) return;
      failures.push(...compare(pattern.value, collector.flavor, cuts[i]!, r.fields, `record at line ${r.line}`), ...(collector.moreChecks?.(read, cuts[i]!, r.fields, `record at line ${r.line}`) ?? []));
    });
  }
  if (failures.length === 0 && timeField !== null && read.time && collector.parseTimes) {
    const timed = records.flatMap((r, i) => (r.limit || r.fields[timeField] === undefined ? [] : [{ r, value: cuts[i]!.groups?.[read.time!.key] ?? '' }]));
    const got = collector.parseTimes(read.time.layout, timed.map((t) => t.value));
    timed.forEach(({ r, value }, k) => {
      const want = printedInstant(r.fields[timeField]!);
      if (got[k] !== want) failures.push(`record at line ${r.line}: ${read.time!.key} = ${clip(value)} under ${clip(read.time!.layout)} is ${got[k]}, the program meant ${want}`);
    });
  }
  if (failures.length > 0) throw new Error(`start: ${start}\nregex: ${regex}\ntime: ${JSON.stringify(read.time ?? null)}\n${failures.slice(0, 8).join('\n')}`);
}

/** Times Python prints, each with its datefmt (null: the default, with ",mmm") and the instant it means (UTC). */
export const TIME_CASES: readonly (readonly [datefmt: string | null, value: string, iso: string])[] = [
  [null, '2016-02-19 11:03:13,410', '2016-02-19T11:03:13.410Z'],
  [null, '2016-02-19 11:03:13,007', '2016-02-19T11:03:13.007Z'],
  ['%d/%b/%Y %H:%M:%S', '09/May/2024 08:35:25', '2024-05-09T08:35:25.000Z'],
  ['%Y-%m-%dT%H:%M:%S%z', '2024-05-09T08:35:25+0000', '2024-05-09T08:35:25.000Z'],
  ['%c', 'Thu May  9 08:35:25 2024', '2024-05-09T08:35:25.000Z'],
  ['%x %r', '05/09/24 08:35:25 PM', '2024-05-09T20:35:25.000Z'],
  ['%A %-d %B %Y', 'Thursday 9 May 2024', '2024-05-09T00:00:00.000Z'],
];

/** An engine's `ok <time>` answer as a UTC instant (a time without an offset is read as UTC), else as is. */
export const instant = (answer: string) => {
  if (!answer.startsWith('ok ')) return answer;
  const text = answer.slice(3);
  return new Date(/Z$|[+-]\d\d:\d\d$/u.test(text) ? text : `${text}Z`).toISOString();
};

/** What a test reads back from a target's config for several formats: each parser's rules, in the order the target tries them. */
export type ReadSeveral = (patterns: readonly Pattern[]) => readonly ConfigRead[];

/**
 * Several formats in one log (issue 7 item 4), on what real frameworks print through two formatters
 * (Flask's dev server, Django's runserver, Celery's worker...): the config's start rule, run in the
 * target's engine, cuts no Python record apart (but where it has none, and warns so), and the first of
 * its parsers that matches a record (the target tries them in turn) is the record's own format's.
 */
export function severalFormatsChecks(name: string, target: Target, read: ReadSeveral, cut: Collector['cut']): void {
  describe(`${name}: several formats in one log, tried in turn (real frameworks)`, () => {
    for (const c of loadFrameworks().filter((f) => new Set(f.formats.map((x) => x.fmt)).size > 1)) {
      it(`${c.framework}: ${c.formats.map((f) => f.fmt).join(' + ')}`, () => {
        const patterns = patternsOf(c);
        const order = prepare(patterns, COLLECTORS[target], target).map((f) => f.index);
        const reads = read(patterns);
        expect(reads, 'a parser per format').toHaveLength(patterns.length);
        const start = reads[0]!.start;
        const cuts = reads.map((r) => cut(r, c.log));
        const texts = cuts[0]!.map((k) => k.text.replace(/\n$/u, ''));
        const failures: string[] = [];
        for (const r of c.records) {
          if (splitsUnderHeadless(c.formats, r)) continue;
          // No start rule (a format begins with the message, and the engine has no lookahead): every line
          // is a record, as the config's warning says; a one-line record must still be parsed right.
          if (start === null && r.text.includes('\n')) continue;
          const k = texts.findIndex((t) => t === r.text || t.startsWith(`${r.text}\n`));
          if (k < 0) {
            failures.push(`the record at line ${r.line} is cut apart: ${clip(r.text)}`);
            continue;
          }
          const parser = cuts.findIndex((parsed) => parsed[k]!.groups !== null);
          const took = parser < 0 ? null : c.formats[order[parser]!]!.fmt;
          if (took !== c.formats[r.format]!.fmt) failures.push(`the record at line ${r.line} (${c.formats[r.format]!.fmt}) is parsed by ${took === null ? 'no parser' : took}: ${clip(r.text)}`);
        }
        if (failures.length > 0) throw new Error(`start: ${start}\n${failures.slice(0, 8).join('\n')}`);
      });
    }
  });
}
