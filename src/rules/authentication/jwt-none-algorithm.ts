// jwt-none-algorithm: JWTs signed with, or accepted under, the unsigned `none` algorithm, or an algorithm the token picks.
import { isDict, type ConstValue } from '../../analysis/constants.js';
import { namedChildren, unwrapParentheses } from '../../analysis/syntax.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';
import { dictEntries } from '../config-settings.js';
import { importsJwtLibrary, jwtArgument, jwtCall, unverifiedReader } from '../jwt-apis.js';

const isNone = (v: ConstValue | undefined): boolean => typeof v === 'string' && v.trim().toLowerCase() === 'none';

/** The strings an algorithm list (or single name) may contain: list literals element-wise, constants, names bound to either. */
function algorithmNames(node: SyntaxNode | undefined, ctx: RuleContext, depth = 0): ConstValue[] {
  const n = unwrapParentheses(node);
  if (!n || depth > 6) return [];
  const constant = ctx.constantValue(n);
  if (Array.isArray(constant)) return constant;
  if (constant !== undefined) return [constant];
  if (n.type === 'list' || n.type === 'tuple' || n.type === 'set') return namedChildren(n).flatMap((el) => ctx.possibleValues(el) ?? []);
  if (n.type === 'identifier') return (ctx.boundValues(n) ?? []).flatMap((b) => algorithmNames(b.node, ctx, depth + 1));
  return (ctx.possibleValues(n) ?? []).flatMap((v) => (Array.isArray(v) ? v : [v]));
}

/** The `alg` of a headers dict: `{"alg": "none"}`, a constant dict, a name bound to a literal. */
function headerAlgorithm(node: SyntaxNode | undefined, ctx: RuleContext): ConstValue | undefined {
  if (!node) return undefined;
  const folded = ctx.constantValue(node);
  if (isDict(folded)) return folded.get('alg');
  const entry = dictEntries(node, ctx)?.find((e) => e.key === 'alg');
  return entry ? ctx.constantValue(entry.value) : undefined;
}

/** The algorithm list is read from the token itself: `algorithms=[jwt.get_unverified_header(token)["alg"]]`. */
function fromTokenHeader(node: SyntaxNode | undefined, ctx: RuleContext): boolean {
  if (!node) return false;
  return ctx.valueSources(node, (call) => unverifiedReader(call, ctx) !== undefined).length > 0;
}

/** PyJWT's own table of every algorithm it knows, `none` included. */
function allDefaultAlgorithms(node: SyntaxNode | undefined, ctx: RuleContext): boolean {
  if (!node) return false;
  return ctx.valueSources(node, (call) => /^jwt\.(algorithms\.)?get_default_algorithms$/.test(ctx.callee(call) ?? '')).length > 0;
}

const ENCODE_ADVICE = 'sign with a real algorithm such as HS256 with a strong secret or RS256/ES256 with a private key';
const DECODE_ADVICE = 'list only the algorithms your issuer signs with, e.g. algorithms=["RS256"]';

export const jwtNoneAlgorithm = defineRule({
  id: 'jwt-none-algorithm',
  title: 'JWT signed with or accepted under the "none" algorithm',
  family: 'authentication',
  checklist: ['Authentication and Authorization', 'Cryptography'],
  level: 'error',
  securitySeverity: 8.1,
  precision: 'high',
  tier: 'default',
  cwe: [327, 347],
  compatible: {},
  docs: {
    whatItDoes:
      'Reports JWTs created unsigned — PyJWT or python-jose `encode(..., algorithm="none")` in any letter case, PyJWT `algorithm=None` (which PyJWT turns into `none`), a `headers`/Authlib header dict with `"alg": "none"` — and decoders that accept unsigned tokens: `"none"` in `algorithms=[...]`, Authlib `JsonWebToken(["none", ...])`, an algorithm list taken from the token\'s own header (`get_unverified_header(token)["alg"]`), or PyJWT\'s full `get_default_algorithms()` table. Values are followed through constants and variables.',
    whyBad:
      'A token with `alg: none` carries no signature at all. If a service issues such tokens anyone can mint them, and if a decoder accepts `none` (or whatever algorithm the token names) an attacker can strip the signature from a real token, change its claims and still be accepted.',
    example: 'import jwt\n\ndef read_token(token, key):\n    return jwt.decode(token, key, algorithms=["HS256", "none"])\n',
    useInstead: 'import jwt\n\ndef read_token(token, key):\n    return jwt.decode(token, key, algorithms=["HS256"])\n',
    references: [
      'https://cwe.mitre.org/data/definitions/347.html',
      'https://cwe.mitre.org/data/definitions/327.html',
      'https://www.rfc-editor.org/rfc/rfc8725#section-3.1',
      'https://pyjwt.readthedocs.io/en/stable/api.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html',
    ],
  },
  appliesTo: importsJwtLibrary,
  visitors: {
    call(node, ctx) {
      const callee = ctx.callee(node);
      if (callee === 'authlib.jose.JsonWebToken') {
        if (algorithmNames(ctx.argument(node, 0, 'algorithms'), ctx).some(isNone)) {
          ctx.report(node, `JsonWebToken() is created with the "none" algorithm allowed, so it accepts unsigned tokens; ${DECODE_ADVICE}.`);
        }
        return;
      }
      const jc = jwtCall(node, ctx);
      if (!jc) return;
      if (jc.operation === 'encode') {
        const algorithm = ctx.keyword(node, jc.algorithm?.keyword ?? 'algorithm');
        const algNode = algorithm.present ? undefined : jwtArgument(node, jc.algorithm, ctx);
        const values = algorithm.present ? (algorithm.node ? algorithmNames(algorithm.node, ctx) : [algorithm.value]) : algNode ? algorithmNames(algNode, ctx) : [];
        const explicitNone = jc.library === 'pyjwt' && (algorithm.present || algNode !== undefined) && values.length > 0 && values.every((v) => v === null);
        const headerAlg = headerAlgorithm(jwtArgument(node, jc.headers, ctx), ctx);
        if (values.some(isNone) || isNone(headerAlg) || explicitNone) {
          const how = explicitNone ? 'algorithm=None, which PyJWT writes as "none"' : isNone(headerAlg) ? 'header "alg": "none"' : 'algorithm "none"';
          ctx.report(node, `${jc.shown} creates an unsigned token (${how}), which anyone can forge; ${ENCODE_ADVICE}.`);
        }
        return;
      }
      const algorithms = jwtArgument(node, jc.algorithms, ctx);
      if (!algorithms) return;
      // PyJWT 1.x took `verify` in the third position: only a list or a string there is an algorithm list.
      if (algorithmNames(algorithms, ctx).some(isNone)) {
        ctx.report(node, `${jc.shown} accepts the "none" algorithm, so a token with its signature stripped passes; ${DECODE_ADVICE}.`);
      } else if (fromTokenHeader(algorithms, ctx)) {
        ctx.report(node, `${jc.shown} takes its allowed algorithms from the token's own header, so the attacker chooses how (or whether) it is checked; ${DECODE_ADVICE}.`);
      } else if (allDefaultAlgorithms(algorithms, ctx)) {
        ctx.report(node, `${jc.shown} allows every algorithm PyJWT knows, "none" included; ${DECODE_ADVICE}.`);
      }
    },
  },
});
