// One pass per file: walks the tree's nodes in document order and hands each to the rules subscribed to its type.
import type { FileAnalysis } from '../analysis/file-analysis.js';
import type { SyntaxNode } from '../parser/python.js';
import { RuleContext } from './context.js';
import type { Finding } from './finding.js';
import type { Rule, Visitor } from './rule.js';

export interface RuleFailure {
  ruleId: string;
  error: unknown;
  node: SyntaxNode;
}

interface Subscription {
  rule: Rule;
  visitor: Visitor;
  ctx: RuleContext;
  /** Shared by the rule's subscriptions: set when one of its visitors throws, so the rule stops for this file. */
  state: { failed: boolean };
}

/** Runs every rule's visitors over the file; a rule that throws is recorded, never fatal to the others. */
export function runRules(file: FileAnalysis, rules: readonly Rule[], sink: (finding: Finding) => void): RuleFailure[] {
  const byType = new Map<string, Subscription[]>();
  const failures: RuleFailure[] = [];
  for (const rule of rules) {
    const ctx = new RuleContext(file, rule, sink);
    const state = { failed: false };
    if (rule.appliesTo) {
      try {
        if (!rule.appliesTo(ctx)) continue;
      } catch (error) {
        failures.push({ ruleId: rule.id, error, node: file.root });
        continue;
      }
    }
    for (const [type, visitor] of Object.entries(rule.visitors)) {
      if (!visitor) continue;
      const list = byType.get(type);
      const sub = { rule, visitor, ctx, state };
      if (list) list.push(sub);
      else byType.set(type, [sub]);
    }
  }
  if (byType.size === 0) return failures;
  // Subscriptions by type id, so the loop over the tree's nodes compares numbers and makes node objects only for
  // the nodes some rule asked for.
  const root = file.root;
  const tree = root.tree;
  const byId: (Subscription[] | undefined)[] = [];
  for (const [type, subs] of byType) for (const id of tree.typeIdsOf([type])) byId[id] = [...(byId[id] ?? []), ...subs];
  const typeIds = tree.typeId;
  const last = root.last;
  for (let i = root.order; i <= last; i++) {
    const subs = byId[typeIds[i]!];
    if (!subs) continue;
    const node = tree.node(i);
    for (const sub of subs) {
      if (sub.state.failed) continue;
      try {
        sub.visitor(node, sub.ctx);
      } catch (error) {
        sub.state.failed = true;
        failures.push({ ruleId: sub.rule.id, error, node });
      }
    }
  }
  return failures;
}
