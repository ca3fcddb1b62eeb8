import { describe, expect, test } from 'vitest';
import { analyse } from '../helpers/analyse.js';

async function cv(source: string, text: string) {
  const a = await analyse(source);
  try {
    return a.file.constantValue(a.find(text));
  } finally {
    a.done();
  }
}

describe('constantValue', () => {
  test('literals and string prefixes', async () => {
    expect(await cv('x = "a\\tb"\n', '"a\\tb"')).toBe('a\tb');
    expect(await cv('x = r"a\\tb"\n', 'r"a\\tb"')).toBe('a\\tb');
    expect(await cv("x = b'\\x41'\n", "b'\\x41'")).toBe('A');
    expect(await cv('x = "\\u00e9"\n', '"\\u00e9"')).toBe('é');
    expect(await cv('x = 0o777\n', '0o777')).toBe(511);
    expect(await cv('x = 0x1F\n', '0x1F')).toBe(31);
    expect(await cv('x = 1_000\n', '1_000')).toBe(1000);
  });

  test('concatenation, implicit concatenation and f-strings with constant parts', async () => {
    expect(await cv('x = "SELECT " "* FROM t"\n', '"SELECT " "* FROM t"')).toBe('SELECT * FROM t');
    expect(await cv('T = "users"\nq = f"SELECT * FROM {T} WHERE a = {{b}}"\n', 'f"SELECT * FROM {T} WHERE a = {{b}}"')).toBe('SELECT * FROM users WHERE a = {b}');
    expect(await cv('def f(u):\n    return f"id={u}"\n', 'f"id={u}"')).toBeUndefined();
    expect(await cv('A = "x"\nB = A + "y"\nB\n', 'A + "y"')).toBe('xy');
  });

  test('% formatting, str.format and join', async () => {
    expect(await cv('x = "%s-%d" % ("a", 3)\n', '"%s-%d" % ("a", 3)')).toBe('a-3');
    expect(await cv('x = "{}/{name}".format("a", name="b")\n', '"{}/{name}".format("a", name="b")')).toBe('a/b');
    expect(await cv('x = ",".join(["a", "b"])\n', '",".join(["a", "b"])')).toBe('a,b');
  });

  test('arithmetic, stat flags and comparisons', async () => {
    expect(await cv('import stat\nm = stat.S_IRWXU | stat.S_IRGRP\n', 'stat.S_IRWXU | stat.S_IRGRP')).toBe(0o740);
    expect(await cv('x = 7 * 3 > 20\n', '7 * 3 > 20')).toBe(true);
    expect(await cv('x = "a" == "b"\n', '"a" == "b"')).toBe(false);
    expect(await cv('n = 5\nx = n < 3\n', 'n < 3')).toBe(false);
    expect(await cv('x = 2 ** 11\n', '2 ** 11')).toBe(2048);
    expect(await cv('x = 1 < 2 < 3\n', '1 < 2 < 3')).toBe(true);
  });

  test('containers, subscripts and conditional expressions', async () => {
    const d = await cv('OPTS = {"verify": False, **{"timeout": 5}}\n', '{"verify": False, **{"timeout": 5}}');
    expect(d).toEqual(new Map<string, unknown>([['verify', false], ['timeout', 5]]));
    expect(await cv('OPTS = {"k": "v"}\nx = OPTS["k"]\n', 'OPTS["k"]')).toBe('v');
    expect(await cv('x = ("a", "b")[1]\n', '("a", "b")[1]')).toBe('b');
    expect(await cv('x = "yes" if 1 > 2 else "no"\n', '"yes" if 1 > 2 else "no"')).toBe('no');
  });

  test('names: the assignment that reaches the use folds; branches that may differ and parameters do not', async () => {
    expect(await cv('SHELL = True\nf(shell=SHELL)\n', 'SHELL')).toBe(true);
    expect(await cv('x = 1\nx = 2\ny = x\n', 'x')).toBe(2);
    expect(await cv('def f(c):\n    n = 5\n    if c:\n        n = 1\n    return n < 3\n', 'n < 3')).toBeUndefined();
    expect(await cv('def f():\n    n = 5\n    return n < 3\n', 'n < 3')).toBe(false);
    expect(await cv('X = 1\ndef g():\n    global X\n    X = 2\ndef h():\n    return X\n', 'X')).toBeUndefined();
    expect(await cv('def f(x):\n    return x\n', 'x')).toBeUndefined();
    expect(await cv('a = b = "same"\nc = a\n', 'a')).toBe('same');
    expect(await cv('a = a + 1\n', 'a + 1')).toBeUndefined();
  });

  test('keyword arguments through **kwargs dicts', async () => {
    const a = await analyse('import requests\nOPTS = {"verify": False}\nrequests.get(u, **OPTS)\nrequests.get(u, **dict(verify=False))\nrequests.get(u, **unknown)\n');
    const calls = a.file.root.descendantsOfType('call').filter((c) => c.text.startsWith('requests.get'));
    const kw = calls.map((c) => a.file.keyword(c, 'verify'));
    a.done();
    expect(kw[0]).toMatchObject({ present: true, value: false });
    expect(kw[1]).toMatchObject({ present: true, value: false });
    expect(kw[2]).toMatchObject({ present: false, maybeInUnknownSplat: true });
  });
});
