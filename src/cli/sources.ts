/** Reading formats from files: `--from PATH[#NAME]` and `pylogrx scan`. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formattersInDocument, libraryDefault, type FormatSource } from '../core/sources.js';
import { fromYaml } from '../core/yaml.js';

const READER = fileURLToPath(new URL('../../python/read_formats.py', import.meta.url));
const IN_PYTHON = new Set(['.py', '.ini', '.cfg', '.conf', '.toml']);
const IN_NODE = new Set(['.json', '.yaml', '.yml']);
/** A cheap test that skips files which cannot define a format, before any parsing: the names the reader looks for. */
const MAY_DEFINE = /Formatter|basicConfig|formatters|FORMAT|FMT|fmt\b|_format\b|loguru|structlog|accesslog/u;
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.venv', 'venv', 'env', '__pycache__', '.tox', '.mypy_cache', 'site-packages', 'dist', 'build']);

export interface Read {
  readonly sources: FormatSource[];
  readonly errors: string[];
}

/** What the reader prints for each formatter: a FormatSource, with a library default for the format to stand for. */
type ReadEntry = Omit<FormatSource, 'format'> & { format: string | null; default: string | null };

/**
 * The Pythons to read source with, newest first: pyenv's newest 3.x (the newest grammar reads the older ones' files:
 * a 3.13 file is no SyntaxError), then python3 on PATH. Listed from pyenv's directory, not by running pyenv.
 */
function pythons(): string[] {
  const root = process.env.PYENV_ROOT ?? join(homedir(), '.pyenv');
  let versions: string[] = [];
  try {
    versions = readdirSync(join(root, 'versions')).filter((v) => /^3\.\d+\.\d+$/u.test(v));
  } catch {
    // no pyenv
  }
  const key = (v: string) => v.split('.').map(Number);
  versions.sort((a, b) => key(b)[1]! - key(a)[1]! || key(b)[2]! - key(a)[2]!);
  const newest = versions.map((v) => join(root, 'versions', v, 'bin', 'python3')).find((p) => existsSync(p));
  return [...(newest !== undefined ? [newest] : []), 'python3'];
}

/** Runs the reader on the files (given on stdin, one a line) with the newest Python that starts. */
function runReader(files: readonly string[]): { stdout: string } | { error: string } {
  let why = 'python3 is needed to read Python, INI and TOML files and was not found';
  for (const python of pythons()) {
    const run = spawnSync(python, [READER], { input: files.join('\n'), encoding: 'utf8', maxBuffer: 1 << 28 });
    if (!run.error && run.status === 0) return { stdout: run.stdout };
    if (!run.error) why = `${basename(python)}: ${run.stderr.trim().split('\n').at(-1) ?? 'failed'}`;
  }
  return { error: why };
}

export function readSources(files: readonly string[]): Read {
  const sources: FormatSource[] = [];
  const errors: string[] = [];
  const python: string[] = [];
  for (const file of files) {
    const ext = extname(file).toLowerCase();
    if (IN_NODE.has(ext)) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
        sources.push(...formattersInDocument(fromYaml(text), file, text));
      } catch (e) {
        errors.push(`${file}: ${(e as Error).message.split('\n')[0]}`);
      }
    } else python.push(file);
  }
  // One Python process for every file: a class defined in one is known in the others (a Formatter subclass).
  if (python.length === 0) return { sources, errors };
  const run = runReader(python);
  if ('error' in run) return { sources, errors: [...errors, run.error] };
  for (const entry of JSON.parse(run.stdout) as (ReadEntry | { file: string; line: number; error: string })[]) {
    if ('error' in entry) {
      errors.push(`${entry.file}:${entry.line}: ${entry.error}`);
      continue;
    }
    const { default: library, ...source } = entry;
    const known = source.format === null && library !== null ? libraryDefault(library, source.style) : null;
    sources.push(known === null ? { ...source, format: source.format } : { ...source, format: known.format, datefmt: source.datefmt ?? known.datefmt });
  }
  return { sources, errors };
}

/** The files under `dir` that may define a logging format. */
export function candidateFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(d, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(path);
      } else if (e.isFile() && (IN_PYTHON.has(extname(e.name).toLowerCase()) || IN_NODE.has(extname(e.name).toLowerCase()))) {
        try {
          if (MAY_DEFINE.test(readFileSync(path, 'utf8'))) out.push(path);
        } catch {
          // unreadable: not ours to report
        }
      }
    }
  };
  walk(dir);
  return out;
}

/**
 * `--from PATH[#NAME[,NAME...]]`: the formatters it names, or an error listing the choices. Without a
 * name, the file's one formatter; where `several` formats may share a stream (check), all of them.
 */
export function sourcesFrom(spec: string, several = false): { sources: FormatSource[] } | { error: string } {
  const hash = spec.lastIndexOf('#');
  const [file, names] = hash > 0 ? [spec.slice(0, hash), spec.slice(hash + 1).split(',')] : [spec, null];
  if (!existsSync(file) || !statSync(file).isFile()) return { error: `cannot read ${file}: ${existsSync(file) ? 'not a file' : 'no such file'}` };
  const { sources, errors } = readSources([file]);
  if (errors.length > 0) return { error: errors.join('; ') };
  const usable = sources.filter((s) => s.format !== null);
  const label = (s: FormatSource) => `${s.name ?? s.origin} (line ${s.line})`;
  if (names !== null) {
    if (names.length > 1 && !several) return { error: `${spec}: this command takes one format; name one formatter` };
    const chosen: FormatSource[] = [];
    for (const name of names) {
      const found = usable.filter((s) => s.name === name || `${s.origin}:${s.line}` === name || String(s.line) === name);
      if (found.length === 1) {
        chosen.push(found[0]!);
        continue;
      }
      const runtime = sources.find((s) => s.format === null && (String(s.line) === name || s.name === name));
      if (runtime) return { error: `${file}:${runtime.line}: the format is ${runtime.note ?? 'built at run time'}; give it as an argument` };
      return { error: `${file} has no formatter '${name}'; it has: ${usable.map(label).join(', ') || 'none'}` };
    }
    return { sources: chosen };
  }
  if (usable.length === 1 || (several && usable.length > 1)) return { sources: usable };
  if (usable.length === 0) return { error: `${file}: no logging format found${sources.length > 0 ? ' (only formats built at run time)' : ''}` };
  return { error: `${file} has ${usable.length} formatters; choose one with ${file}#NAME: ${usable.map(label).join(', ')}` };
}
