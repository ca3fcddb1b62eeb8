// reachingBindings(): the bindings of a name that may supply its value at one use, in source order — a light,
// flow-aware filter over the scope's bindings (a later `q = ...` that always runs before the use hides earlier ones).
import type { SyntaxNode } from '../parser/python.js';
import type { Binding, ScopeTable } from './scopes.js';
import { isWithin as within } from './syntax.js';

/** The assignment or walrus node that creates a binding, when the binding has one. */
function bindingExpression(b: Binding): SyntaxNode | undefined {
  if (b.kind !== 'assign' && b.kind !== 'augmented' && b.kind !== 'walrus') return undefined;
  for (let cur = b.node.parent; cur; cur = cur.parent) {
    if (cur.type === 'assignment' || cur.type === 'augmented_assignment' || cur.type === 'named_expression') {
      // `a = b = value`: the outermost assignment is the statement.
      let top = cur;
      while (top.parent?.type === 'assignment') top = top.parent;
      return top;
    }
    if (cur.type === 'expression_statement' || cur.type === 'block' || cur.type === 'module') return undefined;
  }
  return undefined;
}

/**
 * Bindings that may reach `identifier`. Within the use's own scope: those written before the use (an assignment
 * does not reach uses inside its own right-hand side), starting from the last plain assignment whose statement
 * sits in a block enclosing the use — that one always runs first and hides everything before it. Names bound in
 * an enclosing scope, or only after the use (loops), keep all their bindings. Undefined when the name is unbound.
 */
export function reachingBindings(scopes: ScopeTable, identifier: SyntaxNode): Binding[] | undefined {
  const found = scopes.lookup(identifier.text, identifier);
  if (!found) return undefined;
  const all = found.bindings.filter((b) => b.kind !== 'delete').sort((a, b) => a.node.startIndex - b.node.startIndex);
  if (found.scope !== scopes.scopeOf(identifier)) return all;
  const before = all.filter((b) => {
    if (b.node.startIndex >= identifier.startIndex) return false;
    return !within(identifier, bindingExpression(b));
  });
  if (before.length === 0) return all;
  for (let i = before.length - 1; i >= 0; i--) {
    const b = before[i]!;
    if (b.kind !== 'assign') continue;
    const expr = bindingExpression(b);
    const statement = expr?.parent;
    if (expr?.type === 'assignment' && statement?.type === 'expression_statement' && within(identifier, statement.parent)) return before.slice(i);
  }
  return before;
}
