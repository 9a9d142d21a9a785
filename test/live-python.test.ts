/**
 * Differential against live CPython: every interpreter here (pyenv 3.8–3.13) renders the corpus formats
 * with real logging.Formatter objects, and every line must parse field by field. Without Python the
 * committed corpus (differential.test.ts) still runs; with PYLOGRX_REQUIRE_PYTHON=1 (CI) a missing
 * interpreter is a failure, not a skip.
 */
import { describe, expect, it } from 'vitest';
import { loadCorpus } from './support/corpus.js';
import { expectCaseParses } from './support/differential.js';
import { pythons, rendered } from './support/python.js';

const interpreters = pythons();

describe('live CPython', () => {
  it('has interpreters to run', () => {
    if (process.env.PYLOGRX_REQUIRE_PYTHON === '1') expect(interpreters.length).toBeGreaterThan(0);
  });

  for (const python of interpreters) {
    it(`Python ${python.version}: every format's lines parse, field by field`, () => {
      const corpus = rendered(python, 'render_fixtures.py', loadCorpus);
      expect(corpus.length).toBeGreaterThan(70);
      for (const c of corpus) expectCaseParses(c);
    });
  }
});
