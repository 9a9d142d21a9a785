/** Turns core error and warning values into text for a terminal: a one-line message, the source, a caret. */
import type { ChalkInstance } from 'chalk';
import type { FormatError, Warning } from '../core/index.js';

/** Control characters shown visibly, so the caret stays under its column. */
export const visible = (s: string) => s.replace(/[\x00-\x1f\x7f]/gu, (c) => (c === '\t' ? ' ' : '\u00b7'));

export const label = (kind: 'error' | 'warning' | 'note', color: ChalkInstance) => (kind === 'error' ? color.red.bold('error') : kind === 'warning' ? color.yellow.bold('warning') : color.cyan('note'));

export function formatProblem(kind: 'error' | 'warning', problem: FormatError | Warning, color: ChalkInstance): string {
  const where = problem.source === '' ? '' : ` (${problem.origin} column ${problem.column + 1})`;
  const head = `pylogrx: ${label(kind, color)}${where}: ${problem.message}`;
  if (problem.source === '') return head;
  const caret = `${' '.repeat([...problem.source.slice(0, problem.column)].length)}${color.green('^')}`;
  return `${head}\n  ${visible(problem.source)}\n  ${caret}`;
}
