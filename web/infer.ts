/**
 * The formats the sample's lines were written with (`pylogrx infer`), used when the format box is empty:
 * every candidate of the core's inference (several where formats interleave: a Flask dev server's own
 * lines and its app's), best first, or none when no format explains most of the sample's records (the
 * page then shows its empty-format state).
 */
import { INFER_LINES, inferFormat, type InferredFormat } from '../src/core/index.js';

export function inferFormats(lines: readonly string[]): readonly InferredFormat[] {
  if (lines.length === 0) return [];
  return inferFormat(lines.slice(0, INFER_LINES)).candidates;
}
