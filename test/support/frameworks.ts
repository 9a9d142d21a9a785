/**
 * What real web frameworks print with their default logging (fixtures/frameworks, made by
 * scripts/capture_frameworks.py): the captured stdout+stderr, and from a hook on
 * logging.Formatter.format, which lines each record took and which formatter made it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPattern, recordHead, TracebackTracker, type Pattern, type Style } from '../../src/core/index.js';
import { FIXTURES } from './corpus.js';

/** A formatter the framework logged through, as Python held it. */
export interface FrameworkFormat {
  readonly fmt: string;
  readonly datefmt: string | null;
  readonly style: Style;
  /** Module-qualified, e.g. `logging.Formatter`, `tornado.log.LogFormatter`. */
  readonly class: string;
  /** The `defaults=` given to the formatter (Python 3.10+), or null. */
  readonly defaults: Readonly<Record<string, unknown>> | null;
  /** How asctime looks without a datefmt; a subclass may change them (Django's ServerFormatter). */
  readonly default_time_format: string;
  readonly default_msec_format: string | null;
}

export interface FrameworkRecord {
  /** First and last 1-based line of the record in the log. */
  readonly line: number;
  readonly end_line: number;
  /** Index into `formats`. */
  readonly format: number;
  /** Exactly the record's lines in the log, joined by "\n", without the terminator. */
  readonly text: string;
  /**
   * Only when the stream changed the text on the way out: what the formatter returned. Werkzeug
   * colours its messages and colorama strips the escapes from a stream that is not a tty.
   */
  readonly formatted?: string;
}

export interface FrameworkCase {
  readonly framework: string;
  /** The framework's package version. */
  readonly version: string;
  /** sys.version of the framework's interpreter. */
  readonly python: string;
  readonly command: readonly string[];
  /** The distinct formatters, in first-seen order. */
  readonly formats: readonly FrameworkFormat[];
  /** In stream order. */
  readonly records: readonly FrameworkRecord[];
  /** 1-based lines no formatter wrote: banners, print(), warnings, tracebacks printed directly. */
  readonly other: readonly number[];
  /** Formatted by a logging.Formatter but not found in the log (normally empty). */
  readonly unmatched: readonly { format: number; text: string }[];
  /** The whole captured stream, exactly as written (stdout and stderr interleaved). */
  readonly log: string;
}

export function loadFrameworks(dir = join(FIXTURES, 'frameworks')): FrameworkCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const c = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Omit<FrameworkCase, 'log'>;
      return { ...c, log: readFileSync(join(dir, f.replace(/\.json$/, '.log')), 'utf8') };
    });
}

/** The formats a framework wrote through, as patterns. */
export function patternsOf(c: FrameworkCase): Pattern[] {
  return c.formats.map((f) => {
    const pattern = buildPattern(f.fmt, { style: f.style, datefmt: f.datefmt });
    if (!pattern.ok) throw new Error(`${c.framework}: ${pattern.error.message}`);
    return pattern.value;
  });
}

/**
 * A record with a message newline, where a format begins with the message (`check`: one of the
 * formats; a collector: its own): no reader can tell that line from a record of that format.
 */
export function splitsUnderHeadless(formats: readonly FrameworkFormat[], r: FrameworkRecord): boolean {
  const headless = formats.some((f) => {
    const pattern = buildPattern(f.fmt, { style: f.style });
    return pattern.ok && recordHead(pattern.value).length === 0;
  });
  const tracebacks = new TracebackTracker();
  const lines = r.text.split('\n').slice(0, r.text.endsWith('\n') ? -1 : undefined);
  return headless && lines.some((line, i) => tracebacks.classify(line) === 'other' && i > 0);
}
