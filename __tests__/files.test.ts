import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { findFiles } from '../src/files.js';
import { tempProject } from './helpers/temp-project.js';

describe('findFiles', () => {
  test('default pattern finds Python files, skips built-in excludes and virtualenvs', async () => {
    const dir = tempProject({
      'app/main.py': 'x = 1\n',
      'app/gui.pyw': 'x = 1\n',
      'app/types.pyi': 'x: int\n',
      'README.md': '',
      '.git/hooks/pre-commit.py': '',
      '.venv/lib/a.py': '',
      'venv/lib/b.py': '',
      'lib/python3.11/site-packages/c.py': '',
      'node_modules/d/e.py': '',
      'pkg/__pycache__/f.py': '',
      '.tox/py311/g.py': '',
      '.nox/s/h.py': '',
      '.eggs/i.py': '',
      'myenv/pyvenv.cfg': 'home = /usr/bin\n',
      'myenv/lib/j.py': '',
    });
    const { files, notifications } = await findFiles({ workspace: dir, patterns: ['**/*.py'] });
    expect(files).toEqual(['app/main.py']);
    expect(notifications).toEqual([]);
  });

  test('user excludes: folder names at any depth, globs and negated patterns', async () => {
    const dir = tempProject({ 'src/a.py': '', 'src/tests/t.py': '', 'tests/u.py': '', 'legacy/old.py': '', 'gen/x_pb2.py': '' });
    const { files } = await findFiles({ workspace: dir, patterns: ['**/*.py', '!legacy/**'], excludes: ['tests', '**/*_pb2.py'] });
    expect(files).toEqual(['src/a.py']);
  });

  test('a directory named foo.py is not read as a file', async () => {
    const dir = tempProject({ 'foo.py/inner.py': 'x = 1\n', 'b.py': '' });
    const { files, notifications } = await findFiles({ workspace: dir, patterns: ['**/*.py'] });
    expect(files).toEqual(['b.py', 'foo.py/inner.py']);
    expect(notifications).toEqual([]);
  });

  test('a symlink that leads outside the workspace is refused, never read', async () => {
    const outside = tempProject({ 'secret.py': 'PASSWORD = "x"\n' });
    const dir = tempProject({ 'ok.py': '' });
    symlinkSync(path.join(outside, 'secret.py'), path.join(dir, 'leak.py'));
    const { files, notifications } = await findFiles({ workspace: dir, patterns: ['**/*.py'] });
    expect(files).toEqual(['ok.py']);
    expect(notifications).toHaveLength(1);
    expect(notifications[0]!.kind).toBe('path-refused');
    expect(notifications[0]!.message).toContain('outside the workspace');
  });

  test('a symlink inside the workspace resolves to the real file once', async () => {
    const dir = tempProject({ 'real/a.py': '' });
    symlinkSync(path.join(dir, 'real', 'a.py'), path.join(dir, 'alias.py'));
    const { files } = await findFiles({ workspace: dir, patterns: ['**/*.py'] });
    expect(files).toEqual(['real/a.py']);
  });

  test('looping and broken symlinks are reported, not fatal', async () => {
    const dir = tempProject({ 'a.py': '' });
    symlinkSync(path.join(dir, 'loop1.py'), path.join(dir, 'loop2.py'));
    symlinkSync(path.join(dir, 'loop2.py'), path.join(dir, 'loop1.py'));
    symlinkSync(path.join(dir, 'missing.py'), path.join(dir, 'broken.py'));
    const { files, notifications } = await findFiles({ workspace: dir, patterns: ['**/*.py'] });
    expect(files).toEqual(['a.py']);
    expect(notifications.map((n) => n.path).sort()).toEqual(['broken.py', 'loop1.py', 'loop2.py']);
  });

  test('patterns with ../ or an absolute path outside the workspace are refused', async () => {
    const outside = tempProject({ 'x.py': '' });
    const dir = tempProject({ 'in.py': '' });
    const { files, notifications } = await findFiles({ workspace: dir, patterns: ['../**/*.py', `${outside}/*.py`, 'in.py'] });
    expect(files).toEqual(['in.py']);
    expect(notifications.map((n) => n.kind)).toEqual(['path-refused', 'path-refused']);
    expect(notifications[0]!.message).toContain("'../**/*.py'");
  });

  test('an absolute pattern inside the workspace works and paths come out repo-relative', async () => {
    const dir = tempProject({ 'src/pkg/m.py': '' });
    const { files } = await findFiles({ workspace: dir, patterns: [`${dir}/src/**/*.py`] });
    expect(files).toEqual(['src/pkg/m.py']);
  });

  test('odd file names: spaces, quotes, newlines, non-ASCII', async () => {
    const names = ['my app.py', "it's.py", 'caf\u00e9.py', 'new\nline.py', '"q".py'];
    const dir = tempProject(Object.fromEntries(names.map((n) => [n, 'x = 1\n'])));
    const { files } = await findFiles({ workspace: dir, patterns: ['**/*.py'] });
    expect(files).toEqual([...names].sort());
  });

  test('patterns that match nothing give no files and no error', async () => {
    const dir = tempProject({ 'a.txt': '' });
    const { files } = await findFiles({ workspace: dir, patterns: ['src/**/*.py'] });
    expect(files).toEqual([]);
  });

  test('a folder without read permission does not crash the search', async () => {
    if (process.getuid?.() === 0) return; // root reads everything; the scan-level test covers unreadable files
    const dir = tempProject({ 'locked/a.py': '', 'b.py': '' });
    chmodSync(path.join(dir, 'locked'), 0o000);
    try {
      await expect(findFiles({ workspace: dir, patterns: ['**/*.py'] })).resolves.toBeDefined();
    } finally {
      chmodSync(path.join(dir, 'locked'), 0o755);
    }
  });

  test('an explicitly named file without a .py extension is scanned', async () => {
    const dir = tempProject({ 'bin/tool': '#!/usr/bin/env python3\nx = 1\n' });
    mkdirSync(path.join(dir, 'empty'));
    writeFileSync(path.join(dir, 'bin', 'other'), '');
    const { files } = await findFiles({ workspace: dir, patterns: ['bin/tool'] });
    expect(files).toEqual(['bin/tool']);
  });
});
