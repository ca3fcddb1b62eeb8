// Renders the rule documentation pages (docs/rules/*.md), their index, and the README's rule table.
import { CHECKLIST_SECTIONS } from '../checklist.js';
import { BANDIT_ACTIVE_IDS, ruffCodeFor } from '../compat-ids.js';
import type { Rule } from '../engine/rule.js';
import { ruleHelpMarkdown } from './rule-help.js';

export const GENERATED_NOTE = '<!-- Generated from the rule definitions in src/rules by `npm run docs`; do not edit by hand. -->';

export function rulePage(rule: Rule): string {
  return `${GENERATED_NOTE}\n\n${ruleHelpMarkdown(rule)}`;
}

function row(rule: Rule, link: (id: string) => string): string {
  const compat = [...(rule.compatible.bandit ?? []), ...(rule.compatible.ruff ?? [])].join(', ') || '—';
  return `| [\`${rule.id}\`](${link(rule.id)}) | ${rule.title} | ${rule.level} | ${rule.securitySeverity.toFixed(1)} | ${rule.precision} | ${rule.tier} | ${rule.cwe.map((c) => `CWE-${c}`).join(', ')} | ${compat} |`;
}

const HEADER = ['| Rule | What it finds | Level | Severity | Precision | Tier | CWE | Bandit / Ruff |', '| --- | --- | --- | ---: | --- | --- | --- | --- |'];

/** docs/rules/README.md: every rule grouped by the checklist section it enforces. */
export function rulesIndex(rules: readonly Rule[]): string {
  const out = [GENERATED_NOTE, '', '# Krait rules', '', `${rules.length} rules, grouped by the section of the Python security checklist they enforce. A rule that enforces several sections is listed under each.`, ''];
  for (const section of CHECKLIST_SECTIONS) {
    const inSection = rules.filter((r) => r.checklist.includes(section));
    out.push(`## ${section}`, '');
    if (inSection.length === 0) out.push('No rule checks this section yet.', '');
    else out.push(...HEADER, ...inSection.map((r) => row(r, (id) => `${id}.md`)), '');
  }
  return out.join('\n');
}

/** The rule table in README.md. */
export function readmeRuleTable(rules: readonly Rule[]): string {
  return [...HEADER, ...rules.map((r) => row(r, (id) => `docs/rules/${id}.md`))].join('\n');
}

/** README's migration table: each Bandit id and Ruff code, and the Krait rules that report what it did. */
export function migrationTable(rules: readonly Rule[]): string {
  const rows = ['| Bandit | Ruff | Krait rule(s) |', '| --- | --- | --- |'];
  for (const id of BANDIT_ACTIVE_IDS) {
    const ruff = ruffCodeFor(id);
    const krait = rules.filter((r) => r.compatible.bandit?.includes(id) || (ruff !== undefined && r.compatible.ruff?.includes(ruff)));
    const list = krait.length ? krait.map((r) => `[\`${r.id}\`](docs/rules/${r.id}.md)${r.tier === 'default' ? '' : ` (${r.tier})`}`).join(', ') : '— (not covered yet)';
    rows.push(`| ${id} | ${ruff ?? '—'} | ${list} |`);
  }
  return rows.join('\n');
}
