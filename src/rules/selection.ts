// Which rules run by default: the default tier (extended and audit rules are opt-in), and rules that need advisory
// data only when the run fetches it (input vulnerability-check).
import type { Rule } from '../engine/rule.js';
import { allRules } from './index.js';

export interface RuleSelectionOptions {
  /** The run queries an advisory database (vulnerability-check is not `none`). */
  advisories?: boolean;
}

/** Whether the run has what the rule needs (advisory data for vulnerable-dependency). runScan() filters with it too. */
export function runnable(rule: Rule, options: RuleSelectionOptions = {}): boolean {
  return !rule.needsAdvisories || options.advisories === true;
}

export function defaultRules(options: RuleSelectionOptions = {}): Rule[] {
  return allRules.filter((r) => r.tier === 'default' && runnable(r, options));
}
