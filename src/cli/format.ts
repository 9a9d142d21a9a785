/** The format a command works on: its argument, or the formatter `--from` reads from a file. */
import type { Command } from 'commander';
import { say, usageError, type FormatFlags } from './io.js';

/**
 * The argument, or `--from`'s formatter, whose style and datefmt apply unless given on the command line.
 * Exits 2 when there is none, or both. Lints go to stderr.
 */
export async function resolveFormat<F extends FormatFlags & { from?: string }>(format: string | undefined, flags: F, command: Command): Promise<{ format: string; flags: F }> {
  if (flags.from === undefined) {
    if (format === undefined) usageExit("missing the format: give it as an argument, or read it with --from FILE[#NAME]");
    return { format, flags };
  }
  if (format !== undefined) usageExit('give the format as an argument or with --from, not both');
  // Reading configs runs Python and parses YAML: loaded only when asked, so the other paths start faster.
  const [{ sourceFrom }, { lintSource }] = await Promise.all([import('./sources.js'), import('../core/sources.js')]);
  const found = sourceFrom(flags.from);
  if ('error' in found) usageExit(found.error);
  const { source } = found;
  for (const lint of lintSource(source)) say('warning', lint, `${source.file}:${source.line}`);
  const given = (option: string) => command.getOptionValueSource(option) === 'cli';
  return {
    format: source.format!,
    flags: { ...flags, style: given('style') ? flags.style : source.style, datefmt: given('datefmt') ? flags.datefmt : source.datefmt ?? undefined },
  };
}

function usageExit(message: string): never {
  process.exit(usageError(message));
}
