// qualifiedName(): the dotted name an expression stands for, through imports, aliases and re-bindings.
import type { SyntaxNode } from '../parser/python.js';
import { BUILTIN_NAMES } from './builtins.js';
import type { ScopeTable } from './scopes.js';

const MAX_DEPTH = 16;

export interface NameResolver {
  qualifiedName(node: SyntaxNode): string | undefined;
}

/** Builtins are reported by their bare name: `builtins.eval` and `__builtins__.eval` become `eval`. */
function normalise(name: string): string {
  if (name.startsWith('builtins.')) return name.slice('builtins.'.length);
  if (name.startsWith('__builtins__.')) return name.slice('__builtins__.'.length);
  return name;
}

export class QualifiedNames implements NameResolver {
  private readonly memo = new Map<number, string | undefined>();

  constructor(
    private readonly scopes: ScopeTable,
    private readonly constantString: (node: SyntaxNode) => string | undefined,
  ) {}

  qualifiedName(node: SyntaxNode): string | undefined {
    return this.resolve(node, 0);
  }

  private resolve(node: SyntaxNode, depth: number): string | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (this.memo.has(node.id)) return this.memo.get(node.id);
    this.memo.set(node.id, undefined); // guards cycles such as `a = a.b`
    const result = this.compute(node, depth + 1);
    const normalised = result === undefined ? undefined : normalise(result);
    this.memo.set(node.id, normalised);
    return normalised;
  }

  private compute(node: SyntaxNode, depth: number): string | undefined {
    switch (node.type) {
      case 'identifier':
        return this.identifier(node, depth);
      case 'attribute': {
        const object = node.childForFieldName('object');
        const attr = node.childForFieldName('attribute');
        if (!object || !attr) return undefined;
        const base = this.resolve(object, depth);
        return base === undefined ? undefined : `${base}.${attr.text}`;
      }
      case 'call': {
        const fn = node.childForFieldName('function');
        if (!fn) return undefined;
        const callee = this.resolve(fn, depth);
        if (callee === 'getattr') return this.getattr(node, depth);
        return callee === undefined ? undefined : `${callee}()`;
      }
      case 'parenthesized_expression': {
        const inner = node.namedChildren.find((c) => c?.type !== 'comment');
        return inner ? this.resolve(inner, depth) : undefined;
      }
      default:
        return undefined;
    }
  }

  private identifier(node: SyntaxNode, depth: number): string | undefined {
    const name = node.text;
    const found = this.scopes.lookup(name, node);
    if (!found) {
      const wildcard = this.scopes.module.wildcardImports;
      if (BUILTIN_NAMES.has(name) || name === 'builtins' || name === '__builtins__') return name;
      if (wildcard.length === 1) return `${wildcard[0]}.${name}`;
      return undefined;
    }
    const bindings = found.bindings.filter((b) => b.kind !== 'delete');
    if (bindings.length === 0) return undefined;
    if (bindings.every((b) => b.kind === 'import')) {
      const names = new Set(bindings.map((b) => b.qualified));
      return names.size === 1 ? bindings[0]!.qualified : undefined;
    }
    // `run = subprocess.run` or `s = requests.Session()`: the name stands for what it was bound to.
    if (bindings.length === 1) {
      const only = bindings[0]!;
      if ((only.kind === 'assign' || only.kind === 'walrus') && only.value) return this.resolve(only.value, depth);
    }
    return undefined;
  }

  /** getattr(module, "name") with a constant name is module.name. */
  private getattr(call: SyntaxNode, depth: number): string | undefined {
    const args = call.childForFieldName('arguments')?.namedChildren.filter((a) => a && a.type !== 'comment') ?? [];
    if (args.length < 2 || !args[0] || !args[1]) return undefined;
    const base = this.resolve(args[0], depth);
    const attr = this.constantString(args[1]);
    return base !== undefined && attr !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(attr) ? `${base}.${attr}` : undefined;
  }
}
