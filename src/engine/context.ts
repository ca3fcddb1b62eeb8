// RuleContext: what a rule's visitor may ask about the file and how it reports a finding.
import type { CallArguments } from '../analysis/call-arguments.js';
import type { ConstValue } from '../analysis/constants.js';
import type { FileAnalysis, KeywordValue } from '../analysis/file-analysis.js';
import type { SyntaxNode } from '../parser/python.js';
import { regionOf, type Finding, type FlowStep } from './finding.js';
import type { Level, Rule } from './rule.js';

export interface ReportOptions {
  /** Overrides the rule's default level for this finding (e.g. a lower level under a test guard). */
  level?: Level;
  flow?: FlowStep[];
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
    const region = regionOf(node);
    this.sink({
      ruleId: this.rule.id,
      level: options.level ?? this.rule.level,
      path: this.file.path,
      region,
      message,
      snippet: this.file.line(region.startLine),
      ...(options.flow ? { flow: options.flow } : {}),
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
}
