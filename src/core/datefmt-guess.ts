/**
 * The datefmt a log's times were printed with, read off the lines that failed at asctime: `check`
 * suggests it. Pure.
 */
import { RecordChecker } from './check.js';
import { buildPattern, type PatternOptions } from './pattern.js';
import { STRFTIME } from './strftime.js';

/** A record's first line that failed at asctime, and the column its time starts at. */
export interface TimeSample {
  readonly text: string;
  readonly column: number;
}

/**
 * The datefmt the failed lines' times are written in, or null. Candidates are read off each distinct
 * time shape (the strftime table names the words: `May`, `Thu`, `PM`), in each order of day, month and
 * year, and ending after each directive (what follows the time may look like one: a pid); each is kept
 * only if the format with it matches the lines, and the one that matches most of them wins.
 */
export function guessDatefmt(format: string, options: PatternOptions, samples: readonly TimeSample[]): string | null {
  const lines = samples.map((s) => s.text);
  const shapes = new Map(samples.map((s) => [s.text.slice(s.column).replace(/\d/gu, '0'), s.text.slice(s.column)]));
  const candidates = new Set([...shapes.values()].slice(0, 4).flatMap(datefmtsFor));
  let best: string | null = null;
  let most = Math.floor(lines.length / 2);
  for (const datefmt of candidates) {
    const matched = matchedWith(format, { ...options, datefmt }, lines);
    if (matched > most) [best, most] = [datefmt, matched];
  }
  return best;
}

function matchedWith(format: string, options: PatternOptions, lines: readonly string[]): number {
  const pattern = buildPattern(format, options);
  if (!pattern.ok) return 0;
  const checker = new RecordChecker(pattern.value, { fields: false });
  for (const line of lines) checker.push(line);
  checker.end();
  return checker.summary().matched;
}

/** A directive letter read off a time (`?` for a day, month or two-digit year, decided by order), or literal text. */
type Piece = { readonly letter: string; readonly padded: boolean } | { readonly text: string };

/** Directives that print words, from the strftime table (`%h` is `%b` again). */
const NAMED = Object.entries(STRFTIME).filter(([letter, d]) => d.names !== undefined && letter !== 'h');
/** glibc's space-padded forms: `%e` is `%d` padded with a space. */
const SPACE_PADDED: Readonly<Record<string, string>> = { d: 'e', H: 'k', I: 'l' };

/** The datefmts a time (and whatever follows it on the line) may have been printed with, likeliest first. */
export function datefmtsFor(time: string): string[] {
  const pieces = readTime(time);
  const letters = new Set(pieces.flatMap((p) => ('letter' in p ? [p.letter] : [])));
  // The day, month and year not printed otherwise; US order first where it is usual (2024/05/09, 05/09/2024).
  const at = (letter: string) => pieces.findIndex((p) => 'letter' in p && p.letter === letter);
  const isoOrUs = (letters.has('Y') && at('Y') < at('?')) || time.includes('/');
  const slots = pieces.filter((p) => 'letter' in p && p.letter === '?').length;
  // A day and a month in dashes, no year: the month first, as the logging cookbook's `%m-%d %H:%M`.
  const monthDay = slots === 2 && !letters.has('Y') && /^\d\d?-\d\d?(?![\d-])/u.test(time);
  const dateLetters = (isoOrUs || monthDay ? ['m', 'd', 'y'] : ['d', 'm', 'y']).filter((l) => !(l === 'm' && (letters.has('b') || letters.has('B'))) && !(l === 'y' && letters.has('Y')));
  const twelveHour = letters.has('p') || letters.has('P');
  const out: string[] = [];
  // The year at an end, and first only where the day is last (`%y-%m-%d`, `%y %b %d`): no one writes `%d-%y-%m` or `%y-%d-%m`.
  const usual = (order: readonly string[]) => !order.includes('y') || order.at(-1) === 'y' || (order[0] === 'y' && order.at(-1) === 'd');
  for (const order of permutations(dateLetters.slice(0, slots)).filter(usual)) {
    let datefmt = '';
    let slot = 0;
    for (const piece of pieces) {
      if ('text' in piece) {
        datefmt += piece.text.replaceAll('%', '%%');
        continue;
      }
      const letter = piece.letter === '?' ? order[slot++] : twelveHour && piece.letter === 'H' ? 'I' : piece.letter;
      if (letter === undefined) break; // more day-like numbers than a date has
      datefmt += `%${piece.padded ? (SPACE_PADDED[letter] ?? `_${letter}`) : letter}`;
      out.push(datefmt);
    }
  }
  // The longest reading first: a shorter one only wins where it matches more lines.
  return out.sort((a, b) => b.length - a.length);
}

const COMPACT_DATE = /^(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/u;
const COMPACT_CLOCK = /^(?:[01]\d|2[0-3])[0-5]\d[0-5]\d$/u;

/** Reads pieces off a time while they look like one; stops at the first that does not. */
function readTime(time: string): Piece[] {
  const tokens = time.match(/\d+|[A-Za-z]+|[^\dA-Za-z]/gu) ?? [];
  const pieces: Piece[] = [];
  const used = new Set<string>();
  let clock = 0; // numbers read of the H:M:S group
  for (let i = 0; i < tokens.length; i++) {
    const [before, token, after] = [tokens[i - 1], tokens[i]!, tokens[i + 1]];
    let letter: string | undefined;
    // A compact date and clock (`%Y%m%d.%H%M%S`, `%Y%m%dT%H%M%S`): eight digits a year starts, then six.
    const compact = token.length === 8 && clock === 0 && !used.has('Y') && COMPACT_DATE.test(token) ? 'Ymd' : token.length === 6 && clock === 0 && used.has('d') && COMPACT_CLOCK.test(token) ? 'HMS' : null;
    if (compact !== null) {
      for (const l of compact) {
        pieces.push({ letter: l, padded: false });
        used.add(l);
      }
      if (compact === 'HMS') clock = 3;
      continue;
    }
    if (/^\d/u.test(token)) {
      if ((before === '+' || before === '-') && token.length === 4 && clock >= 2) {
        pieces.pop(); // the sign is the zone's: %z
        letter = 'z';
      // The clock's numbers have two digits at most: ten before a colon are seconds since the epoch (`1764590000:`).
      } else if ((before === ':' || after === ':') && token.length <= 2 && !dayBeforeClock(tokens, i, clock)) letter = ['H', 'M', 'S'][clock++];
      // Four digits are a year only where they can be one: a pid of 4242 after the clock is no year.
      else if (token.length === 4 && /^(?:19|20)\d\d$/u.test(token)) letter = 'Y';
      else if (token.length >= 9) letter = 's';
      else if (token.length <= 2) letter = '?';
    } else if (/^[A-Za-z]/u.test(token)) {
      letter = NAMED.find(([, d]) => d.names!.includes(token))?.[0];
      // ISO 8601's T between the date and the time.
      if (letter === undefined && token === 'T' && /^\d/u.test(before ?? '') && /^\d/u.test(after ?? '')) {
        pieces.push({ text: 'T' });
        continue;
      }
    } else if (' -/:.,_'.includes(token) || (token === '+' && /^\d{4}$/u.test(after ?? ''))) {
      pieces.push({ text: token });
      continue;
    }
    if (letter === undefined || (letter !== '?' && used.has(letter))) break;
    used.add(letter);
    // A one-digit number after two spaces is space-padded (`May  9`): the pad is the directive's.
    const previous = pieces.at(-1);
    const padded = token.length === 1 && previous !== undefined && 'text' in previous && previous.text === ' ' && before === ' ' && tokens[i - 2] === ' ';
    if (padded) pieces.pop();
    pieces.push({ letter, padded });
  }
  return pieces;
}

/**
 * A day joined to the clock by a colon (`2024-05-09:13:04:05`, a datefmt of `%Y-%m-%d:%H:%M:%S` users copy):
 * four numbers joined by colons before any of the clock is read, so the first is a date's, not the hour.
 */
function dayBeforeClock(tokens: readonly string[], i: number, clock: number): boolean {
  let run = 1;
  while (tokens[i + 2 * run - 1] === ':' && /^\d+$/u.test(tokens[i + 2 * run] ?? '')) run++;
  return clock === 0 && run === 4;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}
