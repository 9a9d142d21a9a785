/** `pylogrx check`: streams lines through the core's RecordChecker and reports records, field by field. */
import type { ChalkInstance } from 'chalk';
import { writeFileSync } from 'node:fs';
import { failureText, FOREIGN_TEXT, RecordChecker, summaryLine, type CheckedRecord, type CheckSummary, type Diagnosis } from '../core/check.js';
import { guessDatefmt, type TimeSample } from '../core/datefmt-guess.js';
import { notText } from '../core/hints.js';
import { buildPattern } from '../core/pattern.js';
import { groupNames } from '../core/render.js';
import { fieldLabels, valueReaders, type ReadValue } from '../core/typed.js';
import { visible } from './diagnostics.js';
import { colorFor, exitWithError, patternOptions, printWarnings, usageError, type FormatFlags } from './io.js';
import { eachLine, openInput } from './lines.js';

export interface CheckFlags extends FormatFlags {
  readonly json?: boolean;
  readonly typed?: boolean;
  readonly quiet?: boolean;
  readonly maxErrors: number;
  /** Lines of another shape are expected in this stream: reported and counted, but not a failure. */
  readonly allowForeign?: boolean;
  /** Print every record with its fields marked (`show`). */
  readonly show?: boolean;
  /** Write the HTML report (records per minute by level, failures by field) to this file. */
  readonly report?: string;
}

/** Output in large writes, waiting when the consumer is slower than we are. */
class Output {
  private buffer: string[] = [];
  private size = 0;
  constructor(private readonly stream: NodeJS.WriteStream) {}
  private blocked = false;
  write(text: string): void {
    this.buffer.push(text);
    this.size += text.length;
    // Moderate writes: one huge string per input chunk costs more to build and encode than several.
    if (this.size >= 1 << 16) this.send();
  }
  /** Hands what is buffered to the stream now (stdout to a file or pipe writes synchronously on Linux). */
  send(): void {
    if (this.size === 0) return;
    if (!this.stream.write(this.buffer.join(''))) this.blocked = true;
    this.buffer = [];
    this.size = 0;
  }
  /** Sends what is buffered, and waits while the consumer is behind. */
  async flush(): Promise<void> {
    this.send();
    if (this.blocked) await new Promise<void>((resolve) => this.stream.once('drain', resolve));
    this.blocked = false;
  }
}

/** Checks the input against one format, or several that share the stream (each with its own flags). */
export async function runCheck(formats: readonly { format: string; flags: FormatFlags }[], file: string | undefined, flags: CheckFlags): Promise<number> {
  const patterns = formats.map(({ format, flags: own }) => {
    const pattern = buildPattern(format, patternOptions(own));
    if (!pattern.ok) exitWithError(pattern.error);
    return pattern.value;
  });
  if (flags.show && flags.json) return usageError('--show prints records for reading; --json prints them for programs: give one');
  if (patterns.length > 1 && patterns.some((p) => p.keyed?.syntax === 'json')) {
    return usageError('a JSON format cannot share a log with other formats: check its log with it alone (--from FILE#NAME)');
  }
  const color = colorFor(process.stdout);
  const shower = flags.show ? (await import('./show.js')).recordShower(patterns, color) : null;
  const reportData = flags.report === undefined ? null : new (await import('../core/report.js')).ReportData(patterns);
  const every = flags.json === true || shower !== null || reportData !== null;
  const checker = new RecordChecker(patterns, { fields: every, matched: every });
  printWarnings([...patterns.flatMap((p) => p.warnings), ...checker.warnings]);
  const out = new Output(process.stdout);
  if (shower !== null) out.write(shower.legend);
  // show: the lines of the record being read (the checker hands back a record after its last line).
  const held: string[] = [];
  let heldFrom = 1;
  // Each format its own writer: its fields in its order, read back (--typed) as it printed them.
  const writers = patterns.map((p) => jsonLine([...groupNames(p, 'js').values()], flags.typed ? valueReaders(p) : undefined, patterns.length, fieldLabels(p), p.keyed !== undefined));
  const json = (record: CheckedRecord) => writers[record.format]!(record);
  let reported = 0;
  // The first lines that failed at their time, of the first format that did: what a datefmt is guessed from.
  const times: TimeSample[] = [];
  let timesFormat = -1;
  const report = (record: CheckedRecord | null) => {
    if (record === null) return;
    if (record.error?.field === 'asctime' && record.kind === 'record' && times.length < TIME_SAMPLES) {
      if (timesFormat < 0) timesFormat = record.format;
      if (record.format === timesFormat) times.push({ text: record.error.text, column: record.error.column });
    }
    reportData?.add(record);
    if (shower !== null) {
      const lines = held.splice(0, record.endLine - heldFrom + 1).slice(record.line - heldFrom);
      heldFrom = record.endLine + 1;
      out.write(shower.show(record, lines));
    } else if (flags.json) out.write(json(record));
    else if (!record.matched && !flags.quiet && (record.kind === 'record' || !flags.allowForeign) && reported++ < flags.maxErrors) out.write(`${describe(record, color)}\n`);
  };
  /** Ends the last record and prints the summary; returns the exit status. */
  const finish = (interrupted: boolean): number => {
    report(checker.end());
    out.send();
    const summary = checker.summary();
    const shown = summary.failed + (flags.allowForeign ? 0 : summary.foreign);
    const lines = [summaryText(summary, checker.grouping, reported > flags.maxErrors ? shown - flags.maxErrors : 0, flags.allowForeign === true)];
    if (timesFormat >= 0 && (summary.failuresByField.asctime ?? 0) * 2 > summary.records) {
      const { format, flags: own } = formats[timesFormat]!;
      const datefmt = guessDatefmt(format, patternOptions(own), times);
      if (datefmt !== null) lines.push(`most records failed at asctime; the lines look like --datefmt ${shellQuote(datefmt)}`);
    }
    if (interrupted) lines.push(`interrupted: the counts are of the ${summary.lines} lines read`);
    // With --json, stdout holds only records: the summary goes to stderr.
    (flags.json ? process.stderr : process.stdout).write(`${lines.join('\n')}\n`);
    const status = summary.failed === 0 && (summary.foreign === 0 || flags.allowForeign) ? 0 : 1;
    if (reportData === null) return status;
    try {
      writeFileSync(flags.report!, reportData.html(file ?? 'stdin', summary, lines.join('\n')));
    } catch (e) {
      return usageError(`cannot write ${flags.report}: ${(e as Error).message}`);
    }
    return status;
  };
  // Ctrl-C: the summary of what was read, and the shell's status for SIGINT.
  const interrupt = () => {
    finish(true);
    process.exit(130);
  };
  process.once('SIGINT', interrupt);
  let refused: 'gzip' | 'binary' | null = null;
  try {
    let yielded = Date.now();
    const text = await eachLine(openInput(file), (line) => {
      if (shower !== null) held.push(line);
      report(checker.push(line));
    }, async () => {
      await out.flush();
      // A file is read with blocking reads: let a signal in now and then (each turn of the loop costs).
      if (Date.now() - yielded < SIGNAL_LATENCY_MS) return;
      await new Promise(setImmediate);
      yielded = Date.now();
    }, (first) => (refused = notText(first)) === null);
    if (!text) return usageError(refusal(refused!, file));
  } catch (e) {
    // A system error (ENOENT, EISDIR, EIO) is the input's; anything else is a bug, and shows its stack.
    if (typeof (e as NodeJS.ErrnoException).code !== 'string') throw e;
    return usageError(`cannot read ${file ?? 'stdin'}: ${(e as Error).message}`);
  } finally {
    process.off('SIGINT', interrupt);
  }
  await out.flush();
  return finish(false);
}

/** How long Ctrl-C may wait while a file is read. */
const SIGNAL_LATENCY_MS = 50;

/** Lines failing at asctime kept to guess their datefmt from. */
const TIME_SAMPLES = 32;

const shellQuote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

/** Why the input is refused, and the command that reads it. */
function refusal(kind: 'gzip' | 'binary', file: string | undefined): string {
  const stdin = file === undefined || file === '-';
  if (kind === 'gzip') return `${stdin ? 'stdin' : file} is gzip-compressed: decompress it, e.g. zcat ${stdin ? 'app.log.gz' : shellQuote(file)} | pylogrx check ...`;
  return `${stdin ? 'stdin' : file} is binary, not a text log (NUL and control bytes in its first 8000 bytes); a log with NUL bytes in it can be checked as tr -d '\\000' < ${stdin ? 'app.log' : shellQuote(file)} | pylogrx check ...`;
}

/** Text that JSON can hold between quotes as it is; anything else goes through JSON.stringify. */
const PLAIN_JSON = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/u;

/**
 * A record as a line of JSON: `{"line", "end_line", "matched", "kind", "fields", "error"}` (and `"format"`,
 * 1 for the first, when several formats share the stream), fields in record order and without those that took
 * no part; with `readers` (--typed), the fields they name as numbers and times. `kind` is `record`, or
 * `foreign` for a line of another shape. Written by hand rather than with JSON.stringify, which was most
 * of `--json`'s time; the text is the same.
 */
export function jsonLine(names: readonly string[], readers?: ReadonlyMap<string, ReadValue>, formats = 1, labels?: ReadonlyMap<string, string>, moreKeys = false): (record: CheckedRecord) => string {
  const keys = names.map((name) => `${JSON.stringify(labels?.get(name) ?? name)}:`);
  const read = names.map((name) => readers?.get(name) ?? null);
  const known = new Set(names);
  const quoted = (text: string) => (PLAIN_JSON.test(text) ? `"${text}"` : JSON.stringify(text));
  const typedJson = readers !== undefined;
  return ({ line, endLine, matched, kind, format, fields, jsonValues, error }) => {
    let json = `{"line":${line},"end_line":${endLine},"matched":${matched},"kind":"${kind}",${formats > 1 ? `"format":${format + 1},` : ''}"fields":{`;
    let comma = '';
    for (let k = 0; fields !== null && k < names.length; k++) {
      const value = fields[names[k]!];
      if (value === undefined) continue;
      // --typed: a JSON line's number, true, null or object is written as the line wrote it.
      if (typedJson && jsonValues?.has(names[k]!)) {
        json += `${comma}${keys[k]}${value}`;
        comma = ',';
        continue;
      }
      const typed = read[k] === null ? value : read[k]!(value);
      json += `${comma}${keys[k]}${typeof typed === 'string' ? quoted(typed) : String(typed)}`;
      comma = ',';
    }
    // Keys the format does not name (logfmt and JSON lines), after the named ones; only they have such keys.
    for (const [name, value] of fields === null || !moreKeys ? [] : Object.entries(fields)) {
      if (known.has(name) || value === undefined) continue;
      json += `${comma}${JSON.stringify(name)}:${typedJson && jsonValues?.has(name) ? value : quoted(value)}`;
      comma = ',';
    }
    json += '}';
    // A literal is given as its text, not as the quoted form the report prints.
    if (error) json += `,"error":${JSON.stringify({ field: error.field, expected: error.literal ?? error.expected, found: error.found, line: error.line, column: error.column + 1 })}`;
    return `${json}}\n`;
  };
}

const WINDOW = 70;

function describe(record: CheckedRecord, color: ChalkInstance): string {
  if (record.kind === 'record') return describeFailure(record.error!, color);
  return `${foreignHead(record, color)}\n  ${visible(window(record.error!.text, 0).text)}`;
}

/** `line 8: a line of another shape, not a record of this format (and 2 lines after it)`. */
export function foreignHead(record: CheckedRecord, color: ChalkInstance): string {
  const more = record.endLine > record.line ? ` (and ${record.endLine - record.line} line${record.endLine - record.line === 1 ? '' : 's'} after it)` : '';
  return `${color.bold(`line ${record.line}`)}: ${color.red(FOREIGN_TEXT)}${more}`;
}

/** Long lines are shown as a window around the column. */
function window(text: string, column: number): { text: string; caret: number } {
  const from = Math.max(0, column - WINDOW);
  const to = Math.min(text.length, column + WINDOW);
  const shown = (from > 0 ? '…' : '') + visible(text.slice(from, to)) + (to < text.length ? '…' : '');
  return { text: shown, caret: (from > 0 ? 1 : 0) + [...text.slice(from, column)].length };
}

/** `line 12: lineno: expected digits, found "12a"`, then the line and a caret under the column. */
export function describeFailure(d: Diagnosis, color: ChalkInstance): string {
  const shown = window(d.text, d.column);
  return `${failureHead(d, color)}\n  ${shown.text}\n  ${' '.repeat(shown.caret)}${color.green('^')}`;
}

/** `line 12: lineno: expected digits, found "12a"`. */
export function failureHead(d: Diagnosis, color: ChalkInstance): string {
  const { what, found } = failureText(d);
  return `${color.bold(`line ${d.line}`)}: ${color.red(what)}, ${found}`;
}

export function summaryText(s: CheckSummary, grouping: string, unreported: number, allowForeign = false): string {
  const lines = [summaryLine(s)];
  if (s.matchedByFormat.length > 1) lines.push(`matched per format: ${s.matchedByFormat.map((n, i) => `${i + 1}: ${n}`).join(', ')}`);
  if (s.foreign > 0 && !allowForeign) lines.push('lines of another shape fail the check; if this stream mixes in other output on purpose, add --allow-foreign');
  if (s.orphans > 0) lines.push(`${s.orphans} of them before any record header (lines that start no record)`);
  if (grouping === 'line') lines.push('one record per line: the format begins with the message');
  if (unreported > 0) lines.push(`${unreported} more failure${unreported === 1 ? '' : 's'} not shown (--max-errors)`);
  return lines.join('\n');
}
