import { expect, test } from 'vitest';
import { defineRule } from '../../src/engine/rule.js';
import { loadPython } from '../../src/parser/python.js';
import { ruleById } from '../../src/rules/index.js';
import { scanText } from '../../src/scan.js';

test("inTestCode 'silent' drops findings in test code and keeps them elsewhere", async () => {
  const parser = await loadPython();
  const base = ruleById.get('eval-nonconstant')!;
  const silent = defineRule({ ...base, inTestCode: 'silent' });
  for (const file of ['tests/test_app.py', 'pkg/test_util.py', 'conftest.py']) {
    expect(scanText(parser, file, 'eval(user)\n', [silent]).findings).toEqual([]);
  }
  expect(scanText(parser, 'app/views.py', 'eval(user)\n', [silent]).findings.map((f) => f.level)).toEqual(['warning']);
});

test('assert-as-security-check is silent in test code', async () => {
  const parser = await loadPython();
  const rule = ruleById.get('assert-as-security-check')!;
  const source = 'def view(request):\n    assert request.user.is_authenticated\n';
  expect(scanText(parser, 'tests/test_views.py', source, [rule]).findings).toEqual([]);
  expect(scanText(parser, 'app/views.py', source, [rule]).findings).toHaveLength(1);
});
