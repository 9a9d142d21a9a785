/** `pylogrx check`: streams lines through the core's RecordChecker and reports records, field by field. */
import { createReadStream, fstatSync } from 'node:fs';
import type { ChalkInstance } from 'chalk';
import { buildPattern, RecordChecker, type CheckedRecord, type CheckSummary, type Diagnosis } from '../core/index.js';
import { colorFor, exitWithError, patternOptions, printWarnings, usageError, type FormatFlags } from './io.js';
import { eachLine } from './lines.js';

export interface CheckFlags extends FormatFlags {
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly maxErrors: number;
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
  private send(): void {
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

export async function runCheck(format: string, file: string | undefined, flags: CheckFlags): Promise<number> {
  const pattern = buildPattern(format, patternOptions(flags));
  if (!pattern.ok) exitWithError(pattern.error);
  const checker = new RecordChecker(pattern.value, { fields: flags.json === true, matched: flags.json === true });
  printWarnings([...pattern.value.warnings, ...checker.warnings]);
  const out = new Output(process.stdout);
  const color = colorFor(process.stdout);
  let reported = 0;
  const report = (record: CheckedRecord | null) => {
    if (record === null) return;
    if (flags.json) out.write(`${JSON.stringify(jsonOf(record))}\n`);
    else if (!record.matched && !flags.quiet && reported++ < flags.maxErrors) out.write(`${describeFailure(record.error!, color)}\n`);
  };
  const input = openInput(file);
  try {
    await eachLine(input, (line) => report(checker.push(line)), () => out.flush());
  } catch (e) {
    return usageError(`cannot read ${file ?? 'stdin'}: ${(e as Error).message}`);
  }
  report(checker.end());
  await out.flush();
  const summary = checker.summary();
  const text = summaryText(summary, checker.grouping, reported > flags.maxErrors ? summary.failed - flags.maxErrors : 0);
  // With --json, stdout holds only records: the summary goes to stderr.
  (flags.json ? process.stderr : process.stdout).write(`${text}\n`);
  return summary.failed === 0 ? 0 : 1;
}

/** Large reads (1 MB): stdin's 64 KB chunks cost more in per-chunk overhead than the lines in them. */
function openInput(file: string | undefined): NodeJS.ReadableStream {
  const stdin = file === undefined || file === '-';
  if (!stdin) return createReadStream(file, { highWaterMark: 1 << 20 });
  // A file redirected to stdin can be read like a file; a pipe or terminal cannot (EAGAIN).
  return fstatSync(0).isFile() ? createReadStream('', { fd: 0, highWaterMark: 1 << 20 }) : process.stdin;
}

function jsonOf(record: CheckedRecord) {
  const { line, endLine, matched, fields, error } = record;
  return {
    line, end_line: endLine, matched, fields: fields ?? {},
    ...(error ? { error: { field: error.field, expected: error.expected, found: error.found, line: error.line, column: error.column + 1 } } : {}),
  };
}

const WINDOW = 70;

/** `line 12: lineno: expected digits, found "12a"`, then the line and a caret under the column. */
export function describeFailure(d: Diagnosis, color: ChalkInstance): string {
  const what = d.field === null ? `expected ${d.expected}` : `${d.field}: expected ${d.expected}`;
  const found = d.found === '' ? 'found the end of the line' : `found ${JSON.stringify(d.found)}`;
  // Long lines are shown as a window around the column.
  const from = Math.max(0, d.column - WINDOW);
  const to = Math.min(d.text.length, d.column + WINDOW);
  const shown = (from > 0 ? '…' : '') + visible(d.text.slice(from, to)) + (to < d.text.length ? '…' : '');
  const caret = ' '.repeat((from > 0 ? 1 : 0) + [...d.text.slice(from, d.column)].length);
  return `${color.bold(`line ${d.line}`)}: ${color.red(what)}, ${found}\n  ${shown}\n  ${caret}${color.green('^')}`;
}

const visible = (s: string) => s.replace(/[\x00-\x08\x0a-\x1f\x7f]/gu, '\u00b7').replace(/\t/gu, ' ');

export function summaryText(s: CheckSummary, grouping: string, unreported: number): string {
  const fields = Object.entries(s.failuresByField).sort((a, b) => b[1] - a[1]).map(([f, n]) => `${f} ${n}`).join(', ');
  const lines = [
    `${s.records} record${s.records === 1 ? '' : 's'} in ${s.lines} line${s.lines === 1 ? '' : 's'}: ${s.matched} matched, ${s.failed} failed${fields ? ` (${fields})` : ''}`,
  ];
  if (s.orphans > 0) lines.push(`${s.orphans} of them before any record header (lines that start no record)`);
  if (grouping === 'line') lines.push('one record per line: the format begins with the message');
  if (unreported > 0) lines.push(`${unreported} more failure${unreported === 1 ? '' : 's'} not shown (--max-errors)`);
  return lines.join('\n');
}
