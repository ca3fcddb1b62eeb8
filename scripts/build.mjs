// Builds dist/: the action bundle (index.js), the CLI bundle (cli.js) and both WASM files. No shell involved.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const ncc = require.resolve('@vercel/ncc/dist/ncc/cli.js');
const dist = path.join(root, 'dist');
const scratch = path.join(root, '.tmp', 'build-cli');

function bundle(entry, outDir, extra = []) {
  execFileSync(process.execPath, [ncc, 'build', entry, '-o', outDir, '-q', ...extra], { cwd: root, stdio: 'inherit' });
}

rmSync(dist, { recursive: true, force: true });
rmSync(scratch, { recursive: true, force: true });
bundle('src/index.ts', dist, ['--license', 'licenses.txt']);
bundle('src/cli-entry.ts', scratch);
const cli = readFileSync(path.join(scratch, 'index.js'), 'utf8');
writeFileSync(path.join(dist, 'cli.js'), cli.startsWith('#!') ? cli : `#!/usr/bin/env node\n${cli}`);
chmodSync(path.join(dist, 'cli.js'), 0o755);
rmSync(scratch, { recursive: true, force: true });
copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), path.join(dist, 'web-tree-sitter.wasm'));
copyFileSync(path.join(path.dirname(require.resolve('tree-sitter-python/package.json')), 'tree-sitter-python.wasm'), path.join(dist, 'tree-sitter-python.wasm'));
mkdirSync(dist, { recursive: true });
console.log('dist/ rebuilt: index.js, cli.js, web-tree-sitter.wasm, tree-sitter-python.wasm');
