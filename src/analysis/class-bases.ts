// baseClassNames(): the qualified names a class defined in this file inherits from, followed through local subclasses.
import type { SyntaxNode } from '../parser/python.js';
import type { ScopeTable } from './scopes.js';

const MAX_CLASSES = 32;

/**
 * For an expression naming a class defined in this file (`class MyLoader(yaml.SafeLoader)`), the qualified
 * names of its external ancestors, nearest first: base classes that are themselves local are followed.
 * Undefined when the expression is not a name bound once to a class statement.
 */
export function baseClassNames(
  node: SyntaxNode,
  scopes: ScopeTable,
  candidates: (n: SyntaxNode) => readonly string[] | undefined,
): string[] | undefined {
  const first = localClass(node, scopes);
  if (!first) return undefined;
  const out: string[] = [];
  const seen = new Set<number>();
  const queue: SyntaxNode[] = [first];
  while (queue.length > 0 && seen.size < MAX_CLASSES) {
    const cls = queue.shift()!;
    if (seen.has(cls.id)) continue;
    seen.add(cls.id);
    const bases = cls.childForFieldName('superclasses');
    for (const base of bases?.namedChildren ?? []) {
      if (!base || base.type === 'comment' || base.type === 'keyword_argument') continue;
      const local = localClass(base, scopes);
      if (local) {
        queue.push(local);
        continue;
      }
      for (const name of candidates(base) ?? []) if (!out.includes(name)) out.push(name);
    }
  }
  return out;
}

function localClass(node: SyntaxNode, scopes: ScopeTable): SyntaxNode | undefined {
  if (node.type !== 'identifier') return undefined;
  const found = scopes.lookup(node.text, node);
  const bindings = found?.bindings.filter((b) => b.kind !== 'delete') ?? [];
  if (bindings.length !== 1 || bindings[0]!.kind !== 'class') return undefined;
  return bindings[0]!.node;
}
