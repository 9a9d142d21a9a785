import { describe, expect, it } from 'vitest';
import { buildPattern, tokenize, type Style } from '../src/core/index.js';

/** [style, format, placeholders as written] */
const VALID: [Style, string, string[]][] = [
  ['%', '%(asctime)s - %(name)s - %(message)s', ['%(asctime)s', '%(name)s', '%(message)s']],
  ['%', '100%% %(message)s', ['%(message)s']],
  ['%', '%(levelname)-8s|%(lineno)4d|%(levelno)#010x|%(created).3f', ['%(levelname)-8s', '%(lineno)4d', '%(levelno)#010x', '%(created).3f']],
  ['%', '%(lineno)ld %(message)  s %(a(b)c)s', ['%(lineno)ld', '%(message)  s', '%(a(b)c)s']],
  ['{', '{levelname:<8} {name:^20} {{literal}} {message!r}', ['{levelname:<8}', '{name:^20}', '{message!r}']],
  ['{', '{args[0]} {levelname:{lineno}} {process:,}', ['{args[0]}', '{levelname:{lineno}}', '{process:,}']],
  ['$', '$asctime ${levelname}: $$ $message.x', ['$asctime', '${levelname}', '$message']],
  ['%', '', ['%(message)s']],
  ['{', '', ['{message}']],
  ['$', '', ['${message}']],
];

describe('tokenize accepts what CPython accepts', () => {
  for (const [style, format, placeholders] of VALID) {
    it(`${style} ${JSON.stringify(format)}`, () => {
      const result = tokenize(format, style);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.value.filter((t) => t.kind === 'field').map((t) => t.kind === 'field' && t.raw)).toEqual(placeholders);
      // Literal text round-trips: the tokens cover the format without gaps.
      if (format !== '') expect(result.value.map((t) => format.slice(t.span.start, t.span.end)).join('')).toBe(format);
    });
  }

  it('normalises the spec across styles', () => {
    const pct = tokenize('%(levelname)-8.3s', '%');
    const brace = tokenize('{levelname:<8.3s}', '{');
    const spec = (r: typeof pct) => (r.ok && r.value[0]!.kind === 'field' ? r.value[0]!.spec : null);
    expect(spec(pct)).toMatchObject({ align: '<', width: 8, precision: 3, type: 's' });
    expect(spec(brace)).toMatchObject({ align: '<', width: 8, precision: 3, type: 's' });
    expect(spec(tokenize('{levelname:*^10}', '{'))).toMatchObject({ fill: '*', align: '^', width: 10 });
    expect(spec(tokenize('%(lineno)05d', '%'))).toMatchObject({ zero: true, width: 5, type: 'd' });
    expect(spec(tokenize('{message!r:>5}', '{'))).toMatchObject({ conversion: 'r', align: '>', width: 5 });
  });

  it('unescapes literals', () => {
    const lit = (f: string, s: Style) => {
      const r = tokenize(f, s);
      return r.ok ? r.value.filter((t) => t.kind === 'literal').map((t) => t.kind === 'literal' && t.text) : null;
    };
    expect(lit('%(message)s 100%%', '%')).toEqual([' 100%']);
    expect(lit('{{{message}}}', '{')).toEqual(['{', '}']);
    expect(lit('$$$message', '$')).toEqual(['$']);
  });
});

/** [style, format, message fragment, 0-based column]: Python's own wording where it has one. */
const INVALID: [Style, string, string, number][] = [
  ['%', 'hello', "no %(name)s field", 0],
  ['%', '%(message)', 'expected a conversion letter', 10],
  ['%', '%(message)S', "unsupported format character 'S'", 10],
  ['%', '%(message)s 100%', "lone '%'", 15],
  ['%', '%(message)s %s', "unkeyed conversion '%s'", 12],
  ['%', '%(message)*d', '* wants int', 10],
  ['%', '%(message', "expected ')'", 9],
  ['{', 'hello', 'no fields', 0],
  ['{', '{message!x}', "invalid conversion: 'x'", 9],
  ['{', '{message!rs}', "expected ':' after conversion specifier", 10],
  ['{', '{message', "expected '}' before end of string", 0],
  ['{', 'message}', "Single '}' encountered", 7],
  ['{', '{ message}', "invalid field name/expression: ' message'", 1],
  ['{', '{lineno:z}', "bad specifier: 'z'", 8],
  ['{', '{0}', 'positional field', 1],
  ['{', '{}', 'positional field', 0],
  ['$', '$', "bare '$' not allowed", 0],
  ['$', '100$ $message', "bare '$' not allowed", 3],
  ['$', '${levelname:<8}', "bare '$' not allowed", 0],
  ['$', '$$message', 'no fields', 0],
];

describe('tokenize rejects what CPython rejects, pointing at the column', () => {
  for (const [style, format, message, column] of INVALID) {
    it(`${style} ${JSON.stringify(format)}`, () => {
      const result = tokenize(format, style);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.message).toContain(message);
      expect(result.error.column).toBe(column);
      expect(result.error.source).toBe(format);
    });
  }
});

// Valid syntax that CPython still cannot format: it raises on every record, so the format is refused.
const FAILS_EVERY_RECORD: [Style, string, string][] = [
  ['%', '%(levelname)d', '%d format: a real number is required, not str'],
  ['{', '{levelname:d}', "Unknown format code 'd' for object of type 'str'"],
  ['{', '{lineno:,n}', "Cannot specify ',' with 'n'"],
  ['{', '{created:_n}', "Cannot specify '_' with 'n'"],
];

describe('buildPattern refuses formats CPython raises on for every record', () => {
  it.each(FAILS_EVERY_RECORD)('%s %s', (style, format, message) => {
    const result = buildPattern(format, { style });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain(message);
  });
});
