// Sensitive values as taint sources: credentials, card and national-id numbers (origin 'sensitive') and personal data
// (origin 'personal'), recognised by what produces the value (getpass(), a secret store, an environment variable or
// configuration key that names a credential) and by the whole name of the variable, parameter, attribute or key that
// holds it (via secretName(): `api_key_env`, `secret_name`, `token_type`, `token_id` name something else).
import { nameWords } from '../name-words.js';
import { secretName } from '../secret-names.js';
import { memoByString } from '../string-memo.js';

export interface Sensitivity {
  origin: 'sensitive' | 'personal';
  /** "password", "API key", "card number", "email address"… — names the value in messages. */
  category: string;
}

/** Credential words that alone (`token`, `pwd`, `pw`) mean something else too often: NLP tokens, the working directory. */
const AMBIGUOUS_ALONE = new Set(['token', 'tokens', 'pwd', 'pw', 'key', 'keys']);
/**
 * `token` names a credential only after a word that says whose or what for (`access_token`, `github_token`);
 * otherwise it is usually a parser, tokenizer or pagination token (`these_tokens`, `starting_token`).
 */
const TOKEN_OWNERS = new Set([
  'access', 'refresh', 'auth', 'authentication', 'authorization', 'api', 'bearer', 'session', 'id', 'jwt', 'oauth', 'personal', 'private', 'secret', 'security', 'service', 'bot', 'app', 'application', 'user', 'admin', 'github', 'gh', 'gitlab', 'bitbucket', 'slack', 'discord', 'telegram', 'npm', 'pypi', 'hf', 'huggingface', 'openai', 'vault', 'consul', 'registry', 'docker', 'deploy', 'ci', 'upload', 'reset', 'verification', 'verify', 'invite', 'invitation', 'magic', 'login', 'sso', 'saml', 'sts', 'aws', 'azure', 'gcp', 'google', 'stripe', 'twilio', 'sendgrid', 'mailgun', 'webhook', 'push', 'device', 'fcm', 'apns', 'ecr', 'okta', 'cognito', 'firebase', 'sas', 'pat', 'master', 'root', 'remember', 'confirmation', 'activation', 'identity', 'client', 'account', 'cloudflare', 'sentry', 'dropbox', 'notion', 'airtable', 'heroku', 'netlify', 'vercel', 'digitalocean', 'linode', 'shopify', 'square', 'paypal', 'facebook', 'fb', 'twitter', 'linkedin', 'instagram', 'zoom', 'jira', 'confluence', 'atlassian', 'asana', 'trello', 'figma', 'gitea', 'codecov', 'sonar', 'snyk', 'datadog', 'newrelic', 'pagerduty', 'grafana', 'kube', 'k8s', 'kubernetes', 'cluster', 'node', 'join', 'bootstrap', 'csrf',
]);
/** Verbs that start names of flags and functions, not values (`issue_new_refresh_tokens`, `validate_password`). */
const VERB_FIRST = new Set(['issue', 'use', 'validate', 'verify', 'check', 'require', 'save', 'store', 'rotate', 'revoke', 'include', 'send', 'allow', 'enable', 'disable', 'skip', 'ignore', 'strip', 'mask', 'hide', 'show', 'expose', 'log', 'print', 'generate', 'create', 'get', 'fetch', 'load', 'read', 'set', 'update', 'delete', 'remove', 'clear', 'encrypt', 'decrypt', 'hash', 'sign', 'parse', 'extract', 'find', 'lookup', 'make', 'build', 'handle', 'process', 'prompt', 'ask', 'supports', 'support', 'accept', 'accepts', 'expect', 'expects', 'want', 'wants', 'force', 'prefer', 'redact', 'obfuscate']);

/** Words after a personal-data noun that keep the name about the value itself (`email_address`, `phone_number`). */
const PERSONAL_NEUTRAL_AFTER = new Set(['address', 'addr', 'number', 'num', 'no', 'nr', 'value', 'val', 'str', 'string', 'raw', 'plain', 'new', 'old', 'current', 'primary', 'secondary', 'full', 'list']);
/** Words in front of the noun that make the name a flag, a count or a setting rather than the value. */
const NON_VALUE_BEFORE = new Set(['is', 'has', 'have', 'enable', 'enabled', 'require', 'required', 'requires', 'show', 'hide', 'no', 'allow', 'should', 'must', 'needs', 'need', 'can', 'without', 'min', 'max', 'num', 'count', 'valid', 'invalid', 'default', 'from', 'smtp', 'server', 'host', 'local', 'bind', 'listen', 'proxy', 'gateway', 'dns', 'mac', 'base', 'public', 'my']);
const PERSONAL_NAME_WORDS = new Set(['fullname', 'firstname', 'lastname', 'surname', 'givenname', 'familyname', 'maidenname']);
const ADDRESS_OWNERS = new Set(['home', 'street', 'mailing', 'billing', 'shipping', 'postal', 'residential', 'residence', 'physical', 'delivery', 'customer', 'user', 'patient', 'employee']);
const IP_OWNERS = new Set(['client', 'remote', 'user', 'visitor', 'customer', 'real', 'forwarded', 'requester', 'caller', 'peer', 'origin', 'src', 'source', 'login', 'last']);

/** The noun ending a name (after dropping neutral words), and the words before it. */
function split(words: string[], neutral: ReadonlySet<string>): { noun: string; before: string[]; after: string[] } | undefined {
  let end = words.length - 1;
  while (end >= 0 && neutral.has(words[end]!)) end--;
  if (end < 0) return undefined;
  return { noun: words[end]!, before: words.slice(0, end), after: words.slice(end + 1) };
}

function cardOrNationalId(words: string[]): string | undefined {
  const joined = `_${words.join('_')}_`;
  const tail = words[words.length - 1]!;
  if (['type', 'len', 'length', 'field', 'label', 'mask', 'masked', 'hash', 'hashed', 'regex', 'pattern', 'format', 'valid', 'enabled', 'required', 'url', 'env', 'name', 'id', 'last', 'four', 'brand', 'expiry', 'exp', 'holder'].includes(tail)) return undefined;
  if (/_(ssn|social_security_number|social_security_no|national_id|national_id_number|passport_number|passport_no|tax_id|taxpayer_id)_/.test(joined)) return 'national id number';
  if (/_(credit_card|card_number|card_no|card_num|cardnumber|cc_number|cc_num|ccnum|cvv|cvv_2|cvc|cvc_2|card_cvv|card_cvc|pan|iban)_/.test(joined)) return 'card number';
  return undefined;
}

function personal(words: string[]): string | undefined {
  if (words.length === 0) return undefined;
  const parts = split(words, PERSONAL_NEUTRAL_AFTER);
  const joined = words.join('_');
  if (/^(x_)?(remote_addr|remote_address|forwarded_for|real_ip|x_forwarded_for|x_real_ip)$/.test(joined)) return 'IP address';
  if (!parts) {
    return undefined;
  }
  const { noun, before } = parts;
  if (before.some((w) => NON_VALUE_BEFORE.has(w))) return undefined;
  if (noun === 'email' || noun === 'emailaddress') return 'email address';
  if (noun === 'phone' || noun === 'telephone' || noun === 'mobile' || noun === 'phonenumber') return words.length > 1 || noun !== 'mobile' ? 'phone number' : undefined;
  if (noun === 'dob' || noun === 'birthdate' || noun === 'birthday' || (noun === 'birth' && before.includes('date')) || (noun === 'date' && before[before.length - 1] === 'birth')) return 'date of birth';
  if (PERSONAL_NAME_WORDS.has(noun) || (noun === 'name' && ['full', 'first', 'last', 'given', 'family', 'maiden', 'middle'].includes(before[before.length - 1] ?? ''))) return 'personal name';
  if (words[words.length - 1] === 'address' || words[words.length - 1] === 'addr') {
    const owner = words[words.length - 2];
    if (owner && ADDRESS_OWNERS.has(owner)) return 'postal address';
    if (owner === 'ip' && IP_OWNERS.has(words[words.length - 3] ?? '')) return 'IP address';
  }
  if (noun === 'ip' && IP_OWNERS.has(before[before.length - 1] ?? '')) return 'IP address';
  return undefined;
}

/**
 * What a name says its value is: a credential (whole-word match, see secretName), a card or national-id number, or
 * personal data. Undefined for names that describe something about such a value (`api_key_env`, `email_template`).
 */
export function sensitiveName(name: string): Sensitivity | undefined {
  return sensitiveNames(name);
}

// Remembered per distinct text: the same names come back at every use.
const sensitiveNames = memoByString((name) => judgeName(name));
const getterCategories = memoByString((name) => judgeGetter(name));
const protectingNames = memoByString((name) => judgeProtecting(name));

function judgeName(name: string): Sensitivity | undefined {
  if (!/^[A-Za-z_][\w.-]*$/.test(name) || name.length > 80) return undefined;
  const last = name.split('.').pop()!;
  const words = nameWords(last).filter((w) => !/^\d+$/.test(w));
  if (words.length === 0) return undefined;
  const card = cardOrNationalId(words);
  if (card) return { origin: 'sensitive', category: card };
  if (words.length === 1 && words[0] === 'authorization') return { origin: 'sensitive', category: 'credential' };
  const secret = secretName(last);
  if (secret) {
    if (words.length === 1 && AMBIGUOUS_ALONE.has(words[0]!)) return undefined;
    if (words.length > 1 && VERB_FIRST.has(words[0]!)) return undefined;
    if (secret.kind === 'token') {
      const at = secret.words.findLastIndex((w) => w === 'token' || w === 'tokens');
      if (at >= 0 && !TOKEN_OWNERS.has(secret.words[at - 1] ?? '')) return undefined;
    }
    const category = secret.kind === 'api key' ? 'API key' : secret.kind;
    return { origin: 'sensitive', category };
  }
  const p = personal(words);
  return p ? { origin: 'personal', category: p } : undefined;
}

/** Calls that return a credential, by qualified name. */
export const SECRET_SOURCE_CALLS: ReadonlyMap<string, string> = new Map([
  ['getpass.getpass', 'password'],
  ['keyring.get_password', 'password'],
  ['keyring.get_credential', 'credential'],
  ['keyring.core.get_password', 'password'],
]);

/** Methods whose result is a secret whatever they are called on: secret managers, pydantic's SecretStr.get_secret_value(). */
export const SECRET_SOURCE_METHODS: ReadonlyMap<string, string> = new Map([
  ['get_secret_value', 'secret'],
  ['get_password', 'password'],
  ['access_secret_version', 'secret'],
  ['read_secret_version', 'secret'],
  ['get_secret', 'secret'],
]);

/** Calls that read one named value (env var, config option, dict key, attribute): the name (a constant) says what the value is. */
export const KEYED_READERS: ReadonlyMap<string, readonly number[]> = new Map([
  ['get', [0, 1]], // dict.get(key), ConfigParser.get(section, option)
  ['getenv', [0]],
  ['getattr', [1]],
  ['config', [0]], // python-decouple
  ['env', [0]],
  ['str', [0]], // environs: env.str("API_KEY")
  ['pop', [0]],
  ['setdefault', [0]],
  ['get_parameter', [0]],
  ['get_setting', [0]],
  ['getlist', [0]],
  ['getone', [0]],
  ['getfirst', [0]],
]);

/** Verbs that make a function name a getter of what the rest of its name says (`get_api_key()`, `create_access_token()`). */
const GETTER_VERBS = new Set(['get', 'fetch', 'load', 'read', 'retrieve', 'obtain', 'generate', 'gen', 'create', 'make', 'issue', 'new', 'decrypt', 'request', 'refresh', 'lookup', 'find', 'resolve', 'build', 'mint', 'prompt', 'ask', 'input']);

/** A credential named by a getter function (`get_db_password`, `create_access_token`): its category, else undefined. */
export function getterCategory(functionName: string): string | undefined {
  return getterCategories(functionName);
}

function judgeGetter(functionName: string): string | undefined {
  const words = nameWords(functionName);
  if (words.length < 2 || !GETTER_VERBS.has(words[0]!)) return undefined;
  const rest = functionName.replace(/^_*[A-Za-z][a-z]*_?/, '');
  if (!rest) return undefined;
  // `get_all_credentials()`, `load_secrets()`, `fetch_tokens()`: a collection (names, entries, objects), not one value.
  // (`get_credentials()` alone still counts: it returns one set of credentials.)
  if (/[^sui]s$/i.test(rest) && rest.toLowerCase() !== 'credentials') return undefined;
  const s = sensitiveName(rest);
  if (s?.origin === 'sensitive') return s.category;
  // `generate_token()`, `get_token()`: the word alone is ambiguous as a variable, not as what a getter returns.
  const w = nameWords(rest);
  if (w.length === 1 && (w[0] === 'token' || w[0] === 'password' || w[0] === 'pwd')) return w[0] === 'token' ? 'token' : 'password';
  return undefined;
}

/** Words in a function's name that say it masks, hashes or encrypts its argument: the result is safe to log or store. */
const PROTECTING_WORDS = new Set([
  'mask', 'masked', 'masking', 'redact', 'redacted', 'redaction', 'obfuscate', 'obfuscated', 'scrub', 'scrubbed', 'censor', 'censored', 'anonymize', 'anonymise', 'anonymized', 'pseudonymize', 'hide', 'hidden', 'sanitize', 'sanitise', 'hash', 'hashed', 'hashpw', 'digest', 'hexdigest', 'encrypt', 'encrypted', 'seal', 'fingerprint', 'hmac', 'kdf', 'pbkdf', 'scrypt', 'argon', 'bcrypt', 'truncate', 'truncated', 'elide', 'last4', 'secretstr', 'secretbytes',
]);

/** Qualified names whose result no longer reveals the sensitive value (hashes, encryption, pydantic's self-masking types). */
export const PROTECTING_CALLS: ReadonlySet<string> = new Set([
  'pydantic.SecretStr', 'pydantic.SecretBytes', 'pydantic.types.SecretStr', 'pydantic.types.SecretBytes', 'pydantic.v1.SecretStr', 'pydantic.v1.SecretBytes',
  'werkzeug.security.generate_password_hash', 'django.contrib.auth.hashers.make_password', 'bcrypt.hashpw', 'bcrypt.kdf', 'hmac.new', 'hmac.digest', 'hmac.compare_digest', 'secrets.compare_digest',
  'hashlib.new', 'hashlib.pbkdf2_hmac', 'hashlib.scrypt', 'hashlib.sha1', 'hashlib.sha224', 'hashlib.sha256', 'hashlib.sha384', 'hashlib.sha512', 'hashlib.sha3_256', 'hashlib.sha3_512', 'hashlib.blake2b', 'hashlib.blake2s', 'hashlib.md5',
]);

/** The function or method name (last segment) says it protects the value. */
export function isProtectingName(name: string): boolean {
  return protectingNames(name);
}

function judgeProtecting(name: string): boolean {
  const words = nameWords(name);
  return words.some((w) => PROTECTING_WORDS.has(w)) || PROTECTING_WORDS.has(name.toLowerCase());
}

/** Pydantic types that mask themselves when printed (`SecretStr`, `Optional[SecretStr]`). */
export const SELF_MASKING_TYPE = /(^|[^\w])(pydantic\.)?(types\.)?Secret(Str|Bytes)\b/;
