// sparseNodeMemo(): a function of a syntax node, computed once per node and shared by every rule that asks.
import type { SyntaxNode, SyntaxTree } from '../parser/python.js';

/**
 * `compute`, remembered per node for the rules that ask the same question about the same node: a Map per tree keyed by
 * the node's pre-order number (cheaper to read, and to collect, than a WeakMap keyed by node objects, which cost more
 * than reading a call's arguments). The tree asked about last is kept at hand; others are found through a WeakMap, so
 * tables die with their trees. Results are shared between callers: never mutate them. `with` is handed to compute on
 * a miss (the rule context to ask); the answer must depend only on the node and its file, never on who asks.
 */
export function sparseNodeMemo<T, W = void>(compute: (node: SyntaxNode, with_: W) => T): (node: SyntaxNode, with_: W) => T {
  const tables = new WeakMap<SyntaxTree, Map<number, T>>();
  let lastTree: SyntaxTree | undefined;
  let lastTable = new Map<number, T>();
  return (node, with_) => {
    const tree = node.tree;
    if (tree !== lastTree) {
      let table = tables.get(tree);
      if (!table) tables.set(tree, (table = new Map()));
      lastTree = tree;
      lastTable = table;
    }
    const known = lastTable.get(node.order);
    if (known !== undefined) return known;
    const value = compute(node, with_);
    lastTable.set(node.order, value);
    return value;
  };
}
