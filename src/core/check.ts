/**
 * `check`: lines in, records out, every line in exactly one of them. A line is, in this order:
 * 1. traceback text (traceback.ts): it continues the record, under any head;
 * 2. the start of a record of one of the formats: it matches the format's head (the typed part before
 *    the message), or gets as far as the head's first typed field (a record that went wrong later);
 * 3. a record of a format gone wrong in its first typed field: the rest of the head is right around a
 *    time in another datefmt, an impossible date, or a line cut inside its time;
 * 4. a line of another shape (FOREIGN: a timestamp first, syslog, `LEVEL:name:`, a warnings line);
 * 5. else a message newline, which continues the record before it.
 * Each record is matched whole; one that fails is diagnosed from its pattern's parts: the longest prefix
 * of parts that still matches says which field stopped it.
 *
 * Pure and incremental: the caller feeds lines (without terminators) and gets finished records back, so
 * input of any size streams through in constant memory.
 */
import { LEVEL_NAME_LIST } from './catalogue.js';
import { recordHead } from './head.js';
import { keyedFields, keyedStart, readJsonLine, type Keyed } from './keyvalue.js';
import type { FieldPart, Part, Pattern } from './pattern.js';
import { render, renderRxIn } from './render.js';
import type { Warning } from './result.js';
import { alt, digits, lit, repeat, seq, set, type Rx } from './rx.js';
import { TracebackTracker } from './traceback.js';

export interface Diagnosis {
  /** The field where matching stopped, or null for literal text or the end of the line. */
  readonly field: string | null;
  /** What the pattern expected there: `digits`, `" - "`, `the end of the line`. */
  readonly expected: string;
  /** The literal text expected, when it is literal text (`expected` is then that text quoted). */
  readonly literal: string | null;
  /** For literal text and the end of the line: the field before it, which the summary groups by. */
  readonly after: string | null;
  /** The text found there (a short excerpt), or '' at the end of the line. */
  readonly found: string;
  /** 1-based line number of the line it happened on. */
  readonly line: number;
  /** 0-based column (UTF-16 units) in that line. */
  readonly column: number;
  /** The whole line, for showing a caret under the column. */
  readonly text: string;
}

/** What check says of a line of another shape, wherever it says it (the CLI, the playground). */
export const FOREIGN_TEXT = 'a line of another shape, not a record of this format';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** check's summary, wherever it is printed: `12 records in 14 lines: 11 matched, 1 failed (lineno 1); 2 lines of another shape (lines 3, 9)`. */
export function summaryLine(s: CheckSummary): string {
  const fields = Object.entries(s.failuresByField).sort((a, b) => b[1] - a[1]).map(([f, n]) => `${f} ${n}`).join(', ');
  const shown = s.foreignLines.join(', ') + (s.foreign > s.foreignLines.length ? ', ...' : '');
  const foreign = s.foreign === 0 ? '' : `; ${plural(s.foreign, 'line')} of another shape (${s.foreign === 1 ? 'line' : 'lines'} ${shown})`;
  return `${plural(s.records, 'record')} in ${plural(s.lines, 'line')}: ${s.matched} matched, ${s.failed} failed${fields ? ` (${fields})` : ''}${foreign}`;
}

/** What check says of a failed record: `lineno: expected digits`, then `found "12a"` (or the end of the line). */
export function failureText(d: Diagnosis): { readonly what: string; readonly found: string } {
  return {
    what: d.field === null ? `expected ${d.expected}` : `${d.field}: expected ${d.expected}`,
    found: d.found === '' ? 'found the end of the line' : `found ${JSON.stringify(d.found)}`,
  };
}

/** `record`: a record of one of the formats (matched or not); `foreign`: a line of another shape. */
export type RecordKind = 'record' | 'foreign';

export interface CheckedRecord {
  /** 1-based numbers of its first and last lines. */
  readonly line: number;
  readonly endLine: number;
  readonly matched: boolean;
  readonly kind: RecordKind;
  /** Index of the format it was read as (the one it matched, or was closest to). */
  readonly format: number;
  /**
   * Capture name → exact text, when fields were asked for (undefined: did not take part). For a record
   * that failed, the fields that matched before the failure.
   */
  readonly fields: Readonly<Record<string, string | undefined>> | null;
  /** A JSON line's fields whose value is not a string (a number, true, null, an object): their text is JSON text. */
  readonly jsonValues?: ReadonlySet<string>;
  readonly error: Diagnosis | null;
}

export interface CheckSummary {
  /** Every object, records and lines of another shape alike. */
  readonly records: number;
  readonly lines: number;
  readonly matched: number;
  /** Records of a format that did not match. */
  readonly failed: number;
  /** Lines of another shape (each with the lines that continue it). */
  readonly foreign: number;
  /** The first line of the first few of them. */
  readonly foreignLines: readonly number[];
  /** Records whose first line is not a record header (lines before the first record). */
  readonly orphans: number;
  /** Failed records per field where matching stopped; for literal text, `after FIELD`. */
  readonly failuresByField: Readonly<Record<string, number>>;
  /** Matched records per format, in the order the formats were given. */
  readonly matchedByFormat: readonly number[];
}

/** How records are told apart: by a head, or (a format that begins with the message) each line and its traceback. */
export type Grouping = 'head' | 'line';

const EXCERPT = 24;
const FOREIGN_LINES_KEPT = 20;
/** Stands for a match whose groups were not asked for. */
const MATCHED = Object.assign([''], { index: 0, input: '' }) as RegExpExecArray;

const LEVEL = `(?:${LEVEL_NAME_LIST.join('|')})`;
const NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun', 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
/**
 * The first line of a log record of some other shape, in two tiers. SHAPED lines say more than their
 * time, so they are another shape even where the line could pass for this format's head around a time
 * in another datefmt: syslog's `May  9 08:35:25 host app[12]:`, gunicorn's `[2024-05-09 08:35:25 +0000]
 * [12] [INFO]`, a level first (`WARNING:name:msg`, `[INFO]`, uvicorn's `INFO:     `), an access log's
 * `client - `, an epoch, a `warnings` line (`app.py:12: DeprecationWarning: ...`, Lib/warnings.py
 * formatwarning; its indented source line then continues it). TIMED lines only begin with a timestamp
 * (ISO, Apache's `09/May/2024:08:35:25`, `09/05/2024 08:35`, a time of day), maybe in brackets: tested
 * after this format's own head in another datefmt.
 */
const SHAPED = new RegExp([
  `^${MONTH} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\S+ [^\\s:]+:`,
  `^\\[[^\\]\\n]{8,40}\\] \\[\\d+\\] \\[`,
  `^(?:\\[${LEVEL}\\]|${LEVEL}:[^\\s:]*:|${LEVEL}: {2,}|${LEVEL}$)`,
  `^\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d+)? - `,
  `^\\d{10}(?:\\.\\d+)?\\s`,
  `^[^\\s:]+\\.py:\\d+: \\w+: `,
].join('|'), 'u');
const TIMED = new RegExp([
  `^\\[?\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d`,
  `^\\[?\\d\\d?/${MONTH}/\\d{4}[: ]\\d\\d:\\d\\d`,
  `^\\[?\\d\\d/\\d\\d/\\d{2,4}[ T]\\d\\d:\\d\\d`,
  `^\\[?\\d\\d:\\d\\d:\\d\\d`,
  `^${MONTH} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d `,
].join('|'), 'u');

/** traceback.py's layout: a frame, a source or caret line (four spaces), an ExceptionGroup box. */
const FRAME_TEXT = /^(?: {4}\S|  File "|\s*[|+])/u;

/** The line shapes and the loose head, for the linear-time proof (test/redos.test.ts). */
export const lineShapes = (pattern: Pattern): RegExp[] => {
  const head = recordHead(pattern);
  const loose = head.firstTyped >= 0 ? looseHead(pattern, head.firstTyped, head.length) : null;
  return [SHAPED, TIMED, ...(loose ? [loose] : [])];
};

/** One format's regexes, compiled once. */
class Format {
  readonly pattern: Pattern;
  readonly line: RegExp;
  readonly record: RegExp;
  /** A record's first line (with CPython's level names when nothing typed comes first); null: no head. */
  readonly head: RegExp | null;
  /**
   * Through the head's first typed field (under a weak head, its level name): a line that gets that far
   * is a record that went wrong later.
   */
  readonly start: RegExp | null;
  /** The head with its first typed field loose, or a line cut inside that field: the field went wrong. */
  readonly loose: RegExp | null;
  /**
   * Besides the time, the head has a number or a level name, which a line of another shape (syslog,
   * gunicorn's) would have to get right to pass for this format's record gone wrong.
   */
  readonly looseSaysMore: boolean;
  /** The head has a time or number: only such a head can tell a record from a traceback's exception line. */
  readonly strong: boolean;
  readonly prefixes: readonly RegExp[];
  readonly warnings: readonly Warning[];
  /** A record's first line may begin with whitespace (`{name:^20}`, `%(levelname)8s`), as traceback lines do. */
  readonly indents: boolean;

  constructor(pattern: Pattern) {
    this.pattern = pattern;
    const head = recordHead(pattern);
    this.warnings = head.warnings;
    this.line = new RegExp(render(pattern, 'js'), 'u');
    this.record = new RegExp(render(pattern, 'js', { mode: 'record' }), 'u');
    this.strong = head.firstTyped >= 0;
    this.head = head.length === 0 ? null
      : head.length === pattern.parts.length && (this.strong || head.firstLevel < 0) ? this.line
      : new RegExp(render(pattern, 'js', { prefix: head.length, start: !this.strong }), 'u');
    // Under a weak head, the level name decides as a typed field does.
    const decisive = this.strong ? head.firstTyped : head.firstLevel;
    const through = decisive >= 0 ? render(pattern, 'js', { prefix: decisive + 1, start: !this.strong }) : null;
    const next = pattern.parts[decisive + 1];
    const boundary = this.strong || next === undefined ? '' : next.kind === 'literal' ? `(?:$|${renderRxIn(lit(next.text[0]!), 'js')})` : '$';
    this.start = through === null ? null : new RegExp(`${through}${boundary}`, 'u');
    // A logfmt value may span lines: a record begins at a line with its first key (keyvalue.ts).
    if (pattern.keyed?.syntax === 'logfmt') this.start = keyedStart(pattern.keyed);
    this.loose = this.strong ? looseHead(pattern, head.firstTyped, head.length) : null;
    this.looseSaysMore = pattern.parts.slice(0, head.length).some((p, i) => i !== head.firstTyped && p.kind === 'field' && (p.startValue !== null || p.type === 'int' || p.type === 'float'));
    this.prefixes = pattern.parts.map((_, k) => new RegExp(render(pattern, 'js', { prefix: k + 1 }), 'u'));
    this.indents = head.indented;
  }

  /** The line is a record's first line: under a weak head, the line regex alone would take `Traceback ...`. */
  starts(text: string, lineMatch: boolean): boolean {
    if (this.head === null) return false;
    if (lineMatch && (this.strong || this.head === this.line)) return true;
    return this.head.test(text) || (this.start?.test(text) ?? false);
  }
}

/**
 * `^lits(a time)rest-of-head`, or `^lits(digits...)$`: the head with its first typed field, a time, in any
 * other datefmt (`Thu, 09 May 2024 14:20:49`, `2024-05-09T08:35:25Z`, no `,mmm`, month 13) with the rest of
 * the head right after it; or a line cut inside that time. Any other datefmt is what times are made of
 * around a clock time (hh:mm), each run bounded so that matching stays linear.
 */
function looseHead(pattern: Pattern, typed: number, length: number): RegExp | null {
  const field = pattern.parts[typed] as FieldPart;
  if (field.type !== 'time') return null;
  // It begins as times do (a digit, a day or month name), and holds a clock time (hh:mm).
  const lead = alt(set('\\d'), seq(alt(...NAMES.map(lit)), repeat(set('a-z'), 0, 6)));
  const around = (n: number) => repeat(set('\\w', '\\-', '/', '.', ',', '+', ' ', ':'), 0, n);
  const clock = seq(lead, around(16), digits(1, 2), lit(':'), digits(2, 2), around(16));
  const cut = seq(set('\\d'), repeat(set('\\d', '\\-', '/', '.', ':', ',', ' ', 'T'), 0, 30));
  // Copies, not backreferences: the copies' groups are not captured.
  const variant = (value: Rx): Pattern => ({
    ...pattern,
    parts: pattern.parts.map((p, i) => (i === typed ? { ...field, value, padBefore: null, sameAs: null } : p.kind === 'field' ? { ...p, sameAs: null } : p)),
  });
  // Tested, never read: no groups (a name may not repeat across the alternatives).
  const capture = (_: FieldPart, __: string, value: string) => `(?:${value})`;
  // The rest of the head as a record's first line has it (level names held to CPython's), so that a
  // message line such as 'Mon 09:00 standup meeting' is not read as a time and a level.
  const rest = render(variant(clock), 'js', { prefix: length, capture, start: true });
  const truncated = render(variant(cut), 'js', { prefix: typed + 1, capture });
  return new RegExp(`${rest}|${truncated}$`, 'u');
}

export class RecordChecker {
  readonly grouping: Grouping;
  readonly warnings: readonly Warning[];
  private readonly formats: readonly Format[];
  /** The first format with no head (it begins with the message): any other line starts one of its records. */
  private readonly headless: number;
  private readonly tracebacks = new TracebackTracker();
  private readonly indenting: boolean;
  private readonly wantFields: boolean;
  private readonly wantMatched: boolean;
  /**
   * The object being collected: its first line's number (0 while there is none), that line, the lines
   * after it (null while there are none), what it is, and the line regex's result on its first line.
   * Fields rather than an object per record: most records are one line, and an allocation per line is a
   * measurable share of `check`'s time.
   */
  private recordLine = 0;
  private recordText = '';
  private recordMore: string[] | null = null;
  private recordShape: 'start' | 'orphan' | 'foreign' = 'start';
  private recordFormat = 0;
  private recordFirst: RegExpExecArray | null = null;
  private lineCount = 0;
  private counts = { records: 0, matched: 0, failed: 0, foreign: 0, orphans: 0 };
  private readonly foreignLines: number[] = [];
  private readonly byField = new Map<string, number>();
  private readonly matchedByFormat: number[];
  /** JSON lines (--style json): each line is a record, read with JSON.parse, not with the regex. */
  private readonly json: Keyed | null;

  /**
   * One format, or several that share the stream (the first that matches a line wins). `fields: false`
   * when only matched or not matters (no captures are extracted), `matched: false` when only failed
   * records are wanted back (matched ones are only counted). Both make it faster.
   */
  constructor(patterns: Pattern | readonly Pattern[], options: { readonly fields?: boolean; readonly matched?: boolean } = {}) {
    const list = Array.isArray(patterns) ? patterns : [patterns as Pattern];
    this.formats = list.map((p) => new Format(p));
    this.wantFields = options.fields ?? true;
    this.wantMatched = options.matched ?? true;
    this.headless = this.formats.findIndex((f) => f.head === null);
    this.indenting = this.formats.some((f) => f.indents);
    this.matchedByFormat = this.formats.map(() => 0);
    this.grouping = this.formats.every((f) => f.head === null) ? 'line' : 'head';
    this.warnings = this.formats.flatMap((f) => f.warnings);
    const json = list.filter((p) => p.keyed?.syntax === 'json');
    if (json.length > 0 && list.length > 1) throw new Error('a JSON format cannot share a stream with other formats');
    this.json = json[0]?.keyed ?? null;
  }

  /** Feeds one line (no terminator); returns the record it completed, if any (and if wanted). */
  push(text: string): CheckedRecord | null {
    if (this.json) return this.pushJson(text, this.json);
    const number = ++this.lineCount;
    let traceback = this.tracebacks.classify(text);
    let format = -1;
    let first: RegExpExecArray | null = null;
    let shape: 'start' | 'foreign' | 'continue' = 'continue';
    // An indented line inside a traceback is a record's first line where a head begins with padding
    // (`{name:^20}|`), unless it is laid out as traceback text is, which a typed head could also take
    // (`    1 / 0` as `%(relativeCreated)6d %(threadName)s`).
    if (traceback === 'traceback' && this.indenting && /^\s/u.test(text) && this.formats.some((f) => f.indents && (!f.strong || !FRAME_TEXT.test(text)) && f.starts(text, f.line.test(text)))) {
      this.tracebacks.reset();
      traceback = 'other';
    }
    if (traceback !== 'traceback') {
      // Most lines are whole one-line records: one match of the line regex decides them. Where several
      // formats start here (Celery's task format and its plain one), the one that says more wins.
      let best = -1;
      for (let f = 0; f < this.formats.length; f++) {
        const candidate = this.formats[f]!;
        // A traceback's exception line starts a record only where a time or number says so.
        if (traceback === 'exception' && !candidate.strong) continue;
        const m = candidate.head === null ? null : this.matchLine(candidate, text);
        if (!candidate.starts(text, m !== null)) continue;
        // A whole line matched beats a head that only starts; then the format with more parts.
        const score = (m === null ? 0 : 1 << 16) + candidate.pattern.parts.length;
        if (score > best) {
          best = score;
          format = f;
          first = m;
        }
      }
      if (format < 0 && traceback === 'other') {
        // A line of a known shape is that shape, unless this format's head says more than a time around it.
        const shaped = SHAPED.test(text);
        format = this.formats.findIndex((f) => (!shaped || f.looseSaysMore) && (f.loose?.test(text) ?? false));
        // A format that begins with the message takes any other line: a message may say anything.
        if (format < 0 && this.headless >= 0) {
          format = this.headless;
          first = this.matchLine(this.formats[format]!, text);
        } else if (format < 0 && (shaped || TIMED.test(text))) shape = 'foreign';
      }
      if (format >= 0) shape = 'start';
    }
    // A line that starts nothing continues the object before it (or a run of lines before the first record).
    if (this.recordLine !== 0 && shape === 'continue') {
      (this.recordMore ??= []).push(text);
      return null;
    }
    const done = this.flush();
    this.recordLine = number;
    this.recordText = text;
    this.recordShape = shape === 'continue' ? 'orphan' : shape;
    this.recordFormat = Math.max(format, 0);
    this.recordFirst = first;
    return done;
  }

  /**
   * A JSON line is one record: json.dumps writes a traceback inside its string (`exc_info`). A line that
   * does not begin with `{` is a line of another shape (a print(), a crash dump).
   */
  private pushJson(text: string, keyed: Keyed): CheckedRecord | null {
    const line = ++this.lineCount;
    this.counts.records++;
    const base = { line, endLine: line, format: 0 };
    if (!text.startsWith('{')) {
      this.counts.foreign++;
      if (this.foreignLines.length < FOREIGN_LINES_KEPT) this.foreignLines.push(line);
      const error: Diagnosis = { field: null, expected: 'a JSON object', literal: null, after: null, found: excerpt(text, 0), line, column: 0, text };
      return { ...base, matched: false, kind: 'foreign', fields: this.wantFields ? {} : null, error };
    }
    const read = readJsonLine(text, keyed.keys);
    if (read.ok) {
      this.counts.matched++;
      this.matchedByFormat[0]!++;
      return this.wantMatched ? { ...base, matched: true, kind: 'record', fields: this.wantFields ? read.fields : null, ...(this.wantFields ? { jsonValues: read.values } : {}), error: null } : null;
    }
    this.counts.failed++;
    const error: Diagnosis = { field: read.field, expected: read.expected, literal: null, after: null, found: read.found, line, column: read.column, text };
    const key = failureKey(error);
    this.byField.set(key, (this.byField.get(key) ?? 0) + 1);
    return { ...base, matched: false, kind: 'record', fields: this.wantFields ? {} : null, error };
  }

  private matchLine(format: Format, text: string): RegExpExecArray | null {
    if (this.wantFields) return format.line.exec(text);
    return format.line.test(text) ? MATCHED : null;
  }

  /** Ends the input; returns the last record, if any. */
  end(): CheckedRecord | null {
    return this.flush();
  }

  summary(): CheckSummary {
    return { ...this.counts, lines: this.lineCount, foreignLines: [...this.foreignLines], failuresByField: Object.fromEntries(this.byField), matchedByFormat: [...this.matchedByFormat] };
  }

  private flush(): CheckedRecord | null {
    if (this.recordLine === 0) return null;
    const { recordLine: line, recordText: text, recordMore: more, recordShape: shape, recordFirst: first } = this;
    const format = this.formats[this.recordFormat]!;
    this.recordLine = 0;
    this.recordMore = null;
    this.counts.records++;
    // The common case, a one-line record that matched, when only failures are wanted: just count it.
    if (!this.wantMatched && shape === 'start' && first !== null && more === null) {
      this.counts.matched++;
      this.matchedByFormat[this.recordFormat]!++;
      return null;
    }
    const lines = more === null ? [text] : [text, ...more];
    const endLine = line + lines.length - 1;
    let result: CheckedRecord;
    if (shape === 'foreign') {
      this.counts.foreign++;
      if (this.foreignLines.length < FOREIGN_LINES_KEPT) this.foreignLines.push(line);
      const { error, fields } = this.diagnose(format, line, lines.slice(0, 1));
      return { line, endLine, matched: false, kind: 'foreign', format: this.recordFormat, fields, error };
    }
    if (shape === 'orphan') this.counts.orphans++;
    // One line: the line regex has said it all.
    const m = shape === 'orphan' ? null : lines.length === 1 ? first : this.matchRecord(format, lines.join('\n'));
    if (m !== null) {
      const keyed = format.pattern.keyed;
      const fields = !this.wantFields ? null : keyed ? keyedFields(keyed, m.groups!, lines.join('\n')) : m.groups!;
      result = { line, endLine, matched: true, kind: 'record', format: this.recordFormat, fields, error: null };
      this.counts.matched++;
      this.matchedByFormat[this.recordFormat]!++;
    } else {
      const { error, fields } = this.diagnose(format, line, shape === 'orphan' ? lines.slice(0, 1) : lines);
      result = { line, endLine, matched: false, kind: 'record', format: this.recordFormat, fields, error };
      this.counts.failed++;
      const key = failureKey(error);
      this.byField.set(key, (this.byField.get(key) ?? 0) + 1);
    }
    return result.matched && !this.wantMatched ? null : result;
  }

  private matchRecord(format: Format, text: string): RegExpExecArray | null {
    if (this.wantFields) return format.record.exec(text);
    return format.record.test(text) ? MATCHED : null;
  }

  /**
   * Where the first line stops matching: the first part whose prefix regex fails. The fields are those
   * of the longest prefix that matched, less the one blamed.
   */
  private diagnose(format: Format, line: number, lines: string[]): { error: Diagnosis; fields: Record<string, string | undefined> | null } {
    const text = lines[0]!;
    const parts = format.pattern.parts;
    let reached = 0; // end of the longest matching prefix
    let last: RegExpExecArray | null = null;
    const fieldsOf = (m: RegExpExecArray | null, drop: string | null) => {
      if (!this.wantFields) return null;
      const fields: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(m?.groups ?? {})) if (value !== undefined && name !== drop) fields[name] = value;
      return fields;
    };
    for (const [k, prefix] of format.prefixes.entries()) {
      const m = prefix.exec(text);
      if (m === null) {
        const error = this.blame(format, k, reached, text, line);
        return { error, fields: fieldsOf(last, error.field) };
      }
      reached = m[0].length;
      last = m;
    }
    if (reached < text.length) {
      const after = fieldBefore(parts, parts.length);
      return { error: { field: null, expected: 'the end of the line', literal: null, after, found: excerpt(text, reached), line, column: reached, text }, fields: fieldsOf(last, null) };
    }
    // The first line matches; what follows it does not (a message-not-last format whose tail never came).
    const end = lines.length > 1 ? lines.length - 1 : 0;
    const tail = parts.at(-1)!;
    const error: Diagnosis = {
      field: tail.kind === 'field' ? tail.capture : null,
      expected: tail.kind === 'field' ? tail.expected : tail.kind === 'fragment' ? tail.text : JSON.stringify(tail.text),
      literal: tail.kind === 'literal' ? tail.text : null, after: tail.kind === 'literal' ? fieldBefore(parts, parts.length - 1) : null,
      found: lines[end]!.slice(0, EXCERPT), line: line + end, column: 0, text: lines[end]!,
    };
    return { error, fields: fieldsOf(last, error.field) };
  }

  private blame(format: Format, k: number, column: number, text: string, line: number): Diagnosis {
    const parts = format.pattern.parts;
    const part = parts[k]!;
    const previous = k > 0 ? parts[k - 1]! : null;
    // '12a' where digits then ' - ' were expected: the field took '12' and the literal failed on 'a'. The
    // field is at fault when its word runs on ('12a'); not when punctuation follows it ('08:35:25.958'
    // under a datefmt without the fraction: the literal after the time is what is missing).
    if (part.kind === 'literal' && previous?.kind === 'field' && column > 0 && WORD.test(text[column] ?? '') && WORD.test(text[column - 1]!) && !part.text.startsWith(text[column]!)) {
      const start = fieldStart(format, k - 1, text);
      return { field: previous.capture, expected: previous.expected, literal: null, after: null, found: excerpt(text, start, part.text[0]), line, column: start, text };
    }
    if (part.kind === 'field') return { field: part.capture, expected: part.expected, literal: null, after: null, found: excerpt(text, column), line, column, text };
    // A colour code is described (`RESET_ALL`), a literal shown as its text.
    return { field: null, expected: part.kind === 'fragment' ? part.text : JSON.stringify(part.text), literal: part.kind === 'literal' ? part.text : null, after: fieldBefore(parts, k), found: excerpt(text, column), line, column, text };
  }
}

const WORD = /[\p{L}\p{N}_]/u;

/** Column where field k's value starts: after the prefix before it and any padding. */
function fieldStart(format: Format, k: number, text: string): number {
  const before = k === 0 ? 0 : format.prefixes[k - 1]!.exec(text)![0].length;
  let start = before;
  while (text[start] === ' ' && (format.pattern.parts[k] as FieldPart).padBefore !== null) start++;
  return start;
}

/** The summary's key for a failure: the field, or `after FIELD` for literal text and the end of the line. */
export const failureKey = (d: Diagnosis): string => d.field ?? (d.after === null ? d.expected : `after ${d.after}`);

/** The capture of the last field before part k, or null. */
function fieldBefore(parts: readonly Part[], k: number): string | null {
  for (let i = k - 1; i >= 0; i--) {
    const p = parts[i]!;
    if (p.kind === 'field') return p.capture;
  }
  return null;
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
