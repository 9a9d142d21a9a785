/** `pylogrx scan [DIR]`: every logging format a project defines, where, and what to fix. */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { buildPattern, COLLECTORS, emitConfig, lintSource, printedFiles, projectLogs, type Collector, type EmittedFile, type FormatSource } from '../core/index.js';
import { targetFlags, writeFiles } from './collector.js';
import { colorFor, say, usageError } from './io.js';
import { candidateFiles, readSources } from './sources.js';

export interface ScanFlags {
  readonly json?: boolean;
  readonly emit?: Collector;
  readonly path?: string;
  readonly out?: string;
}

export async function runScan(dir: string, flags: ScanFlags): Promise<number> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return usageError(`${dir} is not a directory`);
  }
  const files = candidateFiles(dir);
  const { sources, errors } = readSources(files);
  const shown = sources
    .map((s) => ({ ...s, file: relative(dir, s.file) || s.file, lints: lintSource(s) }))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  for (const e of errors) say('warning', e);
  if (flags.emit !== undefined) return emitConfigs(shown, flags.emit, flags);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
    return 0;
  }
  const color = colorFor(process.stdout);
  const lines: string[] = [];
  for (const s of shown) {
    const where = `${s.file}:${s.line}`;
    if (s.format === null) {
      lines.push(`${where}  ${color.dim(`(${s.note})`)}`);
      continue;
    }
    lines.push(`${where}  ${s.style}  ${JSON.stringify(s.format)}${s.datefmt !== null ? `  ${JSON.stringify(s.datefmt)}` : ''}${s.note !== null ? `  ${color.dim(`(${s.note})`)}` : ''}`);
    for (const lint of s.lints) lines.push(`  ${color.yellow('warning')}: ${lint}`);
  }
  const found = shown.filter((s) => s.format !== null).length;
  lines.push(`${found} format${found === 1 ? '' : 's'} in ${new Set(shown.map((s) => s.file)).size} files (${files.length} read)`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/**
 * One config per log the project writes: the formats that share a file in one config (a parser each), the
 * path from the handler, the config named after its formatter. Console-only formatters are left out.
 */
async function emitConfigs(sources: readonly (FormatSource & { lints: string[] })[], target: Collector, flags: ScanFlags): Promise<number> {
  const given = targetFlags(target, flags as Record<string, unknown>);
  if ('error' in given) return usageError(given.error);
  // One stdin or sample file cannot serve every log: samples go with the target's own command.
  if ((flags as { sample?: unknown }).sample !== undefined) return usageError(`--sample reads one log: give it to pylogrx ${target} --from FILE#NAME for that log`);
  const { logs, skipped } = projectLogs(sources, flags.path ?? null);
  for (const { source, reason } of skipped) say('note', `left out: ${reason}`, `${source.file}:${source.line}`);
  const row = COLLECTORS[target];
  const docs: { name: string; files: readonly EmittedFile[]; comment: string }[] = [];
  for (const log of logs) {
    const where = log.sources.map((s) => `${s.file}:${s.line}`).join(', ');
    const patterns = [];
    for (const s of log.sources) {
      const pattern = buildPattern(s.format!, { style: s.style, datefmt: s.datefmt });
      if (!pattern.ok) {
        say('warning', `skipped, the format is malformed: ${pattern.error.message}`, `${s.file}:${s.line}`);
        continue;
      }
      patterns.push(pattern.value);
      for (const w of [...s.lints, ...pattern.value.warnings.map((x) => x.message)]) say('warning', w, `${s.file}:${s.line}`);
    }
    if (patterns.length === 0) continue;
    if (log.path === null) say('note', `where it writes is not in the config: give --path`, where);
    // A handler's filename is a file, whatever its name. Python opens a relative one in the app's working directory; the agent would read it in its own.
    else if (!isAbsolute(log.path)) say('note', `${log.path} is relative to the app's working directory: write the absolute path into the config`, where);
    if (target === 'lnav') say('note', `lnav checks sample lines when it loads a format: add them with pylogrx lnav --from FILE#NAME --sample app.log`, where);
    const options = { ...given.options, ...(log.path !== null ? { path: log.path, pathIsFile: true } : {}), ...(row.nameKey ? { [row.nameKey]: log.name } : {}) };
    const { files, warnings } = emitConfig(target, patterns, options as never);
    for (const w of warnings) say('warning', w.message, where);
    const comment = `# ${log.name}: ${log.path ?? 'path not in the config'}; ${log.sources.map((s) => `${s.file}:${s.line} ${JSON.stringify(s.format)}`).join(', ')}`;
    docs.push({ name: log.name, files, comment });
  }
  const named = (d: (typeof docs)[number]) => d.files.map((f) => ({ name: `${d.name}/${f.name}`, text: f.text }));
  if (flags.out !== undefined) return writeFiles(flags.out, docs.flatMap(named));
  // YAML configs as one stream of documents; others one after another, each file under its log's name.
  const yaml = docs.every((d) => d.files.length === 1 && /\.ya?ml$/u.test(d.files[0]!.name));
  const text = yaml
    ? docs.map((d) => `${d.comment}\n${d.files[0]!.text}`).join('---\n')
    : docs.map((d) => `${d.comment}\n${printedFiles(named(d), true)}`).join('\n');
  process.stdout.write(text);
  return 0;
}
