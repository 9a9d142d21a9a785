/**
 * `check --report FILE.html`: the page's figures, read back from its SVG (each bar's data- attributes),
 * are those `check --json --typed` gives for the same input: records per minute and level, failed
 * records per field, records without a time. The page is one file that fetches nothing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './support/cli.js';
import { FIXTURES } from './support/corpus.js';
import { loadRecords } from './support/records.js';

const scratch = mkdtempSync(join(tmpdir(), 'pylogrx-report-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const fixture = (...path: string[]) => readFileSync(join(FIXTURES, ...path), 'utf8');
const WIDE = loadRecords(join(FIXTURES, 'show', 'wide.json')).cases[0]!;
const MESSAGE_LAST = loadRecords().cases.find((c) => c.id === 'message-last')!;
const SEED = '%(asctime)s - %(filename)s:%(lineno)s - %(name)s - %(message)s';
/** Failures of several kinds, over minutes with a quiet one between. */
const MIXED = [
  '2016-02-19 11:03:13,410 - test.py:19 - tst - first',
  '2016-02-19 11:03:14,001 - test.py:12a - tst - a broken line number',
  '2016-02-19 11:05:15,002 - app.py:40 - app.db - failed',
  'Traceback (most recent call last):',
  '  File "app.py", line 40, in <module>',
  'ValueError: bad',
  '19/Feb/2016 11:05:16 - test.py:1 - tst - another datefmt',
  '[2016-02-19 11:05:16 +0000] [12] [INFO] Booting worker with pid: 12',
  '2016-02-19 11:06:17,003 - test.py:20 tst - missing separator',
  '',
].join('\n');

const CASES: [string, string[], string][] = [
  ['CJK and emoji, a failed record', [WIDE.fmt], WIDE.text],
  ['CPython records with tracebacks', [MESSAGE_LAST.fmt], MESSAGE_LAST.text],
  ['failures of every kind, over several minutes', [SEED], MIXED],
  ['scrapy', ['--preset', 'scrapy'], fixture('frameworks', 'scrapy.log')],
  ['gunicorn, a datefmt with %z', ['--preset', 'gunicorn'], fixture('frameworks', 'gunicorn.log')],
  ['celery: two formats in one stream', ['--preset', 'celery-worker'], fixture('frameworks', 'celery.log')],
  ['tornado', ['--preset', 'tornado'], fixture('frameworks', 'tornado.log')],
];

const unescape = (text: string) => text.replace(/&(amp|lt|gt|quot);/gu, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"' })[e]!);

/** The figures the page draws, from its bars' data- attributes. */
function figures(html: string): { perMinute: Record<string, number>; byField: Record<string, number>; untimed: number } {
  const perMinute: Record<string, number> = {};
  for (const m of html.matchAll(/<rect data-minute="([^"]+)" data-level="([^"]*)" data-count="(\d+)"/gu)) perMinute[`${m[1]} ${unescape(m[2]!)}`] = Number(m[3]);
  const byField: Record<string, number> = {};
  for (const m of html.matchAll(/<rect data-field="([^"]*)" data-count="(\d+)"/gu)) byField[unescape(m[1]!)] = Number(m[2]);
  const untimed = Number(/<p>(\d+) records? without a date/u.exec(html)?.[1] ?? 0);
  return { perMinute, byField, untimed };
}

/** The same figures from `check --json --typed`: its records, and the failures its summary counts. */
function expected(args: string[], log: string): ReturnType<typeof figures> {
  const run = cli(['check', ...args, '--typed'], { input: log });
  const perMinute: Record<string, number> = {};
  let untimed = 0;
  for (const line of run.stdout.split('\n').filter(Boolean)) {
    const { fields } = JSON.parse(line) as { fields: Record<string, unknown> };
    const time = fields.asctime;
    if (typeof time !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d/u.test(time)) {
      untimed++;
      continue;
    }
    const key = `${time.slice(0, 16)} ${(fields.levelname as string | undefined) ?? '(none)'}`;
    perMinute[key] = (perMinute[key] ?? 0) + 1;
  }
  const failed = /failed \(([^)]*)\)/u.exec(run.stderr)?.[1];
  const byField = Object.fromEntries((failed ?? '').split(', ').filter(Boolean).map((f) => {
    const at = f.lastIndexOf(' ');
    return [f.slice(0, at), Number(f.slice(at + 1))];
  }));
  return { perMinute, byField, untimed };
}

describe('check --report', () => {
  it.each(CASES)('%s: the page draws what check --json counts', (_, args, log) => {
    const file = join(scratch, `${args.join('-').replace(/\W/gu, '_')}.html`);
    const run = cli(['check', ...args, '--report', file], { input: log });
    const plain = cli(['check', ...args], { input: log });
    // The report is written beside check's usual output, which it leaves as it was.
    expect(run).toEqual(plain);
    const html = readFileSync(file, 'utf8');
    const want = expected(args, log);
    expect(Object.keys(want.perMinute).length).toBeGreaterThan(0);
    expect(figures(html)).toEqual(want);
    // One file: nothing fetched, nothing run.
    expect(html).not.toMatch(/<script|<link|<img|src=|url\(|https?:/iu);
    expect(html).toContain(plain.stdout.trim().split('\n').at(-1)!.replaceAll('"', '&quot;'));
  });

  it('a quiet minute between two is drawn as an empty place on the axis', () => {
    const file = join(scratch, 'mixed.html');
    cli(['check', SEED, '--report', file], { input: MIXED });
    const x = (minute: string) => Number(new RegExp(`data-minute="${minute}"[^>]*x="([\\d.]+)"`, 'u').exec(readFileSync(file, 'utf8'))![1]);
    const bar = x('2016-02-19T11:05') - x('2016-02-19T11:03');
    expect(x('2016-02-19T11:06') - x('2016-02-19T11:05')).toBeCloseTo(bar / 2, 0);
  });

  it('exits 2 when the report cannot be written', () => {
    const run = cli(['check', SEED, '--report', join(scratch, 'no', 'such', 'dir.html')], { input: MIXED });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^pylogrx: error: cannot write .*dir\.html: ENOENT/mu);
  });
});
