// primaryLocationLineHash must equal what upload-sarif computes; checked against a direct, non-rolling evaluation
// of the same definition and against hand-worked values.
import { describe, expect, test } from 'vitest';
import { lineFingerprints } from '../../src/report/fingerprints.js';

/** The definition evaluated directly: for each line, the polynomial hash of the 100 kept units from its start. */
function direct(text: string): Map<number, string> {
  const units: number[] = [];
  const starts: number[] = [];
  let atStart = true;
  let afterCR = false;
  const codeUnits: number[] = [];
  for (let i = 0; i < text.length; i++) codeUnits.push(text.charCodeAt(i));
  for (const raw of [...codeUnits, 0xffff]) {
    let u = raw;
    if (u === 0x20 || u === 0x09 || (afterCR && u === 0x0a)) {
      afterCR = false;
      continue;
    }
    afterCR = u === 0x0d;
    if (afterCR) u = 0x0a;
    if (atStart) {
      starts.push(units.length);
      atStart = false;
    }
    if (u === 0x0a) atStart = true;
    units.push(u);
  }
  const out = new Map<number, string>();
  const counts = new Map<string, number>();
  starts.forEach((start, i) => {
    let h = 0n;
    for (let k = 0; k < 100; k++) h = BigInt.asIntN(64, h * 37n + BigInt(units[start + k] ?? 0));
    const hex = BigInt.asUintN(64, h).toString(16);
    const n = (counts.get(hex) ?? 0) + 1;
    counts.set(hex, n);
    out.set(i + 1, `${hex}:${n}`);
  });
  return out;
}

describe('lineFingerprints', () => {
  test('a one-character file, worked by hand', () => {
    // Kept units: "x" (120), then the sentinel 65535, then zeros. Line 1 starts at "x":
    // hash = 120·37^99 + 65535·37^98 (mod 2^64); the sentinel starts no line because "x" has no line break.
    let h = 0n;
    const units = [120n, 65535n, ...Array(98).fill(0n)];
    for (const u of units) h = BigInt.asIntN(64, h * 37n + u);
    expect(lineFingerprints('x')).toEqual(new Map([[1, `${BigInt.asUintN(64, h).toString(16)}:1`]]));
  });

  test('a trailing newline makes the sentinel the start of one more line', () => {
    const fp = lineFingerprints('a\n');
    expect([...fp.keys()]).toEqual([1, 2]);
    // Line 2 is the sentinel followed by 99 zeros.
    let h = 65535n;
    for (let i = 0; i < 99; i++) h = BigInt.asIntN(64, h * 37n);
    expect(fp.get(2)).toBe(`${BigInt.asUintN(64, h).toString(16)}:1`);
  });

  test('matches the direct evaluation on Python source with tabs, CRLF, CR, blank lines and non-ASCII text', () => {
    const samples = [
      'import os\n\ndef f(x):\n    os.system("ls " + x)\n',
      'a = 1\r\nb = 2\r\n\r\n\tc = "\u00e9\u20ac\ud83d\ude00"\rd = 4',
      Array.from({ length: 300 }, (_, i) => `line_${i % 7} = value  # ${'x'.repeat(i % 13)}`).join('\n'),
      '   \n\t\n',
      '',
    ];
    for (const s of samples) {
      const all = direct(s);
      expect(lineFingerprints(s)).toEqual(all);
      // Asking for some lines gives the same values (the occurrence count still counts every earlier line).
      const some = new Set([...all.keys()].filter((n) => n % 3 !== 1));
      expect(lineFingerprints(s, some)).toEqual(new Map([...all].filter(([n]) => some.has(n))));
    }
  });

  test('matches the direct evaluation when non-ASCII units leave the 100-unit window', () => {
    // Long lines of mixed units, so that characters of every range (ASCII, Latin-1, CJK, surrogates, U+FFFE) leave the
    // window: the rolling hash subtracts a precomputed product for ASCII units and computes it for the others.
    let seed = 7;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const pool = ['a', 'Z', '_', '0', ' ', '\t', '\n', '\r\n', '\u00e9', '\u00ff', '\u4e2d', '\ud83d\ude00', '\ufffe', '\u0080', '~'];
    for (let sample = 0; sample < 20; sample++) {
      let text = '';
      const length = 200 + Math.floor(random() * 2000);
      while (text.length < length) text += pool[Math.floor(random() * pool.length)]!;
      expect(lineFingerprints(text)).toEqual(direct(text));
    }
  });

  test('identical lines are told apart by their occurrence count; indentation does not matter', () => {
    const text = 'pass\npass\n'.repeat(60);
    const fp = lineFingerprints(text);
    const values = [...fp.values()];
    expect(new Set(values).size).toBe(values.length);
    expect(lineFingerprints('    eval(x)\nrest\n').get(1)).toBe(lineFingerprints('eval(x)\nrest\n').get(1));
  });

  test('only the requested lines are returned', () => {
    expect([...lineFingerprints('a\nb\nc\n', new Set([2])).keys()]).toEqual([2]);
    expect([...lineFingerprints('a\nb\n', new Set([0, 2, 9])).keys()]).toEqual([2]);
  });
});
