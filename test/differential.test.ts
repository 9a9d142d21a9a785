/**
 * Differential, on the committed corpus (fixtures/corpus, rendered by scripts/render_fixtures.py), so
 * the suite says something on a machine without Python. live-python.test.ts renders it afresh.
 */
import { describe, expect, it } from 'vitest';
import { loadCorpus } from './support/corpus.js';
import { ambiguity, expectCaseParses } from './support/differential.js';

const corpus = loadCorpus();

describe('every corpus line parses, field by field (JS flavor in V8)', () => {
  it('exempts few lines, each for a stated reason', () => {
    const exempt = corpus.flatMap((c) => c.lines.filter((l) => ambiguity(c.id, l)));
    const total = corpus.reduce((n, c) => n + c.lines.length, 0);
    expect(exempt.length / total).toBeLessThan(0.02);
  });

  it('has the seed formats and at least 30 real-project formats', () => {
    const ids = corpus.map((c) => c.id);
    expect(ids).toContain('seed-simple');
    expect(ids).toContain('seed-full');
    expect(ids.filter((id) => !id.startsWith('edge-') && !id.startsWith('seed-')).length).toBeGreaterThanOrEqual(30);
  });

  for (const c of corpus) it(`${c.id}: ${c.fmt}`, () => expectCaseParses(c));
});
