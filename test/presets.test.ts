/**
 * Presets (src/core/presets.ts), as a user runs them. Each preset is proven three ways: its formatters
 * are the ones Python held when the real framework logged (fixtures/frameworks, captured by
 * scripts/capture_frameworks.py), and `check --preset` on that capture gives the records Python wrote;
 * each cited source, imported from the installed framework by Debian's Python, gives the same format,
 * style and datefmt; and `--preset` gives what `--from` gives for a dictConfig holding the same
 * formatters, on every command.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COLLECTOR_NAMES, PRESETS, STYLES, type PresetName } from '../src/core/index.js';
import { cli } from './support/cli.js';
import { FIXTURES } from './support/corpus.js';
import { loadFrameworks, splitsUnderHeadless, type FrameworkCase } from './support/frameworks.js';
import { describeHarness, toolProbe } from './support/harness.js';

interface Row { name: string; style: string; format: string; datefmt: string | null; source: string }

const listed = cli(['presets', '--json']);
const rows = JSON.parse(listed.stdout) as Row[];
const names = [...new Set(rows.map((r) => r.name))];
const rowsOf = (name: string) => rows.filter((r) => r.name === name);

describe('pylogrx presets', () => {
  it('--json: one {name, style, format, datefmt, source} per formatter, in the table\'s order', () => {
    expect(listed.status, listed.stderr).toBe(0);
    for (const r of rows) expect(Object.keys(r)).toEqual(['name', 'style', 'format', 'datefmt', 'source']);
    expect(rows.map((r) => r.name)).toEqual(PRESETS.flatMap((p) => p.formatters.map(() => p.name)));
    expect(names).toEqual(['gunicorn', 'gunicorn-access', 'uvicorn', 'uvicorn-access', 'django-runserver', 'flask-dev', 'celery-worker', 'celery-task', 'tornado', 'scrapy', 'basicConfig', 'airflow', 'structlog-console', 'loguru-default']);
  });
  it('lists each preset with its formats as flags, its datefmt and its source; NAME#KEY where it has several', () => {
    const text = cli(['presets']).stdout;
    for (const p of PRESETS) {
      expect(text).toContain(`${p.name}: ${p.description}`);
      for (const f of p.formatters) {
        const datefmt = f.datefmt === null ? '' : ` --datefmt '${f.datefmt}'`;
        // Every line printed is flags the CLI takes: a preset's own front end, or its class's own asctime, is named by --preset.
        const flags = 'formatTime' in f ? `--preset ${p.name} (--style '${f.style}' '${f.format}'${datefmt}, asctime '%Y-%m-%dT%H:%M:%S.mmm%z')`
          : (STYLES as readonly string[]).includes(f.style) ? `--style '${f.style}' '${f.format}'${datefmt}` : `--preset ${p.name} (its own reader of '${f.format}'${datefmt})`;
        expect(text).toContain(`${p.formatters.length > 1 ? `${p.name}#${f.key}: ` : ''}${flags}\n    ${f.source}\n`);
      }
    }
  });
});

/**
 * Presets proven on their own captures (fixtures/presets), field by field: another library's style, or a
 * Formatter class of a framework Debian does not have (airflow: scripts/capture_presets.py says how).
 */
const OWN_CAPTURE = ['gunicorn-access', 'structlog-console', 'loguru-default', 'airflow'] as const satisfies readonly PresetName[];
type OwnCapture = (typeof OWN_CAPTURE)[number];
const LOGGING_PRESETS = names.filter((n) => !(OWN_CAPTURE as readonly string[]).includes(n));
/** Not installable here (no Debian package, no PyPI): the cited source cannot be imported. */
const NOT_IN_DEBIAN: readonly PresetName[] = ['airflow'];

/** The capture each logging preset is proven on. */
const FIXTURE_OF = {
  gunicorn: ['gunicorn', 'hypercorn'],
  uvicorn: ['uvicorn'],
  'uvicorn-access': ['uvicorn'],
  'django-runserver': ['django'],
  'flask-dev': ['flask'],
  'celery-worker': ['celery'],
  'celery-task': ['celery'],
  tornado: ['tornado'],
  scrapy: ['scrapy'],
  basicConfig: ['aiohttp', 'waitress'],
} as const satisfies Record<Exclude<PresetName, OwnCapture>, readonly string[]>;

const frameworks = new Map(loadFrameworks().map((c) => [c.framework, c]));

interface JsonRecord { line: number; end_line: number; matched: boolean; kind: string; format?: number }

/**
 * `check --preset NAME --json` on the capture, with the capture's other formatters as `--format` (Python's
 * last-resort '%(message)s' for the app's own loggers; uvicorn's own messages beside its access log): each
 * record Python wrote is one matched record of its formatter, from its first line through its last, glued
 * onto no other record but lines no formatter wrote.
 */
function expectPresetRecords(name: string, c: FrameworkCase): void {
  const preset = rowsOf(name);
  const others = c.formats.filter((f) => !preset.some((r) => r.format === f.fmt));
  const formats = [...preset.map((r) => r.format), ...others.map((f) => f.fmt)];
  const run = cli(['check', '--preset', name, ...others.flatMap((f) => ['--format', f.fmt]), '--json', join(FIXTURES, 'frameworks', `${c.framework}.log`)]);
  expect(run.status, run.stderr).not.toBe(2);
  const objects = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as JsonRecord);
  const at = new Map(objects.map((o) => [o.line, o]));
  const other = new Set(c.other);
  for (const r of c.records) {
    const got = at.get(r.line);
    const label = `${name} on ${c.framework}.log, the record at line ${r.line}: ${JSON.stringify(r.text.slice(0, 100))}`;
    expect(got && [got.matched, got.kind, formats[(got.format ?? 1) - 1]], label).toEqual([true, 'record', c.formats[r.format]!.fmt]);
    if (!splitsUnderHeadless(c.formats, r)) expect(got!.end_line, `${label}: its last line`).toBeGreaterThanOrEqual(r.end_line);
    for (let n = r.end_line + 1; n <= got!.end_line; n++) expect(other.has(n), `${label}: line ${n}, another record's, is glued onto it`).toBe(true);
  }
}

describe('each preset is what the real framework wrote through (fixtures/frameworks)', () => {
  const cases = Object.entries(FIXTURE_OF).flatMap(([name, fws]) => fws.map((fw) => [name, fw] as const));
  it.each(cases)('%s: its formatters are ones %s logged through, as Python held them', (name, fw) => {
    const held = frameworks.get(fw)!.formats.map((f) => ({ format: f.fmt, style: f.style, datefmt: f.datefmt }));
    for (const r of rowsOf(name)) expect(held).toContainEqual({ format: r.format, style: r.style, datefmt: r.datefmt });
  });
  it.each(cases)('check --preset %s gives the records of %s.log, each whole, in its formatter', (name, fw) => expectPresetRecords(name, frameworks.get(fw)!));
  it('where the preset is all the framework wrote through, the capture needs nothing else', () => {
    for (const [name, fw] of [['django-runserver', 'django'], ['flask-dev', 'flask'], ['celery-worker', 'celery'], ['tornado', 'tornado'], ['scrapy', 'scrapy']] as const) {
      expect(frameworks.get(fw)!.formats.map((f) => f.fmt).sort(), name).toEqual(rowsOf(name).map((r) => r.format).sort());
    }
  });
});

/**
 * Each cited source, evaluated in the installed package by Debian's Python: [format, style, datefmt], and
 * whether the cited file defines the cited name. Keyed by the citation, so a changed citation needs its
 * reader here.
 */
const READ_SOURCE = String.raw`
import importlib, json, logging, os, re, sys
STYLE = {logging.PercentStyle: '%', logging.StrFormatStyle: '{', logging.StringTemplateStyle: '$'}
def held(formatter): return [formatter._fmt, STYLE[type(formatter._style)], formatter.datefmt]
def unformatted(handler):
    assert handler.formatter is None
    return held(logging._defaultFormatter)  # what Handler.format uses without a formatter
def gunicorn():
    g = importlib.import_module('gunicorn.glogging')
    generic = g.CONFIG_DEFAULTS['formatters']['generic']
    assert [generic['format'], generic['datefmt']] == [g.Logger.error_fmt, g.Logger.datefmt]
    return [g.Logger.error_fmt, '%', g.Logger.datefmt]
def uvicorn(key):
    f = importlib.import_module('uvicorn.config').LOGGING_CONFIG['formatters'][key]
    return [f['fmt'], f.get('style', '%'), f.get('datefmt')]
def django_logging(): return importlib.import_module('django.utils.log').DEFAULT_LOGGING
def django_server():
    f = django_logging()['formatters']['django.server']
    return [f['format'], f['style'], f.get('datefmt')]
def django_console():
    assert 'formatter' not in django_logging()['handlers']['console']
    return held(logging._defaultFormatter)
def celery(constant, setting):
    d = importlib.import_module('celery.app.defaults')
    assert d.NAMESPACES['worker'][setting].default == getattr(d, constant)
    return [getattr(d, constant), '%', None]
def tornado():
    f = importlib.import_module('tornado.log').LogFormatter
    return [f.DEFAULT_FORMAT, '%', f.DEFAULT_DATE_FORMAT]
def scrapy():
    s = importlib.import_module('scrapy.settings.default_settings')
    return [s.LOG_FORMAT, '%', s.LOG_DATEFORMAT]
def basic_config():
    logging.root.handlers.clear()
    logging.basicConfig()
    assert logging.BASIC_FORMAT == logging.root.handlers[0].formatter._fmt
    return held(logging.root.handlers[0].formatter)
def gunicorn_access():
    return [importlib.import_module('gunicorn.config').AccessLogFormat.default, 'gunicorn', None]
def loguru_default():
    return [importlib.import_module('loguru._defaults').LOGURU_FORMAT, 'loguru', None]
def structlog_console():
    # The default chain: add_log_level's level, TimeStamper's key and fmt, then ConsoleRenderer.
    structlog = importlib.import_module('structlog')
    chain = importlib.import_module('structlog._config')._BUILTIN_DEFAULT_PROCESSORS
    stamper = next(p for p in chain if isinstance(p, structlog.processors.TimeStamper))
    assert isinstance(chain[-1], structlog.dev.ConsoleRenderer) and structlog.processors.add_log_level in chain
    assert chain[-1]._pad_event == 30 and chain[-1]._sort_keys and not stamper.utc
    return [' '.join([stamper.key, 'level', chain[-1]._event_key]), 'structlog-console', stamper.fmt]
READERS = {
    'gunicorn/config.py AccessLogFormat.default': gunicorn_access,
    'loguru/_defaults.py LOGURU_FORMAT': loguru_default,
    'structlog/_config.py _BUILTIN_DEFAULT_PROCESSORS (TimeStamper(fmt="%Y-%m-%d %H:%M:%S")), structlog/dev.py ConsoleRenderer': structlog_console,
    'gunicorn/glogging.py Logger.error_fmt, Logger.datefmt (= CONFIG_DEFAULTS formatters.generic)': gunicorn,
    'uvicorn/config.py LOGGING_CONFIG formatters.default': lambda: uvicorn('default'),
    'uvicorn/config.py LOGGING_CONFIG formatters.access': lambda: uvicorn('access'),
    "django/utils/log.py DEFAULT_LOGGING formatters['django.server']": django_server,
    'django/utils/log.py DEFAULT_LOGGING handlers.console (no formatter)': django_console,
    'werkzeug/_internal.py _log: _ColorStreamHandler() (no formatter)': lambda: unformatted(importlib.import_module('werkzeug._internal')._ColorStreamHandler()),
    'flask/logging.py default_handler': lambda: held(importlib.import_module('flask.logging').default_handler.formatter),
    'celery/app/defaults.py DEFAULT_PROCESS_LOG_FMT (worker_log_format)': lambda: celery('DEFAULT_PROCESS_LOG_FMT', 'log_format'),
    'celery/app/defaults.py DEFAULT_TASK_LOG_FMT (worker_task_log_format)': lambda: celery('DEFAULT_TASK_LOG_FMT', 'task_log_format'),
    'tornado/log.py LogFormatter.DEFAULT_FORMAT, LogFormatter.DEFAULT_DATE_FORMAT': tornado,
    'scrapy/settings/default_settings.py LOG_FORMAT, LOG_DATEFORMAT': scrapy,
    'logging/__init__.py BASIC_FORMAT (CPython)': basic_config,
}
def defines(source):
    path, name = source.split(' ')[:2]
    package, rest = path.split('/', 1)
    file = os.path.join(os.path.dirname(importlib.import_module(package).__file__), rest)
    identifier = re.match(r'\w+', name).group(0)
    return re.search(r'^\s*(?:def |class )?' + identifier + r'\b', open(file).read(), re.M) is not None
out = {}
for source in json.load(sys.stdin):
    out[source] = {'held': READERS[source]() if source in READERS else None, 'defines': defines(source)}
print(json.dumps(out))
`;

/**
 * fixtures/presets/NAME.{log,json} (scripts/capture_presets.py): what the library printed in its defaults,
 * and per record its lines and the text each field printed. `check --preset NAME --json` must give each
 * record from its first line to its last, with exactly those texts under the library's names.
 */
interface Capture { format: string; records: { line: number; end_line: number; fields: Record<string, string> }[] }

describe('each preset of another style gives what its library printed, field by field (fixtures/presets)', () => {
  it.each(OWN_CAPTURE)('check --preset %s', (name) => {
    const file = join(FIXTURES, 'presets', `${name}.json`);
    const capture = JSON.parse(readFileSync(file, 'utf8')) as Capture;
    expect(rowsOf(name).map((r) => r.format)).toEqual([capture.format]);
    const run = cli(['check', '--preset', name, '--json', file.replace(/json$/u, 'log')]);
    expect(run.status, run.stderr).toBe(0);
    const got = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as JsonRecord & { fields: Record<string, string> });
    expect(got.map((r) => ({ line: r.line, end_line: r.end_line, fields: r.fields }))).toEqual(capture.records);
  });
});

/**
 * uvicorn with colour on (scripts/capture_uvicorn.py: `--use-colors`, hostile requests, every status class,
 * tracebacks): `check --preset uvicorn` gives every record whole, in its formatter, with the exact text
 * uvicorn filled each field with, escape codes and all.
 */
describe('check --preset uvicorn on uvicorn with colour on (fixtures/presets/uvicorn-colors)', () => {
  const file = join(FIXTURES, 'presets', 'uvicorn-colors.json');
  const capture = JSON.parse(readFileSync(file, 'utf8')) as { formats: string[]; records: (Capture['records'][number] & { format: number })[] };
  const run = cli(['check', '--preset', 'uvicorn', '--json', file.replace(/json$/u, 'log')]);
  const got = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as JsonRecord & { fields: Record<string, string> });
  const formats = rowsOf('uvicorn').map((r) => r.format);
  it('every record matched', () => expect(run.status, run.stderr).toBe(0));
  it.each(capture.records.map((r) => [r.line, r] as const))('the record at line %i', (_, r) => {
    const record = got.find((g) => g.line === r.line);
    expect(record && { line: record.line, end_line: record.end_line, format: formats[record.format! - 1], fields: record.fields })
      .toEqual({ line: r.line, end_line: r.end_line, format: capture.formats[r.format], fields: r.fields });
  });
  it('no other records', () => expect(got).toHaveLength(capture.records.length));
});

const DEBIAN_PYTHON = '/usr/bin/python3';
const frameworksProbe = toolProbe('a framework', () => spawnSync(DEBIAN_PYTHON, ['-c', 'import gunicorn, uvicorn, django, flask, werkzeug, celery, tornado, scrapy, loguru']).status === 0,
  'python3 gunicorn python3-uvicorn python3-django python3-flask python3-werkzeug python3-celery python3-tornado python3-scrapy python3-loguru');

describeHarness('each preset is what its cited source sets (the installed frameworks)', frameworksProbe, () => {
  const cited = rows.filter((r) => !NOT_IN_DEBIAN.includes(r.name as PresetName));
  const sources = [...new Set(cited.map((r) => r.source))];
  const run = spawnSync(DEBIAN_PYTHON, ['-c', READ_SOURCE], { input: JSON.stringify(sources), encoding: 'utf8' });
  const read = (run.status === 0 ? JSON.parse(run.stdout) : {}) as Record<string, { held: [string, string, string | null] | null; defines: boolean }>;
  it('reads every source', () => expect(run.status, run.stderr).toBe(0));
  it.each(cited.map((r) => [`${r.name}: ${r.source}`, r] as const))('%s', (_, r) => {
    expect(read[r.source], 'a reader in READ_SOURCE for this citation').toMatchObject({ defines: true });
    expect(read[r.source]!.held).toEqual([r.format, r.style, r.datefmt]);
  });
});

describe('--preset gives what --from gives for a dictConfig of the same formatters, on every command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pylogrx-presets-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  /** The preset's formatters as a dictConfig JSON file, named f1, f2...: the `--from` it stands for. */
  const configOf = (name: string) => {
    const file = join(dir, `${name}.json`);
    const formatters = Object.fromEntries(rowsOf(name).map((r, i) => [`f${i + 1}`, { format: r.format, style: r.style, ...(r.datefmt === null ? {} : { datefmt: r.datefmt }) }]));
    writeFileSync(file, JSON.stringify({ version: 1, formatters }));
    return file;
  };
  const same = (preset: string[], from: string[]) => {
    const [a, b] = [cli(preset), cli(from)];
    expect([a.status, a.stdout], a.stderr).toEqual([b.status, b.stdout]);
    expect(a.status, a.stderr).toBe(0);
  };
  // A dictConfig holds logging formatters only.
  const formatters = LOGGING_PRESETS.flatMap((name) => rowsOf(name).map((_, i) => [name, i + 1] as const));
  it.each(formatters)('gen --preset %s, formatter %i, --json', (name, i) => {
    same(['gen', '--preset', rowsOf(name).length > 1 ? `${name}#${i}` : name, '--json'], ['gen', '--from', `${configOf(name)}#f${i}`, '--json']);
  });
  // One of a style of its own and several formats, one with a datefmt, on every collector.
  it.each(COLLECTOR_NAMES.flatMap((target) => (['django-runserver', 'gunicorn'] as const).map((name) => [target, name] as const)))('%s --preset %s', (target, name) => {
    // lnav's definition carries sample lines, which it reads from a log of the format.
    const sample = target === 'lnav' ? ['--sample', join(FIXTURES, 'frameworks', `${FIXTURE_OF[name][0]}.log`)] : [];
    same([target, '--preset', name, ...sample], [target, '--from', configOf(name), ...sample]);
  });
  it('check --preset and --from: the same records and summary', () => {
    const log = join(FIXTURES, 'frameworks', 'django.log');
    for (const flags of [[], ['--json']]) {
      const [a, b] = [cli(['check', '--preset', 'django-runserver', ...flags, log]), cli(['check', '--from', configOf('django-runserver'), ...flags, log])];
      expect([a.status, a.stdout, a.stderr.split('\n').filter((l) => !l.includes('.json'))]).toEqual([b.status, b.stdout, b.stderr.split('\n').filter((l) => !l.includes('.json'))]);
    }
  });
});

describe("airflow: TimezoneAware's asctime, which no datefmt gives", () => {
  const log = join(FIXTURES, 'presets', 'airflow.log');
  it('check --typed reads it as ISO 8601, milliseconds and offset kept', () => {
    const run = cli(['check', '--preset', 'airflow', '--json', '--typed', log]);
    const first = JSON.parse(run.stdout.split('\n')[0]!) as { fields: Record<string, unknown> };
    const printed = (JSON.parse(readFileSync(log.replace(/log$/u, 'json'), 'utf8')) as Capture).records[0]!.fields;
    expect(printed.asctime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}-0330$/u);
    expect(first.fields).toMatchObject({ asctime: printed.asctime!.replace(/-0330$/u, '-03:30'), lineno: Number(printed.lineno) });
  });
  it('a formatter given a datefmt: TimezoneAware adds the milliseconds and the zone after it too (fixtures/presets/airflow-datefmt)', () => {
    const capture = JSON.parse(readFileSync(join(FIXTURES, 'presets', 'airflow-datefmt.json'), 'utf8')) as Capture & { datefmt: string };
    const run = cli(['check', '--preset', 'airflow', '--datefmt', capture.datefmt, '--json', join(FIXTURES, 'presets', 'airflow-datefmt.log')]);
    expect(run.status, run.stderr).toBe(0);
    const got = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Capture['records'][number]);
    expect(got.map((r) => ({ line: r.line, end_line: r.end_line, fields: r.fields }))).toEqual(capture.records);
  });
  it('--datefmt %s: the milliseconds and zone after the epoch keep it from the collectors\' epoch layouts, and --typed keeps the milliseconds', () => {
    const line = '[1700000000.473-0330] {a.py:1} INFO - x\n';
    const typed = cli(['check', '--preset', 'airflow', '--datefmt', '%s', '--json', '--typed'], { input: line });
    expect((JSON.parse(typed.stdout) as { fields: { asctime: string } }).fields.asctime).toBe('2023-11-14T22:13:20.473Z');
    for (const [target, epoch, warned] of [['alloy', /format += "Unix"/u, /no time is parsed/u], ['otel', /layout_type: epoch/u, /no time is parsed/u], ['logstash', /"UNIX"/u, /_dateparsefailure/u]] as const) {
      const run = cli([target, '--preset', 'airflow', '--datefmt', '%s']);
      expect(run.stdout, target).not.toMatch(epoch);
      expect(run.stderr, target).toMatch(warned);
    }
    expect(cli(['alloy', '--datefmt', '%s', '%(asctime)s %(message)s']).stdout).toMatch(/format += "Unix"/u);
  });
  it('gen --json describes it, and a given --datefmt keeps the milliseconds and the zone after it', () => {
    const field = (args: string[]) => (JSON.parse(cli(['gen', '--preset', 'airflow', ...args, '--json']).stdout) as { fields: { timeFormat?: string; sample: string }[] }).fields[0]!;
    expect(field([])).toMatchObject({ timeFormat: '%Y-%m-%dT%H:%M:%S.mmm%z', sample: '2024-05-09T08:35:25.123+0000' });
    expect(field(['--datefmt', '%H:%M:%S'])).toMatchObject({ timeFormat: '%H:%M:%S.mmm%z' });
  });
});

describe('--preset on the command line', () => {
  const GUNICORN = rowsOf('gunicorn')[0]!;
  const genJson = (args: string[]) => JSON.parse(cli(['gen', ...args, '--json']).stdout) as { format: string; style: string; datefmt: string | null };
  it("--style and --datefmt given on the command line win over the preset's", () => {
    expect(genJson(['--preset', 'gunicorn', '--datefmt', '%H:%M:%S'])).toMatchObject({ format: GUNICORN.format, style: '%', datefmt: '%H:%M:%S' });
    expect(genJson(['--preset', 'django-runserver#server'])).toMatchObject({ style: '{' });
    expect(cli(['gen', '--preset', 'django-runserver#server', '--style', '%']).status).toBe(2); // '[{server_time}] {message}' has no %-style field
  });
  it('NAME#KEY and NAME#N choose a formatter; check takes several', () => {
    const access = rowsOf('uvicorn')[1]!.format;
    expect(genJson(['--preset', 'uvicorn#access']).format).toBe(access);
    expect(genJson(['--preset', 'uvicorn#2']).format).toBe(access);
    const run = cli(['check', '--preset', 'celery-worker#task,worker', '--json'], { input: '[2024-05-09 08:35:25,041: INFO/MainProcess] tasks.add[0f1e]: done\n' });
    expect(JSON.parse(run.stdout)).toMatchObject({ matched: true, format: 1 });
  });
  it.each([
    [['gen', '--preset', 'flask-dev'], "pylogrx: error: preset flask-dev has 2 formatters and this command takes one: choose flask-dev#werkzeug, flask-dev#app"],
    [['gen', '--preset', 'flask-dev#werkzeug,app'], 'pylogrx: error: flask-dev#werkzeug,app: this command takes one format; name one formatter (flask-dev#werkzeug, flask-dev#app)'],
    [['gen', '--preset', 'flask-dev#debug'], "pylogrx: error: preset flask-dev has no formatter 'debug': it has flask-dev#werkzeug, flask-dev#app"],
    [['gen', '%(message)s', '--preset', 'gunicorn'], 'pylogrx: error: --preset stands for the format: give it without a format argument'],
    [['check', '%(message)s', '--preset', 'gunicorn', '-'], 'pylogrx: error: --preset stands for the format: give it without a format argument'],
    [['vector', '--from', 'logging.ini', '--preset', 'gunicorn'], 'pylogrx: error: --preset stands for the format: give it without --from'],
  ])('%j: exit 2, one line', (args, message) => {
    const run = cli(args, { input: '' });
    expect([run.status, run.stdout, run.stderr]).toEqual([2, '', `${message}\n`]);
  });
  it.each([
    ['gunicron', 'gunicorn'],
    ['django', 'django-runserver'],
    ['basicconfig', 'basicConfig'],
    ['celery', 'celery-worker or celery-task'],
    ['flask', 'flask-dev'],
  ])('an unknown name (%s): exit 2, did you mean %s, and every name', (given, meant) => {
    const run = cli(['gen', '--preset', given]);
    expect([run.status, run.stderr]).toEqual([2, `pylogrx: error: no preset '${given}'; did you mean ${meant}? Presets: ${names.join(', ')}\n`]);
  });
  it('a name near none: every name, no guess', () => {
    expect(cli(['otel', '--preset', 'nginx']).stderr).toBe(`pylogrx: error: no preset 'nginx'. Presets: ${names.join(', ')}\n`);
  });
});
