/** `pylogrx lnav`: an lnav format definition for the format, with sample lines from the user's log. */
import { createReadStream, existsSync } from 'node:fs';
import { buildPattern, lnavFormat, render } from '../core/index.js';
import { exitWithError, patternOptions, printWarnings, usageError, type FormatFlags } from './io.js';
import { eachLine } from './lines.js';

export interface LnavFlags extends FormatFlags {
  readonly name?: string;
  readonly sample?: string;
}

const SAMPLES = 5;

export async function runLnav(format: string, flags: LnavFlags): Promise<number> {
  const pattern = buildPattern(format, patternOptions(flags));
  if (!pattern.ok) exitWithError(pattern.error);
  const line = new RegExp(render(pattern.value, 'js'), 'u');
  // lnav refuses a definition without samples, and checks each against the regex and time format.
  if (flags.sample === undefined) return usageError('lnav needs sample lines from your log: --sample app.log (or - for stdin)');
  if (flags.sample !== '-' && !existsSync(flags.sample)) return usageError(`cannot read ${flags.sample}: no such file`);
  const samples = await firstMatching(flags.sample, line);
  if (samples.length === 0) return usageError(`no line of ${flags.sample === '-' ? 'stdin' : flags.sample} matches the format, and lnav needs sample lines that do`);
  const result = lnavFormat(pattern.value, { name: flags.name, samples });
  printWarnings([...pattern.value.warnings, ...result.warnings]);
  process.stdout.write(`${JSON.stringify(result.document, null, 2)}\n`);
  return 0;
}

/** The first lines of the log that the format matches: lnav checks them when it loads the definition. */
async function firstMatching(file: string, line: RegExp): Promise<string[]> {
  const found: string[] = [];
  const input = file === '-' ? process.stdin : createReadStream(file);
  try {
    await eachLine(input, (text) => {
      if (found.length < SAMPLES && line.test(text)) found.push(text);
    }, async () => {
      if (found.length >= SAMPLES) input.destroy();
    });
  } catch {
    // closed early on purpose, or unreadable: fewer samples
  }
  return found;
}
