// The rule registry: every rule Krait ships, sorted by id.
import type { Rule } from '../engine/rule.js';
import { evalNonconstant } from './injection/eval-nonconstant.js';

export const allRules: readonly Rule[] = [
  evalNonconstant,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export const ruleById: ReadonlyMap<string, Rule> = new Map(allRules.map((r) => [r.id, r]));
