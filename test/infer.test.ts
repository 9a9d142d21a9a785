/** `pylogrx infer` and `--infer`: the CLI's output, its --json contract, and the real frameworks' logs. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datefmtsFor } from '../src/core/datefmt-guess.js';
import { inferFormat } from '../src/core/index.js';
import { cli } from './support/cli.js';
import { FIXTURES, loadCorpus } from './support/corpus.js';
import { loadFrameworks } from './support/frameworks.js';
import { renderInfer } from './support/infer-render.js';

const corpus = loadCorpus();
const logOf = (id: string) => `${corpus.find((c) => c.id === id)!.lines.map((l) => l.text).join('\n')}\n`;

describe('pylogrx infer', () => {
  it('prints the format, style and datefmt one per line, then the coverage', () => {
    const run = cli(['infer'], { input: logOf('scrapy-default') });
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n').slice(0, 5)).toEqual([
      'format  %(asctime)s [%(name)s] %(levelname)s: %(message)s',
      'style   %',
      'datefmt %Y-%m-%d %H:%M:%S',
      'records 47/47 matched, fields: asctime name levelname message',
      'known   scrapy#default',
    ]);
  });

  it('--json has exactly the contract keys, best first', () => {
    for (const via of ['pipe', 'file', 'redirect'] as const) {
      const run = cli(['infer', '--json'], { input: logOf('seed-simple'), via });
      expect(run.status).toBe(0);
      const out = JSON.parse(run.stdout) as { candidates: Record<string, unknown>[]; unexplained: number[] };
      expect(Object.keys(out)).toEqual(['candidates', 'unexplained']);
      expect(out.candidates[0]).toEqual({ format: '%(asctime)s - %(filename)s:%(lineno)s - %(name)s - %(message)s', style: '%', datefmt: null, matched: 47, records: 47, guessed: [] });
      expect(out.unexplained).toEqual([]);
    }
  });

  it('infers a format no table holds, naming the guesses', () => {
    const lines = Array.from({ length: 60 }, (_, i) =>
      `2024-05-${String(10 + (i % 20)).padStart(2, '0')} 08:35:${String(i % 60).padStart(2, '0')}.${String((i * 37) % 1000).padStart(3, '0')} ${['INFO', 'WARNING', 'ERROR'][i % 3]!.padEnd(7)} <${['app.db', 'app.web', 'root'][i % 3]}> pid=4242 ${['connected', 'GET /x 200', 'retrying [2/5]', 'done: ok'][i % 4]}`);
    const run = cli(['infer', '--json'], { input: `${lines.join('\n')}\n` });
    const out = JSON.parse(run.stdout) as { candidates: { format: string; datefmt: string; matched: number; guessed: string[] }[] };
    expect(out.candidates[0]).toMatchObject({ format: '%(asctime)s.%(msecs)03d %(levelname)-7s <%(name)s> pid=%(process)d %(message)s', datefmt: '%Y-%m-%d %H:%M:%S', matched: 60 });
  });

  /** 16 hex digits that vary in every place: n times an odd constant, mod 2^64. */
  const hex64 = (n: number, k: bigint) => BigInt.asUintN(64, BigInt(n) * k).toString(16).padStart(16, '0');
  it.each([
    // 32 hex digits: a request_id; an IPv4 address: an ip. Named from their values, so listed as guessed.
    ['a request id', (i: number) => `${hex64(i + 1, 0x9e3779b97f4a7c15n)}${hex64(i + 7, 0xc2b2ae3d27d4eb4fn)} ${['INFO', 'WARNING', 'ERROR'][i % 3]} ${['connected', 'GET /x 200', 'retrying [2/5]'][i % 3]}`, '%(request_id)s %(levelname)s %(message)s', ['request_id']],
    ['an address', (i: number) => `10.0.${i % 7}.${(i * 37) % 250 + 1} ${['INFO', 'WARNING', 'ERROR'][i % 3]} ${['connected', 'GET /x 200', 'retrying [2/5]', 'done'][i % 4]}`, '%(ip)s %(levelname)s %(message)s', ['ip']],
  ] as const)('an extra= field named after what it holds is guessed: %s', (_, line, format, guessed) => {
    const run = cli(['infer', '--json'], { input: `${Array.from({ length: 60 }, (_, i) => line(i)).join('\n')}\n` });
    expect((JSON.parse(run.stdout) as { candidates: { format: string; guessed: string[] }[] }).candidates[0]).toMatchObject({ format, guessed });
  });

  it('messages from a few templates stay the message: lines that begin alike are one format, not two', () => {
    const lines = Array.from({ length: 300 }, (_, i) => {
      const message = i % 13 === 3 ? `slow query ${['users', 'orders'][i % 2]}` : i % 17 === 5 ? `worker ${i % 9} died` : `GET /items/${(i * 37) % 999} ${[200, 404][i % 2]}`;
      return `2026-12-02 01:${String(10 + (i % 50)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},${String((i * 7) % 1000).padStart(3, '0')} ${['INFO', 'WARNING', 'ERROR'][i % 3]} app.api: ${message}`;
    });
    const { candidates } = inferFormat(lines);
    expect(candidates.map((c) => [c.format, c.matched])).toEqual([['%(asctime)s %(levelname)s app.api: %(message)s', 300]]);
  });

  // Lines as Python prints them: a time, a level, a logger name or a label, then the message.
  const logged = (n: number, head: (i: number) => string, messages: readonly string[]) =>
    Array.from({ length: n }, (_, i) => `2026-12-02 02:${String(10 + (i % 50)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},${String((i * 7) % 1000).padStart(3, '0')} ${['INFO', 'WARNING', 'ERROR'][i % 3]} ${head(i)}${messages[(i * 5) % messages.length]}`);
  const TEMPLATES = ['connected to db', 'connection lost', 'user alice logged in', 'Done', 'shutting down now', 'GET /x 200', 'retrying in 3s', 'cache miss key=a'];
  it.each([
    ['the first words of messages from a few templates stay the message', (i: number) => `[${['app.db', 'app.web', 'root'][i % 3]}] `, '%(asctime)s %(levelname)s [%(name)s] %(message)s'],
    ['and after a label', (i: number) => `pid=${4000 + (i % 4)} `, '%(asctime)s %(levelname)s pid=%(process)d %(message)s'],
    ['names of one length in brackets are not cut by a precision', (i: number) => `[${['app.api', 'app.web', 'app.svc', 'app.db'][i % 4]}] `, '%(asctime)s %(levelname)s [%(name)s] %(message)s'],
    ['a label names the attribute its values are: thread= before names is the threadName', (i: number) => `thread=${['beta-w', 'gamma-w', 'alpha'][i % 3]} `, '%(asctime)s %(levelname)s thread=%(threadName)s %(message)s'],
    ['a number in a column of its own between a field and the message is a field', (i: number) => `${['MainThread', 'Thread-1 (worker)'][i % 2]} ${(i * 37) % 500} `, '%(asctime)s %(levelname)s %(threadName)s %(lineno)d %(message)s'],
  ] as const)('%s', (_, head, format) => {
    expect(inferFormat(logged(60, head, TEMPLATES)).candidates.map((c) => c.format)).toEqual([format]);
  });

  it('two formats that part at a space and at a colon are two (a space most lines have parts them from punctuation)', () => {
    const lines = Array.from({ length: 40 }, (_, i) => {
      const [level, name, message] = [['INFO', 'WARNING', 'ERROR'][i % 3], ['app.db', 'app.web', 'root'][i % 3], TEMPLATES[(i * 5) % TEMPLATES.length]];
      return i % 10 === 3 ? `${level}:${name}:${message}` : `${level} ${name} ${message}`;
    });
    expect(inferFormat(lines).candidates.map((c) => [c.format, c.matched])).toEqual([['%(levelname)s %(name)s %(message)s', 36], ['%(levelname)s:%(name)s:%(message)s', 4]]);
  });

  it.each([
    ['the few words messages end with after " - " stay the message', (i: number) => `${['app.main', 'app.tasks', 'app.db'][i % 3]} - ${TEMPLATES[(i * 5) % 8]} - ${['ok', 'failed', 'skipped'][i % 3]}`, '%(name)s - %(message)s'],
    ['a template\'s word padded on the right stays the message', (i: number) => `${['INFO', 'WARNING', 'ERROR'][i % 3]} ${['items', 'x', 'users', 'orders'][i % 4]!.padEnd(10)} ${(i * 37) % 100} rows`, '{levelname} {message}'],
    ['a script\'s __main__ before its function is the logger name', (i: number) => `INFO __main__.${['main', '<module>', 'run'][i % 3]}: ${TEMPLATES[i % 8]}`, '%(levelname)s %(name)s.%(funcName)s: %(message)s'],
    // A word ends before a level glued to it, not at the capitals of its own (`HTTP` of `HTTPServer`).
    ['a logger name glued before the level keeps its own capitals', (i: number) => `${['web.HTTPServer', 'web.HTTPClient', 'db.SQLPool', 'ops.ERRORS', 'web.HTTPProxy'][i % 5]}${['INFO', 'WARNING', 'ERROR'][i % 3]} ${TEMPLATES[(i * 7) % 8]}`, '%(name)s%(levelname)s %(message)s'],
  ] as const)('%s', (_, line, format) => {
    expect(inferFormat(Array.from({ length: 20 }, (__, i) => line(i))).candidates.map((c) => c.format)).toEqual([format]);
  });

  // A name with a number glued to it is one field where the numbers run on (`web1` to `web12`, `io_0`) or
  // are padded (`web08`); the first word of a template (`alice logged in`) stays the message's.
  it.each([
    ['numbered hosts', (i: number) => `${['web', 'db'][i % 2]}${(i * 7) % 12 + 1} app.worker: `, '%(asctime)s %(levelname)s %(module)s app.worker: %(message)s'],
    ['numbered hosts, padded', (i: number) => `${['web', 'db'][i % 2]}${String((i * 7) % 12 + 1).padStart(2, '0')} app.worker: `, '%(asctime)s %(levelname)s %(module)s app.worker: %(message)s'],
    ['numbers far apart, padded with zeros', (i: number) => `${['web', 'db'][i % 2]}${String((i * 37) % 1000).padStart(3, '0')} app.worker: `, '%(asctime)s %(levelname)s %(module)s app.worker: %(message)s'],
    ['numbers far apart after a name that ends in _', (i: number) => `${['task_', 'job_'][i % 2]}${(i * 37) % 1000 + 1} app.worker: `, '%(asctime)s %(levelname)s %(module)s app.worker: %(message)s'],
    // (a thread_name_prefix's names are no shape the catalogue knows: named as a word, a guess)
    ['a thread name prefix', (i: number) => `[io_${(i * 7) % 12}] app.worker: `, '%(asctime)s %(levelname)s [%(module)s] app.worker: %(message)s'],
  ] as const)('names with numbers that are part of them: %s', (_, head, format) => {
    expect(inferFormat(logged(200, head, TEMPLATES)).candidates.map((c) => c.format)).toEqual([format]);
  });
  it('a template whose first word varies stays the message (alice joined, bob left)', () => {
    const users = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace'];
    const templates = ['joined', 'left early', 'connected: ok', 'retried (3)', 'failed!', 'paused [2s]', 'was locked'];
    const lines = Array.from({ length: 200 }, (_, i) => `2026-12-02 10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},${String((i * 37) % 1000).padStart(3, '0')} INFO ${users[i % 7]} ${templates[Math.floor(i / 7) % 7]}`);
    expect(inferFormat(lines).candidates.map((c) => c.format)).toEqual(['%(asctime)s %(levelname)s %(message)s']);
  });
  // A log over days: the year is the part that stays (26 to 30 December 2025 as `%d-%m-%y`: 25), though
  // the other reading's year would be later (2026 to 2030).
  it('a two-digit year is the part that changes least across days, before the latest', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `${26 + (i % 5)}-12-25 0${i % 10}:1${i % 6}:2${i % 10} ${['INFO', 'WARNING', 'ERROR'][i % 3]} ${TEMPLATES[i % 8]}`);
    expect(inferFormat(lines).candidates.map((c) => [c.format, c.datefmt])).toEqual([['%(asctime)s %(levelname)s %(message)s', '%d-%m-%y %H:%M:%S']]);
  });
  // Zeros on the right only where every first digit shows: a burst of lines within one second does not say so.
  it('milliseconds of a burst within one second, none starting with 0, are still padded on the left', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `2026-12-02 10:00:00.${120 + i * 2} ${['INFO', 'WARNING', 'ERROR'][i % 3]} ${TEMPLATES[i % 8]}`);
    expect(inferFormat(lines).candidates.map((c) => [c.format, c.style])).toEqual([['%(asctime)s.%(msecs)03d %(levelname)s %(message)s', '%']]);
  });
  it('the year first where the day is last, the month a name between (%y %b %d)', () => {
    expect(datefmtsFor('24 Mar 01 10:00:00').filter((d) => d.endsWith('%S'))).toEqual(['%d %b %y %H:%M:%S', '%y %b %d %H:%M:%S']);
  });

  it('messages that mostly start with a number stay the message', () => {
    const messages = ['12 rows done', '7 users done', 'cache warmed', '301 files done', '45 rows done', '9 users done', '88 files done', '160 rows done'];
    expect(inferFormat(logged(60, () => '', messages)).candidates.map((c) => [c.format, c.matched])).toEqual([['%(asctime)s %(levelname)s %(message)s', 60]]);
  });

  it('--lines stops reading', () => {
    const run = cli(['infer', '--lines', '10', '--json'], { input: logOf('seed-simple') });
    expect((JSON.parse(run.stdout) as { candidates: { records: number }[] }).candidates[0]!.records).toBeLessThanOrEqual(10);
  });

  it('exits 1 and says what the lines share when no format explains them', () => {
    const lines = ['2024-05-09 08:35:25 INFO a', '2024-05-09 08:35:26 ERROR b c', '2024-05-09 08:35:27 WARNING {d}', 'x', 'y = 2', '## z'];
    const run = cli(['infer'], { input: `${lines.join('\n')}\n` });
    expect([run.status, run.stderr]).toEqual([1, 'pylogrx: error: no format explains most of the 6 lines: the lines share no structure from their start\n']);
  });

  it('exits 1 on lines that are all the same text: a format prints at least one field, and nothing varies', () => {
    const run = cli(['infer'], { input: '2[@é           4Y]é=\n'.repeat(40) });
    expect([run.status, run.stderr]).toEqual([1, 'pylogrx: error: no format explains most of the 40 lines: every line is the same text: nothing varies to tell a field from a literal\n']);
  });

  it.each([
    ['an empty input', '', 'no lines to read'],
    ['blank lines and a traceback only', '\n\nTraceback (most recent call last):\n  File "x.py", line 1, in <module>\nValueError: x\n', 'no line can start a record: there are only blank lines and traceback text'],
  ])('exits 1 on %s, and says so', (_, input, said) => {
    const run = cli(['infer'], { input });
    expect([run.status, run.stderr]).toEqual([1, `pylogrx: error: ${said}\n`]);
  });

  it('--infer FILE stands for the format on every command, and stderr names it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pylogrx-infer-'));
    const log = join(dir, 'app.log');
    writeFileSync(log, logOf('flask-default-handler'));
    const run = cli(['gen', '--infer', log]);
    const logtail = cli(['logtail', '--infer', log, '--project', 'p', '--logstore', 'app']);
    const check = cli(['check', '--infer', log, log, '--quiet']);
    // --infer FILE alone: the log checked is FILE. --infer - would leave check nothing to read: refused.
    const checkItself = cli(['check', '--infer', log, '--quiet']);
    const fromStdin = cli(['check', '--infer', '-'], { input: logOf('flask-default-handler') });
    const twoFormats = cli(['gen', '--infer', join(FIXTURES, 'frameworks', 'flask.log')]);
    rmSync(dir, { recursive: true, force: true });
    expect(checkItself.stdout).toBe(check.stdout);
    expect([fromStdin.status, fromStdin.stderr]).toEqual([2, 'pylogrx: error: --infer - reads stdin to infer the format, so check cannot read it again: give the log as a file\n']);
    // gen takes one format: stderr names only the one it uses.
    expect(twoFormats.stderr.match(/inferred /gu)).toHaveLength(1);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('inferred "[%(asctime)s] %(levelname)s in %(module)s: %(message)s"');
    expect(run.stdout).toMatch(/^\^\\\[\(\?<asctime>/u);
    expect(logtail.status).toBe(0);
    expect(logtail.stdout).toContain('processor_parse_regex_native');
    expect(logtail.stderr).toContain('(flask-dev#app): 47/47 records');
    expect(check.status).toBe(0);
    expect(check.stderr + check.stdout).toContain('47 records in 47 lines: 47 matched');
  });
  // basicConfig's default with AUDIT (addLevelName): nothing typed comes before the message, so the level
  // names tell where a record starts, and AUDIT is none of the catalogue's. Infer gives them beside the format.
  it('level names only addLevelName knows come with the format, as --field, where they tell records apart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pylogrx-infer-'));
    const log = join(dir, 'audit.log');
    const rules = JSON.parse(readFileSync(join(FIXTURES, 'infer', 'rules.json'), 'utf8')) as Record<string, string[]>;
    const lines = rules['%(levelname)s:%(name)s:%(message)s']!;
    expect(lines.filter((l) => l.startsWith('AUDIT:'))).toHaveLength(4);
    writeFileSync(log, `${lines.join('\n')}\n`);
    const text = cli(['infer', log]);
    const json = cli(['infer', '--json', log]);
    const check = cli(['check', '--infer', log, '--quiet']);
    const withoutField = cli(['check', '%(levelname)s:%(name)s:%(message)s', log, '--quiet']);
    rmSync(dir, { recursive: true, force: true });
    const levels = String.raw`CRITICAL|FATAL|ERROR|WARNING|WARN|INFO|DEBUG|NOTSET|TRACE|SPAM|VERBOSE|NOTICE|SUCCESS|AUDIT|Level -?\d+`;
    expect(text.stdout.split('\n').slice(3, 6)).toEqual(['records 60/60 matched, fields: levelname name message', 'known   basicConfig#default', `field   levelname=${levels}`]);
    expect((JSON.parse(json.stdout) as { candidates: unknown[] }).candidates[0]).toEqual({ format: '%(levelname)s:%(name)s:%(message)s', style: '%', datefmt: null, matched: 60, records: 60, guessed: [], fields: { levelname: levels } });
    expect(check.stderr).toContain(`--field levelname='${levels}' (basicConfig#default): 60/60 records`);
    expect(check.stdout + check.stderr).toContain('60 records in 60 lines: 60 matched');
    // Without it, check reads each AUDIT line into the record before.
    expect(withoutField.stdout + withoutField.stderr).toContain('56 records in 60 lines: 56 matched');
  });
  // A centred column's format is `{`-style: the note says so, as it must be pasted with style='{'.
  it('--infer names a style other than %', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pylogrx-infer-'));
    const log = join(dir, 'centred.log');
    const rules = JSON.parse(readFileSync(join(FIXTURES, 'infer', 'rules.json'), 'utf8')) as Record<string, string[]>;
    writeFileSync(log, `${rules['{asctime} [{levelname:^8}] {name}: {message}']!.join('\n')}\n`);
    const run = cli(['gen', '--infer', log]);
    rmSync(dir, { recursive: true, force: true });
    expect(run.stderr).toContain(`inferred "{asctime} [{levelname:^8}] {name}: {message}", style '{', datefmt None`);
  });
});

describe('real frameworks: infer names the preset or its formats', () => {
  const expected: Record<string, string[]> = {
    aiohttp: ['basicConfig#default'], celery: ['celery-worker#worker', 'celery-worker#task'], django: ['django-runserver#console', 'django-runserver#server'],
    flask: ['flask-dev#werkzeug', 'flask-dev#app'], gunicorn: ['gunicorn#error', 'gunicorn-access#access'], hypercorn: ['gunicorn#error'],
    scrapy: ['scrapy#default'], tornado: ['tornado#default'], uvicorn: ['uvicorn#default', 'uvicorn#access'], waitress: ['basicConfig#default'],
  };
  // gunicorn's access log is its access_log_format, printed as the message of a `%(message)s` formatter.
  const printedAsMessage = new Set(['gunicorn-access#access']);
  for (const c of loadFrameworks()) {
    it(c.framework, () => {
      const inferred = inferFormat(c.log.split('\n').slice(0, -1));
      expect(inferred.candidates.map((f) => f.known)).toEqual(expected[c.framework]);
      const formats = new Set(c.formats.map((f) => f.fmt));
      for (const f of inferred.candidates) expect(formats.has(f.format) || printedAsMessage.has(f.known!), f.format).toBe(true);
    });
  }
  // Airflow's TimezoneAware asctime (fixtures/presets, a stand-in for Airflow, which Debian lacks): only the preset reads it.
  it('airflow (its own asctime)', () => {
    const lines = readFileSync(join(FIXTURES, 'presets', 'airflow.log'), 'utf8').split('\n').slice(0, -1);
    const [best, ...rest] = inferFormat(lines).candidates;
    expect([best?.known, best?.matched, best?.records, rest]).toEqual(['airflow#default', 9, 9, []]);
    const text = cli(['infer', join(FIXTURES, 'presets', 'airflow.log')]).stdout;
    expect(text).toContain('known   airflow#default\nasctime %Y-%m-%dT%H:%M:%S.mmm%z (its Formatter class\'s: --preset airflow#default)\n');
    const run = cli(['fluentbit', '--infer', join(FIXTURES, 'presets', 'airflow.log')]);
    expect([run.status, /Time_Format +(\S+)/u.exec(run.stdout)?.[1]]).toEqual([0, '%Y-%m-%dT%H:%M:%S.%L%z']);
  });
});

/**
 * The structure reader's rules, each on the lines CPython prints with a format that needs it (the seeded
 * records of scripts/render_infer.py, their first 60; fixtures/infer/rules.json, rewritten by
 * PYLOGRX_UPDATE_INFER=1): infer gives the format back.
 */
const RULES: readonly (readonly [rule: string, format: string, datefmt?: string])[] = [
  ['a number every line has, glued to text, is literal', '43]%(levelname)s %(name)s: %(message)s'],
  ['a pid in brackets stays the process', '[%(process)d] %(levelname)s %(name)s: %(message)s'],
  ['a level name glued to a number, a thread name to digits and letters', '%(created)s%(levelname)s|88%(threadName)sY %(message)s'],
  ['the ending every line has after the message', '%(levelname)s %(message)s={a3'],
  ['numbers that are levels', '9XX%(levelno)d5['],
  ['identifiers with no dot, root or __main__ among them are modules', '%(module)s}=)@'],
  ['what every file name has glued after .py', 'ca%(filename)s8 %(message)s'],
  ['a path ends at .py, whatever is glued after it', 'Y9:%(pathname)sX%(funcName)s3 %(message)s'],
  ['the literal inside a word, between parts that vary', '[%(funcName)s095%(filename)s] %(message)s'],
  ['a 0 glued before a number whose length varies', '0%(lineno)d{ %(message)s'],
  ['the digit glued before a level number', ',4%(levelno)d %(message)s'],
  ['a time after the message, and what is glued around it', '%(levelname)s %(message)s\t1Y1%(asctime)sX:'],
  ['a value in quotes is printed by %r', 'Z11=%(levelname)r %(message)s'],
  ['a field that holds what an earlier one holds is printed again', '[%(msecs)s@%(msecs)s| %(message)s'],
  ['words of one length are cut by a precision', '\t%(module).3s{1 %(message)s'],
  ['a time every line has is never part of the message', 'c%(funcName)s2X%(request_id)s:Y[%(asctime)s'],
  ['a number glued to a character every line has', '}%(levelno)déc %(threadName)s: %(message)s'],
  ['the digits many distinct floats end with are literal', '[%(relativeCreated)s48] %(message)s'],
  ['a fraction glued to letters', '%(relativeCreated)sYx|%(message)s'],
  ['a name glued before an absolute path ends where the path starts', '%(levelname)s %(funcName)s%(pathname)s: %(message)s'],
  ['digits glued before a time since the epoch', '4%(created)s{c| %(message)s'],
  ['a 0 glued before a fraction', '{0%(relativeCreated)s} %(message)s'],
  ['many values like 165.0 are msecs', '%(msecs)s|%(message)s'],
  ['a time glued after a digit every line has', '[%(levelname)s] 9%(asctime)s %(message)s'],
  ['letters before a number with more glued after it', '%(levelname)s Z%(msecs)sx: %(message)s'],
  ['a number with letters glued after it', '%(levelname)s %(levelno)d%(filename)s: %(message)s'],
  ['seconds since the epoch are a time, the digits glued before them literal', '%(levelname)s 7%(asctime)s %(message)s', '%s'],
  ['a level name glued to a logger name ends where the name starts', '%(levelname)s%(name)s %(message)s'],
  ['upper-case words beside known level names are levels too (addLevelName)', '%(levelname)s|%(name)s|%(message)s'],
  ['a process name glued to a path ends where the path starts', '✓YX%(processName)s%(pathname)s9 %(message)s'],
  ['digits glued before a level number, after a level name glued to `Level 17`', '%(levelname)s82%(levelno)d %(message)s'],
  ['a column cut and padded to one width (-6.6s): most names reach it, a short one is whole', '%(levelname)-8s %(name)-6.6s %(message)s'],
  ['the fields after the message, in brackets after a space', '%(levelname)s: %(message)s (%(pathname)s:%(lineno)d)'],
  ['a field after its own label is named by it: an attribute surely, an extra= as a guess', '%(levelname)s request_id=%(request_id)s lineno=%(lineno)d %(message)s'],
  ['fields between brackets are the format\'s, their names guessed or not', '[%(levelname)s] [%(lineno)d] <%(module)s> %(message)s'],
  ['level names cut to their first letter', '%(asctime)s %(levelname).1s %(message)s'],
  ['level names cut and padded to one width', '%(levelname)-5.5s: %(message)s'],
  ['one number beside levels that differ is no level number', '%(levelname).1s <%(process)d> %(message)s'],
  ['a level number printed as a float', '%(levelno)f|%(message)s'],
  ['digits glued after a level number', '[%(levelno)d03] %(message)s'],
  ['the text every line has where the message starts', '[%(levelname)s] 3a9%(message)s'],
  ['a column of words padded on the left, as wide as its widest padded value', '%(levelname)s %(funcName)12s: %(message)s'],
  ['a level name at one place on every line is the record\'s, not the message\'s', '%(filename)s%(funcName)s095%(module)saYaZ%(levelname)s['],
  ['a message padded on the right to one width, before the fields after it', '%(asctime)s %(levelname)-8s %(message)-40s [%(name)s]'],
  ['a message padded on the left: the spaces its long values lack are padding, those they have the literal\'s', '%(levelname)s: %(message)20s|'],
  ['a padded message whose values all stop at one length is cut by a precision', '%(levelname)s: %(message)12.3s|'],
  ['values longer than a padded column print whole, with the separator after them', '%(asctime)s %(name)-12s %(levelname)-8s %(message)s'],
  ['a level column as wide as its widest name', '%(asctime)s | %(levelname)-7s | %(name)s:%(funcName)s:%(lineno)d - %(message)s'],
  ['an absolute path is the pathname (a filename holds no separator)', '[%(asctime)s] {%(pathname)s:%(lineno)d} %(levelname)s - %(message)s'],
  ['a file after a padded message, and the space before a right-aligned column', '%(asctime)s %(levelname)8s %(message)-50s %(filename)s:%(lineno)d'],
  ['a number every line has where it stands alone is the pid, not the start of every message', '%(asctime)s   %(process)d %(message)s'],
  ['a field in brackets after the message', '%(levelname)s %(message)s [%(name)s]'],
  ['a field after the message behind the separator the format uses', '%(asctime)s | %(levelname)s | %(message)s | %(funcName)s'],
  ['a module and its function, told from a logger name by <module>', '%(asctime)s %(levelname)s %(module)s.%(funcName)s: %(message)s'],
  ['one short value padded alike beside longer ones that overflow the column', '%(asctime)s %(threadName)-12s %(levelname)s %(message)s'],
  ['a right-aligned column whose longer values overflow it', '%(levelname)-7s - %(threadName)15s - %(message)s'],
  ['a right-aligned column between spaces is the format\'s, not the message\'s first word', '%(asctime)s %(levelname)s %(module)14s %(message)s'],
  ['a right-aligned column after two spaces keeps both as its separator', '%(asctime)s  %(levelname)5s %(message)s'],
  ['identifiers beside a logger name are the module', '%(asctime)s %(name)s - %(module)14s - %(message)s'],
  ['whole numbers that only grow are milliseconds since logging started', '%(relativeCreated)6d %(threadName)s %(name)s %(message)s'],
  ['many growing times with one count of decimals are cut by a precision', '%(relativeCreated).3f %(levelname)s %(message)s'],
  ['seconds since the epoch before a level are a time, not milliseconds before a thread named INFO', '%(asctime)s %(levelname)s %(message)s', '%s'],
  ['three digits after the time\'s own milliseconds are the milliseconds again', '%(asctime)s.%(msecs)03d %(levelname)s %(message)s'],
  ['the message never starts before a thread id every line has at one place', '%(name)s %(levelname)s %(asctime)s %(module)s %(process)d %(thread)d %(message)s'],
  ['thread names cut and padded to one width between brackets, spaces in them', '%(asctime)s [%(threadName)-12.12s] [%(levelname)-5.5s]  %(message)s'],
  ['a number after a logger name and a colon is its line', '%(levelname)-8s %(asctime)s %(name)s:%(lineno)d %(message)s'],
  ['four digits after a clock are a year only where they can be one: 4242 is a pid', '%(asctime)s %(process)d %(threadName)s %(levelname)s %(name)s: %(message)s', '%H:%M:%S'],
  ['a name between the level and punctuation is the format\'s, not the message\'s first word', '%(asctime)s.%(msecs)03d %(levelname)s %(module)s - %(funcName)s: %(message)s', '%Y-%m-%d %H:%M:%S'],
  ['a function between the level and a colon', '%(levelname)s %(funcName)s: %(message)s'],
  ['numbers padded with zeros to one width, a pid alike on every line too', '%(asctime)s %(levelname)s [%(process)05d] %(filename)s:%(lineno)04d %(message)s'],
  ['a request id at one place on every line is the record\'s, not where messages start', '@781%(module)s55@%(lineno)d %(request_id)s\t:@['],
  ['a day joined to the clock by a colon', '%(asctime)s,%(msecs)03d %(levelname)-8s [%(filename)s:%(lineno)d] %(message)s', '%Y-%m-%d:%H:%M:%S'],
  ['a module before a function the log names by <module>', '[%(levelname)s] %(module)s %(funcName)s: %(message)s'],
  ['a logger name and its function, told from a module by a dot in the name', '[%(levelname)s] %(asctime)s %(name)s.%(funcName)s:%(lineno)d %(message)s'],
  ['a pid before a thread name in brackets', '%(asctime)s %(levelname)s %(process)d --- [%(threadName)s] %(name)s : %(message)s'],
  ['a path between a line number and the message', '%(levelname)s %(lineno)d %(pathname)s %(message)s'],
  ['a number that never changes is the record\'s: the message starts after it', '%(asctime)s %(levelname)s %(name)s %(module)s %(process)d %(message)s'],
  ['a word and a number joined by a colon are where the record was logged', '%(asctime)s %(levelname).1s %(name)s %(module)s:%(lineno)d %(message)s'],
  ['milliseconds printed with no zeros before them', '%(asctime)s,%(msecs)d %(name)s %(levelname)s %(message)s', '%Y-%m-%d %H:%M:%S'],
  ['a number after punctuation at the end of the line', '%(asctime)s::%(name)s::%(funcName)s::%(levelname)s::%(message)s::%(lineno)d'],
  ['a time after the message, with a space after it', '%(lineno)d -- %(name)s -- %(message)s -- %(asctime)s '],
  ['a day and a month in dashes, no year: the month first, as the logging cookbook\'s datefmt', '%(asctime)s - %(filename)s:%(lineno)d - %(funcName)s - %(message)s', '%m-%d %H:%M:%S'],
  ['a time and a level in brackets (with basicConfig\'s default, below)', '%(asctime)s [%(levelname)s] %(name)s: %(message)s', '%H:%M:%S'],
  ['basicConfig\'s default', '%(levelname)s:%(name)s:%(message)s'],
  ['a slash between a process and a thread name is literal, no path\'s', '%(asctime)s - %(processName)s/%(threadName)s - %(levelname)s - %(message)s'],
  // From the misses on fixtures/infer/holdout.tsv (README):
  ['a level that fills its column, the message glued to it', '[%(asctime)s] %(levelname)-8s%(message)s', '%Y-%m-%d %H:%M:%S'],
  ['fields joined by hyphens: a thread name holds its own, a function and its line', '%(asctime)s %(levelname)s [%(process)d-%(threadName)s-%(thread)d] [%(filename)s-%(funcName)s-%(lineno)d]: %(message)s', '%Y-%m-%d %H:%M:%S'],
  ['a compact date and clock', '%(asctime)s %(name)-20s %(levelname)s: %(message)s', '%Y%m%d.%H%M%S'],
  ['a time and a file after the message, behind punctuation', '%(levelname)s:%(name)s: %(message)s (%(asctime)s; %(filename)s:%(lineno)d)', '%Y-%m-%d %H:%M:%S'],
  ['after a name and a colon, one number on every line is the pid, the next the line', '%(asctime)s:%(name)s:%(process)d:%(lineno)d %(levelname)s %(message)s', '%Y-%m-%d %H:%M:%S'],
  ['names joined by slashes, no path', '[%(asctime)s] [%(name)s/%(threadName)s/%(levelname)s]: %(message)s', '%H:%M:%S'],
  ['a level column before a right-aligned one, the spaces running on', '%(asctime)s %(levelname)-8s %(name)16s: %(message)s', '%Y-%m-%d %H:%M:%S'],
  ['a number the log calls a line', '%(asctime)s ::: %(name)s ::: %(levelname)s ::: [%(filename)s: line %(lineno)d] ::: %(message)s', '%Y/%m/%d, %I:%M %p'],
  // `%` has no centring: such a format is written in `{`-style.
  ['a centred level between brackets', '{asctime} [{levelname:^8}] {name}: {message}'],
  ['centred columns of a name and a number, a level wider than its column', '[{asctime}] [{levelname:^7}] [{name:^12}] <{lineno:^4d}> -- {message}'],
  ['a centred level before the next word', '{asctime} {levelname:^8} {funcName}:{lineno:d} {message}'],
  ['the spaces a centred column\'s literals share are its padding, less the separators', '[{levelname:^9} - {module:^30} - {asctime}] - {message}'],
  ['milliseconds after the time, in {-style', '{asctime}.{msecs:03.0f} | {levelname:^8} | {message}', '%H:%M:%S'],
  ['a repr beside a centred column, in {-style', '[{levelname:^8}] {name!r}: {message}'],
  ['a centred column in quotes is a repr', '[{name!r:^20}] {levelname} {message}'],
  ['a hyphen before every number is literal, no sign', '%(asctime)s %(levelname)s [%(threadName)s-%(lineno)d] %(message)s'],
  ['the message alone, padded', '%(message)20s'],
  ['a level right-aligned before a colon, as centring would print the shorter ones', '%(asctime)s: %(levelname)5s: %(message)s %(filename)s:%(lineno)d', '%H:%M:%S'],
  // From the misses on generated formats (README):
  ['a float padded with zeros, named by its value', '%(msecs)012.1f %(levelname)s %(message)s'],
  ['floats of one count of decimals are a precision\'s, no digit glued on', '%(msecs)f %(levelname)s %(message)s'],
  ['a thread name in quotes', '%(asctime)s %(threadName)r %(levelname)s %(message)s'],
  ['seconds since the epoch before a colon are a time, no hour', '%(asctime)s: %(levelname)s %(message)s', '%s'],
  ['a right-aligned column cut to its width', '%(asctime)s %(name)6.6s %(levelname)s %(message)s'],
  ['a word glued to the values too wide for the right-aligned column after it', 'x%(name)12s %(message)s'],
  ['a digit glued before floats whose whole parts differ in length', '[4%(msecs)s] %(levelname)s %(message)s'],
  ['a number after punctuation, before the literal that ends the line', '%(levelname)s: %(module)s=%(lineno)d6a2'],
  ['on lines with no message, a field glued to a literal is the format\'s, no template\'s', '%(levelname)s %(lineno)dms|'],
  ['more digits than a float\'s repr has are a number glued after it; no message starts glued to a field', '[%(relativeCreated)s%(lineno)d] %(message)s'],
  ['two floats glued, the second a time since the epoch', '%(levelname)s %(msecs)s%(created)s %(message)s'],
  ['decimals of one count are a precision\'s, no repr with digits glued after it', '%(created).9f %(levelname)s %(message)s'],
  ['a word glued before a level name ends where the name starts', '|%(request_id)sb%(levelname)s53%(message)s'],
  ['a name and a number glued, each name with several numbers', '<%(module)s%(lineno)d> %(message)s'],
  ['and a function glued to a level number, <lambda> among them', '%(funcName)s%(levelno)d: %(message)s'],
  ['one fraction on many distinct floats is a whole float\'s .0, the digits after it glued', '%(levelname)s %(msecs)s16 %(message)s'],
  ['digits glued after thread names, shown apart where a name ends in none', '%(threadName)s78 %(levelname)s %(message)s'],
  ['a number printed again in another conversion is the same field', '%(levelno)04d|%(levelno)f|%(message)s'],
  // From the misses on fixtures/infer/collected.tsv and holdout.tsv, the second time (README):
  ['a word the messages after it do not go with is a column of its own', '%(levelname)s %(module)s %(message)s'],
  ['a two-digit year first: the reading whose year changes least, then the latest', '%(asctime)s | %(levelname)s | %(message)s', '%y-%m-%d %H:%M:%S'],
  ['and last, by the same rule', '%(asctime)s - %(levelname)s - %(message)s', '%d-%m-%y %H:%M:%S'],
  ['milliseconds padded with zeros on the right, in {-style (% pads with spaces there)', '{asctime}.{msecs:0<3.0f} {levelname} {message}', '%H:%M:%S'],
  ['a field before the message printed again after it, the last one padded on the left', '%(funcName)s() L%(lineno)-4d %(message)s call_trace=%(pathname)s L%(lineno)-4d'],
  ['the last column padded on the left: a file after the message', '%(levelname)s %(message)s %(filename)-16s'],
  ['and a function behind the separator after the message', '%(levelname)s %(message)s | %(funcName)-14s'],
];
/** The style a RULES format is written in: `{`-style where it has no `%(`. */
const styleOf = (format: string) => (format.includes('%(') ? '%' : '{');

describe('structural inference: lines in, format out', () => {
  const file = join(FIXTURES, 'infer', 'rules.json');
  const kept = existsSync(file) && !process.env.PYLOGRX_UPDATE_INFER ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string[]>) : null;
  const lines = kept ?? Object.fromEntries(renderInfer(RULES.map(([, fmt, datefmt]) => ({ fmt, style: styleOf(fmt), datefmt: datefmt ?? null }))).map((r, i) => [RULES[i]![1], r.lines!.slice(0, 60)]));
  if (kept === null) writeFileSync(file, `${JSON.stringify(lines, null, 1)}\n`);
  for (const [rule, format, datefmt] of RULES) {
    it(rule, () => {
      expect(lines[format], `${file} lacks ${format}: PYLOGRX_UPDATE_INFER=1`).toBeDefined();
      const inferred = inferFormat(lines[format]!).candidates[0];
      expect([inferred?.format, inferred?.style, inferred?.datefmt]).toEqual([format, styleOf(format), datefmt ?? null]);
    });
  }
  // `%(thread)f` prints 140225670306688.000000; an epoch glued to a float (`${asctime}${relativeCreated}`, `%s`) is none.
  it('a float of twelve digits or more with a fraction is no thread id: the lines still get a format', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `43]${1764590000 + i * 7}${165.09342193603516 + i * 7300.25}XY`);
    expect(inferFormat(lines).candidates.map((c) => [c.format, c.matched])).toEqual([['43]%(relativeCreated)sXY', 40]]);
  });
  // The same lines with the paths a .pyw script's records hold (CPython prints a pathname as it is).
  it('a .pyw path before the space ahead of the field printed again', () => {
    const format = '%(funcName)s() L%(lineno)-4d %(message)s call_trace=%(pathname)s L%(lineno)-4d';
    const pyw = lines[format]!.map((line) => line.replace(/\.py L/u, '.pyw L'));
    expect(pyw.filter((line) => line.includes('.pyw L'))).toHaveLength(60);
    expect(inferFormat(pyw).candidates.map((c) => c.format)).toEqual([format]);
  });
  // Too few lines to tell a padding (or a literal every message starts with): the spaces around the message stay the literals'.
  it.each(['%(levelname)s %(message)s [%(name)s]', '%(levelname)s: %(message)s (%(pathname)s:%(lineno)d)'])('%s on its first 8 lines', (format) => {
    expect(inferFormat(lines[format]!.slice(0, 8)).candidates.map((c) => c.format)).toEqual([format]);
  });
  // A handler's timed lines, with basicConfig's default on every third (a library's logger before the app set
  // its own up): the time starts only some lines, the rest are the other format's.
  it('a time that starts only some lines: their format, and the other lines\' own', () => {
    const [timed, basic] = ['%(asctime)s [%(levelname)s] %(name)s: %(message)s', '%(levelname)s:%(name)s:%(message)s'].map((f) => lines[f]!);
    const mixed = timed!.map((line, i) => (i % 3 === 2 ? basic![i]! : line));
    expect(inferFormat(mixed).candidates.map((c) => [c.format, c.datefmt, c.matched])).toEqual([
      ['%(asctime)s [%(levelname)s] %(name)s: %(message)s', '%H:%M:%S', 40],
      // Less those with AUDIT, a level only addLevelName knows: check reads them into the record before (README, check).
      ['%(levelname)s:%(name)s:%(message)s', null, mixed.filter((l, i) => i % 3 === 2 && !l.startsWith('AUDIT')).length],
    ]);
  });
  // Messages that start with 5 to 12 spaces after an unpadded level (CPython prints them as they are): the spaces
  // every line has are literal, the rest the message's; no 8-wide level column, as no right-aligned one follows.
  it('spaces after a level are no column of 8 unless a right-aligned column follows', () => {
    const spaced = lines['%(levelname)s %(message)s={a3']!.map((l, i) => l.replace(' ', ' '.repeat(6 + (i % 8))));
    expect(inferFormat(spaced).candidates.map((c) => c.format)).toEqual(['%(levelname)s      %(message)s={a3']);
  });
  // scripts/render_script_log.py: a script's line numbers grow too, but small, in no column: they stay lineno.
  it('line numbers that only grow, from a script run top to bottom, are lineno', () => {
    const script = readFileSync(join(FIXTURES, 'infer', 'script.log'), 'utf8').split('\n').slice(0, -1);
    expect(inferFormat(script).candidates.map((c) => c.format)).toEqual(['%(levelname)s %(lineno)d %(message)s']);
  });
  // scripts/render_modules_log.py: modules logging through getLogger(__name__). Their values alone would leave
  // the module to the message (a guess costs more than the space it saves); the logger names say it.
  it('a word that is the last part of the logger name on its line is the module', () => {
    const log = readFileSync(join(FIXTURES, 'infer', 'modules.log'), 'utf8').split('\n').slice(0, -1);
    expect(inferFormat(log).candidates.map((c) => [c.format, c.guessed, c.matched])).toEqual([['%(asctime)s %(levelname)s %(name)s %(module)s %(message)s', [], 120]]);
  });
});
