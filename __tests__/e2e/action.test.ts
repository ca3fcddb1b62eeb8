// Runs the bundled action (dist/index.js) the way the GitHub runner does: INPUT_* variables and the runner's files.
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { schemaErrors } from '../helpers/sarif-validate.js';
import { tempProject } from '../helpers/temp-project.js';

const ROOT = path.join(import.meta.dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'vulnerable-app');

interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  workspace: string;
}

/** Parses the runner's GITHUB_OUTPUT file (name<<delimiter … delimiter blocks). */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!);
    out[m[1]!] = value.join('\n');
  }
  return out;
}

function runAction(inputs: Record<string, string>, files?: Record<string, string>, entry = path.join(ROOT, 'dist', 'index.js')): ActionRun {
  const workspace = tempProject(files);
  if (!files) cpSync(EXAMPLE, workspace, { recursive: true });
  const runner = tempProject({ 'output.txt': '', 'summary.md': '' });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_JOB: 'security',
    GITHUB_WORKFLOW_REF: 'acme/shop/.github/workflows/scan.yml@refs/heads/main',
    GITHUB_OUTPUT: path.join(runner, 'output.txt'),
    GITHUB_STEP_SUMMARY: path.join(runner, 'summary.md'),
    RUNNER_TEMP: runner,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const r = spawnSync(process.execPath, [entry], { cwd: workspace, env, encoding: 'utf8', timeout: 60_000 });
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    outputs: parseOutputs(readFileSync(path.join(runner, 'output.txt'), 'utf8')),
    summary: readFileSync(path.join(runner, 'summary.md'), 'utf8'),
    workspace,
  };
}

describe('dist/index.js as GitHub runs it', () => {
  test('scans the example: SARIF, outputs, annotations, summary, and the gate fails the job last', () => {
    const r = runAction({ 'fail-on': 'warning', 'sarif-file': 'reports/krait.sarif' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const sarifPath = path.join(r.workspace, 'reports', 'krait.sarif');
    expect(r.outputs['sarif-file']).toBe(sarifPath);
    const log = JSON.parse(readFileSync(sarifPath, 'utf8'));
    expect(schemaErrors(log)).toEqual([]);
    const results = log.runs[0].results as { level: string }[];
    expect(Number(r.outputs.findings)).toBe(results.length);
    expect(Number(r.outputs.errors) + Number(r.outputs.warnings) + Number(r.outputs.notes)).toBe(results.length);
    expect(log.runs[0].automationDetails.id).toBe('.github/workflows/scan.yml:security/');
    // Annotations are workflow commands with file, line and a title.
    expect(r.stdout).toMatch(/^::(error|warning|notice) title=[^,]+,file=app\/[a-z_]+\.py,line=\d+,endLine=\d+,col=\d+,endColumn=\d+::.+$/m);
    // The gate message comes after everything else was written.
    const failure = r.stdout.lastIndexOf('::error::Krait found');
    expect(failure).toBeGreaterThan(r.stdout.lastIndexOf('SARIF report written'));
    expect(r.summary).toContain('## 🐍 Krait security scan');
    expect(r.summary).toContain('### Checklist scorecard');
    expect(r.summary).toContain('| Code Injection Prevention |');
    expect(r.summary).toMatch(/`app\/server\.py:\d+`/);
  }, 60_000);

  test('fail-on none passes the job with the same findings', () => {
    const r = runAction({ 'fail-on': 'none' });
    expect(r.code).toBe(0);
    expect(Number(r.outputs.findings)).toBeGreaterThan(0);
    expect(r.stdout).not.toContain('::error::Krait found');
  }, 60_000);

  test('a wrong fail-on value fails fast naming the input and the allowed values', () => {
    const r = runAction({ 'fail-on': 'critical' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("::error::Input 'fail-on' must be one of: none, note, warning, error (got 'critical').");
    expect(r.outputs['sarif-file']).toBeUndefined();
  }, 60_000);

  test('paths that match nothing: a warning and an empty but valid SARIF', () => {
    const r = runAction({ paths: 'src/**/*.py' }, { 'README.md': 'nothing to see' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/::warning title=Krait%3A no-files::no Python files matched/);
    const log = JSON.parse(readFileSync(path.join(r.workspace, 'krait.sarif'), 'utf8'));
    expect(log.runs[0].results).toEqual([]);
    expect(schemaErrors(log)).toEqual([]);
    expect(r.outputs.findings).toBe('0');
  }, 60_000);

  test('configuration, suppressions and a baseline: the gate and annotations see only new, unsuppressed findings', () => {
    const files = {
      '.krait.toml': 'fail-on = "warning"\n[levels]\n"eval-nonconstant" = "error"\n',
      'app.py': 'import os\n\n\ndef a(x):\n    eval(x)\n\n\ndef b(y):\n    os.system("ls " + y)  # nosec B605\n',
    };
    // First run: the settings file sets fail-on and raises eval-nonconstant to error; the nosec comment silences B605.
    const first = runAction({}, files);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('(settings from .krait.toml)');
    expect(first.stdout).toContain("at or above 'warning' level (fail-on in .krait.toml)");
    const log = JSON.parse(readFileSync(path.join(first.workspace, 'krait.sarif'), 'utf8'));
    expect(log.runs[0].results.map((r: { ruleId: string; level: string }) => `${r.ruleId}:${r.level}`)).toEqual(['eval-nonconstant:error']);
    expect(first.summary).toContain('1 finding suppressed by inline comments');

    // With report-suppressed the silenced result is in the SARIF, marked; with a baseline holding today's findings the job passes.
    const baseline = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'baseline', '--root', first.workspace, '--quiet'], { cwd: first.workspace, encoding: 'utf8' });
    expect(baseline.status).toBe(0);
    const second = runAction({ baseline: '.krait-baseline.json', 'report-suppressed': 'true' }, { ...files, '.krait-baseline.json': readFileSync(path.join(first.workspace, '.krait-baseline.json'), 'utf8') });
    expect(second.code).toBe(0);
    const results = JSON.parse(readFileSync(path.join(second.workspace, 'krait.sarif'), 'utf8')).runs[0].results;
    expect(results.map((r: { ruleId: string; baselineState?: string; suppressions?: unknown[] }) => [r.ruleId, r.baselineState, r.suppressions?.length ?? 0])).toEqual([
      ['eval-nonconstant', 'unchanged', 0],
      ['shell-command-nonconstant', undefined, 1],
    ]);
    expect(second.summary).toContain('Baseline: 0 new findings, 1 already in the baseline');
    expect(second.stdout).not.toMatch(/^::error title=eval-nonconstant/m);
  }, 120_000);

  test('a configuration mistake fails fast, naming the file, the key and a suggestion', () => {
    const r = runAction({}, { '.krait.toml': 'ignore = ["sql-injecton"]\n', 'a.py': 'x = 1\n' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("::error::.krait.toml: 'ignore' names 'sql-injecton', which is not a Krait rule id");
    expect(r.stdout).toContain("(did you mean 'sql-injection'?)");
  }, 60_000);

  test('more findings than GitHub can annotate: capped at 10 per level, the summary says how many were left out', () => {
    const body = Array.from({ length: 25 }, (_, i) => `eval(value_${i})`).join('\n') + '\n';
    const r = runAction({ 'fail-on': 'none' }, { 'many.py': body });
    expect(r.stdout.match(/^::warning title=eval-nonconstant/gm)).toHaveLength(10);
    expect(r.summary).toContain('15 findings were not annotated inline');
  }, 60_000);

  test('dist/ copied alone to another folder still runs (no node_modules needed)', () => {
    const copy = tempProject();
    cpSync(path.join(ROOT, 'dist'), copy, { recursive: true });
    const r = runAction({ 'fail-on': 'none' }, { 'a.py': 'eval(x)\n' }, path.join(copy, 'index.js'));
    expect(r.code).toBe(0);
    expect(r.outputs.findings).toBe('1');
    const cli = spawnSync(process.execPath, [path.join(copy, 'cli.js'), '--version'], { encoding: 'utf8' });
    expect(cli.stdout).toMatch(/^krait \d/);
  }, 60_000);
});
