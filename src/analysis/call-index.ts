// Every call of a file in document order, gathered once on demand: calls inside a subtree, calls to a qualified name.
import type { SyntaxNode } from '../parser/python.js';

export class CallIndex {
  private readonly calls: SyntaxNode[];
  private readonly byCallee = new Map<string, SyntaxNode[]>();
  private indexed = false;

  constructor(
    root: SyntaxNode,
    private readonly calleeOf: (call: SyntaxNode) => string | undefined,
  ) {
    this.calls = root.descendantsOfType('call');
  }

  /** Calls that lie inside node (node itself included when it is a call), in document order. */
  within(node: SyntaxNode): SyntaxNode[] {
    let lo = 0;
    let hi = this.calls.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.calls[mid]!.startIndex < node.startIndex) lo = mid + 1;
      else hi = mid;
    }
    const out: SyntaxNode[] = [];
    for (let i = lo; i < this.calls.length; i++) {
      const c = this.calls[i]!;
      if (c.startIndex >= node.endIndex) break;
      if (c.endIndex <= node.endIndex) out.push(c);
    }
    return out;
  }

  /** Calls whose callee resolves to the qualified name, in document order. */
  to(name: string): SyntaxNode[] {
    if (!this.indexed) {
      this.indexed = true;
      for (const c of this.calls) {
        const callee = this.calleeOf(c);
        if (callee === undefined) continue;
        const list = this.byCallee.get(callee);
        if (list) list.push(c);
        else this.byCallee.set(callee, [c]);
      }
    }
    return this.byCallee.get(name) ?? [];
  }
}
