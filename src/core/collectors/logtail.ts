/**
 * Logtail (Alibaba Cloud Log Service) collection configs, rendered from the pattern in the `logtail`
 * flavor: Boost.Regex in Perl mode, a full match over the whole record, positional keys. Two shapes:
 * the classic CreateConfig JSON (`common_reg_log`) and the iLogtail 2.x / LoongCollector pipeline.
 * Facts: research/logtail.md.
 */
import { toYaml } from '../yaml.js';
import type { Pattern } from '../pattern.js';
import { EXC_TEXT, needsExcText } from '../render.js';
import type { Warning } from '../result.js';
import { paddingRows, timeLayout, type TimeTable } from './datefmt.js';
import { allWarnings, anyStart, defaultsComment, logFiles, patternList, prepare, type Emitter, type PreparedFormat } from './emitter.js';
import { keyedLayout, type KeyedFormat, type KeyedTimeLayouts } from './keyed.js';
import { givenZone } from './zones.js';

export type LogtailKind = 'classic' | 'pipeline';

export interface LogtailOptions {
  readonly kind?: LogtailKind;
  readonly path?: string;
  readonly filePattern?: string;
  readonly configName?: string;
  readonly logstore?: string;
  readonly project?: string;
  readonly region?: string;
  readonly endpoint?: string;
  /** The zone the log's times are written in, as the agent spells it: `GMT+08:00`. */
  readonly timezone?: string;
  /** One record, for `logSample`. */
  readonly sample?: string;
  /** Classic: parse milliseconds too (`,%f`, agents from 1.8.0) rather than seconds only. */
  readonly fraction?: boolean;
}

export interface LogtailParser {
  /** JSON lines: processor_parse_json_native (pipeline) or the json_log mode (classic), no regex. */
  readonly json: boolean;
  /** The full-record regex, exactly as `gen --flavor logtail` renders it (plus a `time` group, see below). */
  readonly regex: string;
  readonly keys: readonly string[];
  /** The key the time is parsed from, and the agent's strptime format for it; null without asctime. */
  readonly time: { readonly key: string; readonly format: string } | null;
}

export interface LogtailConfig extends LogtailParser {
  readonly kind: LogtailKind;
  /** One per format, tried in turn (the first is also this object's regex, keys and time). */
  readonly parsers: readonly LogtailParser[];
  /** The multi-line start pattern: a head of any format, then `.*`; null when a format begins with the message. */
  readonly startPattern: string | null;
  /** The config, as the agent or the API takes it. */
  readonly document: Record<string, unknown>;
  /** What the user must still fill in (placeholders), and the defaults used. */
  readonly placeholders: readonly string[];
  readonly defaults: readonly string[];
  readonly warnings: readonly Warning[];
}

const NO_DATE = "carries no date or time the agent can use: it is matched as text";

/**
 * Each strftime directive Python may print, as the agent's strptime reads it (it takes any padding, so
 * `%-d` is `%d`). Composites are expanded, the agent's table not being glibc's; a directive that cannot set
 * the time is a warning that says what will happen.
 */
export const AGENT_STRPTIME: TimeTable = {
  name: 'the Logtail agent',
  rules: {
    ...Object.fromEntries([...'YymdejHkIlMSpaAbhBzs'].map((l) => [l, `%${l}`])),
    ...paddingRows('YymdejHkIlMSs', (_, l) => `%${l}`),
    '%': '%%',
    Z: { text: '%Z', warn: "the agent cannot read a zone name (%Z): times are read in the agent's zone unless --timezone is given" },
    P: { text: '%p', warn: 'the agent reads %p (AM/PM), not lower-case %P: records may fail to parse their time' },
    ...Object.fromEntries([...'CGgUWVuwnt'].map((l) => [l, { text: `%${l}`, warn: NO_DATE }])),
  },
  fraction: '%f',
  literal: (text) => text.replace(/%/gu, '%%'),
};

export function logtailConfig(patterns: Pattern | readonly Pattern[], options: LogtailOptions = {}): LogtailConfig {
  return logtail(prepare(patternList(patterns), LOGTAIL, 'logtail'), options);
}

function logtail(formats: readonly PreparedFormat[], options: LogtailOptions): LogtailConfig {
  const kind = options.kind ?? 'pipeline';
  const [first] = formats as [PreparedFormat];
  const parsers = formats.map((f) => logtailParser(f, kind, options));
  const head = anyStart(formats, 'logtail');
  const startPattern = head === null ? null : `${head}.*`;
  if (kind === 'classic' && formats.length > 1) first.warn(`the classic config takes one regex: only format ${first.index + 1} (the one that says most) is parsed, the other formats' records keep their text unparsed; the pipeline (--kind pipeline) tries every format`);
  const zone = givenZone(options.timezone, 'logtail', 'the Logtail agent', first.warn, "the times are read in the agent's zone");
  const o = { ...options, timezone: zone };
  const placeholders = [
    ...(options.logstore === undefined ? ['the logstore (python-app: --logstore)'] : []),
    ...(kind === 'pipeline' && options.project === undefined ? ['the project (my-project: --project)'] : []),
  ];
  const defaults = [
    ...(options.path === undefined ? [`the log files ${logFiles({}).glob} (--path)`] : []),
    ...(kind === 'pipeline' && options.region === undefined ? ['the region cn-hangzhou (--region)'] : []),
  ];
  const document = kind === 'classic' ? classicDocument(o, parsers[0]!, startPattern) : pipelineDocument(o, parsers, startPattern);
  return { kind, ...parsers[0]!, parsers, startPattern, document, placeholders, defaults, warnings: allWarnings(formats) };
}

/**
 * Keyed times (keyed.ts). The agent's strptime ignores text after the format's last directive, so ISO 8601
 * is read to the second (structlog's fraction and `Z` are left: its UTC is the SourceTimezone given).
 */
const KEYED_TIMES: KeyedTimeLayouts = { table: AGENT_STRPTIME, iso8601: '%Y-%m-%dT%H:%M:%S', epoch: '%s' };

/**
 * A JSON format: the agent's own JSON parser, every key a field. A logfmt one: the agent has no native
 * key=value parser (processor_split_key_value, an extended plugin, keeps `\"` in a value and cannot be
 * followed by the native time parser), so the format's regex reads it, as for any other format.
 */
function keyedParser(f: PreparedFormat & { keyed: KeyedFormat }, kind: LogtailKind): LogtailParser {
  const { keyed } = f;
  if (keyed.syntax === 'logfmt') f.warn('LoongCollector has no native key=value parser: the format\'s regex reads the keys it names, the others stay in extras');
  if (keyed.time?.kind === 'iso8601') f.warn('the agent reads an ISO 8601 time to the second (the fraction and the offset after it are ignored): give --timezone GMT+00:00 for UTC times (structlog\'s TimeStamper(utc=True), the default)');
  if (keyed.time?.kind === 'epoch') f.warn('the agent reads seconds since the epoch without their fraction');
  const layout = keyed.time === null ? null : keyedLayout(keyed.time, KEYED_TIMES, f.warn);
  // The classic agent applies timeFormat to the key named time only, or to json_log's timeKey.
  const time = layout === null ? null : { key: kind === 'classic' && keyed.syntax === 'logfmt' ? 'time' : keyed.time!.key, format: layout };
  if (keyed.syntax === 'json') return { json: true, regex: '', keys: [], time };
  const at = f.pattern.parts.findIndex((p) => p.kind === 'field' && p.key === keyed.time?.key);
  return { json: false, regex: f.record(), keys: logtailKeys(f.pattern, kind, false, at), time };
}

/** Classic agents before 1.8.0 have no %f; text after the last directive is ignored, so seconds are safe. */
function agentFormat(layout: string, kind: LogtailKind, options: LogtailOptions, warn: PreparedFormat['warn']): string {
  if (kind !== 'classic' || options.fraction || !layout.endsWith('%f')) return layout;
  warn('classic timeFormat reads seconds only (safe on every agent); --fraction keeps the milliseconds (agents 1.8.0 and later)');
  return layout.replace(/[.,]?%f$/u, '');
}

function logtailParser(f: PreparedFormat, kind: LogtailKind, options: LogtailOptions): LogtailParser {
  if (f.keyed !== null) {
    const parser = keyedParser({ ...f, keyed: f.keyed }, kind);
    return parser.time === null ? parser : { ...parser, time: { ...parser.time, format: agentFormat(parser.time.format, kind, options, f.warn) } };
  }
  const { time: field, pattern } = f;
  const wrap = field?.wrap;
  let time: LogtailParser['time'] = null;
  const layout = field === null ? null : timeLayout(field, AGENT_STRPTIME, f.warn);
  if (field !== null && layout !== null) {
    // The classic agent applies timeFormat to the key named time only.
    time = { key: wrap || kind === 'classic' ? 'time' : field.key, format: agentFormat(layout, kind, options, f.warn) };
  }
  const asctime = wrap?.from ?? pattern.parts.findIndex((p) => p.kind === 'field' && p.type === 'time' && p.sameAs === null);
  return { json: false, regex: f.record(), keys: logtailKeys(pattern, kind, wrap !== undefined, asctime), time };
}

/** The YAML a LoongCollector/iLogtail 2.x agent reads locally, or the JSON the API takes. */
export function formatLogtail(config: LogtailConfig, as: 'yaml' | 'json'): string {
  if (as === 'json' || config.kind === 'classic') return `${JSON.stringify(config.document, null, 2)}\n`;
  const header = [
    `# Logtail pipeline (iLogtail 2.x / LoongCollector), generated by pylogrx.`,
    ...(config.placeholders.length > 0 ? [`# Fill in ${config.placeholders.join(' and ')}.`] : []),
    ...defaultsComment(config.defaults),
  ].join('\n');
  return `${header}\n${toYaml(config.document)}`;
}

/** Positional keys in group order: the wrapped `time` first where it opens, `exc_text` last. */
function logtailKeys(pattern: Pattern, kind: LogtailKind, wrapped: boolean, asctime: number): string[] {
  const keys: string[] = [];
  for (const [i, p] of pattern.parts.entries()) {
    if (p.kind !== 'field' || p.sameAs !== null) continue;
    if (i === asctime && wrapped) keys.push('time');
    // The classic agent applies timeFormat to the key named time only.
    keys.push(i === asctime && kind === 'classic' && !wrapped ? 'time' : p.capture);
  }
  if (needsExcText(pattern)) keys.push(EXC_TEXT);
  return keys;
}

/** The directory and file-name pattern: `--path` as logFiles reads it, `--file-pattern` over its name. */
function files(o: LogtailOptions): { dir: string; pattern: string } {
  const read = logFiles(o);
  return { dir: read.dir, pattern: o.filePattern ?? read.file };
}

function classicDocument(o: LogtailOptions, parser: LogtailParser, start: string | null) {
  return {
    configName: o.configName ?? 'python-app',
    ...(o.sample !== undefined ? { logSample: o.sample } : {}),
    inputType: 'file',
    inputDetail: {
      logType: parser.json ? 'json_log' : 'common_reg_log',
      logPath: files(o).dir,
      filePattern: files(o).pattern,
      ...(parser.json ? {} : { logBeginRegex: start ?? '.*', regex: parser.regex, key: parser.keys }),
      ...(parser.json && parser.time ? { timeKey: parser.time.key } : {}),
      ...(parser.time ? { timeFormat: parser.time.format } : {}),
      ...(o.timezone ? { adjustTimezone: true, logTimezone: o.timezone } : {}),
      discardUnmatch: false,
      localStorage: true,
      topicFormat: 'none',
      fileEncoding: 'utf8',
      maxDepth: 0,
      preserve: true,
    },
    outputType: 'LogService',
    outputDetail: { logstoreName: o.logstore ?? 'python-app' },
  };
}

/**
 * Several formats: a regex processor each, in turn. A processor that parses the record removes its
 * `content`, so the next finds no source key and passes the record on; one that fails keeps `content`
 * (KeepingSourceWhenParseFail) for the next (ProcessorParseRegexNative.cpp ProcessEvent).
 */
function pipelineDocument(o: LogtailOptions, parsers: readonly LogtailParser[], start: string | null) {
  const region = o.region ?? 'cn-hangzhou';
  const { dir, pattern } = files(o);
  const timestamps = new Map<string, NonNullable<LogtailParser['time']>>();
  return {
    ...(o.configName ? { configName: o.configName } : {}),
    ...(o.sample !== undefined ? { logSample: o.sample } : {}),
    enable: true,
    inputs: [{
      Type: 'input_file',
      FilePaths: [`${dir}/${pattern}`],
      ...(start ? { Multiline: { Mode: 'custom', StartPattern: start, UnmatchedContentTreatment: 'single_line' } } : {}),
    }],
    processors: parsers.flatMap((p) => {
      const key = p.time === null ? null : JSON.stringify([p.time.key, p.time.format]);
      const time = key !== null && !timestamps.has(key) ? timestamps.set(key, p.time!).get(key)! : null;
      return [
        p.json ? { Type: 'processor_parse_json_native', SourceKey: 'content', KeepingSourceWhenParseFail: true }
          : { Type: 'processor_parse_regex_native', SourceKey: 'content', Regex: p.regex, Keys: p.keys, KeepingSourceWhenParseFail: true },
        ...(time ? [{
          Type: 'processor_parse_timestamp_native', SourceKey: time.key, SourceFormat: time.format,
          ...(o.timezone ? { SourceTimezone: o.timezone } : {}),
        }] : []),
      ];
    }),
    flushers: [{
      Type: 'flusher_sls', Project: o.project ?? 'my-project', Logstore: o.logstore ?? 'python-app',
      Region: region, Endpoint: o.endpoint ?? `${region}.log.aliyuncs.com`,
    }],
  };
}

export const LOGTAIL = {
  title: 'the Logtail agent',
  description: 'print a Logtail (Alibaba Cloud Log Service) collection config for the format',
  flavor: 'logtail',
  provenBy: 'test/logtail-engine.test.ts: Boost.Regex (g++), as the agents run it',
  time: AGENT_STRPTIME,
  several: 'one processor_parse_regex_native per format, in turn: the first that parses the record takes it',
  nameKey: 'configName',
  options: [
    { key: 'kind', flags: '-k, --kind <kind>', description: 'pipeline: iLogtail 2.x / LoongCollector YAML; classic: the CreateConfig JSON', choices: ['pipeline', 'classic'], default: 'pipeline' },
    { key: 'json', flags: '--json', description: "the pipeline as the API's JSON body (CreateLogtailPipelineConfig)" },
    { key: 'filePattern', flags: '--file-pattern <glob>', description: "the log file name pattern (default: --path's file name or glob, or '*.log' for a directory)" },
    { key: 'configName', flags: '--config-name <name>', description: 'the config name' },
    { key: 'logstore', flags: '--logstore <name>', description: 'the logstore (default: python-app, a placeholder)' },
    { key: 'project', flags: '--project <name>', description: 'the project (pipeline; default: my-project, a placeholder)' },
    { key: 'region', flags: '--region <id>', description: 'the region, e.g. cn-hangzhou (pipeline)', default: 'cn-hangzhou' },
    { key: 'endpoint', flags: '--endpoint <host>', description: 'the endpoint (pipeline; default <region>.log.aliyuncs.com)' },
    { key: 'timezone', flags: '--timezone <zone>', description: "the zone the log's times are in: GMT+08:00, or an IANA zone without daylight saving time", zone: 'logtail' },
    { key: 'sample', flags: '--sample <text>', description: "logSample: a record, or '-' for the first record of stdin" },
    { key: 'fraction', flags: '--fraction', description: 'classic: parse milliseconds too (agents 1.8.0 and later)' },
  ],
  examples: [
    "pylogrx logtail '%(asctime)s - %(filename)s:%(lineno)s - %(name)s - %(message)s' --logstore app --project prod",
    "pylogrx logtail '%(asctime)s %(levelname)s %(message)s' --kind classic --sample - < app.log",
  ],
  emit: (formats, options: LogtailOptions & { readonly json?: boolean }) => {
    const config = logtail(formats, options);
    return { files: [{ name: config.kind === 'classic' || options.json ? 'logtail.json' : 'logtail.yaml', text: formatLogtail(config, options.json ? 'json' : 'yaml') }], warnings: config.warnings };
  },
} as const satisfies Emitter<LogtailOptions & { readonly json?: boolean }>;
