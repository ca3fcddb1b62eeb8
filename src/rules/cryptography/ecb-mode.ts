// ecb-mode: block ciphers used in Electronic Codebook mode (cryptography modes.ECB, PyCryptodome MODE_ECB, pyDes defaults).
import type { RuleContext } from '../../engine/context.js';
import { defineRule, importsAnyPackage } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

const ECB_CLASS = 'cryptography.hazmat.primitives.ciphers.modes.ECB';

/** PyCrypto/PyCryptodome block cipher modules whose `new(key, mode)` takes a mode. */
const BLOCK_MODULES = ['AES', 'DES', 'DES3', 'ARC2', 'Blowfish', 'CAST'];
const NAMESPACES = ['Crypto', 'Cryptodome'];

/** `<ns>.Cipher.<module>.new` → namespace and module. */
function pycryptoNew(callee: string): { ns: string; module: string } | undefined {
  const m = /^(Crypto|Cryptodome)\.Cipher\.([A-Za-z0-9_]+)\.new$/.exec(callee);
  return m && BLOCK_MODULES.includes(m[2]!) ? { ns: m[1]!, module: m[2]! } : undefined;
}

/** The mode expression names a `MODE_ECB` module constant (directly, through an alias or a variable, or every branch of a choice). */
function isEcbConstant(node: SyntaxNode, ctx: RuleContext): boolean {
  const names = ctx.qualifiedNameCandidates(node);
  if (!names || names.length === 0) return false;
  return names.every((n) => NAMESPACES.some((ns) => new RegExp(`^${ns}\\.Cipher\\.[A-Za-z0-9_]+\\.MODE_ECB$`).test(n)) || n === 'pyDes.ECB');
}

const FIX = 'use an authenticated mode such as AES-GCM (or CBC/CTR with an HMAC) instead';

export const ecbMode = defineRule({
  id: 'ecb-mode',
  title: 'Block cipher in ECB mode',
  family: 'cryptography',
  checklist: ['Cryptography'],
  level: 'warning',
  securitySeverity: 5.9,
  precision: 'high',
  tier: 'default',
  cwe: [327],
  compatible: { bandit: ['B305'], ruff: ['S305'] },
  docs: {
    whatItDoes:
      'Reports Electronic Codebook (ECB) mode: `cryptography` `modes.ECB()`, PyCrypto/PyCryptodome `<Cipher>.new(key, <Cipher>.MODE_ECB)` with the mode passed by position, by `mode=` or through `**kwargs`, and resolved through aliases and variables, PyCrypto `AES.new(key)` without a mode (PyCrypto then defaults to ECB), and `pyDes.des` / `pyDes.triple_des` without a mode or with `pyDes.ECB`. A bare integer mode (`AES.new(key, 1)`) is not reported: only the named module constant says ECB for certain.',
    whyBad:
      'ECB encrypts every block independently, so equal plaintext blocks give equal ciphertext blocks: patterns in the data (the famous encrypted penguin picture), repeated records and field boundaries stay visible, and blocks can be cut, reordered and replayed without the key. ECB also provides no integrity.',
    example:
      'from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes\n\ndef encryptor(key):\n    return Cipher(algorithms.AES(key), modes.ECB()).encryptor()\n',
    useInstead:
      'import os\nfrom cryptography.hazmat.primitives.ciphers.aead import AESGCM\n\ndef encrypt(key, data):\n    nonce = os.urandom(12)\n    return nonce + AESGCM(key).encrypt(nonce, data, None)\n',
    references: [
      'https://cwe.mitre.org/data/definitions/327.html',
      'https://cryptography.io/en/latest/hazmat/primitives/symmetric-encryption/#cryptography.hazmat.primitives.ciphers.modes.ECB',
      'https://www.pycryptodome.org/src/cipher/classic#ecb-mode',
      'https://csrc.nist.gov/pubs/sp/800/38/a/final',
    ],
  },
  appliesTo: importsAnyPackage(['cryptography', ...NAMESPACES, 'pyDes']),
  visitors: {
    call(node, ctx) {
      const callees = ctx.calleeCandidates(node);
      if (!callees) return;
      for (const callee of callees) {
        if (callee === ECB_CLASS) {
          ctx.report(node, `modes.ECB() encrypts equal blocks to equal ciphertext and leaks patterns; ${FIX}.`);
          return;
        }
        const pycrypto = pycryptoNew(callee);
        if (pycrypto) {
          const args = ctx.arguments(node);
          const mode = ctx.argument(node, 1, 'mode') ?? ctx.keyword(node, 'mode').node;
          if (mode) {
            if (isEcbConstant(mode, ctx)) {
              ctx.report(node, `${pycrypto.module}.new() in MODE_ECB encrypts equal blocks to equal ciphertext and leaks patterns; ${FIX}.`);
              return;
            }
            continue;
          }
          const unknown = args.listSplats.length > 0 || ctx.keyword(node, 'mode').present || ctx.keyword(node, 'mode').maybeInUnknownSplat;
          if (!unknown && pycrypto.ns === 'Crypto' && args.positional.length === 1) {
            ctx.report(node, `${pycrypto.module}.new() without a mode falls back to ECB in PyCrypto; pass a mode explicitly and ${FIX}.`);
            return;
          }
          continue;
        }
        if (callee === 'pyDes.des' || callee === 'pyDes.triple_des') {
          const args = ctx.arguments(node);
          const kw = ctx.keyword(node, 'mode');
          const mode = ctx.argument(node, 1, 'mode') ?? kw.node;
          const defaulted = !mode && !kw.present && !kw.maybeInUnknownSplat && args.listSplats.length === 0;
          if (defaulted || (mode && isEcbConstant(mode, ctx))) {
            ctx.report(node, `${callee}() ${defaulted ? 'defaults to' : 'uses'} ECB mode, which leaks patterns in the data; ${FIX}.`);
            return;
          }
        }
      }
    },
  },
});
