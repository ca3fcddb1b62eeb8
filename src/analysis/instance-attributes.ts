// instanceAttributeValues(): what `self.<attr>` may hold, from the assignments to it in every method of its class.
import type { SyntaxNode } from '../parser/python.js';
import type { ScopeTable } from './scopes.js';
import { namedChildren } from './syntax.js';

/** The class whose method binds `receiver` as its first parameter (`self`, `cls`); undefined otherwise. */
function ownerClass(receiver: SyntaxNode, scopes: ScopeTable): SyntaxNode | undefined {
  if (receiver.type !== 'identifier') return undefined;
  const found = scopes.lookup(receiver.text, receiver);
  if (!found || found.scope.kind !== 'function' || found.bindings.length !== 1) return undefined;
  const binding = found.bindings[0]!;
  if (binding.kind !== 'parameter') return undefined;
  const fn = found.scope.node;
  const first = namedChildren(fn.childForFieldName('parameters'))[0];
  const firstName = first?.type === 'identifier' ? first : first?.type === 'typed_parameter' ? namedChildren(first)[0] : undefined;
  if (!firstName || firstName.id !== binding.node.id) return undefined;
  // def inside the class body, possibly wrapped in decorators; a @staticmethod has no self.
  let holder = fn.parent;
  if (holder?.type === 'decorated_definition') {
    const decorators = namedChildren(holder).filter((c) => c.type === 'decorator');
    if (decorators.some((d) => namedChildren(d)[0]?.text === 'staticmethod')) return undefined;
    holder = holder.parent;
  }
  const cls = holder?.type === 'block' ? holder.parent : undefined;
  return cls?.type === 'class_definition' ? cls : undefined;
}

/**
 * For `self.attr` inside a method, every value assigned to `self.attr` in any method of the same class, plus a
 * class-body `attr = value`. Undefined when the expression is not such an attribute or nothing is assigned to it.
 */
export function instanceAttributeValues(node: SyntaxNode, scopes: ScopeTable): SyntaxNode[] | undefined {
  if (node.type !== 'attribute') return undefined;
  const object = node.childForFieldName('object');
  const attr = node.childForFieldName('attribute')?.text;
  if (!object || !attr) return undefined;
  const cls = ownerClass(object, scopes);
  if (!cls) return undefined;
  const out: SyntaxNode[] = [];
  for (const a of scopes.attributeAssignments) {
    if (!a.value || a.target.childForFieldName('attribute')?.text !== attr) continue;
    const targetObject = a.target.childForFieldName('object');
    if (targetObject && ownerClass(targetObject, scopes)?.id === cls.id) out.push(a.value);
  }
  const body = cls.childForFieldName('body');
  const firstStatement = namedChildren(body)[0];
  const classScope = firstStatement ? scopes.scopeOf(firstStatement) : undefined;
  if (classScope?.node.id === cls.id) {
    for (const b of classScope.bindings.get(attr) ?? []) if ((b.kind === 'assign' || b.kind === 'walrus') && b.value) out.push(b.value);
  }
  return out.length > 0 ? out : undefined;
}
