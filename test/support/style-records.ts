/**
 * The records real gunicorn, loguru and uvicorn wrote, as one kind of case for every collector's engine:
 * fixtures/gunicorn (scripts/capture_gunicorn.py: several access_log_formats, hostile requests),
 * fixtures/loguru/captures.json (scripts/capture_loguru.py: several formats, tracebacks, extras) and the
 * presets' captures (fixtures/presets: gunicorn-access, loguru-default, uvicorn's coloured output, and
 * airflow's asctime, with milliseconds and a UTC offset).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRESETS, type FormatTime, type Style } from '../../src/core/index.js';
import { FIXTURES } from './corpus.js';

export interface StyleRecord {
  /** First and last 1-based line of the record in `text`. */
  readonly line: number;
  readonly end_line: number;
  /** The exact text of each field, as the program's own code printed it. */
  readonly fields: Readonly<Record<string, string>>;
  /** README, Limits: a record the format's regex does not match (gunicorn's `\"` before an inner quote). */
  readonly limit?: true;
}

export interface StyleCase {
  readonly id: string;
  readonly fmt: string;
  readonly style: Style;
  /** A preset's Formatter class's own asctime (airflow). */
  readonly formatTime?: FormatTime;
  /** The whole log, ending in a newline. */
  readonly text: string;
  readonly records: readonly StyleRecord[];
  /** The field holding the record's time, or null. */
  readonly timeField: string | null;
}

type Fields = Readonly<Record<string, string>>;

/**
 * README, Limits: a gunicorn value that ends in a backslash, before a quote that is not the format's last,
 * reads its `\"` as gunicorn's escaped quote, so the line does not match.
 */
export function backslashBeforeInnerQuote(format: string, fields: Fields): boolean {
  return Object.entries(fields).some(([atom, text]) => {
    if (!text.endsWith('\\')) return false;
    const placeholder = new RegExp(`%\\(${atom.replace(/[{}]/gu, '\\$&')}\\)s`, atom.startsWith('{') ? 'iu' : 'u').exec(format)!;
    const after = format.slice(placeholder.index + placeholder[0].length);
    return after.startsWith('"') && after.includes('%(');
  });
}

export interface GunicornCapture {
  readonly name: string;
  readonly format: string;
  readonly log: string;
  readonly records: readonly { readonly line: string; readonly fields: Fields }[];
}

/** fixtures/gunicorn (or a fresh capture in `dir`): each access_log_format, its log and each line's atoms. */
export function loadGunicornCaptures(dir = join(FIXTURES, 'gunicorn')): { gunicorn: string; captures: GunicornCapture[] } {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { gunicorn: string; formats: { name: string }[] };
  const captures = index.formats.map(({ name }) => {
    const doc = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as Omit<GunicornCapture, 'name' | 'log'>;
    return { name, format: doc.format, records: doc.records, log: readFileSync(join(dir, `${name}.log`), 'utf8') };
  });
  return { gunicorn: index.gunicorn, captures };
}

function gunicornCases(): StyleCase[] {
  return loadGunicornCaptures().captures.map((c) => ({
    id: `gunicorn ${c.name}`, fmt: c.format, style: 'gunicorn', text: c.log, timeField: 't',
    records: c.records.map((r, i) => ({ line: i + 1, end_line: i + 1, fields: r.fields, ...(backslashBeforeInnerQuote(c.format, r.fields) ? { limit: true as const } : {}) })),
  }));
}

interface LoguruCapture {
  readonly format: string;
  readonly output: string;
  readonly records: readonly { readonly output: string; readonly exception: string; readonly fields: Fields }[];
}

/**
 * Each record's lines follow on from the last; the traceback loguru appends after "\n" is continuation,
 * part of the message's text. Where the message comes first, the fields after it are read from the
 * traceback's end (loguru.test.ts), so only a record without one is compared field by field.
 */
function loguruCases(): StyleCase[] {
  const { captures } = JSON.parse(readFileSync(join(FIXTURES, 'loguru', 'captures.json'), 'utf8')) as { captures: LoguruCapture[] };
  return captures.map((c, k) => {
    let line = 1;
    const records = c.records.map((r) => {
      const lines = r.output.replace(/\n$/u, '').split('\n').length;
      const record = { line, end_line: line + lines - 1, fields: { ...r.fields, message: r.fields.message + (r.exception === '' ? '' : `\n${r.exception.replace(/\n$/u, '')}`) } };
      line += lines;
      return c.format.startsWith('{message}') && r.exception !== '' ? { ...record, fields: {} } : record;
    });
    return { id: `loguru ${k + 1}`, fmt: c.format, style: 'loguru' as const, text: c.output, records, timeField: c.format.includes('{time') ? 'time' : null };
  });
}

interface PresetCapture {
  readonly preset?: string;
  readonly format?: string;
  readonly formats?: readonly string[];
  readonly records: readonly { line: number; end_line: number; format?: number; fields: Fields }[];
}

/**
 * A preset's capture; one of several formats (uvicorn's two) is a case per format, its log the lines of
 * that format's records, so a single format's config is proven on each.
 */
function presetCases(): StyleCase[] {
  const airflow = PRESETS.find((p) => p.name === 'airflow')!.formatters[0];
  const STYLE: Record<string, { style: Style; timeField: string | null; formatTime?: FormatTime }> = {
    'gunicorn-access': { style: 'gunicorn', timeField: 't' },
    'loguru-default': { style: 'loguru', timeField: 'time' },
    'uvicorn-colors': { style: '%', timeField: null },
    airflow: { style: '%', timeField: 'asctime', formatTime: airflow.formatTime },
  };
  return Object.entries(STYLE).flatMap(([name, { style, timeField, formatTime }]) => {
    const doc = JSON.parse(readFileSync(join(FIXTURES, 'presets', `${name}.json`), 'utf8')) as PresetCapture;
    const lines = readFileSync(join(FIXTURES, 'presets', `${name}.log`), 'utf8').replace(/\n$/u, '').split('\n');
    const formats = doc.formats ?? [doc.format!];
    return formats.map((fmt, f) => {
      const own = doc.records.filter((r) => (r.format ?? 0) === f);
      let line = 1;
      const records = own.map((r) => {
        const next = { line, end_line: line + r.end_line - r.line, fields: r.fields };
        line = next.end_line + 1;
        return next;
      });
      const text = own.map((r) => `${lines.slice(r.line - 1, r.end_line).join('\n')}\n`).join('');
      return { id: formats.length > 1 ? `preset ${name} (format ${f + 1})` : `preset ${name}`, fmt, style, formatTime, text, records, timeField };
    });
  });
}

export const styleCases = (): StyleCase[] => [...gunicornCases(), ...loguruCases(), ...presetCases()];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/**
 * The instant (UTC, ISO 8601) a time printed by gunicorn, loguru or Airflow's TimezoneAware means; one without an offset is read
 * as UTC (the captures ran under TZ=UTC but where their zone is named). Written from the layouts, not from
 * any config, so a config's layout is held to it.
 */
export function printedInstant(text: string): string {
  const iso = (y: string, mo: number, d: string, h: number, mi: string, s: string, frac = '', zone = 'Z') =>
    new Date(`${y}-${two(mo)}-${d}T${two(h)}:${mi}:${s}${frac ? `.${frac.padEnd(3, '0').slice(0, 3)}` : ''}${zone}`).toISOString();
  const zoneOf = (z: string | undefined) => (z === undefined ? 'Z' : `${z.slice(0, 3)}:${z.slice(-2)}`);
  // gunicorn's %(t)s, loguru's DD/MMM/YYYY hh:mm:ss A
  let m = /^\[?(\d\d)\/(\w{3})\/(\d{4})[: ](\d\d):(\d\d):(\d\d)(?: (AM|PM))?(?: ([+-]\d{4}))?\]?$/u.exec(text);
  if (m) {
    const hour = Number(m[4]) % (m[7] ? 12 : 24) + (m[7] === 'PM' ? 12 : 0);
    return iso(m[3]!, MONTHS.indexOf(m[2]!) + 1, m[1]!, hour, m[5]!, m[6]!, '', zoneOf(m[8]));
  }
  // loguru's YYYY-MM-DD HH:mm:ss[.SSS…][ ZZ] (and 0.6's "[T]", printed as it is); TimezoneAware's %Y-%m-%dT%H:%M:%S.mmm%z
  m = /^(\d{4})-(\d\d)-(\d\d)(?:[ T]|\[T\])(\d\d):(\d\d):(\d\d)(?:\.(\d+))? ?([+-]\d\d:?\d\d)?$/u.exec(text);
  if (m) return iso(m[1]!, Number(m[2]), m[3]!, Number(m[4]), m[5]!, m[6]!, m[7], zoneOf(m[8]?.replace(':', '')));
  // loguru's X: seconds since the epoch
  if (/^\d+$/u.test(text)) return new Date(Number(text) * 1000).toISOString();
  throw new Error(`no layout known for the time ${JSON.stringify(text)}`);
}
