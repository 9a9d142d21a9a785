/**
 * `pylogrx logtail`: the snippets parse back (with a real YAML parser) to exactly the regex that
 * `gen --flavor logtail` prints; keys, start pattern and time formats follow the agent's rules
 * (research/logtail.md). The agent's own engine runs them in logtail-engine.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildPattern, logtailConfig, type LogtailOptions } from '../src/core/index.js';
import { cli } from './support/cli.js';

const SEED = '%(asctime)s - %(filename)s:%(lineno)s - %(name)s - %(message)s';

interface Pipeline {
  inputs: { FilePaths: string[]; Multiline?: { StartPattern: string } }[];
  processors: { Type: string; Regex?: string; Keys?: string[]; SourceKey?: string; SourceFormat?: string; SourceTimezone?: string }[];
  flushers: { Type: string; Project: string; Logstore: string; Region: string; Endpoint: string }[];
  logSample?: string;
}
interface Classic {
  logSample?: string;
  inputDetail: { logBeginRegex: string; regex: string; key: string[]; timeFormat?: string; logTimezone?: string; logPath: string; filePattern: string };
  outputDetail: { logstoreName: string };
}

const pipeline = (fmt: string, ...args: string[]) => parse(cli(['logtail', fmt, ...args]).stdout) as Pipeline;
const classic = (fmt: string, ...args: string[]) => JSON.parse(cli(['logtail', fmt, '--kind', 'classic', ...args]).stdout) as Classic;
const gen = (fmt: string, ...args: string[]) => cli(['gen', fmt, '--flavor', 'logtail', ...args]).stdout.replace(/\n$/u, '');
const config = (fmt: string, options: LogtailOptions & { datefmt?: string } = {}) => {
  const pattern = buildPattern(fmt, { datefmt: options.datefmt ?? null });
  if (!pattern.ok) throw new Error(pattern.error.message);
  return logtailConfig(pattern.value, options);
};

describe('round trip: YAML and JSON parse back to the regex gen prints', () => {
  const FORMATS: [string, string[]][] = [
    [SEED, []],
    ['%(asctime)s.%(msecs)03d [%(levelname)s] %(message)s (%(filename)s:%(lineno)d)', ['--datefmt', '%H:%M:%S']],
    // Backslashes, quotes and YAML indicators in the format itself: the classic quoting bugs.
    [String.raw`%(asctime)s \\ '%(name)s' "%(levelname)s" # : - %(message)s`, []],
    ['{asctime} | {levelname:<8} | {name} | {message}', ['--style', '{']],
  ];
  for (const [fmt, args] of FORMATS) {
    it(fmt, () => {
      const regex = gen(fmt, ...args);
      expect(regex).toMatch(/\(/u);
      const p = pipeline(fmt, ...args);
      expect(p.processors[0]!.Regex).toBe(regex);
      expect((JSON.parse(cli(['logtail', fmt, '--json', ...args]).stdout) as Pipeline).processors[0]!.Regex).toBe(regex);
      expect(classic(fmt, ...args).inputDetail.regex).toBe(regex);
      expect(p.inputs[0]!.Multiline!.StartPattern).toMatch(/\.\*$/u);
    });
  }
});

describe('what the agent needs', () => {
  it('pipeline: keys after the fields, timestamp processor on asctime with %f, flusher_sls', () => {
    const p = pipeline(SEED, '--project', 'prod', '--logstore', 'app', '--region', 'cn-shanghai', '--path', '/srv/app/logs/', '--file-pattern', 'app*.log');
    expect(p.processors[0]).toMatchObject({ Type: 'processor_parse_regex_native', SourceKey: 'content', Keys: ['asctime', 'filename', 'lineno', 'name', 'message'], KeepingSourceWhenParseFail: true });
    expect(p.processors[1]).toEqual({ Type: 'processor_parse_timestamp_native', SourceKey: 'asctime', SourceFormat: '%Y-%m-%d %H:%M:%S,%f' });
    expect(p.flushers[0]).toEqual({ Type: 'flusher_sls', Project: 'prod', Logstore: 'app', Region: 'cn-shanghai', Endpoint: 'cn-shanghai.log.aliyuncs.com' });
    expect(p.inputs[0]!.FilePaths).toEqual(['/srv/app/logs/app*.log']);
  });

  it('classic: the asctime key is named time, and timeFormat is seconds only unless --fraction', () => {
    const c = classic(SEED, '--logstore', 'app');
    expect(c.inputDetail.key).toEqual(['time', 'filename', 'lineno', 'name', 'message']);
    expect(c.inputDetail.timeFormat).toBe('%Y-%m-%d %H:%M:%S');
    expect(c.outputDetail.logstoreName).toBe('app');
    expect(classic(SEED, '--fraction').inputDetail.timeFormat).toBe('%Y-%m-%d %H:%M:%S,%f');
    expect(cli(['logtail', SEED, '--kind', 'classic']).stderr).toContain('seconds only');
  });

  it('the traceback goes into the last key, or exc_text when the message is not last', () => {
    expect(config(SEED).regex).toMatch(/ - \(\.\*\)$/u);
    const middle = config('%(asctime)s %(message)s [%(lineno)d]');
    expect(middle.keys.at(-1)).toBe('exc_text');
    expect(middle.regex).toMatch(/\(\?:\\n\(\.\*\)\)\?$/u);
  });

  it('asctime followed by .%(msecs)03d: one time key around both, read with %f', () => {
    const c = config('%(asctime)s.%(msecs)03d %(levelname)s %(message)s', { datefmt: '%d/%m/%Y %H:%M:%S' });
    expect(c.keys).toEqual(['time', 'asctime', 'msecs', 'levelname', 'message']);
    expect(c.time).toEqual({ key: 'time', format: '%d/%m/%Y %H:%M:%S.%f' });
    const m = new RegExp(`^(?:${c.regex})$`, 's').exec('24/11/2026 10:00:01.042 INFO hi');
    expect(m?.slice(1, 4)).toEqual(['24/11/2026 10:00:01.042', '24/11/2026 10:00:01', '042']);
  });

  it.each([
    ['%Y-%m-%dT%H:%M:%S%z', '%Y-%m-%dT%H:%M:%S%z', 0],
    ['%c', '%a %b %e %H:%M:%S %Y', 0],
    ['%x %X', '%m/%d/%y %H:%M:%S', 0],
    ['%-d/%-m/%Y %k:%M', '%d/%m/%Y %k:%M', 0],
    ['%Y-%m-%d %H:%M:%S %Z', '%Y-%m-%d %H:%M:%S %Z', 1],
    ['week %U of %Y', 'week %U of %Y', 1],
  ])('datefmt %s becomes %s', (datefmt, format, warnings) => {
    const c = config('%(asctime)s %(message)s', { datefmt });
    expect(c.time?.format).toBe(format);
    expect(c.warnings).toHaveLength(warnings);
  });

  it('--path takes a glob, like the other collectors', () => {
    expect(pipeline(SEED, '--path', '/srv/*.log').inputs[0]!.FilePaths).toEqual(['/srv/*.log']);
    expect(classic(SEED, '--path', '/srv/app-*.log').inputDetail).toMatchObject({ logPath: '/srv', filePattern: 'app-*.log' });
    expect(classic(SEED, '--path', '/srv/logs').inputDetail).toMatchObject({ logPath: '/srv/logs', filePattern: '*.log' });
  });

  it('--timezone becomes SourceTimezone (pipeline) and logTimezone (classic)', () => {
    expect(pipeline(SEED, '--timezone', 'GMT+08:00').processors[1]!.SourceTimezone).toBe('GMT+08:00');
    expect(classic(SEED, '--timezone', 'GMT+08:00').inputDetail.logTimezone).toBe('GMT+08:00');
  });

  it('a format that begins with the message starts a record at any line but traceback text, and says so', () => {
    const run = cli(['logtail', '%(message)s [%(levelname)s]']);
    const start = (parse(run.stdout) as Pipeline).inputs[0]!.Multiline!.StartPattern;
    expect(start).toMatch(/^\(\?!Traceback .*\.\*$/u);
    expect(run.stderr).toContain('begins with the message');
    expect(classic('%(message)s [%(levelname)s]').inputDetail.logBeginRegex).toBe(start);
  });

  it('--sample - takes the first record of stdin, traceback included', () => {
    const input = '2024-01-01 00:00:00,000 - a.py:1 - app - boom\nTraceback (most recent call last):\nValueError: x\n2024-01-01 00:00:01,000 - a.py:2 - app - next\n';
    expect(classic(SEED, '--sample', '-').logSample).toBeUndefined();
    const run = cli(['logtail', SEED, '--kind', 'classic', '--sample', '-'], { input });
    expect((JSON.parse(run.stdout) as Classic).logSample).toBe('2024-01-01 00:00:00,000 - a.py:1 - app - boom\nTraceback (most recent call last):\nValueError: x');
    expect(pipeline(SEED, '--json', '--sample', 'one line').logSample).toBe('one line');
  });

  it('holds level names to the known ones when nothing before the message is typed, and says so', () => {
    const run = cli(['logtail', '%(levelname)s:%(name)s:%(message)s']);
    expect(run.stderr).toContain("a record starts only at a line with a level name the catalogue knows (CRITICAL, FATAL, ERROR, WARNING, WARN, INFO, DEBUG, NOTSET, TRACE, SPAM, VERBOSE, NOTICE, SUCCESS, Level N)");
    const start = new RegExp(`^(?:${(parse(run.stdout) as Pipeline).inputs[0]!.Multiline!.StartPattern})$`, 'u');
    expect(start.test('ERROR:root:boom')).toBe(true);
    expect(start.test('ValueError: boom: kaputt')).toBe(false);
    expect(cli(['logtail', SEED]).stderr).toBe('');
  });

  it('exits 2 on a malformed format or an unknown kind', () => {
    expect(cli(['logtail', '%(asctime']).status).toBe(2);
    expect(cli(['logtail', SEED, '--kind', 'modern']).status).toBe(2);
  });
});
