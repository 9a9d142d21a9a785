/** `pylogrx check` end to end: the report, its exit status, --json, and input that tries to break it. */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { jsonLine } from '../src/cli/check.js';
import type { CheckedRecord } from '../src/core/check.js';
import { cli } from './support/cli.js';

const SEED = '%(asctime)s - %(filename)s:%(lineno)s - %(name)s - %(message)s';
const GOOD = '2016-02-19 11:03:13,410 - test.py:19 - tst - first debug message';
const LOG = [
  GOOD,
  '2016-02-19 11:03:14,001 - test.py:12a - tst - a broken line number',
  '2016-02-19 11:03:15,002 - app.py:40 - app.db - failed',
  'Traceback (most recent call last):',
  '  File "app.py", line 40, in <module>',
  'ValueError: bad',
  '19/Feb/2016 11:03:16 - test.py:1 - tst - another datefmt: its own failed record, not part of the traceback',
  '2016-02-19 11:03:17,003 - test.py:20 tst - missing separator',
  '',
].join('\n');

describe('pylogrx check', () => {
  it('reports each failing record with the field, what it expected, the column and a caret', () => {
    const run = cli(['check', SEED], { input: LOG });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatchInlineSnapshot(`
      "line 2: lineno: expected digits, found "12a"
        2016-02-19 11:03:14,001 - test.py:12a - tst - a broken line number
                                          ^
      line 7: asctime: expected %Y-%m-%d %H:%M:%S,mmm, found "19/Feb/2016"
        19/Feb/2016 11:03:16 - test.py:1 - tst - another datefmt: its own fail…
        ^
      line 8: expected " - ", found " tst"
        2016-02-19 11:03:17,003 - test.py:20 tst - missing separator
                                            ^
      5 records in 8 lines: 2 matched, 3 failed (lineno 1, asctime 1, after lineno 1)
      "
    `);
  });

  it('exits 0 when every record matched, with a summary', () => {
    const run = cli(['check', SEED], { input: `${GOOD}\n${GOOD}\n` });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('2 records in 2 lines: 2 matched, 0 failed\n');
  });

  it('reads a file argument, and - for stdin', () => {
    const file = join(import.meta.dirname, '..', 'fixtures', 'records', 'records.json');
    expect(cli(['check', '%(message)s', file, '--quiet']).status).toBe(0);
    expect(cli(['check', SEED, '-'], { input: `${GOOD}\n` }).status).toBe(0);
    const missing = cli(['check', SEED, '/no/such/file.log']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('/no/such/file.log');
    const directory = cli(['check', SEED, import.meta.dirname]);
    expect(directory.status).toBe(2);
    expect(directory.stderr).toMatch(/^pylogrx: error: cannot read .*test: EISDIR/u);
  });

  it('reports lines before the first record instead of dropping them', () => {
    const run = cli(['check', SEED], { input: `  stray continuation\nTraceback (most recent call last):\n${GOOD}\n` });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^line 1: asctime: expected %Y-%m-%d %H:%M:%S,mmm, found "  stray/mu);
    expect(run.stdout).toContain('2 records in 3 lines: 1 matched, 1 failed (asctime 1)\n1 of them before any record header');
  });

  it('--max-errors caps the details and --quiet prints only the summary', () => {
    const bad = '2016-02-19 11:03:14,001 - test.py:x - tst - m\n'.repeat(5);
    const capped = cli(['check', SEED, '--max-errors', '2'], { input: bad });
    expect(capped.stdout.match(/^line \d+:/gmu)).toHaveLength(2);
    expect(capped.stdout).toContain('3 more failures not shown (--max-errors)');
    expect(cli(['check', SEED, '--quiet'], { input: bad }).stdout).toBe('5 records in 5 lines: 0 matched, 5 failed (lineno 5)\n');
    expect(cli(['check', SEED, '--max-errors', 'x']).status).toBe(2);
    const byDefault = cli(['check', SEED], { input: bad.repeat(3) }).stdout;
    expect(byDefault.match(/^line \d+:/gmu)).toHaveLength(10);
    expect(byDefault).toContain('5 more failures not shown (--max-errors)');
  });

  it('--json prints one object per record, in order, and nothing else on stdout', () => {
    const run = cli(['check', SEED, '--json'], { input: LOG });
    expect(run.status).toBe(1);
    const records = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((r) => [r.line, r.end_line, r.matched, r.kind])).toEqual([[1, 1, true, 'record'], [2, 2, false, 'record'], [3, 6, true, 'record'], [7, 7, false, 'record'], [8, 8, false, 'record']]);
    expect(records[0]!.fields).toEqual({ asctime: '2016-02-19 11:03:13,410', filename: 'test.py', lineno: '19', name: 'tst', message: 'first debug message' });
    expect((records[2]!.fields as Record<string, string>).message).toBe(
      'failed\nTraceback (most recent call last):\n  File "app.py", line 40, in <module>\nValueError: bad',
    );
    expect(records[1]!.error).toEqual({ field: 'lineno', expected: 'digits', found: '12a', line: 2, column: 35 });
    // A failed record keeps the fields that matched before the failure; a literal is given as its text.
    expect(records[1]!.fields).toEqual({ asctime: '2016-02-19 11:03:14,001', filename: 'test.py' });
    expect(records[4]!.error).toEqual({ field: null, expected: ' - ', found: ' tst', line: 8, column: 37 });
    expect(run.stderr).toContain('5 records in 8 lines: 2 matched, 3 failed');
  });

  it('blames the literal that is missing, not the field before it, when punctuation follows the field', () => {
    const fmt = '%(asctime)s %(levelname)s %(name)s: %(message)s';
    const run = cli(['check', fmt, '--datefmt', '%d/%b/%Y %H:%M:%S', '--json'], { input: '09/May/2024 08:35:25.958 INFO app: hi\n' });
    expect((JSON.parse(run.stdout) as { error: unknown }).error).toEqual({ field: null, expected: ' ', found: '.958', line: 1, column: 21 });
    expect(run.stderr).toContain('(after asctime 1)');
  });

  it('gives every line to one object: lines of another shape apart from records that went wrong', () => {
    const input = [
      GOOD,
      '[2016-02-19 11:03:13 +0000] [12] [INFO] Booting worker with pid: 12',
      'WARNING:root:basicConfig wrote this',
      'Feb 19 11:03:13 host app[12]: syslog',
      '/srv/app/x.py:12: DeprecationWarning: old',
      '  warnings.warn("old", DeprecationWarning)',
      '2016-02-19 11:0',
      '2016-13-19 11:03:13,410 - test.py:19 - tst - month 13',
      '2016-02-19 11:03:13 - test.py:19 - tst - no milliseconds',
      GOOD,
      '',
    ].join('\n');
    const run = cli(['check', SEED, '--json'], { input });
    expect(run.status).toBe(1);
    const objects = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(objects.map((r) => [r.line, r.end_line, r.matched, r.kind])).toEqual([
      [1, 1, true, 'record'], [2, 2, false, 'foreign'], [3, 3, false, 'foreign'], [4, 4, false, 'foreign'], [5, 6, false, 'foreign'],
      [7, 7, false, 'record'], [8, 8, false, 'record'], [9, 9, false, 'record'], [10, 10, true, 'record'],
    ]);
    expect(run.stderr).toContain('9 records in 10 lines: 2 matched, 3 failed (asctime 3); 4 lines of another shape (lines 2, 3, 4, 5)\nlines of another shape fail the check; if this stream mixes in other output on purpose, add --allow-foreign');
    const allowed = cli(['check', SEED, '--allow-foreign'], { input: [GOOD, 'WARNING:root:other output', GOOD, ''].join('\n') });
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toBe('3 records in 3 lines: 2 matched, 0 failed; 1 line of another shape (line 2)\n');
  });

  it('takes several formats that share a stream, and says which one each record is', () => {
    const flask = '[%(asctime)s] %(levelname)s in %(module)s: %(message)s';
    const input = ['[2024-05-09 08:35:25,041] INFO in app: started', '127.0.0.1 - - [09/May/2024 08:35:26] "GET / HTTP/1.1" 200 -', '[2024-05-09 08:35:27,041] ERROR in app: boom', 'Traceback (most recent call last):', '  File "a.py", line 1, in f', 'ValueError: x', ''].join('\n');
    const run = cli(['check', flask, '--format', '%(message)s', '--json'], { input });
    expect(run.status).toBe(0);
    const objects = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(objects.map((r) => [r.line, r.end_line, r.matched, r.format])).toEqual([[1, 1, true, 1], [2, 2, true, 2], [3, 6, true, 1]]);
    expect(run.stderr).toContain('matched per format: 1: 2, 2: 1');
  });

  it('--json writes each record as JSON.stringify would, whatever the values hold', () => {
    const names = ['asctime', 'message', 'exc_text'];
    const values = ['plain', 'quote " and \\ backslash', 'tab\tnewline\nNUL\0 escape\x1b DEL\x7f', 'é ✓ 😀 \u2028\u2029', 'lone \ud800 surrogate \udc00', ''];
    const records: CheckedRecord[] = values.map((v, i) => ({ line: i + 1, endLine: i + 2, matched: true, kind: 'record', format: 0, fields: { asctime: v, message: v, exc_text: undefined }, error: null }));
    records.push({ line: 9, endLine: 9, matched: false, kind: 'record', format: 0, fields: null, error: { field: 'lineno', expected: 'digits', literal: null, after: null, found: '"12a"', line: 9, column: 4, text: 'x' } });
    records.push({ line: 10, endLine: 11, matched: false, kind: 'foreign', format: 0, fields: { asctime: 'x' }, error: { field: null, expected: '" \\ "', literal: ' \\ ', after: 'asctime', found: '.958', line: 10, column: 20, text: 'x' } });
    const json = jsonLine(names);
    for (const r of records) {
      const error = r.error ? { error: { field: r.error.field, expected: r.error.literal ?? r.error.expected, found: r.error.found, line: r.error.line, column: r.error.column + 1 } } : {};
      const want = { line: r.line, end_line: r.endLine, matched: r.matched, kind: r.kind, fields: r.fields ?? {}, ...error };
      expect(json(r)).toBe(`${JSON.stringify(want)}\n`);
    }
  });

  it('captures the traceback as exc_text when the message is not last', () => {
    const input = '2024-01-01 00:00:00,000 ERROR boom [app.py:3]\nTraceback (most recent call last):\nValueError: x\n';
    const run = cli(['check', '%(asctime)s %(levelname)s %(message)s [%(filename)s:%(lineno)d]', '--json'], { input });
    const [record] = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { fields: Record<string, string> });
    expect(record!.fields).toMatchObject({ message: 'boom', lineno: '3', exc_text: 'Traceback (most recent call last):\nValueError: x' });
  });

  it('captures the traceback as exc_text after a repr message, which never spans lines', () => {
    const input = "2024-01-01 00:00:00,000 ERROR 'boom'\nTraceback (most recent call last):\nValueError: x\n";
    const run = cli(['check', '%(asctime)s %(levelname)s %(message)r', '--json'], { input });
    const [record] = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { matched: boolean; fields: Record<string, string> });
    expect(record).toMatchObject({ matched: true, fields: { message: "'boom'", exc_text: 'Traceback (most recent call last):\nValueError: x' } });
  });

  it('says once when the format begins with the message, and checks line by line', () => {
    const run = cli(['check', '%(message)s [%(levelname)s]'], { input: 'a [INFO]\nb [WARNING]\n' });
    expect(run.status).toBe(0);
    expect(run.stderr.match(/begins with the message/gu)).toHaveLength(1);
    expect(run.stdout).toContain('2 records in 2 lines: 2 matched');
  });

  it('ends quietly when the reader stops early (| head)', () => {
    const bad = '2016-02-19 11:03:14,001 - test.py:x - tst - m\n'.repeat(20_000);
    const run = spawnSync('bash', ['-c', `node "$0" check "$1" --max-errors 100000 | head -1`, join(import.meta.dirname, '..', 'bin', 'pylogrx.js'), SEED], { input: bad, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^line 1: lineno/u);
  });

  it('loads only what check uses: no collector, YAML, config reader or Logtail module', () => {
    const run = spawnSync(process.execPath, ['--import', join(import.meta.dirname, 'support', 'log-modules.mjs'), join(import.meta.dirname, '..', 'bin', 'pylogrx.js'), 'check', SEED, '--quiet'], { input: `${GOOD}\n`, encoding: 'utf8' });
    expect(run.status).toBe(0);
    const loaded = run.stderr.split('\n').filter((l) => l.startsWith('loaded ')).map((l) => l.slice(l.indexOf('/dist/') + 1));
    expect(loaded).toContain('dist/core/check.js');
    expect(loaded.filter((m) => /collectors\/|yaml|sources|logtail|core\/index/u.test(m))).toEqual([]);
  });

  it('exits 2 on a malformed format', () => {
    const run = cli(['check', '%(asctime)s %(levelname'], { input: '' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('^');
  });

  it('exits 2, one line, where a JSON format would share the log with others', () => {
    const run = cli(['check', '--style', 'json', '%(message)s', '--format', '%(levelname)s %(message)s'], { input: '{}\n' });
    expect([run.status, run.stdout, run.stderr]).toEqual([2, '', 'pylogrx: error: a JSON format cannot share a log with other formats: check its log with it alone (--from FILE#NAME)\n']);
  });
});

// A file is read in fixed chunks into one reused buffer, a pipe as a stream: every case runs both ways.
describe.each(['pipe', 'file', 'redirect'] as const)('hostile input loses nothing (input by %s)', (via) => {
  const summary = (input: string | Buffer) => cli(['check', SEED, '--quiet'], { input, via }).stdout.trim();

  it('invalid UTF-8: the record stays, the bad bytes become U+FFFD', () => {
    const input = Buffer.concat([Buffer.from(`${GOOD} `), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(`\n${GOOD}\n`)]);
    expect(summary(input)).toBe('2 records in 2 lines: 2 matched, 0 failed');
    const [first] = cli(['check', SEED, '--json'], { input, via }).stdout.split('\n').map((l) => l && (JSON.parse(l) as { fields: { message: string } }));
    expect(first && first.fields.message).toBe('first debug message \ufffd\ufffd\ufffd');
  });

  it('NUL bytes', () => {
    expect(summary(`${GOOD} \0 nul\n\0\n${GOOD}\n`)).toBe('2 records in 3 lines: 2 matched, 0 failed');
  });

  it('CRLF line endings, as Python writes them on Windows', () => {
    const run = cli(['check', SEED, '--json'], { input: `${GOOD}\r\n${GOOD}\r\n`, via });
    expect(run.stdout).not.toContain('\\r');
    expect(run.stderr.trim()).toBe('2 records in 2 lines: 2 matched, 0 failed');
  });

  it('no final newline', () => {
    expect(summary(`${GOOD}\n${GOOD}`)).toBe('2 records in 2 lines: 2 matched, 0 failed');
  });

  it('a multi-megabyte line', () => {
    expect(summary(`${GOOD}${'x'.repeat(8 << 20)}\n${GOOD}\n`)).toBe('2 records in 2 lines: 2 matched, 0 failed');
  });

  it('multi-byte characters across read boundaries, between ASCII stretches', () => {
    const unicode = `${GOOD} ${'é✓😀'.repeat(300_000)}`;
    const ascii = `${GOOD} ${'a'.repeat(3 << 20)}`;
    const input = `${ascii}\n${unicode}\n${ascii}\n${unicode}\n`;
    const run = cli(['check', SEED, '--json'], { input, via });
    const messages = run.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as { fields: { message: string } }).fields.message);
    expect(messages.map((m) => m.length)).toEqual([ascii, unicode, ascii, unicode].map((l) => l.length - GOOD.length + 'first debug message'.length));
    expect(messages[1]).toBe(unicode.slice(GOOD.length - 'first debug message'.length));
  });

  it('empty input', () => {
    expect(cli(['check', SEED], { input: '', via })).toMatchObject({ status: 0, stdout: '0 records in 0 lines: 0 matched, 0 failed\n' });
  });

  it('a 100 KB near-miss line ends (the regexes are linear: test/redos.test.ts)', () => {
    const near = `2016-02-19 11:03:13,410 - ${'a'.repeat(100_000)}:${'1'.repeat(10)}`;
    expect(summary(`${near}\n`)).toBe('1 record in 1 line: 0 matched, 1 failed (after lineno 1)');
  });
});

describe('hostile input loses nothing, streamed', () => {
  it('a 1 GB stream, in a 64 MB heap: memory stays flat and every record is counted', async () => {
    const line = `${GOOD} ${'y'.repeat(100)}\n`;
    const total = Math.ceil((1 << 30) / line.length);
    const chunk = line.repeat(4096);
    async function* gigabyte() {
      for (let sent = 0; sent < total; sent += 4096) yield chunk;
    }
    const child = spawn(process.execPath, ['--max-old-space-size=64', join(import.meta.dirname, '..', 'bin', 'pylogrx.js'), 'check', SEED, '--quiet'], { env: { ...process.env, FORCE_COLOR: '0' } });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    Readable.from(gigabyte()).pipe(child.stdin);
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const records = Math.ceil(total / 4096) * 4096;
    expect({ status, stdout: stdout.trim() }).toEqual({ status: 0, stdout: `${records} records in ${records} lines: ${records} matched, 0 failed` });
  }, 300_000);
});
