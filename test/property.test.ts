/**
 * Properties, with fast-check: whatever the input, the core returns a value and never throws; whatever
 * the line, matching ends; and for formats generated from Python's grammar, CPython and pylogrx agree on
 * which formats are valid, and every line CPython formats matches the regex in full.
 */
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPattern, FLAVOR_NAMES, render, STYLES, valueReaders, type Style } from '../src/core/index.js';
import { pythons, runPython } from './support/python.js';

const KEYS = ['asctime', 'name', 'levelname', 'levelno', 'message', 'lineno', 'funcName', 'filename', 'module', 'pathname',
  'threadName', 'thread', 'process', 'processName', 'created', 'msecs', 'relativeCreated', 'request_id', 'user'];
/**
 * Literal text. Free text stops at the character that follows it (README, "Limits"), so the literals
 * avoid the characters the sample values hold ('.', '-', '/' in names and paths, the '(' and '<' that
 * open '(unknown function)' and '<module>', and the '>' that closes it).
 */
const LITERAL = fc.string({ unit: fc.constantFrom(...' :|,[]){}@=\tabcXYZé✓0123456789'.split('')), maxLength: 4 });

/** One %-style placeholder from the grammar CPython accepts (some type-invalid on purpose). */
const percentField = fc
  .tuple(fc.constantFrom(...KEYS), fc.constantFrom('', '-', '0', '#', '+', ' '), fc.constantFrom('', '4', '8', '12'),
    fc.constantFrom('', '.1', '.3'), fc.constantFrom(...'sssssdrfxgaen'.split('')))
  .map(([key, flag, width, precision, conversion]) => `%(${key})${flag}${width}${precision}${conversion}`);

/** One {}-style placeholder. */
const braceField = fc
  .tuple(fc.constantFrom(...KEYS), fc.constantFrom('', '!r', '!s'), fc.constantFrom('', '<', '>', '^', '*^', '=', '_<'),
    fc.constantFrom('', '+', '#', '0'), fc.constantFrom('', '5', '10'), fc.constantFrom('', ',', '.2'), fc.constantFrom('', 's', 'd', 'f', 'x'))
  .map(([key, conv, align, sign, width, extra, type]) => {
    const spec = `${align}${sign}${width}${extra}${type}`;
    return `{${key}${conv}${spec ? `:${spec}` : ''}}`;
  });

const dollarField = fc.tuple(fc.constantFrom(...KEYS), fc.boolean()).map(([key, braced]) => (braced ? `\${${key}}` : `$${key}`));

const formatOf = (field: fc.Arbitrary<string>) =>
  fc.array(fc.tuple(LITERAL, field), { minLength: 1, maxLength: 5 }).chain((pairs) =>
    LITERAL.map((tail) => pairs.map(([l, f]) => l + f).join('') + tail));

const DATEFMTS = [null, '%Y-%m-%d %H:%M:%S', '%d/%b/%Y:%H:%M:%S %z', '%c', '%x %X', '%H:%M:%S.%f', '%s', '%e %k %l %p %j', '%a %A %B %y %%'];

interface Generated {
  fmt: string;
  style: Style;
  datefmt: string | null;
}

const generated: fc.Arbitrary<Generated> = fc.oneof(
  fc.record({ fmt: formatOf(percentField), style: fc.constant<Style>('%'), datefmt: fc.constantFrom(...DATEFMTS) }),
  fc.record({ fmt: formatOf(braceField), style: fc.constant<Style>('{'), datefmt: fc.constantFrom(...DATEFMTS) }),
  fc.record({ fmt: formatOf(dollarField), style: fc.constant<Style>('$'), datefmt: fc.constantFrom(...DATEFMTS) }),
);

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
