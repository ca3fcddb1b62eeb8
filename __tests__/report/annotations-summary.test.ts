import { describe, expect, test } from 'vitest';
import type { Finding } from '../../src/engine/finding.js';
import type { Notification } from '../../src/engine/notification.js';
import type { Level } from '../../src/engine/rule.js';
import { toAnnotations } from '../../src/report/annotations.js';
import { cell, renderSummary, SUMMARY_BYTE_LIMIT } from '../../src/report/summary.js';
import { allRules } from '../../src/rules/index.js';
import type { ScanResult } from '../../src/scan.js';

const rule = allRules[0]!;
const ruleMap = new Map(allRules.map((r) => [r.id, r]));

function finding(level: Level, line: number, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId: rule.id,
    level,
    path: 'app/x.py',
    region: { startLine: line, startColumn: 5, endLine: line, endColumn: 9 },
    message: `problem on ${line}`,
    snippet: 'eval(x)',
    ...extra,
  };
}

function result(findings: Finding[], notifications: Notification[] = []): ScanResult {
  return { findings, notifications, stats: { files: 1, scanned: 1, lines: 10, bytes: 100 }, files: ['app/x.py'] };
}

describe('toAnnotations', () => {
  test('at most 10 per level, most severe first, the rest counted', () => {
    const findings = [...Array.from({ length: 14 }, (_, i) => finding('warning', i + 1)), ...Array.from({ length: 3 }, (_, i) => finding('error', 100 + i))];
    const plan = toAnnotations(findings, [], ruleMap);
    expect(plan.annotations.filter((a) => a.level === 'warning')).toHaveLength(10);
    expect(plan.annotations.slice(0, 3).map((a) => a.level)).toEqual(['error', 'error', 'error']);
    expect(plan.omittedFindings).toBe(4);
  });

  test('file, lines, columns (only on single-line findings) and a title with rule id', () => {
    const multi = finding('error', 3, { region: { startLine: 3, startColumn: 1, endLine: 5, endColumn: 2 } });
    const [one, two] = toAnnotations([finding('error', 1), multi], [], ruleMap).annotations;
    expect(one!.properties).toEqual({ title: `${rule.id}: ${rule.title}`, file: 'app/x.py', startLine: 1, endLine: 1, startColumn: 5, endColumn: 9 });
    expect(two!.properties).toEqual({ title: `${rule.id}: ${rule.title}`, file: 'app/x.py', startLine: 3, endLine: 5 });
  });

  test('notifications fill what the findings leave; the overflow is logged, not lost', () => {
    const notes: Notification[] = Array.from({ length: 12 }, (_, i) => ({ kind: 'syntax-error', level: 'warning', path: `f${i}.py`, message: `bad ${i}` }));
    const plan = toAnnotations([finding('warning', 1)], notes, ruleMap);
    expect(plan.annotations).toHaveLength(10);
    expect(plan.overflowNotifications).toHaveLength(3);
  });
});

describe('renderSummary', () => {
  test('totals, the 12-section scorecard, top findings and the annotation note', () => {
    const md = renderSummary({ result: result([finding('error', 2), finding('note', 3)]), rules: allRules, failOn: 'error', gateTripped: true, omittedAnnotations: 7 });
    expect(md).toContain('❌ **Failed:**');
    expect(md).toContain('| 🔴 error | 1 |');
    expect(md).toContain('| **total** | **2** |');
    expect(md.match(/^\| (Input Validation|Sensitive Data Handling|Authentication and Authorization|SQL Injection Prevention|Dependency Security|Code Injection Prevention|File Operations|Cryptography|Error Handling|API Security|Logging and Monitoring|Best Practices) \|/gm)).toHaveLength(12);
    expect(md).toContain('`app/x.py:2`');
    expect(md).toContain('7 findings were not annotated inline');
  });

  test('a clean run passes and lists no findings table', () => {
    const md = renderSummary({ result: result([]), rules: allRules, failOn: 'warning', gateTripped: false, omittedAnnotations: 0 });
    expect(md).toContain('✅ **Passed:**');
    expect(md).not.toContain('### Top findings');
  });

  test('table cells cannot break the table or inject HTML', () => {
    expect(cell('a|b\nc <script>')).toBe('a\\|b c &lt;script&gt;');
  });

  test('a huge summary is cut under the 1 MiB limit with a note', () => {
    const many: Notification[] = Array.from({ length: 20 }, (_, i) => ({ kind: 'read-error', level: 'error', path: `p${i}`, message: 'x'.repeat(100_000) }));
    const md = renderSummary({ result: result([], many), rules: allRules, failOn: 'error', gateTripped: false, omittedAnnotations: 0 });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(SUMMARY_BYTE_LIMIT);
    expect(md).toContain('The summary was cut');
  });

  test('findings link to their line at the commit, show a code excerpt, and the full list folds away', () => {
    const many = Array.from({ length: 60 }, (_, i) => finding('warning', i + 1, { snippet: i === 0 ? 'eval(x) | y < z' : 'code' }));
    const md = renderSummary({ result: result(many), rules: allRules, failOn: 'error', gateTripped: false, omittedAnnotations: 0, seconds: 1.25, blobUrl: 'https://github.com/acme/shop/blob/abc123' });
    expect(md).toContain('[`app/x.py:1`](https://github.com/acme/shop/blob/abc123/app/x.py#L1)');
    expect(md).toContain('<code>eval(x) &#124; y &lt; z</code>');
    expect(md).toContain('<details><summary>All 60 findings</summary>');
    expect(md).toContain('in 1.3 s');
  });
});

