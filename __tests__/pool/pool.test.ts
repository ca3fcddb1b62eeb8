import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { largestFirst, runPool, type FileOutcome } from '../../src/pool/pool.js';
import { tempProject } from '../helpers/temp-project.js';

const ROOT = path.join(import.meta.dirname, '..', '..');
const STAND_IN = path.join(import.meta.dirname, 'hanging-worker.mjs');

async function pool(files: string[], jobs: number, fileTimeoutMs = 10_000, workerHeapMb?: number): Promise<Map<string, FileOutcome>> {
  const workspace = tempProject(Object.fromEntries(files.map((f) => [f, 'x = 1\n'])));
  const results = new Map<string, FileOutcome>();
  await runPool({
    workspace,
    files,
    repositoryFiles: files,
    ruleIds: [],
    jobs,
    workerScript: STAND_IN,
    fileTimeoutMs,
    onResult: (p, r) => results.set(p, r),
    ...(workerHeapMb ? { workerHeapMb } : {}),
  });
  return results;
}

describe('runPool', () => {
  test('every file comes back once, whatever the worker count', async () => {
    const files = Array.from({ length: 25 }, (_, i) => `pkg/m${i}.py`);
    for (const jobs of [1, 3, 8]) {
      const results = await pool(files, jobs);
      expect([...results.keys()].sort()).toEqual([...files].sort());
    }
  });

  test('a file that hangs its worker becomes a file-timeout notification; the other files are still scanned', async () => {
    const files = ['a.py', 'hang.py', 'b.py', 'c.py'];
    const results = await pool(files, 2, 500);
    expect([...results.keys()].sort()).toEqual(['a.py', 'b.py', 'c.py', 'hang.py']);
    const hung = results.get('hang.py')!;
    expect(hung.scanned).toBe(false);
    expect(hung.notifications).toEqual([expect.objectContaining({ kind: 'file-timeout', level: 'error', path: 'hang.py' })]);
    expect(results.get('c.py')!.scanned).toBe(true);
  });

  test('a file that crashes its worker becomes a worker-crash notification and a new worker takes the rest', async () => {
    const files = ['crash.py', 'd.py', 'e.py', 'f.py'];
    const results = await pool(files, 1);
    expect(results.get('crash.py')!.notifications).toEqual([expect.objectContaining({ kind: 'worker-crash', path: 'crash.py' })]);
    expect(results.get('crash.py')!.notifications[0]!.message).toContain('simulated crash');
    expect(['d.py', 'e.py', 'f.py'].every((f) => results.get(f)!.scanned)).toBe(true);
  });

  test('a file that runs out of a bounded worker heap is scanned again on a worker without the bound; nothing is lost', async () => {
    const files = ['a.py', 'hog.py', 'b.py', 'c.py', 'd.py'];
    const results = await pool(files, 2, 30_000, 16);
    expect([...results.keys()].sort()).toEqual([...files].sort());
    for (const f of files) expect(results.get(f)!, f).toEqual(expect.objectContaining({ scanned: true, notifications: [] }));
  });

  test('files are handed out largest first, ties by path', () => {
    const workspace = tempProject({ 'small.py': 'x=1\n', 'big.py': 'x = 1\n'.repeat(100), 'mid.py': 'x = 1\n'.repeat(10), 'also_mid.py': 'x = 2\n'.repeat(10) });
    expect(largestFirst(workspace, ['small.py', 'mid.py', 'big.py', 'also_mid.py', 'missing.py'])).toEqual(['big.py', 'also_mid.py', 'mid.py', 'small.py', 'missing.py']);
  });
});

describe('the bundled CLI on worker threads', () => {
  test('SARIF is byte-identical (apart from run times) for 1, 2 and 3 workers (workers finish files in a different order)', () => {
    // Enough source (over the pool's 256 KiB threshold) that --jobs really starts workers.
    const files: Record<string, string> = {};
    const body = (i: number) =>
      `import os, subprocess, pickle\n\ndef handler_${i}(cmd, blob):\n    subprocess.call(cmd, shell=True)\n    os.system("ls " + cmd)\n    return pickle.loads(blob)\n\n` +
      Array.from({ length: 400 }, (_, k) => `def helper_${i}_${k}(a, b):\n    return a + b * ${k}\n`).join('');
    for (let i = 0; i < 8; i++) files[`src/pkg${i % 3}/mod_${i}.py`] = body(i);
    const dir = tempProject(files);
    const run = (jobs: number) => {
      const out = path.join(dir, `out-${jobs}.sarif`);
      execFileSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), dir, '--root', dir, '-f', 'sarif', '-o', out, '--fail-on', 'none', '-q', '--jobs', String(jobs)]);
      return readFileSync(out, 'utf8').replace(/"(start|end)TimeUtc": "[^"]*"/g, '"$1TimeUtc": "…"');
    };
    const one = run(1);
    expect(JSON.parse(one).runs[0].results.length).toBeGreaterThanOrEqual(24);
    expect(run(2)).toBe(one);
    expect(run(3)).toBe(one);
  }, 120_000);
});
