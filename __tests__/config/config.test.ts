import { describe, expect, test } from 'vitest';
import { applyConfigToFindings, loadConfig, selectRules, validateConfig } from '../../src/config/config.js';
import { didYouMean, resolveSelector } from '../../src/config/selectors.js';
import { ConfigError } from '../../src/errors.js';
import type { Finding } from '../../src/engine/finding.js';
import { allRules } from '../../src/rules/index.js';
import { tempProject } from '../helpers/temp-project.js';

const ids = (rules: { id: string }[]) => rules.map((r) => r.id);
const finding = (ruleId: string, path: string, extra: Partial<Finding> = {}): Finding => ({
  ruleId,
  path,
  level: 'warning',
  region: { startLine: 3, startColumn: 1, endLine: 3, endColumn: 9 },
  message: 'm',
  snippet: '',
  ...extra,
});

describe('selectors', () => {
  test('a selector is a rule id, family, tier, checklist section, Bandit id or Ruff code', () => {
    expect(ids(resolveSelector('sql-injection', allRules)!)).toEqual(['sql-injection']);
    expect(resolveSelector('injection', allRules)!.every((r) => r.family === 'injection')).toBe(true);
    expect(resolveSelector('audit', allRules)!.every((r) => r.tier === 'audit')).toBe(true);
    expect(resolveSelector('cryptography', allRules)!.length).toBeGreaterThan(3);
    expect(resolveSelector('File Operations', allRules)!.every((r) => r.checklist.includes('File Operations'))).toBe(true);
    expect(ids(resolveSelector('B608', allRules)!)).toContain('sql-query-string-formatting');
    expect(ids(resolveSelector('s608', allRules)!)).toContain('sql-query-string-formatting');
    expect(ids(resolveSelector('B320', allRules)!)).toContain('xxe'); // retired Bandit id, still in old configs
    expect(resolveSelector('sql-injections', allRules)).toBeUndefined();
  });

  test('did-you-mean suggests close words only', () => {
    expect(didYouMean('sql-injectoin', ['sql-injection', 'xxe'])).toBe(" (did you mean 'sql-injection'?)");
    expect(didYouMean('completely-different', ['sql-injection', 'xxe'])).toBe('');
  });
});

describe('validateConfig', () => {
  const label = 'pyproject.toml [tool.krait]';
  test('an unknown key names the file, the key, a suggestion and the allowed keys', () => {
    expect(() => validateConfig({ selct: ['injection'] }, label, allRules)).toThrow(
      /^pyproject\.toml \[tool\.krait\]: unknown key 'selct' \(did you mean 'select'\?\)\. Allowed keys: select, extend-select, ignore/,
    );
  });
  test('a wrong type names the key and the expected type', () => {
    expect(() => validateConfig({ ignore: 'B101' }, label, allRules)).toThrow(/'ignore' must be a list of strings, such as \["sql-injection"\] \(got the string "B101"\)/);
    expect(() => validateConfig({ 'bare-noqa': 'yes' }, label, allRules)).toThrow(/'bare-noqa' must be true or false/);
    expect(() => validateConfig({ 'min-precision': 'hgh' }, label, allRules)).toThrow(/'min-precision' must be one of very-high, high, medium, low \(got the string "hgh"\) \(did you mean 'high'\?\)/);
    expect(() => validateConfig({ levels: { 'sql-injection': 'fatal' } }, label, allRules)).toThrow(/'levels'\."sql-injection" must be one of error, warning, note/);
    expect(() => validateConfig({ 'per-file-ignores': ['tests/*'] }, label, allRules)).toThrow(/'per-file-ignores' must be a table/);
  });
  test('an unknown rule id is refused with a suggestion, wherever it appears', () => {
    expect(() => validateConfig({ ignore: ['sql-injecton'] }, label, allRules)).toThrow(/'ignore' names 'sql-injecton', which is not a Krait rule id.*\(did you mean 'sql-injection'\?\)/);
    expect(() => validateConfig({ 'per-file-ignores': { 'tests/*': ['asert-as-security-check'] } }, label, allRules)).toThrow(/per-file-ignores\."tests\/\*"' names 'asert-as-security-check'/);
    expect(() => validateConfig({ levels: { 'xss': 'error' } }, label, allRules)).toThrow(/'levels' names 'xss', which is not a Krait rule id/);
  });
  test('a valid table becomes a config', () => {
    const c = validateConfig({ select: ['default'], 'extend-select': ['extended'], ignore: ['B101'], exclude: ['legacy/'], 'min-precision': 'high', 'fail-on': 'warning', levels: { 'sql-injection': 'warning' }, 'bare-noqa': true }, label, allRules);
    expect(c).toMatchObject({ file: label, select: ['default'], extendSelect: ['extended'], ignore: ['B101'], exclude: ['legacy/'], minPrecision: 'high', failOn: 'warning', bareNoqa: true });
  });
});

describe('loadConfig', () => {
  test('reads [tool.krait] from pyproject.toml, and .krait.toml before it', () => {
    const dir = tempProject({ 'pyproject.toml': '[project]\nname = "x"\n\n[tool.krait]\nignore = ["B101"]\n' });
    expect(loadConfig({ workspace: dir, rules: allRules })).toMatchObject({ file: 'pyproject.toml [tool.krait]', ignore: ['B101'] });
    const both = tempProject({ 'pyproject.toml': '[tool.krait]\nignore = ["B101"]\n', '.krait.toml': 'ignore = ["B102"]\n' });
    expect(loadConfig({ workspace: both, rules: allRules })).toMatchObject({ file: '.krait.toml', ignore: ['B102'] });
  });
  test('no configuration gives the defaults; a pyproject.toml without [tool.krait] is not Krait’s to judge', () => {
    expect(loadConfig({ workspace: tempProject({}), rules: allRules })).toMatchObject({ ignore: [], extendSelect: [] });
    expect(loadConfig({ workspace: tempProject({ 'pyproject.toml': 'not [ toml' }), rules: allRules })).toMatchObject({ ignore: [] });
  });
  test('broken TOML with Krait settings names the file and the line', () => {
    const dir = tempProject({ 'pyproject.toml': '[tool.krait]\nignore = ["B101"\n' });
    expect(() => loadConfig({ workspace: dir, rules: allRules })).toThrow(/^pyproject\.toml: is not valid TOML at line \d+, column \d+/);
  });
  test('an explicit file must exist and, for the action, be inside the workspace', () => {
    const dir = tempProject({ 'ci/krait.toml': 'fail-on = "warning"\n' });
    expect(loadConfig({ workspace: dir, explicit: 'ci/krait.toml', rules: allRules })).toMatchObject({ failOn: 'warning', file: 'ci/krait.toml' });
    expect(() => loadConfig({ workspace: dir, explicit: 'nope.toml', explicitName: "Input 'config'", rules: allRules })).toThrow(/^Input 'config' names nope\.toml, which does not exist\./);
    expect(() => loadConfig({ workspace: dir, explicit: '../outside.toml', confine: true, explicitName: "Input 'config'", rules: allRules })).toThrow(ConfigError);
  });
});

describe('selectRules and applyConfigToFindings', () => {
  const cfg = (raw: Record<string, unknown>) => validateConfig(raw, 'test', allRules);
  test('the default tier by default; select replaces it, extend-select adds, ignore removes, min-precision filters', () => {
    const defaults = selectRules(cfg({}), allRules);
    expect(defaults.every((r) => r.tier === 'default')).toBe(true);
    expect(ids(selectRules(cfg({ select: ['sql-injection', 'xxe'] }), allRules))).toEqual(['sql-injection', 'xxe'].filter((id) => allRules.some((r) => r.id === id)).sort((a, b) => allRules.findIndex((r) => r.id === a) - allRules.findIndex((r) => r.id === b)));
    const extended = selectRules(cfg({ 'extend-select': ['extended'] }), allRules);
    expect(extended.length).toBeGreaterThan(defaults.length);
    expect(ids(selectRules(cfg({ ignore: ['injection'] }), allRules)).some((id) => allRules.find((r) => r.id === id)!.family === 'injection')).toBe(false);
    expect(selectRules(cfg({ 'min-precision': 'high' }), allRules).every((r) => r.precision === 'high' || r.precision === 'very-high')).toBe(true);
    expect(ids(selectRules(cfg({}), allRules, { select: ['xxe'], ignore: ['xxe'] }))).toEqual([]);
  });
  test('per-file-ignores drop findings by glob (a bare file name matches anywhere); levels change the level except test-code notes', () => {
    const c = cfg({ 'per-file-ignores': { 'tests/**': ['assert-as-security-check'], '__init__.py': ['injection'] }, levels: { 'sql-injection': 'note' } });
    const { kept, ignored } = applyConfigToFindings(
      [
        finding('assert-as-security-check', 'tests/unit/test_a.py'),
        finding('assert-as-security-check', 'app/a.py'),
        finding('sql-injection', 'pkg/sub/__init__.py'),
        finding('sql-injection', 'pkg/views.py', { level: 'error' }),
        finding('sql-injection', 'pkg/test_views.py', { level: 'note', levelReason: 'test code' }),
      ],
      c,
      allRules,
    );
    expect(ignored).toBe(2);
    expect(kept.map((f) => `${f.path}:${f.level}`)).toEqual(['app/a.py:warning', 'pkg/views.py:note', 'pkg/test_views.py:note']);
  });
});
