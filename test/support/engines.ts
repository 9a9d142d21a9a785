/**
 * The real regex engines behind the flavors, each driven through a small harness in test/engines/ that
 * speaks one protocol: stdin is the regex line, then one line per subject (every line ends with '\n');
 * stdout is one line per subject, `-` for no match, else the groups 1..N as `:hex` of their UTF-8 bytes
 * (`:~` for a group that did not participate). Exit status 2 is a compile error, 3 a match-time error.
 * C, C++, Go and Java harnesses are built once per test run into a temporary directory, on first use.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Flavor } from '../../src/core/index.js';

const SOURCES = join(import.meta.dirname, '..', 'engines');

/** One subject's result: null when the regex did not match, else its groups (null: did not participate). */
export type Row = readonly (string | null)[] | null;

export class EngineError extends Error {
  constructor(
    readonly phase: 'compile' | 'match',
    readonly regex: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Engine {
  readonly name: string;
  /** The Debian packages that provide its toolchain, for the message when it is missing. */
  readonly packages: string;
  /** Whether the toolchain is on this machine (cheap; the harness is built on first run). */
  available(): boolean;
  run(regex: string, subjects: readonly string[]): Row[];
}

let scratch: string | null = null;
const dir = () => (scratch ??= mkdtempSync(join(tmpdir(), 'pylogrx-engines-')));

/** Removes the built harnesses. */
export function cleanupEngines(): void {
  if (scratch !== null) rmSync(scratch, { recursive: true, force: true });
  scratch = null;
}

const succeeds = (cmd: string, args: string[], input?: string) => spawnSync(cmd, args, { input, encoding: 'utf8', stdio: 'pipe' }).status === 0;

function build(cmd: string, args: string[]): void {
  const run = spawnSync(cmd, args, { cwd: SOURCES, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`building a harness failed: ${cmd} ${args.join(' ')}\n${run.stderr || String(run.error)}`);
}

function once<T>(f: () => T): () => T {
  let value: { v: T } | null = null;
  return () => (value ??= { v: f() }).v;
}

function engine(name: string, packages: string, available: () => boolean, harness: () => [string, string[]]): Engine {
  const ready = once(harness);
  return { name, packages, available: once(available), run: (regex, subjects) => run(name, ready(), regex, subjects) };
}

function run(name: string, [cmd, args]: [string, string[]], regex: string, subjects: readonly string[]): Row[] {
  if ([regex, ...subjects].some((l) => l.includes('\n'))) throw new Error('the engine protocol cannot carry a newline in the regex or a subject');
  const input = [regex, ...subjects].map((l) => `${l}\n`).join('');
  const out = spawnSync(cmd, args, { input, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (out.status !== 0) {
    const phase = out.status === 2 ? 'compile' : 'match';
    throw new EngineError(phase, regex, `${name} ${phase} error (${out.stderr.trim() || String(out.error ?? `exit ${out.status}`)})\nregex: ${regex}`);
  }
  const lines = out.stdout.split('\n');
  if (lines.length !== subjects.length + 1 || lines.pop() !== '') throw new Error(`${name}: expected ${subjects.length} result lines, got:\n${out.stdout}`);
  return lines.map((line) => {
    if (line === '-') return null;
    if (line === '') return [];
    return line.split(' ').map((g) => (g === ':~' ? null : Buffer.from(g.slice(1), 'hex').toString('utf8')));
  });
}

/** python3 as the shell resolves it, past pyenv's shim (which costs ~100 ms a call). */
const python = once(() => {
  const run = spawnSync('python3', ['-c', 'import re, sys; print(sys.executable)'], { encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : null;
});

const pcre2 = engine(
  'PCRE2',
  'gcc libpcre2-dev',
  () => succeeds('gcc', ['-E', '-x', 'c', '-o', '/dev/null', '-'], '#include <stdint.h>\n#define PCRE2_CODE_UNIT_WIDTH 8\n#include <pcre2.h>\n'),
  () => {
    build('gcc', ['-O2', '-o', join(dir(), 'pcre2'), 'pcre2.c', '-lpcre2-8']);
    return [join(dir(), 'pcre2'), []];
  },
);

const boost = engine(
  'Boost.Regex',
  'g++ libboost-regex-dev',
  () => succeeds('g++', ['-E', '-x', 'c++', '-o', '/dev/null', '-'], '#include <boost/regex.hpp>\n'),
  () => {
    build('g++', ['-O2', '-o', join(dir(), 'boost'), 'boost.cpp', '-lboost_regex']);
    return [join(dir(), 'boost'), []];
  },
);

const go = engine(
  'Go regexp',
  'golang-go',
  () => succeeds('go', ['version']),
  () => {
    build('go', ['build', '-o', join(dir(), 'check-go'), 'check.go']);
    return [join(dir(), 'check-go'), []];
  },
);

const java = engine(
  'java.util.regex',
  'openjdk-17-jdk-headless',
  // A JDK: javac, or at least the compiler module the single-file launcher needs.
  () => succeeds('javac', ['-version']) || /^jdk\.compiler@/mu.test(spawnSync('java', ['--list-modules'], { encoding: 'utf8' }).stdout ?? ''),
  () => {
    // A compiled class starts in ~70 ms; the single-file launcher (`java Check.java`) compiles on every run (~1 s).
    if (!succeeds('javac', ['-version'])) return ['java', [join(SOURCES, 'Check.java')]];
    build('javac', ['-d', dir(), 'Check.java']);
    return ['java', ['-cp', dir(), 'Check']];
  },
);

const pythonRe = engine(
  'Python re',
  'python3',
  () => python() !== null,
  () => [python()!, [join(SOURCES, 'python_re.py')]],
);

const onigmo = engine(
  'Onigmo (Ruby)',
  'ruby',
  () => succeeds('ruby', ['--version']),
  () => ['ruby', [join(SOURCES, 'onigmo.rb')]],
);

/**
 * The engine each flavor is written for. js runs in V8 itself (differential.test.ts); rust runs in the
 * Rust regex crate, built offline for Vector's tests (collector-engines.ts).
 */
export const ENGINES: Readonly<Record<Exclude<Flavor, 'js' | 'rust'>, Engine>> = {
  pcre: pcre2,
  python: pythonRe,
  re2: go,
  go,
  java,
  logtail: boost,
  onigmo,
};
