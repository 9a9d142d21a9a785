/**
 * The differential assertion, shared by the fixture corpus and the live CPython runs: the regex we
 * derive from a format must match every line CPython rendered for it in full, and every named group
 * must hold exactly the text Python put there (without its width padding).
 */
import { expect } from 'vitest';
import { buildPattern, groupNames, render, type FieldPart, type Flavor } from '../../src/core/index.js';
import type { CorpusCase, CorpusLine } from './corpus.js';

/**
 * Lines whose text does not determine their fields, so no regex can recover them (README, "Limits").
 * They must still match in full; only their captures are exempt. Each entry names its cases.
 */
export const AMBIGUOUS: { why: string; ids: string[]; flavors?: Flavor[]; line: (l: CorpusLine) => boolean }[] = [
  {
    why: 'a message that starts with spaces after a padded column: its spaces read as padding',
    ids: ['pytest-log-format-legacy', 'python-cookbook-brace', 'python-cookbook-multi-dest', 'python-cookbook-multi-dest-console', 'edge-thread-cut-before-space', 'uvicorn-default', 'python-docs-extra'],
    line: (l) => /^ /u.test(l.fields.message ?? ''),
  },
  {
    why: 'a thread name with spaces, then a space and the message',
    ids: ['python-cookbook-relative-created'],
    line: (l) => / /u.test(l.fields.threadName ?? '') && !/^\S+ \(.*\)$/u.test(l.fields.threadName!),
  },
  {
    why: 'a message that starts with a colour code, right after a colour field',
    ids: ['colorlog-readme'],
    line: (l) => (l.fields.message ?? '').startsWith('\x1b'),
  },
  {
    why: 'a message ending in a colour code before a repeated colour field, where no backreference says which code it printed',
    ids: ['airflow-colored-log-format'],
    flavors: ['re2', 'go'],
    line: (l) => /\x1b\[[0-9;]*m$/u.test(l.fields.message ?? ''),
  },
  {
    why: 'a message that starts with a colour code, after a repeated colour field, where no backreference says which code it printed',
    ids: ['keystone-test-oauth2'],
    flavors: ['re2', 'go', 'rust'],
    line: (l) => (l.fields.message ?? '').startsWith('\x1b'),
  },
  {
    why: 'colour off, and a message ending in a colour code before the (empty) reset field: read as the reset',
    ids: ['home-assistant-colorlog-off'],
    line: (l) => /\x1b\[[0-9;]*m$/u.test(l.fields.message ?? ''),
  },
  {
    why: "a logger name with a space, before a space and a field that cannot end it (buildPattern warns)",
    ids: ['ansible-log-path', 'edge-percent-literal', 'edge-relative-created', 'python-cookbook-brace', 'python-cookbook-dollar', 'python-cookbook-multi-dest', 'stackoverflow-basicconfig-file'],
    line: (l) => / /u.test(l.fields.name ?? ''),
  },
  {
    why: 'a name cut by a precision just after a space (`custom name ` of `%(threadName)-12.12s`): no text tells that space from padding',
    ids: ['edge-thread-cut-column', 'edge-thread-cut-before-space'],
    line: (l) => / $/u.test(l.fields.threadName ?? ''),
  },
  {
    why: 'an empty extra padded with spaces, between space-separated fields',
    ids: ['python-docs-extra'],
    line: (l) => l.fields.user === '',
  },
];

export const ambiguity = (id: string, line: CorpusLine, flavor: Flavor = 'js') =>
  AMBIGUOUS.find((a) => a.ids.includes(id) && (a.flavors?.includes(flavor) ?? true) && a.line(line));

export function expectCaseParses(c: CorpusCase): void {
  const pattern = buildPattern(c.fmt, { style: c.style, datefmt: c.datefmt });
  if (!pattern.ok) throw new Error(pattern.error.message);
  const regex = new RegExp(render(pattern.value, 'js'));
  const names = groupNames(pattern.value, 'js');
  const captureOf = new Map(
    pattern.value.parts.filter((p): p is FieldPart => p.kind === 'field').map((p) => [p.key, names.get(p.capture)!]),
  );
  for (const line of c.lines) {
    const m = regex.exec(line.text);
    expect(m, `Python ${c.python}: no match for ${JSON.stringify(line.text)}\n${regex.source}`).not.toBeNull();
    if (ambiguity(c.id, line)) continue;
    const got = Object.fromEntries(Object.keys(line.fields).map((k) => [k, m!.groups![captureOf.get(k)!]]));
    expect(got, `Python ${c.python}: ${JSON.stringify(line.text)}`).toEqual(line.fields);
  }
}
