/** `pylogrx otel`: an OpenTelemetry Collector filelog receiver for the format. */
import { Option, type Command } from 'commander';
import type { OtelOptions } from '../core/collectors/otel.js';
import { collectorCommand } from './collector.js';
import type { FormatFlags } from './io.js';

type OtelFlags = FormatFlags & OtelOptions;

export function registerOtel(command: Command): Command {
  command
    .description('print an OpenTelemetry Collector filelog receiver (multiline, regex_parser, timestamp, severity) for the format')
    .option('--name <name>', 'the receiver id suffix: filelog/<name>')
    .addOption(new Option('--start-at <where>', 'where to start reading a new file').choices(['beginning', 'end']).default('beginning'))
    .option('--location <zone>', "an IANA zone for times without an offset, e.g. Europe/Berlin")
    .addHelpText('after', `
Examples:
  $ pylogrx otel '%(asctime)s %(levelname)s %(name)s: %(message)s' --path '/var/log/app/*.log'
  $ pylogrx otel '%(asctime)s %(message)s' --datefmt '%d/%b/%Y %H:%M:%S' --location UTC`);
  return collectorCommand<OtelFlags>(command, async (pattern, flags) => {
    const { formatOtel, otelConfig } = await import('../core/collectors/otel.js');
    const config = otelConfig(pattern, flags);
    return { text: formatOtel(config), warnings: config.warnings };
  });
}
