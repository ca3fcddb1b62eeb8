// parseInputs(): every action input read once, validated and typed; wrong values fail fast with the allowed ones.
import path from 'node:path';
import { ConfigError } from './errors.js';
import { VULNERABILITY_CHECKS, type VulnerabilityCheck } from './advisories/advisory.js';
import { FAIL_ON_VALUES, type FailOn } from './gate.js';
import { parseJobs } from './jobs.js';
import { parseShard, shardCategory, type Shard } from './shard.js';

export interface Inputs {
  workspace: string;
  paths: string[];
  exclude: string[];
  sarifFile: string;
  /** Undefined when the input is empty: the configuration's fail-on applies, else error. */
  failOn: FailOn | undefined;
  /** A configuration file (input config); empty for the default lookup. */
  config: string;
  /** A baseline file (input baseline); empty for none. */
  baseline: string;
  reportSuppressed: boolean;
  category: string;
  annotate: AnnotateMode;
  summary: boolean;
  upload: UploadMode;
  token: string;
  waitForProcessing: boolean;
  jobs: number;
  shard: Shard | undefined;
  /** Scan Jupyter notebooks (*.ipynb) too. */
  notebooks: boolean;
  /** Check dependency manifests (requirements files, pyproject.toml, Pipfile, setup.cfg, setup.py). */
  manifests: boolean;
  /** Look up pinned dependencies in an advisory database: none, or osv (osv.dev). */
  vulnerabilityCheck: VulnerabilityCheck;
  /** Absolute path for the HTML report, inside the workspace; undefined when none is asked for. */
  htmlReport: string | undefined;
}

export const ANNOTATE_MODES = ['changed', 'all', 'none'] as const;
export type AnnotateMode = (typeof ANNOTATE_MODES)[number];

export const UPLOAD_MODES = ['auto', 'always', 'never'] as const;
export type UploadMode = (typeof UPLOAD_MODES)[number];

/** Reads INPUT_<NAME> the way the runner sets it (spaces become underscores, upper case). */
export type InputReader = (name: string) => string;

export function envInputReader(env: NodeJS.ProcessEnv = process.env): InputReader {
  return (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

function lines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[], fallback: T): T {
  if (value === '') return fallback;
  const v = value.toLowerCase();
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new ConfigError(`Input '${name}' must be one of: ${allowed.join(', ')} (got '${value}').`);
}

function bool(name: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback;
  const v = value.toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new ConfigError(`Input '${name}' must be true or false (got '${value}').`);
}

/**
 * Default category, derived as upload-sarif derives it: `<workflow file>:<job id>/` plus each matrix value as
 * `key:value/` in key order, so every job and every matrix leg keeps its own alerts.
 */
export function defaultCategory(env: NodeJS.ProcessEnv, matrixJson: string): string {
  const job = env.GITHUB_JOB;
  const workflow = /^[^/]+\/[^/]+\/(.+?)@/.exec(env.GITHUB_WORKFLOW_REF ?? '')?.[1];
  if (!job) return 'krait';
  let category = `${workflow ?? env.GITHUB_WORKFLOW ?? 'workflow'}:${job}`;
  let matrix: unknown;
  try {
    matrix = matrixJson && matrixJson !== 'null' ? JSON.parse(matrixJson) : undefined;
  } catch {
    throw new ConfigError(`Input 'matrix' must be JSON such as \${{ toJson(matrix) }} (got '${matrixJson.slice(0, 80)}').`);
  }
  if (matrix && typeof matrix === 'object' && !Array.isArray(matrix)) {
    for (const key of Object.keys(matrix).sort()) {
      const value = (matrix as Record<string, unknown>)[key];
      category += `/${key}:${typeof value === 'string' ? value : JSON.stringify(value)}`;
    }
  }
  return category;
}

/** An input path resolved against the workspace; one that leads outside it is refused. */
function insideWorkspace(name: string, value: string, workspace: string): string | undefined {
  if (value === '') return undefined;
  const absolute = path.resolve(workspace, value);
  const rel = path.relative(workspace, absolute);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new ConfigError(`Input '${name}' must be a file path inside the workspace (got '${value}').`);
  }
  return absolute;
}

export function parseInputs(read: InputReader = envInputReader(), env: NodeJS.ProcessEnv = process.env): Readonly<Inputs> {
  const workspace = path.resolve(env.GITHUB_WORKSPACE || process.cwd());
  const paths = lines(read('paths'));
  const category = read('category');
  if (category && !/^[\w./:@+-]+$/.test(category)) {
    throw new ConfigError(`Input 'category' may hold letters, digits and . / : @ + - _ only (got '${category}').`);
  }
  const shard = parseShard(read('shard'), "Input 'shard'");
  const manifests = bool('manifests', read('manifests'), true);
  const vulnerabilityCheck = oneOf('vulnerability-check', read('vulnerability-check'), VULNERABILITY_CHECKS, 'none');
  if (vulnerabilityCheck !== 'none' && !manifests) {
    throw new ConfigError(`Input 'vulnerability-check: ${vulnerabilityCheck}' reads the dependency manifests: set 'manifests: true' or 'vulnerability-check: none'.`);
  }
  return Object.freeze({
    workspace,
    paths: paths.length ? paths : ['**/*.py'],
    exclude: lines(read('exclude')),
    sarifFile: read('sarif-file') || 'krait.sarif',
    failOn: read('fail-on') === '' ? undefined : oneOf('fail-on', read('fail-on'), FAIL_ON_VALUES, 'error'),
    config: read('config'),
    baseline: read('baseline'),
    reportSuppressed: bool('report-suppressed', read('report-suppressed'), false),
    category: shardCategory(category || defaultCategory(env, read('matrix')), shard),
    annotate: oneOf('annotate', read('annotate'), ANNOTATE_MODES, env.GITHUB_EVENT_NAME === 'pull_request' || env.GITHUB_EVENT_NAME === 'pull_request_target' ? 'changed' : 'all'),
    summary: bool('summary', read('summary'), true),
    upload: oneOf('upload', read('upload'), UPLOAD_MODES, 'auto'),
    token: read('token'),
    waitForProcessing: bool('wait-for-processing', read('wait-for-processing'), true),
    jobs: parseJobs(read('jobs'), "Input 'jobs'"),
    shard,
    notebooks: bool('notebooks', read('notebooks'), true),
    manifests,
    vulnerabilityCheck,
    htmlReport: insideWorkspace('html-report', read('html-report'), workspace),
  });
}
