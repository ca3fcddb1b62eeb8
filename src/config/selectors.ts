// Rule selectors: what `select`, `ignore`, `per-file-ignores` and `--select` accept, resolved against the registry.
// A selector is a rule id, a family, a tier, a checklist section, a Bandit id or Ruff code, or `all`.
import { closest, distance } from 'fastest-levenshtein';
import { CHECKLIST_SECTIONS } from '../checklist.js';
import { FAMILIES, type Rule } from '../engine/rule.js';

export const TIERS = ['default', 'extended', 'audit'] as const;

/** Bandit tests that Bandit has retired but that old `# nosec` comments and configs still name. */
export const RETIRED_BANDIT_IDS: Record<string, string[]> = {
  B320: ['xxe', 'xml-bomb'], // xml_bad_etree for lxml, folded into B313–B319 upstream
  B410: ['xxe'], // import of lxml
};

function norm(s: string): string {
  return s.trim().toLowerCase();
}

/** The rules one selector names, or undefined when it names nothing Krait knows. */
export function resolveSelector(selector: string, rules: readonly Rule[]): Rule[] | undefined {
  const s = norm(selector);
  if (s === 'all') return [...rules];
  const byId = rules.filter((r) => r.id === s);
  if (byId.length) return byId;
  if ((FAMILIES as readonly string[]).includes(s)) return rules.filter((r) => r.family === s);
  if ((TIERS as readonly string[]).includes(s)) return rules.filter((r) => r.tier === s);
  const section = CHECKLIST_SECTIONS.find((c) => norm(c) === s);
  if (section) return rules.filter((r) => r.checklist.includes(section));
  const upper = selector.trim().toUpperCase();
  if (/^B\d{3}$/.test(upper)) {
    const retired = RETIRED_BANDIT_IDS[upper];
    const hits = rules.filter((r) => r.compatible.bandit?.includes(upper) || retired?.includes(r.id));
    return hits.length ? hits : undefined;
  }
  if (/^S\d{3}$/.test(upper)) {
    const hits = rules.filter((r) => r.compatible.ruff?.includes(upper));
    return hits.length ? hits : undefined;
  }
  return undefined;
}

/** Every word a selector may be, for did-you-mean suggestions. */
export function selectorVocabulary(rules: readonly Rule[]): string[] {
  return ['all', ...rules.map((r) => r.id), ...FAMILIES, ...TIERS, ...CHECKLIST_SECTIONS];
}

/** ` (did you mean 'x'?)` when a known word is close enough to be the intended one, else ''. */
export function didYouMean(word: string, vocabulary: readonly string[]): string {
  if (vocabulary.length === 0) return '';
  const guess = closest(word.toLowerCase(), vocabulary.map((v) => v.toLowerCase()));
  const original = vocabulary.find((v) => v.toLowerCase() === guess) ?? guess;
  const limit = Math.max(2, Math.floor(word.length / 3));
  return distance(word.toLowerCase(), guess) <= limit ? ` (did you mean '${original}'?)` : '';
}
