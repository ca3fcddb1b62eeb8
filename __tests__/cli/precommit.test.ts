// The pre-commit hook run as pre-commit runs it: its entry (the package's `krait` bin) with the staged file names.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { tempProject } from '../helpers/temp-project.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Hook {
  id: string;
  entry: string;
  language: string;
  args: string[];
  types: string[];
  requireSerial: boolean;
}

/** Reads the one hook of .pre-commit-hooks.yaml (a flat list of `key: value` mappings; flow lists for types/args). */
function readHook(): Hook {
  const text = readFileSync(path.join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8');
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^(?:- )?\s*([a-z_]+):\s*(.*)$/.exec(line);
    if (m && !line.trimStart().startsWith('#')) fields.set(m[1]!, m[2]!.trim());
  }
  const list = (v: string | undefined) =>
    v ? v.replace(/^\[|\]$/g, '').split(',').map((s) => s.trim().replace(/^['"]|['"]$/g, '')).filter(Boolean) : [];
  return {
    id: fields.get('id') ?? '',
    entry: fields.get('entry') ?? '',
    language: fields.get('language') ?? '',
    args: list(fields.get('args')),
    types: list(fields.get('types_or') ?? fields.get('types')),
    requireSerial: fields.get('require_serial') === 'true',
  };
}

/** The file the entry names: pre-commit installs the package and runs its bin of that name. */
function binFor(entry: string): string {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { bin?: Record<string, string> };
  const [command] = entry.split(/\s+/);
  const bin = pkg.bin?.[command!];
  if (!bin) throw new Error(`package.json has no bin named ${command}`);
  return path.join(repoRoot, bin);
}

/** Which staged files pre-commit would pass for the hook's `types_or` (identify's tags by extension). */
function matchesTypes(file: string, types: readonly string[]): boolean {
  const tags: Record<string, RegExp> = { python: /\.pyw?$|\.pyi$/, pyi: /\.pyi$/, jupyter: /\.ipynb$/ };
  return types.some((t) => tags[t]?.test(file));
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Krait Test', '-c', 'user.email=test@example.invalid', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
  });
}

/** Stages the files in a fresh repository and runs the hook on them the way pre-commit would. */
function runHook(files: Record<string, string>) {
  const dir = tempProject();
  git(dir, 'init', '-q');
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  git(dir, 'add', '--', ...Object.keys(files));
  const hook = readHook();
  const staged = git(dir, 'diff', '--cached', '--name-only', '--diff-filter=ACMR', '-z').split('\0').filter(Boolean);
  const passed = staged.filter((f) => matchesTypes(f, hook.types));
  const [, ...entryArgs] = hook.entry.split(/\s+/);
  const run = spawnSync(process.execPath, [binFor(hook.entry), ...entryArgs, ...hook.args, ...passed], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { ...run, passed };
}

const bundle = path.join(repoRoot, 'dist', 'cli.js');

describe('.pre-commit-hooks.yaml', () => {
  test('declares the krait hook for Python and notebooks, run once over all staged files', () => {
    const hook = readHook();
    expect(hook).toMatchObject({ id: 'krait', entry: 'krait', language: 'node', requireSerial: true });
    expect(hook.types).toEqual(expect.arrayContaining(['python', 'jupyter']));
    expect(existsSync(binFor(hook.entry))).toBe(true);
    expect(readFileSync(binFor(hook.entry), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  test.skipIf(!existsSync(bundle))('a staged vulnerable file fails the hook and names the finding', () => {
    const run = runHook({
      'app/fetch.py': 'import requests\n\ndef fetch(url):\n    return requests.get(url, verify=False, timeout=10)\n',
      'app/clean.py': 'x = 1\n',
      'README.md': '# not Python\n',
    });
    expect(run.passed.sort()).toEqual(['app/clean.py', 'app/fetch.py']);
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toContain('app/fetch.py:4:');
    expect(run.stdout).toContain('[cert-validation-disabled]');
    expect(run.stdout).toMatch(/Krait: 1 finding .* in 2 files/);
  });

  test.skipIf(!existsSync(bundle))('clean staged files pass the hook', () => {
    const run = runHook({ 'app/clean.py': 'import json\n\nprint(json.dumps({"a": 1}))\n' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Krait: 0 findings');
  });
});
