import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { compareWithBaseline, createBaseline, readBaseline, serializeBaseline } from '../../src/baseline.js';
import { actionable, runScan } from '../../src/pipeline.js';
import { tempProject } from '../helpers/temp-project.js';

const OLD = 'import os\n\n\ndef a(x):\n    os.system("echo " + x)\n';
const scan = (dir: string, baselineFile?: string) => runScan({ workspace: dir, patterns: ['**/*.py'], excludes: [], jobs: 1, manifests: false, ...(baselineFile ? { baselineFile } : {}) });

describe('baseline', () => {
  test('findings already in the baseline stay "unchanged" after the code moves; new ones are "new"; fixed ones are counted absent', async () => {
    const dir = tempProject({ 'app.py': OLD, 'gone.py': 'import pickle\n\ndef f(b):\n    return pickle.loads(b)\n' });
    const first = await scan(dir);
    expect(first.result.findings.length).toBeGreaterThanOrEqual(2);
    writeFileSync(path.join(dir, '.krait-baseline.json'), serializeBaseline(createBaseline(first.result.findings)));

    // Move the old code down five lines, add a new problem, and fix the one in gone.py.
    writeFileSync(path.join(dir, 'app.py'), `"""Docs."""\n\nimport subprocess\n\n\n${OLD}\n\ndef b(y):\n    subprocess.call(y, shell=True)\n`);
    writeFileSync(path.join(dir, 'gone.py'), 'import json\n\ndef f(b):\n    return json.loads(b)\n');
    const second = await scan(dir, '.krait-baseline.json');
    const states = second.result.findings.map((f) => `${f.ruleId}@${f.region.startLine}:${f.baselineState}`);
    expect(states).toContain('shell-command-nonconstant@10:unchanged');
    expect(states).toContain('shell-command-nonconstant@14:new');
    expect(second.baseline!.absent).toBeGreaterThanOrEqual(1);
    expect(actionable(second.result.findings).every((f) => f.baselineState === 'new')).toBe(true);
  });

  test('the same line twice in the baseline matches two findings, not three', () => {
    const f = { ruleId: 'r', path: 'a.py', level: 'error' as const, region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 }, message: '', snippet: '', fingerprint: 'abc:1' };
    const base = createBaseline([f, f]);
    const { findings, absent } = compareWithBaseline([f, f, f], base);
    expect(findings.map((x) => x.baselineState)).toEqual(['unchanged', 'unchanged', 'new']);
    expect(absent).toBe(0);
  });

  test('a missing or malformed baseline stops the run with the fix in the message', () => {
    const dir = tempProject({ 'bad.json': '{"version": 2}', 'broken.json': '{' });
    expect(() => readBaseline(path.join(dir, 'none.json'), "Input 'baseline'")).toThrow(/Input 'baseline' names .*none\.json, which does not exist\. Create it with 'krait baseline'/);
    expect(() => readBaseline(path.join(dir, 'bad.json'), '--baseline')).toThrow(/is not a Krait baseline/);
    expect(() => readBaseline(path.join(dir, 'broken.json'), '--baseline')).toThrow(/is not valid JSON/);
  });

  test('the baseline file is deterministic and holds no source text', () => {
    const f = (line: number, ruleId: string) => ({ ruleId, path: 'b.py', level: 'error' as const, region: { startLine: line, startColumn: 1, endLine: line, endColumn: 2 }, message: 'secret abcd…', snippet: 'password = "hunter2hunter2"', fingerprint: `h${line}:1` });
    const text = serializeBaseline(createBaseline([f(9, 'x'), f(2, 'y'), f(2, 'a')]));
    expect(text).toBe(serializeBaseline(createBaseline([f(2, 'a'), f(9, 'x'), f(2, 'y')])));
    expect(text).not.toContain('hunter2');
    expect(JSON.parse(text).findings.map((e: { line: number; ruleId: string }) => `${e.line}${e.ruleId}`)).toEqual(['2a', '2y', '9x']);
  });
});
