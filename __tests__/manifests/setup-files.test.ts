// setup.cfg (INI) and setup.py (through the engine's name and constant analysis).
import { describe, expect, test } from 'vitest';
import { parseSetupCfg } from '../../src/manifests/setup-cfg.js';
import { parseSetupPy } from '../../src/manifests/setup-py.js';
import { loadPython } from '../../src/parser/python.js';

describe('parseSetupCfg', () => {
  test('install_requires lines, extras, tests_require; comments inside values; file: includes', () => {
    const m = parseSetupCfg(
      'setup.cfg',
      '[metadata]\nname = x\n\n[options]\ninstall_requires =\n    requests>=2\n    # a comment\n    idna==3.8 ; python_version<"4"\nsetup_requires = setuptools_scm\ntests_require = file: test-requirements.txt\n\n[options.extras_require]\nsocks = PySocks>=1.5\n',
    );
    expect(m.problems).toEqual([]);
    expect(m.requirements.map((r) => [r.name, r.group, r.pinnedVersion ?? '', r.region.startLine, r.region.startColumn])).toEqual([
      ['requests', 'default', '', 6, 5],
      ['idna', 'default', '3.8', 8, 5],
      ['setuptools_scm', 'build-system', '', 9, 18],
      ['PySocks', 'socks', '', 13, 9],
    ]);
    expect(m.includes).toEqual([{ kind: 'requirements', target: 'test-requirements.txt', region: { startLine: 10, startColumn: 17, endLine: 10, endColumn: 44 } }]);
  });

  test('lines it cannot read are problems', () => {
    const m = parseSetupCfg('setup.cfg', '[options]\ninstall_requires =\n    bad[\nnot a key value line\n');
    expect(m.problems.map((p) => [p.region?.startLine, p.message])).toEqual([
      [4, "cannot read the line 'not a key value line' (expected key = value)"],
      [3, "'bad[': unclosed extras bracket"],
    ]);
  });
});

describe('parseSetupPy', () => {
  test('literal lists, names bound to lists, concatenation, aliases of setup, extras dicts', async () => {
    const parser = await loadPython();
    const m = parseSetupPy(
      parser,
      'setup.py',
      'import setuptools\nfrom distutils.core import setup as legacy\nREQS = ["a>=1", "b==2"]\nEXTRAS = {"x": ["c"]}\nsetuptools.setup(install_requires=REQS + ["d"], extras_require=EXTRAS, tests_require=("e",))\nlegacy(install_requires=["f==1"])\nsetup(install_requires=["not-setuptools"])\n',
    );
    expect(m.problems).toEqual([]);
    expect(m.requirements.map((r) => [r.name, r.group, r.region.startLine, r.region.startColumn])).toEqual([
      ['a', 'default', 3, 9],
      ['b', 'default', 3, 17],
      ['d', 'default', 5, 43],
      ['e', 'test', 5, 87],
      ['c', 'x', 4, 17],
      ['f', 'default', 6, 26],
    ]);
  });

  test('computed lists are skipped; malformed strings are problems', async () => {
    const parser = await loadPython();
    const m = parseSetupPy(parser, 'setup.py', 'from setuptools import setup\nsetup(install_requires=open("requirements.txt").read().splitlines() + ["ok==1", "bad["])\n');
    expect(m.requirements.map((r) => r.name)).toEqual(['ok']);
    expect(m.problems.map((p) => p.message)).toEqual(["'bad[': unclosed extras bracket"]);
  });
});
