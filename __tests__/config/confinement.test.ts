// Settings files are read only from inside the workspace: a hostile checkout may symlink .krait.toml, pyproject.toml
// or a baseline to a file elsewhere on the runner, and the action's config and baseline inputs may name one.
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runScan } from '../../src/pipeline.js';
import { tempProject } from '../helpers/temp-project.js';

// Would change the run (and show up in messages) if it were ever read.
const OUTSIDE_TOML = 'ignore = ["outside-marker-rule"]\n[tool.krait]\nignore = ["outside-marker-rule"]\n';

function scan(workspace: string, extra: Parameters<typeof runScan>[0] extends infer O ? Partial<O> : never = {}) {
  return runScan({ workspace, patterns: ['**/*.py'], excludes: [], jobs: 1, ...extra });
}

describe('configuration and baseline files stay inside the workspace', () => {
  test('.krait.toml or pyproject.toml that is a symlink out of the workspace is refused with a clear message, never read', async () => {
    for (const name of ['.krait.toml', 'pyproject.toml']) {
      const outside = tempProject({ 'settings.toml': OUTSIDE_TOML });
      const ws = tempProject({ 'a.py': 'eval(x)\n' });
      symlinkSync(path.join(outside, 'settings.toml'), path.join(ws, name));
      const error = await scan(ws).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error?.name, name).toBe('ConfigError');
      expect(error!.message).toBe(`${name} is a link to ${path.join(outside, 'settings.toml')}, outside the workspace; Krait only reads files inside it.`);
      expect(error!.message).not.toContain('outside-marker-rule');
    }
  });

  test('a symlinked .krait.toml inside the workspace is still read', async () => {
    const ws = tempProject({ 'conf/krait.toml': 'fail-on = "note"\n', 'a.py': 'x = 1\n' });
    symlinkSync(path.join(ws, 'conf', 'krait.toml'), path.join(ws, '.krait.toml'));
    const r = await scan(ws);
    expect(r.config.failOn).toBe('note');
  });

  test("the action's config and baseline inputs: outside by path or through a symlink, refused", async () => {
    const outside = tempProject({ 'cfg.toml': OUTSIDE_TOML, 'base.json': '{"version":1,"findings":[]}' });
    const ws = tempProject({ 'a.py': 'eval(x)\n' });
    symlinkSync(path.join(outside, 'cfg.toml'), path.join(ws, 'cfg.toml'));
    symlinkSync(path.join(outside, 'base.json'), path.join(ws, 'base.json'));
    const action = { confineConfig: true, configName: "Input 'config'", baselineName: "Input 'baseline'" };
    await expect(scan(ws, { ...action, configFile: path.join(outside, 'cfg.toml') })).rejects.toThrow(/^Input 'config' names .*cfg\.toml, which is outside the workspace/);
    await expect(scan(ws, { ...action, configFile: 'cfg.toml' })).rejects.toThrow(`Input 'config' (cfg.toml) is a link to ${path.join(outside, 'cfg.toml')}, outside the workspace`);
    await expect(scan(ws, { ...action, baselineFile: '../base.json' })).rejects.toThrow("Input 'baseline' (../base.json) is outside the workspace; Krait only reads files inside it.");
    await expect(scan(ws, { ...action, baselineFile: path.join(outside, 'base.json') })).rejects.toThrow(/^Input 'baseline' \(.*base\.json\) is outside the workspace/);
    await expect(scan(ws, { ...action, baselineFile: 'base.json' })).rejects.toThrow(`Input 'baseline' (base.json) is a link to ${path.join(outside, 'base.json')}, outside the workspace`);
  });

  test('the CLI (not confined) still reads a --config or --baseline its user names anywhere', async () => {
    const outside = tempProject({ 'cfg.toml': 'fail-on = "note"\n', 'base.json': '{"version":1,"findings":[]}' });
    const ws = tempProject({ 'a.py': 'x = 1\n' });
    const r = await scan(ws, { configFile: path.join(outside, 'cfg.toml'), baselineFile: path.join(outside, 'base.json') });
    expect(r.config.failOn).toBe('note');
    expect(r.baseline).toEqual({ newFindings: 0, unchanged: 0, absent: 0 });
  });
});
