/**
 * Formats where they live (fixtures/configs): `--from` reads what logging.config would load, and
 * `scan` lists a project's formats. The differential: CPython loads each config with logging.config
 * (fileConfig's reader, DictConfigurator), formats a record, and the format, datefmt and style pylogrx
 * extracted must be the Formatter's own, and the regex from `--from` must parse the line. And CPython
 * loads whole configs and lists the handlers its loggers reach: the `destinations` read statically must
 * name the same files and consoles for each formatter.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { formattersInDocument, type Destination, type FormatSource } from '../src/core/sources.js';
import { FIXTURES } from './support/corpus.js';
import { cli } from './support/cli.js';
import { pythons, runPython } from './support/python.js';

const CONFIGS = join(FIXTURES, 'configs');
const at = (file: string) => join(CONFIGS, file);

interface Case {
  /** `--from` argument, relative to fixtures/configs. */
  readonly from: string;
  /** How CPython loads it (test/support/load_formatters.py). */
  readonly load: { kind: 'ini' | 'dict' | 'module'; path: string; name?: string; attr?: string; yaml?: true };
}

const CASES: Case[] = [
  { from: 'svc-a/logging.ini#plain', load: { kind: 'ini', path: 'svc-a/logging.ini', name: 'plain' } },
  { from: 'svc-a/logging.ini#brace', load: { kind: 'ini', path: 'svc-a/logging.ini', name: 'brace' } },
  { from: 'svc-a/settings.py#verbose', load: { kind: 'module', path: 'svc-a/settings.py', name: 'verbose', attr: 'LOGGING' } },
  { from: 'svc-a/settings.py#simple', load: { kind: 'module', path: 'svc-a/settings.py', name: 'simple', attr: 'LOGGING' } },
  { from: 'svc-b/celeryconfig.py#worker_task_log_format', load: { kind: 'module', path: 'svc-b/celeryconfig.py', attr: 'worker_task_log_format' } },
  { from: 'svc-b/gunicorn.conf.py', load: { kind: 'module', path: 'svc-b/gunicorn.conf.py', name: 'generic', attr: 'logconfig_dict' } },
  { from: 'svc-b/conf/logging.yaml#standard', load: { kind: 'dict', path: 'svc-b/conf/logging.yaml', name: 'standard', yaml: true } },
  { from: 'svc-b/conf/uvicorn.json#access', load: { kind: 'dict', path: 'svc-b/conf/uvicorn.json', name: 'access' } },
  { from: 'svc-b/conf/logging.toml', load: { kind: 'dict', path: 'svc-b/conf/logging.toml', name: 'precise' } },
];

const python = pythons().find((p) => /^3\.1[1-9]\./u.test(p.version)); // tomllib

describe.skipIf(python === undefined)('--from reads what logging.config loads (CPython)', () => {
  it.each(CASES)('$from', ({ from, load }) => {
    // Python's standard library has no YAML parser: the document goes over as JSON.
    const entry = { ...load, path: at(load.path), ...(load.yaml ? { dict: parse(readFileSync(at(load.path), 'utf8')) as unknown } : {}) };
    const [loaded] = JSON.parse(runPython(python!, [join(import.meta.dirname, 'support', 'load_formatters.py')], JSON.stringify([entry]))) as { fmt: string; datefmt: string | null; style: string; line: string }[];
    const gen = cli(['gen', '--from', at(from), '--flavor', 'js', '--json']);
    expect(gen.status, gen.stderr).toBe(0);
    const json = JSON.parse(gen.stdout) as { format: string; style: string; datefmt: string | null; regex: string };
    expect({ fmt: json.format, datefmt: json.datefmt, style: json.style }).toEqual({ fmt: loaded!.fmt, datefmt: loaded!.datefmt, style: loaded!.style });
    expect(new RegExp(json.regex, 'u').test(loaded!.line), `${json.regex}\n${loaded!.line}`).toBe(true);
  });
});

/** A config loaded whole by test/support/load_destinations.py, and what its static reading cannot know. */
interface Routed {
  readonly load: { kind: 'ini' | 'dict' | 'module'; path: string; attr?: string; defaults?: Record<string, string> };
  /** Files whose path is built at run time (os.path.join, fileConfig's defaults=): `unknown` to us. */
  readonly unread?: readonly string[];
}

const ROUTED: Routed[] = [
  { load: { kind: 'ini', path: 'svc-c/logging.ini', defaults: { logdir: '/var/log/svc-c' } }, unread: ['/var/log/svc-c/app-debug.log'] },
  { load: { kind: 'module', path: 'svc-c/settings.py', attr: 'LOGGING' }, unread: ['/var/log/svc-c/debug.log'] },
  { load: { kind: 'dict', path: 'svc-c/logging.yaml' } },
  { load: { kind: 'dict', path: 'svc-c/logging.toml' } },
  { load: { kind: 'module', path: 'svc-c/etl.py' }, unread: ['/var/log/svc-c/etl-debug.log'] },
  { load: { kind: 'module', path: 'svc-c/cli.py' } },
  { load: { kind: 'module', path: 'svc-d/settings.py', attr: 'LOGGING' } },
  { load: { kind: 'module', path: 'svc-a/app.py' } },
  { load: { kind: 'ini', path: 'svc-a/logging.ini' } },
  { load: { kind: 'dict', path: 'svc-b/conf/logging.yaml' } },
];

type Seen = { handler: string; kind: 'file' | 'console' | 'other'; path?: string };
const READER = join(import.meta.dirname, '..', 'python', 'read_formats.py');
const isYaml = (path: string) => path.endsWith('.yaml');
const textOf = (path: string) => readFileSync(at(path), 'utf8');

describe.each(pythons())('destinations agree with what CPython $version routes', (python) => {
  const routed = ROUTED.filter((r) => !r.load.path.endsWith('.toml') || /^3\.1[1-9]\./u.test(python.version)); // tomllib
  // Python has no YAML parser: the document goes over as JSON, as the CLI reads it.
  const entries = routed.map(({ load }) => ({ ...load, path: at(load.path), ...(isYaml(load.path) ? { dict: parse(textOf(load.path)) as unknown } : {}) }));
  const loaded = JSON.parse(runPython(python, [join(import.meta.dirname, 'support', 'load_destinations.py')], JSON.stringify(entries)).trim().split('\n').at(-1)!) as Record<string, Seen[]>[];
  const inPython = routed.filter((r) => !isYaml(r.load.path)).map((r) => at(r.load.path));
  const read = [
    ...(JSON.parse(runPython(python, [READER, ...inPython])) as FormatSource[]),
    ...routed.filter((r) => isYaml(r.load.path)).flatMap(({ load }) => formattersInDocument(parse(textOf(load.path)), at(load.path), textOf(load.path))),
  ];

  it.each(routed.map((r, i) => ({ ...r, seen: loaded[i]!, path: r.load.path })))('$path', ({ load, unread = [], seen }) => {
    // A config's formatters all count; a module's Formatter calls where CPython saw their handler on a logger.
    const whole = load.kind !== 'module' || load.attr !== undefined;
    const ours = read.filter((s) => s.file === at(load.path) && s.format !== null && (whole || s.format in seen));
    const label = (handler: string | null) => (handler ?? '').split('.').at(-1)!;
    const token = (d: Destination) => `${label(d.handler)} ${d.kind === 'file' ? `file ${d.path}` : d.kind}`;
    const cpython = (d: Seen) => `${d.handler} ${d.kind === 'other' || unread.includes(d.path!) ? 'unknown' : d.kind === 'file' ? `file ${d.path}` : d.kind}`;
    expect(Object.fromEntries(ours.map((s) => [s.format, s.destinations.map(token).sort()]))).toEqual(
      Object.fromEntries(Object.entries(seen).map(([fmt, ds]) => [fmt, ds.map(cpython).sort()])),
    );
  });
});

describe('--from', () => {
  it('reads Python source statically: implicit concatenation in basicConfig', () => {
    const run = cli(['gen', '--from', `${at('svc-a/app.py')}#7`, '--json']);
    expect((JSON.parse(run.stdout) as { format: string }).format).toBe('%(asctime)s.%(msecs)03d %(levelname)s %(name)s: %(message)s');
    expect(run.stderr).toContain("datefmt has %f");
  });

  it('lists the formatters when the file has several and none is named (exit 2)', () => {
    const run = cli(['gen', '--from', at('svc-a/logging.ini')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`pylogrx: error: ${at('svc-a/logging.ini')} has 2 formatters; choose one with ${at('svc-a/logging.ini')}#NAME: plain (line 21), brace (line 25)\n`);
    expect(cli(['gen', '--from', `${at('svc-a/logging.ini')}#nope`]).status).toBe(2);
  });

  it('says why a {-style format without style: {} fails, and fails as Python does', () => {
    const run = cli(['gen', '--from', `${at('svc-a/settings.py')}#forgot_style`]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("add style: '{'");
  });

  it('an explicit --style or --datefmt wins over the file', () => {
    const run = cli(['gen', '--from', `${at('svc-b/conf/logging.yaml')}#standard`, '--datefmt', '%H:%M:%S', '--json']);
    expect((JSON.parse(run.stdout) as { datefmt: string }).datefmt).toBe('%H:%M:%S');
  });

  it('works for check (the argument is then the log file) and logtail', () => {
    const log = join(FIXTURES, '..', 'package.json');
    expect(cli(['check', '--from', `${at('svc-a/logging.ini')}#plain`, log, '--quiet']).stdout).toMatch(/records? in \d+ lines/u);
    expect(cli(['logtail', '--from', `${at('svc-a/logging.ini')}#plain`]).stdout).toContain('processor_parse_regex_native');
  });

  it('names a missing file, and a format built at run time, instead of guessing (exit 2)', () => {
    expect(cli(['gen', '--from', at('nope.ini')]).stderr).toBe(`pylogrx: error: cannot read ${at('nope.ini')}: no such file\n`);
    const runtime = cli(['gen', '--from', `${at('svc-a/app.py')}#22`]);
    expect(runtime.status).toBe(2);
    expect(runtime.stderr).toContain('app.py:22: the format is built at run time');
  });

  it('exits 2 with neither a format nor --from, or with both', () => {
    expect(cli(['gen']).status).toBe(2);
    expect(cli(['gen', '%(message)s', '--from', at('svc-a/logging.ini')]).status).toBe(2);
  });
});

describe('pylogrx scan', () => {
  it('lists every format with file:line, style and datefmt, and what to fix; skips node_modules', () => {
    const run = cli(['scan', CONFIGS]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatchSnapshot();
    expect(run.stdout).not.toContain('node_modules');
    expect(run.stdout).not.toContain('is not a log format here');
  });

  it('exits 2 on a path that is not a directory', () => {
    expect(cli(['scan', at('nope')])).toMatchObject({ status: 2, stderr: `pylogrx: error: ${at('nope')} is not a directory\n` });
  });

  it('--json carries the lints', () => {
    const found = JSON.parse(cli(['scan', CONFIGS, '--json']).stdout) as { file: string; line: number; format: string | null; lints: string[]; note: string | null }[];
    expect(found.filter((f) => f.format === null).map((f) => [f.file, f.line, f.note])).toEqual([
      ['svc-a/app.py', 22, 'built at run time: not read'],
      ['svc-a/app.py', 23, 'built at run time: not read'],
    ]);
    const lints = (file: string, line: number) => found.find((f) => f.file === file && f.line === line)!.lints.join('\n');
    expect(lints('svc-a/settings.py', 17)).toContain("style: '{'");
    expect(lints('svc-a/app.py', 7)).toContain('%f');
    expect(lints('svc-b/conf/logging.yaml', 6)).toContain('Python 3.12');
    expect(lints('svc-a/app.py', 19)).toContain('request_id exists only through extra=');
    expect(lints('svc-b/celeryconfig.py', 3)).toBe('');
    expect(lints('svc-b/conf/logging.yaml', 10)).toContain('taskName exists only from Python 3.12');
  });

  it('--json says where each formatter writes, and why when it cannot tell', () => {
    const found = JSON.parse(cli(['scan', CONFIGS, '--json']).stdout) as (FormatSource & { lints: string[] })[];
    const where = (file: string, line: number) => found.find((f) => f.file === file && f.line === line)!.destinations;
    expect(where('svc-c/etl.py', 9)).toEqual([{ kind: 'file', path: '/var/log/svc-c/nightly.log', handler: 'FileHandler' }]);
    expect(where('svc-a/app.py', 7)).toEqual([{ kind: 'console', handler: 'StreamHandler' }]);
    expect(where('svc-a/app.py', 19)).toEqual([{ kind: 'console', handler: 'logging.StreamHandler' }]);
    expect(where('svc-a/app.py', 22)).toEqual([{ kind: 'unknown', handler: null, note: 'its handler is not visible statically' }]);
    expect(where('svc-b/celeryconfig.py', 2)).toEqual([{ kind: 'unknown', handler: null, note: "the worker's --logfile (stderr by default)" }]);
    expect(where('svc-c/logging.ini', 72)).toEqual([
      { kind: 'file', path: '/var/log/svc-c/app.log', handler: 'file' },
      { kind: 'file', path: 'logs/app-rotating.log', handler: 'rotating' },
      { kind: 'unknown', handler: 'from_defaults', note: "its args come from fileConfig's defaults=, at run time" },
    ]);
    expect(where('svc-c/logging.ini', 78)).toEqual([{ kind: 'unknown', handler: 'syslog', note: 'SysLogHandler writes to syslog, not a file' }]);
    expect(where('svc-c/settings.py', 12)).toEqual([{ kind: 'unknown', handler: 'debug_file', note: "FileHandler's filename is built at run time" }]);
    expect(where('svc-c/logging.yaml', 12)).toEqual([]);
  });

  interface Pipeline { configName: string; inputs: { FilePaths: string[] }[]; processors: { Type: string; Regex?: string }[]; flushers: { Project: string; Logstore: string }[] }
  const pipelines = (stdout: string) => parseAllDocuments(stdout).map((d) => d.toJS() as Pipeline);

  it('--emit logtail writes one pipeline per log file, the formats that share it as processors in turn', () => {
    const run = cli(['scan', CONFIGS, '--emit', 'logtail', '--project', 'prod', '--logstore', 'app']);
    expect(run.status).toBe(0);
    const docs = pipelines(run.stdout);
    const django = docs.find((d) => d.inputs[0]!.FilePaths[0] === '/var/log/mysite/django.log')!;
    // svc-d: verbose and requests write to one file: one config, named after the first, both regexes.
    expect(django.configName).toBe('verbose_django'); // svc-c has a formatter 'verbose' too
    expect(django.processors.filter((p) => p.Type === 'processor_parse_regex_native')).toHaveLength(2);
    expect(django.flushers[0]).toMatchObject({ Project: 'prod', Logstore: 'app' });
    expect(docs.filter((d) => d.inputs[0]!.FilePaths[0] === '/var/log/mysite/django.log')).toHaveLength(1);
    // Paths from the handlers' filenames; basicConfig(filename=) too.
    expect(docs.map((d) => d.inputs[0]!.FilePaths[0])).toEqual(expect.arrayContaining(['/var/log/svc-c/nightly.log', '/var/log/svc-c/django.log']));
    // Console-only formatters are left out, with a note; one whose file is built at run time asks for --path.
    expect(docs.map((d) => d.configName)).not.toContain('console');
    expect(run.stderr).toContain('pylogrx: note (svc-d/settings.py:9): left out: its records go to the console only');
    expect(run.stderr).toMatch(/note \(svc-c\/settings.py:12\): where it writes is not in the config: give --path/u);
    // Each config is named once.
    expect(new Set(docs.map((d) => d.configName)).size).toBe(docs.length);
  });

  it('--emit takes every target, and refuses an option the target does not take', () => {
    for (const target of ['fluentbit', 'vector', 'otel', 'alloy', 'logstash']) {
      const run = cli(['scan', at('svc-d'), '--emit', target]);
      expect(run.status, `${target}: ${run.stderr}`).toBe(0);
      expect(run.stdout, target).toContain('/var/log/mysite/django.log');
    }
    const fluentbit = cli(['scan', at('svc-d'), '--emit', 'fluentbit']).stdout;
    expect(fluentbit).toContain('# ==> verbose/parsers.conf <==');
    expect(fluentbit.match(/^\[PARSER\]$/gmu)).toHaveLength(2);
    expect(cli(['scan', at('svc-d'), '--emit', 'vector', '--project', 'prod'])).toMatchObject({ status: 2, stderr: expect.stringContaining('vector has no option for project') });
    expect(cli(['scan', at('svc-d'), '--emit', 'logtail', '--timezone', 'Europe/Berlin']).status).toBe(2);
  });
});
