/**
 * A step-counting backtracking matcher over the pattern's own regex AST, for the one question a timer
 * cannot answer on a shared machine: does the work grow linearly with the input? It explores exactly what
 * a backtracking engine explores for an anchored match of one line (alternatives in order, greedy
 * or lazy repeats), and counts the steps.
 */
import type { Pattern } from '../../src/core/index.js';
import { mayMatchChar, type Rx } from '../../src/core/rx.js';

export function lineRx(pattern: Pattern): Rx {
  return {
    type: 'seq',
    items: pattern.parts.flatMap((p) =>
      p.kind === 'literal' ? [{ type: 'lit', text: p.text } as Rx] : p.kind === 'fragment' ? [p.rx] : [p.padBefore, p.value, p.padAfter].filter((r): r is Rx => r !== null),
    ),
  };
}

/** Steps taken to decide whether `rx` matches all of `input` (line mode: no newline in any `.`). */
export function matchSteps(rx: Rx, input: string): { matched: boolean; steps: number } {
  let steps = 0;
  type Next = (pos: number) => boolean;
  const match = (node: Rx, pos: number, next: Next): boolean => {
    steps++;
    switch (node.type) {
      case 'lit':
        return input.startsWith(node.text, pos) && next(pos + node.text.length);
      case 'set':
      case 'any':
        return pos < input.length && input[pos] !== '\n' && mayMatchChar(node, input[pos]!) && next(pos + 1);
      case 'seq': {
        const from = (i: number, p: number): boolean => (i === node.items.length ? next(p) : match(node.items[i]!, p, (q) => from(i + 1, q)));
        return from(0, pos);
      }
      case 'alt':
        return node.options.some((o) => match(o, pos, next));
      case 'repeat': {
        const again = (count: number, p: number) => (node.max === null || count < node.max) && match(node.node, p, (q) => q > p && more(count + 1, q));
        const stop = (count: number, p: number) => count >= node.min && next(p);
        const more = (count: number, p: number): boolean => (node.lazy ? stop(count, p) || again(count, p) : again(count, p) || stop(count, p));
        return more(0, pos);
      }
      case 'lineEnd':
        return (pos === input.length || input[pos] === '\n') && next(pos);
      case 'notAhead':
        return !match(node.node, pos, () => true) && next(pos);
      case 'raw':
        throw new Error('--field fragments are not interpreted');
    }
  };
  const matched = match(rx, 0, (p) => p === input.length);
  return { matched, steps };
}
