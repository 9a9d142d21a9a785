/**
 * What the page shows, computed from what the user typed: the pattern (or its error), the checked
 * records with their fields' spans, the regex in every flavor and the config for every collector. Pure:
 * state in, values out, the same core calls the CLI makes (gen.ts, check.ts, collector.ts, samples.ts),
 * so a tab's text is what `pylogrx <target>` prints for the same input.
 */
import {
  buildPattern, COLLECTOR_NAMES, emitConfig, fieldLabels, fieldSpans, FLAVOR_NAMES, logtailConfig,
  printedFiles, RecordChecker, render, ReportData, type CheckedRecord, type CheckSummary, type Collector, type FieldSpan, type Flavor,
  type FormatError, type FormatTime, type Pattern, type Style, type Warning,
} from '../src/core/index.js';
import { FirstRecord, noLnavSamples, SampleLines } from '../src/core/samples.js';
import { inferFormats } from './infer.js';

export interface State {
  readonly format: string;
  readonly style: Style;
  readonly datefmt: string;
  readonly sample: string;
  /** The tab shown: a flavor (`flavor:pcre`) or a collector (`target:vector`). */
  readonly tab: string;
}

export const DEFAULT_STATE: State = { format: '', style: '%', datefmt: '', sample: '', tab: 'flavor:pcre' };

/** Records past this many are checked and counted, not drawn: the page stays responsive on a big paste. */
export const SHOWN_RECORDS = 500;

export interface ShownRecord {
  readonly record: CheckedRecord;
  /** Its lines joined by `\n`, as check read them. */
  readonly text: string;
  readonly spans: readonly FieldSpan[];
}

export interface Output {
  /** The text to copy: what the CLI prints on stdout. Empty when the target refuses the format. */
  readonly text: string;
  readonly warnings: readonly Warning[];
  /** Why there is no text (a usage error in the CLI). */
  readonly refusal: string | null;
}

export type Shown =
  | { readonly kind: 'empty' }
  | { readonly kind: 'error'; readonly error: FormatError }
  | {
    readonly kind: 'pattern';
    /** One per format: the one typed, or those inferred from the sample when the box is empty. */
    readonly patterns: readonly Pattern[];
    readonly formats: readonly string[];
    readonly inferred: boolean;
    /** The fields' names, in the order of the format: the legend, and each field's colour. */
    readonly legend: readonly string[];
    readonly records: readonly ShownRecord[];
    readonly summary: CheckSummary;
    /** check --report's charts (records per minute by level, failures by field), over every record. */
    readonly charts: string;
    /** A tab's text, computed when the tab is shown (a config costs more than a keystroke should). */
    readonly output: (tab: string) => Output;
  };

export const TABS: readonly string[] = [...FLAVOR_NAMES.map((f) => `flavor:${f}`), ...COLLECTOR_NAMES.map((c) => `target:${c}`)];

/** The sample's lines, as the CLI reads a file: split at `\n`, the last one empty if it ends in one. */
export function sampleLines(sample: string): string[] {
  if (sample === '') return [];
  const lines = sample.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

export function show(state: State): Shown {
  const keyedStyle = state.style === 'logfmt' || state.style === 'json';
  const lines = sampleLines(state.sample);
  let formats: { format: string; style: Style; datefmt: string | null; formatTime?: FormatTime; fields?: Readonly<Record<string, string>> }[] = [{ format: state.format, style: state.style, datefmt: state.datefmt === '' ? null : state.datefmt }];
  let inferred = false;
  // logfmt and JSON read any keys with an empty format; another style needs one, or those inferred.
  if (state.format === '' && !keyedStyle) {
    // A preset's Formatter class's asctime (airflow) comes with it: no box holds it.
    // So do the level names only addLevelName knows, where they tell records apart (infer's `fields`).
    formats = inferFormats(lines).map(({ format, style, datefmt, formatTime, fields }) => ({ format, style, datefmt, formatTime, fields }));
    if (formats.length === 0) return { kind: 'empty' };
    inferred = true;
  }
  const patterns: Pattern[] = [];
  for (const { format, style, datefmt, formatTime, fields } of formats) {
    const built = buildPattern(format, { style, datefmt, formatTime, fields });
    if (!built.ok) return { kind: 'error', error: built.error };
    patterns.push(built.value);
  }
  const { records, summary, charts } = checked(patterns, lines);
  const legend = [...new Set(patterns.flatMap((p) => [...fieldLabels(p).values()]))];
  for (const r of records) for (const s of r.spans) if (!legend.includes(s.name)) legend.push(s.name);
  const made = new Map<string, Output>();
  const output = (tab: string): Output => {
    let found = made.get(tab);
    if (found === undefined) made.set(tab, (found = outputOf(patterns, lines, tab)));
    return found;
  };
  return { kind: 'pattern', patterns, formats: formats.map((f) => f.format), inferred, legend, records, summary, charts, output };
}

/** Checks the lines against the formats (several: each line read as the one that fits it, as check does). */
function checked(patterns: readonly Pattern[], lines: readonly string[]): { records: ShownRecord[]; summary: CheckSummary; charts: string } {
  const checker = new RecordChecker(patterns);
  const report = new ReportData(patterns);
  const records: ShownRecord[] = [];
  // Spans are named by their regex group; the page names a field as check --json does (loguru's extra[user]).
  const labels = patterns.map(fieldLabels);
  const keep = (record: CheckedRecord | null) => {
    if (record === null) return;
    report.add(record);
    if (records.length >= SHOWN_RECORDS) return;
    const text = lines.slice(record.line - 1, record.endLine).join('\n');
    const spans = fieldSpans(patterns[record.format]!, record, text).map((s) => ({ ...s, name: labels[record.format]!.get(s.name) ?? s.name }));
    records.push({ record, text, spans });
  };
  for (const line of lines) keep(checker.push(line));
  keep(checker.end());
  const summary = checker.summary();
  return { records, summary, charts: report.charts(summary) };
}

function outputOf(patterns: readonly Pattern[], lines: readonly string[], tab: string): Output {
  const [kind, name] = tab.split(':') as [string, string];
  const warnings = patterns.flatMap((p) => p.warnings);
  // Several formats (inferred): each one's regex on its own line.
  if (kind === 'flavor') return { text: patterns.map((p) => `${regexIn(p, name as Flavor)}\n`).join(''), warnings, refusal: null };
  return config(patterns, name as Collector, lines, warnings);
}

/** gen.ts: Logtail matches whole records, so its regex is the one its config holds. */
const regexIn = (pattern: Pattern, flavor: Flavor): string => (flavor === 'logtail' ? logtailConfig(pattern).regex : render(pattern, flavor));

const refused = (refusal: string, warnings: readonly Warning[] = []): Output => ({ text: '', warnings, refusal });

/** collector.ts's action, with the sample standing for `--sample`: Logtail's first record, lnav's first matching lines. */
function config(patterns: readonly Pattern[], target: Collector, lines: readonly string[], warnings: readonly Warning[]): Output {
  let extra: Record<string, unknown> = {};
  if (target === 'logtail') {
    const first = new FirstRecord(patterns);
    for (const line of lines) if (first.push(line)) break;
    if (first.lines.length > 0) extra = { sample: first.lines.join('\n') };
  } else if (target === 'lnav') {
    if (lines.length === 0) return refused('lnav needs sample lines from your log: paste some into the sample box', warnings);
    const samples = new SampleLines(patterns);
    for (const line of lines) if (samples.push(line)) break;
    if (samples.found.length === 0) return refused(noLnavSamples('the sample'), warnings);
    extra = { samples: samples.found };
  }
  const emitted = emitConfig(target, patterns, extra as never);
  return { text: printedFiles(emitted.files), warnings: [...warnings, ...emitted.warnings], refusal: null };
}


/** A longer sample stays out of the address: browsers cap a URL (Chrome at 2 MB), and it is rewritten at each keystroke. */
export const FRAGMENT_SAMPLE = 32 * 1024;

/** The state in the URL fragment (`#format=...&style=...`): shareable, and never sent to a server. */
export function stateToFragment(state: State): string {
  const params = new URLSearchParams();
  for (const key of ['format', 'style', 'datefmt', 'sample', 'tab'] as const) {
    if (state[key] === DEFAULT_STATE[key] || (key === 'sample' && state.sample.length > FRAGMENT_SAMPLE)) continue;
    params.set(key, state[key]);
  }
  return params.toString();
}

export function stateFromFragment(fragment: string, styles: readonly string[]): State {
  const params = new URLSearchParams(fragment.replace(/^#/u, ''));
  const style = params.get('style') ?? DEFAULT_STATE.style;
  const tab = params.get('tab') ?? DEFAULT_STATE.tab;
  return {
    format: params.get('format') ?? DEFAULT_STATE.format,
    style: (styles.includes(style) ? style : DEFAULT_STATE.style) as Style,
    datefmt: params.get('datefmt') ?? DEFAULT_STATE.datefmt,
    sample: params.get('sample') ?? DEFAULT_STATE.sample,
    tab: TABS.includes(tab) ? tab : DEFAULT_STATE.tab,
  };
}
