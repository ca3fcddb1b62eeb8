// npm run bench [-- DIR]: times Krait's bundled CLI on a corpus (default: this machine's Python standard library).
// Rows: parse only, the scan without data flow, the full scan; the start-up cost on an empty folder; Bandit when installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cli = path.join(root, 'dist', 'cli.js');
const runs = Number(process.env.BENCH_RUNS ?? 1);

function stdlib() {
  return execFileSync('python3', ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' }).trim();
}

const corpus = path.resolve(process.argv[2] ?? stdlib());
const scratch = mkdtempSync(path.join(os.tmpdir(), 'krait-bench-'));

function krait(extra, dir = corpus) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [cli, dir, '--root', dir, '--exclude', 'site-packages', '--format', 'json', '--output', path.join(scratch, 'out.json'), '--fail-on', 'none', '--stats', '--quiet', ...extra], { encoding: 'utf8' });
    const wall = Number(process.hrtime.bigint() - started) / 1e9;
    if (r.status !== 0) throw new Error(`krait ${extra.join(' ')} exited ${r.status}: ${r.stderr}`);
    const stats = JSON.parse(r.stderr.trim().split('\n').pop());
    samples.push({ ...stats, wall });
  }
  samples.sort((a, b) => a.wall - b.wall);
  return samples[Math.floor(samples.length / 2)];
}

/** Median wall time of dist/index.js on an empty workspace, inputs as the runner passes them. */
function actionStartup(dir) {
  const walls = [];
  for (let i = 0; i < Math.max(7, runs); i++) {
    const runner = mkdtempSync(path.join(os.tmpdir(), 'krait-runner-'));
    writeFileSync(path.join(runner, 'summary'), '');
    writeFileSync(path.join(runner, 'out'), '');
    const env = { PATH: process.env.PATH, GITHUB_WORKSPACE: dir, GITHUB_OUTPUT: path.join(runner, 'out'), GITHUB_STEP_SUMMARY: path.join(runner, 'summary'), INPUT_UPLOAD: 'never', 'INPUT_FAIL-ON': 'none', 'INPUT_SARIF-FILE': path.join(runner, 'k.sarif') };
    const started = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [path.join(root, 'dist', 'index.js')], { env, cwd: dir, encoding: 'utf8' });
    walls.push(Number(process.hrtime.bigint() - started) / 1e9);
    rmSync(runner, { recursive: true, force: true });
    if (r.status !== 0) throw new Error(`action exited ${r.status}: ${r.stdout}`);
  }
  walls.sort((a, b) => a - b);
  return walls[Math.floor(walls.length / 2)];
}

function row(name, s) {
  const mb = s.bytes / 1e6;
  return `| ${name} | ${s.files} | ${s.lines.toLocaleString('en-US')} | ${mb.toFixed(1)} | ${s.wall.toFixed(2)} | ${Math.round(s.lines / s.wall).toLocaleString('en-US')} | ${s.peakRssMB} | ${s.findings} |`;
}

console.log(`Corpus: ${corpus} (site-packages excluded); Node ${process.version}; ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}); median of ${runs} run(s).\n`);
const cores = os.availableParallelism();
console.log('| run | files | lines | MB | wall s | lines/s | peak RSS MB | findings |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
const parse = krait(['--parse-only', '--jobs', '1']);
console.log(row('a. parse only (1 worker)', parse));
const parseAll = krait(['--parse-only', '--jobs', String(cores)]);
console.log(row(`a2. parse only (${cores} workers)`, parseAll));
const structural = krait(['--no-dataflow', '--jobs', '1']);
console.log(row('b0. scan without data flow (1 worker)', structural));
const full = krait(['--jobs', '1']);
console.log(row('b. full scan (1 worker)', full));
const fullAll = krait(['--jobs', String(cores)]);
console.log(row(`c. full scan (${cores} workers)`, fullAll));

const empty = mkdtempSync(path.join(os.tmpdir(), 'krait-empty-'));
/** Median wall time of a short command over several runs (start-up is a few hundred ms: one sample is noise). */
function medianWall(args, n = Math.max(7, runs)) {
  const walls = [];
  for (let i = 0; i < n; i++) {
    const started = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    walls.push(Number(process.hrtime.bigint() - started) / 1e9);
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  walls.sort((a, b) => a - b);
  return walls[Math.floor(walls.length / 2)];
}
const bareNode = medianWall(['-e', '']);
const startupCli = medianWall([cli, empty, '--root', empty, '--format', 'json', '--output', path.join(scratch, 'empty.json'), '--fail-on', 'none', '--quiet']);
const startupAction = actionStartup(empty);
const ms = (s) => `${(s * 1000).toFixed(0)} ms`;
console.log(`\nStart-up on an empty folder (median of ${Math.max(7, runs)}): CLI ${ms(startupCli)}, action (dist/index.js, no upload) ${ms(startupAction)}; Node itself (\`node -e ""\`) ${ms(bareNode)}, so Krait's own overhead (load bundle, init WASM, glob, report) is ${ms(startupCli - bareNode)} / ${ms(startupAction - bareNode)} (target < 300 ms).`);
console.log(`Data-flow cost: full scan / scan without data flow = ${(full.wall / structural.wall).toFixed(2)}× (1 worker).`);
console.log(`Rules and analysis over parsing: full scan / parse only = ${(full.wall / parse.wall).toFixed(2)}× (1 worker), ${(fullAll.wall / parseAll.wall).toFixed(2)}× (${cores} workers; target ≤ 1.5×).`);
console.log(`Workers: full scan on ${cores} workers is ${(full.wall / fullAll.wall).toFixed(2)}× faster than on 1; peak RSS ${fullAll.peakRssMB} MB (target < 300 MB).`);

const bandit = spawnSync('bandit', ['--version'], { encoding: 'utf8' });
if (bandit.status === 0) {
  const started = process.hrtime.bigint();
  spawnSync('bandit', ['-r', corpus, '-x', path.join(corpus, 'site-packages'), '-f', 'json', '-o', path.join(scratch, 'bandit.json'), '-q'], { encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`Bandit: ${wall.toFixed(2)} s wall; Krait's full scan is ${(wall / fullAll.wall).toFixed(1)}× faster on ${cores} workers (${(wall / full.wall).toFixed(1)}× on 1; target ≥ 15×).`);
} else {
  console.log('Bandit is not installed (Debian package `bandit`); the comparison step was skipped.');
}
rmSync(scratch, { recursive: true, force: true });
rmSync(empty, { recursive: true, force: true });
