/**
 * Vector: a `file` source whose `multiline` joins a record's lines (a line matching the head starts a
 * record: `halt_before` on the same pattern), and a `remap` transform whose VRL parses the record with
 * `parse_regex` (Rust's regex crate: the `rust` flavor) and the time with `parse_timestamp` (chrono's
 * strftime, translated through CHRONO).
 */
import { toYaml } from '../yaml.js';
import type { Pattern } from '../pattern.js';
import type { Warning } from '../result.js';
import { datefmtTokens } from '../strftime.js';
import { paddingRows, timeLayout, type TimeTable } from './datefmt.js';
import { allWarnings, anyStart, defaultPath, defaultsComment, logFiles, patternList, prepare, type Emitter, type PreparedFormat } from './emitter.js';
import { keyedLayout, type KeyedTimeLayouts } from './keyed.js';
import { backslashEscaped } from './shared.js';
import { givenZone } from './zones.js';

export interface VectorOptions {
  /** The log: a file, a directory or a glob (default `/var/log/app/*.log`). */
  readonly path?: string;
  /** The source's id; the transform is `<name>_parse`. */
  readonly name?: string;
  /** How long a record may wait for its next line, in milliseconds (default 1000). */
  readonly timeoutMs?: number;
  /** An IANA zone for times without an offset (parse_timestamp's `timezone`). */
  readonly timezone?: string;
}

export interface VectorConfig {
  readonly startPattern: string | null;
  /** The first format's record regex (each regex format's: `regexes`; '' for a JSON or logfmt format). */
  readonly regex: string;
  readonly regexes: readonly string[];
  /** The first format's chrono format for asctime; null without asctime. */
  readonly format: string | null;
  readonly vrl: string;
  readonly document: Record<string, unknown>;
  /** The defaults it holds, the options not given (for the header). */
  readonly defaults: readonly (string | null)[];
  readonly warnings: readonly Warning[];
}

/**
 * Python's strftime directives as chrono reads them. chrono implements glibc's table (composites, %e %k
 * %l %P %s, and the - _ 0 padding flags), so most directives pass through.
 */
export const CHRONO: TimeTable = {
  name: 'Vector (chrono)',
  rules: {
    ...Object.fromEntries([...'YyCmdejHkIlMSpPbhBaAzsuwUWVGgcxXDFTRr'].map((l) => [l, `%${l}`])),
    ...paddingRows('dejHkIlmMSyUWVYGg', (f, l) => `%${f}${l}`),
    Z: { text: '%Z', warn: 'chrono skips a zone name, so times are read in the timezone of the transform (set --timezone)' },
    '%': '%%', n: '%n', t: '%t',
  },
  fraction: '%3f',
  literal: (text) => text,
};

/** A VRL string literal: raw (r'...') when it can be, else double-quoted with escapes. */
export function vrlString(text: string): string {
  if (!text.includes("'")) return `r'${text}'`;
  return `"${backslashEscaped(text, (code) => (code < 0x20 || code === 0x7f ? `\\u{${code.toString(16)}}` : null))}"`;
}

export function vectorConfig(patterns: Pattern | readonly Pattern[], options: VectorOptions = {}): VectorConfig {
  return vector(prepare(patternList(patterns), VECTOR, 'vector'), options);
}

/** Keyed times (keyed.ts): chrono's %+ reads ISO 8601 with any fraction and `Z` or an offset; the epoch is a number. */
const KEYED_TIMES: KeyedTimeLayouts = { table: CHRONO, iso8601: '%+', epoch: '' };

/**
 * A format's parse: the function that parses `.message` into the event (`parse_regex`, `parse_json`,
 * `parse_logfmt`) and its arguments, and the timestamp statement (null without a time chrono reads).
 */
interface Parse {
  readonly fn: string;
  readonly args: string;
  /** A JSON line is an object: the others are tried when the line does not start with `{`. */
  readonly json: boolean;
  readonly regex: string | null;
  readonly timestamp: string | null;
  readonly format: string | null;
}

function parseOf(f: PreparedFormat, zone: string): Parse {
  if (f.keyed !== null) {
    const time = f.keyed.time;
    const format = time === null ? null : keyedLayout(time, KEYED_TIMES, f.warn);
    // A JSON value that is a number (an epoch time) is read as seconds; a string by its chrono format.
    const timestamp = time === null || format === null ? null : time.kind === 'epoch'
      ? `.timestamp = from_unix_timestamp!(to_int!(to_float!(.${time.key}) * 1000000), unit: "microseconds")`
      : `.timestamp = parse_timestamp!(.${time.key}, format: ${JSON.stringify(format)}${zone})`;
    return { fn: f.keyed.syntax === 'json' ? 'parse_json' : 'parse_logfmt', args: '.message', json: f.keyed.syntax === 'json', regex: null, timestamp, format: time?.kind === 'epoch' ? null : format };
  }
  const regex = f.record();
  // The record's time (asctime, or gunicorn's t), with the msecs that follow it (datefmt.ts timeField).
  const time = f.time;
  // chrono reads a date and a time together or nothing: a datefmt without an hour cannot be parsed.
  const dateOnly = time?.datefmt != null && !datefmtTokens(time.datefmt).some((t) => t.kind === 'directive' && 'HIkls'.includes(t.letter));
  if (time !== null && dateOnly) f.warn(`datefmt ${time.datefmt} has no time of day, which chrono needs: no timestamp is parsed, so Vector keeps the time it read the line`);
  const format = time === null || dateOnly ? null : timeLayout(time, CHRONO, f.warn);
  const timestamp = time === null || format === null ? null : `.timestamp = parse_timestamp!(.${time.key}, format: ${JSON.stringify(format)}${zone})`;
  return { fn: 'parse_regex', args: `.message, ${vrlString(regex)}`, json: false, regex, timestamp, format };
}

function vector(formats: readonly PreparedFormat[], options: VectorOptions): VectorConfig {
  const start = anyStart(formats, 'rust');
  const timezone = givenZone(options.timezone, 'iana', 'Vector', formats[0]!.warn, 'times are read as UTC');
  const zone = timezone === undefined ? '' : `, timezone: ${JSON.stringify(timezone)}`;
  const parses = formats.map((f) => parseOf(f, zone));
  const vrl = `${(parses.length === 1 ? oneParse(parses[0]!) : parsesInTurn(parses)).join('\n')}\n`;
  const name = options.name ?? 'python_app';
  const document = {
    sources: {
      [name]: {
        type: 'file',
        include: [logFiles(options).glob],
        ...(start !== null
          ? { multiline: { start_pattern: start, mode: 'halt_before', condition_pattern: start, timeout_ms: options.timeoutMs ?? 1000 } }
          : {}),
      },
    },
    transforms: { [`${name}_parse`]: { type: 'remap', inputs: [name], source: vrl } },
  };
  return {
    startPattern: start, regex: parses[0]!.regex ?? '', regexes: parses.flatMap((p) => (p.regex === null ? [] : [p.regex])), format: parses[0]!.format, vrl, document,
    defaults: [defaultPath(options.path, 'include')], warnings: allWarnings(formats),
  };
}

/** One format: its parse, infallible (`!`), merged into the event; parse_json's value must be an object. */
function oneParse(p: Parse): string[] {
  const parsed = `${p.fn}!(${p.args})`;
  return [`. |= ${p.json ? `object!(${parsed})` : parsed}`, ...(p.timestamp ? [p.timestamp] : [])];
}

/**
 * Each format's parse in turn, the first that parses takes the record (a record none parses passes as it
 * is). A JSON format takes a line that is an object (it starts with `{`): another JSON value is text.
 */
function parsesInTurn(parses: readonly Parse[]): string[] {
  const lines: string[] = [];
  parses.forEach((p, i) => {
    const indent = '  '.repeat(i);
    lines.push(`${indent}parsed, err = ${p.fn}(${p.args})`);
    lines.push(`${indent}if err == null${p.json ? ' && is_object(parsed)' : ''} {`, `${indent}  . |= ${p.json ? 'object!(parsed)' : 'parsed'}`, ...(p.timestamp ? [`${indent}  ${p.timestamp}`] : []));
    if (i < parses.length - 1) lines.push(`${indent}} else {`);
  });
  for (let i = parses.length - 1; i >= 0; i--) lines.push(`${'  '.repeat(i)}}`);
  return lines;
}

export function formatVector(config: VectorConfig): string {
  const header = ['# Vector file source and remap transform, generated by pylogrx. Add a sink with inputs: [<name>_parse].', ...defaultsComment(config.defaults)];
  return `${header.join('\n')}\n${toYaml(config.document)}`;
}

export const VECTOR = {
  title: 'Vector',
  description: 'print a Vector file source (multiline) and remap transform (parse_regex, parse_timestamp) for the format',
  flavor: 'rust',
  provenBy: 'test/vector.test.ts: the Rust regex and chrono crates',
  time: CHRONO,
  several: 'parse_regex with each format in turn in one remap: the first that matches parses the record',
  nameKey: 'name',
  options: [
    { key: 'name', flags: '--name <id>', description: 'the source id (the transform is <id>_parse)', default: 'python_app' },
    { key: 'timeoutMs', flags: '--timeout-ms <n>', description: 'how long a record waits for its next line', default: 1000, whole: true },
    { key: 'timezone', flags: '--timezone <zone>', description: 'an IANA zone for times without an offset (parse_timestamp timezone)', zone: 'iana' },
  ],
  examples: ["pylogrx vector '%(asctime)s %(levelname)s %(name)s: %(message)s' --path '/var/log/app/*.log'"],
  emit: (formats, options) => {
    const config = vector(formats, options);
    return { files: [{ name: 'vector.yaml', text: formatVector(config) }], warnings: config.warnings };
  },
} as const satisfies Emitter<VectorOptions>;
