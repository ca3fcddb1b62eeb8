// Inline suppressions: Krait's own `# krait: ignore[rule-id, …] -- reason`, and the comments other tools' users
// already have in their code (`# nosec`, `# noqa: S608`, `# nosemgrep`, `# lgtm[…]`, `# codeql[…]`), mapped through
// each rule's Bandit and Ruff ids. Comments are read in the worker (they need the tree); matching happens after the
// scan, where the rule set and the configuration are known.
import { didYouMean, RETIRED_BANDIT_IDS } from './config/selectors.js';
import type { Finding } from './engine/finding.js';
import type { Rule } from './engine/rule.js';
import type { SyntaxNode } from './parser/python.js';

export type SuppressionKind = 'krait' | 'nosec' | 'noqa' | 'nosemgrep' | 'lgtm' | 'codeql';

export interface SuppressionMarker {
  kind: SuppressionKind;
  /** The ids the comment names; undefined when it names none (it then covers every rule, except a bare noqa). */
  ids?: string[];
  reason?: string;
}

export interface SuppressionComment extends SuppressionMarker {
  /** 1-based line of the comment. */
  line: number;
  column: number;
  endColumn: number;
  /** Lines whose findings it covers: its own line, and for a comment alone on its line, the next line of code. */
  lines: number[];
}

/** How a finding was suppressed, for SARIF `suppressions` and the summary. */
export interface AppliedSuppression {
  kind: SuppressionKind;
  line: number;
  justification?: string;
}

const ids = (list: string | undefined) =>
  list
    ?.split(/[,\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** Every suppression marker in one comment's text (a comment may hold several: `# noqa: S603  # nosec B603`). */
export function parseSuppressionComment(text: string): SuppressionMarker[] {
  const out: SuppressionMarker[] = [];
  const krait = /#\s*krait\s*:\s*ignore\b(?:\s*\[([^\]]*)\])?(?:\s*--\s*(.*?))?\s*(?=#|$)/i.exec(text);
  if (krait) {
    const list = ids(krait[1]);
    out.push({ kind: 'krait', ...(list && list.length ? { ids: list } : {}), ...(krait[2] ? { reason: krait[2].trim() } : {}) });
  }
  const nosec = /#\s*nosec\b:?\s*((?:[A-Za-z][\w-]*)(?:\s*,\s*[A-Za-z][\w-]*)*)?/i.exec(text);
  if (nosec) {
    const list = ids(nosec[1])?.filter((s) => /^B\d{3}$/i.test(s) || /^[a-z0-9]+(-[a-z0-9]+)+$/.test(s));
    out.push({ kind: 'nosec', ...(list && list.length ? { ids: list.map((s) => (/^b\d{3}$/i.test(s) ? s.toUpperCase() : s)) } : {}) });
  }
  const noqa = /#\s*noqa\b(?:\s*:\s*([A-Z]+\d+(?:[,\s]+[A-Z]+\d+)*))?/i.exec(text);
  if (noqa) {
    const list = ids(noqa[1]);
    out.push({ kind: 'noqa', ...(list && list.length ? { ids: list.map((s) => s.toUpperCase()) } : {}) });
  }
  const nosemgrep = /#\s*nosemgrep\b(?:\s*:\s*([\w.\-/]+(?:\s*,\s*[\w.\-/]+)*))?/i.exec(text);
  if (nosemgrep) {
    const list = ids(nosemgrep[1]);
    out.push({ kind: 'nosemgrep', ...(list && list.length ? { ids: list } : {}) });
  }
  const lgtm = /\blgtm\b(?:\s*\[([^\]]*)\])?/i.exec(text);
  if (lgtm && /#\s*lgtm/i.test(text)) {
    const list = ids(lgtm[1]);
    out.push({ kind: 'lgtm', ...(list && list.length ? { ids: list } : {}) });
  }
  const codeql = /#\s*codeql\s*\[([^\]]*)\]/i.exec(text);
  if (codeql) {
    const list = ids(codeql[1]);
    out.push({ kind: 'codeql', ...(list && list.length ? { ids: list } : {}) });
  }
  return out;
}

const MARKER = /krait|nosec|noqa|nosemgrep|lgtm|codeql/i;
/** Comments that may stand on the line before the code they cover. */
export const COVERS_NEXT_LINE: ReadonlySet<SuppressionKind> = new Set<SuppressionKind>(['krait', 'codeql', 'nosemgrep']);

/**
 * The 1-based lines a comment on 0-based `row` covers: its own line, and, for a comment alone on its line of a kind
 * that may stand above its code, the next line that holds code (blank lines and further comments skipped).
 */
export function coveredLines(lines: readonly string[], row: number, ownLine: boolean, kind: SuppressionKind): number[] {
  const covered = [row + 1];
  if (!ownLine || !COVERS_NEXT_LINE.has(kind)) return covered;
  for (let r = row + 1; r < lines.length; r++) {
    const t = (lines[r] ?? '').trim();
    if (t === '' || t.startsWith('#')) continue;
    covered.push(r + 1);
    break;
  }
  return covered;
}

/** Suppression comments of a parsed file, with the lines each covers. */
export function collectSuppressions(root: SyntaxNode, text: string): SuppressionComment[] {
  // Most files name no marker at all: one search of the text saves visiting every comment.
  if (!MARKER.test(text)) return [];
  const comments = root.descendantsOfType('comment');
  let lines: string[] | undefined;
  const out: SuppressionComment[] = [];
  for (const c of comments) {
    const body = c.text;
    if (!MARKER.test(body)) continue;
    const markers = parseSuppressionComment(body);
    if (markers.length === 0) continue;
    lines ??= text.split(/\r\n|\r|\n/);
    const row = c.startPosition.row;
    const own = (lines[row] ?? '').slice(0, c.startPosition.column).trim() === '';
    for (const m of markers) {
      out.push({ ...m, line: row + 1, column: c.startPosition.column + 1, endColumn: c.endPosition.column + 1, lines: coveredLines(lines, row, own, m.kind) });
    }
  }
  return out;
}

/** Whether a marker names this rule, through Krait ids, Bandit ids, Ruff codes or CodeQL/Semgrep-style ids. */
function names(marker: SuppressionMarker, rule: Rule | undefined, ruleId: string): boolean {
  if (!marker.ids) return marker.kind !== 'noqa';
  return marker.ids.some((raw) => {
    const id = raw.trim();
    switch (marker.kind) {
      case 'krait':
        return id.toLowerCase() === ruleId;
      case 'nosec':
        return id === ruleId || Boolean(rule?.compatible.bandit?.includes(id)) || Boolean(RETIRED_BANDIT_IDS[id]?.includes(ruleId));
      case 'noqa':
        return Boolean(rule?.compatible.ruff?.includes(id));
      case 'nosemgrep':
        return id.split('.').pop()!.toLowerCase() === ruleId;
      case 'lgtm':
      case 'codeql':
        return id.toLowerCase().replace(/^py\//, '') === ruleId;
    }
  });
}

export interface SuppressionOptions {
  /** Rules that ran (for id lookups and to judge whether a Krait suppression is unused). */
  rules: readonly Rule[];
  /** Every rule Krait knows, to tell an unknown id from a rule that was not selected. */
  knownRuleIds: ReadonlySet<string>;
  /** A bare `# noqa` silences Krait too (configuration key `bare-noqa`). */
  bareNoqa: boolean;
}

export interface SuppressionOutcome {
  /** The findings with `suppression` set on those a comment covers. */
  findings: Finding[];
  /** `unused-suppression` findings for Krait comments that cover nothing or name an unknown rule. */
  unused: Finding[];
}

function covers(comment: SuppressionComment, f: Finding): boolean {
  if (comment.lines.includes(f.region.startLine)) return true;
  // An inline comment at the end of a multi-line call (`)  # nosec`) covers the finding that spans it.
  return comment.lines.length === 1 && comment.line > f.region.startLine && comment.line <= f.region.endLine;
}

/** Marks suppressed findings and reports unused Krait suppressions; one file's findings and comments. */
export function applySuppressions(path: string, findings: readonly Finding[], comments: readonly SuppressionComment[], options: SuppressionOptions): SuppressionOutcome {
  if (comments.length === 0) return { findings: [...findings], unused: [] };
  const byId = new Map(options.rules.map((r) => [r.id, r]));
  const used = new Map<SuppressionComment, Set<string>>();
  const out = findings.map((f) => {
    if (f.suppression) return f;
    for (const c of comments) {
      if (!covers(c, f)) continue;
      if (c.kind === 'noqa' && !c.ids && !options.bareNoqa) continue;
      if (!(c.kind === 'noqa' && !c.ids) && !names(c, byId.get(f.ruleId), f.ruleId)) continue;
      if (!used.has(c)) used.set(c, new Set());
      used.get(c)!.add(f.ruleId);
      return { ...f, suppression: { kind: c.kind, line: c.line, ...(c.reason ? { justification: c.reason } : {}) } };
    }
    return f;
  });
  const unused: Finding[] = [];
  for (const c of comments) {
    if (c.kind !== 'krait') continue;
    const region = { startLine: c.line, startColumn: c.column, endLine: c.line, endColumn: c.endColumn };
    const report = (message: string) => unused.push({ ruleId: UNUSED_SUPPRESSION_ID, level: 'note', path, region, message, snippet: '' });
    const hit = used.get(c) ?? new Set<string>();
    if (!c.ids) {
      if (hit.size === 0) report('This `krait: ignore` comment suppresses nothing: no finding is reported on the line it covers. Remove it.');
      continue;
    }
    for (const id of c.ids) {
      const lower = id.toLowerCase();
      if (!options.knownRuleIds.has(lower)) {
        report(`This suppression names '${id}', which is not a Krait rule id${didYouMean(id, [...options.knownRuleIds])}; it suppresses nothing.`);
      } else if (byId.has(lower) && !hit.has(lower)) {
        report(`This suppression of ${lower} matches no finding on the line it covers. Remove it, or move it to the line of the finding.`);
      }
    }
  }
  return { findings: out, unused };
}

export const UNUSED_SUPPRESSION_ID = 'unused-suppression';
