// GitHub's limits at their real values (not scaled-down ones), with synthetic findings so the tests stay fast:
// 25,000 results per run, 10 MB of gzipped SARIF, 10 annotations per level per step, 1 MiB of job summary.
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import type { Finding } from '../../src/engine/finding.js';
import type { Level } from '../../src/engine/rule.js';
import { runContext } from '../../src/github/context.js';
import { buildUploadPayload, UploadError } from '../../src/github/upload.js';
import { ANNOTATIONS_PER_LEVEL, toAnnotations } from '../../src/report/annotations.js';
import { fitSarif, gzippedSize, MAX_GZIPPED_BYTES, MAX_RESULTS } from '../../src/report/limits.js';
import { toSarif } from '../../src/report/sarif.js';
import { renderSummary, SUMMARY_BYTE_LIMIT } from '../../src/report/summary.js';
import { serializeSarif } from '../../src/report/write-sarif.js';
import { allRules } from '../../src/rules/index.js';
import type { ScanResult } from '../../src/scan.js';

const ruleMap = new Map(allRules.map((r) => [r.id, r]));
const byLevel = (level: Level) => allRules.find((r) => r.level === level) ?? allRules[0]!;

function finding(i: number, level: Level, message = `m${i}`): Finding {
  return { ruleId: byLevel(level).id, level, path: `pkg${i % 200}/mod${i % 37}.py`, region: { startLine: i + 1, startColumn: 1, endLine: i + 1, endColumn: 9 }, message, snippet: '' };
}

function result(findings: Finding[]): ScanResult {
  return { findings, notifications: [], stats: { files: 200, scanned: 200, lines: 1_000_000, bytes: 1 }, files: [] };
}

const build = (kept: Finding[]) => toSarif(result(kept), allRules, { workspace: '/w', category: 'k' });

describe("GitHub's limits at their real values", () => {
  test('25,001 results: the SARIF holds exactly 25,000, the one cut is a note, all errors stay', () => {
    expect(MAX_RESULTS).toBe(25_000);
    const findings = Array.from({ length: MAX_RESULTS + 1 }, (_, i) => finding(i, i === 7 ? 'note' : i % 2 ? 'error' : 'warning'));
    const { log, cut } = fitSarif(findings, ruleMap, build);
    expect(log.runs[0]!.results).toHaveLength(MAX_RESULTS);
    expect(cut.dropped).toBe(1);
    expect(cut.reason).toBe('more than 25,000 results in one run');
    expect(log.runs[0]!.results!.some((r) => r.message.text === 'm7')).toBe(false);
    expect(log.runs[0]!.results!.filter((r) => r.level === 'error')).toHaveLength(12_499); // the odd i, less i = 7
  });

  test('exactly 25,000 results: nothing is cut', () => {
    const findings = Array.from({ length: MAX_RESULTS }, (_, i) => finding(i, 'warning'));
    const { log, cut } = fitSarif(findings, ruleMap, build);
    expect(cut.dropped).toBe(0);
    expect(log.runs[0]!.results).toHaveLength(MAX_RESULTS);
  });

  test('a report over 10 MB gzipped (incompressible messages) is cut to fit, most severe kept, and still uploads', () => {
    expect(MAX_GZIPPED_BYTES).toBe(10 * 1024 * 1024);
    // ~15 MB of random base64 in 2,000 messages: about 11 MB once gzipped.
    const findings = Array.from({ length: 2_000 }, (_, i) => finding(i, i % 5 === 0 ? 'error' : 'note', randomBytes(5_600).toString('base64')));
    const { log, cut } = fitSarif(findings, ruleMap, build);
    expect(cut.dropped).toBeGreaterThan(0);
    expect(cut.reason).toBe('the gzipped report was over 10 MB');
    const text = serializeSarif(log);
    const payload = buildUploadPayload(text, runContext({ GITHUB_REPOSITORY: 'a/b', GITHUB_SHA: '1'.repeat(40), GITHUB_REF: 'refs/heads/main' }, undefined), '/w', new Date());
    const gz = Buffer.from(payload.sarif, 'base64');
    expect(gz.length).toBeLessThanOrEqual(MAX_GZIPPED_BYTES);
    expect(gunzipSync(gz).toString('utf8')).toBe(text);
    expect(gzippedSize(log)).toBeLessThanOrEqual(MAX_GZIPPED_BYTES);
    // Every error (400) survives: only notes were cut.
    expect(log.runs[0]!.results!.filter((r) => r.level === 'error')).toHaveLength(400);
  }, 20_000);

  test('the upload refuses a SARIF text over 10 MB gzipped instead of sending it', () => {
    const text = JSON.stringify({ version: '2.1.0', runs: [], padding: randomBytes(12 * 1024 * 1024).toString('base64') });
    const ctx = runContext({ GITHUB_REPOSITORY: 'a/b', GITHUB_SHA: '1'.repeat(40), GITHUB_REF: 'refs/heads/main' }, undefined);
    let error: unknown;
    try {
      buildUploadPayload(text, ctx, '/w', new Date());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UploadError);
    expect((error as Error).message).toMatch(/MB gzipped, above code scanning's 10 MB limit/);
  });

  test('annotations: 10 of each level per step, the most severe rules first, the rest counted', () => {
    expect(ANNOTATIONS_PER_LEVEL).toBe(10);
    const findings = (['error', 'warning', 'note'] as const).flatMap((level) => Array.from({ length: 30 }, (_, i) => finding(i, level)));
    const plan = toAnnotations(findings, [{ kind: 'syntax-error', level: 'warning', path: 'x.py', message: 'bad' }], ruleMap);
    const count = (level: Level) => plan.annotations.filter((a) => a.level === level).length;
    expect([count('error'), count('warning'), count('note')]).toEqual([10, 10, 10]);
    expect(plan.omittedFindings).toBe(60);
    // The syntax-error notification did not fit under the warning cap: it is logged instead, not lost.
    expect(plan.overflowNotifications).toHaveLength(1);
  });

  test('job summary: 25,000 findings with multi-byte messages and paths stay under 1 MiB counted in bytes', () => {
    expect(SUMMARY_BYTE_LIMIT).toBeLessThanOrEqual(1024 * 1024);
    const findings = Array.from({ length: MAX_RESULTS }, (_, i) => ({ ...finding(i, i % 3 ? 'warning' : 'error', `日本語のメッセージ ${'🐍'.repeat(40)} ${i}`), path: `パッケージ/${i % 300}/モジュール.py` }));
    const md = renderSummary({ result: result(findings), rules: allRules, failOn: 'error', gateTripped: true, omittedAnnotations: findings.length - 20 });
    expect(Buffer.byteLength(md, 'utf8')).toBeLessThanOrEqual(SUMMARY_BYTE_LIMIT);
    expect(md).toContain('## 🐍 Krait security scan');
    // Cut or not, the document is well-formed: it holds no unpaired surrogate from a cut in the middle of a character.
    expect(md).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});
