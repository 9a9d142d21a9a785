/**
 * Where each field of a checked record lies in its text, for showing it (`show`, the playground): the
 * record's regex run again with indices. `check` itself never asks for indices (they cost time on every
 * line), so this runs only on the records that are shown. Pure: values in, values out.
 */
import type { CheckedRecord } from './check.js';
import type { Pattern } from './pattern.js';
import type { KeyedSyntax } from './keyvalue.js';
import { render } from './render.js';

/** A field's text in the record: `text.slice(start, end)`, in UTF-16 units of the record's text. */
export interface FieldSpan {
  /** The regex group's name (fieldLabels maps it to the name `check --json` gives the field). */
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

interface Compiled {
  readonly record: RegExp;
  readonly prefixes: readonly RegExp[];
}

const compiled = new WeakMap<Pattern, Compiled>();

function regexes(pattern: Pattern): Compiled {
  let found = compiled.get(pattern);
  if (found === undefined) {
    found = {
      record: new RegExp(render(pattern, 'js', { mode: 'record' }), 'du'),
      prefixes: pattern.parts.map((_, k) => new RegExp(render(pattern, 'js', { prefix: k + 1 }), 'du')),
    };
    compiled.set(pattern, found);
  }
  return found;
}

/**
 * The spans of a record's fields, in text order. `text` is the record's lines joined by `\n`, as `check`
 * read them. A matched record: every field that took part. A failed record: the fields that matched
 * before the failure (as `check` reports them), less the one blamed. A line of another shape: none.
 */
export function fieldSpans(pattern: Pattern, record: CheckedRecord, text: string): FieldSpan[] {
  if (record.kind === 'foreign') return [];
  if (pattern.keyed) return keyedSpans(pattern.keyed.syntax, record.fields ?? {}, text);
  const { record: whole, prefixes } = regexes(pattern);
  if (record.matched) return spansOf(whole.exec(text), null);
  const first = text.split('\n', 1)[0]!;
  let last: RegExpExecArray | null = null;
  for (const prefix of prefixes) {
    const m = prefix.exec(first);
    if (m === null) break;
    last = m;
  }
  return spansOf(last, record.error?.field ?? null);
}

function spansOf(m: RegExpExecArray | null, drop: string | null): FieldSpan[] {
  const spans: FieldSpan[] = [];
  for (const [name, at] of Object.entries(m?.indices?.groups ?? {})) {
    if (at !== undefined && name !== drop) spans.push({ name, start: at[0], end: at[1] });
  }
  return spans.sort((a, b) => a.start - b.start);
}

/**
 * logfmt (and ConsoleRenderer's keys): each field's value where its key writes it, found in key order
 * from the start of the line.
 * JSON: each key's value by its path (`record.level.name` inside an object), wherever the line puts it.
 * A JSON string's span is its text inside the quotes, as written (escapes and all).
 */
function keyedSpans(syntax: KeyedSyntax, fields: Readonly<Record<string, string | undefined>>, text: string): FieldSpan[] {
  const spans: FieldSpan[] = [];
  const json = syntax === 'json' ? jsonValues(text) : null;
  let from = 0;
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    // ConsoleRenderer's time, level, event and logger are written without a key: found where they are next.
    const span = json ? json.get(name) ?? null : logfmtValue(text, name, value, from) ?? (syntax === 'console' ? textAt(text, value, from) : null);
    if (span === null) continue;
    spans.push({ name, ...span });
    from = span.end;
  }
  return spans.sort((a, b) => a.start - b.start);
}

function textAt(text: string, value: string, from: number): { start: number; end: number } | null {
  const at = text.indexOf(value, from);
  return at < 0 ? null : { start: at, end: at + value.length };
}

function logfmtValue(text: string, key: string, value: string, from: number): { start: number; end: number } | null {
  for (let at = text.indexOf(key, from); at >= 0; at = text.indexOf(key, at + 1)) {
    if (at > 0 && text[at - 1] !== ' ') continue;
    const after = at + key.length;
    // A True flag is the bare key (LogfmtRenderer's bool_as_flag): its span is the key.
    if (text[after] !== '=') {
      if (value === 'true' && (after === text.length || text[after] === ' ')) return { start: at, end: after };
      continue;
    }
    if (text.startsWith(value, after + 1)) return { start: after + 1, end: after + 1 + value.length };
  }
  return null;
}

/** Every key of a JSON line by its path (`a`, `a.b`), with its value's span: a string's inside its quotes. */
function jsonValues(text: string): Map<string, { start: number; end: number }> {
  const spans = new Map<string, { start: number; end: number }>();
  const space = (i: number) => {
    while (/\s/u.test(text[i] ?? '')) i++;
    return i;
  };
  const stringEnd = (i: number) => {
    for (let j = i + 1; j < text.length; j++) {
      if (text[j] === '\\') j++;
      else if (text[j] === '"') return j + 1;
    }
    return text.length;
  };
  // The value at i, its keys recorded under `path.`; returns where it ends.
  const value = (i: number, path: string): number => {
    if (text[i] === '"') return stringEnd(i);
    if (text[i] === '{' || text[i] === '[') {
      const object = text[i] === '{';
      i = space(i + 1);
      while (i < text.length && text[i] !== '}' && text[i] !== ']') {
        let key = '';
        if (object) {
          const keyEnd = stringEnd(i);
          key = JSON.parse(text.slice(i, keyEnd)) as string;
          i = space(space(keyEnd) + 1);
        }
        const start = i;
        const end = value(i, object ? `${path}${key}.` : '');
        if (object) spans.set(`${path}${key}`, text[start] === '"' ? { start: start + 1, end: end - 1 } : { start, end });
        i = space(end);
        if (text[i] === ',') i = space(i + 1);
      }
      return i + 1;
    }
    let j = i;
    while (j < text.length && !/[\s,}\]]/u.test(text[j]!)) j++;
    return j;
  };
  try {
    value(space(0), '');
  } catch {
    // Not JSON after all (check said it was): no spans rather than wrong ones.
    spans.clear();
  }
  return spans;
}
