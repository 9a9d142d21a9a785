/**
 * Logtail (Alibaba Cloud Log Service) collection configs, rendered from the pattern in the `logtail`
 * flavor: Boost.Regex in Perl mode, a full match over the whole record, positional keys. Two shapes:
 * the classic CreateConfig JSON (`common_reg_log`) and the iLogtail 2.x / LoongCollector pipeline.
 * Facts: research/logtail.md.
 */
import { stringify } from 'yaml';
import { recordHead } from './head.js';
import type { FieldPart, Pattern } from './pattern.js';
import { EXC_TEXT, needsExcText, render } from './render.js';
import type { Warning } from './result.js';
import { DEFAULT_DATEFMT, STRFTIME } from './strftime.js';

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

/**
 * Each strftime directive Python may print, as the agent's strptime should read it. `same`: as is.
 * Composites are expanded (the agent's table is not glibc's); a directive that cannot set the time is
 * a warning that says what will happen.
 */
const AGENT_DIRECTIVES: Readonly<Record<string, 'same' | { readonly expand: string } | { readonly warn: string }>> = {
  Y: 'same', y: 'same', m: 'same', d: 'same', e: 'same', j: 'same', H: 'same', k: 'same', I: 'same', l: 'same',
  M: 'same', S: 'same', p: 'same', a: 'same', A: 'same', b: 'same', h: 'same', B: 'same', z: 'same', s: 'same', '%': 'same',
  c: { expand: '%a %b %e %H:%M:%S %Y' }, x: { expand: '%m/%d/%y' }, X: { expand: '%H:%M:%S' }, D: { expand: '%m/%d/%y' },
  F: { expand: '%Y-%m-%d' }, T: { expand: '%H:%M:%S' }, R: { expand: '%H:%M' }, r: { expand: '%I:%M:%S %p' },
  Z: { warn: "the agent cannot read a zone name (%Z): times are read in the agent's zone unless --timezone is given" },
  P: { warn: "the agent reads %p (AM/PM), not lower-case %P: records may fail to parse" },
};
const NO_DATE = "carries no date or time the agent can use (%C %G %g %U %W %V %u %w %n %t): it is kept as text";

/** Python's logging default time text: `%Y-%m-%d %H:%M:%S,mmm`. */
const PYTHON_DEFAULT_TIME = `${DEFAULT_DATEFMT},%f`;

export function logtailConfig(pattern: Pattern, options: LogtailOptions = {}): LogtailConfig {
  const kind = options.kind ?? 'pipeline';
  const warnings: Warning[] = [];
  const warn = (message: string) => warnings.push({ message, column: 0, source: '', origin: 'logtail' });
  const parts = pattern.parts;
  const asctime = parts.findIndex((p) => p.kind === 'field' && p.type === 'time' && p.sameAs === null);
  // The default asctime already ends in milliseconds; a datefmt's has none, so msecs may follow it.
  const msecs = asctime < 0 || pattern.datefmt === null ? null : msecsAfter(pattern, asctime);

  // Time: asctime, with the %(msecs)03d that follows it when there is one (one `time` group around both).
  let time: LogtailConfig['time'] = null;
  let wrap: { from: number; to: number; name: string } | undefined;
  if (asctime >= 0) {
    let format = pattern.datefmt === null ? PYTHON_DEFAULT_TIME : agentFormat(pattern.datefmt, warn);
    if (msecs !== null) {
      format += `${msecs.separator}%f`;
      wrap = { from: asctime, to: msecs.index, name: 'time' };
    }
    // Classic agents before 1.8.0 have no %f; text after the last directive is ignored, so seconds are safe.
    if (kind === 'classic' && !options.fraction && format.endsWith('%f')) {
      format = format.replace(/[.,]?%f$/u, '');
      warn('classic timeFormat reads seconds only (safe on every agent); --fraction keeps the milliseconds (agents 1.8.0 and later)');
    }
    const key = wrap || kind === 'classic' ? 'time' : (parts[asctime] as FieldPart).capture;
    time = { key, format };
  }

  const regex = render(pattern, 'logtail', { mode: 'record', ...(wrap ? { wrap } : {}) });
  const keys = logtailKeys(pattern, kind, wrap !== undefined, asctime);
  const head = recordHead(pattern);
  const startPattern = head.length === 0 ? null : `${render(pattern, 'logtail', { prefix: head.length })}.*`;
  warnings.push(...head.warnings);

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
  // Regexes are full of backslashes: single-quoted scalars keep them verbatim (no YAML escapes).
  return `${header}\n${stringify(config.document, { singleQuote: true, lineWidth: 0 })}`;
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

/** `%(asctime)s.%(msecs)03d` (or `,`): the index of the msecs field and the separator, else null. */
function msecsAfter(pattern: Pattern, asctime: number): { index: number; separator: string } | null {
  const [literal, msecs] = [pattern.parts[asctime + 1], pattern.parts[asctime + 2]];
  if (literal?.kind !== 'literal' || !/^[.,]$/u.test(literal.text) || msecs?.kind !== 'field' || msecs.key !== 'msecs') return null;
  // Three digits, zero-padded: what %f reads as milliseconds.
  const threeDigits = /^(?:%\(msecs\)03(?:d|\.0f)|\{msecs:03(?:d|\.0f)\})$/u.test(msecs.raw);
  return threeDigits ? { index: asctime + 2, separator: literal.text } : null;
}

/** A Python datefmt as the agent's strptime format: composites expanded, flags dropped (strptime takes any padding). */
function agentFormat(datefmt: string, warn: (message: string) => void): string {
  return datefmt.replace(/%([-_0^#]*)(\d*)([EO]?)(.?)/gsu, (whole, _flags: string, _width: string, _mod: string, letter: string) => {
    const rule = AGENT_DIRECTIVES[letter];
    if (rule === 'same') return `%${letter}`;
    if (rule && 'expand' in rule) return agentFormat(rule.expand, warn);
    if (rule) {
      warn(`datefmt ${whole}: ${rule.warn}`);
      return `%${letter}`;
    }
    if (STRFTIME[letter]) {
      warn(`datefmt ${whole} ${NO_DATE}`);
      return whole;
    }
    // Python prints an unknown directive literally; so is it matched here.
    return whole;
  });
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
