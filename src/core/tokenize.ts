/**
 * Stage 1: format string → tokens, for the three `logging.Formatter` styles, to the grammar CPython
 * accepts (research/python-logging.md §2). Anything Python rejects, in `validate` or for every record at
 * emit time, is an error value with the column it points at.
 */
import { checkAtoms, GUNICORN_DEFAULT_FORMAT } from './gunicorn.js';
import type { FieldEntry } from './catalogue.js';
import { tokenizeLoguru } from './loguru.js';
import { fail, ok, type Result } from './result.js';
import type { Rx } from './rx.js';
import type { AsctimeLayout } from './strftime.js';

/**
 * `logging.Formatter`'s three styles; `gunicorn`: an `access_log_format` (gunicorn.ts); `loguru`: a
 * `logger.add` format (loguru.ts); the key-value and JSON loggers' (keyvalue.ts: their formats name keys).
 */
/** `structlog-console`: a preset's, never --style's (console.ts); its format names the keys ConsoleRenderer writes first. */
export type Style = LoggingStyle | 'gunicorn' | 'loguru' | KeyedStyle | 'structlog-console';
export type LoggingStyle = '%' | '{' | '$';
export const LOGGING_STYLES: readonly LoggingStyle[] = ['%', '{', '$'];
export type KeyedStyle = 'logfmt' | 'json';
export const STYLES: readonly Exclude<Style, 'structlog-console'>[] = [...LOGGING_STYLES, 'gunicorn', 'loguru', 'logfmt', 'json'];
export const isKeyedStyle = (style: Style): style is KeyedStyle => style === 'logfmt' || style === 'json';

/** logging/__init__.py _STYLES: each style's BASIC_FORMAT, which basicConfig() uses without format=. */
export const BASIC_FORMATS: Readonly<Record<LoggingStyle, string>> = {
  '%': '%(levelname)s:%(name)s:%(message)s',
  '{': '{levelname}:{name}:{message}',
  $: '${levelname}:${name}:${message}',
};

/**
 * `Formatter(fmt=None or '')` uses the style's default (logging.PercentStyle.default_format etc.); for
 * gunicorn, no format is its setting's default. loguru's `''` is its own LOGURU_FORMAT (loguru.ts);
 * `{message}` here is what hints append to find a format's fields.
 */
export const DEFAULT_FORMAT: Record<Style, string> = { '%': '%(message)s', '{': '{message}', $: '${message}', gunicorn: GUNICORN_DEFAULT_FORMAT, loguru: '{message}', logfmt: 'event', json: '%(message)s', 'structlog-console': 'timestamp level event' };

export type Align = '<' | '>' | '^' | '=';

/** A replacement field's spec, normalised across styles to str.format's vocabulary. */
export interface FieldSpec {
  /**
   * The value is turned into text first: `!s`/`!r`/`!a` ({} style) or the `s`/`r`/`a` conversions (% style).
   * `r` and `a` print repr()/ascii(); null keeps the value's own type for the spec.
   */
  readonly conversion: 's' | 'r' | 'a' | null;
  /** Fill character for padding (`' '` unless a `{}` spec names one). */
  readonly fill: string;
  /** null means the type's default: strings left, numbers right ({}), always right (% without `-`). */
  readonly align: Align | null;
  readonly sign: '+' | '-' | ' ' | null;
  readonly alternate: boolean;
  /** Sign-aware zero padding (`%05d`, `{:05}`, `{:0=5}`). */
  readonly zero: boolean;
  /** Minimum width; `'nested'` when a `{}` spec takes it from another field (`{levelname:{lineno}}`). */
  readonly width: number | 'nested' | null;
  readonly grouping: ',' | '_' | null;
  readonly precision: number | 'nested' | null;
  /** Presentation type / conversion letter (`s d f x ...`), or null for str.format's default. */
  readonly type: string | null;
}

export interface Span {
  /** 0-based, inclusive. */
  readonly start: number;
  /** 0-based, exclusive. */
  readonly end: number;
}

export interface LiteralToken {
  readonly kind: 'literal';
  readonly text: string;
  readonly span: Span;
}

export interface FieldToken {
  readonly kind: 'field';
  /** The record attribute looked up: `levelname`, `request_id`, `args` for `{args[0]}`. */
  readonly key: string;
  /** Attribute/index access after the key (`[0]`, `.name`), `''` when none. */
  readonly access: string;
  readonly spec: FieldSpec;
  /** The placeholder as written: `%(levelname)-8s`, `{levelname:<8}`, `${levelname}`. */
  readonly raw: string;
  readonly span: Span;
  /** A front end's own field (loguru's `{level}`), typed by its own table rather than LogRecord's catalogue. */
  readonly own?: OwnField;
}

export interface OwnField {
  readonly entry: FieldEntry;
  /** The library's name for it, which `check` reports it under: `level`, `extra[user]`. */
  readonly name: string;
  /**
   * A time printed in the library's own syntax: its fragment, its description, the strftime datefmt that
   * reads it (null when none does), and, where it holds milliseconds no strftime has (`ss.SSS`), its layout.
   */
  readonly time?: { readonly rx: Rx; readonly format: string; readonly datefmt: string | null; readonly layout?: AsctimeLayout };
  /** Markup that prints a colour code (loguru's colorize=True): a fragment of the line, never a field. */
  readonly fragment?: true;
}

export type Token = LiteralToken | FieldToken;

const PLAIN: FieldSpec = {
  conversion: null, fill: ' ', align: null, sign: null, alternate: false, zero: false,
  width: null, grouping: null, precision: null, type: null,
};

/** `colorize`: loguru's `logger.add(colorize=True)`, whose markup prints ANSI codes. */
export function tokenize(format: string, style: Style, colorize = false): Result<Token[]> {
  if (style === 'loguru') return tokenizeLoguru(format, colorize);
  // A keyed style's format names keys, not placeholders in text (pattern.ts hands it to keyvalue.ts).
  if (isKeyedStyle(style) || style === 'structlog-console') return fail(`--style ${style} names keys, not a logging.Formatter format`, 0, format);
  const fmt = format === '' ? DEFAULT_FORMAT[style] : format;
  const tokens = style === '%' ? tokenizePercent(fmt) : style === '{' ? tokenizeBrace(fmt) : style === '$' ? tokenizeDollar(fmt) : tokenizeGunicorn(fmt);
  return tokens.ok ? ok(mergeLiterals(tokens.value)) : tokens;
}

export function mergeLiterals(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    const last = out[out.length - 1];
    if (t.kind === 'literal' && last?.kind === 'literal') {
      out[out.length - 1] = { kind: 'literal', text: last.text + t.text, span: { start: last.span.start, end: t.span.end } };
    } else if (t.kind === 'field' || t.text !== '') {
      out.push(t);
    }
  }
  return out;
}

const literal = (text: string, start: number, end: number): LiteralToken => ({ kind: 'literal', text, span: { start, end } });

// ---------------------------------------------------------------------------------------------------
// '%' style: the runtime grammar of `fmt % mapping`, plus PercentStyle.validate's "one valid field" rule.

const PERCENT_CONVERSIONS = 'diouxXeEfFgGcrsa';
/** PercentStyle.validation_pattern: `validate` only needs one match anywhere (re.search). */
const PERCENT_VALIDATION = /%\(\w+\)[#0+ -]*(\*|\d+)?(\.(\*|\d+))?[diouxefgcrsa%]/iu;

function tokenizePercent(fmt: string): Result<Token[]> {
  const tokens = percentTokens(fmt);
  if (tokens.ok && !PERCENT_VALIDATION.test(fmt)) {
    return fail(`invalid format for '%' style: no %(name)s field (Python: "Invalid format '${fmt}' for '%' style")`, 0, fmt);
  }
  return tokens;
}

/** gunicorn: `access_log_format % safe_atoms` (glogging.py Logger.access), with no Formatter's validate. */
function tokenizeGunicorn(fmt: string): Result<Token[]> {
  const tokens = percentTokens(fmt);
  return tokens.ok ? checkAtoms(tokens.value, fmt) : tokens;
}

/** Python's `fmt % mapping`. */
function percentTokens(fmt: string): Result<Token[]> {
  const tokens: Token[] = [];
  let i = 0;
  let litStart = 0;
  while (i < fmt.length) {
    const pct = fmt.indexOf('%', i);
    if (pct < 0) break;
    tokens.push(literal(fmt.slice(litStart, pct), litStart, pct));
    if (fmt[pct + 1] === '%') {
      tokens.push(literal('%', pct, pct + 2));
      i = litStart = pct + 2;
      continue;
    }
    const field = parsePercentField(fmt, pct);
    if (!field.ok) return field;
    tokens.push(field.value);
    i = litStart = field.value.span.end;
  }
  tokens.push(literal(fmt.slice(litStart), litStart, fmt.length));
  return ok(tokens);
}

function parsePercentField(fmt: string, start: number): Result<FieldToken> {
  let i = start + 1;
  if (i >= fmt.length) return fail("incomplete format: a lone '%' at the end (write '%%' for a literal %)", start, fmt);
  if (fmt[i] !== '(') {
    return fail(`unkeyed conversion '%${fmt[i]}': logging passes a mapping, so write %(name)s (or '%%' for a literal %)`, start, fmt);
  }
  // The key may contain balanced parentheses: '%(a(b)c)s' looks up 'a(b)c'.
  let depth = 1;
  const keyStart = ++i;
  while (i < fmt.length && depth > 0) {
    if (fmt[i] === '(') depth++;
    else if (fmt[i] === ')') depth--;
    i++;
  }
  if (depth > 0) return fail("incomplete format key: expected ')'", fmt.length, fmt);
  const key = fmt.slice(keyStart, i - 1);
  const flagsStart = i;
  while (i < fmt.length && '#0- +'.includes(fmt[i]!)) i++;
  const flags = fmt.slice(flagsStart, i);
  if (fmt[i] === '*') return fail("'*' width needs a tuple, and logging passes a mapping (Python: \"* wants int\")", i, fmt);
  const widthText = /^\d*/u.exec(fmt.slice(i))![0];
  i += widthText.length;
  let precision: number | null = null;
  if (fmt[i] === '.') {
    i++;
    if (fmt[i] === '*') return fail("'*' precision needs a tuple, and logging passes a mapping (Python: \"* wants int\")", i, fmt);
    const precText = /^\d*/u.exec(fmt.slice(i))![0];
    i += precText.length;
    precision = precText === '' ? 0 : Number(precText);
  }
  if (fmt[i] !== undefined && 'hlL'.includes(fmt[i]!)) i++; // length modifier: accepted and ignored
  const conv = fmt[i];
  if (conv === undefined) return fail('incomplete format: expected a conversion letter', i, fmt);
  if (!PERCENT_CONVERSIONS.includes(conv)) {
    return fail(`unsupported format character '${conv}': expected one of ${PERCENT_CONVERSIONS}`, i, fmt);
  }
  i++;
  const left = flags.includes('-');
  const spec: FieldSpec = {
    ...PLAIN,
    conversion: conv === 's' || conv === 'r' || conv === 'a' ? conv : null,
    align: widthText === '' ? null : left ? '<' : '>',
    sign: flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : null,
    alternate: flags.includes('#'),
    // '-' beats '0'; '0' means nothing for s/r/a.
    zero: flags.includes('0') && !left && !'sra'.includes(conv),
    width: widthText === '' ? null : Number(widthText),
    precision,
    type: conv,
  };
  return ok({ kind: 'field', key, access: '', spec, raw: fmt.slice(start, i), span: { start, end: i } });
}

// ---------------------------------------------------------------------------------------------------
// '{' style: string.Formatter().parse, then StrFormatStyle.validate's field, conversion and spec checks.

const BRACE_FIELD = /^(\d+|\w+)(\.\w+|\[[^\]]+\])*$/u;
/** StrFormatStyle.fmt_spec, verbatim apart from JS syntax. */
const BRACE_SPEC = /^(.?[<>=^])?[+ -]?#?0?(\d+|\{\w+\})?[,_]?(\.(\d+|\{\w+\}))?[bcdefgnosx%]?$/iu;
/** The standard format spec grammar, to take an accepted spec apart. */
const BRACE_SPEC_PARTS =
  /^(?:(?<fill>.)?(?<align>[<>=^]))?(?<sign>[+ -])?(?<alt>#)?(?<zero>0)?(?<width>\d+|\{\w+\})?(?<grouping>[,_])?(?:\.(?<precision>\d+|\{\w+\}))?(?<type>[a-zA-Z%])?$/u;

/**
 * The literal text of a `{`-style format from `start` up to the next field's `{` (or the end), with `{{`
 * and `}}` unescaped; a lone `}` is str.format's error. Shared by the `{` and loguru tokenizers.
 */
export function braceText(fmt: string, start: number): Result<{ text: string; end: number }> {
  let text = '';
  let i = start;
  while (i < fmt.length) {
    const c = fmt[i]!;
    if ((c === '{' || c === '}') && fmt[i + 1] === c) {
      text += c;
      i += 2;
    } else if (c === '}') return fail("invalid format: Single '}' encountered in format string", i, fmt);
    else if (c === '{') break;
    else {
      text += c;
      i++;
    }
  }
  return ok({ text, end: i });
}

function tokenizeBrace(fmt: string): Result<Token[]> {
  const tokens: Token[] = [];
  for (let i = 0; ;) {
    const run = braceText(fmt, i);
    if (!run.ok) return run;
    tokens.push(literal(run.value.text, i, run.value.end));
    if (run.value.end >= fmt.length) break;
    const field = parseBraceField(fmt, run.value.end);
    if (!field.ok) return field;
    if (field.value) tokens.push(field.value);
    i = field.value ? field.value.span.end : skipBraceField(fmt, run.value.end);
  }
  if (!tokens.some((t) => t.kind === 'field')) return fail('invalid format: no fields', 0, fmt);
  return ok(tokens);
}

/** Index just past the '}' that closes the field opened at `start`, counting nested braces. */
function skipBraceField(fmt: string, start: number): number {
  let depth = 0;
  for (let i = start; i < fmt.length; i++) {
    if (fmt[i] === '{') depth++;
    else if (fmt[i] === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/** Returns null for `{}` (an empty, falsy field name, which validate skips). */
function parseBraceField(fmt: string, start: number): Result<FieldToken | null> {
  const end = skipBraceField(fmt, start);
  if (end < 0) return fail("invalid format: expected '}' before end of string", start, fmt);
  const body = fmt.slice(start + 1, end - 1);
  // The field name runs to the first '!' or ':' outside [...].
  let j = 0;
  let inIndex = false;
  for (; j < body.length; j++) {
    const c = body[j];
    if (c === '[') inIndex = true;
    else if (c === ']') inIndex = false;
    else if (!inIndex && (c === '!' || c === ':')) break;
    else if (!inIndex && c === '{') return fail("invalid format: unexpected '{' in field name", start + 1 + j, fmt);
  }
  const name = body.slice(0, j);
  let conversion: string | null = null;
  let specText = '';
  if (body[j] === '!') {
    if (j + 1 >= body.length) return fail("invalid format: unmatched '{' in format spec", start + 1 + j, fmt);
    conversion = body[j + 1]!;
    const after = body[j + 2];
    if (after !== undefined && after !== ':') {
      return fail("invalid format: expected ':' after conversion specifier", start + 3 + j, fmt);
    }
    if (!'rsa'.includes(conversion)) return fail(`invalid format: invalid conversion: '${conversion}'`, start + 2 + j, fmt);
    specText = after === ':' ? body.slice(j + 3) : '';
  } else if (body[j] === ':') {
    specText = body.slice(j + 1);
  }
  if (name === '') return fail('positional field {}: logging passes fields by name, e.g. {message}', start, fmt);
  if (!BRACE_FIELD.test(name)) return fail(`invalid format: invalid field name/expression: '${name}'`, start + 1, fmt);
  if (/^\d/u.test(name)) return fail(`positional field {${name}}: logging passes fields by name, e.g. {message}`, start + 1, fmt);
  const specColumn = start + 1 + body.length - specText.length;
  if (specText !== '' && !BRACE_SPEC.test(specText)) return fail(`invalid format: bad specifier: '${specText}'`, specColumn, fmt);
  const parts = BRACE_SPEC_PARTS.exec(specText)?.groups;
  if (!parts) return fail(`invalid format: bad specifier: '${specText}'`, specColumn, fmt);
  const key = /^\w+/u.exec(name)![0];
  const number = (v: string | undefined): number | 'nested' | null => (v === undefined ? null : v.startsWith('{') ? 'nested' : Number(v));
  const spec: FieldSpec = {
    conversion: conversion as FieldSpec['conversion'],
    // '0' sets the fill only where no fill is written: '*^05' pads with '*', '<08' with '0'.
    fill: parts.fill ?? (parts.zero ? '0' : ' '),
    align: (parts.align as Align | undefined) ?? null,
    sign: (parts.sign as FieldSpec['sign'] | undefined) ?? null,
    alternate: parts.alt !== undefined,
    // Sign-aware zero padding, part of the number: only with no alignment or '=' and a '0' fill.
    zero: (parts.zero !== undefined && (parts.align ?? '=') === '=' && (parts.fill ?? '0') === '0') || (parts.fill === '0' && parts.align === '='),
    width: number(parts.width),
    grouping: (parts.grouping as FieldSpec['grouping'] | undefined) ?? null,
    precision: number(parts.precision),
    type: parts.type ?? null,
  };
  return ok({ kind: 'field', key, access: name.slice(key.length), spec, raw: fmt.slice(start, end), span: { start, end } });
}

// ---------------------------------------------------------------------------------------------------
// '$' style: string.Template's pattern (ASCII identifiers, case-insensitive match, case-sensitive keys).

const DOLLAR = /\$(?:(?<escaped>\$)|(?<named>[_a-z][_a-z0-9]*)|\{(?<braced>[_a-z][_a-z0-9]*)\}|(?<invalid>))/giu;

function tokenizeDollar(fmt: string): Result<Token[]> {
  const tokens: Token[] = [];
  let last = 0;
  for (const m of fmt.matchAll(DOLLAR)) {
    const start = m.index;
    const end = start + m[0].length;
    tokens.push(literal(fmt.slice(last, start), last, start));
    const g = m.groups!;
    if (g.escaped) tokens.push(literal('$', start, end));
    else if (g.named ?? g.braced) {
      tokens.push({ kind: 'field', key: (g.named ?? g.braced)!, access: '', spec: PLAIN, raw: m[0], span: { start, end } });
    } else return fail("invalid format: bare '$' not allowed (write '$$' for a literal $)", start, fmt);
    last = end;
  }
  tokens.push(literal(fmt.slice(last), last, fmt.length));
  if (!tokens.some((t) => t.kind === 'field')) return fail('invalid format: no fields', 0, fmt);
  return ok(tokens);
}
