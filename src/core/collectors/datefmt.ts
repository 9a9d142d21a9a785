/**
 * What the collectors share about a record's time: which group holds it (asctime, or a group around
 * `%(asctime)s.%(msecs)03d`), and which directives print space-padded, for each collector's own
 * translation table (fluentbit.ts: strptime; logstash.ts: Joda) of strftime.ts's datefmtTokens.
 */
import type { FieldPart, Pattern } from '../pattern.js';
import { EXC_TEXT, groupNames, type Flavor } from '../render.js';
import { STRFTIME, type DatefmtToken } from '../strftime.js';

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
  /** `%(asctime)s.%(msecs)03d` (or `,`): the separator before three digits of milliseconds. */
  readonly millis: string | null;
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
  const [sep, msecs] = [parts[at + 1], parts[at + 2]];
  const threeDigits = msecs?.kind === 'field' && msecs.key === 'msecs' && /^(?:%\(msecs\)03(?:d|\.0f)|\{msecs:03(?:d|\.0f)\})$/u.test(msecs.raw);
  if (pattern.datefmt === null || sep?.kind !== 'literal' || !/^[.,]$/u.test(sep.text) || !threeDigits) {
    return { key: own, datefmt: pattern.datefmt, millis: null };
  }
  const taken = new Set([...names.values(), EXC_TEXT]);
  let name = 'time';
  for (let n = 2; taken.has(name); n++) name = `time_${n}`;
  return { key: name, datefmt: pattern.datefmt, millis: sep.text, wrap: { from: at, to: at + 2, name } };
}
