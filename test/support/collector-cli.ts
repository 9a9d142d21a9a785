/**
 * Runs a collector command, registered from the COLLECTORS table (src/cli/collector.ts registerCollector)
 * on a command that has the shared format options, as main.ts's withFormatOptions gives them, and returns
 * its stdout.
 */
import { Command } from 'commander';
import { vi } from 'vitest';
import type { Collector } from '../../src/core/index.js';

const collect = (v: string, prev: Record<string, string>) => ({ ...prev, [v.slice(0, v.indexOf('='))]: v.slice(v.indexOf('=') + 1) });

export async function collectorProgram(name: Collector): Promise<Command> {
  const { registerCollector } = await import('../../src/cli/collector.js');
  const program = new Command().exitOverride();
  const register = (command: Command) => registerCollector(command, name);
  register(program.command(name).argument('[format]').option('--from <path>').option('-s, --style <style>', '', '%').option('-d, --datefmt <strftime>').option('-f, --field <name=regex>', '', collect, {}));
  return program;
}

export async function runCollector(program: Command, args: string[]): Promise<string> {
  const out: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  try {
    await program.parseAsync(args, { from: 'user' });
  } finally {
    write.mockRestore();
  }
  return out.join('');
}
