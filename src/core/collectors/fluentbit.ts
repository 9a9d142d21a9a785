/**
 * Fluent Bit, rendered from the pattern in the `onigmo` flavor (Fluent Bit compiles every regex with
 * Onigmo, Ruby syntax, and runs it with onig_search: flb_regex.c). Two files, as Fluent Bit loads them:
 * - parsers.conf: a `[PARSER]` per format, whose regex matches the whole joined record (`\A`...`\z`, the
 *   message spanning lines), and a `[MULTILINE_PARSER]` whose `start_state` rule is the record head of any
 *   format and whose `cont` rule takes every line that does not start a record (flb_ml_rule.c: a line that
 *   fails `cont` but matches `start_state` flushes the record and starts the next);
 * - fluent-bit.conf: `[SERVICE] parsers_file`, the `tail` input and the `parser` filter, which tries the
 *   parsers in turn (flb_filter_parser.c: the first that matches).
 *
 * What the agent does to a record, and what the config says for it:
 * - a multi-line record ends in "\n" (flb_ml.c breakline_prepare), a single line does not: the record's
 *   last free text leaves an optional newline out (render `lineEnd: 'maybe'`);
 * - the parser drops empty values unless told not to (flb_parser.c skip_empty_values, on): Off, so an
 *   empty message keeps its key;
 * - a time without an offset is read as UTC (flb_parser.c): Time_System_Timezone On reads it in the
 *   system's zone, or Time_Offset in the zone the user names;
 * - tail starts a file it has not seen at its end (in_tail read_from_head, off): Read_from_Head On, with
 *   an offsets DB so a restart does not read the file again.
 *
 * Quoting (classic .conf): a value runs raw to the end of its line, so the parser's regex is written as
 * is. A multi-line rule's fields are double-quoted tokens (flb_slist.c token_retrieve): a token ends at
 * the first `"` not preceded by `\`, and `\"` then becomes `"`; nothing else is unescaped. Writing every
 * `"` of the regex as `\"` is therefore exact, and the closing `/"` always ends the token.
 */
import { toYaml } from '../yaml.js';
import type { Pattern } from '../pattern.js';
import { allWarnings, anyStart, defaultsComment, logFiles, patternList, prepare, printedFiles, type EmittedFile, type Emitter, type PreparedFormat } from './emitter.js';
import { paddingRows, timeLayout, type TimeRule, type TimeTable } from './datefmt.js';
import { keyedLayout, type KeyedTimeLayouts } from './keyed.js';
import { givenZone } from './zones.js';

export interface FluentBitOptions {
  /** YAML (Fluent Bit 3.x `parsers:` / `multiline_parsers:` / `pipeline:`) rather than classic .conf. */
  readonly yaml?: boolean;
  /** The parser's name (several formats: `<name>_2`...); the multi-line parser is `<name>_multiline`. */
  readonly name?: string;
  /** The log: a file, a directory or a glob. */
  readonly path?: string;
  readonly tag?: string;
  /** Milliseconds the multi-line parser waits for a record's next line. */
  readonly flushTimeout?: number;
  /** The zone of times without `%z`, as Time_Offset (`+0800`); default: the system's (Time_System_Timezone). */
  readonly timezone?: string;
  /** The tail input's offsets database. */
  readonly db?: string;
}

export interface FluentBitParser {
  readonly name: string;
  /** regex, or Fluent Bit's own json or logfmt parser (flb_parser_json.c, flb_parser_logfmt.c) for keyed lines. */
  readonly format: 'regex' | 'json' | 'logfmt';
  /** The whole record, Onigmo syntax, ending in an optional newline (a json or logfmt parser: null). */
  readonly regex: string | null;
  /** Time_Key and Time_Format, or null without asctime (or a datefmt Fluent Bit cannot read). */
  readonly time: { readonly key: string; readonly format: string; readonly zoned: boolean } | null;
}

export interface FluentBitConfig {
  /** The files, and all of them as `pylogrx fluentbit` prints them. */
  readonly files: readonly EmittedFile[];
  readonly text: string;
  readonly warnings: EmittedWarnings;
  readonly parsers: readonly FluentBitParser[];
  /** The `start_state` rule's regex (without its slashes); null when a format begins with the message. */
  readonly startState: string | null;
  /** The `cont` rule's regex: any line that does not start a record. */
  readonly cont: string | null;
}
type EmittedWarnings = ReturnType<typeof allWarnings>;

const SPACE_PADDED: TimeRule = ' %d';
/**
 * Each strftime directive as Fluent Bit's strptime (flb_strptime.c, OpenBSD's) reads it. A number takes
 * any zero padding; a space-padded one (`%e %k %l`, the `_` flag) gets a space before it: whitespace in
 * the format skips any run of spaces, and the number itself reads one or two digits.
 */
export const STRPTIME: TimeTable = {
  name: 'Fluent Bit',
  rules: {
    ...Object.fromEntries([...'YyCmdjHIMSaAbBzp'].map((l) => [l, `%${l}`])),
    e: ' %e', k: ' %H', l: ' %I', h: '%b', P: '%p', n: '%n', t: '%t', '%': '%%',
    ...paddingRows('mdejHkIlMSy', (flag, l) => {
      const letter = ({ e: 'e', k: 'H', l: 'I' } as Record<string, string>)[l] ?? l;
      return flag === '_' ? SPACE_PADDED.replace('d', letter) : `%${letter}`;
    }),
    // Names and AM/PM are compared without case.
    ...Object.fromEntries([...'aAbBhpP'].flatMap((l) => ['^', '#'].map((f) => [`${f}${l}`, `%${l === 'h' ? 'b' : l === 'P' ? 'p' : l}`]))),
    s: { text: '%s', warn: 'Fluent Bit reads %s as a non-negative number only: a time before 1970 fails to parse' },
    Z: { text: '%Z', warn: "Fluent Bit reads only GMT, UTC or its own zone's names for %Z: a record in another zone fails to parse and keeps the time it was read at" },
    ...Object.fromEntries([...'GgVUWuw'].map((l) => [l, { text: `%${l}`, warn: 'carries no date Fluent Bit can use (%G %g %V %U %W %u %w): it is read and ignored' }])),
  },
  fraction: '%L',
  literal: (text) => text.replace(/%/gu, '%%'),
};

/** Keyed times (keyed.ts): ISO 8601 with a fraction and `Z` or an offset (%z reads both), the epoch with a fraction. */
const KEYED_TIMES: KeyedTimeLayouts = { table: STRPTIME, iso8601: '%Y-%m-%dT%H:%M:%S.%L%z', epoch: '%s.%L' };

/** The config for the formats written to one log (one format, or several tried in turn). */
export function fluentBitConfig(patterns: Pattern | readonly Pattern[], options: FluentBitOptions = {}): FluentBitConfig {
  return fluentBit(prepare(patternList(patterns), FLUENT_BIT, 'fluentbit'), options);
}

function fluentBit(formats: readonly PreparedFormat[], options: FluentBitOptions): FluentBitConfig {
  const name = options.name ?? 'python_app';
  const offset = givenZone(options.timezone, 'offset', 'Fluent Bit', formats[0]!.warn, "the times are read in the system's zone") ?? null;
  const parsers = formats.map((f, i): FluentBitParser => {
    const parserName = i === 0 ? name : `${name}_${i + 1}`;
    if (f.keyed !== null) {
      if (f.keyed.time?.kind === 'iso8601') f.warn("Fluent Bit's Time_Format has no optional part: a time without a fraction (isoformat() leaves it out when the microseconds are 0) fails to parse and keeps the time it was read at");
      const layout = f.keyed.time === null ? null : keyedLayout(f.keyed.time, KEYED_TIMES, f.warn);
      return { name: parserName, format: f.keyed.syntax, regex: null, time: layout === null ? null : { key: f.keyed.time!.key, format: layout, zoned: /%z|%s/u.test(layout) } };
    }
    const layout = f.time === null ? null : timeLayout(f.time, STRPTIME, f.warn);
    return {
      name: parserName, format: 'regex',
      regex: f.record({ lineEnd: 'maybe' }),
      time: f.time === null || layout === null ? null : { key: f.time.key, format: layout, zoned: /%z/u.test(layout) },
    };
  });
  const head = anyStart(formats, 'onigmo');
  const startState = head === null ? null : `${head}.*`;
  const cont = head === null ? null : `^(?!${head.slice(1)})`;
  const files = logFiles(options);
  const s: Settings = {
    multiline: `${name}_multiline`, path: files.glob, tag: options.tag ?? 'python.app', flush: options.flushTimeout ?? 1000,
    db: options.db ?? `/var/lib/fluent-bit/${name}.db`, offset,
    defaults: [
      ...(options.path === undefined ? [`Path ${files.glob}`] : []),
      ...(options.db === undefined ? [`DB ${options.db ?? `/var/lib/fluent-bit/${name}.db`}`] : []),
    ],
  };
  const parts = { parsers, startState, cont };
  const formatsNote = formats.map((f) => JSON.stringify(f.pattern.format)).join(', ');
  const out = options.yaml ? [{ name: 'fluent-bit.yaml', text: yamlText(formatsNote, s, parts) }] : confFiles(formatsNote, s, parts);
  return { files: out, text: printedFiles(out), warnings: allWarnings(formats), ...parts };
}

interface Settings {
  readonly multiline: string; readonly path: string; readonly tag: string; readonly flush: number; readonly db: string;
  readonly offset: string | null; readonly defaults: readonly string[];
}
type Parts = Pick<FluentBitConfig, 'parsers' | 'startState' | 'cont'>;

/** A multi-line rule field: a double-quoted token in which only `\"` is an escape. */
const ruleToken = (value: string) => `"${value.replace(/"/gu, '\\"')}"`;

/** How a parser reads a local time: in the zone named, else the system's. */
const zoneKeys = (p: FluentBitParser, s: Settings): [string, string][] =>
  p.time === null || p.time.zoned ? [] : s.offset !== null ? [['Time_Offset', s.offset]] : [['Time_System_Timezone', 'On']];


function confFiles(formats: string, s: Settings, p: Parts): EmittedFile[] {
  const line = (key: string, value: string | number) => `    ${key.padEnd(20)} ${value}`;
  const parsers = [`# Fluent Bit parsers, generated by pylogrx for ${formats}. Loaded by fluent-bit.conf.`];
  for (const parser of p.parsers) {
    parsers.push(
      '[PARSER]',
      line('Name', parser.name),
      line('Format', parser.format),
      ...(parser.regex !== null ? [line('Regex', parser.regex)] : []),
      ...(parser.time !== null ? [line('Time_Key', parser.time.key), line('Time_Format', parser.time.format), line('Time_Keep', 'On'), ...zoneKeys(parser, s).map(([k, v]) => line(k, v))] : []),
      line('Skip_Empty_Values', 'Off'),
      '',
    );
  }
  if (p.startState !== null) {
    parsers.push(
      '[MULTILINE_PARSER]',
      line('Name', s.multiline),
      line('Type', 'regex'),
      line('Flush_Timeout', s.flush),
      `    # A record starts at a line that matches a format's head; every other line continues it.`,
      `    rule ${ruleToken('start_state')} ${ruleToken(`/${p.startState}/`)} ${ruleToken('cont')}`,
      `    rule ${ruleToken('cont')} ${ruleToken(`/${p.cont}/`)} ${ruleToken('cont')}`,
      '',
    );
  }
  const pipeline = [
    '# Fluent Bit pipeline, generated by pylogrx. Replace the stdout output with your destination.',
    ...defaultsComment(s.defaults),
    '[SERVICE]',
    line('Parsers_File', 'parsers.conf'),
    '',
    '[INPUT]',
    line('Name', 'tail'),
    line('Path', s.path),
    line('Tag', s.tag),
    ...(p.startState !== null ? [line('multiline.parser', s.multiline)] : []),
    '    # Files that exist already are read from their start once; the DB keeps each file\'s offset.',
    line('Read_from_Head', 'On'),
    line('DB', s.db),
    '',
    '[FILTER]',
    line('Name', 'parser'),
    line('Match', s.tag),
    line('Key_Name', 'log'),
    ...p.parsers.map((parser) => line('Parser', parser.name)),
    line('Reserve_Data', 'On'),
    '',
    '[OUTPUT]',
    line('Name', 'stdout'),
    line('Match', s.tag),
  ];
  return [{ name: 'parsers.conf', text: parsers.join('\n') }, { name: 'fluent-bit.conf', text: `${pipeline.join('\n')}\n` }];
}

function yamlText(formats: string, s: Settings, p: Parts): string {
  const document = {
    parsers: p.parsers.map((parser) => ({
      name: parser.name, format: parser.format, ...(parser.regex !== null ? { regex: parser.regex } : {}),
      ...(parser.time !== null ? { time_key: parser.time.key, time_format: parser.time.format, time_keep: 'on', ...Object.fromEntries(zoneKeys(parser, s).map(([k, v]) => [k.toLowerCase(), v === 'On' ? 'on' : v])) } : {}),
      skip_empty_values: 'off',
    })),
    ...(p.startState !== null ? {
      multiline_parsers: [{
        name: s.multiline, type: 'regex', flush_timeout: s.flush,
        rules: [
          { state: 'start_state', regex: `/${p.startState}/`, next_state: 'cont' },
          { state: 'cont', regex: `/${p.cont}/`, next_state: 'cont' },
        ],
      }],
    } : {}),
    pipeline: {
      inputs: [{ name: 'tail', path: s.path, tag: s.tag, ...(p.startState !== null ? { 'multiline.parser': s.multiline } : {}), read_from_head: true, db: s.db }],
      filters: [{ name: 'parser', match: s.tag, key_name: 'log', parser: p.parsers.map((parser) => parser.name).join(','), reserve_data: 'on' }],
      outputs: [{ name: 'stdout', match: s.tag }],
    },
  };
  const header = [
    `# Fluent Bit (YAML, 3.x), generated by pylogrx for ${formats}. Replace the stdout output with your destination.`,
    '# Files that exist already are read from their start once; the DB keeps each file\'s offset.',
    ...defaultsComment(s.defaults),
  ].join('\n');
  return `${header}\n${toYaml(document)}`;
}

export const FLUENT_BIT = {
  title: 'Fluent Bit',
  description: 'print Fluent Bit config: parsers.conf (a [PARSER] per format, a [MULTILINE_PARSER]) and fluent-bit.conf (tail input, parser filter)',
  flavor: 'onigmo',
  provenBy: 'test/fluentbit.test.ts: Onigmo (Ruby), with flb_ml_rule.c\'s record cutting',
  time: STRPTIME,
  several: 'one [PARSER] per format; the parser filter tries them in turn, the first that matches wins',
  nameKey: 'name',
  options: [
    { key: 'yaml', flags: '--yaml', description: 'Fluent Bit 3.x YAML (parsers, multiline_parsers, pipeline) rather than the classic .conf' },
    { key: 'name', flags: '--name <name>', description: 'the parser name (the multi-line parser is <name>_multiline)', default: 'python_app' },
    { key: 'tag', flags: '--tag <tag>', description: 'the records\' tag', default: 'python.app' },
    { key: 'flushTimeout', flags: '--flush-timeout <ms>', description: 'how long the multi-line parser waits for a record\'s next line', default: 1000, whole: true },
    { key: 'timezone', flags: '--timezone <zone>', description: 'the zone of times without %z: +0800, or an IANA zone without daylight saving time (default: the system\'s)', zone: 'offset' },
    { key: 'db', flags: '--db <file>', description: 'the tail input\'s offsets database', default: '/var/lib/fluent-bit/<name>.db' },
  ],
  examples: [
    "pylogrx fluentbit '%(asctime)s - %(filename)s:%(lineno)s - %(name)s - %(message)s' --out fluent-bit/",
    "pylogrx fluentbit '%(asctime)s %(levelname)s %(message)s' --datefmt '%d/%b/%Y %H:%M:%S' --yaml",
  ],
  emit: (formats, options) => {
    const config = fluentBit(formats, options);
    return { files: config.files, warnings: config.warnings };
  },
} as const satisfies Emitter<FluentBitOptions>;
