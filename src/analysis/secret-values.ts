// looksLikeSecret(): whether a string bound to a credential name is plausibly a real secret, not a label or placeholder; maskSecret().
import { nameWords } from './name-words.js';
import type { SecretName } from './secret-names.js';

export const MIN_SECRET_LENGTH = 6;

/** Protocol words, labels and stand-ins that appear as values of credential-named variables without being secrets. */
const LABEL_WORDS = new Set([
  'access', 'refresh', 'bearer', 'basic', 'digest', 'negotiate', 'ntlm', 'kerberos', 'hmac', 'jwt', 'jws', 'jwe', 'oauth', 'oidc', 'saml', 'sso', 'mfa', 'otp', 'totp',
  'token', 'tokens', 'apikey', 'api', 'key', 'keys', 'secret', 'secrets', 'password', 'passwords', 'passwd', 'pwd', 'pass', 'passphrase', 'passwort', 'passcode',
  'credential', 'credentials', 'creds', 'auth', 'authorization', 'authentication', 'authenticate', 'authenticated', 'session', 'cookie', 'header', 'headers',
  'query', 'body', 'form', 'field', 'param', 'params', 'parameter', 'id', 'type', 'kind', 'name', 'value', 'next', 'nexttoken', 'page', 'cursor', 'continuation',
  'marker', 'client', 'user', 'username', 'login', 'logout', 'signin', 'signup', 'code', 'grant', 'implicit', 'hidden', 'masked', 'mask', 'redacted', 'required', 'optional',
  'string', 'str', 'text', 'bytes', 'none', 'null', 'nil', 'undefined', 'true', 'false', 'yes', 'no', 'on', 'off', 'enabled', 'disabled', 'default', 'empty', 'unset',
  'unknown', 'invalid', 'missing', 'example', 'sample', 'dummy', 'fake', 'mock', 'placeholder', 'changeme', 'changeit', 'secure', 'insecure', 'public', 'private',
  'internal', 'external', 'admin', 'root', 'bot', 'app', 'service', 'account', 'github', 'gitlab', 'google', 'aws', 'azure', 'slack', 'local', 'env', 'environment',
  'file', 'path', 'url', 'uri', 'old', 'new', 'current', 'confirm', 'confirmation', 'reset', 'forgot', 'change', 'update', 'verify', 'verification', 'expired',
  'revoked', 'valid', 'secretstr', 'sensitive', 'personal', 'x', 'my', 'your', 'the', 'a', 'of', 'for', 'here', 'this', 'is', 'not', 'set',
]);

/** Words that mark a value as a stand-in to be replaced. */
const PLACEHOLDER_PATTERNS: RegExp[] = [
  /change[-_ ]?(me|it|this)/i,
  /replace[-_ ]?(me|this|with)/i,
  /^(your|my|the|some|insert|enter|put|add|set)[-_ ]?(own[-_ ]?)?.*(password|passwd|pwd|secret|token|key|here)/i,
  /placeholder|redacted|dummy|example|sample|todo|fixme|tbd|xxx|not[-_ ]?(a[-_ ]?)?(set|secret|used|needed|required|real)/i,
  /^(none|null|nil|n\/a|na|undefined)$/i,
];

/** Templates and indirect references: `${X}`, `$X`, `%X%`, `@X@`, `{{ x }}`, `{name}`, `{}`, `%s`, `%(name)s`, `<…>`, `[…]`. */
const TEMPLATE_PATTERNS: RegExp[] = [
  /\$\{[^}]*\}/,
  /^\$[A-Za-z_]\w*$/,
  /^%[A-Za-z_]\w*%$/,
  /^@[A-Za-z_]\w*@$/,
  /\{\{.*\}\}/,
  /\{[A-Za-z_]?[\w.]*(![rsa])?(:[^{}]*)?\}/,
  /%(\([A-Za-z_]\w*\))?[-+ #0]*\d*[sdr]/,
  /^<[^<>]*>$/,
  /<[A-Za-z][\w -]*>/,
  /^\[[^[\]]*\]$/,
];

/** Hash formats of password stores (crypt, Django, passlib, LDAP): the value is a verifier, not the credential. */
const PASSWORD_HASH = /^(\$(1|2[abxy]?|5|6|7|y|gy|argon2(id|i|d)|scrypt|pbkdf2(-sha\d+)?)\$|(pbkdf2_sha\d+|bcrypt(_sha256)?|argon2|scrypt|sha1|md5|unsalted_\w+)\$|pbkdf2:sha\d+:|\{(SSHA|SHA|SMD5|MD5|CRYPT|SSHA256|SSHA512|PBKDF2[\w-]*)\})/i;

const FILE_EXTENSION = /\.(json|pem|key|crt|cer|der|p12|pfx|jks|keystore|txt|ya?ml|env|cfg|conf|ini|toml|gpg|asc|pub|properties|xml|csv|log|db|sqlite3?|py|html?|js|sh|secret|secrets|kdbx)$/i;

function isPathOrReference(v: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return true; // URL (embedded credentials are another rule's job)
  if (/^(arn|vault|ssm|sm|op|kms|keyvault|secretsmanager|gcp|azure|aws):/i.test(v)) return true; // secret-manager reference
  if (/^(\/|~\/|\.\.?\/|[A-Za-z]:[\\/]|\\\\)/.test(v)) return true;
  if (FILE_EXTENSION.test(v)) return true;
  return /^[a-z][a-z0-9_.-]*(\/[a-z0-9_.-]+)+\/?$/.test(v); // lower-case relative path or resource name
}

/** The value reads as words only (no digits, each word lower, UPPER or Capitalized): a phrase, not generated material. */
function isWordLike(v: string): boolean {
  if (/\d/.test(v)) return false;
  const parts = v.split(/[^A-Za-z]+/).filter((p) => p !== '');
  if (parts.length === 0) return false;
  const pieces = parts.flatMap((p) => p.replace(/([a-z])([A-Z])/g, '$1 $2').split(' '));
  return pieces.every((p) => /^[a-z]+$/.test(p) || /^[A-Z]+$/.test(p) || /^[A-Z][a-z]+$/.test(p));
}

/** Nouns that, as a word of the value itself, show the value names or describes a credential (`"password_too_short"`). */
const CREDENTIAL_WORDS = new Set(['password', 'passwords', 'passwd', 'pwd', 'passphrase', 'secret', 'secrets', 'token', 'tokens', 'key', 'keys', 'apikey', 'credential', 'credentials', 'creds']);

/** Regular-expression syntax that passwords practically never contain. */
const REGEX_SYNTAX = /\(\?[:=!<P]|\[\^|\\[dwsDWSbB]|[\])][*+?]|\{\d+,\d*\}|^\^.*\$$/;

/** Why a value bound to a credential name is not reported, or undefined when it looks like a real secret. */
export function notASecret(value: string, name: SecretName): string | undefined {
  const v = value;
  if (v.trim().length < MIN_SECRET_LENGTH) return 'too short';
  if (/\s/.test(v)) return 'contains whitespace (prose, prompt or label)';
  if (!/[A-Za-z0-9]/.test(v)) return 'no letters or digits';
  if (/^(.)\1*$/s.test(v)) return 'one repeated character (a mask)';
  if (/[:?]$/.test(v)) return 'ends like a prompt';
  for (const p of PLACEHOLDER_PATTERNS) if (p.test(v)) return 'placeholder';
  for (const p of TEMPLATE_PATTERNS) if (p.test(v)) return 'template or indirect reference';
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(v)) return 'environment-variable name';
  if (PASSWORD_HASH.test(v)) return 'a stored password hash, not the password';
  if (isPathOrReference(v)) return 'URL, path or file name';
  const flat = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (flat(v) === flat(name.raw) || flat(v) === name.words.join('')) return 'equal to the name';
  const words = nameWords(v);
  const own = new Set(name.words);
  if (!/\d/.test(v) && words.every((w) => LABEL_WORDS.has(w) || own.has(w))) return 'label or name-derived';
  if (!/\d/.test(v) && words.length > 1 && words.some((w) => CREDENTIAL_WORDS.has(w))) return 'an identifier or message code about a credential';
  if (REGEX_SYNTAX.test(v)) return 'a regular expression';
  // Generated tokens and keys mix cases or digits; plain words bound to token/secret/key names are labels.
  if (name.kind !== 'password' && isWordLike(v)) return 'plain words, not key material';
  return undefined;
}

/** At most the first four characters, fewer for short values, then an ellipsis: findings never carry the secret. */
export function maskSecret(value: string): string {
  const chars = Array.from(value);
  const shown = Math.min(4, Math.floor(chars.length / 4));
  return `${chars.slice(0, shown).join('')}…`;
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  const chars = Array.from(value);
  if (chars.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / chars.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Runs such as `abcdef…`, `0123…`, `zyxw…`, keyboard rows, or a short unit repeated (`ab12ab12ab12`). */
export function isSequential(value: string): boolean {
  const v = value.toLowerCase();
  if (v.length < 4) return false;
  if (/^(.{1,8})\1{2,}.{0,8}$/s.test(v)) return true;
  if (/qwerty|asdfgh|zxcvbn|abcdefg|1234567|9876543/.test(v)) return true;
  let steps = 0;
  for (let i = 1; i < v.length; i++) {
    const d = v.charCodeAt(i) - v.charCodeAt(i - 1);
    if (d === 1 || d === -1) steps++;
  }
  return steps / (v.length - 1) >= 0.6;
}

export const UUID_PATTERN = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;

export type SecretAlphabet = 'hex' | 'base64' | 'other';

export interface RandomVerdict {
  alphabet: SecretAlphabet;
  entropy: number;
}

/**
 * Whether a value reads as generated key material: long enough, and with Shannon entropy above a floor for its alphabet
 * (hex ≥ 3.0 bits per character from 20 characters; base64/alphanumeric from 16 characters, scaled with the length up to
 * 4.5 as detect-secrets uses for long values), not a UUID and not a sequence. undefined when it does not.
 */
/** Dotted or dashed names made of words (`fs.s3.enableServerSideEncryption`, `com.example.MyService-v2`): identifiers, not key material. */
function isIdentifierLike(v: string): boolean {
  const segments = v.split(/[._:/-]+/).filter((p) => p !== '');
  if (segments.length < 2) return false;
  return segments.every((p) => /^[A-Za-z]?[a-z]+(?:[A-Z][a-z]+)*\d{0,2}$/.test(p) || /^[A-Z]{2,5}\d{0,2}$/.test(p) || /^v?\d{1,3}$/.test(p));
}

export function looksRandom(value: string): RandomVerdict | undefined {
  const v = value.trim();
  if (v.length > 1000 || /\s/.test(v) || UUID_PATTERN.test(v) || isSequential(v) || isIdentifierLike(v)) return undefined;
  const entropy = shannonEntropy(v);
  if (/^[0-9a-f]+$/i.test(v.replace(/-/g, ''))) {
    const hex = v.replace(/-/g, '');
    if (hex.length < 20 || !/\d/.test(hex) || !/[a-f]/i.test(hex)) return undefined;
    return entropy >= 3 ? { alphabet: 'hex', entropy } : undefined;
  }
  if (v.length < 16) return undefined;
  const classes = [/[a-z]/, /[A-Z]/, /\d/].filter((re) => re.test(v)).length;
  if (classes < 2) return undefined;
  const floor = Math.min(4.5, 0.8 * Math.log2(v.length));
  const alphabet: SecretAlphabet = /^[A-Za-z0-9+/=_-]+$/.test(v) ? 'base64' : 'other';
  return entropy >= floor ? { alphabet, entropy } : undefined;
}

/** Placeholder, template or label values that never count as a secret, whatever name they are bound to. */
export function isPlaceholderValue(value: string): boolean {
  const v = value.trim();
  if (v === '' || /^(.)\1*$/s.test(v)) return true;
  return PLACEHOLDER_PATTERNS.some((p) => p.test(v)) || TEMPLATE_PATTERNS.some((p) => p.test(v));
}

/** A masked form safe for messages: the first characters of printable text, or only the length of binary data. */
export function maskValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f-\xff]/.test(value) && !/[^\x00-\xff]/.test(value)) return `${Array.from(value).length} bytes`;
  return `"${maskSecret(value)}"`;
}
