/**
 * The playground's model (web/model.ts) without a browser: the URL fragment round-trips any state, the
 * empty and error states, the records cap, and a target's refusal in the CLI's words.
 * test/playground.test.ts drives the page itself in chromium.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STYLES } from '../src/core/index.js';
import { DEFAULT_STATE, FRAGMENT_SAMPLE, show, SHOWN_RECORDS, stateFromFragment, stateToFragment, TABS, type State } from '../web/model.js';
import { cli } from './support/cli.js';
import { FIXTURES } from './support/corpus.js';

describe('the state in the URL fragment', () => {
  const states: State[] = [
    DEFAULT_STATE,
    { format: '%(asctime)s & %(message)s #%%', style: '%', datefmt: '%d/%m/%Y %H:%M', sample: 'a=b&c\n# not a fragment\n日本語 😀\n', tab: 'target:lnav' },
    { format: '{levelname:<8} {message!r}', style: '{', datefmt: '', sample: '+ %2B ?x=1', tab: 'flavor:rust' },
    { format: '', style: 'json', datefmt: '', sample: '{"event": "up"}\n', tab: TABS.at(-1)! },
  ];
  it.each(states.map((s) => [JSON.stringify(s), s] as const))('round-trips %s', (_, state) => {
    expect(stateFromFragment(`#${stateToFragment(state)}`, STYLES)).toEqual(state);
  });
  it('leaves the defaults out, and reads an unknown style or tab as the default', () => {
    expect(stateToFragment(DEFAULT_STATE)).toBe('');
    expect(stateFromFragment('#style=nope&tab=target:splunk', STYLES)).toEqual(DEFAULT_STATE);
  });
  it('leaves a long sample out of the address', () => {
    const sample = 'x'.repeat(FRAGMENT_SAMPLE + 1);
    expect(stateFromFragment(stateToFragment({ ...DEFAULT_STATE, format: '%(message)s', sample }), STYLES)).toEqual({ ...DEFAULT_STATE, format: '%(message)s' });
  });
});

describe('what the page shows', () => {
  it('an empty format box is the empty state, but logfmt and JSON read any keys without one', () => {
    expect(show({ ...DEFAULT_STATE, sample: '' }).kind).toBe('empty');
    const json = show({ ...DEFAULT_STATE, style: 'json', sample: '{"message": "up", "levelname": "INFO"}\n' });
    expect(json.kind === 'pattern' && json.records.map((r) => r.record.matched)).toEqual([true]);
  });
  it('an empty format box with a sample is the format pylogrx infer finds, proven on the sample', () => {
    const sample = 'INFO:app.db:connected\nWARNING:app:slow request\nERROR:app.web:failed\n';
    const shown = show({ ...DEFAULT_STATE, sample });
    if (shown.kind !== 'pattern') throw new Error(shown.kind);
    expect([shown.inferred, shown.formats]).toEqual([true, [cli(['infer'], { input: sample }).stdout.split('\n')[0]!.replace(/^format +/u, '')]]);
    expect(shown.records.map((r) => r.record.matched)).toEqual([true, true, true]);
  });
  it("an inferred preset with its Formatter class's own asctime (airflow) reads its sample with that asctime", () => {
    const sample = readFileSync(join(FIXTURES, 'presets', 'airflow.log'), 'utf8');
    const shown = show({ ...DEFAULT_STATE, sample });
    if (shown.kind !== 'pattern') throw new Error(shown.kind);
    expect([shown.inferred, shown.summary.matched, shown.summary.failed]).toEqual([true, 9, 0]);
  });
  it('an inferred format reads the level names only addLevelName knows (AUDIT) as records of their own', () => {
    const rules = JSON.parse(readFileSync(join(FIXTURES, 'infer', 'rules.json'), 'utf8')) as Record<string, string[]>;
    const lines = rules['%(levelname)s:%(name)s:%(message)s']!;
    const shown = show({ ...DEFAULT_STATE, sample: `${lines.join('\n')}\n` });
    if (shown.kind !== 'pattern') throw new Error(shown.kind);
    expect([shown.summary.records, shown.summary.matched]).toEqual([60, 60]);
  });
  it('names each field as check --json does (loguru\'s extra[user]), in the legend and on each span', () => {
    const state: State = { ...DEFAULT_STATE, style: 'loguru', format: '{level} {extra[user]} {message}', sample: 'INFO bob hello\n' };
    const shown = show(state);
    if (shown.kind !== 'pattern') throw new Error(shown.kind);
    const json = JSON.parse(cli(['check', '--style', 'loguru', state.format, '--json'], { input: state.sample }).stdout) as { fields: Record<string, string> };
    expect(shown.legend).toEqual(Object.keys(json.fields));
    expect(shown.records[0]!.spans.map((s) => [s.name, state.sample.slice(s.start, s.end)])).toEqual(Object.entries(json.fields));
  });
  it('a sample no format explains stays the empty state', () => {
    expect(show({ ...DEFAULT_STATE, sample: 'a\nb b\nc c c\n' }).kind).toBe('empty');
  });
  it('a malformed format is its error, with the column', () => {
    const shown = show({ ...DEFAULT_STATE, format: '%(asctime)s %(levelname)s %(foo' });
    expect(shown.kind === 'error' && [shown.error.column, shown.error.origin]).toEqual([31, 'format']);
  });
  it(`draws the first ${SHOWN_RECORDS} records and counts them all`, () => {
    const sample = Array.from({ length: SHOWN_RECORDS + 100 }, (_, i) => `INFO:app:line ${i}`).join('\n');
    const shown = show({ ...DEFAULT_STATE, format: '%(levelname)s:%(name)s:%(message)s', sample });
    expect(shown.kind === 'pattern' && [shown.records.length, shown.summary.records, shown.summary.matched]).toEqual([SHOWN_RECORDS, SHOWN_RECORDS + 100, SHOWN_RECORDS + 100]);
  });
  it('a collector reads JSON lines with its own JSON parser, as the CLI writes it', () => {
    const format = '%(asctime)s %(levelname)s %(message)s';
    const shown = show({ ...DEFAULT_STATE, format, style: 'json', sample: '{"asctime": "2024-05-09 08:35:25,041", "levelname": "INFO", "message": "up"}\n' });
    if (shown.kind !== 'pattern') throw new Error(shown.kind);
    for (const target of ['vector', 'fluentbit', 'otel'] as const) expect(shown.output(`target:${target}`).text, target).toBe(cli([target, format, '--style', 'json']).stdout);
  });
  it('lnav refuses a sample none of whose lines match, in the CLI\'s words', () => {
    const shown = show({ ...DEFAULT_STATE, format: '%(levelname)s:%(name)s:%(message)s', sample: 'no match here\n' });
    if (shown.kind !== 'pattern') throw new Error(shown.kind);
    expect(shown.output('target:lnav').refusal).toMatch(/no line of the sample matches the format/u);
  });
});
