import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { main } from '../src/cli.js';
import { schemaErrors } from './helpers/sarif-validate.js';
import { tempProject } from './helpers/temp-project.js';

async function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false, env, cwd });
  return { code, stdout, stderr };
}

const VULNERABLE = { 'app/run.py': 'import os\n\ndef go(cmd):\n    eval(cmd)\n', 'app/ok.py': 'x = 1\n' };

describe('krait CLI', () => {
  test('text output shows path:line:col, rule id, message and the source line', async () => {
    const dir = tempProject(VULNERABLE);
    const { code, stdout } = await runCli([], dir);
    expect(code).toBe(0); // eval-nonconstant is a warning; the default gate is error
    expect(stdout).toContain('app/run.py:4:5: warning [eval-nonconstant] eval() runs code built at run time');
    expect(stdout).toContain('  4 |     eval(cmd)');
    expect(stdout).toContain('    |     ^^^^^^^^^');
    expect(stdout).toMatch(/Krait: 1 finding \(0 error, 1 warning, 0 note\) in 2 files/);
    expect(stdout).not.toContain('\x1b[');
  });

  test('exit 1 when the gate trips, 0 when it does not', async () => {
    const dir = tempProject(VULNERABLE);
    expect((await runCli(['--fail-on', 'warning'], dir)).code).toBe(1);
    expect((await runCli(['--fail-on', 'none'], dir)).code).toBe(0);
  });

  test('exit 2 with a clear message on usage errors', async () => {
    const dir = tempProject(VULNERABLE);
    const bad = await runCli(['--fail-on', 'high'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--fail-on must be one of: none, note, warning, error');
    const unknown = await runCli(['--frobnicate'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--frobnicate'");
    const fmt = await runCli(['-f', 'xml'], dir);
    expect(fmt.code).toBe(2);
    expect(fmt.stderr).toContain('--format must be one of: text, json, sarif');
  });

  test('sarif to stdout is a valid log; json has findings; --output writes a file', async () => {
    const dir = tempProject(VULNERABLE);
    const sarif = await runCli(['-f', 'sarif', 'app'], dir);
    const log = JSON.parse(sarif.stdout);
    expect(schemaErrors(log)).toEqual([]);
    expect(log.runs[0].results).toHaveLength(1);
    const json = await runCli(['-f', 'json'], dir);
    expect(JSON.parse(json.stdout).findings[0].ruleId).toBe('eval-nonconstant');
    const out = await runCli(['-f', 'sarif', '-o', 'reports/k.sarif'], dir);
    expect(out.stdout).toBe('');
    expect(JSON.parse(readFileSync(path.join(dir, 'reports', 'k.sarif'), 'utf8')).version).toBe('2.1.0');
  });

  test('PATH may be a file, a folder or a glob; paths outside the root are refused', async () => {
    const dir = tempProject(VULNERABLE);
    expect((await runCli(['app/run.py', '-f', 'json'], dir)).stdout).toContain('"path": "app/run.py"');
    const outside = await runCli(['/etc', '-f', 'json'], dir);
    const kinds = JSON.parse(outside.stdout).notifications.map((n: { kind: string }) => n.kind);
    expect(kinds).toContain('path-refused');
    expect(kinds).toContain('no-files');
  });

  test('dependency manifests are checked unless --no-manifests; --vulnerability-check is validated', async () => {
    const dir = tempProject({ 'requirements.txt': '--trusted-host corp.example.com\n', 'app.py': 'x = 1\n' });
    const on = await runCli(['-f', 'json', '--jobs', '1'], dir);
    expect(JSON.parse(on.stdout).findings.map((f: { ruleId: string; path: string }) => `${f.ruleId} ${f.path}`)).toEqual(['insecure-package-index requirements.txt']);
    const off = await runCli(['-f', 'json', '--jobs', '1', '--no-manifests'], dir);
    expect(JSON.parse(off.stdout).findings).toEqual([]);
    const bad = await runCli(['--vulnerability-check', 'snyk'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--vulnerability-check must be one of: none, osv (got 'snyk')");
    const both = await runCli(['--vulnerability-check', 'osv', '--no-manifests'], dir);
    expect(both.code).toBe(2);
  });

  test('--vulnerability-check osv asks the OSV API (KRAIT_OSV_URL) and reports a failure as a warning, not an error', async () => {
    const dir = tempProject({ 'requirements.txt': 'requests==2.19.0\n' });
    const saved = process.env.KRAIT_OSV_URL;
    process.env.KRAIT_OSV_URL = 'http://127.0.0.1:9'; // discard port: nothing listens
    try {
      const r = await runCli(['-f', 'json', '--jobs', '1', '--vulnerability-check', 'osv'], dir);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/krait: warning: the OSV vulnerability query failed/);
      expect(JSON.parse(r.stdout).notifications.map((n: { kind: string }) => n.kind)).toContain('vulnerability-check-error');
    } finally {
      if (saved === undefined) delete process.env.KRAIT_OSV_URL;
      else process.env.KRAIT_OSV_URL = saved;
    }
  });

  test('--help and --version', async () => {
    const dir = tempProject();
    expect((await runCli(['--help'], dir)).stdout).toContain('Exit codes:');
    expect((await runCli(['--version'], dir)).stdout).toMatch(/^krait \d+\.\d+\.\d+/);
  });
});
