// timing-unsafe-secret-comparison: `==` on signatures, HMAC digests, tokens and API keys.
import { equalityOperands } from '../../analysis/comparisons.js';
import { nameWords } from '../../analysis/name-words.js';
import { secretName } from '../../analysis/secret-names.js';
import { unwrapParentheses } from '../../analysis/syntax.js';
import { dottedParts } from '../../analysis/value-destination.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

/**
 * How sure we are that a side holds a secret: 'strong' for HMAC results, signatures, API keys, secrets and
 * credential headers; 'weak' for a bare `token` name (also a word in parsers and tokenizers).
 */
type Strength = 'strong' | 'weak';

interface SecretSide {
  strength: Strength;
  what: string;
}

const HMAC_CALLS = new Set(['hmac.new', 'hmac.HMAC', 'hmac.digest', 'cryptography.hazmat.primitives.hmac.HMAC']);
/** Containers of request or configuration data: the other side of a comparison with a bare token name must come from one. */
const TRUSTED_INPUT_WORDS = new Set(['request', 'req', 'headers', 'header', 'meta', 'environ', 'settings', 'config', 'conf', 'cfg', 'args', 'form', 'json', 'cookies', 'session', 'params', 'query', 'env']);
/** Calls whose result is a property of the value, not the value. */
const NON_VALUE_CALLS = new Set(['len', 'type', 'id', 'bool', 'isinstance', 'callable', 'hash']);

/** Words in a value's name that mark it as one side of a verification (`expected_token`, `calculated_signature`). */
const VERIFICATION_WORDS = new Set([
  'expected', 'provided', 'supplied', 'given', 'received', 'submitted', 'incoming', 'presented', 'claimed', 'stored', 'saved', 'valid', 'computed', 'calculated',
  'actual', 'correct', 'reset', 'auth', 'access', 'api', 'bearer', 'session', 'refresh', 'verify', 'verification', 'confirm', 'confirmation', 'secret', 'signed',
  'webhook', 'csrf', 'otp', 'magic', 'invite', 'invitation', 'activation',
]);
/** Modifiers after which `token` is a count, an idempotency key or a tokenizer item rather than a secret. */
const NON_SECRET_TOKEN_WORDS = new Set(['cache', 'creation', 'task', 'total', 'max', 'min', 'num', 'count', 'type', 'kind', 'string', 'text', 'grant', 'cancel', 'match', 'these']);

/** A name or key describes a secret (`api_key`, `X-Hub-Signature-256`, `expected_sig`), passwords excepted. */
function secretByName(name: string): Strength | undefined {
  const words = nameWords(name);
  const last = words[words.length - 1];
  if (last === 'signature' || last === 'hmac') return 'weak';
  if (words.length === 1 && words[0] === 'authorization') return 'strong';
  const s = secretName(name.replace(/-/g, '_'));
  if (!s || s.kind === 'password') return undefined;
  // Plurals are collections (`tokens`, `secrets`), not one secret to compare.
  if (/s$/.test(last ?? '') && !/(ss|creds|credentials)$/.test(last ?? '')) return undefined;
  if (s.kind === 'token') return words.some((w) => NON_SECRET_TOKEN_WORDS.has(w)) ? undefined : 'weak';
  return 'strong';
}

function hasVerificationWord(node: SyntaxNode, ctx: RuleContext): boolean {
  const name = nameOf(unwrapParentheses(node), ctx);
  return name !== undefined && nameWords(name).some((w) => VERIFICATION_WORDS.has(w));
}

/** The name a value is known by: identifier, attribute name, constant subscript or `.get()` key. */
function nameOf(node: SyntaxNode, ctx: RuleContext): string | undefined {
  switch (node.type) {
    case 'identifier':
      return node.text;
    case 'attribute':
      return node.childForFieldName('attribute')?.text;
    case 'subscript':
      return ctx.stringValue(node.childForFieldName('subscript'));
    case 'call': {
      const fn = node.childForFieldName('function');
      const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
      if (method === 'get' || method === 'getenv' || ctx.callee(node) === 'os.getenv') return ctx.stringValue(ctx.argument(node, 0, undefined));
      return undefined;
    }
    default:
      return undefined;
  }
}

function secretSide(expr: SyntaxNode, ctx: RuleContext): SecretSide | undefined {
  const node = unwrapParentheses(expr);
  const hmac = ctx.valueSources(node, (c) => (ctx.calleeCandidates(c) ?? []).some((n) => HMAC_CALLS.has(n)));
  if (hmac.length > 0) return { strength: 'strong', what: 'the HMAC value' };
  const name = nameOf(node, ctx);
  const strength = name !== undefined ? secretByName(name) : undefined;
  if (strength) return { strength, what: node.type === 'identifier' || node.type === 'attribute' ? `the secret ${name!}` : `the value of '${name!}'` };
  // A local name bound to a secret read (`sig = request.headers["X-Signature"]`).
  if (node.type === 'identifier') {
    for (const b of ctx.boundValues(node) ?? []) {
      const inner = b.node.type === 'identifier' ? undefined : secretSide(b.node, ctx);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** The side is not a secret but a constant, None, a length, a type: nothing to leak through timing. */
function isInert(expr: SyntaxNode, ctx: RuleContext): boolean {
  const node = unwrapParentheses(expr);
  if (ctx.constantValue(node) !== undefined || node.type === 'none' || node.type === 'true' || node.type === 'false') return true;
  if (node.type === 'call') {
    const callee = ctx.callee(node);
    if (callee !== undefined && NON_VALUE_CALLS.has(callee)) return true;
  }
  if (node.type === 'identifier') {
    const values = ctx.boundValues(node);
    if (values && values.every((v) => ctx.constantValue(v.node) !== undefined || v.node.type === 'none')) return true;
  }
  // A library constant (`signal.SIGINT`, `botocore.UNSIGNED`) that is not itself named for a secret.
  if ((node.type === 'identifier' || node.type === 'attribute') && ctx.qualifiedName(node) !== undefined) {
    const qn = ctx.qualifiedName(node)!;
    const imported = /^[\w.]+$/.test(qn) && !/^(django\.conf\.settings|flask\.request|flask\.current_app|os\.environ)/.test(qn);
    if (imported && secretByName(qn.split('.').pop() ?? '') === undefined) return true;
  }
  return false;
}

/** `self.token == other.token`: an equality method comparing two objects field by field, not a verification. */
function isFieldwiseEquality(left: SyntaxNode, right: SyntaxNode, ctx: RuleContext): boolean {
  const l = unwrapParentheses(left);
  const r = unwrapParentheses(right);
  if (l.type === 'attribute' && r.type === 'attribute' && l.childForFieldName('attribute')?.text === r.childForFieldName('attribute')?.text) return true;
  const fn = ctx.enclosingFunction(left)?.childForFieldName('name')?.text;
  return fn === '__eq__' || fn === '__ne__' || fn === '__hash__';
}

/** The side is read from a request, headers, environment or settings. */
function fromInputOrConfig(expr: SyntaxNode, ctx: RuleContext): boolean {
  const node = unwrapParentheses(expr);
  const container =
    node.type === 'subscript' ? node.childForFieldName('value') : node.type === 'attribute' ? node.childForFieldName('object') : node.type === 'call' ? node.childForFieldName('function') : undefined;
  if (ctx.callee(node) === 'os.getenv') return true;
  if (!container) return false;
  const qn = ctx.qualifiedName(container) ?? '';
  if (qn.startsWith('flask.request') || qn.startsWith('django.conf.settings') || qn.startsWith('os.environ')) return true;
  const words = dottedParts(container).flatMap(nameWords);
  return words.some((w) => TRUSTED_INPUT_WORDS.has(w));
}

export const timingUnsafeSecretComparison = defineRule({
  id: 'timing-unsafe-secret-comparison',
  title: 'Secret compared with == instead of a constant-time comparison',
  family: 'authentication',
  checklist: ['Authentication and Authorization', 'Cryptography'],
  level: 'warning',
  securitySeverity: 5.9,
  precision: 'medium',
  tier: 'extended',
  cwe: [208],
  compatible: {},
  docs: {
    whatItDoes:
      'Reports `==` and `!=` where one side is a secret: the result of `hmac.new(...).hexdigest()`/`digest()` or `hmac.digest()` (also through local names and encodings), a value named for a signature, API key, secret or credential (`signature`, `expected_sig`, `api_key`, `settings.SECRET_KEY`), or a request header such as `X-Hub-Signature-256` or `Authorization`. A value merely named `token` or `signature` counts only when the other side is a secret, comes from a request, headers, environment or settings, or one of the names says it is being verified (`expected_token`, `reset_token`, `calculated_signature`). Field-by-field equality (`self.token == other.token`, `__eq__`), library constants (`signal.SIGINT`) and collections (`tokens`) are not reported. Comparisons with constants, `None`, lengths and types are not reported, and neither are passwords (see plaintext-password-comparison).',
    whyBad:
      'String and bytes equality stops at the first byte that differs, so the time a failed comparison takes tells an attacker how many leading bytes of the guess were right. With enough measurements a signature, webhook secret or API key can be recovered one byte at a time. `hmac.compare_digest()` takes the same time wherever the inputs differ.',
    example:
      'import hashlib\nimport hmac\n\ndef verify(body, signature, key):\n    expected = hmac.new(key, body, hashlib.sha256).hexdigest()\n    return expected == signature\n',
    useInstead:
      'import hashlib\nimport hmac\n\ndef verify(body, signature, key):\n    expected = hmac.new(key, body, hashlib.sha256).hexdigest()\n    return hmac.compare_digest(expected, signature)\n',
    references: [
      'https://cwe.mitre.org/data/definitions/208.html',
      'https://docs.python.org/3/library/hmac.html#hmac.compare_digest',
      'https://docs.python.org/3/library/secrets.html#secrets.compare_digest',
      'https://codahale.com/a-lesson-in-timing-attacks/',
    ],
  },
  visitors: {
    comparison_operator(node, ctx) {
      const cmp = equalityOperands(node);
      if (!cmp) return;
      if (isInert(cmp.left, ctx) || isInert(cmp.right, ctx) || isFieldwiseEquality(cmp.left, cmp.right, ctx)) return;
      const left = secretSide(cmp.left, ctx);
      const right = secretSide(cmp.right, ctx);
      let secret = left?.strength === 'strong' ? left : right?.strength === 'strong' ? right : undefined;
      if (!secret && (left || right)) {
        // Only weak names (`token`, `signature`): the other side must be request or configuration data, or one of
        // the names must say it is being verified (`expected_token`, `reset_token`, `calculated_signature`).
        const verified = (left && right) && (hasVerificationWord(cmp.left, ctx) || hasVerificationWord(cmp.right, ctx));
        if (verified) secret = left;
        else if (left && fromInputOrConfig(cmp.right, ctx)) secret = left;
        else if (right && fromInputOrConfig(cmp.left, ctx)) secret = right;
      }
      if (!secret) return;
      ctx.report(node, `${secret.what.charAt(0).toUpperCase()}${secret.what.slice(1)} is compared with ${cmp.operator}, which takes longer the more leading characters match; use hmac.compare_digest() (or secrets.compare_digest()).`);
    },
  },
});
