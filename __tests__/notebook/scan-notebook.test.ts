// Scanning Jupyter notebooks end to end: found with the Python files, findings at the notebook's own lines.
import { describe, expect, test } from 'vitest';
import { main } from '../../src/cli.js';
import { lineStarts, positionAt } from '../../src/notebook/json-locate.js';
import { toSarif } from '../../src/report/sarif.js';
import { defaultRules } from '../../src/rules/selection.js';
import { scanWorkspace } from '../../src/scan.js';
import { tempProject } from '../helpers/temp-project.js';

function notebook(cells: (string | string[])[]): string {
  const nb = {
    cells: [
      { cell_type: 'markdown', metadata: {}, source: ['# Data import\n', 'Run the cells in order.'] },
      ...cells.map((source, i) => ({ cell_type: 'code', execution_count: i + 1, metadata: {}, outputs: [], source })),
    ],
    metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return `${JSON.stringify(nb, null, 1)}\n`;
}

const VULNERABLE = notebook([
  ['%matplotlib inline\n', 'import requests\n', 'pkg = input("package: ")\n'],
  ['!pip install {pkg}\n', '!pip install numpy\n', 'files = !ls -la\n'],
  ['def fetch(url):\n', '    return requests.get(url, verify=False, timeout=10)\n'],
  ['%%bash\n', 'curl -k https://example.invalid | sh\n'],
]);

function lineOf(text: string, needle: string): { line: number; column: number } {
  return positionAt(lineStarts(text), text.indexOf(needle));
}

const rules = defaultRules();

describe('notebook scan', () => {
  test('findings point at the notebook file and the JSON line of the cell source', async () => {
    const dir = tempProject({ 'analysis/import.ipynb': VULNERABLE, 'app.py': 'x = 1\n' });
    const result = await scanWorkspace({ workspace: dir, patterns: ['**/*.py'], excludes: [], rules, jobs: 1 });
    expect(result.files).toEqual(['analysis/import.ipynb', 'app.py']);
    expect(result.notifications).toEqual([]);
    const byRule = new Map(result.findings.map((f) => [f.ruleId, f]));
    expect([...byRule.keys()]).toEqual(expect.arrayContaining(['cert-validation-disabled', 'shell-command-nonconstant']));

    const tls = byRule.get('cert-validation-disabled')!;
    expect(tls.path).toBe('analysis/import.ipynb');
    expect(tls.region.startLine).toBe(lineOf(VULNERABLE, 'return requests.get').line);
    expect(tls.snippet).toBe('    "    return requests.get(url, verify=False, timeout=10)\\n"');
    expect(tls.notebookCell).toEqual({ cell: 4, line: 2 });
    expect(tls.fingerprint).toMatch(/^[0-9a-f]+:1$/);

    const shell = byRule.get('shell-command-nonconstant')!;
    const at = lineOf(VULNERABLE, '!pip install {pkg}');
    expect(shell.region).toEqual({ startLine: at.line, startColumn: at.column, endLine: at.line, endColumn: at.column + '!pip install {pkg}'.length });
    expect(shell.message).toMatch(/^The shell escape `!pip install \{pkg\}` runs a shell command line built from non-constant values/);

    const sarif = toSarif(result, rules, { workspace: dir, category: 'krait' });
    const locations = sarif.runs[0]!.results!.map((r) => [r.ruleId, r.locations![0]!.physicalLocation!] as const);
    expect(locations.filter(([id]) => id === 'shell-command-nonconstant' || id === 'cert-validation-disabled').map(([id, l]) => [id, l.artifactLocation!.uri, l.region!.startLine])).toEqual([
      ['shell-command-nonconstant', 'analysis/import.ipynb', at.line],
      ['cert-validation-disabled', 'analysis/import.ipynb', tls.region.startLine],
    ]);
  });

  test('suppression comments in a cell move to the notebook lines of the findings they cover', async () => {
    const text = notebook([['x = input()\n', 'eval(x)  # nosec\n', '# krait: ignore[eval-nonconstant]\n', 'eval(x)\n']]);
    const dir = tempProject({ 'nb.ipynb': text });
    const result = await scanWorkspace({ workspace: dir, patterns: ['**/*.py'], excludes: [], rules, jobs: 1 });
    const comments = result.suppressions?.get('nb.ipynb') ?? [];
    const lines = result.findings.filter((f) => f.ruleId === 'eval-nonconstant').map((f) => f.region.startLine);
    expect(lines).toEqual([lineOf(text, 'eval(x)  # nosec').line, lineOf(text, '# krait: ignore').line + 1]);
    expect(comments.map((c) => [c.kind, c.line, c.lines])).toEqual([
      ['nosec', lines[0], [lines[0]]],
      ['krait', lines[1]! - 1, [lines[1]! - 1, lines[1]]],
    ]);
    expect(comments[0]!.column).toBe(lineOf(text, '# nosec').column);
  });

  test('notebooks: false leaves .ipynb files out, even when named', async () => {
    const dir = tempProject({ 'nb.ipynb': VULNERABLE, 'app.py': 'x = 1\n' });
    const off = await scanWorkspace({ workspace: dir, patterns: ['**/*.py', 'nb.ipynb'], excludes: [], rules, jobs: 1, notebooks: false });
    expect(off.files).toEqual(['app.py']);
  });

  test('checkpoint copies are not scanned', async () => {
    const dir = tempProject({ 'nb.ipynb': VULNERABLE, '.ipynb_checkpoints/nb-checkpoint.ipynb': VULNERABLE });
    const result = await scanWorkspace({ workspace: dir, patterns: ['**/*.py'], excludes: [], rules, jobs: 1 });
    expect(result.files).toEqual(['nb.ipynb']);
  });

  test('a malformed or non-Python notebook is a notification, and the other files are still scanned', async () => {
    const dir = tempProject({
      'broken.ipynb': '{"cells": [{"cell_type": "code", "source": ["eval(x)\\n"]}',
      'r.ipynb': JSON.stringify({ cells: [{ cell_type: 'code', source: 'x <- 1' }], metadata: { kernelspec: { language: 'R' } } }),
      'app.py': 'eval(input())\n',
    });
    const result = await scanWorkspace({ workspace: dir, patterns: ['**/*.py'], excludes: [], rules, jobs: 1 });
    expect(result.findings.map((f) => f.path)).toEqual(['app.py']);
    expect(result.stats.scanned).toBe(1);
    expect(result.notifications.map((n) => [n.kind, n.level, n.path])).toEqual([
      ['notebook-skipped', 'warning', 'broken.ipynb'],
      ['notebook-skipped', 'note', 'r.ipynb'],
    ]);
    expect(result.notifications[0]!.message).toMatch(/^broken\.ipynb is not valid JSON \(unexpected end of text at line 1, column \d+\)/);
  });

  test('a syntax error in a cell is reported at the notebook line and cell', async () => {
    const text = notebook([['x = 1\n'], ['def broken(:\n', '    pass\n']]);
    const dir = tempProject({ 'nb.ipynb': text });
    const result = await scanWorkspace({ workspace: dir, patterns: ['**/*.py'], excludes: [], rules, jobs: 1 });
    const note = result.notifications.find((n) => n.kind === 'syntax-error')!;
    expect(note.region!.startLine).toBe(lineOf(text, 'def broken').line);
    expect(note.message).toContain('(cell 3, line 1)');
  });

  test('the CLI finds notebooks in a folder, and --no-notebooks leaves them out', async () => {
    const dir = tempProject({ 'work/import.ipynb': VULNERABLE });
    let stdout = '';
    const io = { stdout: (t: string) => (stdout += t), stderr: () => undefined, isTTY: false, env: {}, cwd: dir };
    expect(await main(['work', '-j', '1'], io)).toBe(1);
    expect(stdout).toContain(`work/import.ipynb:${lineOf(VULNERABLE, 'return requests.get').line}:`);
    stdout = '';
    expect(await main(['work', '-j', '1', '--no-notebooks', '-f', 'json'], io)).toBe(0);
    expect(JSON.parse(stdout).findings).toEqual([]);
  });
});
