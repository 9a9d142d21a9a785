/**
 * YAML, loaded on first use: the library costs ~40 ms to load, which `check` and `gen` (no YAML) should
 * not pay at every start (`npm run bench` times check against grep). Single-quoted scalars keep regexes'
 * backslashes verbatim; lineWidth 0 never folds a long regex.
 */
import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');
let yaml: Yaml | undefined;
const load = (): Yaml => (yaml ??= createRequire(import.meta.url)('yaml') as Yaml);

export const toYaml = (value: unknown): string => load().stringify(value, { singleQuote: true, lineWidth: 0 });
export const fromYaml = (text: string): unknown => load().parse(text);
