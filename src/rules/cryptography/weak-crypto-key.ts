// weak-crypto-key: RSA, DSA and DH keys under 2048 bits and elliptic curves under 224 bits, sizes resolved through constants.
import type { RuleContext } from '../../engine/context.js';
import { defineRule, importsAnyPackage } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

const MIN_MODULUS_BITS = 2048;
const MIN_CURVE_BITS = 224;

interface KeySizeCall {
  algorithm: string;
  /** Position and keyword of the key size argument. */
  position: number;
  keyword: string;
}

const CRYPTOGRAPHY = 'cryptography.hazmat.primitives.asymmetric';

/** Calls that take a modulus size in bits. */
const SIZE_CALLS = new Map<string, KeySizeCall>([
  [`${CRYPTOGRAPHY}.rsa.generate_private_key`, { algorithm: 'RSA', position: 1, keyword: 'key_size' }],
  [`${CRYPTOGRAPHY}.dsa.generate_private_key`, { algorithm: 'DSA', position: 0, keyword: 'key_size' }],
  [`${CRYPTOGRAPHY}.dsa.generate_parameters`, { algorithm: 'DSA', position: 0, keyword: 'key_size' }],
  [`${CRYPTOGRAPHY}.dh.generate_parameters`, { algorithm: 'DH', position: 1, keyword: 'key_size' }],
  ['paramiko.RSAKey.generate', { algorithm: 'RSA', position: 0, keyword: 'bits' }],
  ['paramiko.rsakey.RSAKey.generate', { algorithm: 'RSA', position: 0, keyword: 'bits' }],
  ['paramiko.DSSKey.generate', { algorithm: 'DSA', position: 0, keyword: 'bits' }],
  ['paramiko.dsskey.DSSKey.generate', { algorithm: 'DSA', position: 0, keyword: 'bits' }],
  ['OpenSSL.crypto.PKey().generate_key', { algorithm: 'RSA/DSA', position: 1, keyword: 'bits' }],
  ['rsa.newkeys', { algorithm: 'RSA', position: 0, keyword: 'nbits' }],
]);
for (const ns of ['Crypto', 'Cryptodome']) {
  SIZE_CALLS.set(`${ns}.PublicKey.RSA.generate`, { algorithm: 'RSA', position: 0, keyword: 'bits' });
  SIZE_CALLS.set(`${ns}.PublicKey.DSA.generate`, { algorithm: 'DSA', position: 0, keyword: 'bits' });
  SIZE_CALLS.set(`${ns}.PublicKey.ElGamal.generate`, { algorithm: 'ElGamal', position: 0, keyword: 'bits' });
}

/** Elliptic curves below 224 bits, by `cryptography` class name. */
const WEAK_CURVE_CLASSES: Record<string, number> = { SECP192R1: 192, SECT163K1: 163, SECT163R2: 163 };
/** PyCryptodome curve names below 224 bits (compared lower-case, without spaces, dashes or underscores). */
const WEAK_CURVE_NAMES: Record<string, number> = { p192: 192, nistp192: 192, prime192v1: 192, secp192r1: 192 };

/** Functions that take a curve object as their first argument. */
const CURVE_CALLS = new Set([`${CRYPTOGRAPHY}.ec.generate_private_key`, `${CRYPTOGRAPHY}.ec.derive_private_key`]);

/** The smallest key size the argument may hold, when every value it may take is a known integer. */
function smallestSize(node: SyntaxNode, ctx: RuleContext): number | undefined {
  const single = ctx.constantValue(node);
  if (typeof single === 'number') return single;
  const values = ctx.possibleValues(node);
  if (!values || values.length === 0 || !values.every((v) => typeof v === 'number')) return undefined;
  return Math.min(...(values as number[]));
}

/** Bits of a weak `cryptography` curve named by the expression (`ec.SECP192R1()`, `ec.SECP192R1`, or a variable holding either). */
function weakCurveBits(node: SyntaxNode, ctx: RuleContext): { name: string; bits: number } | undefined {
  const names = ctx.qualifiedNameCandidates(node);
  if (!names || names.length === 0) return undefined;
  let found: { name: string; bits: number } | undefined;
  for (const raw of names) {
    const name = raw.replace(/\(\)$/, '');
    const m = /^cryptography\.hazmat\.primitives\.asymmetric\.ec\.([A-Z0-9]+)$/.exec(name);
    const bits = m ? WEAK_CURVE_CLASSES[m[1]!] : undefined;
    if (bits === undefined) return undefined; // some branch uses a strong or unknown curve
    found = { name: m![1]!, bits };
  }
  return found;
}

export const weakCryptoKey = defineRule({
  id: 'weak-crypto-key',
  title: 'Asymmetric key too short (RSA/DSA/DH under 2048 bits, elliptic curve under 224 bits)',
  family: 'cryptography',
  checklist: ['Cryptography'],
  level: 'error',
  securitySeverity: 7.5,
  precision: 'high',
  tier: 'default',
  cwe: [326],
  compatible: { bandit: ['B505'], ruff: ['S505'] },
  docs: {
    whatItDoes:
      'Reports key generation with RSA, DSA, DH or ElGamal moduli under 2048 bits and elliptic curves under 224 bits (SECP192R1, SECT163K1, SECT163R2, PyCryptodome `P-192`). It covers `cryptography` (`rsa.generate_private_key`, `dsa.generate_private_key`, `dsa.generate_parameters`, `dh.generate_parameters`, `ec.generate_private_key`), PyCrypto and PyCryptodome (`RSA.generate`, `DSA.generate`, `ElGamal.generate`, `ECC.generate(curve=...)`), Paramiko (`RSAKey.generate`, `DSSKey.generate`), pyOpenSSL `PKey().generate_key` and the `rsa` package (`rsa.newkeys`). Unlike tools that only read literals, the key size is resolved through constants and arithmetic (`KEY_SIZE = 1024`, `bits = 512 * 2`), `**kwargs` dicts, and choices between constants (the smallest possible size counts).',
    whyBad:
      'A 1024-bit RSA or DSA modulus is within reach of well-funded attackers and 512-bit keys can be factored on rented hardware in hours; NIST has disallowed keys under 2048 bits (and curves under 224 bits) for generating signatures and key agreement since 2013. Everything protected by a short key — signatures, TLS sessions, encrypted secrets — can be forged or decrypted once the key is broken.',
    example:
      'from cryptography.hazmat.primitives.asymmetric import rsa\n\nKEY_SIZE = 1024\n\ndef new_key():\n    return rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)\n',
    useInstead:
      'from cryptography.hazmat.primitives.asymmetric import ec, rsa\n\nKEY_SIZE = 3072\n\ndef new_key():\n    return rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)\n\ndef new_ec_key():\n    return ec.generate_private_key(ec.SECP256R1())\n',
    references: [
      'https://cwe.mitre.org/data/definitions/326.html',
      'https://csrc.nist.gov/pubs/sp/800/131/a/r2/final',
      'https://cryptography.io/en/latest/hazmat/primitives/asymmetric/rsa/#generation',
      'https://www.keylength.com/en/4/',
    ],
  },
  appliesTo: importsAnyPackage([...SIZE_CALLS.keys(), ...CURVE_CALLS]),
  visitors: {
    call(node, ctx) {
      const callees = ctx.calleeCandidates(node);
      if (!callees) return;
      for (const callee of callees) {
        const sized = SIZE_CALLS.get(callee);
        if (sized) {
          const arg = ctx.argument(node, sized.position, sized.keyword);
          const kw = ctx.keyword(node, sized.keyword);
          const bits = arg ? smallestSize(arg, ctx) : typeof kw.value === 'number' ? kw.value : undefined;
          if (bits !== undefined && bits > 0 && bits < MIN_MODULUS_BITS) {
            ctx.report(node, `${sized.algorithm} key of ${bits} bits is too short to resist factoring; use at least ${MIN_MODULUS_BITS} bits (3072 for keys that must last beyond 2030).`);
            return;
          }
          continue;
        }
        if (CURVE_CALLS.has(callee)) {
          const curveArg = ctx.argument(node, callee.endsWith('derive_private_key') ? 1 : 0, 'curve');
          const curve = curveArg ? weakCurveBits(curveArg, ctx) : undefined;
          if (curve) {
            ctx.report(node, `Elliptic curve ${curve.name} gives only ${curve.bits}-bit keys; use SECP256R1 or stronger (at least ${MIN_CURVE_BITS} bits).`);
            return;
          }
          continue;
        }
        if (/^(Crypto|Cryptodome)\.PublicKey\.ECC\.generate$/.test(callee)) {
          const kw = ctx.keyword(node, 'curve');
          const name = typeof kw.value === 'string' ? kw.value : undefined;
          const bits = name !== undefined ? WEAK_CURVE_NAMES[name.toLowerCase().replace(/[\s_-]/g, '')] : undefined;
          if (bits !== undefined) {
            ctx.report(node, `Elliptic curve ${name} gives only ${bits}-bit keys; use P-256 or stronger (at least ${MIN_CURVE_BITS} bits).`);
            return;
          }
        }
      }
    },
  },
});
