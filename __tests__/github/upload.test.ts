import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { runContext } from '../../src/github/context.js';
import { buildUploadPayload, uploadSarif, UploadError, type RequestFn } from '../../src/github/upload.js';
import { publishSarif } from '../../src/github/publish.js';

const ENV = { GITHUB_ACTIONS: 'true', GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: 'a'.repeat(40), GITHUB_REF: 'refs/pull/7/merge', GITHUB_API_URL: 'https://ghe.example.com/api/v3' };

describe('runContext', () => {
  test('reads repository, commit, ref and API base; detects forks and Dependabot', () => {
    const ctx = runContext(ENV, { pull_request: { head: { repo: { full_name: 'acme/shop', fork: false } } } });
    expect(ctx).toMatchObject({ onGitHub: true, owner: 'acme', repo: 'shop', ref: 'refs/pull/7/merge', apiUrl: 'https://ghe.example.com/api/v3', isForkPullRequest: false, isDependabot: false });
    expect(runContext(ENV, { pull_request: { head: { repo: { full_name: 'mallory/shop', fork: true } } } }).isForkPullRequest).toBe(true);
    expect(runContext({ ...ENV, GITHUB_ACTOR: 'dependabot[bot]' }, undefined).isDependabot).toBe(true);
    expect(runContext({}, undefined).onGitHub).toBe(false);
    const pr = { pull_request: { number: 7, head: { sha: 'b'.repeat(40), repo: { full_name: 'acme/shop' } } } };
    expect(runContext(ENV, pr, 'a'.repeat(40))).toMatchObject({ sha: 'a'.repeat(40), ref: 'refs/pull/7/merge' });
    expect(runContext(ENV, pr, 'b'.repeat(40))).toMatchObject({ sha: 'b'.repeat(40), ref: 'refs/pull/7/head' });
  });
});

describe('buildUploadPayload', () => {
  test('gzips and base64-encodes the SARIF, with commit, ref, checkout URI and a second-precision start time', () => {
    const p = buildUploadPayload('{"version":"2.1.0"}', runContext(ENV, undefined), '/home/runner/work/shop/shop', new Date('2026-11-29T10:11:12.345Z'));
    expect(gunzipSync(Buffer.from(p.sarif, 'base64')).toString('utf8')).toBe('{"version":"2.1.0"}');
    expect(p).toMatchObject({ owner: 'acme', repo: 'shop', commit_sha: 'a'.repeat(40), ref: 'refs/pull/7/merge', checkout_uri: 'file:///home/runner/work/shop/shop', started_at: '2026-11-29T10:11:12Z', tool_name: 'Krait' });
  });
});

function fakeRequest(script: ((route: string) => { status: number; data: unknown } | Error)[]): RequestFn & { calls: string[] } {
  const calls: string[] = [];
  const fn = (async (route: string) => {
    calls.push(route);
    const step = script.shift();
    if (!step) throw new Error('unexpected request');
    const r = step(route);
    if (r instanceof Error) throw r;
    return r;
  }) as unknown as RequestFn & { calls: string[] };
  fn.calls = calls;
  return fn;
}

function httpError(status: number, message: string): Error {
  return Object.assign(new Error(message), { status });
}

const payload = buildUploadPayload('{}', runContext(ENV, undefined), '/w', new Date());
const noSleep = async () => {};

describe('uploadSarif', () => {
  test('posts, then polls until processing completes', async () => {
    const request = fakeRequest([() => ({ status: 202, data: { id: 'abc' } }), () => ({ status: 200, data: { processing_status: 'pending' } }), () => ({ status: 200, data: { processing_status: 'complete' } })]);
    const out = await uploadSarif(request, payload, { wait: true, timeoutMs: 60_000, sleep: noSleep });
    expect(out).toEqual({ id: 'abc', status: 'complete', errors: [] });
    expect(request.calls).toEqual(['POST /repos/{owner}/{repo}/code-scanning/sarifs', 'GET /repos/{owner}/{repo}/code-scanning/sarifs/{sarif_id}', 'GET /repos/{owner}/{repo}/code-scanning/sarifs/{sarif_id}']);
  });

  test('reports processing errors', async () => {
    const request = fakeRequest([() => ({ status: 202, data: { id: 'x' } }), () => ({ status: 200, data: { processing_status: 'failed', errors: ['rejecting SARIF'] } })]);
    expect(await uploadSarif(request, payload, { wait: true, timeoutMs: 60_000, sleep: noSleep })).toEqual({ id: 'x', status: 'failed', errors: ['rejecting SARIF'] });
  });

  test('retries 5xx with backoff, then succeeds', async () => {
    const request = fakeRequest([() => httpError(502, 'bad gateway'), () => httpError(503, 'unavailable'), () => ({ status: 202, data: { id: 'y' } })]);
    expect((await uploadSarif(request, payload, { wait: false, timeoutMs: 0, sleep: noSleep })).id).toBe('y');
  });

  test('403 names the permission to add; 413 says the report is too large', async () => {
    await expect(uploadSarif(fakeRequest([() => httpError(403, 'Resource not accessible by integration')]), payload, { wait: false, timeoutMs: 0, sleep: noSleep })).rejects.toThrow(/security-events: write/);
    await expect(uploadSarif(fakeRequest([() => httpError(413, 'too big')]), payload, { wait: false, timeoutMs: 0, sleep: noSleep })).rejects.toThrow(UploadError);
  });
});

describe('publishSarif', () => {
  test('never: nothing happens', async () => {
    expect(await publishSarif({ mode: 'never', token: 't', wait: false, workspace: '/w', sarifText: '{}', startedAt: new Date(), env: ENV })).toBeUndefined();
  });

  test('auto outside GitHub: skipped; always outside GitHub: fails naming the reason', async () => {
    expect(await publishSarif({ mode: 'auto', token: 't', wait: false, workspace: '/w', sarifText: '{}', startedAt: new Date(), env: {} })).toBeUndefined();
    await expect(publishSarif({ mode: 'always', token: 't', wait: false, workspace: '/w', sarifText: '{}', startedAt: new Date(), env: {} })).rejects.toThrow(/Input 'upload' is 'always' but .*not on GitHub Actions/);
    await expect(publishSarif({ mode: 'always', token: 't', wait: false, workspace: '/w', sarifText: '{}', startedAt: new Date(), env: { ...ENV, GITHUB_ACTOR: 'dependabot[bot]' } })).rejects.toThrow(/Dependabot/);
  });

  test('auto on GitHub with a token uploads and returns the id', async () => {
    const request = fakeRequest([() => ({ status: 202, data: { id: 'z9' } })]);
    expect(await publishSarif({ mode: 'auto', token: 't', wait: false, workspace: '/w', sarifText: '{}', startedAt: new Date(), env: ENV, request })).toBe('z9');
  });
});
