/**
 * `infer`: log lines in, the Python format strings that wrote them out, each proven by `check` on the
 * lines. Candidates come from two places:
 * 1. the formats real projects ship (the presets, with all their formatters, and the corpus's real-world
 *    formats, infer-known.ts): a log that one of them explains is that framework's;
 * 2. structural inference (infer-structure.ts), repeated on the lines the formats so far leave
 *    unexplained (two formats interleaved: a Flask dev server, a Celery worker).
 * A record counts as explained only where its fields hold what they are (a level name in levelname, a
 * file name in filename): a loose format matches any line otherwise. The pick: minimum description
 * length (the fields' text, each format's literals once, each unexplained line's length), then the
 * fewest `extra=` fields, then the fewest fields, then a known format. Pure.
 */
import { CATALOGUE, LEVEL_NAME_LIST } from './catalogue.js';
import { RecordChecker } from './check.js';
import { recordHead } from './head.js';
import { KNOWN_FORMATS } from './infer-known.js';
import { isKnownLevel, looksLikeLevelnos, PROCESS_NAME, readStructure, type Item } from './infer-structure.js';
import { buildPattern, type FieldPart, type Pattern, type PatternOptions } from './pattern.js';
import type { Rx } from './rx.js';
import { PRESETS } from './presets.js';
import type { FormatTime } from './strftime.js';
import { render } from './render.js';
import { TracebackTracker } from './traceback.js';
import type { LoggingStyle } from './tokenize.js';

export interface InferredFormat {
  readonly format: string;
  readonly style: LoggingStyle;
  readonly datefmt: string | null;
  /** Records it matched, of all records read (with the other candidates, which take the rest). */
  readonly matched: number;
  readonly records: number;
  /** Field names the log does not determine (an `extra=` named after what it holds, a number called lineno). */
  readonly guessed: readonly string[];
  /** The preset (`flask-dev#app`) or corpus format it is, when it is a known one. */
  readonly known: string | null;
  /** A known preset's Formatter class's asctime (airflow's TimezoneAware), which its format alone does not say. */
  readonly formatTime?: FormatTime;
  /**
   * Field regexes the format needs beside it (`--field`): the level names the log shows, with the ones
   * only addLevelName knows (`AUDIT`), where nothing typed before the message tells a record's first line
   * (check's record start) and the level names do. Absent when none is needed.
   */
  readonly fields?: Readonly<Record<string, string>>;
  /** 1-based first lines of the records it matched. */
  readonly lines: readonly number[];
}

export interface Inference {
  /** Best first; several when formats interleave. Empty when none explains the majority of records. */
  readonly candidates: readonly InferredFormat[];
  /** 1-based lines no candidate explains. */
  readonly unexplained: readonly number[];
  /** Records read under the candidates; with none, the lines that could start one (not blank, no traceback). */
  readonly records: number;
  /** What the lines have in common, said when no candidate explains the majority: `lines start with an ISO time, then a level; the rest varies`. */
  readonly description: string;
}

/** Lines a caller reads by default (`infer --lines`, the playground): enough to decide, quick to read. */
export const INFER_LINES = 5000;
/** Lines structural inference reads (the first of each record). */
const SAMPLE = 400;
/** Lines every candidate is checked on; the LEADERS best are then checked on all. */
const PROBE = 1000;
const LEADERS = 2;
/** Lines a known format must mostly explain to be a candidate at all. */
const QUICK = 200;
/**
 * What a line no format explains costs in the description length, besides its text: more than a
 * message-only format's line (its text), so a format that explains a line beats leaving it out, and
 * more than a template's literal words save on the lines written from it (`GET /items/12 200`, with a
 * few `slow query users`: one format, the message, not a `GET` field and lines left out).
 */
const UNEXPLAINED_COST = 40;
/**
 * What a field whose name is a guess costs a record in the description length, besides its text. It
 * keeps a message written from one template (`request 12 from 10.0.0.1 took 3 ms`) a message, not a
 * run of guessed fields between literal words, unless the literals save more. A field between
 * punctuation (`[%(lineno)s]`, `| %(request_id)s |`) or after its own label (`user=`) is how formats
 * print fields, not how messages do: it costs little (a tie still goes to a known format).
 */
const GUESS_COST = 12;
const FORMAT_GUESS_COST = 0.5;
/** Rounds of inference on the lines left unexplained. */
const ROUNDS = 3;

interface Formatter {
  readonly format: string;
  readonly style: LoggingStyle;
  readonly datefmt: string | null;
  readonly guessed: readonly string[];
  /** What its guessed names cost a record (GUESS_COST). */
  readonly guessCost: number;
  readonly known: string | null;
  readonly formatTime?: FormatTime;
  readonly fields?: Readonly<Record<string, string>>;
}

interface Scored {
  readonly formatters: readonly Formatter[];
  readonly matched: number;
  readonly byFormat: readonly number[];
  readonly records: number;
  /** Lines in the records explained. */
  readonly allLines: number;
  readonly fields: number;
  /** Fields no LogRecord attribute is (an `extra=`): their text is anything. */
  readonly extras: number;
  readonly free: number;
  readonly starts: readonly (readonly number[])[];
  readonly unexplained: readonly number[];
}

export function inferFormat(lines: readonly string[]): Inference {
  const heads = recordLines(lines);
  const probe = lines.slice(0, PROBE);
  const levels = (set: readonly Formatter[]) => set.map((f) => withAddedLevels(f, probe));
  const known = knownSets(lines.slice(0, QUICK)).map(levels);
  const sets = [...structuralSets(probe, heads.filter((i) => i < PROBE)).map(levels), ...known];
  // Every set is scored on the first lines; the few best, on all of them.
  const scored = sets.flatMap((set) => score(probe, set) ?? []);
  // Two projects' formats interleave (gunicorn's error log and its access log): the best set, with each
  // known set's formats beside it (not one of only the message: it would take every line left).
  const top = ranked(scored)[0];
  const beside = top === undefined || top.unexplained.length === 0 ? [] : known.flatMap((set) => {
    const added = set.filter((f) => !isMessageOnly(f) && !top.formatters.some((t) => (t.format === f.format && t.style === f.style && t.datefmt === f.datefmt) || sharesHead(t, f)));
    const left = top.unexplained.map((n) => probe[n - 1]!);
    const fits = added.some((f) => {
      const rx = lineRegex(f);
      return rx !== null && left.some((line) => rx.test(line));
    });
    return fits ? score(probe, [...top.formatters, ...added]) ?? [] : [];
  });
  const leaders = ranked([...scored, ...beside]).slice(0, LEADERS);
  const best = ranked(leaders.flatMap((s) => (lines.length <= PROBE ? s : score(lines, s.formatters) ?? [])))[0];
  const description = () => (heads.length === 0 && lines.length > 0 ? 'no line can start a record: there are only blank lines and traceback text' : describe(heads.slice(0, SAMPLE).map((i) => lines[i]!)));
  if (best === undefined || best.allLines * 2 <= lines.length) {
    // No format: no records either, only the lines that could start one.
    return { candidates: [], unexplained: best?.unexplained ?? lines.map((_, i) => i + 1), records: heads.length, description: description() };
  }
  const candidates = best.formatters
    // guessCost is the score's, not the caller's.
    .map(({ guessCost: _, ...f }, k) => ({ ...f, matched: best.byFormat[k]!, records: best.records, lines: best.starts[k]! }))
    .filter((c) => c.matched > 0)
    .sort((a, b) => b.matched - a.matched);
  return { candidates, unexplained: best.unexplained, records: best.records, description: description() };
}

/**
 * Best first: by description length (the fields' text, and each line no format explains, at a cost),
 * then the fewest `extra=` fields, the fewest fields, a known format, the most records.
 */
function ranked(scored: readonly Scored[]): Scored[] {
  return [...scored].sort((a, b) => a.free - b.free || a.extras - b.extras || a.fields - b.fields || knownFirst(b) - knownFirst(a) || b.matched - a.matched);
}

const knownFirst = (s: Scored) => (s.formatters.some((f) => f.known !== null) ? 1 : 0);

/** Indexes of the lines that can start a record: not traceback text, not blank. */
function recordLines(lines: readonly string[]): number[] {
  const tracebacks = new TracebackTracker();
  const out: number[] = [];
  for (const [i, line] of lines.entries()) if (tracebacks.classify(line) === 'other' && line.trim() !== '') out.push(i);
  return out;
}

/**
 * Structure after structure, each read from the lines the ones before leave unexplained; and the first
 * with its message starting earlier, after each of its fields: messages written from one template look
 * like fields, and only the lines whose messages differ tell.
 */
function structuralSets(lines: readonly string[], heads: readonly number[]): Formatter[][] {
  const formatters: Formatter[] = [];
  let first: readonly Item[] = [];
  let left = heads;
  for (let round = 0; round < ROUNDS && left.length > 0; round++) {
    const structure = readStructure(left.slice(0, SAMPLE).map((i) => lines[i]!));
    const formatter = toFormat(structure.items);
    if (formatter === null || structure.fitted.length === 0) break;
    const pattern = buildPattern(formatter.format, optionsOf(formatter));
    if (!pattern.ok) break;
    const checker = new RecordChecker(pattern.value, { fields: false, matched: false });
    const failed = new Set<number>();
    for (const line of lines) {
      const r = checker.push(line);
      if (r && !r.matched) failed.add(r.line - 1);
    }
    const r = checker.end();
    if (r && !r.matched) failed.add(r.line - 1);
    const next = left.filter((i) => failed.has(i));
    if (round === 0) first = structure.items;
    if (next.length === left.length || (round > 0 && sharesHead(formatters[0]!, formatter))) break;
    formatters.push(formatter);
    left = next;
  }
  const earlier = first.flatMap((item, k) => {
    if (item.kind !== 'field' && item.kind !== 'time') return [];
    const rest = first.slice(k + 1);
    // A time, a level, a thread or process name at one place on every line is the record's, not a message's.
    // So is a field of a shape a message's words seldom all have (shapedField), and one that prints the same
    // on every line (one process's pid): messages that all hold it at one place begin after it.
    // And a place (isPlace) after the cut, or across it.
    if (rest.some(isRecordField) || first.some((_, j) => j > k && isPlace(first, j))) return [];
    // Nor between two fields glued together (`%(relativeCreated)s%(lineno)d`): a message comes after a separator.
    if (rest[0]?.kind === 'field') return [];
    const separator = rest[0]?.kind === 'literal' && rest[1]?.kind !== 'message' ? [rest[0]] : [];
    if (rest.length <= separator.length + 1) return [];
    const formatter = toFormat([...first.slice(0, k + 1), ...separator, { kind: 'message' }]);
    return formatter ? [[formatter, ...formatters.slice(1)]] : [];
  });
  return formatters.length === 0 ? earlier : [formatters, ...earlier];
}

/** A time, a level, a thread or process name, a shaped field, a field that never changes: the record's wherever it stands, never a message's words. */
const isRecordField = (i: Item) =>
  i.kind === 'time' || (i.kind === 'field' && (i.shape === 'level' || i.shape === 'thread' || i.shape === 'process' || shapedField(i) || i.values.every((v) => v === i.values[0])));

/**
 * A word and a number joined by a colon (`views:717`), as a format prints its module, file or logger and
 * the line: where it stands at one place on every line, no message starts there. `k` is either's index.
 */
function isPlace(items: readonly Item[], k: number): boolean {
  const start = items[k]?.kind === 'field' && items[k]!.shape === 'int' ? k - 2 : k;
  const [word, colon, number] = start < 0 ? [] : items.slice(start, start + 3);
  return word?.kind === 'field' && word.shape === 'word' && literalText(colon) === ':' && number?.kind === 'field' && number.shape === 'int';
}

/** A field whose values alone name it, by a shape messages' words seldom all have (a request id, an address, a thread id, a function's `<module>`, a `.py` file or path). */
function shapedField(item: FieldItem): boolean {
  const { name, sure, shaped } = nameOf(item, new Set(), null, '', undefined);
  return shaped === true || (sure && ['thread', 'funcName', 'pathname', 'filename'].includes(name));
}

/**
 * Two formats that begin alike, up to two fields or more (in any style; a time's msecs is the time's),
 * are one format whose messages differ (one template's lines, then another's), not two formats
 * interleaved: those part before their second field.
 */
function sharesHead(a: Formatter, b: Formatter): boolean {
  const [pa, pb] = [buildPattern(a.format, optionsOf(a)), buildPattern(b.format, optionsOf(b))];
  if (!pa.ok || !pb.ok) return false;
  let fields = 0;
  for (const [k, part] of pa.value.parts.entries()) {
    const other = pb.value.parts[k];
    if (part.kind === 'field' && other?.kind === 'field' && part.key === other.key) fields += part.key === 'msecs' ? 0 : 1;
    else if (!(part.kind === 'literal' && other?.kind === 'literal' && part.text === other.text)) break;
  }
  return fields >= 2;
}

/** Every preset (all its formatters, as they share a stream) and every corpus format that explains most of the first lines. */
function knownSets(first: readonly string[]): Formatter[][] {
  const sets: Formatter[][] = [
    ...PRESETS.map((p) => p.formatters.map((f): Formatter => ({
      format: f.format, style: f.style as LoggingStyle, datefmt: f.datefmt, guessed: [], guessCost: 0, known: `${p.name}#${f.key}`, ...('formatTime' in f ? { formatTime: f.formatTime } : {}),
    }))),
    ...KNOWN_FORMATS.map((k) => [{ format: k.format, style: k.style, datefmt: k.datefmt, guessed: [], guessCost: 0, known: k.id }]),
  ];
  // A format that is only the message takes any line: it counts only beside a formatter that says more.
  // A set is a candidate when its other formats' line regexes match a tenth of the first lines (beside a
  // format of only the message, one line): cheap, and `score` decides.
  return sets.filter((set) => {
    const regexes = set.flatMap((f) => (isMessageOnly(f) ? [] : lineRegex(f) ?? []));
    const matched = first.filter((line) => regexes.some((rx) => rx.test(line))).length;
    return matched > 0 && (set.some(isMessageOnly) || matched * 10 >= first.length);
  });
}

const isMessageOnly = (f: Formatter) => f.format === '%(message)s';

/** What builds a formatter's pattern: its style, datefmt and Formatter class's asctime. */
export const optionsOf = (f: Pick<InferredFormat, 'style' | 'datefmt' | 'formatTime' | 'fields'>): PatternOptions => ({ style: f.style, datefmt: f.datefmt, formatTime: f.formatTime, ...(f.fields ? { fields: f.fields } : {}) });

/** The format's regex for one line; null when it does not build. */
function lineRegex(f: Formatter): RegExp | null {
  const p = buildPattern(f.format, optionsOf(f));
  return p.ok ? new RegExp(render(p.value, 'js'), 'u') : null;
}

/** The formatters checked together on all lines: matched records, each format's, fields and free characters. */
function score(lines: readonly string[], formatters: readonly Formatter[]): Scored | null {
  const patterns: Pattern[] = [];
  for (const f of formatters) {
    const p = buildPattern(f.format, optionsOf(f));
    if (!p.ok) return null;
    patterns.push(p.value);
  }
  const checker = new RecordChecker(patterns, { fields: true });
  const heads = patterns.map((p) => new RegExp(render(p, 'js'), 'u'));
  // A field printed by `%r` holds its value in quotes.
  const plausible = patterns.map((p) => p.parts.flatMap((part) => (part.kind === 'field' && Object.hasOwn(PLAUSIBLE, part.key) ? [[part.capture, PLAUSIBLE[part.key]!, part.conversion === 'r' || part.conversion === 'a', part.precision !== null] as const] : [])));
  const explained = patterns.map(() => 0);
  const messageOnly = formatters.map(isMessageOnly);
  let allLines = 0;
  let free = 0;
  const starts: number[][] = patterns.map(() => []);
  const unexplained: number[] = [];
  const unexplain = (n: number) => {
    unexplained.push(n);
    free += lines[n - 1]!.length + UNEXPLAINED_COST;
  };
  /** The characters of the line the format fixes, when its fields hold what they are and it prints the line again. */
  const explains = (format: number, fields: Readonly<Record<string, string | undefined>>, line: string) =>
    plausible[format]!.every(([capture, test, repr, cut]) => fields[capture] === undefined || test(repr ? fields[capture]!.trim().replace(/^'(.*)'$/u, '$1') : fields[capture]!.trim(), cut)) ? determined(patterns[format]!, fields, line) : null;
  const take = (r: ReturnType<RecordChecker['push']>) => {
    if (r === null) return;
    if (!r.matched) {
      for (let n = r.line; n <= r.endLine; n++) unexplain(n);
      return;
    }
    const fixed = explains(r.format, r.fields ?? {}, lines[r.line - 1]!);
    if (fixed === null) {
      for (let n = r.line; n <= r.endLine; n++) unexplain(n);
      return;
    }
    explained[r.format]!++;
    starts[r.format]!.push(r.line);
    allLines += r.endLine - r.line + 1;
    let length = 0;
    for (let l = r.line; l <= r.endLine; l++) {
      length += lines[l - 1]!.length + 1;
      // A line the format's regex takes as a record of its own, read as part of this one's message (a
      // record start the format's head misses: a custom level name) is what it would be on its own.
      const alone = l > r.line && !messageOnly[r.format] ? heads[r.format]!.exec(lines[l - 1]!) : null;
      if (alone) length -= explains(r.format, alone.groups ?? {}, lines[l - 1]!) ?? 0;
    }
    free += length - fixed + formatters[r.format]!.guessCost;
  };
  for (const line of lines) take(checker.push(line));
  take(checker.end());
  // Each format's literals are written once: a format that is one record's message as literal text saves nothing.
  for (const [k, p] of patterns.entries()) if (explained[k]! > 0) for (const part of p.parts) free += part.kind === 'literal' ? part.text.length : 0;
  const fields = patterns.reduce((n, p) => Math.max(n, p.parts.filter((part) => part.kind === 'field' && part.type !== 'message' && part.sameAs === null).length), 0);
  const extras = patterns.reduce((n, p) => n + p.parts.filter((part) => part.kind === 'field' && !part.known).length, 0);
  return { formatters, extras, allLines, matched: explained.reduce((a, b) => a + b, 0), byFormat: explained, records: checker.summary().records, fields, free, starts, unexplained };
}

/**
 * The characters of a record's first line its format fixes, given the fields' text: its literals, a
 * column's padding, a field printed twice, the spaces an attribute's value ends with (uvicorn's
 * levelprefix pads itself); null when the format does not print the line again. A regex takes any run of spaces up
 * to a column's width as its padding, so `{levelname:8s}` would read `INFO hello`.
 */
function determined(pattern: Pattern, fields: Readonly<Record<string, string | undefined>>, line: string): number | null {
  // With no column padded, the regex that matched the line is the format: nothing to print again.
  const padded = pattern.parts.some((part) => part.kind === 'field' && (part.padBefore !== null || part.padAfter !== null));
  let text = '';
  let fixed = 0;
  for (const part of pattern.parts) {
    if (part.kind === 'literal') {
      text += part.text;
      fixed += part.text.length;
      continue;
    }
    // An inferred format is a logging format: it has no front end's uncaptured fragments.
    if (part.kind === 'fragment') continue;
    const value = fields[part.sameAs === null ? part.capture : (pattern.parts[part.sameAs] as FieldPart).capture] ?? '';
    const before = padOf(part.padBefore);
    const after = padOf(part.padAfter);
    // A left-aligned message's regex takes its padding too (`(?<message>.*) {0,40}`): the spaces it ends with are that padding.
    const shown = part.type === 'message' && after !== null && before === null ? value.trimEnd() : value;
    const fill = Math.max(0, ((before ?? after)?.width ?? 0) - [...shown].length);
    const left = before && after ? Math.floor(fill / 2) : before ? fill : 0;
    fixed += fill + (part.sameAs !== null ? value.length : part.type === 'message' || !part.known ? 0 : value.length - value.trimEnd().length);
    if (!padded) continue;
    text += (before?.fill ?? '').repeat(left) + shown + (after?.fill ?? '').repeat(fill - left);
    if (value.includes('\n')) break;
  }
  if (!padded) return fixed;
  // A column's regex may take the spaces a message starts with as padding (`Level 17` in `-8s`, then
  // `  leading spaces`): those lines print shorter, never longer.
  const first = text.split('\n', 1)[0]!;
  return first === line || (first.length < line.length && first.replaceAll(' ', '') === line.replaceAll(' ', '')) ? fixed : null;
}

/** A column's padding (`repeat(lit(' '), 0, width)`): its fill and width. */
function padOf(rx: Rx | null): { fill: string; width: number } | null {
  if (rx === null || rx.type !== 'repeat' || rx.node.type !== 'lit' || rx.max === null) return null;
  return { fill: rx.node.text, width: rx.max };
}

const hasLetter = (v: string) => /\p{L}/u.test(v) && !v.startsWith('[');
/** What a field's text must look like for a record to count as explained (its padding trimmed; `cut`: by a precision). */
const PLAUSIBLE: Readonly<Record<string, (text: string, cut: boolean) => boolean>> = {
  // An upper-case name (addLevelName's too) or `Level N`; cut by a precision (`.1s`, `-5.5s`), their start.
  levelname: (v, cut) => (cut ? /^[A-Z][A-Z0-9_]*$|^L(?:e(?:v(?:e(?:l(?: -?\d*)?)?)?)?)?$/u : /^[A-Z][A-Z0-9_]+$|^Level -?\d+$/u).test(v),
  // os.path.basename of the path: no separator in it.
  filename: (v) => (/\.pyw?$/u.test(v) && !/[/\\]/u.test(v)) || /^<.*>$|^\(unknown file\)$/u.test(v),
  pathname: (v) => /\.pyw?$|^<.*>$|^\(unknown file\)$/u.test(v),
  module: hasLetter,
  funcName: hasLetter,
  name: (v) => hasLetter(v) && !/\d:\d\d/u.test(v),
  // Named by Thread(name=...) or after a target: never a level's name (`1764590000 INFO hello` is no `%(relativeCreated)d %(threadName)s`).
  threadName: (v) => hasLetter(v) && !isKnownLevel(v),
  // Django's ServerFormatter: '%d/%b/%Y %H:%M:%S' (django/utils/log.py ServerFormatter.format).
  server_time: (v) => /^\d\d\/[A-Z][a-z]{2}\/\d{4} \d\d:\d\d:\d\d$/u.test(v),
  processName: (v) => hasLetter(v) && !isKnownLevel(v),
};

// ---------------------------------------------------------------------------------------------------
// Naming: a field is called what its values show it is; where they do not decide, the name is a guess.

const FUNC = /^(?:<(?:module|lambda|genexpr|listcomp|dictcomp|setcomp)>|[\p{L}_][\p{L}\p{N}_]*)$/u;
const LEVELNO: Readonly<Record<string, number>> = { CRITICAL: 50, FATAL: 50, ERROR: 40, WARNING: 30, WARN: 30, INFO: 20, DEBUG: 10, NOTSET: 0 };

type FieldItem = Extract<Item, { kind: 'field' }>;

/**
 * The numbers of the level names beside them: logging's own levels their own numbers, and each other
 * name (`NOTICE`, `Level 17`) one number on every line.
 */
function levelsNumbered(levels: readonly string[], values: readonly string[]): boolean {
  const numbers = new Map<string, string>();
  // Levels that differ have numbers that differ: one number beside them all is something else (a pid).
  if (new Set(levels).size > 1 && new Set(values).size === 1) return false;
  return values.length === levels.length && values.every((v, k) => {
    const name = levels[k]!;
    if (name in LEVELNO) return LEVELNO[name] === Number(v);
    if (numbers.get(name) !== undefined && numbers.get(name) !== v) return false;
    numbers.set(name, v);
    return /^\d+$/u.test(v);
  });
}

/** Distinct values enough that what they all show is no chance. */
const MANY_VALUES = 8;
/** Many distinct numbers, none less than the one before. */
const growing = (values: readonly string[]) => new Set(values).size >= MANY_VALUES && values.every((v, k) => k === 0 || Number(v) >= Number(values[k - 1]));
const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*$/u;


/**
 * A dotted word whose last part is a function on some lines (`pool.connect`, `main.<module>`): a module
 * and its function (`%(module)s.%(funcName)s`), not a logger name; a logger name and its function where
 * `root` or `__main__` shows, or a dot or a hyphen no module's name has (`app.db.connect`; a script's
 * module is its file's name, never `__main__`).
 */
function splitFunction(item: Item): Item[] {
  if (item.kind !== 'field' || item.shape !== 'word' || item.width !== null || item.repr) return [item];
  const parts = item.values.map((v) => /^(.+)\.(<\w+>|[\p{L}_][\p{L}\p{N}_]*)$/u.exec(v));
  if (parts.some((m) => m === null) || !parts.some((m) => /^<(?:module|lambda)>$/u.test(m![2]!))) return [item];
  const field = (name: string, values: string[]): Item => ({ kind: 'field', shape: 'word', values, width: null, align: null, name });
  const first = parts.map((m) => m![1]!);
  return [field(first.some((v) => v === 'root' || v === '__main__' || !IDENTIFIER.test(v)) ? 'name' : 'module', first), { kind: 'literal', text: '.' }, field('funcName', parts.map((m) => m![2]!))];
}

/**
 * The structure as a format, its fields named: `%`-style, or `{`-style where a column is centred (`%` has
 * no `^`); null when it holds nothing but the message.
 */
function toFormat(structure: readonly Item[]): Formatter | null {
  const items = structure.flatMap(splitFunction);
  const used = new Set<string>();
  const guessed: string[] = [];
  let guessCost = 0;
  const levels = items.find((i): i is FieldItem => i.kind === 'field' && i.shape === 'level')?.values;
  const hasMessage = items.some((i) => i.kind === 'message');
  const parts: Emitted[] = [];
  let datefmt: string | null = null;
  let previous: string | null = null;
  let fields = 0;
  const printed: { key: string; values: readonly string[] }[] = [];
  for (const [k, item] of items.entries()) {
    if (item.kind === 'literal') {
      parts.push(item.text);
      continue;
    }
    if (item.kind === 'message') {
      parts.push({ key: 'message', align: item.align ?? null, zeros: false, width: item.width ?? null, precision: item.precision ?? null, conversion: 's' });
      continue;
    }
    fields++;
    if (item.kind === 'time') {
      datefmt = item.datefmt;
      parts.push(plain('asctime', 's'));
      if (item.msecs !== null) parts.push(item.msecs, { ...plain('msecs', 'd'), zeros: true, width: 3, align: item.zerosAfter ? 'left' : null });
      used.add('asctime');
      previous = 'asctime';
      continue;
    }
    // A field that holds what one before it holds on every line is that field printed again, maybe in
    // another conversion (`%(levelno)08d` then `%(levelno)f`: 00000020, 20.000000).
    const again: { key: string } | undefined = new Set(item.values).size > 1 ? printed.find((p) => p.values.length === item.values.length && p.values.every((v, n) => sameValue(v, item.values[n]!))) : undefined;
    const before = literalText(items[k - 1]);
    const after = literalText(items[k + 1]);
    // `user=bob`: the log names the field (an attribute's name is sure; an extra's is its label, still a guess).
    const labelText = /([\p{L}_][\p{L}\p{N}_]*)=$/u.exec(before)?.[1];
    const label = labelText === undefined ? null : labelled(labelText, item);
    const logger = printed.find((p) => p.key === 'name');
    const module = !used.has('module') && item.shape === 'word' && logger !== undefined && logger.values.length === item.values.length && namesModule(logger.values, item.values);
    const byValues: { name: string; sure: boolean; shaped?: boolean } = again ? { name: again.key, sure: true } : module ? { name: 'module', sure: true } : nameOf(item, used, previous, before, levels);
    const { name, sure, shaped }: { name: string; sure: boolean; shaped?: boolean } = !byValues.sure && label !== null && !used.has(label) ? { name: label, sure: Object.hasOwn(CATALOGUE, label) } : byValues;
    const key: string = again ? again.key : used.has(name) ? `field_${fields}` : name;
    if (!again && (!sure || key !== name)) {
      guessed.push(key);
      // Between punctuation (`[%(lineno)s]`, `| %(lineno)s |`; `::%(lineno)d` at the line's end, or the literal
      // that ends it: `=%(lineno)d6a2`), after its label,
      // or of a shape no word has: as formats print fields.
      const punctuated = /[^\p{L}\p{N}\s]\s*$/u.test(before) && (/^\s*[^\p{L}\p{N}\s]/u.test(after) || k >= items.length - (after === '' ? 1 : 2));
      // A number in a column of its own between another field and the message (`{threadName} {lineno} {message}`):
      // messages seldom all start with one (with words after it, it is a template's: `12 rows loaded`).
      const column = item.shape === 'int' && before === ' ' && after === ' ' && items[k + 2]?.kind === 'message' && (items[k - 2]?.kind === 'field' || items[k - 2]?.kind === 'time');
      // Before a field that is the record's (`%(process)d --- [%(threadName)s]`, `%(module)s %(funcName)s` where
      // `<module>` shows), just after a shaped one, or in a place (`views:717`): no message starts there.
      const besideRecord = items.slice(k + 1).some(isRecordField) || acrossPunctuation(before, items[k - 2]) || isPlace(items, k);
      // A word the messages after it do not go with (`pool hello`, `views hello`, `pool GET /x`): a column of its own, no template's first word.
      const message = items[k + 2];
      const apart = item.shape === 'word' && punctuation(after) && message?.kind === 'message' && independent(item.values, message.values);
      // And a right-aligned column: a message may pad a word on the right (`%-10s`), hardly ever on the left.
      // Nor does it cut its first words to one length (`%(module).3s`).
      // With no message on the line, a field glued to a literal (`%(lineno)dcZ2`) is the format's: a template's words stand between spaces.
      const glued = !hasMessage && !(/(?:^|\s)$/u.test(before) && /^(?:\s|$)/u.test(after));
      guessCost += glued || apart || labelText !== undefined || punctuated || shaped || column || besideRecord || item.align === 'right' || item.precision !== undefined ? FORMAT_GUESS_COST : GUESS_COST;
    }
    used.add(key);
    previous = key;
    const conversion = item.repr ? 'r' : item.shape === 'float' ? floatConversion(key, item.values, item.zeros === true) : item.zeros === true || ['lineno', 'process', 'thread', 'levelno'].includes(key) || CATALOGUE[key]?.type === 'float' ? 'd' : 's';
    printed.push({ key, values: item.values });
    parts.push({ key, align: item.align, zeros: item.zeros === true, width: item.width, precision: item.precision ?? null, conversion });
  }
  if (fields === 0 && parts.length === 1 && percentText(parts[0]!) === '%(message)s') return null;
  // Nor zeros after a value (`{msecs:0<3.0f}`: `%` pads with spaces after).
  const style = parts.some((p) => typeof p !== 'string' && (p.align === 'centre' || (p.zeros && p.align === 'left'))) ? '{' : '%';
  return { format: parts.map(style === '%' ? percentText : braceText).join(''), style, datefmt, guessed, guessCost, known: null };
}

/** A name addLevelName may give (`AUDIT`, `SECURITY`), as the structure reader reads one. */
const ADDED_LEVEL = '[A-Z][A-Z0-9_]{2,}';

/**
 * The format with the levelname regex it needs (`--field levelname=`), where nothing typed comes before
 * the message, so that the level names the catalogue knows tell where a record starts (head.ts), and
 * lines show others (`AUDIT`, on two lines or more, read by the format with any upper-case name there):
 * those names, the log's, and `Level N`. Else the format as it is.
 */
function withAddedLevels(f: Formatter, lines: readonly string[]): Formatter {
  const pattern = buildPattern(f.format, optionsOf(f));
  if (f.fields || !pattern.ok) return f;
  const head = recordHead(pattern.value);
  const level = pattern.value.parts.find((p): p is FieldPart => p.kind === 'field' && p.key === 'levelname');
  if (head.firstTyped >= 0 || head.firstLevel < 0 || level?.precision !== null) return f;
  const loose = buildPattern(f.format, { ...optionsOf(f), fields: { levelname: ADDED_LEVEL } });
  if (!loose.ok) return f;
  const rx = new RegExp(render(loose.value, 'js'), 'u');
  const seen = new Map<string, number>();
  for (const line of lines) {
    const name = rx.exec(line)?.groups?.[level.capture];
    if (name !== undefined && !isKnownLevel(name)) seen.set(name, (seen.get(name) ?? 0) + 1);
  }
  const added = [...seen].filter(([, n]) => n >= 2).map(([name]) => name).sort();
  return added.length === 0 ? f : { ...f, fields: { levelname: [...LEVEL_NAME_LIST, ...added, String.raw`Level -?\d+`].join('|') } };
}

/** A format's part as toFormat writes it: literal text, or a field with its conversion (`s`, `d`, `r`, `f`, `.3f`). */
type Emitted = string | EmittedField;
interface EmittedField { readonly key: string; readonly align: FieldItem['align']; readonly zeros: boolean; readonly width: number | null; readonly precision: number | null; readonly conversion: string }
const plain = (key: string, conversion: string): EmittedField => ({ key, align: null, zeros: false, width: null, precision: null, conversion });

/** `%(lineno)-8d`: a `%`-style column is right-aligned unless `-`. */
function percentText(part: Emitted): string {
  if (typeof part === 'string') return part.replaceAll('%', '%%');
  const flag = part.align === 'left' ? '-' : part.zeros ? '0' : '';
  return `%(${part.key})${flag}${part.width ?? ''}${part.precision === null ? '' : `.${part.precision}`}${part.conversion}`;
}

/**
 * `{levelname:^8}`, the same text as `%` prints: `!r` for `%r`; a float attribute's `%d` as `.0f`
 * (format() has no `d` for a float: it rounds where `%d` truncates, the same on the whole milliseconds
 * Python 3.10+ keeps). Only names and messages are read as cut by a precision, so no number needs `!s`.
 */
function braceText(part: Emitted): string {
  if (typeof part === 'string') return part.replaceAll('{', '{{').replaceAll('}', '}}');
  const type = CATALOGUE[part.key]?.type;
  const convert = part.conversion === 'r' ? '!r' : '';
  const kind = part.conversion === 'd' && type === 'float' ? '.0f' : part.conversion === 'd' || part.conversion.endsWith('f') ? part.conversion : '';
  const align = part.zeros ? (part.align === 'left' ? '0<' : '0') : part.width === null ? '' : { left: '<', right: '>', centre: '^' }[part.align ?? 'right'];
  const spec = `${align}${part.width ?? ''}${part.precision === null ? '' : `.${part.precision}`}${kind}`;
  return `{${part.key}${convert}${spec === '' ? '' : `:${spec}`}}`;
}

/**
 * Words that are the last part of the logger name on their line (`shop.views views`): the module, as
 * getLogger(__name__) names a module's logger. On every line whose name has a dot, half the lines or
 * more, two modules or more (`__main__` is no module's name).
 */
function namesModule(names: readonly string[], words: readonly string[]): boolean {
  const dotted = names.flatMap((n, k) => (n.includes('.') ? [[n.slice(n.lastIndexOf('.') + 1), words[k]!] as const] : []));
  return dotted.length * 2 >= names.length && new Set(dotted.map(([, w]) => w)).size >= 2 && dotted.every(([last, w]) => last === w);
}

/** Messages that show after several words, most that repeat: the words are not their templates' first (`GET` of `GET /x`). */
const APART_SEEN = 5;

/**
 * Words and the messages after them, each message seen after different words: two columns, not one
 * text. Not where every message goes on in lower case (`alice logged in`, `bob timed out`: a template
 * whose first word varies); messages of their own start otherwise too (`GET`, `Connected`, or empty).
 */
function independent(words: readonly string[], messages: readonly string[] | undefined): boolean {
  if (messages === undefined || messages.length !== words.length || messages.every((m) => /^\p{Ll}/u.test(m))) return false;
  const seen = new Map<string, { words: Set<string>; lines: number }>();
  for (const [k, m] of messages.entries()) {
    const s = seen.get(m) ?? { words: new Set<string>(), lines: 0 };
    s.words.add(words[k]!);
    s.lines++;
    seen.set(m, s);
  }
  const repeated = [...seen.values()].filter((s) => s.lines > 1);
  const shared = repeated.filter((s) => s.words.size > 1).length;
  return shared >= APART_SEEN && shared * 2 > repeated.length;
}

/** Text of nothing but spaces and punctuation. */
const punctuation = (text: string) => /^[^\p{L}\p{N}]+$/u.test(text);
/** A shaped field (shapedField) across nothing but spaces and punctuation. */
const acrossPunctuation = (text: string, other: Item | undefined) => punctuation(text) && other?.kind === 'field' && shapedField(other);
/** Two values alike: the same text, or numbers of one value (`00000020`, `20.000000`). */
const sameValue = (a: string, b: string) => a === b || (/^-?\d/u.test(a) && /^-?\d/u.test(b) && Number(a) === Number(b));
const literalText = (item: Item | undefined) => (item?.kind === 'literal' ? item.text : '');

/**
 * The attribute a label names, where the values are what it holds: `pid=` is the process; `thread=`
 * before digits the thread, before a name its threadName; never the message or its parts (null). Any
 * other name is an extra's.
 */
function labelled(label: string, item: FieldItem): string | null {
  const key = label === 'pid' ? 'process' : label;
  if (!Object.hasOwn(CATALOGUE, key)) return key;
  const { type } = CATALOGUE[key]!;
  const number = item.shape === 'int' || item.shape === 'float';
  if (type === 'int') return item.shape === 'int' ? key : !number && Object.hasOwn(CATALOGUE, `${key}Name`) ? `${key}Name` : null;
  if (type === 'float') return number ? key : null;
  return type === 'str' && !['msg', 'args', 'exc_info', 'exc_text', 'stack_info'].includes(key) ? key : null;
}

/**
 * `%f` prints six decimals, `%.3f` three; a float's repr (`%s`) as many as it needs: msecs's `165.0`,
 * a time's repr mostly a dozen, some fewer, so many distinct times with one count of decimals are cut by a precision.
 */
function floatConversion(key: string, values: readonly string[], zeros: boolean): string {
  const decimals = new Set(values.map((v) => v.split('.')[1]?.length ?? 0));
  // Zeros pad a float only where `f` prints it (`%(msecs)012.1f`): `s` would pad with spaces.
  if (zeros) return `.${[...decimals][0]}f`;
  if ((key === 'msecs' && decimals.size === 1 && decimals.has(1)) || (key === 'relativeCreated' && new Set(values).size < MANY_VALUES) || decimals.size !== 1) return 's';
  return decimals.has(6) ? 'f' : `.${[...decimals][0]}f`;
}

/** A field's name from its values; `shaped`: a guess, but from a shape no message word has (32 hex digits, an address). */
function nameOf(item: FieldItem, used: ReadonlySet<string>, previous: string | null, before: string, levels: readonly string[] | undefined): { name: string; sure: boolean; shaped?: boolean } {
  // A zero-padded number is named by its value (`%(msecs)012.1f`: 0000000165.0).
  const values = item.zeros === true ? item.values.map((v) => v.replace(/^0+(?=\d)/u, '')) : item.values;
  if (item.name !== undefined) return { name: item.name, sure: true };
  switch (item.shape) {
    case 'level':
      return { name: 'levelname', sure: true };
    case 'thread':
      return { name: 'threadName', sure: true };
    case 'process':
      return { name: 'processName', sure: true };
    case 'float':
      if (values.every((v) => /^\d{10}\./u.test(v))) return { name: 'created', sure: true };
      // A thread id is whole: `%(thread)f` prints 140225670306688.000000.
      if (values.every((v) => /^\d{12,}\.0+$/u.test(v))) return { name: 'thread', sure: true };
      // A level number printed as a float (`%(levelno)f`: 20.000000).
      if (values.every((v) => /^\d+\.0+$/u.test(v)) && !used.has('levelno')) {
        const whole = values.map((v) => v.slice(0, v.indexOf('.')));
        if (levels ? levelsNumbered(levels, whole) : looksLikeLevelnos(whole)) return { name: 'levelno', sure: levels !== undefined };
      }
      // 3.10+ keeps msecs integral: its repr is `165.0` (`165.000` by `%.3f`); many such values are msecs.
      if (values.every((v) => /^\d{1,3}\.0+$/u.test(v)) && !looksLikeLevelnos(values.map((v) => v.slice(0, v.indexOf('.'))))) return { name: 'msecs', sure: new Set(values).size >= MANY_VALUES };
      // Milliseconds since logging started only grow, line after line.
      return { name: 'relativeCreated', sure: growing(values) };
    case 'int': {
      if (levels && levelsNumbered(levels, values)) return { name: 'levelno', sure: true };
      if (values.every((v) => v.length >= 12)) return { name: 'thread', sure: true };
      // Three digits after a time and a point: its milliseconds (`%(asctime)s.%(msecs)03d`, after a datefmt's own
      // `,mmm` too); up to three where some have fewer (`%(asctime)s,%(msecs)d`).
      if (previous === 'asctime' && (before === '.' || before === ',') && values.every((v) => /^\d{1,3}$/u.test(v))) return { name: 'msecs', sure: true };
      // A number the log calls a line (`[%(filename)s: line %(lineno)d]`).
      if (/\bline:? ?$/iu.test(before)) return { name: 'lineno', sure: true };
      // After a file, its line; after a name, one that varies (one number on every line is the pid: `%(name)s:%(process)d:%(lineno)d`).
      if (before.endsWith(':') && (['filename', 'pathname'].includes(previous ?? '') || /\.py:$/u.test(before) || (['module', 'funcName', 'name'].includes(previous ?? '') && new Set(values).size > 1))) return { name: 'lineno', sure: true };
      // One process run prints one pid on every line.
      if (new Set(values).size === 1 && !used.has('process')) return { name: 'process', sure: /pid|\[$|\($/iu.test(before) };
      if (!used.has('levelno') && looksLikeLevelnos(values)) return { name: 'levelno', sure: false };
      // Milliseconds since logging started only grow, line after line, in a column or past any file's length
      // (`%(relativeCreated)6d`); a script's line numbers may grow too, but stay small. (Ten growing digits are timeAt's `%s`.)
      if (growing(values) && (item.align === 'right' || values.some((v) => v.length > 5))) return { name: 'relativeCreated', sure: false };
      return { name: used.has('lineno') ? 'relativeCreated' : 'lineno', sure: false };
    }
    case 'word': {
      if (values.every((v) => PROCESS_NAME.test(v))) return { name: 'processName', sure: true };
      if (values.every((v) => /\.pyw?$|^<.*>$/u.test(v))) return { name: values.some((v) => v.includes('/') || v.includes('\\')) ? 'pathname' : 'filename', sure: true };
      if (values.every((v) => FUNC.test(v)) && values.some((v) => /^<(?:module|lambda|genexpr|listcomp)>$/u.test(v))) return { name: 'funcName', sure: true };
      if (values.every((v) => /^[0-9a-f]{32}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu.test(v))) return { name: 'request_id', sure: false, shaped: true };
      if (values.every((v) => /^\d{1,3}(?:\.\d{1,3}){3}$/u.test(v))) return { name: 'ip', sure: false, shaped: true };
      // Logger names show a dot, `root` or `__main__` somewhere; plain identifiers without are modules
      // (beside a logger name too: `%(name)s - %(module)15s`).
      const modules = new Set(values).size > 1 && values.every((v) => IDENTIFIER.test(v)) && !values.some((v) => v === 'root' || v === '__main__');
      if (!used.has('module') && modules) return { name: 'module', sure: false };
      // A logger name holds no '/'; any other word is an extra= field, named by where it is.
      if (used.has('name') || values.some((v) => v.includes('/'))) return { name: `field_${used.size + 1}`, sure: false };
      return { name: 'name', sure: values.some((v) => v === 'root' || v === '__main__' || v.includes('.')) };
    }
  }
}

// ---------------------------------------------------------------------------------------------------

/** What the lines share from their start, for when no format explains them: `lines start with an ISO time, then a level; the rest varies`. */
export function describe(lines: readonly string[]): string {
  if (lines.length === 0) return 'no lines to read';
  // A format prints at least one field (Formatter.validate): with nothing that varies, none can be told from text.
  if (lines.length > 1 && lines.every((l) => l === lines[0])) return 'every line is the same text: nothing varies to tell a field from a literal';
  const { items } = readStructure(lines.slice(0, SAMPLE));
  const said: string[] = [];
  for (const item of items) {
    if (item.kind === 'message') break;
    if (item.kind === 'time') said.push(item.datefmt === null || item.datefmt.startsWith('%Y-%m-%d') ? 'an ISO time' : `a time (${item.datefmt})`);
    else if (item.kind === 'field') said.push({ level: 'a level', thread: 'a thread name', process: 'a process name', int: 'a number', float: 'a number', word: 'a word' }[item.shape]);
  }
  if (said.length === 0) return 'the lines share no structure from their start';
  return `lines start with ${said.join(', then ')}; the rest varies`;
}
