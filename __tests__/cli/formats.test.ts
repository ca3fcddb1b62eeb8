// CLI output polish: --format github and html, progress on a terminal's stderr, help text.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { createProgress } from '../../src/cli-progress.js';
import { main } from '../../src/cli.js';
import { escapeData, escapeProperty } from '../../src/report/github-commands.js';
import { tempProject } from '../helpers/temp-project.js';

async function runCli(args: string[], cwd: string, extra: { stderrIsTTY?: boolean } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false, env: {}, cwd, ...extra });
  return { code, stdout, stderr };
}

const PROJECT = {
  'app/run.py': 'import os\n\ndef go(cmd):\n    eval(cmd)\n',
  'app/net.py': 'import requests\n\ndef fetch(url):\n    return requests.get(url, verify=False, timeout=10)\n',
};

describe('--format github', () => {
  test('one workflow command per finding, most severe first, with escaped properties', async () => {
    const dir = tempProject(PROJECT);
    const { code, stdout, stderr } = await runCli(['-f', 'github', '-j', '1'], dir);
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^::error file=app\/net\.py,line=4,endLine=4,col=\d+,endColumn=\d+,title=cert-validation-disabled%3A .+::.+/);
    expect(lines[1]).toMatch(/^::warning file=app\/run\.py,line=4,endLine=4,col=5,endColumn=14,title=eval-nonconstant%3A .+::eval\(\) runs code built at run time/);
    expect(stderr).toMatch(/^Krait: 2 findings/);
  });

  test('escaping follows the runner: % CR LF in data, and : , in properties', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
  });
});

describe('--format html', () => {
  test('writes one self-contained page to --output', async () => {
    const dir = tempProject(PROJECT);
    const { code, stderr } = await runCli(['-f', 'html', '-o', 'out/report.html', '-j', '1', '--fail-on', 'none'], dir);
    expect(code).toBe(0);
    const html = readFileSync(path.join(dir, 'out', 'report.html'), 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('Checklist scorecard');
    expect(html).toContain('data-rule="eval-nonconstant"');
    expect(stderr).toContain('Report written to');
  });
});

describe('progress', () => {
  test('drawn on a terminal only after the delay, throttled, and cleared at the end', () => {
    let clock = 0;
    let out = '';
    const p = createProgress({ write: (t) => (out += t), enabled: true, delayMs: 1000, intervalMs: 100, now: () => clock });
    p.onProgress(1, 10);
    expect(out).toBe('');
    clock = 1500;
    p.onProgress(2, 10);
    clock = 1550;
    p.onProgress(3, 10); // within the interval: skipped
    clock = 1700;
    p.onProgress(10, 10);
    p.finish();
    expect(out).toBe('\r\x1b[2KKrait: 2/10 files (20%)\r\x1b[2KKrait: 10/10 files (100%)\r\x1b[2K');
  });

  test('never drawn when stderr is not a terminal', () => {
    let out = '';
    const p = createProgress({ write: (t) => (out += t), enabled: false, delayMs: 0, now: () => 5000 });
    p.onProgress(1, 1);
    p.finish();
    expect(out).toBe('');
  });

  test('the CLI leaves stderr clean on a short run, even on a terminal', async () => {
    const dir = tempProject(PROJECT);
    const { stderr } = await runCli(['-j', '1'], dir, { stderrIsTTY: true });
    expect(stderr).toBe('');
  });
});

describe('--help', () => {
  test('lists the formats, --no-notebooks and every exit code', async () => {
    const { stdout } = await runCli(['--help'], tempProject());
    expect(stdout).toContain('github (workflow commands');
    expect(stdout).toContain('--no-notebooks');
    for (const code of ['0  no finding', '1  findings', '2  usage', '3  internal error']) expect(stdout).toContain(code);
  });
});
