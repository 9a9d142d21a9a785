/**
 * src/core/yaml.ts for the page: the same functions over a plain import. The core's loads YAML lazily
 * through node:module's createRequire (CLI start-up time); a bundle has no require, and loads everything once.
 */
import { parse, stringify } from 'yaml';

export const toYaml = (value: unknown): string => stringify(value, { singleQuote: true, lineWidth: 0 });
export const fromYaml = (text: string): unknown => parse(text);
