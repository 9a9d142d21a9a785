/** `pylogrx check`: streams lines through the core's RecordChecker and reports records, field by field. */
import type { ChalkInstance } from 'chalk';
import { RecordChecker, type CheckedRecord, type CheckSummary, type Diagnosis } from '../core/check.js';
import { buildPattern } from '../core/pattern.js';
import { valueReaders, type ReadValue } from '../core/typed.js';
import { visible } from './diagnostics.js';
import { colorFor, exitWithError, patternOptions, printWarnings, usageError, type FormatFlags } from './io.js';
import { eachLine, openInput } from './lines.js';

export interface CheckFlags extends FormatFlags {
  readonly json?: boolean;
  readonly typed?: boolean;
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
  const json = jsonLine(checker.fieldNames, flags.typed ? valueReaders(pattern.value) : undefined);
  let reported = 0;
  const report = (record: CheckedRecord | null) => {
    if (record === null) return;
    if (flags.json) out.write(json(record));
    else if (!record.matched && !flags.quiet && reported++ < flags.maxErrors) out.write(`${describeFailure(record.error!, color)}\n`);
  };
  try {
    await eachLine(openInput(file), (line) => report(checker.push(line)), () => out.flush());
  } catch (e) {
    // A system error (ENOENT, EISDIR, EIO) is the input's; anything else is a bug, and shows its stack.
    if (typeof (e as NodeJS.ErrnoException).code !== 'string') throw e;
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

/** Text that JSON can hold between quotes as it is; anything else goes through JSON.stringify. */
const PLAIN_JSON = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/u;

/**
 * A record as a line of JSON: `{"line", "end_line", "matched", "fields", "error"}`, fields in record order
 * and without those that took no part; with `readers` (--typed), the fields they name as numbers and
 * times. Written by hand rather than with JSON.stringify, which was most of `--json`'s time; the text is
 * the same.
 */
export function jsonLine(names: readonly string[], readers?: ReadonlyMap<string, ReadValue>): (record: CheckedRecord) => string {
  const keys = names.map((name) => `${JSON.stringify(name)}:`);
  const read = names.map((name) => readers?.get(name) ?? null);
  const quoted = (text: string) => (PLAIN_JSON.test(text) ? `"${text}"` : JSON.stringify(text));
  return ({ line, endLine, matched, fields, error }) => {
    let json = `{"line":${line},"end_line":${endLine},"matched":${matched},"fields":{`;
    let comma = '';
    for (let k = 0; fields !== null && k < names.length; k++) {
      const value = fields[names[k]!];
      if (value === undefined) continue;
      const typed = read[k] === null ? value : read[k]!(value);
      json += `${comma}${keys[k]}${typeof typed === 'string' ? quoted(typed) : String(typed)}`;
      comma = ',';
    }
    json += '}';
    if (error) json += `,"error":${JSON.stringify({ field: error.field, expected: error.expected, found: error.found, line: error.line, column: error.column + 1 })}`;
    return `${json}}\n`;
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
