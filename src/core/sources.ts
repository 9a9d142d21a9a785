/**
 * Where formats live: logging configs and source code. The readers of INI, TOML and Python source run in
 * Python itself (python/read_formats.py, with configparser, tomllib and ast); JSON and YAML dictConfig
 * files are read here. Both produce FormatSource values, and the lints below apply to all of them.
 */
import { writtenStyle } from './hints.js';
import { buildPattern } from './pattern.js';
import { STYLES, type Style } from './tokenize.js';

export interface FormatSource {
  readonly file: string;
  /** 1-based line where the formatter is defined (0 when unknown). */
  readonly line: number;
  /** fileConfig, dictConfig, basicConfig, Formatter, celery. */
  readonly origin: string;
  /** The formatter's name (dictConfig/fileConfig key, Celery setting), or null. */
  readonly name: string | null;
  /** null when the format is built at run time (see `note`). */
  readonly format: string | null;
  readonly datefmt: string | null;
  readonly style: Style;
  /** The config says which style; when it does not, Python uses '%'. */
  readonly style_given: boolean;
  readonly defaults: Readonly<Record<string, unknown>> | null;
  /** dictConfig's `()`: a Formatter factory, which may supply fields of its own (uvicorn's client_addr). */
  readonly factory: string | null;
  readonly note: string | null;
}

/** Fields a framework's own formatter supplies, by where the format is configured. */
const SUPPLIED: Readonly<Record<string, readonly string[]>> = {
  celery: ['task_name', 'task_id'],
};


/** dictConfig formatters anywhere in a parsed JSON or YAML document (also nested: gunicorn, uvicorn). */
export function formattersInDocument(data: unknown, file: string, text: string): FormatSource[] {
  const found: FormatSource[] = [];
  const lines = text.split('\n');
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (value === null || typeof value !== 'object') return;
    const formatters = (value as Record<string, unknown>).formatters;
    if (formatters !== null && typeof formatters === 'object' && !Array.isArray(formatters)) {
      for (const [name, spec] of Object.entries(formatters as Record<string, unknown>)) {
        if (spec === null || typeof spec !== 'object') continue;
        const s = spec as Record<string, unknown>;
        // dictConfig takes 'format'; a '()' factory is called with 'fmt' as a keyword.
        const format = typeof s.format === 'string' ? s.format : typeof s.fmt === 'string' ? s.fmt : null;
        if (format === null) continue;
        const style = typeof s.style === 'string' && (STYLES as readonly string[]).includes(s.style) ? (s.style as Style) : '%';
        const line = lines.findIndex((l) => l.includes(name)) + 1;
        found.push({
          file, line, origin: 'dictConfig', name, format,
          datefmt: typeof s.datefmt === 'string' ? s.datefmt : null,
          style, style_given: 'style' in s,
          defaults: s.defaults !== null && typeof s.defaults === 'object' ? (s.defaults as Record<string, unknown>) : null,
          factory: typeof s['()'] === 'string' ? s['()'] : null,
          note: null,
        });
      }
    }
    Object.values(value).forEach(walk);
  };
  walk(data);
  return found;
}

/** What a reader of this config should fix, each with the fix. */
export function lintSource(source: FormatSource): string[] {
  const { format, datefmt, style, style_given: given, defaults } = source;
  if (format === null) return [];
  const lints: string[] = [];
  if (style === '%' && writtenStyle(format, style) === '{') {
    // Read as {-style from here on, so the other lints and the regex see what the user meant.
    lints.push(`this is a {-style format but the config ${given ? "says style '%'" : 'gives no style'}: Python rejects it when the config loads (ValueError: Invalid format); add style: '{'`);
    return [...lints, ...lintSource({ ...source, style: '{', style_given: true })];
  }
  if (datefmt !== null && /%f/u.test(datefmt)) {
    lints.push("datefmt has %f, which time.strftime does not know: Python prints '%f' literally; use %(msecs)03d in the format");
  }
  if (defaults !== null) {
    lints.push('defaults are passed to Formatter from Python 3.12 (dictConfig and fileConfig); older versions ignore them, and the fields they fill raise KeyError');
  }
  const pattern = buildPattern(format, { style, datefmt });
  if (!pattern.ok) return [...lints, `the format is malformed: ${pattern.error.message} (column ${pattern.error.column + 1})`];
  for (const w of pattern.value.warnings) if (/taskName/u.test(w.message)) lints.push(`${w.message}: use it only on 3.12 or later`);
  const supplied = (key: string) => (defaults !== null && key in defaults) || (SUPPLIED[source.origin]?.includes(key) ?? false);
  const extras = [...new Set(pattern.value.parts.flatMap((p) => (p.kind === 'field' && !p.known && !supplied(p.key) ? [p.key] : [])))];
  if (extras.length > 0 && source.factory === null) {
    lints.push(`${extras.join(', ')} ${extras.length === 1 ? 'exists' : 'exist'} only through extra= (or a filter): a record without ${extras.length === 1 ? 'it' : 'them'} fails to format; set defaults= (3.12+) or add a filter`);
  }
  return lints;
}
