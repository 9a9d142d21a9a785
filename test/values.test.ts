/**
 * Values that hold what a free-text field would stop at: spaces in paths and logger names, dots in logger
 * names, a value's own brackets after the message, two fields with nothing between them (oslo.log's
 * `%(instance)s%(message)s`). The corpus (fixtures/corpus) proves these on CPython's own lines in every
 * engine; here each rule is pinned to the line that shows it, the warnings to the formats that need them,
 * and the new shapes to linear work in a backtracking matcher.
 */
import { describe, expect, it } from 'vitest';
import { buildPattern, render, type Pattern } from '../src/core/index.js';
import { lineRx, matchSteps } from './support/steps.js';

function build(fmt: string): Pattern {
  const p = buildPattern(fmt, { style: '%' });
  if (!p.ok) throw new Error(p.error.message);
  return p.value;
}

const fields = (fmt: string, line: string) => new RegExp(render(build(fmt), 'js')).exec(line)?.groups ?? null;
const warnings = (fmt: string) => build(fmt).warnings.map((w) => w.message);

describe('a field that cannot hold the separator decides the split', () => {
  it('gives the logger name every dot but the one before funcName', () => {
    const fmt = '%(name)s.%(funcName)s %(message)s';
    expect(fields(fmt, 'gunicorn.error.run Booting worker with pid: 4242')).toEqual({ name: 'gunicorn.error', funcName: 'run', message: 'Booting worker with pid: 4242' });
    expect(fields(fmt, 'app.db.connect connected to db.internal ok')).toMatchObject({ name: 'app.db', funcName: 'connect' });
    expect(fields(fmt, 'My Service.<module> hi')).toMatchObject({ name: 'My Service', funcName: '<module>' });
    expect(fields(fmt, 'app.fast.(unknown function) x.y z')).toMatchObject({ name: 'app.fast', funcName: '(unknown function)', message: 'x.y z' });
  });

  it('inside brackets, before :lineno', () => {
    const fmt = '[%(name)s.%(funcName)s:%(lineno)d] %(message)s';
    expect(fields(fmt, '[gunicorn.error.run:12] a.b:3 c')).toEqual({ name: 'gunicorn.error', funcName: 'run', lineno: '12', message: 'a.b:3 c' });
    expect(fields(fmt, '[root.<lambda>:7] x')).toMatchObject({ name: 'root', funcName: '<lambda>' });
  });

  it('gives the path every word up to the module after it', () => {
    const fmt = '%(pathname)s %(module)s %(funcName)s %(lineno)d %(message)s';
    const at = (path: string, module: string, func = 'handle') => fields(fmt, `${path} ${module} ${func} 2 logged from ${path} ${module}`);
    expect(at('/home/dev/my project/tool.py', 'tool')).toMatchObject({ pathname: '/home/dev/my project/tool.py', module: 'tool', funcName: 'handle', lineno: '2' });
    expect(at('C:\\Users\\Jane Doe\\app\\tool.py', 'tool')).toMatchObject({ pathname: 'C:\\Users\\Jane Doe\\app\\tool.py', module: 'tool' });
    expect(at('<frozen importlib._bootstrap>', '<frozen importlib', '_call_with_frames_removed')).toMatchObject({ pathname: '<frozen importlib._bootstrap>', module: '<frozen importlib' });
    expect(at('<frozen runpy>', '<frozen runpy>', '<module>')).toMatchObject({ pathname: '<frozen runpy>', module: '<frozen runpy>', funcName: '<module>' });
    expect(at('(unknown file)', '(unknown file)', '(unknown function)')).toMatchObject({ pathname: '(unknown file)', module: '(unknown file)', funcName: '(unknown function)' });
  });

  it('takes a Windows drive colon into the path before :lineno', () => {
    expect(fields('%(pathname)s:%(lineno)d %(message)s', 'C:\\Users\\Jane Doe\\app\\tool.py:42 x:1 y')).toEqual({ pathname: 'C:\\Users\\Jane Doe\\app\\tool.py', lineno: '42', message: 'x:1 y' });
  });

  it('reads a spaced thread name before a number, as before', () => {
    expect(fields('%(threadName)s %(process)d %(message)s', 'custom name 2b 7 hi')).toEqual({ threadName: 'custom name 2b', process: '7', message: 'hi' });
  });
});

describe('logger names with spaces', () => {
  it('parse before a literal that is more than a space', () => {
    expect(fields('%(name)s - %(message)s', 'My Service - up - and running')).toEqual({ name: 'My Service', message: 'up - and running' });
    expect(fields('%(name)s [-] %(message)s', 'My Service [-] x')).toEqual({ name: 'My Service', message: 'x' });
    expect(fields('%(name)s - %(message)s', 'a -b - c')).toEqual({ name: 'a -b', message: 'c' });
  });

  it('are warned about where no field can end them', () => {
    for (const fmt of ['%(name)s %(message)s', '%(asctime)s %(name)-12s %(levelname)-8s %(message)s', '%(name)s %(levelname)s| %(message)s']) {
      expect(warnings(fmt), fmt).toContainEqual(expect.stringMatching(/logger name with a space/u));
    }
    for (const fmt of ['%(name)s - %(message)s', '%(name)s: %(message)s', '[%(name)s] %(message)s']) {
      expect(warnings(fmt), fmt).toEqual([]);
    }
  });

  it('warn where a dot then a word could be the function name', () => {
    expect(warnings('[%(name)s.%(funcName)s:%(lineno)d] %(message)s')).toContainEqual(expect.stringMatching(/cut there/u));
  });
});

describe('values with their own brackets after the message', () => {
  const fmt = '%(message)s (%(threadName)s) <%(module)s>';
  it('keep them', () => {
    expect(fields(fmt, 'done (ok) (Thread-1 (worker)) <<stdin>>')).toEqual({ message: 'done (ok)', threadName: 'Thread-1 (worker)', module: '<stdin>' });
    expect(fields(fmt, 'x <y> (MainThread) <<frozen importlib>')).toEqual({ message: 'x <y>', threadName: 'MainThread', module: '<frozen importlib' });
  });
});

describe("oslo.log's instance and user_identity", () => {
  const fmt = '%(process)d %(levelname)s %(name)s [-] %(instance)s%(message)s';
  const uuid = '7d9c1b8e-3f2a-4c61-9e0d-5b4a3c2d1e0f';
  it("read '[instance: <uuid>] ' or nothing, never the message's first word", () => {
    expect(fields(fmt, '1 INFO nova.compute [-] spaceless')).toEqual({ process: '1', levelname: 'INFO', name: 'nova.compute', instance: '', message: 'spaceless' });
    expect(fields(fmt, '1 INFO nova.compute [-] Starting instance...')).toMatchObject({ instance: '', message: 'Starting instance...' });
    expect(fields(fmt, `1 INFO nova.compute [-] [instance: ${uuid}] Terminating`)).toMatchObject({ instance: `[instance: ${uuid}] `, message: 'Terminating' });
    expect(warnings(fmt)).toEqual([]);
  });

  it('take user_identity as the words before the bracket', () => {
    const ctx = '%(name)s [%(request_id)s %(user_identity)s] %(instance)s%(message)s';
    expect(fields(ctx, 'keystone [req-1 - - - - -] hi')).toEqual({ name: 'keystone', request_id: 'req-1', user_identity: '- - - - -', instance: '', message: 'hi' });
    expect(fields(ctx, 'keystone [req-1 ] hi')).toMatchObject({ user_identity: '' });
  });

  it('give a colour code to the colour field, not to the level name after it', () => {
    const small = '%(color)s%(levelname)s %(instance)s%(color)s%(message)s';
    expect(fields(small, `\x1b[31mINFO [instance: ${uuid}] \x1b[31mmsg`)).toEqual({ color: '\x1b[31m', levelname: 'INFO', instance: `[instance: ${uuid}] `, message: 'msg' });
    // An instance that is not oslo's shape no longer matches with the level name holding the code.
    expect(fields(small, '\x1b[31mINFO [instance: x] \x1b[31mmsg')).toBeNull();
  });
});

describe('two free-text fields with nothing between them', () => {
  it('are warned about', () => {
    expect(warnings('%(request_id)s%(message)s')).toContainEqual(expect.stringMatching(/^%\(request_id\)s: nothing separates it/u));
    expect(warnings('%(log_color)s%(levelname)s%(reset)s %(message)s')).toEqual([]);
  });
});

describe('the new shapes stay linear in a backtracking matcher', () => {
  // Doubling an input that keeps the matcher trying must no more than double its steps.
  const ratio = (fmt: string, attack: (n: number) => string) => {
    const rx = lineRx(build(fmt));
    const [small, large] = [40, 80].map((n) => matchSteps(rx, attack(n)).steps);
    return large! / small!;
  };
  it.each([
    ['%(name)s.%(funcName)s %(message)s', (n: number) => 'a.'.repeat(n) + 'b'],
    ['%(name)s.%(funcName)s:%(lineno)d] x', (n: number) => 'a.b '.repeat(n) + 'c.d:'],
    ['%(pathname)s %(module)s %(funcName)s %(lineno)d %(message)s', (n: number) => '/a/b '.repeat(n) + 'm f x'],
    ['%(pathname)s %(module)s %(funcName)s %(lineno)d %(message)s', (n: number) => '/a '.repeat(n)],
    ['%(name)s - %(levelname)s - %(message)s', (n: number) => 'a -'.repeat(n)],
    ['%(pathname)s:%(lineno)d %(message)s', (n: number) => 'a:1'.repeat(n)],
    ['%(message)s (%(threadName)s) <%(module)s>', (n: number) => ' (a (b) <'.repeat(n)],
    ['%(levelname)s [-] %(instance)s%(message)s', (n: number) => 'INFO [-] [instance: '.repeat(n)],
  ])('%s', (fmt, attack) => {
    expect(ratio(fmt, attack)).toBeLessThan(2.3);
  });
});
