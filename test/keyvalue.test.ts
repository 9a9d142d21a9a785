/**
 * `--style logfmt` and `--style json` against the real libraries: fixtures/keyvalue/records.json holds what
 * structlog 22.3's LogfmtRenderer, KeyValueRenderer and JSONRenderer and python-json-logger 2.0's
 * JsonFormatter wrote for hostile values, with each key's text (scripts/capture_keyvalue.py regenerates it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RecordChecker } from '../src/core/check.js';
import { keyValues } from '../src/core/keyvalue.js';
import { buildPattern } from '../src/core/pattern.js';
import { render } from '../src/core/render.js';
import { cli } from './support/cli.js';
import { matchedRecords } from './support/records.js';

interface Case {
  readonly renderer: string;
  readonly style: 'logfmt' | 'json';
  readonly format: string;
  readonly log: string;
  readonly records: readonly { readonly text: string; readonly fields: Record<string, string> }[];
}

const FIXTURE = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'keyvalue', 'records.json'), 'utf8')) as { cases: Case[] };

const checkJson = (style: string, format: string, input: string) => {
  const run = cli(['check', '--style', style, format, '--json'], { input });
  return { status: run.status, stderr: run.stderr, records: run.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
};

describe('check --style logfmt|json --json against the real renderers', () => {
  for (const c of FIXTURE.cases) {
    it(`${c.renderer}: every record, its lines and each key's text`, () => {
      const run = checkJson(c.style, c.format, c.log);
      expect(run.status, run.stderr).toBe(0);
      expect(run.records).toEqual(matchedRecords(c.records));
      // The named keys come first, in the format's order.
      const named = c.style === 'json' ? [...c.format.matchAll(/%\((\w+)\)/gu)].map((m) => m[1]) : c.format.split(' ');
      for (const r of run.records) expect(Object.keys(r.fields as object).slice(0, named.length)).toEqual(named);
    });
  }

  it('--typed gives a JSON line\'s numbers, booleans, nulls and objects as the line holds them', () => {
    for (const c of FIXTURE.cases.filter((k) => k.style === 'json')) {
      const run = cli(['check', '--style', 'json', c.format, '--typed'], { input: c.log });
      expect(run.status, run.stderr).toBe(0);
      const records = run.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { fields: Record<string, unknown> });
      let typedValues = 0;
      for (const [i, { text }] of c.records.entries()) {
        const line = JSON.parse(text) as Record<string, unknown>;
        for (const [key, value] of Object.entries(line)) {
          if (typeof value === 'string') continue;
          expect(records[i]!.fields[key], `${c.renderer}: ${key} in ${text}`).toEqual(value);
          typedValues++;
        }
      }
      expect(typedValues, c.renderer).toBeGreaterThan(0);
    }
  });

  it('the logfmt regex itself gives each named key its text (gen, one engine: JS)', () => {
    for (const c of FIXTURE.cases.filter((k) => k.style === 'logfmt')) {
      const p = buildPattern(c.format, { style: 'logfmt' });
      if (!p.ok) throw new Error(p.error.message);
      const record = new RegExp(render(p.value, 'js', { mode: 'record' }), 'u');
      for (const { text, fields } of c.records) {
        const m = record.exec(text);
        expect(m, text).not.toBeNull();
        // A True flag is the bare key: its capture is empty, and check reads it as `true`.
        for (const key of c.format.split(' ')) expect(m!.groups![key], `${key} in ${text}`).toBe(fields[key] === 'true' && !text.includes(`${key}=`) ? '' : fields[key]);
      }
    }
  });

  it('the JSON regex holds python-json-logger lines, named keys in order', () => {
    const c = FIXTURE.cases.find((k) => k.renderer.startsWith('pythonjsonlogger'))!;
    const p = buildPattern(c.format, { style: 'json' });
    if (!p.ok) throw new Error(p.error.message);
    const line = new RegExp(render(p.value, 'js'), 'u');
    for (const { text, fields } of c.records) {
      const m = line.exec(text);
      expect(m, text).not.toBeNull();
      expect(JSON.parse(m!.groups!.message!)).toBe(fields.message);
    }
  });
});

describe('what check says of a line that is not the format', () => {
  it('logfmt: a named key missing (drop_missing) fails at that key', () => {
    const run = checkJson('logfmt', 'timestamp level event', 'timestamp=1 level=info event=ok\ntimestamp=2 event=no-level\n');
    expect(run.status).toBe(1);
    expect(run.records[1]).toMatchObject({ matched: false, fields: { timestamp: '2' }, error: { field: null, expected: ' level' } });
  });

  it('JSON: a missing key fails that field; a line that is no object is another shape; bad JSON fails', () => {
    const run = checkJson('json', '%(asctime)s %(levelname)s %(message)s', [
      '{"message": "any order", "levelname": "INFO", "asctime": "t", "more": {"a": [1, 2]}}',
      '{"asctime": "t", "message": "no level"}',
      'print() output',
      '{"asctime": "t", "levelname":',
    ].join('\n'));
    expect(run.status).toBe(1);
    expect(run.records.map((r) => [r.matched, r.kind, (r.error as { field?: string } | undefined)?.field ?? null])).toEqual([
      [true, 'record', null], [false, 'record', 'levelname'], [false, 'foreign', null], [false, 'record', null],
    ]);
    expect(run.records[0]!.fields).toEqual({ asctime: 't', levelname: 'INFO', message: 'any order', more: '{"a":[1,2]}' });
  });

  it('JSON shares no stream with other formats', () => {
    const json = buildPattern('%(message)s', { style: 'json' });
    const plain = buildPattern('%(message)s');
    expect(() => new RecordChecker([json.ok ? json.value : null!, plain.ok ? plain.value : null!])).toThrow(/JSON/u);
  });
});

describe('reading key=value pairs', () => {
  it('takes each value as its exact text, a flag as true', () => {
    expect(Object.fromEntries(keyValues('a="x \\"y\\"" b=\'z z\' c= d flag2 e=None')!)).toEqual({ a: '"x \\"y\\""', b: "'z z'", c: '', d: 'true', flag2: 'true', e: 'None' });
  });

  it('refuses a key with an = or a space in it, and an empty format', () => {
    expect(buildPattern('a=b c', { style: 'logfmt' }).ok).toBe(false);
    expect(buildPattern('a a', { style: 'logfmt' }).ok).toBe(false);
    expect(buildPattern('   ', { style: 'logfmt' }).ok).toBe(false);
  });
});
