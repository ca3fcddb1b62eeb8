// The JWT libraries' encode and decode calls (PyJWT, python-jose, Authlib) and where their arguments sit.
import type { RuleContext } from '../engine/context.js';
import { importsAnyPackage } from '../engine/rule.js';
import type { SyntaxNode } from '../parser/python.js';

export type JwtLibrary = 'pyjwt' | 'jose' | 'authlib';

/** The appliesTo gate of the JWT rules: without one of these packages no call is a jwtCall() or an unverifiedReader(). */
export const importsJwtLibrary = importsAnyPackage(['jwt', 'jose', 'authlib']);

export interface JwtCall {
  library: JwtLibrary;
  operation: 'encode' | 'decode' | 'verify';
  /** As shown in messages: `jwt.decode()`. */
  shown: string;
  /** Positions and keywords of the arguments that matter. */
  payload?: { position: number; keyword: string };
  key?: { position: number; keyword: string };
  algorithm?: { position: number; keyword: string };
  headers?: { position: number | undefined; keyword: string };
  /** Decoders: the `algorithms` allow-list; the PyJWT 2 position (PyJWT 1 had `verify` there). */
  algorithms?: { position: number | undefined; keyword: string };
}

const PYJWT_PREFIX = /^jwt(\.api_jwt|\.api_jws)?(\.PyJWT\(\)|\.PyJWS\(\))?\.(encode|decode|decode_complete)$/;

/** What a call does with JWTs, when it is one of the libraries' encode/decode entry points. */
export function jwtCall(call: SyntaxNode, ctx: RuleContext): JwtCall | undefined {
  const callee = ctx.callee(call);
  if (callee === undefined) return undefined;
  const pyjwt = PYJWT_PREFIX.exec(callee);
  if (pyjwt) {
    const op = pyjwt[3]!;
    if (op === 'encode') {
      return {
        library: 'pyjwt',
        operation: 'encode',
        shown: 'jwt.encode()',
        payload: { position: 0, keyword: 'payload' },
        key: { position: 1, keyword: 'key' },
        algorithm: { position: 2, keyword: 'algorithm' },
        headers: { position: 3, keyword: 'headers' },
      };
    }
    return { library: 'pyjwt', operation: 'decode', shown: `jwt.${op}()`, key: { position: 1, keyword: 'key' }, algorithms: { position: 2, keyword: 'algorithms' } };
  }
  switch (callee) {
    case 'jose.jwt.encode':
      return {
        library: 'jose',
        operation: 'encode',
        shown: 'jose.jwt.encode()',
        payload: { position: 0, keyword: 'claims' },
        key: { position: 1, keyword: 'key' },
        algorithm: { position: 2, keyword: 'algorithm' },
        headers: { position: 3, keyword: 'headers' },
      };
    case 'jose.jws.sign':
      return {
        library: 'jose',
        operation: 'encode',
        shown: 'jose.jws.sign()',
        key: { position: 1, keyword: 'key' },
        headers: { position: 2, keyword: 'headers' },
        algorithm: { position: 3, keyword: 'algorithm' },
      };
    case 'jose.jwt.decode':
      return { library: 'jose', operation: 'decode', shown: 'jose.jwt.decode()', key: { position: 1, keyword: 'key' }, algorithms: { position: 2, keyword: 'algorithms' } };
    case 'jose.jws.verify':
      return { library: 'jose', operation: 'verify', shown: 'jose.jws.verify()', key: { position: 1, keyword: 'key' }, algorithms: { position: 2, keyword: 'algorithms' } };
    case 'authlib.jose.jwt.encode':
    case 'authlib.jose.JsonWebToken().encode':
      return {
        library: 'authlib',
        operation: 'encode',
        shown: 'authlib jwt.encode()',
        headers: { position: 0, keyword: 'header' },
        payload: { position: 1, keyword: 'payload' },
        key: { position: 2, keyword: 'key' },
      };
    case 'authlib.jose.jwt.decode':
    case 'authlib.jose.JsonWebToken().decode':
      return { library: 'authlib', operation: 'decode', shown: 'authlib jwt.decode()', key: { position: 1, keyword: 'key' } };
    default:
      return undefined;
  }
}

/** Calls that read a token without checking it: python-jose's `get_unverified_claims`, and the header readers. */
export function unverifiedReader(call: SyntaxNode, ctx: RuleContext): 'claims' | 'header' | undefined {
  const callee = ctx.callee(call);
  if (callee === undefined) return undefined;
  if (/^jose\.(jwt|jws)\.get_unverified_claims$/.test(callee)) return 'claims';
  if (/^(jose\.(jwt|jws)\.get_unverified_(header|headers)|jwt(\.api_jwt|\.api_jws)?(\.PyJWT\(\)|\.PyJWS\(\))?\.get_unverified_header)$/.test(callee)) return 'header';
  return undefined;
}

/** The argument of a spec, positional or keyword; undefined when absent. */
export function jwtArgument(call: SyntaxNode, spec: { position: number | undefined; keyword: string } | undefined, ctx: RuleContext): SyntaxNode | undefined {
  if (!spec) return undefined;
  return ctx.argument(call, spec.position, spec.keyword);
}
