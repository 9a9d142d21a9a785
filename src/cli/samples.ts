/** What a collector command reads from the user's log before it renders: Logtail's logSample, lnav's samples. */
import { createReadStream, existsSync } from 'node:fs';
import type { Pattern } from '../core/pattern.js';
import { FirstRecord, noLnavSamples, SampleLines } from '../core/samples.js';
import { usageError } from './io.js';
import { eachLine } from './lines.js';

/** `--sample -`: the first record of stdin (its lines up to the next record's start). */
export async function logtailSample(patterns: readonly Pattern[], flags: { sample?: unknown }): Promise<Record<string, unknown>> {
  if (flags.sample !== '-') return {};
  const first = new FirstRecord(patterns);
  let done = false;
  try {
    await eachLine(process.stdin, (line) => {
      done ||= first.push(line);
    }, async () => {
      if (done) process.stdin.destroy();
    });
  } catch {
    // stdin closed early on purpose
  }
  return { sample: first.lines.length > 0 ? first.lines.join('\n') : undefined };
}

/** lnav refuses a definition without samples, and checks each against the regexes and time formats. */
export async function lnavSamples(patterns: readonly Pattern[], flags: { sample?: unknown }): Promise<Record<string, unknown> | number> {
  const file = flags.sample;
  if (typeof file !== 'string') return usageError('lnav needs sample lines from your log: --sample app.log (or - for stdin)');
  if (file !== '-' && !existsSync(file)) return usageError(`cannot read ${file}: no such file`);
  const samples = new SampleLines(patterns);
  let enough = false;
  const input = file === '-' ? process.stdin : createReadStream(file);
  try {
    await eachLine(input, (text) => {
      enough ||= samples.push(text);
    }, async () => {
      if (enough) input.destroy();
    });
  } catch {
    // closed early on purpose, or unreadable: fewer samples
  }
  if (samples.found.length === 0) return usageError(noLnavSamples(file === '-' ? 'stdin' : file));
  return { samples: samples.found };
}
