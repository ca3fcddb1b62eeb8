// The one generic rule test: every rule runs on its own fixture; missing and noisy lines are listed with their source.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadPython } from '../../src/parser/python.js';
import { allRules } from '../../src/rules/index.js';
import { scanText } from '../../src/scan.js';
import { parseAnnotations } from '../helpers/fixture-annotations.js';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'rules');

/**
 * A rule's fixtures: `<id>.py`, plus every `.py` file under a `<id>/` folder for rules that judge a file by its path
 * (`<id>/settings/dev.py` is scanned as that path).
 */
function fixtureFiles(id: string): string[] {
  const folder = path.join(FIXTURES, id);
  const extra = existsSync(folder) ? readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.py')).sort() : [];
  return [`${id}.py`, ...extra.map((f) => `${id}/${f.replace(/\\/g, '/')}`)];
}

// Manifest-only rules (no visitors) are checked on their manifest fixtures by manifest-fixtures.test.ts.
describe.each(allRules.filter((r) => Object.keys(r.visitors).length > 0).map((r) => [r.id, r] as const))('%s', (id, rule) => {
  test.each(fixtureFiles(id))('fixture %s: positives fire and negatives stay silent', async (name) => {
    const file = path.join(FIXTURES, name);
    expect(existsSync(file), `missing fixture ${file}`).toBe(true);
    const source = readFileSync(file, 'utf8');
    const lines = source.split(/\r\n|\r|\n/);
    const annotations = parseAnnotations(source).filter((a) => a.ruleId === id);
    const parser = await loadPython();
    const { findings, notifications } = scanText(parser, `__tests__/fixtures/rules/${name}`, source, [rule]);
    const problems: string[] = [];
    for (const n of notifications) if (n.kind === 'rule-error') problems.push(`rule error: ${n.message}`);
    const hit = (line: number, column?: number) =>
      findings.some((f) => f.region.startLine === line && (column === undefined || f.region.startColumn === column));
    const show = (line: number) => `line ${line}: ${lines[line - 1]?.trim()}`;
    for (const a of annotations) {
      const fired = hit(a.line, a.column);
      if (a.kind === 'expect' && !fired) problems.push(`missing ${show(a.line)}`);
      if (a.kind === 'ok' && fired) problems.push(`noisy ${show(a.line)}`);
      if (a.kind === 'todo-expect' && fired) problems.push(`todo-expect now fires, flip it to expect: ${show(a.line)}`);
      if (a.kind === 'todo-ok' && !fired) problems.push(`todo-ok is now silent, flip it to ok: ${show(a.line)}`);
    }
    const allowed = new Set(annotations.filter((a) => a.kind === 'expect' || a.kind === 'todo-ok').map((a) => a.line));
    for (const f of findings) {
      if (!allowed.has(f.region.startLine)) problems.push(`noisy (unannotated) ${show(f.region.startLine)} — ${f.message}`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
