/**
 * lnav (the terminal log viewer) format definitions: with one installed, `lnav app.log` browses, filters
 * and queries Python logs with SQL. lnav matches each line with PCRE2 (the `pcre` flavor) and joins the
 * lines that match no format to the message before them, so tracebacks stay with their record.
 */
import type { FieldPart, Pattern } from '../pattern.js';
import { render } from '../render.js';
import type { Warning } from '../result.js';
import { timeLayout, type TimeTable } from './datefmt.js';
import { allWarnings, patternList, prepare, type Emitter, type PreparedFormat } from './emitter.js';

export interface LnavOptions {
  /** The format's name in lnav (its SQL table): letters, digits, underscores. */
  readonly name?: string;
  /** Lines from the user's log, checked by lnav when it loads the format. */
  readonly samples?: readonly string[];
}

export interface LnavFormat {
  readonly name: string;
  readonly document: Record<string, unknown>;
  readonly warnings: readonly Warning[];
}

/** lnav's levels, each with the Python level names that mean it. */
const LEVELS: Readonly<Record<string, string>> = {
  critical: '^(?:CRITICAL|FATAL)$',
  error: '^ERROR$',
  warning: '^(?:WARNING|WARN)$',
  info: '^INFO$',
  debug: '^DEBUG$',
  trace: '^(?:TRACE|NOTSET)$',
};

/** `%(lineno)04d`, `{process:0=8}`: a '0' flag before the width. */
const ZERO_PADDED = /^%\([^)]*\)[#+ -]*0|^\{[^:}]*:(?:.?[<>=^])?[+ -]?#?0/u;

/** Fields a user filters on by value: lnav indexes identifiers for quick filtering. */
const IDENTIFIERS = new Set(['name', 'filename', 'module', 'funcName', 'pathname', 'threadName', 'processName', 'taskName']);

const spaceFail = (directive: string) => ({ fail: `lnav does not read the space glibc pads %${directive} with (a day or hour below 10)` });

/** Python's strftime directives as lnav's time parser reads them (`%L`: milliseconds). */
export const LNAV_TIME: TimeTable = {
  name: 'lnav',
  rules: {
    ...Object.fromEntries([...'YymdHIMSpaAbBzZs'].map((l) => [l, `%${l}`])),
    ...Object.fromEntries([...'ymdeHkIlMS'].flatMap((l) => [[`-${l}`, `%${l}`], [`_${l}`, spaceFail(`_${l}`)]])),
    // Seen in lnav itself: 'Tue Dec  1 ...' under '%a %b %e' stops at the pad of a day below 10.
    ...Object.fromEntries([...'ekl'].map((l) => [l, spaceFail(l)])),
    ...Object.fromEntries([...'CGgUWVuwjntPh%'].map((l) => [l, { fail: `lnav's time parser does not read %${l}` }])),
  },
  fraction: '%L',
  literal: (text) => (text.includes('%') ? { fail: "lnav's time formats have no literal '%'" } : text),
};

export function lnavFormat(patterns: Pattern | readonly Pattern[], options: LnavOptions = {}): LnavFormat {
  return lnav(prepare(patternList(patterns), LNAV, 'lnav'), options);
}

/**
 * One lnav format for every Python format of the log: a regex each (lnav tries them in turn), the
 * timestamp formats of all, the fields of all.
 */
function lnav(formats: readonly PreparedFormat[], options: LnavOptions): LnavFormat {
  const name = (options.name ?? 'python_log').replace(/\W+/gu, '_');
  const regexes: Record<string, { pattern: string }> = {};
  const timestampFormats = new Set<string>();
  const value: Record<string, { kind: string; identifier?: true }> = {};
  let timestampField: string | null = null;
  let level: FieldPart | undefined;
  let message: FieldPart | undefined;
  formats.forEach((f, i) => {
    const { pattern, time: field } = f;
    const fields = pattern.parts.filter((p): p is FieldPart => p.kind === 'field' && p.sameAs === null);
    const layout = field === null ? null : timeLayout(field.datefmt, field.millis, LNAV_TIME, f.warn);
    if (field === null || layout === null) f.warn('lnav needs a time in every line, and this format has none it can read: lnav will not load the definition');
    else {
      if (timestampField !== null && timestampField !== field.key) f.warn(`lnav takes one timestamp field, ${timestampField}; this format's is ${field.key}: its lines are read without their time`);
      timestampField ??= field.key;
      timestampFormats.add(layout);
    }
    level ??= fields.find((p) => p.key === 'levelname');
    message ??= fields.find((p) => p.type === 'message');
    regexes[i === 0 ? 'std' : `format_${i + 1}`] = { pattern: render(pattern, 'pcre', field?.wrap ? { wrap: field.wrap } : {}) };
    for (const p of fields) {
      if (p.type === 'message' || p.capture === field?.key || p.capture in value) continue;
      // lnav reads '0218' as octal: zero-padded numbers stay text.
      const kind = ZERO_PADDED.test(p.raw) ? 'string' : p.type === 'int' ? 'integer' : p.type === 'float' ? 'float' : 'string';
      value[p.capture] = { kind, ...(IDENTIFIERS.has(p.key) ? { identifier: true as const } : {}) };
    }
  });
  const described = formats.map((f) => `${f.pattern.format}${f.pattern.datefmt ? ` (datefmt ${f.pattern.datefmt})` : ''}`).join('; ');
  const document = {
    $schema: 'https://lnav.org/schemas/format-v1.schema.json',
    [name]: {
      title: 'Python logging',
      description: `Python logging.Formatter: ${described}; generated by pylogrx`,
      regex: regexes,
      ...(timestampField !== null ? { 'timestamp-field': timestampField, 'timestamp-format': [...timestampFormats] } : {}),
      ...(level ? { 'level-field': level.capture, level: LEVELS } : {}),
      ...(message ? { 'body-field': message.capture } : {}),
      value,
      ...(options.samples && options.samples.length > 0 ? { sample: options.samples.map((line) => ({ line })) } : {}),
    },
  };
  return { name, document, warnings: allWarnings(formats) };
}

export const LNAV = {
  title: 'lnav',
  description: 'print an lnav format definition, so lnav browses and queries the log with SQL',
  flavor: 'pcre',
  provenBy: 'test/lnav.test.ts: lnav itself loads each definition and reads the log',
  time: LNAV_TIME,
  several: 'one lnav format with a regex per Python format, tried in turn',
  nameKey: 'name',
  options: [
    { key: 'name', flags: '--name <name>', description: "the format's name in lnav, and its SQL table", default: 'python_log' },
    { key: 'sample', flags: '--sample <file>', description: "sample lines from this log ('-' for stdin), which lnav requires and checks on load" },
  ],
  examples: ["pylogrx lnav '%(asctime)s %(levelname)s %(name)s: %(message)s' --sample app.log > python_log.json && lnav -i python_log.json"],
  emit: (formats, options) => {
    const config = lnav(formats, options);
    return { files: [{ name: `${config.name}.json`, text: `${JSON.stringify(config.document, null, 2)}\n` }], warnings: config.warnings };
  },
} as const satisfies Emitter<LnavOptions>;
