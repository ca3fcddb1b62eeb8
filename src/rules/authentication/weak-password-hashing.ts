// weak-password-hashing: passwords hashed with fast digests, and password KDFs configured too weak.
import { passwordOrigin, type PasswordOrigin } from '../../analysis/password-values.js';
import { namedChildren, unwrapParentheses } from '../../analysis/syntax.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';
import { groupDigits } from '../../format-number.js';

/** Fast digests by constructor, with the position and keyword of their data argument. */
const FAST_HASHES = new Map<string, string>([
  ...['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha3_224', 'sha3_256', 'sha3_384', 'sha3_512', 'blake2b', 'blake2s', 'shake_128', 'shake_256'].map(
    (h) => [`hashlib.${h}`, shown(h.toUpperCase())] as const,
  ),
]);
for (const ns of ['Crypto', 'Cryptodome']) {
  for (const h of ['MD2', 'MD4', 'MD5', 'SHA', 'SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512', 'SHA3_256', 'SHA3_512', 'BLAKE2b', 'BLAKE2s', 'RIPEMD160']) {
    FAST_HASHES.set(`${ns}.Hash.${h}.new`, shown(h));
  }
}
const HMACS = new Set(['hmac.new', 'hmac.HMAC', 'hmac.digest']);

/** OWASP Password Storage Cheat Sheet (2023) PBKDF2 iteration counts per digest. */
const OWASP_PBKDF2: Record<string, number> = { sha1: 1_300_000, sha256: 600_000, sha512: 210_000 };
/** Below this many iterations PBKDF2 is reported whatever the digest (a floor well under OWASP's figures). */
const PBKDF2_FLOOR = 100_000;
const BCRYPT_MIN_COST = 10;

const WEAK_DJANGO_HASHERS = new Set(['MD5PasswordHasher', 'UnsaltedMD5PasswordHasher', 'SHA1PasswordHasher', 'UnsaltedSHA1PasswordHasher', 'CryptPasswordHasher']);
const WEAK_PASSLIB_SCHEMES = new Set([
  'md5_crypt', 'apr_md5_crypt', 'sun_md5_crypt', 'des_crypt', 'bsdi_crypt', 'bigcrypt', 'crypt16', 'hex_md4', 'hex_md5', 'hex_sha1', 'hex_sha256', 'hex_sha512',
  'ldap_md5', 'ldap_sha1', 'ldap_salted_md5', 'ldap_salted_sha1', 'ldap_plaintext', 'plaintext', 'lmhash', 'nthash', 'mysql323', 'mysql41', 'postgres_md5',
  'oracle10', 'msdcc', 'msdcc2', 'django_salted_md5', 'django_salted_sha1', 'django_des_crypt', 'roundup_plaintext', 'cisco_type7', 'cisco_pix', 'cisco_asa',
]);
const WEAK_CRYPT_METHODS = new Set(['crypt.METHOD_CRYPT', 'crypt.METHOD_MD5', 'legacycrypt.METHOD_CRYPT', 'legacycrypt.METHOD_MD5']);

const ADVICE = 'use a password hashing function instead: argon2 (argon2-cffi), bcrypt, scrypt, or PBKDF2 with at least 600,000 iterations (Django make_password(), werkzeug generate_password_hash())';

function describe(origin: PasswordOrigin): string {
  return origin.description.charAt(0).toUpperCase() + origin.description.slice(1);
}

/** "SHA256" → "SHA-256", "SHA3_512" → "SHA3-512". */
function shown(name: string): string {
  return name.replace(/^SHA(\d{3})$/, 'SHA-$1').replace(/^SHA1?$/, 'SHA-1').replace(/_/g, '-');
}

function intValue(node: SyntaxNode | undefined, ctx: RuleContext): number | undefined {
  const v = node ? ctx.constantValue(node) : undefined;
  return typeof v === 'number' ? v : undefined;
}

function pwOrigin(node: SyntaxNode | undefined, ctx: RuleContext): PasswordOrigin | undefined {
  return node
    ? passwordOrigin(node, { callee: (c) => ctx.callee(c), boundValues: (id) => ctx.boundValues(id), stringValue: (n) => ctx.stringValue(n) })
    : undefined;
}

/** Name of the fast digest a call constructs, when it is one. */
function fastHash(call: SyntaxNode, ctx: RuleContext): { name: string; data?: SyntaxNode } | undefined {
  for (const callee of ctx.calleeCandidates(call) ?? []) {
    const known = FAST_HASHES.get(callee);
    if (known) return { name: known, data: ctx.argument(call, 0, callee.startsWith('hashlib.') ? 'string' : 'data') ?? ctx.argument(call, undefined, 'data') };
    if (callee === 'hashlib.new') {
      const name = ctx.stringValue(ctx.argument(call, 0, 'name'));
      if (name === undefined || /^(scrypt|argon)/i.test(name)) return undefined;
      return { name: shown(name.toUpperCase()), data: ctx.argument(call, 1, 'data') ?? ctx.argument(call, undefined, 'string') };
    }
  }
  return undefined;
}

function checkFastHash(call: SyntaxNode, ctx: RuleContext): void {
  const hash = fastHash(call, ctx);
  if (hash) {
    const origin = pwOrigin(hash.data, ctx);
    if (origin) ctx.report(call, `${describe(origin)} is hashed with ${hash.name}, a fast digest that offers little resistance to guessing; ${ADVICE}.`);
    return;
  }
  const callee = ctx.callee(call);
  if (callee && HMACS.has(callee)) {
    // The password as the message (a peppered digest). As the key it is a challenge-response proof (CRAM-MD5), not storage.
    const origin = pwOrigin(ctx.argument(call, 1, 'msg'), ctx);
    if (origin) ctx.report(call, `${describe(origin)} goes through a single HMAC, which is as fast to brute-force as a plain digest; ${ADVICE}.`);
    return;
  }
  // `h = hashlib.sha256(); h.update(password)`
  const fn = call.childForFieldName('function');
  if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'update') {
    const receiver = fn.childForFieldName('object');
    const origins = receiver ? ctx.originCalls(receiver) : undefined;
    const created = origins?.map((o) => fastHash(o, ctx) ?? (HMACS.has(ctx.callee(o) ?? '') ? { name: 'HMAC' } : undefined)).find(Boolean);
    if (!created) return;
    const origin = pwOrigin(ctx.argument(call, 0, undefined), ctx);
    if (origin) ctx.report(call, `${describe(origin)} is hashed with ${created.name}, a fast digest that offers little resistance to guessing; ${ADVICE}.`);
  }
}

function digestName(node: SyntaxNode | undefined, ctx: RuleContext): string | undefined {
  if (!node) return undefined;
  const s = ctx.stringValue(node);
  if (s !== undefined) return s.toLowerCase().replace(/[-_]/g, '');
  const inner = unwrapParentheses(node);
  const qn = inner.type === 'call' ? ctx.callee(inner) : ctx.qualifiedName(inner);
  const last = qn?.split('.').pop();
  return last?.toLowerCase().replace(/[-_]/g, '');
}

function reportIterations(call: SyntaxNode, at: SyntaxNode, count: number, digest: string | undefined, ctx: RuleContext, implicit = false): void {
  if (count >= PBKDF2_FLOOR) return;
  const owasp = digest ? OWASP_PBKDF2[digest] : undefined;
  const guidance = owasp
    ? `OWASP recommends ${groupDigits(owasp)} for PBKDF2-HMAC-${digest!.toUpperCase()}`
    : 'OWASP recommends 600,000 for PBKDF2-HMAC-SHA256';
  ctx.report(at, `PBKDF2 runs ${implicit ? 'its default of ' : ''}${groupDigits(count)} iterations, below the ${groupDigits(PBKDF2_FLOOR)} this rule requires (${guidance}); raise the count or use argon2, bcrypt or scrypt.`);
  void call;
}

function checkKdf(call: SyntaxNode, ctx: RuleContext): void {
  const callee = ctx.callee(call);
  if (!callee) return;
  if (callee === 'hashlib.pbkdf2_hmac') {
    const it = ctx.argument(call, 3, 'iterations');
    const n = intValue(it, ctx);
    if (it && n !== undefined) reportIterations(call, it, n, digestName(ctx.argument(call, 0, 'hash_name'), ctx), ctx);
    return;
  }
  if (callee === 'cryptography.hazmat.primitives.kdf.pbkdf2.PBKDF2HMAC') {
    const it = ctx.argument(call, 3, 'iterations');
    const n = intValue(it, ctx);
    if (it && n !== undefined) reportIterations(call, it, n, digestName(ctx.argument(call, 0, 'algorithm'), ctx), ctx);
    return;
  }
  if (/^Crypto(dome)?\.Protocol\.KDF\.PBKDF2$/.test(callee)) {
    const kw = ctx.keyword(call, 'count');
    const it = ctx.argument(call, 3, 'count');
    const module = ctx.argument(call, 5, 'hmac_hash_module');
    const digest = module ? digestName(module, ctx)?.replace(/^(crypto|cryptodome)hash/, '') : 'sha1';
    if (it) {
      const n = intValue(it, ctx);
      if (n !== undefined) reportIterations(call, it, n, digest, ctx);
    } else if (!kw.present && !kw.maybeInUnknownSplat) {
      reportIterations(call, call, 1000, digest, ctx, true);
    }
    return;
  }
  if (callee === 'bcrypt.gensalt') {
    const rounds = ctx.argument(call, 0, 'rounds');
    const n = intValue(rounds, ctx);
    if (rounds && n !== undefined && n < BCRYPT_MIN_COST) {
      ctx.report(rounds, `bcrypt cost factor ${n} is too low (each step halves the work an attacker needs); keep the default of 12, or at least ${BCRYPT_MIN_COST}.`);
    }
    return;
  }
  if (callee === 'crypt.mksalt' || callee === 'crypt.crypt' || callee === 'legacycrypt.mksalt' || callee === 'legacycrypt.crypt') {
    const method = ctx.argument(call, callee.endsWith('mksalt') ? 0 : 1, callee.endsWith('mksalt') ? 'method' : 'salt');
    const qn = method ? ctx.qualifiedName(unwrapParentheses(method)) : undefined;
    const salt = method ? ctx.stringValue(method) : undefined;
    const weak = (qn && WEAK_CRYPT_METHODS.has(qn)) || (salt !== undefined && !salt.startsWith('$') && salt.length >= 2);
    if (weak) ctx.report(call, `${callee}() uses ${qn ? qn.split('.').pop() : 'traditional DES crypt'}, a weak password hashing method; use crypt.METHOD_SHA512 at least, or better argon2 or bcrypt.`);
    return;
  }
  if (callee === 'werkzeug.security.generate_password_hash' || callee === 'werkzeug.generate_password_hash') {
    const method = ctx.stringValue(ctx.argument(call, 1, 'method'));
    if (method === undefined) return;
    const [kind, , rounds] = method.split(':');
    if (kind === 'pbkdf2') {
      const n = rounds !== undefined ? Number(rounds) : NaN;
      if (Number.isFinite(n)) reportIterations(call, call, n, method.split(':')[1]?.replace(/-/g, ''), ctx);
    } else if (kind !== undefined && kind !== 'scrypt' && kind !== '') {
      ctx.report(call, `generate_password_hash(method='${method}') stores a single salted ${kind} digest; use the default (scrypt) or 'pbkdf2:sha256' with at least 600,000 iterations.`);
    }
    return;
  }
  // passlib: `md5_crypt.hash(pw)`, `pbkdf2_sha256.using(rounds=1000)`, `bcrypt.using(rounds=4)`.
  const m = /^passlib\.hash\.([a-z0-9_]+)\.(hash|encrypt|using)$/.exec(callee);
  if (m) {
    const [, scheme, method] = m as unknown as [string, string, string];
    if (WEAK_PASSLIB_SCHEMES.has(scheme) && method !== 'using') {
      ctx.report(call, `passlib's ${scheme} is a weak password hashing scheme; use argon2, bcrypt, scrypt or pbkdf2_sha256 from passlib.hash.`);
    } else if (method === 'using') {
      const rounds = ctx.argument(call, undefined, 'rounds');
      const n = intValue(rounds, ctx);
      if (!rounds || n === undefined) return;
      if (scheme.startsWith('pbkdf2_')) reportIterations(call, rounds, n, scheme.slice('pbkdf2_'.length), ctx);
      else if (/^bcrypt/.test(scheme) && n < BCRYPT_MIN_COST) ctx.report(rounds, `bcrypt cost factor ${n} is too low; keep passlib's default, or at least ${BCRYPT_MIN_COST}.`);
    }
    return;
  }
  if (callee === 'passlib.context.CryptContext' || callee === 'passlib.apps.CryptContext') {
    const schemes = ctx.argument(call, 0, 'schemes');
    const explicitDefault = ctx.stringValue(ctx.argument(call, undefined, 'default'));
    const list = schemes ? ctx.constantValue(schemes) : undefined;
    const first = explicitDefault ?? (Array.isArray(list) && typeof list[0] === 'string' ? list[0] : undefined);
    if (first !== undefined && WEAK_PASSLIB_SCHEMES.has(first)) {
      ctx.report(call, `CryptContext hashes new passwords with ${first}, a weak scheme; put argon2, bcrypt or pbkdf2_sha256 first and keep ${first} only as a deprecated scheme.`);
    }
  }
}

export const weakPasswordHashing = defineRule({
  id: 'weak-password-hashing',
  title: 'Password hashed with a fast digest or a weak KDF setting',
  family: 'authentication',
  checklist: ['Authentication and Authorization', 'Cryptography'],
  level: 'error',
  securitySeverity: 7.5,
  precision: 'high',
  tier: 'default',
  cwe: [916, 328],
  compatible: { bandit: ['B303', 'B324'], ruff: ['S303', 'S324'] },
  supersedes: ['weak-hash-for-security'],
  docs: {
    whatItDoes:
      'Reports passwords hashed with a fast digest: a request field, `.get()` item, WTForms field or `getpass.getpass()` result, or a parameter or variable whose name says password, passed (also after `.encode()`, `+ salt` or an f-string) to `hashlib.md5/sha1/sha256/sha512/blake2*()`, `hashlib.new()`, PyCryptodome `Hash.*.new()`, `hmac.new()`, or a digest object\'s `update()`. It also reports PBKDF2 with fewer than 100,000 iterations (`hashlib.pbkdf2_hmac`, cryptography `PBKDF2HMAC`, PyCryptodome `PBKDF2` including its default of 1,000, werkzeug `pbkdf2:sha256:N`, passlib `pbkdf2_*.using(rounds=)`), bcrypt cost below 10, werkzeug\'s legacy single-digest methods, weak passlib schemes and `CryptContext` defaults, DES/MD5 `crypt`, and a Django `PASSWORD_HASHERS` whose first entry is an MD5, SHA-1 or crypt hasher (not in development or test settings modules). Random tokens and API keys hashed with SHA-256 are not reported: they are not guessable.',
    whyBad:
      'A leaked password table is attacked offline by hashing candidate passwords until one matches. GPUs compute billions of MD5 or SHA-256 digests per second, so a fast digest, even salted, lets an attacker recover most human-chosen passwords quickly. Password hashing functions (argon2, bcrypt, scrypt, PBKDF2 with a high iteration count) are deliberately slow and, for argon2 and scrypt, memory-hard, which makes each guess expensive.',
    example: 'import hashlib\n\ndef store(user, password):\n    user.pw_digest = hashlib.sha256(password.encode()).hexdigest()\n',
    useInstead:
      'from argon2 import PasswordHasher\n\nph = PasswordHasher()\n\ndef store(user, password):\n    user.pw_digest = ph.hash(password)\n',
    references: [
      'https://cwe.mitre.org/data/definitions/916.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html',
      'https://docs.djangoproject.com/en/stable/topics/auth/passwords/',
      'https://argon2-cffi.readthedocs.io/en/stable/',
      'https://docs.python.org/3/library/hashlib.html#key-derivation',
    ],
  },
  visitors: {
    call(node, ctx) {
      checkFastHash(node, ctx);
      checkKdf(node, ctx);
    },
    assignment(node, ctx) {
      // Django settings: `PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", ...]` (the first one hashes new passwords).
      const left = node.childForFieldName('left');
      if (left?.type !== 'identifier' || left.text !== 'PASSWORD_HASHERS' || ctx.scopeNode(node).type !== 'module') return;
      const settings = ctx.settingsModule();
      if (settings.development) return; // test settings often pick MD5 on purpose, to make tests fast
      const right = node.childForFieldName('right');
      const first = right && (right.type === 'list' || right.type === 'tuple') ? namedChildren(right)[0] : undefined;
      const name = first ? ctx.stringValue(first) : undefined;
      const hasher = name?.split('.').pop();
      if (first && hasher && WEAK_DJANGO_HASHERS.has(hasher)) {
        const options = settings.base ? { level: 'note' as const, levelReason: 'a shared base settings module (production settings may override it)' } : {};
        ctx.report(first, `PASSWORD_HASHERS puts ${hasher} first, so new passwords are stored with a fast digest; list Argon2PasswordHasher, BCryptSHA256PasswordHasher, PBKDF2PasswordHasher or ScryptPasswordHasher first.`, options);
      }
    },
  },
});
