// Orders findings most severe first: level, then the rule's security-severity, then precision, then position.
import { compareFindings, LEVEL_RANK, type Finding } from '../engine/finding.js';
import type { Rule } from '../engine/rule.js';

const PRECISION_RANK = { 'very-high': 4, high: 3, medium: 2, low: 1 } as const;

export function bySeverity(rules: ReadonlyMap<string, Rule>): (a: Finding, b: Finding) => number {
  return (a, b) => {
    const ra = rules.get(a.ruleId);
    const rb = rules.get(b.ruleId);
    return (
      LEVEL_RANK[b.level] - LEVEL_RANK[a.level] ||
      (rb?.securitySeverity ?? 0) - (ra?.securitySeverity ?? 0) ||
      (rb ? PRECISION_RANK[rb.precision] : 0) - (ra ? PRECISION_RANK[ra.precision] : 0) ||
      compareFindings(a, b)
    );
  };
}
