// valueUses(): where a value goes inside its function — through local names, string and IP-address conversions —
// up to the expressions that consume it (a comparison, a call argument, a subscript key, a return).
import type { SyntaxNode } from '../parser/python.js';
import { namedChildren } from './syntax.js';

export interface ValueUse {
  /** The expression carrying the value where it is consumed (the value itself or something built from it). */
  node: SyntaxNode;
  /** The node consuming it: node's parent (a comparison, argument list, subscript, return, if…). */
  consumer: SyntaxNode;
}

export interface ValueUsesEnvironment {
  callee(call: SyntaxNode): string | undefined;
  /** Reads of the variable an identifier binds. */
  references(identifier: SyntaxNode): SyntaxNode[];
}

/** Methods whose result is (part of) the same text: the value is still "the same" after them. */
const TEXT_METHODS = new Set([
  'split', 'rsplit', 'strip', 'lstrip', 'rstrip', 'lower', 'upper', 'partition', 'rpartition', 'replace', 'decode', 'encode', 'splitlines', 'casefold',
]);
/** Functions that convert the value without changing what it identifies. */
const CONVERSIONS = new Set(['str', 'ipaddress.ip_address', 'ipaddress.IPv4Address', 'ipaddress.IPv6Address', 'ipaddress.ip_network', 'netaddr.IPAddress', 'IPy.IP']);
/** Node types the value flows through into a larger value (a key built from it, an alternative). */
const BUILDERS = new Set(['parenthesized_expression', 'string', 'interpolation', 'concatenated_string', 'binary_operator', 'boolean_operator', 'conditional_expression', 'await', 'list', 'tuple']);

const MAX_NAMES = 6;
const MAX_USES = 32;

function same(a: SyntaxNode | null | undefined, b: SyntaxNode): boolean {
  return !!a && a.id === b.id;
}

/**
 * The consumers of a value: climbs from expr through text methods (`.split(",")[0].strip()`), conversions
 * (`ipaddress.ip_address(x)`), string building and alternatives (`x or default`) and follows assignments to local
 * names into their reads (a few names deep). Each consumer is reported with the expression that carries the value.
 */
export function valueUses(expr: SyntaxNode, env: ValueUsesEnvironment): ValueUse[] {
  const out: ValueUse[] = [];
  const followed = new Set<number>();
  const climb = (start: SyntaxNode, names: number): void => {
    let cur = start;
    for (let step = 0; step < 24 && out.length < MAX_USES; step++) {
      const p = cur.parent;
      if (!p) return;
      if (BUILDERS.has(p.type)) {
        if (p.type === 'conditional_expression' && same(namedChildren(p)[1], cur)) break; // the condition, not a result
        cur = p;
        continue;
      }
      if (p.type === 'attribute' && same(p.childForFieldName('object'), cur)) {
        const call = p.parent;
        const method = p.childForFieldName('attribute')?.text ?? '';
        if (call?.type === 'call' && same(call.childForFieldName('function'), p) && TEXT_METHODS.has(method)) {
          cur = call;
          continue;
        }
        break;
      }
      if (p.type === 'subscript' && same(p.childForFieldName('value'), cur)) {
        cur = p; // `parts[0]`
        continue;
      }
      if (p.type === 'argument_list') {
        const call = p.parent;
        const name = call?.type === 'call' ? env.callee(call) : undefined;
        if (call && name !== undefined && CONVERSIONS.has(name) && namedChildren(p)[0]?.id === cur.id) {
          cur = call;
          continue;
        }
        break;
      }
      if ((p.type === 'assignment' || p.type === 'named_expression') && same(p.childForFieldName(p.type === 'assignment' ? 'right' : 'value'), cur)) {
        const target = p.childForFieldName(p.type === 'assignment' ? 'left' : 'name');
        if (target?.type === 'identifier' && names < MAX_NAMES && !followed.has(target.id)) {
          followed.add(target.id);
          for (const ref of env.references(target)) climb(ref, names + 1);
          if (p.type === 'assignment') return;
          cur = p; // the walrus value is also used in place
          continue;
        }
        if (p.type === 'assignment') break;
      }
      break;
    }
    const consumer = cur.parent;
    if (consumer) out.push({ node: cur, consumer });
  };
  climb(expr, 0);
  return out;
}
