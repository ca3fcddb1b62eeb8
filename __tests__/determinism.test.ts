// Determinism through the bundled CLI: the same tree created in two different orders, in two folders, scanned with
// different worker counts, gives the same SARIF byte for byte apart from the run times and the folder's own URI.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { tempProject } from './helpers/temp-project.js';

const ROOT = path.join(import.meta.dirname, '..');

function tree(): Record<string, string | Buffer> {
  const files: Record<string, string | Buffer> = {};
  // Over the pool's 256 KiB threshold, so --jobs really starts workers.
  const filler = Array.from({ length: 350 }, (_, k) => `def helper_${k}(a, b):\n    return a + b * ${k}\n`).join('');
  for (let i = 0; i < 12; i++) {
    files[`app/pkg${i % 4}/mod_${i}.py`] =
      `import os, subprocess, pickle\nfrom app.shared import run_shell\n\ndef handler_${i}(cmd, blob):\n    subprocess.call(cmd, shell=True)\n    os.system("ls " + cmd)\n    run_shell(cmd)\n    return pickle.loads(blob)\n\n${filler}`;
  }
  // Cross-file data flow, a Flask source, a syntax error, a Latin-1 file, a NUL byte, a notebook and a manifest:
  // findings, code flows and notifications of every kind must come out in one order.
  files['app/shared.py'] = 'import subprocess\n\n\ndef run_shell(command):\n    subprocess.run(command, shell=True)\n';
  files['app/web.py'] = 'from flask import Flask, request\nfrom app.shared import run_shell\napp = Flask(__name__)\n\n\n@app.route("/x")\ndef x():\n    run_shell(request.args["c"])\n';
  files['app/broken.py'] = 'def broken(:\n    eval(x)\n';
  files['app/latin.py'] = Buffer.concat([Buffer.from('name = "caf'), Buffer.from([0xe9]), Buffer.from('"\neval(name)\n')]);
  files['app/nul.py'] = 'eval(a)\0\n';
  files['notebooks/nb.ipynb'] = JSON.stringify({ cells: [{ cell_type: 'code', source: ['import os\n', 'os.system(input())\n'], metadata: {}, outputs: [], execution_count: null }], metadata: { kernelspec: { language: 'python', name: 'python3' } }, nbformat: 4, nbformat_minor: 5 });
  files['requirements.txt'] = 'requests==2.19.0\npyyaml\nflask>=1.0\n';
  files['z last.py'] = 'eval(input())\n';
  return files;
}

/** Writes the files in the given order, creating folders as they come, into a fresh folder. */
function create(order: string[], files: Record<string, string | Buffer>): string {
  const dir = tempProject();
  for (const rel of order) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), files[rel]!);
  }
  return dir;
}

function scan(dir: string, jobs: number): string {
  const out = path.join(dir, '..', `${path.basename(dir)}-${jobs}.sarif`);
  execFileSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), dir, '--root', dir, '-f', 'sarif', '-o', out, '--fail-on', 'none', '-q', '--jobs', String(jobs)], { cwd: dir });
  const text = readFileSync(out, 'utf8');
  const base = pathToFileURL(`${dir}/`).href;
  expect(text).toContain(base);
  return text.replace(/"(start|end)TimeUtc": "[^"]*"/g, '"$1TimeUtc": "…"').split(base).join('file:///workspace/');
}

describe('determinism', () => {
  test('the same tree created in two orders in two folders: identical SARIF for 1 and 2 workers', () => {
    const files = tree();
    const names = Object.keys(files).sort();
    const forward = create(names, files);
    const backward = create([...names].reverse(), files);
    // Shuffled deterministically (no Math.random): interleave from both ends.
    const shuffled = create(names.map((_, i) => names[i % 2 ? names.length - 1 - (i >> 1) : i >> 1]!), files);
    const reference = scan(forward, 1);
    const log = JSON.parse(reference);
    expect(log.runs[0].results.length).toBeGreaterThanOrEqual(40);
    expect(log.runs[0].invocations[0].toolExecutionNotifications.length).toBeGreaterThanOrEqual(3);
    expect(log.runs[0].results.some((r: { codeFlows?: unknown[] }) => r.codeFlows?.length)).toBe(true);
    expect(scan(backward, 2)).toBe(reference);
    expect(scan(shuffled, 2)).toBe(reference);
  }, 60_000);
});
