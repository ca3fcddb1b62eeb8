// npm run bench [-- DIR]: times Krait's bundled CLI on a corpus (default: this machine's Python standard library).
// Rows: parse only, the scan without data flow, the full scan; the start-up cost on an empty folder; Bandit when installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

function row(name, s) {
  const mb = s.bytes / 1e6;
  return `| ${name} | ${s.files} | ${s.lines.toLocaleString('en-US')} | ${mb.toFixed(1)} | ${s.wall.toFixed(2)} | ${Math.round(s.lines / s.wall).toLocaleString('en-US')} | ${s.peakRssMB} | ${s.findings} |`;
}

console.log(`Corpus: ${corpus} (site-packages excluded); Node ${process.version}; ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}); median of ${runs} run(s).\n`);
console.log('| run | files | lines | MB | wall s | lines/s | peak RSS MB | findings |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
const parse = krait(['--parse-only']);
console.log(row('a. parse only (1 worker)', parse));
const structural = krait(['--no-dataflow']);
console.log(row('b0. scan without data flow (1 worker)', structural));
const full = krait([]);
console.log(row('b. full scan (1 worker)', full));

const empty = mkdtempSync(path.join(os.tmpdir(), 'krait-empty-'));
const startup = krait([], empty);
console.log(`\nStart-up on an empty folder (load bundle, init WASM, glob, write report): ${(startup.wall * 1000).toFixed(0)} ms wall.`);
console.log(`Data-flow cost: full scan / scan without data flow = ${(full.wall / structural.wall).toFixed(2)}×.`);
console.log(`Rules and analysis over parsing: full scan / parse only = ${(full.wall / parse.wall).toFixed(2)}×.`);

const bandit = spawnSync('bandit', ['--version'], { encoding: 'utf8' });
if (bandit.status === 0) {
  const started = process.hrtime.bigint();
  spawnSync('bandit', ['-r', corpus, '-x', '**/site-packages/**', '-f', 'json', '-o', path.join(scratch, 'bandit.json'), '-q'], { encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`Bandit: ${wall.toFixed(2)} s wall; Krait's full scan is ${(wall / full.wall).toFixed(1)}× faster.`);
} else {
  console.log('Bandit is not installed (Debian package `bandit`); the comparison step was skipped.');
}
rmSync(scratch, { recursive: true, force: true });
rmSync(empty, { recursive: true, force: true });
