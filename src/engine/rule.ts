// Rule, RuleMeta and RuleDocs types, and defineRule(), the one way a rule is declared.
import type { ChecklistSection } from '../checklist.js';
import type { PythonNodeType } from '../parser/node-types.js';
import type { SyntaxNode } from '../parser/python.js';
import type { RuleContext } from './context.js';
import type { Manifest } from '../manifests/model.js';
import type { ManifestContext } from './manifest-context.js';

export type Level = 'error' | 'warning' | 'note';
export type Precision = 'very-high' | 'high' | 'medium' | 'low';
export type Tier = 'default' | 'extended' | 'audit';

export const FAMILIES = [
  'injection',
  'deserialization',
  'secrets',
  'sensitive-data',
  'authentication',
  'cryptography',
  'file-operations',
  'web-configuration',
  'dependencies',
  'logging',
  'platform',
] as const;
export type Family = (typeof FAMILIES)[number];

export interface RuleDocs {
  /** What the rule reports, in a sentence or two. */
  whatItDoes: string;
  /** Why the pattern is dangerous. */
  whyBad: string;
  /** Code that the rule reports (the meta-test runs the rule on it): Python, or the manifest named by exampleFile. */
  example: string;
  /** The safer version of the example (the meta-test checks the rule stays silent on it). */
  useInstead: string;
  /** Links to primary references: CWE, library docs, OWASP. */
  references: string[];
  /**
   * For manifest rules: the file name the example and useInstead are written as (`requirements.txt`, `pyproject.toml`,
   * `Pipfile`, `setup.cfg`). The meta-test parses them as that manifest; the docs show them in that language.
   */
  exampleFile?: string;
}

export interface RuleMeta {
  /** kebab-case, names the hazard; never changes once released. */
  id: string;
  title: string;
  family: Family;
  checklist: ChecklistSection[];
  level: Level;
  /** GitHub's 0.1–10.0 score; avoid the exact band boundaries. */
  securitySeverity: number;
  precision: Precision;
  tier: Tier;
  cwe: number[];
  compatible: { bandit?: string[]; ruff?: string[] };
  /**
   * Level of findings in test code (tests/ folders, test_*.py, *_test.py, conftest.py). Default 'note': tests
   * legitimately use many of these patterns. 'keep' leaves the level alone for rules whose findings matter anywhere.
   * 'silent' drops them: for patterns that are the normal way to write tests (a pytest `assert`).
   */
  inTestCode?: 'note' | 'keep' | 'silent';
  /** The rule answers its question with the data-flow (taint) analysis. */
  dataFlow?: boolean;
  /** Structural rules whose findings at the same place this (data-flow) rule replaces. */
  supersedes?: string[];
  /**
   * The rule reports published vulnerabilities: it needs advisory data fetched for the run (input
   * vulnerability-check), so it is selected only when that check is on.
   */
  needsAdvisories?: boolean;
  docs: RuleDocs;
}

export type Visitor = (node: SyntaxNode, ctx: RuleContext) => void;

/** A check of one dependency manifest (requirements file, pyproject.toml, Pipfile, setup.cfg, setup.py). */
export type ManifestCheck = (manifest: Manifest, ctx: ManifestContext) => void;

export interface Rule extends RuleMeta {
  /** Node types this rule wants to see, each with its check. One tree pass dispatches them all. Empty for manifest-only rules. */
  visitors: Partial<Record<PythonNodeType, Visitor>>;
  /**
   * A cheap test run once per file before any visitor: false means the rule cannot report anything in this file (for
   * example, it checks calls into a package the file never imports), so its visitors are skipped. It must never
   * return false for a file where a visitor could report; leave it out when in doubt.
   */
  appliesTo?: (ctx: RuleContext) => boolean;
  /** Runs once per dependency manifest of the workspace (input manifests). */
  manifest?: ManifestCheck;
}

/**
 * An appliesTo gate for rules whose every report is a call or class resolved through the file's imports: the file
 * imports the top-level package of one of the names ("Crypto.Cipher.DES.new" → "Crypto"; a bare package name counts
 * as itself). Sound because qualified names only come from the file's own imports.
 */
export function importsAnyPackage(names: Iterable<string>): (ctx: RuleContext) => boolean {
  const packages = [...new Set([...names].map((name) => name.split('.')[0]!))];
  return (ctx) => packages.some((p) => ctx.importsPackage(p));
}

export function defineRule(rule: Rule): Rule {
  return Object.freeze(rule);
}
