// FileAnalysis: the per-file facts rules ask for (names, constants, arguments), built lazily and memoised.
import type { SyntaxNode } from '../parser/python.js';
import { callArguments, type CallArguments } from './call-arguments.js';
import { ConstantEvaluator, isDict, type ConstValue } from './constants.js';
import { isTestPath } from './file-role.js';
import { QualifiedNames } from './qualified-name.js';
import { ScopeTable } from './scopes.js';

export interface KeywordValue {
  /** The keyword is passed, directly or through a constant `**dict`. */
  present: boolean;
  /** The argument expression when passed directly. */
  node?: SyntaxNode;
  /** Its folded value, when known. */
  value?: ConstValue;
  /** Keywords may also arrive through a `**kwargs` whose content is unknown. */
  maybeInUnknownSplat: boolean;
}

export class FileAnalysis {
  readonly isTestFile: boolean;
  private scopeTable?: ScopeTable;
  private names?: QualifiedNames;
  private evaluator?: ConstantEvaluator;
  private lineStarts?: number[];

  constructor(
    readonly root: SyntaxNode,
    readonly source: string,
    readonly path: string,
  ) {
    this.isTestFile = isTestPath(path);
  }

  get scopes(): ScopeTable {
    this.scopeTable ??= new ScopeTable(this.root, this.path);
    return this.scopeTable;
  }

  qualifiedName(node: SyntaxNode): string | undefined {
    this.names ??= new QualifiedNames(this.scopes, (n) => this.stringValue(n));
    return this.names.qualifiedName(node);
  }

  /** Qualified name of the function a call invokes ("subprocess.run"). */
  callee(call: SyntaxNode): string | undefined {
    const fn = call.childForFieldName('function');
    return fn ? this.qualifiedName(fn) : undefined;
  }

  constantValue(node: SyntaxNode | null | undefined): ConstValue | undefined {
    this.evaluator ??= new ConstantEvaluator(
      {
        valueOfName: (id) => this.valueOfName(id),
        qualifiedName: (n) => this.qualifiedName(n),
      },
      this.source,
    );
    return this.evaluator.value(node);
  }

  stringValue(node: SyntaxNode | null | undefined): string | undefined {
    const v = this.constantValue(node);
    return typeof v === 'string' ? v : undefined;
  }

  arguments(call: SyntaxNode): CallArguments {
    return callArguments(call);
  }

  /** The argument at a position or passed by keyword. */
  argument(call: SyntaxNode, position: number | undefined, keyword: string | undefined): SyntaxNode | undefined {
    const args = callArguments(call);
    if (keyword !== undefined) {
      const kw = args.keywords.get(keyword);
      if (kw) return kw;
    }
    return position !== undefined ? args.positional[position] : undefined;
  }

  /** A keyword argument, passed directly or inside a `**{...}` dict whose keys are constant. */
  keyword(call: SyntaxNode, name: string): KeywordValue {
    const args = callArguments(call);
    const direct = args.keywords.get(name);
    if (direct) return { present: true, node: direct, value: this.constantValue(direct), maybeInUnknownSplat: false };
    let unknown = false;
    for (const splat of args.dictSplats) {
      const dict = this.constantValue(splat);
      if (isDict(dict)) {
        if (dict.has(name)) return { present: true, value: dict.get(name), maybeInUnknownSplat: false };
      } else {
        const literal = this.dictLiteralEntry(splat, name);
        if (literal) return { present: true, node: literal, value: this.constantValue(literal), maybeInUnknownSplat: false };
        unknown = true;
      }
    }
    return { present: false, maybeInUnknownSplat: unknown };
  }

  /** The source line (without its line break) of a 1-based line number. */
  line(lineNumber: number): string {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = 0; i < this.source.length; i++) if (this.source.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
    const start = this.lineStarts[lineNumber - 1];
    if (start === undefined) return '';
    const end = this.lineStarts[lineNumber] ?? this.source.length;
    return this.source.slice(start, end).replace(/\r?\n$/, '').replace(/\r$/, '');
  }

  /** `x` in `x = value` when bound exactly once with a known value (the foundation's constant propagation). */
  private valueOfName(identifier: SyntaxNode): SyntaxNode | undefined {
    const found = this.scopes.lookup(identifier.text, identifier);
    if (!found) return undefined;
    const bindings = found.bindings;
    if (bindings.length !== 1) return undefined;
    const only = bindings[0]!;
    return (only.kind === 'assign' || only.kind === 'walrus') && only.value ? only.value : undefined;
  }

  /** `**{"verify": False}` or `**opts` where opts = {...} with a non-constant value under the key. */
  private dictLiteralEntry(splat: SyntaxNode, key: string): SyntaxNode | undefined {
    let dict: SyntaxNode | undefined = splat;
    if (dict.type === 'identifier') dict = this.valueOfName(dict);
    if (!dict || dict.type !== 'dictionary') return undefined;
    for (const pair of dict.namedChildren) {
      if (pair?.type !== 'pair') continue;
      if (this.constantValue(pair.childForFieldName('key')) === key) return pair.childForFieldName('value') ?? undefined;
    }
    return undefined;
  }
}
