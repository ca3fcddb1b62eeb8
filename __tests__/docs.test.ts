// The rule docs (docs/rules) and README's rule table are generated from the rules; this test fails when they are stale.
// `npm run docs` (UPDATE_DOCS=1) rewrites them.
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { migrationTable, readmeRuleTable, rulePage, rulesIndex } from '../src/report/rule-docs.js';
import { allRules as registry } from '../src/rules/index.js';
import { unusedSuppression } from '../src/rules/unused-suppression.js';

// Every rule that can appear in a report: the registry plus the engine's own unused-suppression.
const allRules = [...registry, unusedSuppression].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const ROOT = path.join(import.meta.dirname, '..');
const DOCS = path.join(ROOT, 'docs', 'rules');
const README = path.join(ROOT, 'README.md');
const update = process.env.UPDATE_DOCS === '1';

function expected(): Map<string, string> {
  const files = new Map<string, string>();
  for (const rule of allRules) files.set(`${rule.id}.md`, rulePage(rule));
  files.set('README.md', rulesIndex(allRules));
  return files;
}

test('docs/rules is current', () => {
  const want = expected();
  if (update) {
    mkdirSync(DOCS, { recursive: true });
    for (const f of readdirSync(DOCS)) if (!want.has(f)) unlinkSync(path.join(DOCS, f));
    for (const [f, body] of want) writeFileSync(path.join(DOCS, f), body);
  }
  const stale: string[] = [];
  for (const [f, body] of want) {
    const file = path.join(DOCS, f);
    if (!existsSync(file) || readFileSync(file, 'utf8') !== body) stale.push(f);
  }
  const extra = existsSync(DOCS) ? readdirSync(DOCS).filter((f) => !want.has(f)) : [];
  expect([...stale, ...extra], 'docs/rules is stale: run `npm run docs`').toEqual([]);
});

function replaceBetween(text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  expect(i >= 0 && j > i, `README.md needs ${start} and ${end} markers`).toBe(true);
  return `${text.slice(0, i + start.length)}\n${body}\n${text.slice(j)}`;
}

test("README's rule and migration tables are current", () => {
  const readme = readFileSync(README, 'utf8');
  const fresh = replaceBetween(replaceBetween(readme, 'rules', readmeRuleTable(allRules)), 'migration', migrationTable(allRules));
  if (update) writeFileSync(README, fresh);
  expect(readFileSync(README, 'utf8') === fresh, "README.md's generated tables are stale: run `npm run docs`").toBe(true);
});
