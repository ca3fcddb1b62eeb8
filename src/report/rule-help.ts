// Renders a rule's docs as Markdown and plain text: the single source for SARIF help and docs/rules pages.
import type { Rule } from '../engine/rule.js';

export function cweLink(cwe: number): string {
  return `[CWE-${cwe}](https://cwe.mitre.org/data/definitions/${cwe}.html)`;
}

/** The code-fence language of a rule's examples: Python, or the manifest format its exampleFile names. */
export function exampleLanguage(rule: Rule): string {
  const file = rule.docs.exampleFile;
  if (!file) return 'python';
  if (/\.toml$|(^|\/)Pipfile$/.test(file)) return 'toml';
  if (/\.cfg$/.test(file)) return 'ini';
  if (/\.py$/.test(file)) return 'python';
  return 'text';
}

export function ruleHelpMarkdown(rule: Rule): string {
  const d = rule.docs;
  const fence = exampleLanguage(rule);
  const compat = [
    ...(rule.compatible.bandit ?? []).map((b) => `Bandit ${b}`),
    ...(rule.compatible.ruff ?? []).map((r) => `Ruff ${r}`),
  ];
  return [
    `# ${rule.title}`,
    '',
    `**Rule:** \`${rule.id}\` · **Level:** ${rule.level} · **Security severity:** ${rule.securitySeverity.toFixed(1)} · **Precision:** ${rule.precision} · **Tier:** ${rule.tier}`,
    '',
    `**Checklist:** ${rule.checklist.join(', ')} · **CWE:** ${rule.cwe.map(cweLink).join(', ')}${compat.length ? ` · **Also reported by:** ${compat.join(', ')}` : ''}`,
    '',
    '## What it does',
    '',
    d.whatItDoes,
    '',
    '## Why is this bad?',
    '',
    d.whyBad,
    '',
    '## Example',
    '',
    ...(d.exampleFile ? [`In \`${d.exampleFile}\`:`, ''] : []),
    `\`\`\`${fence}`,
    d.example.trimEnd(),
    '```',
    '',
    '## Use instead',
    '',
    `\`\`\`${fence}`,
    d.useInstead.trimEnd(),
    '```',
    '',
    '## References',
    '',
    ...d.references.map((r) => `- <${r}>`),
    '',
  ].join('\n');
}

export function ruleHelpText(rule: Rule): string {
  const d = rule.docs;
  return [
    rule.title,
    '',
    d.whatItDoes,
    '',
    `Why: ${d.whyBad}`,
    '',
    'Example:',
    d.example.trimEnd(),
    '',
    'Use instead:',
    d.useInstead.trimEnd(),
    '',
    `References: ${d.references.join(' ')}`,
  ].join('\n');
}
