// isUnderMainGuard(): whether code runs only when the file is executed as a script (`if __name__ == "__main__":`).
import type { SyntaxNode } from '../parser/python.js';

/** Which branch of an `if` the guarded code is in: `==` guards the body, `!=` guards the else branch. */
function guardSense(condition: SyntaxNode | null, stringValue: (n: SyntaxNode) => string | undefined): 'body' | 'else' | undefined {
  let cond = condition;
  while (cond?.type === 'parenthesized_expression') cond = cond.namedChildren.find((c) => c?.type !== 'comment') ?? null;
  if (!cond || cond.type !== 'comparison_operator') return undefined;
  const operands = cond.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
  const operators = cond.childrenForFieldName('operators');
  if (operands.length !== 2 || operators.length !== 1) return undefined;
  const [a, b] = operands as [SyntaxNode, SyntaxNode];
  const isName = (n: SyntaxNode) => n.type === 'identifier' && n.text === '__name__';
  const isMain = (n: SyntaxNode) => stringValue(n) === '__main__';
  if (!((isName(a) && isMain(b)) || (isName(b) && isMain(a)))) return undefined;
  const op = operators[0]!.text;
  return op === '==' ? 'body' : op === '!=' ? 'else' : undefined;
}

/** The node sits in the body of `if __name__ == "__main__":` (or the else branch of `!=`), at any depth. */
export function isUnderMainGuard(node: SyntaxNode, stringValue: (n: SyntaxNode) => string | undefined): boolean {
  for (let cur: SyntaxNode | null = node; cur?.parent; cur = cur.parent) {
    const parent: SyntaxNode = cur.parent;
    if (parent.type === 'if_statement') {
      const consequence = parent.childForFieldName('consequence');
      if (consequence && consequence.id === cur.id && guardSense(parent.childForFieldName('condition'), stringValue) === 'body') return true;
    } else if (parent.type === 'else_clause' && parent.parent?.type === 'if_statement') {
      // Only a plain `else:` of the guard itself; an elif chain in between breaks the guarantee.
      const ifNode = parent.parent;
      const hasElif = ifNode.namedChildren.some((c) => c?.type === 'elif_clause');
      if (!hasElif && guardSense(ifNode.childForFieldName('condition'), stringValue) === 'else') return true;
    }
  }
  return false;
}
