/** What a collector command reads from the user's log before it renders: Logtail's logSample, lnav's samples. */
import { createReadStream, existsSync } from 'node:fs';
import { render, RecordChecker, type Pattern } from '../core/index.js';
import { usageError } from './io.js';
import { eachLine } from './lines.js';

const LNAV_SAMPLES = 5;

/** `--sample -`: the first record of stdin (its lines up to the next record's start). */
export async function logtailSample(patterns: readonly Pattern[], flags: { sample?: unknown }): Promise<Record<string, unknown>> {
  if (flags.sample !== '-') return {};
  const checker = new RecordChecker([...patterns], { fields: false });
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
  return { sample: lines.length > 0 ? lines.join('\n') : undefined };
}

/** lnav refuses a definition without samples, and checks each against the regexes and time formats. */
export async function lnavSamples(patterns: readonly Pattern[], flags: { sample?: unknown }): Promise<Record<string, unknown> | number> {
  const file = flags.sample;
  if (typeof file !== 'string') return usageError('lnav needs sample lines from your log: --sample app.log (or - for stdin)');
  if (file !== '-' && !existsSync(file)) return usageError(`cannot read ${file}: no such file`);
  const lines = patterns.map((p) => new RegExp(render(p, 'js'), 'u'));
  const found: string[] = [];
  const input = file === '-' ? process.stdin : createReadStream(file);
  try {
    await eachLine(input, (text) => {
      if (found.length < LNAV_SAMPLES && lines.some((l) => l.test(text))) found.push(text);
    }, async () => {
      if (found.length >= LNAV_SAMPLES) input.destroy();
    });
  } catch {
    // closed early on purpose, or unreadable: fewer samples
  }
  if (found.length === 0) return usageError(`no line of ${file === '-' ? 'stdin' : file} matches the format, and lnav needs sample lines that do`);
  return { samples: found };
}
