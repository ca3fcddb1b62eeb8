import { expect, test } from 'vitest';
import { addedLines, pullRequestChangedLines } from '../../src/github/changed-lines.js';
import type { RequestFn } from '../../src/github/upload.js';

test('added lines are counted in the new file, across hunks, ignoring removed lines', () => {
  const patch = ['@@ -1,3 +1,4 @@', ' import os', '-x = 1', '+x = 2', '+y = 3', ' z = 4', '@@ -20,2 +21,3 @@ def f():', '     a()', '+    eval(b)', '     c()', '\\ No newline at end of file'].join('\n');
  expect([...addedLines(patch)]).toEqual([2, 3, 22]);
});

test('pages through the files of a pull request', async () => {
  const calls: number[] = [];
  const request = (async (_route: string, params: Record<string, unknown>) => {
    calls.push(params.page as number);
    const page = params.page as number;
    const files = page === 1 ? Array.from({ length: 100 }, (_, i) => ({ filename: `f${i}.py`, patch: '@@ -0,0 +1 @@\n+x' })) : [{ filename: 'last.py', patch: '@@ -1 +1 @@\n-a\n+b' }, { filename: 'image.png' }];
    return { status: 200, data: files };
  }) as unknown as RequestFn;
  const lines = await pullRequestChangedLines(request, 'acme', 'shop', 7);
  expect(calls).toEqual([1, 2]);
  expect(lines.size).toBe(101);
  expect([...lines.get('last.py')!]).toEqual([1]);
});

test('on a pull request only findings on added or changed lines are annotated', async () => {
  const path = await import('node:path');
  const { annotationScope } = await import('../../src/github/publish.js');
  const env = {
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SHA: '4'.repeat(40),
    GITHUB_REF: 'refs/pull/7/merge',
    GITHUB_EVENT_PATH: path.join(import.meta.dirname, '..', 'fixtures', 'events', 'pull_request_same_repo.json'),
  };
  const request = (async () => ({ status: 200, data: [{ filename: 'app/x.py', patch: '@@ -1,2 +1,3 @@\n a\n+eval(x)\n b' }] })) as unknown as RequestFn;
  const f = (path: string, line: number) => ({ ruleId: 'r', level: 'error' as const, path, region: { startLine: line, startColumn: 1, endLine: line, endColumn: 2 }, message: 'm', snippet: '' });
  const findings = [f('app/x.py', 2), f('app/x.py', 3), f('app/y.py', 2)];
  const scoped = await annotationScope('changed', findings, 'token', env, request);
  expect(scoped.findings).toEqual([findings[0]]);
  expect(scoped.scope).toContain('only lines this pull request adds or changes');
  expect((await annotationScope('all', findings, 'token', env, request)).findings).toHaveLength(3);
  expect((await annotationScope('none', findings, 'token', env, request)).findings).toHaveLength(0);
  expect((await annotationScope('changed', findings, 'token', {}, request)).findings).toHaveLength(3); // not a pull request run
});
