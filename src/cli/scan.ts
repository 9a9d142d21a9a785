/** `pylogrx scan [DIR]`: every logging format a project defines, where, and what to fix. */
import { existsSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { buildPattern, formatLogtail, lintSource, logtailConfig, type FormatSource } from '../core/index.js';
import { colorFor, say, usageError } from './io.js';
import { candidateFiles, readSources } from './sources.js';

export interface ScanFlags {
  readonly json?: boolean;
  readonly emit?: string;
}

export function runScan(dir: string, flags: ScanFlags): number {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return usageError(`${dir} is not a directory`);
  }
  const files = candidateFiles(dir);
  const { sources, errors } = readSources(files);
  const shown = sources
    .map((s) => ({ ...s, file: relative(dir, s.file) || s.file, lints: lintSource(s) }))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  for (const e of errors) say('warning', e);
  if (flags.emit === 'logtail') return emitLogtail(shown);
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
    lines.push(`${where}  ${s.style}  ${JSON.stringify(s.format)}${s.datefmt !== null ? `  ${JSON.stringify(s.datefmt)}` : ''}`);
    for (const lint of s.lints) lines.push(`  ${color.yellow('warning')}: ${lint}`);
  }
  const found = shown.filter((s) => s.format !== null).length;
  lines.push(`${found} format${found === 1 ? '' : 's'} in ${new Set(shown.map((s) => s.file)).size} files (${files.length} read)`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** One pipeline per distinct (format, style, datefmt), each naming where it is defined. */
function emitLogtail(sources: readonly (FormatSource & { lints: string[] })[]): number {
  const distinct = new Map<string, FormatSource[]>();
  for (const s of sources) {
    if (s.format === null) continue;
    const key = JSON.stringify([s.format, s.style, s.datefmt]);
    distinct.set(key, [...(distinct.get(key) ?? []), s]);
  }
  const docs: string[] = [];
  for (const group of distinct.values()) {
    const [first] = group as [FormatSource];
    const pattern = buildPattern(first.format!, { style: first.style, datefmt: first.datefmt });
    const where = group.map((s) => `${s.file}:${s.line}`).join(', ');
    if (!pattern.ok) {
      say('warning', `skipped, the format is malformed: ${pattern.error.message}`, where);
      continue;
    }
    const config = logtailConfig(pattern.value);
    for (const w of config.warnings) say('warning', w.message, where);
    docs.push(`# ${where}\n# format: ${first.format}\n${formatLogtail(config, 'yaml')}`);
  }
  process.stdout.write(docs.join('---\n'));
  return 0;
}
