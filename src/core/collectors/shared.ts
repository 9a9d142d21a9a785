/** What several collector emitters share: the group a field is captured under, Python's levels, and string quoting. */
import type { FieldPart, Pattern } from '../pattern.js';
import { groupNames, type Flavor } from '../render.js';

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
