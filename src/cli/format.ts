/** The format a command works on: its argument, or the formatter `--from` reads from a file. */
import type { Command } from 'commander';
import { formatHints } from '../core/hints.js';
import { printWarnings, say, usageError, type FormatFlags } from './io.js';

/**
 * The argument, or `--from`'s formatter, whose style and datefmt apply unless given on the command line.
 * Exits 2 when there is none, or both. Lints go to stderr.
 */
export async function resolveFormat<F extends FormatFlags & { from?: string }>(format: string | undefined, flags: F, command: Command): Promise<{ format: string; flags: F }> {
  return (await resolve(format, flags, command, false))[0]!;
}

/**
 * Several formats that share one stream (`check`): the argument and each `--format`, with the command
 * line's style and datefmt; or every formatter `--from` names (all of the file's, without #NAME), each
 * with its own.
 */
export async function resolveFormats<F extends FormatFlags & { from?: string; format?: readonly string[] }>(format: string | undefined, flags: F, command: Command): Promise<{ format: string; flags: F }[]> {
  const first = await resolve(format, flags, command, true);
  return [...first, ...(flags.format ?? []).map((f) => hinted(f, flags))];
}

async function resolve<F extends FormatFlags & { from?: string }>(format: string | undefined, flags: F, command: Command, several: boolean): Promise<{ format: string; flags: F }[]> {
  if (flags.from === undefined) {
    if (format === undefined) usageExit("missing the format: give it as an argument, or read it with --from FILE[#NAME]");
    return [hinted(format, flags)];
  }
  if (format !== undefined) usageExit('give the format as an argument or with --from, not both');
  // Reading configs runs Python and parses YAML: loaded only when asked, so the other paths start faster.
  const [{ sourcesFrom }, { lintSource }] = await Promise.all([import('./sources.js'), import('../core/sources.js')]);
  const found = sourcesFrom(flags.from, several);
  if ('error' in found) usageExit(found.error);
  const given = (option: string) => command.getOptionValueSource(option) === 'cli';
  return found.sources.map((source) => {
    for (const lint of lintSource(source)) say('warning', lint, `${source.file}:${source.line}`);
    return {
      format: source.format!,
      flags: { ...flags, style: given('style') ? flags.style : source.style, datefmt: given('datefmt') ? flags.datefmt : source.datefmt ?? undefined },
    };
  });
}

/** A format given on the command line, after the hints about what it probably meant (a style, an attribute's name). */
function hinted<F extends FormatFlags>(format: string, flags: F): { format: string; flags: F } {
  printWarnings(formatHints(format, flags.style, flags.datefmt));
  return { format, flags };
}

function usageExit(message: string): never {
  process.exit(usageError(message));
}
