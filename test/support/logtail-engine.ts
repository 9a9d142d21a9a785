/**
 * Logtail end to end: the config `pylogrx logtail` prints, run the way the collector runs it. The harness
 * (test/engines/logtail_records.cpp) splits a raw log into records with the start pattern, under either
 * agent's rule, then applies the full regex to each record with boost::regex_match, and answers in the
 * engine protocol of test/support/engines.ts: one row per record.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Style } from '../../src/core/index.js';
import { cli } from './cli.js';
import { ENGINES, type Row } from './engines.js';

/** How a line is recognised as a record's first: `full` the classic agent and iLogtail ≤ 2.0, `prefix` LoongCollector 3.x. */
export type StartSemantics = 'full' | 'prefix';
export type LogtailKind = 'pipeline' | 'classic';

export const LOGTAIL_PACKAGES = 'libboost-regex-dev g++';
/** g++ and the Boost.Regex headers (the library itself is checked by the first build). */
export const logtailEngineAvailable = (): boolean => ENGINES.logtail.available();

let scratch: string | null = null;
let binary: string | null = null;

function harness(): string {
  if (binary !== null) return binary;
  scratch = mkdtempSync(join(tmpdir(), 'pylogrx-logtail-'));
  const out = join(scratch, 'logtail_records');
  const run = spawnSync('g++', ['-O1', '-o', out, 'logtail_records.cpp', '-lboost_regex'], {
    cwd: join(import.meta.dirname, '..', 'engines'),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`building the Logtail harness failed (apt-get install -y ${LOGTAIL_PACKAGES})\n${run.stderr || String(run.error)}`);
  return (binary = out);
}

/** Builds the harness now (so the first test does not pay for it). */
export const buildLogtailEngine = (): void => void harness();

export function cleanupLogtailEngine(): void {
  if (scratch !== null) rmSync(scratch, { recursive: true, force: true });
  scratch = binary = null;
}

/** The records the agent forms from `log` (the raw stream, lines ending in '\n'), each parsed by `regex`. */
export function runLogtail(start: string, regex: string, semantics: StartSemantics, log: string): Row[] {
  if (start.includes('\n') || regex.includes('\n')) throw new Error('a newline in the start pattern or the regex cannot be carried');
  const out = spawnSync(harness(), [], { input: `${start}\n${regex}\n${semantics}\n${log}`, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (out.status !== 0) {
    const phase = out.status === 2 ? 'compile' : 'match';
    throw new Error(`Boost.Regex ${phase} error (${out.stderr.trim() || String(out.error ?? `exit ${out.status}`)})\nstart: ${start}\nregex: ${regex}`);
  }
  const lines = out.stdout.split('\n');
  if (lines.pop() !== '') throw new Error(`the Logtail harness did not end its output with a newline:\n${out.stdout}`);
  return lines.map((line) => {
    if (line === '-') return null;
    if (line === '') return [];
    return line.split(' ').map((g) => (g === ':~' ? null : Buffer.from(g.slice(1), 'hex').toString('utf8')));
  });
}

/** The records' texts, as the agent splits them (whatever the regex would make of them). */
export const logtailRecords = (start: string, semantics: StartSemantics, log: string): string[] =>
  runLogtail(start, '([\\s\\S]*)', semantics, log).map((row) => row![0]!);

/** A start pattern every line matches under both rules: what the agent does without one (line mode). */
export const EVERY_LINE = '[\\s\\S]*';

export interface LogtailSnippet {
  /** null when the config has no multi-line start (a format that begins with the message): one record a line. */
  readonly start: string | null;
  readonly regex: string;
  /** The key of each capturing group, in group order. */
  readonly keys: readonly string[];
  /** What the CLI printed, for messages. */
  readonly raw: string;
}

/** Runs `pylogrx logtail` and reads the start pattern, regex and keys out of what it prints. */
/** `preset`: the preset (NAME#KEY) that stands for the format, where no flag gives it (a Formatter class's own asctime). */
export function logtailSnippet(fmt: string, options: { style?: Style; datefmt?: string | null; kind: LogtailKind; json?: boolean; preset?: string }): LogtailSnippet {
  const args = ['logtail', ...(options.preset ? ['--preset', options.preset] : [fmt, '--style', options.style ?? '%']), '--kind', options.kind];
  if (options.datefmt != null) args.push('--datefmt', options.datefmt);
  if (options.json) args.push('--json');
  const run = cli(args);
  if (run.status !== 0) throw new Error(`pylogrx ${JSON.stringify(args)} exited ${run.status}:\n${run.stderr}`);
  const doc = (options.kind === 'pipeline' && !options.json ? parse(run.stdout) : JSON.parse(run.stdout)) as Record<string, any>;
  const snippet =
    options.kind === 'pipeline'
      ? { start: doc.inputs?.[0]?.Multiline === undefined ? null : doc.inputs[0].Multiline.StartPattern, regex: doc.processors?.[0]?.Regex, keys: doc.processors?.[0]?.Keys }
      : { start: doc.inputDetail?.logBeginRegex, regex: doc.inputDetail?.regex, keys: doc.inputDetail?.key };
  if ((snippet.start !== null && typeof snippet.start !== 'string') || typeof snippet.regex !== 'string' || !Array.isArray(snippet.keys) || !snippet.keys.every((k: unknown) => typeof k === 'string'))
    throw new Error(`pylogrx ${JSON.stringify(args)}: no start pattern, regex or keys where expected in:\n${run.stdout}`);
  if (options.kind === 'pipeline' && doc.processors[0].Type !== 'processor_parse_regex_native')
    throw new Error(`pylogrx ${JSON.stringify(args)}: processors[0].Type is ${JSON.stringify(doc.processors[0].Type)}`);
  return { ...snippet, raw: run.stdout };
}
