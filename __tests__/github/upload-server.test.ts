// The real Octokit client against a local server that implements the documented upload and status endpoints.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, test } from 'vitest';
import { publishSarif } from '../../src/github/publish.js';

const EVENTS = path.join(import.meta.dirname, '..', 'fixtures', 'events');
const SARIF = '{"version":"2.1.0","runs":[]}';

interface Received {
  method: string;
  url: string;
  auth: string | undefined;
  body: Record<string, unknown> | undefined;
}

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString('utf8')));
    req.on('end', () => resolve(data));
  });
}

async function fakeGitHub(statusAnswer: string): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  server = createServer(async (req, res) => {
    const text = await readBody(req);
    received.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined });
    res.setHeader('content-type', 'application/json');
    if (req.method === 'POST' && req.url === '/repos/acme/shop/code-scanning/sarifs') {
      res.statusCode = 202;
      res.end(JSON.stringify({ id: 'sarif-123', url: 'http://x' }));
    } else if (req.method === 'GET' && req.url === '/repos/acme/shop/code-scanning/sarifs/sarif-123') {
      res.end(JSON.stringify({ processing_status: statusAnswer, analyses_url: null, errors: statusAnswer === 'failed' ? ['rejecting SARIF'] : null }));
    } else {
      res.statusCode = 404;
      res.end(JSON.stringify({ message: 'Not Found' }));
    }
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, received };
}

function env(api: string, event: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { GITHUB_ACTIONS: 'true', GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: '4'.repeat(40), GITHUB_REF: 'refs/pull/7/merge', GITHUB_API_URL: api, GITHUB_EVENT_PATH: path.join(EVENTS, event), ...extra };
}

describe('upload through Octokit to a local server', () => {
  test('a same-repository pull request uploads: body decodes to the SARIF, ref and sha match, token sent', async () => {
    const gh = await fakeGitHub('complete');
    const id = await publishSarif({ mode: 'always', token: 'test-token-1', wait: false, workspace: '/home/runner/work/shop/shop', sarifText: SARIF, startedAt: new Date('2026-11-29T00:00:00Z'), env: env(gh.url, 'pull_request_same_repo.json') });
    expect(id).toBe('sarif-123');
    const post = gh.received.find((r) => r.method === 'POST')!;
    expect(post.auth).toMatch(/^(token|Bearer) test-token-1$/);
    expect(gunzipSync(Buffer.from(post.body!.sarif as string, 'base64')).toString('utf8')).toBe(SARIF);
    expect(post.body).toMatchObject({ commit_sha: '4'.repeat(40), ref: 'refs/pull/7/merge', checkout_uri: 'file:///home/runner/work/shop/shop', tool_name: 'Krait', started_at: '2026-11-29T00:00:00Z' });
  });

  test('a pull request from a fork is skipped in auto mode and fails in always mode, without any request', async () => {
    const gh = await fakeGitHub('complete');
    expect(await publishSarif({ mode: 'auto', token: 't', wait: false, workspace: '/w', sarifText: SARIF, startedAt: new Date(), env: env(gh.url, 'pull_request_fork.json') })).toBeUndefined();
    await expect(publishSarif({ mode: 'always', token: 't', wait: false, workspace: '/w', sarifText: SARIF, startedAt: new Date(), env: env(gh.url, 'pull_request_fork.json') })).rejects.toThrow(/forks get a read-only token/);
    expect(gh.received).toEqual([]);
  });

  test('a wrong repository gives a 404 message; in auto mode it is a warning, not a failure', async () => {
    const gh = await fakeGitHub('complete');
    const e = env(gh.url, 'pull_request_same_repo.json', { GITHUB_REPOSITORY: 'acme/missing', GITHUB_EVENT_PATH: '', GITHUB_REF: 'refs/heads/main' });
    expect(await publishSarif({ mode: 'auto', token: 't', wait: false, workspace: '/w', sarifText: SARIF, startedAt: new Date(), env: e })).toBeUndefined();
    await expect(publishSarif({ mode: 'always', token: 't', wait: false, workspace: '/w', sarifText: SARIF, startedAt: new Date(), env: e })).rejects.toThrow(/404/);
  });

  test('a Dependabot pull request (recorded event) is skipped in auto mode without any request', async () => {
    const gh = await fakeGitHub('complete');
    expect(await publishSarif({ mode: 'auto', token: 't', wait: false, workspace: '/w', sarifText: SARIF, startedAt: new Date(), env: env(gh.url, 'pull_request_dependabot.json') })).toBeUndefined();
    await expect(publishSarif({ mode: 'always', token: 't', wait: false, workspace: '/w', sarifText: SARIF, startedAt: new Date(), env: env(gh.url, 'pull_request_dependabot.json') })).rejects.toThrow(/Dependabot/);
    expect(gh.received).toEqual([]);
  });

  test('waiting for processing reports a processing failure', async () => {
    const gh = await fakeGitHub('failed');
    const { uploadSarif, buildUploadPayload } = await import('../../src/github/upload.js');
    const { runContext } = await import('../../src/github/context.js');
    const github = await import('@actions/github');
    const e = env(gh.url, 'pull_request_same_repo.json');
    const request = github.getOctokit('t', { baseUrl: gh.url }).request as unknown as Parameters<typeof uploadSarif>[0];
    const out = await uploadSarif(request, buildUploadPayload(SARIF, runContext(e, undefined), '/w', new Date()), { wait: true, timeoutMs: 10_000, sleep: async () => {} });
    expect(out).toEqual({ id: 'sarif-123', status: 'failed', errors: ['rejecting SARIF'] });
  });
});

