/**
 * The one hook for `pylogrx infer`: the format the sample's lines were written with, used when the format
 * box is empty. Null until inference is wired in; the page then shows its empty-format state.
 */
import type { Style } from '../src/core/index.js';

export interface InferredFormat {
  readonly format: string;
  readonly style: Style;
  readonly datefmt: string | null;
}

export function inferFormat(_sample: string): InferredFormat | null {
  return null;
}
