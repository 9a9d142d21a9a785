/**
 * Linear time in backtracking engines, proven on every corpus regex with recheck (a ReDoS checker: an
 * automaton analysis that proves linearity, or a fuzzer that hunts for super-linear inputs).
 *
 * The fuzzer also reports "polynomial" for bounded ambiguity, e.g. two empty `extra` fields between
 * padding (`%(clientip)-15s %(user)-8s`): a fixed number of ways to split a run of spaces, each followed
 * by one linear scan. Such a verdict is not taken on trust either way: its own attack string is replayed
 * in a step-counting backtracking matcher, and doubling the attack must no more than double the steps.
 * The fuzzer is random: on the record regex of `seed-full` it once reported a pumped
 * ` i 2 3.327070 3 u 3 <` that the replay counts as linear (1055, 2035, 3995 steps at 10, 20, 40 pumps).
 */
import { check, type Diagnostics } from 'recheck';
import { describe, expect, it } from 'vitest';
import { buildPattern, render, type Pattern } from '../src/core/index.js';
import { lineShapes } from '../src/core/check.js';
import { loadCorpus } from './support/corpus.js';
import { lineRx, matchSteps } from './support/steps.js';

/**
 * recheck's automaton proof of the slowest regexes (a repr() field beside another: `{levelname!r:>12}
 * {name!r}`) takes over a minute on a loaded 2-core machine; a timeout would be no verdict at all.
 */
const RECHECK_TIMEOUT = 240_000;

describe('every rendered regex is linear (recheck)', () => {
  for (const c of loadCorpus()) {
    it(`${c.id}: ${c.fmt}`, { timeout: 2 * RECHECK_TIMEOUT + 10_000 }, async () => {
      const pattern = buildPattern(c.fmt, { style: c.style, datefmt: c.datefmt });
      if (!pattern.ok) throw new Error(pattern.error.message);
      for (const mode of ['line', 'record'] as const) {
        const source = render(pattern.value, 'js', { mode });
        const result = await check(source, '', { timeout: RECHECK_TIMEOUT });
        // A record regex differs only in a message that may take newlines: the replay, where no `.` takes
        // one, backtracks at least as much on the same attack (the match can only fail later, never earlier).
        if (result.status === 'vulnerable' && result.checker === 'fuzz') {
          expectLinearReplay(pattern.value, result);
          continue;
        }
        const why = result.status === 'vulnerable' ? `attack ${result.attack.pattern}` : result.status === 'unknown' ? result.error.kind : '';
        expect(result.status, `${mode}: ${source} (${result.checker}: ${why})`).toBe('safe');
      }
    });
  }
});

describe("check's own line tests are linear (recheck)", () => {
  // The shapes of other logs, and the loose head (this format's head around a time in another datefmt).
  for (const c of loadCorpus().filter((k) => k.id.startsWith('seed-') || k.id === 'gunicorn-error-log' || k.id === 'edge-datefmt-mixed')) {
    it(`${c.id}: ${c.fmt}`, async () => {
      const pattern = buildPattern(c.fmt, { style: c.style, datefmt: c.datefmt });
      if (!pattern.ok) throw new Error(pattern.error.message);
      for (const rx of lineShapes(pattern.value)) {
        const result = await check(rx.source, rx.flags, { timeout: 60_000 });
        const why = result.status === 'vulnerable' ? `attack ${result.attack.pattern}` : result.status === 'unknown' ? result.error.kind : '';
        expect(result.status, `${rx.source} (${result.checker}: ${why})`).toBe('safe');
      }
    });
  }
});

function expectLinearReplay(pattern: Pattern, result: Diagnostics & { status: 'vulnerable' }): void {
  const attack = (n: number) => result.attack.pumps.map((p) => p.prefix + p.pump.repeat(n)).join('') + result.attack.suffix;
  const rx = lineRx(pattern);
  // The replay recurses once per character: where a long pump overflows the stack, fewer pumps still tell.
  for (const pumps of [50, 20, 10]) {
    let steps: number[];
    try {
      steps = [pumps, 2 * pumps].map((n) => matchSteps(rx, attack(n)).steps);
    } catch (e) {
      if (e instanceof RangeError) continue;
      throw e;
    }
    const [small, large] = steps as [number, number];
    expect(large / small, `steps on ${result.attack.pattern} at ${pumps} and ${2 * pumps} pumps: ${small}, ${large}`).toBeLessThan(2.2);
    return;
  }
  throw new Error(`the replay of ${result.attack.pattern} overflows the stack even at 10 pumps`);
}

describe('the step-counting replay', () => {
  it('tells quadratic from linear', () => {
    const any = { type: 'any', newline: false } as const;
    const quadratic = { type: 'seq', items: [{ type: 'repeat', node: any, min: 0, max: null }, { type: 'repeat', node: any, min: 0, max: null }, { type: 'lit', text: 'x' }] } as const;
    const linear = { type: 'seq', items: [{ type: 'repeat', node: any, min: 0, max: null }, { type: 'lit', text: 'x' }] } as const;
    const ratio = (rx: Parameters<typeof matchSteps>[0]) => matchSteps(rx, 'a'.repeat(200)).steps / matchSteps(rx, 'a'.repeat(100)).steps;
    expect(ratio(quadratic)).toBeGreaterThan(3.5);
    expect(ratio(linear)).toBeLessThan(2.2);
  });
});
