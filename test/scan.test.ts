/**
 * `pylogrx scan` on real sources. The frameworks' defaults are read from the INSTALLED framework packages
 * (Debian's, under /usr/lib/python3/dist-packages) and CPython's own logging, not from copies: scan must find
 * every preset's format, style and datefmt in the package whose source the preset cites. Formatters that are
 * not logging's (matplotlib's, argparse's, jinja2's, markupsafe's) must not be reported, installed or in
 * fixtures/scan/not-logging. fixtures/scan holds what an app writes with loguru, structlog, python-json-logger
 * and gunicorn's config file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../src/core/presets.js';
import type { FormatSource } from '../src/core/sources.js';
import { cli } from './support/cli.js';
import { FIXTURES } from './support/corpus.js';
import { describeHarness } from './support/harness.js';
import { pythons } from './support/python.js';

const DIST = '/usr/lib/python3/dist-packages';
const SCAN = join(FIXTURES, 'scan');
type Found = FormatSource & { lints: string[] };

/** The frameworks the presets cite, by package, with the Debian package that installs them (.ci/run). */
const DEBIAN: Readonly<Record<string, string>> = {
  gunicorn: 'gunicorn', tornado: 'python3-tornado', scrapy: 'python3-scrapy', celery: 'python3-celery',
  django: 'python3-django', flask: 'python3-flask', werkzeug: 'python3-flask', uvicorn: 'python3-uvicorn',
  aiohttp: 'python3-aiohttp', waitress: 'python3-waitress', loguru: 'python3-loguru',
};

/** CPython's logging package, as the system Python has it. */
const stdlibLogging = (() => {
  const run = spawnSync('/usr/bin/python3', ['-c', 'import logging, os; print(os.path.dirname(logging.__file__))'], { encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : null;
})();

const packageDir = (name: string) => (name === 'logging' ? stdlibLogging : join(DIST, name));

const scanned = new Map<string, Found[]>();
function scan(dir: string): Found[] {
  if (!scanned.has(dir)) {
    const run = cli(['scan', dir, '--json']);
    expect(run.status, run.stderr).toBe(0);
    scanned.set(dir, JSON.parse(run.stdout) as Found[]);
  }
  return scanned.get(dir)!;
}

/** A package is needed where CI installs it; elsewhere a missing one is skipped with the reason. */
function describePackage(name: string, body: (dir: string) => void): void {
  const dir = packageDir(name);
  const install = DEBIAN[name];
  describeHarness(`scan ${name} (installed)`, () => (dir !== null && existsSync(dir) ? null : `${name} is not installed${install ? `: apt-get install -y ${install}` : ''}`), () => body(dir!));
}

/** Where a preset's formatter is defined: the package its source names, or why no source defines it. */
function definedIn(source: string, style: string): { package: string } | { none: string } {
  // A handler given no formatter writes '%(message)s': no source has that format to find.
  if (/\(no formatter\)/u.test(source)) return { none: 'the framework gives its handler no formatter' };
  // ConsoleRenderer takes no format string: the preset's format names the keys its processors add.
  if (style === 'structlog-console') return { none: 'the renderer has no format string' };
  const name = source.split('/')[0]!;
  // Airflow is not in Debian, and PyPI is out of reach: no source of it here to scan.
  if (name === 'airflow') return { none: 'the framework is not installable here' };
  return { package: name };
}

const rows = PRESETS.flatMap((p) => p.formatters.map((f) => ({ name: `${p.name}#${f.key}`, ...f, where: definedIn(f.source, f.style) })));
const byPackage = new Map<string, typeof rows>();
for (const row of rows) if ('package' in row.where) byPackage.set(row.where.package, [...(byPackage.get(row.where.package) ?? []), row]);

describe('every preset is found where its framework defines it', () => {
  it('each preset formatter names its source, or why no source defines it', () => {
    const none = rows.filter((r) => 'none' in r.where).map((r) => r.name);
    expect(none).toEqual(['django-runserver#console', 'flask-dev#werkzeug', 'airflow#default', 'structlog-console#default']);
  });
});

for (const [name, presets] of byPackage) {
  describePackage(name, (dir) => {
    it.each(presets)('$name: $source', ({ format, style, datefmt }) => {
      const found = scan(dir).filter((s) => s.format === format);
      expect(found.map((s) => ({ format: s.format, style: s.style, datefmt: s.datefmt }))).toContainEqual({ format, style, datefmt });
    });
  });
}

/** Frameworks whose entry points call basicConfig() without format=: the basicConfig preset, where they call it. */
const BASIC_CONFIG_CALLERS = [
  { package: 'aiohttp', file: 'web.py' },
  { package: 'waitress', file: '__init__.py' },
];
const basicConfig = PRESETS.find((p) => p.name === 'basicConfig')!.formatters[0];

for (const { package: name, file } of BASIC_CONFIG_CALLERS) {
  describePackage(name, (dir) => {
    it(`${file}: basicConfig() without format= is logging.BASIC_FORMAT`, () => {
      const found = scan(dir).filter((s) => s.file === file && s.origin === 'basicConfig');
      expect(found.map((s) => [s.format, s.style, s.datefmt, s.note])).toEqual([[basicConfig.format, '%', null, 'basicConfig() without format=: logging.BASIC_FORMAT']]);
    });
  });
}

describePackage('gunicorn', (dir) => {
  it("config.py: the default access_log_format, style gunicorn; glogging.py: no format built at run time goes unreported", () => {
    const found = scan(dir);
    expect(found.filter((s) => s.style === 'gunicorn').map((s) => [s.file, s.name, s.format])).toEqual([
      ['config.py', 'access_log_format', '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"'],
    ]);
    // Logger.error_fmt and Logger.datefmt, read through self. where glogging.py makes its Formatter.
    expect(found.find((s) => s.file === 'glogging.py' && s.origin === 'Formatter' && s.datefmt !== null)).toMatchObject({
      format: '%(asctime)s [%(process)d] [%(levelname)s] %(message)s', datefmt: '[%Y-%m-%d %H:%M:%S %z]',
    });
  });
});

/** Installed sources whose formatters are not logging's, with the lines scan used to report (before issue 13). */
const NOT_LOGGING = [
  { package: 'matplotlib', files: ['dates.py', 'ticker.py', 'tests/test_dates.py', 'tests/test_ticker.py'] },
  { package: 'jinja2', files: ['sandbox.py'] },
  { package: 'markupsafe', files: ['__init__.py'] },
  { package: 'bs4', files: ['formatter.py'] },
];

describe('formatters that are not logging\'s are not reported', () => {
  it('fixtures/scan/not-logging: matplotlib DateFormatter, argparse HelpFormatter, jinja2, markupsafe, docutils, string.Formatter', () => {
    const run = cli(['scan', join(SCAN, 'not-logging')]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe('0 formats in 0 files (1 read)\n');
  });

  it.each(NOT_LOGGING.filter((n) => existsSync(join(DIST, n.package))))('installed $package', async ({ package: name, files }) => {
    const { readSources } = await import('../src/cli/sources.js');
    const { sources, errors } = readSources(files.map((f) => join(DIST, name, f)));
    expect(errors).toEqual([]);
    expect(sources.map((s) => `${s.file}:${s.line} ${s.format ?? s.note}`)).toEqual([]);
  });

  it.skipIf(stdlibLogging === null)("CPython's argparse (HelpFormatter and its subclasses)", async () => {
    const { readSources } = await import('../src/cli/sources.js');
    expect(readSources([join(stdlibLogging!, '..', 'argparse.py')]).sources).toEqual([]);
  });
});

interface Expected {
  readonly at: string;
  readonly origin: string;
  readonly style: string;
  readonly format: string | null;
  readonly datefmt?: string | null;
  readonly note?: string | null;
  readonly destinations: readonly unknown[];
}

const LOGURU_DEFAULT = '<green>{time:YYYY-MM-DD HH:mm:ss.SSS}</green> | <level>{level: <8}</level> | <cyan>{name}</cyan>:<cyan>{function}</cyan>:<cyan>{line}</cyan> - <level>{message}</level>';
const GUNICORN_DEFAULT = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"';
const console = (handler: string) => ({ kind: 'console', handler });
const file = (path: string, handler: string) => ({ kind: 'file', path, handler });

const EXPECTED: Expected[] = [
  { at: 'gunicorn-app/gunicorn_defaults.conf.py:3', origin: 'gunicorn', style: 'gunicorn', format: GUNICORN_DEFAULT, note: "access_log_format not set: gunicorn's default", destinations: [console('accesslog')] },
  { at: 'gunicorn-app/gunicorn.conf.py:3', origin: 'gunicorn', style: 'gunicorn', format: '%(h)s %(t)s "%(r)s" %(s)s %(b)s %(D)s "%({x-request-id}i)s"', destinations: [file('/var/log/gunicorn/access.log', 'accesslog')] },
  { at: 'libraries/app_jsonlogger.py:6', origin: 'Formatter', style: 'json', format: '%(asctime)s %(levelname)s %(name)s %(message)s', destinations: [file('/var/log/app/app.json', 'logging.FileHandler')] },
  { at: 'libraries/app_jsonlogger.py:11', origin: 'dictConfig', style: 'json', format: '%(asctime)s %(message)s', destinations: [] },
  { at: 'libraries/app_loguru.py:6', origin: 'loguru', style: 'loguru', format: '{time:YYYY-MM-DD HH:mm:ss.SSS} | {level: <8} | {name}:{function}:{line} - {message}', destinations: [console('sys.stderr')] },
  { at: 'libraries/app_loguru.py:7', origin: 'loguru', style: 'loguru', format: LOGURU_DEFAULT, note: "logger.add without format=: loguru's default (the LOGURU_FORMAT environment variable may change it)", destinations: [file('/var/log/app/loguru.log', 'sink')] },
  { at: 'libraries/app_loguru.py:8', origin: 'loguru', style: 'loguru', format: null, note: 'serialize=True: each line is loguru\'s JSON record ({"text": ..., "record": {...}}), not its format', destinations: [file('/var/log/app/loguru.json', 'sink')] },
  { at: 'libraries/app_loguru.py:9', origin: 'loguru', style: 'loguru', format: '<green>{time}</green> {level} {message} {extra[user]}', destinations: [console('sys.stdout')] },
  // The keys the processors add, event first: TimeStamper's key= named.
  { at: 'libraries/app_structlog.py:10', origin: 'structlog', style: 'json', format: '%(event)s %(level)s %(ts)s', destinations: [console('PrintLogger')] },
  { at: 'libraries/app_structlog.py:14', origin: 'structlog', style: 'logfmt', format: 'ts level event', destinations: [console('PrintLogger')] },
  { at: 'libraries/app_structlog.py:18', origin: 'structlog', style: 'logfmt', format: null, note: "KeyValueRenderer without a literal key_order= writes the keys in the event's own order: give them with --style logfmt", destinations: [{ kind: 'unknown', handler: 'structlog.stdlib.LoggerFactory', note: 'the logger_factory decides where it writes: not read' }] },
  // structlog's default chain: the structlog-console preset's keys and time, which `--from` and `--emit` then read.
  { at: 'libraries/app_structlog.py:22', origin: 'structlog', style: 'structlog-console', format: 'timestamp level event', datefmt: '%Y-%m-%d %H:%M:%S', note: "structlog's default processors: ConsoleRenderer's lines, as --preset structlog-console reads them", destinations: [console('PrintLogger')] },
];

describe('scan: loguru, structlog, python-json-logger and gunicorn configs (fixtures/scan)', () => {
  const found = scan(SCAN).filter((s) => /^(?:libraries|gunicorn-app)\//u.test(s.file));

  it("structlog's default chain, read with --from FILE#ConsoleRenderer, checks structlog's own lines as --preset structlog-console does", () => {
    const log = join(FIXTURES, 'presets', 'structlog-console.log');
    const [from, preset] = [cli(['check', '--from', `${join(SCAN, 'libraries', 'app_structlog.py')}#ConsoleRenderer`, '--json', log]), cli(['check', '--preset', 'structlog-console', '--json', log])];
    expect([from.status, from.stdout]).toEqual([0, preset.stdout]);
  });
  it('finds each with its style, and nothing else', () => {
    expect(found.map((s) => `${s.file}:${s.line}`)).toEqual(EXPECTED.map((e) => e.at));
  });

  it.each(EXPECTED)('$at', ({ at, origin, style, format, datefmt = null, note = null, destinations }) => {
    const s = found.find((f) => `${f.file}:${f.line}` === at)!;
    expect({ origin: s.origin, style: s.style, format: s.format, datefmt: s.datefmt, note: s.note, destinations: s.destinations }).toEqual({ origin, style, format, datefmt, note, destinations });
    expect(s.lints).toEqual([]);
  });

  it('--from gunicorn.conf.py gives style gunicorn without --style, and check parses a real access log with it', () => {
    const gen = cli(['gen', '--from', join(SCAN, 'gunicorn-app', 'gunicorn.conf.py'), '--json']);
    expect(gen.status, gen.stderr).toBe(0);
    expect(JSON.parse(gen.stdout)).toMatchObject({ style: 'gunicorn', format: '%(h)s %(t)s "%(r)s" %(s)s %(b)s %(D)s "%({x-request-id}i)s"' });
    const check = cli(['check', '--from', join(SCAN, 'gunicorn-app', 'gunicorn_defaults.conf.py'), join(FIXTURES, 'gunicorn', 'default.log')]);
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toContain('17 records in 17 lines: 17 matched, 0 failed');
  });

  it('--emit writes a gunicorn access log config from its accesslog path, and a JSON log\'s with the agent\'s JSON parser', () => {
    const run = cli(['scan', SCAN, '--emit', 'vector']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('/var/log/gunicorn/access.log');
    expect(run.stdout).toContain('/var/log/app/loguru.log');
    expect(run.stdout).toContain('/var/log/app/app.json');
    expect(run.stdout).toContain('parse_json');
  });
});

describe('formats read through names, calls and defaults (fixtures/scan/constructs)', () => {
  it('constants a call reads are reported once, where it reads them; a default given by a call is noted; **kwargs is noted', () => {
    expect(scan(join(SCAN, 'constructs')).map((s) => [s.line, s.origin, s.name, s.format, s.datefmt, s.style, s.note])).toEqual([
      [8, 'constant', 'ENV_FORMAT', '%(levelname)s %(message)s', null, '%', 'the default of os.environ.get(...): it may be given another at run time'],
      [16, 'Formatter', null, '[%(process)d] %(levelname)s %(message)s', '%Y-%m-%d %H:%M:%S', '%', null],
      [20, 'basicConfig', null, '{levelname}:{name}:{message}', null, '{', 'basicConfig() without format=: logging.BASIC_FORMAT'],
      [21, 'basicConfig', null, null, null, '%', "basicConfig's arguments are built at run time (**kwargs): not read"],
      [24, 'dictConfig', 'plain', '%(asctime)s %(levelname)s %(name)s: %(message)s', '%Y-%m-%d %H:%M:%S', '%', null],
    ]);
  });
});

describe("a project's own Formatter subclass, defined in another of its modules", () => {
  it('is resolved through the imports, by scan and by --from on the one file that uses it', () => {
    expect(scan(join(SCAN, 'project')).map((s) => `${s.file}:${s.line} ${s.format}`)).toEqual(['myapp/app.py:9 %(asctime)s %(levelname)s request %(message)s']);
    const gen = cli(['gen', '--from', join(SCAN, 'project', 'myapp', 'app.py'), '--json']);
    expect(gen.status, gen.stderr).toBe(0);
    expect(JSON.parse(gen.stdout)).toMatchObject({ format: '%(asctime)s %(levelname)s request %(message)s', style: '%' });
  });
});

const newest = pythons().find((p) => /^3\.1[3-9]\./u.test(p.version));

describe('the reader parses with the newest Python there is', () => {
  it.skipIf(newest === undefined)('a file only Python 3.13 parses (PEP 696 type parameter default) is read, not a SyntaxError', () => {
    const run = cli(['scan', join(SCAN, 'py313')]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('app.py:9  %  "%(asctime)s py313 %(message)s"');
  });
});
