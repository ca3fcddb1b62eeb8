// The syntax tree the rules read: a plain JavaScript copy of tree-sitter's tree, built with one cursor walk per file.
//
// Every property a rule asks of a web-tree-sitter Node (type, parent, childForFieldName, text…) is a call into WASM
// that marshals the node through a transfer buffer and allocates a fresh Node object. With ~60 rules asking a few
// hundred questions per line, those calls were 60–70 % of a scan. Copying the tree once (type, field, range, children)
// and deleting the WASM tree right away makes every later question a property read, and frees the WASM heap early.
import type wts from '../wts.cjs';

export interface Point {
  row: number;
  column: number;
}

/** Every node ever built in this process gets a distinct id, so ids from different files never collide in a cache. */
let nextId = 1;

export class SyntaxTree {
  /** All nodes in pre-order (document order); `node.order` indexes this list. */
  readonly nodes: SyntaxNode[] = [];
  private lineStarts?: number[];

  constructor(readonly text: string) {}

  get rootNode(): SyntaxNode {
    return this.nodes[0]!;
  }

  /** Row and column (UTF-16 code units, as web-tree-sitter counts them) of an offset; rows end at `\n` only. */
  position(index: number): Point {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: index - starts[lo]! };
  }

  /** The offset of a row and column (the inverse of position()). */
  offset(point: Point): number {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    return Math.min((starts[point.row] ?? this.text.length) + point.column, this.text.length);
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

const NO_CHILDREN: readonly SyntaxNode[] = Object.freeze([]);

export class SyntaxNode {
  readonly id = nextId++;
  /** Index in `tree.nodes`; the node's descendants are `tree.nodes[order + 1 .. last]`. */
  readonly order: number;
  /** Pre-order index of the last descendant (the node itself when it is a leaf). */
  last: number;
  /** Position among the parent's children. */
  readonly index: number;
  children: readonly SyntaxNode[] = NO_CHILDREN;
  hasError: boolean;
  private named?: readonly SyntaxNode[];

  constructor(
    readonly tree: SyntaxTree,
    readonly parent: SyntaxNode | null,
    /** The field this node fills in its parent (`function`, `arguments`, …), or null. */
    readonly field: string | null,
    readonly type: string,
    readonly isNamed: boolean,
    readonly isMissing: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
  ) {
    this.order = tree.nodes.length;
    this.last = this.order;
    tree.nodes.push(this);
    this.hasError = isMissing || type === 'ERROR';
    if (parent) {
      this.index = parent.children.length;
      if (parent.children === NO_CHILDREN) parent.children = [this];
      else (parent.children as SyntaxNode[]).push(this);
    } else {
      this.index = 0;
    }
  }

  get text(): string {
    return this.tree.text.slice(this.startIndex, this.endIndex);
  }

  get startPosition(): Point {
    return this.tree.position(this.startIndex);
  }

  get endPosition(): Point {
    return this.tree.position(this.endIndex);
  }

  get namedChildren(): readonly SyntaxNode[] {
    return (this.named ??= this.children.every((c) => c.isNamed) ? this.children : this.children.filter((c) => c.isNamed));
  }

  get childCount(): number {
    return this.children.length;
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  child(index: number): SyntaxNode | null {
    return this.children[index] ?? null;
  }

  namedChild(index: number): SyntaxNode | null {
    return this.namedChildren[index] ?? null;
  }

  /** The first child in the field, as tree-sitter's `child_by_field_name`. */
  childForFieldName(field: string): SyntaxNode | null {
    for (const c of this.children) if (c.field === field) return c;
    return null;
  }

  childrenForFieldName(field: string): SyntaxNode[] {
    return this.children.filter((c) => c.field === field);
  }

  get nextSibling(): SyntaxNode | null {
    return this.parent?.children[this.index + 1] ?? null;
  }

  get previousSibling(): SyntaxNode | null {
    return this.parent?.children[this.index - 1] ?? null;
  }

  get nextNamedSibling(): SyntaxNode | null {
    const siblings = this.parent?.children;
    if (!siblings) return null;
    for (let i = this.index + 1; i < siblings.length; i++) if (siblings[i]!.isNamed) return siblings[i]!;
    return null;
  }

  get previousNamedSibling(): SyntaxNode | null {
    const siblings = this.parent?.children;
    if (!siblings) return null;
    for (let i = this.index - 1; i >= 0; i--) if (siblings[i]!.isNamed) return siblings[i]!;
    return null;
  }

  /** This node and its descendants of the given types, in document order. */
  descendantsOfType(types: string | readonly string[]): SyntaxNode[] {
    const nodes = this.tree.nodes;
    const out: SyntaxNode[] = [];
    if (typeof types === 'string' || types.length === 1) {
      const t = typeof types === 'string' ? types : types[0];
      for (let i = this.order; i <= this.last; i++) if (nodes[i]!.type === t) out.push(nodes[i]!);
      return out;
    }
    const wanted = new Set(types);
    for (let i = this.order; i <= this.last; i++) if (wanted.has(nodes[i]!.type)) out.push(nodes[i]!);
    return out;
  }

  /** Every descendant in document order, the node itself first. */
  *descendants(): Generator<SyntaxNode> {
    const nodes = this.tree.nodes;
    for (let i = this.order; i <= this.last; i++) yield nodes[i]!;
  }

  /** The smallest node within this one that covers [start, end). */
  descendantForIndex(start: number, end = start): SyntaxNode | null {
    if (start < this.startIndex || end > this.endIndex) return null;
    // A loop, not recursion: fuzzed files nest 10,000 deep.
    let node = this as SyntaxNode;
    for (;;) {
      const inner = node.children.find((c) => c.startIndex <= start && end <= c.endIndex && c.endIndex > start);
      if (!inner) return node;
      node = inner;
    }
  }

  descendantForPosition(start: Point, end = start): SyntaxNode | null {
    return this.descendantForIndex(this.tree.offset(start), this.tree.offset(end));
  }

  /** Whether `other` is this node or lies inside it. */
  contains(other: SyntaxNode): boolean {
    return other.tree === this.tree && other.order >= this.order && other.order <= this.last;
  }
}

/** The parts of web-tree-sitter's Emscripten module the fast copy calls directly (web-tree-sitter 0.27.x, binding.c). */
interface WasmModule {
  HEAP32: Int32Array;
  _ts_init(): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_missing_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_named_wasm(tree: number): number;
}

const FAST_FUNCTIONS = [
  '_ts_init',
  '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm',
  '_ts_tree_cursor_current_node_type_id_wasm',
  '_ts_tree_cursor_current_field_id_wasm',
  '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm',
  '_ts_tree_cursor_current_node_is_missing_wasm',
  '_ts_tree_cursor_current_node_is_named_wasm',
] as const;

/** The module object web-tree-sitter was initialised with, when it exposes what the fast copy needs. */
export function fastModule(candidate: unknown): WasmModule | undefined {
  if (!candidate || typeof candidate !== 'object') return undefined;
  const m = candidate as Record<string, unknown>;
  if (!(m.HEAP32 instanceof Int32Array)) return undefined;
  return FAST_FUNCTIONS.every((f) => typeof m[f] === 'function') ? (candidate as WasmModule) : undefined;
}

/** The cursor operations the copy needs; one implementation over the public API, one over the WASM exports. */
interface Walker {
  typeId(): number;
  fieldId(): number;
  start(): number;
  end(): number;
  isMissing(): boolean;
  isNamed(): boolean;
  firstChild(): boolean;
  nextSibling(): boolean;
  parent(): boolean;
  done(): void;
}

function publicWalker(cursor: wts.TreeCursor): Walker {
  return {
    typeId: () => cursor.nodeTypeId,
    fieldId: () => cursor.currentFieldId,
    start: () => cursor.startIndex,
    end: () => cursor.endIndex,
    isMissing: () => cursor.nodeIsMissing,
    isNamed: () => cursor.nodeIsNamed,
    firstChild: () => cursor.gotoFirstChild(),
    nextSibling: () => cursor.gotoNextSibling(),
    parent: () => cursor.gotoParent(),
    done: () => cursor.delete(),
  };
}

/**
 * The same walk without the JS wrapper's marshalling: the cursor's four words stay in the transfer buffer between
 * calls (the goto functions read and write them there; the getters only read), and go back into the cursor at the end.
 */
function wasmWalker(m: WasmModule, cursor: wts.TreeCursor, tree: wts.Tree): Walker {
  const handle = cursor as unknown as Record<number, number>;
  const treePtr = (tree as unknown as Record<number, number>)[0]!;
  const word = m._ts_init() >> 2;
  for (let i = 0; i < 4; i++) m.HEAP32[word + i] = handle[i]!;
  return {
    typeId: () => m._ts_tree_cursor_current_node_type_id_wasm(treePtr),
    fieldId: () => m._ts_tree_cursor_current_field_id_wasm(treePtr),
    start: () => m._ts_tree_cursor_start_index_wasm(treePtr),
    end: () => m._ts_tree_cursor_end_index_wasm(treePtr),
    isMissing: () => m._ts_tree_cursor_current_node_is_missing_wasm(treePtr) === 1,
    isNamed: () => m._ts_tree_cursor_current_node_is_named_wasm(treePtr) === 1,
    firstChild: () => m._ts_tree_cursor_goto_first_child_wasm(treePtr) === 1,
    nextSibling: () => m._ts_tree_cursor_goto_next_sibling_wasm(treePtr) === 1,
    parent: () => m._ts_tree_cursor_goto_parent_wasm(treePtr) === 1,
    done: () => {
      // The heap may have grown (and HEAP32 been replaced) while the cursor's stack grew.
      for (let i = 0; i < 4; i++) handle[i] = m.HEAP32[word + i]!;
      cursor.delete();
    },
  };
}

interface LanguageTables {
  types: string[];
  named: boolean[];
  fields: (string | null)[];
}

const tablesByLanguage = new WeakMap<object, LanguageTables>();

function tablesOf(language: wts.Language): LanguageTables {
  let t = tablesByLanguage.get(language);
  if (!t) {
    const types = [...language.types];
    t = { types, named: types.map((_, id) => language.nodeTypeIsNamed(id)), fields: [...language.fields] };
    tablesByLanguage.set(language, t);
  }
  return t;
}

const ERROR_SYMBOL = 0xffff;

/** Copies a web-tree-sitter tree into a SyntaxTree. The caller still owns (and deletes) the WASM tree. */
export function copyTree(tree: wts.Tree, text: string, module?: WasmModule): SyntaxTree {
  const out = new SyntaxTree(text);
  const tables = tablesOf(tree.language);
  const cursor = tree.rootNode.walk();
  const w = module ? wasmWalker(module, cursor, tree) : publicWalker(cursor);
  try {
    const visit = (parent: SyntaxNode | null): SyntaxNode => {
      const typeId = w.typeId();
      const start = w.start();
      const end = w.end();
      const fieldId = parent ? w.fieldId() : 0;
      const error = typeId === ERROR_SYMBOL;
      return new SyntaxNode(
        out,
        parent,
        fieldId ? (tables.fields[fieldId] ?? null) : null,
        error ? 'ERROR' : (tables.types[typeId] ?? 'ERROR'),
        // An ERROR node is named when recovery wrapped nodes in it, anonymous when it is a stray token.
        error ? w.isNamed() : (tables.named[typeId] ?? true),
        start === end && w.isMissing(),
        start,
        end,
      );
    };
    const close = (node: SyntaxNode): void => {
      node.last = out.nodes.length - 1;
      if (node.hasError && node.parent) node.parent.hasError = true;
    };
    let current = visit(null);
    for (;;) {
      if (w.firstChild()) {
        current = visit(current);
        continue;
      }
      close(current);
      for (;;) {
        if (current.parent && w.nextSibling()) {
          current = visit(current.parent);
          break;
        }
        if (!current.parent || !w.parent()) return out;
        current = current.parent;
        close(current);
      }
    }
  } finally {
    w.done();
  }
}
