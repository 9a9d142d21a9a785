/**
 * The logs a project writes, from its formatters and where their handlers send them: one log per file,
 * holding every format written to it (Flask's, Django's and Celery's two formatters to one stream), so a
 * collector gets one config per log with a parser per format. Formatters whose records go only to the
 * console are left out; those whose destination the config does not say get a log of their own, to be
 * given a path.
 */
import type { Destination, FormatSource } from './sources.js';

export interface ProjectLog<S extends FormatSource = FormatSource> {
  /** The file the records are written to; null when the config does not say. */
  readonly path: string | null;
  /** The formatters that write to it, each format once (the first definition of it). */
  readonly sources: readonly S[];
  /** A name for its config: the first formatter's, or where it is defined. */
  readonly name: string;
}

export interface ProjectLogs<S extends FormatSource = FormatSource> {
  readonly logs: readonly ProjectLog<S>[];
  /** Formatters left out, each with why. */
  readonly skipped: readonly { readonly source: S; readonly reason: string }[];
}

const sameFormat = (a: FormatSource, b: FormatSource) => a.format === b.format && a.style === b.style && a.datefmt === b.datefmt;

const nameOf = (s: FormatSource) => (s.name ?? `${s.file.replace(/^.*\//u, '').replace(/\.\w+$/u, '')}_${s.line}`).replace(/[^A-Za-z0-9_-]+/gu, '_');

/** `fallback`: the file (`--path`) of the formats whose destination the config does not say, one log for all. */
export function projectLogs<S extends FormatSource>(sources: readonly S[], fallback: string | null = null): ProjectLogs<S> {
  const byPath = new Map<string, S[]>();
  const unplaced: S[] = [];
  const skipped: { source: S; reason: string }[] = [];
  for (const s of sources) {
    if (s.format === null) continue;
    const { destinations } = s;
    const files = destinations.filter((d): d is Extract<Destination, { kind: 'file' }> => d.kind === 'file');
    for (const f of files) byPath.set(f.path, [...(byPath.get(f.path) ?? []), s]);
    if (files.length > 0) continue;
    if (destinations.length > 0 && destinations.every((d) => d.kind === 'console')) skipped.push({ source: s, reason: 'its records go to the console only' });
    else if (destinations.length === 0) skipped.push({ source: s, reason: 'no handler uses it' });
    else if (fallback !== null) byPath.set(fallback, [...(byPath.get(fallback) ?? []), s]);
    else unplaced.push(s);
  }
  const distinct = (list: readonly S[]) => list.filter((s, i) => list.findIndex((t) => sameFormat(s, t)) === i);
  const logs: ProjectLog<S>[] = [...byPath].map(([path, list]) => ({ path, sources: distinct(list), name: nameOf(list[0]!) }));
  // A format whose destination is unknown: one log per distinct format, named after where it is defined.
  for (const s of distinct(unplaced)) logs.push({ path: null, sources: [s], name: nameOf(s) });
  // A formatter that writes to several files names each config after the file too.
  const taken = new Set<string>();
  return {
    logs: logs.map((log) => {
      let name = log.name;
      if (taken.has(name) && log.path !== null) name = `${name}_${log.path.replace(/^.*\//u, '').replace(/\.\w+$/u, '').replace(/[^A-Za-z0-9_-]+/gu, '_')}`;
      for (let n = 2; taken.has(name); n++) name = `${log.name}_${n}`;
      taken.add(name);
      return { ...log, name };
    }),
    skipped,
  };
}
