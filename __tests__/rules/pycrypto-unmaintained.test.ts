// pycrypto-unmaintained reads the whole file for PyCryptodome-only APIs, which one fixture file cannot show both ways.
import { expect, test } from 'vitest';
import { loadPython } from '../../src/parser/python.js';
import { pycryptoUnmaintained } from '../../src/rules/dependencies/pycrypto-unmaintained.js';
import { scanText } from '../../src/scan.js';

async function lines(source: string): Promise<number[]> {
  const parser = await loadPython();
  return scanText(parser, 'app/crypto.py', source, [pycryptoUnmaintained]).findings.map((f) => f.region.startLine);
}

test('a file using a PyCryptodome-only module is PyCryptodome code', async () => {
  expect(await lines('from Crypto.Cipher import AES\nfrom Crypto.Util.Padding import pad\n')).toEqual([]);
  expect(await lines('from Crypto.PublicKey import ECC, RSA\n')).toEqual([]);
});

test('AES in an AEAD mode proves PyCryptodome', async () => {
  expect(await lines('from Crypto.Cipher import AES\n\ndef enc(k):\n    return AES.new(k, AES.MODE_GCM)\n')).toEqual([]);
});

test('the same imports without such evidence are reported', async () => {
  expect(await lines('from Crypto.Cipher import AES\n\ndef enc(k, iv):\n    return AES.new(k, AES.MODE_CBC, iv)\n')).toEqual([1]);
});
