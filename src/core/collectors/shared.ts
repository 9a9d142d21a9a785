/**
 * What the collector emitters (OTel filelog, Grafana Alloy / Promtail, Vector) share: the record's start
 * pattern, the time and level fields, and translating a Python datefmt into a collector's time layout
 * through a per-collector table.
 */
import { recordStart } from '../head.js';
import type { FieldPart, Pattern } from '../pattern.js';
import { groupNames, type Flavor } from '../render.js';
import type { Warning } from '../result.js';
import { DEFAULT_DATEFMT, STRFTIME } from '../strftime.js';

export type Warn = (message: string) => void;

export function warnings(origin: string): { list: Warning[]; warn: Warn } {
  const list: Warning[] = [];
  return { list, warn: (message) => list.push({ message, column: 0, source: '', origin }) };
}

/** A record's first line (head.ts recordStart), open at the end; null when no line can be told from another. */
export function startPattern(pattern: Pattern, flavor: Flavor, agent: string, warn: Warn): string | null {
  const start = recordStart(pattern, flavor, agent);
  for (const w of start.warnings) warn(w.message);
  return start.regex;
}

/** The group name a record attribute is captured under (its first occurrence), or null. */
export function groupOf(pattern: Pattern, flavor: Flavor, key: string): string | null {
  const part = pattern.parts.find((p): p is FieldPart => p.kind === 'field' && p.key === key && p.sameAs === null);
  return part ? groupNames(pattern, flavor).get(part.capture)! : null;
}

/** Python's numeric levels, as the collectors' severities (custom levels fall between). */
export const LEVELS = [
  { severity: 'debug', names: ['DEBUG'], min: 1, max: 19 },
  { severity: 'info', names: ['INFO'], min: 20, max: 29 },
  { severity: 'warn', names: ['WARNING', 'WARN'], min: 30, max: 39 },
  { severity: 'error', names: ['ERROR'], min: 40, max: 49 },
  { severity: 'fatal', names: ['CRITICAL', 'FATAL'], min: 50, max: 100 },
] as const;

/**
 * How one strftime directive reads in a collector's layout: the text to write, a Python datefmt to
 * translate instead (a composite), or `fail`: the collector cannot read it, and the time is not parsed.
 */
export type TimeRule = string | { readonly expand: string } | { readonly fail: string } | { readonly text: string; readonly warn: string };

export interface TimeTable {
  /** The collector, for warnings. */
  readonly name: string;
  /** Keyed by the directive letter, or flags + letter (`-d`). */
  readonly rules: Readonly<Record<string, TimeRule>>;
  /** Python's default asctime (`%Y-%m-%d %H:%M:%S,mmm`): the milliseconds after the comma. */
  readonly millis: string;
  /** Literal text as the layout writes it, or a reason it cannot be written. */
  readonly literal: (text: string) => string | { readonly fail: string };
}

/**
 * A Python datefmt (null: Python's default, with ",mmm") as the collector's layout, or null (with a
 * warning saying what will happen) when the collector cannot read it.
 */
export function timeLayout(datefmt: string | null, table: TimeTable, warn: Warn): string | null {
  const problems: string[] = [];
  const out = translate(datefmt ?? DEFAULT_DATEFMT, table, problems, warn);
  if (problems.length > 0) {
    warn(`${problems.join('; ')}: no time is parsed, so ${table.name} keeps the time it read the line`);
    return null;
  }
  return datefmt === null ? `${out}${table.millis}` : out;
}

function translate(datefmt: string, table: TimeTable, problems: string[], warn: Warn): string {
  let out = '';
  let literal = '';
  const flush = () => {
    if (literal === '') return;
    const text = table.literal(literal);
    if (typeof text === 'string') out += text;
    else problems.push(text.fail);
    literal = '';
  };
  const directive = /%([-_0^#]*)(\d*)([EO]?)(.?)/gsu;
  let at = 0;
  for (const m of datefmt.matchAll(directive)) {
    literal += datefmt.slice(at, m.index);
    at = m.index + m[0].length;
    const [whole, flags, width, , letter] = m as unknown as [string, string, string, string, string];
    const rule = width === '' ? table.rules[`${flags}${letter}`] : undefined;
    if (rule === undefined && (flags !== '' || width !== '') && STRFTIME[letter]) {
      problems.push(`${table.name} cannot read the datefmt directive ${whole}`);
      continue;
    }
    if (rule === undefined) {
      // Not a directive: Python prints it as it is.
      if (!STRFTIME[letter]) literal += whole;
      else problems.push(`${table.name} cannot read the datefmt directive ${whole}`);
      continue;
    }
    flush();
    if (typeof rule === 'string') out += rule;
    else if ('expand' in rule) out += translate(rule.expand, table, problems, warn);
    else if ('fail' in rule) problems.push(`datefmt ${whole}: ${rule.fail}`);
    else {
      warn(`datefmt ${whole}: ${rule.warn}`);
      out += rule.text;
    }
  }
  literal += datefmt.slice(at);
  flush();
  return out;
}

/** The composites glibc prints in the C locale, for tables that expand them. */
export const GLIBC_COMPOSITES: Readonly<Record<string, { readonly expand: string }>> = Object.fromEntries(
  Object.entries(STRFTIME).flatMap(([letter, d]) => (d.expands ? [[letter, { expand: d.expands }]] : [])),
);

/** Go's reference-time layouts read these words and digits as fields, with no way to escape them. */
export function goLiteral(name: string) {
  return (text: string): string | { fail: string } =>
    /\d|Jan|Mon|MST|PM|pm|Z07|-07/u.test(text) ? { fail: `${name} would read the literal ${JSON.stringify(text)} in the datefmt as part of the time (Go layouts have no escape)` } : text;
}

/**
 * A double-quoted string body with backslash escapes (Go, River and VRL agree on `\\ \" \n \r \t`); any
 * other character the language wants escaped is given by `escape` (null: written as it is).
 */
export function backslashEscaped(text: string, escape: (code: number) => string | null): string {
  let out = '';
  for (const c of text) {
    const code = c.codePointAt(0)!;
    if (c === '"' || c === '\\') out += `\\${c}`;
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else out += escape(code) ?? c;
  }
  return out;
}
