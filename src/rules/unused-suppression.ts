// unused-suppression: reported by the engine (not a tree visitor) when a `# krait: ignore[…]` comment covers no finding
// or names a rule Krait does not have. It lives outside the family folders because no scan of the tree produces it.
import { defineRule } from '../engine/rule.js';
import { UNUSED_SUPPRESSION_ID } from '../suppressions.js';

export const unusedSuppression = defineRule({
  id: UNUSED_SUPPRESSION_ID,
  title: 'Suppression comment that suppresses nothing',
  family: 'platform',
  checklist: ['Best Practices'],
  level: 'note',
  securitySeverity: 0.1,
  precision: 'very-high',
  tier: 'default',
  cwe: [1164],
  compatible: {},
  inTestCode: 'keep',
  docs: {
    whatItDoes:
      'Reports a `# krait: ignore[...]` comment that no longer matches any finding on the line it covers, or that names a rule id Krait does not know.',
    whyBad:
      'A stale suppression hides the next real problem on that line without anyone noticing, and a misspelt rule id silently suppresses nothing, so the reviewer who wrote it believes a finding is handled when it is not.',
    example: 'import subprocess\n\nsubprocess.run(["ls"])  # krait: ignore[command-injection] -- nothing is reported here\n',
    useInstead: 'import subprocess\n\nsubprocess.run(["ls"])\n',
    references: ['https://cwe.mitre.org/data/definitions/1164.html'],
  },
  visitors: {},
});
