/**
 * Hints where users go wrong: a format written in another style than the one given, a format the shell
 * emptied, a misspelt LogRecord attribute, a datefmt that does nothing, an input that is no text (the
 * datefmt the lines show is datefmt-guess.ts). Pure: values in, values out; the CLI prints them.
 */
import { CATALOGUE, lookupField } from './catalogue.js';
import type { Warning } from './result.js';
import { DEFAULT_FORMAT, LOGGING_STYLES, tokenize, type FieldToken, type Style } from './tokenize.js';

/**
 * The format's fields in that style, none included; null when it is malformed in it. The tokenizer
 * refuses a format without fields, as Python does: it reads the format with the style's default after it.
 */
const fieldsIn = (format: string, style: Style): FieldToken[] | null => {
  const tokens = tokenize(format + DEFAULT_FORMAT[style], style);
  return tokens.ok ? tokens.value.filter((t): t is FieldToken => t.kind === 'field').slice(0, -1) : null;
};

/**
 * The style the format's placeholders are written in: the given one when it finds a field (or the format
 * is malformed in it: its own error says what is wrong), else the style that finds the most (`${name}` is
 * also a `{name}`: '$' wins a tie), or null when none finds any.
 */
export function writtenStyle(format: string, given: Style): Style | null {
  if ((fieldsIn(format, given)?.length ?? 1) > 0) return given;
  let best: Style | null = null;
  let most = 0;
  for (const style of LOGGING_STYLES) {
    const n = fieldsIn(format, style)?.length ?? 0;
    if (n > 0 && n >= most) [best, most] = [style, n];
  }
  return best;
}

const hint = (message: string, column = 0, source = '', origin = 'format'): Warning => ({ message, column, source, origin });

/** What a format given on the command line probably meant, as warnings (the format's own errors come later). */
export function formatHints(format: string, style: Style, datefmt: string | null | undefined): Warning[] {
  // gunicorn's atoms are no LogRecord attributes; buildPattern says which are no atoms.
  if (style === 'gunicorn') return [];
  // loguru's '' is its LOGURU_FORMAT (loguru.ts), not an emptied format.
  if (format === '' && style === 'loguru') return [];
  const meant = writtenStyle(format, style);
  if (meant === null) {
    return [hint("the format has no fields: in double quotes the shell replaces $asctime and ${asctime} with its own variables (empty here); put the format in single quotes")];
  }
  const fields = fieldsIn(format, meant);
  if (fields === null) return [];
  const hints: Warning[] = [];
  if (meant !== style) hints.push(hint(`this is a ${meant}-style format: did you mean --style '${meant}'?`, fields[0]!.span.start, format));
  for (const field of fields) {
    const attribute = lookupField(field.key).known ? null : nearestAttribute(field.key);
    if (attribute === null) continue;
    const suggestion = field.raw.replace(field.key, attribute);
    hints.push(hint(`${field.key} is no LogRecord attribute (only extra= would set it): did you mean ${suggestion}?`, field.span.start, format));
  }
  if (datefmt && !fields.some((f) => f.key === 'asctime')) {
    hints.push(hint(`--datefmt does nothing: it formats asctime, and the format has no ${DEFAULT_FORMAT[meant].replace('message', 'asctime')}`, 0, '', 'datefmt'));
  }
  return hints;
}

/** What other Python loggers call LogRecord attributes: loguru's {time} {level} {line} {function} {file}, structlog's timestamp and logger. */
const OTHER_NAMES: Readonly<Record<string, string>> = {
  time: 'asctime', timestamp: 'asctime', level: 'levelname', line: 'lineno', linenumber: 'lineno',
  function: 'funcName', file: 'filename', logger: 'name', loggername: 'name',
};

/** Names compared without case and underscores: `levelName`, `func_name` and `LINENO` are near-misses too. */
const folded = (name: string) => name.toLowerCase().replaceAll('_', '');

/**
 * The LogRecord attribute an unknown key most likely misspells: the same name but for case and
 * underscores, another logger's name for it, or the nearest within two edits (one for a short key, where
 * two would make most short words a near-miss); null when none is that near.
 */
export function nearestAttribute(key: string): string | null {
  const name = folded(key);
  const attributes = Object.keys(CATALOGUE);
  const same = attributes.find((a) => folded(a) === name) ?? OTHER_NAMES[name];
  if (same !== undefined) return same;
  let best: string | null = null;
  let nearest = name.length <= 4 ? 1 : 2;
  for (const a of attributes) {
    const d = editDistance(name, folded(a));
    if (d <= nearest && (best === null || d < nearest)) [best, nearest] = [a, d];
  }
  return best;
}

/** Levenshtein distance: insertions, deletions and substitutions, one row at a time. */
export function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/** Bytes of the input's start looked at, as git does (buffer_is_binary). */
const SNIFF = 8000;

/**
 * Why the input's first chunk is no text log, or null: gzip (magic 1f 8b), or binary (NUL bytes, and
 * control characters in a sixteenth of it; a stray NUL in a log line is kept as it is).
 */
export function notText(chunk: Uint8Array): 'gzip' | 'binary' | null {
  if (chunk[0] === 0x1f && chunk[1] === 0x8b) return 'gzip';
  const start = chunk.subarray(0, SNIFF);
  if (!start.includes(0)) return null;
  // Controls but tab, newline, vertical tab, form feed, CR and ESC (colour codes).
  const controls = start.reduce((n, byte) => n + (byte < 0x20 && !(byte >= 0x09 && byte <= 0x0d) && byte !== 0x1b ? 1 : 0), 0);
  return controls * 16 >= start.length ? 'binary' : null;
}
