/**
 * `--style loguru`: the `format=` string given to loguru's `logger.add` (markup included) → the same tokens
 * the `{` style gives, each field typed by loguru's own table. Cited from Debian's python3-loguru 0.6
 * (/usr/lib/python3/dist-packages/loguru):
 * - _logger.py Logger.add: a str format is `Colorizer.prepare_format(format + terminator + "{exception}")`;
 *   the `\n{exception}` it appends is the record's end and its traceback, which `check` reads as record
 *   continuation, so it is not part of the line pattern;
 * - _colorizer.py Colorizer._parse_without_formatting: markup tags are read in the literal text only (a
 *   field and its spec are fed raw); with colorize off a tag prints nothing, `\<tag>` prints `<tag>`;
 * - _logger.py Logger._log: the record dict the format is applied to (`format_map`), _recattrs.py: what
 *   `{level}`, `{file}`, `{process}`, `{thread}` print (their `__format__` formats the name or the id);
 * - _datetime.py datetime.__format__: `{time:...}` in loguru's own date tokens, strftime when the spec
 *   holds a '%', `%Y-%m-%dT%H:%M:%S.%f%z` when empty, and `!UTC` at the end.
 */
import { CATALOGUE, EXTRA_FIELD, type FieldEntry } from './catalogue.js';
import { fail, ok, type Result } from './result.js';
import { digits, ESC, lit, notSet, optional, repeat, seq, set, sgr, sgrRun, type Rx } from './rx.js';
import { parseDatefmt } from './strftime.js';
import { braceText, mergeLiterals, tokenize, type FieldSpec, type FieldToken, type OwnField, type Token } from './tokenize.js';

/** loguru/_defaults.py LOGURU_FORMAT: what `logger.add` uses when given no format. */
export const LOGURU_FORMAT =
  '<green>{time:YYYY-MM-DD HH:mm:ss.SSS}</green> | <level>{level: <8}</level> | ' +
  '<cyan>{name}</cyan>:<cyan>{function}</cyan>:<cyan>{line}</cyan> - <level>{message}</level>';

/** _datetime.py datetime.__format__: the spec an empty `{time}` gets. */
export const LOGURU_DEFAULT_TIME = '%Y-%m-%dT%H:%M:%S.%f%z';

// ---------------------------------------------------------------------------------------------------
// The fields: the record dict of _logger.py Logger._log, each with the logging catalogue row whose shape
// it prints (the same CPython attribute underneath) and that row's key, which collectors look for.

/** `str(timedelta)` (_logger.py: `elapsed = current_datetime - start_time`): `0:00:01.250000`, `2 days, 3:04:05`. */
const ELAPSED: FieldEntry = {
  type: 'str', meaning: 'time since loguru was imported (str of a timedelta)', examples: ['0:00:00.012345', '1 day, 2:03:04'], expected: 'an elapsed time',
  text: () => seq(optional(seq(digits(), lit(' day'), optional(lit('s')), lit(', '))), digits(1, 2), lit(':'), digits(2, 2), lit(':'), digits(2, 2), optional(seq(lit('.'), digits(6, 6)))),
};
/** _defaults.py LOGURU_*_ICON, or any text `logger.level(..., icon=)` gives. */
const ICON: FieldEntry = { ...EXTRA_FIELD, meaning: 'level icon', examples: ['🐞', 'ℹ️'], expected: 'a level icon' };

interface LoguruField {
  readonly entry: FieldEntry;
  /** The LogRecord attribute that prints the same thing, or loguru's own name. */
  readonly key: string;
}

const as = (key: keyof typeof CATALOGUE): LoguruField => ({ entry: CATALOGUE[key]!, key });

/** Field name as written → its type. _recattrs.py: RecordLevel/RecordFile format their name, RecordThread/RecordProcess their id. */
export const LOGURU_FIELDS: Readonly<Record<string, LoguruField>> = {
  time: { entry: CATALOGUE.asctime!, key: 'asctime' },
  level: as('levelname'),
  'level.name': as('levelname'),
  'level.no': as('levelno'),
  'level.icon': { entry: ICON, key: 'level_icon' },
  name: as('name'),
  function: as('funcName'),
  line: as('lineno'),
  module: as('module'),
  file: as('filename'),
  'file.name': as('filename'),
  'file.path': as('pathname'),
  process: as('process'),
  'process.id': as('process'),
  'process.name': as('processName'),
  thread: as('thread'),
  'thread.id': as('thread'),
  'thread.name': as('threadName'),
  elapsed: { entry: ELAPSED, key: 'elapsed' },
  // The traceback text when the record has one, else '' (_handler.py Handler.emit).
  exception: { entry: EXTRA_FIELD, key: 'exception' },
  message: as('message'),
};

// ---------------------------------------------------------------------------------------------------
// Markup: _colorizer.py AnsiParser. Each tag's SGR code (Style, Fore, Back): `\x1b[<code>m`.

const TAG = /\\?<\/?((?:[fb]g\s)?[^<>\s]*)>/gu;
const COLOURS = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];
const SHORT = 'krgyemcw';
/** AnsiParser._style, _foreground and _background: tag → SGR code. */
const SGR: ReadonlyMap<string, string> = new Map([
  ...Object.entries({ b: 1, d: 2, n: 22, h: 9, i: 3, l: 5, s: 8, u: 4, v: 7, bold: 1, dim: 2, normal: 22, hide: 9, italic: 3, blink: 5, strike: 8, underline: 4, reverse: 7 }),
  ...COLOURS.flatMap((c, i) => [
    [SHORT[i]!, 30 + i], [c, 30 + i], [`l${SHORT[i]}`, 90 + i], [`light-${c}`, 90 + i],
    [SHORT[i]!.toUpperCase(), 40 + i], [c.toUpperCase(), 40 + i], [`L${SHORT[i]!.toUpperCase()}`, 100 + i], [`LIGHT-${c.toUpperCase()}`, 100 + i],
  ] as const),
].map(([tag, code]) => [tag, String(code)]));
const FORE_TAGS = new Set([...SGR.keys()].filter((t) => /^(?:l?[krgyemcw]|(?:light-)?[a-z]+)$/u.test(t) && Number(SGR.get(t)) >= 30));

/** AnsiParser._get_ansicode: the tag's SGR parameters (`1`, `38;5;208`), or null for no known directive. `<level>` is not one. */
function ansiCode(tag: string): string | null {
  const direct = SGR.get(tag);
  if (direct !== undefined) return direct;
  const m = /^([fb]g) (.*)$/su.exec(tag);
  if (!m) return null;
  const [, kind, color] = m as unknown as [string, string, string];
  const base = kind === 'fg' ? '38' : '48';
  if (kind === 'fg' && FORE_TAGS.has(color.toLowerCase())) return SGR.get(color.toLowerCase())!;
  if (kind === 'bg' && SGR.has(color.toUpperCase()) && Number(SGR.get(color.toUpperCase())) >= 40) return SGR.get(color.toUpperCase())!;
  if (/^\d+$/u.test(color) && Number(color) <= 255) return `${base};5;${color}`;
  if (/^#(?:[a-fA-F0-9]{3}){1,2}$/u.test(color)) {
    const hex = color.length === 4 ? color.slice(1).repeat(2) : color.slice(1);
    return `${base};2;${[0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(';')}`;
  }
  const rgb = color.split(',');
  // Python's str.isdigit: the parts are written back as they are.
  if (rgb.length === 3 && rgb.every((x) => /^\d+$/u.test(x) && Number(x) <= 255)) return `${base};2;${rgb.join(';')}`;
  return null;
}

/**
 * `<level>`: the record's level colour, itself markup ansified (_defaults.py LOGURU_*_COLOR, `<cyan><bold>`
 * for TRACE, `<bold>` for INFO), any of logger.level(color=)'s, or none: a run of SGR codes.
 */
const LEVEL_CODES = sgrRun(8);
/** A markup tag with colour on: it prints its codes, which may not be empty for `<level>`, so text after it never begins with ESC. */
const markupEntry = (rx: Rx): FieldEntry => ({ type: 'str', meaning: 'loguru markup (colorize=True)', examples: ['\\x1b[32m'], expected: 'an ANSI code', text: () => rx, leading: ESC, mayBeEmpty: true });

// ---------------------------------------------------------------------------------------------------

/**
 * `colorize`: the sink's colorize=True, so markup prints AnsiParser's codes: an opening tag its own, a
 * closing tag RESET_ALL and then again the codes of every tag still open (AnsiParser.feed). Each tag is
 * a fragment token; with colour off, a tag prints nothing.
 */
export function tokenizeLoguru(format: string, colorize = false): Result<Token[]> {
  const fmt = format === '' ? LOGURU_FORMAT : format;
  const tokens: Token[] = [];
  const open: { tag: string; code: Rx }[] = [];
  // Literal runs with their markup stripped (or as colour codes), then a field, to the end.
  for (let i = 0; ;) {
    const run = braceText(fmt, i);
    if (!run.ok) return run;
    const stripped = readMarkup(run.value.text, i, fmt, open, colorize);
    if (!stripped.ok) return stripped;
    tokens.push(...stripped.value);
    if (run.value.end >= fmt.length) break;
    const field = parseField(fmt, run.value.end);
    if (!field.ok) return field;
    tokens.push(field.value);
    i = field.value.span.end;
  }
  if (open.length > 0) return fail(`Opening tag "<${open[0]!.tag}>" has no corresponding closing tag (loguru raises ValueError)`, fmt.indexOf(`<${open[0]!.tag}>`), fmt);
  return ok(mergeLiterals(tokens));
}

/**
 * Literal text with its tags: removed (colour off), or each a fragment token of its codes. `text` is
 * unescaped (`{{` → `{`), so spans are approximate inside it.
 */
function readMarkup(text: string, start: number, fmt: string, open: { tag: string; code: Rx }[], colorize: boolean): Result<Token[]> {
  const tokens: Token[] = [];
  let out = '';
  let last = 0;
  const span = (from: number, to: number) => ({ start: start + from, end: start + to });
  const flush = (to: number) => {
    tokens.push({ kind: 'literal', text: out, span: span(last, to) });
    out = '';
  };
  const code = (markup: string, rx: Rx, at: number) => {
    if (!colorize) return;
    flush(at);
    tokens.push({ kind: 'field', key: 'markup', access: '', spec: PLAIN_SPEC, raw: markup, span: span(at, at + markup.length), own: { entry: markupEntry(rx), name: markup, fragment: true } });
  };
  for (const m of text.matchAll(TAG)) {
    out += text.slice(last, m.index);
    const [markup, tag] = [m[0], m[1]!];
    const column = start + m.index;
    if (markup[0] === '\\') {
      out += markup.slice(1);
    } else if (markup[1] === '/') {
      if (open.length > 0 && (tag === '' || tag === open.at(-1)!.tag)) open.pop();
      else if (open.some((o) => o.tag === tag)) return fail(`Closing tag "${markup}" violates nesting rules (loguru raises ValueError)`, column, fmt);
      else return fail(`Closing tag "${markup}" has no corresponding opening tag (loguru raises ValueError)`, column, fmt);
      code(markup, seq(sgr('0'), ...open.map((o) => o.code)), m.index);
    } else {
      const ansi = tag === 'level' || tag === 'lvl' ? LEVEL_CODES : ansiCode(tag);
      if (ansi === null) return fail(`Tag "${markup}" does not correspond to any known ansi directive (loguru raises ValueError; write \\${markup} for the text)`, column, fmt);
      const rx = typeof ansi === 'string' ? sgr(ansi) : ansi;
      open.push({ tag, code: rx });
      code(markup, rx, m.index);
    }
    last = m.index + m[0].length;
  }
  out += text.slice(last);
  flush(text.length);
  return ok(tokens);
}

function parseField(fmt: string, start: number): Result<FieldToken> {
  let depth = 0;
  let end = -1;
  for (let j = start; j < fmt.length; j++) {
    if (fmt[j] === '{') depth++;
    else if (fmt[j] === '}' && --depth === 0) {
      end = j + 1;
      break;
    }
  }
  if (end < 0) return fail("invalid format: expected '}' before end of string", start, fmt);
  const body = fmt.slice(start + 1, end - 1);
  const nameEnd = /^(?:[^!:[]|\[[^\]]*\])*/u.exec(body)![0].length;
  const name = body.slice(0, nameEnd);
  const conversion = body[nameEnd] === '!' ? body.slice(nameEnd, nameEnd + 2) : '';
  const specText = body.slice(nameEnd + conversion.length + (body[nameEnd + conversion.length] === ':' ? 1 : 0));
  const raw = fmt.slice(start, end);
  const span = { start, end };
  const known = LOGURU_FIELDS[name];
  const extra = /^extra\[([^\]]+)\]$/u.exec(name);
  const root = /^\w*/u.exec(name)![0];
  if (!known && !extra && !(root in LOGURU_FIELDS)) {
    return fail(`{${root || name}} is no loguru record field (loguru raises KeyError); the fields are ${Object.keys(LOGURU_FIELDS).join(' ')} extra[KEY]`, start + 1, fmt);
  }
  if (known?.entry.type === 'time' && conversion === '') {
    const time = loguruTime(specText, fmt, end - 1 - specText.length);
    if (!time.ok) return time;
    const own: OwnField = { entry: known.entry, name, time: time.value };
    return ok({ kind: 'field', key: known.key, access: '', spec: PLAIN_SPEC, raw, span, own });
  }
  // Any other spec is str.format's, applied by the value's own __format__: the `{` tokenizer reads it.
  const probe = `{f${conversion}${specText === '' ? '' : `:${specText}`}}`;
  const parsed = tokenize(probe, '{');
  if (!parsed.ok) return fail(parsed.error.message, end - 1 - specText.length + Math.max(0, parsed.error.column - 3 - conversion.length), fmt);
  const spec = (parsed.value.find((t) => t.kind === 'field') as FieldToken).spec;
  if (known) return ok({ kind: 'field', key: known.key, access: '', spec, raw, span, own: { entry: known.entry, name } });
  if (extra) return ok({ kind: 'field', key: name, access: '', spec, raw, span, own: { entry: EXTRA_FIELD, name } });
  // `{time.year}`, `{thread.native_id}`: an attribute of a known field, untyped (pattern.ts warns).
  return ok({ kind: 'field', key: root, access: name.slice(root.length), spec, raw, span, own: { entry: EXTRA_FIELD, name } });
}

/** No spec: `{time}` and `{time:YYYY}` take none of str.format's (the spec is the date's). */
const PLAIN_SPEC: FieldSpec = {
  conversion: null, fill: ' ', align: null, sign: null, alternate: false, zero: false, width: null, grouping: null, precision: null, type: null,
};

// ---------------------------------------------------------------------------------------------------
// Time: _datetime.py. Each token's fragment is its strftime equivalent's where one exists (the same
// text), so the datefmt that reads it is that strftime; the others are loguru's own.

/** _datetime.py `tokens`, in its order (the alternation is tried left to right, as Python's re does). */
const DATE_TOKEN = /\[(?:H{1,2}|h{1,2}|m{1,2}|s{1,2}|S{1,6}|YYYY|YY|M{1,4}|D{1,4}|Z{1,2}|zz|A|X|x|E|Q|dddd|ddd|d|!UTC)\]|H{1,2}|h{1,2}|m{1,2}|s{1,2}|S{1,6}|YYYY|YY|M{1,4}|D{1,4}|Z{1,2}|zz|A|X|x|E|Q|dddd|ddd|d/gu;

const sign = set('+', '\\-');
/** Token → the strftime directive printing the same text (glibc's `-` flag: no padding), or its own fragment. */
const DATE_TOKENS: Readonly<Record<string, string | Rx>> = {
  YYYY: '%Y', YY: '%y', MMMM: '%B', MMM: '%b', MM: '%m', M: '%-m', DDDD: '%j', DDD: '%-j', DD: '%d', D: '%-d',
  dddd: '%A', ddd: '%a', E: '%u', HH: '%H', H: '%-H', hh: '%I', h: '%-I', mm: '%M', m: '%-M', A: '%p', ZZ: '%z', X: '%s',
  ss: '%S', s: '%-S',
  // Monday is 0 (timetuple's tm_wday): strftime's %w starts on Sunday.
  d: set('0-6'), Q: set('1-4'),
  S: digits(1, 1), SS: digits(2, 2), SSS: digits(3, 3), SSSS: digits(4, 4), SSSSS: digits(5, 5), SSSSSS: digits(6, 6),
  Z: seq(sign, digits(2, 2), lit(':'), digits(2, 2)),
  // tzinfo.tzname(): the local zone's abbreviation (aware_now: tm_zone), '' without one.
  zz: repeat(notSet('\\s', '\\d', '+', '\\-', '.', ':'), 0, null),
  x: digits(),
};

/** A `%` spec is datetime.strftime's: glibc's directives, and `%f` (microseconds), which only datetime has. */
const STRFTIME_PART = /%f|%[^%]*?[A-Za-z%]|[^%]+/gu;

function loguruTime(spec: string, fmt: string, column: number): Result<NonNullable<OwnField['time']>> {
  const body = spec.endsWith('!UTC') ? spec.slice(0, -4) : spec;
  const given = body === '' ? LOGURU_DEFAULT_TIME : body;
  if (given.includes('%')) {
    const rxs: Rx[] = [];
    let exact = true;
    for (const [part] of given.matchAll(STRFTIME_PART)) {
      if (part === '%f') {
        rxs.push(digits(6, 6));
        exact = false;
      } else rxs.push(...parseDatefmt(part, []).map((p) => p.rx));
    }
    return ok({ rx: seq(...rxs), format: given, datefmt: exact ? given : null });
  }
  const rxs: Rx[] = [];
  let datefmt: string | null = '';
  let last = 0;
  // An SSS right after the seconds and a '.' or ',' (`ss.SSS`) is milliseconds, as the collectors read Python's
  // `,mmm`: the strftime before it, the separator, and the strftime after.
  let millis: { readonly before: string; readonly sep: string; readonly at: number } | null = null;
  let lastLiteral = '';
  const literal = (text: string) => {
    lastLiteral = text;
    if (text === '') return;
    rxs.push(lit(text));
    if (datefmt !== null) datefmt += text.replaceAll('%', '%%');
  };
  for (const m of given.matchAll(DATE_TOKEN)) {
    literal(given.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[0].startsWith('[')) {
      // A bracketed token is printed as its text (`[YYYY]` → `YYYY`).
      literal(m[0].slice(1, -1));
      continue;
    }
    const row = DATE_TOKENS[m[0]];
    if (row === undefined) return fail(`unknown loguru time token ${m[0]}`, column + m.index, fmt);
    if (typeof row === 'string') {
      rxs.push(...parseDatefmt(row, []).map((p) => p.rx));
      if (datefmt !== null) datefmt += row;
    } else if (m[0] === 'SSS' && millis === null && datefmt !== null && (lastLiteral === '.' || lastLiteral === ',') && /%-?S[.,]$/u.test(datefmt)) {
      rxs.push(row);
      millis = { before: datefmt.slice(0, -1), sep: lastLiteral, at: datefmt.length };
    } else {
      rxs.push(row);
      datefmt = null;
    }
    lastLiteral = '';
  }
  literal(given.slice(last));
  if (millis !== null && datefmt !== null) {
    const layout = { datefmt: millis.before, millis: millis.sep, after: datefmt.slice(millis.at) };
    return ok({ rx: seq(...rxs), format: given, datefmt: null, layout });
  }
  return ok({ rx: seq(...rxs), format: given, datefmt: datefmt === '' ? null : datefmt });
}


