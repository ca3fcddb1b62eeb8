// Runs the bundled action (dist/index.js) as the runner does, without blocking the test's event loop (so a local
// fake GitHub API in the same process can answer it), and collects everything the run printed or wrote.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { tempProject } from './temp-project.js';

export const ROOT = path.join(import.meta.dirname, '..', '..');
export const ACTION = path.join(ROOT, 'dist', 'index.js');

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The runner's GITHUB_OUTPUT file, raw. */
  outputFile: string;
  summary: string;
  workspace: string;
  /** RUNNER_TEMP, which also holds GITHUB_OUTPUT and GITHUB_STEP_SUMMARY. */
  runner: string;
}

export interface RunActionOptions {
  /** INPUT_* values by input name. */
  inputs: Record<string, string>;
  /** An existing workspace folder (made by the test). */
  workspace: string;
  /** Extra environment (GITHUB_API_URL, GITHUB_REPOSITORY, RUNNER_DEBUG, …). */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export async function runActionAsync(options: RunActionOptions): Promise<ActionRun> {
  const runner = tempProject({ 'output.txt': '', 'summary.md': '' });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_JOB: 'security',
    GITHUB_WORKFLOW_REF: 'acme/shop/.github/workflows/scan.yml@refs/heads/main',
    GITHUB_OUTPUT: path.join(runner, 'output.txt'),
    GITHUB_STEP_SUMMARY: path.join(runner, 'summary.md'),
    RUNNER_TEMP: runner,
    ...options.env,
  };
  for (const [k, v] of Object.entries(options.inputs)) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [ACTION], { cwd: options.workspace, env, encoding: 'utf8', timeout: options.timeoutMs ?? 30_000, maxBuffer: 64 * 1024 * 1024 }, (error, out, err) => {
      const exit = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : null) : 0;
      resolve({ code: exit, stdout: out, stderr: err });
    });
  });
  return {
    code,
    stdout,
    stderr,
    outputFile: readFileSync(path.join(runner, 'output.txt'), 'utf8'),
    summary: readFileSync(path.join(runner, 'summary.md'), 'utf8'),
    workspace: options.workspace,
    runner,
  };
}

/** Every regular file under a folder (path → bytes), for searching all that a run wrote. */
export function allFiles(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      const st = statSync(p, { throwIfNoEntry: false });
      if (st?.isDirectory()) walk(p);
      else if (st?.isFile()) out.set(p, readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/** Undoes the escaping of workflow command properties (@actions/core's toCommandProperties). */
export function unescapeProperty(value: string): string {
  const codes: Record<string, string> = { '%25': '%', '%0D': '\r', '%0A': '\n', '%3A': ':', '%2C': ',' };
  return value.replace(/%(?:25|0D|0A|3A|2C)/g, (c) => codes[c]!);
}

/** The `::level key=value,…::message` annotations a run printed, with properties unescaped. */
export function annotationsIn(stdout: string): { level: string; properties: Record<string, string>; message: string }[] {
  const out: { level: string; properties: Record<string, string>; message: string }[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^::(error|warning|notice) ([^:]*)::(.*)$/.exec(line);
    if (!m) continue;
    const properties: Record<string, string> = {};
    for (const pair of m[2]!.split(',')) {
      const eq = pair.indexOf('=');
      if (eq > 0) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    out.push({ level: m[1]!, properties, message: m[3]! });
  }
  return out;
}
