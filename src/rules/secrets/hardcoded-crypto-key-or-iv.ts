// hardcoded-crypto-key-or-iv: constant bytes used as a cipher/MAC key, an IV or nonce, or a KDF salt.
import { maskValue } from '../../analysis/secret-values.js';
import { unwrapParentheses as unwrap } from '../../analysis/syntax.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule, importsAnyPackage } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

type Role = 'key' | 'iv' | 'nonce' | 'salt';

interface Slot {
  role: Role;
  position?: number;
  keyword: string;
}

const SINKS = new Map<string, Slot[]>();
const add = (names: string[], slots: Slot[]) => names.forEach((n) => SINKS.set(n, slots));

for (const ns of ['cryptography.hazmat.primitives.ciphers', 'cryptography.hazmat.decrepit.ciphers']) {
  add(['AES', 'AES128', 'AES256', 'Camellia', 'SM4', 'TripleDES', 'Blowfish', 'CAST5', 'IDEA', 'SEED', 'ARC4'].map((c) => `${ns}.algorithms.${c}`), [{ role: 'key', position: 0, keyword: 'key' }]);
  add([`${ns}.algorithms.ChaCha20`], [{ role: 'key', position: 0, keyword: 'key' }, { role: 'nonce', position: 1, keyword: 'nonce' }]);
  add(['CBC', 'OFB', 'CFB', 'CFB8', 'GCM'].map((m) => `${ns}.modes.${m}`), [{ role: 'iv', position: 0, keyword: 'initialization_vector' }]);
  add([`${ns}.modes.CTR`], [{ role: 'nonce', position: 0, keyword: 'nonce' }]);
  add([`${ns}.modes.XTS`], [{ role: 'iv', position: 0, keyword: 'tweak' }]);
}
for (const c of ['AESGCM', 'AESCCM', 'AESOCB3', 'AESSIV', 'AESGCMSIV', 'ChaCha20Poly1305']) {
  const cls = `cryptography.hazmat.primitives.ciphers.aead.${c}`;
  add([cls], [{ role: 'key', position: 0, keyword: 'key' }]);
  add([`${cls}().encrypt`], [{ role: 'nonce', position: 0, keyword: 'nonce' }]);
}
add(['cryptography.fernet.Fernet'], [{ role: 'key', position: 0, keyword: 'key' }]);
add(['cryptography.hazmat.primitives.hmac.HMAC'], [{ role: 'key', position: 0, keyword: 'key' }]);
add(['cryptography.hazmat.primitives.kdf.pbkdf2.PBKDF2HMAC'], [{ role: 'salt', position: 2, keyword: 'salt' }]);
add(['cryptography.hazmat.primitives.kdf.scrypt.Scrypt'], [{ role: 'salt', position: 0, keyword: 'salt' }]);
add(['cryptography.hazmat.primitives.kdf.argon2.Argon2id'], [{ role: 'salt', keyword: 'salt' }]);
for (const ns of ['Crypto', 'Cryptodome']) {
  add(['AES', 'DES', 'DES3', 'ARC2', 'Blowfish', 'CAST'].map((c) => `${ns}.Cipher.${c}.new`), [
    { role: 'key', position: 0, keyword: 'key' },
    { role: 'iv', position: 2, keyword: 'iv' },
    { role: 'iv', keyword: 'IV' },
    { role: 'nonce', keyword: 'nonce' },
  ]);
  add(['ChaCha20', 'XChaCha20', 'Salsa20', 'ChaCha20_Poly1305'].map((c) => `${ns}.Cipher.${c}.new`), [
    { role: 'key', keyword: 'key' },
    { role: 'nonce', keyword: 'nonce' },
  ]);
  add([`${ns}.Cipher.ARC4.new`, `${ns}.Hash.HMAC.new`, `${ns}.Hash.CMAC.new`], [{ role: 'key', position: 0, keyword: 'key' }]);
  add([`${ns}.Hash.Poly1305.new`], [{ role: 'key', keyword: 'key' }, { role: 'nonce', keyword: 'nonce' }]);
  add([`${ns}.Protocol.KDF.PBKDF2`, `${ns}.Protocol.KDF.scrypt`], [{ role: 'salt', position: 1, keyword: 'salt' }]);
  add([`${ns}.Protocol.KDF.bcrypt`], [{ role: 'salt', position: 2, keyword: 'salt' }]);
}
add(['hmac.new', 'hmac.digest', 'hmac.HMAC'], [{ role: 'key', position: 0, keyword: 'key' }]);
add(['hashlib.pbkdf2_hmac'], [{ role: 'salt', position: 2, keyword: 'salt' }]);
add(['hashlib.scrypt'], [{ role: 'salt', keyword: 'salt' }]);
add(['hashlib.blake2b', 'hashlib.blake2s'], [{ role: 'key', keyword: 'key' }, { role: 'salt', keyword: 'salt' }]);
add(['nacl.secret.SecretBox', 'nacl.secret.Aead'], [{ role: 'key', position: 0, keyword: 'key' }]);
add(['nacl.secret.SecretBox().encrypt', 'nacl.secret.Aead().encrypt'], [{ role: 'nonce', position: 1, keyword: 'nonce' }]);

/** Decoders whose result is as constant as their literal argument: `bytes.fromhex("…")`, `base64.b64decode("…")`. */
const DECODERS = new Set([
  'bytes.fromhex', 'bytearray.fromhex', 'binascii.unhexlify', 'binascii.a2b_hex', 'binascii.a2b_base64', 'base64.b64decode',
  'base64.urlsafe_b64decode', 'base64.standard_b64decode', 'base64.b16decode', 'base64.b32decode', 'base64.b85decode', 'base64.decodebytes', 'codecs.decode',
]);

/** The constant a key expression always evaluates to (text for messages), or undefined when it is computed at run time. */
function constantBytes(node: SyntaxNode | null | undefined, ctx: RuleContext, depth = 0): string | undefined {
  if (!node || depth > 6) return undefined;
  const n = unwrap(node);
  const folded = ctx.stringValue(n);
  if (folded !== undefined) return folded;
  if (n.type === 'identifier') {
    const bound = ctx.boundValues(n);
    if (!bound || bound.length === 0 || bound.some((b) => b.kind === 'with')) return undefined;
    const values = bound.map((b) => constantBytes(b.node, ctx, depth + 1));
    return values.every((v) => v !== undefined && v === values[0]) ? values[0] : undefined;
  }
  if (n.type === 'attribute') {
    const assigned = ctx.instanceAttributeValues(n);
    if (!assigned || assigned.length === 0) return undefined;
    const values = assigned.map((v) => constantBytes(v, ctx, depth + 1));
    return values.every((v) => v !== undefined && v === values[0]) ? values[0] : undefined;
  }
  if (n.type !== 'call') return undefined;
  const callee = ctx.callee(n);
  const args = ctx.arguments(n);
  if (callee !== undefined && DECODERS.has(callee)) return constantBytes(args.positional[0], ctx, depth + 1);
  if (callee === 'bytes' || callee === 'bytearray') {
    const v = ctx.constantValue(args.positional[0]);
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 4096) return '\0'.repeat(v); // zero bytes
    if (Array.isArray(v) && v.every((x) => typeof x === 'number')) return String.fromCharCode(...(v as number[]).map((x) => x & 0xff));
    return constantBytes(args.positional[0], ctx, depth + 1);
  }
  return undefined;
}

const ADVICE: Record<Role, string> = {
  key: 'generate keys with a secure random source and load them at run time from a key store or secret manager',
  iv: 'use a fresh random IV for every message (os.urandom) and send it along with the ciphertext',
  nonce: 'use a fresh nonce for every message (os.urandom or a counter that never repeats under one key)',
  salt: 'use a random salt per password (os.urandom(16)) stored next to the hash',
};

const ROLE_TEXT: Record<Role, string> = { key: 'key', iv: 'IV', nonce: 'nonce', salt: 'salt' };

function shown(callee: string): string {
  const parts = callee.replace(/\(\)/g, '').split('.');
  const last = parts[parts.length - 1]!;
  const owner = parts[parts.length - 2] ?? '';
  // Classes read best alone (`Fernet()`, `PBKDF2HMAC()`), methods and functions with their owner (`AES.new()`).
  if (/^[A-Z]/.test(last) && !/^(algorithms|modes)$/.test(owner)) return `${last}()`;
  return `${parts.slice(-2).join('.')}()`;
}

export const hardcodedCryptoKeyOrIv = defineRule({
  id: 'hardcoded-crypto-key-or-iv',
  title: 'Hard-coded cryptographic key, IV, nonce or salt',
  family: 'secrets',
  checklist: ['Cryptography', 'Sensitive Data Handling'],
  level: 'error',
  securitySeverity: 7.5,
  precision: 'medium',
  tier: 'default',
  cwe: [321, 329],
  compatible: {},
  supersedes: ['hardcoded-password', 'hardcoded-high-entropy-secret'],
  docs: {
    whatItDoes:
      'Reports constant bytes or strings used as the key of a cipher or MAC, as an IV or nonce, or as a key-derivation salt: `cryptography` algorithms, modes, AEAD classes, `Fernet`, `HMAC`, `PBKDF2HMAC`, `Scrypt` and `Argon2id`; PyCryptodome/PyCrypto `*.new(key, mode, iv=…, nonce=…)`, `HMAC.new`, `PBKDF2`; the standard library `hmac.new`, `hmac.digest`, `hashlib.pbkdf2_hmac`, `hashlib.scrypt` and keyed `blake2b`; PyNaCl `SecretBox`. Constants are followed through names, `self.` attributes, `"…".encode()`, `bytes.fromhex("…")`, `base64.b64decode("…")`, `b"\\0" * 16` and `bytes(16)`; empty keys count too. Salts are warnings.',
    whyBad:
      'A key in the source is shared with everyone who can read it, so the encryption or MAC protects nothing against them, and rotating it means a code change. A constant IV or nonce makes equal plaintexts encrypt equally; with CTR, GCM or ChaCha20 one repeated nonce reveals the XOR of two plaintexts and, for GCM, lets an attacker forge messages. A constant salt lets one precomputed table attack every password hash at once.',
    example:
      'from Crypto.Cipher import AES\n\nKEY = b"0123456789abcdef"\n\ndef encrypt(data):\n    return AES.new(KEY, AES.MODE_GCM, nonce=b"\\x00" * 12).encrypt(data)\n',
    useInstead:
      'import os\nfrom Crypto.Cipher import AES\n\ndef encrypt(key, data):\n    cipher = AES.new(key, AES.MODE_GCM)\n    return cipher.nonce + cipher.encrypt(data)\n',
    references: [
      'https://cwe.mitre.org/data/definitions/321.html',
      'https://cwe.mitre.org/data/definitions/329.html',
      'https://cryptography.io/en/latest/hazmat/primitives/aead/',
      'https://cheatsheetseries.owasp.org/cheatsheets/Cryptographic_Storage_Cheat_Sheet.html',
    ],
  },
  appliesTo: importsAnyPackage(SINKS.keys()),
  visitors: {
    call(node, ctx) {
      const callee = ctx.callee(node);
      const slots = callee !== undefined ? SINKS.get(callee) : undefined;
      if (!slots) return;
      const reported = new Set<number>();
      for (const slot of slots) {
        const arg = ctx.argument(node, slot.position, slot.keyword);
        if (!arg || reported.has(arg.id)) continue;
        const value = constantBytes(arg, ctx);
        if (value === undefined) continue;
        reported.add(arg.id);
        const what = value.length === 0 ? `Empty ${ROLE_TEXT[slot.role]}` : `Constant ${ROLE_TEXT[slot.role]} (${maskValue(value)})`;
        ctx.report(arg, `${what} passed to ${shown(callee!)}; ${ADVICE[slot.role]}.`, slot.role === 'salt' ? { level: 'warning', levelReason: 'a constant salt weakens hashing but does not expose data by itself' } : {});
      }
    },
  },
});
