// Builds dist/: the action bundle (index.js), the CLI bundle (cli.js) and both WASM files. No shell involved.
// `--out DIR` builds into DIR instead (a scratch build to try a change without touching the committed dist/).
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const ncc = require.resolve('@vercel/ncc/dist/ncc/cli.js');
const outAt = process.argv.indexOf('--out');
const dist = outAt > 0 && process.argv[outAt + 1] ? path.resolve(process.argv[outAt + 1]) : path.join(root, 'dist');
const scratch = path.join(root, '.tmp', 'build-cli');

// --no-cache: with its build cache ncc numbered some imports differently from a cold build (CI builds cold), so dist/
// was not reproducible.
function bundle(entry, outDir, extra = []) {
  execFileSync(process.execPath, [ncc, 'build', entry, '-o', outDir, '-q', '--no-cache', ...extra], { cwd: root, stdio: 'inherit' });
}

/**
 * Writes every non-ASCII character of a bundle as a `\\uXXXX` escape. A pure-ASCII file is decoded on Node's fast
 * path and kept by V8 as a one-byte string; a few hundred `…` and `—` in messages made the whole 3 MB bundle
 * two-byte and cost ~50 ms of start-up. The escapes mean the same in strings, templates, regular expressions,
 * identifiers and comments (the bundles use no String.raw).
 */
function asciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  if (text.includes('String.raw')) throw new Error(`${file} uses String.raw: escaping non-ASCII characters could change it`);
  writeFileSync(file, text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

rmSync(dist, { recursive: true, force: true });
rmSync(scratch, { recursive: true, force: true });
bundle('src/index.ts', dist, ['--license', 'licenses.txt']);
bundle('src/cli-entry.ts', scratch);
const cli = readFileSync(path.join(scratch, 'index.js'), 'utf8');
writeFileSync(path.join(dist, 'cli.js'), cli.startsWith('#!') ? cli : `#!/usr/bin/env node\n${cli}`);
chmodSync(path.join(dist, 'cli.js'), 0o755);
asciiOnly(path.join(dist, 'index.js'));
asciiOnly(path.join(dist, 'cli.js'));
rmSync(scratch, { recursive: true, force: true });
copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), path.join(dist, 'web-tree-sitter.wasm'));
copyFileSync(path.join(path.dirname(require.resolve('tree-sitter-python/package.json')), 'tree-sitter-python.wasm'), path.join(dist, 'tree-sitter-python.wasm'));
// ncc --license only sees JavaScript imports: add the packages the WASM files come from.
const licensesFile = path.join(dist, 'licenses.txt');
let licenses = readFileSync(licensesFile, 'utf8').trimEnd();
const licenseLines = licenses.split('\n');
for (const pkg of ['web-tree-sitter', 'tree-sitter-python']) {
  if (licenseLines.some((line, i) => line === pkg && (i === 0 || licenseLines[i - 1] === ''))) continue;
  const dir = path.dirname(require.resolve(`${pkg}/package.json`));
  const { license } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const file = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
  licenses += `\n\n${pkg}\n${license}\n${file ? readFileSync(path.join(dir, file), 'utf8').trim() : '(no licence file in the package)'}`;
}
writeFileSync(licensesFile, `${licenses}\n`);
mkdirSync(dist, { recursive: true });
console.log('dist/ rebuilt: index.js, cli.js, web-tree-sitter.wasm, tree-sitter-python.wasm');
