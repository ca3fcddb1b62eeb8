// Decides whether to upload (auto/always/never), uploads with @actions/github, and reports what happened.
import { existsSync, readFileSync } from 'node:fs';
import * as core from '@actions/core';
import { ConfigError } from '../errors.js';
import type { UploadMode } from '../inputs.js';
import { runContext } from './context.js';
import type { Finding } from '../engine/finding.js';
import type { AnnotateMode } from '../inputs.js';
import { pullRequestChangedLines } from './changed-lines.js';
import { buildUploadPayload, uploadSarif, type RequestFn } from './upload.js';


/**
 * The REST client, evaluated only when Krait talks to GitHub: @actions/github (Octokit) is a large part of the action
 * bundle and most runs (upload: never, every finding annotated) never need it. `webpackMode: "eager"` keeps it in the
 * one bundle file (no chunk) while deferring its evaluation to this call.
 */
async function octokitRequest(token: string, apiUrl: string): Promise<RequestFn> {
  const github = await import(/* webpackMode: "eager" */ '@actions/github');
  return github.getOctokit(token, { baseUrl: apiUrl }).request as unknown as RequestFn;
}

export const WAIT_TIMEOUT_MS = 120_000;

export interface PublishOptions {
  mode: UploadMode;
  token: string;
  wait: boolean;
  workspace: string;
  sarifText: string;
  startedAt: Date;
  env?: NodeJS.ProcessEnv;
  /** Injected in tests instead of Octokit's request. */
  request?: RequestFn;
}

/** Why the upload cannot happen here, or undefined when it can. */
function blocker(options: PublishOptions): string | undefined {
  const env = options.env ?? process.env;
  let event: object | undefined;
  try {
    if (env.GITHUB_EVENT_PATH && existsSync(env.GITHUB_EVENT_PATH)) event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as object;
  } catch {
    event = undefined;
  }
  const ctx = runContext(env, event);
  if (!ctx.onGitHub) return 'this run is not on GitHub Actions (GITHUB_REPOSITORY, GITHUB_SHA or GITHUB_REF is missing)';
  if (!options.token) return "no token was given (input 'token')";
  if (ctx.isForkPullRequest) return 'pull requests from forks get a read-only token';
  if (ctx.isDependabot) return 'runs triggered by Dependabot get a read-only token';
  return undefined;
}

/** Returns the sarif id when uploaded. Failures in 'always' mode throw; in 'auto' mode they become warnings. */
export async function publishSarif(options: PublishOptions): Promise<string | undefined> {
  if (options.mode === 'never') return undefined;
  const why = blocker(options);
  if (why) {
    if (options.mode === 'always') throw new ConfigError(`Input 'upload' is 'always' but the SARIF report cannot be uploaded: ${why}.`);
    core.notice(`Krait did not upload the SARIF report to code scanning: ${why}. Set upload: never to silence this, or chain github/codeql-action/upload-sarif.`);
    return undefined;
  }
  const env = options.env ?? process.env;
  const ctx = runContext(env, readEvent(env), checkedOutCommit(options.workspace));
  const payload = buildUploadPayload(options.sarifText, ctx, options.workspace, options.startedAt);
  const request = options.request ?? (await octokitRequest(options.token, ctx.apiUrl));
  try {
    const outcome = await uploadSarif(request, payload, { wait: options.wait, timeoutMs: WAIT_TIMEOUT_MS, log: (m) => core.info(m) });
    if (outcome.status === 'failed') {
      const message = `Code scanning could not process the SARIF report: ${outcome.errors.join('; ') || 'no reason given'}`;
      if (options.mode === 'always') throw new ConfigError(message);
      core.warning(message);
    } else if (outcome.status === 'timed-out') {
      core.warning(`Code scanning had not finished processing upload ${outcome.id} after ${WAIT_TIMEOUT_MS / 1000} s; results will appear when it does.`);
    } else {
      core.info(`SARIF report uploaded to code scanning (id ${outcome.id}${outcome.status === 'complete' ? ', processed' : ''}).`);
    }
    return outcome.id;
  } catch (error) {
    if (options.mode === 'always' || error instanceof ConfigError) throw error;
    core.warning(error instanceof Error ? error.message : String(error));
    return undefined;
  }
}

function readEvent(env: NodeJS.ProcessEnv): { pull_request?: { number?: number } } | undefined {
  try {
    return env.GITHUB_EVENT_PATH && existsSync(env.GITHUB_EVENT_PATH) ? (JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as { pull_request?: { number?: number } }) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The findings to annotate: all of them, none, or on a pull request only those on lines it adds or changes. When the
 * pull request's files cannot be read, every finding is annotated and a warning says why.
 */
export async function annotationScope(
  mode: AnnotateMode,
  findings: Finding[],
  token: string,
  env: NodeJS.ProcessEnv = process.env,
  request?: RequestFn,
): Promise<{ findings: Finding[]; scope?: string }> {
  if (mode === 'none') return { findings: [], scope: "annotations are off (input 'annotate: none')" };
  if (mode === 'all') return { findings };
  const ctx = runContext(env, undefined);
  const number = readEvent(env)?.pull_request?.number;
  if (!ctx.onGitHub || typeof number !== 'number' || (!token && !request)) return { findings };
  try {
    const req = request ?? (await octokitRequest(token, ctx.apiUrl));
    const changed = await pullRequestChangedLines(req, ctx.owner, ctx.repo, number);
    return { findings: findings.filter((f) => changed.get(f.path)?.has(f.region.startLine)), scope: 'only lines this pull request adds or changes are annotated' };
  } catch (error) {
    core.warning(`Krait could not read the pull request's changed lines, so every finding is annotated: ${error instanceof Error ? error.message : String(error)}`);
    return { findings };
  }
}

/** The commit checked out in the workspace when HEAD is detached (how actions/checkout leaves it), else undefined. */
function checkedOutCommit(workspace: string): string | undefined {
  try {
    const head = readFileSync(`${workspace}/.git/HEAD`, 'utf8').trim();
    return /^[0-9a-f]{40}$/.test(head) ? head : undefined;
  } catch {
    return undefined;
  }
}
