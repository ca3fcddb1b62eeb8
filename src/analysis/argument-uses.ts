// argumentUses(): the calls that receive a value through the local name it was assigned to (`opts = {...}; f(ssl_options=opts)`).
import type { SyntaxNode } from '../parser/python.js';
import { callArguments } from './call-arguments.js';

export interface ArgumentUse {
  call: SyntaxNode;
  /** The keyword the name is passed as; undefined for positional, `*name` and `**name` arguments. */
  keyword?: string;
}

export interface ArgumentUsesEnvironment {
  root: SyntaxNode;
  enclosingFunction(node: SyntaxNode): SyntaxNode | undefined;
  callsWithin(node: SyntaxNode): SyntaxNode[];
  /** Values the name at this identifier may hold (node ids are compared). */
  boundValues(identifier: SyntaxNode): { node: SyntaxNode }[] | undefined;
}

/**
 * For `name = value`, every call in the same function (or module) that passes `name` as an argument while
 * `name` may still hold this value. Empty when the value is not assigned to a bare name.
 */
export function argumentUses(value: SyntaxNode, env: ArgumentUsesEnvironment): ArgumentUse[] {
  const assignment = value.parent;
  if (assignment?.type !== 'assignment' || assignment.childForFieldName('right')?.id !== value.id) return [];
  const target = assignment.childForFieldName('left');
  if (target?.type !== 'identifier') return [];
  const name = target.text;
  const holds = (arg: SyntaxNode) => arg.type === 'identifier' && arg.text === name && !!env.boundValues(arg)?.some((b) => b.node.id === value.id);
  const out: ArgumentUse[] = [];
  for (const call of env.callsWithin(env.enclosingFunction(value) ?? env.root)) {
    const args = callArguments(call);
    for (const arg of [...args.positional, ...args.listSplats, ...args.dictSplats]) if (holds(arg)) out.push({ call });
    for (const [keyword, arg] of args.keywords) if (holds(arg)) out.push({ call, keyword });
  }
  return out;
}
