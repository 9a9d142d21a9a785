/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The playground page in a real browser: Debian's chromium, driven by playwright-core, on the page
 * `pylogrx playground` serves from 127.0.0.1. The page is typed into and pasted into as a user would;
 * each field's highlighted span must hold exactly the text Python wrote for it (fixtures/records), every
 * record of a real framework's log must match (fixtures/frameworks), each regex and config tab must hold
 * exactly what the CLI prints for the same input, a malformed format must show its column, and the page
 * must make no request but its own. A screenshot of each state is kept under test/__screenshots__.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildPattern, COLLECTOR_NAMES, fieldSpans, FLAVOR_NAMES, RecordChecker, type CheckedRecord, type Style } from '../src/core/index.js';
import { cli } from './support/cli.js';
import { loadFrameworks } from './support/frameworks.js';
import { describeHarness, toolProbe } from './support/harness.js';
import { loadRecords } from './support/records.js';

const CHROMIUM = '/usr/bin/chromium';
const BIN = join(import.meta.dirname, '..', 'bin', 'pylogrx.js');
const SHOTS = join(import.meta.dirname, '__screenshots__');
/** What this machine's chromium needs to run headless in a container, and nothing that calls out. */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'];
/** Browser start-up and a page's first draw are slow on a shared machine; no assertion is timed. */
const SLOW = { timeout: 120_000 };

interface Input {
  readonly format: string;
  readonly style?: Style;
  readonly datefmt?: string | null;
  readonly sample: string;
}

interface PageRecord {
  readonly matched: string;
  readonly fields: [string, string][];
}

const probe = toolProbe('chromium', () => existsSync(CHROMIUM), 'chromium');

describeHarness('the playground page in chromium', probe, () => {
  let server: ChildProcess;
  let url: string;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  /** Every request the page made: only the page itself may be one. */
  const requests: string[] = [];

  beforeAll(async () => {
    server = spawn(process.execPath, [BIN, 'playground', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let said = '';
    server.stderr!.on('data', (chunk: Buffer) => (said += chunk));
    url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: server.stdout! }).once('line', resolve);
      server.once('exit', (code) => reject(new Error(`pylogrx playground exited ${code}: ${said}`)));
    });
    profile = mkdtempSync(join(tmpdir(), 'pylogrx-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
    page = context.pages()[0] ?? await context.newPage();
    context.on('request', (r) => requests.push(r.url()));
    await page.goto(url);
    mkdirSync(SHOTS, { recursive: true });
  }, SLOW.timeout);

  afterAll(async () => {
    await context?.close();
    server?.kill('SIGINT');
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  /** Fills the page: the format typed or filled, the sample pasted through the clipboard. */
  async function enter(input: Input, how: { type?: boolean } = {}): Promise<void> {
    await page.selectOption('#style', input.style ?? '%');
    await page.fill('#datefmt', input.datefmt ?? '');
    if (how.type) {
      await page.fill('#format', '');
      await page.locator('#format').pressSequentially(input.format);
    } else await page.fill('#format', input.format);
    await page.fill('#sample', '');
    await page.evaluate((text) => navigator.clipboard.writeText(text), input.sample);
    await page.focus('#sample');
    await page.keyboard.press('Control+V');
    expect(await page.inputValue('#sample')).toBe(input.sample);
  }

  const pageRecords = () => page.$$eval('[data-record]', (all) => all.map((r) => ({
    matched: (r as HTMLElement).dataset.matched!,
    fields: [...r.querySelectorAll<HTMLElement>('[data-field]')].map((s) => [s.dataset.field!, s.textContent!] as [string, string]),
  })));

  /** The page's tab: its text and its warnings' lines. */
  async function tab(selector: string): Promise<{ output: string; warnings: string[] }> {
    await page.click(selector);
    return {
      output: await page.$eval('[data-output]', (e) => e.textContent!),
      warnings: await page.$$eval('[data-warnings] li', (all) => all.map((li) => li.textContent!)),
    };
  }

  const formatArgs = (input: Input) => [input.format, '-s', input.style ?? '%', ...(input.datefmt ? ['-d', input.datefmt] : [])];

  /** What the core's check reads, with each field's span text, for the lines the page was given. */
  function coreRecords(input: Input): PageRecord[] {
    const built = buildPattern(input.format, { style: input.style ?? '%', datefmt: input.datefmt ?? null });
    if (!built.ok) throw new Error(built.error.message);
    const checker = new RecordChecker(built.value);
    const lines = input.sample.split('\n');
    if (lines.at(-1) === '') lines.pop();
    const records = [...lines.map((l) => checker.push(l)), checker.end()].filter((r): r is CheckedRecord => r !== null);
    return records.map((r) => {
      const text = lines.slice(r.line - 1, r.endLine).join('\n');
      return { matched: String(r.matched), fields: fieldSpans(built.value, r, text).map((s) => [s.name, text.slice(s.start, s.end)]) };
    });
  }

  const records = loadRecords().cases;

  it.each(records.map((c) => [c.id, c] as const))('highlights each field of CPython\'s records exactly: %s', async (id, c) => {
    const input = { format: c.fmt, style: c.style, sample: c.text };
    await enter(input, { type: id === 'message-last' });
    const shown = await pageRecords();
    expect(shown).toEqual(coreRecords(input));
    // A format that begins with the message reads each line as a record (README, Limits): not Python's records.
    if (id === 'message-first') return;
    expect(shown.length).toBe(c.records.length);
    c.records.forEach((want, i) => {
      const got = Object.fromEntries(shown[i]!.fields);
      expect(shown[i]!.matched, `record ${i + 1}`).toBe('true');
      for (const [name, text] of shown[i]!.fields) expect(text, `record ${i + 1} ${name}`).toBe(want.fields[name]);
      for (const [name, text] of Object.entries(want.fields)) if (text !== '') expect(got[name], `record ${i + 1} ${name}`).toBe(text);
    });
    if (id === 'message-middle') await page.screenshot({ path: join(SHOTS, 'records.png'), fullPage: true });
  }, SLOW.timeout);

  it.each(loadFrameworks().flatMap((f) => f.formats.map((format, i) => ({ framework: f.framework, format, records: f.records.filter((r) => r.format === i) })))
    .filter((c) => c.records.length > 0 && c.format.fmt !== '%(message)s')
    .map((c) => [`${c.framework}: ${c.format.fmt}`, c] as const))('matches every record of a real framework\'s log: %s', async (_, c) => {
    const input = { format: c.format.fmt, style: c.format.style, datefmt: c.format.datefmt, sample: `${c.records.map((r) => r.text).join('\n')}\n` };
    await enter(input);
    const shown = await pageRecords();
    expect(shown.map((r) => r.matched)).toEqual(c.records.map(() => 'true'));
    expect(shown).toEqual(coreRecords(input));
  }, SLOW.timeout);

  const SAMPLED: Input[] = [
    { format: records[0]!.fmt, style: records[0]!.style, sample: records[0]!.text },
    { format: records[2]!.fmt, style: records[2]!.style, sample: records[2]!.text },
    (() => {
      const gunicorn = loadFrameworks().find((f) => f.framework === 'gunicorn')!;
      const f = gunicorn.formats[0]!;
      return { format: f.fmt, style: f.style, datefmt: f.datefmt, sample: `${gunicorn.records.filter((r) => r.format === 0).map((r) => r.text).join('\n')}\n` };
    })(),
  ];

  it.each(SAMPLED.map((input) => [input.format, input] as const))('holds in each tab what the CLI prints: %s', async (_, input) => {
    await enter(input);
    for (const flavor of FLAVOR_NAMES) {
      const run = cli(['gen', ...formatArgs(input), '--flavor', flavor]);
      const shown = await tab(`[data-flavor=${flavor}]`);
      expect(shown.output, flavor).toBe(run.stdout);
      for (const w of shown.warnings) expect(run.stderr, flavor).toContain(`pylogrx: ${w}`);
    }
    for (const target of COLLECTOR_NAMES) {
      // The page reads its sample as the CLI reads --sample: Logtail's first record, lnav's matching lines.
      const sample = target === 'logtail' || target === 'lnav' ? ['--sample', '-'] : [];
      const run = cli([target, ...formatArgs(input), ...sample], { input: input.sample });
      expect(run.status, `${target}: ${run.stderr}`).toBe(0);
      const shown = await tab(`[data-target=${target}]`);
      expect(shown.output, target).toBe(run.stdout);
      for (const w of shown.warnings) expect(run.stderr, target).toContain(`pylogrx: ${w}`);
      expect(shown.warnings.length, target).toBe(run.stderr.split('\n').filter((l) => l.startsWith('pylogrx: warning')).length);
    }
    await page.click('[data-target=vector]');
    await page.click('#copy');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await page.$eval('[data-output]', (e) => e.textContent!));
    if (input === SAMPLED[2]) await page.screenshot({ path: join(SHOTS, 'config-vector.png'), fullPage: true });
  }, SLOW.timeout);

  it('shows a failed record\'s fields before the failure, and the caret and reason at its column', async () => {
    await enter({ format: '%(asctime)s %(levelname)s [%(process)d] %(message)s', sample: '2024-05-09 08:35:25,041 INFO [12] connected\n2024-05-09 08:35:26,112 WARNING [12x] slow\n' });
    const shown = await pageRecords();
    expect(shown).toEqual([
      { matched: 'true', fields: [['asctime', '2024-05-09 08:35:25,041'], ['levelname', 'INFO'], ['process', '12'], ['message', 'connected']] },
      { matched: 'false', fields: [['asctime', '2024-05-09 08:35:26,112'], ['levelname', 'WARNING']] },
    ]);
    const reason = await page.$eval('[data-record][data-matched=false] .reason', (e) => e.textContent);
    const run = cli(['check', '%(asctime)s %(levelname)s [%(process)d] %(message)s'], { input: '2024-05-09 08:35:26,112 WARNING [12x] slow\n' });
    expect(run.stdout.split('\n')[0]).toBe(reason!.replace('line 2', 'line 1'));
    // The caret's row: the line's text up to the column, laid out but not shown, then the caret.
    const ghost = await page.$eval('[data-record][data-matched=false] .caret .ghost', (e) => e.textContent!);
    expect(ghost).toBe('2024-05-09 08:35:26,112 WARNING [');
    expect(run.stdout.split('\n')[2]).toBe(`  ${' '.repeat(ghost.length)}^`);
    // The summary is check's own line.
    const both = cli(['check', '%(asctime)s %(levelname)s [%(process)d] %(message)s'], { input: '2024-05-09 08:35:25,041 INFO [12] connected\n2024-05-09 08:35:26,112 WARNING [12x] slow\n' });
    expect(await page.$eval('#summary', (e) => e.textContent)).toBe(both.stdout.split('\n').find((l) => / records? in /u.test(l)));
    await page.screenshot({ path: join(SHOTS, 'failed-record.png'), fullPage: true });
  }, SLOW.timeout);

  it('draws check --report\'s charts: records per minute by level, failures by field, the same figures', async () => {
    const format = '%(asctime)s %(levelname)s [%(process)d] %(message)s';
    const sample = '2024-05-09 08:35:25,041 INFO [12] up\n2024-05-09 08:35:59,112 WARNING [12] slow\n2024-05-09 08:37:01,000 ERROR [12x] down\n2024-05-09 08:37:02,000 INFO [12] back\n';
    await enter({ format, sample });
    const figures = (html: string) => [...html.matchAll(/data-(?:minute|field)="([^"]+)"(?: data-level="([^"]+)")? data-count="(\d+)"/gu)].map((m) => m.slice(1).join(' '));
    const onPage = figures(await page.$eval('[data-charts]', (e) => e.innerHTML));
    const dir = mkdtempSync(join(tmpdir(), 'pylogrx-report-'));
    cli(['check', format, '--report', join(dir, 'r.html')], { input: sample });
    expect(onPage).toEqual(figures(readFileSync(join(dir, 'r.html'), 'utf8')));
    expect(onPage).toEqual(['2024-05-09T08:35 INFO 1', '2024-05-09T08:35 WARNING 1', '2024-05-09T08:37 INFO 1', '2024-05-09T08:37 ERROR 1', 'process  1']);
    rmSync(dir, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'charts.png'), fullPage: true });
  }, SLOW.timeout);

  it('shows a malformed format\'s error at its column, as the CLI does', async () => {
    const format = '%(asctime)s %(levelname)s %(foo';
    await enter({ format, sample: '' });
    const column = await page.$eval('[data-error]', (e) => (e as HTMLElement).dataset.column);
    expect(cli(['gen', format]).stderr).toContain(`(format column ${column}): `);
    expect(column).toBe('32');
    expect(await page.$$('[data-record]')).toHaveLength(0);
    await page.screenshot({ path: join(SHOTS, 'format-error.png'), fullPage: true });
  }, SLOW.timeout);

  it('says what to do when the format box is empty', async () => {
    await enter({ format: '', sample: '' });
    expect(await page.$eval('[data-empty]', (e) => e.textContent)).toMatch(/^Type a format, or /u);
    // The preset menu: each formatter its boxes can hold; airflow's asctime and structlog's console lines they cannot.
    const offered = await page.$$eval('#preset option', (os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(offered).toContain('gunicorn#error');
    expect(offered.filter((v) => /^(?:airflow|structlog-console)#/u.test(v))).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'empty.png'), fullPage: true });
  }, SLOW.timeout);

  it('infers the format from the sample when the format box is empty, as pylogrx infer does', async () => {
    const flask = loadFrameworks().find((f) => f.framework === 'flask')!;
    await enter({ format: '', sample: flask.log });
    // Flask's two formats interleave (its own lines, the app's): the page checks with both, as check --infer does.
    const inferred = await page.$$eval('[data-inferred] code', (codes) => codes.map((c) => c.textContent));
    const printed = cli(['infer'], { input: flask.log }).stdout.split('\n').filter((l) => l.startsWith('format ')).map((l) => l.replace(/^format +/u, ''));
    expect(inferred).toEqual(printed);
    expect(inferred.length).toBeGreaterThan(1);
    const dir = mkdtempSync(join(tmpdir(), 'pylogrx-infer-'));
    writeFileSync(join(dir, 'flask.log'), flask.log);
    const check = cli(['check', '--infer', join(dir, 'flask.log'), join(dir, 'flask.log'), '--json']);
    rmSync(dir, { recursive: true });
    const matched = check.stdout.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { matched: boolean }).matched);
    expect(await page.$$eval('[data-record]', (rs) => rs.map((r) => r.getAttribute('data-matched') === 'true'))).toEqual(matched);
    await page.screenshot({ path: join(SHOTS, 'inferred.png'), fullPage: true });
  }, SLOW.timeout);

  it('keeps the state in the URL fragment: a link opens the same page', async () => {
    const input = { format: '{asctime} {levelname:<8} {message}', style: '{' as const, datefmt: '%d/%m/%Y %H:%M', sample: '09/05/2024 08:35 INFO     up\n' };
    await enter(input);
    await page.click('[data-target=fluentbit]');
    const link = page.url();
    expect(new URL(link).hash).toContain('format=');
    const other = await context.newPage();
    await other.goto(link);
    expect([await other.inputValue('#format'), await other.inputValue('#style'), await other.inputValue('#datefmt'), await other.inputValue('#sample')]).toEqual([input.format, input.style, input.datefmt, input.sample]);
    expect(await other.$eval('[aria-selected=true]', (e) => (e as HTMLElement).dataset.target)).toBe('fluentbit');
    expect(await other.$$eval('[data-field]', (all) => all.map((s) => s.textContent))).toEqual(['09/05/2024 08:35', 'INFO', 'up']);
    await other.close();
  }, SLOW.timeout);

  it('opens with the format the command line gave', async () => {
    const run = spawn(process.execPath, [BIN, 'playground', '%(levelname)s:%(name)s:%(message)s', '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const link = await new Promise<string>((resolve) => createInterface({ input: run.stdout! }).once('line', resolve));
      const other = await context.newPage();
      await other.goto(link);
      expect(await other.inputValue('#format')).toBe('%(levelname)s:%(name)s:%(message)s');
      await other.close();
    } finally {
      run.kill('SIGINT');
    }
  }, SLOW.timeout);

  it('works from disk, offline: the page --out writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pylogrx-page-'));
    try {
      const run = cli(['playground', '--out', dir]);
      expect(run.stderr).toContain(`wrote ${join(dir, 'index.html')}`);
      const other = await context.newPage();
      await other.goto(`${pathToFileURL(join(dir, 'index.html'))}#${new URLSearchParams({ format: '%(levelname)s:%(name)s:%(message)s', sample: 'INFO:app:up\n' })}`);
      expect(await other.$$eval('[data-field]', (all) => all.map((s) => s.textContent))).toEqual(['INFO', 'app', 'up']);
      await other.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, SLOW.timeout);

  it('reads a sample from a file', async () => {
    await enter({ format: '%(levelname)s:%(name)s:%(message)s', sample: '' });
    await page.setInputFiles('#file', { name: 'app.log', mimeType: 'text/plain', buffer: Buffer.from('INFO:app:one\nWARNING:app.db:two\n') });
    await page.waitForFunction(() => document.querySelectorAll('[data-record]').length === 2);
    expect(await page.inputValue('#sample')).toBe('INFO:app:one\nWARNING:app.db:two\n');
  }, SLOW.timeout);

  it('works from the keyboard alone: Tab reaches the format first, arrow keys move between tabs', async () => {
    await page.goto(url);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('format');
    await page.keyboard.type('%(message)s');
    await page.focus('[role=tab][aria-selected=true]');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.flavor)).toBe(FLAVOR_NAMES[1]);
    await page.keyboard.press('End');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.target)).toBe(COLLECTOR_NAMES.at(-1));
    expect(await page.$eval('[data-output]', (e) => e.textContent)).toBe('');
    expect(await page.$eval('[data-warnings]', (e) => e.textContent)).toContain('lnav needs sample lines');
  }, SLOW.timeout);

  it.each([['desktop', 1280, 900], ['phone', 390, 844]] as const)('fits a %s screen (%i px) without scrolling sideways', async (name, width, height) => {
    await page.setViewportSize({ width, height });
    await page.goto(url);
    await enter({ format: records[1]!.fmt, style: records[1]!.style, sample: records[1]!.text });
    await page.click('[data-target=otel]');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    if (name === 'phone') await page.screenshot({ path: join(SHOTS, 'phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  }, SLOW.timeout);

  it('asks nothing of the network: every request is the page itself', () => {
    expect(requests.length).toBeGreaterThan(0);
    // The served page, or the page --out wrote, opened from disk.
    for (const r of requests) expect(r).toMatch(/^(?:http:\/\/127\.0\.0\.1:\d+\/|file:\/\/\/.*\/index\.html)$/u);
  });
});
