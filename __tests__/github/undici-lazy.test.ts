// The bundle maps `undici` to src/vendor/undici-lazy.cjs (tsconfig.json paths), so that start-up does not evaluate
// undici. The stand-in must behave as the package itself once used, and must not load it before.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const require = createRequire(import.meta.url);
const shimPath = path.resolve(__dirname, '../../src/vendor/undici-lazy.cjs');
const realPath = require.resolve('undici/index.js');

describe('undici stand-in', () => {
  test('loading it does not load undici; reading an export gives the package\'s own', () => {
    delete require.cache[shimPath];
    delete require.cache[realPath];
    const shim = require(shimPath) as Record<string, unknown>;
    expect(require.cache[realPath]).toBeUndefined();
    // Interop asks this first; the answer must not load the package either.
    expect(shim.__esModule).toBe(false);
    expect(require.cache[realPath]).toBeUndefined();
    const real = require(realPath) as Record<string, unknown>;
    expect(shim.ProxyAgent).toBe(real.ProxyAgent);
    expect(shim.fetch).toBe(real.fetch);
    expect('Agent' in shim).toBe(true);
    expect(Object.keys(shim).sort()).toEqual(Object.keys(real).sort());
  });

  test('the committed bundles reach undici only through the stand-in', () => {
    for (const bundle of ['index.js', 'cli.js']) {
      const text = readFileSync(path.resolve(__dirname, '../../dist', bundle), 'utf8');
      // Every import of the package resolves to the stand-in; the package itself is required only from there.
      expect(text).toContain('// EXTERNAL MODULE: ./src/vendor/undici-lazy.cjs');
      expect(text).not.toContain('// EXTERNAL MODULE: ./node_modules/undici/index.js');
    }
  });
});
