/**
 * `pylogrx lnav`, proven in lnav itself (Debian's lnav): each corpus format's definition, with sample
 * lines from the corpus, must install (lnav checks the samples against the regex), and lnav's SQL view of
 * the CPython-rendered log must hold Python's exact text in every column, the message in log_body, a time
 * for every line and the level mapped. Missing lnav skips, unless PYLOGRX_REQUIRE_ENGINES=1.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { buildPattern, fieldLabels, groupNames, lnavFormat } from '../src/core/index.js';
import { loadCorpus } from './support/corpus.js';
import { ambiguity } from './support/differential.js';
import { loadRecords } from './support/records.js';
import { describeHarness, toolProbe } from './support/harness.js';
import { printedInstant, styleCases } from './support/style-records.js';

const ANSI = /\x1b\[[0-9;]*m/gu;
const present = spawnSync('lnav', ['-V']).status === 0;
const home = mkdtempSync(join(tmpdir(), 'pylogrx-lnav-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** RFC 4180 rows, as lnav's :write-csv-to prints them. */
function csv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else cell += c;
  }
  return rows;
}

/** Installs the definition in a private lnav home and returns lnav's rows for the log, as objects. */
function lnavRows(id: string, document: Record<string, unknown>, name: string, log: string, columns: string[]): Record<string, string>[] {
  // lnav keeps its formats under $HOME/.lnav; without that directory it falls back to the working directory.
  const dir = join(home, id);
  mkdirSync(dir, { recursive: true });
  const env = { ...process.env, HOME: dir, XDG_CONFIG_HOME: join(dir, '.config') };
  writeFileSync(join(home, `${id}.json`), JSON.stringify(document));
  writeFileSync(join(home, `${id}.log`), log);
  const install = spawnSync('lnav', ['-i', join(home, `${id}.json`)], { env, encoding: 'utf8' });
  if (install.status !== 0) throw new Error(`lnav -i: ${install.stderr}${install.stdout}`);
  const sql = `;SELECT ${['log_line', 'log_time', 'log_level', 'log_body', ...columns].map((c) => `"${c}"`).join(', ')} FROM ${name}`;
  const run = spawnSync('lnav', ['-n', '-c', sql, '-c', ':write-csv-to -', join(home, `${id}.log`)], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`lnav: ${run.stderr}${run.stdout}`);
  const [head, ...rows] = csv(run.stdout);
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])));
}

it("refuses a space-padded day or hour, which lnav stops at ('Tue Dec  1 ...' under %a %b %e)", () => {
  for (const datefmt of ['%a %b %e %H:%M:%S %Y', '%c', '%d %k:%M', '%_d/%m/%Y %H:%M']) {
    const pattern = buildPattern('%(asctime)s %(message)s', { datefmt });
    if (!pattern.ok) throw new Error(pattern.error.message);
    const { document, name, warnings } = lnavFormat(pattern.value);
    expect((document[name] as Record<string, unknown>)['timestamp-format'], datefmt).toBeUndefined();
    expect(warnings.map((w) => w.message).join('\n'), datefmt).toMatch(/lnav does not read the space glibc pads/u);
  }
});

describeHarness('lnav loads each definition and reads the log as Python wrote it', toolProbe('lnav', () => present, 'lnav'), () => {
  for (const c of loadCorpus()) {
    it(`${c.id}: ${c.fmt}`, () => {
      const pattern = buildPattern(c.fmt, { style: c.style, datefmt: c.datefmt });
      if (!pattern.ok) throw new Error(pattern.error.message);
      const { document, name, warnings } = lnavFormat(pattern.value, { samples: c.lines.slice(0, 3).map((l) => l.text) });
      // No time lnav can read: the definition says so instead of failing to load.
      if (warnings.some((w) => /lnav needs a time/u.test(w.message))) return;
      const spec = (document[name] as { value: Record<string, unknown>; 'timestamp-field'?: string; 'body-field'?: string });
      const columns = Object.keys(spec.value);
      const kinds = Object.fromEntries(Object.entries(spec.value).map(([k, v]) => [k, (v as { kind: string }).kind]));
      const rows = lnavRows(c.id, document, name, c.lines.map((l) => `${l.text}\n`).join(''), columns);
      expect(rows).toHaveLength(c.lines.length);
      for (const [i, line] of c.lines.entries()) {
        const row = rows[i]!;
        if (spec['timestamp-field']) expect(row.log_time, `${line.text}: no time`).not.toBe('');
        if (ambiguity(c.id, line, 'pcre')) continue;
        for (const [key, want] of Object.entries(line.fields)) {
          const got = key === 'message' ? row.log_body : row[key];
          if (got === undefined) continue; // the timestamp, which lnav turns into log_time
          if (kinds[key] === 'float' || kinds[key] === 'integer') {
            expect(Number(got), `${line.text}: ${key}`).toBe(Number(want)); // lnav prints numbers its own way
            continue;
          }
          // lnav interprets ANSI colour codes rather than keeping them in values.
          expect(got, `${line.text}: ${key}`).toBe(want.replace(ANSI, ''));
        }
        if (line.fields.levelname === 'ERROR') expect(row.log_level).toBe('error');
      }
    });
  }

  // --style json: a JSON format (json: true), on the lines python-json-logger and structlog wrote.
  const keyvalue = (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'keyvalue', 'records.json'), 'utf8')) as {
    cases: { renderer: string; style: string; format: string; log: string; records: { text: string; fields: Record<string, string> }[] }[];
  }).cases.filter((c) => c.style === 'json');
  for (const c of keyvalue) {
    it(`a JSON format: ${c.renderer}'s lines, each key's value, the traceback and the level`, () => {
      const pattern = buildPattern(c.format, { style: 'json' });
      if (!pattern.ok) throw new Error(pattern.error.message);
      const { document, name } = lnavFormat(pattern.value, { samples: c.records.slice(0, 2).map((r) => r.text) });
      const spec = document[name] as { value: Record<string, unknown>; 'body-field': string; 'timestamp-field': string; 'level-field': string };
      // A hostile value in the time's place is no record lnav dates: those lines are left out of the log.
      const records = c.records.filter((r) => /^\d{4}-/u.test(r.fields[spec['timestamp-field']]!));
      const columns = Object.keys(spec.value).filter((k) => records.some((r) => k in r.fields));
      const rows = lnavRows(`json-${name}-${c.format.length}`, document, name, records.map((r) => `${r.text}\n`).join(''), columns);
      expect(rows).toHaveLength(records.length);
      for (const [i, r] of records.entries()) {
        const row = rows[i]!;
        const t = r.fields[spec['timestamp-field']]!;
        expect(new Date(`${row.log_time.replace(' ', 'T')}Z`).toISOString(), t).toBe(new Date(/Z$/u.test(t) ? t : `${t.replace(' ', 'T').replace(',', '.')}Z`).toISOString());
        const body = r.fields[spec['body-field']]!;
        // A body that is no string lnav prints its own way (-3.5 as -3.500000): a number is compared as one.
        const value = (JSON.parse(r.text) as Record<string, unknown>)[spec['body-field']];
        if (typeof value === 'number') expect(Number(row.log_body), r.text).toBe(value);
        else if (typeof value === 'string') expect(row.log_body, r.text).toBe(body);
        for (const k of columns) if (k in r.fields) expect(row[k], `${r.text}: ${k}`).toBe(r.fields[k] === 'null' ? '' : r.fields[k]);
        expect(row.log_level, r.text).toBe(({ INFO: 'info', info: 'info', ERROR: 'error', error: 'error', warning: 'warning' } as Record<string, string>)[r.fields[spec['level-field']]!]);
      }
    });
  }

  it("a logfmt format: LogfmtRenderer's lines, each named key's text, the time and the level", () => {
    const c = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'keyvalue', 'records.json'), 'utf8')).cases.find((x: { renderer: string }) => x.renderer.includes('LogfmtRenderer')) as typeof keyvalue[number];
    const pattern = buildPattern(c.format, { style: 'logfmt' });
    if (!pattern.ok) throw new Error(pattern.error.message);
    // lnav matches a record's first line: a named key's value that spans lines leaves the record unread (the
    // definition warns so). A True flag (the bare key) has no value: lnav's column is empty.
    const records = c.records.filter((r) => /^\d{4}-/u.test(r.fields.timestamp!) && !r.text.split('\n')[0]!.includes('event="line one'))
      .map((r) => ({ ...r, fields: Object.fromEntries(Object.entries(r.fields).map(([k, v]) => [k, v === 'true' && !r.text.includes(`${k}=`) ? '' : v])) }));
    const { document, name, warnings } = lnavFormat(pattern.value, { samples: records.slice(0, 2).map((r) => r.text) });
    expect(warnings.map((w) => w.message).join('\n')).toMatch(/spans lines/u);
    const rows = lnavRows('logfmt', document, name, records.map((r) => `${r.text}\n`).join(''), ['level', 'event', 'user']);
    expect(rows.map((r) => r.event)).toEqual(records.map((r) => r.fields.event));
    for (const [i, r] of records.entries()) {
      expect(new Date(`${rows[i]!.log_time.replace(' ', 'T')}Z`).toISOString()).toBe(new Date(r.fields.timestamp!).toISOString());
      for (const k of ['level', 'event', 'user']) expect(rows[i]![k], `${r.text}: ${k}`).toBe(r.fields[k]);
      expect(rows[i]!.log_level).toBe(r.fields.level);
    }
  });

  // gunicorn's, loguru's and uvicorn's captures: a row per record (a line at gunicorn's known limit, which
  // the regex does not match, continues the row before it, as lnav does), each field's text, each time's instant.
  for (const [k, c] of styleCases().entries()) {
    it(`${c.id}: ${c.fmt}`, () => {
      const pattern = buildPattern(c.fmt, { style: c.style, formatTime: c.formatTime });
      if (!pattern.ok) throw new Error(pattern.error.message);
      const lines = c.text.split('\n');
      const records = c.records.filter((r) => !r.limit);
      const { document, name, warnings } = lnavFormat(pattern.value, { samples: records.filter((r) => r.line === r.end_line).slice(0, 3).map((r) => lines[r.line - 1]!) });
      // No time lnav can read (a loguru fraction of a second): the definition says so instead of failing to load.
      if (warnings.some((w) => /lnav needs a time/u.test(w.message))) return;
      const spec = document[name] as { value: Record<string, { kind: string }>; 'timestamp-field'?: string; 'body-field'?: string };
      const js = groupNames(pattern.value, 'js');
      const pcre = groupNames(pattern.value, 'pcre');
      const labels = fieldLabels(pattern.value);
      const column = new Map(pattern.value.parts.flatMap((p) => (p.kind === 'field' && p.sameAs === null ? [[labels.get(js.get(p.capture)!)!, pcre.get(p.capture)!] as const] : [])));
      // Known defect (README, Limits): SQLite's column names ignore case, so %(b)s beside %(B)s gives lnav
      // one name twice, and lnav makes no table for the definition.
      const names = Object.keys(spec.value);
      if (new Set(names.map((n) => n.toLowerCase())).size < names.length) return;
      const rows = lnavRows(`style-${k}`, document, name, c.text, names);
      expect(rows.map((r) => Number(r.log_line) + 1)).toEqual(records.map((r) => r.line));
      const limited = new Set(c.records.filter((r) => r.limit).map((r) => r.line));
      for (const [i, r] of records.entries()) {
        const row = rows[i]!;
        // The line at the limit after it continues this row, which its regex then does not match.
        if (limited.has(r.end_line + 1)) continue;
        for (const [label, want] of Object.entries(r.fields)) {
          const col = column.get(label)!;
          if (col === spec['timestamp-field']) {
            // lnav keeps a time's wall clock (log_time, log_time_msecs), not converted by its offset.
            const wall = want.replace(/ ?[+-]\d{4}(?=\]?$)/u, '');
            expect(new Date(`${row.log_time.replace(' ', 'T')}Z`).toISOString(), `line ${r.line}: ${want}`).toBe(printedInstant(wall));
            continue;
          }
          const got = col === spec['body-field'] ? row.log_body : row[col];
          const kind = spec.value[col]?.kind;
          if (kind === 'float' || kind === 'integer') expect(Number(got), `line ${r.line}: ${label}`).toBe(Number(want));
          else expect(got, `line ${r.line}: ${label}`).toBe(want.replace(ANSI, ''));
        }
      }
    });
  }

  it('keeps a traceback in its record', () => {
    const c = loadRecords().cases.find((r) => r.id === 'message-last')!;
    const pattern = buildPattern(c.fmt, { style: c.style });
    if (!pattern.ok) throw new Error(pattern.error.message);
    const { document, name } = lnavFormat(pattern.value, { samples: c.records.map((r) => c.text.split('\n')[r.line - 1]!) });
    const rows = lnavRows('records', document, name, c.text, []);
    expect(rows.map((r) => Number(r.log_line) + 1)).toEqual(c.records.map((r) => r.line));
    expect(rows.map((r) => r.log_body)).toEqual(c.records.map((r) => r.fields.message));
  });
});
