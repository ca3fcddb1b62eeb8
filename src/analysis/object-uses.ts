// methodCallsOn(): the method calls made on the object a constructor call creates (`env = Environment(); env.get_template(…)`).
import type { SyntaxNode } from '../parser/python.js';
import { dottedParts } from './value-destination.js';

export interface ObjectUsesEnvironment {
  root: SyntaxNode;
  callsWithin(node: SyntaxNode): SyntaxNode[];
  originCalls(expr: SyntaxNode): SyntaxNode[] | undefined;
  enclosingFunction(node: SyntaxNode): SyntaxNode | undefined;
}

/** The call that `creation` is the receiver of, in `creation.method(...)`. */
function chainedCall(creation: SyntaxNode): SyntaxNode | undefined {
  let cur = creation;
  while (cur.parent?.type === 'parenthesized_expression') cur = cur.parent;
  const attr = cur.parent;
  if (attr?.type !== 'attribute' || attr.childForFieldName('object')?.id !== cur.id) return undefined;
  const call = attr.parent;
  return call?.type === 'call' && call.childForFieldName('function')?.id === attr.id ? call : undefined;
}

function enclosingClass(node: SyntaxNode): SyntaxNode | undefined {
  for (let cur = node.parent; cur; cur = cur.parent) if (cur.type === 'class_definition') return cur;
  return undefined;
}

/** `a.b.c` made only of names and attributes (no calls or subscripts on the way). */
function isNameChain(node: SyntaxNode): boolean {
  let cur: SyntaxNode | null = node;
  while (cur?.type === 'attribute') cur = cur.childForFieldName('object');
  return cur?.type === 'identifier';
}

function sameParts(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((p, i) => p === b[i]);
}

/**
 * Calls `x.method(...)` where x is the object `creation` (a call) builds: chained directly on it, through a local or
 * module name it was assigned to (checked with originCalls, so re-bound names do not count), or through an attribute
 * path it was stored under (`self.env = …` matches `self.env.get_template(…)` anywhere in the same class).
 */
export function methodCallsOn(creation: SyntaxNode, env: ObjectUsesEnvironment): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const chained = chainedCall(creation);
  if (chained) out.push(chained);
  let value = creation;
  while (value.parent?.type === 'parenthesized_expression') value = value.parent;
  const assignment = value.parent;
  if (assignment?.type !== 'assignment' || assignment.childForFieldName('right')?.id !== value.id) return out;
  const target = assignment.childForFieldName('left');
  if (!target) return out;
  if (target.type === 'identifier') {
    const region = env.enclosingFunction(creation) ?? env.root;
    for (const call of env.callsWithin(region)) {
      const fn = call.childForFieldName('function');
      const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
      if (receiver?.type !== 'identifier' || receiver.text !== target.text) continue;
      if (env.originCalls(receiver)?.some((c) => c.id === creation.id)) out.push(call);
    }
  } else if (target.type === 'attribute') {
    if (!isNameChain(target)) return out;
    const path = dottedParts(target);
    const onInstance = path[0] === 'self' || path[0] === 'cls';
    const region = (onInstance ? enclosingClass(creation) : undefined) ?? env.enclosingFunction(creation) ?? env.root;
    for (const call of env.callsWithin(region)) {
      const fn = call.childForFieldName('function');
      const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
      if (receiver?.type !== 'attribute') continue;
      if (isNameChain(receiver) && sameParts(dottedParts(receiver), path)) out.push(call);
    }
  }
  return out;
}
