// Settings modules (content-based Django recognition, shared bases) and values of settings when env vars are unset.
import { describe, expect, test } from 'vitest';
import { isBaseSettings, isDjangoSettings } from '../../src/analysis/settings-module.js';
import { analyse } from '../helpers/analyse.js';

describe('isDjangoSettings', () => {
  const evidence = (path: string, names: string[], importsDjango = false, hasWildcardImport = false) => ({ path, assignedNames: names, importsDjango, hasWildcardImport });
  test('two Django-only settings anywhere', () => expect(isDjangoSettings(evidence('conf/app.py', ['INSTALLED_APPS', 'ROOT_URLCONF']))).toBe(true));
  test('a settings path with one Django setting, a Django import or a wildcard import', () => {
    expect(isDjangoSettings(evidence('proj/settings.py', ['ALLOWED_HOSTS']))).toBe(true);
    expect(isDjangoSettings(evidence('proj/settings/prod.py', ['DEBUG'], false, true))).toBe(true);
    expect(isDjangoSettings(evidence('proj/settings.py', ['DEBUG'], true))).toBe(true);
  });
  test('generic names alone are not Django settings', () => {
    expect(isDjangoSettings(evidence('crawler/settings.py', ['BOT_NAME', 'DEBUG', 'SECRET_KEY']))).toBe(false);
    expect(isDjangoSettings(evidence('app/config.py', ['ALLOWED_HOSTS']))).toBe(false);
  });
});

test('isBaseSettings', () => {
  expect(isBaseSettings('proj/settings/base.py')).toBe(true);
  expect(isBaseSettings('proj/common_settings.py')).toBe(true);
  expect(isBaseSettings('proj/settings/production.py')).toBe(false);
  expect(isBaseSettings('proj/base.py')).toBe(false);
});

test('settingsModule() collects module-level assignments, also in if/try blocks, not in functions or classes', async () => {
  const a = await analyse('import django\nDEBUG = True\nif X:\n    ALLOWED_HOSTS = ["*"]\ntry:\n    A = B = 1\nexcept ImportError:\n    pass\nHOSTS += ["x"]\ndef f():\n    INNER = 1\nclass C:\n    ATTR = 2\n', 'proj/settings.py');
  const s = a.file.settingsModule();
  expect(s.assignments.map((x) => `${x.name}${x.augmented ? '+' : ''}`)).toEqual(['DEBUG', 'ALLOWED_HOSTS', 'A', 'B', 'HOSTS+']);
  expect(s.django).toBe(true);
  expect(s.development).toBe(false);
  a.done();
});

describe('valueWhenUnset', () => {
  const cases: [string, unknown][] = [
    ['os.environ.get("D", True)', true],
    ['os.getenv("D")', null],
    ['os.environ.get("D", "1") == "1"', true],
    ['os.environ.get("D", "False") == "True"', false],
    ['os.environ.get("D", "TRUE").lower() in ("true", "1")', true],
    ['bool(int(os.getenv("D", "0")))', false],
    ['os.environ.get("H", "*").split(",")', ['*']],
    ['config("D", default="yes", cast=bool)', true],
    ['config("D", cast=bool)', undefined],
    ['env.bool("D", default=True)', true],
    ['env("E")', false],
    ['os.environ["D"]', undefined],
  ];
  test.each(cases)('%s', async (expr, expected) => {
    const a = await analyse(`import os\nimport environ\nfrom decouple import config\nenv = environ.Env(E=(bool, False))\nX = ${expr}\n`);
    const node = a.file.root.descendantsOfType('assignment').find((n) => n.childForFieldName('left')?.text === 'X')!.childForFieldName('right');
    expect(a.file.valueWhenUnset(node)?.value).toEqual(expected);
    a.done();
  });
});
