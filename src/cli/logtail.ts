/** `pylogrx logtail`: a Logtail collection config for the format, pipeline YAML or classic JSON. */
import { buildPattern, formatLogtail, logtailConfig, RecordChecker, type LogtailOptions } from '../core/index.js';
import { exitWithError, patternOptions, printWarnings, type FormatFlags } from './io.js';
import { eachLine } from './lines.js';

export interface LogtailFlags extends FormatFlags, Omit<LogtailOptions, 'sample'> {
  readonly json?: boolean;
  readonly sample?: string;
}

export async function runLogtail(format: string, flags: LogtailFlags): Promise<number> {
  const pattern = buildPattern(format, patternOptions(flags));
  if (!pattern.ok) exitWithError(pattern.error);
  const sample = flags.sample === '-' ? await firstRecord(new RecordChecker(pattern.value, { fields: false })) : flags.sample;
  const config = logtailConfig(pattern.value, { ...flags, sample });
  printWarnings([...pattern.value.warnings, ...config.warnings]);
  process.stdout.write(formatLogtail(config, flags.json ? 'json' : 'yaml'));
  return 0;
}

/** The first record of stdin (its lines up to the next record's start), for `--sample -`. */
async function firstRecord(checker: RecordChecker): Promise<string | undefined> {
  const lines: string[] = [];
  let done = false;
  try {
    await eachLine(process.stdin, (line) => {
      if (done) return;
      if (checker.push(line) !== null) done = true;
      else lines.push(line);
    }, async () => {
      if (done) process.stdin.destroy();
    });
  } catch {
    // stdin closed early on purpose
  }
  return lines.length > 0 ? lines.join('\n') : undefined;
}
