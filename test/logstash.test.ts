/**
 * `logstashConfig`: the pipeline it prints, its strings read back with Logstash's own string rules (with
 * config.support_escapes off, the default, and on), then run in Onigmo (Ruby, test/engines/onigmo.rb; grok
 * and the multiline codec run Joni, Onigmo's Java port): the codec's pattern cuts CPython's output into
 * events, the grok match (expanded from pattern_definitions in Ruby, as grok does) must match each one and
 * every field must hold the text Python wrote. The Joda table is unit-tested. No ruby skips;
 * PYLOGRX_REQUIRE_ENGINES=1 makes it a failure.
 */
import { describe, expect, it } from 'vitest';
import { buildPattern, render, type Pattern } from '../src/core/index.js';
import { jodaPatterns, jodaText, logstashConfig, regexString } from '../src/core/collectors/logstash.js';
import { describeHarness } from './support/harness.js';
import { collectorChecks, severalFormatsChecks, type ConfigRead } from './support/collector-checks.js';
import { collectorProgram, runCollector } from './support/collector-cli.js';
import { logstashString, onigmoRecords, rubyProbe } from './support/onigmo.js';

const SEED = '%(asctime)s - %(filename)s:%(lineno)s - %(name)s - %(message)s';

function pattern(fmt: string, options: { style?: import('../src/core/tokenize.js').Style; datefmt?: string | null; formatTime?: import('../src/core/index.js').FormatTime | undefined } = {}): Pattern {
  const p = buildPattern(fmt, { style: options.style ?? '%', datefmt: options.datefmt ?? null, formatTime: options.formatTime });
  if (!p.ok) throw new Error(p.error.message);
  return p.value;
}

interface Read { start: string | null; definitions: Map<string, string>; match: string; date: string[] | null }

/** The pipeline's strings as Logstash reads them. */
function readPipeline(text: string, escapes: boolean): Read {
  const after = (marker: string, from = 0) => {
    const at = text.indexOf(marker, from);
    return at < 0 ? null : logstashString(text, at + marker.length, escapes);
  };
  const definitions = new Map<string, string>();
  const block = text.indexOf('pattern_definitions => {');
  for (const m of text.slice(block).matchAll(/^ {6}(")/gmu)) {
    const name = logstashString(text, block + m.index + 6, escapes);
    const value = logstashString(text, name.end + ' => '.length, escapes);
    definitions.set(name.value, value.value);
  }
  const dateAt = text.indexOf('  date {');
  let date: string[] | null = null;
  if (dateAt >= 0) {
    date = [];
    let p = text.indexOf('match => [', dateAt) + 'match => ['.length;
    while (text[p] === '"') {
      const s = logstashString(text, p, escapes);
      date.push(s.value);
      p = s.end + (text.startsWith(', ', s.end) ? 2 : 0);
    }
  }
  return { start: after('pattern => ')?.value ?? null, definitions, match: after('"message" => ')!.value, date };
}

describe('the pipeline reads back to what logstashConfig computed', () => {
  const FORMATS: [string, { style?: '%' | '{'; datefmt?: string }][] = [
    [SEED, {}],
    // Quotes, backslashes (before a quote, too), %{ and \0 in the format: the classic quoting bugs.
    [String.raw`%(asctime)s \\"%(name)s" '%(levelname)s' %%{x} \0 %(message)s`, {}],
    ['%(asctime)s.%(msecs)03d [%(levelname)s] %(message)s (%(filename)s:%(lineno)d) %(levelname)s', { datefmt: '%H:%M:%S' }],
    ['{asctime} | {levelname:<8} | {name} | {message}', { style: '{' }],
  ];
  for (const [fmt, o] of FORMATS) {
    it(fmt, () => {
      const c = logstashConfig(pattern(fmt, o));
      // What each regex reads as, with escapes off: itself, but for a `"` now `\"` and `\\` now `\x5c`
      // (Onigmo reads both alike; the runs in Ruby below prove it).
      const as = (regex: string) => logstashString(regexString(regex), 0, false).value;
      expect(readPipeline(c.text, false)).toEqual({
        start: c.start === null ? null : as(c.start),
        definitions: new Map([...c.definitions].map(([k, v]) => [k, as(v)])),
        match: as(c.match),
        date: c.date ? [c.date.field, ...c.date.patterns] : null,
      });
      if (!/["\\]/u.test(fmt)) expect(as(c.match)).toBe(c.match);
    });
  }

  it('the expanded grok match is the onigmo flavor of the whole record', () => {
    const p = pattern(SEED);
    const c = logstashConfig(p);
    expect(c.regex).toBe(render(p, 'onigmo', { mode: 'record' }));
    expect(c.match).toBe(String.raw`\A%{PYLOG_ASCTIME:asctime} - %{PYLOG_FILENAME:filename}:%{PYLOG_LINENO:lineno} - %{PYLOG_NAME:name} - %{PYLOG_MESSAGE:message}\z`);
    expect(c.definitions.get('PYLOG_MESSAGE')).toBe(String.raw`[\s\S]*`);
    expect(c.start).toBe(render(p, 'onigmo', { prefix: 8 }));
    expect(c.text).toContain('overwrite => ["message"]');
    expect(c.text).toContain('negate => true');
    expect(c.text).toContain('what => "previous"');
    expect(c.date).toEqual({ field: 'asctime', patterns: ['yyyy-MM-dd HH:mm:ss,SSS'] });
  });

  it('a repeated field keeps its own group for the backreference', () => {
    const c = logstashConfig(pattern('%(levelname)s %(message)s %(levelname)s'));
    expect(c.match).toBe(String.raw`\A(?<levelname>%{PYLOG_LEVELNAME}) %{PYLOG_MESSAGE:message} \k<levelname>(?:\n(?<exc_text>[\s\S]*))?\z`);
  });

  it('regexString: \\\\ as \\x5c, " as \\", \\\' as \', \\0 as \\x00; the rest as is', () => {
    expect(regexString(String.raw`a\\b"c\"d\'e\0f\012g\d\n`)).toBe(String.raw`"a\x5cb\"c\"d'e\x00f\x0ag\d\n"`);
    for (const escapes of [false, true]) expect(logstashString(regexString('"'), 0, escapes).value).toBe(escapes ? '"' : '\\"');
  });
});

describe('the date filter: the Joda table', () => {
  const cases: [string, string[], string[]][] = [
    ['%Y-%m-%d %H:%M:%S', ['yyyy-MM-dd HH:mm:ss'], []],
    ['%d/%b/%Y:%H:%M:%S %z', ['dd/MMM/yyyy:HH:mm:ss Z'], []],
    ['%Y-%m-%dT%H:%M:%S', ["yyyy-MM-dd'T'HH:mm:ss"], []],
    ['%c', ['EEE MMM  d HH:mm:ss yyyy', 'EEE MMM dd HH:mm:ss yyyy'], []],
    ['%x %X', ['MM/dd/yy HH:mm:ss'], []],
    ['%a, %d %B %Y %I:%M:%S %p', ['EEE, dd MMMM yyyy hh:mm:ss a'], []],
    ['%Y-%j %k:%M', ['yyyy-DDD  H:mm', 'yyyy-DDD HH:mm'], []],
    ['%-d.%-m.%Y', ['dd.MM.yyyy'], []],
    ['%s', ['UNIX'], []],
    ["%Y at %H o'clock", ["yyyy' at 'HH' o''clock'"], []],
    ['%Y-%m-%d %H:%M:%S %Z', ['yyyy-MM-dd HH:mm:ss ZZZ'], ['zone IDs']],
    ['%Y week %U', ["yyyy' week '"], ['no Joda equivalent']],
    ['%s.%Y', ['.yyyy'], ['UNIX']],
  ];
  it.each(cases)('%s', (datefmt, want, warned) => {
    const warnings: string[] = [];
    expect(jodaPatterns({ datefmt, millis: null }, (m) => warnings.push(m))).toEqual(want);
    expect(warnings).toHaveLength(warned.length);
    warned.forEach((w, i) => expect(warnings[i]).toContain(w));
  });

  it('literal text: letters quoted as one run, quotes doubled', () => {
    expect(jodaText(' - ')).toBe(' - ');
    expect(jodaText("'")).toBe("''");
    expect(jodaText("o'clock")).toBe("'o''clock'");
  });

  it('Python\'s default asctime, and asctime.msecs', () => {
    expect(logstashConfig(pattern(SEED)).date).toEqual({ field: 'asctime', patterns: ['yyyy-MM-dd HH:mm:ss,SSS'] });
    expect(logstashConfig(pattern('%(asctime)s.%(msecs)03d %(message)s', { datefmt: '%e/%m %H:%M:%S' })).date)
      .toEqual({ field: 'time', patterns: [' d/MM HH:mm:ss.SSS', 'dd/MM HH:mm:ss.SSS'] });
  });
});

describeHarness('in Onigmo (Ruby), as Logstash runs it', rubyProbe, () => {
  // The events the multiline codec cuts, each matched by grok with the pattern definitions (onigmo.rb).
  const cut = (r: ConfigRead, log: string) => onigmoRecords({ collector: 'logstash', start: r.start, record: r.regex, definitions: r.definitions, log });

  for (const escapes of [false, true]) {
    collectorChecks(`logstash (config.support_escapes ${escapes ? 'on' : 'off'})`, {
      flavor: 'onigmo',
      regexes: (fmt, style, datefmt, formatTime) => {
        const read = readPipeline(logstashConfig(pattern(fmt, { style, datefmt, formatTime })).text, escapes);
        return { start: read.start, regex: read.match, definitions: read.definitions };
      },
      cut,
    });

    it(`quotes, backslashes, %{ and \\0 in the format (config.support_escapes ${escapes ? 'on' : 'off'})`, () => {
      const fmt = String.raw`%(asctime)s \\"%(name)s" '%(levelname)s' %%{x} \0 %(message)s`;
      const read = readPipeline(logstashConfig(pattern(fmt)).text, escapes);
      const line = String.raw`2024-05-09 08:35:25,123 \\"app" 'INFO' %{x} \0 hello "there"`;
      const [event] = onigmoRecords({ collector: 'logstash', start: read.start, record: read.match, definitions: read.definitions, log: `${line}\n` });
      expect(event!.groups).toMatchObject({ asctime: '2024-05-09 08:35:25,123', name: 'app', levelname: 'INFO', message: 'hello "there"' });
    });
  }

  // grok tries the patterns of its match array in turn (break_on_match); the multiline codec cuts the log.
  severalFormatsChecks('logstash', 'logstash', (patterns) => {
    const config = logstashConfig(patterns);
    return config.formats.map((f) => ({ start: config.start, regex: f.regex }));
  }, cut);
});

describe('the logstash command (registerLogstash on a command with the shared format options)', () => {
  it('prints the pipeline, with its options', async () => {
    const program = await collectorProgram('logstash');
    const text = await runCollector(program, ['logstash', SEED, '--path', '/srv/app/*.log', '--timezone', 'Europe/Paris']);
    expect(text).toContain('path => "/srv/app/*.log"');
    expect(text).toContain('timezone => "Europe/Paris"');
    expect(readPipeline(text, false).match).toBe(logstashConfig(pattern(SEED)).match);
  });
});
