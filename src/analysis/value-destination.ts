// valueDestination(): where the value of an expression ends up one step away — the names it is stored under or passed as.
import type { SyntaxNode } from '../parser/python.js';

export interface ValueDestination {
  /**
   * Identifiers that describe where the value goes: assignment targets (`etag = …`, `self.cache_key = …`),
   * keyword names (`etag=…`), dict keys and subscript keys (`{"ETag": …}`, `headers["ETag"] = …`), the container
   * a subscript indexes (`cache[…]`), and the dotted name of a call that receives it (`cache.set(…)`).
   */
  names: string[];
  /** The call that receives the value as an argument (after value-preserving wrappers), if any. */
  receivingCall?: SyntaxNode;
  /** The keyword the value is passed as, if any. */
  keyword?: string;
  /** The value is returned (or yielded) from its function. */
  returned: boolean;
  /** The value is compared with something (`digest == expected`). */
  compared: boolean;
}

export interface DestinationEnvironment {
  qualifiedName(node: SyntaxNode): string | undefined;
  stringValue(node: SyntaxNode): string | undefined;
}

const MAX_STEPS = 16;

/** Calls that turn a value into another representation of the same value (the result still "is" the digest). */
const TRANSFORMS = new Set([
  'str', 'bytes', 'int', 'repr', 'format', 'hex',
  'base64.b64encode', 'base64.urlsafe_b64encode', 'base64.b32encode', 'base64.b16encode', 'base64.encodebytes',
  'binascii.hexlify', 'binascii.b2a_hex',
]);

/** String methods whose result embeds their arguments (`"{}".format(x)`, `":".join([a, x])`). */
const EMBEDDING_METHODS = new Set(['format', 'join', 'encode', 'decode']);

/** Node types through which the value flows unchanged or embedded into a larger value. */
const WRAPPERS = new Set([
  'parenthesized_expression', 'interpolation', 'string', 'concatenated_string', 'binary_operator', 'list', 'tuple',
  'set', 'expression_list', 'boolean_operator', 'await', 'conditional_expression', 'dictionary',
]);

/** The identifiers of a dotted expression: `self.cache.set` → self, cache, set; calls and subscripts are looked through. */
export function dottedParts(node: SyntaxNode | null | undefined): string[] {
  if (!node) return [];
  switch (node.type) {
    case 'identifier':
      return [node.text];
    case 'attribute': {
      const attr = node.childForFieldName('attribute');
      return [...dottedParts(node.childForFieldName('object')), ...(attr ? [attr.text] : [])];
    }
    case 'call':
      return dottedParts(node.childForFieldName('function'));
    case 'subscript':
      return dottedParts(node.childForFieldName('value'));
    default:
      return [];
  }
}

function same(a: SyntaxNode | null | undefined, b: SyntaxNode): boolean {
  return !!a && a.id === b.id;
}

export function valueDestination(node: SyntaxNode, env: DestinationEnvironment): ValueDestination {
  const out: ValueDestination = { names: [], returned: false, compared: false };
  const targetNames = (target: SyntaxNode): void => {
    if (target.type === 'subscript') {
      const key = target.childForFieldName('subscript');
      const keyName = key ? env.stringValue(key) : undefined;
      if (keyName !== undefined) out.names.push(keyName);
      out.names.push(...dottedParts(target.childForFieldName('value')));
    } else if (target.type === 'attribute') {
      const attr = target.childForFieldName('attribute');
      if (attr) out.names.push(attr.text);
    } else if (target.type === 'identifier') {
      out.names.push(target.text);
    } else {
      for (const el of target.namedChildren) if (el) targetNames(el);
    }
  };
  let cur = node;
  for (let step = 0; step < MAX_STEPS; step++) {
    const p = cur.parent;
    if (!p) break;
    if (WRAPPERS.has(p.type)) {
      if (p.type === 'conditional_expression' && same(p.namedChildren[1], cur)) break; // the condition, not a result
      cur = p;
      continue;
    }
    if (p.type === 'attribute') {
      if (!same(p.childForFieldName('object'), cur)) break;
      cur = p; // `.hexdigest`, `.digest`
      continue;
    }
    if (p.type === 'call') {
      if (!same(p.childForFieldName('function'), cur)) break;
      cur = p; // `md5(x).hexdigest()`
      continue;
    }
    if (p.type === 'subscript') {
      if (same(p.childForFieldName('value'), cur)) {
        cur = p; // `digest[:8]`
        continue;
      }
      out.names.push(...dottedParts(p.childForFieldName('value'))); // `cache[digest]`
      break;
    }
    if (p.type === 'pair') {
      if (same(p.childForFieldName('value'), cur)) {
        const key = p.childForFieldName('key');
        const keyName = key ? env.stringValue(key) : undefined;
        if (keyName !== undefined) out.names.push(keyName);
      }
      cur = p;
      continue;
    }
    if (p.type === 'argument_list' || p.type === 'keyword_argument') {
      const list = p.type === 'keyword_argument' ? p.parent : p;
      const call = list?.parent;
      if (!call || call.type !== 'call') break;
      const fn = call.childForFieldName('function');
      const name = fn ? env.qualifiedName(fn) : undefined;
      const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
      if (p.type === 'argument_list' && ((name !== undefined && TRANSFORMS.has(name)) || (method !== undefined && EMBEDDING_METHODS.has(method)))) {
        cur = call;
        continue;
      }
      if (p.type === 'keyword_argument') {
        const kw = p.childForFieldName('name')?.text;
        if (kw !== undefined) {
          out.keyword = kw;
          out.names.push(kw);
        }
      }
      out.receivingCall = call;
      out.names.push(...dottedParts(fn));
      break;
    }
    if (p.type === 'assignment' || p.type === 'augmented_assignment') {
      if (same(p.childForFieldName('right'), cur)) {
        const left = p.childForFieldName('left');
        if (left) targetNames(left);
      }
      break;
    }
    if (p.type === 'return_statement' || p.type === 'yield') {
      out.returned = true;
      break;
    }
    if (p.type === 'comparison_operator') {
      out.compared = true;
      break;
    }
    break;
  }
  return out;
}
