/**
 * The README says what pylogrx prints, and these tests hold it to that: every console example whose
 * command can run here (no input file it lacks) is run, and its output must be the README's (trailing
 * blank lines aside);
 * the library example runs as a user's module does, importing 'pylogrx' through the package's exports map.
 * PYLOGRX_UPDATE_README=1 writes the outputs into the README instead (then read the diff).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { render, buildPattern, FLAVOR_NAMES } from '../src/core/index.js';

const ROOT = join(import.meta.dirname, '..');
const README = join(ROOT, 'README.md');
const BIN = join(ROOT, 'bin', 'pylogrx.js');

interface Example { readonly command: string; readonly output: string; readonly start: number; readonly end: number }

/** Each `$ npx pylogrx ...` line of a console block, with the output up to the next command or the block's end. */
function examples(text: string): Example[] {
  const found: Example[] = [];
  for (const block of text.matchAll(/```console\n([\s\S]*?)```/gu)) {
    const body = block[1]!;
    const at = block.index + '```console\n'.length;
    const commands = [...body.matchAll(/^\$ (npx pylogrx [^\n]*)\n/gmu)];
    commands.forEach((m, i) => {
      const start = at + m.index + m[0].length;
      const end = i + 1 < commands.length ? at + commands[i + 1]!.index : at + body.length;
      found.push({ command: m[1]!, output: text.slice(start, end), start, end });
    });
  }
  return found;
}

/** A command that reads a file this checkout does not have (`< app.log`) is an illustration, not a test. */
const runnable = (command: string) => ![...command.matchAll(/(?:<\s*|\s)([\w./-]+\.(?:log|ini|py|json|yaml|toml))\b/gu)].some((m) => !existsSync(join(ROOT, m[1]!)));

function run(command: string): string {
  const out = spawnSync('bash', ['-c', `{ ${command.replace(/^npx pylogrx/u, `node ${JSON.stringify(BIN)}`)}; } 2>&1`], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return out.stdout;
}

describe('README console examples print what they show', () => {
  const text = readFileSync(README, 'utf8');
  const list = examples(text).filter((e) => runnable(e.command));
  it('has examples', () => expect(list.length).toBeGreaterThan(4));
  if (process.env.PYLOGRX_UPDATE_README === '1') {
    let updated = text;
    // A blank line before the next command stays.
    for (const e of [...list].reverse()) updated = updated.slice(0, e.start) + run(e.command).trimEnd() + (e.output.endsWith('\n\n') ? '\n\n' : '\n') + updated.slice(e.end);
    writeFileSync(README, updated);
  }
  for (const e of list) it(e.command, () => expect(run(e.command).trimEnd()).toBe(e.output.trimEnd()));
});

describe('README claims', () => {
  it('the library example runs, importing pylogrx through the exports map', () => {
    const code = /## As a library\n\n```ts\n([\s\S]*?)```/u.exec(readFileSync(README, 'utf8'))![1]!;
    // A module inside the package resolves 'pylogrx' through package.json's exports (self-reference).
    const file = join(ROOT, `.readme-example-${process.pid}.mjs`);
    writeFileSync(file, `${code}\nconsole.log(regex);\n`);
    try {
      const out = spawnSync(process.execPath, [file], { encoding: 'utf8' });
      expect(out.stderr).toBe('');
      const p = buildPattern('%(asctime)s %(levelname)-8s %(message)s', { style: '%', datefmt: null });
      expect(out.stdout.trim()).toBe(render(p.ok ? p.value : (null as never), 'python', { mode: 'record' }));
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('a field used twice: a backreference where the engine has one, a non-capturing copy where not', () => {
    const p = buildPattern('%(name)s %(levelname)s %(name)s', { style: '%', datefmt: null });
    if (!p.ok) throw new Error(p.error.message);
    const copies = FLAVOR_NAMES.filter((f) => !/\\k<|\(\?P=|\\g\{|\\1/u.test(render(p.value, f)));
    expect(copies.sort()).toEqual(['go', 're2', 'rust']);
    expect(render(p.value, 'logtail')).toContain('\\g{1}');
  });
});
