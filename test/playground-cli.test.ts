/**
 * `pylogrx playground` as a command: it writes the built page, or serves it on 127.0.0.1 (the page and
 * nothing else) until SIGINT, printing the URL, with a format given on the command line in its fragment.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { cli } from './support/cli.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'pylogrx.js');
const PAGE = join(import.meta.dirname, '..', 'dist', 'web', 'index.html');

describe('pylogrx playground', () => {
  it('--out writes the built page', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pylogrx-out-'));
    try {
      const run = cli(['playground', '--out', join(dir, 'site')]);
      expect([run.status, run.stdout, run.stderr]).toEqual([0, '', `pylogrx: note: wrote ${join(dir, 'site', 'index.html')}\n`]);
      expect(readFileSync(join(dir, 'site', 'index.html'))).toEqual(readFileSync(PAGE));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a port that is not one, in one line', () => {
    const run = cli(['playground', '--port', '70000']);
    expect([run.status, run.stderr.trim().split('\n').length]).toEqual([2, 1]);
  });

  it('serves the page on 127.0.0.1 and nothing else, with the format in the fragment, until SIGINT', async () => {
    const server = spawn(process.execPath, [BIN, 'playground', '{levelname} {message}', '-s', '{', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
    try {
      const url = new URL(await new Promise<string>((resolve) => createInterface({ input: server.stdout! }).once('line', resolve)));
      expect(url.hostname).toBe('127.0.0.1');
      expect(Object.fromEntries(new URLSearchParams(url.hash.slice(1)))).toEqual({ format: '{levelname} {message}', style: '{' });
      const page = await fetch(new URL('/', url));
      expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
      expect(Buffer.from(await page.arrayBuffer())).toEqual(readFileSync(PAGE));
      expect((await fetch(new URL('/../../etc/passwd', url))).status).toBe(404);
      expect((await fetch(new URL('/index.html', url), { method: 'POST' })).status).toBe(405);
    } finally {
      server.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  });
});
