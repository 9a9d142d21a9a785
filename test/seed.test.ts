/**
 * The page this project started from (Alibaba Log Service, "Python logs") recommends two regexes. On the
 * lines CPython prints for its two formats, they parse few lines even with their '(. *)' typo fixed; ours
 * parse every line, field by field. Parsed means: a full match (Logtail's regex_match) whose groups hold
 * the text Python wrote.
 */
import { describe, expect, it } from 'vitest';
import { buildPattern, groupNames, render, type FieldPart } from '../src/core/index.js';
import { loadCorpus, type CorpusCase } from './support/corpus.js';

const VENDOR = {
  'seed-simple': {
    regex: String.raw`(\d+-\d+-\d+\s\S+)\s+-\s+([^:]+):(\d+)\s+-\s+(\w+)\s+-\s+(. *)`,
    keys: ['asctime', 'filename', 'lineno', 'name', 'message'],
  },
  'seed-full': {
    regex: String.raw`(\d+-\d+-\d+\s\S+)\s-\s([^:]+):(\d+)\s+-\s+(\d+)\s+(\w+)\s+(\S+)\s+(\w+)\s+(\S+)\s+(\S+)\s+(\d+)\s+(\w+)\s+(\d+)\s+(\w+)\s+-\s+(. *)`,
    keys: ['asctime', 'filename', 'lineno', 'levelno', 'levelname', 'pathname', 'module', 'funcName', 'created', 'thread', 'threadName', 'process', 'name', 'message'],
  },
} as const;

const corpus = new Map(loadCorpus().map((c) => [c.id, c]));

function parsedShare(c: CorpusCase, regex: RegExp, keyOfGroup: (key: string, m: RegExpExecArray) => string | undefined): number {
  const parsed = c.lines.filter((line) => {
    const m = regex.exec(line.text);
    return m !== null && Object.entries(line.fields).every(([k, v]) => keyOfGroup(k, m) === v);
  });
  return parsed.length / c.lines.length;
}

describe("the seed page's regexes, against ours", () => {
  for (const [id, vendor] of Object.entries(VENDOR)) {
    it(id, () => {
      const c = corpus.get(id)!;
      const positional = (source: string) => {
        const regex = new RegExp(`^(?:${source})$`);
        return parsedShare(c, regex, (k, m) => m[vendor.keys.indexOf(k as never) + 1]);
      };
      const pattern = buildPattern(c.fmt, { style: c.style, datefmt: c.datefmt });
      if (!pattern.ok) throw new Error(pattern.error.message);
      const names = groupNames(pattern.value, 'js');
      const capture = new Map(pattern.value.parts.filter((p): p is FieldPart => p.kind === 'field').map((p) => [p.key, names.get(p.capture)!]));
      const ours = parsedShare(c, new RegExp(render(pattern.value, 'js')), (k, m) => m.groups![capture.get(k)!]);
      const asWritten = positional(vendor.regex);
      const typoFixed = positional(vendor.regex.replace('(. *)', '(.*)'));
      console.log(`${id}: vendor as written ${(asWritten * 100).toFixed(0)}%, typo fixed ${(typoFixed * 100).toFixed(0)}%, pylogrx ${(ours * 100).toFixed(0)}% of ${c.lines.length} lines`);
      expect(asWritten).toBe(0);
      expect(typoFixed).toBeLessThan(0.5);
      expect(ours).toBe(1);
    });
  }
});
