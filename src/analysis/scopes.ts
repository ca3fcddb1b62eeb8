// Scopes and bindings of one file: which names each module, class, function or lambda binds, and how.
import type { SyntaxNode } from '../parser/python.js';

export type BindingKind =
  | 'import' // import x / from m import x (qualified holds the imported name)
  | 'assign' // name = value (value holds the right-hand side when the target is the bare name)
  | 'augmented' // name += value
  | 'parameter'
  | 'function'
  | 'class'
  | 'loop' // for / comprehension target
  | 'with' // with … as name
  | 'except' // except … as name
  | 'walrus' // (name := value)
  | 'delete'
  | 'other'; // unpacking targets and anything else that binds without a single known value

export interface Binding {
  kind: BindingKind;
  name: string;
  /** The node that binds (target identifier, def, import clause). */
  node: SyntaxNode;
  /** Right-hand side of `name = value` / `name := value` where the whole value goes to this name. */
  value?: SyntaxNode;
  /** For imports: the fully qualified name this binding stands for ("os.path", "yaml.load"). */
  qualified?: string;
}

export interface Scope {
  node: SyntaxNode;
  kind: 'module' | 'class' | 'function' | 'lambda' | 'comprehension';
  parent?: Scope;
  bindings: Map<string, Binding[]>;
  /** Names declared `global` (bound in the module) or `nonlocal` (bound in an enclosing function). */
  globals: Set<string>;
  nonlocals: Set<string>;
  /** Modules imported with `from m import *`. */
  wildcardImports: string[];
}

const SCOPE_TYPES = new Set(['function_definition', 'lambda', 'class_definition', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

const BINDING_TYPES = [
  'import_statement',
  'import_from_statement',
  'future_import_statement',
  'assignment',
  'augmented_assignment',
  'named_expression',
  'function_definition',
  'class_definition',
  'lambda',
  'for_statement',
  'for_in_clause',
  'with_item',
  'except_clause',
  'global_statement',
  'nonlocal_statement',
  'delete_statement',
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
];

/** Package of a repo-relative module path, for resolving relative imports: "a/b/c.py" → ["a","b"]. */
function packageParts(modulePath: string): string[] {
  const parts = modulePath.replace(/\\/g, '/').split('/');
  parts.pop();
  return parts.filter((p) => p !== '' && p !== '.');
}

interface ScopeEntry {
  scope: Scope;
  start: number;
  end: number;
  /** For a def or class: the ranges of its body and parameters, the parts that belong to its own scope. */
  body?: [number, number];
  params?: [number, number];
  paramsNode?: SyntaxNode;
  parent?: ScopeEntry;
}

export class ScopeTable {
  readonly module: Scope;
  /** `obj.attr = value` statements (attribute targets bind no name), in document order. */
  readonly attributeAssignments: { target: SyntaxNode; value?: SyntaxNode }[] = [];
  /** `x[key] = value` statements (subscript targets bind no name), in document order. */
  readonly subscriptAssignments: { target: SyntaxNode; value?: SyntaxNode }[] = [];
  private readonly byNode = new Map<number, Scope>();
  private building = true;
  private index?: { starts: number[]; entries: ScopeEntry[] };

  constructor(
    root: SyntaxNode,
    private readonly modulePath: string,
  ) {
    this.module = this.newScope(root, 'module');
    for (const node of root.descendantsOfType(BINDING_TYPES)) this.collect(node);
    this.building = false;
  }

  /** Every scope of the file (module first). */
  allScopes(): Iterable<Scope> {
    return this.byNode.values();
  }

  /** The innermost scope that contains node (a def's own name belongs to the enclosing scope). */
  scopeOf(node: SyntaxNode): Scope {
    if (this.building) return this.scopeByParents(node);
    const index = (this.index ??= this.buildIndex());
    const start = node.startIndex;
    const end = node.endIndex;
    // The scope that starts last at or before the node; the answer is it or one of its enclosing scopes.
    let lo = 0;
    let hi = index.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (index.starts[mid]! <= start) lo = mid + 1;
      else hi = mid;
    }
    for (let entry: ScopeEntry | undefined = index.entries[lo - 1]; entry; entry = entry.parent) {
      if (this.encloses(entry, node, start, end)) return entry.scope;
    }
    return this.module;
  }

  /** Whether a scope's own region holds the node: a def or class holds its body and its parameters but not their defaults. */
  private encloses(entry: ScopeEntry, node: SyntaxNode, start: number, end: number): boolean {
    if (start < entry.start || end > entry.end || node.id === entry.scope.node.id) return false;
    if (!entry.body && !entry.params) return true;
    if (entry.body && start >= entry.body[0] && end <= entry.body[1]) return true;
    return Boolean(entry.params && start >= entry.params[0] && end <= entry.params[1] && !this.isDefaultValue(node, entry.paramsNode!));
  }

  /** Ranges of every scope, read once, sorted by start: scopeOf() then costs a binary search, not a walk to the root. */
  private buildIndex(): { starts: number[]; entries: ScopeEntry[] } {
    const byScope = new Map<Scope, ScopeEntry>();
    const entries: ScopeEntry[] = [];
    for (const scope of this.byNode.values()) {
      if (scope === this.module) continue;
      const n = scope.node;
      const entry: ScopeEntry = { scope, start: n.startIndex, end: n.endIndex };
      if (n.type === 'function_definition' || n.type === 'class_definition') {
        const body = n.childForFieldName('body');
        const params = n.childForFieldName('parameters');
        if (body) entry.body = [body.startIndex, body.endIndex];
        if (params) {
          entry.params = [params.startIndex, params.endIndex];
          entry.paramsNode = params;
        }
        // A def or class with neither part holds nothing of its own.
        if (!body && !params) entry.body = [-1, -1];
      }
      byScope.set(scope, entry);
      entries.push(entry);
    }
    for (const entry of entries) entry.parent = entry.scope.parent ? byScope.get(entry.scope.parent) : undefined;
    entries.sort((a, b) => a.start - b.start || b.end - a.end);
    return { starts: entries.map((e) => e.start), entries };
  }

  /** scopeOf() by walking up the tree; used while the table is being built and scopes are still appearing. */
  private scopeByParents(node: SyntaxNode): Scope {
    for (let cur = node.parent; cur; cur = cur.parent) {
      if (SCOPE_TYPES.has(cur.type)) {
        // Default values, decorators and base classes are evaluated in the enclosing scope.
        if (cur.type === 'function_definition' || cur.type === 'class_definition') {
          const body = cur.childForFieldName('body');
          const params = cur.childForFieldName('parameters');
          const inBody = body && node.startIndex >= body.startIndex && node.endIndex <= body.endIndex;
          const inParams = params && node.startIndex >= params.startIndex && node.endIndex <= params.endIndex;
          if (!inBody && !(inParams && !this.isDefaultValue(node, params))) continue;
        }
        return this.scopeFor(cur);
      }
    }
    return this.module;
  }

  /** Bindings a bare name refers to at node, following Python's LEGB rule (class scopes are skipped for inner functions). */
  lookup(name: string, at: SyntaxNode): { scope: Scope; bindings: Binding[] } | undefined {
    let scope: Scope | undefined = this.scopeOf(at);
    let first = true;
    while (scope) {
      if (scope.globals.has(name)) {
        scope = this.module;
      } else if (scope.kind === 'class' && !first) {
        scope = scope.parent;
        continue;
      }
      const found = scope.bindings.get(name);
      if (found && found.length > 0 && !scope.nonlocals.has(name)) return { scope, bindings: found };
      first = false;
      if (scope === this.module) return undefined;
      scope = scope.parent;
    }
    return undefined;
  }

  private isDefaultValue(node: SyntaxNode, params: SyntaxNode): boolean {
    for (let cur: SyntaxNode | null = node; cur && cur.id !== params.id; cur = cur.parent) {
      const parent = cur.parent;
      if (parent && (parent.type === 'default_parameter' || parent.type === 'typed_default_parameter')) {
        const value = parent.childForFieldName('value');
        if (value && value.id === cur.id) return true;
      }
    }
    return false;
  }

  private newScope(node: SyntaxNode, kind: Scope['kind'], parent?: Scope): Scope {
    this.index = undefined; // a scope made after the table was built (none expected) joins the next index
    const scope: Scope = { node, kind, parent, bindings: new Map(), globals: new Set(), nonlocals: new Set(), wildcardImports: [] };
    this.byNode.set(node.id, scope);
    return scope;
  }

  private scopeFor(node: SyntaxNode): Scope {
    const known = this.byNode.get(node.id);
    if (known) return known;
    const kind: Scope['kind'] =
      node.type === 'class_definition' ? 'class' : node.type === 'function_definition' ? 'function' : node.type === 'lambda' ? 'lambda' : 'comprehension';
    return this.newScope(node, kind, this.scopeOf(node));
  }

  private bind(target: Scope, binding: Binding): void {
    // `global x` / `nonlocal x` send the binding to the scope that owns the name.
    let scope = target;
    if (scope.globals.has(binding.name)) scope = this.module;
    else if (scope.nonlocals.has(binding.name)) {
      for (let up = scope.parent; up; up = up.parent) {
        if (up.kind === 'function' && up.bindings.has(binding.name)) {
          scope = up;
          break;
        }
      }
    }
    const list = scope.bindings.get(binding.name);
    if (list) list.push(binding);
    else scope.bindings.set(binding.name, [binding]);
  }

  /** Binds every name in an assignment target; a bare identifier target gets the whole value. */
  private bindTarget(scope: Scope, target: SyntaxNode, kind: BindingKind, value?: SyntaxNode): void {
    switch (target.type) {
      case 'identifier':
        this.bind(scope, { kind, name: target.text, node: target, value });
        return;
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'tuple':
      case 'list':
      case 'parenthesized_expression': {
        const elements = target.namedChildren.filter((c): c is SyntaxNode => c !== null);
        const values = value && (value.type === 'tuple' || value.type === 'list' || value.type === 'expression_list') ? value.namedChildren : undefined;
        elements.forEach((el, i) => {
          const v = values && values.length === elements.length && !elements.some((e) => e.type === 'list_splat_pattern') ? values[i] : undefined;
          this.bindTarget(scope, el, v ? kind : kind === 'assign' ? 'other' : kind, v ?? undefined);
        });
        return;
      }
      case 'list_splat_pattern':
      case 'list_splat': {
        const inner = target.namedChildren[0];
        if (inner) this.bindTarget(scope, inner, kind === 'assign' ? 'other' : kind);
        return;
      }
      default:
        return; // attribute and subscript targets bind no name
    }
  }

  private collect(node: SyntaxNode): void {
    const scope = this.scopeOf(node);
    switch (node.type) {
      case 'import_statement':
        for (const name of node.childrenForFieldName('name')) {
          if (name.type === 'aliased_import') {
            const dotted = name.childForFieldName('name');
            const alias = name.childForFieldName('alias');
            if (dotted && alias) this.bind(scope, { kind: 'import', name: alias.text, node: name, qualified: dotted.text.replace(/\s+/g, '') });
          } else {
            // `import a.b.c` binds `a`, which stands for the module a.
            const first = name.text.split('.')[0]!.trim();
            this.bind(scope, { kind: 'import', name: first, node: name, qualified: first });
          }
        }
        return;
      case 'import_from_statement': {
        const moduleNode = node.childForFieldName('module_name');
        if (!moduleNode) return;
        const moduleName = this.resolveModule(moduleNode);
        if (node.namedChildren.some((c) => c?.type === 'wildcard_import')) {
          scope.wildcardImports.push(moduleName);
          return;
        }
        for (const name of node.childrenForFieldName('name')) {
          const dotted = name.type === 'aliased_import' ? name.childForFieldName('name') : name;
          const alias = name.type === 'aliased_import' ? name.childForFieldName('alias') : name;
          if (!dotted || !alias) continue;
          const member = dotted.text.replace(/\s+/g, '');
          this.bind(scope, { kind: 'import', name: alias.text, node: name, qualified: moduleName ? `${moduleName}.${member}` : member });
        }
        return;
      }
      case 'assignment': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (!left) return;
        // a = b = value: the inner assignment is the right side.
        let value = right;
        while (value && value.type === 'assignment') value = value.childForFieldName('right');
        this.bindTarget(scope, left, right ? 'assign' : 'other', value ?? undefined);
        if (left.type === 'attribute' && value) this.attributeAssignments.push({ target: left, value });
        if (left.type === 'subscript' && value) this.subscriptAssignments.push({ target: left, value });
        return;
      }
      case 'augmented_assignment': {
        const left = node.childForFieldName('left');
        if (left) this.bindTarget(scope, left, 'augmented', node.childForFieldName('right') ?? undefined);
        return;
      }
      case 'named_expression': {
        const name = node.childForFieldName('name');
        // PEP 572: the target of := binds in the nearest enclosing non-comprehension scope.
        let target = scope;
        while (target.kind === 'comprehension' && target.parent) target = target.parent;
        if (name) this.bind(target, { kind: 'walrus', name: name.text, node: name, value: node.childForFieldName('value') ?? undefined });
        return;
      }
      case 'function_definition':
      case 'class_definition': {
        const name = node.childForFieldName('name');
        if (name) this.bind(scope, { kind: node.type === 'class_definition' ? 'class' : 'function', name: name.text, node });
        const own = this.scopeFor(node);
        if (node.type === 'function_definition') this.bindParameters(own, node.childForFieldName('parameters'));
        return;
      }
      case 'lambda':
        this.bindParameters(this.scopeFor(node), node.childForFieldName('parameters'));
        return;
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression':
        this.scopeFor(node);
        return;
      case 'for_statement':
      case 'for_in_clause': {
        const left = node.childForFieldName('left');
        // A comprehension's targets live in the comprehension's own scope.
        const target = node.type === 'for_in_clause' && node.parent ? this.scopeFor(node.parent) : scope;
        if (left) this.bindTarget(target, left, 'loop');
        return;
      }
      case 'with_item': {
        const value = node.childForFieldName('value');
        if (value?.type === 'as_pattern') {
          const alias = value.childForFieldName('alias');
          const target = alias?.namedChildren[0] ?? alias;
          if (target) this.bindTarget(scope, target, 'with');
        }
        return;
      }
      case 'except_clause': {
        for (const child of node.namedChildren) {
          if (child?.type === 'as_pattern') {
            const alias = child.childForFieldName('alias');
            const target = alias?.namedChildren[0] ?? alias;
            if (target) this.bindTarget(scope, target, 'except');
          }
        }
        return;
      }
      case 'global_statement':
        for (const id of node.namedChildren) if (id?.type === 'identifier') scope.globals.add(id.text);
        return;
      case 'nonlocal_statement':
        for (const id of node.namedChildren) if (id?.type === 'identifier') scope.nonlocals.add(id.text);
        return;
      case 'delete_statement':
        for (const id of node.namedChildren) if (id?.type === 'identifier') this.bind(scope, { kind: 'delete', name: id.text, node: id });
        return;
      default:
        return;
    }
  }

  private bindParameters(scope: Scope, params: SyntaxNode | null): void {
    if (!params) return;
    for (const p of params.namedChildren) {
      if (!p) continue;
      let id: SyntaxNode | null | undefined;
      if (p.type === 'identifier') id = p;
      else if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') id = p.childForFieldName('name');
      else if (p.type === 'typed_parameter') id = p.namedChildren.find((c) => c?.type === 'identifier' || c?.type === 'list_splat_pattern' || c?.type === 'dictionary_splat_pattern');
      else if (p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern') id = p;
      if (id && (id.type === 'list_splat_pattern' || id.type === 'dictionary_splat_pattern')) id = id.namedChildren[0];
      if (id?.type === 'identifier') this.bind(scope, { kind: 'parameter', name: id.text, node: id });
    }
  }

  /** "os.path" for `from os.path import …`; relative imports resolved against the file's package. */
  private resolveModule(node: SyntaxNode): string {
    if (node.type !== 'relative_import') return node.text.replace(/\s+/g, '');
    const prefix = node.namedChildren.find((c) => c?.type === 'import_prefix');
    const dotted = node.namedChildren.find((c) => c?.type === 'dotted_name');
    const dots = prefix ? prefix.text.length : 0;
    const pkg = packageParts(this.modulePath);
    const base = dots - 1 <= pkg.length ? pkg.slice(0, pkg.length - (dots - 1)) : [];
    return [...base, ...(dotted ? [dotted.text.replace(/\s+/g, '')] : [])].join('.');
  }
}
