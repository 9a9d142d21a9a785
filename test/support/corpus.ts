/** The CPython-rendered fixture corpus (fixtures/corpus, made by scripts/render_fixtures.py). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoggingStyle as Style } from '../../src/core/index.js';

export interface CorpusLine {
  /** Exactly what Python wrote, without the terminator. */
  readonly text: string;
  /** Attribute → the text its capture must hold (the value without its width padding). */
  readonly fields: Readonly<Record<string, string>>;
}

export interface CorpusCase {
  readonly id: string;
  readonly fmt: string;
  readonly style: Style;
  readonly datefmt: string | null;
  readonly python: string;
  readonly lines: readonly CorpusLine[];
}

export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

export function loadCorpus(dir = join(FIXTURES, 'corpus')): CorpusCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'index.json')
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as CorpusCase);
}
