// trojan-source levels: a sanitiser's raw character table is a note, the same characters hiding code stay errors.
import { expect, test } from 'vitest';
import { loadPython } from '../../src/parser/python.js';
import { trojanSource } from '../../src/rules/platform/trojan-source.js';
import { scanText } from '../../src/scan.js';

const RLO = '\u202e';
const LRI = '\u2066';
const PDI = '\u2069';

async function levels(source: string): Promise<string[]> {
  const parser = await loadPython();
  return scanText(parser, 'app/text.py', source, [trojanSource]).findings.map((f) => `${f.region.startLine}:${f.region.startColumn} ${f.level}`);
}

test('a raw character table used only for membership tests and searches is a note (catalog C 11)', async () => {
  const source = `CONTROLS = {"${RLO}", "${PDI}"}\n\ndef clean(text):\n    return "".join(c for c in text if c not in CONTROLS).replace("${LRI}", "")\n`;
  expect(await levels(source)).toEqual(['1:14 note', '1:19 note', '4:67 note']);
});

test('the same characters around words, or in a table used elsewhere, stay errors', async () => {
  expect(await levels(`if level != "user${RLO} ${LRI}# admin${PDI} ${LRI}":\n    grant()\n`)).toEqual(['1:18 error']);
  expect(await levels(`TABLE = "${RLO}"\nshow(TABLE)\n`)).toEqual(['1:10 error']);
  expect(await levels(`x = 1  # ${RLO} comment\n`)).toEqual(['1:10 error']);
});

test('escapes are never reported and a leading byte order mark is allowed', async () => {
  expect(await levels('s = "\\u202e"\n')).toEqual([]);
  expect(await levels('\ufeffx = 1\n')).toEqual([]);
});

test('lines and columns are exact inside a long docstring', async () => {
  expect(await levels(`def f():\n    """Line one.\n\n    Line ${RLO}three.\n    """\n`)).toEqual(['4:10 error']);
});
