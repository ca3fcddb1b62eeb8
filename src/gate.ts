// The fail-on gate: which findings are severe enough to fail the job.
import { LEVEL_RANK, type Finding } from './engine/finding.js';
import type { Level } from './engine/rule.js';

export const FAIL_ON_VALUES = ['none', 'note', 'warning', 'error'] as const;
export type FailOn = (typeof FAIL_ON_VALUES)[number];

/** Findings at or above the threshold; none when the gate is off. */
export function gatingFindings(findings: readonly Finding[], failOn: FailOn): Finding[] {
  if (failOn === 'none') return [];
  const min = LEVEL_RANK[failOn as Level];
  return findings.filter((f) => LEVEL_RANK[f.level] >= min);
}
