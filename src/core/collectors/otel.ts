/**
 * OpenTelemetry Collector: a `filelog` receiver (stanza) for the format. Its engine is Go's regexp (RE2
 * syntax), so both regexes are rendered from the pattern in the `re2` flavor:
 * - `multiline.line_start_pattern`: the head. Stanza compiles it with `(?m)` and searches the read
 *   buffer, so its `^` is the start of any line;
 * - `regex_parser.regex`: the whole record (message lines, traceback), anchored `^`…`\n\z`: whitespace is
 *   preserved, so an entry is the record's lines, each with its newline.
 * The time is read by stanza's strptime (ctimefmt: `%L` milliseconds, `%f` microseconds, and `%j`, `%k`,
 * `%s` mean other things than in glibc), the severity from levelname or levelno.
 */
import { toYaml } from '../yaml.js';
import type { Pattern } from '../pattern.js';
import type { Warning } from '../result.js';
import { epochSeconds, timeLayout, type TimeTable } from './datefmt.js';
import { allWarnings, anyStart, defaultPath, defaultsComment, logFiles, patternList, prepare, type Emitter, type PreparedFormat } from './emitter.js';
import { KEYED_LEVELS, keyedLayout, type KeyedFormat, type KeyedTimeLayouts } from './keyed.js';
import { goLiteral, groupOf, LEVELS } from './shared.js';
import { givenZone } from './zones.js';

export interface OtelOptions {
  /** The log: a file, a directory or a glob (default `/var/log/app/*.log`). */
  readonly path?: string;
  /** The receiver's id suffix: `filelog/<name>`. */
  readonly name?: string;
  /** `beginning` or `end` (stanza's default). */
  readonly startAt?: 'beginning' | 'end';
  /** An IANA zone for times without an offset (stanza's `location`). */
  readonly location?: string;
}

export interface OtelConfig {
  /** The start pattern, as the config holds it; null when every line is a record. */
  readonly lineStartPattern: string | null;
  /** The first format's regex (each format's: `regexes`). */
  readonly regex: string;
  readonly regexes: readonly string[];
  /** The first format's strptime layout for asctime; null without asctime or when stanza cannot read it. */
  readonly layout: string | null;
  readonly document: Record<string, unknown>;
  /** The defaults it holds, the options not given (for the header). */
  readonly defaults: readonly (string | null)[];
  readonly warnings: readonly Warning[];
}

/** Python's strftime directives as stanza's strptime (ctimefmt) spells them. */
export const OTEL_STRPTIME: TimeTable = {
  name: 'the OpenTelemetry Collector',
  rules: {
    ...Object.fromEntries([...'YymdeHIMSpPbhBaAzZFTXR'].map((l) => [l, `%${l}`])),
    // ctimefmt's %D, %c and %r differ from glibc's (a 4-digit year, a zero-padded day, lower-case pm): expanded.
    '%': '%%', n: '%n', t: '%t',
    '-d': '%g', '-m': '%q', '-I': '%l', '-l': '%l',
    j: { fail: 'stanza has no day of the year (its %j is a zone offset)' },
    k: { fail: 'stanza has no space-padded 24-hour hour (its %k is a zone offset)' },
    l: { fail: 'stanza has no space-padded 12-hour hour (its %l is unpadded)' },
    s: { fail: 'stanza reads seconds since the epoch only as layout_type epoch, for a whole value' },
    ...Object.fromEntries([...'CGgUWVuw'].map((l) => [l, { fail: `stanza cannot read %${l}` }])),
  },
  fraction: '%L',
  literal: goLiteral('stanza'),
};

export function otelConfig(patterns: Pattern | readonly Pattern[], options: OtelOptions = {}): OtelConfig {
  return otel(prepare(patternList(patterns), OTEL, 'otel'), options);
}

/**
 * Keyed times (keyed.ts): ISO 8601 by a Go layout (time.Parse reads a fraction after the seconds that the
 * layout does not name, and Z07:00 reads `Z` or an offset); the epoch as stanza's epoch layout.
 */
const KEYED_TIMES: KeyedTimeLayouts = { table: OTEL_STRPTIME, iso8601: '2006-01-02T15:04:05Z07:00', epoch: 's.us' };

/** The severity block: Python's levels mapped from the level key (by name, or by number for levelno). */
function severityOf(from: string, numeric: boolean, levels: typeof KEYED_LEVELS | typeof LEVELS): Record<string, unknown> {
  return {
    parse_from: `attributes.${from}`,
    mapping: Object.fromEntries(levels.map((l) => [l.severity, numeric ? { min: l.min, max: l.max } : l.names.length === 1 ? l.names[0] : [...l.names]])),
  };
}

/**
 * A JSON or logfmt format's parser: stanza's json_parser (every key an attribute, a traceback string with
 * its newlines) or key_value_parser (`key=value`, a quoted value without its quotes), with the time and level.
 */
function keyedParserOf(f: PreparedFormat & { keyed: KeyedFormat }, location: string | undefined): { parser: Record<string, unknown>; layout: string | null; route: string } {
  const { keyed } = f;
  const layout = keyed.time === null ? null : keyedLayout(keyed.time, KEYED_TIMES, f.warn);
  const parser: Record<string, unknown> = keyed.syntax === 'json' ? { type: 'json_parser' } : { type: 'key_value_parser', delimiter: '=' };
  if (keyed.time !== null && layout !== null) {
    const type = keyed.time.kind === 'iso8601' ? 'gotime' : keyed.time.kind === 'epoch' ? 'epoch' : 'strptime';
    parser.timestamp = { parse_from: `attributes.${keyed.time.key}`, layout_type: type, layout, ...(location && type !== 'epoch' ? { location } : {}) };
  }
  if (keyed.level !== null) parser.severity = severityOf(keyed.level, false, KEYED_LEVELS);
  return { parser, layout, route: f.start! };
}

/** A format's regex_parser: the record regex, its timestamp and severity. */
function parserOf(f: PreparedFormat, lineEnd: boolean, location: string | undefined): { parser: Record<string, unknown>; layout: string | null; route: string } {
  if (f.keyed !== null) return keyedParserOf({ ...f, keyed: f.keyed }, location);
  const { pattern } = f;
  // Entries keep their whitespace (stanza would trim a message's trailing spaces, and the separator before
  // an empty message); with a head each ends in the newline before the next record: the regex ends in
  // `\n\z`. Without a head, stanza splits on newlines and drops them.
  const regex = f.record(lineEnd ? { lineEnd: 'kept' } : {});
  // The record's time (asctime, or gunicorn's t), with the msecs that follow it (datefmt.ts timeField).
  const time = f.time;
  // Seconds since the epoch: stanza's epoch layouts, `s.ms` with `.%(msecs)03d` after them.
  const epoch = epochSeconds(time);
  const epochMillis = epoch && time?.millis === '.';
  const layout = time === null ? null : epoch ? (epochMillis ? 's.ms' : 's') : timeLayout(time, OTEL_STRPTIME, f.warn);
  const level = groupOf(pattern, 're2', 'levelname') ?? groupOf(pattern, 're2', 'levelno');
  const numeric = level !== null && groupOf(pattern, 're2', 'levelname') === null;
  const parser: Record<string, unknown> = { type: 'regex_parser', regex };
  if (time !== null && layout !== null) {
    parser.timestamp = {
      // `1700000000,123` is no epoch value: the seconds alone are, from asctime's own group.
      parse_from: `attributes.${epoch && !epochMillis ? groupOf(pattern, 're2', 'asctime') ?? time.key : time.key}`,
      ...(epoch ? { layout_type: 'epoch', layout } : { layout_type: 'strptime', layout }),
      ...(location ? { location } : {}),
    };
  }
  if (level !== null) parser.severity = severityOf(level, numeric, LEVELS);
  return { parser, layout, route: regex };
}

/** An expr string literal (stanza's `if` and router expressions): double-quoted, Go escapes. */
const exprString = (text: string) => JSON.stringify(text);

function otel(formats: readonly PreparedFormat[], options: OtelOptions): OtelConfig {
  const start = anyStart(formats, 're2');
  const location = givenZone(options.location, 'iana', 'the OpenTelemetry Collector', formats[0]!.warn, "times are read in the collector's zone");
  const parsed = formats.map((f) => parserOf(f, start !== null, location));
  // Several formats: a router sends each entry to the first format's parser whose regex matches it.
  const operators = parsed.length === 1 ? [parsed[0]!.parser] : [
    {
      type: 'router', id: 'format',
      routes: parsed.map((p, i) => ({ expr: `body matches ${exprString(p.route)}`, output: `format_${i + 1}` })),
      default: 'parsed',
    },
    ...parsed.map((p, i) => ({ id: `format_${i + 1}`, ...p.parser, output: 'parsed' })),
    { type: 'noop', id: 'parsed' },
  ];
  const document = {
    receivers: {
      [options.name ? `filelog/${options.name}` : 'filelog']: {
        include: [logFiles(options).glob],
        start_at: options.startAt ?? 'beginning',
        // Stanza trims "\r\n\t " from both ends of an entry by default (pkg/stanza/trim): kept, as Python wrote it.
        preserve_leading_whitespaces: true,
        preserve_trailing_whitespaces: true,
        ...(start !== null ? { multiline: { line_start_pattern: start } } : {}),
        operators,
      },
    },
  };
  return {
    lineStartPattern: start, regex: (parsed[0]!.parser.regex as string | undefined) ?? '', regexes: parsed.flatMap((p) => (p.parser.type === 'regex_parser' ? [p.parser.regex as string] : [])),
    layout: parsed[0]!.layout, document, defaults: [defaultPath(options.path, 'include')], warnings: allWarnings(formats),
  };
}

export function formatOtel(config: OtelConfig): string {
  const header = [
    '# OpenTelemetry Collector filelog receiver, generated by pylogrx.',
    '# Add the receiver to a logs pipeline (service.pipelines.logs.receivers).',
    ...defaultsComment(config.defaults),
  ].join('\n');
  return `${header}\n${toYaml(config.document)}`;
}

export const OTEL = {
  title: 'the OpenTelemetry Collector',
  description: 'print an OpenTelemetry Collector filelog receiver (multiline, regex_parser, timestamp, severity) for the format',
  flavor: 're2',
  provenBy: "test/otel.test.ts: Go's regexp and stanza's time layouts",
  time: OTEL_STRPTIME,
  several: 'a router operator sends each entry to the first format whose regex matches it',
  nameKey: 'name',
  options: [
    { key: 'name', flags: '--name <name>', description: 'the receiver id suffix: filelog/<name>' },
    { key: 'startAt', flags: '--start-at <where>', description: 'where to start reading a new file', choices: ['beginning', 'end'], default: 'beginning' },
    { key: 'location', flags: '--location <zone>', description: 'an IANA zone for times without an offset, e.g. Europe/Berlin', zone: 'iana' },
  ],
  examples: [
    "pylogrx otel '%(asctime)s %(levelname)s %(name)s: %(message)s' --path '/var/log/app/*.log'",
    "pylogrx otel '%(asctime)s %(message)s' --datefmt '%d/%b/%Y %H:%M:%S' --location UTC",
  ],
  emit: (formats, options) => {
    const config = otel(formats, options);
    return { files: [{ name: 'otel-collector.yaml', text: formatOtel(config) }], warnings: config.warnings };
  },
} as const satisfies Emitter<OtelOptions>;
