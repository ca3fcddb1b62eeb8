// hardcoded-high-entropy-secret: a random-looking string bound to a key-, secret- or auth-like name (entropy, keyword-anchored).
import { literalBindings, type LiteralBinding } from '../../analysis/literal-binding.js';
import { nameWords } from '../../analysis/name-words.js';
import { secretName, type SecretName } from '../../analysis/secret-names.js';
import { isPlaceholderValue, looksRandom, maskSecret, notASecret } from '../../analysis/secret-values.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

/** Last words that make a name key-like beyond the credential nouns of secretName(): `encryption_key`, `hmac`, `auth`. */
const KEY_WORDS = new Set(['key', 'keys', 'auth', 'hmac', 'pepper', 'passkey', 'privkey', 'seckey', 'signature']);

/** Owners that make `…_key` an identifier, a lookup key or public material rather than a secret. */
const NON_SECRET_KEY_OWNERS = new Set([
  'public', 'pub', 'foreign', 'primary', 'sort', 'cache', 'dict', 'map', 'lookup', 'partition', 'row', 'hash', 'idempotency',
  'object', 's3', 'bucket', 'blob', 'file', 'field', 'column', 'index', 'registry', 'translation', 'i18n', 'message', 'msg',
  'config', 'setting', 'settings', 'env', 'redis', 'storage', 'group', 'cluster', 'shard', 'routing', 'unique', 'composite',
  'natural', 'host', 'license', 'product', 'json', 'yaml', 'param', 'query', 'header', 'attr', 'name', 'lock', 'event',
  'metric', 'label', 'tag', 'style', 'cursor', 'page', 'state', 'session', 'form', 'react', 'dedup', 'dedupe', 'group',
  'ssm', 'vault', 'kms', 'parameter', 'cert', 'certificate', 'verify', 'verifying', 'verification', 'validation',
  'idempotence', 'request', 'response', 'data', 'api_version', 'path', 'url', 'default', 'item', 'entry', 'record',
]);

/** Words of a name that mark the value as a digest or integrity hash (filtered as detect-secrets does). */
const HASH_WORDS = new Set(['sha', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'md5', 'hash', 'hashes', 'digest', 'checksum', 'etag', 'integrity', 'fingerprint', 'crc', 'crc32', 'commit', 'revision', 'rev', 'oid', 'nonce', 'hexdigest']);

/** The name, as a SecretName, when it is keyword-anchored; undefined when it does not suggest a secret. */
function anchor(name: string): SecretName | undefined {
  const named = secretName(name);
  if (named) return named;
  if (!/^[A-Za-z_][\w.-]*$/.test(name)) return undefined;
  const words = nameWords(name).filter((w) => !/^\d+$/.test(w));
  const last = words[words.length - 1];
  if (last === undefined || !KEY_WORDS.has(last)) return undefined;
  if (words.slice(0, -1).some((w) => NON_SECRET_KEY_OWNERS.has(w))) return undefined;
  return { kind: 'secret', words, raw: name };
}

/** Last words of names that hold identifiers, locations or formats, never secrets (`BUILD_ID`, `bucket_name`, `release_version`). */
const DESCRIPTIVE_LAST = new Set(['id', 'ids', 'uuid', 'guid', 'version', 'name', 'names', 'path', 'dir', 'url', 'uri', 'host', 'region', 'bucket', 'table', 'type', 'format', 'pattern', 'regex', 'label', 'prefix', 'suffix', 'tag', 'arn', 'account', 'project', 'zone', 'email', 'user', 'username']);

function isHashName(name: string): boolean {
  const words = nameWords(name);
  return words.some((w) => HASH_WORDS.has(w)) || /_sha\d*$/i.test(name) || DESCRIPTIVE_LAST.has(words[words.length - 1] ?? '');
}

const ROLE_TEXT: Record<LiteralBinding['role'], string> = {
  assigned: 'assigned to',
  keyword: 'passed as',
  dict: 'stored under key',
  default: 'used as the default of parameter',
  'env-default': 'used as the fallback for environment variable',
};

function check(node: SyntaxNode, ctx: RuleContext): void {
  const value = ctx.stringValue(node);
  if (value === undefined || value.length < 16) return;
  const bindings = literalBindings(node, ctx);
  if (bindings.length === 0) return;
  if (bindings.some((b) => isHashName(b.name))) return; // digests, identifiers, locations
  const named = bindings.map((b) => ({ b, name: anchor(b.name) })).find((x) => x.name !== undefined);
  // An environment fallback is anchored by the lookup itself when the value is random-looking key material.
  const envDefault = bindings.find((b) => b.role === 'env-default');
  const chosen = named ?? (envDefault ? { b: envDefault, name: { kind: 'secret' as const, words: nameWords(envDefault.name), raw: envDefault.name } } : undefined);
  if (!chosen?.name) return;
  if (isPlaceholderValue(value) || notASecret(value, chosen.name) !== undefined) return;
  const verdict = looksRandom(value);
  if (!verdict) return;
  ctx.report(
    node,
    `High-entropy ${verdict.alphabet === 'hex' ? 'hex' : 'random'} string ("${maskSecret(value)}", ${verdict.entropy.toFixed(1)} bits per character) ${ROLE_TEXT[chosen.b.role]} '${chosen.b.name}'; if it is a secret, load it at run time from the environment or a secret manager instead.`,
  );
}

export const hardcodedHighEntropySecret = defineRule({
  id: 'hardcoded-high-entropy-secret',
  title: 'Hard-coded high-entropy secret',
  family: 'secrets',
  checklist: ['Sensitive Data Handling'],
  level: 'warning',
  securitySeverity: 7.0,
  precision: 'medium',
  tier: 'extended',
  cwe: [798],
  compatible: {},
  docs: {
    whatItDoes:
      'Reports random-looking string constants bound to a name that suggests a secret: assignments, keyword arguments, dictionary keys and parameter defaults named like `encryption_key`, `hmac_key`, `auth`, `signing_key`, `client_secret` or `api_token`, and fallback values of `os.getenv("X", "…")`. The value must pass an entropy floor for its alphabet (hex from 20 characters at 3 bits per character, base64 and alphanumeric from 16 characters with a floor that grows with the length) and must not be a UUID, a sequence, a placeholder, a template, a path or a URL; digests bound to hash-like names (`*_sha256`, `checksum`, `etag`, `integrity`) and lookup keys (`cache_key`, `public_key`, `sort_key`) are ignored. Where `hardcoded-password` or a provider format reports the same literal, only that finding is kept.',
    whyBad:
      'Generated keys, tokens and signing secrets in source code are shared with everyone who can read the repository and its history. Unlike a provider token they have no recognisable prefix, so their shape and the name they are bound to are the only evidence; once leaked they must be rotated everywhere they are used.',
    example: 'ENCRYPTION_KEY = "q7Vd9sK2mXa4Lp8RtZ3wNb6Hc1Yf5Ge0"\n',
    useInstead: 'import os\n\nENCRYPTION_KEY = os.environ["ENCRYPTION_KEY"]\n',
    references: [
      'https://cwe.mitre.org/data/definitions/798.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
      'https://github.com/Yelp/detect-secrets#filters',
    ],
  },
  visitors: {
    string(node, ctx) {
      if (node.parent?.type === 'concatenated_string') return;
      check(node, ctx);
    },
    concatenated_string(node, ctx) {
      check(node, ctx);
    },
  },
});
