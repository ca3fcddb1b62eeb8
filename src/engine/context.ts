// RuleContext: what a rule's visitor may ask about the file and how it reports a finding.
import type { ArgumentUse } from '../analysis/argument-uses.js';
import type { CheckUse } from '../analysis/check-use.js';
import type { BoundValue } from '../analysis/bound-values.js';
import type { CallArguments } from '../analysis/call-arguments.js';
import type { ConstValue } from '../analysis/constants.js';
import type { UnsetValue } from '../analysis/env-default.js';
import type { FileAnalysis, KeywordValue } from '../analysis/file-analysis.js';
import type { ProcessLaunch } from '../analysis/process-launch.js';
import type { PipInstallCommand } from '../analysis/pip-command.js';
import type { RecordWrite } from '../analysis/orm-writes.js';
import type { SettingsModuleInfo } from '../analysis/settings-module.js';
import type { KnownPrefix } from '../analysis/string-prefix.js';
import type { StringTemplate, StringTemplateOptions } from '../analysis/string-template.js';
import type { ValueDestination } from '../analysis/value-destination.js';
import type { ValueSource } from '../analysis/value-sources.js';
import type { ValueUse } from '../analysis/value-uses.js';
import type { TaintHit } from '../analysis/taint/index.js';
import type { SinkKind } from '../analysis/taint/value.js';
import type { SyntaxNode } from '../parser/python.js';
import { regionOf, type Finding, type FlowStep, type Region } from './finding.js';
import type { Level, Rule } from './rule.js';

export const TEST_CODE_REASON = 'test code (a tests/ folder, test_*.py, *_test.py or conftest.py): reported as a note';

export interface ReportOptions {
  /** Overrides the rule's default level for this finding (e.g. a lower level under a test guard). */
  level?: Level;
  flow?: FlowStep[];
  /** A region inside node to report instead of the whole node (one character of a long string). */
  region?: Region;
  /** Why `level` differs from the rule's default (a development settings module), for SARIF result properties. */
  levelReason?: string;
  /** Extra facts for SARIF result properties (a secret's provider sub-id); never the secret itself. */
  properties?: Record<string, string | number | boolean>;
}

export class RuleContext {
  constructor(
    private readonly file: FileAnalysis,
    private readonly rule: Rule,
    private readonly sink: (finding: Finding) => void,
  ) {}

  /** Repo-relative POSIX path of the file. */
  get path(): string {
    return this.file.path;
  }

  get source(): string {
    return this.file.source;
  }

  /** The file is test code (tests/ folder, test_*.py, *_test.py, conftest.py). */
  get isTestFile(): boolean {
    return this.file.isTestFile;
  }

  report(node: SyntaxNode, message: string, options: ReportOptions = {}): void {
    const region = options.region ?? regionOf(node);
    if (this.file.isTestFile && this.rule.inTestCode === 'silent') return;
    const inTests = this.file.isTestFile && this.rule.inTestCode !== 'keep';
    this.sink({
      ruleId: this.rule.id,
      level: inTests ? 'note' : (options.level ?? this.rule.level),
      ...(inTests ? { levelReason: TEST_CODE_REASON } : options.levelReason !== undefined && options.level !== undefined ? { levelReason: options.levelReason } : {}),
      path: this.file.path,
      region,
      message,
      // Lines holding secrets are never echoed into logs or reports.
      snippet: this.rule.family === 'secrets' ? '' : this.file.line(region.startLine),
      ...(options.flow ? { flow: options.flow } : {}),
      ...(options.properties ? { properties: options.properties } : {}),
    });
  }

  qualifiedName(node: SyntaxNode): string | undefined {
    return this.file.qualifiedName(node);
  }

  /** Qualified name of the function a call invokes, e.g. "subprocess.run". */
  callee(call: SyntaxNode): string | undefined {
    return this.file.callee(call);
  }

  constantValue(node: SyntaxNode | null | undefined): ConstValue | undefined {
    return this.file.constantValue(node);
  }

  stringValue(node: SyntaxNode | null | undefined): string | undefined {
    return this.file.stringValue(node);
  }

  arguments(call: SyntaxNode): CallArguments {
    return this.file.arguments(call);
  }

  argument(call: SyntaxNode, position: number | undefined, keyword?: string): SyntaxNode | undefined {
    return this.file.argument(call, position, keyword);
  }

  keyword(call: SyntaxNode, name: string): KeywordValue {
    return this.file.keyword(call, name);
  }

  /** Every value a name may hold at this use (assignments, `with … as name`); undefined when any is unknown. */
  boundValues(identifier: SyntaxNode): BoundValue[] | undefined {
    return this.file.boundValues(identifier);
  }

  /** The calls that created the object an expression stands for: `tarfile.open(p)` for `tf` in `with tarfile.open(p) as tf`. */
  originCalls(expr: SyntaxNode): SyntaxNode[] | undefined {
    return this.file.originCalls(expr);
  }

  /** The innermost function, lambda, class or comprehension holding node, or the module. */
  scopeNode(node: SyntaxNode): SyntaxNode {
    return this.file.scopeNode(node);
  }

  /** Calls inside a subtree (e.g. a sibling branch), in document order. */
  callsWithin(node: SyntaxNode): SyntaxNode[] {
    return this.file.callsWithin(node);
  }

  /** Calls anywhere in the file whose callee resolves to the qualified name. */
  callsTo(name: string): SyntaxNode[] {
    return this.file.callsTo(name);
  }

  /** Blocks that run instead of node's branch: sibling if/elif/else bodies, the try body of an except handler. */
  alternativeBranches(node: SyntaxNode): SyntaxNode[] {
    return this.file.alternativeBranches(node);
  }

  /** The fixed leading text of a str or pathlib expression, even when its tail is computed at run time. */
  knownPrefix(node: SyntaxNode | null | undefined): KnownPrefix | undefined {
    return this.file.knownPrefix(node);
  }

  /** The file imports the module or one of its members, in any scope. */
  importsModule(name: string): boolean {
    return this.file.importsModule(name);
  }

  /** How a call writes database record fields or object attributes by name (see orm-writes.ts); memoised per file. */
  recordWrite(call: SyntaxNode): RecordWrite | undefined {
    return this.file.recordWrite(call);
  }

  /** The class a name stands for is an ORM model or document class. */
  isModelClass(node: SyntaxNode): boolean {
    return this.file.isModelClass(node);
  }

  /** The file imports the top-level package or anything in it (a `*` import too): no other file has a qualified name in it. */
  importsPackage(root: string): boolean {
    return this.file.importsPackage(root);
  }

  /** Values assigned to `<object>.<attr>` for the same variable or `self.x` path in the same scope (`tar.extraction_filter = f`). */
  assignmentsToAttribute(object: SyntaxNode, attr: string): SyntaxNode[] {
    return this.file.assignmentsToAttribute(object, attr);
  }

  /** Values assigned anywhere in the file to the attribute with this qualified name (`tarfile.TarFile.extraction_filter`). */
  attributeAssignments(name: string): SyntaxNode[] {
    return this.file.attributeAssignments(name);
  }

  /** Every qualified name an expression may stand for across all its bindings (`try: import cPickle as pickle / except: import pickle`); undefined when one is unknown. */
  qualifiedNameCandidates(node: SyntaxNode): readonly string[] | undefined {
    return this.file.qualifiedNameCandidates(node);
  }

  /** qualifiedNameCandidates() of the function a call invokes. */
  calleeCandidates(call: SyntaxNode): readonly string[] | undefined {
    return this.file.calleeCandidates(call);
  }

  /** For a name bound to a class defined in this file, the qualified names of its external ancestors (`yaml.SafeLoader`). */
  baseClassNames(node: SyntaxNode): string[] | undefined {
    return this.file.baseClassNames(node);
  }

  /** Where an expression's value goes one step away: names it is assigned to or passed as, the receiving call. */
  valueDestination(node: SyntaxNode): ValueDestination {
    return this.file.valueDestination(node);
  }

  /** The calls matching isSource whose results the value of expr is built from: `"".join(random.choice(c) for _ in r)`, `str(x)`, f-strings, `+`, hashes, and local names bound to such values. */
  valueSources(expr: SyntaxNode, isSource: (call: SyntaxNode) => boolean): ValueSource[] {
    return this.file.valueSources(expr, isSource);
  }

  /** Where a value is consumed (comparison, argument, subscript key, return…), following local names, `.split()`/`.strip()`, `ipaddress.ip_address()` and string building. */
  valueUses(expr: SyntaxNode): ValueUse[] {
    return this.file.valueUses(expr);
  }

  /** For `name = value`: the calls in the same function that pass `name` (still holding value) as an argument. */
  argumentUses(value: SyntaxNode): ArgumentUse[] {
    return this.file.argumentUses(value);
  }

  /** For `self.attr` in a method: the values assigned to `self.attr` in every method of the class (and a class-body `attr = …`). */
  instanceAttributeValues(node: SyntaxNode): SyntaxNode[] | undefined {
    return this.file.instanceAttributeValues(node);
  }

  /** Method calls made on the object a constructor call creates: `env.get_template(…)` after `env = Environment()`, chained calls, `self.env.…` in the same class. */
  methodCallsOn(creation: SyntaxNode): SyntaxNode[] {
    return this.file.methodCallsOn(creation);
  }

  /** The innermost `def` whose body holds node (through lambdas and comprehensions). */
  enclosingFunction(node: SyntaxNode): SyntaxNode | undefined {
    return this.file.enclosingFunction(node);
  }

  /** How a boolean check is used: failing it rejects (raise, abort, return), it is what a predicate returns, or it only picks a branch; with the code that runs when it passes. */
  checkUse(check: SyntaxNode, negated = false): CheckUse | undefined {
    return this.file.checkUse(check, negated);
  }

  /** Where a function checks the type of a file it handles (extension allow-list, content type, magic bytes), directly or through a helper of this file. */
  fileTypeCheck(scope: SyntaxNode): SyntaxNode | undefined {
    return this.file.fileTypeCheck(scope);
  }

  /** The node runs only when the file is executed as a script: inside `if __name__ == "__main__":`. */
  isUnderMainGuard(node: SyntaxNode): boolean {
    return this.file.isUnderMainGuard(node);
  }

  /** Every constant an expression may evaluate to (`"a" if c else "b"`, `TABLE[key]`, a name guarded by `in ALLOWED`); undefined when not a known finite set. */
  possibleValues(node: SyntaxNode | null | undefined): ConstValue[] | undefined {
    return this.file.possibleValues(node);
  }

  /** How a call starts a process: through a shell (command line) or directly (argv, program, PATH lookup); undefined for other calls. */
  processLaunch(call: SyntaxNode): ProcessLaunch | undefined {
    return this.file.processLaunch(call);
  }

  /** The HTTP request (`requests.get(…)`, `urlopen(…)`) whose response body an expression holds, through names, decoding and decompression. */
  downloadSource(expr: SyntaxNode | null | undefined): SyntaxNode | undefined {
    return this.file.downloadSource(expr);
  }

  /** The HTTP request that created a response object (`urlopen(u)`, `r` after `r = requests.get(u)`, `r.raw`). */
  downloadResponse(expr: SyntaxNode | null | undefined): SyntaxNode | undefined {
    return this.file.downloadResponse(expr);
  }

  /** The `pip install` commands a call runs (subprocess, os.system, `sh -c`, `python -m pip`, `pip.main([...])`), with their words. */
  pipInstallCommands(call: SyntaxNode): PipInstallCommand[] {
    return this.file.pipInstallCommands(call);
  }

  /** The identifiers that read the variable a name binds (binding sites excluded), in document order. */
  references(identifier: SyntaxNode): SyntaxNode[] {
    return this.file.references(identifier);
  }

  /** How a string is assembled: constant text plus the non-constant parts spliced in by +, %, format, f-strings and +=, through local names. */
  stringTemplate(node: SyntaxNode, options?: StringTemplateOptions): StringTemplate {
    return this.file.stringTemplate(node, options);
  }

  /** The file read as a settings module: module-level assignments, Django settings or not, development-only, a shared base. */
  settingsModule(): SettingsModuleInfo {
    return this.file.settingsModule();
  }

  /** The value of a setting expression when the environment variables it reads are unset: `os.environ.get("DEBUG", "True")`, decouple `config(..., default=True, cast=bool)`, django-environ defaults. */
  valueWhenUnset(node: SyntaxNode | null | undefined): UnsetValue | undefined {
    return this.file.valueWhenUnset(node);
  }

  /** `x[key] = value` statements anywhere in the file (`app.config["MAX_CONTENT_LENGTH"] = …`). */
  subscriptAssignments(): readonly { target: SyntaxNode; value?: SyntaxNode }[] {
    return this.file.subscriptAssignments();
  }

  /** Where untrusted input reaches a sink of one of these kinds in this file (data flow, computed once per file). */
  taintHits(kinds: readonly SinkKind[]): TaintHit[] {
    return this.file.taint().hits.filter((h) => kinds.includes(h.kind));
  }
}
