/**
 * CPython renders scripts/render_infer.py's seeded records through formats (test/infer-differential.test.ts,
 * test/infer.test.ts): the lines `infer` is proven on, each format's valid or not.
 */
import { join } from 'node:path';
import type { Style } from '../../src/core/index.js';
import { pythons, runPython } from './python.js';

const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'render_infer.py');

export const inferPython = pythons().at(-1);

export interface ToRender {
  readonly fmt: string;
  readonly style: Style;
  readonly datefmt: string | null;
}

export const renderInfer = (formats: readonly ToRender[]) =>
  JSON.parse(runPython({ ...inferPython!, env: { ...inferPython!.env, TZ: 'UTC' } }, [SCRIPT], JSON.stringify(formats))) as { valid: boolean; lines?: string[] }[];
