/**
 * The key-value and JSON front ends (`--style logfmt`, `--style json`): structlog's LogfmtRenderer and
 * KeyValueRenderer, python-json-logger's JsonFormatter and structlog's JSONRenderer. They build the same
 * pattern IR as the logging styles (literal and field parts), plus a `keyed` note that tells `check` how to
 * read each key's value, including the keys the format does not name.
 *
 * logfmt: the format is the line's keys in order (`timestamp level event`), as `key_order=` gives them;
 * the renderers write the keys they were not told about after those, which is the `extras` field.
 * One value shape covers both renderers, since a line does not say which wrote it and their values
 * overlap (`42`, `None`-less logfmt, a repr without quotes):
 *   - LogfmtRenderer: `"..."` when the text has a space or `=` (only `"` escaped, as `\"`; a backslash is
 *     not), else the text as it is (may be empty: None), `true`/`false`, a True flag as the bare key;
 *   - KeyValueRenderer: repr(), `'...'` or `"..."` with Python's escapes, `None`, `True`, `42`.
 * JSON: a line is one object, read with JSON.parse by `check`; the regex holds the named keys in the
 * format's order and json.dumps' separators, which is how python-json-logger writes them. A key may name
 * a value inside an object by its path (`record.level.name`: loguru's serialize=True writes
 * `{"text": ..., "record": {"level": {"name": ...}}}`); `check` gives the other keys inside such an object
 * by their paths too (any other object stays one key, its JSON text), and the regex takes such keys with
 * the others it does not name.
 */
import { consoleFields } from './console.js';
import { captureName, uniqueName, type FieldPart, type LiteralPart, type Part, type Pattern, type PatternOptions } from './pattern.js';
import { fail, ok, type Result } from './result.js';
import { alt, anyWithNewlines, digits, lit, notSet, optional, seq, set, words, zeroOrMore, type Rx } from './rx.js';
import { tokenize } from './tokenize.js';

/** `console`: structlog's ConsoleRenderer (console.ts), read by its own rules, not by a collector's parser. */
export type KeyedSyntax = 'logfmt' | 'json' | 'console';

/** How `check` reads a keyed line's values: every key, named or not, by its own name. */
export interface Keyed {
  readonly syntax: KeyedSyntax;
  /** The keys the format names, in its order. */
  readonly keys: readonly string[];
  /** The capture that holds the keys the format does not name. */
  readonly extras: string;
}

/** Python's repr() of a str, and LogfmtRenderer's quoted text (only `"` escaped: a lone `\` stays). */
const SINGLE_REPR = seq(lit("'"), zeroOrMore(alt(notSet("'", '\\\\', '\\n'), seq(lit('\\'), notSet('\\n')))), lit("'"));
const DOUBLE_QUOTED = seq(lit('"'), zeroOrMore(alt(notSet('"', '\\\\'), seq(lit('\\'), optional(lit('"'))))), lit('"'));
/** Unquoted logfmt text: no space and no `=` (it would be quoted), a `"` only as `\"`; may be empty (None). */
const BARE = zeroOrMore(alt(notSet(' ', '=', '"', '\\\\'), seq(lit('\\'), optional(lit('"')))));
const KEY_VALUE = alt(DOUBLE_QUOTED, SINGLE_REPR, BARE);

/** What json.dumps writes for a scalar: a string, a number (NaN and Infinity too), true, false, null. */
const JSON_STRING = seq(lit('"'), zeroOrMore(alt(notSet('"', '\\\\', '\\n'), seq(lit('\\'), notSet('\\n')))), lit('"'));
const JSON_NUMBER = seq(optional(lit('-')), alt(words('Infinity'), seq(digits(1), optional(seq(lit('.'), digits(1))), optional(seq(set('e', 'E'), optional(set('+', '\\-')), digits(1))))));
const JSON_SCALAR = alt(JSON_STRING, JSON_NUMBER, words('true', 'false', 'null', 'NaN'));

const EXTRAS = 'extras';

/** A keyed style's pattern: each named key's literal and value field, then the keys not named. */
export function buildKeyedPattern(format: string, syntax: 'logfmt' | 'json', options: PatternOptions): Result<Pattern> {
  const keys = syntax === 'logfmt' ? logfmtKeys(format) : jsonKeys(format);
  if (!keys.ok) return keys;
  const parts: Part[] = [];
  const literal = (text: string, at: number): LiteralPart => ({ kind: 'literal', text, span: { start: at, end: at } });
  const used = new Set<string>();
  const captures = new Set<string>();
  for (const { key, span } of keys.value) {
    if (used.has(key)) return fail(`key ${key} is named twice: a line holds each key once`, span.start, format);
    used.add(key);
    // A value inside an object (`record.level.name`) is read by check alone.
    if (key.includes('.')) continue;
    const lead = syntax === 'logfmt' ? `${parts.length === 0 ? '' : ' '}${key}` : `${parts.length === 0 ? '{' : ', '}${JSON.stringify(key)}: `;
    parts.push(literal(lead, span.start));
    const override = options.fields?.[key];
    const value: Rx = override !== undefined ? { type: 'raw', source: override } : syntax === 'logfmt' ? KEY_VALUE : JSON_SCALAR;
    // A key that is no group name (`0`, `user-id`) is captured under a legal one and reported as the key.
    const capture = uniqueName(captureName(key), captures);
    const part = { ...fieldPart(key, capture, span, value, syntax === 'logfmt' ? 'a key=value value' : 'a JSON value'), ...(capture === key ? {} : { name: key }) };
    // LogfmtRenderer writes a True flag as the bare key: the `=` is outside the value, and may be missing.
    parts.push(syntax === 'logfmt' ? { ...part, padBefore: optional(lit('=')) } : part);
  }
  // The keys the format does not name come after the named ones (structlog's key_order, python-json-logger's
  // required fields first); a logfmt value there (a traceback) may span lines.
  const extras = uniqueName(EXTRAS, captures);
  const end = { start: format.length, end: format.length };
  const first = parts.length === 0;
  const rest = seq(lit(first ? '' : syntax === 'logfmt' ? ' ' : ', '), zeroOrMore(anyWithNewlines));
  if (syntax === 'json' && first) parts.push(literal('{', format.length));
  parts.push({ ...fieldPart(EXTRAS, extras, end, optional(rest), 'more keys'), type: 'message', multiline: true });
  if (syntax === 'json') parts.push(literal('}', format.length));
  const warnings = syntax === 'json'
    ? [{ message: 'the regex holds the named keys first and in this order, as python-json-logger writes them; check reads each line as JSON, in any key order', column: 0, source: format, origin: 'format' }]
    : [];
  return ok({ format, style: syntax, datefmt: options.datefmt ? options.datefmt : null, parts, warnings, keyed: { syntax, keys: keys.value.map((k) => k.key), extras } });
}

export function fieldPart(key: string, capture: string, span: FieldPart['span'], value: Rx, expected: string): FieldPart {
  return {
    kind: 'field', key, raw: key, span, type: 'str', capture, sameAs: null, value, startValue: null, padBefore: null, padAfter: null,
    expected, known: false, timeFormat: null, multiline: false, reading: { kind: 'text' }, conversion: null, precision: null,
  };
}

interface NamedKey {
  readonly key: string;
  readonly span: FieldPart['span'];
}

/** `timestamp level event`: structlog refuses a key with a space or a control character in it. */
function logfmtKeys(format: string): Result<NamedKey[]> {
  const keys = [...format.matchAll(/\S+/gu)].map((m) => ({ key: m[0], span: { start: m.index, end: m.index + m[0].length } }));
  if (keys.length === 0) return fail('no keys: give the line\'s keys in order, e.g. "timestamp level event"', 0, format);
  for (const { key, span } of keys) {
    if (key.includes('=')) return fail(`key ${key} holds '=': give the keys alone, e.g. "timestamp level event"`, span.start, format);
    if (!/^\w+$/u.test(key)) return fail(`key ${key}: only word characters are supported as a named key (a regex group is named after it)`, span.start, format);
  }
  return ok(keys);
}

/** python-json-logger's JsonFormatter.parse: the `%(key)s` names (any other text in the format is not written). */
function jsonKeys(format: string): Result<NamedKey[]> {
  const tokens = tokenize(format, '%');
  if (!tokens.ok) return tokens;
  const keys = tokens.value.flatMap((t) => (t.kind === 'field' ? [{ key: t.key, span: t.span }] : []));
  for (const { key, span } of keys) {
    if (!/^\w+(?:\.\w+)*$/u.test(key)) return fail(`key ${key}: only word characters are supported as a named key (a regex group is named after it), and dots between them for a key inside an object`, span.start, format);
  }
  return ok(keys);
}

// ---------------------------------------------------------------------------------------------------
// Reading a keyed line back: each key's value, named or not.

/**
 * `key=value` pairs as the renderers write them, each value as its exact text: `"a b"` with its quotes,
 * `'x'`, `42`, `` (None in logfmt). A True flag (a bare `key`, LogfmtRenderer's bool_as_flag) reads as
 * `true`, the text it stands for. Returns null where the text is not such pairs.
 */
export function keyValues(text: string): Map<string, string> | null {
  const values = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    const key = /^[^\s=]+/u.exec(text.slice(i))?.[0];
    if (key === undefined) return null;
    i += key.length;
    if (text[i] !== '=') {
      values.set(key, 'true');
    } else {
      i++;
      const m = VALUE_AT.exec(text.slice(i));
      values.set(key, m![0]);
      i += m![0].length;
    }
    if (i < text.length && text[i] !== ' ') return null;
    i++;
  }
  return values;
}

/** KEY_VALUE in JS syntax, up to the space before the next key (or the end). */
const VALUE_AT = /^(?:"(?:[^"\\]|\\"?)*"(?= |$)|'(?:[^'\\\n]|\\.)*'(?= |$)|(?:[^ ="\\]|\\"?)*)/u;

/** Why a JSON line is not a record with the named keys, or its values: strings as they are, others as JSON text. */
export type JsonReading =
  | {
    readonly ok: true;
    readonly fields: Record<string, string>;
    /** The keys whose value is not a string (a number, true, null, an object): their text is JSON text. */
    readonly values: ReadonlySet<string>;
  }
  | { readonly ok: false; readonly field: string | null; readonly expected: string; readonly column: number; readonly found: string };

export function readJsonLine(text: string, keys: readonly string[]): JsonReading {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const at = /position (\d+)/u.exec((e as Error).message);
    const column = at ? Number(at[1]) : 0;
    return { ok: false, field: null, expected: 'a JSON object', column, found: text.slice(column, column + 24) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, field: null, expected: 'a JSON object', column: 0, found: text.slice(0, 24) };
  }
  const fields: Record<string, string> = {};
  const values = new Set<string>();
  const put = (key: string, v: unknown) => {
    if (typeof v === 'string') fields[key] = v;
    else {
      fields[key] = JSON.stringify(v);
      values.add(key);
    }
  };
  const object = value as Record<string, unknown>;
  for (const key of keys) {
    const v = valueAt(object, key);
    if (v === undefined) return { ok: false, field: key, expected: `the key "${key}"`, column: text.length - 1, found: '}' };
    put(key, v);
  }
  // The other keys; inside an object the format names a key in, each by its path (`record.level.no`).
  const named = new Set(keys);
  const walk = (o: Record<string, unknown>, prefix: string): void => {
    for (const [k, v] of Object.entries(o)) {
      const path = prefix + k;
      if (named.has(path)) continue;
      if (isObject(v) && keys.some((n) => n.startsWith(`${path}.`))) walk(v, `${path}.`);
      else put(path, v);
    }
  };
  walk(object, '');
  return { ok: true, fields, values };
}

/** A JSON object (not an array, not null). */
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value a key names: the key itself, else its dotted path through objects (`record.level.name`). */
function valueAt(object: Record<string, unknown>, key: string): unknown {
  if (Object.hasOwn(object, key)) return object[key];
  const dot = key.indexOf('.');
  if (dot < 0) return undefined;
  const head = object[key.slice(0, dot)];
  return isObject(head) ? valueAt(head, key.slice(dot + 1)) : undefined;
}

/**
 * The first line of a logfmt record: its first key, with a value or as a flag. LogfmtRenderer and
 * KeyValueRenderer write key_order's keys first, a missing one as `key=` (`key=None`).
 */
export const keyedStart = (keyed: Keyed): RegExp => new RegExp(`^${keyed.keys[0]}(?:[= ]|$)`, 'u');


/**
 * A matched logfmt record's fields: every key's text read from the record (which tells a flag, `true`,
 * from `key=`, ''), named keys first; where it cannot be read so (a repr with spaces unquoted, `[1, 2]`),
 * the named keys' captures and the rest as `extras`.
 */
export function keyedFields(keyed: Keyed, groups: Readonly<Record<string, string | undefined>>, text: string): Record<string, string | undefined> {
  if (keyed.syntax === 'console') return consoleFields(keyed, groups);
  const fields: Record<string, string | undefined> = {};
  const all = keyValues(text);
  if (all !== null && keyed.keys.every((k) => all.has(k))) {
    for (const key of keyed.keys) fields[key] = all.get(key);
    for (const [k, v] of all) if (!Object.hasOwn(fields, k)) fields[k] = v;
    return fields;
  }
  for (const key of keyed.keys) fields[key] = groups[key];
  const rest = groups[keyed.extras];
  if (rest !== undefined) {
    const more = keyValues(rest.slice(1));
    if (more === null) fields[keyed.extras] = rest.slice(1);
    else for (const [k, v] of more) if (!Object.hasOwn(fields, k)) fields[k] = v;
  }
  return fields;
}
