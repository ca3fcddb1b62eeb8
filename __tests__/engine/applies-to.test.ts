// Rule.appliesTo: a rule whose per-file gate says no gets no visitor calls; every gate in the catalogue is sound on the fixtures.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { defineRule, type Rule } from '../../src/engine/rule.js';
import { loadPython } from '../../src/parser/python.js';
import { allRules } from '../../src/rules/index.js';
import { scanText } from '../../src/scan.js';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'rules');

function probe(gate: boolean): { rule: Rule; calls: string[]; gates: number } {
  const calls: string[] = [];
  const state = { gates: 0 };
  const rule = defineRule({
    ...allRules.find((r) => r.id === 'eval-nonconstant')!,
    id: 'probe',
    appliesTo: () => {
      state.gates++;
      return gate;
    },
    visitors: {
      call: (node, ctx) => {
        calls.push(node.text);
        ctx.report(node, 'probe');
      },
      module: () => calls.push('module'),
    },
  });
  return {
    rule,
    calls,
    get gates() {
      return state.gates;
    },
  };
}

test('a rule whose appliesTo returns false gets no visitor calls; true keeps every call', async () => {
  const parser = await loadPython();
  const source = 'import os\nos.system(cmd)\nprint(1)\n';
  const off = probe(false);
  expect(scanText(parser, 'app.py', source, [off.rule]).findings).toEqual([]);
  expect(off.calls).toEqual([]);
  expect(off.gates).toBe(1);
  const on = probe(true);
  expect(scanText(parser, 'app.py', source, [on.rule]).findings).toHaveLength(2);
  expect(on.calls).toEqual(['module', 'os.system(cmd)', 'print(1)']);
  expect(on.gates).toBe(1);
});

test('a gate that says no for one rule leaves the other rules of the file alone', async () => {
  const parser = await loadPython();
  const off = probe(false);
  const on = probe(true);
  const other = defineRule({ ...on.rule, id: 'probe-2' });
  const { findings } = scanText(parser, 'app.py', 'f(x)\n', [off.rule, other]);
  expect(findings.map((f) => f.ruleId)).toEqual(['probe-2']);
  expect(off.calls).toEqual([]);
});

test('a gate that throws is a rule error and skips only that rule', async () => {
  const parser = await loadPython();
  const throwing = defineRule({
    ...probe(true).rule,
    id: 'probe-throws',
    appliesTo: () => {
      throw new Error('boom');
    },
  });
  const on = probe(true);
  const result = scanText(parser, 'app.py', 'f(x)\n', [throwing, on.rule]);
  expect(result.findings.map((f) => f.ruleId)).toEqual(['probe']);
  expect(result.notifications.some((n) => n.kind === 'rule-error')).toBe(true);
});

test('every appliesTo gate is sound on every rule fixture: findings equal those of the rule without its gate', async () => {
  const parser = await loadPython();
  const files = readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.py'))
    .map((f) => f.replace(/\\/g, '/'))
    .sort();
  const gated = allRules.filter((r) => r.appliesTo);
  expect(gated.length).toBeGreaterThan(0);
  const ungated = gated.map((r) => defineRule({ ...r, appliesTo: undefined }));
  for (const name of files) {
    const source = readFileSync(path.join(FIXTURES, name), 'utf8');
    const rel = `__tests__/fixtures/rules/${name}`;
    const key = (f: { ruleId: string; region: { startLine: number; startColumn: number }; message: string }) => `${f.ruleId}:${f.region.startLine}:${f.region.startColumn}:${f.message}`;
    const withGate = scanText(parser, rel, source, gated).findings.map(key).sort();
    const without = scanText(parser, rel, source, ungated).findings.map(key).sort();
    expect(withGate, name).toEqual(without);
  }
});
