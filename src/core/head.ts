/**
 * The head of a record: the parts before the message (all of them, without a message). A line that
 * matches it starts a record, in `check` and in the collectors' multi-line start patterns alike.
 */
import { messageIndex, type Pattern } from './pattern.js';
import type { Warning } from './result.js';

export interface RecordHead {
  /** Parts in the head; 0 when the format begins with the message and no line can be told from another. */
  readonly length: number;
  /** Index of the head's first time or number field, -1 when it has none. */
  readonly firstTyped: number;
  /** What the user should know about telling records apart with this head. */
  readonly warnings: readonly Warning[];
}

export function recordHead(pattern: Pattern): RecordHead {
  const m = messageIndex(pattern);
  const candidate = m < 0 ? pattern.parts.length : m;
  const parts = pattern.parts.slice(0, candidate);
  const blank = parts.every((p) => p.kind === 'literal' && p.text.trim() === '');
  const length = blank ? 0 : candidate;
  const firstTyped = parts.findIndex((p) => p.kind === 'field' && (p.type === 'time' || p.type === 'int' || p.type === 'float'));
  const warn = (message: string): Warning => ({ message, column: 0, source: pattern.format, origin: 'format' });
  const warnings = length === 0
    ? [warn('the format begins with the message, so a record cannot be told from a message or traceback line: one record per line')]
    : firstTyped < 0
      ? [warn('nothing before the message is a time or a number, so a traceback line such as "ValueError: x" may be read as a new record')]
      : [];
  return { length, firstTyped, warnings };
}
