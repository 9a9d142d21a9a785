/**
 * Free text that may hold the character that ends it (pattern.ts splitPlan): a logger name's dots before
 * `.%(funcName)s`, a path's spaces before ` %(module)s`, a name's spaces before ` - `. Such text is written
 * as its first segment, then any number of (separator, segment) pairs, where a later segment may not begin
 * the way the rest of the format does right after the separator (the next field's shape, the literal after
 * it). The text therefore ends at the first separator that the rest of the format can follow, and at each
 * separator only one way on is open: the match is decided one segment at a time and stays linear.
 *
 * "Does not begin like X" is built as a small deterministic automaton over character classes, then written
 * back as a regex with no two ways to read any text (each state: its own loop, then disjoint exits).
 */
import { alt, lit, member, notSet, oneOrMore, optional, seq, set, zeroOrMore, type Rx } from './rx.js';

// ---------------------------------------------------------------------------------------------------
// Character classes. Items are single characters (raw), the escapes \d \s \w, or ASCII ranges `a-z`.

interface Cls {
  readonly neg: boolean;
  readonly items: readonly string[];
}

const WHITESPACE = [' ', '\t', '\n', '\r', '\x0b', '\x0c'];
const isRange = (m: string) => m.length === 3 && m[1] === '-';

/** An Rx set (or a one-character literal, or `.`) as a class; null for anything else. */
function clsOf(rx: Rx): Cls | null {
  if (rx.type === 'lit') return [...rx.text].length === 1 ? { neg: false, items: [rx.text] } : null;
  if (rx.type === 'any') return { neg: true, items: rx.newline ? [] : ['\n'] };
  if (rx.type !== 'set') return null;
  return { neg: rx.negate, items: dedupe(rx.items.map(canonical)) };
}

function canonical(m: string): string {
  if (m === '\\n') return '\n';
  if (m === '\\t') return '\t';
  if (/^\\[dsw]$/u.test(m) || isRange(m) || [...m].length === 1) return m;
  if (m.length === 2 && m[0] === '\\') return m[1]!;
  return m;
}

function rxOf(c: Cls): Rx {
  // A character that an escape or a range of the same class already covers is left out.
  const wide = c.items.filter((m) => [...m].length > 1);
  const tidy = c.items.filter((m) => [...m].length > 1 || !wide.some((w) => itemHas(w, m)));
  const items = tidy.map((m) => ([...m].length === 1 ? member(m) : m));
  return c.neg ? notSet(...items) : set(...items);
}

function itemHas(m: string, c: string): boolean {
  if (m === '\\d') return /\d/u.test(c);
  if (m === '\\s') return /\s/u.test(c);
  if (m === '\\w') return /\w/u.test(c);
  if (isRange(m)) return c >= m[0]! && c <= m[2]!;
  return m === c;
}

const has = (c: Cls, ch: string) => c.items.some((m) => itemHas(m, ch)) !== c.neg;
const dedupe = (items: readonly string[]) => [...new Set(items)];

function expandRange(m: string): string[] {
  const out: string[] = [];
  for (let p = m.codePointAt(0)!; p <= m.codePointAt(2)!; p++) out.push(String.fromCodePoint(p));
  return out;
}

/** The members of `items` (a positive class) that `excluded` (a negated class's items) does not remove. */
function keep(items: readonly string[], excluded: readonly string[]): string[] {
  const out: string[] = [];
  const hit = (ch: string) => excluded.some((e) => itemHas(e, ch));
  for (const m of items) {
    if ([...m].length === 1) {
      if (!hit(m)) out.push(m);
    } else if (isRange(m)) {
      const chars = expandRange(m);
      if (chars.some(hit)) out.push(...chars.filter((ch) => !hit(ch)));
      else out.push(m);
    } else if (m === '\\s') {
      if (excluded.includes('\\s')) continue;
      if (WHITESPACE.some(hit)) out.push(...WHITESPACE.filter((ch) => !hit(ch)));
      else out.push(m);
    } else if (m === '\\d') {
      if (excluded.includes('\\d') || excluded.includes('\\w')) continue;
      const ds = [...'0123456789'];
      if (ds.some(hit)) out.push(...ds.filter((ch) => !hit(ch)));
      else out.push(m);
    } else if (!excluded.includes(m)) out.push(m);
  }
  return dedupe(out);
}

function both(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  for (const x of a) {
    for (const y of b) {
      if (x === y) out.push(x);
      else if ([...x].length === 1) { if (itemHas(y, x)) out.push(x); }
      else if ([...y].length === 1) { if (itemHas(x, y)) out.push(y); }
      else if (isRange(x)) out.push(...expandRange(x).filter((ch) => itemHas(y, ch)));
      else if (isRange(y)) out.push(...expandRange(y).filter((ch) => itemHas(x, ch)));
      else if ((x === '\\d' && y === '\\w') || (x === '\\w' && y === '\\d')) out.push('\\d');
    }
  }
  return dedupe(out);
}

function inter(a: Cls, b: Cls): Cls {
  if (a.neg && b.neg) return { neg: true, items: dedupe([...a.items, ...b.items]) };
  if (a.neg) return inter(b, a);
  if (b.neg) return { neg: false, items: keep(a.items, b.items) };
  return { neg: false, items: both(a.items, b.items) };
}

const minus = (a: Cls, b: Cls): Cls => inter(a, { neg: !b.neg, items: b.items });
const empty = (c: Cls) => !c.neg && c.items.length === 0;

/** The union of disjoint classes, as one class where it can be written as one. */
function union(cs: readonly Cls[]): Rx {
  const pos = cs.filter((c) => !c.neg);
  const neg = cs.filter((c) => c.neg);
  if (neg.length === 0) return rxOf({ neg: false, items: dedupe(pos.flatMap((c) => c.items)) });
  if (neg.length === 1) {
    // ¬E ∪ P = ¬(E less P), where E less P can be written exactly (no \s or \d had to be spelled out).
    const [n] = neg;
    const rest = keep(n!.items, pos.flatMap((c) => c.items));
    if (n!.items.every((m) => [...m].length === 1 || isRange(m) || rest.includes(m) || pos.some((c) => c.items.includes(m)))) {
      return rxOf({ neg: true, items: rest });
    }
  }
  return alt(...cs.map(rxOf));
}

// ---------------------------------------------------------------------------------------------------
// Signatures: how the text after a separator begins, read off the regex of what follows.

/** One character of a class, at least `min` of them, any number when `many`. */
interface Item {
  readonly cls: Cls;
  readonly min: 0 | 1;
  readonly many: boolean;
}

/** A beginning: these items, then anything. */
export type Sig = readonly (readonly Item[])[];

interface Path {
  readonly items: readonly Item[];
  /** Cut short: what follows is not known (any text may follow these items). */
  readonly cut: boolean;
}

const MAX_PATHS = 24;
const MAX_ITEMS = 16;

/**
 * Every way the start of `rx` reads, as item sequences, each possibly cut short. Cutting only widens what
 * counts as "begins like it", which is what keeps the split deterministic (a segment is refused wherever
 * the rest could start).
 */
export function signature(parts: readonly (Rx | null)[]): Sig {
  let paths: Path[] = [{ items: [], cut: false }];
  for (const rx of parts) if (rx) paths = concat(paths, pathsOf(rx));
  return paths.map((p) => p.items);
}

function concat(left: readonly Path[], right: readonly Path[]): Path[] {
  const open = left.filter((p) => !p.cut);
  if (open.length * right.length + left.length > MAX_PATHS) return left.map((p) => ({ ...p, cut: true }));
  return [
    ...left.filter((p) => p.cut),
    ...open.flatMap((l) => right.map((r) => {
      const items = [...l.items, ...r.items];
      return items.length > MAX_ITEMS ? { items: items.slice(0, MAX_ITEMS), cut: true } : { items, cut: r.cut };
    })),
  ];
}

const CUT: Path[] = [{ items: [], cut: true }];

function pathsOf(rx: Rx): Path[] {
  switch (rx.type) {
    case 'lit':
      return [{ items: [...rx.text].map((c) => ({ cls: { neg: false, items: [c] }, min: 1, many: false })), cut: false }];
    case 'set':
    case 'any':
      return [{ items: [{ cls: clsOf(rx)!, min: 1, many: false }], cut: false }];
    case 'seq': {
      let paths: Path[] = [{ items: [], cut: false }];
      for (const item of rx.items) paths = concat(paths, pathsOf(item));
      return paths;
    }
    case 'alt': {
      const paths = rx.options.flatMap(pathsOf);
      return paths.length > MAX_PATHS ? CUT : paths;
    }
    case 'repeat': {
      const cls = clsOf(rx.node);
      if (cls) {
        const ones = Math.min(rx.min, 4);
        const items: Item[] = Array.from({ length: ones }, () => ({ cls, min: 1, many: false }));
        if (rx.max === null || rx.max > ones) items.push({ cls, min: 0, many: rx.max === null || rx.max - ones > 1 });
        return [{ items, cut: false }];
      }
      // A group: absent, or present and then unknown. "Unknown" already covers "absent then the rest".
      return rx.min === 0 ? CUT : pathsOf(rx.node).map((p) => ({ ...p, cut: true }));
    }
    default:
      return CUT;
  }
}

// ---------------------------------------------------------------------------------------------------
// The automaton and its regex.

/** Before item `j` of path `p`; `sat`: item j is a `many` item that has had its one character. */
type Pos = readonly [p: number, j: number, sat: boolean];

const REJECT = -1;
/**
 * A segment is tested against at most this many items of each beginning ('- ' of ' - ', a word then ':',
 * '(un' of '(unknown function)'): enough to find where the next field starts, and a shorter beginning
 * only refuses more segments, so the regex stays small.
 */
const MAX_TESTED = 3;

interface Dfa {
  readonly atoms: readonly Cls[];
  /** Per state: per atom, the next state or REJECT. State 0 starts; `free` is the state after a mismatch. */
  readonly next: readonly (readonly number[])[];
  /** The segment may end in this state: the separator after it does not continue any beginning. */
  readonly canEnd: readonly boolean[];
  readonly free: number;
}

/**
 * The segments (over `alphabet`, each followed by `sep`) that do not begin like `sig`, or null when none
 * can (the text then stops at the first separator, as it always did). A separator that continues a
 * beginning, even without completing it, ends nothing: the segment is refused rather than risk running
 * past the place the rest of the format starts.
 */
export function segmentsNotStarting(sig: Sig, alphabet: Rx, sep: string, allowEmpty: boolean): Rx | null {
  const sigma = clsOf(alphabet);
  if (!sigma || !sigma.neg || sig.length === 0) return null;
  const dfa = build(sig, sigma, sep, !allowEmpty);
  if (!dfa) return null;
  const min = minimise(dfa);
  return toRx(min, sigma, allowEmpty) ?? toRx(dfa, sigma, allowEmpty);
}

function build(given: Sig, sigma: Cls, sep: string, nonEmpty: boolean): Dfa | null {
  // A segment that is never empty starts after the last separator of a run: a padding of separators
  // before the next field (' {0,4}' of %(lineno)4d) is behind it already.
  const full = given.map((items) => {
    let k = 0;
    while (nonEmpty && k < items.length && items[k]!.min === 0 && !items[k]!.cls.neg && items[k]!.cls.items.length === 1 && items[k]!.cls.items[0] === sep) k++;
    return items.slice(k);
  });
  // Free text that can take the separator itself (a negated class: a level name that holds spaces, the
  // message) or a padding of separators says nothing a segment could be tested for: the beginning is cut
  // there, which refuses more segments, never fewer.
  const cut = full.map((items) => {
    const at = items.findIndex((i) => (i.many || i.cls.neg) && has(i.cls, sep));
    return at < 0 ? items : items.slice(0, at);
  });
  // A literal beginning that another one already refuses ('(unknown file) ' is a word, then a space) adds
  // nothing but states.
  const literal = (items: readonly Item[]) => items.every((i) => !i.many && i.min === 1 && !i.cls.neg && i.cls.items.length === 1 && [...i.cls.items[0]!].length === 1);
  const kept = cut.filter((_items, p) => !(literal(full[p]!) && cut.some((other, q) => !literal(full[q]!) && refuses(other, full[p]!.map((i) => i.cls.items[0]!)))));
  const sig = kept.map((items) => items.slice(0, MAX_TESTED)).map((items, p, all) => {
    // A beginning marked by a character no other one starts with ('(' of '(unknown function)', '<' of
    // '<module>' beside an identifier) is refused on that character alone.
    const first = items[0];
    if (!first || first.many || first.cls.neg || all.length === 1) return items;
    const shared = all.some((other, q) => q !== p && other[0] !== undefined && !empty(inter(other[0].cls, first.cls)));
    return shared ? items : items.slice(0, 1);
  });
  // Atoms: Σ cut by every class the signature uses, so each atom is wholly inside or outside each class.
  let atoms: Cls[] = [sigma];
  for (const cls of dedupeCls(sig.flatMap((items) => items.map((i) => i.cls)))) {
    atoms = atoms.flatMap((a) => [inter(a, cls), minus(a, cls)].filter((x) => !empty(x)));
    if (atoms.length > 64) return null;
  }
  const rep = (a: Cls): ((cls: Cls) => boolean) => (cls) => !empty(inter(a, cls));
  const inside = atoms.map(rep);

  const closure = (start: readonly Pos[]): Pos[] | null => {
    const out = new Map<string, Pos>();
    const todo = [...start];
    while (todo.length > 0) {
      const pos = todo.pop()!;
      const [p, j, sat] = pos;
      const key = `${p}:${j}:${sat}`;
      if (out.has(key)) continue;
      if (j === sig[p]!.length) return null; // a beginning is complete: refused
      out.set(key, pos);
      if (sat || sig[p]![j]!.min === 0) todo.push([p, j + 1, false]);
    }
    return [...out.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1] || Number(a[2]) - Number(b[2]));
  };
  const step = (state: readonly Pos[], accepts: (cls: Cls) => boolean): Pos[] | null => {
    const moved: Pos[] = [];
    for (const [p, j] of state) {
      const item = sig[p]![j]!;
      if (accepts(item.cls)) moved.push(item.many ? [p, j, true] : [p, j + 1, false]);
    }
    return closure(moved);
  };

  const start = closure(sig.map((_, p) => [p, 0, false] as Pos));
  if (!start) return null;
  const states: Pos[][] = [];
  const index = new Map<string, number>();
  const id = (s: readonly Pos[]) => {
    const key = JSON.stringify(s);
    let n = index.get(key);
    if (n === undefined) {
      n = states.length;
      index.set(key, n);
      states.push([...s]);
      if (states.length > 200) throw new TooBig();
    }
    return n;
  };
  try {
    id(start);
    const free = id([]);
    const next: number[][] = [];
    const canEnd: boolean[] = [];
    for (let n = 0; n < states.length; n++) {
      const s = states[n]!;
      next.push(atoms.map((_, a) => {
        const t = step(s, inside[a]!);
        return t === null ? REJECT : id(t);
      }));
      const after = step(s, (cls) => has(cls, sep));
      canEnd.push(after !== null && after.length === 0);
    }
    return { atoms, next, canEnd, free };
  } catch (e) {
    if (e instanceof TooBig) return null;
    throw e;
  }
}

class TooBig extends Error {}

/** Does a text that starts with `chars` begin like `items`? */
function refuses(items: readonly Item[], chars: readonly string[]): boolean {
  let state: [number, boolean][] = [[0, false]];
  const close = (from: readonly [number, boolean][]): [number, boolean][] | null => {
    const out: [number, boolean][] = [];
    const todo = [...from];
    while (todo.length > 0) {
      const [j, sat] = todo.pop()!;
      if (j === items.length) return null;
      if (out.some(([k, s]) => k === j && s === sat)) continue;
      out.push([j, sat]);
      if (sat || items[j]!.min === 0) todo.push([j + 1, false]);
    }
    return out;
  };
  let closed = close(state);
  if (closed === null) return true;
  state = closed;
  for (const ch of chars) {
    const moved: [number, boolean][] = [];
    for (const [j] of state) if (has(items[j]!.cls, ch)) moved.push(items[j]!.many ? [j, true] : [j + 1, false]);
    closed = close(moved);
    if (closed === null) return true;
    if (closed.length === 0) return false;
    state = closed;
  }
  return false;
}

function dedupeCls(cs: readonly Cls[]): Cls[] {
  const seen = new Map<string, Cls>();
  for (const c of cs) seen.set(JSON.stringify(c), c);
  return [...seen.values()];
}

/** Moore's partition refinement: states with the same future become one. */
function minimise(dfa: Dfa): Dfa {
  let cls: number[] = dfa.canEnd.map((e) => (e ? 1 : 0));
  for (;;) {
    const sigs = dfa.next.map((row, n) => JSON.stringify([cls[n], row.map((t) => (t === REJECT ? REJECT : cls[t]))]));
    const ids = new Map<string, number>();
    const refined = sigs.map((s) => {
      if (!ids.has(s)) ids.set(s, ids.size);
      return ids.get(s)!;
    });
    if (ids.size === new Set(cls).size) {
      cls = refined;
      break;
    }
    cls = refined;
  }
  // Renumber so the start state stays 0.
  const order = new Map<number, number>();
  const rep: number[] = [];
  cls.forEach((c, n) => {
    if (!order.has(c)) {
      order.set(c, order.size);
      rep.push(n);
    }
  });
  const map = (n: number) => (n === REJECT ? REJECT : order.get(cls[n]!)!);
  return {
    atoms: dfa.atoms,
    next: rep.map((n) => dfa.next[n]!.map(map)),
    canEnd: rep.map((n) => dfa.canEnd[n]!),
    free: map(dfa.free),
  };
}

class Cycle extends Error {}

function toRx(dfa: Dfa, sigma: Cls, allowEmpty: boolean): Rx | null {
  const memo = new Map<number, Rx | null>();
  const visiting = new Set<number>();
  // Each target's atoms, written as one class: their union, or Σ less all the other atoms when those
  // are plain characters (the usual case: "anything but '/', '\\' and the separator").
  const exitsOf = (n: number) => {
    const byTarget = new Map<number, number[]>();
    dfa.next[n]!.forEach((t, a) => {
      if (t === REJECT) return;
      byTarget.set(t, [...(byTarget.get(t) ?? []), a]);
    });
    const out = new Map<number, Rx>();
    for (const [t, atoms] of byTarget) {
      const mine = atoms.map((a) => dfa.atoms[a]!);
      const others = dfa.atoms.filter((_, a) => !atoms.includes(a));
      out.set(t, mine.length > 1 && mine.some((c) => c.neg) && others.every((c) => !c.neg)
        ? rxOf({ neg: true, items: dedupe([...sigma.items, ...others.flatMap((c) => c.items)]) })
        : union(mine));
    }
    return out;
  };
  const body = (n: number, ends: boolean, skip?: number): Rx | null => {
    const branches: Rx[] = [];
    for (const [t, c] of exitsOf(n)) {
      if (t === n || t === skip) continue;
      const rest = state(t);
      if (rest === null) continue;
      branches.push(enter(c, t, rest));
    }
    if (branches.length === 0) return ends ? lit('') : null;
    const any = alt(...branches);
    return ends ? optional(any) : any;
  };
  // `C` then a state that loops on C: C+.
  const enter = (c: Rx, t: number, rest: Rx): Rx => {
    if (t === dfa.free && JSON.stringify(c) === JSON.stringify(rxOf(sigma))) return oneOrMore(c);
    const loop = loopOf(t);
    if (loop && JSON.stringify(loop) === JSON.stringify(c) && rest.type === 'seq' && JSON.stringify(rest.items[0]) === JSON.stringify(zeroOrMore(c))) {
      return seq(oneOrMore(c), ...rest.items.slice(1));
    }
    return seq(c, rest);
  };
  const loopOf = (n: number): Rx | null => exitsOf(n).get(n) ?? null;
  const state = (n: number): Rx | null => {
    if (memo.has(n)) return memo.get(n)!;
    if (visiting.has(n)) throw new Cycle();
    visiting.add(n);
    let out: Rx | null;
    if (n === dfa.free) out = zeroOrMore(rxOf(sigma));
    else {
      const b = body(n, dfa.canEnd[n]!);
      const loop = loopOf(n);
      out = b === null ? null : loop ? seq(zeroOrMore(loop), b) : b;
    }
    visiting.delete(n);
    memo.set(n, out);
    return out;
  };
  try {
    const ends = allowEmpty && dfa.canEnd[0]!;
    let start = body(0, ends);
    const loop = loopOf(0);
    if (start && loop) start = seq(zeroOrMore(loop), start);
    if (start === null || (start.type === 'lit' && start.text === '')) return null;
    // The start state's exit on C into a state that is the start plus a loop on C: C*, once.
    for (const [t, c] of exitsOf(0)) {
      if (t === 0 || t === dfa.free || loop) continue;
      if (JSON.stringify(loopOf(t)) !== JSON.stringify(c) || dfa.canEnd[t] !== ends) continue;
      const without = body(0, ends, t);
      const theirs = body(t, dfa.canEnd[t]!);
      if (without && theirs && JSON.stringify(without) === JSON.stringify(theirs)) return seq(zeroOrMore(c), without);
    }
    return start;
  } catch (e) {
    if (e instanceof Cycle) return null;
    throw e;
  }
}
