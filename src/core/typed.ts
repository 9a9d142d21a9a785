/**
 * `check --typed`: a field's text read back as the value Python formatted. Numbers become numbers, read
 * in the base they were printed in (None becomes null); asctime becomes ISO 8601 when its datefmt gives
 * the whole date and time of day. Anything that cannot be read back exactly stays the text it is.
 */
import { atomName } from './gunicorn.js';
import { asctimeOf, type Pattern, type Reading } from './pattern.js';
import { groupNames, renderRxIn } from './render.js';
import { datefmtTokens, parseDatefmt, type AsctimeLayout } from './strftime.js';

export type TypedValue = string | number | null;
export type ReadValue = (text: string) => TypedValue;

/**
 * Each field's name in `check --json`, by its group name: the group name, but for gunicorn the atom
 * (`{user-agent}i`, whose group is `i_user_agent`), or `atom_2`... for a second placeholder of one atom.
 */
export function fieldLabels(pattern: Pattern): ReadonlyMap<string, string> {
  const names = groupNames(pattern, 'js');
  const labels = new Map<string, string>();
  const taken = new Set<string>();
  for (const part of pattern.parts) {
    if (part.kind !== 'field' || part.sameAs !== null) continue;
    const group = names.get(part.capture)!;
    // A front end's own name (loguru's extra[user]), a gunicorn atom, else the group.
    const own = part.name ?? (pattern.style === 'gunicorn' ? atomName(part.key) : group);
    let label = own;
    for (let n = 2; taken.has(label); n++) label = `${own}_${n}`;
    taken.add(label);
    labels.set(group, label);
  }
  return labels;
}

/** For each field that reads as more than text, by its name in `check`'s fields, how to read it. */
export function valueReaders(pattern: Pattern): ReadonlyMap<string, ReadValue> {
  const names = groupNames(pattern, 'js');
  const readers = new Map<string, ReadValue>();
  for (const part of pattern.parts) {
    if (part.kind !== 'field' || part.sameAs !== null || part.reading.kind === 'text') continue;
    readers.set(names.get(part.capture)!, readerFor(part.reading, asctimeOf(pattern)));
  }
  return readers;
}

function readerFor(reading: Exclude<Reading, { kind: 'text' }>, time: AsctimeLayout): ReadValue {
  if (reading.kind === 'time') return isoTime(time);
  return (text) => readNumber(text, reading.base);
}

const PREFIX: Readonly<Record<number, RegExp>> = { 2: /^0[bB]/u, 8: /^0[oO]/u, 16: /^0[xX]/u };
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
  // '#' prints 0x, 0o, 0b: never digits of their own base, so never mistaken for them (0b12 is hex).
  if (base !== 10) body = body.replace(PREFIX[base]!, '');
  if (!DIGITS[base]!.test(body)) return text;
  const n = base === 10 ? Number(body) : parseInt(body, base);
  // inf and nan are not JSON numbers, and integers printed digit by digit past 2^53 not exactly.
  if (!Number.isFinite(n) || ((base !== 10 || /^\d+$/u.test(body)) && !Number.isSafeInteger(n))) return text;
  return negative ? -n : n;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');

/**
 * A JavaScript regex's source over a time a datefmt prints, each directive a group (composites such as
 * `%D` expanded), and the directives' letters in the order of their groups.
 */
export function directiveGroups(datefmt: string): { source: string; letters: string[] } {
  let source = '';
  const letters: string[] = [];
  for (const token of datefmtTokens(datefmt)) {
    if (token.kind === 'text') source += escaped(token.text);
    else {
      letters.push(token.letter);
      source += `(${renderRxIn(parseDatefmt(token.raw, [])[0]!.rx, 'js')})`;
    }
  }
  return { source, letters };
}

/**
 * The datefmt's directives, each a group of a regex over the time's text. A datefmt that names the year,
 * month, day, hour and minute (or the epoch, `%s`) gives ISO 8601; any other leaves the text as it is.
 */
function isoTime(layout: AsctimeLayout): ReadValue {
  const [head, tail] = [directiveGroups(layout.datefmt), directiveGroups(layout.after)];
  // Python's default asctime ends in ',mmm': the milliseconds.
  const mmm = layout.millis === null ? { source: '', letters: [] } : { source: `${escaped(layout.millis)}(\\d{3})`, letters: ['mmm'] };
  const letters = [...head.letters, ...mmm.letters, ...tail.letters];
  const source = `^${head.source}${mmm.source}${tail.source}`;
  /** The group of the first of these directives the datefmt has (0: none). */
  const group = (...directives: string[]) => {
    const at = letters.findIndex((l) => directives.includes(l));
    return at + 1;
  };
  const epoch = group('s');
  const [year, century, shortYear, month, monthName, day] = [group('Y'), group('C'), group('y'), group('m'), group('B', 'b', 'h'), group('d', 'e')];
  const [hour, twelve, half, minute, second, millis, offset] = [group('H', 'k'), group('I', 'l'), group('p', 'P'), group('M'), group('S'), group('mmm'), group('z')];
  const whole = (year || shortYear) && (month || monthName) && day && (hour || (twelve && half)) && minute;
  if (!epoch && !whole) return (text) => text;
  const time = new RegExp(`${source}$`, 'u');
  const two = (n: number) => String(n).padStart(2, '0');
  return (text) => {
    const m = time.exec(text);
    if (m === null) return text;
    const number = (g: number) => Number(m[g]!.trim());
    if (epoch) {
      const date = new Date(number(epoch) * 1000 + (millis ? number(millis) : 0));
      // Past what a Date holds (±275,760 years), or so it prints: the text.
      return Number.isNaN(date.getTime()) ? text : date.toISOString().replace('.000Z', 'Z');
    }
    // %y with %C, or as POSIX strptime reads it alone: 69-99 are 1969-1999, 00-68 are 2000-2068.
    const y = year ? number(year) : century ? number(century) * 100 + number(shortYear) : number(shortYear) + (number(shortYear) < 69 ? 2000 : 1900);
    const mo = month ? number(month) : MONTHS.indexOf(m[monthName]!.slice(0, 3).toLowerCase()) + 1;
    const h = hour ? number(hour) : (number(twelve) % 12) + (m[half]!.toLowerCase() === 'pm' ? 12 : 0);
    let iso = `${String(y).padStart(4, '0')}-${two(mo)}-${two(number(day))}T${two(h)}:${two(number(minute))}`;
    if (second) iso += `:${two(number(second))}${millis ? `.${m[millis]}` : ''}`;
    if (offset) iso += `${m[offset]!.slice(0, 3)}:${m[offset]!.slice(3)}`;
    return iso;
  };
}
