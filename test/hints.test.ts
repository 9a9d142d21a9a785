/** Hints where users go wrong (issue 12 item 5), driven from the built CLI, with the core functions behind them. */
import { STYLES } from '../src/core/index.js';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { editDistance, nearestAttribute, notText, writtenStyle } from '../src/core/hints.js';
import { cli } from './support/cli.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'pylogrx.js');
const SEED = '%(asctime)s - %(filename)s:%(lineno)s - %(name)s - %(message)s';
const GOOD = '2016-02-19 11:03:13,410 - test.py:19 - tst - first debug message';

describe('a format in another style than --style says', () => {
  it.each([
    ['{asctime} {levelname} {message}', '%', '{'],
    ['$asctime $levelname $message', '%', '$'],
    ['${asctime} ${message}', '%', '$'],
    ['%(asctime)s %(message)s', '{', '%'],
  ] as const)('%s with --style %s: did you mean --style %s', (format, style, meant) => {
    const run = cli(['gen', format, '--style', style]);
    expect(run.status).toBe(2); // Python rejects it too: the format's own error follows the hint
    expect(run.stderr.split('\n').slice(0, 3)).toEqual([
      `pylogrx: warning (format column 1): this is a ${meant}-style format: did you mean --style '${meant}'?`,
      `  ${format}`,
      '  ^',
    ]);
  });

  it('says nothing when the style is right', () => {
    expect(cli(['gen', '{asctime} {message}', '--style', '{'])).toMatchObject({ status: 0, stderr: '' });
  });

  it('is the same detection scan uses', () => {
    expect(writtenStyle('{asctime} {message}', '%')).toBe('{');
    expect(writtenStyle('%(asctime)s {message}', '%')).toBe('%');
    expect(writtenStyle('hello', '%')).toBeNull();
  });
});

describe('a format with no fields (what the shell leaves of "$asctime $message")', () => {
  it('says so, and to quote the format in single quotes', () => {
    // bash -c with the format in double quotes: $asctime and $message are the shell's, and empty.
    const run = spawnSync('bash', ['-c', `node "$0" gen "$asctime $message" --style '$'`, BIN], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe('pylogrx: warning: the format has no fields: in double quotes the shell replaces $asctime and ${asctime} with its own variables (empty here); put the format in single quotes');
  });
});

describe('near-misses of LogRecord attributes', () => {
  it.each([
    ['%(levelName)s %(message)s', 0, 'levelName', '%(levelname)s'],
    ['%(asctime)s %(linenumber)d %(message)s', 12, 'linenumber', '%(lineno)d'],
    ['%(asctim)s %(message)s', 0, 'asctim', '%(asctime)s'],
    ['%(asctime)s [%(func_name)s] %(message)s', 13, 'func_name', '%(funcName)s'],
    ['%(asctime)s %(mesage)s', 12, 'mesage', '%(message)s'],
  ] as const)('%s suggests the attribute, with a caret under the field', (format, column, key, suggestion) => {
    const run = cli(['gen', format]);
    expect(run.status).toBe(0); // an unknown field is legal (extra=): a warning
    expect(run.stderr.split('\n').slice(0, 3)).toEqual([
      `pylogrx: warning (format column ${column + 1}): ${key} is no LogRecord attribute (only extra= would set it): did you mean ${suggestion}?`,
      `  ${format}`,
      `  ${' '.repeat(column)}^`,
    ]);
  });

  it('in {-style, with the spec kept', () => {
    const run = cli(['gen', '{asctime} {levelName:<8} {message}', '--style', '{']);
    expect(run.stderr).toContain('did you mean {levelname:<8}?');
  });

  it('in every format check is given', () => {
    const run = cli(['check', SEED, '--format', '%(levelName)s %(message)s', '--quiet'], { input: `${GOOD}\n` });
    expect(run.stderr).toContain('did you mean %(levelname)s?');
  });

  it('leaves real extras alone: request_id, user, a known framework field', () => {
    expect(cli(['gen', '%(asctime)s %(request_id)s %(user)s %(levelprefix)s %(message)s']).stderr).toBe('');
  });

  it('matches without case and underscores, then other loggers\' names, then within two edits (one for short keys)', () => {
    expect(nearestAttribute('LEVELNAME')).toBe('levelname');
    expect(nearestAttribute('thread_name')).toBe('threadName');
    expect(nearestAttribute('time')).toBe('asctime'); // loguru's {time}
    expect(nearestAttribute('levlnam')).toBe('levelname');
    expect(nearestAttribute('date')).toBeNull(); // two edits from 'name': too far for a short key
    expect(nearestAttribute('request_id')).toBeNull();
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('--datefmt for a format without asctime', () => {
  it('warns that it does nothing', () => {
    const run = cli(['gen', '%(levelname)s %(message)s', '--datefmt', '%H:%M:%S']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('pylogrx: warning: --datefmt does nothing: it formats asctime, and the format has no %(asctime)s\n');
  });

  it('says nothing when the format has asctime', () => {
    expect(cli(['gen', '%(asctime)s %(message)s', '--datefmt', '%H:%M:%S']).stderr).toBe('');
  });
});

describe('check guesses the datefmt when most records fail at asctime', () => {
  // Real CPython output: records at fixed times (day 14 tells the day from the month), a datefmt each.
  const render = (format: string, datefmt: string) => {
    const script = `
import logging, sys
handler = logging.StreamHandler(sys.stdout)
handler.setFormatter(logging.Formatter(sys.argv[1], sys.argv[2]))
log = logging.getLogger('app.db')
log.addHandler(handler)
log.setLevel(logging.INFO)
for i, created in enumerate([1715243725.041, 1715330125.5, 1700000000.0, 1715416525.9]):
    record = log.makeRecord('app.db', logging.INFO, 'views.py', 10 + i, 'request %d done', (i,), None)
    record.created, record.msecs = created, created % 1 * 1000
    log.handle(record)
`;
    const run = spawnSync('python3', ['-c', script, format, datefmt], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    return run.stdout;
  };
  const FORMAT = '%(asctime)s %(levelname)s %(name)s: %(message)s';

  it.each([
    [FORMAT, '%Y-%m-%dT%H:%M:%S'],
    [FORMAT, '%d/%b/%Y %H:%M:%S'],
    [FORMAT, '%Y-%m-%d %H:%M:%S'],
    [FORMAT, '%m/%d/%Y %I:%M:%S %p'],
    [FORMAT, '%H:%M:%S'],
    [FORMAT, '%a %b %e %H:%M:%S %Y'],
    [FORMAT, '%Y-%m-%d:%H:%M:%S'], // the day joined to the clock by a colon, a datefmt users copy
    // Compact dates and clocks, between them a point, a T, an underscore or a hyphen.
    [FORMAT, '%Y%m%d.%H%M%S'],
    [FORMAT, '%Y%m%dT%H%M%S'],
    [FORMAT, '%Y%m%d_%H%M%S'],
    [FORMAT, '%Y%m%d-%H%M%S'],
    ['[%(asctime)s] %(levelname)s in %(module)s: %(message)s', '%d.%m.%Y %H:%M'],
    ['%(asctime)s %(lineno)d %(levelname)s %(message)s', '%a, %d %b %Y %H:%M:%S %z'],
  ])('%s under --datefmt %s', (format, datefmt) => {
    const log = render(format, datefmt);
    const run = cli(['check', format, '--quiet'], { input: log });
    expect(run.status).toBe(1);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(`most records failed at asctime; the lines look like --datefmt '${datefmt}'`);
    // The suggestion is right: with it, every record matches.
    expect(cli(['check', format, '--datefmt', datefmt, '--quiet'], { input: log }).stdout.trim()).toBe('4 records in 4 lines: 4 matched, 0 failed');
  });

  it('suggests nothing when no datefmt explains the lines (the time has milliseconds: the format lacks %(msecs)03d)', () => {
    const log = render('%(asctime)s.%(msecs)03d %(levelname)s %(message)s', '%Y-%m-%dT%H:%M:%S');
    const run = cli(['check', '%(asctime)s %(levelname)s %(message)s', '--quiet'], { input: log });
    expect(run.stdout).not.toContain('the lines look like');
  });

  it('suggests nothing when most records are fine', () => {
    const run = cli(['check', SEED, '--quiet'], { input: `${GOOD}\n${GOOD}\n19/Feb/2016 11:03:16 - test.py:1 - tst - x\n` });
    expect(run.stdout).not.toContain('the lines look like');
  });
});

describe.each(['pipe', 'file', 'redirect'] as const)('binary input is refused (input by %s)', (via) => {
  it('gzip: exit 2, and how to decompress it', () => {
    const run = cli(['check', SEED], { input: gzipSync(`${GOOD}\n`), via });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^pylogrx: error: \S+ is gzip-compressed: decompress it, e\.g\. zcat \S+ \| pylogrx check \.\.\.\n$/u);
  });

  it('binary: exit 2', () => {
    const elf = Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01\0'), Buffer.alloc(64), Buffer.from(GOOD), Buffer.alloc(512, 3)]);
    const run = cli(['check', SEED], { input: elf, via });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^pylogrx: error: \S+ is binary, not a text log/u);
  });

  it('a log with a stray NUL byte is still a log', () => {
    expect(cli(['check', SEED, '--quiet'], { input: `${GOOD} \0 nul\n${GOOD}\n`, via }).status).toBe(0);
  });
});

describe('notText', () => {
  it('tells gzip and binary from text', () => {
    expect(notText(gzipSync('x'))).toBe('gzip');
    expect(notText(Buffer.from(`${GOOD}\n`))).toBeNull();
    expect(notText(Buffer.alloc(100))).toBe('binary');
    expect(notText(Buffer.from(`${GOOD}\0\n${GOOD}\n`))).toBeNull();
  });
});

describe('Ctrl-C during check', () => {
  it.each([[[] as string[], 'stdout'], [['--json'], 'stderr']] as const)('prints the summary so far (%j: on %s, where it goes) and exits 130', async (flags, stream) => {
    const child = spawn(process.execPath, [BIN, 'check', SEED, ...flags], { env: { ...process.env, FORCE_COLOR: '0' } });
    const out = { stdout: '', stderr: '' };
    child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
    // The pipe stays open: check waits for more, until the signal.
    child.stdin.write(`${GOOD}\n2016-02-19 11:03:14,001 - test.py:12a - tst - bad\n${GOOD}\n`);
    await new Promise<void>((resolve) => child.stdout.on('data', () => resolve()));
    child.kill('SIGINT');
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(status).toBe(130);
    expect(out[stream]).toContain('3 records in 3 lines: 2 matched, 1 failed (lineno 1)\ninterrupted: the counts are of the 3 lines read\n');
  });
});

describe('pylogrx completion', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'pylogrx-completion-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  /** The script in a file, to be sourced. */
  const script = (shell: string) => {
    const run = cli(['completion', shell]);
    expect(run.status).toBe(0);
    const file = join(scratch, shell);
    writeFileSync(file, run.stdout);
    return file;
  };

  /** What bash's completion offers for the words (the last one being completed), from the sourced script. */
  const bashCompletes = (...words: string[]) => {
    const run = spawnSync('bash', ['-c', `source "$0"; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _pylogrx pylogrx "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD-1]}"; printf '%s\\n' "\${COMPREPLY[@]}"; complete -p pylogrx`, script('bash'), ...words], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    return run.stdout.trimEnd().split('\n');
  };

  it('bash: commands, options, and the choices of --style and --flavor', () => {
    expect(bashCompletes('pylogrx', 'ch')).toEqual(['check', 'complete -F _pylogrx pylogrx']);
    expect(bashCompletes('pylogrx', 'gen', '--fl')[0]).toBe('--flavor');
    expect(bashCompletes('pylogrx', 'gen', '--flavor', 'r').slice(0, -1)).toEqual(['re2', 'rust']);
    expect(bashCompletes('pylogrx', 'check', '-s', '').slice(0, -1)).toEqual([...STYLES]);
    expect(bashCompletes('pylogrx', 'check', 'app.log', '--allow').slice(0, -1)).toEqual(['--allow-foreign']);
    expect(bashCompletes('pylogrx', 'completion', '').slice(0, -1)).toEqual(['bash', 'zsh', 'fish']);
  });

  it('is read off the program: every command and its options are in it', () => {
    const bash = cli(['completion', 'bash']).stdout;
    for (const command of ['gen', 'check', 'logtail', 'fluentbit', 'vector', 'otel', 'alloy', 'logstash', 'lnav', 'scan', 'completion']) expect(bash).toContain(`'${command}'`);
    expect(bash).toContain("'logtail -k'|'logtail --kind') _pylogrx_reply 'pipeline' 'classic'");
  });

  const has = (shell: string) => spawnSync(shell, ['-c', 'true']).status === 0;

  it.skipIf(!has('fish'))('fish, through complete -C', () => {
    const completes = (line: string) => spawnSync('fish', ['-c', `source ${script('fish')}; complete -C ${JSON.stringify(line)}`], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]);
    expect(completes('pylogrx ch')).toEqual(['check']);
    expect(completes('pylogrx gen --fl')).toEqual(['--flavor']);
    expect(completes('pylogrx gen --style ').sort()).toEqual([...STYLES].sort());
  });

  it.skipIf(!has('zsh'))('zsh runs the same function through bashcompinit', () => {
    const run = spawnSync('zsh', ['-c', 'autoload -U compinit && compinit -u; source "$0"; COMP_WORDS=(pylogrx gen --fl); COMP_CWORD=2; _pylogrx pylogrx --fl gen; print -l -- $COMPREPLY', script('zsh')], { encoding: 'utf8' });
    expect(run.stdout.trim()).toBe('--flavor');
  });
});
