/** What the collector commands (otel, alloy, vector) share: resolving the format, printing the config. */
import type { Command } from 'commander';
import { buildPattern, type Pattern, type Warning } from '../core/index.js';
import { exitWithError, patternOptions, printWarnings, type FormatFlags } from './io.js';
import { given, resolveFormat } from './sources.js';

/** Adds `--path` and the action: the format (or --from) → a pattern → `emit`'s text on stdout, warnings on stderr. */
export function collectorCommand<F extends FormatFlags>(
  command: Command,
  emit: (pattern: Pattern, flags: F) => { readonly text: string; readonly warnings: readonly Warning[] },
): Command {
  return command
    .option('--path <glob>', 'the log files to read', '/var/log/app/*.log')
    .action((format: string | undefined, flags: F & { from?: string }) => {
      const resolved = resolveFormat(format, flags, given(command));
      const pattern = buildPattern(resolved.format, patternOptions(resolved.flags));
      if (!pattern.ok) exitWithError(pattern.error);
      const { text, warnings } = emit(pattern.value, resolved.flags as F);
      printWarnings([...pattern.value.warnings, ...warnings]);
      process.stdout.write(text);
    });
}
