/**
 * The head of a record: the parts before the message (all of them, without a message). A line that
 * matches it starts a record, in `check` and in the collectors' multi-line start patterns alike.
 */
import { LEVEL_NAME_LIST } from './catalogue.js';
import { messageIndex, type Pattern } from './pattern.js';
import { FLAVORS, render, renderRxIn, type Flavor } from './render.js';
import type { Warning } from './result.js';
import { notAhead } from './rx.js';
import { tracebackLine } from './traceback.js';

export interface RecordHead {
  /** Parts in the head; 0 when the format begins with the message and no line can be told from another. */
  readonly length: number;
  /** Index of the head's first time or number field, -1 when it has none. */
  readonly firstTyped: number;
  /** Index of the head's first field with a start value (a level name), -1 when it has none. */
  readonly firstLevel: number;
  /** A record's first line may begin with whitespace (`{name:^20}`, `%(levelname)8s`), as traceback lines do. */
  readonly indented: boolean;
  /** What the user should know about telling records apart with this head. */
  readonly warnings: readonly Warning[];
}

const STRICT_LEVELS = `nothing before the message is a time or a number: a record starts only at a line with a level name the catalogue knows (${LEVEL_NAME_LIST.join(', ')}, Level N); give custom names with --field levelname='INFO|TRACE|...'`;

export function recordHead(pattern: Pattern): RecordHead {
  const m = messageIndex(pattern);
  const candidate = m < 0 ? pattern.parts.length : m;
  const parts = pattern.parts.slice(0, candidate);
  // Colour codes, which may be missing, say nothing either.
  const blank = parts.every((p) => p.kind === 'fragment' || (p.kind === 'literal' && p.text.trim() === ''));
  const length = blank ? 0 : candidate;
  const firstTyped = parts.findIndex((p) => p.kind === 'field' && (p.type === 'time' || p.type === 'int' || p.type === 'float'));
  const warn = (message: string): Warning => ({ message, column: 0, source: pattern.format, origin: 'format' });
  const firstLevel = parts.findIndex((p) => p.kind === 'field' && p.startValue !== null);
  const first = parts[0];
  const indented = length > 0 && first !== undefined && (first.kind === 'literal' ? /^\s/u.test(first.text) : first.kind === 'field' && first.padBefore !== null);
  const warnings = length === 0
    ? [warn('the format begins with the message, so a message line cannot be told from a record: each line is a record, with the traceback text after it')]
    : firstTyped < 0 && firstLevel >= 0
      ? [warn(STRICT_LEVELS)]
      : [];
  return { length, firstTyped, firstLevel, indented, warnings };
}

/** The multi-line start rule a collector gets: a regex for a record's first line, tested one line at a time. */
export interface RecordStart {
  /** Anchored at the line's start, open at its end; null when no line can be told from another here. */
  readonly regex: string | null;
  readonly warnings: readonly Warning[];
}

/**
 * A record's first line, for an agent that sees one line at a time (check follows tracebacks instead).
 * The head, with level names held to CPython's when nothing typed comes before the message. Under such a
 * weak head, and with no head at all, a line that is traceback text (tracebackLine) is refused first,
 * in engines with lookahead; the warnings say what an engine without it will do. `bare`: without groups,
 * to be one alternative of several formats' starts.
 */
export function recordStart(pattern: Pattern, flavor: Flavor, agent: string, bare = false): RecordStart {
  const head = recordHead(pattern);
  const rules = FLAVORS[flavor];
  const warnings: Warning[] = [];
  const warn = (message: string) => warnings.push({ message, column: 0, source: pattern.format, origin: 'format' });
  const weak = head.firstTyped < 0;
  // Source and caret lines are indented: refused too where no record begins with a space.
  const guard = weak && rules.lookahead ? renderRxIn(notAhead(tracebackLine(!head.indented)), flavor) : '';
  const strictLevel = head.firstLevel >= 0;
  if (head.length === 0) {
    if (!rules.lookahead) {
      warn(`the format begins with the message and ${agent}'s regex has no lookahead to tell traceback lines apart: every line is its own record`);
      return { regex: null, warnings };
    }
    warn('the format begins with the message: a line starts a record unless it is traceback text (a frame, a banner, or an exception line whose class name ends in Error, Exception, Warning...)');
    return { regex: `${rules.start}${guard}`, warnings };
  }
  if (weak) {
    if (strictLevel) warn(STRICT_LEVELS);
    if (!rules.lookahead && !strictLevel) warn(`nothing before the message is a time or a number, and ${agent}'s regex has no lookahead: a traceback's exception line ("ValueError: x") may start a new record`);
  }
  const body = render(pattern, flavor, { prefix: head.length, start: weak, bare }).slice(rules.start.length);
  return { regex: `${rules.start}${guard}${body}`, warnings };
}
