// broken-cipher: DES, 3DES, RC2, RC4, Blowfish, IDEA, CAST5, SEED and XOR ciphers in cryptography, PyCrypto(dome) and pyDes.
import { defineRule, importsAnyPackage } from '../../engine/rule.js';

/** Qualified constructor name → the cipher it creates, as shown in messages. */
const CIPHERS = new Map<string, string>();

const CRYPTOGRAPHY_ALGORITHMS: Record<string, string> = {
  ARC4: 'RC4',
  RC2: 'RC2',
  TripleDES: 'Triple DES',
  Blowfish: 'Blowfish',
  CAST5: 'CAST5',
  IDEA: 'IDEA',
  SEED: 'SEED',
};
for (const module of ['cryptography.hazmat.primitives.ciphers.algorithms', 'cryptography.hazmat.decrepit.ciphers.algorithms']) {
  for (const [cls, shown] of Object.entries(CRYPTOGRAPHY_ALGORITHMS)) CIPHERS.set(`${module}.${cls}`, shown);
}

const PYCRYPTO_CIPHERS: Record<string, string> = {
  DES: 'DES',
  DES3: 'Triple DES',
  ARC2: 'RC2',
  ARC4: 'RC4',
  Blowfish: 'Blowfish',
  CAST: 'CAST5',
  XOR: 'XOR',
};
for (const ns of ['Crypto', 'Cryptodome']) {
  for (const [mod, shown] of Object.entries(PYCRYPTO_CIPHERS)) CIPHERS.set(`${ns}.Cipher.${mod}.new`, shown);
}

CIPHERS.set('pyDes.des', 'DES');
CIPHERS.set('pyDes.triple_des', 'Triple DES');

/** Name as shown in the message: the library-relative part of the callee. */
function shownCallee(callee: string): string {
  return callee.replace(/^cryptography\.hazmat\.(primitives|decrepit)\.ciphers\./, '');
}

export const brokenCipher = defineRule({
  id: 'broken-cipher',
  title: 'Broken or obsolete cipher (DES, 3DES, RC2, RC4, Blowfish, IDEA, CAST5, SEED, XOR)',
  family: 'cryptography',
  checklist: ['Cryptography'],
  level: 'error',
  securitySeverity: 7.5,
  precision: 'high',
  tier: 'default',
  cwe: [327],
  compatible: { bandit: ['B304', 'B413'], ruff: ['S304', 'S413'] },
  docs: {
    whatItDoes:
      'Reports ciphers that are broken or too weak for new data: `cryptography` `algorithms.TripleDES`, `ARC4`, `RC2`, `Blowfish`, `CAST5`, `IDEA` and `SEED` (also from `cryptography.hazmat.decrepit`), PyCrypto and PyCryptodome `DES`, `DES3`, `ARC2`, `ARC4`, `Blowfish`, `CAST` and `XOR` `.new()` in both the `Crypto` and `Cryptodome` namespaces, and `pyDes.des` / `pyDes.triple_des`. Imports are resolved, so `from Crypto.Cipher import DES as D; D.new(key, D.MODE_CBC)` and `cipher = algorithms.ARC4; cipher(key)` are found too.',
    whyBad:
      'RC4 has biases that leak plaintext, DES keys are found by brute force in hours, and the 64-bit block ciphers (Triple DES, Blowfish, CAST5, IDEA, RC2) leak data through block collisions after a few dozen gigabytes under one key (the Sweet32 attack). XOR "encryption" is not encryption at all. Data protected by these ciphers, and the keys used with them, should be assumed readable by a motivated attacker.',
    example:
      'from Crypto.Cipher import DES\n\ndef encrypt(key, data):\n    cipher = DES.new(key, DES.MODE_CBC)\n    return cipher.iv + cipher.encrypt(data)\n',
    useInstead:
      'from cryptography.hazmat.primitives.ciphers.aead import AESGCM\nimport os\n\ndef encrypt(key, data):\n    nonce = os.urandom(12)\n    return nonce + AESGCM(key).encrypt(nonce, data, None)\n',
    references: [
      'https://cwe.mitre.org/data/definitions/327.html',
      'https://cryptography.io/en/latest/hazmat/decrepit/ciphers/',
      'https://sweet32.info/',
      'https://www.pycryptodome.org/src/cipher/cipher',
      'https://cheatsheetseries.owasp.org/cheatsheets/Cryptographic_Storage_Cheat_Sheet.html',
    ],
  },
  appliesTo: importsAnyPackage(CIPHERS.keys()),
  visitors: {
    call(node, ctx) {
      const callees = ctx.calleeCandidates(node);
      if (!callees) return;
      for (const callee of callees) {
        const cipher = CIPHERS.get(callee);
        if (!cipher) continue;
        ctx.report(node, `${shownCallee(callee)}() encrypts with ${cipher}, which is broken or obsolete; use AES-GCM or ChaCha20-Poly1305 instead.`);
        return;
      }
    },
  },
});
