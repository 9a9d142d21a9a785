/**
 * A record's time, for every collector: which group holds it (asctime, or a group around
 * `%(asctime)s.%(msecs)03d`), and the datefmt translated into the collector's own time layout through
 * its TimeTable. strftime.ts's datefmtTokens is the only reader of a datefmt; every table consumes its
 * tokens, and a warning about a directive points at the directive's column in the datefmt.
 */
import type { FieldPart, Pattern } from '../pattern.js';
import { EXC_TEXT, groupNames, type Flavor } from '../render.js';
import type { Warning } from '../result.js';
import { datefmtTokens, DEFAULT_DATEFMT, STRFTIME, type DatefmtToken } from '../strftime.js';
import { LOGGING_STYLES, type LoggingStyle } from '../tokenize.js';

export type Warn = (message: string, at?: { readonly column: number; readonly source: string }) => void;

/** A warning list and the function that adds to it, for one collector (`origin`). */
export function warnings(origin: string): { list: Warning[]; warn: Warn } {
  const list: Warning[] = [];
  return {
    list,
    warn: (message, at) => list.push(at ? { message, column: at.column, source: at.source, origin: 'datefmt' } : { message, column: 0, source: '', origin }),
  };
}

/**
 * How one strftime directive reads in a collector's layout: the text to write; `any`: several layouts,
 * one of which reads each value (Joda and a space-padded day); `fail`: the collector cannot read it,
 * so no time is parsed; or text to write with a warning.
 */
export type TimeRule = string | { readonly any: readonly string[] } | { readonly fail: string } | { readonly text: string; readonly warn: string };

export interface TimeTable {
  /** The collector, for warnings. */
  readonly name: string;
  /**
   * Keyed by the directive letter, or flags + letter (`-d`). A composite (`%F`, `%c`) without a row of
   * its own is read as glibc expands it in the C locale.
   */
  readonly rules: Readonly<Record<string, TimeRule>>;
  /** Three digits of milliseconds (Python's default asctime ends in `,mmm`; `.%(msecs)03d` after a datefmt). */
  readonly fraction: string;
  /** Literal text as the layout writes it, or a reason it cannot be written. */
  readonly literal: (text: string) => string | { readonly fail: string };
}

/** Rows for `%-d %_d %0d` (and the other padding flags) of each number letter, as `read` gives them. */
export function paddingRows(letters: string, read: (flag: '-' | '_' | '0', letter: string) => TimeRule): Record<string, TimeRule> {
  return Object.fromEntries([...letters].flatMap((l) => (['-', '_', '0'] as const).map((f) => [`${f}${l}`, read(f, l)])));
}

/** A time to read: a datefmt, the milliseconds after it, and a strftime after those (TimeField). */
export type TimeSpec = Pick<TimeField, 'datefmt' | 'millis'> & { readonly after?: string };

/**
 * The collector's layouts for a datefmt (null: Python's default, with ",mmm"), then `millis` (the
 * separator before `%(msecs)03d`) and the fraction, then the strftime `after` them (a formatTime's zone);
 * null, with a warning saying what happens, when the collector cannot read it. One layout except where a
 * rule gives `any`.
 */
export function timeLayouts(time: TimeSpec, table: TimeTable, warn: Warn): string[] | null {
  const { datefmt, millis, after = '' } = time;
  const problems: string[] = [];
  const source = datefmt ?? DEFAULT_DATEFMT;
  const at = (text: string) => (m: string, column: number) => warn(m, datefmt === null ? undefined : { column, source: text });
  let layouts = translate(datefmtTokens(source, true), table, problems, at(source));
  const sep = datefmt === null ? ',' : millis;
  if (sep !== null) {
    const text = table.literal(sep);
    if (typeof text === 'string') layouts = layouts.map((l) => `${l}${text}${table.fraction}`);
    else problems.push(text.fail);
  }
  if (after !== '') {
    const tail = translate(datefmtTokens(after, true), table, problems, at(after));
    layouts = layouts.flatMap((l) => tail.map((t) => l + t));
  }
  if (problems.length > 0) {
    warn(`${problems.join('; ')}: no time is parsed, so ${table.name} keeps the time it read the line`);
    return null;
  }
  return layouts;
}

/** Seconds since the epoch (`%s`), with nothing but milliseconds after them: a collector's own epoch layout reads it. */
export const epochSeconds = (time: TimeSpec | null): boolean => time?.datefmt === '%s' && !time.after;

/** One layout: the first of timeLayouts (the only one for every table without `any` rows). */
export function timeLayout(time: TimeSpec, table: TimeTable, warn: Warn): string | null {
  return timeLayouts(time, table, warn)?.[0] ?? null;
}

function translate(tokens: readonly DatefmtToken[], table: TimeTable, problems: string[], warn: (message: string, column: number) => void): string[] {
  let layouts = [''];
  const append = (texts: readonly string[]) => (layouts = layouts.flatMap((l) => texts.map((t) => l + t)));
  let literal = '';
  const flush = () => {
    if (literal === '') return;
    const text = table.literal(literal);
    if (typeof text === 'string') append([text]);
    else problems.push(text.fail);
    literal = '';
  };
  for (const t of tokens) {
    if (t.kind === 'text') {
      literal += t.text;
      continue;
    }
    const rule = t.width === null ? table.rules[`${t.flags}${t.letter}`] : undefined;
    const expands = STRFTIME[t.letter]!.expands;
    if (rule === undefined && expands !== undefined && t.flags === '' && t.width === null) {
      // A composite the table has no row for: its glibc expansion, warnings pointing at the composite.
      flush();
      append(translate(datefmtTokens(expands), table, problems, (m) => warn(m, t.column)));
      continue;
    }
    if (rule === undefined) {
      problems.push(`${table.name} cannot read the datefmt directive ${t.raw}`);
      continue;
    }
    flush();
    if (typeof rule === 'string') append([rule]);
    else if ('any' in rule) append(rule.any);
    else if ('fail' in rule) problems.push(`datefmt ${t.raw}: ${rule.fail}`);
    else {
      warn(`datefmt ${t.raw}: ${rule.warn}`, t.column);
      append([rule.text]);
    }
  }
  flush();
  return layouts;
}

/** Prints with space padding: `%e %k %l`, or any number with the `_` flag (and no `-`). */
export function spacePadded(token: Extract<DatefmtToken, { kind: 'directive' }>): boolean {
  const pad = STRFTIME[token.letter]?.number?.pad;
  if (pad === undefined || token.flags.includes('-')) return false;
  return token.flags.includes('_') || (pad === ' ' && !token.flags.includes('0'));
}

export interface TimeField {
  /** The group the collector reads the time from. */
  readonly key: string;
  /** The datefmt (null: Python's default, `%Y-%m-%d %H:%M:%S,mmm`). */
  readonly datefmt: string | null;
  /** `%(asctime)s.%(msecs)03d` (or `,`), or a formatTime's default_msec_format: the separator before three digits of milliseconds. */
  readonly millis: string | null;
  /** A strftime after the milliseconds (a formatTime's zone), or ''. */
  readonly after: string;
  /** The extra group around asctime and msecs, for render's `wrap`. */
  readonly wrap?: { readonly from: number; readonly to: number; readonly name: string };
}

/**
 * The record's time, or null without asctime. With a datefmt, a `%(msecs)03d` right after asctime joins
 * it in one group (named `time`, or `time_2`... past the pattern's own names), so the collector reads the
 * milliseconds too; Python's default asctime already ends in them.
 */
export function timeField(pattern: Pattern, flavor: Flavor): TimeField | null {
  const parts = pattern.parts;
  const at = parts.findIndex((p) => p.kind === 'field' && p.type === 'time' && p.sameAs === null);
  if (at < 0) return null;
  const names = groupNames(pattern, flavor);
  const own = names.get((parts[at] as FieldPart).capture)!;
  // The milliseconds (and a zone) a class's formatTime or loguru's SSS prints: the time holds them.
  if (pattern.timeLayout) return { key: own, ...pattern.timeLayout };
  // A datefmt of null is Python's default asctime, except in a front end with its own time (loguru's
  // {time:...} with a token strftime lacks, such as SSSS): that time has no layout to give a collector.
  if (pattern.datefmt === null && !LOGGING_STYLES.includes(pattern.style as LoggingStyle)) return null;
  const [sep, msecs] = [parts[at + 1], parts[at + 2]];
  const threeDigits = msecs?.kind === 'field' && msecs.key === 'msecs' && /^(?:%\(msecs\)03(?:d|\.0f)|\{msecs:03(?:d|\.0f)\})$/u.test(msecs.raw);
  if (pattern.datefmt === null || sep?.kind !== 'literal' || !/^[.,]$/u.test(sep.text) || !threeDigits) {
    return { key: own, datefmt: pattern.datefmt, millis: null, after: '' };
  }
  const taken = new Set([...names.values(), EXC_TEXT]);
  let name = 'time';
  for (let n = 2; taken.has(name); n++) name = `time_${n}`;
  return { key: name, datefmt: pattern.datefmt, millis: sep.text, after: '', wrap: { from: at, to: at + 2, name } };
}
