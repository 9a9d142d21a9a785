/**
 * `pylogrx show` and `check --show`: each checked record printed with each field in its own colour, or,
 * without colour, with bracket rows under its lines (core/show.ts lays them out). Display widths come
 * from string-width (CJK, emoji sequences, combining marks), the library most terminal tools measure with.
 */
import type { ChalkInstance } from 'chalk';
import stringWidth from 'string-width';
import type { CheckedRecord } from '../core/check.js';
import type { Pattern } from '../core/pattern.js';
import { layoutRecord, type ShownLine } from '../core/show.js';
import { fieldSpans } from '../core/spans.js';
import { fieldLabels } from '../core/typed.js';
import { failureHead, foreignHead } from './check.js';
import { visible } from './diagnostics.js';

/**
 * Field colours in the format's order. With 256 colours or more, the Okabe–Ito palette (told apart with
 * every common colour-vision deficiency); with 16, the basic colours but red, which failures use.
 */
const RICH = ['#56B4E9', '#E69F00', '#009E73', '#F0E442', '#CC79A7', '#0072B2', '#D55E00', '#999999'];
const BASIC = ['cyan', 'yellow', 'green', 'magenta', 'blue', 'cyanBright', 'yellowBright', 'greenBright', 'magentaBright', 'blueBright'] as const;

/** Prints records as `show` does: a legend per format first, then each record as it comes. */
export function recordShower(patterns: readonly Pattern[], color: ChalkInstance): { legend: string; show: (record: CheckedRecord, lines: readonly string[]) => string } {
  const paints = patterns.map((p) => new FieldPaint(p, color));
  const legend = paints.map((paint, k) => `${patterns.length > 1 ? `format ${k + 1}: ` : ''}${paint.legend()}\n`).join('');
  const show = (record: CheckedRecord, lines: readonly string[]): string => {
    const paint = paints[record.format]!;
    // The spans are of the text as read; it is shown with each control character as one cell (a tab as a
    // space, the same length), so the brackets stay under their text.
    const text = lines.join('\n');
    const d = record.error;
    const head = record.matched ? '' : `${record.kind === 'foreign' ? foreignHead(record, color) : failureHead(d!, color)}\n`;
    const caret = record.kind === 'record' && d !== null ? { line: d.line - record.line, column: d.column } : undefined;
    const shown = layoutRecord(lines.map(visible).join('\n'), fieldSpans(patterns[record.format]!, record, text), { width: stringWidth, label: (f) => paint.label(f), caret });
    return head + shown.map((line) => paint.line(line)).join('');
  };
  return { legend, show };
}

/** One format's fields, each with its colour and its name as check names it. */
class FieldPaint {
  private readonly labels: ReadonlyMap<string, string>;
  private readonly colors = new Map<string, ChalkInstance>();
  constructor(pattern: Pattern, private readonly color: ChalkInstance) {
    this.labels = fieldLabels(pattern);
    for (const field of this.labels.keys()) this.paint(field);
  }
  label(field: string): string {
    return this.labels.get(field) ?? field;
  }
  /** A field's colour; a field the format does not name (exc_text, a logfmt key) gets the next one. */
  paint(field: string): ChalkInstance {
    let paint = this.colors.get(field);
    if (paint === undefined) {
      const n = this.colors.size;
      paint = this.color.level >= 2 ? this.color.hex(RICH[n % RICH.length]!) : this.color[BASIC[n % BASIC.length]!];
      this.colors.set(field, paint);
    }
    return paint;
  }
  legend(): string {
    return [...this.labels].map(([field, label]) => this.paint(field)(label)).join(' ');
  }
  /** The line, coloured by field; without colour, its bracket rows under it. The caret under it either way. */
  line({ pieces, rows, caret }: ShownLine): string {
    if (this.color.level === 0) return [pieces.map((p) => p.text).join(''), ...rows].map((row) => `${row}\n`).join('');
    const text = pieces.map((p) => (p.field === null ? p.text : this.paint(p.field)(p.text))).join('');
    return `${text}\n${caret === null ? '' : `${' '.repeat(caret)}${this.color.green('^')}\n`}`;
  }
}
