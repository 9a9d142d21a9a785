/**
 * `check --typed`: a field's text read back as the value Python formatted. Numbers become numbers, read
 * in the base they were printed in (None becomes null); asctime becomes ISO 8601 when its datefmt gives
 * the whole date and time of day. Anything that cannot be read back exactly stays the text it is.
 */
import { datefmtTokens } from './collectors/datefmt.js';
import type { Pattern, Reading } from './pattern.js';
import { groupNames, renderRxIn } from './render.js';
import { DEFAULT_DATEFMT, parseDatefmt } from './strftime.js';

export type TypedValue = string | number | null;
export type ReadValue = (text: string) => TypedValue;

/** For each field that reads as more than text, by its name in `check`'s fields, how to read it. */
export function valueReaders(pattern: Pattern): ReadonlyMap<string, ReadValue> {
  const names = groupNames(pattern, 'js');
  const readers = new Map<string, ReadValue>();
  for (const part of pattern.parts) {
    if (part.kind !== 'field' || part.sameAs !== null || part.reading.kind === 'text') continue;
    readers.set(names.get(part.capture)!, readerFor(part.reading, pattern.datefmt));
  }
  return readers;
}

function readerFor(reading: Exclude<Reading, { kind: 'text' }>, datefmt: string | null): ReadValue {
  if (reading.kind === 'time') return isoTime(datefmt);
  return (text) => readNumber(text, reading.base);
}

const DIGITS: Readonly<Record<number, RegExp>> = {
  2: /^[01]+$/u,
  8: /^[0-7]+$/u,
  10: /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/u,
  16: /^[\da-fA-F]+$/u,
};

/** `-0x1f`, `+1,234`, ` 42`, `1.5e+09`: the number, or the text when it is none that JSON holds exactly. */
export function readNumber(text: string, base: 2 | 8 | 10 | 16): TypedValue {
  if (text === 'None') return null;
  let body = text.trim();
  const negative = body.startsWith('-');
  if (negative || body.startsWith('+')) body = body.slice(1);
  body = body.replace(/[,_]/gu, '');
  if (base !== 10) body = body.replace(/^0[xXoObB]/u, '');
  if (!DIGITS[base]!.test(body)) return text;
  const n = base === 10 ? Number(body) : parseInt(body, base);
  // inf and nan, and integers past 2^53, are not JSON numbers (or not exactly): the text says it better.
  if (!Number.isFinite(n) || (Number.isInteger(n) && !Number.isSafeInteger(n) && !body.includes('.'))) return text;
  return negative ? -n : n;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The datefmt's directives, each a group of a regex over the time's text; a time gives an ISO 8601 string
 * when the directives name the year, month, day, hour and minute (or the epoch, `%s`).
 */
function isoTime(datefmt: string | null): ReadValue {
  const tokens = datefmtTokens(datefmt ?? DEFAULT_DATEFMT);
  const letters: string[] = [];
  let source = '^';
  for (const token of tokens) {
    if (token.kind === 'text') source += token.text.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
    else {
      letters.push(token.letter);
      source += `(${renderRxIn(parseDatefmt(token.raw, [])[0]!.rx, 'js')})`;
    }
  }
  // Python's default asctime ends in ',mmm': the milliseconds.
  if (datefmt === null) {
    letters.push('mmm');
    source += ',(\\d{3})';
  }
  const time = new RegExp(`${source}$`, 'iu');
  return (text) => {
    const m = time.exec(text);
    if (m === null) return text;
    const at: Record<string, string> = {};
    letters.forEach((letter, i) => (at[letter] = m[i + 1]!.trim()));
    return iso(at) ?? text;
  };
}

function iso(at: Readonly<Record<string, string>>): string | null {
  if (at.s !== undefined) return new Date(Number(at.s) * 1000).toISOString().replace('.000Z', 'Z');
  const year = at.Y ?? (at.y === undefined ? undefined : String(Number(at.y) + (Number(at.y) < 69 ? 2000 : 1900)));
  const monthName = at.B ?? at.b ?? at.h;
  const month = at.m ?? (monthName === undefined ? undefined : String(MONTHS.indexOf(monthName.slice(0, 3).toLowerCase()) + 1));
  const day = at.d ?? at.e;
  const twelve = at.I ?? at.l;
  const half = at.p ?? at.P;
  const hour = at.H ?? at.k ?? (twelve === undefined || half === undefined ? undefined : String((Number(twelve) % 12) + (half.toLowerCase() === 'pm' ? 12 : 0)));
  if (year === undefined || month === undefined || day === undefined || hour === undefined || at.M === undefined) return null;
  const two = (v: string) => v.padStart(2, '0');
  let text = `${year.padStart(4, '0')}-${two(month)}-${two(day)}T${two(hour)}:${two(at.M)}`;
  if (at.S !== undefined) text += `:${two(at.S)}`;
  if (at.S !== undefined && at.mmm !== undefined) text += `.${at.mmm}`;
  if (at.z !== undefined) text += `${at.z.slice(0, 3)}:${at.z.slice(3)}`;
  return text;
}
