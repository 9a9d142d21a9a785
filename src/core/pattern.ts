/**
 * Stage 2: tokens → pattern, the one intermediate representation every output is rendered from: a list
 * of literal and field parts, each field with its typed value fragment, its padding and its capture name.
 */
import { EXTRA_FIELD, lookupField, NONE, STR_REPR, type FieldEntry, type FieldType, type FreeText } from './catalogue.js';
import { numberRx, presentationOf, type NumberShape } from './numbers.js';
import { fail, ok, type Result, type Warning } from './result.js';
import { alt, anyWithNewlines, digits, excluding, lit, mayMatchChar, notSet, oneOrMore, repeat, seq, set, zeroOrMore, type Rx } from './rx.js';
import { DEFAULT_DATEFMT, parseDatefmt } from './strftime.js';
import { tokenize, type FieldSpec, type FieldToken, type Span, type Style, type Token } from './tokenize.js';

export interface PatternOptions {
  readonly style?: Style;
  /** `Formatter(datefmt=...)`; null or '' means Python's default `%Y-%m-%d %H:%M:%S,mmm`. */
  readonly datefmt?: string | null;
  /** `--field NAME=REGEX`: the user's own fragment for a field, replacing the catalogue's. */
  readonly fields?: Readonly<Record<string, string>>;
}

export interface LiteralPart {
  readonly kind: 'literal';
  readonly text: string;
  readonly span: Span;
}

export interface FieldPart {
  readonly kind: 'field';
  /** The record attribute: `levelname`, `request_id`. */
  readonly key: string;
  /** The placeholder as written. */
  readonly raw: string;
  readonly span: Span;
  readonly type: FieldType;
  /** Flavor-neutral capture name, unique per distinct value: `levelname`, `args_0`, `levelname_2`. */
  readonly capture: string;
  /** Index (into parts) of an earlier field that prints the very same text, or null. */
  readonly sameAs: number | null;
  /** The value, without its padding. */
  readonly value: Rx;
  /** What the value must be for a line to start a record under a head with nothing typed (catalogue startText), or null. */
  readonly startValue: Rx | null;
  readonly padBefore: Rx | null;
  readonly padAfter: Rx | null;
  /** For diagnostics: `lineno: expected digits`. */
  readonly expected: string;
  /** The catalogue knows this attribute (false for `extra=` keys). */
  readonly known: boolean;
  /** asctime: the strftime format Python applies (with `,%f`-style msecs spelled `,mmm`), else null. */
  readonly timeFormat: string | null;
  /** The value may span lines: the message as str() (its repr `%(message)r` never does, a truncated one may end early). */
  readonly multiline: boolean;
  /** How the printed text reads back as the value (`check --typed`). */
  readonly reading: Reading;
}

/** A number (in the base it was printed in, `None` for a missing one), a time, or text taken as it is. */
export type Reading = { readonly kind: 'text' } | { readonly kind: 'time' } | { readonly kind: 'number'; readonly base: 2 | 8 | 10 | 16 };

export type Part = LiteralPart | FieldPart;

export interface Pattern {
  readonly format: string;
  readonly style: Style;
  readonly datefmt: string | null;
  readonly parts: readonly Part[];
  readonly warnings: readonly Warning[];
}

export function buildPattern(format: string, options: PatternOptions = {}): Result<Pattern> {
  const style = options.style ?? '%';
  const datefmt = options.datefmt ? options.datefmt : null;
  const tokens = tokenize(format, style);
  if (!tokens.ok) return tokens;
  const overrides = parseOverrides(options.fields ?? {});
  if (!overrides.ok) return overrides;
  const warnings: Warning[] = [];
  let asctime: Rx | null = null;
  const ctx: BuildContext = {
    style, datefmt, format, warnings, overrides: overrides.value,
    asctime: () => (asctime ??= asctimeRx(datefmt, warnings)),
    afterMessage: false,
  };
  const parts: Part[] = [];
  const captures = new Map<string, { capture: string; index: number }>();
  const used = new Set<string>();
  for (const [i, token] of tokens.value.entries()) {
    if (token.kind === 'literal') {
      parts.push({ kind: 'literal', text: token.text, span: token.span });
      continue;
    }
    const field = buildField(token, tokens.value[i - 1], tokens.value.slice(i + 1), ctx);
    if (!field.ok) return field;
    if (field.value.type === 'message') ctx.afterMessage = true;
    const identity = JSON.stringify([token.key, token.access, { ...token.spec, width: null, fill: null, align: null }]);
    const earlier = captures.get(identity);
    const capture = earlier?.capture ?? uniqueName(captureName(token.key + token.access), used);
    if (!earlier) captures.set(identity, { capture, index: parts.length });
    parts.push({ ...field.value, capture, sameAs: earlier?.index ?? null });
  }
  for (const key of overrides.value.keys()) {
    if (!parts.some((p) => p.kind === 'field' && p.key === key)) {
      warnings.push({ message: `--field ${key}: the format prints no ${key}, so this regex is not used`, column: 0, source: '', origin: '--field' });
    }
  }
  return ok({ format, style, datefmt, parts, warnings });
}

/** The index of the message field, whose text (and traceback) may span lines; -1 when there is none. */
export function messageIndex(pattern: Pattern): number {
  return pattern.parts.findIndex((p) => p.kind === 'field' && p.type === 'message');
}

// ---------------------------------------------------------------------------------------------------

interface BuildContext {
  readonly style: Style;
  readonly datefmt: string | null;
  readonly format: string;
  readonly warnings: Warning[];
  readonly overrides: ReadonlyMap<string, Rx>;
  /** The asctime fragment, parsed once however often the format prints asctime. */
  readonly asctime: () => Rx;
  /** A message field came before: free text must not re-enter what the message could have taken. */
  afterMessage: boolean;
}

type BuiltField = Omit<FieldPart, 'capture' | 'sameAs'>;

function buildField(token: FieldToken, before: Token | undefined, rest: readonly Token[], ctx: BuildContext): Result<BuiltField> {
  const { entry, known } = lookupField(token.key);
  const { spec } = token;
  const column = token.span.start;
  const error = (message: string) => fail(`${token.raw}: ${message}`, column, ctx.format);
  if (entry.since && known) {
    ctx.warnings.push({ message: `${token.key} exists only from Python ${entry.since}; older versions fail to format every record`, column, source: ctx.format, origin: 'format' });
  }
  if (token.access !== '') {
    ctx.warnings.push({ message: `${token.raw}: attribute or index access prints text the catalogue cannot type; matching any text`, column, source: ctx.format, origin: 'format' });
  }
  const pad = padding(spec, entry, ctx.style);
  const following = followingChars(rest);
  const alphabet = runAlphabet(following, pad.fill, ctx.afterMessage ? precedingChar(before) ?? '' : null);
  const { run } = alphabet;
  const spaced = spacedBeforeNumber(rest, run);
  // Padded with spaces and followed by something else: words inside may be spaced ('custom name 7  |'),
  // the trailing spaces are padding.
  const padded = pad.fill === ' ' && !following.openField && !following.chars.some((c) => /\s/u.test(c));
  const free: FreeText = Object.assign((exclude: readonly string[] = []) => {
    const chars = excluding(run, exclude);
    const word = oneOrMore(chars);
    if (spaced && chars.type === 'set') {
      const laterWord = seq(zeroOrMore(set('\\d')), notSet(...chars.items, '\\d'), zeroOrMore(chars));
      return seq(word, zeroOrMore(seq(lit(' '), laterWord)));
    }
    return padded ? seq(word, zeroOrMore(seq(oneOrMore(lit(' ')), word))) : word;
  }, {
    nestsParens: run.type === 'alt' && following.chars[0] === ')',
  });
  const override = ctx.overrides.get(token.key);
  const value = override ? ok(override) : valueRx(entry, token, alphabet, free, ctx, beforeOnlyOptional(rest));
  if (!value.ok) return error(value.error.message);
  const timeFormat = entry.type === 'time' ? ctx.datefmt ?? `${DEFAULT_DATEFMT},mmm` : null;
  const expected = override ? `--field ${token.key}` : timeFormat ?? describeNumber(entry, spec) ?? entry.expected;
  return ok({
    kind: 'field', key: token.key, raw: token.raw, span: token.span, type: entry.type,
    value: token.access !== '' ? zeroOrMore(run) : value.value,
    startValue: entry.startText && !override && token.access === '' && spec.conversion !== 'r' && spec.conversion !== 'a' && spec.precision === null ? entry.startText : null,
    padBefore: pad.before, padAfter: pad.after, expected, known, timeFormat, reading: override || token.access !== '' ? TEXT : readingOf(entry, spec, ctx.style === '%'),
    multiline: entry.type === 'message' && spec.conversion !== 'r' && spec.conversion !== 'a' && spec.precision === null && token.access === '' && !override,
  });
}

function valueRx(entry: FieldEntry, token: FieldToken, alphabet: Alphabet, free: FreeText, ctx: BuildContext, lazy: boolean): Result<Rx> {
  const { spec } = token;
  const percent = ctx.style === '%';
  const repr = spec.conversion === 'r' || spec.conversion === 'a';
  // A presentation type that formats a number (d, f, x...), as opposed to text.
  const numericType = spec.type !== null && !'sra'.includes(spec.type) ? spec.type : null;
  const shape = numberShape(entry, numericType);
  const asText = spec.conversion !== null || shape === null;
  const stringPrecision = asText && typeof spec.precision === 'number' ? spec.precision : null;
  const truncate = (rx: Rx, alphabet: Rx): Rx => (stringPrecision === null ? rx : repeat(alphabet, 0, stringPrecision));

  if (numericType !== null && (shape === null || (!percent && spec.conversion !== null))) return typeError(numericType, 'str', percent);
  if (!percent && asText && spec.zero && spec.align === null) {
    ctx.warnings.push({ message: `${token.raw}: '0' pads text with zeros from Python 3.10; 3.8 and 3.9 raise ValueError on every record`, column: token.span.start, source: ctx.format, origin: 'format' });
  }
  if (!percent && asText && (spec.sign || spec.alternate || spec.grouping || spec.align === '=')) {
    return fail("sign, '#', ',' and '=' alignment are not allowed for text (Python: ValueError, every record is lost)", 0, '');
  }
  if (entry.type === 'message') {
    // Before only optional fields (colorlog's %(message)s%(reset)s), as little as possible, so a trailing
    // colour code goes to its own field even in engines without backreferences.
    const text = lazy ? { ...zeroOrMore(anyWithNewlines), lazy } : zeroOrMore(anyWithNewlines);
    return ok(repr ? truncate(STR_REPR, notSet('\\n')) : truncate(text, anyWithNewlines));
  }
  if (entry.type === 'time') {
    const time = ctx.asctime();
    return ok(truncate(repr ? seq(lit("'"), time, lit("'")) : time, notSet('\\n')));
  }
  if (shape === null) return ok(truncate(repr ? STR_REPR : entry.text!(free), alphabet.oneChar));
  if (asText || numericType === null) {
    if (!percent && spec.type === 's' && spec.conversion === null) return fail("Unknown format code 's' for a number (Python: ValueError); use !s", 0, '');
    // str() of the number: digits, or the float's repr; {created:.3}, {created:+} and {created:,} format like 'g'.
    if (shape.float && !asText && (spec.precision !== null || spec.sign || spec.grouping || spec.align === '=')) return ok(numberRx(shape, spec, 'g', false));
    // str() ignores '%+s' and '%#s'; {} with no type formats the number itself, sign and grouping included.
    const strSpec = asText ? { ...spec, zero: false, sign: null, alternate: false, grouping: null } : { ...spec, zero: false };
    const text = shape.float ? entry.repr! : numberRx({ ...shape, maxDigits: undefined }, strSpec, 'd', percent);
    return ok(truncate(entry.nullable ? alt(text, NONE) : text, alphabet.oneChar));
  }
  if (!percent && numericType === 'n' && spec.grouping) return fail(`Cannot specify '${spec.grouping}' with 'n' (Python: ValueError, every record is lost)`, 0, '');
  // {created:n} is 'g' with the locale's separators (none in the C locale); 'n' is an int format too.
  if (!percent && shape.float && numericType === 'n') return ok(numberRx(shape, spec, 'g', percent));
  if (!percent && shape.float && presentationOf(numericType) === 'int') {
    return fail(`Unknown format code '${numericType}' for object of type 'float' (Python: ValueError); use '.0f'`, 0, '');
  }
  if (percent && shape.float && 'xXoc'.includes(numericType)) {
    return fail(`%${numericType} format: an integer is required, not float (Python: TypeError)`, 0, '');
  }
  return ok(numberRx(shape, spec, numericType, percent));
}

function typeError(type: string, valueType: string, percent: boolean): Result<never> {
  return fail(
    percent
      ? `%${type} format: a real number is required, not ${valueType} (Python: TypeError, every record is lost)`
      : `Unknown format code '${type}' for object of type '${valueType}' (Python: ValueError, every record is lost)`,
    0,
    '',
  );
}

const TEXT: Reading = { kind: 'text' };
const BASES: Readonly<Record<string, 2 | 8 | 16>> = { x: 16, X: 16, o: 8, b: 2 };

/** What the text a field prints says of its value; it mirrors valueRx's choices. */
function readingOf(entry: FieldEntry, spec: FieldSpec, percent: boolean): Reading {
  const numericType = spec.type !== null && !'sra'.includes(spec.type) ? spec.type : null;
  const shape = numberShape(entry, numericType);
  const asText = spec.conversion !== null || shape === null;
  // Cut short by a precision, or quoted by repr(): the value can no longer be read back.
  if (asText && typeof spec.precision === 'number') return TEXT;
  if (entry.type === 'time') return spec.conversion === 'r' || spec.conversion === 'a' ? TEXT : { kind: 'time' };
  if (shape === null || numericType === 'c' || numericType === '%') return TEXT;
  // {lineno:0<5} prints 42000: zeros after the digits ({} style only; '%-05d' ignores the 0).
  const leftAligned = spec.align === '<' || spec.align === '^' || (spec.align === null && asText);
  if (!percent && leftAligned && (spec.zero || /\d/u.test(spec.fill))) return TEXT;
  return { kind: 'number', base: asText || numericType === null ? 10 : BASES[numericType] ?? 10 };
}

/** How a field holds a number, or null for text. Extra fields become numbers under numeric conversions. */
function numberShape(entry: FieldEntry, type: string | null): NumberShape | null {
  if (entry.number) return { float: entry.type === 'float', signed: entry.number.signed, maxDigits: entry.number.maxDigits };
  if (entry === EXTRA_FIELD && type !== null && !'sra'.includes(type)) {
    return { float: 'eEfFgG%'.includes(type), signed: true };
  }
  return null;
}

function describeNumber(entry: FieldEntry, spec: FieldSpec): string | null {
  if (!entry.number || spec.type === null || 'sr'.includes(spec.type)) return null;
  const p = presentationOf(spec.type);
  if (p === 'int') return 'xX'.includes(spec.type) ? 'hex digits' : spec.type === 'o' ? 'octal digits' : entry.expected;
  if (p === 'fixed') return `a number with ${typeof spec.precision === 'number' ? spec.precision : 6} decimals`;
  return 'a number';
}

function asctimeRx(datefmt: string | null, warnings: Warning[]): Rx {
  if (datefmt === null) {
    // Formatter.default_time_format + default_msec_format '%s,%03d' (msecs truncated, never 1000).
    return seq(...parseDatefmt(DEFAULT_DATEFMT, warnings).map((p) => p.rx), lit(','), digits(3, 3));
  }
  return seq(...parseDatefmt(datefmt, warnings).map((p) => p.rx));
}

// ---------------------------------------------------------------------------------------------------
// Padding and the alphabet of free text.

interface Padding {
  readonly fill: string | null;
  readonly before: Rx | null;
  readonly after: Rx | null;
}

function padding(spec: FieldSpec, entry: FieldEntry, style: Style): Padding {
  const numeric = numberShape(entry, spec.type) !== null && spec.conversion === null;
  // Zero padding of a number is part of its digits, '=' padding sits inside it (numbers.ts).
  if (spec.width === null || (numeric && (spec.zero || spec.align === '='))) return { fill: null, before: null, after: null };
  // '0' on text in {} (3.10+) pads with zeros on the right: {levelname:05} → INFO0.
  const fill = spec.zero ? '0' : spec.fill;
  const padRx = repeat(lit(fill), 0, spec.width === 'nested' ? null : spec.width);
  // % style: right-aligned unless '-'. {} style: text left, numbers right.
  const align = spec.align === '=' || spec.align === null ? (style === '%' || numeric ? '>' : '<') : spec.align;
  if (align === '<') return { fill, before: null, after: padRx };
  if (align === '^') return { fill, before: padRx, after: padRx };
  return { fill, before: padRx, after: null };
}

/**
 * `%(threadName)s %(process)d`: custom thread names hold spaces ('custom name 2'), and only the number
 * after them can end them. Free text there is words separated by single spaces, where a later word may
 * not be all digits: the first all-digit word is the number. Each split is then decided by one word, so
 * matching stays linear.
 */
function spacedBeforeNumber(rest: readonly Token[], run: Rx): boolean {
  const [literal, next] = rest;
  if (literal?.kind !== 'literal' || literal.text !== ' ' || next?.kind !== 'field') return false;
  if (run.type !== 'set' || !run.negate || !run.items.includes('\\s')) return false;
  const { entry } = lookupField(next.key);
  const digitsOnly = entry.type === 'int' && entry.number?.signed === false && next.spec.conversion === null && (next.spec.type ?? 'd') === 'd';
  return digitsOnly && !next.spec.sign && !next.spec.grouping;
}

/** Only fields that may print nothing (colour codes) follow, up to the end. */
function beforeOnlyOptional(rest: readonly Token[]): boolean {
  return rest.length > 0 && rest.every((t) => t.kind === 'field' && lookupField(t.key).entry.mayBeEmpty === true);
}

/** The literal character right before a field, or null when a field precedes it. */
function precedingChar(before: Token | undefined): string | null {
  return before?.kind === 'literal' ? before.text.at(-1)! : null;
}

/** What may come right after a field: the next literal's first character, or a field's leading one. */
interface Following {
  readonly chars: readonly string[];
  /** Nothing can follow: the field ends the line. */
  readonly end: boolean;
  /** A field whose first character is unknown follows directly. */
  readonly openField: boolean;
}

function followingChars(rest: readonly Token[]): Following {
  const chars: string[] = [];
  for (const t of rest) {
    if (t.kind === 'literal') return { chars: [...chars, t.text[0]!], end: false, openField: false };
    const { entry } = lookupField(t.key);
    if (!entry.leading) return { chars, end: false, openField: true };
    chars.push(entry.leading);
    if (!entry.mayBeEmpty) return { chars, end: false, openField: false };
  }
  return { chars, end: true, openField: false };
}

/**
 * The one-character alphabet of free text at this position. It never takes a newline; it stops at the
 * character that follows (so `[%(name)s]` allows spaces in the name, `%(name)s:` stops at the colon); after
 * whitespace, or when another field follows directly, it takes no whitespace at all.
 *
 * After the message (`%(message)s (%(filename)s:%(lineno)d)`), the text also excludes the literal
 * character before it, and nests no brackets: each place the message could end then starts a scan that
 * stops at the next such character, which keeps the whole match linear in a backtracking engine.
 */
interface Alphabet {
  /** One step of free text: a character, or a balanced bracket group before a closing bracket. */
  readonly run: Rx;
  /** One character, no nesting: for text cut short by a precision ('<mo' of '<module>'). */
  readonly oneChar: Rx;
}

export function runAlphabet(following: Following, fill: string | null, afterMessageOpener: string | null = null): Alphabet {
  let items = ['\\n'];
  const add = (c: string) => {
    if (/\s/u.test(c)) {
      items = ['\\s', ...items.filter((m) => m !== '\\n' && m !== '\\s')];
    } else if (!/\w/u.test(c)) items.push(c === '\\' ? '\\\\' : c);
  };
  if (following.openField || (!following.end && following.chars.length === 0)) add(' ');
  following.chars.forEach(add);
  if (fill !== null) add(fill);
  if (afterMessageOpener) add(afterMessageOpener);
  const oneChar = notSet(...items);
  if (afterMessageOpener !== null) return { run: oneChar, oneChar };
  // Before a closing bracket, the text may hold balanced pairs of it: [[::1]:443] or (Thread-1 (worker)).
  const opener = OPENERS[following.chars[0] ?? ''];
  if (opener && !following.end && !following.openField && mayMatchChar(oneChar, opener)) {
    const closer = following.chars[0]!;
    return { run: alt(excluding(oneChar, [opener]), seq(lit(opener), zeroOrMore(notSet('\\n', closer)), lit(closer))), oneChar };
  }
  return { run: oneChar, oneChar };
}

const OPENERS: Readonly<Record<string, string>> = { ']': '[', ')': '(', '}': '{', '>': '<' };

// ---------------------------------------------------------------------------------------------------
// Capture names and --field overrides.

/** A neutral group name: ASCII word characters, not starting with a digit, at most 32 characters (PCRE2). */
export function captureName(key: string): string {
  const name = key.replace(/[^A-Za-z0-9_]+/gu, '_').replace(/^_+|_+$/gu, '') || 'field';
  return (/^\d/u.test(name) ? `f_${name}` : name).slice(0, 32);
}

export function uniqueName(name: string, used: Set<string>): string {
  let candidate = name;
  for (let n = 2; used.has(candidate); n++) candidate = `${name.slice(0, 29)}_${n}`;
  used.add(candidate);
  return candidate;
}

function parseOverrides(fields: Readonly<Record<string, string>>): Result<ReadonlyMap<string, Rx>> {
  const map = new Map<string, Rx>();
  for (const [name, source] of Object.entries(fields)) {
    let groups: number;
    try {
      groups = new RegExp(`${source}|`, 'u').exec('')!.length - 1;
    } catch (e) {
      return fail(`invalid regex for field ${name}: ${(e as Error).message}`, 0, source, '--field');
    }
    if (groups > 0) return fail(`the regex for field ${name} has a capturing group; use (?:...) so keys stay in order`, source.indexOf('('), source, '--field');
    map.set(name, { type: 'raw', source });
  }
  return ok(map);
}

