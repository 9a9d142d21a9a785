/**
 * Stage 3: pattern → regex text, one flavor at a time. The differences between engines live in the
 * FLAVORS table; the rendering itself is shared.
 */
import { messageIndex, type FieldPart, type Pattern } from './pattern.js';
import { anyWithNewlines, type Rx } from './rx.js';

export type Flavor = 'pcre' | 'js' | 'python' | 're2' | 'go' | 'java' | 'logtail' | 'rust' | 'onigmo';

export interface FlavorRules {
  /** The engine, for help text and the field table. */
  readonly engine: string;
  /** Opens a capturing group; positional flavors ignore the name. */
  readonly group: (name: string) => string;
  /** Refers back to an earlier group (by name, or by number), or null where the engine has none (RE2). */
  readonly backref: ((name: string, number: number) => string) | null;
  /** The group name this engine accepts for a neutral capture name (`exc_text`). */
  readonly groupName: (capture: string) => string;
  /** `.` matches a newline by default (Boost in Perl mode, as Logtail compiles it). */
  readonly dotMatchesNewline: boolean;
  /** `.` also stops at `\r`, U+2028 and U+2029 (JavaScript, Java), which Python prints inside a line. */
  readonly dotStopsAtUnicodeBreaks: boolean;
  readonly start: string;
  readonly end: string;
  /** The engine has negative lookahead `(?!...)` (RE2, Go and Rust do not). */
  readonly lookahead: boolean;
  /** Start anchor for a whole multi-line record (Onigmo's `^` also matches after every newline). */
  readonly recordStart: string;
  /** End anchor for a whole multi-line record. */
  readonly recordEnd: string;
}

const named = (name: string) => `(?<${name}>`;
const pythonNamed = (name: string) => `(?P<${name}>`;
const kBackref = (name: string) => `\\k<${name}>`;
const asIs = (capture: string) => capture;
/** Java group names are [a-zA-Z][a-zA-Z0-9]*: exc_text → excText. */
const camel = (capture: string) => {
  const name = capture.replace(/_+([A-Za-z0-9])/gu, (_, c: string) => c.toUpperCase()).replace(/_/gu, '');
  return /^[A-Za-z]/u.test(name) ? name : `f${name}`;
};

export const FLAVORS: Readonly<Record<Flavor, FlavorRules>> = {
  pcre: { engine: 'PCRE2 (grep -P, PHP, nginx, lnav)', group: named, backref: kBackref, groupName: asIs, dotStopsAtUnicodeBreaks: false, dotMatchesNewline: false, lookahead: true, start: '^', end: '$', recordStart: '^', recordEnd: '\\z' },
  js: { engine: 'JavaScript RegExp (V8)', group: named, backref: kBackref, groupName: asIs, dotStopsAtUnicodeBreaks: true, dotMatchesNewline: false, lookahead: true, start: '^', end: '$', recordStart: '^', recordEnd: '$' },
  python: { engine: 'Python re', group: pythonNamed, backref: (n) => `(?P=${n})`, groupName: asIs, dotStopsAtUnicodeBreaks: false, dotMatchesNewline: false, lookahead: true, start: '^', end: '$', recordStart: '^', recordEnd: '\\Z' },
  re2: { engine: 'RE2', group: pythonNamed, backref: null, groupName: asIs, dotStopsAtUnicodeBreaks: false, dotMatchesNewline: false, lookahead: false, start: '^', end: '$', recordStart: '^', recordEnd: '\\z' },
  go: { engine: 'Go regexp', group: pythonNamed, backref: null, groupName: asIs, dotStopsAtUnicodeBreaks: false, dotMatchesNewline: false, lookahead: false, start: '^', end: '$', recordStart: '^', recordEnd: '\\z' },
  java: { engine: 'java.util.regex', group: named, backref: kBackref, groupName: camel, dotStopsAtUnicodeBreaks: true, dotMatchesNewline: false, lookahead: true, start: '^', end: '$', recordStart: '^', recordEnd: '\\z' },
  // Rust's regex crate (Vector's parse_regex): RE2-like, no backreferences; \d \s \w are Unicode, as in Python.
  rust: { engine: 'Rust regex (Vector)', group: pythonNamed, backref: null, groupName: asIs, dotStopsAtUnicodeBreaks: false, dotMatchesNewline: false, lookahead: false, start: '^', end: '$', recordStart: '^', recordEnd: '\\z' },
  // Logtail: Boost.Regex, Perl syntax, regex_match over the whole record, keys by group position.
  logtail: { engine: 'Boost.Regex (Logtail)', group: () => '(', backref: (_, n) => `\\g{${n}}`, groupName: asIs, dotStopsAtUnicodeBreaks: false, dotMatchesNewline: true, lookahead: true, start: '', end: '', recordStart: '', recordEnd: '' },
  // Onigmo, Ruby syntax (Ruby, Fluent Bit, Logstash grok via Joni): `^`/`$` match at every newline.
  onigmo: { engine: 'Onigmo (Ruby, Fluent Bit, Logstash)', group: named, backref: kBackref, groupName: asIs, dotStopsAtUnicodeBreaks: false, dotMatchesNewline: false, lookahead: true, start: '^', end: '$', recordStart: '\\A', recordEnd: '\\z' },
};

export const FLAVOR_NAMES = Object.keys(FLAVORS) as Flavor[];

export interface RenderOptions {
  /**
   * `line` (default): one physical line, the message up to its end.
   * `record`: a whole multi-line record, the message spanning lines, and the text Python appends after the
   * formatted line (traceback, stack) inside the message when it comes last, else in an `exc_text` group.
   */
  readonly mode?: 'line' | 'record';
  /** Render only the first `length` parts, unanchored at the end: for finding where a line stops matching. */
  readonly prefix?: number;
  /** A record's first line: fields with a `startValue` (level names under a head with nothing typed) use it. */
  readonly start?: boolean;
  /**
   * One more group around parts `from`..`to` (inclusive), opening before their own groups: Logtail's
   * `time` key over `%(asctime)s.%(msecs)03d`, which its time parser needs as one value.
   */
  readonly wrap?: { readonly from: number; readonly to: number; readonly name: string };
  /**
   * Record mode, what follows the record's last line: `kept`, always its newline (OTel's filelog with
   * whitespace kept); `maybe`, a newline or nothing (Fluent Bit's multi-line records end in one, single
   * lines do not), which the record's last free text then leaves out, taking as little as it can.
   */
  readonly lineEnd?: 'kept' | 'maybe';
  /**
   * Writes a field's capture, given its group name and its rendered value; by default the flavor's group
   * around the value. Logstash writes a grok reference (`%{PYLOG_LINENO:lineno}`) instead.
   */
  readonly capture?: (part: FieldPart, group: string, value: string) => string;
  /** No groups and no backreferences: a record start that is one alternative of several (names may not repeat). */
  readonly bare?: boolean;
}

/** The capture name Python appends traceback text under, when the message is not the last field. */
export const EXC_TEXT = 'exc_text';

export function render(pattern: Pattern, flavor: Flavor, options: RenderOptions = {}): string {
  const rules = FLAVORS[flavor];
  const record = options.mode === 'record';
  const names = groupNames(pattern, flavor);
  const parts = options.prefix === undefined ? pattern.parts : pattern.parts.slice(0, options.prefix);
  let out = record ? rules.recordStart : rules.start;
  const { wrap } = options;
  // Group numbers, for engines whose backreferences are positional.
  const numbers = new Map<string, number>();
  const maybeNewline = record && options.lineEnd === 'maybe';
  const excText = record && needsExcText(pattern);
  const last = parts[parts.length - 1];
  const lastFree = maybeNewline && !excText && last?.kind === 'field' && last.value.type === 'repeat' && last.value.node.type === 'any' && last.value.node.newline ? parts.length - 1 : -1;
  for (const [i, part] of parts.entries()) {
    if (wrap?.from === i) {
      out += rules.group(wrap.name);
      numbers.set(wrap.name, numbers.size + 1);
    }
    if (part.kind === 'literal') out += renderRx({ type: 'lit', text: part.text }, rules, record);
    else if (part.kind === 'fragment') out += renderRx(part.rx, rules, record);
    else {
      if (part.sameAs === null) numbers.set(part.capture, numbers.size + 1);
      const value = options.start && part.startValue ? part.startValue : lastFree === i ? lazily(part.value) : part.value;
      out += renderField(pattern, { ...part, value }, rules, { names, numbers }, record, options.bare ? bareCapture : options.capture, options.bare);
    }
    if (wrap?.to === i) out += ')';
  }
  if (options.prefix !== undefined) return out;
  if (excText) {
    // Traceback text is never empty: a lone newline at the end is the optional line end, not exc_text.
    out += `(?:\\n${rules.group(names.get(EXC_TEXT)!)}${renderRx(anyWithNewlines, rules, true)}${maybeNewline ? '+?' : '*'}))?`;
  }
  const lineEnd = options.lineEnd === 'kept' ? '\\n' : maybeNewline ? '\\n?' : '';
  return out + (record ? `${lineEnd}${rules.recordEnd}` : rules.end);
}

const bareCapture = (_: FieldPart, __: string, value: string) => `(?:${value})`;

/** The record's last free text, as little as it can take, so an optional newline after it is left out. */
const lazily = (rx: Rx): Rx => (rx.type === 'repeat' ? { ...rx, lazy: true } : rx);

/** The field's value alone (no padding, no group), as the field table shows it, or for a whole record. */
export function renderFragment(part: FieldPart, flavor: Flavor, mode: 'line' | 'record' = 'line'): string {
  return renderRx(part.value, FLAVORS[flavor], mode === 'record');
}

/** Traceback text gets its own group when the message is not the last thing on the line. */
export function needsExcText(pattern: Pattern): boolean {
  const m = messageIndex(pattern);
  if (m < 0 || !(pattern.parts[m] as FieldPart).multiline) return true;
  return pattern.parts.slice(m + 1).some((p) => p.kind === 'field' || p.text !== '');
}

/** Capture name → this flavor's group name, unique after the flavor's own renaming. */
export function groupNames(pattern: Pattern, flavor: Flavor): Map<string, string> {
  const rules = FLAVORS[flavor];
  const names = new Map<string, string>();
  const taken = new Set<string>();
  const captures = pattern.parts.flatMap((p) => (p.kind === 'field' && p.sameAs === null ? [p.capture] : []));
  for (const capture of [...captures, EXC_TEXT]) {
    if (names.has(capture)) continue;
    let name = rules.groupName(capture);
    for (let n = 2; taken.has(name); n++) name = rules.groupName(`${capture}_${n}`);
    taken.add(name);
    names.set(capture, name);
  }
  return names;
}

function renderField(
  pattern: Pattern, part: FieldPart, rules: FlavorRules, groups: { names: Map<string, string>; numbers: Map<string, number> }, record: boolean,
  capture: RenderOptions['capture'], bare = false,
): string {
  const { names, numbers } = groups;
  const pad = (rx: Rx | null) => (rx ? renderRx(rx, rules, record) : '');
  let value: string;
  if (part.sameAs !== null) {
    // The same attribute printed twice holds the same text: a backreference where the engine has them.
    const first = pattern.parts[part.sameAs] as FieldPart;
    value = rules.backref && !bare ? rules.backref(names.get(first.capture)!, numbers.get(first.capture)!) : `(?:${renderRx(part.value, rules, record)})`;
  } else {
    const group = names.get(part.capture)!;
    const text = renderRx(part.value, rules, record);
    value = capture ? capture(part, group, text) : `${rules.group(group)}${text})`;
  }
  return pad(part.padBefore) + value + pad(part.padAfter);
}

// ---------------------------------------------------------------------------------------------------

const META = new Set([...'\\^$.|?*+()[]{}']);

function escapeChar(c: string, inSet: boolean): string {
  if (c === '\n') return '\\n';
  if (c === '\t') return '\\t';
  if (c === '\r') return '\\r';
  const code = c.codePointAt(0)!;
  if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (inSet) return /[\\\]\[^-]/u.test(c) ? `\\${c}` : c;
  return META.has(c) ? `\\${c}` : c;
}

function renderMember(m: string): string {
  return [...m].length === 1 ? escapeChar(m, true) : m;
}

/** One fragment, outside any pattern (check --typed parses a time with its datefmt's fragments). */
export function renderRxIn(rx: Rx, flavor: Flavor): string {
  return renderRx(rx, FLAVORS[flavor], false);
}

/** Renders `rx`; `atom` asks for something a quantifier can follow. */
function renderRx(rx: Rx, rules: FlavorRules, record: boolean, atom = false): string {
  switch (rx.type) {
    case 'lit': {
      const text = [...rx.text].map((c) => escapeChar(c, false)).join('');
      return atom && [...rx.text].length !== 1 ? `(?:${text})` : text;
    }
    case 'set':
      if (rx.items.length === 1 && /^\\[dsw]$/u.test(rx.items[0]!)) return rx.negate ? rx.items[0]!.toUpperCase() : rx.items[0]!;
      // One escaped member is that escape (`\t`), or an escaped punctuation character as a literal (`-`).
      if (!rx.negate && rx.items.length === 1 && /^\\[a-zA-Z]/u.test(rx.items[0]!)) return rx.items[0]!;
      if (!rx.negate && rx.items.length === 1 && /^\\.$/u.test(rx.items[0]!)) return escapeChar(rx.items[0]![1]!, false);
      return `[${rx.negate ? '^' : ''}${rx.items.map(renderMember).join('')}]`;
    case 'any':
      if (rx.newline && record) return rules.dotMatchesNewline ? '.' : '[\\s\\S]';
      return rules.dotMatchesNewline || rules.dotStopsAtUnicodeBreaks ? '[^\\n]' : '.';
    case 'seq': {
      const text = rx.items.map((r) => renderRx(r, rules, record, r.type === 'alt')).join('');
      return atom ? `(?:${text})` : text;
    }
    case 'alt': {
      const text = rx.options.map((r) => renderRx(r, rules, record)).join('|');
      return atom ? `(?:${text})` : text;
    }
    case 'repeat': {
      const text = renderRx(rx.node, rules, record, true) + quantifier(rx.min, rx.max) + (rx.lazy ? '?' : '');
      return atom ? `(?:${text})` : text;
    }
    case 'raw':
      return `(?:${rx.source})`;
    case 'lineEnd':
      return '$';
    case 'notAhead':
      if (!rules.lookahead) throw new Error(`${rules.engine} has no lookahead`);
      return `(?!${renderRx(rx.node, rules, record)})`;
  }
}

function quantifier(min: number, max: number | null): string {
  if (max === null) return min === 0 ? '*' : min === 1 ? '+' : `{${min},}`;
  if (min === 0 && max === 1) return '?';
  return min === max ? `{${min}}` : `{${min},${max}}`;
}
