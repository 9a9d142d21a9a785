/**
 * `show`'s layout: a checked record's text cut into the pieces each field coloured, and, for a terminal
 * without colour, bracket rows under each line that mark each field's columns and name it:
 *
 *     2024-05-09 08:35:25,041 INFO app.db connected
 *     └────── asctime ──────┘ └┬─┘ └┬───┘ └───────┘ message
 *                              │    └ name
 *                              └ levelname
 *
 * Columns are display columns (a CJK character or an emoji takes two), measured by the `width` the
 * caller gives, so the core stays free of a width table (the terminal's library is the CLI's; a
 * browser lays spans out itself). Pure: values in, values out (what a width function measured is
 * remembered, keyed by that function).
 */
import type { FieldSpan } from './spans.js';

/** A run of a line's text: one field's, or text between fields (`field` null). */
export interface Piece {
  readonly text: string;
  readonly field: string | null;
}

/** A field's bracket: display columns [from, to) of the line it is marked on. */
export interface Mark {
  readonly field: string;
  readonly from: number;
  readonly to: number;
}

export interface ShownLine {
  readonly pieces: readonly Piece[];
  /** The fields marked under this line: those whose text begins on it (a field spanning lines, on its first). */
  readonly marks: readonly Mark[];
  /** The bracket rows (and the caret), without trailing spaces; none when nothing is marked. */
  readonly rows: readonly string[];
  /** The display column of the caret under this line (a failure's column), or null. */
  readonly caret: number | null;
}

export interface LayoutOptions {
  /** Display width of a text (cells a terminal gives it). */
  readonly width: (text: string) => number;
  /** A field's name as shown (check's label for it). */
  readonly label?: (field: string) => string;
  /** Where a failed record failed: its line in the record (0-based) and column in UTF-16 units. */
  readonly caret?: { readonly line: number; readonly column: number };
}

/**
 * Each line of `text` (a record's lines joined by `\n`), cut into field pieces by `spans` (fieldSpans:
 * in text order, none overlapping), with each field marked under the line where its text begins.
 */
export function layoutRecord(text: string, spans: readonly FieldSpan[], options: LayoutOptions): ShownLine[] {
  const shown: ShownLine[] = [];
  let start = 0;
  for (const [k, line] of text.split('\n').entries()) {
    const end = start + line.length;
    const column = columns(line, options.width);
    const pieces: Piece[] = [];
    const marks: Mark[] = [];
    let at = start;
    for (const span of spans) {
      const from = Math.max(span.start, start);
      const to = Math.min(span.end, end);
      if (from >= to) continue;
      if (from > at) pieces.push({ text: text.slice(at, from), field: null });
      pieces.push({ text: text.slice(from, to), field: span.name });
      at = to;
      // Marked where its text begins: a field spanning lines (a traceback) is marked once, on its first.
      const cells = { from: column(from - start), to: column(to - start) };
      if (from === span.start && cells.to > cells.from) marks.push({ field: span.name, ...cells });
    }
    if (at < end) pieces.push({ text: text.slice(at, end), field: null });
    const caret = options.caret?.line === k ? column(options.caret.column) : null;
    shown.push({ pieces, marks, rows: bracketRows(marks, caret, options), caret });
    start = end + 1;
  }
  return shown;
}

const graphemes = new Intl.Segmenter();

/** What a width function measured: texts (labels, clusters), and runs as their clusters' ends and columns. */
interface Measured {
  readonly texts: Map<string, number>;
  readonly runs: Map<string, readonly number[]>;
}
const measured = new WeakMap<(text: string) => number, Measured>();
/** Runs kept per width function: a logger name or a message that repeats is segmented once. */
const RUNS_KEPT = 4096;

function memo(width: (text: string) => number): Measured {
  let found = measured.get(width);
  if (found === undefined) measured.set(width, (found = { texts: new Map(), runs: new Map() }));
  return found;
}

/** `width(text)`, each text measured once (labels repeat on every line). */
function widthOf(text: string, width: (text: string) => number): number {
  const { texts } = memo(width);
  let cells = texts.get(text);
  if (cells === undefined) texts.set(text, (cells = width(text)));
  return cells;
}

/**
 * The display column of each UTF-16 offset in `line`: `width(line.slice(0, offset))`. A width library
 * sums the widths of the grapheme clusters it segments a text into, so each cluster is measured once,
 * and only text around non-ASCII characters is segmented (Intl.Segmenter costs tens of microseconds a
 * call): a printable ASCII character is a cluster of one cell unless a mark, joiner or selector after it
 * joins it, so each run of other characters is segmented with the character before it, and a run seen
 * before is not segmented again. An offset inside a cluster is measured as its prefix is.
 */
function columns(line: string, width: (text: string) => number): (offset: number) => number {
  if (/^[\x20-\x7e]*$/u.test(line)) return (offset) => offset;
  const { runs } = memo(width);
  const at = new Map<number, number>([[0, 0]]);
  let [done, column] = [0, 0];
  const ascii = (to: number) => {
    for (; done < to; done++) at.set(done + 1, ++column);
  };
  for (const run of line.matchAll(/[^\x20-\x7e]+/gu)) {
    const from = Math.max(done, run.index - 1);
    ascii(from);
    const text = line.slice(from, run.index + run[0].length);
    let ends = runs.get(text);
    if (ends === undefined) {
      ends = [...graphemes.segment(text)].flatMap(({ segment, index }) => [index + segment.length, widthOf(segment, width)]);
      if (runs.size >= RUNS_KEPT) runs.clear();
      runs.set(text, ends);
    }
    for (let k = 0; k < ends.length; k += 2) at.set(from + ends[k]!, (column += ends[k + 1]!));
    done = from + text.length;
  }
  ascii(line.length);
  return (offset) => at.get(offset) ?? width(line.slice(0, offset));
}

/** A row of cells; a label wider than one cell holds its text in its first cell and '' in the rest. */
type Row = string[];

const put = (row: Row, at: number, text: string, width: number) => {
  while (row.length < at + width) row.push(' ');
  row[at] = text;
  for (let i = 1; i < width; i++) row[at + i] = '';
};

const free = (row: Row | undefined, from: number, to: number) => {
  for (let i = from; i < to && row !== undefined && i < row.length; i++) if (row[i] !== ' ') return false;
  return true;
};

/**
 * Row 0: every bracket, exactly under its field's columns, the name inside it when it fits (`└─ name ─┘`),
 * else after it when the row is free there (the last field's), else at a tee (`└┬─┘`) with the name in a
 * row below, reached by a vertical. Names below are placed right to left, each in the first row where it
 * fits, so rows are added only where names would overlap. The caret takes its cell in row 0.
 */
function bracketRows(marks: readonly Mark[], caret: number | null, { width, label = (f) => f }: LayoutOptions): string[] {
  if (marks.length === 0 && caret === null) return [];
  const rows: Row[] = [[]];
  const top = rows[0]!;
  const below: { tee: number; name: string; width: number }[] = [];
  if (caret !== null) put(top, caret, '^', 1);
  for (const [i, mark] of marks.entries()) {
    const name = label(mark.field);
    const nameWidth = widthOf(name, width);
    const cells = mark.to - mark.from;
    const next = Math.min(marks[i + 1]?.from ?? Infinity, caret !== null && caret >= mark.to ? caret : Infinity);
    if (cells >= nameWidth + 4) {
      const left = Math.floor((cells - nameWidth - 4) / 2);
      put(top, mark.from, `└${'─'.repeat(left)} `, left + 2);
      put(top, mark.from + left + 2, name, nameWidth);
      put(top, mark.from + left + 2 + nameWidth, ` ${'─'.repeat(cells - nameWidth - 4 - left)}┘`, cells - nameWidth - 2 - left);
    } else if (mark.to + 1 + nameWidth < next) {
      put(top, mark.from, bracket(cells, null), cells);
      put(top, mark.to + 1, name, nameWidth);
    } else {
      const tee = cells >= 3 ? 1 : 0;
      put(top, mark.from, bracket(cells, tee), cells);
      below.push({ tee: mark.from + tee, name, width: nameWidth });
    }
  }
  for (const { tee, name, width: nameWidth } of below.reverse()) {
    // The name's cells and one after it, so two names never touch.
    let r = 1;
    while (!free(rows[r], tee, tee + 2 + nameWidth + 1)) r++;
    for (let above = 1; above < r; above++) put(rows[above]!, tee, '│', 1);
    rows[r] ??= [];
    put(rows[r]!, tee, '└ ', 2);
    put(rows[r]!, tee + 2, name, nameWidth);
  }
  return rows.map((row) => row.join('').trimEnd());
}

/** A bracket `cells` wide (`│`, `└┘`, `└──┘`), with a tee at `tee` (0 or 1) when its name is below. */
function bracket(cells: number, tee: number | null): string {
  if (cells === 1) return tee === null ? '│' : '┬';
  const inner = [...'─'.repeat(cells - 2)];
  const chars = ['└', ...inner, '┘'];
  if (tee !== null) chars[tee] = '┬';
  return chars.join('');
}
