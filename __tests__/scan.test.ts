import { chmodSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadPython } from '../src/parser/python.js';
import { allRules, ruleById } from '../src/rules/index.js';
import { toSarif } from '../src/report/sarif.js';
import { scan, scanText, scanWorkspace } from '../src/scan.js';
import { tempProject } from './helpers/temp-project.js';

const evalRule = [ruleById.get('eval-nonconstant')!];

describe('scan: bad and odd input never crashes and is never silently dropped', () => {
  test('an empty file is scanned with no findings and no notification', async () => {
    const dir = tempProject({ 'empty.py': '' });
    const r = await scan(dir, ['empty.py'], allRules);
    expect(r.stats).toMatchObject({ files: 1, scanned: 1, lines: 0 });
    expect(r.findings).toEqual([]);
    expect(r.notifications).toEqual([]);
  });

  test('a 5 MB generated file is scanned', async () => {
    const line = 'value_0123456789 = compute(alpha, beta, gamma) + 42  # filler\n';
    const body = line.repeat(Math.ceil(5_000_000 / line.length)) + 'eval(user)\n';
    const dir = tempProject({ 'big.py': body });
    const r = await scan(dir, ['big.py'], evalRule);
    expect(r.stats.bytes).toBeGreaterThan(5_000_000);
    expect(r.findings.map((f) => f.region.startLine)).toEqual([body.split('\n').length - 1]);
  }, 30_000);

  test('a NUL byte: warned about, the rest still scanned', async () => {
    const dir = tempProject({ 'nul.py': Buffer.from('x = 1\0\neval(user)\n', 'latin1') });
    const r = await scan(dir, ['nul.py'], evalRule);
    expect(r.findings.map((f) => f.region.startLine)).toEqual([2]);
    expect(r.notifications.map((n) => n.kind)).toContain('decode-warning');
    expect(r.notifications.find((n) => n.kind === 'decode-warning')!.message).toContain('NUL');
  });

  test('Latin-1 bytes without a coding cookie: warned about and scanned', async () => {
    const dir = tempProject({ 'latin.py': Buffer.from('name = "caf\xe9"\neval(name + user)\n', 'latin1') });
    const r = await scan(dir, ['latin.py'], evalRule);
    expect(r.findings.map((f) => f.region.startLine)).toEqual([2]);
    expect(r.notifications.map((n) => n.message)).toEqual(['latin.py is not valid UTF-8 text; decoded as Latin-1, so some characters may be wrong']);
  });

  test('Latin-1 bytes with a PEP 263 cookie are decoded silently', async () => {
    const dir = tempProject({ 'cookie.py': Buffer.from('# -*- coding: latin-1 -*-\nname = "caf\xe9"\neval(user)\n', 'latin1') });
    const r = await scan(dir, ['cookie.py'], evalRule);
    expect(r.notifications).toEqual([]);
    expect(r.findings).toHaveLength(1);
  });

  test('CRLF line endings keep lines and columns right', async () => {
    const dir = tempProject({ 'crlf.py': 'import os\r\n\r\nx = 1\r\n    \r\nif x:\r\n    eval(user)\r\n' });
    const r = await scan(dir, ['crlf.py'], evalRule);
    expect(r.findings.map((f) => [f.region.startLine, f.region.startColumn, f.snippet])).toEqual([[6, 5, '    eval(user)']]);
  });

  test('tabs and non-ASCII text before a finding: the column counts UTF-16 units', async () => {
    const dir = tempProject({ 'cols.py': 'if True:\n\tlabel = "\u00e9\u20ac\ud83d\ude00"; eval(user)\n' });
    const r = await scan(dir, ['cols.py'], evalRule);
    // tab(1) + 'label = "'(9) + é(1) + €(1) + 😀(2) + '"; '(3) = 17 units before eval → column 18
    expect(r.findings.map((f) => [f.region.startLine, f.region.startColumn, f.region.endColumn])).toEqual([[2, 18, 28]]);
  });

  test('a syntax error becomes a notification and the file is scanned as far as the parser recovers', async () => {
    const dir = tempProject({ 'broken.py': 'def broken(:\n    pass\n\neval(user)\n' });
    const r = await scan(dir, ['broken.py'], evalRule);
    expect(r.findings.map((f) => f.region.startLine)).toEqual([4]);
    const n = r.notifications.find((x) => x.kind === 'syntax-error')!;
    expect(n.level).toBe('warning');
    expect(n.region?.startLine).toBe(1);
  });

  test('an unreadable file becomes an error notification', async () => {
    const dir = tempProject({ 'locked.py': 'eval(user)\n', 'fine.py': 'eval(user)\n' });
    chmodSync(path.join(dir, 'locked.py'), 0o000);
    const asRoot = process.getuid?.() === 0;
    const r = await scan(dir, ['fine.py', 'locked.py', 'gone.py'], evalRule);
    chmodSync(path.join(dir, 'locked.py'), 0o644);
    const errors = r.notifications.filter((n) => n.kind === 'read-error').map((n) => n.path);
    expect(errors).toEqual(asRoot ? ['gone.py'] : ['gone.py', 'locked.py']);
    expect(r.stats.scanned).toBe(asRoot ? 2 : 1);
  });

  test('patterns that match nothing: a warning notification and an empty result', async () => {
    const dir = tempProject({ 'a.txt': '' });
    const r = await scanWorkspace({ workspace: dir, patterns: ['src/**/*.py'], excludes: [], rules: allRules });
    expect(r.findings).toEqual([]);
    expect(r.notifications.map((n) => n.kind)).toEqual(['no-files']);
  });

  test('findings are sorted by path, line, column and rule whatever the file order', async () => {
    const dir = tempProject({ 'b.py': 'eval(a)\neval(b)\n', 'a.py': 'eval(c); eval(d)\n' });
    const r1 = await scan(dir, ['b.py', 'a.py'], evalRule);
    const r2 = await scan(dir, ['a.py', 'b.py'], evalRule);
    expect(r1.findings).toEqual(r2.findings);
    expect(r1.findings.map((f) => `${f.path}:${f.region.startLine}:${f.region.startColumn}`)).toEqual(['a.py:1:1', 'a.py:1:10', 'b.py:1:1', 'b.py:2:1']);
  });

  test('a rule that throws is reported as a notification and the other rules still run', async () => {
    const parser = await loadPython();
    const boom = { ...evalRule[0]!, id: 'boom', visitors: { call: () => { throw new Error('kaboom'); } } };
    const r = scanText(parser, 'x.py', 'eval(a)\n', [boom, evalRule[0]!]);
    expect(r.findings.map((f) => f.ruleId)).toEqual(['eval-nonconstant']);
    expect(r.notifications.map((n) => n.kind)).toEqual(['rule-error']);
    expect(r.notifications[0]!.message).toContain('kaboom');
  });

  test('test code is recognised: findings become notes and say why', async () => {
    const parser = await loadPython();
    for (const file of ['tests/test_app.py', 'pkg/test_util.py', 'pkg/util_test.py', 'conftest.py', 'src/tests/helpers.py']) {
      const r = scanText(parser, file, 'eval(user)\n', evalRule);
      expect(r.findings.map((f) => [f.level, f.levelReason])).toEqual([['note', expect.stringContaining('test code')]]);
    }
    const prod = scanText(parser, 'app/testing_tools_x.py', 'eval(user)\n', evalRule);
    expect(prod.findings.map((f) => [f.level, f.levelReason])).toEqual([['warning', undefined]]);
    const sarif = toSarif({ findings: scanText(parser, 'tests/test_a.py', 'eval(user)\n', evalRule).findings, notifications: [], stats: { files: 1, scanned: 1, lines: 1, bytes: 11 }, files: [] }, evalRule, { workspace: '/w', category: 'k' });
    expect(sarif.runs[0]!.results![0]!.properties?.levelReason).toContain('test code');
  });
});

