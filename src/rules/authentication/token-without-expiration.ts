// token-without-expiration: signed tokens created or accepted without a lifetime.
import { isDict } from '../../analysis/constants.js';
import { namedChildren, unwrapParentheses } from '../../analysis/syntax.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';
import { dictEntries, isDevelopmentOnly, settingOfAssignment, settingsOfCall, type Setting } from '../config-settings.js';
import { jwtArgument, jwtCall } from '../jwt-apis.js';
import { optionValue } from './jwt-signature-not-verified.js';

type Keys = 'has-exp' | 'no-exp' | 'unknown';

/** What a dict literal (or `dict(...)` call) says about `exp`. */
function literalKeys(node: SyntaxNode, ctx: RuleContext): Keys {
  if (node.type === 'call') {
    if (ctx.callee(node) !== 'dict') return 'unknown';
    const args = ctx.arguments(node);
    if (args.positional.length > 0 || args.dictSplats.length > 0 || args.listSplats.length > 0) return 'unknown';
    return args.keywords.has('exp') ? 'has-exp' : 'no-exp';
  }
  if (node.type !== 'dictionary') return 'unknown';
  let result: Keys = 'no-exp';
  for (const child of namedChildren(node)) {
    if (child.type === 'dictionary_splat') return 'unknown'; // `{**base, ...}`: the base may hold exp
    if (child.type !== 'pair') return 'unknown';
    const key = ctx.stringValue(child.childForFieldName('key'));
    if (key === undefined) return 'unknown';
    if (key === 'exp') result = 'has-exp';
  }
  return result;
}

/** What a later use of the payload variable does to `exp`: adds it, may add anything, or leaves keys alone. */
function useEffect(use: SyntaxNode, encode: SyntaxNode, ctx: RuleContext): Keys | 'none' {
  const parent = use.parent;
  if (!parent) return 'none';
  if (parent.type === 'subscript' && parent.childForFieldName('value')?.id === use.id) {
    const assignment = parent.parent;
    const isTarget = (assignment?.type === 'assignment' || assignment?.type === 'augmented_assignment') && assignment.childForFieldName('left')?.id === parent.id;
    if (!isTarget) return 'none'; // a read: payload["sub"]
    const key = ctx.stringValue(parent.childForFieldName('subscript'));
    return key === undefined ? 'unknown' : key === 'exp' ? 'has-exp' : 'none';
  }
  if (parent.type === 'attribute' && parent.childForFieldName('object')?.id === use.id) {
    const method = parent.childForFieldName('attribute')?.text;
    const call = parent.parent?.type === 'call' ? parent.parent : undefined;
    if (!call) return 'none';
    if (method === 'get' || method === 'copy' || method === 'keys' || method === 'items' || method === 'values') return 'none';
    if (method === 'update') {
      const args = ctx.arguments(call);
      if (args.keywords.has('exp')) return 'has-exp';
      if (args.dictSplats.length > 0 || args.listSplats.length > 0) return 'unknown';
      for (const arg of args.positional) {
        const keys = literalKeys(unwrapParentheses(arg), ctx);
        if (keys !== 'no-exp') return keys;
      }
      return 'none';
    }
    if (method === 'setdefault' || method === '__setitem__') {
      const key = ctx.stringValue(ctx.argument(call, 0, undefined));
      return key === undefined ? 'unknown' : key === 'exp' ? 'has-exp' : 'none';
    }
    return 'unknown';
  }
  // Passed to another function (`add_expiry(payload)`), stored elsewhere or returned: it may gain an exp there.
  if (parent.type === 'argument_list' || parent.type === 'keyword_argument') {
    const call = parent.type === 'argument_list' ? parent.parent : parent.parent?.parent;
    return call?.id === encode.id ? 'none' : 'unknown';
  }
  if (parent.type === 'expression_statement' || parent.type === 'comparison_operator' || parent.type === 'not_operator' || parent.type === 'boolean_operator') return 'none';
  return 'unknown';
}

/** The payload passed to an encoder carries no `exp`, as far as the file shows. */
function lacksExpiry(payload: SyntaxNode | undefined, encode: SyntaxNode, ctx: RuleContext): boolean {
  const p = unwrapParentheses(payload);
  if (!p) return false;
  if (p.type === 'dictionary' || p.type === 'call') return literalKeys(p, ctx) === 'no-exp';
  if (p.type !== 'identifier') return false;
  const bound = ctx.boundValues(p);
  if (!bound || bound.some((b) => b.kind !== 'assign')) return false;
  for (const b of bound) if (literalKeys(unwrapParentheses(b.node), ctx) !== 'no-exp') return false;
  for (const use of ctx.references(p)) {
    const effect = useEffect(use, encode, ctx);
    if (effect === 'has-exp' || effect === 'unknown') return false;
  }
  return true;
}

/** itsdangerous and Django signers whose `loads`/`unsign` checks an age only when `max_age` is passed. */
const TIMED_SIGNERS = /^(itsdangerous(\.url_safe|\.timed)?\.(URLSafeTimedSerializer|TimedSerializer|TimestampSigner)|django\.core\.signing\.TimestampSigner)$/;

function timedSigner(call: SyntaxNode, ctx: RuleContext): string | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute') return undefined;
  const method = fn.childForFieldName('attribute')?.text;
  if (method !== 'loads' && method !== 'unsign' && method !== 'unsign_object') return undefined;
  const receiver = fn.childForFieldName('object');
  if (!receiver) return undefined;
  let origins = ctx.originCalls(receiver);
  if (!origins && receiver.type === 'attribute') origins = ctx.instanceAttributeValues(receiver)?.filter((v) => v.type === 'call');
  if (!origins || origins.length === 0) return undefined;
  const names = origins.map((o) => ctx.callee(o));
  if (!names.every((n) => n !== undefined && TIMED_SIGNERS.test(n))) return undefined;
  return `${names[0]!.split('.').pop()}.${method}()`;
}

function reportMissingMaxAge(call: SyntaxNode, shown: string, position: number | undefined, ctx: RuleContext): void {
  const maxAge = ctx.keyword(call, 'max_age');
  if (maxAge.maybeInUnknownSplat) return;
  if (maxAge.present) {
    if (maxAge.value !== null) return;
  } else if (position !== undefined) {
    const positional = ctx.arguments(call).positional[position];
    if (positional && ctx.constantValue(positional) !== null) return;
  }
  ctx.report(call, `${shown} accepts a signed value of any age because no max_age is given, so a leaked token never expires; pass max_age= with the token's lifetime in seconds.`);
}

/** Authlib's decode returns claims that are checked (exp, nbf, iss…) only by `claims.validate()`. */
function authlibNeverValidated(call: SyntaxNode, ctx: RuleContext): boolean {
  const parent = call.parent;
  if (parent?.type === 'subscript' && parent.childForFieldName('value')?.id === call.id) return true; // jwt.decode(...)["sub"]
  if (parent?.type === 'attribute') return parent.childForFieldName('attribute')?.text === 'get';
  if (parent?.type !== 'assignment' || parent.childForFieldName('right')?.id !== call.id) return false;
  const target = parent.childForFieldName('left');
  if (target?.type !== 'identifier') return false;
  const uses = ctx.references(target);
  if (uses.length === 0) return false;
  for (const use of uses) {
    const p = use.parent;
    if (p?.type === 'subscript' && p.childForFieldName('value')?.id === use.id) continue;
    if (p?.type === 'attribute' && p.childForFieldName('object')?.id === use.id) {
      const method = p.childForFieldName('attribute')?.text;
      if (method === 'get' || method === 'keys' || method === 'items') continue;
      return false; // validate() or something we cannot see into
    }
    return false; // returned, passed on, stored: validated elsewhere perhaps
  }
  return true;
}

/** Settings that switch token expiry off, and where. */
function expirySetting(setting: Setting, ctx: RuleContext): { text: string; node: SyntaxNode } | undefined {
  if ((setting.key === 'JWT_ACCESS_TOKEN_EXPIRES' || setting.key === 'JWT_REFRESH_TOKEN_EXPIRES') && setting.value === false) {
    return { text: `${setting.key} = False`, node: setting.node };
  }
  if (setting.key !== 'SIMPLE_JWT' || !setting.valueNode) return undefined;
  const entries = dictEntries(setting.valueNode, ctx);
  const folded = entries ? undefined : ctx.constantValue(setting.valueNode);
  for (const key of ['ACCESS_TOKEN_LIFETIME', 'REFRESH_TOKEN_LIFETIME', 'SLIDING_TOKEN_LIFETIME', 'SLIDING_TOKEN_REFRESH_LIFETIME']) {
    const entry = entries?.find((x) => x.key === key);
    const value = entry ? ctx.constantValue(entry.value) : isDict(folded) ? folded.get(key) : undefined;
    if (value === null) return { text: `SIMPLE_JWT["${key}"] = None`, node: entry?.node ?? setting.node };
  }
  return undefined;
}

function checkSetting(setting: Setting, ctx: RuleContext): void {
  const found = expirySetting(setting, ctx);
  if (!found || isDevelopmentOnly(setting.node, ctx)) return;
  ctx.report(found.node, `${found.text} issues tokens that never expire, so a stolen token works forever; set a lifetime such as timedelta(minutes=15).`);
}

const FLASK_JWT_CREATORS = /^flask_jwt_extended(\.utils)?\.(create_access_token|create_refresh_token)$/;

export const tokenWithoutExpiration = defineRule({
  id: 'token-without-expiration',
  title: 'Signed token created or accepted without an expiry',
  family: 'authentication',
  checklist: ['Authentication and Authorization', 'API Security'],
  level: 'warning',
  securitySeverity: 5.3,
  precision: 'medium',
  tier: 'default',
  cwe: [613],
  compatible: {},
  docs: {
    whatItDoes:
      'Reports tokens that never expire: PyJWT, python-jose and Authlib `encode()` of a payload dict (a literal, `dict(...)`, or a local variable bound to one) that has no `exp` claim and never gets one later in the function (`payload["exp"] = ...`, `payload.update(exp=...)`; a payload passed to another function or merged from an unknown `**dict` is left alone); decoding with `options={"verify_exp": False}`; Authlib `jwt.decode()` whose claims are read but never `validate()`d; itsdangerous `URLSafeTimedSerializer`/`TimestampSigner` and Django `signing.loads()`/`TimestampSigner` reading a value without `max_age`; Flask-JWT-Extended `JWT_ACCESS_TOKEN_EXPIRES = False` (or the refresh equivalent, also via `app.config`) and `create_access_token(..., expires_delta=False)`; and Simple JWT lifetimes set to `None`. Settings in development or test modules and classes are skipped.',
    whyBad:
      'Tokens leak: through logs, browser storage, referrer headers, backups and compromised devices. A token without an expiry keeps working for as long as the signing key lives, so one leak grants permanent access and there is no natural point at which revoked users lose it.',
    example:
      'import jwt\n\ndef issue_token(user, key):\n    payload = {"sub": str(user.id), "role": user.role}\n    return jwt.encode(payload, key, algorithm="HS256")\n',
    useInstead:
      'import datetime\nimport jwt\n\ndef issue_token(user, key):\n    now = datetime.datetime.now(tz=datetime.timezone.utc)\n    payload = {"sub": str(user.id), "role": user.role, "iat": now, "exp": now + datetime.timedelta(minutes=15)}\n    return jwt.encode(payload, key, algorithm="HS256")\n',
    references: [
      'https://cwe.mitre.org/data/definitions/613.html',
      'https://pyjwt.readthedocs.io/en/stable/usage.html#expiration-time-claim-exp',
      'https://itsdangerous.palletsprojects.com/en/latest/timed/',
      'https://docs.djangoproject.com/en/stable/topics/signing/',
      'https://flask-jwt-extended.readthedocs.io/en/stable/options.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html',
    ],
  },
  visitors: {
    call(node, ctx) {
      const jc = jwtCall(node, ctx);
      if (jc) {
        if (jc.operation === 'encode' && jc.payload && lacksExpiry(jwtArgument(node, jc.payload, ctx), node, ctx)) {
          ctx.report(node, `${jc.shown} signs a payload without an "exp" claim, so the token stays valid forever; add "exp" (for example now + timedelta(minutes=15)).`);
        } else if (jc.operation === 'decode' && jc.library !== 'authlib' && optionValue(node, 3, 'verify_exp', ctx) === false) {
          ctx.report(node, `${jc.shown} is told not to check the "exp" claim (options verify_exp=False), so expired tokens are accepted; leave expiry checking on.`);
        } else if (jc.operation === 'decode' && jc.library === 'authlib' && authlibNeverValidated(node, ctx)) {
          ctx.report(node, `${jc.shown} only checks the signature; its claims are read without claims.validate(), so "exp" is never enforced; call validate() before trusting them.`);
        }
        return;
      }
      const callee = ctx.callee(node);
      if (callee === 'django.core.signing.loads') {
        reportMissingMaxAge(node, 'signing.loads()', 4, ctx);
        return;
      }
      if (callee !== undefined && FLASK_JWT_CREATORS.test(callee)) {
        const expires = ctx.keyword(node, 'expires_delta');
        const value = expires.present ? expires.value : ctx.constantValue(ctx.arguments(node).positional[2]);
        if (value === false) {
          ctx.report(node, `${callee.split('.').pop()}() is called with expires_delta=False, so the token never expires; pass a timedelta or keep the configured lifetime.`);
        }
        return;
      }
      const signer = timedSigner(node, ctx);
      if (signer) {
        reportMissingMaxAge(node, signer, signer.endsWith('unsign_object()') ? undefined : 1, ctx);
        return;
      }
      for (const setting of settingsOfCall(node, ctx)) checkSetting(setting, ctx);
    },
    assignment(node, ctx) {
      const setting = settingOfAssignment(node, ctx);
      if (setting) checkSetting(setting, ctx);
    },
  },
});
