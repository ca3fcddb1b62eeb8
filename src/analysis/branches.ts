// alternativeBranches(): the code that runs instead of a node's branch — sibling if/elif/else bodies, or the try body of an except handler.
import type { SyntaxNode } from '../parser/python.js';

const BOUNDARIES = new Set(['function_definition', 'lambda', 'class_definition', 'module']);

function branchBody(branch: SyntaxNode): SyntaxNode | null {
  if (branch.type === 'elif_clause') return branch.childForFieldName('consequence');
  if (branch.type === 'else_clause') return branch.childForFieldName('body');
  return branch;
}

/**
 * Blocks that run in place of the branch holding node, innermost first, up to the enclosing function:
 * the other branches of every enclosing if/elif/else chain, and the `try` body when node sits in an `except` handler
 * (the code that was attempted first). Used to recognise feature-detection fallbacks.
 */
export function alternativeBranches(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  let cur: SyntaxNode = node;
  for (let parent = cur.parent; parent && !BOUNDARIES.has(parent.type); cur = parent, parent = parent.parent) {
    if (parent.type === 'if_statement') {
      const consequence = parent.childForFieldName('consequence');
      const branches = [consequence, ...parent.childrenForFieldName('alternative')].filter((b): b is SyntaxNode => b !== null);
      if (!branches.some((b) => b.id === cur.id)) continue; // node is in the condition
      for (const b of branches) {
        if (b.id === cur.id) continue;
        const body = branchBody(b);
        if (body) out.push(body);
      }
    } else if (parent.type === 'try_statement' && (cur.type === 'except_clause' || cur.type === 'except_group_clause')) {
      const body = parent.childForFieldName('body');
      if (body) out.push(body);
    }
  }
  return out;
}
