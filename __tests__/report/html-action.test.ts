// The action's html-report input: run() writes the page inside the workspace and names it in an output.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { run } from '../../src/main.js';
import { tempProject } from '../helpers/temp-project.js';

afterEach(() => {
  vi.unstubAllEnvs();
  process.exitCode = undefined;
});

function stubAction(workspace: string, inputs: Record<string, string>): string {
  const runner = tempProject({ 'output.txt': '', 'summary.md': '' });
  vi.stubEnv('GITHUB_WORKSPACE', workspace);
  vi.stubEnv('GITHUB_OUTPUT', path.join(runner, 'output.txt'));
  vi.stubEnv('GITHUB_STEP_SUMMARY', path.join(runner, 'summary.md'));
  vi.stubEnv('GITHUB_REPOSITORY', 'acme/shop');
  vi.stubEnv('GITHUB_SHA', 'abc123');
  for (const [k, v] of Object.entries({ upload: 'never', jobs: '1', 'fail-on': 'none', ...inputs })) vi.stubEnv(`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v);
  return path.join(runner, 'output.txt');
}

describe('action input html-report', () => {
  test('writes the report relative to the workspace and sets the html-report output', async () => {
    const workspace = tempProject({ 'app/run.py': 'def go(cmd):\n    eval(cmd)\n' });
    const outputs = stubAction(workspace, { 'html-report': 'reports/krait.html' });
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await run();
    } finally {
      write.mockRestore();
    }
    const file = path.join(workspace, 'reports', 'krait.html');
    expect(existsSync(file)).toBe(true);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('Krait security report: acme/shop');
    expect(html).toContain('href="https://github.com/acme/shop/blob/abc123/app/run.py#L2"');
    expect(readFileSync(outputs, 'utf8')).toContain(`html-report<<`);
    expect(readFileSync(outputs, 'utf8')).toContain(file);
    expect(process.exitCode).toBeUndefined();
  });

  test('a path outside the workspace fails the step before scanning', async () => {
    const workspace = tempProject({ 'app/run.py': 'x = 1\n' });
    stubAction(workspace, { 'html-report': '../escape.html' });
    let printed = '';
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed += String(chunk);
      return true;
    });
    try {
      await run();
    } finally {
      write.mockRestore();
    }
    expect(printed).toContain("Input 'html-report' must be a file path inside the workspace");
    expect(process.exitCode).toBe(1);
    expect(existsSync(path.join(workspace, '..', 'escape.html'))).toBe(false);
  });
});
