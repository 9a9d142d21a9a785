/**
 * Each flavor compiled and run by its own engine (test/support/engines.ts): every corpus line must match
 * in full and every field's capture must hold exactly the text Python put there, as differential.test.ts
 * asserts for the js flavor in V8. A missing engine skips its flavor, or fails under PYLOGRX_REQUIRE_ENGINES=1
 * (support/harness.ts).
 */
import { afterAll, expect, it } from 'vitest';
import { buildPattern, FLAVORS, groupNames, render, type FieldPart, type Flavor } from '../src/core/index.js';
import { loadCorpus, type CorpusCase } from './support/corpus.js';
import { ambiguity } from './support/differential.js';
import { describeHarness, toolProbe } from './support/harness.js';
import { cleanupEngines, EngineError, ENGINES, type Row } from './support/engines.js';

const corpus = loadCorpus();
afterAll(cleanupEngines);

const UNDER_TEST = ['pcre', 'python', 're2', 'go', 'java', 'logtail', 'onigmo'] as const satisfies readonly Exclude<Flavor, 'js' | 'rust'>[];
type EngineFlavor = (typeof UNDER_TEST)[number];

interface Rendered {
  readonly regex: string;
  /** Number of capturing groups: one per field with sameAs === null, in parts order. */
  readonly groups: number;
  /** Attribute → 0-based group index (a repeated field maps to its first occurrence's group). */
  readonly groupOf: ReadonlyMap<string, number>;
  /** Group names in group order, for messages. */
  readonly names: readonly string[];
}

function prepare(c: CorpusCase, flavor: EngineFlavor): Rendered {
  const pattern = buildPattern(c.fmt, { style: c.style, datefmt: c.datefmt });
  if (!pattern.ok) throw new Error(pattern.error.message);
  const fields = pattern.value.parts.filter((p): p is FieldPart => p.kind === 'field');
  const captures = fields.filter((p) => p.sameAs === null).map((p) => p.capture);
  const names = groupNames(pattern.value, flavor);
  return {
    regex: render(pattern.value, flavor),
    groups: captures.length,
    groupOf: new Map(fields.map((p) => [p.key, captures.indexOf(p.capture)])),
    names: captures.map((capture) => names.get(capture)!),
  };
}

type Outcome = { readonly rendered: Rendered; readonly rows: Row[] } | { readonly rendered: Rendered; readonly error: Error };

/** One engine process per (flavor, case), shared by the compile test and the case's own test. */
const outcomes = new Map<string, Outcome>();
function outcome(flavor: EngineFlavor, c: CorpusCase): Outcome {
  const key = `${flavor}\0${c.id}`;
  let o = outcomes.get(key);
  if (!o) {
    const rendered = prepare(c, flavor);
    try {
      o = { rendered, rows: ENGINES[flavor].run(rendered.regex, c.lines.map((l) => l.text)) };
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      o = { rendered, error };
    }
    outcomes.set(key, o);
  }
  return o;
}

const clip = (s: string) => JSON.stringify(s.length > 160 ? `${s.slice(0, 160)}…` : s);

/** Every line that fails, described; empty when the case parses field by field. */
function failures(c: CorpusCase, flavor: EngineFlavor, rendered: Rendered, rows: Row[]): string[] {
  const out: string[] = [];
  c.lines.forEach((line, i) => {
    const row = rows[i]!;
    if (row === null) return void out.push(`no match for ${clip(line.text)}`);
    if (row.length !== rendered.groups) return void out.push(`${row.length} groups, expected ${rendered.groups} (${rendered.names.join(', ')})`);
    if (ambiguity(c.id, line, flavor)) return;
    for (const [key, want] of Object.entries(line.fields)) {
      const got = row[rendered.groupOf.get(key)!];
      if (got !== want) out.push(`${clip(line.text)}: ${key} = ${got === null || got === undefined ? String(got) : clip(got)}, Python wrote ${clip(want)}`);
    }
  });
  return out;
}

for (const flavor of UNDER_TEST) {
  const engine = ENGINES[flavor];
  describeHarness(`${flavor} flavor in ${engine.name}`, toolProbe(engine.name, engine.available, engine.packages), () => {
    it('compiles for every corpus case', () => {
      const errors = corpus.flatMap((c) => {
        const o = outcome(flavor, c);
        return 'error' in o && o.error instanceof EngineError && o.error.phase === 'compile' ? [`${c.id}: ${o.error.message}`] : [];
      });
      expect(errors).toEqual([]);
    });

    it('numbers its groups in parts order', () => {
      // Positional flavors (logtail) open every group alike; the named ones must open them in the order counted.
      if (FLAVORS[flavor].group('a') === FLAVORS[flavor].group('b')) return;
      for (const c of corpus) {
        const { regex, names } = prepare(c, flavor);
        const at = names.map((n) => regex.indexOf(FLAVORS[flavor].group(n)));
        expect(at.every((p, i) => p >= 0 && (i === 0 || p > at[i - 1]!)), `${c.id}: ${regex}`).toBe(true);
      }
    });

    for (const c of corpus) {
      it(`${c.id}: ${c.fmt}`, () => {
        const o = outcome(flavor, c);
        if ('error' in o) throw o.error;
        const found = failures(c, flavor, o.rendered, o.rows);
        const shown = found.slice(0, 5).join('\n') + (found.length > 5 ? `\n… and ${found.length - 5} more` : '');
        expect(found.length, `${engine.name}, ${flavor} flavor, case ${c.id}: ${found.length} of ${c.lines.length} lines fail\nregex: ${o.rendered.regex}\n${shown}`).toBe(0);
      });
    }
  });
}
