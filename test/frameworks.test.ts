/**
 * What real frameworks print in their default logging (fixtures/frameworks, captured from Debian's
 * gunicorn, uvicorn, Django, Flask, Tornado, Celery, Scrapy, aiohttp, waitress and hypercorn by
 * scripts/capture_frameworks.py, with a hook on logging.Formatter.format saying which lines each record
 * took). `check`, given every formatter the framework wrote through, must return each Python record as
 * one matched record of its formatter, from its exact first line through its last, glued onto no other
 * record. What may follow it in the same object: lines the framework printed outside logging that do not
 * look like a record's start (Celery's banner, aiohttp's "(Press CTRL+C to quit)"). One exception, which
 * no reader can avoid: where one of the formats begins with the message, a message newline in its
 * records starts a new one (README, Limits). Logtail's start pattern and regex, run in Boost.Regex, must
 * not split a record either (the same exception), and must parse every record of their format.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { logtailConfig, RecordChecker, type CheckedRecord } from '../src/core/index.js';
import { loadFrameworks, patternsOf, splitsUnderHeadless, type FrameworkCase } from './support/frameworks.js';
import { describeHarness, toolProbe } from './support/harness.js';
import { cleanupLogtailEngine, LOGTAIL_PACKAGES, logtailEngineAvailable, logtailRecords, runLogtail } from './support/logtail-engine.js';

const cases = loadFrameworks();

const linesOf = (text: string) => text.split('\n').slice(0, text.endsWith('\n') ? -1 : undefined);

function checked(c: FrameworkCase): CheckedRecord[] {
  const checker = new RecordChecker(patternsOf(c));
  return [...linesOf(c.log).map((l) => checker.push(l)), checker.end()].filter((r): r is CheckedRecord => r !== null);
}

function expectFrameworkRecords(c: FrameworkCase): void {
  const objects = checked(c);
  const at = new Map(objects.map((o) => [o.line, o]));
  const other = new Set(c.other);
  for (const r of c.records) {
    const got = at.get(r.line);
    const label = `${c.framework} (${c.python.split(' ')[0]}) record at line ${r.line}: ${JSON.stringify(r.text.slice(0, 120))}`;
    expect(got && [got.line, got.matched, got.kind], `${label}\n${JSON.stringify(got?.error)}`).toEqual([r.line, true, 'record']);
    if (!splitsUnderHeadless(c.formats, r)) expect(got!.endLine, `${label}: its last line`).toBeGreaterThanOrEqual(r.end_line);
    for (let n = r.end_line + 1; n <= got!.endLine; n++) expect(other.has(n), `${label}: line ${n}, another record's, is glued onto it`).toBe(true);
    // Formats that print the same text (two plain '%(message)s' handlers) are one entry already.
    expect(c.formats[got!.format]!.fmt, label).toBe(c.formats[r.format]!.fmt);
  }
  // Every line is in one object.
  expect(objects.reduce((n, o) => n + o.endLine - o.line + 1, 0)).toBe(linesOf(c.log).length);
}

const FRAMEWORKS = ['aiohttp', 'celery', 'django', 'flask', 'gunicorn', 'hypercorn', 'scrapy', 'tornado', 'uvicorn', 'waitress'];

describe('check reads what real frameworks print, record for record (fixture)', () => {
  it('has every framework', () => expect(cases.map((c) => c.framework).sort()).toEqual(FRAMEWORKS));
  for (const c of cases) it(`${c.framework} ${c.version}: ${c.formats.map((f) => f.fmt).join(' + ')}`, () => expectFrameworkRecords(c));
});

/** Debian's frameworks, run by Debian's interpreter, as scripts/capture_frameworks.py does. */
const frameworksProbe = toolProbe('a framework', () => spawnSync('/usr/bin/python3', ['-c', 'import django, flask, tornado, celery, scrapy, aiohttp, waitress, hypercorn, uvicorn, gunicorn']).status === 0,
  'python3 gunicorn python3-uvicorn python3-django python3-flask python3-tornado python3-celery python3-scrapy python3-aiohttp python3-waitress python3-hypercorn');

describeHarness('check reads what real frameworks print, record for record (live)', frameworksProbe, () => {
  it('every framework, captured now', () => {
    const out = mkdtempSync(join(tmpdir(), 'pylogrx-frameworks-'));
    try {
      const run = spawnSync('/usr/bin/python3', [join(import.meta.dirname, '..', 'scripts', 'capture_frameworks.py'), '--out', out], { encoding: 'utf8', timeout: 240_000 });
      expect(run.status, run.stderr).toBe(0);
      const live = loadFrameworks(out);
      expect(live.map((c) => c.framework).sort()).toEqual(FRAMEWORKS);
      live.forEach(expectFrameworkRecords);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 300_000);
});

describeHarness('Logtail, in Boost.Regex, on what real frameworks print', toolProbe('g++ or Boost.Regex', logtailEngineAvailable, LOGTAIL_PACKAGES), () => {
  afterAll(cleanupLogtailEngine);
  for (const c of cases) {
    const patterns = patternsOf(c);
    for (const [i, pattern] of patterns.entries()) {
      const config = logtailConfig(pattern);
      const records = c.records.filter((r) => c.formats[r.format]!.fmt === c.formats[i]!.fmt && !splitsUnderHeadless([c.formats[i]!], r));
      if (config.startPattern === null || records.length === 0) continue;
      it(`${c.framework}: ${c.formats[i]!.fmt}`, () => {
        for (const semantics of ['full', 'prefix'] as const) {
          // In the whole log, no record of this format is split (other formats' lines may join it).
          const cut = logtailRecords(config.startPattern!, semantics, c.log);
          for (const r of records) {
            expect(cut.some((t) => t === r.text || t.startsWith(`${r.text}\n`)), `${semantics}: the record at line ${r.line} is split:\n${r.text}`).toBe(true);
          }
          // Its records alone are each one record, and the regex parses every one.
          const rows = runLogtail(config.startPattern!, config.regex, semantics, records.map((r) => `${r.text}\n`).join(''));
          expect(rows.length, semantics).toBe(records.length);
          rows.forEach((row, k) => expect(row, `${semantics}: ${records[k]!.text}`).not.toBeNull());
        }
      });
    }
  }
});
