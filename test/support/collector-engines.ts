/**
 * The engines behind the collector configs: Go's regexp and time.Parse (OTel filelog, Alloy, Promtail),
 * through test/engines/collectors.go, and Rust's regex and chrono crates (Vector's VRL), through
 * test/engines/rust-regex, built offline against Debian's packaged crates. Texts travel hex-encoded.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Row } from './engines.js';
import type { Probe } from './harness.js';

const ENGINES_DIR = join(import.meta.dirname, '..', 'engines');
export const GO_PACKAGES = 'golang-go';
export const RUST_PACKAGES = 'cargo librust-regex-dev librust-regex+default-dev librust-chrono-dev';
const REGISTRY = '/usr/share/cargo/registry';

const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');
const unhex = (s: string) => Buffer.from(s, 'hex').toString('utf8');

let scratch: string | null = null;
const dir = () => (scratch ??= mkdtempSync(join(tmpdir(), 'pylogrx-collectors-')));
export function cleanupCollectorEngines(): void {
  if (scratch !== null) rmSync(scratch, { recursive: true, force: true });
  scratch = goBinary = rustBinary = null;
}

export const goAvailable = () => spawnSync('go', ['version']).status === 0;
let goBinary: string | null = null;
function go(): string {
  if (goBinary) return goBinary;
  const out = join(dir(), 'collectors-go');
  const run = spawnSync('go', ['build', '-o', out, 'collectors.go'], { cwd: ENGINES_DIR, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`building collectors.go failed (apt-get install -y ${GO_PACKAGES})\n${run.stderr}`);
  return (goBinary = out);
}

function call(binary: string, args: string[], lines: string[]): string[] {
  const out = spawnSync(binary, args, { input: lines.map((l) => `${hex(l)}\n`).join(''), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (out.status !== 0) throw new Error(`${binary} ${args.join(' ')}: exit ${out.status}\n${out.stderr}\n${lines.slice(0, 2).join('\n')}`);
  return out.stdout.split('\n').slice(0, -1);
}

export interface GoRecord {
  readonly text: string;
  /** Named group → text (null: unset); null when the record regex did not match. */
  readonly groups: Record<string, string | null> | null;
}

/** The records the collector cuts from `log` with `start`, each matched by `regex` (Go regexp). */
export function goRecords(how: 'otel' | 'otel-trim' | 'lines', start: string, regex: string, log: string): GoRecord[] {
  return call(go(), ['records', how], [start, regex, log]).map((line) => {
    const [text, ...groups] = line.split(' ');
    if (groups[0] === '-') return { text: unhex(text!), groups: null };
    return {
      text: unhex(text!),
      groups: Object.fromEntries(groups.map((g) => {
        const at = g.lastIndexOf(':');
        return [g.slice(0, at), g.slice(at + 1) === '~' ? null : unhex(g.slice(at + 1))];
      })),
    };
  });
}

/** Go's time.Parse(layout, value) for each pair: the time as RFC 3339, or an error. */
export function goTimeParse(pairs: readonly (readonly [string, string])[]): string[] {
  return call(go(), ['time'], pairs.flat());
}

/** stanza's ctimefmt table (internal/coreinternal/timeutils/internal/ctimefmt): directive → Go layout. */
const CTIMEFMT: Record<string, string> = {
  '%Y': '2006', '%y': '06', '%m': '01', '%o': '_1', '%q': '1', '%b': 'Jan', '%h': 'Jan', '%B': 'January', '%d': '02', '%e': '_2',
  '%g': '2', '%a': 'Mon', '%A': 'Monday', '%H': '15', '%l': '3', '%I': '03', '%p': 'PM', '%P': 'pm', '%M': '04', '%S': '05',
  '%L': '999', '%f': '999999', '%Z': 'MST', '%z': '-0700', '%F': '2006-01-02', '%T': '15:04:05', '%X': '15:04:05', '%R': '15:04',
  '%n': '\n', '%t': '\t', '%%': '%',
};
/** A stanza strptime layout as the Go layout ctimefmt makes of it (ctimefmt rejects digits). */
export const stanzaToGo = (layout: string) => {
  if (/\d/u.test(layout)) throw new Error(`ctimefmt rejects digits: ${layout}`);
  return layout.replace(/%./gu, (d) => CTIMEFMT[d] ?? `<unsupported ${d}>`);
};

/** Go's strconv.Unquote for each literal (River's strings are Go's): the value, or null. */
export function goUnquote(literals: readonly string[]): (string | null)[] {
  return call(go(), ['unquote'], [...literals]).map((l) => (l === 'err' ? null : unhex(l)));
}

/** Go's encoding/json on each line: the object's keys, a string as it is and any other value as JSON text; null: no object. */
export function goJson(lines: readonly string[]): (Record<string, string> | null)[] {
  return call(go(), ['json'], [...lines]).map((line) => (line === '-' ? null : Object.fromEntries(line.trim().split(' ').filter((p) => p !== '').map((p) => {
    const [k, v] = p.split(':');
    return [unhex(k!), unhex(v!)];
  }))));
}

const CARGO = [process.env.CARGO, 'cargo', '/root/.cargo/bin/cargo'].filter((c): c is string => !!c);
const cargo = () => CARGO.find((c) => spawnSync(c, ['--version']).status === 0) ?? null;
/**
 * Whether the Rust harness builds: cargo, and every crate it needs in Debian's registry (regex's
 * aho-corasick and memchr come only with librust-regex-dev's Recommends). The reason names the packages.
 */
export const rustProbe: Probe = () => {
  if (cargo() === null) return `cargo is missing: apt-get install -y ${RUST_PACKAGES}`;
  try {
    rust();
    return null;
  } catch (e) {
    const why = /error: (.*)/u.exec((e as Error).message)?.[1] ?? 'the build failed';
    return `the Rust harness does not build (${why}): apt-get install -y ${RUST_PACKAGES}`;
  }
};

let rustBinary: string | null = null;
function rust(): string {
  if (rustBinary) return rustBinary;
  const src = join(dir(), 'rust-regex');
  cpSync(join(ENGINES_DIR, 'rust-regex'), src, { recursive: true });
  const run = spawnSync(cargo()!, [
    'build', '--release', '--offline', '--quiet', '--target-dir', join(dir(), 'rust-target'),
    '--config', 'source.crates-io.replace-with="debian"', '--config', `source.debian.directory="${REGISTRY}"`,
  ], { cwd: src, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`building the Rust harness failed (apt-get install -y ${RUST_PACKAGES})\n${run.stderr}`);
  return (rustBinary = join(dir(), 'rust-target', 'release', 'check-rust'));
}

/** The regex crate: the engine protocol's rows, for subjects that may hold newlines. */
export function rustRun(regex: string, subjects: readonly string[]): Row[] {
  return call(rust(), ['hex'], [regex, ...subjects]).map((line) => {
    if (line === '-') return null;
    if (line === '') return [];
    return line.split(' ').map((g) => (g === ':~' ? null : unhex(g.slice(1))));
  });
}

/** chrono's parse_from_str(value, format) for each pair, as VRL's parse_timestamp calls it: `ok <time>` (its offset where the format has a zone) or `err <why>`. */
export function chronoParse(pairs: readonly (readonly [string, string])[]): string[] {
  return call(rust(), ['chrono'], pairs.flat());
}
