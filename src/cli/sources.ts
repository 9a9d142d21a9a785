/** Reading formats from files: `--from PATH[#NAME]` and `pylogrx scan`. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formattersInDocument, type FormatSource } from '../core/sources.js';
import { fromYaml } from '../core/yaml.js';

const READER = fileURLToPath(new URL('../../python/read_formats.py', import.meta.url));
const IN_PYTHON = new Set(['.py', '.ini', '.cfg', '.conf', '.toml']);
const IN_NODE = new Set(['.json', '.yaml', '.yml']);
/** Cheap tests that skip files which cannot define a formatter, before any parsing. */
const MAY_DEFINE = /formatters|Formatter\(|basicConfig|log_format|LOG_FORMAT/u;
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.venv', 'venv', 'env', '__pycache__', '.tox', '.mypy_cache', 'site-packages', 'dist', 'build']);

export interface Read {
  readonly sources: FormatSource[];
  readonly errors: string[];
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
  // One Python process per few hundred files: argv stays short, start-up is paid rarely.
  for (let i = 0; i < python.length; i += 400) {
    const run = spawnSync('python3', [READER, ...python.slice(i, i + 400)], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (run.error || run.status !== 0) {
      const why = run.error ? 'python3 is needed to read Python, INI and TOML files and was not found' : run.stderr.trim().split('\n').at(-1);
      errors.push(why ?? 'python3 failed');
      continue;
    }
    for (const entry of JSON.parse(run.stdout) as (FormatSource | { file: string; line: number; error: string })[]) {
      if ('error' in entry) errors.push(`${entry.file}:${entry.line}: ${entry.error}`);
      else sources.push(entry);
    }
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
