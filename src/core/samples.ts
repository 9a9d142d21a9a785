/**
 * What a collector's config takes from the user's own log: Logtail's logSample (the first record) and
 * lnav's samples (the first lines that match). Fed a line at a time, so the CLI streams a file into them
 * and the playground its sample box. Pure: values in, values out.
 */
import { RecordChecker } from './check.js';
import type { Pattern } from './pattern.js';
import { render } from './render.js';

/** lnav wants a few sample lines that match; more only slow its load. */
export const LNAV_SAMPLES = 5;

/** Logtail's logSample: the first record's lines, up to the start of the second. */
export class FirstRecord {
  readonly lines: string[] = [];
  private readonly checker: RecordChecker;
  private ended = false;
  constructor(patterns: readonly Pattern[]) {
    this.checker = new RecordChecker([...patterns], { fields: false });
  }
  /** Takes a line; true once the first record has ended (later lines are not wanted). */
  push(line: string): boolean {
    if (!this.ended && this.checker.push(line) !== null) this.ended = true;
    if (!this.ended) this.lines.push(line);
    return this.ended;
  }
}

/** lnav's samples: the first LNAV_SAMPLES lines that a format's line regex matches. */
export class SampleLines {
  readonly found: string[] = [];
  private readonly regexes: readonly RegExp[];
  constructor(patterns: readonly Pattern[]) {
    this.regexes = patterns.map((p) => new RegExp(render(p, 'js'), 'u'));
  }
  /** Takes a line; true once there are enough. */
  push(line: string): boolean {
    if (this.found.length < LNAV_SAMPLES && this.regexes.some((rx) => rx.test(line))) this.found.push(line);
    return this.found.length >= LNAV_SAMPLES;
  }
}

/** Why lnav gets no definition: no line of the log matched (`where`: the file, stdin, the sample). */
export const noLnavSamples = (where: string): string => `no line of ${where} matches the format, and lnav needs sample lines that do`;
