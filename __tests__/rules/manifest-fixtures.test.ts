// The generic manifest-rule test: each rule with a manifest check runs on its folder __tests__/fixtures/manifests/<id>/
// as a workspace (discovery, includes, constraints and lock files included); `# expect:` / `# ok:` comments in every
// manifest there say where findings must and must not start. Rules that need advisories get the test OSV database.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { scanManifests } from '../../src/manifest-scan.js';
import { manifestFormat } from '../../src/manifests/manifest-files.js';
import { allRules } from '../../src/rules/index.js';
import { fakeOsvFetch } from '../helpers/fake-osv.js';
import { parseAnnotations } from '../helpers/fixture-annotations.js';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'manifests');
const manifestRules = allRules.filter((r) => r.manifest);

describe.each(manifestRules.map((r) => [r.id, r] as const))('%s', (id, rule) => {
  const folder = path.join(FIXTURES, id);
  test('manifest fixtures: positives fire and negatives stay silent', async () => {
    expect(existsSync(folder), `missing manifest fixture folder ${folder}`).toBe(true);
    const result = await scanManifests({ workspace: folder, excludes: [], rules: [rule], vulnerabilityCheck: 'osv', osv: { fetch: fakeOsvFetch() } });
    const problems: string[] = [];
    for (const n of result.notifications) if (n.kind === 'rule-error' || n.kind === 'vulnerability-check-error') problems.push(`${n.kind}: ${n.message}`);
    const files = readdirSync(folder, { recursive: true, encoding: 'utf8' })
      .map((f) => f.replace(/\\/g, '/'))
      .filter((f) => manifestFormat(f) !== undefined || result.manifests.includes(f))
      .sort();
    let expects = 0;
    let oks = 0;
    for (const file of files) {
      const source = readFileSync(path.join(folder, file), 'utf8');
      const lines = source.split(/\r\n|\r|\n/);
      const annotations = parseAnnotations(source).filter((a) => a.ruleId === id);
      const findings = result.findings.filter((f) => f.path === file);
      const show = (line: number) => `${file}:${line}: ${lines[line - 1]?.trim()}`;
      const hit = (line: number, column?: number) => findings.some((f) => f.region.startLine === line && (column === undefined || f.region.startColumn === column));
      for (const a of annotations) {
        const fired = hit(a.line, a.column);
        if (a.kind === 'expect') expects++;
        if (a.kind === 'ok') oks++;
        if (a.kind === 'expect' && !fired) problems.push(`missing ${show(a.line)}`);
        if (a.kind === 'ok' && fired) problems.push(`noisy ${show(a.line)} — ${findings.find((f) => f.region.startLine === a.line)?.message}`);
        if (a.kind === 'todo-expect' && fired) problems.push(`todo-expect now fires, flip it to expect: ${show(a.line)}`);
        if (a.kind === 'todo-ok' && !fired) problems.push(`todo-ok is now silent, flip it to ok: ${show(a.line)}`);
      }
      const allowed = new Set(annotations.filter((a) => a.kind === 'expect' || a.kind === 'todo-ok').map((a) => a.line));
      for (const f of findings) if (!allowed.has(f.region.startLine)) problems.push(`noisy (unannotated) ${show(f.region.startLine)} — ${f.message}`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
    expect(expects, 'the fixture needs expect lines').toBeGreaterThan(0);
    expect(oks, 'the fixture needs ok lines').toBeGreaterThan(0);
  });
});
