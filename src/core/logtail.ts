/**
 * Logtail (Alibaba Cloud Log Service) collection configs, rendered from the pattern in the `logtail`
 * flavor: Boost.Regex in Perl mode, a full match over the whole record, positional keys. Two shapes:
 * the classic CreateConfig JSON (`common_reg_log`) and the iLogtail 2.x / LoongCollector pipeline.
 * Facts: research/logtail.md.
 */
import { toYaml } from './yaml.js';
import { timeField } from './collectors/datefmt.js';
import { GLIBC_COMPOSITES, timeLayout, type TimeTable } from './collectors/shared.js';
import { recordStart } from './head.js';
import type { Pattern } from './pattern.js';
import { EXC_TEXT, needsExcText, render } from './render.js';
import type { Warning } from './result.js';

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

export interface LogtailConfig {
  readonly kind: LogtailKind;
  /** The full-record regex, exactly as `gen --flavor logtail` renders it (plus a `time` group, see below). */
  readonly regex: string;
  /** The multi-line start pattern: the typed head, then `.*`; null when the format begins with the message. */
  readonly startPattern: string | null;
  readonly keys: readonly string[];
  /** The key the time is parsed from, and the agent's strptime format for it; null without asctime. */
  readonly time: { readonly key: string; readonly format: string } | null;
  /** The config, as the agent or the API takes it. */
  readonly document: Record<string, unknown>;
  readonly warnings: readonly Warning[];
}

const NO_DATE = "carries no date or time the agent can use: it is matched as text";
const NUMBERS = [...'YymdejHkIlMSs'];

/**
 * Each strftime directive Python may print, as the agent's strptime reads it (it takes any padding, so
 * `%-d` is `%d`). Composites are expanded, the agent's table not being glibc's; a directive that cannot set
 * the time is a warning that says what will happen.
 */
export const AGENT_STRPTIME: TimeTable = {
  name: 'the Logtail agent',
  rules: {
    ...Object.fromEntries([...'YymdejHkIlMSpaAbhBzs'].map((l) => [l, `%${l}`])),
    ...Object.fromEntries(NUMBERS.flatMap((l) => ['-', '_', '0'].map((f) => [`${f}${l}`, `%${l}`]))),
    ...GLIBC_COMPOSITES,
    '%': '%%',
    Z: { text: '%Z', warn: "the agent cannot read a zone name (%Z): times are read in the agent's zone unless --timezone is given" },
    P: { text: '%p', warn: 'the agent reads %p (AM/PM), not lower-case %P: records may fail to parse their time' },
    ...Object.fromEntries([...'CGgUWVuwnt'].map((l) => [l, { text: `%${l}`, warn: NO_DATE }])),
  },
  millis: ',%f',
  literal: (text) => text.replace(/%/gu, '%%'),
};

export function logtailConfig(pattern: Pattern, options: LogtailOptions = {}): LogtailConfig {
  const kind = options.kind ?? 'pipeline';
  const warnings: Warning[] = [];
  const warn = (message: string) => warnings.push({ message, column: 0, source: '', origin: 'logtail' });
  const field = timeField(pattern, 'logtail');
  const wrap = field?.wrap;
  let time: LogtailConfig['time'] = null;
  const layout = field === null ? null : timeLayout(field.datefmt, AGENT_STRPTIME, warn);
  if (field !== null && layout !== null) {
    let format = field.millis === null ? layout : `${layout}${field.millis}%f`;
    // Classic agents before 1.8.0 have no %f; text after the last directive is ignored, so seconds are safe.
    if (kind === 'classic' && !options.fraction && format.endsWith('%f')) {
      format = format.replace(/[.,]?%f$/u, '');
      warn('classic timeFormat reads seconds only (safe on every agent); --fraction keeps the milliseconds (agents 1.8.0 and later)');
    }
    // The classic agent applies timeFormat to the key named time only.
    time = { key: wrap || kind === 'classic' ? 'time' : field.key, format };
  }

  const regex = render(pattern, 'logtail', { mode: 'record', ...(wrap ? { wrap } : {}) });
  const asctime = wrap?.from ?? pattern.parts.findIndex((p) => p.kind === 'field' && p.type === 'time' && p.sameAs === null);
  const keys = logtailKeys(pattern, kind, wrap !== undefined, asctime);
  const start = recordStart(pattern, 'logtail', 'the Logtail agent');
  const startPattern = start.regex === null ? null : `${start.regex}.*`;
  warnings.push(...start.warnings);

  const document = kind === 'classic'
    ? classicDocument(options, regex, startPattern, keys, time)
    : pipelineDocument(options, regex, startPattern, keys, time);
  return { kind, regex, startPattern, keys, time, document, warnings };
}

/** The YAML a LoongCollector/iLogtail 2.x agent reads locally, or the JSON the API takes. */
export function formatLogtail(config: LogtailConfig, as: 'yaml' | 'json'): string {
  if (as === 'json' || config.kind === 'classic') return `${JSON.stringify(config.document, null, 2)}\n`;
  const header = [
    `# Logtail pipeline (iLogtail 2.x / LoongCollector), generated by pylogrx.`,
    `# Fill in FilePaths and the flusher. Records older than 12 hours are dropped by default`,
    `# (ilogtail_discard_old_data).`,
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

/**
 * The directory and file-name pattern. `--path` takes a directory or, like the other collectors' commands,
 * a glob (`/var/log/app/*.log`), whose last part is then the file pattern unless `--file-pattern` says.
 */
function files(o: LogtailOptions): { dir: string; pattern: string } {
  const path = (o.path ?? '/var/log/app').replace(/\/+$/u, '');
  const slash = path.lastIndexOf('/');
  const last = path.slice(slash + 1);
  if (/[*?[]/u.test(last) && slash >= 0) return { dir: path.slice(0, slash) || '/', pattern: o.filePattern ?? last };
  return { dir: path, pattern: o.filePattern ?? '*.log' };
}

function classicDocument(o: LogtailOptions, regex: string, start: string | null, keys: readonly string[], time: LogtailConfig['time']) {
  return {
    configName: o.configName ?? 'python-app',
    ...(o.sample !== undefined ? { logSample: o.sample } : {}),
    inputType: 'file',
    inputDetail: {
      logType: 'common_reg_log',
      logPath: files(o).dir,
      filePattern: files(o).pattern,
      logBeginRegex: start ?? '.*',
      regex,
      key: keys,
      ...(time ? { timeFormat: time.format } : {}),
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

function pipelineDocument(o: LogtailOptions, regex: string, start: string | null, keys: readonly string[], time: LogtailConfig['time']) {
  const region = o.region ?? 'cn-hangzhou';
  const { dir, pattern } = files(o);
  const path = `${dir}/${pattern}`;
  return {
    ...(o.configName ? { configName: o.configName } : {}),
    ...(o.sample !== undefined ? { logSample: o.sample } : {}),
    enable: true,
    inputs: [{
      Type: 'input_file',
      FilePaths: [path],
      ...(start ? { Multiline: { Mode: 'custom', StartPattern: start, UnmatchedContentTreatment: 'single_line' } } : {}),
    }],
    processors: [
      { Type: 'processor_parse_regex_native', SourceKey: 'content', Regex: regex, Keys: keys, KeepingSourceWhenParseFail: true },
      ...(time ? [{
        Type: 'processor_parse_timestamp_native', SourceKey: time.key, SourceFormat: time.format,
        ...(o.timezone ? { SourceTimezone: o.timezone } : {}),
      }] : []),
    ],
    flushers: [{
      Type: 'flusher_sls', Project: o.project ?? 'my-project', Logstore: o.logstore ?? 'python-app',
      Region: region, Endpoint: o.endpoint ?? `${region}.log.aliyuncs.com`,
    }],
  };
}
