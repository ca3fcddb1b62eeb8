import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { toSarif, encodeUriPath } from '../../src/report/sarif.js';
import { serializeSarif } from '../../src/report/write-sarif.js';
import { allRules } from '../../src/rules/index.js';
import { scanWorkspace } from '../../src/scan.js';
import { multitoolErrors, schemaErrors } from '../helpers/sarif-validate.js';
import { tempProject } from '../helpers/temp-project.js';

const EXAMPLE = path.join(import.meta.dirname, '..', '..', 'examples', 'vulnerable-app');

async function exampleSarif() {
  const result = await scanWorkspace({ workspace: EXAMPLE, patterns: ['**/*.py'], excludes: [], rules: allRules });
  return { result, log: toSarif(result, allRules, { workspace: EXAMPLE, category: 'krait/test' }) };
}

describe('toSarif', () => {
  test('the example project gives a log that passes the schema and sarif-multitool (Sarif + Gh)', async () => {
    const { result, log } = await exampleSarif();
    // The example exercises every default rule, so a rule that stops firing on real code shows up here.
    const fired = new Set(result.findings.map((f) => f.ruleId));
    // Rules that need advisory data fire only with the vulnerability check (see __tests__/manifest-scan.test.ts).
    expect(allRules.filter((r) => r.tier === 'default' && !r.needsAdvisories && !fired.has(r.id)).map((r) => r.id)).toEqual([]);
    expect(schemaErrors(log)).toEqual([]);
    const dir = tempProject();
    const file = path.join(dir, 'out.sarif');
    writeFileSync(file, serializeSarif(log));
    expect(multitoolErrors(file)).toEqual([]);
  }, 60_000);

  test('rules carry what GitHub reads: help, precision, security-severity, CWE tags', async () => {
    const { log } = await exampleSarif();
    const run = log.runs[0]!;
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(run.tool.driver.name).toBe('Krait');
    expect(run.tool.driver.semanticVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(run.automationDetails?.id).toBe('krait/test/');
    for (const rule of run.tool.driver.rules ?? []) {
      expect(rule.help?.markdown).toContain('## Use instead');
      expect(rule.helpUri).toMatch(new RegExp(`docs/rules/${rule.id}\\.md$`));
      expect(rule.properties?.precision).toMatch(/^(very-high|high|medium|low)$/);
      expect(Number(rule.properties?.['security-severity'])).toBeGreaterThan(0);
      expect(rule.properties?.tags).toContain('security');
      expect((rule.properties?.tags as string[]).some((t) => /^external\/cwe\/cwe-\d+$/.test(t))).toBe(true);
    }
  });

  test('results point at their rule by index with %SRCROOT%-relative URIs and 1-based regions', async () => {
    const { log } = await exampleSarif();
    const run = log.runs[0]!;
    const rules = run.tool.driver.rules!;
    for (const r of run.results ?? []) {
      expect(rules[r.ruleIndex!]!.id).toBe(r.ruleId);
      const loc = r.locations![0]!.physicalLocation!;
      expect(loc.artifactLocation!.uriBaseId).toBe('%SRCROOT%');
      expect(loc.artifactLocation!.uri).not.toMatch(/^\/|\\|^file:/);
      expect(loc.region!.startLine).toBeGreaterThanOrEqual(1);
      expect(loc.region!.startColumn).toBeGreaterThanOrEqual(1);
    }
  });

  test('every result carries the primaryLocationLineHash upload-sarif would compute for its line', async () => {
    const { readFileSync } = await import('node:fs');
    const { lineFingerprints } = await import('../../src/report/fingerprints.js');
    const { log } = await exampleSarif();
    for (const r of log.runs[0]!.results ?? []) {
      const loc = r.locations![0]!.physicalLocation!;
      const text = readFileSync(path.join(EXAMPLE, decodeURIComponent(loc.artifactLocation!.uri!)), 'utf8');
      expect(r.partialFingerprints?.primaryLocationLineHash).toBe(lineFingerprints(text).get(loc.region!.startLine!));
    }
  });

  test('the same input gives byte-identical SARIF', async () => {
    const a = serializeSarif((await exampleSarif()).log);
    const b = serializeSarif((await exampleSarif()).log);
    expect(a).toBe(b);
  });

  test('an empty scan is still a valid log with an empty results array', async () => {
    const dir = tempProject({ 'README.md': 'no python here' });
    const result = await scanWorkspace({ workspace: dir, patterns: ['**/*.py'], excludes: [], rules: allRules });
    const log = toSarif(result, allRules, { workspace: dir, category: 'krait' });
    expect(log.runs[0]!.results).toEqual([]);
    expect(log.runs[0]!.invocations![0]!.toolExecutionNotifications!.map((n) => n.descriptor?.id)).toEqual(['no-files']);
    expect(schemaErrors(log)).toEqual([]);
  });

  test('paths with spaces, quotes and non-ASCII are percent-encoded', () => {
    expect(encodeUriPath('src/my app/caf\u00e9 #1.py')).toBe('src/my%20app/caf%C3%A9%20%231.py');
    expect(encodeUriPath("a/it's.py")).toBe('a/it%27s.py');
  });
});
