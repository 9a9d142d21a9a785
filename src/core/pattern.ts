/**
 * Stage 2: tokens → pattern, the one intermediate representation every output is rendered from: a list
 * of literal and field parts, each field with its typed value fragment, its padding and its capture name.
 */
import { lookupField, NONE, STR_REPR, type FieldEntry, type FieldType, type FreeText } from './catalogue.js';
import { atomCapture, GUNICORN_TIME, lookupAtom } from './gunicorn.js';
import { numberRx, presentationOf } from './numbers.js';
import { fail, ok, type Result, type Warning } from './result.js';
import { alt, anyWithNewlines, digits, excluding, fewest, lit, mayMatchChar, notSet, oneOrMore, optional, repeat, seq, zeroOrMore, type Rx } from './rx.js';
import { segmentsNotStarting, signature, type Sig } from './split.js';
import { asctimeLayout, layoutText, parseDatefmt, type AsctimeLayout, type FormatTime } from './strftime.js';
import { buildConsolePattern } from './console.js';
import { buildKeyedPattern, type Keyed } from './keyvalue.js';
import { DEFAULT_FORMAT, isKeyedStyle, LOGGING_STYLES, tokenize, type FieldSpec, type FieldToken, type LoggingStyle, type Span, type Style, type Token } from './tokenize.js';
import { decideValue, numberShape, valueKind, type Reading, type ValueDecision, type ValueKind } from './values.js';

export interface PatternOptions {
  readonly style?: Style;
  /** `Formatter(datefmt=...)`; null or '' means Python's default `%Y-%m-%d %H:%M:%S,mmm`. */
  readonly datefmt?: string | null;
  /** `--field NAME=REGEX`: the user's own fragment for a field, replacing the catalogue's. */
  readonly fields?: Readonly<Record<string, string>>;
  /** `--style loguru`: the sink's `colorize=True`, so the format's markup prints its ANSI codes. */
  readonly colorize?: boolean;
  /** The Formatter class's formatTime, where it is not logging.Formatter's (a preset's: Airflow's TimezoneAware). */
  readonly formatTime?: FormatTime;
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
  /** A front end's own name for the field (loguru's `extra[user]`), when `check` should report it under that. */
  readonly name?: string;
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
  /** The value printed as its repr or ascii() (`%(name)r`, `{name!a}`), as str (`s`), or as itself (null). */
  readonly conversion: FieldSpec['conversion'];
  /** The precision that cuts the value (`%(levelname).1s` prints `I`), or null (none, or one that does not cut: `%(lineno).3d`). */
  readonly precision: number | null;
}

export type { Reading } from './values.js';

/** An override's or an attribute access's text: taken as it is. */
const TEXT: Reading = { kind: 'text' };

/**
 * Text a line holds that is no field's and that varies (loguru's and structlog's colour codes, which a
 * line has or not): a fragment matched where it stands, never captured. `text` says what it stands for.
 */
export interface FragmentPart {
  readonly kind: 'fragment';
  readonly rx: Rx;
  readonly text: string;
  readonly span: Span;
}

export type Part = LiteralPart | FieldPart | FragmentPart;

export interface Pattern {
  readonly format: string;
  readonly style: Style;
  readonly datefmt: string | null;
  /**
   * What the time field prints where the datefmt alone does not say: a Formatter class's formatTime
   * (PatternOptions.formatTime, logging styles), or loguru's milliseconds (`ss.SSS`), which no strftime has.
   */
  readonly timeLayout?: AsctimeLayout;
  readonly parts: readonly Part[];
  readonly warnings: readonly Warning[];
  /** logfmt and JSON lines: how `check` reads every key's value, the format's keys and the others. */
  readonly keyed?: Keyed;
}

/** Where a style's fields are described: LogRecord attributes, or gunicorn's atoms (gunicorn.ts). */
type Lookup = (token: FieldToken) => { entry: FieldEntry; known: boolean };

export function buildPattern(format: string, options: PatternOptions = {}): Result<Pattern> {
  const style = options.style ?? '%';
  if (style === 'structlog-console') return buildConsolePattern(format === '' ? DEFAULT_FORMAT[style] : format, options);
  if (isKeyedStyle(style)) return buildKeyedPattern(format === '' ? DEFAULT_FORMAT[style] : format, style, options);
  const gunicorn = style === 'gunicorn';
  const tokens = tokenize(format, style, options.colorize ?? false);
  if (!tokens.ok) return tokens;
  // A front end's own time (loguru's {time:...}) brings its datefmt: the strftime that reads it, if any.
  const ownTime = tokens.value.find((t): t is FieldToken => t.kind === 'field' && t.own?.time !== undefined)?.own?.time;
  // gunicorn's %(t)s is its own strftime, whatever --datefmt says.
  const given = options.datefmt ? options.datefmt : null;
  const datefmt = gunicorn ? GUNICORN_TIME : ownTime ? ownTime.datefmt : given;
  const formatTime = LOGGING_STYLES.includes(style as LoggingStyle) ? options.formatTime : undefined;
  const layout = asctimeLayout(datefmt, formatTime);
  const timeLayout = formatTime ? layout : ownTime?.layout;
  const overrides = parseOverrides(options.fields ?? {});
  if (!overrides.ok) return overrides;
  const warnings: Warning[] = [];
  if (options.colorize && style !== 'loguru') warnings.push({ message: "--colorize does nothing here: it is loguru's colorize=True, for --style loguru's markup", column: 0, source: '', origin: '--colorize' });
  if (gunicorn && given !== null && given !== GUNICORN_TIME) {
    warnings.push({ message: `--datefmt does nothing for gunicorn: %(t)s is always ${GUNICORN_TIME} (glogging.py Logger.now)`, column: 0, source: '', origin: 'datefmt' });
  }
  const lookup: Lookup = gunicorn ? (t) => lookupAtom(t.key) : entryOf;
  const toks = tokens.value;
  // Fields are built from the last to the first: free text before a literal may run past the literal's
  // first character while the text after it does not begin like the field that follows (splitPlan), so
  // that field's fragment must exist first. Each field's warnings are kept apart and listed in format order.
  const buckets: Warning[][] = toks.map(() => []);
  let asctime: Rx | null = null;
  const timeWarnings: Warning[] = [];
  let timeAt: { index: number; at: number } | null = null;
  let current = 0;
  const ctx: BuildContext = {
    // gunicorn interpolates with Python's %, loguru formats with str.format.
    style: gunicorn ? '%' : style === 'loguru' ? '{' : style, lookup, asctimeText: layoutText(layout), format, warnings: [], overrides: overrides.value,
    asctime: () => {
      asctime ??= asctimeRx(layout, timeWarnings);
      if (timeAt === null || current < timeAt.index) timeAt = { index: current, at: ctx.warnings.length };
      return asctime;
    },
    afterMessage: false,
  };
  const firstMessage = toks.findIndex((t) => t.kind === 'field' && lookup(t).entry.type === 'message');
  const built: (Result<BuiltField> | undefined)[] = [];
  for (let i = toks.length - 1; i >= 0; i--) {
    const token = toks[i]!;
    if (token.kind === 'literal') continue;
    current = i;
    ctx.warnings = buckets[i]!;
    ctx.afterMessage = firstMessage >= 0 && i > firstMessage;
    built[i] = buildField(i, toks, ctx, built);
  }
  if (timeAt !== null) {
    const { index, at } = timeAt as { index: number; at: number };
    buckets[index]!.splice(at, 0, ...timeWarnings);
  }
  const parts: Part[] = [];
  const captures = new Map<string, { capture: string; index: number }>();
  const used = new Set<string>();
  for (const [i, token] of toks.entries()) {
    if (token.kind === 'literal') {
      parts.push({ kind: 'literal', text: token.text, span: token.span });
      continue;
    }
    const field = built[i]!;
    if (!field.ok) return field;
    warnings.push(...buckets[i]!);
    if (token.own?.fragment) {
      parts.push({ kind: 'fragment', rx: field.value.value, text: token.raw, span: token.span });
      continue;
    }
    if (gunicorn && !field.value.known) {
      warnings.push({ message: `${token.raw}: no atom of gunicorn's (glogging.py Logger.atoms), so gunicorn prints '-'`, column: token.span.start, source: format, origin: 'format' });
    }
    const identity = JSON.stringify([token.key, token.access, { ...token.spec, width: null, fill: null, align: null }]);
    const earlier = captures.get(identity);
    const capture = earlier?.capture ?? uniqueName(captureName(token.own?.name ?? (gunicorn ? atomCapture(token.key) : token.key + token.access)), used);
    if (!earlier) captures.set(identity, { capture, index: parts.length });
    parts.push({ ...field.value, capture, sameAs: earlier?.index ?? null, ...(token.own ? { name: token.own.name } : {}) });
  }
  for (const key of overrides.value.keys()) {
    if (!parts.some((p) => p.kind === 'field' && p.key === key)) {
      warnings.push({ message: `--field ${key}: the format prints no ${key}, so this regex is not used`, column: 0, source: '', origin: '--field' });
    }
  }
  return ok({ format, style, datefmt, ...(timeLayout ? { timeLayout } : {}), parts, warnings });
}

/** What the pattern's time prints: its own layout, or the datefmt's under logging.Formatter. */
export const asctimeOf = (pattern: Pattern): AsctimeLayout => pattern.timeLayout ?? asctimeLayout(pattern.datefmt);

/** The field's row: a front end's own (loguru), or the LogRecord catalogue's. */
function entryOf(token: FieldToken): { entry: FieldEntry; known: boolean } {
  return token.own ? { entry: token.own.entry, known: true } : lookupField(token.key);
}

/** The index of the message field, whose text (and traceback) may span lines; -1 when there is none. */
export function messageIndex(pattern: Pattern): number {
  return pattern.parts.findIndex((p) => p.kind === 'field' && p.type === 'message');
}

// ---------------------------------------------------------------------------------------------------

interface BuildContext {
  /** The placeholder grammar: gunicorn's is `%` on a mapping. */
  readonly style: LoggingStyle;
  readonly lookup: Lookup;
  /** What asctime prints, as one strftime (`%Y-%m-%d %H:%M:%S,mmm`). */
  readonly asctimeText: string;
  readonly format: string;
  /** Where the field being built puts its warnings. */
  warnings: Warning[];
  readonly overrides: ReadonlyMap<string, Rx>;
  /** The asctime fragment, parsed once however often the format prints asctime. */
  readonly asctime: () => Rx;
  /** A message field came before: free text must not re-enter what the message could have taken. */
  afterMessage: boolean;
}

type BuiltField = Omit<FieldPart, 'capture' | 'sameAs'>;

function buildField(i: number, tokens: readonly Token[], ctx: BuildContext, built: readonly (Result<BuiltField> | undefined)[]): Result<BuiltField> {
  const token = tokens[i] as FieldToken;
  const before = tokens[i - 1];
  const rest = tokens.slice(i + 1);
  const { entry, known } = ctx.lookup(token);
  const { spec } = token;
  const column = token.span.start;
  const warn = (message: string) => ctx.warnings.push({ message: `${token.raw}: ${message}`, column, source: ctx.format, origin: 'format' });
  if (entry.since && known) {
    ctx.warnings.push({ message: `${token.key} exists only from Python ${entry.since}; older versions fail to format every record`, column, source: ctx.format, origin: 'format' });
  }
  if (token.access !== '') {
    ctx.warnings.push({ message: `${token.raw}: attribute or index access prints text the catalogue cannot type; matching any text`, column, source: ctx.format, origin: 'format' });
  }
  const override = ctx.overrides.get(token.key);
  const decided = override ? null : decideValue(entry, token, ctx.style, ctx.format);
  if (decided && !decided.ok) return decided;
  const decision = decided?.value ?? null;
  if (decision) ctx.warnings.push(...decision.warnings);
  const pad = padding(spec, valueKind(entry, spec), ctx.style);
  const following = followingChars(rest, ctx.lookup);
  const alphabet = runAlphabet(following, pad.fill, ctx.afterMessage ? precedingChar(before) ?? '' : null);
  const { run } = alphabet;
  const plan = splitPlan(entry, i, tokens, built, pad, alphabet, following, ctx.afterMessage);
  // Right after a colour field (which may be empty), text never starts with the code's ESC: the codes
  // all go to the colour field, not to the level name after it.
  const lead = before?.kind === 'field' ? ctx.lookup(before).entry : null;
  const notFirst = lead?.leading && lead.mayBeEmpty ? [lead.leading] : [];
  const firstThen = (chars: Rx): Rx => {
    const first = notFirst.length > 0 && chars.type !== 'alt' ? excluding(chars, notFirst) : chars;
    return first === chars ? oneOrMore(chars) : seq(first, zeroOrMore(chars));
  };
  // Padded with spaces and followed by something else: words inside may be spaced ('custom name 7  |'),
  // the trailing spaces are padding.
  const padded = pad.fill === ' ' && !following.openField && !following.chars.some((c) => /\s/u.test(c));
  let used = false;
  let splits = false;
  const free: FreeText = Object.assign((exclude: readonly string[] = []) => {
    used = true;
    const chars = excluding(run, exclude);
    const word = firstThen(chars);
    if (plan && chars.type === 'set') {
      const later = segmentsNotStarting(plan.sig, chars, plan.sep, false);
      if (later) {
        splits = true;
        return seq(word, zeroOrMore(seq(lit(plan.sep), later)));
      }
    }
    return padded ? seq(word, zeroOrMore(seq(oneOrMore(lit(' ')), word))) : word;
  }, {
    nestsParens: run.type === 'alt' && following.chars[0] === ')',
    beforeLastText: rest.length === 1 && rest[0]!.kind === 'literal',
    word: (within: Rx) => {
      used = true;
      return firstThen(narrowed(within, run));
    },
  });
  const ownTime = token.own?.time;
  const printed = ownTime && decision?.rule.prints === 'time' ? ownTime.rx : decision ? valueRx(decision, entry, spec, alphabet, free, ctx, beforeOnlyOptional(rest, ctx.lookup), pad.fill === ' ' && entry.holds?.includes(' ') === true) : override!;
  // Another field glued after it: the values logging prints end it first (catalogue `glued`).
  const value = following.openField && entry.glued && decision?.rule.prints === 'text' ? alt(entry.glued.values, printed) : printed;
  if (decision && token.access === '') splitWarnings(token, tokens, i, plan, { used, splits, padded, run, following, glued: entry.glued?.what ?? null }, warn);
  // The field prints its value as its row says (not an override, no attribute access).
  const whole = token.access === '' ? decision : null;
  const timeFormat = entry.type === 'time' ? ownTime?.format ?? ctx.asctimeText : null;
  const expected = override ? `--field ${token.key}` : timeFormat ?? describeNumber(entry, spec) ?? entry.expected;
  return ok({
    kind: 'field', key: token.key, raw: token.raw, span: token.span, type: entry.type,
    value: token.access === '' ? value : zeroOrMore(run),
    startValue: whole && whole.rule.prints === 'text' ? entry.startText ?? null : null,
    padBefore: pad.before, padAfter: pad.after, expected, known, timeFormat, reading: whole?.reading ?? TEXT, conversion: spec.conversion, precision: decision?.rule.prints === 'cut' && typeof spec.precision === 'number' ? spec.precision : null,
    multiline: whole?.rule.prints === 'message',
  });
}

/** The fragment for the text the field's row prints. */
function valueRx(decision: ValueDecision, entry: FieldEntry, spec: FieldSpec, alphabet: Alphabet, free: FreeText, ctx: BuildContext, lazy: boolean, spaced: boolean): Rx {
  const { kind, letter } = decision;
  const percent = ctx.style === '%';
  const orNone = (rx: Rx) => (entry.nullable ? alt(rx, entry.none === undefined ? NONE : lit(entry.none)) : rx);
  switch (decision.rule.prints) {
    case 'text':
      return entry.text!(free);
    case 'message':
      // Before only optional fields (colorlog's %(message)s%(reset)s), as little as possible, so a trailing
      // colour code goes to its own field even in engines without backreferences.
      return lazy ? fewest(anyWithNewlines) : zeroOrMore(anyWithNewlines);
    case 'time':
      return ctx.asctime();
    case 'quoted':
      return entry.type === 'time' ? seq(lit("'"), ctx.asctime(), lit("'")) : entry.type === 'message' ? STR_REPR : orNone(STR_REPR);
    case 'cut': {
      // The datefmt's warnings hold for a cut time too.
      if (entry.type === 'time') ctx.asctime();
      const chars = entry.type === 'message' && kind === 'message' ? anyWithNewlines : entry.type === 'message' || entry.type === 'time' ? notSet('\\n') : alphabet.oneChar;
      const most = typeof spec.precision === 'number' ? spec.precision : null;
      // Padded with spaces, a cut name may hold spaces too (`Thread-1 (wo` of `%(threadName)-12.12s`); the spaces
      // it ends with read as padding (`Thread-10 ` cut to 10 is `Thread-10`). Never past the precision, so never into what follows.
      if (spaced && chars === alphabet.oneChar && most !== null && most >= 2) return optional(seq(chars, optional(seq(repeat(alt(chars, lit(' ')), 0, most - 2), chars))));
      return repeat(chars, 0, most);
    }
    case 'str': {
      const shape = numberShape(entry, kind);
      // str() of an int: its digits; {lineno} formats the int itself, sign and separators included.
      const flags = kind === 'int' ? { ...spec, zero: false } : { ...spec, zero: false, sign: null, alternate: false, grouping: null };
      return orNone(shape.float ? entry.repr! : numberRx({ ...shape, maxDigits: undefined }, flags, 'd', percent));
    }
    case 'number':
      return numberRx(numberShape(entry, kind), spec, letter, percent);
    case 'general':
      return numberRx(numberShape(entry, kind), spec, 'g', percent);
  }
}

function describeNumber(entry: FieldEntry, spec: FieldSpec): string | null {
  if (!entry.number || spec.type === null || 'sr'.includes(spec.type)) return null;
  const p = presentationOf(spec.type);
  if (p === 'int') return 'xX'.includes(spec.type) ? 'hex digits' : spec.type === 'o' ? 'octal digits' : entry.expected;
  if (p === 'fixed') return `a number with ${typeof spec.precision === 'number' ? spec.precision : 6} decimals`;
  return 'a number';
}

function asctimeRx(layout: AsctimeLayout, warnings: Warning[]): Rx {
  // default_msec_format's '%03d' of msecs: truncated, never 1000.
  const millis = layout.millis === null ? [] : [lit(layout.millis), digits(3, 3)];
  return seq(...parseDatefmt(layout.datefmt, warnings).map((p) => p.rx), ...millis, ...parseDatefmt(layout.after, warnings).map((p) => p.rx));
}

// ---------------------------------------------------------------------------------------------------
// Padding and the alphabet of free text.

interface Padding {
  readonly fill: string | null;
  readonly before: Rx | null;
  readonly after: Rx | null;
}

function padding(spec: FieldSpec, kind: ValueKind, style: LoggingStyle): Padding {
  const numeric = kind === 'int' || kind === 'float';
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

/** How free text may run past the first character of the literal after it (see split.ts). */
interface SplitPlan {
  /** The literal's first character, which the text may hold. */
  readonly sep: string;
  /** How the rest of the format begins after it: the literal's remainder, the next field, the literal after that. */
  readonly sig: Sig;
  /** The field after the literal, and the literal after that field, for the warnings. */
  readonly next: FieldToken | null;
  readonly after: string;
}

/**
 * `%(name)s.%(funcName)s`, `%(pathname)s %(module)s`, `%(name)s - %(message)s`: a logger name holds dots,
 * a path holds spaces, a name holds spaces. Such a field's text (the catalogue's `holds`) takes the
 * literal's first character too, as long as the text after it does not begin the way the rest of the
 * format does. A field whose values cannot hold that character (funcName, module, a number) then decides
 * the split: the name runs to the last dot before the function name, the path to the word before the
 * module. Not after the message (the linear-time argument there needs the opener excluded), not with
 * padding, not inside balanced brackets.
 */
function splitPlan(
  entry: FieldEntry, i: number, tokens: readonly Token[], built: readonly (Result<BuiltField> | undefined)[],
  pad: Padding, alphabet: Alphabet, following: Following, afterMessage: boolean,
): SplitPlan | null {
  const literal = tokens[i + 1];
  if (literal?.kind !== 'literal') return null;
  const sep = literal.text[0]!;
  if (!entry.holds?.includes(sep) || (/\s/u.test(sep) && sep !== ' ')) return null;
  // Padding of spaces is fine before a space: a later word never starts with a space.
  if (pad.fill !== null && !(pad.fill === ' ' && sep === ' ')) return null;
  if (afterMessage || alphabet.run.type !== 'set' || following.openField) return null;
  const parts: (Rx | null)[] = [lit(literal.text.slice(1))];
  const next = tokens[i + 2];
  let field: FieldToken | null = null;
  let after = '';
  if (next?.kind === 'field') {
    const b = built[i + 2];
    if (b?.ok) {
      field = next;
      parts.push(b.value.padBefore, b.value.value, b.value.padAfter);
      const then = tokens[i + 3];
      if (then?.kind === 'literal') {
        after = then.text;
        parts.push(lit(then.text));
      } else if (then) parts.push(UNKNOWN);
    } else parts.push(UNKNOWN);
  }
  return { sep, sig: signature(parts), next: field, after };
}

/** Text whose shape is not known: a signature stops there. */
const UNKNOWN: Rx = { type: 'raw', source: '' };

/** A narrow alphabet (funcName's identifier characters) less what this position excludes. */
function narrowed(within: Rx, run: Rx): Rx {
  const plain = run.type === 'alt' ? run.options[0]! : run;
  if (within.type !== 'set' || !within.negate || plain.type !== 'set' || !plain.negate) return within;
  const extra = plain.items.filter((m) => {
    const c = m === '\\n' ? '\n' : m === '\\t' ? '\t' : m.length === 2 && m[0] === '\\' ? m[1]! : m;
    return [...c].length !== 1 || mayMatchChar(within, c);
  });
  return notSet(...new Set([...within.items, ...extra]));
}

/**
 * What stays ambiguous, said where it is built: two fields with nothing between them, and the logger
 * name's cases (README, "Limits").
 */
function splitWarnings(
  token: FieldToken, tokens: readonly Token[], i: number, plan: SplitPlan | null,
  state: { readonly used: boolean; readonly splits: boolean; readonly padded: boolean; readonly run: Rx; readonly following: Following; readonly glued: string | null },
  warn: (message: string) => void,
): void {
  const { used, splits, padded, run, following, glued } = state;
  if (!used) return;
  if (following.openField) {
    const rule = glued ? `as ${glued} where one fits, else as one run without spaces` : 'as one run without spaces';
    warn(`nothing separates it from the field after it, so their texts are split by a rule, not by the line: it is read ${rule}`);
    return;
  }
  if (token.key !== 'name') return;
  const plain = run.type === 'alt' ? run.options[0]! : run;
  const literal = tokens[i + 1];
  if (literal?.kind === 'literal' && /\s/u.test(literal.text[0]!) && !splits && !padded && !mayMatchChar(plain, ' ')) {
    warn("a logger name with a space (getLogger('My Service')) cannot be told from the text after it here: it is read up to its first space");
  }
  if (splits && plan && plan.sep !== ' ' && plan.next && plan.after !== '' && mayMatchChar(plain, plan.after[0]!)) {
    warn(
      `the name runs to the first '${plan.sep}' that ${plan.next.raw} and '${plan.after[0]}' can follow; a name that holds such a '${plan.sep}' ` +
        `itself ('app${plan.sep}My Service' before ${plan.next.raw}${JSON.stringify(plan.after[0]).slice(1, -1)}) is cut there`,
    );
  }
}

/** Only fields that may print nothing (colour codes) follow, up to the end. */
function beforeOnlyOptional(rest: readonly Token[], lookup: Lookup): boolean {
  return rest.length > 0 && rest.every((t) => t.kind === 'field' && lookup(t).entry.mayBeEmpty === true);
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

function followingChars(rest: readonly Token[], lookup: Lookup): Following {
  const chars: string[] = [];
  for (const t of rest) {
    if (t.kind === 'literal') return { chars: [...chars, t.text[0]!], end: false, openField: false };
    const { entry } = lookup(t);
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

