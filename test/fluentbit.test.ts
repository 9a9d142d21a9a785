/**
 * `fluentBitConfig`: the [PARSER], [MULTILINE_PARSER], input and filter it prints, read back the way
 * Fluent Bit reads them (a .conf value runs to the end of its line; a rule's fields are quoted tokens;
 * YAML through a YAML parser), then run in Onigmo (Ruby, test/engines/onigmo.rb) the way Fluent Bit runs
 * them: the multi-line rules cut CPython's own output into records, the parser regex must match each
 * record and every field must hold the text Python wrote. The Time_Format is checked with Ruby's
 * strptime on timestamps CPython formats. No ruby skips; PYLOGRX_REQUIRE_ENGINES=1 makes it a failure.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildPattern, groupNames, render, type FieldPart, type Pattern } from '../src/core/index.js';
import { fluentBitConfig, STRPTIME, type FluentBitOptions } from '../src/core/collectors/fluentbit.js';
import { timeLayout } from '../src/core/collectors/datefmt.js';
import { describeHarness } from './support/harness.js';
import { collectorChecks, severalFormatsChecks, type ConfigRead } from './support/collector-checks.js';
import { collectorProgram, runCollector } from './support/collector-cli.js';
import { loadCorpus } from './support/corpus.js';
import { ambiguity } from './support/differential.js';
import { fluentBitTokens, onigmoRecords, onigmoRun, onigmoRunBatch, rubyProbe, rubyStrptime } from './support/onigmo.js';

const SEED = '%(asctime)s - %(filename)s:%(lineno)s - %(name)s - %(message)s';

function pattern(fmt: string, options: { style?: import('../src/core/tokenize.js').Style; datefmt?: string | null; formatTime?: import('../src/core/index.js').FormatTime | undefined } = {}): Pattern {
  const p = buildPattern(fmt, { style: options.style ?? '%', datefmt: options.datefmt ?? null, formatTime: options.formatTime });
  if (!p.ok) throw new Error(p.error.message);
  return p.value;
}

interface Read { regex: string; timeKey?: string; timeFormat?: string; start: string | null; cont: string | null }

/** The classic config as Fluent Bit reads it: `Key value` lines, rules as quoted tokens, slashes stripped. */
function readConf(text: string): Read {
  const value = (key: string) => new RegExp(`^ {4}${key} +(.*)$`, 'mu').exec(text)?.[1];
  const rules = [...text.matchAll(/^ {4}rule (.*)$/gmu)].map((m) => fluentBitTokens(m[1]!));
  const slashless = (r: string) => (r.startsWith('/') && r.endsWith('/') ? r.slice(1, -1) : r);
  const rule = (state: string) => rules.find((r) => r[0] === state);
  for (const r of rules) expect(r).toHaveLength(3);
  return {
    regex: value('Regex')!,
    ...(value('Time_Key') !== undefined ? { timeKey: value('Time_Key')!, timeFormat: value('Time_Format')! } : {}),
    start: rule('start_state') ? slashless(rule('start_state')![1]!) : null,
    cont: rule('cont') ? slashless(rule('cont')![1]!) : null,
  };
}

interface YamlDoc {
  parsers: { regex: string; time_key?: string; time_format?: string }[];
  multiline_parsers?: { rules: { state: string; regex: string; next_state: string }[] }[];
}
function readYaml(text: string): Read {
  const doc = parse(text) as YamlDoc;
  const rules = doc.multiline_parsers?.[0]?.rules ?? [];
  const rule = (state: string) => rules.find((r) => r.state === state)?.regex.slice(1, -1) ?? null;
  const p = doc.parsers[0]!;
  return { regex: p.regex, ...(p.time_key !== undefined ? { timeKey: p.time_key, timeFormat: p.time_format! } : {}), start: rule('start_state'), cont: rule('cont') };
}

describe('the config reads back to what fluentBitConfig computed', () => {
  const FORMATS: [string, { style?: '%' | '{'; datefmt?: string }][] = [
    [SEED, {}],
    // Quotes, backslashes, '#' and '/' in the format: the .conf value and the rule tokens must carry them.
    [String.raw`%(asctime)s "%(name)s" \ # /%(levelname)s/ %(message)s`, {}],
    ['%(asctime)s.%(msecs)03d [%(levelname)s] %(message)s (%(filename)s:%(lineno)d)', { datefmt: '%H:%M:%S' }],
    ['{asctime} | {levelname:<8} | {name} | {message}', { style: '{' }],
    ['%(message)s', {}],
  ];
  for (const [fmt, o] of FORMATS) {
    it(fmt, () => {
      const p = pattern(fmt, o);
      const c = fluentBitConfig(p);
      const conf = readConf(c.text);
      const [parser] = c.parsers;
      const want: Read = {
        regex: parser!.regex!,
        ...(parser!.time !== null ? { timeKey: parser!.time.key, timeFormat: parser!.time.format } : {}),
        start: c.startState,
        cont: c.cont,
      };
      expect(conf).toEqual(want);
      expect(readYaml(fluentBitConfig(p, { yaml: true }).text)).toEqual(want);
    });
  }

  it('the parser regex is the onigmo flavor of the whole record', () => {
    const p = pattern(SEED);
    const c = fluentBitConfig(p);
    // Fluent Bit ends a multi-line record in "\n" (flb_ml.c breakline_prepare): the message leaves it out.
    expect(c.parsers[0]!.regex).toBe(render(p, 'onigmo', { mode: 'record', lineEnd: 'maybe' }));
    expect(c.parsers[0]!.regex).toMatch(/^\\A\(\?<asctime>.*\(\?<message>\[\\s\\S\]\*\?\)\\n\?\\z$/u);
    expect(c.startState).toBe(`${render(p, 'onigmo', { prefix: 4 * 2 })}.*`);
    expect(c.cont).toBe(`^(?!${render(p, 'onigmo', { prefix: 8 }).slice(1)})`);
  });

  it('wires the tail input, the multi-line parser and the parser filter', () => {
    const options: FluentBitOptions = { name: 'app', path: '/srv/*.log', tag: 'app.py', flushTimeout: 2000 };
    const text = fluentBitConfig(pattern(SEED), options).text;
    for (const line of ['[PARSER]', 'Name                 app', 'Format               regex', 'Time_Key             asctime', 'Time_Format          %Y-%m-%d %H:%M:%S,%L', 'Time_Keep            On',
      '[MULTILINE_PARSER]', 'Name                 app_multiline', 'Type                 regex', 'Flush_Timeout        2000',
      '[INPUT]', 'Name                 tail', 'Path                 /srv/*.log', 'Tag                  app.py', 'multiline.parser     app_multiline',
      '[FILTER]', 'Name                 parser', 'Match                app.py', 'Key_Name             log', 'Parser               app', 'Reserve_Data         On',
      'Skip_Empty_Values    Off', 'Time_System_Timezone On', '[SERVICE]', 'Parsers_File         parsers.conf', 'Read_from_Head       On', 'DB                   /var/lib/fluent-bit/app.db']) {
      expect(text).toContain(line);
    }
    const yaml = parse(fluentBitConfig(pattern(SEED), { ...options, yaml: true }).text) as { pipeline: { inputs: Record<string, unknown>[]; filters: Record<string, unknown>[] } };
    expect(yaml.pipeline.inputs[0]).toMatchObject({ name: 'tail', path: '/srv/*.log', 'multiline.parser': 'app_multiline', read_from_head: true, db: '/var/lib/fluent-bit/app.db' });
    expect(yaml.pipeline.filters[0]).toMatchObject({ name: 'parser', key_name: 'log', parser: 'app' });
  });

  it('a format that begins with the message starts a record at any line but traceback text, and says so', () => {
    const c = fluentBitConfig(pattern('%(message)s [%(levelname)s]'));
    const start = new RegExp(c.startState!, 'u');
    for (const line of ['plain [INFO]', '   leading spaces [INFO]', 'Server: up [INFO]']) expect(start.test(line), line).toBe(true);
    for (const line of ['Traceback (most recent call last):', '  File "a.py", line 1, in <module>', '    f()', 'ValueError: x', 'During handling of the above exception, another exception occurred:', '  | KeyError: 1', '  [Previous line repeated 996 more times]', '']) {
      expect(start.test(line), line).toBe(false);
    }
    expect(c.warnings.map((w) => w.message).join('\n')).toContain('begins with the message');
  });

  it('asctime.msecs: one time group around both, read with %L', () => {
    const c = fluentBitConfig(pattern('%(asctime)s,%(msecs)03d %(message)s', { datefmt: '%d/%m/%Y %H:%M:%S' }));
    expect(c.parsers[0]!.time).toMatchObject({ key: 'time', format: '%d/%m/%Y %H:%M:%S,%L' });
    expect(c.parsers[0]!.regex).toMatch(/^\\A\(\?<time>\(\?<asctime>/u);
  });
});

describe('Time_Format: the strptime table', () => {
  const cases: [string, string, string[]][] = [
    ['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M:%S', []],
    ['%c', '%a %b  %e %H:%M:%S %Y', []],
    ['%x %X', '%m/%d/%y %H:%M:%S', []],
    ['%Y%m%d %k:%M', '%Y%m%d  %H:%M', []],
    ['%-d/%-m/%Y %_H', '%d/%m/%Y  %H', []],
    ['%l:%M %P', ' %I:%M %p', []],
    ['%Y 100%% %f', '%Y 100%% %%f', []],
    ['%Y-%m-%d %Z', '%Y-%m-%d %Z', ['GMT, UTC']],
    ['%G-W%V-%u', '%G-W%V-%u', ['no date', 'no date', 'no date']],
  ];
  it.each(cases)('%s → %s', (datefmt, want, warned) => {
    const warnings: string[] = [];
    expect(timeLayout({ datefmt, millis: null }, STRPTIME, (m) => warnings.push(m))).toBe(want);
    expect(warnings).toHaveLength(warned.length);
    warned.forEach((w, i) => expect(warnings[i]).toContain(w));
  });
});

describeHarness('in Onigmo (Ruby), as Fluent Bit runs it', rubyProbe, () => {
  const corpus = loadCorpus();

  // The records the rules cut, each searched with the parser's regex, as Fluent Bit does (onigmo.rb).
  const cut = (r: ConfigRead, log: string) => onigmoRecords({ collector: 'fluentbit', start: r.start, cont: r.cont ?? null, record: r.regex, log });
  for (const [label, read] of [['.conf', (p: Pattern) => readConf(fluentBitConfig(p).text)], ['YAML', (p: Pattern) => readYaml(fluentBitConfig(p, { yaml: true }).text)]] as const) {
    collectorChecks(`fluentbit (${label})`, {
      flavor: 'onigmo',
      regexes: (fmt, style, datefmt, formatTime) => {
        const r = read(pattern(fmt, { style, datefmt, formatTime }));
        return { ...r, time: r.timeKey === undefined ? null : { key: r.timeKey, layout: r.timeFormat! } };
      },
      cut,
      recordsEndInNewline: 'once',
      parseTimes: (layout, texts) => rubyStrptime(texts.map((t) => [layout, t])).map((ms) => (ms === null ? null : new Date(ms).toISOString())),
    });
  }

  // The parser filter tries its Parser entries in turn; the rules of parsers.conf cut the log.
  severalFormatsChecks('fluentbit', 'fluentbit', (patterns) => {
    const text = fluentBitConfig(patterns).text;
    const rules = readConf(text);
    return [...text.matchAll(/^ {4}Regex +(.*)$/gmu)].map((m) => ({ start: rules.start, cont: rules.cont, regex: m[1]! }));
  }, cut);

  it('the harness speaks the engine protocol of test/support/engines.ts', () => {
    expect(onigmoRun(String.raw`^(?<a>\d+)-(?<b>x)?$`, ['12-', '12-x', 'ab', 'é-'])).toEqual([['12', null], ['12', 'x'], null, null]);
  });

  it('the onigmo flavor itself: every corpus line matches, every field exact', () => {
    const failures: string[] = [];
    const patterns = corpus.map((c) => pattern(c.fmt, { style: c.style, datefmt: c.datefmt }));
    const results = onigmoRunBatch(corpus.map((c, k) => ({ regex: render(patterns[k]!, 'onigmo'), subjects: c.lines.map((l) => l.text) })));
    corpus.forEach((c, k) => {
      const p = patterns[k]!;
      const names = groupNames(p, 'onigmo');
      const captures = p.parts.filter((x): x is FieldPart => x.kind === 'field' && x.sameAs === null).map((x) => x.capture);
      const index = new Map(p.parts.filter((x): x is FieldPart => x.kind === 'field').map((x) => [x.key, captures.indexOf(x.capture)]));
      c.lines.forEach((line, i) => {
        const row = results[k]![i];
        if (!row) return void failures.push(`${c.id}: no match for ${JSON.stringify(line.text)}`);
        if (row.length !== captures.length) return void failures.push(`${c.id}: ${row.length} groups, expected ${captures.map((x) => names.get(x)).join(',')}`);
        if (ambiguity(c.id, line, 'onigmo')) return;
        for (const [key, want] of Object.entries(line.fields)) if (row[index.get(key)!] !== want) failures.push(`${c.id}: ${key} = ${JSON.stringify(row[index.get(key)!])}, Python wrote ${JSON.stringify(want)}`);
      });
    });
    expect(failures.slice(0, 10)).toEqual([]);
  });

  describe('Time_Format parses what CPython prints (Ruby strptime, %L as milliseconds)', () => {
    // 2024-05-09 08:35:25.123 UTC, a Thursday: a day and an hour below 10 exercise the space padding.
    const T = 1715243725;
    const year = new Date().getUTCFullYear();
    const DATEFMTS: [string | null, boolean, number][] = [
      // datefmt, followed by .%(msecs)03d, expected epoch ms
      [null, false, T * 1000 + 123],
      ['%Y-%m-%d %H:%M:%S', true, T * 1000 + 123],
      ['%d/%b/%Y:%H:%M:%S %z', false, T * 1000],
      ['%Y-%m-%dT%H:%M:%S', true, T * 1000 + 123],
      ['%c', false, T * 1000],
      ['%x %X', false, T * 1000],
      ['%a, %d %B %Y %I:%M:%S %p', false, T * 1000],
      ['%Y%m%d %k:%M:%S', false, T * 1000],
      ['%-d/%-m/%Y %-H:%M:%S', false, T * 1000],
      ['%Y-%j %H:%M:%S', false, T * 1000],
      ['%F %T', true, T * 1000 + 123],
      ['%s', false, T * 1000],
      ['%Y-%m-%d %l:%M:%S %P', false, T * 1000],
      ['%b %e %H:%M:%S', false, Date.UTC(year, 4, 9, 8, 35, 25)],
      ['%Y-%m-%d %H:%M:%S %Z', false, T * 1000],
    ];
    it('every datefmt', (ctx) => {
      const run = spawnSync('python3', ['-c', 'import sys, json, time; t = time.gmtime(int(sys.argv[1])); print(json.dumps([time.strftime(f, t) for f in json.loads(sys.stdin.read())]))', String(T)], {
        input: JSON.stringify(DATEFMTS.map(([d]) => d ?? '%Y-%m-%d %H:%M:%S')), encoding: 'utf8', env: { ...process.env, TZ: 'UTC' },
      });
      if (run.status !== 0) return ctx.skip('no python3 to print the timestamps');
      const printed = JSON.parse(run.stdout) as string[];
      const pairs = DATEFMTS.map(([datefmt, msecs], i): [string, string] => {
        const fmt = msecs ? '%(asctime)s.%(msecs)03d %(message)s' : '%(asctime)s %(message)s';
        const c = fluentBitConfig(pattern(fmt, { datefmt }));
        const read = readConf(c.text);
        expect(read.timeFormat).toBe(c.parsers[0]!.time?.format);
        const text = datefmt === null ? `${printed[i]},123` : msecs ? `${printed[i]}.123` : printed[i]!;
        // The parser regex must capture exactly that text under Time_Key.
        const [record] = onigmoRecords({ collector: 'fluentbit', start: read.start, cont: read.cont, record: read.regex, log: `${text} hello\n` });
        expect(record!.groups?.[read.timeKey!], `${datefmt}: ${read.regex}`).toBe(text);
        return [read.timeFormat!, text];
      });
      expect(rubyStrptime(pairs).map((ms, i) => [pairs[i]![0], pairs[i]![1], ms])).toEqual(DATEFMTS.map(([, , want], i) => [pairs[i]![0], pairs[i]![1], want]));
    });
  });
});

describe('the fluentbit command (registerFluentBit on a command with the shared format options)', () => {
  it('prints the config, with its options', async () => {
    const program = await collectorProgram('fluentbit');
    const text = await runCollector(program, ['fluentbit', SEED, '--yaml', '--flush-timeout', '2500', '--name', 'svc', '--datefmt', '%d/%m/%Y %H:%M:%S']);
    const doc = parse(text) as YamlDoc & { multiline_parsers: { name: string; flush_timeout: number }[] };
    expect(doc.parsers[0]).toMatchObject({ name: 'svc', time_format: '%d/%m/%Y %H:%M:%S' });
    expect(doc.multiline_parsers[0]).toMatchObject({ name: 'svc_multiline', flush_timeout: 2500 });
    expect(() => program.parse(['fluentbit', SEED, '--flush-timeout', 'soon'], { from: 'user' })).toThrow(/positive whole number/u);
  });
});
