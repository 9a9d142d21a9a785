/**
 * JSON and logfmt lines (`--style json`, `--style logfmt`) as every collector reads them: with the agent's
 * own JSON or key=value parser, not a regex. What the targets need of such a format is here: the key the
 * record's time is in and how it is written, the key its level is in, and the keys a traceback is kept in
 * (they stay fields: a JSON string holds the traceback's newlines as `\n`, so the record is one line).
 */
import type { Pattern } from '../pattern.js';
import { timeLayout, type TimeTable, type Warn } from './datefmt.js';
import { LEVELS } from './shared.js';

/** How a keyed record's time is written. */
export type KeyedTime =
  /** A strftime datefmt (null: logging's default, `%Y-%m-%d %H:%M:%S,mmm`). */
  | { readonly key: string; readonly kind: 'datefmt'; readonly datefmt: string | null }
  /** ISO 8601 with a fraction and an offset or `Z` (structlog's TimeStamper(fmt="iso")). */
  | { readonly key: string; readonly kind: 'iso8601' }
  /** Seconds since the epoch, with a fraction (LogRecord.created, TimeStamper(fmt=None)). */
  | { readonly key: string; readonly kind: 'epoch' };

export interface KeyedFormat {
  readonly syntax: 'json' | 'logfmt';
  /** The keys the format names, in its order. */
  readonly keys: readonly string[];
  readonly time: KeyedTime | null;
  /** The key the level name is in, or null. */
  readonly level: string | null;
}

/**
 * The time keys the loggers write, by key, and how (a `--datefmt` given is the writer's own format):
 * - asctime: python-json-logger's JsonFormatter.formatTime is logging.Formatter's (datefmt, or the default
 *   with `,mmm`): pythonjsonlogger/jsonlogger.py add_fields, logging/__init__.py formatTime;
 * - timestamp: structlog.processors.TimeStamper's default key; fmt="iso" writes ISO 8601 (the fixture's),
 *   fmt=None the epoch as a float (`--datefmt %s`), another fmt is strftime (structlog/processors.py);
 * - created: LogRecord.created, time.time() as a float (logging/__init__.py LogRecord.__init__).
 */
const TIME_KEYS: Readonly<Record<string, (datefmt: string | null) => KeyedTime['kind']>> = {
  asctime: (datefmt) => (datefmt === '%s' ? 'epoch' : 'datefmt'),
  timestamp: (datefmt) => (datefmt === null ? 'iso8601' : datefmt === '%s' ? 'epoch' : 'datefmt'),
  created: () => 'epoch',
};

/**
 * The level keys: logging's levelname (python-json-logger), structlog's add_log_level `level` (lower
 * case: structlog/_log_levels.py add_log_level writes method_name, "warning" for warn).
 */
const LEVEL_KEYS = ['levelname', 'level'] as const;

/** The keys a traceback is written in: python-json-logger's exc_info, structlog's format_exc_info `exception`. */
export const EXCEPTION_KEYS = ['exc_info', 'exception', 'stack_info'] as const;

/** What a target needs of a keyed format, or null for any other. */
export function keyedFormat(pattern: Pattern): KeyedFormat | null {
  const keyed = pattern.keyed;
  // ConsoleRenderer's lines have no agent parser: the collectors read them with the regex.
  if (keyed === undefined || keyed.syntax === 'console') return null;
  const timeKey = keyed.keys.find((k) => k in TIME_KEYS);
  const datefmt = pattern.datefmt;
  const kind = timeKey === undefined ? null : TIME_KEYS[timeKey]!(datefmt);
  const time: KeyedTime | null = timeKey === undefined || kind === null ? null
    : kind === 'datefmt' ? { key: timeKey, kind, datefmt }
      : { key: timeKey, kind };
  return { syntax: keyed.syntax, keys: keyed.keys, time, level: LEVEL_KEYS.find((k) => keyed.keys.includes(k)) ?? null };
}

/** The level names each severity stands for, as the loggers write them: logging's and structlog's lower case. */
export const KEYED_LEVELS = LEVELS.map((l) => ({ ...l, names: [...l.names, ...l.names.map((n) => n.toLowerCase())] }));

/** A target's time layouts for each way a time is written (null: the target cannot read it, and says why). */
export interface KeyedTimeLayouts {
  readonly table: TimeTable;
  readonly iso8601: string;
  readonly epoch: string;
}

/** The layout a target reads a keyed time with; null (with a warning) when its table cannot read the datefmt. */
export function keyedLayout(time: KeyedTime, layouts: KeyedTimeLayouts, warn: Warn): string | null {
  if (time.kind === 'iso8601') return layouts.iso8601;
  if (time.kind === 'epoch') return layouts.epoch;
  return timeLayout({ datefmt: time.datefmt, millis: null }, layouts.table, warn);
}

/** The first line of a logfmt record: its first key (with a value, or a True flag), in any flavor. */
export const logfmtStart = (keys: readonly string[]): string => `${keys[0]}(?:[= ]|$)`;

/** A JSON record's first line: an object. */
export const JSON_START = '\\{';
