/**
 * Grafana Alloy (`loki.process`, River syntax) and the older Promtail (`pipeline_stages`, YAML), for the
 * format. Both run Go's regexp, so the regexes are rendered in the `re2` flavor: the head for
 * `stage.multiline`'s `firstline` (matched against each line), the whole record for `stage.regex` (the
 * lines of a record joined with "\n"). The time is read by Go's `time.Parse`, whose layout is the reference
 * time `2006-01-02 15:04:05`: the datefmt is translated through GO_LAYOUT.
 */
import { toYaml } from '../yaml.js';
import type { Pattern } from '../pattern.js';
import type { Warning } from '../result.js';
import { epochSeconds, timeLayout, type TimeTable } from './datefmt.js';
import { allWarnings, anyStart, defaultPath, defaultsComment, logFiles, patternList, prepare, type Emitter, type PreparedFormat } from './emitter.js';
import { EXCEPTION_KEYS, keyedLayout, type KeyedTimeLayouts } from './keyed.js';
import { backslashEscaped, goLiteral, groupOf } from './shared.js';
import { givenZone } from './zones.js';

export interface AlloyOptions {
  /** The log: a file, a directory or a glob (default `/var/log/app/*.log`). */
  readonly path?: string;
  /** The component label (Alloy) or job name (Promtail). */
  readonly name?: string;
  /** An IANA zone for times without an offset (`location`; default `Local`: Go would read them as UTC). */
  readonly location?: string;
  /** How long a record may wait for its next line (`max_wait_time`). */
  readonly maxWait?: string;
  /** The older Promtail scrape config instead. */
  readonly promtail?: boolean;
}

/** One format's stages. */
export interface AlloyFormat {
  /** stage.regex, or Loki's stage.json / stage.logfmt for keyed lines (keyed.ts). */
  readonly stage: 'regex' | 'json' | 'logfmt';
  /** The record regex (a keyed format: the regex of its first line, for stage.match). */
  readonly expression: string;
  /** stage.json's / stage.logfmt's keys: the format's and the traceback keys (a stage extracts only those it names). */
  readonly keys: readonly string[];
  /** The timestamp stage's Go layout; null without asctime or when Go cannot read the datefmt. */
  readonly layout: string | null;
  /** The extracted key the time is read from (asctime's group). */
  readonly timeSource: string;
  /** The label `level` is set from, if the format has a level. */
  readonly level: string | null;
}

export interface AlloyConfig extends AlloyFormat {
  readonly firstline: string | null;
  /** Each format's stages (the first is also this object's). */
  readonly formats: readonly AlloyFormat[];
  readonly warnings: readonly Warning[];
}

/** Python's strftime directives as Go reference-time layout elements. */
export const GO_LAYOUT: TimeTable = {
  name: 'Go time.Parse',
  rules: {
    Y: '2006', y: '06', m: '01', d: '02', e: '_2', j: '002', H: '15', I: '03', M: '04', S: '05',
    p: 'PM', P: 'pm', b: 'Jan', h: 'Jan', B: 'January', a: 'Mon', A: 'Monday', z: '-0700',
    Z: { text: 'MST', warn: 'Go reads a zone abbreviation it does not know (anything but UTC and the local zone\'s) as that name at offset 0; add location = "<zone>" or log %z' },
    '%': '%', n: '\n', t: '\t',
    '-d': '2', '-m': '1', '-I': '3', '-M': '4', '-S': '5', '-H': '15',
    k: { fail: 'Go has no space-padded 24-hour hour' },
    l: { fail: 'Go has no space-padded 12-hour hour' },
    s: { fail: 'Go reads seconds since the epoch only as the whole value (format Unix)' },
    ...Object.fromEntries([...'CGgUWVuw'].map((l) => [l, { fail: `Go has no %${l}` }])),
  },
  fraction: '000',
  literal: goLiteral('Go'),
};

export function alloyConfig(patterns: Pattern | readonly Pattern[]): AlloyConfig {
  return alloy(prepare(patternList(patterns), ALLOY, 'alloy'));
}

/** Keyed times (keyed.ts): Loki's named layouts RFC3339 (a fraction is read too) and Unix (seconds, with a fraction). */
const KEYED_TIMES: KeyedTimeLayouts = { table: GO_LAYOUT, iso8601: 'RFC3339', epoch: 'Unix' };

function alloyFormat(f: PreparedFormat): AlloyFormat {
  const { pattern } = f;
  if (f.keyed !== null) {
    const { time, level, syntax } = f.keyed;
    const keys = [...new Set([...f.keyed.keys, ...EXCEPTION_KEYS])];
    f.warn(`Alloy's stage.${syntax} extracts only the keys it names (the format's, and ${EXCEPTION_KEYS.join(', ')}); the line keeps every key: name others in --format to extract them`);
    return { stage: syntax, expression: f.start!, keys, layout: time === null ? null : keyedLayout(time, KEYED_TIMES, f.warn), timeSource: time?.key ?? 'asctime', level };
  }
  // The record's time (asctime, or gunicorn's t), with the msecs that follow it (datefmt.ts timeField).
  const timeSource = f.time?.key ?? null;
  const layout = timeSource === null ? null : epochSeconds(f.time) ? 'Unix' : timeLayout(f.time!, GO_LAYOUT, f.warn);
  const level = groupOf(pattern, 're2', 'levelname') ?? groupOf(pattern, 're2', 'levelno');
  return { stage: 'regex', expression: f.record(), keys: [], layout, timeSource: timeSource ?? 'asctime', level };
}

function alloy(formats: readonly PreparedFormat[]): AlloyConfig {
  const stages = formats.map(alloyFormat);
  return { firstline: anyStart(formats, 're2'), ...stages[0]!, formats: stages, warnings: allWarnings(formats) };
}

/** A River (Alloy syntax) string literal: double-quoted, Go escapes. */
export function riverString(text: string): string {
  const hex = (code: number, width: number) => code.toString(16).padStart(width, '0');
  return `"${backslashEscaped(text, (code) => {
    if (code < 0x20 || code === 0x7f) return `\\x${hex(code, 2)}`;
    // C1 controls, line and paragraph separators, BOM: printable in no editor.
    return (code >= 0x80 && code < 0xa0) || code === 0x2028 || code === 0x2029 || code === 0xfeff ? `\\u${hex(code, 4)}` : null;
  })}"`;
}

const label = (name: string) => name.replace(/[^A-Za-z0-9_]/gu, '_').replace(/^(?=\d)/u, '_');

/** How a stage reads a local time: in the zone named, else the host's (Go's default would be UTC). */
function locationOf(options: AlloyOptions, warn: (m: string) => void): string {
  return givenZone(options.location, 'iana', 'Alloy', warn, "times are read in the host's zone") ?? 'Local';
}

/**
 * A LogQL line filter that keeps the records of format `i` (several formats: the first whose regex
 * matches takes the record), for stage.match.
 */
function formatSelector(config: AlloyConfig, i: number): string {
  const filter = (op: string, f: AlloyFormat) => `${op} ${JSON.stringify(f.expression)}`;
  return ['{filename=~".+"}', ...config.formats.slice(0, i).map((f) => filter('!~', f)), filter('|~', config.formats[i]!)].join(' ');
}

/** One format's stages in River, at `indent`. */
function riverStages(f: AlloyFormat, location: string, indent: string): string[] {
  const q = riverString;
  const block = (lines: string[]) => lines.map((l) => (l === '' ? l : `${indent}${l}`)).join('\n');
  const keyMap = (name: string) => [`stage.${f.stage} {`, `  ${name} = {`, ...f.keys.map((k) => `    ${q(k)} = "",`), '  }', '}'];
  const stages = [block(f.stage === 'regex' ? ['stage.regex {', `  expression = ${q(f.expression)}`, '}'] : keyMap(f.stage === 'json' ? 'expressions' : 'mapping'))];
  if (f.layout !== null) stages.push(block(['stage.timestamp {', `  source   = ${q(f.timeSource)}`, `  format   = ${q(f.layout)}`, `  location = ${q(location)}`, '}']));
  if (f.level !== null) stages.push(block(['stage.labels {', `  values = { level = ${q(f.level)} }`, '}']));
  return stages;
}

/** The Alloy pipeline: file match, file source, and the loki.process stages. */
export function formatAlloy(config: AlloyConfig, options: AlloyOptions = {}, warn: (m: string) => void = () => {}): string {
  const name = label(options.name ?? 'python_app');
  const q = riverString;
  const location = locationOf(options, warn);
  const stages: string[] = [];
  if (config.firstline !== null) {
    // max_lines 0: no limit (the default, 128, would cut a long traceback in two: stages/multiline.go).
    stages.push(`  stage.multiline {\n    firstline     = ${q(config.firstline)}\n    max_wait_time = ${q(options.maxWait ?? '3s')}\n    max_lines     = 0\n  }`);
  }
  if (config.formats.length === 1) stages.push(...riverStages(config.formats[0]!, location, '  '));
  else {
    config.formats.forEach((f, i) => {
      stages.push(`  stage.match {\n    selector = ${q(formatSelector(config, i))}\n\n${riverStages(f, location, '    ').join('\n\n')}\n  }`);
    });
  }
  return [
    '// Grafana Alloy pipeline, generated by pylogrx. Define loki.write "default" (or change forward_to).',
    ...defaultsComment([defaultPath(options.path, '__path__')], '//'),
    `local.file_match ${q(name)} {`,
    `  path_targets = [{"__path__" = ${q(logFiles(options).glob)}}]`,
    '}',
    '',
    `loki.source.file ${q(name)} {`,
    `  targets    = local.file_match.${name}.targets`,
    `  forward_to = [loki.process.${name}.receiver]`,
    '}',
    '',
    `loki.process ${q(name)} {`,
    '  forward_to = [loki.write.default.receiver]',
    '',
    stages.join('\n\n'),
    '}',
    '',
  ].join('\n');
}

function promtailStages(f: AlloyFormat, location: string): Record<string, unknown>[] {
  return [
    f.stage === 'regex' ? { regex: { expression: f.expression } }
      : { [f.stage]: { [f.stage === 'json' ? 'expressions' : 'mapping']: Object.fromEntries(f.keys.map((k) => [k, ''])) } },
    ...(f.layout !== null ? [{ timestamp: { source: f.timeSource, format: f.layout, location } }] : []),
    ...(f.level !== null ? [{ labels: { level: f.level } }] : []),
  ];
}

/** The older Promtail scrape config with its pipeline_stages. */
export function promtailDocument(config: AlloyConfig, options: AlloyOptions = {}, warn: (m: string) => void = () => {}): Record<string, unknown> {
  const job = options.name ?? 'python-app';
  const location = locationOf(options, warn);
  const stages: Record<string, unknown>[] = [];
  if (config.firstline !== null) stages.push({ multiline: { firstline: config.firstline, max_wait_time: options.maxWait ?? '3s', max_lines: 0 } });
  if (config.formats.length === 1) stages.push(...promtailStages(config.formats[0]!, location));
  else config.formats.forEach((f, i) => stages.push({ match: { selector: formatSelector(config, i), stages: promtailStages(f, location) } }));
  return {
    scrape_configs: [{
      job_name: job,
      static_configs: [{ targets: ['localhost'], labels: { job, __path__: logFiles(options).glob } }],
      pipeline_stages: stages,
    }],
  };
}

export function formatPromtail(config: AlloyConfig, options: AlloyOptions = {}, warn: (m: string) => void = () => {}): string {
  const header = ['# Promtail scrape config, generated by pylogrx (Promtail is deprecated: prefer Alloy).', ...defaultsComment([defaultPath(options.path, '__path__')])];
  return `${header.join('\n')}\n${toYaml(promtailDocument(config, options, warn))}`;
}

export const ALLOY = {
  title: 'Alloy',
  description: 'print a Grafana Alloy pipeline (stage.multiline, stage.regex, stage.timestamp, stage.labels) for the format',
  flavor: 're2',
  provenBy: "test/alloy.test.ts: Go's regexp and time.Parse, as Loki's stages run them",
  time: GO_LAYOUT,
  several: 'a stage.match per format, whose LogQL line filter keeps the records the formats before it did not match',
  nameKey: 'name',
  options: [
    { key: 'promtail', flags: '--promtail', description: 'the older Promtail scrape config (pipeline_stages YAML) instead' },
    { key: 'name', flags: '--name <name>', description: 'the component label (Alloy) or job name (Promtail)', default: 'python_app' },
    { key: 'location', flags: '--location <zone>', description: "an IANA zone for times without an offset, e.g. Europe/Berlin (default: the host's, Local)", zone: 'iana' },
    { key: 'maxWait', flags: '--max-wait <duration>', description: 'how long a record waits for its next line (max_wait_time)', default: '3s' },
  ],
  examples: [
    "pylogrx alloy '%(asctime)s %(levelname)s %(name)s: %(message)s' --path '/var/log/app/*.log'",
    "pylogrx alloy '%(asctime)s %(levelname)s %(message)s' --promtail --name app",
  ],
  emit: (formats, options) => {
    const config = alloy(formats);
    const own: Warning[] = [];
    const warn = (message: string) => own.push({ message, column: 0, source: '', origin: 'alloy' });
    const text = options.promtail ? formatPromtail(config, options, warn) : formatAlloy(config, options, warn);
    return { files: [{ name: options.promtail ? 'promtail.yaml' : 'config.alloy', text }], warnings: [...config.warnings, ...own] };
  },
} as const satisfies Emitter<AlloyOptions>;
