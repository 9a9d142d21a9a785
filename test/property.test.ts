/**
 * Properties, with fast-check: whatever the input, the core returns a value and never throws; whatever
 * the line, matching ends; and for formats generated from Python's grammar, CPython and pylogrx agree on
 * which formats are valid, and every line CPython formats matches the regex in full.
 */
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPattern, FLAVOR_NAMES, render, STYLES, valueReaders } from '../src/core/index.js';
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
