// insecure-randomness: `random` module output that becomes a password, token, salt, nonce, OTP, session id or key.
import { nameWords } from '../../analysis/name-words.js';
import type { ValueSource } from '../../analysis/value-sources.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

// ---------------------------------------------------------------------------------------------------------------
// Sources: the predictable generators.

const RANDOM_FUNCTIONS = new Set([
  'random', 'randint', 'randrange', 'choice', 'choices', 'sample', 'getrandbits', 'randbytes', 'uniform', 'triangular',
  'gauss', 'normalvariate', 'lognormvariate', 'expovariate', 'betavariate', 'gammavariate', 'paretovariate', 'weibullvariate',
]);
const NUMPY_FUNCTIONS = new Set([
  'rand', 'randint', 'random', 'random_sample', 'random_integers', 'ranf', 'sample', 'choice', 'bytes', 'integers', 'permutation',
]);
/** Generators whose output is raw bits: a value built from them is meant to be unpredictable, whatever it is called. */
const BIT_FUNCTIONS = new Set(['getrandbits', 'randbytes', 'bytes']);
/** Generators that pick elements of a collection. */
const PICK_FUNCTIONS = new Set(['choice', 'choices', 'sample', 'permutation']);

interface RandomCall {
  /** As shown in messages: `random.choice()`. */
  shown: string;
  fn: string;
}

function predictable(callee: string): RandomCall | undefined {
  const last = callee.slice(callee.lastIndexOf('.') + 1);
  if (RANDOM_FUNCTIONS.has(last) && (callee === `random.${last}` || callee === `random.Random().${last}`)) return { shown: `${callee}()`, fn: last };
  if (NUMPY_FUNCTIONS.has(last) && (callee === `numpy.random.${last}` || /^numpy\.random\.(default_rng|RandomState|Generator)\(\)\.\w+$/.test(callee))) {
    return { shown: `numpy.random.${last}()`, fn: last };
  }
  return undefined;
}

/** The predictable generator a call invokes: the `random` module, a `random.Random` instance, or `numpy.random`. */
function randomCall(call: SyntaxNode, ctx: RuleContext): RandomCall | undefined {
  const fnNode = call.childForFieldName('function');
  if (fnNode?.type !== 'attribute' && fnNode?.type !== 'identifier') return undefined;
  // Every binding must be predictable: `try: random = random.SystemRandom()` makes `random.choice` secure.
  const callees = ctx.calleeCandidates(call) ?? [];
  const found = callees.map(predictable);
  if (found.length > 0 && found.every((f) => f !== undefined)) return found[0];
  // `self.rng = random.Random(seed)` in __init__, then `self.rng.choice(...)`.
  const receiver = fnNode.type === 'attribute' ? fnNode.childForFieldName('object') : undefined;
  const last = fnNode.type === 'attribute' ? fnNode.childForFieldName('attribute')?.text : undefined;
  if (receiver?.type === 'attribute' && last !== undefined && RANDOM_FUNCTIONS.has(last)) {
    const values = ctx.instanceAttributeValues(receiver);
    if (values && values.length > 0 && values.every((v) => v.type === 'call' && ctx.callee(v) === 'random.Random')) {
      return { shown: `random.Random().${last}()`, fn: last };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Sinks: names that say the value must be unpredictable.

interface Purpose {
  /** What the value is, for the message ("password", "session id"). */
  label: string;
  /** Weak purposes (`token`, `session`, `pin`, bare `secret`) are also text tokens, session objects, GPIO pins and numbers to guess: see isSecretShaped. */
  weak: boolean;
}

/** Nouns that always name a secret. */
const STRONG_NOUNS: Record<string, string> = {
  password: 'password',
  passwords: 'password',
  passwd: 'password',
  pwd: 'password',
  pw: 'password',
  passphrase: 'passphrase',
  passcode: 'passcode',
  secret: 'secret',
  secrets: 'secret',
  salt: 'salt',
  nonce: 'nonce',
  otp: 'one-time password',
  totp: 'one-time password',
  hotp: 'one-time password',
  csrf: 'CSRF token',
  xsrf: 'CSRF token',
  apikey: 'API key',
  iv: 'initialisation vector',
  authorization: 'authorization header',
};

/** Words in front of `key` that make it a secret key rather than a dict key. */
const KEY_QUALIFIERS = new Set([
  'api', 'secret', 'private', 'signing', 'sign', 'session', 'encryption', 'encrypt', 'crypto', 'crypt', 'aes', 'hmac', 'auth',
  'access', 'master', 'cipher', 'shared', 'symmetric', 'jwt', 'license', 'licence', 'activation', 'recovery', 'reset', 'app',
  'client', 'enc', 'mac', 'kek', 'dek', 'des', 'fernet', 'cookie', 'csrf', 'verification', 'invite', 'product', 'serial',
]);
/** Words in front of `token` that make it a credential for certain. */
const TOKEN_QUALIFIERS = new Set([
  'auth', 'access', 'api', 'refresh', 'bearer', 'csrf', 'xsrf', 'reset', 'session', 'verification', 'verify', 'confirm',
  'confirmation', 'invite', 'invitation', 'activation', 'login', 'jwt', 'secret', 'security', 'remember', 'oauth', 'magic',
  'email', 'signup', 'registration', 'recovery', 'password', 'unsubscribe', 'download', 'share', 'sharing', 'upload', 'webhook',
  'device', 'user', 'admin', 'service', 'app', 'client', 'bot', 'personal', 'otp', 'mfa',
]);
/** Words in front of `token` that make it a token of text, a sampled symbol or a pagination cursor. */
const TOKEN_NON_SECRET = new Set([
  'next', 'prev', 'previous', 'last', 'first', 'sample', 'sampled', 'predicted', 'generated', 'output', 'input', 'target',
  'bos', 'eos', 'pad', 'unk', 'sep', 'cls', 'mask', 'start', 'end', 'special', 'word', 'sentence', 'vocab', 'page',
  'pagination', 'continuation', 'cursor', 'sync', 'resume', 'marker', 'delta', 'change', 'idempotency', 'cancellation',
  'cancel', 'lexer', 'parser', 'text', 'sub', 'char', 'byte', 'masked', 'noise',
]);
/** Words in front of `code` that make it a one-time or verification code. */
const CODE_QUALIFIERS = new Set([
  'verification', 'verify', 'confirm', 'confirmation', 'activation', 'reset', 'auth', 'otp', 'sms', 'login', 'invite',
  'invitation', 'recovery', 'access', 'security', 'mfa', 'twofa', 'backup', 'pin', 'email', 'signup', 'coupon', 'voucher',
  'promo', 'gift', 'referral', 'pairing', 'one', 'authorization', 'authorisation',
]);
/** Words after `session` that make it the session's identifier or secret. */
const SESSION_PARTS = new Set(['id', 'key', 'token', 'secret', 'cookie', 'hash', 'nonce', 'sid', 'identifier']);

/**
 * Words that may follow the noun without changing what the name holds (`password_str`, `token_hex`, `salt_bytes`).
 * Anything else after it describes something about the secret (`password_length`, `token_type`, `salt_size`).
 */
const NEUTRAL_AFTER = new Set([
  'value', 'val', 'str', 'string', 'hex', 'bytes', 'b64', 'base64', 'raw', 'plain', 'plaintext', 'new', 'tmp', 'temp',
  'candidate', 'chars', 'characters', 'digits', 'generated', 'random', 'rand', 'text', 'data', 'part', 'parts', 'prefix',
  'suffix', 'hash', 'hashed', 'encoded', 'default', 'initial', 'one', 'two', 'out', 'result', 'res', 'buf', 'buffer', 'list',
]);

/** Compound words written without separators. */
const COMPOUNDS: Record<string, string[]> = {
  sessionid: ['session', 'id'],
  sessid: ['session', 'id'],
  sessionkey: ['session', 'key'],
  sessiontoken: ['session', 'token'],
  csrftoken: ['csrf', 'token'],
  xsrftoken: ['xsrf', 'token'],
  authtoken: ['auth', 'token'],
  accesstoken: ['access', 'token'],
  refreshtoken: ['refresh', 'token'],
  resettoken: ['reset', 'token'],
  apitoken: ['api', 'token'],
  secretkey: ['secret', 'key'],
  privatekey: ['private', 'key'],
  authkey: ['auth', 'key'],
  pincode: ['pin', 'code'],
  otpcode: ['otp', 'code'],
  onetimepassword: ['otp'],
};

/** How qualifier words are written in messages. */
const SHOWN_WORDS: Record<string, string> = { csrf: 'CSRF', xsrf: 'XSRF', otp: 'OTP', jwt: 'JWT', api: 'API', mfa: 'MFA', sms: 'SMS', aes: 'AES', hmac: 'HMAC', des: 'DES', oauth: 'OAuth', kek: 'KEK', dek: 'DEK' };
const shownWord = (w: string): string => SHOWN_WORDS[w] ?? w;

/** "a" or "an" for a label. */
function withArticle(label: string): string {
  // Vowel sounds: `an API key`, and acronyms read letter by letter (`an HMAC key`, `an SMS code`).
  const an = (/^[aeiou]/i.test(label) && !/^(one|user|uni|use)/i.test(label)) || /^[FHLMNRSX][A-Z]/.test(label);
  return `${an ? 'an' : 'a'} ${label}`;
}

function words(name: string): string[] {
  return nameWords(name)
    .filter((w) => !/^\d+$/.test(w))
    .flatMap((w) => COMPOUNDS[w] ?? [w]);
}

/** What a name says its value is for, when that purpose needs an unpredictable value. */
function purposeOf(name: string): Purpose | undefined {
  if (!/^[A-Za-z_][\w.-]*$/.test(name)) return undefined;
  const w = words(name);
  for (let i = w.length - 1; i >= 0; i--) {
    const word = w[i]!;
    const before = i > 0 ? w[i - 1]! : undefined;
    const after = w.slice(i + 1);
    let purpose: Purpose | undefined;
    const strong = STRONG_NOUNS[word];
    // A bare `secret` is also the number to guess in a game: it needs the same evidence as `token`.
    if (strong) purpose = { label: strong, weak: word === 'secret' && before === undefined };
    else if ((word === 'key' || word === 'keys') && before !== undefined && KEY_QUALIFIERS.has(before)) purpose = { label: `${shownWord(before)} key`, weak: false };
    else if (word === 'token' || word === 'tokens') {
      if (before !== undefined && TOKEN_NON_SECRET.has(before)) return undefined;
      purpose = before !== undefined && TOKEN_QUALIFIERS.has(before) ? { label: `${shownWord(before)} token`, weak: false } : { label: 'token', weak: true };
    } else if (word === 'code' && before !== undefined && CODE_QUALIFIERS.has(before)) purpose = { label: `${shownWord(before)} code`, weak: false };
    else if (SESSION_PARTS.has(word) && before === 'session') purpose = { label: `session ${word}`, weak: false };
    else if ((word === 'link' || word === 'url') && before === 'reset') purpose = { label: 'password-reset link', weak: false };
    else if (word === 'session') purpose = { label: 'session', weak: true };
    else if (word === 'pin') purpose = { label: 'PIN', weak: true };
    if (!purpose) {
      if (NEUTRAL_AFTER.has(word) || SESSION_PARTS.has(word) || word === 'code' || word === 'key' || word === 'link' || word === 'url') continue;
      return undefined;
    }
    if (!after.every((a) => NEUTRAL_AFTER.has(a) || (purpose.label.startsWith('session') && SESSION_PARTS.has(a)))) return undefined;
    return purpose;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Value shape: is the random value made into something secret-like?

/** `string.ascii_letters + string.digits`, a constant string of characters, or a name bound to either. */
function isAlphabet(node: SyntaxNode | undefined, ctx: RuleContext, depth = 0): boolean {
  if (!node || depth > 8) return false;
  if (typeof ctx.constantValue(node) === 'string') return true;
  if (node.type === 'attribute' || node.type === 'identifier') {
    const names = ctx.qualifiedNameCandidates(node);
    if (names?.some((n) => n.startsWith('string.'))) return true;
  }
  if (node.type === 'binary_operator') return isAlphabet(node.childForFieldName('left') ?? undefined, ctx, depth + 1) || isAlphabet(node.childForFieldName('right') ?? undefined, ctx, depth + 1);
  if (node.type === 'parenthesized_expression') return isAlphabet(node.namedChildren[0] ?? undefined, ctx, depth + 1);
  if (node.type === 'identifier') return (ctx.boundValues(node) ?? []).some((b) => isAlphabet(b.node, ctx, depth + 1));
  return false;
}

/**
 * The random value is made into a secret rather than used to choose among existing values: built into a string or
 * bytes, raw bits, characters picked from an alphabet, or — for names that can only mean a secret — a random number
 * (`otp = random.randint(...)`). Picking one of several configured keys (`api_key = random.choice(API_KEYS)`) spreads
 * load and creates nothing; for names that are also ordinary words (a text token, a session object, a GPIO pin, the
 * number to guess in a game) a bare random number is not enough either.
 */
function isSecretShaped(source: ValueSource, call: RandomCall, purpose: Purpose, ctx: RuleContext): boolean {
  if (source.transformed || BIT_FUNCTIONS.has(call.fn)) return true;
  if (PICK_FUNCTIONS.has(call.fn)) return isAlphabet(ctx.argument(source.call, 0, call.fn === 'choice' ? 'seq' : 'population'), ctx);
  return !purpose.weak;
}

// ---------------------------------------------------------------------------------------------------------------
// Reporting

const reported = new WeakMap<RuleContext, Set<number>>();

/** The generators can only be reached in a file that imports random or numpy (the rule's per-file gate). */
function importsRandom(ctx: RuleContext): boolean {
  return ctx.importsModule('random') || ctx.importsModule('numpy');
}

function reportSources(value: SyntaxNode | null | undefined, purpose: Purpose | undefined, where: string, ctx: RuleContext): void {
  if (!value || !purpose) return;
  const sources = ctx.valueSources(value, (call) => randomCall(call, ctx) !== undefined);
  for (const source of sources) {
    const call = randomCall(source.call, ctx);
    if (!call) continue;
    if (!isSecretShaped(source, call, purpose, ctx)) continue;
    let done = reported.get(ctx);
    if (!done) reported.set(ctx, (done = new Set()));
    if (done.has(source.call.id)) continue;
    done.add(source.call.id);
    ctx.report(
      source.call,
      `${call.shown} is predictable, and its output becomes ${withArticle(purpose.label)} (${where}); use the secrets module instead (secrets.token_urlsafe(), secrets.token_hex(), secrets.choice()).`,
    );
  }
}

/** The names an assignment target stands for: `token`, `user.password`, `session["csrf_token"]`, tuples element-wise. */
function targetName(target: SyntaxNode, ctx: RuleContext): string | undefined {
  if (target.type === 'identifier') return target.text;
  if (target.type === 'attribute') return target.childForFieldName('attribute')?.text;
  if (target.type === 'subscript') return ctx.stringValue(target.childForFieldName('subscript'));
  return undefined;
}

function methodOrFunctionName(call: SyntaxNode): string | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type === 'identifier') return fn.text;
  if (fn?.type === 'attribute') return fn.childForFieldName('attribute')?.text;
  return undefined;
}

const COOKIE_SETTERS = new Set(['set_cookie', 'set_signed_cookie', 'set_secure_cookie']);
/** Cookie names that hold a session or login secret even though the name alone is a plain word. */
const SECRET_COOKIE_WORDS = new Set(['session', 'sessionid', 'sid', 'auth', 'remember', 'login', 'token', 'jwt', 'csrftoken']);

function cookiePurpose(name: string | undefined): Purpose | undefined {
  if (name === undefined) return undefined;
  const purpose = purposeOf(name);
  if (purpose) return { ...purpose, weak: false };
  return words(name).some((w) => SECRET_COOKIE_WORDS.has(w)) ? { label: 'session cookie', weak: false } : undefined;
}

/** Assignment targets, including `a = b = value` chains and `x: T = value`. */
function assignmentTargets(node: SyntaxNode): { targets: SyntaxNode[]; value: SyntaxNode | undefined } {
  const targets: SyntaxNode[] = [];
  let cur: SyntaxNode | null = node;
  let value: SyntaxNode | undefined;
  while (cur?.type === 'assignment') {
    const left = cur.childForFieldName('left');
    if (left) targets.push(left);
    const right = cur.childForFieldName('right');
    if (right?.type === 'assignment') cur = right;
    else {
      value = right ?? undefined;
      cur = null;
    }
  }
  return { targets, value };
}

/** A function defined in this file: the calls to it by name (`helper(...)`, `self.helper(...)`). */
function callersOf(fn: SyntaxNode, ctx: RuleContext): SyntaxNode[] {
  const name = fn.childForFieldName('name')?.text;
  if (!name) return [];
  let root: SyntaxNode = fn;
  while (root.parent) root = root.parent;
  return ctx.callsWithin(root).filter((call) => {
    const f = call.childForFieldName('function');
    if (f?.type === 'identifier') return f.text === name && ctx.qualifiedName(f) === undefined;
    if (f?.type === 'attribute') {
      const object = f.childForFieldName('object');
      return f.childForFieldName('attribute')?.text === name && (object?.text === 'self' || object?.text === 'cls');
    }
    return false;
  });
}

/** Where a call's result goes, as a purpose: `token = helper()`, `User(password=helper())`, `return helper()` from `make_token`. */
function callerPurpose(call: SyntaxNode, ctx: RuleContext): { purpose: Purpose; where: string } | undefined {
  const dest = ctx.valueDestination(call);
  for (const name of dest.names) {
    const purpose = purposeOf(name);
    if (purpose) return { purpose, where: `\`${name}\` on line ${call.startPosition.row + 1}` };
  }
  if (dest.returned) {
    const outer = ctx.enclosingFunction(call)?.childForFieldName('name')?.text;
    const purpose = outer !== undefined ? purposeOf(outer) : undefined;
    if (purpose) return { purpose, where: `returned by ${outer}() on line ${call.startPosition.row + 1}` };
  }
  return undefined;
}

/** Parameters of crypto and token APIs that must be unpredictable, by qualified name: position, keyword, what it is. */
interface SecretParameter {
  position: number | undefined;
  keyword: string;
  label: string;
}
const CIPHER_KEY = (position = 0): SecretParameter[] => [{ position, keyword: 'key', label: 'encryption key' }];
const MODE_IV = (keyword: string, label = 'initialisation vector'): SecretParameter[] => [{ position: 0, keyword, label }];
const PYCRYPTO_CIPHERS = ['AES', 'DES', 'DES3', 'Blowfish', 'CAST', 'ARC2', 'ARC4', 'ChaCha20', 'ChaCha20_Poly1305', 'Salsa20'];
const SECRET_PARAMETERS: Record<string, SecretParameter[]> = {
  'hmac.new': [{ position: 0, keyword: 'key', label: 'HMAC key' }],
  'hmac.digest': [{ position: 0, keyword: 'key', label: 'HMAC key' }],
  'hashlib.pbkdf2_hmac': [{ position: 2, keyword: 'salt', label: 'salt' }],
  'bcrypt.hashpw': [{ position: 1, keyword: 'salt', label: 'salt' }],
  'jwt.encode': [{ position: 1, keyword: 'key', label: 'JWT signing key' }],
  'jose.jwt.encode': [{ position: 1, keyword: 'key', label: 'JWT signing key' }],
  'cryptography.fernet.Fernet': [{ position: 0, keyword: 'key', label: 'Fernet key' }],
  'cryptography.hazmat.primitives.ciphers.aead.AESGCM': CIPHER_KEY(),
  'cryptography.hazmat.primitives.ciphers.aead.AESCCM': CIPHER_KEY(),
  'cryptography.hazmat.primitives.ciphers.aead.ChaCha20Poly1305': CIPHER_KEY(),
  'cryptography.hazmat.primitives.ciphers.algorithms.AES': CIPHER_KEY(),
  'cryptography.hazmat.primitives.ciphers.algorithms.ChaCha20': [...CIPHER_KEY(), { position: 1, keyword: 'nonce', label: 'nonce' }],
  'cryptography.hazmat.primitives.ciphers.algorithms.TripleDES': CIPHER_KEY(),
  'cryptography.hazmat.primitives.ciphers.algorithms.Camellia': CIPHER_KEY(),
  'cryptography.hazmat.primitives.ciphers.modes.CBC': MODE_IV('initialization_vector'),
  'cryptography.hazmat.primitives.ciphers.modes.CFB': MODE_IV('initialization_vector'),
  'cryptography.hazmat.primitives.ciphers.modes.OFB': MODE_IV('initialization_vector'),
  'cryptography.hazmat.primitives.ciphers.modes.GCM': MODE_IV('initialization_vector'),
  'cryptography.hazmat.primitives.ciphers.modes.CTR': MODE_IV('nonce', 'nonce'),
  'Crypto.Protocol.KDF.PBKDF2': [{ position: 1, keyword: 'salt', label: 'salt' }],
  'Cryptodome.Protocol.KDF.PBKDF2': [{ position: 1, keyword: 'salt', label: 'salt' }],
  ...Object.fromEntries(
    PYCRYPTO_CIPHERS.flatMap((c) => ['Crypto', 'Cryptodome'].map((m) => [`${m}.Cipher.${c}.new`, [...CIPHER_KEY(), { position: 2, keyword: 'iv', label: 'initialisation vector' }]] as const)),
  ),
};

/** `?token=`, `&code=`: a URL query parameter (or cookie/form field) written just before a spliced value. */
const PARAMETER_BEFORE = /[?&;]([A-Za-z_][\w-]*)=$/;

export const insecureRandomness = defineRule({
  id: 'insecure-randomness',
  title: 'Predictable random value used as a password, token, salt, nonce or key',
  family: 'authentication',
  checklist: ['Cryptography', 'Authentication and Authorization'],
  level: 'warning',
  securitySeverity: 7.5,
  precision: 'medium',
  tier: 'default',
  cwe: [338],
  compatible: { bandit: ['B311'], ruff: ['S311'] },
  docs: {
    whatItDoes:
      'Reports output of the `random` module (module functions, `random.Random()` instances) and of `numpy.random` that becomes a secret: assigned to or stored under a name that says password, passphrase, secret, salt, nonce, IV, OTP, CSRF token, API/secret/signing key, session id, reset link or verification code; passed as such a keyword or dict key; passed to `set_password()`-style functions; passed as the key, salt, IV or nonce of HMAC, key-derivation, cipher and JWT APIs (`hmac.new`, `hashlib.pbkdf2_hmac`, `bcrypt.hashpw`, `AES.new`, `algorithms.AES`, `modes.CBC`, `Fernet`, `jwt.encode`…); spliced into a link after a query parameter so named (`?token=`, `&otp=`); set as a session or auth cookie; or returned from a function so named (also through a helper such as `random_string()` whose result is stored under such a name). The value is followed through `"".join(...)`, f-strings, `%` and `.format()`, `str()`/`hex()`, hashing, base64, characters indexed out of a constant alphabet, and local variables. The value must be made into a secret: built into a string or bytes, raw bits (`getrandbits`, `randbytes`), characters picked from an alphabet, or a random number stored under a name that can only mean a secret (`otp`, `salt`, `session_id`); choosing one of several existing values (`random.choice(API_KEYS)`) is not reported, and plain `token`, `session`, `pin` and `secret` need more than a bare number, so sampling a text token, choosing a session object, a GPIO pin or the number to guess in a game stays silent. Simulations, sampling, shuffling, jitter and backoff never reach such names and are not reported; neither are `secrets` and `random.SystemRandom()` (also when `random` is rebound to a `SystemRandom()`).',
    whyBad:
      'The `random` module is a Mersenne Twister: after observing 624 outputs an attacker can reconstruct its state and predict every past and future value, and its seed is often guessable. Passwords, reset links, session ids, CSRF tokens and one-time codes made from it can be predicted or brute-forced far faster than their length suggests, which leads to account takeover.',
    example:
      'import random\nimport string\n\ndef new_api_key():\n    api_key = "".join(random.choice(string.ascii_letters + string.digits) for _ in range(40))\n    return api_key\n',
    useInstead:
      'import secrets\nimport random\n\ndef new_api_key():\n    api_key = secrets.token_urlsafe(30)\n    return api_key\n\ndef retry_delay(attempt):\n    return min(60, 2 ** attempt) + random.uniform(0, 1)\n',
    references: [
      'https://cwe.mitre.org/data/definitions/338.html',
      'https://docs.python.org/3/library/random.html',
      'https://docs.python.org/3/library/secrets.html',
      'https://peps.python.org/pep-0506/',
      'https://cheatsheetseries.owasp.org/cheatsheets/Cryptographic_Storage_Cheat_Sheet.html#secure-random-number-generation',
    ],
  },
  appliesTo: importsRandom,
  visitors: {
    assignment(node, ctx) {
      if (node.parent?.type === 'assignment') return; // the outermost assignment of a chain handles it
      const { targets, value } = assignmentTargets(node);
      for (const target of targets) {
        const name = targetName(target, ctx);
        if (name !== undefined) reportSources(value, purposeOf(name), `\`${name}\``, ctx);
      }
    },
    augmented_assignment(node, ctx) {
      const target = node.childForFieldName('left');
      const name = target ? targetName(target, ctx) : undefined;
      if (name !== undefined) reportSources(node.childForFieldName('right'), purposeOf(name), `\`${name}\``, ctx);
    },
    keyword_argument(node, ctx) {
      const name = node.childForFieldName('name')?.text;
      if (name !== undefined && node.parent?.parent?.type === 'call') reportSources(node.childForFieldName('value'), purposeOf(name), `${name}=`, ctx);
    },
    pair(node, ctx) {
      const key = ctx.stringValue(node.childForFieldName('key'));
      if (key !== undefined) reportSources(node.childForFieldName('value'), purposeOf(key), `"${key}"`, ctx);
    },
    interpolation(node, ctx) {
      const before = node.previousNamedSibling;
      const parameter = before?.type === 'string_content' ? PARAMETER_BEFORE.exec(before.text)?.[1] : undefined;
      if (parameter !== undefined) reportSources(node.childForFieldName('expression'), purposeOf(parameter), `URL parameter "${parameter}="`, ctx);
    },
    binary_operator(node, ctx) {
      if (node.childForFieldName('operator')?.type !== '+') return;
      const left = ctx.stringValue(node.childForFieldName('left'));
      const parameter = left !== undefined ? PARAMETER_BEFORE.exec(left)?.[1] : undefined;
      if (parameter !== undefined) reportSources(node.childForFieldName('right'), purposeOf(parameter), `URL parameter "${parameter}="`, ctx);
    },
    return_statement(node, ctx) {
      const value = node.namedChildren.find((c) => c !== null && c.type !== 'comment');
      const fn = ctx.enclosingFunction(node);
      const name = fn?.childForFieldName('name')?.text;
      if (!value || !fn || name === undefined) return;
      const purpose = purposeOf(name);
      if (purpose) {
        reportSources(value, purpose, `returned by ${name}()`, ctx);
        return;
      }
      // A helper such as random_string(): follow its result to where the callers store it.
      if (ctx.valueSources(value, (call) => randomCall(call, ctx) !== undefined).length === 0) return;
      for (const caller of callersOf(fn, ctx)) {
        const found = callerPurpose(caller, ctx);
        if (found) reportSources(value, found.purpose, `via ${name}(), ${found.where}`, ctx);
      }
    },
    call(node, ctx) {
      const callee = ctx.callee(node);
      const parameters = callee !== undefined ? SECRET_PARAMETERS[callee] : undefined;
      if (parameters) {
        for (const p of parameters) reportSources(ctx.argument(node, p.position, p.keyword), { label: p.label, weak: false }, `${callee!.split('.').slice(-2).join('.')}() ${p.keyword}`, ctx);
        return;
      }
      const name = methodOrFunctionName(node);
      if (name === undefined) return;
      if (COOKIE_SETTERS.has(name)) {
        const cookie = ctx.argument(node, 0, 'key') ?? ctx.argument(node, 0, 'name');
        const cookieName = cookie ? ctx.stringValue(cookie) : undefined;
        reportSources(ctx.argument(node, 1, 'value'), cookiePurpose(cookieName), `cookie "${cookieName}"`, ctx);
        return;
      }
      // set_password(pw), store_api_key(key): the function says what its arguments are.
      const purpose = /^(set|store|save|send|update|reset|assign)_/.test(name) ? purposeOf(name.replace(/^[a-z]+_/, '')) : undefined;
      if (!purpose) return;
      for (const arg of ctx.arguments(node).positional) reportSources(arg, purpose, `${name}()`, ctx);
    },
  },
});
