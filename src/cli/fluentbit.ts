/** `pylogrx fluentbit`: Fluent Bit parser, multi-line parser and pipeline fragments for the format. */
import { InvalidArgumentError, type Command } from 'commander';
import type { FluentBitOptions } from '../core/collectors/fluentbit.js';
import { collectorCommand } from './collector.js';
import type { FormatFlags } from './io.js';

export interface FluentBitFlags extends FormatFlags, FluentBitOptions {}

function milliseconds(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a whole number of milliseconds');
  return n;
}

/** Adds the `fluentbit` options and action to a command that already has the shared format options. */
export function registerFluentBit(command: Command): Command {
  return collectorCommand<FluentBitFlags>(
    command
      .description('print Fluent Bit config: a [PARSER] and [MULTILINE_PARSER] for the format, and the tail input and parser filter that use them')
      .option('--yaml', 'Fluent Bit 3.x YAML (parsers, multiline_parsers, pipeline) rather than the classic .conf')
      .option('--name <name>', 'the parser name (the multi-line parser is <name>_multiline)', 'python_app')
      .option('--tag <tag>', 'the records\' tag', 'python.app')
      .option('--flush-timeout <ms>', 'how long the multi-line parser waits for a record\'s next line', milliseconds, 1000)
      .addHelpText('after', `
Examples:
  $ pylogrx fluentbit '%(asctime)s - %(filename)s:%(lineno)s - %(name)s - %(message)s'
  $ pylogrx fluentbit '%(asctime)s %(levelname)s %(message)s' --datefmt '%d/%b/%Y %H:%M:%S' --yaml`),
    async (pattern, flags) => (await import('../core/collectors/fluentbit.js')).fluentBitConfig(pattern, flags),
  );
}
