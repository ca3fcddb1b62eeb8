import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { KRAIT_VERSION } from '../src/version.js';

test('src/version.ts matches package.json', () => {
  const pkg = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string };
  expect(KRAIT_VERSION).toBe(pkg.version);
});

test('every dependency is pinned to an exact version', () => {
  const pkg = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
  for (const section of ['dependencies', 'devDependencies']) {
    for (const [name, version] of Object.entries(pkg[section] ?? {})) expect(version, `${name} in ${section}`).toMatch(/^\d+\.\d+\.\d+$/);
  }
});
