// equalityOperands(): the two sides of a plain `a == b` / `a != b` comparison.
import type { SyntaxNode } from '../parser/python.js';
import { namedChildren } from './syntax.js';

export interface EqualityComparison {
  operator: '==' | '!=';
  left: SyntaxNode;
  right: SyntaxNode;
}

/** The operands of a two-operand `==`/`!=` comparison; undefined for chains, `is`, `in`, orderings. */
export function equalityOperands(node: SyntaxNode): EqualityComparison | undefined {
  if (node.type !== 'comparison_operator') return undefined;
  const operands = namedChildren(node);
  const operators = node.children.filter((c): c is SyntaxNode => c !== null && !c.isNamed);
  if (operands.length !== 2 || operators.length !== 1) return undefined;
  const op = operators[0]!.type;
  if (op !== '==' && op !== '!=') return undefined;
  return { operator: op, left: operands[0]!, right: operands[1]! };
}
