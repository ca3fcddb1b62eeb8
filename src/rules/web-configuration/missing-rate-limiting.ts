// missing-rate-limiting (audit): login, token, password-reset and OTP handlers that check a credential without any
// rate limiter in sight.
import { nameWords } from '../../analysis/name-words.js';
import { namedChildren } from '../../analysis/syntax.js';
import { ROUTE_DECORATOR_METHODS, WEB_MODULES } from '../../analysis/taint/sources.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

/** Words of handler names and URL paths that mark credential endpoints. */
const CREDENTIAL_WORDS = new Set(['login', 'signin', 'logon', 'authenticate', 'token', 'tokens', 'reset', 'password', 'otp', 'totp', 'mfa', '2fa', 'verify', 'verification', 'pin', 'passcode']);
/** Calls that check a password, a one-time code or a secret. */
const CHECK_CALLEES = /(^|\.)(check_password_hash|check_password|checkpw|authenticate|verify_password|verify_otp|verify_totp|check_otp|verify_code|check_code|compare_digest|verify_token|check_token)$/;
/** `.verify(...)` on password hashers and OTP objects: passlib contexts, argon2 PasswordHasher, pyotp.TOTP. */
const VERIFY_RECEIVER = /(pwd|password|passwd|hasher|crypt|context|ctx|totp|hotp|otp)/i;
/** Names of limiters and throttles (decorators, dependencies, calls in the body). */
const LIMITER = /(limit|throttl|ratelimit|brute|lockout|axes)/i;
/** Base classes of class-based views whose methods handle requests. */
const VIEW_BASES = /^(django\.views\.|rest_framework\.(views|generics|viewsets)\.|flask\.views\.|flask_restful\.Resource|flask_restx\.Resource|tornado\.web\.RequestHandler)/;

function decoratorsOf(fn: SyntaxNode): SyntaxNode[] {
  const parent = fn.parent;
  if (parent?.type !== 'decorated_definition') return [];
  return namedChildren(parent).filter((c) => c.type === 'decorator').map((d) => namedChildren(d)[0]!).filter(Boolean);
}

function lastName(node: SyntaxNode): string {
  const n = node.type === 'call' ? node.childForFieldName('function') : node;
  if (n?.type === 'attribute') return n.childForFieldName('attribute')?.text ?? '';
  return n?.text ?? '';
}

/** The route path of a route decorator, or '' for other handlers; undefined when fn does not handle requests. */
function handlerRoute(fn: SyntaxNode, ctx: RuleContext): { path: string; cls?: SyntaxNode } | undefined {
  for (const dec of decoratorsOf(fn)) {
    const name = lastName(dec);
    if (dec.type === 'call' && ROUTE_DECORATOR_METHODS.has(name) && dec.childForFieldName('function')?.type === 'attribute') {
      return { path: ctx.stringValue(ctx.argument(dec, 0, 'path')) ?? ctx.stringValue(ctx.argument(dec, 0, 'rule')) ?? '' };
    }
    if (name === 'api_view' || name === 'action') return { path: ctx.stringValue(ctx.argument(dec, undefined, 'url_path')) ?? '' };
  }
  // A method of a class-based view: post(self, request), put(...).
  const body = fn.parent?.type === 'decorated_definition' ? fn.parent.parent : fn.parent;
  const cls = body?.parent;
  if (body?.type === 'block' && cls?.type === 'class_definition') {
    const method = fn.childForFieldName('name')?.text ?? '';
    if (!['post', 'put', 'patch', 'create', 'get'].includes(method)) return undefined;
    const name = cls.childForFieldName('name');
    const bases = name ? ctx.baseClassNames(name) : undefined;
    return bases?.some((b) => VIEW_BASES.test(b)) ? { path: '', cls } : undefined;
  }
  // A Django function view: def login_view(request).
  const first = namedChildren(fn.childForFieldName('parameters'))[0];
  if (first?.type === 'identifier' && first.text === 'request' && ctx.importsModule('django')) return { path: '' };
  return undefined;
}

function credentialWord(text: string): string | undefined {
  const words = nameWords(text.replace(/[/<>{}:-]+/g, '_'));
  if (words.includes('sign') && words.includes('in')) return 'signin';
  if (words.includes('log') && words.includes('in')) return 'login';
  return words.find((w) => CREDENTIAL_WORDS.has(w));
}

function checksCredential(fn: SyntaxNode, ctx: RuleContext): boolean {
  for (const call of ctx.callsWithin(fn)) {
    const callee = ctx.callee(call) ?? lastName(call);
    if (CHECK_CALLEES.test(callee)) return true;
    const f = call.childForFieldName('function');
    if (f?.type === 'attribute' && f.childForFieldName('attribute')?.text === 'verify') {
      const receiver = f.childForFieldName('object');
      const qn = receiver ? ctx.qualifiedName(receiver) ?? receiver.text : '';
      if (VERIFY_RECEIVER.test(qn) || /^(passlib|argon2|pyotp)\./.test(qn)) return true;
    }
  }
  return false;
}

function hasLimiter(fn: SyntaxNode, cls: SyntaxNode | undefined, ctx: RuleContext): boolean {
  for (const dec of decoratorsOf(fn)) {
    if (LIMITER.test(lastName(dec))) return true;
    if (ctx.callsWithin(dec).some((c) => LIMITER.test(lastName(c)) || LIMITER.test(ctx.callee(c) ?? ''))) return true;
  }
  if (ctx.callsWithin(fn).some((c) => LIMITER.test(lastName(c)))) return true;
  if (cls) {
    for (const stmt of namedChildren(cls.childForFieldName('body'))) {
      const a = stmt.type === 'expression_statement' ? namedChildren(stmt)[0] : undefined;
      const left = a?.type === 'assignment' ? a.childForFieldName('left') : undefined;
      if (left?.type === 'identifier' && /^throttle_(classes|scope)$/.test(left.text)) return true;
    }
    for (const dec of decoratorsOf(cls)) if (LIMITER.test(lastName(dec)) || ctx.callsWithin(dec).some((c) => LIMITER.test(lastName(c)))) return true;
  }
  // A limiter with default limits for every route: flask-limiter / slowapi `Limiter(..., default_limits=[...])`.
  for (const name of ['flask_limiter.Limiter', 'slowapi.Limiter', 'slowapi.extension.Limiter']) {
    for (const call of ctx.callsTo(name)) {
      const kw = ctx.keyword(call, 'default_limits');
      if (kw.present || kw.maybeInUnknownSplat) return true;
    }
  }
  return false;
}

export const missingRateLimiting = defineRule({
  id: 'missing-rate-limiting',
  title: 'Credential endpoint without rate limiting',
  family: 'web-configuration',
  checklist: ['Authentication and Authorization', 'API Security'],
  level: 'note',
  securitySeverity: 3.7,
  precision: 'low',
  tier: 'audit',
  cwe: [307, 770],
  compatible: {},
  docs: {
    whatItDoes:
      'Audit rule. Reports request handlers for login, sign-in, token, password-reset, OTP/MFA and verification endpoints (by the handler name or its route path) that check a credential (`check_password_hash`, `check_password`, `authenticate`, `bcrypt.checkpw`, passlib/argon2 `verify`, `pyotp.TOTP().verify`, `hmac.compare_digest`, …) while no rate limiter is visible: no flask-limiter/slowapi `@limiter.limit(...)`, django-ratelimit `@ratelimit(...)`, DRF `@throttle_classes` / `throttle_classes` / `throttle_scope`, fastapi-limiter `Depends(RateLimiter(...))`, limiter calls in the body, or a `Limiter(..., default_limits=...)` for the whole app in the file. Limits configured elsewhere (a reverse proxy, DRF `DEFAULT_THROTTLE_CLASSES` in settings) are not visible to the rule, hence the audit tier.',
    whyBad:
      'An endpoint that answers "right or wrong password" as fast as it can lets an attacker try passwords, leaked credential lists or all one million six-digit OTP codes in a short time. Rate limits per account and per client address (or lockouts with back-off) turn such online guessing from minutes into years.',
    example:
      'from flask import Flask, request\nfrom werkzeug.security import check_password_hash\n\nfrom app.models import User\n\napp = Flask(__name__)\n\n@app.post("/login")\ndef login():\n    user = User.query.filter_by(name=request.form["name"]).first()\n    if user and check_password_hash(user.password_hash, request.form["password"]):\n        return "ok"\n    return "denied", 401\n',
    useInstead:
      'from flask import Flask, request\nfrom flask_limiter import Limiter\nfrom flask_limiter.util import get_remote_address\nfrom werkzeug.security import check_password_hash\n\nfrom app.models import User\n\napp = Flask(__name__)\nlimiter = Limiter(get_remote_address, app=app)\n\n@app.post("/login")\n@limiter.limit("5 per minute")\ndef login():\n    user = User.query.filter_by(name=request.form["name"]).first()\n    if user and check_password_hash(user.password_hash, request.form["password"]):\n        return "ok"\n    return "denied", 401\n',
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#protect-against-automated-attacks',
      'https://flask-limiter.readthedocs.io/',
      'https://www.django-rest-framework.org/api-guide/throttling/',
      'https://cwe.mitre.org/data/definitions/307.html',
    ],
  },
  visitors: {
    function_definition(node, ctx) {
      if (!WEB_MODULES.some((m) => ctx.importsModule(m))) return;
      const route = handlerRoute(node, ctx);
      if (!route) return;
      const name = node.childForFieldName('name');
      if (!name) return;
      const clsName = route.cls?.childForFieldName('name')?.text ?? '';
      const word = credentialWord(name.text) ?? credentialWord(route.path) ?? credentialWord(clsName);
      if (!word) return;
      if (!checksCredential(node, ctx) || hasLimiter(node, route.cls, ctx)) return;
      ctx.report(
        name,
        `${route.cls ? `${clsName}.` : ''}${name.text}() handles a ${word} endpoint and checks a credential without a rate limit, so attackers can guess passwords or codes at full speed; add a per-client and per-account limit (flask-limiter/slowapi @limiter.limit, django-ratelimit, DRF throttle_classes).`,
      );
    },
  },
});
