/** `pylogrx infer [FILE]`, and `--infer FILE` for the commands that take a format. */
import { INFER_LINES, inferFormat, optionsOf, type Inference, type InferredFormat } from '../core/infer.js';
import { buildPattern } from '../core/pattern.js';
import { asctimeLayout, layoutText } from '../core/strftime.js';
import { say, usageError } from './io.js';
import { eachLine, openInput } from './lines.js';

export interface InferFlags {
  readonly lines?: number;
  readonly json?: boolean;
}


/** Stops the read once enough lines are in. */
const ENOUGH = Symbol('enough lines');

/** The first `max` lines of a file or stdin ('-' or none), streamed: a large file is not read whole. */
export async function readLines(file: string | undefined, max: number): Promise<string[]> {
  const lines: string[] = [];
  try {
    await eachLine(openInput(file), (line) => {
      if (lines.length >= max) throw ENOUGH;
      lines.push(line);
    }, async () => {});
  } catch (e) {
    if (e !== ENOUGH) throw e;
  }
  return lines;
}

export async function runInfer(file: string | undefined, flags: InferFlags): Promise<number> {
  let lines: string[];
  try {
    lines = await readLines(file, flags.lines ?? INFER_LINES);
  } catch (e) {
    return usageError(`cannot read ${file ?? 'stdin'}: ${(e as Error).message}`);
  }
  const inference = inferFormat(lines);
  if (flags.json) {
    const candidates = inference.candidates.map((c) => ({ format: c.format, style: c.style, datefmt: c.datefmt, matched: c.matched, records: c.records, guessed: c.guessed, ...(c.fields ? { fields: c.fields } : {}) }));
    process.stdout.write(`${JSON.stringify({ candidates, unexplained: inference.unexplained })}\n`);
  } else if (inference.candidates.length > 0) {
    process.stdout.write(describeCandidates(inference));
  }
  if (inference.candidates.length === 0) {
    say('error', unexplainedText(inference));
    return 1;
  }
  return 0;
}

/** Why infer gives no format: `no format explains most of the 12 lines: lines start with an ISO time, ...`. */
const unexplainedText = ({ records, description }: Inference) => (records === 0 ? description : `no format explains most of the ${records} line${records === 1 ? '' : 's'}: ${description}`);

function describeCandidates(inference: Inference): string {
  const several = inference.candidates.length > 1;
  const blocks = inference.candidates.map((c) => {
    const out = [`format  ${c.format}`, `style   ${c.style}`, `datefmt ${c.datefmt ?? 'None'}`];
    out.push(`records ${c.matched}/${c.records} matched, fields: ${fieldNames(c).join(' ')}`);
    if (c.known !== null) out.push(`known   ${c.known}`);
    // What records start with, beside the format: give it as --field (--infer does).
    for (const [name, regex] of Object.entries(c.fields ?? {})) out.push(`field   ${name}=${regex}`);
    // Not a datefmt: the preset's Formatter class prints asctime so, and only the preset gives it.
    if (c.formatTime) out.push(`asctime ${layoutText(asctimeLayout(c.datefmt, c.formatTime))} (its Formatter class's: --preset ${c.known})`);
    if (c.guessed.length > 0) out.push(`guessed ${c.guessed.join(' ')} (named from their values; the log cannot say)`);
    if (several) out.push(`lines   ${ranges(c.lines)}`);
    return out.join('\n');
  });
  const unexplained = inference.unexplained.length > 0 ? [`unexplained lines: ${ranges(inference.unexplained)}`] : [];
  return `${[...blocks, ...unexplained].join('\n\n')}\n`;
}

function fieldNames(c: InferredFormat): string[] {
  const pattern = buildPattern(c.format, optionsOf(c));
  if (!pattern.ok) return [];
  return pattern.value.parts.flatMap((p) => (p.kind === 'field' && p.sameAs === null ? [p.key] : []));
}

/** `1-3, 7, 9-12`, at most 20 ranges. */
function ranges(numbers: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    out.push(i === j ? `${numbers[i]}` : `${numbers[i]}-${numbers[j]}`);
    i = j + 1;
  }
  return out.length > 20 ? `${out.slice(0, 20).join(', ')}, ... (${numbers.length} lines)` : out.join(', ');
}

/**
 * `--infer FILE`: the formats inferred from the log, best first, for a command to use in place of a format.
 * Says on stderr which it inferred; exits 1 with what the lines show when no format explains them.
 */
export async function inferredFormats(file: string, several: boolean): Promise<InferredFormat[]> {
  let lines: string[];
  try {
    lines = await readLines(file, INFER_LINES);
  } catch (e) {
    process.exit(usageError(`--infer ${file}: ${(e as Error).message}`));
  }
  const inference = inferFormat(lines);
  if (inference.candidates.length === 0) {
    say('error', `--infer ${file}: ${unexplainedText(inference)}`);
    process.exit(1);
  }
  // A command that takes one format uses the best; only the formats used are named.
  const used = several ? inference.candidates : inference.candidates.slice(0, 1);
  for (const c of used) {
    const known = c.known === null ? '' : ` (${c.known})`;
    const fields = Object.entries(c.fields ?? {}).map(([name, regex]) => `, --field ${name}='${regex}'`).join('');
    say('note', `inferred ${JSON.stringify(c.format)}${c.style === '%' ? '' : `, style '${c.style}'`}, datefmt ${c.datefmt === null ? 'None' : JSON.stringify(c.datefmt)}${fields}${known}: ${c.matched}/${c.records} records`, `--infer ${file}`);
  }
  return [...used];
}
