// Which rules run by default: the default tier (extended and audit rules are opt-in).
import type { Rule } from '../engine/rule.js';
import { allRules } from './index.js';

export function defaultRules(): Rule[] {
  return allRules.filter((r) => r.tier === 'default');
}
