/**
 * Every collector command, from the COLLECTORS table: one wiring path. The table row gives the
 * description, options and examples; the action resolves the formats (the argument and each --format,
 * or every formatter --from names), renders the config and prints its files, or writes them to --out.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildPattern, COLLECTORS, emitConfig, logFilesRead, printedFiles, zoneFor, type Collector, type EmittedFile, type Pattern, type TargetOption } from '../core/index.js';
import { resolveFormats } from './format.js';
import { exitWithError, patternOptions, printWarnings, say, usageError, type FormatFlags } from './io.js';
import { lnavSamples, logtailSample } from './samples.js';

type Flags = FormatFlags & Record<string, unknown> & { from?: string; format?: string[]; path?: string; out?: string };

/** A target option's value, checked and converted (a whole number, a zone in the target's syntax). */
function checkedValue(o: TargetOption, title: string, raw: string): { value: string | number } | { error: string } {
  if (o.choices && !o.choices.includes(raw)) return { error: `expected one of ${o.choices.join(', ')}` };
  if (o.whole) {
    const n = Number(raw);
    return Number.isInteger(n) && n > 0 ? { value: n } : { error: 'expected a positive whole number' };
  }
  return o.zone ? zoneFor(raw, o.zone, title) : { value: raw };
}

function optionOf(o: TargetOption, title: string): Option {
  const described = o.default === undefined ? o.description : `${o.description} (default: ${o.default})`;
  const option = new Option(o.flags, described);
  if (o.choices) option.choices(o.choices);
  if (o.whole || o.zone) {
    option.argParser((v) => {
      const checked = checkedValue(o, title, v);
      if ('error' in checked) throw new InvalidArgumentError(checked.error);
      return checked.value;
    });
  }
  return option;
}

/** The flag's long name: `--flush-timeout <ms>` → `--flush-timeout`. */
const longFlag = (o: TargetOption) => /--[\w-]+/u.exec(o.flags)![0];

/**
 * `scan --emit`: every target's options (but the config's name, which each log takes from its
 * formatter), checked against the target once it is known (targetFlags).
 */
export function addTargetOptions(command: Command): Command {
  const seen = new Map<string, Collector[]>();
  for (const target of Object.keys(COLLECTORS) as Collector[]) {
    for (const o of COLLECTORS[target].options) {
      if (o.key === COLLECTORS[target].nameKey || o.key === 'json') continue;
      seen.set(longFlag(o), [...(seen.get(longFlag(o)) ?? []), target]);
    }
  }
  for (const [flag, targets] of seen) {
    const rows = targets.map((t) => ({ target: t, option: COLLECTORS[t].options.find((x) => longFlag(x) === flag)! }));
    // One description for the targets that mean the same by the flag, else each target's own.
    const said = [...new Set(rows.map((r) => r.option.description))];
    const description = said.length === 1 ? `${targets.join(', ')}: ${said[0]}` : rows.map((r) => `${r.target}: ${r.option.description}`).join('; ');
    command.addOption(new Option(rows[0]!.option.flags.replace(/^-\w, /u, ''), description));
  }
  return command
    .option('--path <file|dir|glob>', 'for a log whose file the config does not name: where it is')
    .option('--out <dir>', 'write each config into DIR/<name>/ instead of printing them');
}

/** The options given to `scan` that `target` takes, checked; an option it does not take is an error. */
export function targetFlags(target: Collector, flags: Record<string, unknown>): { options: Record<string, unknown> } | { error: string } {
  const row = COLLECTORS[target];
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flags)) {
    if (value === undefined || ['json', 'emit', 'path', 'out'].includes(key)) continue;
    const o = row.options.find((x) => x.key === key);
    if (o === undefined) return { error: `${target} has no option for ${key}: see pylogrx ${target} --help` };
    const checked = typeof value === 'string' ? checkedValue(o, row.title, value) : { value };
    if ('error' in checked) return { error: `${longFlag(o)}: ${checked.error}` };
    options[key] = checked.value;
  }
  return { options };
}

/** What a target needs read from the user's log before it renders (samples), by target. */
const FROM_LOG: Partial<Record<Collector, (patterns: readonly Pattern[], flags: { readonly sample?: unknown }) => Promise<Record<string, unknown> | number>>> = {
  logtail: logtailSample,
  lnav: lnavSamples,
};

export function registerCollector(command: Command, target: Collector): Command {
  const row = COLLECTORS[target];
  command
    .description(row.description)
    .option('--path <file|dir|glob>', 'the log: a file, a directory (its *.log files) or a glob (default: /var/log/app/*.log)')
    .option('--format <fmt>', 'another format written to the same log (repeatable): one parser each, tried in turn', (v: string, list: string[] | undefined) => [...(list ?? []), v])
    .option('--out <dir>', "write the config's files into this directory instead of printing them");
  for (const o of row.options) command.addOption(optionOf(o, row.title));
  command.addHelpText('after', `
Several formats: ${row.several}.
Proven by ${row.provenBy}.

Examples:
${row.examples.map((e) => `  $ ${e}`).join('\n')}`);
  return command.action(async (format: string | undefined, flags: Flags) => {
    const resolved = await resolveFormats(format, flags, command);
    const patterns = resolved.map((r) => {
      const pattern = buildPattern(r.format, patternOptions(r.flags));
      if (!pattern.ok) exitWithError(pattern.error);
      return pattern.value;
    });
    const extra = (await FROM_LOG[target]?.(patterns, flags as { readonly sample?: unknown })) ?? {};
    if (typeof extra === 'number') {
      process.exitCode = extra;
      return;
    }
    const read = logFilesRead(flags.path);
    if (read !== null && target !== 'lnav') say('note', read);
    const { files, warnings } = emitConfig(target, patterns, { ...flags, ...extra } as never);
    // A JSON format's own warnings are about its regex, which the agent's JSON parser does not use.
    printWarnings([...patterns.flatMap((p) => (p.keyed?.syntax === 'json' ? [] : p.warnings)), ...warnings]);
    if (flags.out !== undefined) process.exitCode = writeFiles(flags.out, files);
    else process.stdout.write(printedFiles(files));
  });
}

export function writeFiles(dir: string, files: readonly EmittedFile[]): number {
  try {
    for (const f of files) {
      mkdirSync(dirname(join(dir, f.name)), { recursive: true });
      writeFileSync(join(dir, f.name), f.text.endsWith('\n') ? f.text : `${f.text}\n`);
      say('note', `wrote ${join(dir, f.name)}`);
    }
    return 0;
  } catch (e) {
    return usageError(`cannot write ${dir}: ${(e as Error).message}`);
  }
}
