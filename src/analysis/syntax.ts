// Small shape helpers over tree-sitter nodes that several analyses and rules share.
import type { SyntaxNode } from '../parser/python.js';

/** Named children without comments. */
export function namedChildren(node: SyntaxNode | null | undefined): SyntaxNode[] {
  return node ? node.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment') : [];
}

/** The expression inside any number of parentheses: `((x))` → `x`. */
export function unwrapParentheses(node: SyntaxNode): SyntaxNode;
export function unwrapParentheses(node: SyntaxNode | null | undefined): SyntaxNode | undefined;
export function unwrapParentheses(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  let cur = node ?? undefined;
  while (cur && cur.type === 'parenthesized_expression') {
    const inner = namedChildren(cur)[0];
    if (!inner) break;
    cur = inner;
  }
  return cur;
}

/** node lies within container (inclusive). */
export function isWithin(node: SyntaxNode, container: SyntaxNode | null | undefined): boolean {
  return !!container && node.startIndex >= container.startIndex && node.endIndex <= container.endIndex;
}
