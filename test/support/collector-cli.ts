/**
 * Runs a collector command's `register*` function (src/cli/fluentbit.ts, logstash.ts) on a command that
 * has the shared format options, as main.ts's withFormatOptions gives them, and returns its stdout.
 */
import { Command } from 'commander';
import { vi } from 'vitest';

const collect = (v: string, prev: Record<string, string>) => ({ ...prev, [v.slice(0, v.indexOf('='))]: v.slice(v.indexOf('=') + 1) });

export function collectorProgram(name: string, register: (command: Command) => Command): Command {
  const program = new Command().exitOverride();
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
