/** The CPython interpreters this machine has: pyenv's 3.8–3.13 where present, else plain python3. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPTS = join(import.meta.dirname, '..', '..', 'scripts');

export interface Interpreter {
  readonly version: string;
  readonly env: NodeJS.ProcessEnv;
}

export function pythons(): Interpreter[] {
  const pyenv = spawnSync('pyenv', ['versions', '--bare'], { encoding: 'utf8' });
  const versions = pyenv.status === 0 ? pyenv.stdout.split('\n').filter((v) => /^3\.(8|9|1[0-3])\.\d+$/u.test(v.trim())) : [];
  if (versions.length > 0) return versions.map((v) => ({ version: v.trim(), env: { ...process.env, PYENV_VERSION: v.trim() } }));
  const plain = spawnSync('python3', ['-c', 'import platform; print(platform.python_version())'], { encoding: 'utf8' });
  return plain.status === 0 ? [{ version: plain.stdout.trim(), env: process.env }] : [];
}

/** Runs a Python script of this repo; throws with its stderr when it fails. */
export function runPython(python: Interpreter, args: string[], input?: string): string {
  const run = spawnSync('python3', args, { env: python.env, encoding: 'utf8', input, maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`python ${python.version} ${args.join(' ')}: ${run.stderr || run.error}`);
  return run.stdout;
}

/** Runs scripts/`script` --out PATH on this interpreter and gives `read` the path; the output is removed after. */
export function rendered<T>(python: Interpreter, script: string, read: (out: string) => T): T {
  const scratch = mkdtempSync(join(tmpdir(), 'pylogrx-render-'));
  try {
    const out = join(scratch, 'out');
    runPython(python, [join(SCRIPTS, script), '--out', out]);
    return read(out);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
