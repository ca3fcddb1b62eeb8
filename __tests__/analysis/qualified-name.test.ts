import { describe, expect, test } from 'vitest';
import { analyse } from '../helpers/analyse.js';

async function qn(source: string, text: string, path?: string) {
  const a = await analyse(source, path);
  try {
    return a.file.qualifiedName(a.find(text));
  } finally {
    a.done();
  }
}

describe('qualifiedName', () => {
  test('import aliases', async () => {
    expect(await qn('import yaml as y\ny.load(d)\n', 'y.load')).toBe('yaml.load');
    expect(await qn('from yaml import load as l\nl(d)\n', 'l')).toBe('yaml.load');
    expect(await qn('import os.path\nos.path.join(a)\n', 'os.path.join')).toBe('os.path.join');
    expect(await qn('import xml.etree.ElementTree as ET\nET.parse(f)\n', 'ET.parse')).toBe('xml.etree.ElementTree.parse');
    expect(await qn('from os import path as p\np.join(a)\n', 'p.join')).toBe('os.path.join');
  });

  test('builtins, with and without the builtins module', async () => {
    expect(await qn('eval(x)\n', 'eval')).toBe('eval');
    expect(await qn('import builtins\nbuiltins.eval(x)\n', 'builtins.eval')).toBe('eval');
    expect(await qn('import builtins\ngetattr(builtins, "ev" + "al")(x)\n', 'getattr(builtins, "ev" + "al")')).toBe('eval');
  });

  test('shadowing: a parameter, local function or assignment is not the builtin or the import', async () => {
    expect(await qn('def f(eval):\n    eval(x)\n', 'eval')).toBeUndefined();
    expect(await qn('def f():\n    def open(p): pass\n    open(x)\n', 'open')).toBeUndefined();
    expect(await qn('import os\ndef f(os):\n    os.system(x)\n', 'os.system')).toBeUndefined();
    // A class body's names are not visible inside its methods.
    expect(await qn('class C:\n    eval = 1\n    def m(self):\n        return eval(x)\n', 'eval')).toBe('eval');
  });

  test('re-binding and constructor results', async () => {
    expect(await qn('import subprocess\nrun = subprocess.run\nrun(c)\n', 'run')).toBe('subprocess.run');
    expect(await qn('import requests\ns = requests.Session()\ns.get(u)\n', 's.get')).toBe('requests.Session().get');
    expect(await qn('import requests\nrequests.Session().get(u)\n', 'requests.Session().get')).toBe('requests.Session().get');
  });

  test('relative imports resolve against the file package; wildcard imports qualify unknown names', async () => {
    expect(await qn('from ..db import run_query\nrun_query(q)\n', 'run_query', 'app/views/users.py')).toBe('app.db.run_query');
    expect(await qn('from . import helpers\nhelpers.go()\n', 'helpers.go', 'app/views.py')).toBe('app.helpers.go');
    expect(await qn('from subprocess import *\ncall(c)\n', 'call')).toBe('subprocess.call');
  });

  test('function-level imports are scoped to their function', async () => {
    const src = 'def a():\n    import pickle as s\n    s.loads(x)\n\ndef b(s):\n    s.loads(x)\n';
    const an = await analyse(src);
    const calls = an.file.root.descendantsOfType('call').map((c) => an.file.callee(c));
    an.done();
    expect(calls).toEqual(['pickle.loads', undefined]);
  });
});
