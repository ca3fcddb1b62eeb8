// spoofable-client-ip: client-supplied forwarding headers trusted for access decisions, allow-lists or rate limits.
import type { ValueUse } from '../../analysis/value-uses.js';
import { nameWords } from '../../analysis/name-words.js';
import { namedChildren } from '../../analysis/syntax.js';
import { dottedParts } from '../../analysis/value-destination.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

/** Headers any client can send, normalised (lower case, `_` for `-`, no `http_` prefix). */
const FORWARDING_HEADERS = new Set([
  'x_forwarded_for', 'x_real_ip', 'x_client_ip', 'client_ip', 'true_client_ip', 'x_cluster_client_ip', 'forwarded', 'forwarded_for', 'x_forwarded',
  'cf_connecting_ip', 'fastly_client_ip', 'x_originating_ip', 'x_remote_ip', 'x_remote_addr',
]);
const ITEM_METHODS = new Set(['get', 'getlist', 'get_all', 'getall', 'get_header', 'getheader', 'getone']);
/** Words in a function or container name that make passing the address there an access or rate decision. */
const DECISION_WORDS = new Set([
  'allow', 'allowed', 'allowlist', 'whitelist', 'whitelisted', 'permit', 'permitted', 'trusted', 'trust', 'authorize', 'authorized', 'authenticate', 'auth',
  'verify', 'check', 'block', 'blocked', 'blocklist', 'blacklist', 'blacklisted', 'ban', 'banned', 'deny', 'denied', 'limit', 'limiter', 'limits', 'throttle',
  'rate', 'ratelimit', 'attempts', 'attempt', 'failures', 'failed', 'lockout', 'internal', 'admin', 'acl', 'firewall',
]);
/** Methods on a cache or counter that count per key (a rate limit keyed by the address). */
const COUNTER_METHODS = new Set(['incr', 'incrby', 'incr_version', 'hincrby', 'zadd', 'zincrby', 'setex', 'expire', 'inc']);
const PREFIX_CHECKS = new Set(['startswith', 'endswith']);
/** Keywords through which a function or value becomes a rate-limit or identity key. */
const KEY_KEYWORDS = new Set(['key_func', 'key', 'keyfunc', 'key_prefix', 'identifier', 'client_id']);

function headerName(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  const norm = key.toLowerCase().replace(/-/g, '_').replace(/^http_/, '');
  return FORWARDING_HEADERS.has(norm) ? key : undefined;
}

/** What the expression reads: a forwarding header (by constant key) or Flask's `request.access_route`. */
function spoofableRead(node: SyntaxNode, ctx: RuleContext): string | undefined {
  if (node.type === 'subscript') return headerName(ctx.stringValue(node.childForFieldName('subscript')));
  if (node.type === 'call') {
    const fn = node.childForFieldName('function');
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    if (method && ITEM_METHODS.has(method)) return headerName(ctx.stringValue(ctx.argument(node, 0, undefined)));
    return undefined;
  }
  if (node.type === 'attribute' && node.childForFieldName('attribute')?.text === 'access_route') {
    const object = node.childForFieldName('object');
    const qn = ctx.qualifiedName(node);
    if (qn === 'flask.request.access_route' || (object && dottedParts(object).includes('request'))) return 'request.access_route';
  }
  return undefined;
}

function decisionWords(node: SyntaxNode | null | undefined): boolean {
  return dottedParts(node).flatMap(nameWords).some((w) => DECISION_WORDS.has(w));
}

/** The function a value is returned from is handed over as a rate-limit key function (`Limiter(key_func=client_ip)`). */
function returnedAsKey(use: ValueUse, ctx: RuleContext): boolean {
  const fn = ctx.enclosingFunction(use.node);
  const name = fn?.childForFieldName('name');
  if (!fn || !name) return false;
  const lambda = use.consumer.type === 'lambda' ? use.consumer : undefined;
  if (lambda) {
    const kw = lambda.parent?.type === 'keyword_argument' ? lambda.parent.childForFieldName('name')?.text : undefined;
    return kw !== undefined && KEY_KEYWORDS.has(kw);
  }
  return ctx.references(name).some((ref) => {
    const p = ref.parent;
    return p?.type === 'keyword_argument' && same(p.childForFieldName('value'), ref) && KEY_KEYWORDS.has(p.childForFieldName('name')?.text ?? '');
  });
}

function same(a: SyntaxNode | null | undefined, b: SyntaxNode): boolean {
  return !!a && a.id === b.id;
}

/** How a use decides something; undefined when the value is only logged, stored or displayed. */
function decision(use: ValueUse, ctx: RuleContext): string | undefined {
  const { node, consumer } = use;
  switch (consumer.type) {
    case 'comparison_operator': {
      const operands = namedChildren(consumer);
      const ops = consumer.children.filter((c) => c !== null && !c.isNamed).map((c) => c!.type);
      if (ops.every((o) => o === 'is' || o === 'is not')) return undefined;
      const other = operands.find((o) => o.id !== node.id);
      if (other?.type === 'none') return undefined;
      return ops.some((o) => o === 'in' || o === 'not in') ? 'checked against a list of addresses' : 'compared to decide access';
    }
    case 'subscript':
      if (same(consumer.childForFieldName('subscript'), node) && decisionWords(consumer.childForFieldName('value'))) return `used as the key of ${dottedParts(consumer.childForFieldName('value')).join('.')}`;
      return undefined;
    case 'argument_list': {
      const call = consumer.parent;
      if (call?.type !== 'call') return undefined;
      const fn = call.childForFieldName('function');
      const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
      if (method && COUNTER_METHODS.has(method)) return `used as a rate-limit key in ${method}()`;
      const name = dottedParts(fn).join('.');
      if (decisionWords(fn)) return `passed to ${name}()`;
      return undefined;
    }
    case 'keyword_argument': {
      const kw = consumer.childForFieldName('name')?.text ?? '';
      return KEY_KEYWORDS.has(kw) ? `used as the ${kw} of a limiter` : undefined;
    }
    case 'return_statement':
    case 'lambda':
      return returnedAsKey(use, ctx) ? 'used as a rate-limit key function' : undefined;
    case 'attribute': {
      // `ip.startswith("10.")` in a condition.
      const method = consumer.childForFieldName('attribute')?.text ?? '';
      return PREFIX_CHECKS.has(method) ? 'checked by prefix to decide access' : undefined;
    }
    default:
      return undefined;
  }
}

export const spoofableClientIp = defineRule({
  id: 'spoofable-client-ip',
  title: 'Client-controlled forwarding header trusted as the client IP address',
  family: 'authentication',
  checklist: ['Authentication and Authorization', 'API Security'],
  level: 'warning',
  securitySeverity: 5.3,
  precision: 'medium',
  tier: 'extended',
  cwe: [348],
  compatible: {},
  docs: {
    whatItDoes:
      'Reports reads of `X-Forwarded-For`, `X-Real-IP`, `Forwarded`, `True-Client-IP`, `CF-Connecting-IP` and similar headers (from `request.headers`, Django `request.META["HTTP_X_FORWARDED_FOR"]`, WSGI `environ`) and Flask\'s `request.access_route` when the value, followed through local names, `.split(",")[0].strip()` and `ipaddress.ip_address()`, decides something: it is compared or checked against a list of addresses, tested by prefix, passed to a function named for allowing, blocking, checking or limiting, used as the key of an attempts/rate-limit table or a counter (`cache.incr(ip)`), or returned from a function given to a limiter as `key_func`. Addresses that are only logged or stored are not reported.',
    whyBad:
      'These headers are plain request data: any client can send `X-Forwarded-For: 127.0.0.1`. Unless a proxy you control overwrites them, an allow-list based on them admits anyone, a block-list or rate limit keyed on them is bypassed by sending a new value with every request, and an attacker can also lock out other users by sending their addresses.',
    example:
      'from flask import abort, request\n\nADMIN_NETWORKS = {"10.0.0.5"}\n\ndef admin_only():\n    ip = request.headers.get("X-Forwarded-For", request.remote_addr).split(",")[0].strip()\n    if ip not in ADMIN_NETWORKS:\n        abort(403)\n',
    useInstead:
      'from flask import abort, request\n\nADMIN_NETWORKS = {"10.0.0.5"}\n\n# Behind exactly one trusted proxy: app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1)\ndef admin_only():\n    if request.remote_addr not in ADMIN_NETWORKS:\n        abort(403)\n',
    references: [
      'https://cwe.mitre.org/data/definitions/348.html',
      'https://werkzeug.palletsprojects.com/en/stable/middleware/proxy_fix/',
      'https://docs.djangoproject.com/en/stable/ref/request-response/#django.http.HttpRequest.META',
      'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-Forwarded-For#security_and_privacy_concerns',
    ],
  },
  visitors: {
    call: check,
    subscript: check,
    attribute: check,
  },
});

function check(node: SyntaxNode, ctx: RuleContext): void {
  const header = spoofableRead(node, ctx);
  if (!header) return;
  for (const use of ctx.valueUses(node)) {
    const how = decision(use, ctx);
    if (how) {
      ctx.report(node, `The client-controlled ${header} value is ${how}; any client can set it, so use the connection's address (request.remote_addr) after configuring trusted proxies (werkzeug ProxyFix, Django middleware with a fixed proxy count).`);
      return;
    }
  }
}
