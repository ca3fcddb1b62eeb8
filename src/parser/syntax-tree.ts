// The syntax tree the rules read: a plain JavaScript copy of tree-sitter's tree, built with one cursor walk per file.
//
// Every property a rule asks of a web-tree-sitter Node (type, parent, childForFieldName, text…) is a call into WASM
// that marshals the node through a transfer buffer and allocates a fresh Node object. With ~60 rules asking a few
// hundred questions per line, those calls were 60–70 % of a scan. Copying the tree once and deleting the WASM tree
// right away makes every later question a read of a typed array, and frees the WASM heap early.
//
// Layout: nodes are numbered in pre-order (document order); per node the tree keeps its type id, field id, range,
// parent, flags and the number of its last descendant, in typed arrays. A node's children are found by hopping:
// the first child is `i + 1`, the next sibling of `j` is `last[j] + 1`. `SyntaxNode` objects are made only for
// nodes a rule touches (and then kept, so the same node is always the same object).
import { lineIndexAt } from '../line-index.js';
import type wts from '../wts.cjs';
import { TYPES_WITH_FIELDS } from './node-types.js';

export interface Point {
  row: number;
  column: number;
}

/** Ids of nodes ever built in this process are distinct, so ids from different files never collide in a cache. */
let nextId = 1;

const PAGE_BITS = 8;
const PAGE_MASK = (1 << PAGE_BITS) - 1;

const NAMED = 1;
const MISSING = 2;
const HAS_ERROR = 4;

interface LanguageTables {
  /** Type names by type id; the ERROR symbol (0xffff) is stored as id `types.length - 1`. */
  types: string[];
  named: boolean[];
  fields: (string | null)[];
  fieldIds: Map<string, number>;
  /** Every type id with a given name (a name can be both a named and an anonymous symbol). */
  typeIds: Map<string, number[]>;
  /** By type id: whether a child can fill a field (node-types.json; true for ERROR, whose children are not listed). */
  hasFields: boolean[];
  error: number;
  /** typeIdsOf() results by the names asked for (a bounded set of literals in the rules). */
  idSets: Map<string, ReadonlySet<number>>;
}

export class SyntaxTree {
  readonly count: number;
  /** @internal Added to a node's number to make its id. */
  readonly base: number;
  /**
   * Node objects by number, in pages of 256 made when first needed. One array as long as the tree went to V8's
   * large-object space for every file of more than ~16k nodes, and such allocations are only reclaimed by full
   * collections (140 ms in this constructor alone in a CPU profile of CPython's Lib).
   */
  private readonly pages: ((SyntaxNode | undefined)[] | undefined)[];
  /** @internal `children` lists asked for (few nodes: most code asks for named children or fields). */
  childLists?: Map<number, readonly SyntaxNode[]>;
  private lineStarts?: number[];

  /** @internal built by copyTree() */
  constructor(
    readonly text: string,
    /** @internal */ readonly tables: LanguageTables,
    /** @internal */ readonly typeId: Uint16Array,
    /** @internal */ readonly fieldId: Uint16Array,
    /** @internal */ readonly start: Uint32Array,
    /** @internal */ readonly end: Uint32Array,
    /** @internal */ readonly parentOf: Int32Array,
    /** @internal */ readonly lastOf: Uint32Array,
    /** @internal */ readonly flags: Uint8Array,
    count: number,
  ) {
    this.count = count;
    this.base = nextId;
    nextId += count;
    this.pages = [];
  }

  get rootNode(): SyntaxNode {
    return this.node(0);
  }

  /** The node numbered `i` in pre-order. */
  node(i: number): SyntaxNode {
    const page = (this.pages[i >> PAGE_BITS] ??= new Array<SyntaxNode | undefined>(1 << PAGE_BITS));
    return (page[i & PAGE_MASK] ??= new SyntaxNode(this, i));
  }

  /** Type ids whose name is one of `types` (names the grammar does not have are ignored). Shared: do not mutate. */
  typeIdsOf(types: string | readonly string[]): ReadonlySet<number> {
    const key = typeof types === 'string' ? types : types.length === 1 ? types[0]! : types.join(' ');
    let ids = this.tables.idSets.get(key);
    if (!ids) {
      const set = new Set<number>();
      for (const t of typeof types === 'string' ? [types] : types) for (const id of this.tables.typeIds.get(t) ?? []) set.add(id);
      if (this.tables.idSets.size >= 1000) this.tables.idSets.clear();
      this.tables.idSets.set(key, (ids = set));
    }
    return ids;
  }

  /** Row and column (UTF-16 code units, as web-tree-sitter counts them) of an offset; rows end at `\n` only. */
  position(index: number): Point {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    const row = lineIndexAt(starts, index);
    return { row, column: index - starts[row]! };
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

export class SyntaxNode {
  // A file's rules make node objects for about half its nodes, and each lives as long as its tree: the object holds
  // only what most nodes need (its id is computed, and the rarely asked `children` list is kept by the tree).
  private named?: readonly SyntaxNode[];
  private textOf?: string;

  /** @internal made by SyntaxTree.node() */
  constructor(
    readonly tree: SyntaxTree,
    /** Pre-order number; the node's descendants are numbered `order + 1 .. last`. */
    readonly order: number,
  ) {}

  /** Unique among the nodes of every tree built in this process (ids of different files never collide in a cache). */
  get id(): number {
    return this.tree.base + this.order;
  }

  get type(): string {
    return this.tree.tables.types[this.tree.typeId[this.order]!]!;
  }

  /** The field this node fills in its parent (`function`, `arguments`, …), or null. */
  get field(): string | null {
    return this.tree.tables.fields[this.tree.fieldId[this.order]!] ?? null;
  }

  get isNamed(): boolean {
    return (this.tree.flags[this.order]! & NAMED) !== 0;
  }

  get isMissing(): boolean {
    return (this.tree.flags[this.order]! & MISSING) !== 0;
  }

  get hasError(): boolean {
    return (this.tree.flags[this.order]! & HAS_ERROR) !== 0;
  }

  get startIndex(): number {
    return this.tree.start[this.order]!;
  }

  get endIndex(): number {
    return this.tree.end[this.order]!;
  }

  /** Pre-order number of the last descendant (the node itself when it is a leaf). */
  get last(): number {
    return this.tree.lastOf[this.order]!;
  }

  get parent(): SyntaxNode | null {
    const p = this.tree.parentOf[this.order]!;
    return p < 0 ? null : this.tree.node(p);
  }

  get text(): string {
    // Kept: rules ask the same node's text many times, and a kept string also keeps its hash for the Map lookups
    // (memoised name tests) that follow.
    return (this.textOf ??= this.tree.text.slice(this.tree.start[this.order], this.tree.end[this.order]));
  }

  get startPosition(): Point {
    return this.tree.position(this.startIndex);
  }

  get endPosition(): Point {
    return this.tree.position(this.endIndex);
  }

  get children(): readonly SyntaxNode[] {
    const { tree } = this;
    const lists = (tree.childLists ??= new Map());
    const known = lists.get(this.order);
    if (known) return known;
    const { lastOf } = tree;
    const last = lastOf[this.order]!;
    const out: SyntaxNode[] = [];
    for (let j = this.order + 1; j <= last; j = lastOf[j]! + 1) out.push(tree.node(j));
    lists.set(this.order, out);
    return out;
  }

  get namedChildren(): readonly SyntaxNode[] {
    if (this.named) return this.named;
    // Straight from the arrays: no node objects for the punctuation between named children.
    const { tree } = this;
    const { lastOf, flags } = tree;
    const last = lastOf[this.order]!;
    const out: SyntaxNode[] = [];
    for (let j = this.order + 1; j <= last; j = lastOf[j]! + 1) if (flags[j]! & NAMED) out.push(tree.node(j));
    return (this.named = out);
  }

  get childCount(): number {
    const { lastOf } = this.tree;
    const last = lastOf[this.order]!;
    let n = 0;
    for (let j = this.order + 1; j <= last; j = lastOf[j]! + 1) n++;
    return n;
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
    const { tree } = this;
    const fid = tree.tables.fieldIds.get(field);
    if (fid === undefined) return null;
    const { lastOf, fieldId } = tree;
    const last = lastOf[this.order]!;
    for (let j = this.order + 1; j <= last; j = lastOf[j]! + 1) if (fieldId[j] === fid) return tree.node(j);
    return null;
  }

  childrenForFieldName(field: string): SyntaxNode[] {
    const { tree } = this;
    const fid = tree.tables.fieldIds.get(field);
    const out: SyntaxNode[] = [];
    if (fid === undefined) return out;
    const { lastOf, fieldId } = tree;
    const last = lastOf[this.order]!;
    for (let j = this.order + 1; j <= last; j = lastOf[j]! + 1) if (fieldId[j] === fid) out.push(tree.node(j));
    return out;
  }

  get nextSibling(): SyntaxNode | null {
    const { tree } = this;
    const p = tree.parentOf[this.order]!;
    if (p < 0) return null;
    const j = tree.lastOf[this.order]! + 1;
    return j <= tree.lastOf[p]! ? tree.node(j) : null;
  }

  get previousSibling(): SyntaxNode | null {
    const siblings = this.parent?.children;
    if (!siblings) return null;
    const i = siblings.indexOf(this);
    return siblings[i - 1] ?? null;
  }

  get nextNamedSibling(): SyntaxNode | null {
    const { tree } = this;
    const p = tree.parentOf[this.order]!;
    if (p < 0) return null;
    const end = tree.lastOf[p]!;
    for (let j = tree.lastOf[this.order]! + 1; j <= end; j = tree.lastOf[j]! + 1) if (tree.flags[j]! & NAMED) return tree.node(j);
    return null;
  }

  get previousNamedSibling(): SyntaxNode | null {
    const siblings = this.parent?.children;
    if (!siblings) return null;
    for (let i = siblings.indexOf(this) - 1; i >= 0; i--) if (siblings[i]!.isNamed) return siblings[i]!;
    return null;
  }

  /** This node and its descendants of the given types, in document order. */
  descendantsOfType(types: string | readonly string[]): SyntaxNode[] {
    const { tree } = this;
    const ids = tree.typeIdsOf(types);
    const out: SyntaxNode[] = [];
    if (ids.size === 0) return out;
    const last = tree.lastOf[this.order]!;
    const typeId = tree.typeId;
    if (ids.size === 1) {
      const [only] = ids;
      for (let i = this.order; i <= last; i++) if (typeId[i] === only) out.push(tree.node(i));
      return out;
    }
    for (let i = this.order; i <= last; i++) if (ids.has(typeId[i]!)) out.push(tree.node(i));
    return out;
  }

  /** Every descendant in document order, the node itself first. */
  *descendants(): Generator<SyntaxNode> {
    const last = this.last;
    for (let i = this.order; i <= last; i++) yield this.tree.node(i);
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

const tablesByLanguage = new WeakMap<object, LanguageTables>();

function tablesOf(language: wts.Language): LanguageTables {
  let t = tablesByLanguage.get(language);
  if (!t) {
    const types = [...language.types].map((name) => name ?? 'ERROR');
    const named = types.map((_, id) => language.nodeTypeIsNamed(id));
    types.push('ERROR');
    named.push(true);
    const fields = [...language.fields];
    const fieldIds = new Map<string, number>();
    fields.forEach((f, id) => {
      if (f && !fieldIds.has(f)) fieldIds.set(f, id);
    });
    const typeIds = new Map<string, number[]>();
    types.forEach((name, id) => typeIds.set(name, [...(typeIds.get(name) ?? []), id]));
    const withFields = new Set(TYPES_WITH_FIELDS);
    const hasFields = types.map((name, id) => id === types.length - 1 || name === 'ERROR' || withFields.has(name));
    t = { types, named, fields, fieldIds, typeIds, hasFields, error: types.length - 1, idSets: new Map() };
    tablesByLanguage.set(language, t);
  }
  return t;
}

const ERROR_SYMBOL = 0xffff;

/** Copies a web-tree-sitter tree into a SyntaxTree. The caller still owns (and deletes) the WASM tree. */
export function copyTree(tree: wts.Tree, text: string, module?: WasmModule): SyntaxTree {
  const tables = tablesOf(tree.language);
  let capacity = Math.max(16, tree.rootNode.descendantCount + 1);
  let typeId = new Uint16Array(capacity);
  let fieldId = new Uint16Array(capacity);
  let start = new Uint32Array(capacity);
  let end = new Uint32Array(capacity);
  let parentOf = new Int32Array(capacity);
  let lastOf = new Uint32Array(capacity);
  let flags = new Uint8Array(capacity);
  const grow = () => {
    capacity *= 2;
    const more = <T extends Uint16Array | Uint32Array | Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(capacity);
      b.set(a);
      return b;
    };
    typeId = more(typeId, (n) => new Uint16Array(n));
    fieldId = more(fieldId, (n) => new Uint16Array(n));
    start = more(start, (n) => new Uint32Array(n));
    end = more(end, (n) => new Uint32Array(n));
    parentOf = more(parentOf, (n) => new Int32Array(n));
    lastOf = more(lastOf, (n) => new Uint32Array(n));
    flags = more(flags, (n) => new Uint8Array(n));
  };
  let count = 0;
  const cursor = tree.rootNode.walk();
  const w = module ? wasmWalker(module, cursor, tree) : publicWalker(cursor);
  try {
    const visit = (parent: number): number => {
      if (count === capacity) grow();
      const i = count++;
      const raw = w.typeId();
      const s = w.start();
      const e = w.end();
      const isError = raw === ERROR_SYMBOL;
      const t = isError ? tables.error : raw;
      typeId[i] = t;
      // Most parents (block, module, argument_list…) have no fields: skip the call for their children.
      fieldId[i] = parent >= 0 && tables.hasFields[typeId[parent]!] ? w.fieldId() : 0;
      start[i] = s;
      end[i] = e;
      parentOf[i] = parent;
      lastOf[i] = i;
      const missing = s === e && w.isMissing();
      // An ERROR node is named when recovery wrapped nodes in it, anonymous when it is a stray token.
      const named = isError ? w.isNamed() : (tables.named[t] ?? true);
      flags[i] = (named ? NAMED : 0) | (missing ? MISSING : 0) | (missing || isError ? HAS_ERROR : 0);
      return i;
    };
    const close = (i: number): void => {
      lastOf[i] = count - 1;
      const p = parentOf[i]!;
      if (p >= 0 && flags[i]! & HAS_ERROR) flags[p]! |= HAS_ERROR;
    };
    let current = visit(-1);
    for (;;) {
      if (w.firstChild()) {
        current = visit(current);
        continue;
      }
      close(current);
      for (;;) {
        const parent = parentOf[current]!;
        if (parent >= 0 && w.nextSibling()) {
          current = visit(parent);
          break;
        }
        if (parent < 0 || !w.parent()) {
          return new SyntaxTree(text, tables, typeId, fieldId, start, end, parentOf, lastOf, flags, count);
        }
        current = parent;
        close(current);
      }
    }
  } finally {
    w.done();
  }
}
