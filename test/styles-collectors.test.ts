/**
 * Which of gunicorn's, loguru's and uvicorn's captures each collector's config parses a time for. The
 * engine checks (collectorChecks, test/support/collector-checks.ts) prove every time a config parses,
 * in the target's own time parser; a config without a layout has nothing to prove there, so this holds
 * the list of those to what pylogrx says it cannot do: a loguru time with a fraction of a second finer
 * than milliseconds (`SSSSSS`: each target's layout reads three digits, loguru.ts gives no layout; the
 * config warns). `ss.SSS` is the seconds, then milliseconds, as Python's default asctime ends.
 */
import { describe, expect, it } from 'vitest';
import { buildPattern, COLLECTORS, type Collector } from '../src/core/index.js';
import { prepare } from '../src/core/collectors/emitter.js';
import { styleCases } from './support/style-records.js';

const WITHOUT_LAYOUT = [
  'loguru 2: {time}',
  'loguru 3: {time:YYYY-MM-DD HH:mm:ss.SSSSSS ZZ}',
];

describe('every timed capture has a time layout in every target, but a loguru fraction finer than milliseconds', () => {
  const cases = styleCases().filter((c) => c.timeField !== null);
  for (const target of Object.keys(COLLECTORS) as Collector[]) {
    it(target, () => {
      const untimed = cases.filter((c) => {
        const p = buildPattern(c.fmt, { style: c.style, formatTime: c.formatTime });
        if (!p.ok) throw new Error(p.error.message);
        return prepare([p.value], COLLECTORS[target], target)[0]!.time === null;
      });
      expect(untimed.map((c) => `${c.id}: ${/\{time[^}]*\}/u.exec(c.fmt)![0]}`)).toEqual(WITHOUT_LAYOUT);
    });
  }
});
