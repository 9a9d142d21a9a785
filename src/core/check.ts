/**
 * `check`: lines in, records out. A record starts at a line that matches the head (the typed part of the
 * pattern before the message); the lines after it that do not start a record belong to it (traceback
 * frames, stack info, message newlines). Each record is matched whole; a record that fails is diagnosed
 * from the pattern's parts: the longest prefix of parts that still matches says which field stopped it.
 *
 * Pure and incremental: the caller feeds lines (without terminators) and gets finished records back, so
 * input of any size streams through in constant memory.
 */
import { recordHead } from './head.js';
import type { FieldPart, Pattern } from './pattern.js';
import { groupNames, render } from './render.js';
import type { Warning } from './result.js';

export interface Diagnosis {
  /** The field where matching stopped, or null for literal text or the end of the line. */
  readonly field: string | null;
  /** What the pattern expected there: `digits`, `" - "`, `the end of the line`. */
  readonly expected: string;
  /** The text found there (a short excerpt), or '' at the end of the line. */
  readonly found: string;
  /** 1-based line number of the line it happened on. */
  readonly line: number;
  /** 0-based column (UTF-16 units) in that line. */
  readonly column: number;
  /** The whole line, for showing a caret under the column. */
  readonly text: string;
}

export interface CheckedRecord {
  /** 1-based numbers of its first and last lines. */
  readonly line: number;
  readonly endLine: number;
  readonly matched: boolean;
  /** Capture name → exact text, for a matched record when fields were asked for (undefined: did not take part). */
  readonly fields: Readonly<Record<string, string | undefined>> | null;
  readonly error: Diagnosis | null;
}

export interface CheckSummary {
  readonly records: number;
  readonly lines: number;
  readonly matched: number;
  readonly failed: number;
  /** Records whose first line is not a record header (lines before the first record). */
  readonly orphans: number;
  /** Failed records per field where matching stopped (for literal text, the text: '" - "'). */
  readonly failuresByField: Readonly<Record<string, number>>;
}

/** How records are told apart. */
export type Grouping = 'head' | 'line';

const EXCERPT = 24;
const TRACEBACK = /^Traceback \(most recent call last\):$/u;
const GROUP_TRACEBACK = /^[ \t]*\+ Exception Group Traceback \(most recent call last\):$/u;
/** Stands for a match whose groups were not asked for. */
const MATCHED = Object.assign([''], { index: 0, input: '' }) as RegExpExecArray;

export class RecordChecker {
  readonly grouping: Grouping;
  readonly warnings: readonly Warning[];
  /** Every name a record's `fields` can have, in the order they occur in the record. */
  readonly fieldNames: readonly string[];
  private readonly line: RegExp;
  private readonly record: RegExp;
  private readonly head: RegExp | null;
  /** Through the head's first typed field: a line that gets that far is a record that went wrong later. */
  private readonly start: RegExp | null;
  /** The head has a typed field; without one, a traceback's last line ('ValueError: x') may look like a head. */
  private readonly strongHead: boolean;
  /**
   * Inside a traceback: `frames` of a plain one, whose first unindented line is the exception line, not a
   * new record; a `group` one (3.11+ ExceptionGroup) is all indented, its exception line inside the box.
   */
  private traceback: 'none' | 'frames' | 'group' = 'none';
  private readonly prefixes: readonly RegExp[];
  private readonly pattern: Pattern;
  private readonly wantFields: boolean;
  /**
   * The record being collected: its first line's number (0 while there is none), that line, the lines
   * after it (null while there are none), whether it lacks a header, and the line regex's result on its
   * first line. Fields rather than an object per record: most records are one line, and an allocation per
   * line is a measurable share of `check`'s time.
   */
  private recordLine = 0;
  private recordText = '';
  private recordMore: string[] | null = null;
  private recordOrphan = false;
  private recordFirst: RegExpExecArray | null = null;
  private lineCount = 0;
  private counts = { records: 0, matched: 0, failed: 0, orphans: 0 };
  private readonly byField = new Map<string, number>();
  private readonly wantMatched: boolean;

  /**
   * `fields: false` when only matched or not matters (no captures are extracted), `matched: false` when
   * only failed records are wanted back (matched ones are only counted). Both make it faster.
   */
  constructor(pattern: Pattern, options: { readonly fields?: boolean; readonly matched?: boolean } = {}) {
    this.pattern = pattern;
    this.wantFields = options.fields ?? true;
    this.wantMatched = options.matched ?? true;
    const head = recordHead(pattern);
    this.warnings = head.warnings;
    this.line = new RegExp(render(pattern, 'js'), 'u');
    this.record = new RegExp(render(pattern, 'js', { mode: 'record' }), 'u');
    this.grouping = head.length === 0 ? 'line' : 'head';
    this.fieldNames = [...groupNames(pattern, 'js').values()];
    this.head = head.length === 0 ? null : head.length === pattern.parts.length ? this.line : new RegExp(render(pattern, 'js', { prefix: head.length }), 'u');
    this.strongHead = head.firstTyped >= 0;
    this.start = head.firstTyped >= 0 ? new RegExp(render(pattern, 'js', { prefix: head.firstTyped + 1 }), 'u') : null;
    this.prefixes = pattern.parts.map((_, k) => new RegExp(render(pattern, 'js', { prefix: k + 1 }), 'u'));
  }

  /** Feeds one line (no terminator); returns the record it completed, if any (and if wanted). */
  push(text: string): CheckedRecord | null {
    const number = ++this.lineCount;
    // Most lines are whole one-line records: one match of the line regex decides them.
    const exceptionLine = this.endsTraceback(text);
    const first = exceptionLine ? null : this.matchLine(text);
    const starts = first !== null || (!exceptionLine && this.startsRecord(text));
    // Lines that start no record belong to the one before (also to a run of lines before the first record).
    if (this.recordLine !== 0 && !starts) {
      (this.recordMore ??= []).push(text);
      return null;
    }
    const done = this.flush();
    this.recordLine = number;
    this.recordText = text;
    this.recordOrphan = !starts;
    this.recordFirst = first;
    return done;
  }

  private matchLine(text: string): RegExpExecArray | null {
    if (this.wantFields) return this.line.exec(text);
    return this.line.test(text) ? MATCHED : null;
  }

  /** Tracks tracebacks; true for the exception line that ends one, where a weak head could misread it. */
  private endsTraceback(text: string): boolean {
    if (this.head === null) return false;
    const c = text.charCodeAt(0);
    if (this.traceback !== 'none' && c !== 32 && c !== 9) {
      const frames = this.traceback === 'frames';
      this.traceback = 'none';
      if (frames && !this.strongHead && text !== '') return true;
    }
    // Cheap tests first: most lines start with neither 'T' nor whitespace.
    if (c === 84 && TRACEBACK.test(text)) this.traceback = 'frames';
    else if ((c === 32 || c === 9) && GROUP_TRACEBACK.test(text)) this.traceback = 'group';
    return false;
  }

  private startsRecord(text: string): boolean {
    return this.head === null || this.head.test(text) || (this.start?.test(text) ?? false);
  }

  /** Ends the input; returns the last record, if any. */
  end(): CheckedRecord | null {
    return this.flush();
  }

  summary(): CheckSummary {
    return { ...this.counts, lines: this.lineCount, failuresByField: Object.fromEntries(this.byField) };
  }

  private flush(): CheckedRecord | null {
    if (this.recordLine === 0) return null;
    const { recordLine: line, recordText: text, recordMore: more, recordOrphan: orphan, recordFirst: first } = this;
    this.recordLine = 0;
    this.recordMore = null;
    this.counts.records++;
    if (orphan) this.counts.orphans++;
    // The common case, a one-line record that matched, when only failures are wanted: just count it.
    if (!this.wantMatched && first !== null && more === null) {
      this.counts.matched++;
      return null;
    }
    const lines = more === null ? [text] : [text, ...more];
    const result = orphan ? this.orphan(line, lines) : this.check(line, lines, first);
    if (result.matched) this.counts.matched++;
    else {
      this.counts.failed++;
      const key = result.error!.field ?? result.error!.expected;
      this.byField.set(key, (this.byField.get(key) ?? 0) + 1);
    }
    return result.matched && !this.wantMatched ? null : result;
  }

  private check(line: number, lines: string[], first: RegExpExecArray | null): CheckedRecord {
    const endLine = line + lines.length - 1;
    // One line: the line regex has said it all.
    const m = lines.length === 1 ? first : this.matchRecord(lines.join('\n'));
    if (m !== null) return { line, endLine, matched: true, fields: this.wantFields ? this.fieldsOf(m) : null, error: null };
    return { line, endLine, matched: false, fields: null, error: this.diagnose(line, lines) };
  }

  private matchRecord(text: string): RegExpExecArray | null {
    if (this.wantFields) return this.record.exec(text);
    return this.record.test(text) ? MATCHED : null;
  }

  private orphan(line: number, lines: string[]): CheckedRecord {
    const error = this.diagnose(line, lines.slice(0, 1));
    return { line, endLine: line + lines.length - 1, matched: false, fields: null, error };
  }

  /** The js flavor names its groups by capture name, so the match's groups are the fields. */
  private fieldsOf(m: RegExpExecArray): Record<string, string | undefined> {
    return m.groups!;
  }


  /** Where the first line stops matching: the first part whose prefix regex fails. */
  private diagnose(line: number, lines: string[]): Diagnosis {
    const text = lines[0]!;
    const parts = this.pattern.parts;
    let reached = 0; // end of the longest matching prefix
    for (const [k, prefix] of this.prefixes.entries()) {
      const m = prefix.exec(text);
      if (m === null) return this.blame(k, reached, text, line);
      reached = m[0].length;
    }
    if (reached < text.length) {
      return { field: null, expected: 'the end of the line', found: excerpt(text, reached), line, column: reached, text };
    }
    // The first line matches; what follows it does not (a message-not-last format whose tail never came).
    const last = lines.length > 1 ? lines.length - 1 : 0;
    const tail = parts.at(-1)!;
    return {
      field: tail.kind === 'field' ? tail.capture : null,
      expected: tail.kind === 'field' ? tail.expected : JSON.stringify(tail.text),
      found: lines[last]!.slice(0, EXCERPT), line: line + last, column: 0, text: lines[last]!,
    };
  }

  private blame(k: number, column: number, text: string, line: number): Diagnosis {
    const part = this.pattern.parts[k]!;
    const previous = k > 0 ? this.pattern.parts[k - 1]! : null;
    // '12a' where digits then ' - ' were expected: the field took '12' and the literal failed on 'a'.
    // The field is the one at fault when the text at the column runs on from it without a break.
    if (part.kind === 'literal' && previous?.kind === 'field' && column > 0 && /\S/u.test(text[column] ?? '') && !part.text.startsWith(text[column]!)) {
      const start = this.fieldStart(k - 1, text);
      return { field: previous.capture, expected: previous.expected, found: excerpt(text, start, part.text[0]), line, column: start, text };
    }
    const expected = part.kind === 'field' ? part.expected : JSON.stringify(part.text);
    return { field: part.kind === 'field' ? part.capture : null, expected, found: excerpt(text, column), line, column, text };
  }

  /** Column where field k's value starts: after the prefix before it and any padding. */
  private fieldStart(k: number, text: string): number {
    const before = k === 0 ? 0 : this.prefixes[k - 1]!.exec(text)![0].length;
    let start = before;
    while (text[start] === ' ' && (this.pattern.parts[k] as FieldPart).padBefore !== null) start++;
    return start;
  }
}

/**
 * A short piece of `text` from `column`: its first word (with any whitespace before it), up to `stop`,
 * at most EXCERPT characters.
 */
function excerpt(text: string, column: number, stop?: string): string {
  let end = column;
  while (end < text.length && /\s/u.test(text[end]!)) end++;
  while (end < text.length && !/\s/u.test(text[end]!) && (text[end] !== stop || end === column)) end++;
  return text.slice(column, Math.min(end, column + EXCERPT));
}
