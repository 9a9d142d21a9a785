/**
 * The CLI: commander and streams wired to the pure core. Each command's module is imported when the
 * command runs, so a run loads only what it uses (start-up time is most of a small check's time).
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { createRequire } from 'node:module';
import { FLAVOR_NAMES } from '../core/render.js';
import { STYLES } from '../core/tokenize.js';
import type { CheckFlags } from './check.js';
import { registerCompletion } from './completion.js';
import { resolveFormat, resolveFormats } from './format.js';
import type { PlaygroundFlags } from './playground.js';
import type { ScanFlags } from './scan.js';
import { EXIT_USAGE, usageError, type FormatFlags } from './io.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

function collectField(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`expected NAME=REGEX, got '${value}'`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

function withFormatOptions(command: Command): Command {
  return command
    .argument('[format]', "the logging format string, e.g. '%(asctime)s %(levelname)s %(message)s'")
    .option('--from <path[#name]>', 'read the format (and its style and datefmt) from a logging config or Python source: INI, JSON, YAML, TOML, .py')
    .option('--preset <name[#key]>', "a framework's default format(s) (and style and datefmt) instead of the format: see pylogrx presets")
    .option('--infer <file>', 'infer the format(s) from the log itself (see pylogrx infer); stderr says which')
    .addOption(new Option('-s, --style <style>', 'format style, as logging.Formatter(style=...)').choices(STYLES).default('%'))
    .option('-d, --datefmt <strftime>', "the Formatter's datefmt (default: Python's '%Y-%m-%d %H:%M:%S,mmm')")
    .option('-f, --field <name=regex>', 'use your own regex for a field (repeatable)', collectField, {})
    .option('--colorize', "--style loguru: the sink's colorize=True, so the markup prints its ANSI codes");
}

const program = new Command('pylogrx')
  .description('Turn a Python logging format string into the regex that parses the lines it produces.')
  .version(version)
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : EXIT_USAGE))
  .configureOutput({ writeErr: (text) => process.stderr.write(text.startsWith('error:') ? `pylogrx: ${text}` : text) })
  .addHelpText('after', `
Examples:
  $ pylogrx gen '%(asctime)s - %(filename)s:%(lineno)s - %(name)s - %(message)s'
  $ pylogrx gen '{levelname:<8} {name}: {message}' --style '{' --flavor python
  $ pylogrx gen '%(asctime)s %(levelname)s %(message)s' --datefmt '%d/%b/%Y %H:%M:%S' --json`);

withFormatOptions(program.command('gen'))
  .description('print the regex that matches every line the format produces')
  .addOption(new Option('-F, --flavor <flavor>', 'regex dialect').choices(FLAVOR_NAMES).default('pcre'))
  .option('--json', 'print the regex with a field table and warnings, as JSON')
  .addHelpText('after', `
Flavors: pcre (grep -P, PHP, lnav), js, python, re2, go, java (no '_' in group names),
logtail (Boost, positional groups, whole records), onigmo (Ruby, Fluent Bit, Logstash), rust (Vector).

Examples:
  $ pylogrx gen '%(asctime)s %(levelname)-8s %(name)s: %(message)s'
  $ pylogrx gen '[%(asctime)s] %(levelname)s in %(module)s: %(message)s' --flavor go
  $ pylogrx gen '%(asctime)s %(message)s' --datefmt '%Y-%m-%dT%H:%M:%S%z' --json`)
  .action(async (format: string | undefined, flags: FormatFlags & { flavor: string; json?: boolean; from?: string }, command: Command) => {
    const resolved = await resolveFormat(format, flags, command);
    const { runGen } = await import('./gen.js');
    runGen(resolved.format, resolved.flags);
  });

/** What check and show share: the input, more formats, and what to make of lines of another shape. */
function withCheckOptions(command: Command): Command {
  return withFormatOptions(command)
    .argument('[file]', "a log file (default: stdin; '-' is stdin)")
    .option('--format <fmt>', 'another format written to the same stream (repeatable; --json gives each record\'s "format", 1 for the first)', (v: string, list: string[] | undefined) => [...(list ?? []), v])
    .option('--allow-foreign', 'lines of another shape (another logger\'s or program\'s format) are expected: counted, not failures')
    .option('--report <file.html>', 'also write an HTML page: records per minute by level, failed records by field');
}

type CheckAction = CheckFlags & { from?: string; preset?: string; infer?: string; format?: string[] };

async function check(format: string | undefined, file: string | undefined, flags: CheckAction, command: Command): Promise<void> {
  // With --from, --preset or --infer, the one positional argument is the log file; --infer FILE alone
  // checks FILE. Inference reads stdin before check could, so --infer - takes a file to check.
  const [fmt, given] = (flags.from ?? flags.preset ?? flags.infer) !== undefined && file === undefined ? [undefined, format] : [format, file];
  const log = given ?? flags.infer;
  if (flags.infer === '-' && (log === undefined || log === '-')) process.exit(usageError('--infer - reads stdin to infer the format, so check cannot read it again: give the log as a file'));
  const formats = await resolveFormats(fmt, flags, command);
  const { runCheck } = await import('./check.js');
  process.exitCode = await runCheck(formats, log, flags);
}

withCheckOptions(program.command('check'))
  .description('validate log lines against the format: records (with tracebacks), field-level diagnostics, a summary')
  .option('--json', 'one JSON object per record on stdout: {"line", "end_line", "matched", "kind", "fields", "error"}')
  .addOption(new Option('--typed', 'with --json (implied): numbers as numbers (a None as null), asctime as ISO 8601').implies({ json: true }))
  .option('-q, --quiet', 'print only the summary')
  .option('--show', 'print every record with its fields marked, as pylogrx show does')
  .option('--max-errors <n>', 'show at most n failures in detail', (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
    return n;
  }, 10)
  .addHelpText('after', `
Exit status: 0 when every record matched, 1 when any did not or a line of another shape was
found (unless --allow-foreign), 2 on a usage or format error.

Examples:
  $ pylogrx check '%(asctime)s %(levelname)s %(name)s: %(message)s' < app.log
  $ pylogrx check '{asctime} {levelname:<8} {message}' --style '{' app.log --json | jq .fields.levelname
  $ pylogrx check '%(asctime)s %(process)d %(levelname)s %(message)s' app.log --typed | jq 'select(.fields.process == 4242)'
  $ pylogrx check '[%(asctime)s] %(levelname)s in %(module)s: %(message)s' --format '%(message)s' flask.log
  $ pylogrx check --from settings.py django.log     # every formatter in LOGGING, each with its style

--from FILE takes every formatter FILE defines (FILE#a,b: those named), each with its own style and datefmt.`)
  .action(check);

withCheckOptions(program.command('show'))
  .description('print every record with each field in its own colour (without colour: brackets under each field), failures at their column')
  .addHelpText('after', `
Colour on a terminal, or with FORCE_COLOR=1 (16 colours), 2 (256) or 3 (24-bit); NO_COLOR or a pipe
prints brackets under each field instead. Exit status as check: 0 when every record matched, 1 when any
did not, 2 on a usage or format error.

Examples:
  $ pylogrx show '%(asctime)s %(levelname)s %(name)s %(message)s' app.log
  $ pylogrx show --preset django django.log | less -R`)
  .action((format: string | undefined, file: string | undefined, flags: CheckAction, command: Command) => check(format, file, { ...flags, show: true }, command));

const scan = program.command('scan')
  .description('list every logging format a project defines: file:line, style, format, datefmt, and what to fix')
  .argument('[dir]', 'the directory to walk', '.')
  .option('--json', 'the formats as JSON, with their lints')
  .addOption(new Option('--emit <target>', 'print one collector config per log the project writes').choices(['logtail', 'fluentbit', 'vector', 'otel', 'alloy', 'logstash', 'lnav']))
  .addHelpText('after', `
Reads Python source (basicConfig, Formatter, dictConfig/LOGGING dicts, Celery settings), fileConfig INI,
and dictConfig JSON, YAML and TOML, statically: nothing is imported or run. Skips node_modules, .git,
virtualenvs and build output.

Examples:
  $ pylogrx scan src/
  $ pylogrx scan . --emit logtail --project prod --logstore app > logtail.yaml
  $ pylogrx scan . --emit fluentbit --out fluent-bit/

--emit writes one config per log file the project writes: formats that share a file are one config with a
parser each, the path comes from the handler's filename, and console-only formatters are left out.`)
  .action(async (dir: string, flags: ScanFlags) => {
    const { runScan } = await import('./scan.js');
    process.exitCode = await runScan(dir, flags);
  });

program.command('infer')
  .description('infer the logging format string (and style and datefmt) from the log alone, each candidate proven by check')
  .argument('[file]', "a log file (default: stdin; '-' is stdin)")
  .option('--lines <n>', 'read at most n lines (default 5000)', (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number above 0');
    return n;
  })
  .option('--json', 'one object: {"candidates": [{"format", "style", "datefmt", "matched", "records", "guessed"}], "unexplained": [lines]}')
  .addHelpText('after', `
Exit status: 0 when the formats found explain most records, 1 when none does (stderr says what the
lines share), 2 on a usage error.

Examples:
  $ pylogrx infer app.log
  $ tail -n 2000 /var/log/app.log | pylogrx infer --json | jq -r '.candidates[0].format'
  $ pylogrx logtail --infer app.log --project prod --logstore app`)
  .action(async (file: string | undefined, flags: { lines: number; json?: boolean }) => {
    const { runInfer } = await import('./infer.js');
    process.exitCode = await runInfer(file, flags);
  });

program.command('presets')
  .description("list the presets: what frameworks write when nobody configures their logging, cited from their source")
  .option('--json', 'one object per formatter: [{"name", "style", "format", "datefmt", "source"}]')
  .action(async (flags: { json?: boolean }) => {
    const { runPresets } = await import('./presets.js');
    runPresets(flags);
  });

program.command('playground')
  .description('serve the playground page on 127.0.0.1: the format, your sample highlighted field by field, every regex and config, all in the browser')
  .argument('[format]', 'a format to open the page with')
  .addOption(new Option('-s, --style <style>', 'its style').choices(STYLES).default('%'))
  .option('-d, --datefmt <strftime>', 'its datefmt')
  .option('-p, --port <n>', 'the port (0: any free one)', (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number');
    return n;
  }, 0)
  .option('--out <dir>', 'write the page to DIR/index.html instead of serving it')
  .action(async (format: string | undefined, flags: PlaygroundFlags) => {
    const { runPlayground } = await import('./playground.js');
    process.exitCode = await runPlayground(format, flags);
  });

// The collectors' table and emitters load only for a command that may need them: check and gen start faster.
if (!['check', 'gen', 'show'].includes(process.argv[2] ?? '')) {
  const [{ COLLECTOR_NAMES }, { addTargetOptions, registerCollector }] = await Promise.all([import('../core/collectors/index.js'), import('./collector.js')]);
  for (const target of COLLECTOR_NAMES) registerCollector(withFormatOptions(program.command(target)), target);
  addTargetOptions(scan);
}

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
});

registerCompletion(program);
await program.parseAsync();
