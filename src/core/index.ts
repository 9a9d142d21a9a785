/**
 * pylogrx: a Python logging format string → the regex that parses its lines.
 *
 * 1. tokenize: format string → literal and field tokens (tokenize.ts), per style.
 * 2. buildPattern: tokens → pattern, each field typed from the catalogue (catalogue.ts, strftime.ts,
 *    numbers.ts) with its padding and capture name (pattern.ts).
 * 3. render: pattern → regex text in a flavor (render.ts). Every output is rendered from the pattern.
 * 4. check: lines → records, matched and diagnosed (check.ts); fields read back as values (typed.ts).
 */
import { lookupField } from './catalogue.js';
import { lookupAtom } from './gunicorn.js';
import { asctimeOf, type FieldPart, type Pattern } from './pattern.js';
import { groupNames, renderFragment, type Flavor } from './render.js';
import { parseDatefmt, STRFTIME, type AsctimeLayout } from './strftime.js';

export { COLLECTOR_NAMES, COLLECTORS, emitConfig, type Collector, type CollectorOptions } from './collectors/index.js';
export { DEFAULT_PATH, logFiles, logFilesRead, printedFiles, type CommonOptions, type Emitted, type EmittedFile, type Emitter, type LogFiles, type PreparedFormat, type TargetOption } from './collectors/emitter.js';
export { zoneFor, type ZoneSyntax } from './collectors/zones.js';
export { alloyConfig, formatAlloy, formatPromtail, type AlloyConfig, type AlloyOptions } from './collectors/alloy.js';
export { fluentBitConfig, type FluentBitConfig, type FluentBitOptions } from './collectors/fluentbit.js';
export { lnavFormat, type LnavFormat, type LnavOptions } from './collectors/lnav.js';
export { logstashConfig, type LogstashConfig, type LogstashOptions } from './collectors/logstash.js';
export { formatOtel, otelConfig, type OtelConfig, type OtelOptions } from './collectors/otel.js';
export { formatVector, vectorConfig, type VectorConfig, type VectorOptions } from './collectors/vector.js';
export { recordHead, recordStart, type RecordHead, type RecordStart } from './head.js';
export { TracebackTracker, type TracebackLine } from './traceback.js';
export { formatLogtail, logtailConfig, type LogtailConfig, type LogtailKind, type LogtailOptions } from './collectors/logtail.js';
export { PRESET_NAMES, PRESETS, presetFormatters, type Preset, type PresetFormatter, type PresetName } from './presets.js';
export { formattersInDocument, lintSource, type Destination, type FormatSource } from './sources.js';
export { projectLogs, type ProjectLog, type ProjectLogs } from './logs.js';
export { fieldSpans, type FieldSpan } from './spans.js';
export { ReportData } from './report.js';
export { layoutRecord, type LayoutOptions, type Mark, type Piece, type ShownLine } from './show.js';
export { failureKey, failureText, FOREIGN_TEXT, RecordChecker, summaryLine, type CheckedRecord, type CheckSummary, type Diagnosis, type Grouping, type RecordKind } from './check.js';
export { atomName, GUNICORN_ATOMS, GUNICORN_DEFAULT_FORMAT, GUNICORN_TIME, lookupAtom } from './gunicorn.js';
export { CATALOGUE, COLOR_FIELD, EXTRA_FIELD, lookupField, type FieldEntry, type FieldType } from './catalogue.js';
export { buildPattern, messageIndex, type FieldPart, type LiteralPart, type Part, type Pattern, type PatternOptions, type Reading } from './pattern.js';
export { EXC_TEXT, FLAVOR_NAMES, FLAVORS, groupNames, needsExcText, render, renderFragment, type Flavor, type FlavorRules, type RenderOptions } from './render.js';
export type { FormatError, Result, Warning } from './result.js';
export { asctimeLayout, DEFAULT_DATEFMT, LOGGING_FORMAT_TIME, parseDatefmt, STRFTIME, type AsctimeLayout, type FormatTime } from './strftime.js';
export { describe as describeLines, INFER_LINES, inferFormat, type InferredFormat, type Inference } from './infer.js';
export { fieldLabels, readNumber, valueReaders, type ReadValue, type TypedValue } from './typed.js';
export { DEFAULT_FORMAT, LOGGING_STYLES, STYLES, tokenize, type FieldSpec, type LoggingStyle, type FieldToken, type LiteralToken, type Span, type Style, type Token } from './tokenize.js';

/** One row of `gen --json`'s field table. */
export interface FieldRow {
  /** The record attribute. */
  readonly name: string;
  /** The group name in the chosen flavor (for logtail: the key). */
  readonly group: string;
  readonly type: string;
  /** The value's fragment, without padding. */
  readonly fragment: string;
  readonly placeholder: string;
  readonly sample: string;
  /** asctime: the strftime format of its text. */
  readonly timeFormat?: string;
  /** Not a LogRecord attribute: supplied through extra= (and missing from records that lack it). */
  readonly extra?: true;
}

/** The distinct captured fields of a pattern, in order, described for the chosen flavor. */
export function fieldTable(pattern: Pattern, flavor: Flavor): FieldRow[] {
  const names = groupNames(pattern, flavor);
  return pattern.parts
    .filter((p): p is FieldPart => p.kind === 'field' && p.sameAs === null)
    .map((p) => ({
      name: p.key,
      group: names.get(p.capture)!,
      type: p.type,
      fragment: renderFragment(p, flavor),
      placeholder: p.raw,
      sample: printedSample(p, p.type === 'time' ? sampleTime(asctimeOf(pattern)) : (pattern.style === 'gunicorn' ? lookupAtom : lookupField)(p.key).entry.examples[0] ?? ''),
      ...(p.timeFormat ? { timeFormat: p.timeFormat } : {}),
      ...(p.known ? {} : { extra: true as const }),
    }));
}

/** An example value as the field prints it: in quotes by `%r` (the catalogue's examples hold none), cut by its precision. */
function printedSample(p: FieldPart, example: string): string {
  const quoted = (p.conversion === 'r' || p.conversion === 'a') && p.type !== 'int' && p.type !== 'float' ? `'${example}'` : example;
  return p.precision === null ? quoted : [...quoted].slice(0, p.precision).join('');
}

function sampleTime(layout: AsctimeLayout): string {
  const text = (datefmt: string) => parseDatefmt(datefmt, []).map((p) => (p.kind === 'literal' ? p.raw : STRFTIME[p.letter!]!.example)).join('');
  return `${text(layout.datefmt)}${layout.millis === null ? '' : `${layout.millis}123`}${text(layout.after)}`;
}
