// Teams migrating from Bandit or Ruff find every check they rely on: each active id maps to an implemented rule.
import { expect, test } from 'vitest';
import { BANDIT_ACTIVE_IDS, RUFF_ACTIVE_CODES } from '../../src/compat-ids.js';
import { allRules } from '../../src/rules/index.js';

test('the id lists hold 75 Bandit ids and 71 Ruff codes', () => {
  expect(new Set(BANDIT_ACTIVE_IDS).size).toBe(75);
  expect(new Set(RUFF_ACTIVE_CODES).size).toBe(71);
});

test('every active Bandit id is in the compatible metadata of a rule', () => {
  const covered = new Set(allRules.flatMap((r) => r.compatible.bandit ?? []));
  expect(BANDIT_ACTIVE_IDS.filter((id) => !covered.has(id))).toEqual([]);
});

test('every active Ruff S code is in the compatible metadata of a rule', () => {
  const covered = new Set(allRules.flatMap((r) => r.compatible.ruff ?? []));
  expect(RUFF_ACTIVE_CODES.filter((code) => !covered.has(code))).toEqual([]);
});

test('rules only claim ids that exist', () => {
  const bandit = new Set(BANDIT_ACTIVE_IDS);
  const ruff = new Set(RUFF_ACTIVE_CODES);
  for (const r of allRules) {
    for (const b of r.compatible.bandit ?? []) expect(bandit.has(b), `${r.id}: ${b}`).toBe(true);
    for (const s of r.compatible.ruff ?? []) expect(ruff.has(s), `${r.id}: ${s}`).toBe(true);
  }
});
