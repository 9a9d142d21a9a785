/**
 * What CPython prints for a field's value, decided once: the value's type × the placeholder's conversion
 * and presentation → the shape of the text and how it reads back, or the exception CPython raises on
 * every record. The rows are the documentation, in the order CPython checks; `pickRule` takes the first
 * that fits, and both the fragment (pattern.ts) and the reading (`check --typed`) come from the row it
 * took. test/value-rules.test.ts renders every row with CPython 3.8–3.13.
 */
import { EXTRA_FIELD, type FieldEntry } from './catalogue.js';
import type { NumberShape } from './numbers.js';
import { fail, ok, type Result, type Warning } from './result.js';
import type { FieldSpec, FieldToken, Style } from './tokenize.js';

/** What CPython formats: a str, an int or a float, told apart by where the text comes from. */
export type ValueKind =
  /** A str attribute (levelname, name, an extra= value), printed as the catalogue's text. */
  | 'text'
  | 'message'
  /** asctime. */
  | 'time'
  /** repr() or ascii() of a str: `%(levelname)r`, `{message!a}`. */
  | 'quoted'
  /** str() or repr() of an int, which are the same: `%(lineno)s`, `{process!r}`. */
  | 'str(int)'
  | 'str(float)'
  | 'int'
  | 'float';

/** The kinds CPython sees as a str. */
const STR = ['text', 'message', 'time', 'quoted', 'str(int)', 'str(float)'] as const satisfies readonly ValueKind[];
const NUMBER_TEXT = ['int', 'float', 'str(int)', 'str(float)'] as const satisfies readonly ValueKind[];

/** The shape of the printed text, which pattern.ts turns into a fragment. */
export type Shape =
  /** The catalogue's text for the field (free text, a level name...). */
  | 'text'
  | 'message'
  /** The datefmt's time. */
  | 'time'
  /** repr() of a str: quoted with escapes; asctime's is its time in quotes. */
  | 'quoted'
  /** A str cut by a precision (`%.3s`, `{:.3}`): any prefix of it, at most that long. */
  | 'cut'
  /** str() of a number: an int's digits ({} style keeps its sign and separators), a float's repr. */
  | 'str'
  /** The number in the presentation letter, flags and all (numbers.ts). */
  | 'number'
  /** The number as 'g' prints it: fixed or exponent notation, trailing zeros dropped. */
  | 'general';

/** How the text reads back: as it is, as the time, or as a number in a base. */
export type ReadAs = 'text' | 'time' | 'decimal' | 'hex' | 'octal' | 'binary';

/** A number (in the base it was printed in, `None` for a missing one), a time, or text taken as it is. */
export type Reading = { readonly kind: 'text' } | { readonly kind: 'time' } | { readonly kind: 'number'; readonly base: 2 | 8 | 10 | 16 };

/** A part of the spec that a row is about. */
export type Feature =
  | 'sign'
  | '#'
  | ','
  | '_'
  | "'='"
  | 'precision'
  /** `{levelname:08}`: a '0' before the width and no alignment. */
  | "'0'"
  /** The fill is a digit and lands after the value (`{lineno:0<5}` prints 42000): it runs into the digits. */
  | 'digit fill after';

/** An exception CPython raises; `{letter}` is the presentation letter, `{sep}` the separator, `{type}` the value's type. */
export interface Raises {
  readonly error: 'TypeError' | 'ValueError';
  readonly message: string;
  /** What to write instead. */
  readonly hint?: string;
}

export type Outcome =
  | { readonly prints: Shape; readonly reads: ReadAs }
  | { readonly raises: Raises }
  /** CPython raises only before this version, and prints otherwise: a warning, and the pick goes on. */
  | { readonly raises: Raises; readonly before: string }
  /** The text can no longer be read back as the value: the pick goes on, and the row printing reads text. */
  | { readonly reads: 'text' };

export type ValueRule = {
  /** `{` covers `$` too, which prints str() of the value: `{field}` with no spec. */
  readonly style: '%' | '{';
  readonly of: readonly ValueKind[];
  /** The presentation letters ('' for none); any when left out. */
  readonly as?: readonly string[];
  /** The row applies when the spec has any of these. */
  readonly with?: readonly Feature[];
} & Outcome;

/** No presentation letter: `{lineno}`, `{created:>12}`. */
const NO_TYPE = '';
const letters = (s: string) => [...s];
/** StrFormatStyle.fmt_spec (Lib/logging/__init__.py) takes its type letters with re.I. */
const BRACE_TYPES = 'bcdefgnosx%BCDEFGNOSX';
/** Every letter validate lets through but these: `allBut('s')` is every letter a str refuses. */
const allBut = (valid: string) => letters(BRACE_TYPES).filter((c) => !valid.includes(c));

const UNKNOWN_CODE: Raises = { error: 'ValueError', message: "Unknown format code '{letter}' for object of type '{type}'" };

export const VALUE_RULES = [
  // % style: Objects/unicodeobject.c unicode_format_arg_format, on the record's __dict__.
  // 3.8 and 3.9 say "%d format: a number is required, not str".
  { style: '%', of: STR, as: letters('diu'), raises: { error: 'TypeError', message: '%{letter} format: a real number is required, not str' } },
  { style: '%', of: [...STR, 'float'], as: letters('oxX'), raises: { error: 'TypeError', message: '%{letter} format: an integer is required, not {type}' } },
  { style: '%', of: STR, as: letters('eEfFgG'), raises: { error: 'TypeError', message: 'must be real number, not str' } },
  // Every value but a one-character str: a level name, a logger name, a message are longer.
  { style: '%', of: [...STR, 'float'], as: ['c'], raises: { error: 'TypeError', message: '%c requires int or char' } },
  // %s %r %a: str(), repr(), ascii(); the precision cuts the text, flags but '-' mean nothing.
  { style: '%', of: STR, with: ['precision'], prints: 'cut', reads: 'text' },
  { style: '%', of: ['text'], as: ['s'], prints: 'text', reads: 'text' },
  { style: '%', of: ['message'], as: ['s'], prints: 'message', reads: 'text' },
  { style: '%', of: ['time'], as: ['s'], prints: 'time', reads: 'time' },
  { style: '%', of: ['quoted'], as: letters('ra'), prints: 'quoted', reads: 'text' },
  { style: '%', of: ['str(int)', 'str(float)'], as: letters('sra'), prints: 'str', reads: 'decimal' },
  // formatlong, formatfloat, formatchar: a float prints as %d too (truncated); %c prints chr().
  { style: '%', of: ['int', 'float'], as: letters('diueEfFgG'), prints: 'number', reads: 'decimal' },
  { style: '%', of: ['int'], as: letters('xX'), prints: 'number', reads: 'hex' },
  { style: '%', of: ['int'], as: ['o'], prints: 'number', reads: 'octal' },
  { style: '%', of: ['int'], as: ['c'], prints: 'number', reads: 'text' },

  // {} style: format(value, spec) after the conversion (Lib/string.py Formatter.convert_field).
  // Python/formatter_unicode.c parse_internal_render_format_spec checks the separator for every type
  // first; a str given no type formats as 's' (unicode__format__).
  { style: '{', of: [...STR, 'int', 'float'], as: allBut('defgEFG%'), with: [','], raises: { error: 'ValueError', message: "Cannot specify '{sep}' with '{letter}'." } },
  { style: '{', of: [...STR, 'int', 'float'], as: allBut('defgEFG%boxX'), with: ['_'], raises: { error: 'ValueError', message: "Cannot specify '{sep}' with '{letter}'." } },
  // Then the type letters each object formats (Objects/unicodeobject.c, longobject.c, floatobject.c __format__).
  { style: '{', of: ['int', 'float'], as: ['s'], raises: { ...UNKNOWN_CODE, hint: 'use !s' } },
  { style: '{', of: ['float'], as: ['d'], raises: { ...UNKNOWN_CODE, hint: "use '.0f'" } },
  { style: '{', of: STR, as: allBut('s'), raises: UNKNOWN_CODE },
  { style: '{', of: ['int'], as: allBut('bcdoxXneEfFgG%'), raises: UNKNOWN_CODE },
  { style: '{', of: ['float'], as: allBut('eEfFgGn%'), raises: UNKNOWN_CODE },
  // formatter_unicode.c format_string_internal.
  { style: '{', of: STR, with: ['sign'], raises: { error: 'ValueError', message: 'Sign not allowed in string format specifier' } },
  { style: '{', of: STR, with: ['#'], raises: { error: 'ValueError', message: 'Alternate form (#) not allowed in string format specifier' } },
  { style: '{', of: STR, with: ["'='"], raises: { error: 'ValueError', message: "'=' alignment not allowed in string format specifier" } },
  // Before 3.10 (bpo-27772) a '0' meant '=' alignment for every type; since, it pads a str on the right.
  { style: '{', of: STR, with: ["'0'"], before: '3.10', raises: { error: 'ValueError', message: "'=' alignment not allowed in string format specifier" } },
  // format_long_internal: an int printed as an int.
  { style: '{', of: ['int'], as: [NO_TYPE, ...letters('bcdoxXn')], with: ['precision'], raises: { error: 'ValueError', message: 'Precision not allowed in integer format specifier' } },
  { style: '{', of: ['int'], as: ['c'], with: ['sign'], raises: { error: 'ValueError', message: "Sign not allowed with integer format specifier 'c'" } },
  { style: '{', of: ['int'], as: ['c'], with: ['#'], raises: { error: 'ValueError', message: "Alternate form (#) not allowed with integer format specifier 'c'" } },
  { style: '{', of: NUMBER_TEXT, with: ['digit fill after'], reads: 'text' },
  // What it prints.
  { style: '{', of: STR, with: ['precision'], prints: 'cut', reads: 'text' },
  { style: '{', of: ['text'], prints: 'text', reads: 'text' },
  { style: '{', of: ['message'], prints: 'message', reads: 'text' },
  { style: '{', of: ['time'], prints: 'time', reads: 'time' },
  { style: '{', of: ['quoted'], prints: 'quoted', reads: 'text' },
  { style: '{', of: ['str(int)', 'str(float)'], prints: 'str', reads: 'decimal' },
  { style: '{', of: ['int'], as: [NO_TYPE], prints: 'str', reads: 'decimal' },
  // A float with no type prints its repr, unless a precision, sign or separator makes it format like 'g'
  // (float_repr_style; formatter_unicode.c format_float_internal, type '\0').
  { style: '{', of: ['float'], as: [NO_TYPE], with: ['precision', 'sign', ',', '_', "'='"], prints: 'general', reads: 'decimal' },
  { style: '{', of: ['float'], as: [NO_TYPE], prints: 'str', reads: 'decimal' },
  { style: '{', of: ['float'], as: ['n'], prints: 'general', reads: 'decimal' },
  { style: '{', of: ['int'], as: letters('dn'), prints: 'number', reads: 'decimal' },
  { style: '{', of: ['int'], as: letters('xX'), prints: 'number', reads: 'hex' },
  { style: '{', of: ['int'], as: ['o'], prints: 'number', reads: 'octal' },
  { style: '{', of: ['int'], as: ['b'], prints: 'number', reads: 'binary' },
  { style: '{', of: ['int'], as: ['c'], prints: 'number', reads: 'text' },
  { style: '{', of: ['int', 'float'], as: letters('eEfFgG'), prints: 'number', reads: 'decimal' },
  { style: '{', of: ['int', 'float'], as: ['%'], prints: 'number', reads: 'text' },
] as const satisfies readonly ValueRule[];

const FLOAT_LETTERS = 'eEfFgG%';

/**
 * What CPython formats for this field: the catalogue's type, after the conversion. An extra= value is
 * taken as a str, or as the number a numeric letter asks for.
 */
export function valueKind(entry: FieldEntry, spec: FieldSpec): ValueKind {
  const numeric = spec.type !== null && !'sra'.includes(spec.type);
  const own = entry.number ? entry.type : entry === EXTRA_FIELD && numeric ? (FLOAT_LETTERS.includes(spec.type!) ? 'float' : 'int') : entry.type;
  if (own === 'int' || own === 'float') return spec.conversion === null ? own : own === 'int' ? 'str(int)' : 'str(float)';
  const text = own === 'str' ? 'text' : own;
  return spec.conversion === 'r' || spec.conversion === 'a' ? 'quoted' : text;
}

/** How a field holds a number (numbers.ts): the catalogue's, or a signed one for an extra= value. */
export function numberShape(entry: FieldEntry, kind: ValueKind): NumberShape {
  const float = kind === 'float' || kind === 'str(float)';
  return entry.number ? { float, signed: entry.number.signed, maxDigits: entry.number.maxDigits } : { float, signed: true };
}

function featuresOf(spec: FieldSpec, kind: ValueKind): Set<Feature> {
  const str = (STR as readonly ValueKind[]).includes(kind);
  const after = spec.align === '<' || spec.align === '^' || (spec.align === null && str);
  const features: [Feature, boolean][] = [
    ['sign', spec.sign !== null],
    ['#', spec.alternate],
    [',', spec.grouping === ','],
    ['_', spec.grouping === '_'],
    ["'='", spec.align === '='],
    ['precision', spec.precision !== null],
    ["'0'", spec.zero && spec.align === null],
    ['digit fill after', after && (spec.zero || /\d/u.test(spec.fill))],
  ];
  return new Set(features.filter(([, has]) => has).map(([f]) => f));
}

export type PrintRule = ValueRule & { readonly prints: Shape; readonly reads: ReadAs };
export type RaiseRule = ValueRule & { readonly raises: Raises };
type OlderRaiseRule = RaiseRule & { readonly before: string };

export interface Pick {
  readonly kind: ValueKind;
  /** The presentation letter the rows saw: the spec's, or 's' for a str given none in {} style. */
  readonly letter: string;
  /** The row that decided: one that prints, or one that raises on every record. */
  readonly rule: PrintRule | RaiseRule;
  /** Rows on the way that do not decide: raises on older versions, text that no longer reads back. */
  readonly notes: readonly ValueRule[];
}

/** The one decision: the first row that fits this field, and the notes of the rows before it. */
export function pickRule(entry: FieldEntry, spec: FieldSpec, style: Style): Pick {
  const kind = valueKind(entry, spec);
  const family = style === '%' ? '%' : '{';
  const letter = spec.type ?? (family === '{' && (STR as readonly ValueKind[]).includes(kind) ? 's' : NO_TYPE);
  const features = featuresOf(spec, kind);
  const notes: ValueRule[] = [];
  for (const rule of VALUE_RULES as readonly ValueRule[]) {
    if (rule.style !== family || !rule.of.includes(kind) || (rule.as && !rule.as.includes(letter))) continue;
    if (rule.with && !rule.with.some((f) => features.has(f))) continue;
    if (('prints' in rule || 'raises' in rule) && !('before' in rule)) return { kind, letter, rule: rule as PrintRule | RaiseRule, notes };
    notes.push(rule);
  }
  throw new Error(`no value rule for ${kind} with '${letter}' in ${family} style`);
}

export interface ValueDecision {
  readonly kind: ValueKind;
  readonly letter: string;
  readonly rule: PrintRule;
  readonly reading: Reading;
  readonly warnings: readonly Warning[];
}

const BASES: Readonly<Record<ReadAs, Reading>> = {
  text: { kind: 'text' }, time: { kind: 'time' },
  decimal: { kind: 'number', base: 10 }, hex: { kind: 'number', base: 16 }, octal: { kind: 'number', base: 8 }, binary: { kind: 'number', base: 2 },
};

/** The field's row, with CPython's refusal as an error at the placeholder and older versions' as warnings. */
export function decideValue(entry: FieldEntry, token: FieldToken, style: Style, format: string): Result<ValueDecision> {
  const pick = pickRule(entry, token.spec, style);
  const type = (STR as readonly ValueKind[]).includes(pick.kind) ? 'str' : pick.kind;
  const said = (r: Raises) => r.message.replace('{letter}', pick.letter).replace('{sep}', token.spec.grouping ?? '').replace('{type}', type);
  if ('raises' in pick.rule) {
    const { raises } = pick.rule;
    return fail(`${token.raw}: ${said(raises)} (Python: ${raises.error}, every record is lost)${raises.hint ? `; ${raises.hint}` : ''}`, token.span.start, format);
  }
  const olderRaise = pick.notes.filter((r): r is OlderRaiseRule => 'before' in r);
  const warnings = olderRaise.map((r) => ({
    message: `${token.raw}: Python before ${r.before} raises ${r.raises.error} on every record ("${said(r.raises)}"); later versions print it`,
    column: token.span.start, source: format, origin: 'format',
  }));
  const { rule } = pick;
  const unreadable = pick.notes.some((r) => !('raises' in r));
  return ok({ kind: pick.kind, letter: pick.letter, rule, reading: BASES[unreadable ? 'text' : rule.reads], warnings });
}
