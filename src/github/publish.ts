// Decides whether to upload (auto/always/never), uploads with @actions/github, and reports what happened.
import { existsSync, readFileSync } from 'node:fs';
import * as core from '@actions/core';
import * as github from '@actions/github';
import { ConfigError } from '../errors.js';
import type { UploadMode } from '../inputs.js';
import { runContext } from './context.js';
import { buildUploadPayload, uploadSarif, type RequestFn } from './upload.js';

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
  const ctx = runContext(env, undefined);
  const payload = buildUploadPayload(options.sarifText, ctx, options.workspace, options.startedAt);
  const request = options.request ?? (github.getOctokit(options.token, { baseUrl: ctx.apiUrl }).request as unknown as RequestFn);
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
