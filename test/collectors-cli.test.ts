/**
 * The collector commands as a user runs them, every one from the COLLECTORS table: options from the row,
 * `--path` as a file, a directory or a glob (and saying which), several formats (`--format`, `--from`),
 * `--out DIR`, time zones in each target's own syntax, and comments that name only what is left to fill in.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildPattern, COLLECTOR_NAMES, COLLECTORS, emitConfig } from '../src/core/index.js';
import { cli } from './support/cli.js';

const FMT = '%(asctime)s %(levelname)s %(name)s: %(message)s';
const ROOT = join(import.meta.dirname, '..');

describe('the table', () => {
  it.each(COLLECTOR_NAMES)('%s is proven in its own engine, and tried with several formats', (target) => {
    const row = COLLECTORS[target];
    const file = row.provenBy.split(':')[0]!;
    expect(existsSync(join(ROOT, file)), file).toBe(true);
    const test = readFileSync(join(ROOT, file), 'utf8');
    expect(test).toContain('describeHarness(');
    // lnav's harness is lnav itself, which takes the one definition with its several regexes.
    if (target !== 'lnav') expect(test).toContain(`severalFormatsChecks(`);
  });
  it.each(COLLECTOR_NAMES)('pylogrx %s --help shows the row\'s options, how it tries several formats, and its proof', (target) => {
    const help = cli([target, '--help']).stdout;
    for (const o of COLLECTORS[target].options) expect(help).toContain(o.flags);
    expect(help).toContain(`Several formats: ${COLLECTORS[target].several}`);
    expect(help).toContain(`Proven by ${COLLECTORS[target].provenBy}`);
    expect(help).toContain('--path <file|dir|glob>');
  });
});

describe('--path: a file, a directory or a glob, and which it took', () => {
  const filePaths = (args: string[]) => (parse(cli(['logtail', FMT, ...args]).stdout) as { inputs: { FilePaths: string[] }[] }).inputs[0]!.FilePaths;
  it('takes each as it is meant, and says so', () => {
    expect(filePaths(['--path', '/var/log/mysite/django.log'])).toEqual(['/var/log/mysite/django.log']);
    expect(filePaths(['--path', '/var/log/mysite/'])).toEqual(['/var/log/mysite/*.log']);
    expect(filePaths(['--path', '/var/log/mysite'])).toEqual(['/var/log/mysite/*.log']);
    expect(filePaths(['--path', '/var/log/app/*.txt'])).toEqual(['/var/log/app/*.txt']);
    expect(cli(['logtail', FMT, '--path', '/var/log/mysite/django.log']).stderr).toContain('pylogrx: note: --path /var/log/mysite/django.log: the one file (end the path with / for a directory)');
    expect(cli(['logtail', FMT, '--path', '/var/log/mysite']).stderr).toContain('a directory, so the files /var/log/mysite/*.log');
  });
  it('the classic config splits a file into its directory and name', () => {
    const classic = JSON.parse(cli(['logtail', FMT, '--kind', 'classic', '--path', '/var/log/mysite/django.log']).stdout) as { inputDetail: { logPath: string; filePattern: string } };
    expect(classic.inputDetail).toMatchObject({ logPath: '/var/log/mysite', filePattern: 'django.log' });
  });
  it.each(['fluentbit', 'vector', 'otel', 'alloy', 'logstash'])('%s reads a file path as that file', (target) => {
    expect(cli([target, FMT, '--path', '/srv/app/web.log']).stdout).toContain('/srv/app/web.log');
    expect(cli([target, FMT, '--path', '/srv/app/']).stdout).toContain('/srv/app/*.log');
  });
});

describe('comments name only what is left to fill in; defaults say they are defaults', () => {
  it('logtail', () => {
    const bare = cli(['logtail', FMT]).stdout;
    expect(bare).toContain('# Fill in the logstore (python-app: --logstore) and the project (my-project: --project).');
    expect(bare).toContain('# Defaults, not given on the command line: the log files /var/log/app/*.log (--path); the region cn-hangzhou (--region).');
    const given = cli(['logtail', FMT, '--project', 'prod', '--logstore', 'app', '--region', 'cn-shanghai', '--path', '/var/log/x.log']).stdout;
    expect(given).not.toContain('Fill in');
    expect(given).not.toContain('Defaults');
  });

  it.each([['fluentbit', 'Path /var/log/app/*.log'], ['vector', 'include /var/log/app/*.log'], ['otel', 'include /var/log/app/*.log'], ['alloy', '__path__ /var/log/app/*.log'], ['logstash', 'path /var/log/app/*.log']])('%s says the default path is a default, and not once it is given', (target, said) => {
    expect(cli([target, FMT]).stdout).toMatch(new RegExp(`^(#|//) Defaults, not given on the command line: [^\\n]*${said.replace(/[*.]/gu, '\\$&')}`, 'mu'));
    expect(cli([target, FMT, '--path', '/srv/app.log']).stdout).not.toContain(said);
  });
});

describe('time zones, in each target\'s own syntax', () => {
  it('an IANA zone without daylight saving time becomes GMT+08:00 for Logtail', () => {
    const doc = parse(cli(['logtail', FMT, '--timezone', 'Asia/Shanghai']).stdout) as { processors: { SourceTimezone?: string }[] };
    expect(doc.processors[1]!.SourceTimezone).toBe('GMT+08:00');
  });
  it('one with daylight saving time is an error that says what the target takes (exit 2)', () => {
    const run = cli(['logtail', FMT, '--timezone', 'Europe/Berlin']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Europe\/Berlin has daylight saving time.*takes GMT\+08:00/u);
    expect(cli(['fluentbit', FMT, '--timezone', 'America/New_York']).status).toBe(2);
  });
  it('Go takes IANA names: GMT+08:00 becomes Etc/GMT-8, a name that is not a zone is refused', () => {
    expect(cli(['alloy', FMT, '--location', 'GMT+08:00']).stdout).toContain('location = "Etc/GMT-8"');
    expect(cli(['otel', FMT, '--location', 'Mars/Olympus']).status).toBe(2);
    expect(cli(['otel', FMT, '--location', '+05:30']).stderr).toContain('no IANA name is the offset +05:30');
  });
  it('Fluent Bit: a fixed offset, Time_Offset; none given, the system\'s zone', () => {
    expect(cli(['fluentbit', FMT, '--timezone', 'Asia/Kolkata']).stdout).toMatch(/Time_Offset +\+0530/u);
    expect(cli(['fluentbit', FMT]).stdout).toMatch(/Time_System_Timezone +On/u);
    // A format that logs its offset needs neither.
    expect(cli(['fluentbit', '%(asctime)s %(message)s', '--datefmt', '%Y-%m-%dT%H:%M:%S%z']).stdout).not.toMatch(/Time_System_Timezone|Time_Offset/u);
  });
});

describe('several formats in one log', () => {
  const FLASK = ['[%(asctime)s] %(levelname)s in %(module)s: %(message)s', '%(message)s'];
  it('--format adds a parser each, the one that says most first', () => {
    const doc = parse(cli(['logtail', FLASK[1]!, '--format', FLASK[0]!]).stdout) as { processors: { Type: string; Regex?: string }[] };
    const regexes = doc.processors.filter((p) => p.Type === 'processor_parse_regex_native').map((p) => p.Regex!);
    expect(regexes).toHaveLength(2);
    expect(regexes[0]).toMatch(/^\\\[/u);
    const fb = cli(['fluentbit', ...FLASK.flatMap((f, i) => (i === 0 ? [f] : ['--format', f]))]).stdout;
    expect(fb.match(/^ {4}Parser +\S+$/gmu)).toEqual(['    Parser               python_app', '    Parser               python_app_2']);
    expect(cli(['logstash', FLASK[0]!, '--format', FLASK[1]!]).stdout).toMatch(/"message" => \[\n/u);
    expect(cli(['vector', FLASK[0]!, '--format', FLASK[1]!]).stdout).toContain('} else {');
    expect(cli(['otel', FLASK[0]!, '--format', FLASK[1]!]).stdout).toContain('type: router');
    expect(cli(['alloy', FLASK[0]!, '--format', FLASK[1]!]).stdout).toContain('stage.match {');
  });
  it('--from takes every formatter of the file', () => {
    const run = cli(['fluentbit', '--from', join(ROOT, 'fixtures', 'configs', 'svc-d', 'settings.py')]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.match(/^\[PARSER\]$/gmu)).toHaveLength(3);
  });
  it('the classic Logtail config takes one regex, and says which', () => {
    const run = cli(['logtail', FLASK[1]!, '--format', FLASK[0]!, '--kind', 'classic']);
    expect(run.stderr).toContain('the classic config takes one regex: only format 2 (the one that says most) is parsed');
  });
});

describe('--out DIR writes the files; printed, several files are marked', () => {
  it('fluentbit: parsers.conf and fluent-bit.conf, which loads it', () => {
    const printed = cli(['fluentbit', FMT]).stdout;
    expect(printed).toMatch(/^# ==> parsers\.conf <==\n/u);
    expect(printed).toContain('\n# ==> fluent-bit.conf <==\n');
    const dir = mkdtempSync(join(tmpdir(), 'pylogrx-out-'));
    try {
      const run = cli(['fluentbit', FMT, '--out', dir]);
      expect(run.status).toBe(0);
      expect(run.stdout).toBe('');
      expect(readFileSync(join(dir, 'parsers.conf'), 'utf8')).toContain('[MULTILINE_PARSER]');
      expect(readFileSync(join(dir, 'fluent-bit.conf'), 'utf8')).toMatch(/Parsers_File +parsers\.conf/u);
      expect(run.stderr).toContain(`wrote ${join(dir, 'parsers.conf')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('what a review found', () => {
  it('a glob in a directory part is a glob', () => {
    const run = cli(['logtail', FMT, '--path', '/var/log/*/app.log', '--kind', 'classic']);
    expect(run.stderr).toContain('--path /var/log/*/app.log: the files matching the glob');
    expect((JSON.parse(run.stdout) as { inputDetail: { logPath: string; filePattern: string } }).inputDetail).toMatchObject({ logPath: '/var/log/*', filePattern: 'app.log' });
  });
  it.each(['json', 'logfmt'])("--style %s: the collectors write the agent's own parser, without the regex's warnings", (style) => {
    const run = cli(['fluentbit', '--style', style, style === 'json' ? '%(asctime)s %(message)s' : 'timestamp event']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Format               ${style}`);
    expect(run.stderr).not.toContain('the regex holds the named keys');
  });
  it("OTel reads seconds since the epoch with their milliseconds as stanza's s.ms, and a comma-joined time by its seconds", () => {
    const receiver = (fmt: string) => (parse(cli(['otel', fmt, '--datefmt', '%s']).stdout) as { receivers: { filelog: { operators: { timestamp: Record<string, string> }[] } } }).receivers.filelog.operators[0]!.timestamp;
    expect(receiver('%(asctime)s.%(msecs)03d %(message)s')).toMatchObject({ parse_from: 'attributes.time', layout_type: 'epoch', layout: 's.ms' });
    expect(receiver('%(asctime)s,%(msecs)03d %(message)s')).toMatchObject({ parse_from: 'attributes.asctime', layout: 's' });
  });
  const SVC_C = join(ROOT, 'fixtures', 'configs', 'svc-c');
  it('scan --emit: one sample cannot serve every log, a choice must be one, the formats --path stands for share one config', () => {
    expect(cli(['scan', SVC_C, '--emit', 'logtail', '--sample', '-'])).toMatchObject({ status: 2, stderr: expect.stringContaining('--sample reads one log') });
    expect(cli(['scan', SVC_C, '--emit', 'logtail', '--kind', 'bogus'])).toMatchObject({ status: 2, stderr: expect.stringContaining('expected one of pipeline, classic') });
    const docs = cli(['scan', SVC_C, '--emit', 'logtail', '--path', '/srv/app.log']).stdout.split('\n---\n');
    expect(docs.filter((d) => d.includes('- /srv/app.log'))).toHaveLength(1);
  });
  it("a handler's filename is a file whatever its name (scan gives it so)", () => {
    const p = buildPattern(FMT, { style: '%', datefmt: null });
    if (!p.ok) throw new Error(p.error.message);
    const text = (target: 'vector' | 'logtail', pathIsFile?: boolean) => emitConfig(target, [p.value], { path: '/var/log/app/current', ...(pathIsFile ? { pathIsFile } : {}) }).files[0]!.text;
    expect(text('vector')).toContain('/var/log/app/current/*.log');
    expect(text('vector', true)).toContain('- /var/log/app/current\n');
    expect(text('logtail', true)).toContain('- /var/log/app/current\n');
  });
  it('scan --emit says a relative handler path is relative to the app', () => {
    expect(cli(['scan', SVC_C, '--emit', 'fluentbit']).stderr).toContain("logs/worker.log is relative to the app's working directory");
  });
});
