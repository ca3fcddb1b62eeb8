// dist/licenses.txt names the licence of every package whose code ships in dist/: the runtime dependencies, every
// package the bundles pull in (ncc records them as node_modules/<name> paths) and the packages the WASM files come
// from (ncc only follows JavaScript imports, so it does not see those on its own).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = path.join(import.meta.dirname, '..');
const DIST = path.join(ROOT, 'dist');

interface Entry {
  license: string;
  text: string;
}

/** ncc's format: `name`, `licence id`, the licence text, a blank line before the next name. */
function parseLicenses(text: string): Map<string, Entry> {
  const lines = text.split('\n');
  const starts: number[] = [];
  for (let i = 0; i < lines.length - 1; i++) {
    if ((i === 0 || lines[i - 1] === '') && /^(@[a-z0-9._-]+\/)?[a-z0-9._-]+$/.test(lines[i]!) && /^[A-Za-z0-9.+-]+(?: (?:OR|AND) [A-Za-z0-9.+-]+)*$|^\(.+\)$/.test(lines[i + 1]!)) starts.push(i);
  }
  const out = new Map<string, Entry>();
  starts.forEach((start, k) => {
    const end = starts[k + 1] ?? lines.length;
    out.set(lines[start]!, { license: lines[start + 1]!, text: lines.slice(start + 2, end).join('\n').trim() });
  });
  return out;
}

function packageJson(name: string): { license?: string } {
  return JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { license?: string };
}

/** Packages the JS bundles contain code from. */
function bundledPackages(): Set<string> {
  const names = new Set<string>();
  for (const bundle of ['index.js', 'cli.js']) {
    const text = readFileSync(path.join(DIST, bundle), 'utf8');
    for (const m of text.matchAll(/node_modules\/((?:@[a-z0-9._-]+\/)?[a-z0-9._-]+)/g)) names.add(m[1]!);
  }
  return names;
}

/** For each .wasm file in dist/, the runtime dependency that ships a byte-identical copy. */
function wasmSources(dependencies: string[]): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const wasm of readdirSync(DIST).filter((f) => f.endsWith('.wasm'))) {
    const bytes = readFileSync(path.join(DIST, wasm));
    const owner = dependencies.find((dep) => {
      const dir = path.join(ROOT, 'node_modules', dep);
      const stack = [dir];
      while (stack.length) {
        const d = stack.pop()!;
        for (const e of readdirSync(d, { withFileTypes: true })) {
          if (e.isDirectory() && e.name !== 'node_modules') stack.push(path.join(d, e.name));
          else if (e.isFile() && e.name === wasm && readFileSync(path.join(d, e.name)).equals(bytes)) return true;
        }
      }
      return false;
    });
    out.set(wasm, owner);
  }
  return out;
}

describe('dist/licenses.txt', () => {
  const licenses = parseLicenses(readFileSync(path.join(DIST, 'licenses.txt'), 'utf8'));
  const dependencies = Object.keys((JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies).sort();

  test('names the packages the issue lists, each with its licence text', () => {
    for (const name of ['web-tree-sitter', 'tree-sitter-python', '@actions/core', '@actions/github', '@actions/glob', 'smol-toml', 'picomatch', 'fastest-levenshtein']) {
      expect(licenses.has(name), `${name} is missing from dist/licenses.txt`).toBe(true);
    }
  });

  test('every runtime dependency, every package bundled into index.js or cli.js and the source of each WASM file has an entry', () => {
    const wasm = wasmSources(dependencies);
    for (const [file, owner] of wasm) expect(owner, `no runtime dependency ships dist/${file}`).toBeDefined();
    const required = new Set([...dependencies, ...bundledPackages(), ...[...wasm.values()].filter((o): o is string => !!o)]);
    const missing = [...required].filter((name) => !licenses.has(name)).sort();
    expect(missing, 'packages whose code ships in dist/ but whose licence is not in dist/licenses.txt').toEqual([]);
  });

  test('each entry has a licence id matching the package and a non-empty licence text', () => {
    for (const [name, entry] of licenses) {
      expect(entry.text.length, `${name} has no licence text`).toBeGreaterThan(20);
      if (existsSync(path.join(ROOT, 'node_modules', name, 'package.json'))) expect(entry.license, name).toBe(packageJson(name).license);
    }
  });
});
