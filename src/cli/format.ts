/** The format a command works on: its argument, the formatter `--from` reads from a file, or a `--preset`'s. */
import type { Command } from 'commander';
import { formatHints } from '../core/hints.js';
import { presetFormatters } from '../core/presets.js';
import type { FormatTime } from '../core/strftime.js';
import type { Style } from '../core/tokenize.js';
import { printWarnings, say, usageError, type FormatFlags } from './io.js';

/** Where the format may come from besides the argument. */
type Given = FormatFlags & { from?: string; preset?: string; infer?: string };

/**
 * The argument, `--from`'s formatter or `--preset`'s, whose style and datefmt apply unless given on the
 * command line. Exits 2 when there is none, or more than one. Lints go to stderr.
 */
export async function resolveFormat<F extends Given>(format: string | undefined, flags: F, command: Command): Promise<{ format: string; flags: F }> {
  return (await resolve(format, flags, command, false))[0]!;
}

/**
 * Several formats that share one stream (`check`): the argument and each `--format`, with the command
 * line's style and datefmt; or every formatter `--from` names (all of the file's, without #NAME), each
 * with its own.
 */
export async function resolveFormats<F extends Given & { format?: readonly string[] }>(format: string | undefined, flags: F, command: Command): Promise<{ format: string; flags: F }[]> {
  const first = await resolve(format, flags, command, true);
  return [...first, ...(flags.format ?? []).map((f) => hinted(f, flags))];
}

async function resolve<F extends Given>(format: string | undefined, flags: F, command: Command, several: boolean): Promise<{ format: string; flags: F }[]> {
  if (flags.infer !== undefined) {
    if (format !== undefined || flags.from !== undefined || flags.preset !== undefined) usageExit('--infer stands for the format: give it without a format argument, --from or --preset');
    const { inferredFormats } = await import('./infer.js');
    return (await inferredFormats(flags.infer, several)).map((f) => own(f, flags, command));
  }
  if (flags.preset !== undefined) {
    if (format !== undefined || flags.from !== undefined) usageExit(`--preset stands for the format: give it without ${format !== undefined ? 'a format argument' : '--from'}`);
    const found = presetFormatters(flags.preset, several);
    if ('error' in found) usageExit(found.error);
    // The framework's formats are what it writes: no lints, no hints.
    return found.formatters.map((f) => own(f, flags, command));
  }
  if (flags.from === undefined) {
    if (format === undefined) usageExit("missing the format: give it as an argument, read it with --from FILE[#NAME], or name a --preset (pylogrx presets)");
    return [hinted(format, flags)];
  }
  if (format !== undefined) usageExit('give the format as an argument or with --from, not both');
  // Reading configs runs Python and parses YAML: loaded only when asked, so the other paths start faster.
  const [{ sourcesFrom }, { lintSource }] = await Promise.all([import('./sources.js'), import('../core/sources.js')]);
  const found = sourcesFrom(flags.from, several);
  if ('error' in found) usageExit(found.error);
  return found.sources.map((source) => {
    for (const lint of lintSource(source)) say('warning', lint, `${source.file}:${source.line}`);
    return own({ ...source, format: source.format! }, flags, command);
  });
}

/** A formatter read from a file or a preset, with its own style and datefmt unless the command line gives them. */
function own<F extends FormatFlags>(formatter: { format: string; style: Style; datefmt: string | null; formatTime?: FormatTime; fields?: Readonly<Record<string, string>> }, flags: F, command: Command): { format: string; flags: F } {
  const given = (option: string) => command.getOptionValueSource(option) === 'cli';
  return {
    format: formatter.format,
    flags: {
      ...flags, style: given('style') ? flags.style : formatter.style, datefmt: given('datefmt') ? flags.datefmt : formatter.datefmt ?? undefined,
      ...(formatter.formatTime ? { formatTime: formatter.formatTime } : {}),
      // An inferred format's level names (infer's `field` line); the command line's --field wins.
      ...(formatter.fields ? { field: { ...formatter.fields, ...flags.field } } : {}),
    },
  };
}

/** A format given on the command line, after the hints about what it probably meant (a style, an attribute's name). */
function hinted<F extends FormatFlags>(format: string, flags: F): { format: string; flags: F } {
  printWarnings(formatHints(format, flags.style, flags.datefmt));
  return { format, flags };
}

function usageExit(message: string): never {
  process.exit(usageError(message));
}
