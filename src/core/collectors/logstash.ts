/**
 * A Logstash pipeline for the format: a `multiline` codec that starts an event at each line matching the
 * record head, a `grok` filter whose `pattern_definitions` hold one pattern per distinct field and whose
 * `match` is the whole record, and a `date` filter with the time's Joda pattern. grok and the codec
 * compile with Joni, the Java port of Onigmo: the regexes are the `onigmo` flavor's, in record mode
 * (`\A`...`\z`: the event is the joined lines, and `^` would match after each of them).
 *
 * Strings: a double-quoted Logstash string is `"` ( `\"` | any character but `"` )* `"` (grammar.treetop).
 * With the default `config.support_escapes: false` its value is that text, backslashes and all; with it
 * on, `\\ \" \' \n \r \t \0` are replaced (StringEscape). A regex is written so both read the same:
 * `"` as `\"` (Onigmo reads `\"` as `"`), an escaped backslash as `\x5c`, `\'` as `'` and `\0`... as `\xhh`;
 * `\n \r \t` may become the characters themselves, which Onigmo matches alike.
 */
import type { FieldPart, Pattern } from '../pattern.js';
import { groupNames, render, renderFragment } from '../render.js';
import type { Warning } from '../result.js';
import { epochSeconds, paddingRows, timeLayouts, type TimeRule, type TimeSpec, type TimeTable } from './datefmt.js';
import { allWarnings, anyStart, defaultPath, defaultsComment, logFiles, patternList, prepare, type Emitter, type PreparedFormat } from './emitter.js';
import { givenZone } from './zones.js';

export interface LogstashOptions {
  /** The log: a file, a directory or a glob. */
  readonly path?: string;
  /** The date filter's `timezone` (the zone the log's times are written in), e.g. `Europe/Paris`. */
  readonly timezone?: string;
  /** The file input's sincedb (where it keeps how far it read each file). */
  readonly sincedb?: string;
}

/** One format's grok pattern and date patterns. */
export interface LogstashFormat {
  /** The grok match, before string quoting: `\A%{PYLOG_ASCTIME:asctime} - ...\z`. */
  readonly match: string;
  /** Pattern name → definition (Onigmo, record mode), before string quoting. */
  readonly definitions: ReadonlyMap<string, string>;
  /** The date filter: the field and its Joda patterns (tried in order), or null without asctime. */
  readonly date: { readonly field: string; readonly patterns: readonly string[] } | null;
  /** `match` with each `%{NAME:field}` expanded, as grok compiles it: the regex the tests run. */
  readonly regex: string;
}

export interface LogstashConfig extends LogstashFormat {
  readonly text: string;
  readonly warnings: readonly Warning[];
  /** Each format (the first is also this object's match, definitions, date and regex). */
  readonly formats: readonly LogstashFormat[];
  /** The multiline codec's pattern (a line that starts a record), or null when a format begins with the message. */
  readonly start: string | null;
}

/** A space-padded number: one Joda pattern for each width (` d` for 1-9, `dd` for 10-31). */
const spaced = (joda: string): TimeRule => ({ any: [` ${joda[0]}`, joda] });
const NO_JODA = { text: '', warn: 'has no Joda equivalent that leaves the date alone (%C %G %g %U %W %V %w): records fail to parse (_dateparsefailure); drop it from the datefmt' };
const TWO_DIGITS: Readonly<Record<string, string>> = { y: 'yy', m: 'MM', d: 'dd', e: 'dd', H: 'HH', k: 'HH', I: 'hh', l: 'hh', M: 'mm', S: 'ss' };

/**
 * Each strftime directive as a Joda-Time pattern (Logstash's date filter), or why Joda cannot read it.
 * Joda reads a number with or without its zero padding, and matches a space exactly.
 */
export const JODA: TimeTable = {
  name: 'Logstash (Joda)',
  rules: {
    Y: 'yyyy', j: 'DDD', a: 'EEE', A: 'EEEE', b: 'MMM', h: 'MMM', B: 'MMMM', p: 'a', P: 'a', z: 'Z', u: 'e', n: '\n', t: '\t', '%': '%',
    ...TWO_DIGITS, e: spaced('dd'), k: spaced('HH'), l: spaced('hh'),
    ...paddingRows('ymdeHkIlMS', (flag, l) => (flag === '_' ? spaced(TWO_DIGITS[l]!) : TWO_DIGITS[l]!)),
    Z: { text: 'ZZZ', warn: 'Joda reads zone IDs (UTC, Europe/Paris) but not abbreviations such as CEST: such records fail to parse (_dateparsefailure)' },
    s: { text: '', warn: 'Joda reads %s only as the whole datefmt (UNIX): records fail to parse (_dateparsefailure)' },
    ...Object.fromEntries([...'CGgUWVw'].map((l) => [l, NO_JODA])),
  },
  fraction: 'SSS',
  literal: (text) => jodaText(text),
};
/** A space-padded number: one pattern for each padding, at most this many patterns. */
const MAX_PATTERNS = 8;

export function logstashConfig(patterns: Pattern | readonly Pattern[], options: LogstashOptions = {}): LogstashConfig {
  return logstash(prepare(patternList(patterns), LOGSTASH, 'logstash'), options);
}

function logstashFormat(f: PreparedFormat): LogstashFormat {
  const { pattern, time } = f;
  const { match, definitions, regex } = grokMatch(pattern, time?.wrap);
  const date = time === null ? null : { field: time.key, patterns: jodaPatterns(time, f.warn) };
  return { match, definitions, regex, date: date?.patterns.length ? date : null };
}

/** A keyed format's filter (keyed.ts): the json filter, or kv for `key=value` (it takes a quoted value without its quotes). */
const KEYED_FILTERS = {
  json: ['json {', '  source => "message"', '}'],
  logfmt: ['kv {', '  source => "message"', '  field_split => " "', '  value_split => "="', '}'],
} as const;

/** A keyed format's date filter: the datefmt as Joda patterns, ISO8601, or UNIX (seconds, with a fraction). */
function keyedDate(f: PreparedFormat): LogstashFormat['date'] {
  const time = f.keyed?.time ?? null;
  if (time === null) return null;
  const patterns = time.kind === 'iso8601' ? ['ISO8601'] : time.kind === 'epoch' ? ['UNIX'] : jodaPatterns({ datefmt: time.datefmt, millis: null }, f.warn);
  return patterns.length > 0 ? { field: time.key, patterns } : null;
}

function logstash(all: readonly PreparedFormat[], options: LogstashOptions): LogstashConfig {
  const warn = all[0]!.warn;
  // JSON and logfmt formats take the json and kv filters; grok takes the others.
  const keyed = all.filter((f) => f.keyed !== null);
  const formats = all.filter((f) => f.keyed === null);
  const parsed = formats.map(logstashFormat);
  const start = anyStart(all, 'onigmo');
  const zone = givenZone(options.timezone, 'iana', 'Logstash', warn, "times are read in the JVM's zone");
  // Grok tries the matches in turn and stops at the first that matches (break_on_match).
  const definitions = new Map(parsed.flatMap((p, i) => [...p.definitions].map(([name, d]) => [i === 0 ? name : `${name}_F${i + 1}`, d] as const)));
  const matches = parsed.map((p, i) => (i === 0 ? p.match : p.match.replace(/%\{(PYLOG_\w+)/gu, `%{$1_F${i + 1}`)));
  const overwrite = formats.some((f) => [...groupNames(f.pattern, 'onigmo').entries()].some(([capture, name]) => name === 'message' && f.pattern.parts.some((p) => p.kind === 'field' && p.capture === capture)));
  const dates = [...new Map([...keyed.map(keyedDate), ...parsed.map((p) => p.date)].flatMap((d) => (d ? [[JSON.stringify(d), d] as const] : []))).values()];
  const grok = parsed.length === 0 ? [] : [
    'grok {',
    '  pattern_definitions => {',
    ...[...definitions].map(([name, definition]) => `    "${name}" => ${regexString(definition)}`),
    '  }',
    matches.length === 1 ? `  match => { "message" => ${regexString(matches[0]!)} }` : `  match => { "message" => [\n${matches.map((m) => `    ${regexString(m)}`).join(',\n')}\n  ] }`,
    // An empty message or name is still Python's value: kept, not dropped.
    '  keep_empty_captures => true',
    ...(overwrite ? ['  overwrite => ["message"]'] : []),
    '}',
  ];
  const parsers = keyedChain(keyed, grok).map((l) => `  ${l}`);
  const sincedb = options.sincedb ?? '/var/lib/logstash/sincedb_python_app';
  const text = [
    `# Logstash pipeline, generated by pylogrx for ${all.map((f) => JSON.stringify(f.pattern.format)).join(', ')}.`,
    '# Strings read the same with config.support_escapes off (the default) or on. Replace the stdout output with your destination.',
    ...defaultsComment([defaultPath(options.path, 'path'), options.sincedb === undefined ? `sincedb_path ${sincedb}` : null]),
    'input {',
    '  file {',
    `    path => ${plainString(logFiles(options).glob, warn)}`,
    '    # Files that exist already are read from their start once; the sincedb keeps how far each was read.',
    '    start_position => "beginning"',
    `    sincedb_path => ${plainString(sincedb, warn)}`,
    ...(start === null ? [] : [
      '    # A record starts at a line that matches a format\'s head; other lines join the one before.',
      '    codec => multiline {',
      `      pattern => ${regexString(start)}`,
      '      negate => true',
      '      what => "previous"',
      '      auto_flush_interval => 1',
      '    }',
    ]),
    '  }',
    '}',
    'filter {',
    ...parsers,
    ...dates.flatMap((date) => [
      '  date {',
      `    match => [${[date.field, ...date.patterns].map((s) => plainString(s, warn)).join(', ')}]`,
      '    locale => "en"',
      ...(zone ? [`    timezone => ${plainString(zone, warn)}`] : []),
      '  }',
    ]),
    '}',
    'output {',
    '  stdout { codec => rubydebug }',
    '}',
  ].join('\n');
  const first = parsed[0] ?? { match: '', definitions: new Map(), regex: '', date: keyed[0] ? keyedDate(keyed[0]) : null };
  return { text: `${text}\n`, warnings: allWarnings(all), ...first, formats: parsed, start };
}

/**
 * The keyed formats' filters, each for the lines that start as its records do (a JSON line with `{`), the
 * grok of the other formats for the rest.
 */
function keyedChain(keyed: readonly PreparedFormat[], grok: readonly string[]): string[] {
  if (keyed.length === 0) return [...grok];
  if (keyed.length === 1 && grok.length === 0) return [...KEYED_FILTERS[keyed[0]!.keyed!.syntax]];
  const lines: string[] = [];
  keyed.forEach((f, i) => {
    lines.push(`${i === 0 ? 'if' : '} else if'} [message] =~ /${f.start!.replace(/\//gu, '\\/')}/ {`, ...KEYED_FILTERS[f.keyed!.syntax].map((l) => `  ${l}`));
  });
  if (grok.length > 0) lines.push('} else {', ...grok.map((l) => `  ${l}`));
  lines.push('}');
  return lines;
}

/**
 * The record regex with each field's capture written as a grok reference, and the same regex with the
 * definitions expanded (what grok compiles). A field a backreference (`\k<name>`) points to keeps its own
 * named group around the reference: grok renames the groups it makes for `%{NAME:field}`.
 */
function grokMatch(pattern: Pattern, wrap: { from: number; to: number; name: string } | undefined) {
  const referenced = new Set(pattern.parts.flatMap((p) => (p.kind === 'field' && p.sameAs !== null ? [(pattern.parts[p.sameAs] as FieldPart).capture] : [])));
  const definitions = new Map<string, string>();
  const nameOf = new Map<string, string>();
  for (const p of pattern.parts) {
    if (p.kind !== 'field' || p.sameAs !== null) continue;
    let name = `PYLOG_${p.capture.toUpperCase()}`;
    for (let n = 2; definitions.has(name); n++) name = `PYLOG_${p.capture.toUpperCase()}_${n}`;
    // A field's value alone, as render writes it for a whole record (a message takes newlines).
    definitions.set(name, renderFragment(p, 'onigmo', 'record'));
    nameOf.set(p.capture, name);
  }
  const options = { mode: 'record', ...(wrap ? { wrap } : {}) } as const;
  const reference = (part: FieldPart, group: string) => {
    const name = nameOf.get(part.capture)!;
    return referenced.has(part.capture) ? `(?<${group}>%{${name}})` : `%{${name}:${group}}`;
  };
  return { match: render(pattern, 'onigmo', { ...options, capture: reference }), definitions, regex: render(pattern, 'onigmo', options) };
}


/** A regex as a double-quoted Logstash string that reads the same with and without escape processing. */
export function regexString(regex: string): string {
  let out = '';
  for (let i = 0; i < regex.length; i++) {
    const c = regex[i]!;
    if (c === '"') out += '\\"';
    else if (c !== '\\' || i + 1 === regex.length) out += c;
    else {
      const next = regex[++i]!;
      const octal = /^0[0-7]{0,2}/u.exec(regex.slice(i))?.[0];
      if (next === '\\') out += '\\x5c';
      else if (next === '"') out += '\\"';
      else if (next === "'") out += "'";
      else if (octal !== undefined) {
        out += `\\x${parseInt(octal, 8).toString(16).padStart(2, '0')}`;
        i += octal.length - 1;
      } else out += `\\${next}`;
    }
  }
  return `"${out}"`;
}

/** A plain value (a path, a field, a Joda pattern): double quotes, or single where it holds a `"`. */
function plainString(value: string, warn: (message: string) => void): string {
  if (/\\/u.test(value)) warn(`${JSON.stringify(value)}: a backslash reads differently with config.support_escapes on`);
  if (!value.includes('"')) return `"${value}"`;
  if (!value.includes("'")) return `'${value}'`;
  warn(`${JSON.stringify(value)} holds both quote characters: Logstash reads it with a backslash before the '"'`);
  return `"${value.replace(/"/gu, '\\"')}"`;
}

/**
 * Joda literal text: `'` doubled, and the whole text quoted when it holds a letter (adjacent quoted runs
 * would merge: `'o'''` + `'clock'` reads as two quotes).
 */
export function jodaText(text: string): string {
  const doubled = text.replace(/'/gu, "''");
  return /[A-Za-z]/u.test(text) ? `'${doubled}'` : doubled;
}

/**
 * A Python datefmt (null: the default, with ",mmm"), and the separator before `%(msecs)03d`, as Joda
 * patterns, one for each padding of its space-padded numbers.
 */
export function jodaPatterns(time: TimeSpec, warn: (message: string) => void): string[] {
  if (epochSeconds(time)) return ['UNIX'];
  let patterns = timeLayouts(time, JODA, warn) ?? [];
  if (patterns.length > MAX_PATTERNS) {
    warn(`datefmt ${time.datefmt}: ${patterns.length} Joda patterns for its space-padded numbers; the first ${MAX_PATTERNS} are kept`);
    patterns = patterns.slice(0, MAX_PATTERNS);
  }
  return patterns;
}

export const LOGSTASH = {
  title: 'Logstash',
  description: 'print a Logstash pipeline: a multiline codec, a grok filter with one pattern per field, and a date filter',
  flavor: 'onigmo',
  provenBy: 'test/logstash.test.ts: Onigmo (Ruby), the engine Joni ports, with the multiline codec\'s record cutting',
  time: JODA,
  several: "grok's match holds one pattern per format, tried in turn (break_on_match)",
  nameKey: null,
  options: [
    { key: 'timezone', flags: '--timezone <zone>', description: "the zone the log's times are written in, e.g. Europe/Paris (the date filter's timezone)", zone: 'iana' },
    { key: 'sincedb', flags: '--sincedb <file>', description: 'where the file input keeps how far it read each file', default: '/var/lib/logstash/sincedb_python_app' },
  ],
  examples: [
    "pylogrx logstash '%(asctime)s - %(filename)s:%(lineno)s - %(name)s - %(message)s'",
    "pylogrx logstash '%(asctime)s %(levelname)s %(message)s' --datefmt '%Y-%m-%dT%H:%M:%S%z'",
  ],
  emit: (formats, options) => {
    const config = logstash(formats, options);
    return { files: [{ name: 'logstash.conf', text: config.text }], warnings: config.warnings };
  },
} as const satisfies Emitter<LogstashOptions>;
