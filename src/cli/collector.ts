/** What the collector commands share: resolving the format, printing the config. */
import type { Command } from 'commander';
import { buildPattern, type Pattern } from '../core/pattern.js';
import type { Warning } from '../core/result.js';
import { resolveFormat } from './format.js';
import { exitWithError, patternOptions, printWarnings, type FormatFlags } from './io.js';

/** A collector's config for a pattern; async so that it can import its emitter when the command runs. */
export type Emit<F> = (pattern: Pattern, flags: F) => Promise<{ readonly text: string; readonly warnings: readonly Warning[] }>;

/** Adds `--path` and the action: the format (or --from) → a pattern → `emit`'s text on stdout, warnings on stderr. */
export function collectorCommand<F extends FormatFlags>(command: Command, emit: Emit<F>): Command {
  return command
    .option('--path <glob>', 'the log files to read', '/var/log/app/*.log')
    .action(async (format: string | undefined, flags: F & { from?: string }) => {
      const resolved = await resolveFormat(format, flags, command);
      const pattern = buildPattern(resolved.format, patternOptions(resolved.flags));
      if (!pattern.ok) exitWithError(pattern.error);
      const { text, warnings } = await emit(pattern.value, resolved.flags as F);
      printWarnings([...pattern.value.warnings, ...warnings]);
      process.stdout.write(text);
    });
}
