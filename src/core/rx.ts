/**
 * A small regex AST. Field fragments are built from it, so every flavor renders them with its own syntax
 * and no renderer ever rewrites another regex's text.
 */

export type Rx =
  | { readonly type: 'lit'; readonly text: string }
  /** One character from a set. `items` are members in neutral syntax: single characters or escapes like `\d` `\s`. */
  | { readonly type: 'set'; readonly negate: boolean; readonly items: readonly string[] }
  /** Any character but a newline; `newline: true` also takes newlines (a multi-line message). */
  | { readonly type: 'any'; readonly newline: boolean }
  | { readonly type: 'seq'; readonly items: readonly Rx[] }
  | { readonly type: 'alt'; readonly options: readonly Rx[] }
  /** `lazy`: as few as possible (`*?`): a message before nothing but optional colour codes. */
  | { readonly type: 'repeat'; readonly node: Rx; readonly min: number; readonly max: number | null; readonly lazy?: boolean }
  /** A user's own regex (`--field NAME=REGEX`), inserted verbatim inside a non-capturing group. */
  | { readonly type: 'raw'; readonly source: string }
  /** The end of a line (`$`). */
  | { readonly type: 'lineEnd' }
  /** Negative lookahead `(?!...)`: only for flavors that have it (FlavorRules.lookahead). */
  | { readonly type: 'notAhead'; readonly node: Rx };

export const lit = (text: string): Rx => ({ type: 'lit', text });
export const set = (...items: string[]): Rx => ({ type: 'set', negate: false, items });
export const notSet = (...items: string[]): Rx => ({ type: 'set', negate: true, items });
export const any: Rx = { type: 'any', newline: false };
export const anyWithNewlines: Rx = { type: 'any', newline: true };
export const digit = set('\\d');
export const lineEnd: Rx = { type: 'lineEnd' };
export const notAhead = (node: Rx): Rx => ({ type: 'notAhead', node });

export function seq(...items: Rx[]): Rx {
  const flat = items.flatMap((r) => (r.type === 'seq' ? r.items : [r])).filter((r) => !(r.type === 'lit' && r.text === ''));
  return flat.length === 1 ? flat[0]! : { type: 'seq', items: flat };
}
export const alt = (...options: Rx[]): Rx => (options.length === 1 ? options[0]! : { type: 'alt', options });
export const repeat = (node: Rx, min: number, max: number | null = null): Rx =>
  min === 1 && max === 1 ? node : { type: 'repeat', node, min, max };
export const optional = (node: Rx): Rx => repeat(node, 0, 1);
export const oneOrMore = (node: Rx): Rx => repeat(node, 1);
export const zeroOrMore = (node: Rx): Rx => repeat(node, 0);
/** As few as possible (`*?`), where what follows decides where the run ends. */
export const fewest = (node: Rx): Rx => ({ type: 'repeat', node, min: 0, max: null, lazy: true });
export const digits = (min = 1, max: number | null = null): Rx => repeat(digit, min, max);
export const words = (...names: string[]): Rx => alt(...names.map(lit));

/** A set member for the literal character `c`, escaped where a class needs it. */
export const member = (c: string): string => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : /[\\\]\[^-]/u.test(c) ? `\\${c}` : c);

/** `set` with the members for characters `chars` removed or added, for a context-dependent alphabet. */
export function excluding(alphabet: Rx, chars: readonly string[]): Rx {
  // A run with bracketed groups (pattern.ts runAlphabet): the plain characters are the first option.
  if (alphabet.type === 'alt') return alt(excluding(alphabet.options[0]!, chars), ...alphabet.options.slice(1));
  if (alphabet.type !== 'set' || !alphabet.negate) return alphabet;
  const extra = chars.map(member).filter((m) => !alphabet.items.includes(m) && !(m === ' ' && alphabet.items.includes('\\s')));
  return extra.length === 0 ? alphabet : { ...alphabet, items: [...alphabet.items, ...extra] };
}

/** Does a one-character set (or literal) possibly match character `c`? Conservative for `\w`-like escapes. */
export function mayMatchChar(rx: Rx, c: string): boolean {
  if (rx.type === 'lit') return rx.text.startsWith(c);
  if (rx.type === 'any') return c !== '\n' || rx.newline;
  if (rx.type !== 'set') return true;
  const hit = rx.items.some((m) => memberMatches(m, c));
  return rx.negate ? !hit : hit;
}

function memberMatches(m: string, c: string): boolean {
  switch (m) {
    case '\\d': return /\d/u.test(c);
    case '\\s': return /\s/u.test(c);
    case '\\S': return !/\s/u.test(c);
    case '\\w': return /\w/u.test(c);
    case '\\n': return c === '\n';
    case '\\t': return c === '\t';
    default:
      if (/^.-.$/u.test(m)) return c >= m[0]! && c <= m[2]!;
      return m.replace(/^\\/u, '') === c;
  }
}

/** The escape an ANSI colour code starts with. */
export const ESC = '\x1b';
/** One SGR colour code: `\x1b[1m`. */
export const sgr = (code: string): Rx => lit(`${ESC}[${code}m`);
/** Up to `max` SGR codes, each with any parameters (`\x1b[1;31m`): colorlog's and uvicorn's colours, loguru's levels. */
export const sgrRun = (max: number): Rx => repeat(seq(lit(`${ESC}[`), repeat(set('0-9', ';'), 0, 16), lit('m')), 0, max);
