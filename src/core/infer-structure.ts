/**
 * Structural inference: record lines in, a `%`-style format (and datefmt) out. The lines are read left to
 * right, all at once, one item at a time: a time (a datefmt the strftime table expresses, read off the
 * values), a level name, a thread name, a number, a literal (what every line has here), or a word (a
 * field whose values differ). Lines that a typed item does not fit are left for another format (two
 * formats interleaved). Where nothing fits the lines, the message starts; its end is read from the
 * right the same way (message-first layouts). Padded columns: the width from the longest value, left or
 * right by where the spaces are. Fields are then named by the evidence (naming below). Pure.
 */
import { LEVEL_NAME_LIST, PROCESS_NAMES, THREAD_NAMES } from './catalogue.js';
import { datefmtsFor } from './datefmt-guess.js';
import { renderRxIn } from './render.js';
import { seq, type Rx } from './rx.js';
import { DEFAULT_DATEFMT, parseDatefmt } from './strftime.js';
import { directiveGroups } from './typed.js';

type Shape = 'level' | 'thread' | 'process' | 'int' | 'float' | 'word';

export type Item =
  | { readonly kind: 'literal'; readonly text: string }
  /** asctime; `msecs`: the text between it and `%(msecs)03d`, or null (none, or Python's default `,mmm`); `zerosAfter`: `{msecs:0<3.0f}`. */
  | { readonly kind: 'time'; readonly datefmt: string | null; readonly msecs: string | null; readonly zerosAfter?: boolean }
  | { readonly kind: 'field'; readonly shape: Shape; readonly values: readonly string[]; readonly width: number | null; readonly align: 'left' | 'right' | 'centre' | null; readonly precision?: number;
      /** Printed by `%r`: the values are what is inside the quotes. */
      readonly repr?: boolean;
      /** Padded with zeros to `width` (`%(lineno)04d`). */
      readonly zeros?: boolean;
      /** The attribute the values show it is, where the reader knows (a module before its function). */
      readonly name?: string }
  /** The message; padded to `width` (`%(message)-40s`) and cut by `precision` where its values say so; `values`: its text on each line read. */
  | { readonly kind: 'message'; readonly width?: number; readonly align?: 'left' | 'right'; readonly precision?: number; readonly values?: readonly string[] };

export interface Structure {
  readonly items: readonly Item[];
  /** Indexes (into the lines given) of the lines the structure was read from. */
  readonly fitted: readonly number[];
}

/** A typed item must fit this share of the lines still in play; the others are another format's. */
const TYPED_SHARE = 0.8;

/** A name from a closed set, and the same name where no letter or digit may follow it. */
const named = (source: string, after: string) => ({ glued: new RegExp(source, 'uy'), alone: new RegExp(`${source}(?![${after}])`, 'uy') });
const js = (rx: Rx) => `(?:${renderRxIn(rx, 'js')})`;
/**
 * The level names the catalogue knows, and `Level N` (getLevelName of a number with no name). Glued
 * to more digits, N is read as at most two (levels run 0 to 50): `Level 178217` is `Level 17`, then 8217.
 */
const KNOWN_LEVELS = named(String.raw`(?:${LEVEL_NAME_LIST.join('|')}|Level -?\d\d?)`, String.raw`\p{L}\p{N}_`);
/**
 * A level name: a known one, or a name a program added with addLevelName (`AUDIT`, `SECURITY`): an
 * upper-case word, in a column where known names are the most (levelColumn, typedAt).
 */
const LEVEL = new RegExp(String.raw`(?:${LEVEL_NAME_LIST.join('|')}|Level -?\d+|[A-Z][A-Z0-9_]{2,})(?![\p{L}\p{N}_])`, 'uy');
const THREADS = named(js(THREAD_NAMES), String.raw`\p{L}\p{N}_-`);
const THREAD = THREADS.alone;
export const PROCESS_NAME = new RegExp(`^${js(PROCESS_NAMES)}$`, 'u');
const PROCESSES = named(js(PROCESS_NAMES), String.raw`\p{L}\p{N}_-`);
const PROCESS = PROCESSES.alone;
/** A string's repr (`%(name)r`): in single quotes, as Python prints one with no quote inside. */
const REPR = /'[^'\n]*'/uy;
const NUMBER = /-?\d+(?:\.\d+)?(?![\p{L}\p{N}_.])/uy;
/**
 * A word: a name, a path, a module; `<module>`; a level glued to it may be `Level 17`. It stops at
 * whitespace and the punctuation formats put around fields.
 */
const WORD = /(?:<[^<>\s]*>|Level -?\d+|[^\s[\](){}|,:;=@"'<>`])+/uy;
const WORD_REVERSED = /(?:>[^<>\s]*<|\d+-? leveL|[^\s[\](){}|,:;=@"'<>`])+/uy;
/** Names a precision may cut (`%(levelname).3s` prints `INF`, `WAR`, `Lev`). */
const CUT_LEVELS = [...LEVEL_NAME_LIST, 'Level'];
const truncatedLevel = (v: string) => v !== '' && CUT_LEVELS.some((name) => name.startsWith(v));
export const isKnownLevel = (v: string) => at(KNOWN_LEVELS.alone, v, 0) === v;
/** A column of level names: known ones the most of them (its other upper-case words are levels too), or their starts. */
const levelColumn = (values: readonly string[]) =>
  values.every((v) => truncatedLevel(v) || /^(?:[A-Z][A-Z0-9_]*|Level -?\d+)$/u.test(v)) && values.filter((v) => isKnownLevel(v) || truncatedLevel(v)).length * 2 > values.length;
/**
 * The precision that cut a column of level names (`%(levelname)-5.5s` prints `CRITI`, `.1s` prints `W`):
 * its longest values' length, where one of them is the start of a longer known name; else none.
 */
function levelCut(values: readonly string[]): number | undefined {
  const longest = Math.max(...values.map((v) => v.length));
  return values.some((v) => v.length === longest && !isKnownLevel(v) && CUT_LEVELS.some((name) => name.length > longest && name.startsWith(v))) ? longest : undefined;
}
const MSECS = /[,.]\d{3}(?!\d)/uy;
const SHORT_MSECS = /[,.]\d{1,2}(?!\d)/uy;
/** Characters of literal text a typed name may follow with nothing between (gluedBefore). */
const GLUED = 6;

const at = (rx: RegExp, text: string, pos: number): string | null => {
  rx.lastIndex = pos;
  const m = rx.exec(text);
  return m === null ? null : m[0];
};

const isWordChar = (c: string) => /[\p{L}\p{N}_]/u.test(c);

/** Reads the structure of `lines` (a record's first line each). */
export function readStructure(lines: readonly string[]): Structure {
  const pos = lines.map(() => 0);
  let active = lines.map((_, i) => i);
  const items: Item[] = [];
  const add = (item: Item) => {
    const last = items.at(-1);
    if (item.kind === 'literal' && last?.kind === 'literal') items[items.length - 1] = { kind: 'literal', text: last.text + item.text };
    else items.push(item);
  };
  // Each field's value on each line it was read on (a step's values follow its lines' order): the tail may print one again.
  const read: Map<number, string>[] = [];
  const push = (item: Item, ends: ReadonlyMap<number, number>) => {
    add(item);
    if (item.kind === 'field' && item.values.length === ends.size) read.push(new Map([...ends.keys()].map((i, k) => [i, item.values[k]!])));
    active = active.filter((i) => ends.has(i));
    for (const i of active) pos[i] = ends.get(i)!;
  };
  for (let guard = 0; guard < 200 && active.length > 0; guard++) {
    if (active.every((i) => pos[i] === lines[i]!.length)) return { items: widenCentred(items), fitted: active };
    const step = timeAt(lines, pos, active) ?? centredAt(lines, pos, active) ?? floatsGlued(lines, pos, active) ?? gluedBefore(lines, pos, active, true) ?? typedAt(lines, pos, active) ?? gluedBefore(lines, pos, active) ?? typedAt(lines, pos, active, true) ?? rightAligned(lines, pos, active) ?? literalAt(lines, pos, active) ?? threadColumn(lines, pos, active) ?? wordAt(lines, pos, active);
    if (step === null) break;
    for (const item of step.items) push(item, step.ends);
    const field = items.at(-1);
    if (field?.kind === 'field' && field.shape === 'level' && field.precision === undefined) {
      const precision = levelCut(field.values);
      if (precision !== undefined) items[items.length - 1] = { ...field, precision };
    }
    const last = items.at(-1);
    if (last?.kind === 'field' && last.align === null) {
      const padded = leftPadding(lines, pos, active, last);
      if (padded) items[items.length - 1] = padded.field;
    }
  }
  const rests = active.map((i) => lines[i]!.slice(pos[i]));
  const tail = readTail(rests, read.map((values) => active.map((i) => values.get(i) ?? '')));
  // The spaces read before the message may be its padding (`%(message)12s`): messageOf decides.
  const last = items.at(-1);
  const spaces = last?.kind === 'literal' && active.length >= ENDING_LINES ? / *$/u.exec(last.text)![0] : '';
  if (last?.kind === 'literal' && spaces !== '') {
    if (spaces === last.text) items.pop();
    else items[items.length - 1] = { kind: 'literal', text: last.text.slice(0, -spaces.length) };
  }
  // And so may the spaces the tail begins with (`%(message)-40s [%(name)s]`).
  const lead = tail.items.findIndex((i) => i.kind !== 'literal');
  const leading = tail.items.slice(0, lead < 0 ? tail.items.length : lead).map((i) => (i.kind === 'literal' ? i.text : '')).join('');
  const after = active.length >= ENDING_LINES ? / */u.exec(leading)![0] : '';
  const tailItems = [...literal(leading.slice(after.length)), ...tail.items.slice(lead < 0 ? tail.items.length : lead)];
  const { start, message, ending } = messageOf(rests.map((r, k) => spaces + r.slice(0, tail.ends[k]) + after));
  [...literal(start), message, ...literal(ending), ...tailItems].forEach(add);
  return { items: widenCentred(items), fitted: active };
}

const literal = (text: string): Item[] => (text === '' ? [] : [{ kind: 'literal', text }]);

/**
 * The message, from what the lines hold between the fields before and after it: the text every line has
 * at its start and its end (startOf, endingOf), and between them the message's values. Spaces those
 * literals would take are the message's padding where its short values fill one width with them
 * (`%(message)12s`, `%(message)-40s`); values that all stop at one length are cut to it.
 */
function messageOf(regions: readonly string[]): { start: string; message: Item; ending: string } {
  const start = startOf(regions);
  const ending = endingOf(regions.map((r) => r.slice(start.length)));
  const body = (head: string, end: string) => regions.map((r) => [...r.slice(head.length, r.length - end.length)]);
  const [lead, trail] = [start.trimEnd(), ending.trimStart()];
  // Padding takes the spaces the literals would; those the longest values show too are the literals' (`: ` before `%(message)20s`).
  const rightStart = lead + ' '.repeat(kept(body(lead, ending), 'start', start.length - lead.length));
  const leftEnd = ' '.repeat(kept(body(start, trail), 'end', ending.length - trail.length)) + trail;
  const right = padWidth(body(rightStart, ending), 'right');
  const left = right === null ? padWidth(body(start, leftEnd), 'left') : null;
  const [head, end, width, align] = right !== null ? [rightStart, ending, right, 'right' as const] : left !== null ? [start, leftEnd, left, 'left' as const] : [start, ending, null, null];
  const values = body(head, end).map((v) => (align === 'right' ? v.join('').trimStart() : align === 'left' ? v.join('').trimEnd() : v.join('')));
  // Only a padded message is read as cut: messages of one length (ids, hashes) are no sign of a precision.
  const precision = width === null ? null : cutAt(values);
  return {
    start: head,
    message: { kind: 'message', ...(width === null ? {} : { width, align: align! }), ...(precision === null || precision >= width! ? {} : { precision }), values },
    ending: end,
  };
}

/**
 * The spaces on one side that every value longer than the shortest has (a padded value needs none), up
 * to `most`. With no longer value, one: the lines print the same either way, and people write a space
 * between a padded message and what is around it (`%(message)-40s [%(name)s]`, `%(levelname)s %(message)30s`).
 */
function kept(values: readonly (readonly string[])[], side: 'start' | 'end', most: number): number {
  const shortest = Math.min(...values.map((v) => v.length));
  const spaces = values.filter((v) => v.length > shortest).map((v) => {
    const chars = side === 'start' ? v : [...v].reverse();
    const n = chars.findIndex((c) => c !== ' ');
    return n < 0 ? chars.length : n;
  });
  return Math.min(most, ...(spaces.length > 0 ? spaces : [1]));
}

/**
 * The width a column's values are padded to, on the `align` side: the shortest line's, where lines of
 * that length, a tenth of all or more, hold values of two lengths or more with spaces on that side, and
 * at most half of them have spaces on the other side (which would say the other alignment). Longer
 * values stand as they are.
 */
function padWidth(values: readonly (readonly string[])[], align: 'left' | 'right'): number | null {
  if (values.length < ENDING_LINES) return null;
  const width = Math.min(...values.map((v) => v.length));
  if (width < 2) return null;
  const filled = values.filter((v) => v.length === width);
  const [spaced, other] = align === 'right' ? [(v: readonly string[]) => v[0] === ' ', (v: readonly string[]) => v.at(-1) === ' '] : [(v: readonly string[]) => v.at(-1) === ' ', (v: readonly string[]) => v[0] === ' '];
  const padded = filled.filter(spaced);
  // Spaces on the other side of most of them say the column is aligned the other way (its ends read as literal).
  // (An empty value's padding has spaces on both sides.)
  if (filled.filter((v) => other(v) && !v.every((c) => c === ' ')).length * 2 > filled.length) return null;
  // Values of two lengths, their own spaces on the other side kept (a cut `done ` is one length with `hello`).
  const lengths = padded.map((v) => (align === 'right' ? v.join('').trimStart() : v.join('').trimEnd()).length);
  // Padding shows on many lines (a tenth of them), not only where a value happens to be short.
  return padded.length >= values.length / 10 && new Set(lengths).size >= 2 ? width : null;
}

/** Distinct values of the longest length that say a precision cut them: many, and most values of that length. */
const CUT_SEEN = 5;

/** The precision that cut the values (`%(message).3s` prints `hel`, `GET`, `con`), or null. */
function cutAt(values: readonly string[]): number | null {
  if (values.length < ENDING_LINES) return null;
  const lengths = values.map((v) => [...v].length);
  const longest = Math.max(...lengths);
  const full = new Set(values.filter((_, k) => lengths[k] === longest));
  const filled = lengths.filter((n) => n > 0);
  return longest > 0 && full.size >= CUT_SEEN && lengths.filter((n) => n === longest).length >= 0.8 * filled.length ? longest : null;
}

interface Step {
  readonly items: readonly Item[];
  /** Line index → where the step ends on it, for the lines it fits. */
  readonly ends: ReadonlyMap<number, number>;
}

const enough = (fits: number, of: number) => fits > 0 && fits >= Math.ceil(of * TYPED_SHARE);

/**
 * At the start of the lines, a time need fit only most of them: the lines it misses start another format's
 * records (basicConfig's default among a handler's timed lines), read in a later round. Not fewer: lines
 * that are no record at all would be read as the timed records' own (a message's further lines).
 */
const HEAD_SHARE = 0.5;
/** Lines looked at, at the start, for one that begins with a time. */
const HEAD_LOOK = 50;

/** A time at the cursor: the datefmts its text reads as, the one that fits the most lines (then the longest). */
function timeAt(lines: readonly string[], pos: number[], active: readonly number[]): Step | null {
  const atStart = active.every((i) => pos[i] === 0);
  const timed = (text: string) => /^\d|^[A-Z][a-z]{2}/u.test(text);
  const first = atStart ? active.slice(0, HEAD_LOOK).map((i) => lines[i]!).find(timed) : lines[active[0]!]!.slice(pos[active[0]!]);
  if (first === undefined || !timed(first)) return null;
  const fits = (n: number) => (atStart ? n > active.length * HEAD_SHARE : enough(n, active.length));
  let best: { datefmt: string; ends: Map<number, number> } | null = null;
  for (const datefmt of new Set(datefmtsFor(first.slice(0, 64)))) {
    const directives = datefmt.split('%').length - 1;
    // `%s` alone is a time where its values are ten digits that never go back (epochSeconds).
    if ((directives < 3 && datefmt !== '%s') || !/%[HIklMSs]|%[dem].*%[dem]/u.test(datefmt)) continue;
    const rx = new RegExp(renderRxIn(seq(...parseDatefmt(datefmt, []).map((p) => p.rx)), 'js'), 'uy');
    const ends = new Map<number, number>();
    for (const i of active) {
      const m = at(rx, lines[i]!, pos[i]!);
      // What follows the time is no letter or digit of it, or a level, thread or process name glued to it.
      // Seconds since the epoch have ten digits (2001 to 2286): more are literal digits glued before.
      if (m !== null && !(datefmt.startsWith('%s') && !/^\d{10}(?!\d)/u.test(m)) && (!isWordChar(lines[i]![pos[i]! + m.length] ?? ' ') || NAMES_GLUED.some((name) => at(name, lines[i]!, pos[i]! + m.length) !== null))) ends.set(i, pos[i]! + m.length);
    }
    if (datefmt === '%s' && !epochSeconds(lines, pos, ends)) continue;
    if (fits(ends.size) && (best === null || ends.size > best.ends.size || (ends.size === best.ends.size && yearFirst(datefmt, best.datefmt, lines, pos, ends)))) best = { datefmt, ends };
  }
  if (best === null) return null;
  // Milliseconds after it: Python's default `,mmm`, or `%(asctime)s.%(msecs)03d`.
  const withMsecs = new Map<number, number>();
  let unpadded = 0;
  for (const [i, end] of best.ends) {
    if (at(MSECS, lines[i]!, end) !== null) withMsecs.set(i, end + 4);
    else if (at(SHORT_MSECS, lines[i]!, end) !== null) unpadded++;
  }
  // Fewer digits on some lines: `%(msecs)d` with no zeros, a number the fields read next (nameOf).
  if (enough(withMsecs.size, best.ends.size) && unpadded === 0) {
    const [i] = withMsecs.keys();
    const sep = lines[i!]![best.ends.get(i!)!]!;
    const item: Item = sep === ',' && best.datefmt === DEFAULT_DATEFMT ? { kind: 'time', datefmt: null, msecs: null } : { kind: 'time', datefmt: best.datefmt, msecs: sep, ...(zerosAfter([...withMsecs].map(([n, end]) => lines[n]!.slice(end - 3, end))) ? { zerosAfter: true } : {}) };
    return { items: [item], ends: withMsecs };
  }
  return { items: [{ kind: 'time', datefmt: best.datefmt, msecs: null }], ends: best.ends };
}

/** Milliseconds enough that none starting with 0 is no chance: padded on the left, a tenth of them would. */
const MSECS_SEEN = 50;

/**
 * Milliseconds padded with zeros on the right (`{msecs:0<3.0f}`: 38 ms print `380`): of many, none
 * starts with 0 (but 0 ms, `000` either way), and every other first digit shows (a burst of lines within
 * one second shows a few).
 */
const zerosAfter = (digits: readonly string[]) => digits.length >= MSECS_SEEN && !digits.some((d) => d.startsWith('0') && d !== '000') && new Set(digits.map((d) => d[0])).size >= 9;

/**
 * Of two readings that fit the same lines (`25-12-01` as `%y-%m-%d` or `%d-%m-%y`), the one whose
 * year changes less than its day, then the one with the later year: a log is read in the years after
 * it is written, not decades.
 */
function yearFirst(datefmt: string, other: string, lines: readonly string[], pos: readonly number[], ends: ReadonlyMap<number, number>): boolean {
  const [mine, theirs] = [datefmt, other].map((d) => yearAndDay(d, [...ends.keys()].map((i) => lines[i]!.slice(pos[i], ends.get(i)))));
  if (mine === null || theirs === null) return false;
  return mine.days - mine.years > theirs.days - theirs.years || (mine.days - mine.years === theirs.days - theirs.years && mine.latest > theirs.latest);
}

/** A datefmt's `%y` and its day on the times: how many values each takes, and the latest year; null without both. */
function yearAndDay(datefmt: string, times: readonly string[]): { years: number; days: number; latest: number } | null {
  const { source, letters } = directiveGroups(datefmt);
  const [year, day] = [letters.indexOf('y') + 1, letters.findIndex((l) => l === 'd' || l === 'e') + 1];
  if (year === 0 || day === 0) return null;
  const rx = new RegExp(`^${source}$`, 'u');
  const [years, days] = [new Set<string>(), new Set<string>()];
  for (const time of times) {
    const m = rx.exec(time);
    if (m === null) return null;
    years.add(m[year]!);
    days.add(m[day]!.trim());
  }
  return { years: years.size, days: days.size, latest: Math.max(...[...years].map(Number)) };
}

/**
 * Seconds since the epoch, line after line: ten digits (2001 to 2286), never less than the line
 * before, and no fraction after them (that is `created`, a float).
 */
function epochSeconds(lines: readonly string[], pos: readonly number[], ends: ReadonlyMap<number, number>): boolean {
  const values = [...ends].map(([i, end]) => lines[i]!.slice(pos[i], end));
  return values.length > 1 && values.every((v, k) => /^[12]\d{9}$/u.test(v) && (k === 0 || v >= values[k - 1]!)) && [...ends].every(([i, end]) => !/^\.\d/u.test(lines[i]!.slice(end)));
}

/**
 * A level name, a thread name or a number at the cursor, maybe right-aligned in a padded column.
 * `glued`: a name from a closed set with letters or digits right after it (`INFObob`, `MainThread0`),
 * or a number with such a name right after it (`1764590000.165INFO`): the set's names are the evidence.
 */
function typedAt(lines: readonly string[], pos: number[], active: readonly number[], glued = false): Step | null {
  const shapes: [Shape, RegExp][] = glued
    ? [['level', KNOWN_LEVELS.glued], ['thread', THREADS.glued], ['process', PROCESSES.glued], ['int', /-?\d+(?:\.\d+)?/uy]]
    : [['level', LEVEL], ['thread', THREAD], ['process', PROCESS], ['int', NUMBER], ['word', REPR]];
  // Lines a shape may miss and still fit enough of them: past that, the shape is given up.
  const spare = active.length - Math.ceil(active.length * TYPED_SHARE);
  for (const [shape, rx] of shapes) {
    const ends = new Map<number, number>();
    const values: string[] = [];
    const spans: number[] = [];
    let missed = 0;
    const filling = new Set<number>();
    for (const i of active) {
      const text = lines[i]!;
      let p = pos[i]!;
      while (text[p] === ' ') p++;
      // A level that fills its column has the message glued to it (`%(levelname)-8s%(message)s`: CRITICALtrailing).
      const alone = at(rx, text, p);
      const m = alone ?? (rx === LEVEL ? at(KNOWN_LEVELS.glued, text, p) : null);
      if (m === null) {
        if (++missed > spare) break;
        continue;
      }
      if (alone === null) filling.add(values.length);
      ends.set(i, p + m.length);
      values.push(m);
      spans.push(p + m.length - pos[i]!);
    }
    if (!enough(ends.size, active.length)) continue;
    if (filling.size > 0 && !fillsColumn(values, filling)) continue;
    // Upper-case words beside known names; a column of their starts (`INF`, `AUD`) is wordAt's, cut by a precision.
    if (shape === 'level' && values.filter(isKnownLevel).length * 2 <= values.length) continue;
    if (glued && shape === 'int' && !gluedNumber(lines, ends, values)) continue;
    if (shape === 'int' && values.every((v) => v === values[0]) && !standsAlone(lines[active[0]!]!, ends.get(active[0]!)! - values[0]!.length, ends.get(active[0]!)!)) continue;
    if (shape === 'thread') digitsAfterName(lines, ends, values, spans);
    const padded = spans.some((s, k) => s !== values[k]!.length);
    // Spaces that are no column's padding: a column pads values of different lengths to one width, or
    // pads some to it while longer ones print whole after the spaces every line has (`%(threadName)15s`).
    const width = padded ? columnWidth(spans, values) : null;
    if (padded && (width === null || sameLength(values))) continue;
    if (rx === REPR) {
      if (values.every((v) => v === values[0])) continue; // a constant in quotes is literal
      const text = values.map((v) => v.slice(1, -1));
      return { items: [{ kind: 'field', shape: namedShapeOf(text), values: text, width, align: padded ? 'right' : null, repr: true }], ends };
    }
    // A '-' before every number is the format's (`%(threadName)s-%(thread)d`): no attribute is negative on every line.
    if (shape === 'int' && values.every((v) => v.startsWith('-'))) return { items: [{ kind: 'literal', text: '-' }], ends: new Map([...ends].map(([i, end], k) => [i, end - values[k]!.length + 1])) };
    const kind: Shape = shape === 'int' && values.some((v) => v.includes('.')) ? 'float' : shape;
    const zeros = shape === 'int' && !padded ? zeroWidth(values) : null;
    if (zeros !== null) return { items: [{ kind: 'field', shape: kind, values, width: zeros, align: 'right', zeros: true }], ends };
    const glue = !padded ? gluedDigits(values) : { before: '', after: '' };
    const cut = values.map((v) => v.slice(glue.before.length, v.length - glue.after.length));
    // More digits than a float's repr has are a number glued after it (`%(relativeCreated)s%(lineno)d`).
    const repr = kind === 'float' && !padded ? splitRepr(cut) : null;
    if (repr !== null) {
      return { items: [...literal(glue.before), { kind: 'field', shape: 'float', values: repr.floats, width: null, align: null }, { kind: 'field', shape: 'int', values: repr.rest, width: null, align: null }, ...literal(glue.after)], ends };
    }
    // The spaces before the column on every line are the separator people write (`%(asctime)s %(levelname)8s`), not padding.
    const least = padded ? Math.min(...values.map((v, k) => spans[k]! - v.length)) : 0;
    const separated = width === null ? 0 : shape === 'level' ? width - levelWidth(width - least, width - 1) : least;
    const field: Item = { kind: 'field', shape: kind, values: cut, width: width === null ? null : width - separated, align: padded ? 'right' : null };
    return { items: [...(separated > 0 ? [{ kind: 'literal', text: ' '.repeat(separated) } as const] : []), ...(glue.before ? [{ kind: 'literal', text: glue.before } as const] : []), field, ...(glue.after ? [{ kind: 'literal', text: glue.after } as const] : [])], ends };
  }
  return null;
}

/**
 * Digits glued after thread names (`MainThread1`): the names that end in digits (`Thread-1`,
 * `ThreadPoolExecutor-0_1`) take them too, and only the others show them apart. Where those all have
 * the same digits after them, and the rest end in them, the digits are literal: taken off the values
 * and their lines' ends (in place).
 */
function digitsAfterName(lines: readonly string[], ends: Map<number, number>, values: string[], spans: number[]): void {
  const lineOf = [...ends.keys()];
  const after = values.map((v, k) => (/\d$/u.test(v) ? null : /^\d+/u.exec(lines[lineOf[k]!]!.slice(ends.get(lineOf[k]!)))?.[0] ?? ''));
  const shown = new Set(after.filter((a) => a !== null));
  const [digits] = shown;
  if (shown.size !== 1 || digits === '' || after.filter((a) => a !== null).length < 2) return;
  const taken = values.map((v, k) => (after[k] === null ? v.slice(0, -digits!.length) : v));
  if (!taken.every((v, k) => after[k] !== null || (values[k]!.endsWith(digits!) && at(THREADS.glued, v, 0) === v))) return;
  for (const [k, v] of taken.entries()) {
    if (after[k] !== null) continue;
    ends.set(lineOf[k]!, ends.get(lineOf[k]!)! - digits!.length);
    spans[k] = spans[k]! - digits!.length;
    values[k] = v;
  }
}

/** Glued values (at `filling`) of one length, the longest: they fill a column the others are padded to. */
function fillsColumn(values: readonly string[], filling: ReadonlySet<number>): boolean {
  const glued = values.filter((_, k) => filling.has(k)).map((v) => [...v].length);
  return new Set(glued).size === 1 && values.every((v) => [...v].length <= glued[0]!);
}

/**
 * The width (with the spaces before it) of a right-aligned column: the one every padded value fills,
 * where each other value is longer and has only the spaces every line has before it; or null.
 */
function columnWidth(spans: readonly number[], values: readonly string[]): number | null {
  const lead = spans.map((s, k) => s - values[k]!.length);
  const least = Math.min(...lead);
  const filled = spans.filter((_, k) => lead[k]! > least);
  if (filled.length === 0) return null;
  const width = Math.max(...filled);
  return spans.every((s, k) => s === width || (lead[k] === least && s > width)) ? width : null;
}

/**
 * What may close a centred column (`[{levelname:^8}]`, `| {name:^12} |`, `<{lineno:^4d}>`, ` - `), or
 * null: the next word (`{levelname:^8s} {funcName}`, `{levelname:^8} {message}`).
 */
const CENTRE_ENDS = [...']|>)}:;,-=', null];
/** A centred value before the next word: a name, a number, or `Level N`. */
const CENTRED_WORD = /Level -?\d+|\S+/uy;

interface Cell { readonly lead: number; readonly value: string; readonly trail: number }

/**
 * A centred column (`{levelname:^8}`): each value padded to one width with spaces on both sides, the
 * left taking the smaller half (str.format's `^`), longer values whole. Values of two lengths or more,
 * one at least padded on both sides: else the spaces are literal or one side's padding. Spaces every
 * line has on a side are separators. Before the next word, more spaces after are the message's
 * (`  leading spaces`).
 */
function centredAt(lines: readonly string[], pos: number[], active: readonly number[]): Step | null {
  if (!active.some((i) => lines[i]![pos[i]!] === ' ')) return null;
  const spare = active.length - Math.ceil(active.length * TYPED_SHARE);
  let best: { width: number; step: Step } | null = null;
  for (const end of CENTRE_ENDS) {
    const cells = new Map<number, Cell>();
    let missed = 0;
    for (const i of active) {
      const cell = cellAt(lines[i]!, pos[i]!, end);
      if (cell === null) {
        if (++missed > spare) break;
        continue;
      }
      cells.set(i, cell);
    }
    if (!enough(cells.size, active.length)) continue;
    const width = centredWidth([...cells.values()], end === null);
    if (width === null || (best !== null && best.width <= width.inner)) continue;
    const ends = new Map([...cells].map(([i, c]) => [i, pos[i]! + c.lead + c.value.length + width.after + centredFill(c, width.inner)] as const));
    const printed = [...cells.values()].map((c) => c.value);
    // In quotes, `!r` printed them (`{name!r:^20}`).
    const repr = printed.every((v) => /^'[^'\n]*'$/u.test(v));
    const values = repr ? printed.map((v) => v.slice(1, -1)) : printed;
    const field: Item = { kind: 'field', shape: namedShapeOf(values), values, width: width.inner, align: 'centre', ...(repr ? { repr } : {}) };
    best = { width: width.inner, step: { items: [...literal(' '.repeat(width.before)), field, ...literal(' '.repeat(width.after))], ends } };
  }
  return best?.step ?? null;
}

/** The spaces, value and spaces from `start` up to `end` (a character), or around the word there; null where none. */
function cellAt(line: string, start: number, end: string | null): Cell | null {
  let p = start;
  while (line[p] === ' ') p++;
  if (end !== null) {
    const j = line.indexOf(end, start);
    const value = j < 0 ? '' : line.slice(p, j).trimEnd();
    return value === '' ? null : { lead: p - start, value, trail: j - p - value.length };
  }
  const value = at(CENTRED_WORD, line, p);
  if (value === null) return null;
  let q = p + value.length;
  while (line[q] === ' ') q++;
  return { lead: p - start, value, trail: q - p - value.length };
}

/**
 * The width of centred cells, and the separator spaces on each side (centredAt), of those the cells fit
 * (an odd fill's extra space goes after, so spaces every line has after may be padding); null where they
 * are not centred. `loose`: a cell may have more spaces after it (the next word's own).
 */
function centredWidth(cells: readonly Cell[], loose: boolean): { inner: number; before: number; after: number } | null {
  const length = (c: Cell) => [...c.value].length;
  const leastLead = Math.min(...cells.map((c) => c.lead));
  const leastTrail = Math.min(...cells.map((c) => c.trail));
  // Before the next word, spaces after a value may be the word's: only those before show padding.
  const padded = cells.filter((c) => c.lead > leastLead || (!loose && c.trail > leastTrail));
  if (!padded.some((c) => c.lead > leastLead && c.trail > leastTrail) || new Set(padded.map(length)).size < 2) return null;
  // The span most padded cells fill (a few more spaces after some are the next word's).
  const spans = new Map<number, number>();
  for (const c of padded) spans.set(c.lead + length(c) + c.trail, (spans.get(c.lead + length(c) + c.trail) ?? 0) + 1);
  if (!loose && spans.size !== 1) return null;
  const [span] = [...spans].sort((x, y) => y[1] - x[1] || x[0] - y[0])[0]!;
  // Fewest separator spaces first (`[{name:^30}]`); before the next word, one each side first, as people write them.
  // Up to two a side: more spaces the literals share are widenCentred's.
  const tries: [number, number][] = [];
  for (let before = 0; before <= Math.min(2, leastLead); before++) for (let after = 0; after <= Math.min(2, leastTrail); after++) tries.push([before, after]);
  const cost = ([before, after]: [number, number]) => before + after + (loose ? 10 * (Math.abs(before - Math.min(1, leastLead)) + Math.abs(after - Math.min(1, leastTrail))) : 0);
  for (const [before, after] of tries.sort((x, y) => cost(x) - cost(y))) {
    const inner = span - before - after;
    if (cells.every((c) => fitsCentred(c, inner, before, after, loose))) return { inner, before, after };
  }
  return null;
}

/**
 * Spaces a centred column's literals have on both sides of it are its padding, where no value is wider
 * than the column (`^` pads both sides by as many more): inside brackets all (`[{name:^30}]`), else
 * less the separator people write (` - {module:^30} - `).
 */
function widenCentred(items: readonly Item[]): Item[] {
  const out = [...items];
  for (const [k, item] of out.entries()) {
    const [left, right] = [out[k - 1], out[k + 1]];
    if (item.kind !== 'field' || item.align !== 'centre' || left?.kind !== 'literal' || right?.kind !== 'literal' || item.values.some((v) => [...v].length + (item.repr ? 2 : 0) > item.width!)) continue;
    const separator = /[[({<]$/u.test(left.text.trimEnd()) ? 0 : 1;
    const spaces = Math.min(/ *$/u.exec(left.text)![0].length, /^ */u.exec(right.text)![0].length) - separator;
    if (spaces < 1) continue;
    out[k - 1] = { kind: 'literal', text: left.text.slice(0, -spaces) };
    out[k] = { ...item, width: item.width! + 2 * spaces };
    out[k + 1] = { kind: 'literal', text: right.text.slice(spaces) };
  }
  return out;
}

/** The spaces `^inner` puts after a value (the larger half). */
const centredFill = (c: Cell, inner: number) => {
  const fill = Math.max(0, inner - [...c.value].length);
  return fill - Math.floor(fill / 2);
};

/** The cell as `^inner` prints its value between separators of `before` and `after` spaces. */
function fitsCentred(c: Cell, inner: number, before: number, after: number, loose: boolean): boolean {
  const fill = Math.max(0, inner - [...c.value].length);
  const trail = after + centredFill(c, inner);
  return c.lead === before + Math.floor(fill / 2) && (c.trail === trail || (loose && c.trail > trail));
}

/** A level column is 8 wide (CRITICAL's `-8s`, `8s`) wherever its `room`, less a separator, allows; else as wide as its values `fit`. */
const levelWidth = (fit: number, room: number) => (fit < 8 && room >= 8 ? 8 : fit);

/**
 * The width of a zero-padded number (`%(lineno)04d`, `%(process)06d`): Python prints a leading zero
 * only to fill such a width, so every value with one is that wide and none is narrower. Where the
 * lengths of values that all start with 0 differ, the 0 is a literal (gluedDigits).
 */
function zeroWidth(values: readonly string[]): number | null {
  const zeros = values.filter((v) => /^0\d/u.test(v));
  const width = zeros[0]?.length;
  // A float's as much (`%(msecs)012.1f`), its decimals one count on every line.
  const decimals = new Set(values.map((v) => v.split('.')[1]?.length ?? 0));
  if (width === undefined || decimals.size !== 1 || !values.every((v) => /^\d+(?:\.\d+)?$/u.test(v) && v.length >= width)) return null;
  return zeros.every((v) => v.length === width) ? width : null;
}

/** Distinct values enough that a digit they all end with is the format's, not chance. */
const DIGITS_SEEN = 8;

/**
 * Literal digits glued to a number that varies: a `0` before it where its length varies (Python prints
 * no leading zero but in a fixed width), the digits before or after level numbers (`420`, `8250`, `2003`),
 * and the digits all of many distinct values of varying length start or end with (`9573`, `1213`: 957
 * and 121, then `3`).
 */
function gluedDigits(values: readonly string[]): { before: string; after: string } {
  const distinct = new Set(values);
  const lengths = new Set(values.map((v) => v.length));
  // One fraction on many distinct floats, `0` then digits not all zeros (`165.016`, `961.016`): a whole
  // float's repr (`165.0`, msecs) with the digits glued after it.
  const fraction = new Set(values.map((v) => v.split('.')[1]));
  const [only] = fraction;
  if (distinct.size >= DIGITS_SEEN && fraction.size === 1 && only !== undefined && /^0\d*[1-9]\d*$/u.test(only)) return { before: '', after: only.slice(1) };
  let after = '';
  // Fractions all as long are a precision's (`%(msecs)f`: 165.000000), none of their digits glued on.
  const fractions = new Set(values.map((v) => v.split('.')[1]?.length ?? -1));
  if (distinct.size >= DIGITS_SEEN && lengths.size > 1 && values.every((v) => /^\d+(?:\.\d+)?$/u.test(v)) && !(fractions.size === 1 && !fractions.has(-1))) {
    // A fraction's last digits vary too; a float is left its leading digits (times since the epoch share theirs).
    while (values.every((v) => /\d$/u.test(v.slice(0, v.length - after.length - 1)) && v.endsWith(values[0]!.slice(values[0]!.length - after.length - 1)))) after = values[0]!.slice(values[0]!.length - after.length - 1);
  }
  if (distinct.size >= 2 && lengths.size > 1 && values.every((v) => /^0\d+\.\d+$/u.test(v))) return { before: '0', after };
  // A time since the epoch has ten digits before its point (until 2286): those before them are literal.
  const epoch = values.map((v) => /^(\d+)\d{10}\.\d+$/u.exec(v)?.[1]);
  if (distinct.size >= 2 && epoch.every((e) => e !== undefined && e === epoch[0])) return { before: epoch[0]!, after };
  // Floats whose whole parts differ in length, all of many starting with the same digits: those are literal
  // (`4165.0`, `45.0`: `4`, then msecs). Not ten digits or more: a time since the epoch's, read above.
  const whole = values.map((v) => /^(\d{1,9})\.\d+$/u.exec(v)?.[1]);
  if (distinct.size >= DIGITS_SEEN && whole.every((w) => w !== undefined) && new Set(whole.map((w) => w!.length)).size > 1) {
    let shared = '';
    while (whole.every((w) => w!.length > shared.length + 1 && w![shared.length] === whole[0]![shared.length])) shared += whole[0]![shared.length];
    if (shared !== '') return { before: shared, after };
  }
  if (distinct.size < 2 || values.some((v) => !/^\d+$/u.test(v))) return { before: '', after };
  let before = '';
  const lead = (c: string | undefined) => c === '0' || (c !== undefined && distinct.size >= DIGITS_SEEN);
  if (lengths.size > 1) while (lead(values[0]![before.length]) && values.every((v) => v.length > before.length + 1 && v[before.length] === values[0]![before.length])) before += values[0]![before.length];
  else {
    // The digits every value starts or ends with, around level numbers (`8220`, `8250`: `82`, then 20
    // and 50; `2003`, `5003`: 20 and 50, then `03`).
    const [first] = values as [string];
    for (let n = 1; n < first.length && values.every((v) => v.startsWith(first.slice(0, n))); n++) {
      if (looksLikeLevelnos(values.map((v) => v.slice(n)))) before = first.slice(0, n);
    }
    for (let n = 1; before === '' && n < first.length && values.every((v) => v.endsWith(first.slice(-n))); n++) {
      if (looksLikeLevelnos(values.map((v) => v.slice(0, -n)))) after = first.slice(-n);
    }
  }
  if (values.some((v) => v.length <= before.length + after.length)) after = '';
  return { before, after };
}

const STANDARD_LEVELNOS = new Set(['10', '20', '30', '40', '50']);
/** Numbers that are levels: none above 50, two of logging's own levels among them, and those at least half of them. */
export function looksLikeLevelnos(values: readonly string[]): boolean {
  const standard = values.filter((v) => STANDARD_LEVELNOS.has(v));
  return values.every((v) => /^\d{1,2}$/u.test(v) && Number(v) <= 50) && new Set(standard).size >= 2 && standard.length * 2 >= values.length;
}

/**
 * A number glued to what follows it, where that shows where it ends: a level, thread or process name
 * (`1764590000.165INFO`), the same character on every line (`20éc`: a literal), or letters after a
 * fraction (`165.093Ypool`; a fraction is no hex id's start).
 */
function gluedNumber(lines: readonly string[], ends: ReadonlyMap<number, number>, values: readonly string[]): boolean {
  if (new Set(values).size < 2) return false;
  const after = [...ends].map(([i, end]) => lines[i]!.slice(end));
  if (after.every((rest) => NAMES_GLUED.some((name) => at(name, rest, 0) !== null))) return true;
  if (after.every((rest) => rest[0] !== undefined && rest[0] === after[0]![0])) return true;
  return values.every((v) => v.includes('.')) && after.every((rest) => /^\p{L}/u.test(rest));
}

const NAMES_GLUED = [KNOWN_LEVELS.glued, THREADS.glued, PROCESSES.glued];

/**
 * A number every line has is literal text (written once, it prints the same), unless it looks like the
 * pid of one process run: after a label (`pid=`, `process `), in brackets (`[1]`), or three digits or
 * more with no letter or digit glued to either side. `43]` and `4242Y` are literal.
 */
function standsAlone(line: string, start: number, end: number): boolean {
  const before = line.slice(0, start);
  if (/(?:pid|process)\W?\s*$/iu.test(before)) return true;
  const [open, close] = [before.at(-1) ?? '', line[end] ?? ''];
  if ((open === '[' && close === ']') || (open === '(' && close === ')')) return true;
  return end - start >= 3 && !isWordChar(open || ' ') && !isWordChar(close || ' ');
}

/** Significant digits a float's repr has at most (the shortest that reads back, as Python prints it). */
const REPR_DIGITS = 17;
const significant = (v: string) => v.replace(/^-?[0.]*/u, '').replace('.', '').length;
/** Python's repr of the float a decimal reads as (JavaScript's shortest, with Python's `.0`; no exponent below 1e16). */
const pythonRepr = (v: string) => {
  const js = String(Number(v));
  return /[.e]/u.test(js) ? js : `${js}.0`;
};

/**
 * Floats with digits glued after them: most with more significant digits than a repr has, decimals of
 * more than one count, each split where the longest start that is a float's repr ends. Null where they
 * are no such floats.
 */
function splitRepr(values: readonly string[]): { floats: string[]; rest: string[] } | null {
  // A precision prints one count of decimals on every line (`%(created).9f`): no repr.
  if (new Set(values.map((v) => v.length - v.indexOf('.'))).size < 2 || !enough(values.filter((v) => significant(v) > REPR_DIGITS).length, values.length)) return null;
  const floats: string[] = [];
  const rest: string[] = [];
  for (const v of values) {
    let end = v.length - 1;
    while (end > v.indexOf('.') + 1 && (significant(v.slice(0, end)) > REPR_DIGITS || pythonRepr(v.slice(0, end)) !== v.slice(0, end))) end--;
    if (end <= v.indexOf('.') + 1) return null;
    floats.push(v.slice(0, end));
    rest.push(v.slice(end));
  }
  return { floats, rest };
}

/** Two floats glued, the second a time since the epoch (ten whole digits): `165.0` `1764590000.1650934` (`$msecs${created}`). */
const FLOATS_GLUED = /(\d+\.\d+?)([12]\d{9}\.\d+)(?![\d.])/uy;

function floatsGlued(lines: readonly string[], pos: number[], active: readonly number[]): Step | null {
  const found = active.map((i) => {
    FLOATS_GLUED.lastIndex = pos[i]!;
    return FLOATS_GLUED.exec(lines[i]!);
  });
  if (found.some((m) => m === null)) return null;
  const ends = new Map(active.map((i, k) => [i, pos[i]! + found[k]![0].length]));
  const field = (n: 1 | 2): Item => ({ kind: 'field', shape: 'float', values: found.map((m) => m![n]!), width: null, align: null });
  return { items: [field(1), field(2)], ends };
}

/**
 * Literal text glued to a level, thread or process name (`YMainThread`, `cINFO`), or with `time` to a
 * time (`9` then `11:53:20`, where `911` would read as a number): the same few characters on every
 * line, then what typedAt or timeAt reads next.
 */
function gluedBefore(lines: readonly string[], pos: number[], active: readonly number[], time = false): Step | null {
  const first = lines[active[0]!]!;
  const start = pos[active[0]!]!;
  for (let k = 1; k <= GLUED && start + k < first.length; k++) {
    const text = first.slice(start, start + k);
    if (!isWordChar(text.at(-1)!)) return null;
    if (!active.every((i) => lines[i]!.startsWith(text, pos[i]!))) return null;
    const literal: Step = { items: [{ kind: 'literal', text }], ends: new Map(active.map((i) => [i, pos[i]! + k])) };
    if (time) {
      if (timeAt(lines, pos.map((p) => p + k), active) !== null) return literal;
      continue;
    }
    for (const rx of NAMES_GLUED) {
      const fits = active.filter((i) => at(rx, lines[i]!, pos[i]! + k) !== null);
      if (enough(fits.length, active.length)) return literal;
    }
  }
  return null;
}

/** What the lines have at the cursor: a character most have, or a whole word all have (a word is never split). */
function literalAt(lines: readonly string[], pos: number[], active: readonly number[]): Step | null {
  const counts = new Map<string, number>();
  const texts = active.map((i) => {
    const c = lines[i]![pos[i]!];
    const text = c === undefined ? '' : isWordChar(c) ? at(WORD, lines[i]!, pos[i]!)! : c;
    counts.set(text, (counts.get(text) ?? 0) + 1);
    return text;
  });
  const [text, fits] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  // Punctuation (a bracket another format lacks) may part the lines; a word every line must have, or it
  // is a field's value. A space parts them only from lines with punctuation there (`%(levelname)s:` beside
  // `%(levelname)s `): where the others have a value, the spaces are a padded column's (`%(message)20s`).
  const parts = text === ' ' ? texts.every((t) => t === ' ' || (t !== '' && !isWordChar(t[0]!))) : !isWordChar(text[0] ?? ' ');
  if (text !== '' && !parts && fits < active.length && gluedToColumn(lines, pos, active, text)) return { items: [{ kind: 'literal', text }], ends: new Map(active.map((i) => [i, pos[i]! + text.length])) };
  if (text === '' || !(parts ? enough(fits, active.length) : fits === active.length)) return null;
  // A '/' before a word on every line starts an absolute path (a pathname), not a literal: one with a
  // directory, or a `.py` file (`/srv/app/db.py`, `/app.py`); not `MainProcess/MainThread`'s.
  if (text === '/' && active.every((i) => /^\/[\p{L}\p{N}_].*(?:\/|\.pyw?$)/u.test(at(WORD, lines[i]!, pos[i]!) ?? ''))) return null;
  return { items: [{ kind: 'literal', text }], ends: new Map(active.flatMap((i, k) => (texts[k] === text ? [[i, pos[i]! + text.length] as const] : []))) };
}

/**
 * A word every line starts with, before the spaces of a right-aligned column on most lines (more than
 * half; counts that differ) and glued to the values too wide for it on the others (`583        pool`, `583connectionpool`).
 */
function gluedToColumn(lines: readonly string[], pos: readonly number[], active: readonly number[], text: string): boolean {
  if (!active.every((i) => lines[i]!.startsWith(text, pos[i]))) return false;
  const spaces = active.flatMap((i) => {
    const n = / */uy;
    n.lastIndex = pos[i]! + text.length;
    return [n.exec(lines[i]!)![0].length].filter((s) => s > 0);
  });
  return spaces.length * 2 > active.length && new Set(spaces).size >= 2;
}

/**
 * A column of words padded on the left (`%(funcName)12s`, `{name:>10}`): spaces that fill words of
 * different lengths up to one width, except those as wide or wider (no padding: only the spaces every
 * line has, which are literal). The words are read as wordAt reads them.
 */
function rightAligned(lines: readonly string[], pos: number[], active: readonly number[]): Step | null {
  if (active.length < 2 || !active.some((i) => lines[i]![pos[i]!] === ' ')) return null;
  const spaces = active.map((i) => {
    let p = pos[i]!;
    while (lines[i]![p] === ' ') p++;
    return p - pos[i]!;
  });
  const after = [...pos];
  active.forEach((i, k) => (after[i] = pos[i]! + spaces[k]!));
  const word = wordAt(lines, after, active);
  const field = word?.items[0];
  if (word === null || field?.kind !== 'field') return null;
  const totals = field.values.map((v, k) => spaces[k]! + [...v].length);
  const literal = Math.min(...spaces);
  const padded = totals.filter((_, k) => spaces[k]! > literal);
  const total = padded[0];
  if (total === undefined || padded.some((t) => t !== total) || totals.some((t, k) => t !== total && !(spaces[k] === literal && t > total))) return null;
  if (new Set(field.values.map((v) => v.length)).size < 2) return null;
  // Most values as wide as the column, many of them: cut to its width too (`%(name)8.3s`).
  const lengths = field.values.map((v) => [...v].length);
  const cut = field.shape === 'word' && field.precision === undefined && cutToWidth(field.values, lengths, total - literal, 0) ? { precision: total - literal } : {};
  const items: Item[] = [...(literal > 0 ? [{ kind: 'literal', text: ' '.repeat(literal) } as const] : []), { ...field, width: total - literal, align: 'right', ...cut }, ...word.items.slice(1)];
  return { items, ends: word.ends };
}

/**
 * Thread names and their starts, as a precision cuts them (`%(threadName)-12.12s` prints `ThreadPoolEx`,
 * `Thread-1 (wo`): the shapes of catalogue.ts THREAD_NAMES.
 */
const threadStart = (v: string) =>
  at(THREAD, v, 0) === v || /^Thread-\d+ \(/u.test(v) || /^ThreadPoolExecutor-\d+_?$/u.test(v) || ['MainThread', 'ThreadPoolExecutor-', 'Thread-', 'Dummy-'].some((name) => name.startsWith(v));

/**
 * A column of thread names padded and cut to one width between the brackets every line has
 * (`[%(threadName)-12.12s]`): the names hold spaces (`Thread-1 (worker)`), so no word reads them.
 */
function threadColumn(lines: readonly string[], pos: number[], active: readonly number[]): Step | null {
  if (lines[active[0]!]![pos[active[0]!]! - 1] !== '[') return null;
  const cells = active.map((i) => {
    const end = lines[i]!.indexOf(']', pos[i]);
    return end < 0 ? '' : lines[i]!.slice(pos[i], end);
  });
  const width = cells[0]!.length;
  const values = cells.map((c) => c.trimEnd());
  if (width < 2 || cells.some((c) => c.length !== width) || values.some((v) => v === '' || !threadStart(v))) return null;
  if (!values.some((v) => v.includes(' ')) || !values.some((v) => v.length === width) || !values.some((v) => v.length < width)) return null;
  return { items: [{ kind: 'field', shape: 'thread', values, width, align: 'left', precision: width }], ends: new Map(active.map((i) => [i, pos[i]! + width])) };
}

/** A word whose values differ, followed by what every line has next; affixes all values share are literal. */
function wordAt(lines: readonly string[], pos: number[], active: readonly number[]): Step | null {
  const words = active.map((i) => at(WORD, lines[i]!, pos[i]!) ?? '');
  // A file name ends at `.py`, whatever is glued after it (`pool.pyconnect`); a name glued before an
  // absolute path ends where the path starts (`connect/srv/app/db.py`), and so does one before a level or thread name.
  const endAt = (rx: RegExp) => {
    const parts = words.map((v) => rx.exec(v)?.[0]);
    return parts.every((p) => p !== undefined) && new Set(parts).size > 1 ? (parts as string[]) : null;
  };
  const found = endAt(PY_GLUED) ?? endAt(BEFORE_PATH) ?? endAt(BEFORE_NAME) ?? words;
  // Names joined by a slash (`[%(name)s/%(threadName)s/%(levelname)s]`): no path's, where none starts at the root or names a .py file.
  const slash = found.map((v) => v.indexOf('/'));
  if (slash.every((at) => at > 0) && !found.some((v) => /\.pyw?\b/u.test(v)) && new Set(found.map((v, k) => v.slice(0, slash[k]))).size > 1) {
    const values = found.map((v, k) => v.slice(0, slash[k]));
    return { items: [{ kind: 'field', shape: shapeOf(values), values, width: null, align: null }, { kind: 'literal', text: '/' }], ends: new Map(active.map((i, k) => [i, pos[i]! + slash[k]! + 1])) };
  }
  const next = active.map((i, k) => lines[i]![pos[i]! + found[k]!.length] ?? '');
  if (found.some((v) => v === '') || (found === words && next.some((n) => n !== next[0]))) return null;
  let prefix = affix(found, (a, b) => a.startsWith(b), (v, n) => v.slice(0, n)) || pathPrefix(found);
  let suffix = affix(found, (a, b) => a.endsWith(b), (v, n) => v.slice(v.length - n)) || afterPy(found);
  const named = nameAndNumber(found.map((v) => v.slice(prefix.length, v.length - suffix.length)));
  if (named !== null) return { items: [...literal(prefix), ...named, ...literal(suffix)], ends: new Map(active.map((i, k) => [i, pos[i]! + found[k]!.length])) };
  // Letters every line has before a number that varies, with more glued after it (`Z165.0MainProcess`):
  // the letters alone, and the number is read next. A number with letters glued after it (`8220pool.py`;
  // not an id of hex digits): the number, its glued digits literal.
  const letters = prefix.replace(/\d+$/u, '');
  const rests = found.map((v) => v.slice(letters.length));
  if (rests.every((r) => /^\d+(?:\.\d+)?\D/u.test(r)) && new Set(rests.map((r) => /^[\d.]+/u.exec(r)![0])).size > 1) {
    if (letters !== '') return { items: [{ kind: 'literal', text: letters }], ends: new Map(active.map((i) => [i, pos[i]! + letters.length])) };
    if (!found.every((v) => /^[\da-f]{8}/iu.test(v))) {
      const numbers = found.map((v) => /^[\d.]+/u.exec(v)![0]);
      const glue = gluedDigits(numbers);
      const values = numbers.map((v) => v.slice(glue.before.length, v.length - glue.after.length));
      const items: Item[] = [...(glue.before ? [{ kind: 'literal', text: glue.before } as const] : []), { kind: 'field', shape: shapeOf(values), values, width: null, align: null }, ...(glue.after ? [{ kind: 'literal', text: glue.after } as const] : [])];
      return { items, ends: new Map(active.map((i, k) => [i, pos[i]! + numbers[k]!.length])) };
    }
  }
  // Numbers share leading digits of their own (times since the epoch): the literal letters glued before
  // one end at its first digit, and the digits glued to it are gluedDigits'.
  const number = /^\D*?(-?\d+(?:\.\d+)?)$/u;
  if (found.every((v) => v.startsWith(prefix.replace(/\d+$/u, '')) && number.test(v.slice(prefix.replace(/\d+$/u, '').length)))) {
    prefix = prefix.replace(/\d+$/u, '');
    const numbers = found.map((v) => v.slice(prefix.length));
    if (numbers.every((v) => number.exec(v)![1] === v)) {
      const glue = gluedDigits(numbers);
      prefix += glue.before;
      suffix = glue.after || suffix;
    }
  }
  let values = found.map((v) => v.slice(prefix.length, v.length - suffix.length));
  if (values.some((v) => v === '')) return null;
  // An identifier and a number joined by a hyphen (`connect-957`, `[%(funcName)s-%(lineno)d]`): no identifier holds one.
  const joined = values.map((v) => /^(<\w+>|[\p{L}_][\p{L}\p{N}_]*)-\d+$/u.exec(v)?.[1]);
  if (joined.every((v) => v !== undefined) && new Set(joined).size > 1 && new Set(values.map((v, k) => v.slice(joined[k]!.length))).size > 1) {
    const ends = new Map(active.map((i, k) => [i, pos[i]! + prefix.length + joined[k]!.length + 1]));
    return { items: [...literal(prefix), { kind: 'field', shape: 'word', values: joined as string[], width: null, align: null }, { kind: 'literal', text: '-' }], ends };
  }
  // Two fields glued around a literal (`connect095pool`): the text every value has inside it, between parts that vary.
  const inner = innerLiteral(values);
  if (inner !== null) {
    values = values.map((v) => v.slice(0, v.indexOf(inner)));
    const ends = new Map(active.map((i, k) => [i, pos[i]! + prefix.length + values[k]!.length + inner.length]));
    return { items: [...(prefix ? [{ kind: 'literal', text: prefix } as const] : []), { kind: 'field', shape: shapeOf(values), values, width: null, align: null }, { kind: 'literal', text: inner }], ends };
  }
  const shape = shapeOf(values);
  // `%(levelname).3s` prints `INF`, `WAR`: the start of each level name, all as long.
  const cut = (shape === 'level' && sameLength(values) && !values.every(isKnownLevel)) || (shape === 'word' && cutShort(values)) ? { precision: Math.max(...values.map((v) => v.length)) } : {};
  const items: Item[] = [
    ...(prefix ? [{ kind: 'literal', text: prefix } as const] : []),
    { kind: 'field', shape, values, width: null, align: null, ...cut },
    ...(suffix ? [{ kind: 'literal', text: suffix } as const] : []),
  ];
  return { items, ends: new Map(active.map((i, k) => [i, pos[i]! + found[k]!.length])) };
}

/**
 * A name and a number glued (`pool957`, `${module}${lineno}`): letters, then a number, with the digits
 * glued to it; null where the numbers are part of the names (gluedNumbers).
 */
function nameAndNumber(values: readonly string[]): Item[] | null {
  const split = values.map((v) => /^((?:<\w+>|[\p{L}_])+)(\d+(?:\.\d+)?)$/u.exec(v));
  if (split.some((m) => m === null)) return null;
  const [names, found] = [split.map((m) => m![1]!), split.map((m) => m![2]!)];
  const glue = gluedDigits(found);
  const numbers = found.map((v) => v.slice(glue.before.length, v.length - glue.after.length));
  if (!gluedNumbers(names, numbers)) return null;
  return [{ kind: 'field', shape: 'word', values: names, width: null, align: null }, ...literal(glue.before), { kind: 'field', shape: shapeOf(numbers), values: numbers, width: null, align: null }, ...literal(glue.after)];
}

/**
 * Numbers glued after names that are no part of them: many numbers, far apart (line numbers, level
 * numbers; not the run `web1` to `web12`, `io_0` to `io_11` of numbered hosts and threads), none with a
 * leading zero (`web08`), and two names or more each with several.
 */
function gluedNumbers(names: readonly string[], numbers: readonly string[]): boolean {
  if (names.some((n) => /[_-]$/u.test(n)) || numbers.some((n) => /^0\d/u.test(n))) return false;
  const distinct = new Set(numbers.map(Number));
  const span = Math.max(...distinct) - Math.min(...distinct) + 1;
  const seen = new Map<string, Set<string>>();
  names.forEach((name, k) => seen.set(name, (seen.get(name) ?? new Set()).add(numbers[k]!)));
  return distinct.size >= DIGITS_SEEN && distinct.size * 2 <= span && [...seen.values()].filter((n) => n.size > 1).length >= 2;
}

const sameLength = (values: readonly string[]) => values.every((v) => v.length === values[0]!.length);

/**
 * Names, modules and files cut by a precision (`%(module).3s` prints `poo`, `vie`, `con`): words of one
 * length, three or more of them, on enough lines that no chance made them so; not ids (hex digits), which
 * are of one length by nature. (A padded column cut to its width is leftPadding's.)
 */
const cutShort = (values: readonly string[]) =>
  values.length >= ENDING_LINES && sameLength(values) && new Set(values).size >= 3 && values.every((v) => /^[\p{L}_]/u.test(v)) && !values.every((v) => /^[\p{N}a-fA-F-]+$/u.test(v));

/**
 * A padded column of words cut to its width (`%(name)-6.6s`: `my_ser`, `root  `): most values fill it,
 * three or more different ones, with at most a space after them (a wider column, `-12s`, leaves more).
 */
function cutToWidth(values: readonly string[], lengths: readonly number[], width: number, after: number): boolean {
  const full = values.filter((_, k) => lengths[k] === width);
  return values.length >= ENDING_LINES && after <= 1 && new Set(full).size >= 3 && full.length * 2 >= values.length;
}

const shapeOf = (values: readonly string[]): Shape =>
  values.every((v) => /^-?\d+$/u.test(v)) ? 'int' : values.every((v) => /^-?\d+\.\d+$/u.test(v)) ? 'float' : levelColumn(values) ? 'level' : 'word';

/** The shape of values read whole, not by a shape's own pattern (in quotes, in a centred column): thread and process names too. */
const namedShapeOf = (values: readonly string[]): Shape =>
  values.every((v) => at(THREAD, v, 0) === v) ? 'thread' : values.every((v) => PROCESS_NAME.test(v)) ? 'process' : shapeOf(values);

/**
 * A word glued before a level or thread name (`…474bINFO`, `pool9573MainThread`): it ends where the name
 * starts, where no letter follows the name (not the `HTTP` of `HTTPServer`, the `ERROR` of `ERRORS`).
 * Upper-case words are level names too (addLevelName's `AUDIT`): typedAt reads them next only beside known ones.
 */
const BEFORE_NAME = new RegExp(String.raw`^\S+?(?=(?:${LEVEL_NAME_LIST.join('|')}|Level -?\d|[A-Z]{4,12})(?![\p{L}])|${js(THREAD_NAMES)})`, 'u');
const BEFORE_PATH = /^(?:<[^<>\s]*>|[\p{L}\p{N}_])+(?=\/[\p{L}\p{N}_.-]+\/)/u;
const PY_GLUED = /^[^\s]*?\.pyw?(?=[\p{L}\p{N}_<-])/u;

/** What every value has after `.py` (`views.py8`, `views.py✓`): literal; none where they end in `.py` or `.pyw` (the `w` is the file's). */
function afterPy(values: readonly string[]): string {
  if (values.every((v) => /\.pyw?$/u.test(v))) return '';
  const tail = /\.pyw?([^\s.]+)$/u.exec(values[0]!)?.[1];
  return tail !== undefined && values.length > 1 && values.every((v) => /\.pyw?$/u.test(v.slice(0, v.length - tail.length)) && v.endsWith(tail)) ? tail : '';
}

/**
 * Letters or digits (two or more) every value holds once, with text on both sides that differs from
 * line to line: the literal between two glued fields. Only read off enough lines that it is no chance.
 */
function innerLiteral(values: readonly string[]): string | null {
  // Paths share parts of their own (`/srv`, `/usr`).
  if (values.length < ENDING_LINES || values.some((v) => /[/\\]/u.test(v))) return null;
  const shortest = values.reduce((a, b) => (b.length < a.length ? b : a));
  // The first such literal (then the longest there): the part after it is read again.
  for (let start = 1; start + 2 < shortest.length; start++) {
    for (let n = shortest.length - start - 1; n >= 2; n--) {
      const text = shortest.slice(start, start + n);
      if (!/^[\p{L}\p{N}]+$/u.test(text)) continue;
      const at = values.map((v) => v.indexOf(text));
      if (at.some((a, k) => a <= 0 || a + n >= values[k]!.length || values[k]!.indexOf(text, a + 1) !== -1)) continue;
      const left = new Set(values.map((v, k) => v.slice(0, at[k])));
      const right = new Set(values.map((v, k) => v.slice(at[k]! + n)));
      // Digits that run on into a number are the number's (`é0Z7176459` then `0000`: times since the epoch).
      if (/\d$/u.test(text) && values.every((v, k) => /\d/u.test(v[at[k]! + n]!))) continue;
      if (left.size > 1 && right.size > 1) return text;
    }
  }
  return null;
}

/** Letters glued before an absolute path all values have (`Xb/srv/app/views.py`): `Xb`. */
function pathPrefix(values: readonly string[]): string {
  const glued = /^[\p{L}\p{N}]+(?=\/[\p{L}\p{N}_.-])/u.exec(values[0]!)?.[0];
  return glued !== undefined && values.length > 1 && values.every((v) => v.startsWith(`${glued}/`)) ? glued : '';
}

/**
 * The longest affix all values share, when it holds no punctuation: `rootab`, `app.dbab` share the
 * literal `ab`, but `views.py`, `main.py` share a part of each name.
 */
function affix(values: readonly string[], has: (a: string, b: string) => boolean, take: (v: string, n: number) => string): string {
  const shortest = Math.min(...values.map((v) => v.length));
  let n = 0;
  while (n < shortest && values.every((v) => has(v, take(values[0]!, n + 1)))) n++;
  const text = take(values[0]!, n);
  return values.length > 1 && /^[\p{L}\p{N}]+$/u.test(text) ? text : '';
}

/** Spaces after a field's values that fill one column: its width from the longest value. */
function leftPadding(lines: readonly string[], pos: number[], active: readonly number[], field: Extract<Item, { kind: 'field' }>): { field: Item } | null {
  if (active.length < 2) return null;
  const spaces = active.map((i) => {
    let p = pos[i]!;
    while (lines[i]![p] === ' ') p++;
    return p - pos[i]!;
  });
  const values = field.repr ? field.values.map((v) => `'${v}'`) : field.values;
  if (spaces.every((s) => s === spaces[0])) return null;
  // Python pads to a number of characters (code points).
  const lengths = values.map((v) => [...v].length);
  const totals = lengths.map((n, k) => n + spaces[k]!);
  // Where most lines' spaces stop: more on a line belong to what follows (a message that starts with spaces).
  const end = Math.min(...totals);
  const atEnd = lengths.filter((_, k) => totals[k] === end);
  // Values longer than the column print whole, with only the spaces every line has after them
  // (`%(name)-12s ` and `urllib3.connectionpool `): the width is where the others' spaces stop, less those.
  const least = Math.min(...spaces);
  const overflowing = lengths.filter((n, k) => spaces[k] === least && n + least > end).length;
  // A column pads values of different lengths to one width; or one short value, padded alike on every
  // line, beside values that overflow it (`%(threadName)-12s`: MainThread, and the longer names), nearly every line one or the other.
  const oneShort = new Set(atEnd).size === 1 && atEnd.length >= 2 && overflowing >= 2 && end - atEnd[0]! > least && (atEnd.length + overflowing) >= 0.8 * totals.length;
  const longest = Math.max(...lengths);
  if (!oneShort && (atEnd.length * 2 <= totals.length || new Set(atEnd).size < 2)) {
    // A level column before a right-aligned one (`%(levelname)-8s %(name)16s`): the spaces run on, the level's 8 wide.
    const width = levelWidth(longest, 8);
    if (field.shape !== 'level' || !lengths.every((n, k) => spaces[k]! > width - n) || !rightAlignedAfter(active.map((i, k) => lines[i]!.slice(pos[i]! + width - lengths[k]!)))) return null;
    active.forEach((i, k) => (pos[i] = pos[i]! + width - lengths[k]!));
    return { field: { ...field, width, align: 'left' } };
  }
  const width = overflowing > 0 ? end - least : field.shape === 'level' ? levelWidth(longest, end - 1) : longest;
  active.forEach((i, k) => (pos[i] = pos[i]! + Math.max(0, width - lengths[k]!)));
  const cut = field.shape === 'word' && field.precision === undefined && !field.repr && cutToWidth(values, lengths, width, end - width) ? { precision: width } : {};
  return { field: { ...field, width, align: 'left', ...cut } };
}

/** Rests that each start with spaces and a word, in a right-aligned column (columnWidth). */
function rightAlignedAfter(rests: readonly string[]): boolean {
  const words = rests.map((r) => /^ +(\S+)/u.exec(r));
  if (words.some((m) => m === null)) return false;
  const values = words.map((m) => m![1]!);
  return !sameLength(values) && columnWidth(words.map((m) => m![0].length), values) !== null;
}

/** Distinct words after a separator at the end of every line that make them a field (functions), not a few words messages end with (`- ok`, `- failed`). */
const SEPARATED_SEEN = 5;

/** Lines enough that an ending every one of them has is the format's literal, not what the messages share. */
const ENDING_LINES = 20;

/** The text every line has where the message starts (`3a9%(message)s`), read off enough lines that no message shares it by chance. */
function startOf(rests: readonly string[]): string {
  if (rests.length < ENDING_LINES) return '';
  const chars = rests.map((r) => [...r]);
  let n = 0;
  while (n < chars[0]!.length && chars.every((c) => c[n] === chars[0]![n])) n++;
  return chars[0]!.slice(0, n).join('');
}

/** The text every line ends with after the message (`%(message)s={a3`, or before the fields after it: `hello X{0` then the lineno). */
function endingOf(rests: readonly string[]): string {
  if (rests.length < ENDING_LINES) return '';
  let n = 0;
  const shortest = Math.min(...rests.map((r) => r.length));
  while (n < shortest && rests.every((r) => r[r.length - 1 - n] === rests[0]![rests[0]!.length - 1 - n])) n++;
  return rests[0]!.slice(rests[0]!.length - n);
}

/**
 * The fields after the message, read from the end of the lines: only up to a field every line has,
 * behind punctuation (`%(message)s [%(name)s]`, `%(message)s (%(filename)s:%(lineno)d)`).
 */
function readTail(rests: readonly string[], printed: readonly (readonly string[])[]): { items: Item[]; ends: number[] } {
  const none = { items: [], ends: rests.map((r) => r.length) };
  if (rests.length === 0) return none;
  const reversed = rests.map((r) => [...r].reverse().join(''));
  const padding = lastColumn(reversed);
  const pos = reversed.map((r) => (padding === null ? 0 : / */uy.exec(r)![0].length));
  /** The last column's width and alignment, for the first field read (the spaces after it are its padding); `taken`: text read with it. */
  const column = (taken: number) => (items.length === 0 && padding !== null ? { width: padding - taken, align: 'left' as const } : { width: null, align: null });
  /** A field read before the message, printed again here (`L%(lineno)d … L%(lineno)d`): its values, with the text every line has before them. */
  const again = (values: readonly string[]) => {
    for (const earlier of printed) {
      if (new Set(earlier).size < 2 || earlier.includes('')) continue;
      const prefix = values[0]!.slice(0, values[0]!.length - earlier[0]!.length);
      if (values.every((v, k) => v === prefix + earlier[k])) return { prefix, values: earlier };
    }
    return null;
  };
  const items: Item[] = [];
  let kept = 0; // items up to the last field
  let keptAt = [...pos]; // and where it starts on each line
  const many = rests.length >= ENDING_LINES;
  const cursor = () => rests.map((r, k) => r.length - pos[k]!);
  for (let guard = 0; guard < 50; guard++) {
    const c = reversed[0]![pos[0]!];
    if (c === undefined) break;
    if (!isWordChar(c) && reversed.every((r, k) => r[pos[k]!] === c)) {
      items.push({ kind: 'literal', text: c });
      reversed.forEach((_, k) => pos[k]!++);
      // A space ends the tail, unless more punctuation every line has, a time (`{asctime} ` last), or a path (`=%(pathname)s L%(lineno)d`) comes before it.
      if (c === ' ' && !reversed.every((r, k) => r[pos[k]!] !== undefined && !isWordChar(r[pos[k]!]!) && r[pos[k]!] === reversed[0]![pos[0]!]) && !(many && timeBefore(rests, cursor()) !== null) && !pathBefore(reversed, pos)) {
        [kept, keptAt] = [items.length, [...pos]];
        break;
      }
      continue;
    }
    const time = many ? timeBefore(rests, cursor()) : null;
    if (time !== null) {
      if (time.glued) items.push({ kind: 'literal', text: [...time.glued].reverse().join('') });
      items.push(time.item);
      time.starts.forEach((start, k) => (pos[k] = rests[k]!.length - start));
      [kept, keptAt] = [items.length, [...pos]];
      continue;
    }
    const words = reversed.map((r, k) => at(WORD_REVERSED, r, pos[k]!));
    if (words.some((w) => w === null)) break;
    const before = reversed.map((r, k) => r[pos[k]! + words[k]!.length]);
    const values = words.map((w) => [...w!].reverse().join(''));
    // A file after a space is the format's too (`%(message)-50s %(filename)s:%(lineno)d`): no message word ends in .py on every line.
    if (before.every((b) => b === ' ') && new Set(values).size > 1 && values.every((v) => /\.pyw?$/u.test(v))) {
      items.push({ kind: 'field', shape: 'word', values, ...column(0) });
      reversed.forEach((_, k) => (pos[k] = pos[k]! + words[k]!.length));
      [kept, keptAt] = [items.length, [...pos]];
      // Punctuation every line has before its space goes on (`(%(asctime)s; %(filename)s:%(lineno)d)`).
      const mark = reversed[0]![pos[0]! + 1];
      if (mark === undefined || mark === ' ' || isWordChar(mark) || !reversed.every((r, k) => r[pos[k]! + 1] === mark)) break;
      continue;
    }
    // And a field read before the message, printed again after a space.
    const repeated = before.every((b) => b === ' ') ? again(values) : null;
    if (repeated !== null) {
      items.push({ kind: 'field', shape: shapeOf(repeated.values), values: repeated.values, ...column(repeated.prefix.length) });
      if (repeated.prefix) items.push({ kind: 'literal', text: [...repeated.prefix].reverse().join('') });
      reversed.forEach((_, k) => (pos[k] = pos[k]! + words[k]!.length));
      [kept, keptAt] = [items.length, [...pos]];
      continue;
    }
    // So is a word after the separator the format puts between fields (` - %(funcName)s`, ` | %(name)s`) on every line.
    const mark = reversed[0]![pos[0]! + words[0]!.length + 1];
    const separated = mark !== undefined && mark !== ' ' && !isWordChar(mark) && reversed.every((r, k) => r.startsWith(` ${mark} `, pos[k]! + words[k]!.length));
    if (separated && many && new Set(values).size >= SEPARATED_SEEN) {
      items.push({ kind: 'field', shape: shapeOf(values), values, ...column(0) }, { kind: 'literal', text: ` ${mark} ` });
      reversed.forEach((_, k) => (pos[k] = pos[k]! + words[k]!.length + 3));
      [kept, keptAt] = [items.length, [...pos]];
      break;
    }
    if (before.some((b) => b === undefined || b === ' ' || isWordChar(b) || b !== before[0])) break;
    if (values.every((v) => v === values[0])) items.push({ kind: 'literal', text: values[0]! });
    else {
      // Read right to left: the literal glued after the field first.
      const glue = gluedDigits(values);
      const suffix = glue.after || affix(values, (a, b) => a.endsWith(b), (v, n) => v.slice(v.length - n)) || afterPy(values);
      const prefix = glue.before || affix(values, (a, b) => a.startsWith(b), (v, n) => v.slice(0, n));
      const field = values.map((v) => v.slice(prefix.length, v.length - suffix.length));
      if (field.some((v) => v === '')) break;
      if (suffix) items.push({ kind: 'literal', text: [...suffix].reverse().join('') });
      items.push({ kind: 'field', shape: shapeOf(field), values: field, ...column(prefix.length) });
      if (prefix) items.push({ kind: 'literal', text: [...prefix].reverse().join('') });
      kept = items.length;
    }
    reversed.forEach((_, k) => (pos[k] = pos[k]! + words[k]!.length));
    if (kept === items.length) keptAt = [...pos];
  }
  const fields = items.slice(0, kept);
  // Spaces at the end that no field read first takes as its padding (a time's): the lines part there, no tail.
  const first = fields[0];
  if (padding !== null && !(first?.kind === 'field' && first.align === 'left')) return none;
  if (!fields.some((i) => i.kind === 'field' || i.kind === 'time')) return none;
  const tail = fields.reverse().map((i) => (i.kind === 'literal' ? { kind: 'literal', text: [...i.text].reverse().join('') } as const : i));
  return { items: tail, ends: rests.map((r, k) => r.length - keptAt[k]!) };
}

/**
 * The width of a left-aligned column that ends the lines (`L%(lineno)-4d` last; reversed lines): the
 * spaces after its shorter values fill it, its longer ones have none; null where no spaces say so.
 */
function lastColumn(reversed: readonly string[]): number | null {
  const spaces = reversed.map((r) => / */uy.exec(r)![0].length);
  if (spaces.every((n) => n === spaces[0])) return null;
  const lengths = reversed.map((r, k) => at(WORD_REVERSED, r, spaces[k]!)?.length ?? -1);
  if (lengths.some((n) => n < 0)) return null;
  const width = Math.max(...lengths.map((n, k) => (spaces[k]! > 0 ? n + spaces[k]! : 0)));
  return lengths.every((n, k) => (spaces[k]! > 0 ? n + spaces[k]! === width : n >= width)) && new Set(lengths).size > 1 ? width : null;
}

/** A path that ends in .py before the cursor on every line (reversed lines): the format's field, never a message's last word. */
function pathBefore(reversed: readonly string[], pos: readonly number[]): boolean {
  const words = reversed.map((r, k) => at(WORD_REVERSED, r, pos[k]!));
  return words.every((w) => w !== null && /^w?yp\.[^/]*\//u.test(w)) && new Set(words).size > 1;
}

/**
 * A time (and its msecs) that ends at `ends` on every line, or before text every line has there
 * (`…20,165X:`), as wide on each line: the widest one.
 */
function timeBefore(rests: readonly string[], ends: readonly number[]): { item: Item; starts: number[]; glued: string } | null {
  const all = rests.map((_, k) => k);
  let shared = 0;
  while (shared < 8 && ends.every((e, k) => e - shared > 0 && rests[k]![e - shared - 1] === rests[0]![ends[0]! - shared - 1])) shared++;
  for (let back = 0; back <= shared; back++) {
    const cut = rests.map((r, k) => r.slice(0, ends[k]! - back));
    for (let width = Math.min(48, ...cut.map((c) => c.length)); width >= 8; width--) {
      const starts = cut.map((c) => c.length - width);
      if (!/^\d|^[A-Z][a-z]{2}/u.test(cut[0]!.slice(starts[0]!))) continue;
      const step = timeAt(cut, starts, all);
      if (step !== null && step.ends.size === cut.length && all.every((k) => step.ends.get(k) === cut[k]!.length)) {
        return { item: step.items[0]!, starts, glued: rests[0]!.slice(ends[0]! - back, ends[0]) };
      }
    }
  }
  return null;
}
