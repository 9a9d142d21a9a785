/**
 * Properties, with fast-check: whatever the input, the core returns a value and never throws; whatever
 * the line, matching ends; whatever the lines, infer's candidates are formats that match what they claim; and for formats generated from Python's grammar, CPython and pylogrx agree on
 * which formats are valid, and every line CPython formats matches the regex in full.
 */
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPattern, FLAVOR_NAMES, inferFormat, RecordChecker, render, STYLES, valueReaders } from '../src/core/index.js';
import { generated } from './support/formats.js';
import { pythons, runPython } from './support/python.js';

describe('never throws, never hangs', () => {
  it('returns a value for any input, and every flavor renders', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.constantFrom(...STYLES), fc.option(fc.string({ maxLength: 12 })), (fmt, style, datefmt) => {
        const pattern = buildPattern(fmt, { style, datefmt });
        if (!pattern.ok) {
          expect(pattern.error.column).toBeGreaterThanOrEqual(0);
          expect(pattern.error.column).toBeLessThanOrEqual(pattern.error.source.length);
          return;
        }
        for (const flavor of FLAVOR_NAMES) render(pattern.value, flavor, { mode: 'record' });
        new RegExp(render(pattern.value, 'js'));
        valueReaders(pattern.value);
      }),
      { numRuns: 3000 },
    );
  });

  it('ends every match of a generated format against near-miss lines', () => {
    fc.assert(
      fc.property(generated, fc.string({ unit: fc.constantFrom(...' -:|[]()0123456789aZ.\t'.split('')), maxLength: 300 }), (g, line) => {
        const pattern = buildPattern(g.fmt, g);
        if (!pattern.ok) return;
        const regex = new RegExp(render(pattern.value, 'js'));
        regex.exec(line);
        regex.exec(line.repeat(20));
      }),
      { numRuns: 1000 },
    );
  });

  it('infers from any lines: each candidate is a valid format that matches every record it claims, and no line is both claimed and unexplained', () => {
    const unit = fc.constantFrom(...' -:|[]()0123456789aZ.\t,=/%{}$"\'é✓'.split(''));
    // Lines from one template (literals, then values), with lines of any text among them.
    const templated = fc.tuple(fc.array(fc.string({ unit, maxLength: 6 }), { minLength: 1, maxLength: 6 }), fc.array(fc.array(fc.string({ unit, maxLength: 10 }), { minLength: 6, maxLength: 6 }), { minLength: 1, maxLength: 60 }), fc.array(fc.string({ unit, maxLength: 30 }), { maxLength: 10 }))
      .map(([literals, rows, noise]) => [...rows.map((values) => literals.map((l, i) => l + values[i]).join('')), ...noise]);
    fc.assert(
      fc.property(templated, (lines) => {
        const inference = inferFormat(lines);
        for (const c of inference.candidates) {
          // With the field regexes the candidate says it needs beside it (`--field levelname=…Z87…`).
          const pattern = buildPattern(c.format, { style: c.style, datefmt: c.datefmt, formatTime: c.formatTime, ...(c.fields ? { fields: c.fields } : {}) });
          expect(pattern.ok, c.format).toBe(true);
          if (!pattern.ok) return;
          expect(c.lines).toHaveLength(c.matched);
          for (const n of c.lines) {
            const checker = new RecordChecker(pattern.value);
            checker.push(lines[n - 1]!);
            expect(checker.end()?.matched, `line ${n} under ${c.format}`).toBe(true);
            expect(inference.unexplained).not.toContain(n);
          }
        }
      }),
      // A level only the log names (`Z87`, given as the candidate's `fields`), found by this property once.
      { numRuns: 300, examples: [[['Z87 ', 'Z87 ']]] },
    );
  });
});

const python = pythons().at(-1);

describe.skipIf(python === undefined)('generated formats agree with CPython', () => {
  it('on validity, and every formatted line matches in full', () => {
    const cases = fc.sample(generated, { numRuns: 1500, seed: 20261124 });
    const results = JSON.parse(runPython(python!, [join(import.meta.dirname, 'support', 'render_formats.py')], JSON.stringify(cases))) as
      { valid: boolean; error?: string; formatted?: boolean; lines?: string[] }[];
    let matchedLines = 0;
    for (const [i, c] of cases.entries()) {
      const r = results[i]!;
      const pattern = buildPattern(c.fmt, c);
      const label = `${JSON.stringify(c)} (Python ${python!.version})`;
      if (!r.valid) {
        expect(pattern.ok, `${label}: Python rejects it (${r.error}), pylogrx accepts it`).toBe(false);
        continue;
      }
      if (!r.formatted) continue; // Python raises on every record (a %d of a name): pylogrx may say so.
      expect(pattern.ok, `${label}: Python formats it, pylogrx says ${pattern.ok ? '' : pattern.error.message}`).toBe(true);
      if (!pattern.ok) continue;
      const regex = new RegExp(render(pattern.value, 'js'), 'u');
      const readers = valueReaders(pattern.value);
      for (const line of r.lines!) {
        const m = regex.exec(line);
        expect(m !== null, `${label}\n${JSON.stringify(line)}\n${regex.source}`).toBe(true);
        matchedLines++;
        // --typed reads every field it can type, and a number it reads is one JSON holds.
        for (const [name, text] of Object.entries(m?.groups ?? {})) {
          const typed = text === undefined ? undefined : readers.get(name)?.(text);
          if (typeof typed === 'number') expect(Number.isFinite(typed), `${label}: ${name} ${text}`).toBe(true);
        }
      }
    }
    expect(matchedLines).toBeGreaterThan(500);
  });
});
