/** What every command shares: exit codes, colour, and printing core errors and warnings. */
import { Chalk, type ChalkInstance } from 'chalk';
import type { FormatError, FormatTime, PatternOptions, Style, Warning } from '../core/index.js';
import { formatProblem, label } from './diagnostics.js';

/** Exit status: 0 success, 1 records failed to match (check), 2 usage or format error. */
export const EXIT_USAGE = 2;

/**
 * Colour only on a terminal, honouring NO_COLOR and FORCE_COLOR (https://no-color.org): FORCE_COLOR=2 and 3
 * (as chalk reads them) give 256 and 24-bit colours, which `show` uses to tell more fields apart.
 */
export function colorFor(stream: NodeJS.WriteStream): ChalkInstance {
  const force = process.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return new Chalk({ level: force === '0' || force === 'false' ? 0 : force === '2' ? 2 : force === '3' ? 3 : 1 });
  if (process.env.NO_COLOR) return new Chalk({ level: 0 });
  return new Chalk({ level: stream.isTTY ? 1 : 0 });
}

export interface FormatFlags {
  readonly style: Style;
  readonly datefmt?: string;
  readonly field: Record<string, string>;
  readonly colorize?: boolean;
  /** A preset's Formatter subclass's formatTime: no flag gives it. */
  readonly formatTime?: FormatTime;
}

export function patternOptions(flags: FormatFlags): PatternOptions {
  return { style: flags.style, datefmt: flags.datefmt ?? null, fields: flags.field, colorize: flags.colorize ?? false, ...(flags.formatTime ? { formatTime: flags.formatTime } : {}) };
}

/** Prints a core error with its caret and exits 2. */
export function exitWithError(error: FormatError): never {
  process.stderr.write(`${formatProblem('error', error, colorFor(process.stderr))}\n`);
  process.exit(EXIT_USAGE);
}

export function printWarnings(warnings: readonly Warning[]): void {
  const color = colorFor(process.stderr);
  for (const w of warnings) process.stderr.write(`${formatProblem('warning', w, color)}\n`);
}


/** A one-line problem with no column to point at: `pylogrx: warning (app.py:7): ...`. */
export function say(kind: 'error' | 'warning' | 'note', message: string, where?: string): void {
  process.stderr.write(`pylogrx: ${label(kind, colorFor(process.stderr))}${where ? ` (${where})` : ''}: ${message}\n`);
}

/** Prints a usage error; returns the exit status for it. */
export function usageError(message: string): number {
  say('error', message);
  return EXIT_USAGE;
}
