/**
 * `check --report FILE.html` and the playground's charts: one static page, no script and nothing fetched, with the records per
 * minute by level (a stacked bar per minute) and the failed records by the field they failed at, drawn
 * as inline SVG from the same checked records `check` counts. Each bar carries its figures in data-
 * attributes (data-minute, data-level, data-count; data-field), so a test reads them back.
 */
import type { CheckedRecord, CheckSummary } from './check.js';
import { LEVELS as SEVERITIES } from './collectors/shared.js';
import type { FieldPart, Pattern } from './pattern.js';
import { groupNames } from './render.js';
import { fieldLabels, valueReaders, type ReadValue } from './typed.js';

/** The level names CPython defines, lowest first (the collectors' severities); any other level sorts after them, by name. */
const LEVELS: readonly string[] = SEVERITIES.map((s) => s.names[0]);
/** Okabe–Ito colours, told apart with every common colour-vision deficiency: the level's, then the others'. */
const LEVEL_COLORS: Readonly<Record<string, string>> = { DEBUG: '#999999', INFO: '#56B4E9', WARNING: '#E69F00', ERROR: '#D55E00', CRITICAL: '#CC79A7' };
const OTHER_COLORS = ['#009E73', '#0072B2', '#F0E442', '#000000'];
/** A record whose level field took no part (it failed before it). */
const NO_LEVEL = '(none)';
/** The names a level field goes by: logging's, loguru's and structlog's. */
const LEVEL_FIELDS = ['levelname', 'level'];

/** Per format: where its time and level are, and how its time reads as ISO 8601. */
interface Reading {
  readonly time: { readonly group: string; readonly read: ReadValue } | null;
  readonly level: string | null;
}

/** The figures of the report, gathered record by record. */
export class ReportData {
  private readonly readings: Reading[];
  /** `minute level` → records. */
  private readonly perMinute = new Map<string, number>();
  private readonly levels = new Set<string>();
  /** Records with no time to place them by: a line of another shape, a time that failed, a time without a date. */
  private untimed = 0;

  constructor(patterns: readonly Pattern[]) {
    this.readings = patterns.map((pattern) => {
      const time = pattern.parts.find((p) => p.kind === 'field' && p.sameAs === null && p.reading.kind === 'time') as FieldPart | undefined;
      const group = time === undefined ? undefined : groupNames(pattern, 'js').get(time.capture)!;
      const read = group === undefined ? undefined : valueReaders(pattern).get(group);
      const level = [...fieldLabels(pattern)].find(([, label]) => LEVEL_FIELDS.includes(label))?.[0] ?? null;
      return { time: read === undefined ? null : { group: group!, read }, level };
    });
  }

  add(record: CheckedRecord): void {
    const { time, level } = this.readings[record.format]!;
    const text = time === null ? undefined : record.fields?.[time.group];
    const iso = text === undefined ? null : time!.read(text);
    // A minute needs the date and the time of day: ISO 8601 from --typed's reading.
    if (typeof iso !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d/u.test(iso)) {
      this.untimed++;
      return;
    }
    const name = (level === null ? undefined : record.fields?.[level]) ?? NO_LEVEL;
    this.levels.add(name);
    const key = `${iso.slice(0, 16)} ${name}`;
    this.perMinute.set(key, (this.perMinute.get(key) ?? 0) + 1);
  }

  /** The two charts, as HTML with inline SVG: the timeline, then the failures by field. */
  charts(summary: CheckSummary): string {
    const levels = [...this.levels].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    const colors = new Map(levels.map((l, i) => [l, LEVEL_COLORS[l] ?? OTHER_COLORS[i % OTHER_COLORS.length]!]));
    return `<h2>Records per minute, by level</h2>
${this.timeline(levels, colors)}
<h2>Failed records, by field</h2>
${failureChart(summary.failuresByField)}`;
  }

  /** The page, with the summary `check` printed. */
  html(title: string, summary: CheckSummary, summaryText: string): string {
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>pylogrx check: ${escape(title)}</title>
<style>
body { font: 14px/1.5 system-ui, sans-serif; margin: 2em auto; max-width: 72em; padding: 0 1em; color: #222; }
pre { background: #f6f6f6; padding: .75em; white-space: pre-wrap; }
svg { max-width: 100%; height: auto; }
svg text { font: 11px system-ui, sans-serif; fill: #333; }
.key span { display: inline-block; margin-right: 1em; }
.key i { display: inline-block; width: .9em; height: .9em; margin-right: .3em; vertical-align: -.1em; }
</style>
</head>
<body>
<h1>pylogrx check: ${escape(title)}</h1>
<pre>${escape(summaryText)}</pre>
${this.charts(summary)}
</body>
</html>
`;
  }

  private timeline(levels: readonly string[], colors: ReadonlyMap<string, string>): string {
    const untimed = this.untimed === 0 ? '' : `<p>${this.untimed} record${this.untimed === 1 ? '' : 's'} without a date and time of day to place ${this.untimed === 1 ? 'it' : 'them'} by (a line of another shape, a time that did not match, a datefmt without the date).</p>`;
    if (this.perMinute.size === 0) return `<p>No record has a date and time of day.</p>\n${untimed}`;
    const minutes = minuteAxis([...this.perMinute.keys()].map((k) => k.slice(0, 16)));
    const total = (m: string) => levels.reduce((n, l) => n + (this.perMinute.get(`${m} ${l}`) ?? 0), 0);
    // A loop, not Math.max(...): a log of months has more minutes than a call takes arguments.
    const most = minutes.reduce((m, minute) => Math.max(m, total(minute)), 0);
    // Bars of 2 to 24 px, across at least 262 px, so that the first and last minute's labels fit under the axis.
    const [left, top, height] = [48, 10, 200];
    const bar = Math.max(262 / minutes.length, Math.max(2, Math.min(24, Math.floor(900 / minutes.length))));
    const width = Math.ceil(left + minutes.length * bar + 10);
    const y = (n: number) => top + height - (n / most) * height;
    const rects: string[] = [];
    for (const [i, minute] of minutes.entries()) {
      let below = 0;
      for (const level of levels) {
        const count = this.perMinute.get(`${minute} ${level}`) ?? 0;
        if (count === 0) continue;
        rects.push(`<rect data-minute="${minute}" data-level="${escape(level)}" data-count="${count}" x="${(left + i * bar).toFixed(1)}" y="${y(below + count).toFixed(1)}" width="${Math.max(1, bar - 1).toFixed(1)}" height="${(y(below) - y(below + count)).toFixed(1)}" fill="${colors.get(level)}"><title>${minute.replace('T', ' ')} ${escape(level)}: ${count}</title></rect>`);
        below += count;
      }
    }
    // The first minute under the axis's start, the last at its end (the page is at least wide enough for both).
    const labels = [`<text x="${left}" y="${top + height + 14}">${minutes[0]!.replace('T', ' ')}</text>`];
    if (minutes.length > 1) labels.push(`<text x="${width - 10}" y="${top + height + 14}" text-anchor="end">${minutes.at(-1)!.replace('T', ' ')}</text>`);
    const axis = `<line x1="${left - 2}" y1="${top + height}" x2="${width - 10}" y2="${top + height}" stroke="#999"/><text x="${left - 6}" y="${top + 4}" text-anchor="end">${most}</text><text x="${left - 6}" y="${top + height}" text-anchor="end">0</text>`;
    const key = levels.map((l) => `<span><i style="background:${colors.get(l)}"></i>${escape(l)}</span>`).join('');
    return `<svg role="img" aria-label="records per minute by level" viewBox="0 0 ${width} ${top + height + 22}" width="${width}" height="${top + height + 22}">
${axis}
${rects.join('\n')}
${labels.join('')}
</svg>
<p class="key">${key}</p>
${untimed}`;
  }
}

const rank = (level: string) => {
  const k = LEVELS.indexOf(level);
  return k >= 0 ? k : level === NO_LEVEL ? LEVELS.length + 1 : LEVELS.length;
};

/** Every minute from the first to the last, so a quiet minute shows as a gap; only those seen when that is more than a day. */
function minuteAxis(seen: readonly string[]): string[] {
  const sorted = [...new Set(seen)].sort();
  const first = Date.parse(`${sorted[0]}:00Z`);
  const last = Date.parse(`${sorted.at(-1)}:00Z`);
  const span = (last - first) / 60_000;
  if (!(span <= 24 * 60)) return sorted;
  return Array.from({ length: span + 1 }, (_, i) => new Date(first + i * 60_000).toISOString().slice(0, 16));
}

function failureChart(byField: Readonly<Record<string, number>>): string {
  const rows = Object.entries(byField).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (rows.length === 0) return '<p>No record failed.</p>';
  const most = rows[0]![1];
  const [left, row, scale] = [160, 22, 600];
  const bars = rows.map(([field, count], i) => {
    const w = Math.max(1, (count / most) * scale);
    return `<text x="${left - 6}" y="${i * row + 15}" text-anchor="end">${escape(field)}</text><rect data-field="${escape(field)}" data-count="${count}" x="${left}" y="${i * row + 4}" width="${w.toFixed(1)}" height="${row - 6}" fill="#D55E00"><title>${escape(field)}: ${count}</title></rect><text x="${left + w + 4}" y="${i * row + 15}">${count}</text>`;
  });
  const width = left + scale + 40;
  return `<svg role="img" aria-label="failed records by field" viewBox="0 0 ${width} ${rows.length * row + 4}" width="${width}" height="${rows.length * row + 4}">
${bars.join('\n')}
</svg>`;
}

const escape = (text: string) => text.replace(/[&<>"]/gu, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
