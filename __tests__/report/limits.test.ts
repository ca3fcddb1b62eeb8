import { describe, expect, test } from 'vitest';
import type { Finding } from '../../src/engine/finding.js';
import { fitSarif, gzippedSize, limitFindings, MAX_FLOW_STEPS } from '../../src/report/limits.js';
import { renderSummary } from '../../src/report/summary.js';
import { toSarif } from '../../src/report/sarif.js';
import { allRules } from '../../src/rules/index.js';

const ruleMap = new Map(allRules.map((r) => [r.id, r]));
const rule = allRules.find((r) => r.level === 'error')!;

function finding(i: number, level: Finding['level']): Finding {
  return { ruleId: rule.id, level, path: `f${i % 50}.py`, region: { startLine: i + 1, startColumn: 1, endLine: i + 1, endColumn: 5 }, message: `m${i} ${'x'.repeat(i % 97)}`, snippet: '' };
}

describe('GitHub limits', () => {
  test('more results than a run may hold: the least severe are cut first', () => {
    const findings = [...Array.from({ length: 30 }, (_, i) => finding(i, 'note')), ...Array.from({ length: 10 }, (_, i) => finding(100 + i, 'error'))];
    const cut = limitFindings(findings, ruleMap, 25);
    expect(cut.kept).toHaveLength(25);
    expect(cut.dropped).toBe(15);
    expect(cut.kept.filter((f) => f.level === 'error')).toHaveLength(10);
    expect(cut.reason).toContain('more than 25 results');
  });

  test('code flows are trimmed to the per-result cap, keeping the sink', () => {
    const long: Finding = { ...finding(1, 'error'), flow: Array.from({ length: MAX_FLOW_STEPS + 50 }, (_, i) => ({ region: { startLine: i + 1, startColumn: 1, endLine: i + 1, endColumn: 2 }, message: `s${i}` })) };
    const [kept] = limitFindings([long], ruleMap).kept;
    expect(kept!.flow).toHaveLength(MAX_FLOW_STEPS);
    expect(kept!.flow!.at(-1)!.message).toBe(`s${MAX_FLOW_STEPS + 49}`);
  });

  test('a report over the gzipped size limit is cut until it fits, and the summary says so', () => {
    const findings = Array.from({ length: 2000 }, (_, i) => finding(i, i % 3 === 0 ? 'error' : 'note'));
    const build = (kept: Finding[]) => toSarif({ findings: kept, notifications: [], stats: { files: 1, scanned: 1, lines: 1, bytes: 1 }, files: [] }, allRules, { workspace: '/w', category: 'k' });
    const full = gzippedSize(build(findings));
    const base = gzippedSize(build([]));
    const limit = Math.floor(base + (full - base) / 2);
    const { log, cut } = fitSarif(findings, ruleMap, build, limit);
    expect(gzippedSize(log)).toBeLessThanOrEqual(limit);
    expect(cut.dropped).toBeGreaterThan(0);
    expect(cut.kept.filter((f) => f.level === 'error')).toHaveLength(667);
    const md = renderSummary({ result: { findings, notifications: [], stats: { files: 1, scanned: 1, lines: 1, bytes: 1 }, files: [] }, rules: allRules, failOn: 'error', gateTripped: true, omittedAnnotations: 0, sarifCut: { dropped: cut.dropped, reason: cut.reason! } });
    expect(md).toContain(`${cut.dropped} least severe findings were left out of the SARIF report`);
  });
});
