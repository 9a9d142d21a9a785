/** `pylogrx alloy`: a Grafana Alloy loki.process pipeline for the format, or the older Promtail YAML. */
import type { Command } from 'commander';
import type { AlloyOptions } from '../core/collectors/alloy.js';
import { collectorCommand } from './collector.js';
import type { FormatFlags } from './io.js';

type AlloyFlags = FormatFlags & AlloyOptions & { readonly promtail?: boolean };

export function registerAlloy(command: Command): Command {
  command
    .description('print a Grafana Alloy pipeline (stage.multiline, stage.regex, stage.timestamp, stage.labels) for the format')
    .option('--promtail', 'the older Promtail scrape config (pipeline_stages YAML) instead')
    .option('--name <name>', 'the component label (Alloy) or job name (Promtail)')
    .option('--location <zone>', 'an IANA zone for times without an offset, e.g. Europe/Berlin')
    .option('--max-wait <duration>', 'how long a record waits for its next line (max_wait_time)', '3s')
    .addHelpText('after', `
Examples:
  $ pylogrx alloy '%(asctime)s %(levelname)s %(name)s: %(message)s' --path '/var/log/app/*.log'
  $ pylogrx alloy '%(asctime)s %(levelname)s %(message)s' --promtail --name app`);
  return collectorCommand<AlloyFlags>(command, async (pattern, flags) => {
    const { alloyConfig, formatAlloy, formatPromtail } = await import('../core/collectors/alloy.js');
    const config = alloyConfig(pattern);
    return { text: flags.promtail ? formatPromtail(config, flags) : formatAlloy(config, flags), warnings: config.warnings };
  });
}
