/**
 * The contract every collector target keeps (index.ts holds them in one table): what it is called, the
 * regex flavor its engine runs, how it is proven, its time table, its options, and a render function
 * from the formats written to one log and the options to the files to paste. What every target needs of
 * a format (the record's first line, its time field, the head's warnings) is computed once, by
 * `prepare`, before the target sees it.
 */
import { recordHead, recordStart } from '../head.js';
import type { Pattern } from '../pattern.js';
import { FLAVORS, render, type Flavor, type RenderOptions } from '../render.js';
import type { Warning } from '../result.js';
import { timeField, warnings, type TimeField, type TimeTable, type Warn } from './datefmt.js';
import { JSON_START, keyedFormat, logfmtStart, type KeyedFormat } from './keyed.js';
import type { ZoneSyntax } from './zones.js';

/** A file of the config, as the user pastes it. */
export interface EmittedFile {
  /** A file name to save it as (`parsers.conf`), or what it is (`pipeline`). */
  readonly name: string;
  readonly text: string;
}

export interface Emitted {
  /** The files, in the order they are printed. */
  readonly files: readonly EmittedFile[];
  readonly warnings: readonly Warning[];
}

/** One file as it is; several (or `named`), each after a `# ==> name <==` line (as `head` prints several files). */
export function printedFiles(files: readonly EmittedFile[], named = files.length > 1): string {
  const ended = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);
  if (!named) return files.map((f) => ended(f.text)).join('');
  return files.map((f) => `# ==> ${f.name} <==\n${ended(f.text)}`).join('\n');
}

/** A command-line option of one target, as data: the CLI registers it, `--help` prints it. */
export interface TargetOption {
  /** The option's key in the options object (camelCase of the flag). */
  readonly key: string;
  /** As commander takes it: `--tag <tag>`, `--yaml`. */
  readonly flags: string;
  readonly description: string;
  readonly default?: string | number;
  readonly choices?: readonly string[];
  /** A value that must be a positive whole number. */
  readonly whole?: true;
  /** A time zone, checked and written in the target's syntax (zones.ts). */
  readonly zone?: ZoneSyntax;
}

export interface Emitter<O> {
  /** The target's product name, for comments and warnings. */
  readonly title: string;
  /** The command's one-line description. */
  readonly description: string;
  /** The regex dialect its engine runs. */
  readonly flavor: Flavor;
  /** The engine harness that runs the emitted config in the target's own engine (a test file). */
  readonly provenBy: string;
  /** How its time parser reads each strftime directive; null for a target that reads no time. */
  readonly time: TimeTable | null;
  /** How the target tries several formats written to one file. */
  readonly several: string;
  /** The option that names the config (scan names each log's config after its formatter), or null. */
  readonly nameKey: string | null;
  /** Its own options (every target also takes `--path`). */
  readonly options: readonly TargetOption[];
  readonly examples: readonly string[];
  readonly emit: (formats: readonly PreparedFormat[], options: O & CommonOptions) => Emitted;
}

export interface CommonOptions {
  /** The log: a file, a directory (its `*.log`) or a glob. Default: DEFAULT_PATH. */
  readonly path?: string;
  /** `path` is a file whatever its name (a handler's filename: `/var/log/app/current`). */
  readonly pathIsFile?: boolean;
}

export const DEFAULT_PATH = '/var/log/app/*.log';

/** A format as every target needs it, in the target's flavor. */
export interface PreparedFormat {
  readonly pattern: Pattern;
  /** Its place among the formats the user gave (0: the first). */
  readonly index: number;
  /** A record's first line (head.ts recordStart), open at its end; null when no line can be told from another. */
  readonly start: string | null;
  /** The same without groups, to be one alternative of several formats' starts. */
  readonly bareStart: string | null;
  readonly time: TimeField | null;
  /** A JSON or logfmt format (keyed.ts), which the target reads with its own parser; null for any other. */
  readonly keyed: KeyedFormat | null;
  /** Warnings for this target: the head's, then the target's own (`warn`). */
  readonly warnings: Warning[];
  readonly warn: Warn;
  /** The whole-record regex in the target's flavor, with the time group around asctime and msecs. */
  readonly record: (options?: RenderOptions) => string;
}

/** The comment line that names the defaults a config holds, the options the user did not give (none: no line). */
export function defaultsComment(defaults: readonly (string | null)[], comment = '#'): string[] {
  const given = defaults.filter((d): d is string => d !== null);
  return given.length === 0 ? [] : [`${comment} Defaults, not given on the command line: ${given.join('; ')}.`];
}

/** The default log files, for defaultsComment when `--path` was not given. */
export const defaultPath = (path: string | undefined, name = 'the log files'): string | null => (path === undefined ? `${name} ${DEFAULT_PATH}` : null);

/** One format or several, as a list. */
export const patternList = (patterns: Pattern | readonly Pattern[]): readonly Pattern[] => ('parts' in patterns ? [patterns] : patterns);

/**
 * The formats in the order a target tries them: a target takes the first parser that matches, so a JSON
 * format comes first (its parser takes only a line that is an object), then the format that says more
 * (a longer head, then more parts), and one that begins with the message, which matches any line, last.
 * `check` chooses the same way (check.ts: by score).
 */
export function prepare(patterns: readonly Pattern[], emitter: Pick<Emitter<unknown>, 'flavor' | 'title'>, origin: string): PreparedFormat[] {
  const said = (p: Pattern) => [p.keyed?.syntax === 'json' ? 1 : 0, recordHead(p).length, p.parts.length] as const;
  const order = patterns.map((p, index) => ({ p, index, said: said(p) }))
    .sort((a, b) => b.said[0] - a.said[0] || b.said[1] - a.said[1] || b.said[2] - a.said[2] || a.index - b.index);
  return order.map(({ p: pattern, index }) => {
    const { list, warn } = warnings(origin);
    const keyed = keyedFormat(pattern);
    const anchor = FLAVORS[emitter.flavor].start;
    const record = (options: RenderOptions = {}, wrap?: TimeField['wrap']) => render(pattern, emitter.flavor, { mode: 'record', ...(wrap ? { wrap } : {}), ...options });
    if (keyed !== null) {
      // A JSON record is one line, an object; a logfmt one starts at its first key (a value may span lines).
      const head = keyed.syntax === 'json' ? JSON_START : logfmtStart(keyed.keys);
      if (keyed.time === null) warn(`no key holds the record's time (asctime, timestamp, created): ${emitter.title} keeps the time it read the line`);
      return { pattern, index, start: `${anchor}${head}`, bareStart: `${anchor}${head}`, time: null, keyed, warnings: list, warn, record };
    }
    const start = recordStart(pattern, emitter.flavor, emitter.title);
    list.push(...start.warnings);
    const time = timeField(pattern, emitter.flavor);
    if (time === null && pattern.parts.some((p) => p.kind === 'field' && p.type === 'time')) {
      warn(`the record's time has no layout ${emitter.title} reads (a loguru {time} with a fraction of a second, or a token strftime has no directive for): no time is parsed, so it keeps the time it read the line`);
    }
    return {
      pattern, index, start: start.regex, bareStart: recordStart(pattern, emitter.flavor, emitter.title, true).regex, time, keyed: null, warnings: list, warn,
      record: (options = {}) => record(options, time?.wrap),
    };
  });
}

/** The warnings of every format, each prefixed with its number when there are several. */
export function allWarnings(formats: readonly PreparedFormat[], own: readonly Warning[] = []): Warning[] {
  const several = formats.length > 1;
  return [
    ...[...formats].sort((a, b) => a.index - b.index).flatMap((f) => f.warnings.map((w) => (several ? { ...w, message: `format ${f.index + 1}: ${w.message}` } : w))),
    ...own,
  ];
}

/**
 * The start of a record of any of the formats: one alternation, each format's head after the flavor's
 * anchor. Null when a format's lines cannot be told apart, or all are JSON (each line is then a record).
 */
export function anyStart(formats: readonly PreparedFormat[], flavor: Flavor): string | null {
  // JSON lines alone: each line is a record (a traceback is a string inside it), no start rule is needed.
  // So are gunicorn's access lines: glogging.py Logger.access logs one line per request, and no atom's
  // text holds a newline (gunicorn.ts). A line at a known limit (README) is then a record of its own,
  // left unparsed, rather than glued onto the record before it.
  if (formats.every((f) => f.keyed?.syntax === 'json' || f.pattern.style === 'gunicorn')) return null;
  if (formats.length === 1) return formats[0]!.start;
  const starts = formats.map((f) => f.bareStart);
  if (starts.some((s) => s === null)) return null;
  const anchor = FLAVORS[flavor].start;
  const bodies = [...new Set(starts.map((s) => s!.slice(anchor.length)))];
  return bodies.length === 1 ? `${anchor}${bodies[0]}` : `${anchor}(?:${bodies.join('|')})`;
}

/**
 * The log files a path names, for targets that take a glob: a glob as it is, a directory's `*.log`, a
 * file as it is. Says which it took, so the user sees how `--path` was read.
 */
export function logFiles({ path, pathIsFile }: CommonOptions): LogFiles {
  const given = (path ?? DEFAULT_PATH).replace(/(?<=.)\/+$/u, '');
  const slash = given.lastIndexOf('/');
  const [dir, last] = slash < 0 ? ['.', given] : [given.slice(0, slash) || '/', given.slice(slash + 1)];
  if (/[*?[{]/u.test(given)) return { kind: 'glob', glob: given, dir, file: last };
  // A last part with an extension (app.log, django.log.1) is a file, unless the path ends in '/'.
  if (pathIsFile || (/\.[A-Za-z0-9]+$/u.test(last) && !(path ?? '').endsWith('/'))) return { kind: 'file', glob: given, dir, file: last };
  return { kind: 'directory', glob: `${given}/*.log`, dir: given, file: '*.log' };
}

export interface LogFiles {
  readonly kind: 'glob' | 'file' | 'directory';
  /** The files, as one glob (a file: its path). */
  readonly glob: string;
  /** The directory and the file name or name glob in it. */
  readonly dir: string;
  readonly file: string;
}

/** How `--path` was read, for the user; null when it was not given. */
export function logFilesRead(path: string | undefined): string | null {
  if (path === undefined) return null;
  const read = logFiles({ path });
  return read.kind === 'glob' ? `--path ${path}: the files matching the glob`
    : read.kind === 'file' ? `--path ${path}: the one file (end the path with / for a directory)`
      : `--path ${path}: a directory, so the files ${read.glob}`;
}
