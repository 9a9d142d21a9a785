/**
 * gunicorn's access log: the atoms of its `access_log_format`, as a field catalogue beside CATALOGUE
 * (same entry shape). gunicorn 20.1 (Debian), gunicorn/glogging.py: `Logger.atoms()` builds the dict,
 * `SafeAtoms` wraps it (a str value gets each `"` written `\"`; a missing key, or a `{...}` key looked
 * up in lower case and not found, prints `-`), and `Logger.access` logs `access_log_format % safe_atoms`
 * through a `%(message)s` formatter: Python's `%` operator on a mapping, so `%%` is a `%` and a
 * format without fields prints as it is.
 */
import type { FieldEntry, FreeText } from './catalogue.js';
import { digits, excluding, lit, mayMatchChar, notSet, oneOrMore, optional, seq, set, zeroOrMore, type Rx } from './rx.js';
import { fail, ok, type Result } from './result.js';
import type { Token } from './tokenize.js';

/** config.py `AccessLogFormat.default`. */
export const GUNICORN_DEFAULT_FORMAT = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"';

/** glogging.py `Logger.now`: `time.strftime('[%d/%b/%Y:%H:%M:%S %z]')`, the brackets included. */
export const GUNICORN_TIME = '[%d/%b/%Y:%H:%M:%S %z]';

/**
 * A str value that gunicorn takes from the request (a header, the user, a path): any text, `"` escaped
 * as `\"` (SafeAtoms). It may hold spaces and quotes where what follows is a space or a quote: free text
 * runs past one while the text after it does not begin like the rest of the format (pattern.ts splitPlan),
 * which also reads a value that ends in a backslash (`"agent\"` then the closing quote).
 */
const escaped = (what: string, examples: readonly string[], meaning: string): FieldEntry => ({
  type: 'str', meaning, examples, expected: what, text: escapedText, mayBeEmpty: true, holds: ' ',
});

/**
 * Before a `"`, the value holds gunicorn's `\"`: a backslash takes the character after it, so the value
 * runs to the first quote no backslash escapes. Before the format's last quote, each `\"` ends one step
 * instead, and a value that ends in a backslash (`"agent\"` then the line's end) is read too, by giving
 * up the last step; elsewhere such a value does not match (README, Limits), which keeps the match linear.
 */
function escapedText(free: FreeText): Rx {
  const run = free();
  if (run.type !== 'repeat' || run.node.type !== 'set' || mayMatchChar(run.node, '"')) return optional(run);
  if (free.beforeLastText) return seq(zeroOrMore(seq(zeroOrMore(run.node), lit('\\"'))), zeroOrMore(run.node));
  const plain = zeroOrMore(excluding(run.node, ['\\']));
  return seq(plain, zeroOrMore(seq(lit('\\'), notSet('\\n'), plain)));
}

/** message.py TOKEN_RE, upper-cased by parse_request_line. */
const METHOD = oneOrMore(set('!', '#', '$', '%', '&', "'", '*', '+', '\\-', '.', '^', '_', '`', '|', '~', '0-9', 'A-Z'));
/** wsgi.py: `"HTTP/%s" % ".".join(version)`, from message.py VERSION_RE `HTTP/(\d+)\.(\d+)`. */
const PROTOCOL = seq(lit('HTTP/'), digits(), lit('.'), digits());
/** The request line's URI: the bytes between its first and second space (parse_request_line splits on b" "), latin-1. */
const URI = zeroOrMore(notSet(' ', '\\n'));

/** The atoms of glogging.py `Logger.atoms()` (the `'h': ...` dict, lines 283-305 in 20.1), by name. */
export const GUNICORN_ATOMS: Readonly<Record<string, FieldEntry>> = {
  // environ.get('REMOTE_ADDR', '-'): the peer's address; '' on a unix socket (workers/base.py handle_error).
  h: { type: 'str', meaning: 'remote address', examples: ['127.0.0.1', '::1', '-'], expected: 'a remote address', text: (free) => optional(free.word(notSet('\\s', '"'))), mayBeEmpty: true },
  // '-', always.
  l: { type: 'str', meaning: "'-'", examples: ['-'], expected: "'-'", text: () => lit('-') },
  // self._get_user(environ) or '-': the user of a Basic Authorization header, which may hold spaces.
  u: { type: 'str', meaning: 'user name', examples: ['-', 'jane doe'], expected: 'a user name', text: escapedText, holds: ' ' },
  t: { type: 'time', meaning: 'date of the request', examples: ['[01/Dec/2026:11:17:59 +0530]'], expected: 'a time' },
  // "%s %s %s" % (REQUEST_METHOD, RAW_URI, SERVER_PROTOCOL).
  r: { type: 'str', meaning: 'request line', examples: ['GET /hello?name=world HTTP/1.1'], expected: "a request line 'METHOD URI HTTP/x.y'", text: () => seq(METHOD, lit(' '), URI, lit(' '), PROTOCOL) },
  // environ.get(...) of keys wsgi.py always sets, but PATH_INFO after an error (handle_error's environ): None.
  m: { type: 'str', meaning: 'request method', examples: ['GET', 'POST'], expected: 'a request method', text: () => METHOD },
  U: escaped('a URL path', ['/hello', '/caf\u00c3\u00a9/a b', 'None'], 'URL path without query string (unquoted, latin-1)'),
  q: escaped('a query string', ['name=world', ''], 'query string'),
  H: { type: 'str', meaning: 'protocol', examples: ['HTTP/1.1'], expected: "a protocol 'HTTP/x.y'", text: () => PROTOCOL },
  // resp.status split at its first space: a str of digits. Typed as a number so --typed reads it; the
  // tokenizer refuses %(s)d, which raises TypeError in gunicorn (STR_HELD).
  s: { type: 'int', meaning: 'status', examples: ['200', '404'], expected: 'a status code', number: { signed: false } },
  // getattr(resp, 'sent', None): an int, None before the response is sent.
  B: { type: 'int', meaning: 'response length', examples: ['5', '3000000'], expected: 'a response length', number: { signed: false }, nullable: true },
  // str(resp.sent), or '-' when it is None (a str).
  b: { type: 'int', meaning: "response length or '-' (CLF)", examples: ['5', '-'], expected: "a response length or '-'", number: { signed: false }, nullable: true, none: '-' },
  f: escaped('a referer', ['http://127.0.0.1/', '-'], 'referer'),
  a: escaped('a user agent', ['curl/7.88.1', '-'], 'user agent'),
  // request_time (a timedelta): .seconds, seconds * 10**6 + microseconds, seconds * 1000 + microseconds // 1000 (ints).
  T: { type: 'int', meaning: 'request time in seconds', examples: ['0', '1'], expected: 'seconds', number: { signed: false } },
  D: { type: 'int', meaning: 'request time in microseconds', examples: ['542', '1100679'], expected: 'microseconds', number: { signed: false } },
  M: { type: 'int', meaning: 'request time in milliseconds', examples: ['0', '1100'], expected: 'milliseconds', number: { signed: false } },
  // "%d.%06d" % (seconds, microseconds): a str.
  L: { type: 'float', meaning: 'request time in decimal seconds', examples: ['0.000542'], expected: 'decimal seconds', number: { signed: false }, repr: seq(digits(), lit('.'), digits(6, 6)) },
  // "<%s>" % os.getpid().
  p: { type: 'str', meaning: 'process id', examples: ['<2071>'], expected: "a process id '<pid>'", text: () => seq(lit('<'), digits(), lit('>')) },
};

/** Atoms whose value is a str, though typed as a number: only `%s` prints them (TypeError otherwise). */
const STR_HELD = new Set(['s', 'b', 'L']);

/** `{name}i` / `{name}o` / `{name}e`: request and response headers and environ variables (atoms() lines 307-327). */
const BRACED = /^\{(?<name>.*)\}(?<kind>[ioe])$/u;

const HEADERS: Readonly<Record<string, FieldEntry>> = {
  i: escaped("a request header's value", ['curl/7.88.1', '-'], "request header (or '-')"),
  o: escaped("a response header's value", ['text/plain; charset=utf-8', '-'], "response header (or '-')"),
  // environ values are not all str (wsgi.version is a tuple): str() of it, escaped only when a str.
  e: escaped("an environ variable's value", ['49528', '-'], "environ variable (or '-')"),
};

/** Any other key: SafeAtoms.__getitem__ prints '-'. */
export const UNKNOWN_ATOM: FieldEntry = { type: 'str', meaning: "not a gunicorn atom: '-'", examples: ['-'], expected: "'-'", text: () => lit('-') };

/** The atom a key names: gunicorn looks `{...}` keys up in lower case (SafeAtoms.__getitem__). */
export function atomName(key: string): string {
  return key.startsWith('{') ? key.toLowerCase() : key;
}

export function lookupAtom(key: string): { entry: FieldEntry; known: boolean } {
  const name = atomName(key);
  if (Object.hasOwn(GUNICORN_ATOMS, name)) return { entry: GUNICORN_ATOMS[name]!, known: true };
  const braced = BRACED.exec(name);
  if (braced) return { entry: HEADERS[braced.groups!.kind!]!, known: true };
  return { entry: UNKNOWN_ATOM, known: false };
}

/** A capture name for an atom: `{user-agent}i` is `i_user_agent`, `{remote_port}e` `e_remote_port`. */
export function atomCapture(key: string): string {
  const braced = BRACED.exec(atomName(key));
  return braced ? `${braced.groups!.kind}_${braced.groups!.name}` : key;
}

/**
 * What gunicorn refuses in a format that Python's `%` takes: a number's conversion on an atom held as a
 * str (`%(s)d`, `%(L)f`, `%(x)d` of an unknown atom's '-'). gunicorn catches the TypeError and logs it to
 * the error log instead of the line (Logger.access).
 */
export function checkAtoms(tokens: readonly Token[], fmt: string): Result<Token[]> {
  for (const t of tokens) {
    if (t.kind !== 'field') continue;
    const { entry } = lookupAtom(t.key);
    const letter = t.spec.type!;
    const str = entry.type !== 'int' && entry.type !== 'float' ? true : STR_HELD.has(atomName(t.key));
    if (str && !'sra'.includes(letter)) {
      return fail(`${t.raw}: gunicorn holds ${atomName(t.key)} as a str, and %${letter} raises TypeError ("a real number is required"), so gunicorn logs the error instead of the line; write %(${t.key})s`, t.span.start, fmt);
    }
    if (str && entry.number && letter !== 's') {
      return fail(`${t.raw}: ${atomName(t.key)} is a str of digits; %${letter} prints its repr, which pylogrx does not read: write %(${t.key})s`, t.span.start, fmt);
    }
  }
  return ok([...tokens]);
}
