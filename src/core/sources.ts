/**
 * Where formats live: logging configs and source code. The readers of INI, TOML and Python source run in
 * Python itself (python/read_formats.py, with configparser, tomllib and ast); JSON and YAML dictConfig
 * files are read here. Both produce FormatSource values, and the lints below apply to all of them.
 */
import { CONSOLE_FORMAT, STRUCTLOG_TIME } from './console.js';
import { GUNICORN_DEFAULT_FORMAT } from './gunicorn.js';
import { writtenStyle } from './hints.js';
import { LOGURU_FORMAT } from './loguru.js';
import { buildPattern } from './pattern.js';
import { BASIC_FORMATS, LOGGING_STYLES, type LoggingStyle, type Style } from './tokenize.js';

/**
 * A place a formatter's records go, as logging routes them. `handler` is the handler's name in the config, or
 * its class as the code writes it (null when no handler is seen: Celery's worker, a bare Formatter call).
 * A file's `path` is as configured; a relative one is relative to the process's working directory.
 */
export type Destination =
  | { readonly kind: 'file'; readonly path: string; readonly handler: string }
  | { readonly kind: 'console'; readonly handler: string }
  | { readonly kind: 'unknown'; readonly handler: string | null; readonly note: string };

export interface FormatSource {
  readonly file: string;
  /** 1-based line where the formatter is defined (0 when unknown). */
  readonly line: number;
  /**
   * fileConfig, dictConfig, basicConfig, Formatter, celery; constant (a module or class constant named for a
   * format: LOG_FORMAT, LogFormatter.DEFAULT_FORMAT), setting (a keyword or key named for one), gunicorn
   * (access_log_format), loguru (logger.add), structlog (configure's renderer).
   */
  readonly origin: string;
  /** The formatter's name (dictConfig/fileConfig key, Celery setting, constant), or null. */
  readonly name: string | null;
  /** null when the format is built at run time (see `note`). */
  readonly format: string | null;
  readonly datefmt: string | null;
  readonly style: Style;
  /** The config says which style; when it does not, Python uses '%'. */
  readonly style_given: boolean;
  readonly defaults: Readonly<Record<string, unknown>> | null;
  /** dictConfig's `()`: a Formatter factory, which may supply fields of its own (uvicorn's client_addr). */
  readonly factory: string | null;
  readonly note: string | null;
  /** Where the records go; [] when no handler that a logger reaches uses this formatter. */
  readonly destinations: readonly Destination[];
}

/** A library's default: its format, and the datefmt it prints its time with (null: the format's own). */
interface LibraryDefault {
  readonly format: string;
  readonly datefmt: string | null;
}

/**
 * The formats a library uses when its caller gives none, by the name python/read_formats.py reports them by.
 * basicConfig: logging/__init__.py BASIC_FORMAT, and _STYLES' for '{' and '$'. structlog: its default
 * chain, ConsoleRenderer's lines (console.ts, the structlog-console preset).
 */
const LIBRARY_DEFAULTS: Readonly<Record<string, (style: Style) => LibraryDefault>> = {
  'logging.BASIC_FORMAT': (style) => ({ format: BASIC_FORMATS[(LOGGING_STYLES as readonly string[]).includes(style) ? (style as LoggingStyle) : '%'], datefmt: null }),
  'loguru.LOGURU_FORMAT': () => ({ format: LOGURU_FORMAT, datefmt: null }),
  'gunicorn.access_log_format': () => ({ format: GUNICORN_DEFAULT_FORMAT, datefmt: null }),
  'structlog.ConsoleRenderer': () => ({ format: CONSOLE_FORMAT, datefmt: STRUCTLOG_TIME }),
};

/** The format a library writes when given none (`logging.BASIC_FORMAT`...), or null for a name not known here. */
export function libraryDefault(name: string, style: Style): LibraryDefault | null {
  return LIBRARY_DEFAULTS[name]?.(style) ?? null;
}

/** Fields a framework's own formatter supplies, by where the format is configured. */
const SUPPLIED: Readonly<Record<string, readonly string[]>> = {
  celery: ['task_name', 'task_id'],
};

// Handler classes by what they write to; python/read_formats.py has the same tables for Python, INI and TOML.
const FILE_HANDLERS = new Set(['FileHandler', 'RotatingFileHandler', 'TimedRotatingFileHandler', 'WatchedFileHandler']);
const STREAM_HANDLERS = new Set(['StreamHandler', 'colorlog.StreamHandler']);
const CONSOLE_HANDLERS = new Set(['RichHandler', 'rich.logging.RichHandler']); // rich's Console: stdout unless told
const ELSEWHERE: Readonly<Record<string, string>> = {
  SysLogHandler: 'syslog', SocketHandler: 'a TCP socket', DatagramHandler: 'a UDP socket', SMTPHandler: 'email',
  HTTPHandler: 'an HTTP server', NTEventLogHandler: 'the Windows event log',
  QueueHandler: "a queue (its listener's handlers write them)", MemoryHandler: 'its target handler',
};
const STD_STREAMS = new Set(['ext://sys.stdout', 'ext://sys.stderr']);

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => v !== null && typeof v === 'object' && !Array.isArray(v);
const names = (v: unknown): string[] | null => (v === undefined ? [] : Array.isArray(v) && v.every((n) => typeof n === 'string') ? v : null);

/** Where a dictConfig handler writes (null: nowhere, NullHandler). '()' wins over 'class', as in configure_handler. */
function handlerDestination(handler: string, spec: Dict): Destination | null {
  const cls = spec['()'] ?? spec.class;
  if (typeof cls !== 'string') return { kind: 'unknown', handler, note: 'the handler class is not a string' };
  const short = cls.replace(/^(?:logging\.handlers\.|logging\.)/u, '');
  if (FILE_HANDLERS.has(short)) {
    return typeof spec.filename === 'string'
      ? { kind: 'file', path: spec.filename, handler }
      : { kind: 'unknown', handler, note: `${short} has no filename` };
  }
  if (STREAM_HANDLERS.has(short)) {
    const stream = spec.stream ?? null;
    return stream === null || STD_STREAMS.has(stream as string)
      ? { kind: 'console', handler }
      : { kind: 'unknown', handler, note: `${short} writes to ${typeof stream === 'string' ? stream : 'a stream built at run time'}` };
  }
  if (CONSOLE_HANDLERS.has(short)) return { kind: 'console', handler };
  if (short === 'NullHandler') return null;
  const elsewhere = ELSEWHERE[short];
  return { kind: 'unknown', handler, note: elsewhere ? `${short} writes to ${elsewhere}, not a file` : `the handler class ${cls} is not known here` };
}

/**
 * dictConfig: formatter name -> destinations, through the handlers that the root and the loggers reach,
 * following MemoryHandler's target and a QueueHandler's handlers (3.12).
 */
function dictRoutes(config: Dict): Map<string, Destination[]> {
  const handlers = isDict(config.handlers) ? config.handlers : {};
  const loggers = [config.root ?? {}, ...(isDict(config.loggers) ? Object.values(config.loggers) : [])];
  const todo = loggers.flatMap((l) => (isDict(l) ? (names(l.handlers) ?? []) : []));
  const reached = new Set<string>();
  for (let name = todo.pop(); name !== undefined; name = todo.pop()) {
    const spec = handlers[name];
    if (reached.has(name) || !isDict(spec)) continue;
    reached.add(name);
    todo.push(...(typeof spec.target === 'string' ? [spec.target] : []), ...(names(spec.handlers) ?? []));
  }
  const routes = new Map<string, Destination[]>();
  for (const name of Object.keys(handlers).filter((n) => reached.has(n))) {
    const spec = handlers[name] as Dict;
    if (typeof spec.formatter !== 'string') continue;
    const destination = handlerDestination(name, spec);
    routes.set(spec.formatter, [...(routes.get(spec.formatter) ?? []), ...(destination ? [destination] : [])]);
  }
  return routes;
}


/** dictConfig formatters anywhere in a parsed JSON or YAML document (also nested: gunicorn, uvicorn). */
export function formattersInDocument(data: unknown, file: string, text: string): FormatSource[] {
  const found: FormatSource[] = [];
  const lines = text.split('\n');
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (value === null || typeof value !== 'object') return;
    const formatters = (value as Record<string, unknown>).formatters;
    if (isDict(formatters)) {
      const routes = dictRoutes(value as Dict);
      for (const [name, spec] of Object.entries(formatters as Record<string, unknown>)) {
        if (spec === null || typeof spec !== 'object') continue;
        const s = spec as Record<string, unknown>;
        // dictConfig takes 'format'; a '()' factory is called with 'fmt' as a keyword.
        const format = typeof s.format === 'string' ? s.format : typeof s.fmt === 'string' ? s.fmt : null;
        if (format === null) continue;
        const style = typeof s.style === 'string' && (LOGGING_STYLES as readonly string[]).includes(s.style) ? (s.style as Style) : '%';
        const line = lines.findIndex((l) => l.includes(name)) + 1;
        found.push({
          file, line, origin: 'dictConfig', name, format,
          datefmt: typeof s.datefmt === 'string' ? s.datefmt : null,
          style, style_given: 'style' in s,
          defaults: s.defaults !== null && typeof s.defaults === 'object' ? (s.defaults as Record<string, unknown>) : null,
          factory: typeof s['()'] === 'string' ? s['()'] : null,
          note: null,
          destinations: routes.get(name) ?? [],
        });
      }
    }
    Object.values(value).forEach(walk);
  };
  walk(data);
  return found;
}

/** What a reader of this config should fix, each with the fix. */
export function lintSource(source: FormatSource): string[] {
  const { format, datefmt, style, style_given: given, defaults } = source;
  if (format === null) return [];
  // The other lints are logging.Formatter's: gunicorn's atoms, loguru's and the keyed styles' fields are not a LogRecord's.
  if (!(LOGGING_STYLES as readonly string[]).includes(style)) return malformed(buildPattern(format, { style, datefmt }));
  const lints: string[] = [];
  if (style === '%' && writtenStyle(format, style) === '{') {
    // Read as {-style from here on, so the other lints and the regex see what the user meant.
    lints.push(`this is a {-style format but the config ${given ? "says style '%'" : 'gives no style'}: Python rejects it when the config loads (ValueError: Invalid format); add style: '{'`);
    return [...lints, ...lintSource({ ...source, style: '{', style_given: true })];
  }
  if (datefmt !== null && /%f/u.test(datefmt)) {
    lints.push("datefmt has %f, which time.strftime does not know: Python prints '%f' literally; use %(msecs)03d in the format");
  }
  if (defaults !== null) {
    lints.push('defaults are passed to Formatter from Python 3.12 (dictConfig and fileConfig); older versions ignore them, and the fields they fill raise KeyError');
  }
  const pattern = buildPattern(format, { style, datefmt });
  if (!pattern.ok) return [...lints, ...malformed(pattern)];
  for (const w of pattern.value.warnings) if (/taskName/u.test(w.message)) lints.push(`${w.message}: use it only on 3.12 or later`);
  const supplied = (key: string) => (defaults !== null && key in defaults) || (SUPPLIED[source.origin]?.includes(key) ?? false);
  const extras = [...new Set(pattern.value.parts.flatMap((p) => (p.kind === 'field' && !p.known && !supplied(p.key) ? [p.key] : [])))];
  if (extras.length > 0 && source.factory === null) {
    lints.push(`${extras.join(', ')} ${extras.length === 1 ? 'exists' : 'exist'} only through extra= (or a filter): a record without ${extras.length === 1 ? 'it' : 'them'} fails to format; set defaults= (3.12+) or add a filter`);
  }
  return lints;
}

function malformed(pattern: ReturnType<typeof buildPattern>): string[] {
  return pattern.ok ? [] : [`the format is malformed: ${pattern.error.message} (column ${pattern.error.column + 1})`];
}
