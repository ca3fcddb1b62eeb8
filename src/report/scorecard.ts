// The checklist scorecard: for each section of the team's checklist, the rules that check it and what they found.
import { CHECKLIST_SECTIONS, type ChecklistSection } from '../checklist.js';
import type { Finding } from '../engine/finding.js';
import type { Level, Rule } from '../engine/rule.js';

export type SectionStatus = 'not-checked' | 'pass' | Level;

export interface ScorecardRow {
  section: ChecklistSection;
  /** The rules that ran and check this section, in the order given. */
  rules: Rule[];
  counts: Record<Level, number>;
  total: number;
  /** The worst level found, 'pass' when the rules found nothing, 'not-checked' when no rule ran for it. */
  status: SectionStatus;
}

export function countByLevel(findings: readonly Finding[]): Record<Level, number> {
  const c: Record<Level, number> = { error: 0, warning: 0, note: 0 };
  for (const f of findings) c[f.level]++;
  return c;
}

/** One row per checklist section, in the checklist's order. A finding counts in every section its rule checks. */
export function checklistScorecard(findings: readonly Finding[], rules: readonly Rule[]): ScorecardRow[] {
  return CHECKLIST_SECTIONS.map((section) => {
    const sectionRules = rules.filter((r) => r.checklist.includes(section));
    const ids = new Set(sectionRules.map((r) => r.id));
    const counts = countByLevel(findings.filter((f) => ids.has(f.ruleId)));
    const total = counts.error + counts.warning + counts.note;
    const status: SectionStatus = sectionRules.length === 0 ? 'not-checked' : counts.error ? 'error' : counts.warning ? 'warning' : counts.note ? 'note' : 'pass';
    return { section, rules: sectionRules, counts, total, status };
  });
}
