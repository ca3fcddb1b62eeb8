// Meta-tests over the whole rule registry: ids, files, metadata, docs and fixtures are complete and consistent.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { CHECKLIST_SECTIONS } from '../../src/checklist.js';
import { FAMILIES } from '../../src/engine/rule.js';
import { loadPython } from '../../src/parser/python.js';
import { allRules } from '../../src/rules/index.js';
import { scanText } from '../../src/scan.js';
import { parseAnnotations } from '../helpers/fixture-annotations.js';
import { testAdvisories } from '../helpers/fake-osv.js';
import { scanManifestText } from '../../src/manifest-scan.js';
import { manifestFormat } from '../../src/manifests/manifest-files.js';

const ROOT = path.join(import.meta.dirname, '..', '..');
const RULES_DIR = path.join(ROOT, 'src', 'rules');
const FIXTURES = path.join(ROOT, '__tests__', 'fixtures', 'rules');
const MANIFEST_FIXTURES = path.join(ROOT, '__tests__', 'fixtures', 'manifests');

test('rule ids are unique kebab-case', () => {
  const ids = allRules.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
});

test('every rule lives in src/rules/<family>/<id>.ts and every rule file is registered', () => {
  const registered = new Set(allRules.map((r) => `${r.family}/${r.id}.ts`));
  for (const file of registered) expect(existsSync(path.join(RULES_DIR, file)), file).toBe(true);
  for (const family of readdirSync(RULES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    expect(FAMILIES as readonly string[]).toContain(family.name);
    for (const f of readdirSync(path.join(RULES_DIR, family.name)).filter((n) => n.endsWith('.ts'))) {
      expect(registered.has(`${family.name}/${f}`), `${family.name}/${f} is not in src/rules/index.ts`).toBe(true);
    }
  }
});

describe.each(allRules.map((r) => [r.id, r] as const))('%s', (id, rule) => {
  test('metadata is complete', () => {
    expect(rule.title.length).toBeGreaterThan(10);
    expect(rule.title.length).toBeLessThanOrEqual(255);
    expect(rule.checklist.length).toBeGreaterThan(0);
    for (const s of rule.checklist) expect(CHECKLIST_SECTIONS as readonly string[]).toContain(s);
    expect(['error', 'warning', 'note']).toContain(rule.level);
    expect(rule.securitySeverity).toBeGreaterThan(0);
    expect(rule.securitySeverity).toBeLessThanOrEqual(10);
    expect(['very-high', 'high', 'medium', 'low']).toContain(rule.precision);
    expect(['default', 'extended', 'audit']).toContain(rule.tier);
    expect(rule.cwe.length).toBeGreaterThan(0);
    for (const c of rule.cwe) expect(Number.isInteger(c) && c > 0).toBe(true);
    for (const b of rule.compatible.bandit ?? []) expect(b).toMatch(/^B\d{3}$/);
    for (const r of rule.compatible.ruff ?? []) expect(r).toMatch(/^S\d{3}$/);
    expect(Object.keys(rule.visitors).length > 0 || rule.manifest !== undefined, 'a rule needs visitors or a manifest check').toBe(true);
  });

  test('docs are written', () => {
    const d = rule.docs;
    expect(d.whatItDoes.length).toBeGreaterThan(40);
    expect(d.whyBad.length).toBeGreaterThan(40);
    expect(d.example.trim().length).toBeGreaterThan(0);
    expect(d.useInstead.trim().length).toBeGreaterThan(0);
    expect(d.references.length).toBeGreaterThan(0);
    for (const ref of d.references) expect(ref).toMatch(/^https:\/\//);
  });

  test('docs.example fires the rule and docs.useInstead does not', async () => {
    const parser = await loadPython();
    // Manifest examples are checked as the manifest they are written as (with the test advisory database).
    const file = rule.docs.exampleFile;
    const check = async (text: string) =>
      file && manifestFormat(file) ? scanManifestText(file, text, [rule], { advisories: testAdvisories() }) : scanText(parser, 'app/example.py', text, [rule]);
    const bad = await check(rule.docs.example);
    const good = await check(rule.docs.useInstead);
    expect(file === undefined || manifestFormat(file) !== undefined, `exampleFile ${file} is not a manifest name`).toBe(true);
    expect(bad.notifications.filter((n) => n.kind === 'manifest-error').map((n) => n.message), `example of ${id} is not a valid manifest`).toEqual([]);
    expect(bad.findings.length, `example of ${id} did not fire`).toBeGreaterThan(0);
    expect(good.findings.map((f) => f.message), `useInstead of ${id} fired`).toEqual([]);
  });

  test('fixture has positive and negative lines', () => {
    if (rule.manifest) expect(existsSync(path.join(MANIFEST_FIXTURES, id)), `manifest fixture folder for ${id}`).toBe(true);
    if (Object.keys(rule.visitors).length === 0) return; // a manifest-only rule: its fixtures are manifests
    const file = path.join(FIXTURES, `${id}.py`);
    expect(existsSync(file), file).toBe(true);
    const annotations = parseAnnotations(readFileSync(file, 'utf8')).filter((a) => a.ruleId === id);
    expect(annotations.some((a) => a.kind === 'expect')).toBe(true);
    expect(annotations.some((a) => a.kind === 'ok')).toBe(true);
  });
});

test('fixture files belong to registered rules', () => {
  const ids = new Set(allRules.map((r) => r.id));
  for (const f of readdirSync(FIXTURES).filter((n) => n.endsWith('.py'))) expect(ids.has(f.replace(/\.py$/, '')), f).toBe(true);
  const manifestIds = new Set(allRules.filter((r) => r.manifest).map((r) => r.id));
  for (const d of readdirSync(MANIFEST_FIXTURES, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'osv')) {
    expect(manifestIds.has(d.name), `__tests__/fixtures/manifests/${d.name} has no manifest rule`).toBe(true);
  }
});
