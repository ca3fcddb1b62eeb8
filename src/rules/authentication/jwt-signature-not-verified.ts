// jwt-signature-not-verified: a JWT decoded (and its claims trusted) without checking its signature.
import { isDict, isTruthy, type ConstValue } from '../../analysis/constants.js';
import { unwrapParentheses } from '../../analysis/syntax.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';
import { dictEntries } from '../config-settings.js';
import { importsJwtLibrary, jwtCall, unverifiedReader, type JwtCall } from '../jwt-apis.js';

/** The value of an options-dict key: `options={"verify_signature": False}`, a constant dict, a name bound to a literal, `**kw`. */
export function optionValue(call: SyntaxNode, position: number | undefined, key: string, ctx: RuleContext): ConstValue | undefined {
  const kw = ctx.keyword(call, 'options');
  let value: ConstValue | undefined;
  let node: SyntaxNode | undefined;
  if (kw.present) {
    value = kw.value;
    node = kw.node;
  } else if (position !== undefined) {
    node = ctx.arguments(call).positional[position];
    value = ctx.constantValue(node);
  }
  if (isDict(value)) return value.get(key);
  const entry = dictEntries(node, ctx)?.find((e) => e.key === key);
  return entry ? ctx.constantValue(entry.value) : undefined;
}

const isOff = (v: ConstValue | undefined): boolean => v !== undefined && !Array.isArray(v) && !isDict(v) && !isTruthy(v);

/** How a decode call turns verification off, if it does. */
function verificationOff(call: SyntaxNode, jc: JwtCall, ctx: RuleContext): string | undefined {
  if (jc.operation === 'verify') {
    const verify = ctx.keyword(call, 'verify');
    const value = verify.present ? verify.value : ctx.constantValue(ctx.arguments(call).positional[3]);
    return isOff(value) ? 'verify=False' : undefined;
  }
  if (jc.operation !== 'decode' || jc.library === 'authlib') return undefined;
  if (isOff(optionValue(call, 3, 'verify_signature', ctx))) return 'options verify_signature=False';
  if (jc.library === 'pyjwt') {
    // PyJWT 1.x: decode(jwt, key='', verify=True, ...); a boolean in the third position can only be `verify`.
    const verify = ctx.keyword(call, 'verify');
    if (verify.present && isOff(verify.value)) return 'verify=False';
    if (ctx.constantValue(ctx.arguments(call).positional[2]) === false) return 'verify=False';
  }
  return undefined;
}

/** A decode call that checks the signature: a decoder or `jws.verify` with verification left on. */
function verifies(call: SyntaxNode, ctx: RuleContext): boolean {
  const jc = jwtCall(call, ctx);
  return !!jc && (jc.operation === 'decode' || jc.operation === 'verify') && verificationOff(call, jc, ctx) === undefined;
}

/** Two token expressions name the same variable or attribute path in the same scope. */
function sameToken(a: SyntaxNode | undefined, b: SyntaxNode | undefined, ctx: RuleContext): boolean {
  const x = unwrapParentheses(a);
  const y = unwrapParentheses(b);
  if (!x || !y || x.type !== y.type) return false;
  if (x.type === 'identifier') return x.text === y.text && ctx.scopeNode(x).id === ctx.scopeNode(y).id;
  if (x.type === 'attribute') return x.text === y.text;
  return false;
}

function rootOf(node: SyntaxNode): SyntaxNode {
  let root = node;
  while (root.parent) root = root.parent;
  return root;
}

/**
 * Reading the claims unverified is only a first look when the same function then verifies the same token (find the
 * issuer or key id, fetch its key, decode properly).
 */
function verifiedLater(call: SyntaxNode, token: SyntaxNode | undefined, ctx: RuleContext): boolean {
  const scope = ctx.enclosingFunction(call) ?? rootOf(call);
  return ctx.callsWithin(scope).some((other) => other.id !== call.id && verifies(other, ctx) && sameToken(ctx.argument(other, 0, undefined), token, ctx));
}

/**
 * Parts of a decoded token that carry no authority: the timing claims a client checks on its own token to decide when
 * to refresh it, and the header `decode_complete()` returns (read to find the key id).
 */
const TIMING_CLAIMS = new Set(['exp', 'iat', 'nbf', 'header']);

/** The decoded token is only read for its timing claims or header (`claims["exp"]`, `claims.get("exp")`, `complete["header"]`). */
function onlyTimingClaimsRead(call: SyntaxNode, ctx: RuleContext): boolean {
  const readsTiming = (use: SyntaxNode): boolean => {
    const parent = use.parent;
    if (parent?.type === 'subscript' && parent.childForFieldName('value')?.id === use.id) {
      const key = ctx.stringValue(parent.childForFieldName('subscript'));
      return key !== undefined && TIMING_CLAIMS.has(key);
    }
    if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.text === 'get' && parent.parent?.type === 'call') {
      const key = ctx.stringValue(ctx.argument(parent.parent, 0, undefined));
      return key !== undefined && TIMING_CLAIMS.has(key);
    }
    return false;
  };
  if (readsTiming(call)) return true;
  const parent = call.parent;
  if (parent?.type !== 'assignment' || parent.childForFieldName('right')?.id !== call.id) return false;
  const target = parent.childForFieldName('left');
  if (target?.type !== 'identifier') return false;
  const uses = ctx.references(target);
  return uses.length > 0 && uses.every(readsTiming);
}

const ADVICE = 'decode with the issuer\'s key and an explicit algorithms=[...] list so the signature is checked';

export const jwtSignatureNotVerified = defineRule({
  id: 'jwt-signature-not-verified',
  title: 'JWT decoded without verifying its signature',
  family: 'authentication',
  checklist: ['Authentication and Authorization', 'API Security'],
  level: 'error',
  securitySeverity: 8.1,
  precision: 'high',
  tier: 'default',
  cwe: [347],
  compatible: {},
  docs: {
    whatItDoes:
      'Reports JSON Web Tokens whose claims are read without checking the signature: PyJWT `jwt.decode()` / `decode_complete()` with `options={"verify_signature": False}` (also through a dict held in a variable or passed in `**kwargs`) or the PyJWT 1.x `verify=False`, python-jose `jwt.decode()` with the same option, `jws.verify(..., verify=False)`, and python-jose `get_unverified_claims()`. Reading the claims first to find the issuer or key id is not reported when the same function then decodes the same token with verification on, and neither is a client that only looks at the `exp`/`iat`/`nbf` of its own token to decide when to refresh it, nor code that only reads the header `decode_complete()` returns. `get_unverified_header()` (choosing a key by `kid`) is never reported.',
    whyBad:
      'A JWT is only as trustworthy as its signature: without the check, anyone can write a token with `"sub": "admin"` or any other claims and the application will accept it. Authentication and authorisation decisions based on such claims can be bypassed by every client.',
    example:
      'import jwt\n\ndef current_user(token):\n    claims = jwt.decode(token, options={"verify_signature": False})\n    return claims["sub"]\n',
    useInstead:
      'import jwt\n\ndef current_user(token, public_key):\n    claims = jwt.decode(token, public_key, algorithms=["RS256"], audience="my-api")\n    return claims["sub"]\n',
    references: [
      'https://cwe.mitre.org/data/definitions/347.html',
      'https://pyjwt.readthedocs.io/en/stable/usage.html#reading-the-claimset-without-validation',
      'https://python-jose.readthedocs.io/en/latest/jwt/api.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html',
    ],
  },
  appliesTo: importsJwtLibrary,
  visitors: {
    call(node, ctx) {
      const jc = jwtCall(node, ctx);
      if (jc) {
        const how = verificationOff(node, jc, ctx);
        if (!how) return;
        const token = ctx.argument(node, 0, jc.library === 'jose' && jc.operation === 'decode' ? 'token' : 'jwt');
        if (verifiedLater(node, token, ctx) || onlyTimingClaimsRead(node, ctx)) return;
        ctx.report(node, `${jc.shown} is called with signature verification turned off (${how}), so anyone can forge the token's claims; ${ADVICE}.`);
        return;
      }
      if (unverifiedReader(node, ctx) !== 'claims') return;
      const token = ctx.argument(node, 0, 'token');
      if (verifiedLater(node, token, ctx) || onlyTimingClaimsRead(node, ctx)) return;
      ctx.report(node, `get_unverified_claims() returns the token's claims without checking its signature, so anyone can forge them; ${ADVICE}.`);
    },
  },
});
