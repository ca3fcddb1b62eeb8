// Uploads SARIF to GitHub code scanning (POST /repos/{owner}/{repo}/code-scanning/sarifs) and waits for processing.
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { errorMessage } from '../errors.js';
import { MAX_GZIPPED_BYTES } from '../report/limits.js';
import type { RunContext } from './context.js';


export interface UploadPayload {
  owner: string;
  repo: string;
  commit_sha: string;
  ref: string;
  sarif: string;
  checkout_uri: string;
  started_at: string;
  tool_name: string;
}

/** The request body the REST API expects: the SARIF gzipped and base64-encoded, the commit and ref, the checkout root. */
export function buildUploadPayload(sarifText: string, ctx: RunContext, workspace: string, startedAt: Date): UploadPayload {
  const gzipped = gzipSync(Buffer.from(sarifText, 'utf8'));
  if (gzipped.length > MAX_GZIPPED_BYTES) {
    throw new UploadError(`the SARIF report is ${(gzipped.length / 1e6).toFixed(1)} MB gzipped, above code scanning's 10 MB limit`);
  }
  return {
    owner: ctx.owner,
    repo: ctx.repo,
    commit_sha: ctx.sha,
    ref: ctx.ref,
    sarif: gzipped.toString('base64'),
    checkout_uri: pathToFileURL(workspace).href,
    started_at: startedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    tool_name: 'Krait',
  };
}

export class UploadError extends Error {
  override readonly name = 'UploadError';
}

/** The part of Octokit this module uses: one request function (easy to fake in tests). */
export type RequestFn = (route: string, params: Record<string, unknown>) => Promise<{ status: number; data: unknown }>;

export interface UploadOptions {
  wait: boolean;
  /** How long to wait for processing in total. */
  timeoutMs: number;
  /** Injected in tests. */
  sleep?: (ms: number) => Promise<void>;
  log?: (message: string) => void;
}

export interface UploadOutcome {
  id: string;
  status: 'pending' | 'complete' | 'failed' | 'not-waited' | 'timed-out';
  errors: string[];
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function statusOf(error: unknown): number | undefined {
  const s = (error as { status?: unknown })?.status;
  return typeof s === 'number' ? s : undefined;
}

/** A clear message for each failure the API documents. */
export function explainUploadFailure(error: unknown): string {
  const status = statusOf(error);
  const detail = errorMessage(error);
  switch (status) {
    case 401:
      return `GitHub rejected the token (401): pass a valid token in the 'token' input. ${detail}`;
    case 403:
      return `GitHub refused the upload (403): add 'permissions: security-events: write' to the job (private repositories also need 'contents: read' and code scanning / GitHub Advanced Security enabled). ${detail}`;
    case 404:
      return `GitHub answered 404: the repository was not found or the token cannot see it; check the token and that code scanning is available for this repository. ${detail}`;
    case 413:
      return `GitHub answered 413: the SARIF report is too large to upload. ${detail}`;
    case 422:
    case 400:
      return `GitHub rejected the SARIF report (${status}): ${detail}`;
    default:
      return `Uploading to code scanning failed${status ? ` (${status})` : ''}: ${detail}`;
  }
}

export async function uploadSarif(request: RequestFn, payload: UploadPayload, options: UploadOptions): Promise<UploadOutcome> {
  const sleep = options.sleep ?? defaultSleep;
  let response: { status: number; data: unknown } | undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      response = await request('POST /repos/{owner}/{repo}/code-scanning/sarifs', { ...payload });
      break;
    } catch (error) {
      const status = statusOf(error);
      if (status !== undefined && status >= 500 && attempt < 4) {
        options.log?.(`code scanning upload answered ${status}; retrying (attempt ${attempt + 1} of 4)`);
        await sleep(2000 * 2 ** (attempt - 1));
        continue;
      }
      throw new UploadError(explainUploadFailure(error), { cause: error });
    }
  }
  const id = String((response.data as { id?: unknown }).id ?? '');
  if (!options.wait) return { id, status: 'not-waited', errors: [] };
  const started = Date.now();
  let delay = 5000;
  for (;;) {
    const left = options.timeoutMs - (Date.now() - started);
    if (left <= 0) return { id, status: 'timed-out', errors: [] };
    await sleep(Math.min(delay, left));
    delay *= 2;
    try {
      const r = await request('GET /repos/{owner}/{repo}/code-scanning/sarifs/{sarif_id}', { owner: payload.owner, repo: payload.repo, sarif_id: id });
      const data = r.data as { processing_status?: string; errors?: string[] | null };
      if (data.processing_status === 'complete') return { id, status: 'complete', errors: [] };
      if (data.processing_status === 'failed') return { id, status: 'failed', errors: data.errors ?? [] };
    } catch (error) {
      const status = statusOf(error);
      if (status === 404 && Date.now() - started < options.timeoutMs) continue; // not visible yet
      throw new UploadError(explainUploadFailure(error), { cause: error });
    }
  }
}
