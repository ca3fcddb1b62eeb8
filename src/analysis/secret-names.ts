// secretName(): whether an identifier, attribute, keyword or dict key names a credential (password, token, API key…).
import { nameWords } from './name-words.js';
import { memoByString } from './string-memo.js';

export type SecretKind = 'password' | 'secret' | 'token' | 'api key' | 'credential';

export interface SecretName {
  kind: SecretKind;
  /** The lower-case words of the name ("dbPassword" → ["db", "password"]), digits dropped. */
  words: string[];
  /** The name as written. */
  raw: string;
}

const NOUNS: Record<string, SecretKind> = {
  password: 'password',
  passwords: 'password',
  passwd: 'password',
  passwrd: 'password',
  pwd: 'password',
  pswd: 'password',
  passwort: 'password',
  passphrase: 'password',
  passcode: 'password',
  pw: 'password',
  pword: 'password',
  secret: 'secret',
  secrets: 'secret',
  secrete: 'secret',
  clientsecret: 'secret',
  apisecret: 'secret',
  token: 'token',
  tokens: 'token',
  authtoken: 'token',
  accesstoken: 'token',
  apitoken: 'token',
  refreshtoken: 'token',
  bearertoken: 'token',
  apikey: 'api key',
  apikeys: 'api key',
  accesskey: 'api key',
  secretkey: 'secret',
  privatekey: 'secret',
  authkey: 'api key',
  credential: 'credential',
  credentials: 'credential',
  creds: 'credential',
};

/** `key` is only a credential with one of these in front of it (`api_key`, `secret_key`, `AccessKey`). */
const KEY_OWNERS: Record<string, SecretKind> = {
  api: 'api key',
  access: 'api key',
  auth: 'api key',
  account: 'api key',
  subscription: 'api key',
  secret: 'secret',
  private: 'secret',
  signing: 'secret',
  master: 'secret',
};

/** `pass` is a credential only when it follows an owner (`db_pass`, `smtpPass`), never as an ordinal or verb. */
const PASS_NON_OWNERS = new Set(['first', 'second', 'third', 'last', 'next', 'single', 'multi', 'one', 'two', 'by', 'no', 'fast', 'slow', 'forward', 'backward', 'final', 'initial', 'render', 'compile', 'build', 'lint', 'check', 'each', 'every', 'one', 'dry', 'extra', 'main']);

/**
 * Words that may follow the credential noun without changing what the name holds (`password_plain`, `token2`,
 * `api_key_prod`). Anything else after it means the name describes something about the credential
 * (`token_type`, `password_field`, `password_reset_url`, `secret_name`, `api_key_env`, `token_id`).
 */
const NEUTRAL_AFTER = new Set([
  'value',
  'val',
  'str',
  'string',
  'plain',
  'plaintext',
  'cleartext',
  'clear',
  'raw',
  'default',
  'literal',
  'override',
  'dev',
  'development',
  'prod',
  'production',
  'test',
  'testing',
  'local',
  'staging',
  'stage',
  'qa',
  'new',
  'old',
  'current',
  'initial',
  'temp',
  'tmp',
  'confirm',
  'confirmation',
  'again',
  'repeat',
  'b64',
  'base64',
  'hex',
  'bytes',
  'admin',
  'root',
  'user',
  'main',
  'primary',
  'secondary',
  'backup',
  'fallback',
]);

/** Words in front of the noun that make the name a flag or a cursor rather than the credential itself. */
const NON_SECRET_BEFORE = new Set(['is', 'has', 'have', 'enable', 'enabled', 'require', 'required', 'requires', 'show', 'hide', 'no', 'allow', 'should', 'must', 'needs', 'need', 'can', 'without', 'min', 'max', 'num', 'count']);

/** Modifiers that turn `token` into a pagination cursor, a tokenizer symbol or an anti-forgery value. */
const NON_SECRET_TOKEN_MODIFIERS = new Set([
  'next',
  'page',
  'continuation',
  'pagination',
  'sync',
  'cursor',
  'resume',
  'resumption',
  'marker',
  'delta',
  'change',
  'idempotency',
  'csrf',
  'xsrf',
  'bos',
  'eos',
  'pad',
  'unk',
  'sep',
  'cls',
  'mask',
  'start',
  'end',
  'begin',
  'stop',
  'special',
  'additional',
  'sentence',
  'word',
  'split',
  'prev',
  'previous',
  'last',
  'first',
  'cancellation',
  'cancel',
  'client', // AWS ClientToken: an idempotency key
  'update',
  'version',
  'lock',
  'state',
  'etag',
  'sequence',
  'consistency',
]);

/** Credential nouns that also end run-together words: `PGPASSWORD`, `dbpasswd`, `csrftoken`, `clientsecret`. */
const NOUN_SUFFIXES = ['password', 'passwd', 'secret', 'token', 'apikey'];
const PASS_OWNERS = new Set(['pg', 'db', 'sql', 'mysql', 'smtp', 'imap', 'pop', 'mail', 'ldap', 'ftp', 'sftp', 'ssh', 'redis', 'amqp', 'mq', 'rabbit', 'proxy', 'vnc', 'rdp', 'admin', 'root', 'user']);
const NOT_OWNERS = new Set(['no', 'non', 'un', 'is', 'has', 'show', 'hide', 'sub', 'de', 're']);

/** Splits a run-together word ending in a credential noun into owner and noun ("pgpassword" → "pg", "password"). */
function splitCompound(word: string): string[] {
  if (NOUNS[word]) return [word];
  for (const suffix of NOUN_SUFFIXES) {
    if (!word.endsWith(suffix)) continue;
    const owner = word.slice(0, -suffix.length);
    if (owner.length >= 2 && /^[a-z]+$/.test(owner) && !NOT_OWNERS.has(owner)) return [owner, suffix];
  }
  // `PGPASS`, `DBPASS`, `SMTPPASS`: only after a known service owner (never `bypass`, `compass`, `surpass`).
  if (word.endsWith('pass') && PASS_OWNERS.has(word.slice(0, -4))) return [word.slice(0, -4), 'pass'];
  return [word];
}

function nounAt(words: string[], i: number): SecretKind | undefined {
  const w = words[i]!;
  const direct = NOUNS[w];
  if (direct) return direct;
  if ((w === 'key' || w === 'keys') && i > 0) return KEY_OWNERS[words[i - 1]!];
  if (w === 'pass' && i > 0 && !PASS_NON_OWNERS.has(words[i - 1]!)) return 'password';
  return undefined;
}

/**
 * Every credential noun above (and every compound suffix) contains one of these, so a name without any of them is
 * never a credential name: most names are rejected by this one test, before splitting into words.
 */
const NOUN_HINT = /pass|pw|pswd|secret|token|key|cred/i;

/** Classifies a name; undefined when it does not name a credential. Remembered per name (asked at every use, by several rules). */
export const secretName: (name: string) => SecretName | undefined = memoByString((name) => classify(name), { maxLength: 80 });

function classify(name: string): SecretName | undefined {
  if (!NOUN_HINT.test(name)) return undefined;
  // Identifiers, header names and dotted config keys only: `AWS::IAM::AccessKey` or "a/b/token" are not variables.
  if (!/^[A-Za-z_$][\w$.-]*$/.test(name)) return undefined;
  const words = nameWords(name)
    .filter((w) => !/^\d+$/.test(w))
    .flatMap(splitCompound);
  if (words.length === 0) return undefined;
  for (let i = words.length - 1; i >= 0; i--) {
    const kind = nounAt(words, i);
    if (!kind) {
      if (NEUTRAL_AFTER.has(words[i]!)) continue;
      return undefined;
    }
    const before = words.slice(0, i);
    if (before.some((w) => NON_SECRET_BEFORE.has(w))) return undefined;
    if (kind === 'token' && before.length > 0 && NON_SECRET_TOKEN_MODIFIERS.has(before[before.length - 1]!)) return undefined;
    return { kind, words, raw: name };
  }
  return undefined;
}
