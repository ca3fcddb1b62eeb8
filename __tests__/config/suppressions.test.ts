import { describe, expect, test } from 'vitest';
import { parseSuppressionComment } from '../../src/suppressions.js';
import { runScan } from '../../src/pipeline.js';
import { tempProject } from '../helpers/temp-project.js';

describe('parseSuppressionComment', () => {
  test('Krait comments with ids and a reason', () => {
    expect(parseSuppressionComment('# krait: ignore[sql-injection, xxe] -- table name comes from an enum')).toEqual([
      { kind: 'krait', ids: ['sql-injection', 'xxe'], reason: 'table name comes from an enum' },
    ]);
    expect(parseSuppressionComment('#krait:ignore')).toEqual([{ kind: 'krait' }]);
  });
  test('other tools’ comments, several in one', () => {
    expect(parseSuppressionComment('# noqa: S603, E501  # nosec B603')).toEqual([
      { kind: 'nosec', ids: ['B603'] },
      { kind: 'noqa', ids: ['S603', 'E501'] },
    ]);
    expect(parseSuppressionComment('# nosec')).toEqual([{ kind: 'nosec' }]);
    expect(parseSuppressionComment('# noqa')).toEqual([{ kind: 'noqa' }]);
    expect(parseSuppressionComment('# nosemgrep: python.lang.security.audit.sql-injection')).toEqual([{ kind: 'nosemgrep', ids: ['python.lang.security.audit.sql-injection'] }]);
    expect(parseSuppressionComment('# lgtm[py/sql-injection]')).toEqual([{ kind: 'lgtm', ids: ['py/sql-injection'] }]);
    expect(parseSuppressionComment('# codeql[py/command-line-injection]')).toEqual([{ kind: 'codeql', ids: ['py/command-line-injection'] }]);
    expect(parseSuppressionComment('# the nosecurity team said so')).toEqual([]);
  });
});

const VULN = (comment: string, before = '') => `import subprocess\n\n\ndef run(cmd):\n${before}    subprocess.call(cmd, shell=True)${comment}\n`;

async function scanOne(source: string, files: Record<string, string> = {}) {
  const dir = tempProject({ 'app.py': source, ...files });
  return runScan({ workspace: dir, patterns: ['**/*.py'], excludes: [], jobs: 1, manifests: false });
}

describe('suppressions in a scan', () => {
  test('without a comment the finding is reported', async () => {
    const r = await scanOne(VULN(''));
    expect(r.result.findings.map((f) => f.ruleId)).toContain('shell-command-nonconstant');
  });

  test.each([
    ['  # krait: ignore[shell-command-nonconstant] -- cmd is a constant table', 'krait'],
    ['  # nosec', 'nosec'],
    ['  # nosec B602', 'nosec'],
    ['  # noqa: S602', 'noqa'],
    ['  # nosemgrep', 'nosemgrep'],
    ['  # lgtm[py/shell-command-nonconstant]', 'lgtm'],
    ['  # codeql[py/shell-command-nonconstant]', 'codeql'],
  ])('%s suppresses the finding on its line', async (comment, kind) => {
    const r = await scanOne(VULN(comment));
    expect(r.result.findings.filter((f) => f.ruleId === 'shell-command-nonconstant')).toEqual([]);
    expect(r.suppressed).toEqual([expect.objectContaining({ ruleId: 'shell-command-nonconstant', suppression: expect.objectContaining({ kind }) })]);
    // A suppression that did its job is not reported as unused.
    expect(r.result.findings.filter((f) => f.ruleId === 'unused-suppression')).toEqual([]);
  });

  test('a Krait comment alone on the line before covers the next line of code; its reason is kept', async () => {
    const r = await scanOne(VULN('', '    # krait: ignore[shell-command-nonconstant] -- reviewed in SEC-12\n\n'));
    expect(r.suppressed[0]!.suppression).toEqual({ kind: 'krait', line: 5, justification: 'reviewed in SEC-12' });
  });

  test('a bare noqa, other tools’ codes and other rules’ ids do not suppress a security finding', async () => {
    for (const comment of ['  # noqa', '  # noqa: E501', '  # nosec B101', '  # lgtm[py/sql-injection]']) {
      const r = await scanOne(VULN(comment));
      expect(r.result.findings.map((f) => f.ruleId), comment).toContain('shell-command-nonconstant');
    }
  });

  test('bare-noqa = true in the configuration makes a bare noqa suppress', async () => {
    const r = await scanOne(VULN('  # noqa'), { '.krait.toml': 'bare-noqa = true\n' });
    expect(r.suppressed.map((f) => f.ruleId)).toContain('shell-command-nonconstant');
  });

  test('a Krait suppression that matches nothing, or names an unknown rule, is an unused-suppression note', async () => {
    const r = await scanOne('import json\n\nx = json.loads("{}")  # krait: ignore[sql-injection]\ny = 1  # krait: ignore[sql-injecton]\n');
    const unused = r.result.findings.filter((f) => f.ruleId === 'unused-suppression');
    expect(unused.map((f) => [f.region.startLine, f.level])).toEqual([
      [3, 'note'],
      [4, 'note'],
    ]);
    expect(unused[1]!.message).toContain("did you mean 'sql-injection'?");
    expect(r.rules.map((x) => x.id)).toContain('unused-suppression');
  });

  test('ignoring unused-suppression in the configuration turns those notes off', async () => {
    const r = await scanOne('x = 1  # krait: ignore[sql-injection]\n', { '.krait.toml': 'ignore = ["unused-suppression"]\n' });
    expect(r.result.findings).toEqual([]);
  });
});
