/** `pylogrx logstash`: a Logstash pipeline (multiline codec, grok, date) for the format. */
import type { Command } from 'commander';
import type { LogstashOptions } from '../core/collectors/logstash.js';
import { collectorCommand } from './collector.js';
import type { FormatFlags } from './io.js';

export interface LogstashFlags extends FormatFlags, LogstashOptions {}

/** Adds the `logstash` options and action to a command that already has the shared format options. */
export function registerLogstash(command: Command): Command {
  return collectorCommand<LogstashFlags>(
    command
      .description('print a Logstash pipeline: a multiline codec, a grok filter with one pattern per field, and a date filter')
      .option('--timezone <zone>', "the zone the log's times are written in, e.g. Europe/Paris (the date filter's timezone)")
      .addHelpText('after', `
Examples:
  $ pylogrx logstash '%(asctime)s - %(filename)s:%(lineno)s - %(name)s - %(message)s'
  $ pylogrx logstash '%(asctime)s %(levelname)s %(message)s' --datefmt '%Y-%m-%dT%H:%M:%S%z'`),
    async (pattern, flags) => (await import('../core/collectors/logstash.js')).logstashConfig(pattern, flags),
  );
}
