// Secret hygiene: the bundled action runs with a canary token against a local fake GitHub API that rejects, fails and
// accepts the upload; the canary must not appear in stdout, stderr, the SARIF, the summary, the outputs, the HTML
// report or any other file the run wrote. The one exception is the runner's own `::add-mask::` command, which the
// runner consumes (it is never shown) and which is how the token gets masked.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { allFiles, runActionAsync, type ActionRun } from '../helpers/run-action.js';
import { tempProject } from '../helpers/temp-project.js';

const CANARY = 'kraitCanaryToken7f3c9d1e5b2a';

interface Received {
  method: string;
  url: string;
  auth: string | undefined;
}

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A fake API answering the upload POST with the given statuses in turn (the last one repeats). */
async function fakeGitHub(statuses: number[]): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  server = createServer((req: IncomingMessage, res) => {
    req.resume();
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization });
      res.setHeader('content-type', 'application/json');
      const posts = received.filter((r) => r.method === 'POST').length;
      const status = req.method === 'POST' ? statuses[Math.min(posts, statuses.length) - 1]! : 404;
      res.statusCode = status;
      if (status === 202) res.end(JSON.stringify({ id: 'sarif-42', url: 'http://x' }));
      else if (status === 401) res.end(JSON.stringify({ message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' }));
      else res.end(JSON.stringify({ message: status >= 500 ? 'Server Error' : 'Not Found' }));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, received };
}

function githubEnv(api: string): NodeJS.ProcessEnv {
  return {
    GITHUB_API_URL: api,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SHA: '4'.repeat(40),
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SERVER_URL: 'https://github.com',
    // Debug logging on: core.debug lines (stacks, request details) are printed too and must not hold the token.
    RUNNER_DEBUG: '1',
  };
}

const INPUTS = { token: CANARY, upload: 'always', 'wait-for-processing': 'false', 'fail-on': 'none', 'html-report': 'reports/krait.html', 'sarif-file': 'reports/krait.sarif' };

/** Everything the run produced, except the add-mask command; asserts the add-mask command was given. */
function expectNoCanary(r: ActionRun): void {
  const lines = r.stdout.split('\n');
  expect(lines).toContain(`::add-mask::${CANARY}`);
  const printed = lines.filter((l) => l !== `::add-mask::${CANARY}`).join('\n');
  expect(printed).not.toContain(CANARY);
  expect(r.stderr).not.toContain(CANARY);
  const written = [...allFiles(r.runner), ...allFiles(r.workspace)];
  expect(written.length).toBeGreaterThan(0);
  for (const [file, bytes] of written) {
    expect(bytes.includes(CANARY), `${file} holds the token`).toBe(false);
    // Also base64 (the upload body is base64) and URL-encoded forms.
    expect(bytes.includes(Buffer.from(CANARY).toString('base64')), `${file} holds the token in base64`).toBe(false);
  }
}

function workspace(extra: Record<string, string> = {}): string {
  return tempProject({ 'app.py': 'import subprocess\n\n\ndef run(cmd):\n    subprocess.call(cmd, shell=True)\n    eval(cmd)\n', ...extra });
}

describe('a canary token never leaks', () => {
  test('401 from the API: the job fails with a clear message and no trace of the token', async () => {
    const gh = await fakeGitHub([401]);
    const r = await runActionAsync({ inputs: INPUTS, workspace: workspace(), env: githubEnv(gh.url) });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error::.*GitHub rejected the token \(401\)/m);
    // The token did reach the API (so the test really exercised it), as a header only.
    expect(gh.received.filter((q) => q.method === 'POST').map((q) => q.auth)).toEqual([expect.stringContaining(CANARY)]);
    expect(gh.received.every((q) => !q.url.includes(CANARY))).toBe(true);
    expect(r.summary).toContain('Krait security scan');
    expectNoCanary(r);
  }, 20_000);

  test('500 then 202: one retry, uploaded, sarif-id set, no trace of the token', async () => {
    const gh = await fakeGitHub([500, 202]);
    const r = await runActionAsync({ inputs: INPUTS, workspace: workspace(), env: githubEnv(gh.url) });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('retrying (attempt 2 of 4)');
    expect(r.stdout).toContain('SARIF report uploaded to code scanning (id sarif-42)');
    expect(r.outputFile).toContain('sarif-42');
    expect(gh.received.filter((q) => q.method === 'POST')).toHaveLength(2);
    expectNoCanary(r);
  }, 20_000);

  test('404 (wrong repository or token cannot see it): the failure path prints no token', async () => {
    const gh = await fakeGitHub([404]);
    const r = await runActionAsync({ inputs: INPUTS, workspace: workspace(), env: githubEnv(gh.url) });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error::.*404/m);
    expectNoCanary(r);
  }, 20_000);

  test('a configuration mistake and a missing baseline: error paths print no token', async () => {
    const gh = await fakeGitHub([202]);
    const bad = await runActionAsync({ inputs: INPUTS, workspace: workspace({ '.krait.toml': 'ignore = ["no-such-rule"]\nfail-on = 3\n' }), env: githubEnv(gh.url) });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^::error::\.krait\.toml/m);
    expectNoCanary(bad);
    const missing = await runActionAsync({ inputs: { ...INPUTS, baseline: 'nope.json' }, workspace: workspace(), env: githubEnv(gh.url) });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/^::error::.*nope\.json/m);
    expectNoCanary(missing);
    expect(gh.received).toEqual([]);
  }, 20_000);
});
