// renderSummary(): the job summary in Markdown — totals, the checklist scorecard, top findings (pure; no I/O).
import type { Finding } from '../engine/finding.js';
import type { Level, Rule } from '../engine/rule.js';
import type { ScanResult } from '../scan.js';
import { KRAIT_VERSION } from '../version.js';
import { checklistScorecard, countByLevel, type SectionStatus } from './scorecard.js';
import { bySeverity } from './severity-order.js';
import { groupDigits } from '../format-number.js';

/** GitHub rejects a step summary above 1 MiB; stay well below it. */
export const SUMMARY_BYTE_LIMIT = 1024 * 1024 - 16 * 1024;
export const TOP_FINDINGS = 50;
const NOTIFICATION_ROWS = 30;

export interface SummaryInput {
  result: ScanResult;
  /** The rules that ran. */
  rules: readonly Rule[];
  failOn: Level | 'none';
  gateTripped: boolean;
  /** Findings not annotated inline (outside the pull request's changes, or over GitHub's per-step caps). */
  omittedAnnotations: number;
  /** Why they were not annotated, when it is not only GitHub's cap. */
  annotationScope?: string;
  /** Findings left out of the SARIF report to stay within GitHub's limits. */
  sarifCut?: { dropped: number; reason: string };
  sarifPath?: string;
  /** Wall time of the scan, for the headline. */
  seconds?: number;
  /** `https://github.com/owner/repo/blob/<sha>`: findings link to their line at the scanned commit. */
  blobUrl?: string;
  /** Findings inline comments suppressed (counted and listed, never gating). */
  suppressed?: readonly Finding[];
  /** Findings per-file-ignores dropped. */
  ignoredByConfig?: number;
  /** How the run compares with the baseline, when one was given. */
  baseline?: { newFindings: number; unchanged: number; absent: number };
  /** Where the settings came from. */
  configFile?: string;
}

/** `https://github.com/acme/shop/blob/<sha>` from the runner's environment, when it names a repository and commit. */
export function blobUrlFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_SHA) return undefined;
  return `${env.GITHUB_SERVER_URL || 'https://github.com'}/${env.GITHUB_REPOSITORY}/blob/${env.GITHUB_SHA}`;
}

/** A finding's location as a link to its line at the commit (or plain text without one). */
function where(f: Finding, blobUrl: string | undefined): string {
  const text = `${cell(f.path)}:${f.region.startLine}`;
  if (!blobUrl) return `\`${text}\``;
  const href = `${blobUrl}/${f.path.split('/').map(encodeURIComponent).join('/')}#L${f.region.startLine}`;
  return `[\`${text}\`](${href})`;
}

/** The source line as an inline code excerpt (never for secrets: their findings carry no snippet). */
function excerpt(f: Finding): string {
  const line = f.snippet.trim();
  if (!line) return '';
  const short = line.length > 120 ? `${line.slice(0, 117)}…` : line;
  return `<br><code>${short.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '&#124;')}</code>`;
}

const ICON: Record<Level, string> = { error: '🔴', warning: '🟠', note: '🔵' };
const STATUS_ICON: Record<SectionStatus, string> = { ...ICON, pass: '✅', 'not-checked': '➖ not checked' };

/** Table-cell text: no pipes, no line breaks, no raw HTML. */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');
}


function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function renderSummary(input: SummaryInput): string {
  const { result, rules } = input;
  const ruleMap = new Map(rules.map((r) => [r.id, r]));
  const counts = countByLevel(result.findings);
  const out: string[] = [];
  out.push('## 🐍 Krait security scan', '');
  const verdict =
    input.failOn === 'none'
      ? 'The gate is off (`fail-on: none`).'
      : input.gateTripped
        ? `❌ **Failed:** findings at or above \`${input.failOn}\` level.`
        : `✅ **Passed:** no findings at or above \`${input.failOn}\` level.`;
  out.push(
    `${verdict} Scanned ${plural(result.stats.scanned, 'file')} (${groupDigits(result.stats.lines)} lines) with ${plural(rules.length, 'rule')}${input.seconds !== undefined ? ` in ${input.seconds.toFixed(1)} s` : ''}; Krait ${KRAIT_VERSION}.`,
    '',
  );
  out.push('| Level | Findings |', '| --- | ---: |');
  for (const level of ['error', 'warning', 'note'] as const) out.push(`| ${ICON[level]} ${level} | ${counts[level]} |`);
  out.push(`| **total** | **${result.findings.length}** |`, '');

  // Checklist scorecard: one row per section of the team's checklist.
  out.push('### Checklist scorecard', '', '| Section | Status | Findings | Rules that check it |', '| --- | :---: | --- | --- |');
  for (const { section, rules: sectionRules, counts: found, total, status: state } of checklistScorecard(result.findings, rules)) {
    const status = STATUS_ICON[state];
    const detail = total === 0 ? '0' : (['error', 'warning', 'note'] as const).filter((l) => found[l]).map((l) => `${found[l]} ${l}`).join(', ');
    const ruleList = sectionRules.length === 0 ? '—' : `${sectionRules.length}: ${sectionRules.map((r) => `\`${r.id}\``).join(', ')}`;
    out.push(`| ${section} | ${status} | ${detail} | ${ruleList} |`);
  }
  out.push('');

  if (result.findings.length > 0) {
    const top = [...result.findings].sort(bySeverity(ruleMap)).slice(0, TOP_FINDINGS);
    out.push(`### Top findings`, '', '| Level | Rule | Location | Message |', '| --- | --- | --- | --- |');
    for (const f of top) {
      out.push(`| ${ICON[f.level]} ${f.level}${f.baselineState === 'new' ? ' 🆕' : ''} | \`${f.ruleId}\` | ${where(f, input.blobUrl)} | ${cell(f.message)}${excerpt(f)} |`);
    }
    out.push('');
    const rest = result.findings.length - top.length;
    if (rest > 0) {
      out.push('<details><summary>All ' + result.findings.length + ' findings</summary>', '', '| Level | Rule | Location | Message |', '| --- | --- | --- | --- |');
      for (const f of result.findings) out.push(`| ${f.level} | \`${f.ruleId}\` | ${where(f, input.blobUrl)} | ${cell(f.message)} |`);
      out.push('', '</details>', '');
    }
  }
  if (input.baseline) {
    const b = input.baseline;
    out.push(`> 🧾 Baseline: ${plural(b.newFindings, 'new finding')}, ${b.unchanged} already in the baseline (reported, not gating, not annotated), ${b.absent} fixed since it was recorded.`, '');
  }
  const suppressed = input.suppressed ?? [];
  if (suppressed.length > 0) {
    out.push(`<details><summary>${plural(suppressed.length, 'finding')} suppressed by inline comments</summary>`, '', '| Rule | Location | Comment | Reason |', '| --- | --- | --- | --- |');
    for (const f of suppressed.slice(0, 200)) out.push(`| \`${f.ruleId}\` | ${where(f, input.blobUrl)} | ${f.suppression!.kind} (line ${f.suppression!.line}) | ${cell(f.suppression!.justification ?? '—')} |`);
    if (suppressed.length > 200) out.push('', `…and ${suppressed.length - 200} more.`);
    out.push('', '</details>', '');
  }
  if (input.ignoredByConfig) out.push(`> ℹ️ ${plural(input.ignoredByConfig, 'finding')} left out by \`per-file-ignores\`${input.configFile ? ` in ${cell(input.configFile)}` : ''}.`, '');
  if (input.omittedAnnotations > 0) {
    out.push(
      `> ℹ️ ${plural(input.omittedAnnotations, 'finding')} ${input.omittedAnnotations === 1 ? 'was' : 'were'} not annotated inline: ${input.annotationScope ? `${cell(input.annotationScope)}, and ` : ''}GitHub shows at most 10 annotations per level in a step. All are listed here and in the SARIF report.`,
      '',
    );
  }
  if (input.sarifCut) {
    out.push(`> ⚠️ ${plural(input.sarifCut.dropped, 'least severe finding')} ${input.sarifCut.dropped === 1 ? 'was' : 'were'} left out of the SARIF report: ${cell(input.sarifCut.reason)}.`, '');
  }
  if (result.notifications.length > 0) {
    out.push(`### Files with problems (${result.notifications.length})`, '', '| Level | Kind | Detail |', '| --- | --- | --- |');
    for (const n of result.notifications.slice(0, NOTIFICATION_ROWS)) out.push(`| ${n.level} | ${n.kind} | ${cell(n.message)} |`);
    if (result.notifications.length > NOTIFICATION_ROWS) out.push('', `…and ${result.notifications.length - NOTIFICATION_ROWS} more in the SARIF report (tool execution notifications).`);
    out.push('');
  }
  return capSize(out.join('\n'));
}

/** Cuts the summary at a line boundary so it stays under GitHub's limit, saying so. */
function capSize(markdown: string): string {
  if (Buffer.byteLength(markdown, 'utf8') <= SUMMARY_BYTE_LIMIT) return markdown;
  const lines = markdown.split('\n');
  let size = 0;
  const kept: string[] = [];
  for (const line of lines) {
    size += Buffer.byteLength(line, 'utf8') + 1;
    if (size > SUMMARY_BYTE_LIMIT - 200) break;
    kept.push(line);
  }
  kept.push('', '> ⚠️ The summary was cut to stay under GitHub’s 1 MiB limit; the SARIF report has everything.');
  return kept.join('\n');
}
