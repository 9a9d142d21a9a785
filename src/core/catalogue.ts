/**
 * The field catalogue: one entry per LogRecord attribute, with the shapes CPython 3.8–3.13 prints for
 * it (research/python-logging.md §4). Read it as documentation; the pattern builder turns an entry plus
 * a placeholder's spec into a fragment.
 */
import { alt, digits, fewest, lit, notSet, oneOrMore, optional, repeat, seq, set, sgrRun, words, zeroOrMore, type Rx } from './rx.js';

export type FieldType = 'str' | 'int' | 'float' | 'time' | 'message';

export interface FieldEntry {
  readonly type: FieldType;
  readonly meaning: string;
  /** Values CPython really prints, for the field table and docs. */
  readonly examples: readonly string[];
  /** What a diagnostic says was expected, e.g. `lineno: expected digits`. */
  readonly expected: string;
  /** str fields: the text, built from the free text this position allows (see FreeText). */
  readonly text?: (free: FreeText) => Rx;
  /** Numbers: may it be negative; at most how many integer digits (msecs < 1000). */
  readonly number?: { readonly signed: boolean; readonly maxDigits?: number };
  /** floats: what repr() prints (`%(created)s`, `{created}`, `$created`). */
  readonly repr?: Rx;
  /** The attribute is None when its logging switch is off (logThreads, logProcesses...), printing `None`. */
  readonly nullable?: boolean;
  /** What a missing value prints, when not `None` (gunicorn's `%(b)s` prints `-`). */
  readonly none?: string;
  /** Python version the attribute appeared in, when later than 3.8. */
  readonly since?: string;
  /** When set, the value is never empty and always starts with this character (ANSI colour codes). */
  readonly leading?: string;
  /** The value may be the empty string. */
  readonly mayBeEmpty?: boolean;
  /**
   * The text a record's first line must show here when nothing typed (a time, a number) comes before the
   * message: the level names CPython defines. A loose `\S+` would take `Traceback` or `ValueError:`.
   */
  readonly startText?: Rx;
  /**
   * Characters the value may hold that a format also puts right after it: a logger name's dots, hyphens
   * and spaces, a thread name's hyphen (`Thread-1`, `ThreadPoolExecutor-0_0`), a path's spaces and drive
   * colon. Free text there runs past such a character while the text after it does not begin like the
   * rest of the format (pattern.ts splitPlan). A field without them (levelname, module, funcName) stops
   * at the first one, and so decides the split for the free text before it.
   */
  readonly holds?: string;
  /**
   * The values logging itself prints, tried first where another field follows with nothing between
   * (`%(levelname)s%(name)s` prints `INFOapp.db`): the texts are then split where such a value ends, not
   * where free text would stop. Other values still match, as free text.
   */
  readonly glued?: { readonly values: Rx; readonly what: string };
}

/**
 * Free text at a field's position: one or more characters of the alphabet the position allows, less
 * `exclude`. The pattern builder decides the alphabet from what follows the field (pattern.ts), so that
 * neighbouring fields never overlap and matching stays linear.
 */
export interface FreeText {
  (exclude?: readonly string[]): Rx;
  /** The free text already takes balanced `(...)` groups (it sits before a ')'). */
  readonly nestsParens: boolean;
  /** The literal after the field is the format's last text (gunicorn's closing `"` of `"%(a)s"`). */
  readonly beforeLastText: boolean;
  /** One run of `within` (a negated set) less what the position excludes: a narrow field's one word, never split. */
  readonly word: (within: Rx) => Rx;
}

const word = (free: FreeText) => free();
/**
 * A character of a Python identifier, loosely: anything but whitespace and ASCII punctuation ('_' stays).
 * Non-ASCII letters are identifier characters (PEP 3131); other non-ASCII characters are let through.
 */
const IDENTIFIER = notSet('\\s', '!-/', ':-@', '[', '\\\\', ']', '^', '`', '{-~');
/** A source that is no file: `<stdin>`, `<string>`, `<frozen runpy>`, `<ipython-input-1-5b5e>`. */
const PSEUDO_FILE = seq(lit('<'), zeroOrMore(notSet('\\n', '<', '>')), lit('>'));
/**
 * splitext() of `<frozen importlib._bootstrap>` cuts at its last dot: module `<frozen importlib`. CPython
 * 3.8-3.10 attribute records to such frames; 3.11+ skips them (logging/__init__.py _is_internal_frame).
 */
const FROZEN_MODULE = seq(lit('<frozen '), oneOrMore(notSet('\\s', '<', '>', '/', '\\\\')));
const UNSIGNED_FLOAT_REPR = seq(digits(), lit('.'), digits());
/**
 * colorlog escape codes: `\x1b[1;31m`, `\x1b[0m`, or '' when colour is off. Bounded: formatters emit one
 * or two codes, and an unbounded run next to an optional one would backtrack polynomially.
 */
/**
 * logging/__init__.py _levelToName, with the aliases getLevelName also knows (WARN, FATAL), and the names
 * libraries add with addLevelName: TRACE (uvicorn/config.py), and verboselogs' SPAM, VERBOSE, NOTICE and
 * SUCCESS (also coloredlogs' defaults).
 */
export const LEVEL_NAME_LIST = ['CRITICAL', 'FATAL', 'ERROR', 'WARNING', 'WARN', 'INFO', 'DEBUG', 'NOTSET', 'TRACE', 'SPAM', 'VERBOSE', 'NOTICE', 'SUCCESS'] as const;
const LEVEL_NAMES = words(...LEVEL_NAME_LIST);
/** ` (worker)`: 3.10+ names a thread after its target, a function's __name__ (no parens). */
const THREAD_TARGET = seq(lit(' ('), zeroOrMore(notSet('\\n', '(', ')')), lit(')'));
/**
 * threading.py's names: MainThread, Thread-N, Thread-N (target) (3.10+, Thread._newname and __init__),
 * Dummy-N (_DummyThread); concurrent/futures/thread.py's ThreadPoolExecutor-N_M.
 */
export const THREAD_NAMES = alt(
  lit('MainThread'),
  seq(lit('Thread-'), digits(), optional(THREAD_TARGET)),
  seq(lit('ThreadPoolExecutor-'), digits(), lit('_'), digits()),
  seq(lit('Dummy-'), digits()),
);
/**
 * multiprocessing's names: MainProcess (process.py _MainProcess), `{type}Process-N:M` (process.py
 * BaseProcess.__init__: Process, ForkProcess, SpawnProcess, ForkServerProcess), and the same with
 * `Process` replaced by `PoolWorker` (pool.py Pool._repopulate_pool_static: `SpawnPoolWorker-N`; billiard's
 * ForkPoolWorker-N in Celery).
 */
export const PROCESS_NAMES = alt(
  lit('MainProcess'),
  seq(optional(words('ForkServer', 'Fork', 'Spawn')), lit('Process-'), digits(), zeroOrMore(seq(lit(':'), digits()))),
  seq(zeroOrMore(set('A-Z', 'a-z', '0-9', '_')), lit('PoolWorker-'), digits(), zeroOrMore(seq(lit(':'), digits()))),
);
/**
 * A source file's name, as far as its first `.py`, then `.pyw`: where it ends when another field is glued
 * after it (`app.pyworker` is app.py, then worker).
 */
const PY_FILE = { values: seq(fewest(notSet('\\s')), alt(lit('.py'), lit('.pyw'))), what: 'a `.py` file' };
const HEX = set('0-9', 'a-f', 'A-F');
/** A UUID as str(uuid.UUID) prints it, or its 32 hex digits without dashes. */
const UUID = seq(repeat(HEX, 8, 8), optional(lit('-')), repeat(HEX, 4, 4), optional(lit('-')), repeat(HEX, 4, 4), optional(lit('-')), repeat(HEX, 4, 4), optional(lit('-')), repeat(HEX, 12, 12));
const ANSI = sgrRun(3);
/** A word of an http.HTTPStatus phrase: `Not`, `Non-Authoritative`, `I'm`. */
const PHRASE_WORD = oneOrMore(set('A-Z', 'a-z', "'", '\\-'));

export const CATALOGUE: Readonly<Record<string, FieldEntry>> = {
  name: {
    type: 'str', meaning: 'logger name', examples: ['root', 'app.db', 'my-service.api', '__main__', 'My Service'],
    expected: 'a logger name', text: word, holds: ' .-',
  },
  levelno: {
    type: 'int', meaning: 'numeric level', examples: ['10', '20', '25'], expected: 'a level number',
    number: { signed: true },
  },
  levelname: {
    // Unnamed levels print 'Level N' (with a space); addLevelName allows any name (TRACE, NOTICE, SUCCESS).
    type: 'str', meaning: 'level name', examples: ['DEBUG', 'INFO', 'WARNING', 'Level 15', 'NOTICE'],
    expected: 'a level name', text: (free) => alt(seq(lit('Level '), optional(lit('-')), digits()), free()),
    startText: alt(seq(lit('Level '), optional(lit('-')), digits()), LEVEL_NAMES), glued: { values: LEVEL_NAMES, what: 'a level name' },
  },
  pathname: {
    // co_filename: a path (spaces in directories; C:\Users\Jane Doe\... on Windows), or a pseudo file.
    type: 'str', meaning: 'source path', examples: ['/srv/app/views.py', '/home/dev/my project/tool.py', '<stdin>', '<frozen runpy>', '(unknown file)'],
    expected: 'a source path', text: (free) => alt(lit('(unknown file)'), PSEUDO_FILE, free()), holds: ' :', glued: PY_FILE,
  },
  filename: {
    type: 'str', meaning: 'source file name', examples: ['views.py', '<string>', '(unknown file)'],
    expected: 'a file name', text: (free) => alt(lit('(unknown file)'), free()), holds: ' ', glued: PY_FILE,
  },
  module: {
    // LogRecord: splitext(basename(pathname))[0], so never a '/' (nor a backslash on Windows); 'Unknown module'
    // when the path is not a str.
    type: 'str', meaning: 'module (file name without extension)', examples: ['views', 'weird.name.v2', '<stdin>', '<frozen importlib', '(unknown file)'],
    expected: 'a module name', text: (free) => alt(lit('(unknown file)'), lit('Unknown module'), PSEUDO_FILE, FROZEN_MODULE, free(['/', '\\'])),
  },
  funcName: {
    // co_name: an identifier, or <module>, <lambda>, <genexpr>, <listcomp>...; never a '.' or a space.
    type: 'str', meaning: 'function name', examples: ['handle', '<module>', '<lambda>', '(unknown function)'],
    expected: 'a function name', nullable: true,
    text: (free) => alt(lit('(unknown function)'), seq(lit('<'), oneOrMore(IDENTIFIER), lit('>')), free.word(IDENTIFIER)),
  },
  lineno: {
    type: 'int', meaning: 'source line number', examples: ['42', '0'], expected: 'digits', number: { signed: false },
  },
  created: {
    type: 'float', meaning: 'creation time, seconds since the epoch', examples: ['1715243725.123457'],
    expected: 'epoch seconds', number: { signed: false }, repr: UNSIGNED_FLOAT_REPR,
  },
  relativeCreated: {
    // Wall-clock based: negative if the clock steps back.
    type: 'float', meaning: 'milliseconds since logging was imported', examples: ['2.109527587890625', '56.778988'],
    expected: 'milliseconds', number: { signed: true },
    repr: seq(optional(lit('-')), digits(), optional(seq(lit('.'), digits())), optional(seq(lit('e'), set('+', '\\-'), digits()))),
  },
  msecs: {
    // 3.8/3.9: a non-integral float; 3.10+: integral (123.0). %(msecs)03.0f can round up to 1000 on 3.8/3.9.
    type: 'float', meaning: 'millisecond part of created', examples: ['7', '007', '123.0', '465.4865264892578'],
    expected: 'milliseconds', number: { signed: false, maxDigits: 3 }, repr: UNSIGNED_FLOAT_REPR,
  },
  asctime: { type: 'time', meaning: 'creation time as text (datefmt)', examples: ['2016-02-19 11:03:13,410'], expected: 'a time' },
  thread: {
    type: 'int', meaning: 'thread ident (pthread_t)', examples: ['140225670306688'], expected: 'a thread id',
    number: { signed: false }, nullable: true,
  },
  threadName: {
    // 3.10+: 'Thread-N (target)'; also MainThread, ThreadPoolExecutor-0_0, Dummy-1, any custom name.
    type: 'str', meaning: 'thread name', examples: ['MainThread', 'Thread-3 (worker)', 'ThreadPoolExecutor-0_0'],
    expected: 'a thread name', nullable: true, holds: ' -', glued: { values: THREAD_NAMES, what: 'a thread name' },
    // Before a ')', the free text's own balanced groups take ' (worker)'; a second way would be ambiguous.
    // The target is a function's __name__: no parens, so after the message each try stops at the next one.
    text: (free) => (free.nestsParens ? free() : seq(free(['(']), optional(THREAD_TARGET))),
  },
  process: {
    type: 'int', meaning: 'process id', examples: ['20193'], expected: 'a process id', number: { signed: false }, nullable: true,
  },
  processName: {
    type: 'str', meaning: 'process name', examples: ['MainProcess', 'ForkProcess-1:2', 'SpawnPoolWorker-3'],
    expected: 'a process name', text: word, nullable: true, holds: ' ', glued: { values: PROCESS_NAMES, what: 'a process name' },
  },
  taskName: {
    type: 'str', meaning: 'asyncio task name, or None', examples: ['None', 'Task-1'], expected: 'a task name',
    text: word, nullable: true, since: '3.12', holds: ' ',
  },
  message: { type: 'message', meaning: 'the formatted message', examples: ['first debug message'], expected: 'the message' },
  msg: { type: 'str', meaning: 'the unformatted message object', examples: ['boom %s'], expected: 'text', text: word, mayBeEmpty: true, holds: ' ' },
  args: { type: 'str', meaning: 'the message arguments', examples: ['()', "('arg',)"], expected: 'text', text: word },
  exc_info: { type: 'str', meaning: 'exception tuple', examples: ['None'], expected: 'text', text: word },
  exc_text: { type: 'str', meaning: 'cached traceback text', examples: ['None'], expected: 'text', text: word },
  stack_info: { type: 'str', meaning: 'stack text', examples: ['None'], expected: 'text', text: word },
};

/** A field the catalogue does not know (an `extra=` key): any text, possibly empty. */
export const EXTRA_FIELD: FieldEntry = {
  type: 'str', meaning: 'extra= attribute', examples: ['4f7c2a', '-'], expected: 'a value',
  text: (free) => optional(free()), mayBeEmpty: true, holds: ' ',
};

/** colorlog's `%(log_color)s`, `%(reset)s`, `%(bold_red)s`, `%(message_log_color)s`; tornado's `%(color)s`. */
const COLOR = /^(?:(?:bold|thin|fg|bg|fg_bold|fg_thin|bg_bold|bold_bg)_)?(?:black|red|green|yellow|blue|purple|cyan|white)$|^(?:bold|thin|reset|log_color|color|end_color)$|_log_color$/u;

export const COLOR_FIELD: FieldEntry = {
  type: 'str', meaning: 'ANSI colour code (colorlog, tornado)', examples: ['\\x1b[32m', '\\x1b[0m', ''], expected: 'an ANSI colour code',
  text: () => ANSI, leading: '\x1b', mayBeEmpty: true,
};

/**
 * Attributes that popular frameworks add to every record through their own Formatter or Filter. They are
 * not LogRecord attributes, but their shapes are known, and knowing them keeps neighbours apart.
 */
export const KNOWN_EXTRAS: Readonly<Record<string, FieldEntry>> = {
  // uvicorn/logging.py ColourizedFormatter: levelname + ':' + ' ' * (8 - len(levelname)), maybe coloured.
  levelprefix: {
    type: 'str', meaning: "uvicorn's padded 'LEVEL:'", examples: ['INFO:    ', 'WARNING: '], expected: "a level prefix like 'INFO:'",
    text: () => seq(ANSI, oneOrMore(set('A-Z', 'a-z')), ANSI, lit(':'), repeat(lit(' '), 0, 7)),
    startText: seq(ANSI, LEVEL_NAMES, ANSI, lit(':'), repeat(lit(' '), 0, 7)),
  },
  // uvicorn/logging.py AccessFormatter.formatMessage, from the access record's args (uvicorn 0.17):
  // protocols/utils.py get_client_addr: '%s:%d' % (host, port), '' without a client.
  client_addr: {
    type: 'str', meaning: "uvicorn's client 'host:port'", examples: ['127.0.0.1:52144', '::1:52144', ''], expected: "a client address 'host:port'",
    text: () => zeroOrMore(notSet('\\s', '"')), mayBeEmpty: true,
  },
  // '%s %s HTTP/%s' % (method, full_path, http_version), bold with colour on: the path is quote()d and the
  // query string is the raw target's, which h11 and httptools take without spaces.
  request_line: {
    type: 'str', meaning: "uvicorn's request line 'METHOD path HTTP/x'", examples: ['GET /?q="x" HTTP/1.1', '\x1b[1mGET / HTTP/1.1\x1b[0m'], expected: "a request line 'METHOD path HTTP/x'",
    text: () => seq(ANSI, oneOrMore(set('!', '#', '$', '%', '&', "'", '*', '+', '\\-', '.', '^', '_', '`', '|', '~', '0-9', 'A-Z', 'a-z')), lit(' '), zeroOrMore(notSet(' ', '\\n')), lit(' HTTP/'), digits(), optional(seq(lit('.'), digits())), ANSI),
  },
  // get_status_code: '%s %s' % (status, http.HTTPStatus(status).phrase), the phrase '' for a code it does
  // not know ('599 '); with colour on, coloured by the status class. A bare code too: an app's own
  // status_code extra holds one.
  status_code: {
    type: 'str', meaning: "uvicorn's status and phrase", examples: ['200 OK', "418 I'm a Teapot", '599 ', '\x1b[32m200 OK\x1b[0m'], expected: "a status and its phrase ('404 Not Found')",
    text: () => seq(ANSI, digits(3, 3), optional(seq(lit(' '), optional(seq(PHRASE_WORD, zeroOrMore(seq(lit(' '), PHRASE_WORD)))))), ANSI),
  },
  // odoo/netsvc.py PerfFilter: '%d %.3f %.3f' % (query count, query time, remaining time), or '- - -'.
  perf_info: {
    type: 'str', meaning: "Odoo's query count and times", examples: ['3 0.012 0.004', '- - -'], expected: "Odoo perf info ('3 0.012 0.004')",
    text: () => alt(lit('- - -'), seq(digits(), lit(' '), digits(), lit('.'), digits(3, 3), lit(' '), digits(), lit('.'), digits(3, 3))),
  },
  // traitlets/config/application.py LevelFormatter: ' LEVEL |' at WARNING and above, else ''.
  highlevel: {
    type: 'str', meaning: "traitlets' ' LEVEL |' for warnings and errors", examples: ['', ' WARNING |'], expected: "'' or ' LEVEL |'",
    text: () => optional(seq(lit(' '), oneOrMore(notSet('\\s')), lit(' |'))), mayBeEmpty: true,
  },
  // oslo.log (every OpenStack service): oslo_log/formatters.py ContextFormatter.format sets record.instance
  // to CONF.instance_format or instance_uuid_format, both '[instance: %(uuid)s] ' by default
  // (oslo_log/_options.py), for a Nova instance (or instance_uuid, or the context's resource_uuid), and
  // to '' otherwise. logging_context_format_string and logging_default_format_string print it right
  // before the message: '... [-] %(instance)s%(message)s'. The uuid is a UUID, with or without dashes.
  instance: {
    type: 'str', meaning: "oslo.log's '[instance: <uuid>] ', or ''", examples: ['', '[instance: 7d9c1b8e-3f2a-4c61-9e0d-5b4a3c2d1e0f] '],
    expected: "'[instance: <uuid>] ' or nothing",
    text: () => optional(seq(lit('[instance: '), UUID, lit('] '))), leading: '[', mayBeEmpty: true,
  },
  // oslo.log: ContextFormatter.format sets record.user_identity from CONF.logging_user_identity_format,
  // '%(user)s %(tenant)s %(domain)s %(user_domain)s %(project_domain)s' by default, each empty value
  // printed as '-' (_ReplaceFalseValue); '' when there is no request context. Words that hold no space
  // by default, but the format is configurable (devstack prints names), so any text.
  user_identity: {
    type: 'str', meaning: "oslo.log's 'user tenant domain user_domain project_domain'", examples: ['- - - - -', '6ce90b4d d6134462 - default default', ''],
    expected: 'user and project ids', text: (free) => optional(free()), mayBeEmpty: true, holds: ' ',
  },
  // sanic/log.py access formatter: f'{method} {url}'.
  request: {
    type: 'str', meaning: "Sanic's 'METHOD url'", examples: ['GET http://127.0.0.1:8000/'], expected: "'METHOD url'",
    text: () => seq(oneOrMore(set('A-Z')), lit(' '), oneOrMore(notSet('\\s'))),
  },
};

export function lookupField(key: string): { entry: FieldEntry; known: boolean } {
  const entry = Object.hasOwn(CATALOGUE, key) ? CATALOGUE[key] : Object.hasOwn(KNOWN_EXTRAS, key) ? KNOWN_EXTRAS[key] : undefined;
  if (entry) return { entry, known: true };
  if (COLOR.test(key)) return { entry: COLOR_FIELD, known: true };
  return { entry: EXTRA_FIELD, known: false };
}

/** Text that can be `None` when the attribute is switched off, in its %s form. */
export const NONE = lit('None');

/**
 * The repr() of a str: single-quoted unless it contains a single quote and no double quote. Written as
 * an unrolled loop (runs of plain characters between escapes) so engines that recurse per iteration of
 * `(?:a|b)*`, like java.util.regex, do not overflow their stack on long messages.
 */
const quoted = (q: string): Rx => {
  const plain = zeroOrMore(notSet(q, '\\\\', '\\n'));
  return seq(lit(q), plain, zeroOrMore(seq(lit('\\'), notSet('\\n'), plain)), lit(q));
};
export const STR_REPR = alt(quoted("'"), quoted('"'));

