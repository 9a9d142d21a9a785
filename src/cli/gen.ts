/** `pylogrx gen`: the regex for a format, alone on one line, or with its field table as JSON. */
import { buildPattern, fieldTable, logtailConfig, render, type Flavor } from '../core/index.js';
import { exitWithError, patternOptions, printWarnings, type FormatFlags } from './io.js';

export function runGen(format: string, flags: FormatFlags & { flavor: string; json?: boolean }): void {
  const pattern = buildPattern(format, patternOptions(flags));
  if (!pattern.ok) exitWithError(pattern.error);
  const flavor = flags.flavor as Flavor;
  // Logtail matches whole records: its regex is the one `pylogrx logtail` writes into the config.
  const logtail = flavor === 'logtail' ? logtailConfig(pattern.value) : null;
  const regex = logtail?.regex ?? render(pattern.value, flavor);
  if (!flags.json) {
    printWarnings(pattern.value.warnings);
    process.stdout.write(`${regex}\n`);
    return;
  }
  const { style, datefmt, warnings } = pattern.value;
  const json = {
    format, style, datefmt, flavor, regex,
    record_regex: render(pattern.value, flavor, { mode: 'record' }),
    fields: fieldTable(pattern.value, flavor),
    ...(logtail ? { keys: logtail.keys } : {}),
    warnings: warnings.map(({ message, column, origin }) => ({ message, column, origin })),
  };
  process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
}
