/**
 * The playground's DOM: reads the inputs, draws what model.ts computes, keeps the state in the URL
 * fragment. Everything runs here, in the page; nothing is fetched or sent.
 *
 * The DOM contract, which tests outside this repo drive (README, "Playground"): inputs #format, #style,
 * #datefmt, #sample; each record [data-record][data-matched=true|false]; each field span
 * [data-field=NAME] holding exactly the field's text; each config tab [data-target=NAME] (a regex
 * flavor's tab: [data-flavor=NAME]), the shown tab's text in [data-output]; the format error
 * [data-error] with its column, as the CLI prints it (1-based), in data-column.
 */
import { failureText, FOREIGN_TEXT, PRESETS, summaryLine, STYLES, type FormatError, type Style, type Warning } from '../src/core/index.js';
import { FRAGMENT_SAMPLE, show, stateFromFragment, stateToFragment, TABS, type Output, type Shown, type ShownRecord, type State } from './model.js';

/** Each field's colour, by its place in the legend (style.css .c0–.c9). */
const COLOURS = 10;

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const inputs = {
  format: byId<HTMLInputElement>('format'),
  style: byId<HTMLSelectElement>('style'),
  datefmt: byId<HTMLInputElement>('datefmt'),
  sample: byId<HTMLTextAreaElement>('sample'),
};
const preset = byId<HTMLSelectElement>('preset');
const file = byId<HTMLInputElement>('file');
const problem = byId('problem');
const summary = byId('summary');
const legend = byId('legend');
const records = byId('records');
const charts = byId('charts');
const tablist = byId('tabs');
const output = document.querySelector<HTMLElement>('[data-output]')!;
const warnings = document.querySelector<HTMLElement>('[data-warnings]')!;
const copy = byId<HTMLButtonElement>('copy');
const status = byId('status');
const sampleNote = byId('sample-note');

let tab = TABS[0]!;
let shown: Shown = { kind: 'empty' };

function el(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** A caret under `column` of `text`: the text before it laid out invisibly, so wide characters and tabs line up. */
const caret = (text: string, column: number) => el('span', { class: 'caret', 'aria-hidden': 'true' }, el('span', { class: 'ghost' }, text.slice(0, column)), '^');

function setup(): void {
  for (const style of STYLES) inputs.style.append(el('option', { value: style }, style));
  // A preset of a style --style does not take (structlog-console), or of a Formatter class's own asctime
  // (airflow), has no place in the style and datefmt boxes: not offered.
  for (const p of PRESETS) for (const f of p.formatters) if ((STYLES as readonly string[]).includes(f.style) && !('formatTime' in f)) preset.append(el('option', { value: `${p.name}#${f.key}` }, p.formatters.length > 1 ? `${p.name} (${f.key})` : p.name));
  for (const t of TABS) {
    const [kind, name] = t.split(':') as [string, string];
    if (t === TABS.find((x) => x.startsWith(`${kind}:`))) tablist.append(el('span', { class: 'group', 'aria-hidden': 'true' }, kind === 'flavor' ? 'regex' : 'config'));
    tablist.append(el('button', { type: 'button', role: 'tab', id: `tab-${kind}-${name}`, 'aria-controls': 'panel', 'aria-label': `${name} ${kind === 'flavor' ? 'regex' : 'config'}`, [`data-${kind}`]: name }, name));
  }
  const state = stateFromFragment(location.hash, STYLES);
  writeInputs(state);
  tab = state.tab;
  for (const input of Object.values(inputs)) input.addEventListener('input', update);
  inputs.style.addEventListener('change', update);
  preset.addEventListener('change', choosePreset);
  file.addEventListener('change', () => void readFile(file.files?.[0]));
  inputs.sample.addEventListener('dragover', (e) => e.preventDefault());
  inputs.sample.addEventListener('drop', (e) => {
    const dropped = e.dataTransfer?.files[0];
    if (dropped === undefined) return;
    e.preventDefault();
    void readFile(dropped);
  });
  tablist.addEventListener('click', (e) => {
    const button = (e.target as HTMLElement).closest<HTMLElement>('[role=tab]');
    if (button) selectTab(tabOf(button));
  });
  tablist.addEventListener('keydown', moveTab);
  copy.addEventListener('click', () => void copyOutput());
  addEventListener('hashchange', () => {
    if (location.hash.slice(1) === stateToFragment(readState())) return;
    const next = stateFromFragment(location.hash, STYLES);
    writeInputs(next);
    tab = next.tab;
    update();
  });
  update();
}

const tabOf = (button: HTMLElement) => (button.dataset.flavor !== undefined ? `flavor:${button.dataset.flavor}` : `target:${button.dataset.target}`);

function writeInputs(state: State): void {
  inputs.format.value = state.format;
  inputs.style.value = state.style;
  inputs.datefmt.value = state.datefmt;
  inputs.sample.value = state.sample;
}

function readState(): State {
  return { format: inputs.format.value, style: inputs.style.value as Style, datefmt: inputs.datefmt.value, sample: inputs.sample.value, tab };
}

function choosePreset(): void {
  const [name, key] = preset.value.split('#');
  const chosen = PRESETS.find((p) => p.name === name)?.formatters.find((f) => f.key === key);
  if (chosen === undefined) return;
  writeInputs({ ...readState(), format: chosen.format, style: chosen.style, datefmt: chosen.datefmt ?? '' });
  preset.value = '';
  update();
}

async function readFile(chosen: File | undefined): Promise<void> {
  if (chosen === undefined) return;
  inputs.sample.value = await chosen.text();
  update();
}

/** replaceState: the URL follows each keystroke without a history entry for each. */
function keepInUrl(state: State): void {
  const fragment = stateToFragment(state);
  if (location.hash.slice(1) !== fragment) history.replaceState(null, '', fragment === '' ? location.pathname : `#${fragment}`);
  status.textContent = '';
}

function update(): void {
  const state = readState();
  keepInUrl(state);
  sampleNote.textContent = state.sample.length > FRAGMENT_SAMPLE ? `The sample is longer than ${FRAGMENT_SAMPLE / 1024} KB, so the address holds the format but not the sample.` : '';
  shown = show(state);
  drawProblem();
  drawRecords();
  drawTab();
}

function drawProblem(): void {
  problem.replaceChildren();
  if (shown.kind === 'empty') {
    problem.append(el('p', { 'data-empty': '' }, 'Type a format, or choose a framework\'s default under Preset.'));
  } else if (shown.kind === 'error') {
    problem.append(formatError(shown.error));
  } else if (shown.inferred) {
    const codes = shown.formats.flatMap((f, i) => [...(i > 0 ? [' and '] : []), el('code', {}, f)]);
    problem.append(el('p', { 'data-inferred': '' }, `The format${shown.formats.length > 1 ? 's' : ''} the sample was written with: `, ...codes));
  }
}

/** As the CLI prints it: `format column 32: incomplete format key`, the source and a caret. */
function formatError(error: FormatError): HTMLElement {
  const column = String(error.column + 1);
  return el('div', { 'data-error': '', 'data-column': column, 'data-origin': error.origin, role: 'alert' },
    el('p', {}, el('strong', {}, 'error'), ` (${error.origin} column ${column}): ${error.message}`),
    el('pre', {}, error.source, '\n', caret(error.source, error.column)));
}

function drawRecords(): void {
  records.replaceChildren();
  legend.replaceChildren();
  charts.replaceChildren();
  if (shown.kind !== 'pattern') {
    summary.textContent = '';
    return;
  }
  // check --report's charts, built by the core from text it escapes.
  if (shown.summary.lines > 0) charts.innerHTML = shown.charts;
  const colour = new Map(shown.legend.map((name, i) => [name, `c${i % COLOURS}`]));
  for (const name of shown.legend) legend.append(el('li', { class: colour.get(name)! }, name));
  const s = shown.summary;
  summary.textContent = s.lines === 0 ? 'Paste sample lines below the format, or drop a log file on them.'
    : `${summaryLine(s)}${s.records > shown.records.length ? ` (the first ${shown.records.length} shown)` : ''}`;
  records.append(...shown.records.map((r) => drawRecord(r, colour)));
}

function drawRecord({ record, text, spans }: ShownRecord, colour: ReadonlyMap<string, string>): HTMLElement {
  const pre = el('pre', { class: 'text' });
  const error = record.error;
  // The caret goes on a row of its own under the error's line, so it lines up with what it points at.
  const lines = text.split('\n');
  const caretLine = error && record.kind === 'record' ? error.line - record.line : -1;
  const lineEnd = lines.slice(0, caretLine + 1).join('\n').length;
  // A span across that line's end (a message's newline) keeps the caret after the record.
  const cut = caretLine < 0 ? -1 : spans.some((s) => s.start < lineEnd && lineEnd < s.end) ? text.length : lineEnd;
  let at = 0;
  let placed = cut < 0;
  const plain = (to: number) => {
    if (!placed && cut <= to) {
      placed = true;
      pre.append(text.slice(at, cut), '\n', caret(lines[caretLine]!, error!.column));
      at = cut;
    }
    pre.append(text.slice(at, to));
    at = to;
  };
  for (const span of spans) {
    plain(span.start);
    pre.append(el('span', { 'data-field': span.name, class: colour.get(span.name) ?? 'c0', title: span.name }, text.slice(span.start, span.end)));
    at = span.end;
  }
  plain(text.length);
  const box = el('div', { 'data-record': '', 'data-matched': String(record.matched), 'data-kind': record.kind, 'data-line': String(record.line), class: 'record' },
    el('span', { class: 'ln', 'aria-label': `line ${record.line}` }, String(record.line)), pre);
  if (error) box.append(el('p', { class: 'reason' }, reason(record.kind, error)));
  return box;
}

/** check.ts's words: `line 12: lineno: expected digits, found "12a"`. */
function reason(kind: string, d: NonNullable<ShownRecord['record']['error']>): string {
  if (kind === 'foreign') return `line ${d.line}: ${FOREIGN_TEXT}`;
  const { what, found } = failureText(d);
  return `line ${d.line}: ${what}, ${found}`;
}

function selectTab(next: string, focus = false): void {
  tab = next;
  keepInUrl(readState());
  drawTab();
  if (focus) tablist.querySelector<HTMLElement>('[aria-selected=true]')?.focus();
}

/** Arrow keys, Home and End move between tabs (WAI-ARIA tabs); Tab leaves the list. */
function moveTab(e: KeyboardEvent): void {
  const i = TABS.indexOf(tab);
  const to = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: TABS.length - 1 }[e.key];
  if (to === undefined) return;
  e.preventDefault();
  selectTab(TABS[(to + TABS.length) % TABS.length]!, true);
}

function drawTab(): void {
  for (const button of tablist.querySelectorAll<HTMLElement>('[role=tab]')) {
    const selected = tabOf(button) === tab;
    button.setAttribute('aria-selected', String(selected));
    button.tabIndex = selected ? 0 : -1;
  }
  const panel = output.closest<HTMLElement>('[role=tabpanel]')!;
  panel.setAttribute('aria-labelledby', `tab-${tab.replace(':', '-')}`);
  panel.dataset.shown = tab.split(':')[1]!;
  const out: Output = shown.kind === 'pattern' ? shown.output(tab) : { text: '', warnings: [], refusal: shown.kind === 'empty' ? 'No format yet.' : 'The format has an error (above).' };
  output.textContent = out.text;
  copy.disabled = out.text === '';
  warnings.replaceChildren(...(out.refusal === null ? [] : [el('li', { class: 'refusal' }, out.refusal)]), ...out.warnings.map(warning));
}

const warning = (w: Warning) => el('li', {}, el('strong', {}, 'warning'), w.source === '' ? `: ${w.message}` : ` (${w.origin} column ${w.column + 1}): ${w.message}`);

async function copyOutput(): Promise<void> {
  try {
    await navigator.clipboard.writeText(output.textContent ?? '');
  } catch {
    // No clipboard API (a file:// page): select the text, so Ctrl+C copies it.
    getSelection()?.selectAllChildren(output);
    status.textContent = 'Selected: press Ctrl+C to copy.';
    return;
  }
  status.textContent = `Copied ${tab.split(':')[1]}.`;
}

setup();
