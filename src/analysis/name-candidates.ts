// qualifiedNameCandidates(): every dotted name an expression may stand for when a name has several bindings
// (`try: import cPickle as pickle / except ImportError: import pickle`, version branches, `a if c else b`).
import type { SyntaxNode } from '../parser/python.js';
import type { ScopeTable } from './scopes.js';

const MAX_DEPTH = 16;
const MAX_CANDIDATES = 16;

function normalise(name: string): string {
  if (name.startsWith('builtins.')) return name.slice('builtins.'.length);
  if (name.startsWith('__builtins__.')) return name.slice('__builtins__.'.length);
  return name;
}

/**
 * Resolves an expression to the complete set of qualified names it may denote, or undefined when any
 * binding it depends on is unknown (a parameter, a loop variable, a local class): callers can then rely on
 * "every candidate is X" and "no candidate is X" being true statements about the program.
 */
export class NameCandidates {
  private readonly memo = new Map<number, readonly string[] | undefined>();

  constructor(
    private readonly scopes: ScopeTable,
    private readonly qualifiedName: (node: SyntaxNode) => string | undefined,
  ) {}

  candidates(node: SyntaxNode): readonly string[] | undefined {
    return this.resolve(node, 0);
  }

  private resolve(node: SyntaxNode, depth: number): readonly string[] | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (this.memo.has(node.id)) return this.memo.get(node.id);
    const single = this.qualifiedName(node);
    if (single !== undefined) {
      const one = [single];
      this.memo.set(node.id, one);
      return one;
    }
    this.memo.set(node.id, undefined); // guards cycles through names
    const result = this.compute(node, depth + 1);
    const out = result && result.length > 0 && result.length <= MAX_CANDIDATES ? [...new Set(result.map(normalise))] : undefined;
    this.memo.set(node.id, out);
    return out;
  }

  private compute(node: SyntaxNode, depth: number): string[] | undefined {
    switch (node.type) {
      case 'identifier':
        return this.identifier(node, depth);
      case 'attribute': {
        const object = node.childForFieldName('object');
        const attr = node.childForFieldName('attribute');
        if (!object || !attr) return undefined;
        return this.resolve(object, depth)?.map((base) => `${base}.${attr.text}`);
      }
      case 'call': {
        const fn = node.childForFieldName('function');
        return fn ? this.resolve(fn, depth)?.map((callee) => `${callee}()`) : undefined;
      }
      case 'parenthesized_expression': {
        const inner = node.namedChildren.find((c) => c?.type !== 'comment');
        return inner ? this.resolve(inner, depth)?.slice() : undefined;
      }
      case 'conditional_expression': {
        const branches = node.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
        if (branches.length !== 3) return undefined;
        const whenTrue = this.resolve(branches[0]!, depth);
        const whenFalse = this.resolve(branches[2]!, depth);
        return whenTrue && whenFalse ? [...whenTrue, ...whenFalse] : undefined;
      }
      default:
        return undefined;
    }
  }

  private identifier(node: SyntaxNode, depth: number): string[] | undefined {
    const found = this.scopes.lookup(node.text, node);
    if (!found) return undefined;
    const out: string[] = [];
    for (const binding of found.bindings) {
      // `try: import ssl / except ImportError: ssl = None`: where the name is used as a module, it is not None.
      if (binding.kind === 'delete' || (binding.kind === 'assign' && binding.value?.type === 'none')) continue;
      if (binding.kind === 'import' && binding.qualified !== undefined) {
        out.push(binding.qualified);
      } else if ((binding.kind === 'assign' || binding.kind === 'walrus') && binding.value) {
        const values = this.resolve(binding.value, depth);
        if (!values) return undefined;
        out.push(...values);
      } else {
        return undefined;
      }
    }
    return out.length > 0 ? out : undefined;
  }
}
