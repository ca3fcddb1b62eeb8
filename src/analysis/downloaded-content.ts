// downloadSource(): the HTTP request whose response body an expression holds — `requests.get(u).text`,
// `urlopen(u).read()`, a name bound to either, a `with urlopen(u) as r` alias, chunks of `r.iter_content()`, and the
// same decoded, decompressed or concatenated — so rules can tell downloaded bytes from the program's own data.
import type { SyntaxNode } from '../parser/python.js';
import type { BoundValue } from './bound-values.js';
import { namedChildren, unwrapParentheses } from './syntax.js';

export interface DownloadEnvironment {
  callee(call: SyntaxNode): string | undefined;
  boundValues(identifier: SyntaxNode): BoundValue[] | undefined;
  originCalls(expr: SyntaxNode): SyntaxNode[] | undefined;
}

const VERBS = ['get', 'post', 'put', 'patch', 'request', 'head', 'options', 'delete', 'stream'];
/** Calls that fetch a URL and return a response (or, for urlopen, a file-like response). */
const FETCH_CALLS = new Set([
  ...['requests', 'httpx'].flatMap((m) => VERBS.map((v) => `${m}.${v}`)),
  ...VERBS.flatMap((v) => [`requests.Session().${v}`, `requests.session().${v}`, `httpx.Client().${v}`]),
  'requests.api.get',
  'requests.api.request',
  'urllib.request.urlopen',
  'urllib.request.OpenerDirector.open',
  'urllib.request.build_opener().open',
  'urllib.urlopen',
  'urllib2.urlopen',
  'six.moves.urllib.request.urlopen',
  'urllib3.request',
  'urllib3.PoolManager().request',
  'urllib3.PoolManager().urlopen',
]);
/** The top-level packages of FETCH_CALLS: in a file that imports none of them, nothing is a download. */
export const FETCH_PACKAGES: readonly string[] = [...new Set([...FETCH_CALLS].map((name) => name.split('.')[0]!))];
/** Attributes of a response that hold its body (or a file-like view of it). */
const BODY_ATTRIBUTES = new Set(['text', 'content', 'data', 'raw']);
/** Methods of a response (or of its `.raw`) that return the body. */
const BODY_METHODS = new Set(['read', 'readall', 'iter_content', 'iter_lines', 'iter_bytes', 'iter_text', 'iter_raw', 'getvalue']);
/** Methods of the body text that keep it the same code. */
const TEXT_METHODS = new Set(['decode', 'encode', 'strip', 'lstrip', 'rstrip', 'replace', 'splitlines', 'lower', 'upper']);
/** Functions that unwrap an encoded or compressed body. */
const UNWRAPPERS = new Set([
  'base64.b64decode', 'base64.urlsafe_b64decode', 'base64.b32decode', 'base64.b16decode', 'base64.b85decode', 'base64.decodebytes',
  'zlib.decompress', 'gzip.decompress', 'bz2.decompress', 'lzma.decompress', 'codecs.decode', 'binascii.unhexlify', 'bytes.fromhex',
  'str', 'bytes', 'bytearray',
]);
const MAX_DEPTH = 12;

export function isFetchCall(call: SyntaxNode, env: DownloadEnvironment): boolean {
  const name = env.callee(call);
  return name !== undefined && FETCH_CALLS.has(name);
}

/** The fetch call an object (a response) was created by: the call itself, or the origin of the name holding it. */
function responseOrigin(object: SyntaxNode | null | undefined, env: DownloadEnvironment): SyntaxNode | undefined {
  const o = unwrapParentheses(object);
  if (!o) return undefined;
  if (o.type === 'call' && isFetchCall(o, env)) return o;
  if (o.type === 'attribute' && o.childForFieldName('attribute')?.text === 'raw') return responseOrigin(o.childForFieldName('object'), env);
  if (o.type === 'identifier') return env.originCalls(o)?.find((c) => isFetchCall(c, env));
  return undefined;
}

/** The loop that binds `name` for a use inside its body: `for chunk in r.iter_content(): f.write(chunk)`. */
function enclosingLoopOver(identifier: SyntaxNode): SyntaxNode | undefined {
  for (let p = identifier.parent; p; p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'class_definition') return undefined;
    if (p.type === 'for_statement' && p.childForFieldName('left')?.type === 'identifier' && p.childForFieldName('left')?.text === identifier.text) {
      return p.childForFieldName('right') ?? undefined;
    }
  }
  return undefined;
}

/** The fetch call whose response body (or a decoding of it) the expression holds; undefined when it is not a download. */
export function downloadSource(expr: SyntaxNode | null | undefined, env: DownloadEnvironment, depth = 0): SyntaxNode | undefined {
  const node = unwrapParentheses(expr);
  if (!node || depth > MAX_DEPTH) return undefined;
  switch (node.type) {
    case 'await':
      return downloadSource(namedChildren(node)[0], env, depth + 1);
    case 'identifier': {
      const bound = env.boundValues(node);
      if (bound) {
        for (const b of bound) {
          // `with urlopen(u) as r`: r is the response object, not its body.
          const found = b.kind === 'with' ? undefined : downloadSource(b.node, env, depth + 1);
          if (found) return found;
        }
        return undefined;
      }
      const loop = enclosingLoopOver(node);
      return loop ? downloadSource(loop, env, depth + 1) : undefined;
    }
    case 'attribute': {
      const attr = node.childForFieldName('attribute')?.text;
      return attr && BODY_ATTRIBUTES.has(attr) ? responseOrigin(node.childForFieldName('object'), env) : undefined;
    }
    case 'call': {
      const fn = node.childForFieldName('function');
      const name = env.callee(node);
      if (name && UNWRAPPERS.has(name)) {
        const first = namedChildren(node.childForFieldName('arguments')).find((a) => a.type !== 'keyword_argument' && a.type !== 'comment');
        return downloadSource(first, env, depth + 1);
      }
      if (fn?.type !== 'attribute') return undefined;
      const method = fn.childForFieldName('attribute')?.text ?? '';
      const object = fn.childForFieldName('object');
      if (BODY_METHODS.has(method)) return responseOrigin(object, env);
      if (TEXT_METHODS.has(method)) return downloadSource(object, env, depth + 1);
      if (method === 'join') {
        const first = namedChildren(node.childForFieldName('arguments'))[0];
        return downloadSource(first, env, depth + 1);
      }
      return undefined;
    }
    case 'binary_operator':
      return downloadSource(node.childForFieldName('left'), env, depth + 1) ?? downloadSource(node.childForFieldName('right'), env, depth + 1);
    case 'subscript':
      // A slice of the body is still the body: `resp.content[4:]`.
      return downloadSource(node.childForFieldName('value'), env, depth + 1);
    default:
      return undefined;
  }
}

/** The response object itself (not its body): `urlopen(u)`, `r` after `r = requests.get(u, stream=True)`, `r.raw`. */
export function downloadResponse(expr: SyntaxNode | null | undefined, env: DownloadEnvironment): SyntaxNode | undefined {
  return responseOrigin(expr, env);
}
