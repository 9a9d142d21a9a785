/**
 * `--preset structlog-console` against the real structlog 22.3: fixtures/console/records.json
 * (scripts/capture_console.py) holds what ConsoleRenderer wrote through structlog's default chain, with
 * colours off and on, for hostile events and values, and each field's text as the renderer wrote it.
 * `check --json` must give exactly those texts and one record per structlog record, its traceback inside.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPattern } from '../src/core/pattern.js';
import { render } from '../src/core/render.js';
import { cli } from './support/cli.js';
import { matchedRecords } from './support/records.js';

interface Written { readonly text: string; readonly fields: Record<string, string> }
interface Case { readonly renderer: string; readonly colors: boolean; readonly log: string; readonly records: readonly Written[]; readonly ambiguous: readonly Written[] }

const FIXTURE = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'console', 'records.json'), 'utf8')) as { cases: Case[] };

const checkJson = (input: string, ...more: string[]) => {
  const run = cli(['check', '--preset', 'structlog-console', '--json', ...more], { input });
  return { ...run, records: run.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { line: number; end_line: number; fields: Record<string, string> }) };
};

describe('check --preset structlog-console --json against the real ConsoleRenderer', () => {
  for (const c of FIXTURE.cases) {
    it(`${c.renderer}: every record, its lines and each field's text, in the renderer's order`, () => {
      const run = checkJson(c.log);
      expect(run.status, run.stderr).toBe(0);
      expect(run.records).toEqual(matchedRecords(c.records));
      for (const [i, r] of run.records.entries()) expect(Object.keys(r.fields)).toEqual(Object.keys(c.records[i]!.fields));
    });
  }

  it('the fixture has what it claims: colour codes only with colour, tracebacks, a stack, a logger, unicode', () => {
    const [plain, coloured] = FIXTURE.cases;
    expect(plain!.log).not.toContain('\x1b');
    expect(coloured!.log).toContain('\x1b[2m');
    for (const c of FIXTURE.cases) {
      const all = c.records.map((r) => r.fields);
      for (const key of ['exception', 'stack', 'logger']) expect(all.some((f) => key in f), key).toBe(true);
      expect(all.some((f) => f.event!.includes('\n'))).toBe(true);
      expect(all.some((f) => [...f.event!].length > 30)).toBe(true);
    }
  });

  it('one log holding both, as a file does that a terminal wrote to and then a pipe', () => {
    const [plain, coloured] = FIXTURE.cases;
    const run = checkJson(plain!.log + coloured!.log);
    expect(run.status, run.stderr).toBe(0);
    expect(run.records.map((r) => r.fields)).toEqual([...plain!.records, ...coloured!.records].map((r) => r.fields));
  });

  // README, Limits: what the line cannot tell. The reading is the documented one; with colour, the codes
  // delimit every piece, so only an event's trailing spaces stay unknown.
  const READING: readonly Record<string, string>[] = [
    { event: 'cut', f: 'f', g: 'h' },
    { event: 'cut', a: '1', b: '2', c: '3' },
    { event: 'an event of thirty characters or more with', x: '1 in it', y: '2' },
    { event: 'trailing spaces', k: '1' },
  ];
  it('without colour, a value or a long event holding " key=" in sorted order is cut there; an event\'s trailing spaces read as padding', () => {
    const plain = FIXTURE.cases.find((c) => !c.colors)!;
    const run = checkJson(plain.ambiguous.map((a) => `${a.text}\n`).join(''));
    expect(run.records.map((r) => { const { timestamp: _, level: __, ...rest } = r.fields; return rest; })).toEqual(READING);
  });
  it('with colour, only the trailing spaces are lost', () => {
    const coloured = FIXTURE.cases.find((c) => c.colors)!;
    const run = checkJson(coloured.ambiguous.map((a) => `${a.text}\n`).join(''));
    const expected = coloured.ambiguous.map((a) => ({ ...a.fields, event: a.fields.event!.trimEnd() }));
    expect(run.records.map((r) => r.fields)).toEqual(expected);
  });
});

describe('the structlog-console pattern', () => {
  it('the colour codes are fragments, never groups: the regex captures the time, the level and the event', () => {
    const p = buildPattern('timestamp level event', { style: 'structlog-console', datefmt: null });
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    const regex = render(p.value, 'pcre');
    expect([...regex.matchAll(/\(\?<(\w+)>/gu)].map((m) => m[1])).toEqual(['timestamp', 'level', 'event']);
    expect(regex).toContain('(?:\\x1b\\[2m)?');
    for (const c of FIXTURE.cases) for (const r of c.records) expect(new RegExp(render(p.value, 'js', { mode: 'record' }), 'u').test(r.text), r.text).toBe(true);
  });
  it('the format names the keys written first: without a TimeStamper, the line begins at the level', () => {
    const p = buildPattern('level event', { style: 'structlog-console' });
    expect(p.ok && new RegExp(render(p.value, 'js'), 'u').exec('[info     ] started                        port=80')?.groups).toEqual({ level: 'info', event: 'started                        port=80' });
    for (const bad of ['event level', 'timestamp level', 'timestamp user event']) expect(buildPattern(bad, { style: 'structlog-console' }).ok, bad).toBe(false);
  });
  it('--typed reads the timestamp as ISO 8601, the keys as the text ConsoleRenderer wrote', () => {
    const run = checkJson('2026-12-01 11:17:59 [info     ] started                        port=8080\n', '--typed');
    expect(run.records[0]!.fields).toEqual({ timestamp: '2026-12-01T11:17:59', level: 'info', event: 'started', port: '8080' });
  });
  it('--datefmt stands for another TimeStamper(fmt=...)', () => {
    const run = checkJson('09:00:01 [info     ] up\n', '--datefmt', '%H:%M:%S');
    expect(run.status, run.stderr).toBe(0);
    expect(run.records[0]!.fields).toEqual({ timestamp: '09:00:01', level: 'info', event: 'up' });
  });
  it('a line of another shape fails where it leaves the layout', () => {
    const run = checkJson('2026-12-01 11:17:59 info event\n');
    expect(run.status).toBe(1);
    expect(run.records[0]).toMatchObject({ matched: false, error: { expected: '[' } });
  });
});
