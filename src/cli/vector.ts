/** `pylogrx vector`: a Vector file source (multiline) and remap transform (VRL) for the format. */
import { InvalidArgumentError, type Command } from 'commander';
import type { VectorOptions } from '../core/collectors/vector.js';
import { collectorCommand } from './collector.js';
import type { FormatFlags } from './io.js';

type VectorFlags = FormatFlags & VectorOptions;

export function registerVector(command: Command): Command {
  command
    .description('print a Vector file source (multiline) and remap transform (parse_regex, parse_timestamp) for the format')
    .option('--name <id>', 'the source id (the transform is <id>_parse)')
    .option('--timeout-ms <n>', 'how long a record waits for its next line', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
      return n;
    }, 1000)
    .option('--timezone <zone>', 'an IANA zone for times without an offset (parse_timestamp timezone)')
    .addHelpText('after', `
Examples:
  $ pylogrx vector '%(asctime)s %(levelname)s %(name)s: %(message)s' --path '/var/log/app/*.log'`);
  return collectorCommand<VectorFlags>(command, async (pattern, flags) => {
    const { formatVector, vectorConfig } = await import('../core/collectors/vector.js');
    const config = vectorConfig(pattern, flags);
    return { text: formatVector(config), warnings: config.warnings };
  });
}
