/**
 * Onigmo through Ruby (test/engines/onigmo.rb): Ruby's Regexp is Onigmo, the engine Fluent Bit links and
 * Logstash's Joni ports. Also the config readers the collector tests need: Fluent Bit's rule tokens and
 * Logstash's string literals, each as the collector's own source reads them.
 */
import { toolProbe } from './harness.js';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Row } from './engines.js';

const HARNESS = join(import.meta.dirname, '..', 'engines', 'onigmo.rb');
export const ONIGMO_PACKAGES = 'ruby';

let present: boolean | null = null;
export const rubyAvailable = (): boolean => (present ??= spawnSync('ruby', ['-e', 'exit 0']).status === 0);

export const rubyProbe = toolProbe('ruby (Onigmo)', rubyAvailable, ONIGMO_PACKAGES);

function ruby(args: string[], input: string): string {
  const out = spawnSync('ruby', [HARNESS, ...args], { input, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, TZ: 'UTC' } });
  if (out.status !== 0) {
    const phase = out.status === 2 ? 'compile' : 'match';
    throw new Error(`Onigmo ${phase} error (${out.stderr.trim() || String(out.error ?? `exit ${out.status}`)})\n${input.split('\n').slice(0, 3).join('\n')}`);
  }
  return out.stdout;
}

const unhex = (g: string | null) => (g === null ? null : Buffer.from(g, 'hex').toString('utf8'));

/** The engine protocol of test/support/engines.ts: positional groups, one row a subject. */
export function onigmoRun(regex: string, subjects: readonly string[]): Row[] {
  if ([regex, ...subjects].some((l) => l.includes('\n'))) throw new Error('the engine protocol cannot carry a newline');
  const lines = ruby([], [regex, ...subjects].map((l) => `${l}\n`).join('')).split('\n');
  lines.pop();
  return lines.map((line) => (line === '-' ? null : line === '' ? [] : line.split(' ').map((g) => (g === ':~' ? null : unhex(g.slice(1))))));
}

export interface CutRecord {
  readonly text: string;
  /** Group name → text (null: did not take part); null when the record regex did not match. */
  readonly groups: Readonly<Record<string, string | null>> | null;
}

/**
 * The records a collector cuts from `log` (lines ending in '\n'), each searched with `record`. For
 * logstash, `record` is a grok match, expanded in Ruby with `definitions`; `cont` is Fluent Bit's.
 */
export interface RecordsJob {
  readonly collector: 'fluentbit' | 'logstash';
  readonly start: string | null;
  readonly cont?: string | null;
  readonly record: string;
  readonly log: string;
  readonly definitions?: ReadonlyMap<string, string>;
}

type BatchResult = { rows: (string | null)[][] } | { names: string[]; records: { text: string; groups: (string | null)[] | null }[] } | { error: string };

/** Many jobs in one Ruby process (its start-up is most of a small job's cost). */
function batch(jobs: readonly object[]): BatchResult[] {
  return JSON.parse(ruby(['batch'], JSON.stringify(jobs))) as BatchResult[];
}

export function onigmoRecordsBatch(jobs: readonly RecordsJob[]): CutRecord[][] {
  const results = batch(jobs.map((j) => ({
    records: j.collector, start: j.start, cont: j.cont ?? null, record: j.record, log: j.log,
    definitions: Object.fromEntries(j.definitions ?? new Map()),
  })));
  return results.map((r, i) => {
    if ('error' in r) throw new Error(`Onigmo: ${r.error}\nrecord: ${jobs[i]!.record}`);
    if (!('names' in r)) throw new Error('unexpected result');
    return r.records.map((rec) => ({
      text: unhex(rec.text)!,
      groups: rec.groups === null ? null : Object.fromEntries(r.names.map((n, k) => [n, unhex(rec.groups![k]!)])),
    }));
  });
}

export const onigmoRecords = (job: RecordsJob): CutRecord[] => onigmoRecordsBatch([job])[0]!;

/** The engine protocol, many regexes in one process: one row a subject, positional groups. */
export function onigmoRunBatch(jobs: readonly { regex: string; subjects: readonly string[] }[]): Row[][] {
  return batch(jobs.map((j) => ({ lines: j.regex, subjects: j.subjects }))).map((r, i) => {
    if ('error' in r) throw new Error(`Onigmo: ${r.error}\nregex: ${jobs[i]!.regex}`);
    if (!('rows' in r)) throw new Error('unexpected result');
    return r.rows.map((row) => (row === null ? null : row.map(unhex)));
  });
}

/** Ruby's Time.strptime (TZ=UTC) on each [format, text]: epoch milliseconds, or null when it fails. */
export function rubyStrptime(pairs: readonly (readonly [string, string])[]): (number | null)[] {
  const out = ruby(['strptime'], pairs.map(([f, t]) => `${f}\t${t}\n`).join('')).split('\n');
  out.pop();
  return out.map((l) => (l === '-' ? null : Number(l)));
}

/** Ruby's JSON.parse on each line: the object's keys, a string as it is and any other value as JSON text; null: no object. */
export function rubyJson(lines: readonly string[]): (Record<string, string> | null)[] {
  return JSON.parse(ruby(['json'], JSON.stringify(lines))) as (Record<string, string> | null)[];
}

/**
 * Fluent Bit's rule token (flb_slist.c token_retrieve + token_unescape): spaces skipped; a quoted token
 * ends at the first `"` not preceded by `\`, and then each `\"` becomes `"`; a bare token ends at a space.
 */
export function fluentBitTokens(text: string): string[] {
  const tokens: string[] = [];
  let p = 0;
  while (p < text.length) {
    while (text[p] === ' ') p++;
    if (p >= text.length) break;
    if (text[p] === '"') {
      const start = ++p;
      while (p < text.length && !(text[p] === '"' && text[p - 1] !== '\\')) p++;
      tokens.push(text.slice(start, p).replace(/\\"/gu, '"'));
      p++;
    } else {
      const start = p;
      while (p < text.length && text[p] !== ' ') p++;
      tokens.push(text.slice(start, p));
    }
  }
  return tokens;
}

/**
 * Logstash's double-quoted string (grammar.treetop): `"` ( `\"` | !`"` any )* `"`, read as a PEG, from
 * `text[at]`. Its value is the text between the quotes; with config.support_escapes on, StringEscape
 * (logstash-core/lib/logstash/config/string_escape.rb) then replaces `\\ \" \' \n \r \t \0`.
 */
export function logstashString(text: string, at: number, escapes: boolean): { value: string; end: number } {
  if (text[at] !== '"') throw new Error(`no string at ${at}: ${text.slice(at, at + 20)}`);
  let p = at + 1;
  while (p < text.length && text[p] !== '"') p += text.startsWith('\\"', p) ? 2 : 1;
  if (p >= text.length) throw new Error(`unterminated string at ${at}`);
  const raw = text.slice(at + 1, p);
  const map: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', n: '\n', r: '\r', t: '\t', '0': '\0' };
  return { value: escapes ? raw.replace(/\\[\s\S]/gu, (e) => map[e[1]!] ?? e) : raw, end: p + 1 };
}
