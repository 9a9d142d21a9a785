/** `pylogrx gen` end to end: the built binary, its output, its exit status and its messages. */
import { describe, expect, it } from 'vitest';
import { FLAVOR_NAMES } from '../src/core/index.js';
import { cli } from './support/cli.js';

const SEED = '%(asctime)s - %(filename)s:%(lineno)s - %(name)s - %(message)s';

describe('pylogrx gen', () => {
  it("prints the seed format's regex alone on one line", () => {
    const run = cli(['gen', SEED]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      String.raw`^(?<asctime>\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]) (?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|6[01]),\d{3}) - (?<filename>\(unknown file\)|[^\n:]+):(?<lineno>\d+) - (?<name>\S+(?: (?:-\S+|[^\s\-]\S*))*) - (?<message>.*)$` + '\n',
    );
  });

  it.each(FLAVOR_NAMES)('renders the %s flavor', (flavor) => {
    const run = cli(['gen', '{levelname:<8} {name}: {message}', '--style', '{', '--flavor', flavor]);
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('uses each engine’s group syntax', () => {
    expect(cli(['gen', '%(thread_name)s %(message)s', '--flavor', 'python']).stdout).toContain('(?P<thread_name>');
    expect(cli(['gen', '%(thread_name)s %(message)s', '--flavor', 'java']).stdout).toContain('(?<threadName>');
    expect(cli(['gen', '%(levelname)s %(message)s', '--flavor', 'logtail']).stdout).not.toContain('?<');
  });

  it('--json gives the regex, the record regex, a field table and warnings', () => {
    const run = cli(['gen', '%(asctime)s %(levelname)-8s %(message)s', '--datefmt', '%H:%M:%S,%f', '--flavor', 'js', '--json']);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as { regex: string; record_regex: string; fields: { name: string; group: string; type: string }[]; warnings: { message: string; column: number }[] };
    expect(new RegExp(json.regex).exec('12:03:04,%f INFO     hello')?.groups).toEqual({ asctime: '12:03:04,%f', levelname: 'INFO', message: 'hello' });
    expect(json.fields.map((f) => [f.name, f.type])).toEqual([['asctime', 'time'], ['levelname', 'str'], ['message', 'message']]);
    expect(json.warnings).toHaveLength(1);
    expect(json.warnings[0]!.message).toMatch(/%f/u);
    expect(new RegExp(json.record_regex).exec('12:03:04,%f ERROR    boom\nTraceback (most recent call last):\nValueError: x')?.groups?.message).toBe('boom\nTraceback (most recent call last):\nValueError: x');
  });

  it('--json gives each sample as the field prints it: in quotes by %r, cut by a precision (CPython: `%(levelname).3r` of DEBUG is `\'DE`)', () => {
    const run = cli(['gen', '%(name)r %(levelname).3r %(levelname).1s %(asctime).4s %(lineno)d %(message)s', '--flavor', 'js', '--json']);
    const json = JSON.parse(run.stdout) as { fields: { name: string; fragment: string; sample: string }[] };
    expect(json.fields.map((f) => f.sample)).toEqual(["'root'", "'DE", 'D', '2024', '42', 'first debug message']);
    for (const f of json.fields) expect(new RegExp(`^(?:${f.fragment})$`, 'u').test(f.sample), f.name).toBe(true);
  });

  it('--field replaces a fragment', () => {
    const run = cli(['gen', '%(request_id)s %(message)s', '--field', 'request_id=[0-9a-f]{8}', '--flavor', 'js']);
    expect(run.stdout).toBe('^(?<request_id>(?:[0-9a-f]{8})) (?<message>[^\\n]*)$\n');
  });

  it('warns about a %f in datefmt on stderr, with a caret', () => {
    const run = cli(['gen', '%(asctime)s %(message)s', '--datefmt', '%H:%M:%S.%f']);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatchInlineSnapshot(`
      "pylogrx: warning (datefmt column 10): datefmt directive '%f' is not a strftime directive, so Python prints it literally: time.strftime has no microseconds; use %(msecs)03d in the format instead
        %H:%M:%S.%f
                 ^
      "
    `);
  });

  it('exits 2 on a malformed format, pointing at the column', () => {
    const run = cli(['gen', '%(asctime)s %(levelname)q %(message)s']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatchInlineSnapshot(`
      "pylogrx: error (format column 25): unsupported format character 'q': expected one of diouxXeEfFgGcrsa
        %(asctime)s %(levelname)q %(message)s
                                ^
      "
    `);
  });

  it('exits 2 on a bare $ in $-style', () => {
    const run = cli(['gen', '$asctime $ $message', '--style', '$']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatchInlineSnapshot(`
      "pylogrx: error (format column 10): invalid format: bare '$' not allowed (write '$$' for a literal $)
        $asctime $ $message
                 ^
      "
    `);
  });

  it('exits 2 on usage errors', () => {
    expect(cli(['gen', 'x', '--flavor', 'perl']).status).toBe(2);
    expect(cli(['gen']).status).toBe(2);
    expect(cli(['gen', 'x', '--field', 'noequals']).status).toBe(2);
    expect(cli(['frobnicate']).status).toBe(2);
    expect(cli(['gen', 'x', '--field', 'noequals']).stderr).toBe("pylogrx: error: option '-f, --field <name=regex>' argument 'noequals' is invalid. expected NAME=REGEX, got 'noequals'\n");
  });

  it('shows examples in --help', () => {
    expect(cli(['--help']).stdout).toContain('Examples:');
    const help = cli(['gen', '--help']).stdout;
    for (const flavor of FLAVOR_NAMES) expect(help).toContain(flavor);
    expect(cli(['--help']).status).toBe(0);
  });

  it('colours the caret only when asked', () => {
    const plain = cli(['gen', '%(x']).stderr;
    const coloured = cli(['gen', '%(x'], { env: { FORCE_COLOR: '1' } }).stderr;
    expect(plain).not.toContain('\x1b[');
    expect(coloured).toContain('\x1b[');
  });
});
