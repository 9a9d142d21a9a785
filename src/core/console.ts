/**
 * structlog's ConsoleRenderer (`--preset structlog-console`): what structlog writes when nobody configures
 * it. Cited from Debian's python3-structlog 22.3 (/usr/lib/python3/dist-packages/structlog):
 * - _config.py _BUILTIN_DEFAULT_PROCESSORS: add_log_level, TimeStamper(fmt="%Y-%m-%d %H:%M:%S", utc=False),
 *   ConsoleRenderer(colors= stdout is a terminal), printed by PrintLogger;
 * - dev.py ConsoleRenderer.__call__: `str(timestamp) + " "`, `"[" + level padded to the longest level
 *   name (9, "exception") + "] "`, the event (`str()`, never repr'd) padded to pad_event (30) and a space
 *   when any key is left, `"[" + logger + "] "`, the other keys sorted, `key=` + the value as `_repr` gives
 *   it (a str as it is, anything else repr()), joined by spaces; then "\n" + the stack, and "\n" + the
 *   traceback (plain_traceback: traceback.print_exception, its last newline cut);
 * - dev.py _ColorfulStyles: each piece wrapped in colorama's codes (timestamp DIM, a known level its colour
 *   and BRIGHT, the event BRIGHT, the logger BLUE BRIGHT, keys CYAN, values MAGENTA, each closed by
 *   RESET_ALL). The codes are fragments that may be there or not, so one pattern reads a log with colour
 *   and without (colour is on by default wherever stdout is a terminal, so a file may hold both).
 *
 * The format is the keys written before the others, in ConsoleRenderer's order: `timestamp level event`
 * (fewer when the chain adds no time or no level). The line regex holds the time and the level; the event
 * field takes the rest of the record. `check` then reads the rest back (consoleFields): the event, the
 * logger, each key, the stack and the exception. With colour, every piece is delimited by its codes;
 * without, the event ends at its padding and the keys are told apart by their sorted order (README, Limits).
 */
import { fieldPart, type Keyed } from './keyvalue.js';
import { buildPattern, type FieldPart, type Part, type Pattern, type PatternOptions } from './pattern.js';
import { fail, ok, type Result } from './result.js';
import { anyWithNewlines, ESC, lit, notSet, oneOrMore, optional, repeat, seq, set, sgr, zeroOrMore, type Rx } from './rx.js';

/** _config.py: the default chain's TimeStamper(fmt=...). */
export const STRUCTLOG_TIME = '%Y-%m-%d %H:%M:%S';
export const CONSOLE_FORMAT = 'timestamp level event';
/** dev.py _EVENT_WIDTH, ConsoleRenderer's pad_event default. */
const PAD_EVENT = 30;
/** The longest of get_default_level_styles' names: `exception`. */
const LEVEL_WIDTH = 9;

// colorama's codes, which dev.py copies when colorama is absent.
const RESET = `${ESC}[0m`;
const maybe = (rx: Rx, text: string, at: number): Part => ({ kind: 'fragment', rx: optional(rx), text, span: { start: at, end: at } });
/** _ColorfulStyles' level colours (RED, YELLOW, GREEN, RED_BACK), each followed by BRIGHT; an unknown level has none. */
const LEVEL_COLOUR = seq(lit(`${ESC}[`), set('\\d'), set('\\d'), lit('m'), sgr('1'));

const ORDER = ['timestamp', 'level', 'event'] as const;

export function buildConsolePattern(format: string, options: PatternOptions): Result<Pattern> {
  const keys = [...format.matchAll(/\S+/gu)];
  let last = -1;
  for (const m of keys) {
    const at = (ORDER as readonly string[]).indexOf(m[0]);
    if (at <= last) return fail(`ConsoleRenderer writes ${ORDER.join(', ')} first, in that order: give some of them (e.g. "${CONSOLE_FORMAT}")`, m.index, format);
    last = at;
  }
  if (keys.at(-1)?.[0] !== 'event') return fail('the event comes last: ConsoleRenderer always writes it (e.g. "timestamp level event")', format.length, format);
  const span = (key: string) => {
    const start = format.indexOf(key);
    return { start, end: start + key.length };
  };
  const named = new Set(keys.map((m) => m[0]));
  const datefmt = options.datefmt ? options.datefmt : STRUCTLOG_TIME;
  const parts: Part[] = [];
  if (named.has('timestamp')) {
    // The time is logging's asctime under this datefmt: the same fragment, reading and collector time.
    const time = buildPattern('%(asctime)s', { datefmt });
    if (!time.ok) return time;
    const asctime = time.value.parts[0] as FieldPart;
    parts.push(maybe(sgr('2'), 'DIM', 0), { ...asctime, key: 'timestamp', capture: 'timestamp', raw: 'timestamp', span: span('timestamp') }, maybe(lit(RESET), 'RESET_ALL', 0), literal(' '));
  }
  if (named.has('level')) {
    const level = fieldPart('level', 'level', span('level'), oneOrMore(notSet('\\s', ']', ESC)), 'a level name');
    parts.push(literal('['), maybe(LEVEL_COLOUR, 'a level colour and BRIGHT', 0), { ...level, padAfter: repeat(lit(' '), 0, LEVEL_WIDTH - 1) }, maybe(lit(RESET), 'RESET_ALL', 0), literal('] '));
  }
  parts.push(maybe(sgr('1'), 'BRIGHT', 0), { ...fieldPart('event', 'event', span('event'), zeroOrMore(anyWithNewlines), 'the event'), type: 'message', multiline: true });
  const keyed: Keyed = { syntax: 'console', keys: keys.map((m) => m[0]), extras: 'event' };
  const warnings = [{
    message: "the regex's event holds the rest of the record (logger, keys, traceback); check reads them back, and without colour tells the keys apart by their sorted order: a str value that holds ' key=' with a key that sorts after its own is cut there (README, Limits)",
    column: 0, source: format, origin: 'format',
  }];
  return ok({ format, style: 'structlog-console', datefmt, parts, warnings, keyed });
}

const literal = (text: string): Part => ({ kind: 'literal', text, span: { start: 0, end: 0 } });

// ---------------------------------------------------------------------------------------------------
// Reading the rest of a record back: what follows the level's `] ` (and BRIGHT).

/** dev.py: the stack, then "\n\n" + "=" * 79 + "\n" when an exception follows it. */
const STACK_EXCEPTION = `\n\n${'='.repeat(79)}\n`;
/** Where the text after the line begins: a stack (StackInfoRenderer) or a traceback (Lib/traceback.py). */
const AFTER_LINE = /\n(?=Traceback \(most recent call last\):\n|Stack \(most recent call last\):\n|  \+ Exception Group Traceback \(most recent call last\):\n)/u;
/** A key where the renderer writes one: a run without spaces before `=`. */
const KEY_AT = /^[^\s=]+(?==)/u;
const COLOURED_PAIR = new RegExp(`^${ESC}\\[36m([^${ESC}]*)${ESC}\\[0m=${ESC}\\[35m([\\s\\S]*?)${ESC}\\[0m(?: |$)`, 'u');
const COLOURED_LOGGER = new RegExp(`^\\[${ESC}\\[34m${ESC}\\[1m([\\s\\S]*?)${ESC}\\[0m\\] `, 'u');

/** A matched record's fields: the time and level as captured, then the event, logger, keys, stack and exception. */
export function consoleFields(keyed: Keyed, groups: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  const fields: Record<string, string | undefined> = {};
  for (const key of keyed.keys) fields[key] = groups[key];
  const rest = groups[keyed.extras] ?? '';
  const cut = AFTER_LINE.exec(rest);
  const line = cut === null ? rest : rest.slice(0, cut.index);
  Object.assign(fields, line.includes(RESET) ? colouredLine(line) : plainLine(line));
  if (cut !== null) {
    const after = rest.slice(cut.index + 1);
    const both = after.startsWith('Stack') ? after.indexOf(STACK_EXCEPTION) : -1;
    if (after.startsWith('Stack')) fields.stack = both < 0 ? after : after.slice(0, both);
    if (!after.startsWith('Stack') || both >= 0) fields.exception = both < 0 ? after : after.slice(both + STACK_EXCEPTION.length);
  }
  return fields;
}

/** The event without the padding _pad gave it: only an event shorter than pad_event was padded. */
const unpad = (event: string[]): string => (event.length === PAD_EVENT ? event.join('').replace(/ +$/u, '') : event.join(''));

function colouredLine(line: string): Record<string, string> {
  const end = line.indexOf(RESET);
  const fields: Record<string, string> = {};
  let rest = line.slice(end + RESET.length);
  // No space after the event's RESET: no key was left, so the event was not padded.
  fields.event = rest === '' ? line.slice(0, end) : unpad([...line.slice(0, end)]);
  rest = rest.slice(1);
  const logger = COLOURED_LOGGER.exec(rest);
  if (logger !== null) {
    fields.logger = logger[1]!;
    rest = rest.slice(logger[0].length);
  }
  for (let m = COLOURED_PAIR.exec(rest); m !== null; m = COLOURED_PAIR.exec(rest)) {
    fields[m[1]!] = m[2]!;
    rest = rest.slice(m[0].length);
  }
  return fields;
}

/**
 * Without colour: the event ends at the first space, from column pad_event on, after which the renderer's
 * own text can begin (the end, `[logger] `, or `key=`); the keys are the longest chain of ` key=` in sorted
 * order (the earliest such chain where several are as long).
 */
function plainLine(line: string): Record<string, string> {
  const chars = [...line];
  const fields: Record<string, string> = {};
  let e = -1;
  for (let i = PAD_EVENT; i < chars.length && e < 0; i++) {
    if (chars[i] !== ' ') continue;
    const after = chars.slice(i + 1).join('');
    if (after === '' || after.startsWith('[') || KEY_AT.test(after)) e = i;
  }
  if (e < 0) return { event: line };
  fields.event = unpad(chars.slice(0, e));
  let rest = chars.slice(e + 1).join('');
  if (rest.startsWith('[')) {
    for (let j = rest.indexOf('] '); j >= 0; j = rest.indexOf('] ', j + 1)) {
      const after = rest.slice(j + 2);
      if (after === '' || KEY_AT.test(after)) {
        fields.logger = rest.slice(1, j);
        rest = after;
        break;
      }
    }
  }
  return Object.assign(fields, sortedPairs(rest));
}

/** `a=x y b=1`: the pairs, split at the ` key=` runs whose keys sort one after another (Python's sorted(): by code point). */
function sortedPairs(text: string): Record<string, string> {
  const starts: { at: number; key: string }[] = [];
  for (const at of [0, ...[...text.matchAll(/ /gu)].map((m) => m.index + 1)]) {
    const key = KEY_AT.exec(text.slice(at))?.[0];
    if (key !== undefined) starts.push({ at, key });
  }
  if (starts.length === 0 || starts[0]!.at !== 0) return {};
  // The longest increasing chain from the first key; best[c] is its length from c, next[c] where it goes.
  const best = starts.map(() => 1);
  const next = starts.map(() => -1);
  for (let c = starts.length - 1; c >= 0; c--) {
    for (let d = c + 1; d < starts.length; d++) {
      if (byCodePoint(starts[d]!.key, starts[c]!.key) > 0 && best[d]! + 1 > best[c]!) {
        best[c] = best[d]! + 1;
        next[c] = d;
      }
    }
  }
  const pairs: Record<string, string> = {};
  for (let c = 0; c >= 0; c = next[c]!) {
    const { at, key } = starts[c]!;
    const end = next[c]! >= 0 ? starts[next[c]!]!.at - 1 : text.length;
    pairs[key] = text.slice(at + key.length + 1, end);
  }
  return pairs;
}

function byCodePoint(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}
