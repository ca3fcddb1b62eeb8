// FileAnalysis: the per-file facts rules ask for (names, constants, arguments), built lazily and memoised.
import type { SyntaxNode } from '../parser/python.js';
import { argumentUses, type ArgumentUse } from './argument-uses.js';
import { boundValues, originCalls, type BoundValue } from './bound-values.js';
import { alternativeBranches } from './branches.js';
import { callArguments, type CallArguments } from './call-arguments.js';
import { CallIndex } from './call-index.js';
import { baseClassNames } from './class-bases.js';
import { ConstantEvaluator, isDict, type ConstValue } from './constants.js';
import { enclosingFunction } from './enclosing-function.js';
import { checkUse, type CheckUse } from './check-use.js';
import { fileTypeCheck } from './file-type-checks.js';
import { EnvDefaults, type UnsetValue } from './env-default.js';
import { isTestPath } from './file-role.js';
import { instanceAttributeValues } from './instance-attributes.js';
import { isUnderMainGuard } from './main-guard.js';
import { NameCandidates } from './name-candidates.js';
import { methodCallsOn } from './object-uses.js';
import { QualifiedNames } from './qualified-name.js';
import { ScopeTable } from './scopes.js';
import { describeSettingsModule, type SettingsModuleInfo } from './settings-module.js';
import { PossibleValues } from './possible-values.js';
import { RecordWrites, type RecordWrite } from './orm-writes.js';
import { NameReferences } from './name-references.js';
import { ProcessLaunches, type ProcessLaunch } from './process-launch.js';
import { pipInstallCommands, type PipInstallCommand } from './pip-command.js';
import { downloadResponse, downloadSource } from './downloaded-content.js';
import { reachingBindings } from './reaching-bindings.js';
import { PrefixEvaluator, type KnownPrefix } from './string-prefix.js';
import { StringTemplates, type StringTemplate, type StringTemplateOptions } from './string-template.js';
import { analyseTaint, type TaintResult } from './taint/index.js';
import type { ExternalResolver } from './taint/interpreter.js';
import { valueDestination, type ValueDestination } from './value-destination.js';
import { valueSources, type ValueSource } from './value-sources.js';
import { valueUses, type ValueUse } from './value-uses.js';

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

/** `a.b.c` as its root identifier and attribute names; undefined for anything but a plain name chain. */
function accessPath(node: SyntaxNode): { root: SyntaxNode; attrs: string[] } | undefined {
  const attrs: string[] = [];
  let cur: SyntaxNode | null = node;
  while (cur?.type === 'attribute') {
    const attr = cur.childForFieldName('attribute');
    if (!attr) return undefined;
    attrs.unshift(attr.text);
    cur = cur.childForFieldName('object');
  }
  return cur?.type === 'identifier' ? { root: cur, attrs } : undefined;
}

export class FileAnalysis {
  readonly isTestFile: boolean;
  private scopeTable?: ScopeTable;
  private names?: QualifiedNames;
  private evaluator?: ConstantEvaluator;
  private lineStarts?: number[];
  private taintResult?: TaintResult;
  private callIndex?: CallIndex;
  private prefixes?: PrefixEvaluator;
  private importedModules?: Set<string>;
  private importedPackages?: Set<string>;
  private candidates?: NameCandidates;
  private possible?: PossibleValues;
  private templates?: StringTemplates;
  private launches?: ProcessLaunches;
  private nameReferences?: NameReferences;
  private settingsInfo?: SettingsModuleInfo;
  private envDefaults?: EnvDefaults;
  private recordWrites?: RecordWrites;

  constructor(
    readonly root: SyntaxNode,
    readonly source: string,
    readonly path: string,
    /** Summaries of functions imported from other files of the repository (data flow across files). */
    readonly external?: ExternalResolver,
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

  /** Every value a name may hold at this use (assignments, `with … as name`); undefined when any is unknown. */
  boundValues(identifier: SyntaxNode): BoundValue[] | undefined {
    return identifier.type === 'identifier' ? boundValues(this.scopes, identifier) : undefined;
  }

  /** The calls that created the object an expression stands for (itself, or what its name was bound to). */
  originCalls(expr: SyntaxNode): SyntaxNode[] | undefined {
    return originCalls(this.scopes, (c) => this.callee(c), expr);
  }

  /** The node of the innermost scope holding node: its function, lambda, class or comprehension, or the module. */
  scopeNode(node: SyntaxNode): SyntaxNode {
    return this.scopes.scopeOf(node).node;
  }

  /** Calls inside a subtree, in document order (one index per file, built on first use). */
  callsWithin(node: SyntaxNode): SyntaxNode[] {
    this.callIndex ??= new CallIndex(this.root, (c) => this.callee(c));
    return this.callIndex.within(node);
  }

  /** Calls anywhere in the file whose callee resolves to the qualified name. */
  callsTo(name: string): SyntaxNode[] {
    this.callIndex ??= new CallIndex(this.root, (c) => this.callee(c));
    return this.callIndex.to(name);
  }

  /** Blocks that run instead of node's branch: sibling if/elif/else bodies, the try body of an except handler. */
  alternativeBranches(node: SyntaxNode): SyntaxNode[] {
    return alternativeBranches(node);
  }

  /** The fixed leading text of a str or pathlib expression (f-strings, +, %, format, os.path.join, Path / …). */
  knownPrefix(node: SyntaxNode | null | undefined): KnownPrefix | undefined {
    this.prefixes ??= new PrefixEvaluator(
      {
        constantValue: (n) => this.constantValue(n),
        qualifiedName: (n) => this.qualifiedName(n),
        valueOfName: (id) => this.valueOfName(id),
      },
      this.source,
    );
    return this.prefixes.prefix(node);
  }

  /** Some scope of the file imports the module or one of its members (`import tarfile`, `from tarfile import open`). */
  importsModule(name: string): boolean {
    if (!this.importedModules) {
      this.importedModules = new Set();
      for (const scope of this.scopes.allScopes()) {
        for (const m of scope.wildcardImports) this.importedModules.add(m);
        for (const list of scope.bindings.values()) {
          for (const b of list) {
            if (b.kind !== 'import' || !b.qualified) continue;
            const parts = b.qualified.split('.');
            for (let i = 1; i <= parts.length; i++) this.importedModules.add(parts.slice(0, i).join('.'));
          }
        }
      }
    }
    return this.importedModules.has(name);
  }

  /**
   * Some scope imports the top-level package or anything in it, a `*` import included (`from Crypto.Cipher import *`
   * counts for `Crypto`). Every qualified name of the file that is not a builtin starts with such a package, so a rule
   * can skip resolving names in files that import none of the packages it looks for.
   */
  importsPackage(root: string): boolean {
    if (!this.importedPackages) {
      this.importedPackages = new Set();
      for (const scope of this.scopes.allScopes()) {
        for (const m of scope.wildcardImports) this.importedPackages.add(m.split('.')[0]!);
        for (const list of scope.bindings.values()) {
          for (const b of list) if (b.kind === 'import' && b.qualified) this.importedPackages.add(b.qualified.split('.')[0]!);
        }
      }
    }
    return this.importedPackages.has(root);
  }

  /** Values assigned anywhere in the file to an attribute whose target resolves to the qualified name. */
  attributeAssignments(name: string): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (const a of this.scopes.attributeAssignments) if (a.value && this.qualifiedName(a.target) === name) out.push(a.value);
    return out;
  }

  /** Every qualified name an expression may stand for across all its bindings (try/except imports, branches); undefined when one is unknown. */
  qualifiedNameCandidates(node: SyntaxNode): readonly string[] | undefined {
    this.candidates ??= new NameCandidates(this.scopes, (n) => this.qualifiedName(n));
    return this.candidates.candidates(node);
  }

  /** qualifiedNameCandidates() of the function a call invokes. */
  calleeCandidates(call: SyntaxNode): readonly string[] | undefined {
    const fn = call.childForFieldName('function');
    return fn ? this.qualifiedNameCandidates(fn) : undefined;
  }

  /** For a name bound to a class defined in this file, the qualified names of its external ancestors. */
  baseClassNames(node: SyntaxNode): string[] | undefined {
    return baseClassNames(node, this.scopes, (n) => this.qualifiedNameCandidates(n));
  }

  /** Where an expression's value goes one step away: names it is assigned to or passed as, the receiving call. */
  valueDestination(node: SyntaxNode): ValueDestination {
    return valueDestination(node, { qualifiedName: (n) => this.qualifiedName(n), stringValue: (n) => this.stringValue(n) });
  }

  /** The calls matching isSource whose results the value of expr is built from (joins, formatting, conversions, local names). */
  valueSources(expr: SyntaxNode, isSource: (call: SyntaxNode) => boolean): ValueSource[] {
    return valueSources(expr, isSource, { callee: (c) => this.callee(c), boundValues: (id) => this.boundValues(id), constantValue: (n) => this.constantValue(n) });
  }

  /** Where a value is consumed (comparison, argument, key, return), through local names, text methods and conversions. */
  valueUses(expr: SyntaxNode): ValueUse[] {
    return valueUses(expr, { callee: (c) => this.callee(c), references: (id) => this.references(id) });
  }

  /** For `name = value`: the calls in the same function that pass `name` (still holding value) as an argument. */
  argumentUses(value: SyntaxNode): ArgumentUse[] {
    return argumentUses(value, {
      root: this.root,
      enclosingFunction: (n) => this.enclosingFunction(n),
      callsWithin: (n) => this.callsWithin(n),
      boundValues: (id) => this.boundValues(id),
    });
  }

  /** For `self.attr` in a method: the values assigned to `self.attr` in every method of the class (and a class-body `attr = …`). */
  instanceAttributeValues(node: SyntaxNode): SyntaxNode[] | undefined {
    return instanceAttributeValues(node, this.scopes);
  }

  /** Method calls made on the object a constructor call creates: chained, through the name or `self.attr` it was assigned to. */
  methodCallsOn(creation: SyntaxNode): SyntaxNode[] {
    return methodCallsOn(creation, {
      root: this.root,
      callsWithin: (n) => this.callsWithin(n),
      originCalls: (e) => this.originCalls(e),
      enclosingFunction: (n) => this.enclosingFunction(n),
    });
  }

  /** The innermost `def` whose body holds node (through lambdas and comprehensions). */
  enclosingFunction(node: SyntaxNode): SyntaxNode | undefined {
    return enclosingFunction(node, this.scopes);
  }

  /** How a boolean check is used: failing it rejects, it is a predicate's result, or it only picks a branch (and which code runs when it passes). */
  checkUse(check: SyntaxNode, negated = false): CheckUse | undefined {
    return checkUse(check, { callee: (c) => this.callee(c), enclosingFunction: (n) => this.enclosingFunction(n) }, negated);
  }

  /** Where a function checks the type of a file it handles (extension allow-list, content type, magic bytes), directly or through a helper of this file. */
  fileTypeCheck(scope: SyntaxNode): SyntaxNode | undefined {
    return fileTypeCheck(scope, {
      callee: (c) => this.callee(c),
      constantValue: (n) => this.constantValue(n),
      boundValues: (id) => this.boundValues(id),
      localFunction: (call) => {
        const fn = call.childForFieldName('function');
        if (fn?.type !== 'identifier') return undefined;
        const b = this.scopes.lookup(fn.text, fn)?.bindings;
        return b?.length === 1 && b[0]!.kind === 'function' ? b[0]!.node : undefined;
      },
    });
  }

  /** The node runs only when the file is executed as a script: inside `if __name__ == "__main__":`. */
  isUnderMainGuard(node: SyntaxNode): boolean {
    return isUnderMainGuard(node, (n) => this.stringValue(n));
  }

  /** Every constant an expression may evaluate to (choices, constant loops and tables, allow-list guards); undefined when not a known finite set. */
  possibleValues(node: SyntaxNode | null | undefined): ConstValue[] | undefined {
    if (!node) return undefined;
    this.possible ??= new PossibleValues({
      constantValue: (n) => this.constantValue(n),
      lookup: (name, at) => this.scopes.lookup(name, at)?.bindings,
      reaching: (id) => reachingBindings(this.scopes, id),
    });
    return this.possible.values(node);
  }

  /** How a string is assembled: its constant text and the non-constant parts spliced in by +, %, format, f-strings and +=. */
  stringTemplate(node: SyntaxNode, options?: StringTemplateOptions): StringTemplate {
    this.templates ??= new StringTemplates({
      source: this.source,
      possibleValues: (n) => this.possibleValues(n),
      constantValue: (n) => this.constantValue(n),
      qualifiedName: (n) => this.qualifiedName(n),
      reaching: (id) => reachingBindings(this.scopes, id),
    });
    return this.templates.template(node, options);
  }

  /** How a call starts a process: shell command line or argv, program, PATH lookup; undefined for other calls. */
  processLaunch(call: SyntaxNode): ProcessLaunch | undefined {
    this.launches ??= new ProcessLaunches({
      scopes: this.scopes,
      callee: (c) => this.callee(c),
      keyword: (c, name) => this.keyword(c, name),
      constantValue: (n) => this.constantValue(n),
      callsWithin: (n) => this.callsWithin(n),
    });
    return this.launches.of(call);
  }

  /** The HTTP request whose response body an expression holds (`requests.get(u).text`, `urlopen(u).read()`, decoded or through names). */
  downloadSource(expr: SyntaxNode | null | undefined): SyntaxNode | undefined {
    return downloadSource(expr, this);
  }

  /** The HTTP request that created a response object (`urlopen(u)`, `r` after `r = requests.get(u)`, `r.raw`). */
  downloadResponse(expr: SyntaxNode | null | undefined): SyntaxNode | undefined {
    return downloadResponse(expr, this);
  }

  /** The `pip install` commands a call runs (subprocess, os.system, `sh -c`, `python -m pip`, `pip.main([...])`). */
  pipInstallCommands(call: SyntaxNode): PipInstallCommand[] {
    return pipInstallCommands(call, this);
  }

  /** The identifiers that read the variable a name binds (binding sites excluded), in document order. */
  references(identifier: SyntaxNode): SyntaxNode[] {
    this.nameReferences ??= new NameReferences(this.root, this.scopes);
    return this.nameReferences.of(identifier);
  }

  /**
   * Values assigned to `<object>.<attr>` where the target's object is the same access path as object (`archive`,
   * `self.tar`) rooted in the same binding scope: an instance setting such as `archive.extraction_filter = f`.
   */
  assignmentsToAttribute(object: SyntaxNode, attr: string): SyntaxNode[] {
    const path = accessPath(object);
    if (!path) return [];
    const rootScope = this.scopes.lookup(path.root.text, path.root)?.scope;
    const out: SyntaxNode[] = [];
    for (const a of this.scopes.attributeAssignments) {
      if (!a.value || a.target.childForFieldName('attribute')?.text !== attr) continue;
      const targetObject = a.target.childForFieldName('object');
      const other = targetObject ? accessPath(targetObject) : undefined;
      if (!other || other.root.text !== path.root.text || other.attrs.join('.') !== path.attrs.join('.')) continue;
      const otherScope = this.scopes.lookup(other.root.text, other.root)?.scope;
      const same = rootScope && otherScope ? rootScope === otherScope : this.scopes.scopeOf(other.root) === this.scopes.scopeOf(path.root);
      if (same) out.push(a.value);
    }
    return out;
  }

  /** The file read as a settings module: its module-level assignments, whether it holds Django settings, for development runs, or a shared base. */
  settingsModule(): SettingsModuleInfo {
    this.settingsInfo ??= describeSettingsModule(this.root, this.path, this.importsModule('django'), this.scopes.module.wildcardImports.length > 0);
    return this.settingsInfo;
  }

  /** The value of a setting expression when the environment variables it reads are unset (`os.environ.get("DEBUG", "1") == "1"` → True). */
  valueWhenUnset(node: SyntaxNode | null | undefined): UnsetValue | undefined {
    this.envDefaults ??= new EnvDefaults({
      callee: (c) => this.callee(c),
      constantValue: (n) => this.constantValue(n),
      argument: (c, p, k) => this.argument(c, p, k),
      keyword: (c, n) => this.keyword(c, n),
      originCalls: (e) => this.originCalls(e),
      qualifiedName: (n) => this.qualifiedName(n),
    });
    return this.envDefaults.valueWhenUnset(node);
  }

  /** How a call writes database record fields (model constructor, manager/query write, insert().values(), document insert) or object attributes by name. */
  recordWrite(call: SyntaxNode): RecordWrite | undefined {
    return this.records().of(call);
  }

  private records(): RecordWrites {
    return (this.recordWrites ??= new RecordWrites({ callee: (c) => this.callee(c), qualifiedName: (n) => this.qualifiedName(n), baseClassNames: (n) => this.baseClassNames(n) }));
  }

  /** The class a name stands for is an ORM model or document class (by its bases, or a `models` module it is imported from). */
  isModelClass(node: SyntaxNode): boolean {
    return this.records().isModelClass(node);
  }

  /** `x[key] = value` statements anywhere in the file, in document order. */
  subscriptAssignments(): readonly { target: SyntaxNode; value?: SyntaxNode }[] {
    return this.scopes.subscriptAssignments;
  }

  hasTaintResult(): boolean {
    return this.taintResult !== undefined;
  }

  /** Where untrusted input reaches sinks in this file (computed once, on first use). */
  taint(): TaintResult {
    this.taintResult ??= analyseTaint(this);
    return this.taintResult;
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

  /**
   * The expression a name holds at this use: the one assignment that reaches it (a later plain assignment that always
   * runs before the use hides earlier ones; see reaching-bindings.ts), or undefined when several may reach it.
   */
  private valueOfName(identifier: SyntaxNode): SyntaxNode | undefined {
    const reaching = reachingBindings(this.scopes, identifier);
    if (!reaching || reaching.length !== 1) return undefined;
    const only = reaching[0]!;
    if (only.kind !== 'assign' && only.kind !== 'walrus') return undefined;
    // A module or class name rebound inside a function (via `global`) is not a constant for other functions.
    const found = this.scopes.lookup(identifier.text, identifier);
    if (found && found.scope !== this.scopes.scopeOf(identifier) && found.bindings.length !== 1) return undefined;
    return only.value;
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
