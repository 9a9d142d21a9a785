/**
 * Every collector target, in one table. A target is a row: its engine flavor, how it is proven, its time
 * table, its options and its render function (emitter.ts's contract). The CLI registers one command a
 * row, and `scan --emit` takes any row.
 */
import type { Pattern } from '../pattern.js';
import { ALLOY } from './alloy.js';
import { prepare, type CommonOptions, type Emitted, type Emitter } from './emitter.js';
import { FLUENT_BIT } from './fluentbit.js';
import { LNAV } from './lnav.js';
import { LOGSTASH } from './logstash.js';
import { LOGTAIL } from './logtail.js';
import { OTEL } from './otel.js';
import { VECTOR } from './vector.js';

export type Collector = 'logtail' | 'fluentbit' | 'vector' | 'otel' | 'alloy' | 'logstash' | 'lnav';

export const COLLECTORS = {
  logtail: LOGTAIL,
  fluentbit: FLUENT_BIT,
  vector: VECTOR,
  otel: OTEL,
  alloy: ALLOY,
  logstash: LOGSTASH,
  lnav: LNAV,
} as const satisfies Record<Collector, Emitter<never>>;

export const COLLECTOR_NAMES = Object.keys(COLLECTORS) as Collector[];

/** The options a target's render function takes. */
export type CollectorOptions<C extends Collector> = Parameters<(typeof COLLECTORS)[C]['emit']>[1];

/** The config for the formats written to one log, in the target's files. */
export function emitConfig<C extends Collector>(target: C, patterns: readonly Pattern[], options: CollectorOptions<C> & CommonOptions = {} as CollectorOptions<C>): Emitted {
  const emitter = COLLECTORS[target] as unknown as Emitter<CollectorOptions<C>>;
  return emitter.emit(prepare(patterns, emitter, target), options);
}
