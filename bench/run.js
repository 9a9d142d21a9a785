// `npm run bench`: pylogrx check against grep -cP and Python loops, on a 1M-line log CPython renders
// (cached in bench/data). Output goes to a file: GNU grep stops at the first match when it sees /dev/null. Prints the median of several runs of each and the ratios; a ratio is measured
// against a baseline timed in the same run, on the same machine, so it survives a noisy host.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildPattern, render } from '../dist/core/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const FORMAT = '%(asctime)s - %(filename)s:%(lineno)s - %(levelname)s - %(name)s - %(message)s';
const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const data = join(root, 'bench', 'data');
const sink = join(data, 'out');
const log = join(data, `app-${LINES}.log`);
mkdirSync(data, { recursive: true });
if (!existsSync(log)) {
  console.log(`rendering ${LINES} lines with CPython...`);
  execFileSync('python3', [join(root, 'bench', 'render_log.py'), FORMAT, String(LINES), log], { stdio: 'inherit' });
}
const pattern = buildPattern(FORMAT);
if (!pattern.ok) throw new Error(pattern.error.message);
const pcre = render(pattern.value, 'pcre');
const python = render(pattern.value, 'python');
const bin = join(root, 'bin', 'pylogrx.js');

/**
 * Wall time of one run of `command args < input > sink`, or with `piped`, `cat input | command args > sink`;
 * `check` exits 1 where a record fails, anything else must exit 0.
 * The last run's output (300 MB after a JSON loop) is removed and written back first, outside the time:
 * truncating it, or the kernel writing it out, would count against whichever command runs next.
 */
function once(name, command, args, { piped = false, input = log, statuses = [0, 1] } = {}) {
  rmSync(sink, { force: true });
  spawnSync('sync');
  const shell = piped ? `cat "${input}" | "$@" > "${sink}"` : `"$@" < "${input}" > "${sink}"`;
  const start = process.hrtime.bigint();
  const run = spawnSync('bash', ['-c', shell, 'bench', command, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (!statuses.includes(run.status)) throw new Error(`${name} exited ${run.status}`);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const median = (times) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];

const mb = statSync(log).size / 1e6;
console.log(`${LINES} lines, ${mb.toFixed(0)} MB, ${RUNS} rounds, median wall time:`);
const commands = {
  'grep -cP': ['grep', ['-cP', pcre]],
  'python re.fullmatch loop': ['python3', [join(root, 'bench', 'python_check.py'), python, log]],
  'python json.dumps loop': ['python3', [join(root, 'bench', 'python_check.py'), python, log, '--json']],
  'pylogrx check': [process.execPath, [bin, 'check', FORMAT, '--quiet']],
  'pylogrx check --json': [process.execPath, [bin, 'check', FORMAT, '--json']],
  // A pipe is read as a stream, a file with blocking reads: both are measured.
  'cat | grep -cP': ['grep', ['-cP', pcre], { piped: true }],
  'cat | pylogrx check': [process.execPath, [bin, 'check', FORMAT, '--quiet'], { piped: true }],
};
// Round after round, each command once a round: a ratio's two commands share the host's slow and quick moments.
const times = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
for (let round = 0; round < RUNS; round++) for (const [name, [command, args, options]] of Object.entries(commands)) times[name].push(once(name, command, args, options));
const results = Object.fromEntries(Object.entries(times).map(([name, t]) => [name, median(t)]));
for (const [name, s] of Object.entries(results)) console.log(`  ${name.padEnd(26)} ${s.toFixed(2)} s  (${(mb / s).toFixed(0)} MB/s)`);
const ratio = (a, b) => (results[a] / results[b]).toFixed(2);
console.log('ratios:');
console.log(`  check / grep -cP                       ${ratio('pylogrx check', 'grep -cP')}  (target: at most 2)`);
console.log(`  check / python re.fullmatch loop        ${ratio('pylogrx check', 'python re.fullmatch loop')}`);
console.log(`  python json loop / check --json         ${ratio('python json.dumps loop', 'pylogrx check --json')}  (target: at least 2)`);
console.log(`  cat | check / cat | grep -cP            ${ratio('cat | pylogrx check', 'cat | grep -cP')}`);
// The playground page is one file with the core inline (npm run build:web): its size is what a browser loads.
const page = readFileSync(join(root, 'dist', 'web', 'index.html'));
console.log(`playground page (dist/web/index.html): ${page.length} bytes, ${gzipSync(page, { level: 9 }).length} bytes gzip`);

// infer: the lines of the bench log (its first 10,000 and 100,000) on stdin, read whole (--lines); how its time grows.
const inferTimes = {};
for (const n of [10_000, 100_000]) {
  const part = join(data, `app-${n}.head.log`);
  execFileSync('bash', ['-c', `head -n ${n} "${log}" > "${part}"`]);
  inferTimes[n] = median(Array.from({ length: RUNS }, () => once('infer', process.execPath, [bin, 'infer', '--lines', String(n)], { input: part, statuses: [0] })));
  console.log(`  pylogrx infer, ${String(n).padStart(7)} lines ${inferTimes[n].toFixed(2)} s${n === 10_000 ? '  (target: under 2 s)' : ''}`);
}
console.log(`  infer 100k / 10k                        ${(inferTimes[100_000] / inferTimes[10_000]).toFixed(2)}  (10 for linear growth)`);
