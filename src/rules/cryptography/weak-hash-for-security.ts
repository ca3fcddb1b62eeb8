// weak-hash-for-security: MD2/MD4/MD5/SHA-1 digests, unless declared or recognisably not used for security.
import type { RuleContext } from '../../engine/context.js';
import { defineRule, importsAnyPackage, type Level } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

interface WeakHash {
  algorithm: string;
  /** How the call is shown in messages. */
  shown: string;
  /** The API takes `usedforsecurity=False` (hashlib, Python 3.9+). */
  canOptOut: boolean;
}

/** Digest names that `hashlib.new()` / `file_digest()` accept for broken hashes, normalised (lower case, no '-' or '_'). */
const WEAK_NAMES: Record<string, string> = { md2: 'MD2', md4: 'MD4', md5: 'MD5', md5sha1: 'MD5-SHA1', sha: 'SHA-1', sha1: 'SHA-1' };

const CONSTRUCTORS = new Map<string, Omit<WeakHash, 'shown'>>([
  ['hashlib.md5', { algorithm: 'MD5', canOptOut: true }],
  ['hashlib.sha1', { algorithm: 'SHA-1', canOptOut: true }],
  ['_hashlib.openssl_md5', { algorithm: 'MD5', canOptOut: true }],
  ['_hashlib.openssl_sha1', { algorithm: 'SHA-1', canOptOut: true }],
  ['_md5.md5', { algorithm: 'MD5', canOptOut: true }],
  ['_sha1.sha1', { algorithm: 'SHA-1', canOptOut: true }],
  // Python 2 modules
  ['md5.new', { algorithm: 'MD5', canOptOut: false }],
  ['md5.md5', { algorithm: 'MD5', canOptOut: false }],
  ['sha.new', { algorithm: 'SHA-1', canOptOut: false }],
  ['sha.sha', { algorithm: 'SHA-1', canOptOut: false }],
  // cryptography
  ['cryptography.hazmat.primitives.hashes.MD5', { algorithm: 'MD5', canOptOut: false }],
  ['cryptography.hazmat.primitives.hashes.SHA1', { algorithm: 'SHA-1', canOptOut: false }],
]);
// PyCrypto and PyCryptodome (both namespaces)
for (const ns of ['Crypto', 'Cryptodome']) {
  for (const [mod, algorithm] of [['MD2', 'MD2'], ['MD4', 'MD4'], ['MD5', 'MD5'], ['SHA', 'SHA-1'], ['SHA1', 'SHA-1']] as const) {
    CONSTRUCTORS.set(`${ns}.Hash.${mod}.new`, { algorithm, canOptOut: false });
  }
}

/**
 * Constructions whose strength does not rest on the hash's collision resistance (HMAC, MGF1/OAEP padding,
 * HOTP/TOTP, key derivation): a weak hash passed straight into them is not this rule's finding (password KDFs
 * belong to weak-password-hashing).
 */
const COLLISION_INDEPENDENT = new Set(
  [
    'asymmetric.padding.MGF1',
    'asymmetric.padding.OAEP',
    'hmac.HMAC',
    'twofactor.hotp.HOTP',
    'twofactor.totp.TOTP',
    'kdf.pbkdf2.PBKDF2HMAC',
    'kdf.hkdf.HKDF',
    'kdf.hkdf.HKDFExpand',
    'kdf.concatkdf.ConcatKDFHash',
    'kdf.concatkdf.ConcatKDFHMAC',
    'kdf.x963kdf.X963KDF',
    'kdf.kbkdf.KBKDFHMAC',
  ].map((n) => `cryptography.hazmat.primitives.${n}`),
);

/**
 * The non-security heuristic. A digest is taken to be a cache key, ETag, checksum, fingerprint or dedup id when
 * a word below appears in a name it is stored under or passed as (assignment target, keyword, dict/subscript key,
 * receiving call such as `cache.set`) or in the name of the function computing it — unless a security word
 * also appears there (a password, token, signature or secret is never "just a checksum").
 * Names are split on `_` and camelCase; a word matches a whole part or its start/end (`cachekey`, `file_etag`).
 */
const NON_SECURITY_WORDS = ['cache', 'etag', 'checksum', 'chksum', 'crc', 'fingerprint', 'dedup', 'duplicate', 'md5sum', 'sha1sum', 'shard'];
/** Part names that, next to `file`, mean a digest of a file's contents (`file_hash`, `file_md5`). */
const FILE_DIGEST_PARTS = new Set(['hash', 'hashes', 'digest', 'md5', 'sha1', 'sum']);
const SECURITY_PREFIXES = ['password', 'passwd', 'passphrase', 'secret', 'credential', 'signature', 'authenticat', 'apikey'];
const SECURITY_WORDS = new Set(['pwd', 'pw', 'token', 'tokens', 'sign', 'signed', 'signing', 'auth', 'salt', 'nonce', 'hmac', 'otp', 'session', 'csrf']);

function parts(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function soundsSecurity(words: string[]): boolean {
  return words.some((w) => SECURITY_WORDS.has(w) || SECURITY_PREFIXES.some((p) => w.startsWith(p)));
}

function soundsNonSecurity(words: string[]): boolean {
  if (words.some((w) => NON_SECURITY_WORDS.some((root) => w.startsWith(root) || w.endsWith(root)))) return true;
  if (words.some((w) => /^files?(hash|digest|md5|sha1|sum)$/.test(w))) return true;
  return (words.includes('file') || words.includes('files')) && words.some((w) => FILE_DIGEST_PARTS.has(w));
}

/** Which weak hash a call creates, if any. */
function weakHash(call: SyntaxNode, ctx: RuleContext): WeakHash | undefined {
  const callees = ctx.calleeCandidates(call);
  if (!callees) return undefined;
  for (const callee of callees) {
    const known = CONSTRUCTORS.get(callee);
    if (known) return { ...known, shown: `${callee.replace(/^cryptography\.hazmat\.primitives\./, '')}()` };
    if (callee === 'hashlib.new') {
      const name = ctx.stringValue(ctx.argument(call, 0, 'name'));
      const algorithm = name !== undefined ? WEAK_NAMES[name.toLowerCase().replace(/[-_]/g, '')] : undefined;
      if (algorithm) return { algorithm, shown: `hashlib.new('${name}')`, canOptOut: true };
    }
    if (callee === 'hashlib.file_digest') {
      const digest = ctx.argument(call, 1, 'digest');
      if (!digest) continue;
      const name = ctx.stringValue(digest);
      const byName = name !== undefined ? WEAK_NAMES[name.toLowerCase().replace(/[-_]/g, '')] : undefined;
      const byRef = ctx.qualifiedNameCandidates(digest)?.map((n) => CONSTRUCTORS.get(n)?.algorithm).find(Boolean);
      const algorithm = byName ?? byRef;
      if (algorithm) return { algorithm, shown: 'hashlib.file_digest()', canOptOut: false };
    }
  }
  return undefined;
}

/** `usedforsecurity=False`, or a value we cannot see (a flag or a `**kwargs` chosen at run time): the author decided. */
function optedOut(call: SyntaxNode, ctx: RuleContext): boolean {
  const kw = ctx.keyword(call, 'usedforsecurity');
  if (kw.present) return kw.value === undefined || kw.value === false || kw.value === 0;
  return kw.maybeInUnknownSplat;
}

function looksNonSecurity(call: SyntaxNode, ctx: RuleContext): boolean {
  const destination = ctx.valueDestination(call);
  const names = [...destination.names];
  const fn = ctx.enclosingFunction(call)?.childForFieldName('name')?.text;
  if (fn) names.push(fn);
  const words = names.flatMap(parts);
  return !soundsSecurity(words) && soundsNonSecurity(words);
}

export const weakHashForSecurity = defineRule({
  id: 'weak-hash-for-security',
  title: 'Broken hash algorithm (MD5, SHA-1, MD4, MD2)',
  family: 'cryptography',
  checklist: ['Cryptography'],
  level: 'warning',
  securitySeverity: 5.9,
  precision: 'medium',
  tier: 'default',
  cwe: [328],
  compatible: { bandit: ['B303', 'B324'], ruff: ['S303', 'S324'] },
  docs: {
    whatItDoes:
      'Reports digests created with MD2, MD4, MD5 or SHA-1: `hashlib.md5()`/`sha1()`, `hashlib.new(name)` and `hashlib.file_digest()` with the name resolved through constants (case-insensitive), PyCrypto/PyCryptodome `Crypto.Hash.MD5/MD4/MD2/SHA/SHA1.new()`, and `cryptography` `hashes.MD5()`/`hashes.SHA1()`. Calls with `usedforsecurity=False` are not reported, nor are hashes handed directly to constructions that do not depend on collision resistance (HMAC, MGF1/OAEP, HOTP/TOTP, KDFs). When the digest is stored under or passed as a name that says cache, ETag, checksum, fingerprint, dedup or file digest (or is computed by a function so named), and no security word such as password, token or signature appears, the finding is a note instead of a warning; findings in test code are notes too.',
    whyBad:
      'Practical collision attacks exist for MD5 and SHA-1 (and long ago for MD4 and MD2): an attacker can produce two different inputs with the same digest, which defeats signatures, certificate and file-integrity checks, and any identifier that is meant to be unforgeable. Fast unsalted digests are also unsuitable for passwords. Where the digest is only a cache key or checksum against accidental corruption, saying so with `usedforsecurity=False` documents the intent and keeps FIPS-mode interpreters working.',
    example: 'import hashlib\n\ndef sign_payload(payload, key):\n    return hashlib.md5(key + payload).hexdigest()\n',
    useInstead:
      'import hashlib\nimport hmac\n\ndef sign_payload(payload, key):\n    return hmac.new(key, payload, hashlib.sha256).hexdigest()\n\ndef cache_key(url):\n    return hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()\n',
    references: [
      'https://cwe.mitre.org/data/definitions/328.html',
      'https://docs.python.org/3/library/hashlib.html#hash-algorithms',
      'https://csrc.nist.gov/projects/hash-functions/nist-policy-on-hash-functions',
      'https://shattered.io/',
      'https://cheatsheetseries.owasp.org/cheatsheets/Cryptographic_Storage_Cheat_Sheet.html',
    ],
  },
  appliesTo: importsAnyPackage([...CONSTRUCTORS.keys(), 'hashlib.new']),
  visitors: {
    call(node, ctx) {
      const weak = weakHash(node, ctx);
      if (!weak) return;
      if (weak.canOptOut && optedOut(node, ctx)) return;
      const receiver = ctx.valueDestination(node).receivingCall;
      if (receiver && ctx.calleeCandidates(receiver)?.some((c) => COLLISION_INDEPENDENT.has(c))) return;
      const benign = looksNonSecurity(node, ctx);
      const level: Level | undefined = benign ? 'note' : undefined;
      ctx.report(node, message(weak, benign), level ? { level } : {});
    },
  },
});

function message(weak: WeakHash, benign: boolean): string {
  if (benign) {
    return weak.canOptOut
      ? `${weak.shown} uses ${weak.algorithm} for what looks like a cache key, ETag or checksum; pass usedforsecurity=False to record that, or switch to SHA-256.`
      : `${weak.shown} uses ${weak.algorithm} for what looks like a cache key, ETag or checksum; switch to SHA-256 if the value is ever relied on for integrity.`;
  }
  return weak.canOptOut
    ? `${weak.shown} uses ${weak.algorithm}, which is broken for collision resistance; use SHA-256 or stronger, or pass usedforsecurity=False if the digest is not security-relevant.`
    : `${weak.shown} uses ${weak.algorithm}, which is broken for collision resistance; use SHA-256 or stronger.`;
}
