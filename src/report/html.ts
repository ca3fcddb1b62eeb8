// renderHtml(): one self-contained HTML page — scorecard, findings by checklist section and rule, flows, filters (pure).
import { createHash } from 'node:crypto';
import type { Finding } from '../engine/finding.js';
import type { Level, Rule } from '../engine/rule.js';
import type { ScanResult } from '../scan.js';
import { KRAIT_VERSION, ruleHelpUri } from '../version.js';
import { checklistScorecard, countByLevel, type SectionStatus } from './scorecard.js';
import { groupDigits } from '../format-number.js';

export interface HtmlReportInput {
  result: ScanResult;
  /** The rules that ran. */
  rules: readonly Rule[];
  /** Shown in the heading, e.g. the repository name. */
  title?: string;
  /** The gate, when the report should state its verdict. */
  gate?: { failOn: Level | 'none'; tripped: boolean };
  /** `https://github.com/owner/repo/blob/<sha>`: locations link to their line at the scanned commit. */
  blobUrl?: string;
}

const LEVELS: readonly Level[] = ['error', 'warning', 'note'];
const OTHER_SECTION = 'Other findings';

/** Text for HTML element content and attribute values: nothing in it can open a tag, an entity or an attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Only http(s) links are written as links; anything else (javascript:, data:) stays text. */
function safeHref(url: string): string | undefined {
  return /^https?:\/\//i.test(url) ? escapeHtml(url) : undefined;
}

const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--card:#f6f8fa;--error:#cf222e;--warning:#9a6700;--note:#0969da;--pass:#1a7f37;--mark:#fff8c5}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--card:#151b23;--error:#ff7b72;--warning:#d29922;--note:#4493f8;--pass:#3fb950;--mark:#5a4a00}}
*{box-sizing:border-box}
body{margin:0;padding:1.5rem;font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:var(--bg);color:var(--fg)}
main{max-width:72rem;margin:0 auto}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.25rem;margin:2rem 0 .75rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
.muted{color:var(--muted)}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;border:1px solid var(--line);padding:.35rem .6rem;vertical-align:top}th{background:var(--card)}
.totals{display:flex;gap:.75rem;flex-wrap:wrap;margin:1rem 0}.total{border:1px solid var(--line);border-radius:6px;padding:.5rem 1rem;background:var(--card)}.total b{font-size:1.3rem;display:block}
.badge{display:inline-block;border-radius:1em;padding:0 .6em;font-size:.8rem;font-weight:600;border:1px solid currentColor}
.error{color:var(--error)}.warning{color:var(--warning)}.note{color:var(--note)}.pass{color:var(--pass)}.not-checked{color:var(--muted)}
.verdict{font-weight:600}
.filters{position:sticky;top:0;background:var(--bg);border-bottom:1px solid var(--line);padding:.6rem 0;display:flex;gap:1.25rem;align-items:center;flex-wrap:wrap;z-index:1}
.filters label{cursor:pointer}
details.rule{border:1px solid var(--line);border-radius:6px;margin:.75rem 0;background:var(--card)}
details.rule>summary{cursor:pointer;padding:.5rem .75rem;font-weight:600}
.finding,.rule-about{border-top:1px solid var(--line);padding:.6rem .75rem;background:var(--bg)}
.loc{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem}
pre{margin:.4rem 0;padding:.4rem .6rem;background:var(--card);border:1px solid var(--line);border-radius:4px;overflow-x:auto;font:12px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre .ln{color:var(--muted);user-select:none;padding-right:.75rem}
mark{background:var(--mark);color:inherit;border-bottom:2px solid var(--error)}
ol.flow{margin:.3rem 0 .2rem 1.2rem;padding:0}ol.flow li{margin:.1rem 0}
[hidden]{display:none!important}
`;

const SCRIPT = `
(function () {
  var levels = document.querySelectorAll('input[data-filter-level]');
  var rule = document.getElementById('filter-rule');
  var shown = document.getElementById('shown-count');
  function apply() {
    var on = {};
    levels.forEach(function (box) { on[box.getAttribute('data-filter-level')] = box.checked; });
    var wanted = rule.value;
    var count = 0;
    document.querySelectorAll('.finding').forEach(function (f) {
      var visible = on[f.getAttribute('data-level')] && (wanted === '' || f.getAttribute('data-rule') === wanted);
      f.hidden = !visible;
      if (visible) count++;
    });
    document.querySelectorAll('details.rule, section.group').forEach(function (g) {
      g.hidden = g.querySelector('.finding:not([hidden])') === null;
    });
    shown.textContent = String(count);
  }
  levels.forEach(function (box) { box.addEventListener('change', apply); });
  rule.addEventListener('change', apply);
  apply();
})();
`;

function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

function plural(n: number, word: string): string {
  return `${groupDigits(n)} ${word}${n === 1 ? '' : 's'}`;
}

function location(path: string, line: number, column: number, blobUrl: string | undefined): string {
  const text = escapeHtml(`${path}:${line}:${column}`);
  const href = blobUrl ? safeHref(`${blobUrl}/${path.split('/').map(encodeURIComponent).join('/')}#L${line}`) : undefined;
  return href ? `<a class="loc" href="${href}">${text}</a>` : `<span class="loc">${text}</span>`;
}

/** The finding's source line with its region marked; nothing for secrets (their findings carry no snippet). */
function excerpt(f: Finding, rule: Rule | undefined): string {
  if (!f.snippet || rule?.family === 'secrets') return '';
  const line = f.snippet.length > 400 ? `${f.snippet.slice(0, 399)}…` : f.snippet;
  const start = Math.min(Math.max(f.region.startColumn - 1, 0), line.length);
  const end = f.region.endLine === f.region.startLine ? Math.min(Math.max(f.region.endColumn - 1, start), line.length) : line.length;
  const marked = end > start ? `${escapeHtml(line.slice(0, start))}<mark>${escapeHtml(line.slice(start, end))}</mark>${escapeHtml(line.slice(end))}` : escapeHtml(line);
  return `<pre><code><span class="ln">${f.region.startLine}</span>${marked}</code></pre>`;
}

function flow(f: Finding, blobUrl: string | undefined): string {
  if (!f.flow || f.flow.length === 0) return '';
  const steps = f.flow.map((s) => `<li>${location(s.path ?? f.path, s.region.startLine, s.region.startColumn, blobUrl)} ${escapeHtml(s.message)}</li>`);
  return `<details class="flow-steps"><summary>Data flow (${plural(f.flow.length, 'step')})</summary><ol class="flow">${steps.join('')}</ol></details>`;
}

function findingHtml(f: Finding, rule: Rule | undefined, blobUrl: string | undefined): string {
  const cell = f.notebookCell ? ` <span class="muted">(notebook cell ${f.notebookCell.cell}, line ${f.notebookCell.line})</span>` : '';
  return [
    `<article class="finding" data-level="${f.level}" data-rule="${escapeHtml(f.ruleId)}">`,
    `<div><span class="badge ${f.level}">${f.level}</span> ${location(f.path, f.region.startLine, f.region.startColumn, blobUrl)}${cell}</div>`,
    `<div>${escapeHtml(f.message)}</div>`,
    excerpt(f, rule),
    flow(f, blobUrl),
    '</article>',
  ].join('');
}

const STATUS_TEXT: Record<SectionStatus, string> = { error: 'error', warning: 'warning', note: 'note', pass: 'pass', 'not-checked': 'not checked' };

function scorecardHtml(result: ScanResult, rules: readonly Rule[]): string {
  const rows = checklistScorecard(result.findings, rules).map((row) => {
    const detail = row.total === 0 ? '0' : LEVELS.filter((l) => row.counts[l]).map((l) => `<span class="${l}">${row.counts[l]} ${l}</span>`).join(', ');
    const ruleIds = row.rules.map((r) => escapeHtml(r.id)).join(', ');
    return `<tr><td>${escapeHtml(row.section)}</td><td><span class="badge ${row.status}">${STATUS_TEXT[row.status]}</span></td><td>${detail}</td><td><span title="${ruleIds}">${row.rules.length}</span></td></tr>`;
  });
  return `<table class="scorecard"><thead><tr><th>Checklist section</th><th>Status</th><th>Findings</th><th>Rules</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Findings grouped by their rule's first checklist section (checklist order), then by rule id. */
function groups(findings: readonly Finding[], ruleMap: ReadonlyMap<string, Rule>, rules: readonly Rule[]): [string, [string, Finding[]][]][] {
  const order = checklistScorecard([], rules).map((r) => r.section as string);
  const bySection = new Map<string, Map<string, Finding[]>>();
  for (const f of findings) {
    const section = ruleMap.get(f.ruleId)?.checklist[0] ?? OTHER_SECTION;
    const byRule = bySection.get(section) ?? new Map<string, Finding[]>();
    bySection.set(section, byRule);
    const list = byRule.get(f.ruleId) ?? [];
    byRule.set(f.ruleId, list);
    list.push(f);
  }
  const rank = (s: string) => (order.includes(s) ? order.indexOf(s) : order.length);
  return [...bySection.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([section, byRule]) => [section, [...byRule.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
}

export function renderHtml(input: HtmlReportInput): string {
  const { result, rules, blobUrl } = input;
  const ruleMap = new Map(rules.map((r) => [r.id, r]));
  const counts = countByLevel(result.findings);
  const title = input.title ? `Krait security report: ${input.title}` : 'Krait security report';
  const csp = `default-src 'none'; style-src ${cspHash(STYLE)}; script-src ${cspHash(SCRIPT)}; img-src 'none'; base-uri 'none'; form-action 'none'`;

  const out: string[] = [];
  out.push(
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="muted">Krait ${escapeHtml(KRAIT_VERSION)} scanned ${plural(result.stats.scanned, 'file')} (${plural(result.stats.lines, 'line')}) with ${plural(rules.length, 'rule')}.</p>`,
  );
  if (input.gate) {
    const { failOn, tripped } = input.gate;
    const verdict = failOn === 'none' ? 'The gate is off (fail-on: none).' : tripped ? `Failed: findings at or above ${failOn} level.` : `Passed: no findings at or above ${failOn} level.`;
    out.push(`<p class="verdict ${failOn === 'none' ? 'not-checked' : tripped ? 'error' : 'pass'}">${escapeHtml(verdict)}</p>`);
  }
  out.push('<div class="totals">');
  for (const level of LEVELS) out.push(`<div class="total ${level}"><b>${counts[level]}</b>${level}</div>`);
  out.push(`<div class="total"><b>${result.findings.length}</b>total</div>`, '</div>');

  out.push('<h2 id="scorecard">Checklist scorecard</h2>', scorecardHtml(result, rules));

  out.push(`<h2 id="findings">Findings</h2>`);
  if (result.findings.length === 0) {
    out.push('<p>No findings.</p>');
  } else {
    const ruleCounts = new Map<string, number>();
    for (const f of result.findings) ruleCounts.set(f.ruleId, (ruleCounts.get(f.ruleId) ?? 0) + 1);
    const options = [...ruleCounts.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, n]) => `<option value="${escapeHtml(id)}">${escapeHtml(id)} (${n})</option>`);
    out.push(
      '<div class="filters" id="filters" role="search">',
      ...LEVELS.map((l) => `<label class="${l}"><input type="checkbox" data-filter-level="${l}" checked> ${l} (${counts[l]})</label>`),
      `<label>Rule <select id="filter-rule"><option value="">all rules</option>${options.join('')}</select></label>`,
      `<span class="muted"><span id="shown-count">${result.findings.length}</span> of ${result.findings.length} shown</span>`,
      '</div>',
    );
    for (const [section, byRule] of groups(result.findings, ruleMap, rules)) {
      out.push(`<section class="group"><h3>${escapeHtml(section)}</h3>`);
      for (const [ruleId, findings] of byRule) {
        const rule = ruleMap.get(ruleId);
        const help = safeHref(ruleHelpUri(ruleId));
        const c = countByLevel(findings);
        const levelText = LEVELS.filter((l) => c[l]).map((l) => `<span class="badge ${l}">${c[l]} ${l}</span>`).join(' ');
        out.push(
          `<details class="rule" open data-rule="${escapeHtml(ruleId)}"><summary>${escapeHtml(ruleId)}${rule ? ` — ${escapeHtml(rule.title)}` : ''} ${levelText}</summary>`,
          rule ? `<div class="rule-about muted">${escapeHtml(rule.docs.whatItDoes.replace(/`/g, ''))}${help ? ` <a href="${help}">Rule documentation</a>` : ''}${rule.cwe.length ? ` · ${rule.cwe.map((n) => `CWE-${n}`).join(', ')}` : ''}</div>` : '',
          ...findings.map((f) => findingHtml(f, rule, blobUrl)),
          '</details>',
        );
      }
      out.push('</section>');
    }
  }

  if (result.notifications.length > 0) {
    out.push(`<h2 id="notifications">Files with problems (${result.notifications.length})</h2>`, '<table><thead><tr><th>Level</th><th>Kind</th><th>Detail</th></tr></thead><tbody>');
    for (const n of result.notifications) out.push(`<tr><td class="${n.level}">${n.level}</td><td>${escapeHtml(n.kind)}</td><td>${escapeHtml(n.message)}</td></tr>`);
    out.push('</tbody></table>');
  }
  out.push('</main>');
  if (result.findings.length > 0) out.push(`<script>${SCRIPT}</script>`);
  out.push('</body>', '</html>', '');
  return out.join('\n');
}
