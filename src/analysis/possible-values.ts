// possibleValues(): the finite set of constants an expression may evaluate to (choices between constants,
// names bound only to constants, loops over constant lists, lookups in constant tables, allow-list guards).
import type { SyntaxNode } from '../parser/python.js';
import { isDict, type ConstValue } from './constants.js';
import type { Binding } from './scopes.js';
import { unwrapParentheses as unwrap, namedChildren as named, isWithin as within } from './syntax.js';

const MAX_VALUES = 64;
const MAX_DEPTH = 24;

export interface PossibleValuesEnvironment {
  constantValue(node: SyntaxNode): ConstValue | undefined;
  /** Bindings a bare name refers to at a node (Python's LEGB rule). */
  lookup(name: string, at: SyntaxNode): readonly Binding[] | undefined;
  /** The bindings that may supply a name's value at this use (see reaching-bindings.ts). */
  reaching(identifier: SyntaxNode): readonly Binding[] | undefined;
}

/** Elements of a constant container as a membership test sees them (`x in LIST`, `x in DICT`). */
function members(container: ConstValue | undefined): ConstValue[] | undefined {
  if (Array.isArray(container)) return container;
  if (isDict(container)) return [...container.keys()];
  return undefined;
}

/** The statement ends the block's flow: raise, return, continue or break (possibly as the last of several). */
function exits(block: SyntaxNode | null): boolean {
  if (!block) return false;
  const last = named(block).at(-1);
  return !!last && ['raise_statement', 'return_statement', 'continue_statement', 'break_statement'].includes(last.type);
}

export class PossibleValues {
  private readonly memo = new Map<number, ConstValue[] | undefined>();
  private readonly active = new Set<number>();

  constructor(private readonly env: PossibleValuesEnvironment) {}

  /** Every value the expression may take, when that set is finite and known; undefined otherwise. */
  values(node: SyntaxNode | null | undefined, depth = 0): ConstValue[] | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    if (this.memo.has(node.id)) return this.memo.get(node.id);
    if (this.active.has(node.id)) return undefined;
    this.active.add(node.id);
    let result: ConstValue[] | undefined;
    try {
      result = this.compute(node, depth + 1);
    } finally {
      this.active.delete(node.id);
    }
    if (result && result.length > MAX_VALUES) result = undefined;
    this.memo.set(node.id, result);
    return result;
  }

  private compute(node: SyntaxNode, depth: number): ConstValue[] | undefined {
    const constant = this.env.constantValue(node);
    if (constant !== undefined) return [constant];
    switch (node.type) {
      case 'parenthesized_expression':
        return this.values(unwrap(node), depth);
      case 'conditional_expression': {
        const [whenTrue, , whenFalse] = named(node);
        return this.union([this.values(whenTrue, depth), this.values(whenFalse, depth)]);
      }
      case 'identifier':
        return this.fromBindings(node, depth) ?? this.fromGuards(node);
      case 'subscript': {
        // TABLE[key] with an unknown key still yields one of the table's values.
        const container = this.env.constantValue(node.childForFieldName('value')!);
        if (isDict(container)) return [...container.values()];
        if (Array.isArray(container) && container.length > 0) return container;
        return undefined;
      }
      case 'call': {
        // TABLE.get(key, default)
        const fn = node.childForFieldName('function');
        if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'get') return undefined;
        const table = this.env.constantValue(fn.childForFieldName('object')!);
        if (!isDict(table)) return undefined;
        const args = named(node.childForFieldName('arguments') ?? node).filter((a) => a.type !== 'keyword_argument');
        if (args.length < 1 || args.length > 2 || args.some((a) => a.type.endsWith('splat'))) return undefined;
        const fallback = args[1] ? this.values(args[1], depth) : [null];
        return fallback ? [...table.values(), ...fallback] : undefined;
      }
      default:
        return undefined;
    }
  }

  private union(parts: (ConstValue[] | undefined)[]): ConstValue[] | undefined {
    const out: ConstValue[] = [];
    for (const p of parts) {
      if (!p) return undefined;
      out.push(...p);
    }
    return out;
  }

  /** A name whose every binding holds a known finite set of values. */
  private fromBindings(identifier: SyntaxNode, depth: number): ConstValue[] | undefined {
    const bindings = this.env.reaching(identifier);
    if (!bindings || bindings.length === 0) return undefined;
    const parts: (ConstValue[] | undefined)[] = [];
    for (const b of bindings) {
      if ((b.kind === 'assign' || b.kind === 'walrus') && b.value) parts.push(this.values(b.value, depth));
      else if (b.kind === 'loop') parts.push(this.loopValues(b));
      else return undefined;
      if (!parts.at(-1)) return undefined;
    }
    return this.union(parts);
  }

  /** `for name in CONSTANT_LIST` (statement or comprehension) where the target is the bare name. */
  private loopValues(binding: Binding): ConstValue[] | undefined {
    const loop = binding.node.parent;
    if (!loop || (loop.type !== 'for_statement' && loop.type !== 'for_in_clause')) return undefined;
    if (loop.childForFieldName('left')?.id !== binding.node.id) return undefined;
    const iterable = loop.childForFieldName('right');
    return iterable ? members(this.env.constantValue(iterable)) : undefined;
  }

  /**
   * Allow-list guards around a use: inside `if name in ALLOWED:` (or `== "x"`, or the true branch of a
   * conditional expression), or after `if name not in ALLOWED: raise/return` or `assert name in ALLOWED`
   * in an enclosing block, with no re-binding of the name after the guard.
   */
  private fromGuards(identifier: SyntaxNode): ConstValue[] | undefined {
    const name = identifier.text;
    const bindings = this.env.lookup(name, identifier) ?? [];
    const boundBefore = (guard: SyntaxNode) => bindings.every((b) => b.kind === 'parameter' || b.node.endIndex <= guard.startIndex);
    let child: SyntaxNode = identifier;
    for (let cur = identifier.parent; cur; child = cur, cur = cur.parent) {
      switch (cur.type) {
        case 'if_statement':
        case 'elif_clause':
          if (within(child, cur.childForFieldName('consequence')) && boundBefore(cur)) {
            const allowed = this.allowed(cur.childForFieldName('condition'), name, true);
            if (allowed) return allowed;
          }
          break;
        case 'conditional_expression': {
          const [whenTrue, condition] = named(cur);
          if (whenTrue?.id === child.id && boundBefore(cur)) {
            const allowed = this.allowed(condition, name, true);
            if (allowed) return allowed;
          }
          break;
        }
        case 'block':
        case 'module':
          for (const stmt of named(cur)) {
            if (stmt.startIndex >= child.startIndex) break;
            if (!boundBefore(stmt)) continue;
            let allowed: ConstValue[] | undefined;
            if (stmt.type === 'if_statement' && exits(stmt.childForFieldName('consequence'))) {
              allowed = this.allowed(stmt.childForFieldName('condition'), name, false);
            } else if (stmt.type === 'assert_statement') {
              allowed = this.allowed(named(stmt)[0], name, true);
            }
            if (allowed) return allowed;
          }
          break;
        case 'list_comprehension':
        case 'set_comprehension':
        case 'dictionary_comprehension':
        case 'generator_expression':
          // `[f(k) for k in data if k in ALLOWED]`: the filter applies to the element expression.
          if (child.type !== 'for_in_clause' && child.type !== 'if_clause') {
            for (const clause of named(cur)) {
              if (clause.type !== 'if_clause') continue;
              const allowed = this.allowed(named(clause)[0], name, true);
              if (allowed) return allowed;
            }
          }
          break;
        case 'function_definition':
        case 'lambda':
        case 'class_definition':
          return undefined;
        default:
          break;
      }
    }
    return undefined;
  }

  /**
   * The values `name` is confined to when `condition` is true (positive) or false (negative):
   * `name in C`, `name == "x"`, `not …`, and conjunctions (positive) or disjunctions (negative).
   */
  private allowed(condition: SyntaxNode | null | undefined, name: string, positive: boolean): ConstValue[] | undefined {
    const cond = unwrap(condition);
    if (!cond) return undefined;
    if (cond.type === 'not_operator') return this.allowed(cond.childForFieldName('argument'), name, !positive);
    if (cond.type === 'boolean_operator') {
      const op = cond.childForFieldName('operator')?.type;
      if ((op === 'and' && positive) || (op === 'or' && !positive)) {
        return this.allowed(cond.childForFieldName('left'), name, positive) ?? this.allowed(cond.childForFieldName('right'), name, positive);
      }
      return undefined;
    }
    if (cond.type !== 'comparison_operator') return undefined;
    const operands = named(cond);
    const operators = cond.childrenForFieldName('operators').map((o) => o.text.replace(/\s+/g, ' '));
    if (operands.length !== 2 || operators.length !== 1) return undefined;
    const [left, right] = operands as [SyntaxNode, SyntaxNode];
    const op = operators[0];
    if (left.type !== 'identifier' || left.text !== name) return undefined;
    const wanted = positive ? { in: 'in', eq: '==' } : { in: 'not in', eq: '!=' };
    if (op === wanted.in) return members(this.env.constantValue(right));
    if (op === wanted.eq) {
      const v = this.env.constantValue(right);
      return v !== undefined ? [v] : undefined;
    }
    return undefined;
  }
}
