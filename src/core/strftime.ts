/**
 * What `time.strftime` prints for each directive, on glibc in the C locale (Python sets no LC_TIME by
 * default; research/python-logging.md §5). The table is the documentation: one row a directive.
 */
import type { Warning } from './result.js';
import { alt, digits, lit, repeat, seq, set, words, type Rx } from './rx.js';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface Directive {
  /** What it prints, e.g. for the field table and diagnostics. */
  readonly meaning: string;
  /** Output for 2024-05-09 08:35:25 UTC (a Thursday), as glibc prints it. */
  readonly example: string;
  /** Numeric directives: digit count, glibc's default pad ('0' or ' '), and the values it can print. */
  readonly number?: { readonly width: number; readonly pad: '0' | ' '; readonly range?: readonly [number, number] };
  /** Names and other text: the alternatives it can print. */
  readonly names?: readonly string[];
  /** A composite: expands to another datefmt (glibc's definition in the C locale). */
  readonly expands?: string;
  /** Anything else, as a fragment. */
  readonly rx?: Rx;
}

/**
 * Zero-padded numbers take exactly the values they can print (a day is 0[1-9]|[12]\d|3[01]): `check`
 * reports month 13 or hour 24 as the impossible date it is, not as a record that matched.
 */
export const STRFTIME: Readonly<Record<string, Directive>> = {
  Y: { meaning: 'year', example: '2024', number: { width: 4, pad: '0' } },
  y: { meaning: 'year without century', example: '24', number: { width: 2, pad: '0' } },
  C: { meaning: 'century', example: '20', number: { width: 2, pad: '0' } },
  G: { meaning: 'ISO 8601 week-based year', example: '2024', number: { width: 4, pad: '0' } },
  g: { meaning: 'ISO week-based year without century', example: '24', number: { width: 2, pad: '0' } },
  m: { meaning: 'month 01-12', example: '05', number: { width: 2, pad: '0', range: [1, 12] } },
  d: { meaning: 'day of month 01-31', example: '09', number: { width: 2, pad: '0', range: [1, 31] } },
  e: { meaning: 'day of month, space-padded', example: ' 9', number: { width: 2, pad: ' ', range: [1, 31] } },
  j: { meaning: 'day of year 001-366', example: '130', number: { width: 3, pad: '0', range: [1, 366] } },
  H: { meaning: 'hour 00-23', example: '08', number: { width: 2, pad: '0', range: [0, 23] } },
  k: { meaning: 'hour 0-23, space-padded', example: ' 8', number: { width: 2, pad: ' ', range: [0, 23] } },
  I: { meaning: 'hour 01-12', example: '08', number: { width: 2, pad: '0', range: [1, 12] } },
  l: { meaning: 'hour 1-12, space-padded', example: ' 8', number: { width: 2, pad: ' ', range: [1, 12] } },
  M: { meaning: 'minute', example: '35', number: { width: 2, pad: '0', range: [0, 59] } },
  S: { meaning: 'second (60 and 61 for leap seconds, as time.strftime allows)', example: '25', number: { width: 2, pad: '0', range: [0, 61] } },
  u: { meaning: 'weekday 1-7, Monday is 1', example: '4', number: { width: 1, pad: '0' } },
  w: { meaning: 'weekday 0-6, Sunday is 0', example: '4', number: { width: 1, pad: '0' } },
  U: { meaning: 'week of year, Sunday first', example: '18', number: { width: 2, pad: '0', range: [0, 53] } },
  W: { meaning: 'week of year, Monday first', example: '19', number: { width: 2, pad: '0', range: [0, 53] } },
  V: { meaning: 'ISO 8601 week', example: '19', number: { width: 2, pad: '0', range: [1, 53] } },
  s: { meaning: 'seconds since the epoch', example: '1715243725', rx: seq(repeat(lit('-'), 0, 1), digits()) },
  a: { meaning: 'abbreviated weekday name', example: 'Thu', names: DAYS.map((d) => d.slice(0, 3)) },
  A: { meaning: 'weekday name', example: 'Thursday', names: DAYS },
  b: { meaning: 'abbreviated month name', example: 'May', names: MONTHS.map((m) => m.slice(0, 3)) },
  h: { meaning: 'abbreviated month name', example: 'May', names: MONTHS.map((m) => m.slice(0, 3)) },
  B: { meaning: 'month name', example: 'May', names: MONTHS },
  p: { meaning: 'AM or PM', example: 'AM', names: ['AM', 'PM'] },
  P: { meaning: 'am or pm', example: 'am', names: ['am', 'pm'] },
  z: { meaning: 'UTC offset +hhmm', example: '+0000', rx: seq(set('+', '\\-'), digits(4, 4)) },
  // Zone abbreviations are letters (UTC, CEST) or, for zones without one, a numeric offset (+14, -03).
  Z: {
    meaning: 'time zone abbreviation',
    example: 'UTC',
    rx: alt(repeat(set('A-Z', 'a-z'), 1, null), seq(set('+', '\\-'), digits(2, 2), repeat(digits(2, 2), 0, 1))),
  },
  c: { meaning: 'date and time', example: 'Thu May  9 08:35:25 2024', expands: '%a %b %e %H:%M:%S %Y' },
  x: { meaning: 'date', example: '05/09/24', expands: '%m/%d/%y' },
  X: { meaning: 'time', example: '08:35:25', expands: '%H:%M:%S' },
  D: { meaning: 'date %m/%d/%y', example: '05/09/24', expands: '%m/%d/%y' },
  F: { meaning: 'date %Y-%m-%d', example: '2024-05-09', expands: '%Y-%m-%d' },
  T: { meaning: 'time %H:%M:%S', example: '08:35:25', expands: '%H:%M:%S' },
  R: { meaning: 'time %H:%M', example: '08:35', expands: '%H:%M' },
  r: { meaning: '12-hour time', example: '08:35:25 AM', expands: '%I:%M:%S %p' },
  n: { meaning: 'newline', example: '\n', rx: lit('\n') },
  t: { meaning: 'tab', example: '\t', rx: lit('\t') },
  '%': { meaning: 'a literal %', example: '%', rx: lit('%') },
};

/** Python's `Formatter.default_time_format` + `default_msec_format` ('%s,%03d'). */
export const DEFAULT_DATEFMT = '%Y-%m-%d %H:%M:%S';

/**
 * How a Formatter class's formatTime prints `%(asctime)s`: logging.Formatter's class attributes, or a
 * framework subclass's (Airflow's TimezoneAware, presets.ts).
 */
export interface FormatTime {
  /** default_time_format: the strftime applied when no datefmt is given. */
  readonly timeFormat: string;
  /** default_msec_format's text between '%s' and '%03d' (',' for '%s,%03d'), or null for None (no milliseconds). */
  readonly millis: string | null;
  /** A strftime printed after the milliseconds (TimezoneAware.default_tz_format), or null. */
  readonly tzFormat: string | null;
  /** The milliseconds and zone follow a given datefmt too (TimezoneAware); logging.Formatter adds them to its default only. */
  readonly withDatefmt: boolean;
}

/** logging/__init__.py Formatter: default_time_format '%Y-%m-%d %H:%M:%S', default_msec_format '%s,%03d'. */
export const LOGGING_FORMAT_TIME: FormatTime = { timeFormat: DEFAULT_DATEFMT, millis: ',', tzFormat: null, withDatefmt: false };

/** asctime as printed: the strftime `datefmt`; then, unless `millis` is null, that text and three digits of milliseconds; then the strftime `after`. */
export interface AsctimeLayout {
  readonly datefmt: string;
  readonly millis: string | null;
  readonly after: string;
}

/** What formatTime prints for a datefmt (null: none given). */
export function asctimeLayout(datefmt: string | null, formatTime: FormatTime = LOGGING_FORMAT_TIME): AsctimeLayout {
  if (datefmt !== null && !formatTime.withDatefmt) return { datefmt, millis: null, after: '' };
  return { datefmt: datefmt ?? formatTime.timeFormat, millis: formatTime.millis, after: formatTime.tzFormat ?? '' };
}

/** The layout spelled as one strftime, the milliseconds as `mmm`: `%Y-%m-%d %H:%M:%S,mmm`. */
export function layoutText(layout: AsctimeLayout): string {
  return `${layout.datefmt}${layout.millis === null ? '' : `${layout.millis}mmm`}${layout.after}`;
}

export interface DatefmtPart {
  readonly kind: 'literal' | 'directive';
  /** The datefmt text it came from, e.g. `%Y` or `-`. */
  readonly raw: string;
  /** The directive letter (after flags), for directives. */
  readonly letter?: string;
  /** Where it starts in the datefmt. */
  readonly column: number;
  readonly rx: Rx;
}

/** glibc: `%` [flags `_-0^#`] [width] [modifier `E`/`O`] conversion. */
const DIRECTIVE = /%(?<flags>[_\-0^#]*)(?<width>\d*)(?<modifier>[EO]?)(?<letter>.?)/gsu;

/** Parses a datefmt into fragments. Unknown directives are literal, as glibc prints them, with a warning. */
export function parseDatefmt(datefmt: string, warnings: Warning[]): DatefmtPart[] {
  const parts: DatefmtPart[] = [];
  let last = 0;
  const pushLiteral = (text: string, column: number) => text && parts.push({ kind: 'literal', raw: text, column, rx: lit(text) });
  for (const m of datefmt.matchAll(DIRECTIVE)) {
    pushLiteral(datefmt.slice(last, m.index), last);
    last = m.index + m[0].length;
    const { flags, width, letter } = m.groups as Record<'flags' | 'width' | 'modifier' | 'letter', string>;
    const directive = STRFTIME[letter];
    if (!directive) {
      const hint = letter === 'f' ? ': time.strftime has no microseconds; use %(msecs)03d in the format instead' : '';
      warnings.push({
        message: `datefmt directive '${m[0]}' is not a strftime directive, so Python prints it literally${hint}`,
        column: m.index,
        source: datefmt,
        origin: 'datefmt',
      });
      // glibc copies an unknown directive verbatim, right-aligned in its width.
      const text = m[0].padStart(width === '' ? 0 : Number(width), ' ');
      pushLiteral(text, m.index);
      continue;
    }
    if (directive.expands) {
      parts.push({ kind: 'directive', raw: m[0], letter, column: m.index, rx: seq(...parseDatefmt(directive.expands, warnings).map((p) => p.rx)) });
      continue;
    }
    parts.push({ kind: 'directive', raw: m[0], letter, column: m.index, rx: directiveRx(directive, flags, width === '' ? null : Number(width)) });
  }
  pushLiteral(datefmt.slice(last), last);
  return parts;
}

function directiveRx(d: Directive, flags: string, width: number | null): Rx {
  if (d.number) return numberRx(d.number, flags, width);
  if (d.names) {
    // '^' upper-cases; '#' swaps case, which glibc does as upper-casing for names and lower-casing for %p.
    const upper = flags.includes('^') || (flags.includes('#') && d.names[0] !== 'AM');
    const lower = flags.includes('#') && d.names[0] === 'AM';
    const names = d.names.map((n) => (upper ? n.toUpperCase() : lower ? n.toLowerCase() : n));
    const rx = words(...names);
    return width === null ? rx : seq(repeat(lit(' '), 0, width - 1), rx);
  }
  const rx = d.rx!;
  return width === null ? rx : seq(repeat(lit(' '), 0, width), rx);
}

function numberRx(n: NonNullable<Directive['number']>, flags: string, width: number | null): Rx {
  const w = width ?? n.width;
  if (flags.includes('-')) {
    // No padding at all: 1 to w digits.
    return width === null ? digits(1, n.width) : seq(repeat(lit(' '), 0, w - 1), digits(1, w));
  }
  const pad = flags.includes('_') ? ' ' : flags.includes('0') ? '0' : n.pad;
  if (pad === ' ') return seq(repeat(set(' ', '\\d'), w - 1, w - 1), set('\\d'));
  if (width !== null && width > n.width) return digits(w, w);
  return n.range === undefined || w === 1 ? digits(w, w) : inRange(n.range[0], n.range[1], w);
}

/** One digit from `from` to `to`: `3`, `[12]`, `[0-5]`. */
const digitsFrom = (from: number, to: number): Rx => (from === to ? lit(`${from}`) : to - from === 1 ? set(`${from}`, `${to}`) : set(`${from}-${to}`));

/** The w-digit, zero-padded numbers from min to max: `inRange(1, 31, 2)` is 0[1-9]|[12]\d|3[01]. */
function inRange(min: number, max: number, w: number): Rx {
  if (w === 1) return digitsFrom(min, max);
  const unit = 10 ** (w - 1);
  const options: Rx[] = [];
  let full: [number, number] | null = null; // leading digits whose rest takes every value
  const flushFull = () => {
    if (full) options.push(seq(digitsFrom(full[0], full[1]), digits(w - 1, w - 1)));
    full = null;
  };
  for (let lead = Math.floor(min / unit); lead <= Math.floor(max / unit); lead++) {
    const from = Math.max(min, lead * unit) - lead * unit;
    const to = Math.min(max, lead * unit + unit - 1) - lead * unit;
    if (from === 0 && to === unit - 1) {
      full = full ? [full[0], lead] : [lead, lead];
      continue;
    }
    flushFull();
    options.push(seq(lit(`${lead}`), inRange(from, to, w - 1)));
  }
  flushFull();
  return alt(...options);
}

/** One piece of a datefmt, with the column it starts at (a composite's pieces: the composite's column). */
export type DatefmtToken =
  | { readonly kind: 'text'; readonly text: string; readonly column: number }
  | { readonly kind: 'directive'; readonly letter: string; readonly flags: string; readonly width: number | null; readonly raw: string; readonly column: number };

const FLAGS = /^%(?<flags>[_\-0^#]*)(?<width>\d*)[EO]?(?<letter>.)$/su;

/**
 * The datefmt as Python prints it: unknown directives are literal text (with their glibc padding).
 * Composites (`%c %x %X %D %F %T %R %r`) are expanded unless `keepComposites`, for a reader that has
 * them too.
 */
export function datefmtTokens(datefmt: string, keepComposites = false): DatefmtToken[] {
  return tokensAt(datefmt, null, keepComposites);
}

function tokensAt(datefmt: string, at: number | null, keepComposites: boolean): DatefmtToken[] {
  return parseDatefmt(datefmt, []).flatMap((part): DatefmtToken[] => {
    const here = at ?? part.column;
    if (part.kind === 'literal') return [{ kind: 'text', text: part.raw, column: here }];
    const expands = STRFTIME[part.letter!]!.expands;
    if (expands && !keepComposites) return tokensAt(expands, here, false);
    const m = FLAGS.exec(part.raw)!.groups!;
    return [{ kind: 'directive', letter: m.letter!, flags: m.flags!, width: m.width === '' ? null : Number(m.width), raw: part.raw, column: here }];
  });
}
