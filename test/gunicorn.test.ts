/**
 * gunicorn access logs (`--style gunicorn`), against the real gunicorn: scripts/capture_gunicorn.py runs
 * Debian's gunicorn with several `access_log_format`s, sends it hostile requests and records, from
 * gunicorn's own `Logger.atoms()` and SafeAtoms, the text each atom printed (fixtures/gunicorn).
 * `check --json --style gunicorn FORMAT` must give exactly those texts, named by the atoms; `--typed`
 * reads `t` as ISO and the numbers as numbers. Every collector's config runs in its engine on the same
 * captures (collectorChecks in test/support/collector-checks.ts, from each target's test).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPattern, DEFAULT_FORMAT, fieldLabels, GUNICORN_DEFAULT_FORMAT, type Pattern } from '../src/core/index.js';
import { cli } from './support/cli.js';
import { describeHarness, toolProbe } from './support/harness.js';
import { backslashBeforeInnerQuote as limited, loadGunicornCaptures, type GunicornCapture } from './support/style-records.js';

type Capture = GunicornCapture;

const gunicornPattern = (format: string): Pattern => {
  const p = buildPattern(format, { style: 'gunicorn' });
  if (!p.ok) throw new Error(p.error.message);
  return p.value;
};

const backslashBeforeInnerQuote = (c: Capture, fields: Readonly<Record<string, string>>) => limited(c.format, fields);

interface JsonRecord {
  readonly line: number;
  readonly matched: boolean;
  readonly fields: Record<string, unknown>;
}

function checkJson(c: Capture, typed = false): JsonRecord[] {
  const run = cli(['check', '--json', ...(typed ? ['--typed'] : []), '--style', 'gunicorn', c.format], { input: c.log });
  expect(run.stderr).not.toMatch(/error/u);
  return run.stdout.trim().split('\n').map((l) => JSON.parse(l) as JsonRecord);
}

function expectCaptured(c: Capture): void {
  const got = checkJson(c);
  expect(got.length, c.name).toBe(c.records.length);
  c.records.forEach((r, i) => {
    const g = got[i]!;
    if (backslashBeforeInnerQuote(c, r.fields)) {
      expect(g.matched, `${c.name} line ${i + 1} (a known limit): ${r.line}`).toBe(false);
      return;
    }
    expect({ matched: g.matched, fields: g.fields }, `${c.name} line ${i + 1}: ${r.line}`).toEqual({ matched: true, fields: r.fields });
  });
}

const { gunicorn: version, captures } = loadGunicornCaptures();

describe(`check --style gunicorn on what gunicorn ${version} printed`, () => {
  for (const c of captures) it(`${c.name}: ${c.format}`, () => expectCaptured(c));

  it('covers every atom of Logger.atoms(), headers, environ variables and unknown atoms', () => {
    const atoms = new Set(captures.flatMap((c) => c.records.flatMap((r) => Object.keys(r.fields))));
    for (const a of 'h l u t r m U q H s B b f a T D M L p'.split(' ')) expect(atoms, a).toContain(a);
    expect([...atoms].filter((a) => /^\{.*\}[ioe]$/u.test(a)).map((a) => a.at(-1)).sort()).toEqual(['e', 'e', 'i', 'i', 'i', 'o']);
    expect(atoms).toContain('x');
  });

  it('only the known limit is left unmatched', () => {
    const limited = captures.flatMap((c) => c.records.filter((r) => backslashBeforeInnerQuote(c, r.fields)).map((r) => `${c.name}: ${r.line}`));
    expect(limited).toEqual([
      expect.stringMatching(/^all-atoms: .*"\/cafÃ©\/a b\\"c\\" /u),
      expect.stringMatching(/^all-atoms: .*"ends with backslash\\" /u),
      expect.stringMatching(/^headers: .*"ends with backslash\\" /u),
    ]);
  });
});

describe('--typed reads gunicorn atoms back', () => {
  const byName = (name: string) => captures.find((c) => c.name === name)!;

  it('t as ISO 8601 with its offset, numbers as numbers, text as text', () => {
    const c = byName('all-atoms');
    const got = checkJson(c, true);
    const first = got[0]!.fields;
    const t = c.records[0]!.fields.t!;
    const m = /^\[(\d\d)\/(\w{3})\/(\d{4}):(\d\d):(\d\d):(\d\d) ([+-]\d\d)(\d\d)\]$/u.exec(t)!;
    const month = String(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].indexOf(m[2]!) + 1).padStart(2, '0');
    expect(first.t).toBe(`${m[3]}-${month}-${m[1]}T${m[4]}:${m[5]}:${m[6]}${m[7]}:${m[8]}`);
    for (const [k, r] of c.records.entries()) {
      if (backslashBeforeInnerQuote(c, r.fields)) continue;
      const f = got[k]!.fields;
      for (const atom of ['s', 'B', 'b', 'T', 'D', 'M', 'L']) expect(f[atom], `${atom} of line ${k + 1}`).toBe(Number(r.fields[atom]));
      expect(f.p).toBe(r.fields.p);
      expect(f.r).toBe(r.fields.r);
    }
  });

  it("a number printed in hex reads as its value; '-' stays '-'", () => {
    const c = byName('numbers');
    const got = checkJson(c, true);
    c.records.forEach((r, k) => expect(got[k]!.fields.D).toBe(parseInt(r.fields.D!, 16)));
    expect(checkJson({ ...byName('default'), log: '127.0.0.1 - - [01/Dec/2026:11:17:59 +0530] "GET / HTTP/1.1" 304 - "-" "-"\n' }, true)[0]!.fields.b).toBe('-');
  });
});

describe('the gunicorn style', () => {
  it("takes gunicorn's default access_log_format, also when no format is given", () => {
    expect(DEFAULT_FORMAT.gunicorn).toBe(GUNICORN_DEFAULT_FORMAT);
    expect(gunicornPattern('').parts).toEqual(gunicornPattern(GUNICORN_DEFAULT_FORMAT).parts);
  });

  // One record per line: a value at the backslash limit (README, Limits) would otherwise glue the line to the record before it.
  it.each(['logtail', 'fluentbit', 'vector', 'otel', 'alloy', 'logstash'])('%s: a gunicorn access log gets no multi-line rule, a logging format does', (target) => {
    const rule = /multiline|logBeginRegex/iu;
    expect(cli([target, '--style', 'gunicorn', '']).stdout).not.toMatch(rule);
    expect(cli([target, '%(asctime)s %(message)s']).stdout).toMatch(rule);
  });

  it('names each field by its atom in check --json, and its group by a legal name', () => {
    const p = gunicornPattern('%({User-Agent}i)s %({x-request-id}i)s %({remote_port}e)s %({content-type}o)s %(T)s %(T)d');
    expect([...fieldLabels(p).entries()]).toEqual([
      ['i_user_agent', '{user-agent}i'], ['i_x_request_id', '{x-request-id}i'], ['e_remote_port', '{remote_port}e'],
      ['o_content_type', '{content-type}o'], ['T', 'T'], ['T_2', 'T_2'],
    ]);
  });

  it('refuses what gunicorn cannot print, as Python does', () => {
    for (const format of ['%(s)d', '%(L).3f', '%(x)d', '%(b)x', '%(a)d']) {
      const p = buildPattern(format, { style: 'gunicorn' });
      expect(p.ok, format).toBe(false);
      if (!p.ok) expect(p.error.message).toMatch(/gunicorn holds .* as a str/u);
    }
    expect(buildPattern('%(T)d %(D)x %(M)05d %(B)10d', { style: 'gunicorn' }).ok).toBe(true);
    // A format without fields prints as it is ('abc' % mapping); '%%' is a '%'.
    const literal = gunicornPattern('up 100%%');
    expect(literal.parts.map((p) => p.kind === 'literal' && p.text)).toEqual(['up 100%']);
  });

  it("warns that an unknown atom prints '-' and that --datefmt does nothing", () => {
    const p = buildPattern('%(h)s %(host)s %(t)s', { style: 'gunicorn', datefmt: '%Y' });
    expect(p.ok && p.value.warnings.map((w) => w.message)).toEqual([
      '--datefmt does nothing for gunicorn: %(t)s is always [%d/%b/%Y:%H:%M:%S %z] (glogging.py Logger.now)',
      "%(host)s: no atom of gunicorn's (glogging.py Logger.atoms), so gunicorn prints '-'",
    ]);
  });

  it('gen prints the regex for the default format', () => {
    const run = cli(['gen', '--style', 'gunicorn', GUNICORN_DEFAULT_FORMAT]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const rx = new RegExp(run.stdout.trim(), 'u');
    for (const r of captures.find((c) => c.name === 'default')!.records) expect(rx.exec(r.line)?.groups).toEqual(r.fields);
  });
});

const gunicornProbe = toolProbe('Debian gunicorn', () => spawnSync('/usr/bin/python3', ['-c', 'import gunicorn'], { encoding: 'utf8' }).status === 0, 'gunicorn');

describeHarness('check --style gunicorn on what gunicorn prints (live)', gunicornProbe, () => {
  it('every format, captured now', () => {
    const out = mkdtempSync(join(tmpdir(), 'pylogrx-gunicorn-'));
    try {
      const run = spawnSync('/usr/bin/python3', [join(import.meta.dirname, '..', 'scripts', 'capture_gunicorn.py'), '--out', out], { encoding: 'utf8', timeout: 120_000 });
      expect(run.status, run.stderr).toBe(0);
      loadGunicornCaptures(out).captures.forEach(expectCaptured);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 150_000);
});
