// enclosingFunction(): the `def` whose body holds a node, looking through lambdas and comprehensions.
import type { SyntaxNode } from '../parser/python.js';
import type { Scope, ScopeTable } from './scopes.js';

/** The innermost function definition whose body holds node; undefined at module or class level. */
export function enclosingFunction(node: SyntaxNode, scopes: ScopeTable): SyntaxNode | undefined {
  let scope: Scope | undefined = scopes.scopeOf(node);
  while (scope && (scope.kind === 'lambda' || scope.kind === 'comprehension')) scope = scope.parent;
  return scope?.kind === 'function' ? scope.node : undefined;
}
