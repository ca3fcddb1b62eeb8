// What a name was bound to (assignments and `with … as name`), and the calls that created the object an expression stands for.
import type { SyntaxNode } from '../parser/python.js';
import type { ScopeTable } from './scopes.js';

export interface BoundValue {
  kind: 'assign' | 'walrus' | 'with';
  /** The right-hand side, or for `with expr as name` the context-manager expression `expr`. */
  node: SyntaxNode;
}

const MAX_DEPTH = 8;

/** `with expr as name`: expr, when name is the whole alias (not a tuple element). */
function withContextExpression(target: SyntaxNode): SyntaxNode | undefined {
  const alias = target.parent;
  if (alias?.type !== 'as_pattern_target') return undefined;
  const pattern = alias.parent;
  if (pattern?.type !== 'as_pattern' || pattern.parent?.type !== 'with_item') return undefined;
  return pattern.namedChildren.find((c): c is SyntaxNode => c !== null && c.type !== 'comment' && c.id !== alias.id);
}

/**
 * Every value the name at `identifier` may hold, one per binding that reaches it (deletions ignored).
 * Undefined when the name is unbound here or any binding has no single known value (parameter, loop target, import, unpacking…).
 * A `with` value is the context manager itself: right for file-like objects, whose `__enter__` returns self.
 */
export function boundValues(scopes: ScopeTable, identifier: SyntaxNode): BoundValue[] | undefined {
  const found = scopes.lookup(identifier.text, identifier);
  if (!found) return undefined;
  const out: BoundValue[] = [];
  for (const b of found.bindings) {
    if (b.kind === 'delete') continue;
    if ((b.kind === 'assign' || b.kind === 'walrus') && b.value) {
      out.push({ kind: b.kind, node: b.value });
    } else if (b.kind === 'with') {
      const cm = withContextExpression(b.node);
      if (!cm) return undefined;
      out.push({ kind: 'with', node: cm });
    } else {
      return undefined;
    }
  }
  return out.length > 0 ? out : undefined;
}

/** Resolves the callee of a call, for the closing() pass-through. */
export type CalleeOf = (call: SyntaxNode) => string | undefined;

/**
 * The calls that created the object an expression stands for: the expression itself when it is a call, otherwise every
 * value its name was bound to (assignment or `with … as name`), looking through `contextlib.closing(x)` and parentheses.
 * `name = None` placeholders are skipped (an object that is used is never None). Undefined when any origin is not a
 * call or cannot be known.
 */
export function originCalls(scopes: ScopeTable, calleeOf: CalleeOf, expr: SyntaxNode, depth = 0): SyntaxNode[] | undefined {
  if (depth > MAX_DEPTH) return undefined;
  switch (expr.type) {
    case 'parenthesized_expression': {
      const inner = expr.namedChildren.find((c) => c?.type !== 'comment');
      return inner ? originCalls(scopes, calleeOf, inner, depth + 1) : undefined;
    }
    case 'call': {
      if (calleeOf(expr) === 'contextlib.closing') {
        const arg = expr.childForFieldName('arguments')?.namedChildren.find((c) => c && c.type !== 'comment');
        return arg && arg.type !== 'keyword_argument' ? originCalls(scopes, calleeOf, arg, depth + 1) : undefined;
      }
      return [expr];
    }
    case 'identifier': {
      const values = boundValues(scopes, expr);
      if (!values) return undefined;
      const out: SyntaxNode[] = [];
      for (const v of values) {
        if (v.node.type === 'none') continue; // `x = None` placeholders: nothing is ever called on None
        const calls = originCalls(scopes, calleeOf, v.node, depth + 1);
        if (!calls) return undefined;
        out.push(...calls);
      }
      return out.length > 0 ? out : undefined;
    }
    default:
      return undefined;
  }
}
