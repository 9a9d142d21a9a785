/** Runs the built CLI as a user would, colour off unless asked. */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'pylogrx.js');

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * How `input` reaches the command: through a pipe, as a file argument (appended to `args`), or as stdin
 * redirected from a file (`< app.log`). Files and pipes are read differently (src/cli/lines.ts openInput).
 */
export type Via = 'pipe' | 'file' | 'redirect';

export function cli(args: string[], options: { input?: string | Buffer; env?: Record<string, string>; via?: Via } = {}): CliRun {
  const via = options.via ?? 'pipe';
  const scratch = via === 'pipe' ? null : mkdtempSync(join(tmpdir(), 'pylogrx-input-'));
  const file = scratch === null ? null : join(scratch, 'app.log');
  if (file !== null) writeFileSync(file, options.input ?? '');
  const stdin = via === 'redirect' ? openSync(file!, 'r') : 'pipe';
  try {
    const run = spawnSync(process.execPath, [BIN, ...args, ...(via === 'file' ? [file!] : [])], {
      input: via === 'pipe' ? options.input : undefined,
      stdio: [stdin, 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0', ...options.env },
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  } finally {
    if (typeof stdin === 'number') closeSync(stdin);
    if (scratch !== null) rmSync(scratch, { recursive: true, force: true });
  }
}
