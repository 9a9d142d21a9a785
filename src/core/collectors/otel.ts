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
import { render } from '../render.js';
import type { Warning } from '../result.js';
import { GLIBC_COMPOSITES, goLiteral, groupOf, LEVELS, startPattern, timeLayout, warnings, type TimeTable } from './shared.js';

export interface OtelOptions {
  /** Files to read: a glob (default `/var/log/app/*.log`). */
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
  readonly regex: string;
  /** The strptime layout for asctime; null without asctime or when stanza cannot read it. */
  readonly layout: string | null;
  readonly document: Record<string, unknown>;
  readonly warnings: readonly Warning[];
}

/** Python's strftime directives as stanza's strptime (ctimefmt) spells them. */
export const OTEL_STRPTIME: TimeTable = {
  name: 'the OpenTelemetry Collector',
  rules: {
    ...Object.fromEntries([...'YymdeHIMSpPbhBaAzZFTXR'].map((l) => [l, `%${l}`])),
    ...GLIBC_COMPOSITES,
    F: '%F', T: '%T', X: '%X', R: '%R',
    // ctimefmt's %D, %c and %r differ from glibc's (a 4-digit year, a zero-padded day, lower-case pm).
    '%': '%%', n: '%n', t: '%t',
    '-d': '%g', '-m': '%q', '-I': '%l', '-l': '%l',
    j: { fail: 'stanza has no day of the year (its %j is a zone offset)' },
    k: { fail: 'stanza has no space-padded 24-hour hour (its %k is a zone offset)' },
    l: { fail: 'stanza has no space-padded 12-hour hour (its %l is unpadded)' },
    s: { fail: 'stanza reads seconds since the epoch only as layout_type epoch, for a whole value' },
    ...Object.fromEntries([...'CGgUWVuw'].map((l) => [l, { fail: `stanza cannot read %${l}` }])),
  },
  millis: ',%L',
  literal: goLiteral('stanza'),
};

export function otelConfig(pattern: Pattern, options: OtelOptions = {}): OtelConfig {
  const { list, warn } = warnings('otel');
  const start = startPattern(pattern, 're2', 'the OpenTelemetry Collector', warn);
  // Multi-line entries keep their whitespace (stanza would trim a message's trailing spaces, and the
  // separator before an empty message), so each ends in the newline before the next record: the regex ends
  // in `\n\z`. Without a head, stanza splits on newlines and drops them.
  const regex = render(pattern, 're2', { mode: 'record', keepsLineEnd: start !== null });
  const asctime = groupOf(pattern, 're2', 'asctime');
  const layout = asctime === null ? null : otelTimestamp(pattern, warn);

  const level = groupOf(pattern, 're2', 'levelname') ?? groupOf(pattern, 're2', 'levelno');
  const numeric = level !== null && groupOf(pattern, 're2', 'levelname') === null;
  const parser: Record<string, unknown> = { type: 'regex_parser', regex };
  if (asctime !== null && layout !== null) {
    parser.timestamp = {
      parse_from: `attributes.${asctime}`,
      ...(pattern.datefmt === '%s' ? { layout_type: 'epoch', layout: 's' } : { layout_type: 'strptime', layout }),
      ...(options.location ? { location: options.location } : {}),
    };
  }
  if (level !== null) {
    parser.severity = {
      parse_from: `attributes.${level}`,
      mapping: Object.fromEntries(LEVELS.map((l) => [l.severity, numeric ? { min: l.min, max: l.max } : l.names.length === 1 ? l.names[0] : [...l.names]])),
    };
  }

  const document = {
    receivers: {
      [options.name ? `filelog/${options.name}` : 'filelog']: {
        include: [options.path ?? '/var/log/app/*.log'],
        start_at: options.startAt ?? 'beginning',
        ...(start !== null ? { preserve_leading_whitespaces: true, preserve_trailing_whitespaces: true, multiline: { line_start_pattern: start } } : {}),
        operators: [parser],
      },
    },
  };
  return { lineStartPattern: start, regex, layout: pattern.datefmt === '%s' ? 's' : layout, document, warnings: list };
}

function otelTimestamp(pattern: Pattern, warn: (m: string) => void): string | null {
  if (pattern.datefmt === '%s') return 's';
  return timeLayout(pattern.datefmt, OTEL_STRPTIME, warn);
}

export function formatOtel(config: OtelConfig): string {
  const header = [
    '# OpenTelemetry Collector filelog receiver, generated by pylogrx.',
    '# Add the receiver to a logs pipeline (service.pipelines.logs.receivers).',
  ].join('\n');
  return `${header}\n${toYaml(config.document)}`;
}
