/**
 * Fluent Bit config fragments, rendered from the pattern in the `onigmo` flavor (Fluent Bit compiles
 * every regex with Onigmo, Ruby syntax, and runs it with onig_search: flb_regex.c):
 * - a `[MULTILINE_PARSER]` whose `start_state` rule is the record head and whose `cont` rule takes every
 *   line that does not start a record (flb_ml_rule.c: a line that fails `cont` but matches `start_state`
 *   flushes the record and starts the next; the lines are joined with `\n`);
 * - a `[PARSER]` whose regex matches the whole joined record (`\A`...`\z`, the message spanning lines);
 * - the `tail` input and `parser` filter that wire them.
 *
 * Quoting (classic .conf): a value runs raw to the end of its line, so the parser's regex is written as
 * is. A multi-line rule's fields are double-quoted tokens (flb_slist.c token_retrieve): a token ends at
 * the first `"` not preceded by `\`, and `\"` then becomes `"`; nothing else is unescaped. Writing every
 * `"` of the regex as `\"` is therefore exact, and the closing `/"` always ends the token.
 */
import { toYaml } from '../yaml.js';
import { startPattern } from './shared.js';
import type { Pattern } from '../pattern.js';
import { render } from '../render.js';
import type { Warning } from '../result.js';
import { datefmtTokens, STRFTIME } from '../strftime.js';
import { spacePadded, timeField } from './datefmt.js';

export interface FluentBitOptions {
  /** YAML (Fluent Bit 3.x `parsers:` / `multiline_parsers:` / `pipeline:`) rather than classic .conf. */
  readonly yaml?: boolean;
  /** The parser's name; the multi-line parser is `<name>_multiline`. */
  readonly name?: string;
  /** The tail input's path glob. */
  readonly path?: string;
  readonly tag?: string;
  /** Milliseconds the multi-line parser waits for a record's next line. */
  readonly flushTimeout?: number;
}

export interface FluentBitConfig {
  /** The config fragment, as printed. */
  readonly text: string;
  readonly warnings: readonly Warning[];
  /** The [PARSER] regex: the whole record, Onigmo syntax (`render(pattern, 'onigmo', { mode: 'record' })`, plus the time group). */
  readonly regex: string;
  /** Time_Format, or null without asctime. */
  readonly timeFormat: string | null;
  /** Time_Key, or null without asctime. */
  readonly timeKey: string | null;
  /** The `start_state` rule's regex (without its slashes); null when the format begins with the message. */
  readonly startState: string | null;
  /** The `cont` rule's regex: any line that does not start a record. */
  readonly cont: string | null;
}

/**
 * Each strftime directive as Fluent Bit's strptime (flb_strptime.c, OpenBSD's) reads it. A space-padded
 * number (`%e %k %l`, the `_` flag) gets a space before it: whitespace in the format skips any run of
 * spaces, and the number itself reads one or two digits.
 */
const STRPTIME: Readonly<Record<string, string | { readonly as: string; readonly warn?: string }>> = {
  Y: '%Y', y: '%y', C: '%C', m: '%m', d: '%d', e: '%e', j: '%j', H: '%H', k: '%H', I: '%I', l: '%I', M: '%M', S: '%S',
  a: '%a', A: '%A', b: '%b', h: '%b', B: '%B', z: '%z', n: '%n', t: '%t', '%': '%%',
  // Names and AM/PM are compared without case.
  p: '%p', P: '%p',
  s: { as: '%s', warn: 'Fluent Bit reads %s as a non-negative number only: a time before 1970 fails to parse' },
  Z: { as: '%Z', warn: "Fluent Bit reads only GMT, UTC or its own zone's names for %Z: a record in another zone fails to parse and keeps the time it was read at" },
};
const NO_DATE = 'carries no date Fluent Bit can use (%G %g %V %U %W %u %w): it is read and ignored';

/** Python's default asctime, `2016-02-19 11:03:13,410`. */
const DEFAULT_TIME_FORMAT = '%Y-%m-%d %H:%M:%S,%L';

export function fluentBitConfig(pattern: Pattern, options: FluentBitOptions = {}): FluentBitConfig {
  const warnings: Warning[] = [];
  const warn = (message: string) => warnings.push({ message, column: 0, source: '', origin: 'fluentbit' });
  const name = options.name ?? 'python_app';
  const time = timeField(pattern, 'onigmo');
  const timeFormat = time === null ? null
    : time.datefmt === null ? DEFAULT_TIME_FORMAT
    : strptimeFormat(time.datefmt, warn) + (time.millis === null ? '' : `${time.millis}%L`);
  const regex = render(pattern, 'onigmo', { mode: 'record', ...(time?.wrap ? { wrap: time.wrap } : {}) });

  const headRx = startPattern(pattern, 'onigmo', 'Fluent Bit', warn);
  const startState = headRx === null ? null : `${headRx}.*`;
  const cont = headRx === null ? null : `^(?!${headRx.slice(1)})`;

  const config = { name, multiline: `${name}_multiline`, path: options.path ?? '/var/log/app/*.log', tag: options.tag ?? 'python.app', flush: options.flushTimeout ?? 1000 };
  const parts = { regex, timeFormat, timeKey: time?.key ?? null, startState, cont };
  const text = options.yaml ? yamlText(pattern, config, parts) : confText(pattern, config, parts);
  return { text, warnings, ...parts };
}

interface Settings { readonly name: string; readonly multiline: string; readonly path: string; readonly tag: string; readonly flush: number }
type Parts = Omit<FluentBitConfig, 'text' | 'warnings'>;

/** A multi-line rule field: a double-quoted token in which only `\"` is an escape. */
const ruleToken = (value: string) => `"${value.replace(/"/gu, '\\"')}"`;

function confText(pattern: Pattern, s: Settings, p: Parts): string {
  const line = (key: string, value: string | number) => `    ${key.padEnd(16)} ${value}`;
  const out = [
    `# Fluent Bit (classic config), generated by pylogrx for ${JSON.stringify(pattern.format)}.`,
    `# The [PARSER] and [MULTILINE_PARSER] sections go in a parsers file, loaded with parsers_file in [SERVICE].`,
    '[PARSER]',
    line('Name', s.name),
    line('Format', 'regex'),
    line('Regex', p.regex),
    ...(p.timeKey !== null ? [line('Time_Key', p.timeKey), line('Time_Format', p.timeFormat!), line('Time_Keep', 'On')] : []),
  ];
  if (p.startState !== null) {
    out.push(
      '',
      '[MULTILINE_PARSER]',
      line('Name', s.multiline),
      line('Type', 'regex'),
      line('Flush_Timeout', s.flush),
      `    # A record starts at a line that matches the format's head; every other line continues it.`,
      `    rule ${ruleToken('start_state')} ${ruleToken(`/${p.startState}/`)} ${ruleToken('cont')}`,
      `    rule ${ruleToken('cont')} ${ruleToken(`/${p.cont}/`)} ${ruleToken('cont')}`,
    );
  }
  out.push(
    '',
    '# The pipeline (fluent-bit.conf).',
    '[INPUT]',
    line('Name', 'tail'),
    line('Path', s.path),
    line('Tag', s.tag),
    ...(p.startState !== null ? [line('multiline.parser', s.multiline)] : []),
    '',
    '[FILTER]',
    line('Name', 'parser'),
    line('Match', s.tag),
    line('Key_Name', 'log'),
    line('Parser', s.name),
    line('Reserve_Data', 'On'),
    '',
    '[OUTPUT]',
    line('Name', 'stdout'),
    line('Match', s.tag),
  );
  return `${out.join('\n')}\n`;
}

function yamlText(pattern: Pattern, s: Settings, p: Parts): string {
  const document = {
    parsers: [{
      name: s.name, format: 'regex', regex: p.regex,
      ...(p.timeKey !== null ? { time_key: p.timeKey, time_format: p.timeFormat, time_keep: 'on' } : {}),
    }],
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
      inputs: [{ name: 'tail', path: s.path, tag: s.tag, ...(p.startState !== null ? { 'multiline.parser': s.multiline } : {}) }],
      filters: [{ name: 'parser', match: s.tag, key_name: 'log', parser: s.name, reserve_data: 'on' }],
      outputs: [{ name: 'stdout', match: s.tag }],
    },
  };
  const header = `# Fluent Bit (YAML, 3.x), generated by pylogrx for ${JSON.stringify(pattern.format)}.`;
  return `${header}\n${toYaml(document)}`;
}

/** A Python datefmt as Fluent Bit's Time_Format; what it cannot read becomes a warning. */
export function strptimeFormat(datefmt: string, warn: (message: string) => void): string {
  return datefmtTokens(datefmt).map((t) => {
    if (t.kind === 'text') return t.text.replace(/%/gu, '%%');
    const rule = STRPTIME[t.letter];
    if (rule === undefined) {
      warn(`datefmt ${t.raw} ${NO_DATE}`);
      return `%${t.letter}`;
    }
    if (typeof rule !== 'string' && rule.warn) warn(`datefmt ${t.raw}: ${rule.warn}`);
    const width = STRFTIME[t.letter]!.number?.width;
    if (t.width !== null && width !== undefined && t.width > width && !t.flags.includes('-') && !spacePadded(t)) warn(`datefmt ${t.raw}: Fluent Bit cannot read a number padded to width ${t.width}: records fail to parse their time`);
    return (spacePadded(t) ? ' ' : '') + (typeof rule === 'string' ? rule : rule.as);
  }).join('');
}
