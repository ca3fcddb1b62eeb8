// Finding: one reported problem with a 1-based region; the one place 0-based tree positions become 1-based.
import type { SyntaxNode } from '../parser/python.js';
import type { Level } from './rule.js';

/** 1-based lines and columns; columns count UTF-16 code units and endColumn is exclusive (SARIF's convention). */
export interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface FlowStep {
  region: Region;
  message: string;
  /** Repo-relative path when the step is in another file than the finding. */
  path?: string;
}

export interface Finding {
  ruleId: string;
  level: Level;
  /** Repo-relative POSIX path. */
  path: string;
  region: Region;
  message: string;
  /** The source line the finding starts on (trimmed of its line break), for text output and summaries. */
  snippet: string;
  /** Source → steps → sink, for SARIF codeFlows. */
  flow?: FlowStep[];
  /** GitHub's primaryLocationLineHash of the start line (set when the file was read from disk). */
  fingerprint?: string;
  /** Why the level differs from the rule's default (e.g. test code), shown in SARIF result properties. */
  levelReason?: string;
  /** Extra facts for SARIF result properties (e.g. a secret's provider sub-id); never the secret itself. */
  properties?: Record<string, string | number | boolean>;
  /** Extra SARIF partialFingerprints that tell apart results of one rule on the same line (one per advisory of a dependency). */
  extraFingerprints?: Record<string, string>;
  /** For a Jupyter notebook: the 1-based code cell (counting every cell) and line within it where the finding starts. */
  notebookCell?: { cell: number; line: number };
  /** Set when an inline comment suppresses the finding (it is then left out of gates, annotations and, by default, SARIF). */
  suppression?: { kind: 'krait' | 'nosec' | 'noqa' | 'nosemgrep' | 'lgtm' | 'codeql'; line: number; justification?: string };
  /** Set when a baseline is given: whether the finding was already in it. */
  baselineState?: 'new' | 'unchanged';
}

export function regionOf(node: SyntaxNode): Region {
  return {
    startLine: node.startPosition.row + 1,
    startColumn: node.startPosition.column + 1,
    endLine: node.endPosition.row + 1,
    endColumn: node.endPosition.column + 1,
  };
}

/** Deterministic order for every output: path, line, column, rule id, then message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    a.region.startLine - b.region.startLine ||
    a.region.startColumn - b.region.startColumn ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    a.region.endLine - b.region.endLine ||
    a.region.endColumn - b.region.endColumn ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

export const LEVEL_RANK: Record<Level, number> = { error: 3, warning: 2, note: 1 };
