// scanManifests() and the manifest part of scanWorkspace(): discovery with the Python files' confinement and excludes,
// -r/-c includes (cycles, missing files, paths outside the workspace), constraints, lock files, notifications for
// unreadable manifests, the vulnerability check, and the inputs that turn it all on and off.
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { scanManifests } from '../src/manifest-scan.js';
import { manifestFormat } from '../src/manifests/manifest-files.js';
import { allRules, ruleById } from '../src/rules/index.js';
import { defaultRules } from '../src/rules/selection.js';
import { scanWorkspace } from '../src/scan.js';
import { toSarif } from '../src/report/sarif.js';
import { fakeOsvFetch } from './helpers/fake-osv.js';
import { tempProject } from './helpers/temp-project.js';
import { manifestSuppressions } from '../src/manifests/manifest-suppressions.js';
import { applySuppressions } from '../src/suppressions.js';

const unpinned = [ruleById.get('unpinned-requirement')!];
const manifestRules = allRules.filter((r) => r.manifest);

describe('manifest files', () => {
  test('names that are manifests', () => {
    for (const p of ['requirements.txt', 'a/b/requirements-dev.txt', 'dev-requirements.in', 'constraints.txt', 'requirements/prod.txt', 'reqs/requirement.pip', 'pyproject.toml', 'sub/Pipfile', 'setup.cfg', 'pkg/setup.py']) {
      expect(manifestFormat(p), p).toBeDefined();
    }
    for (const p of ['README.txt', 'CMakeLists.txt', 'Pipfile.lock', 'poetry.lock', 'requirementsfoo.py', 'docs/notes.txt', 'setup.py.bak', 'pyproject.toml.orig']) {
      expect(manifestFormat(p), p).toBeUndefined();
    }
  });
});

describe('scanManifests', () => {
  test('found at any depth; excluded folders, virtualenvs and built-in excludes are skipped', async () => {
    const dir = tempProject({
      'requirements.txt': 'flask\n',
      'services/api/requirements-dev.txt': 'pytest\n',
      'legacy/requirements.txt': 'old\n',
      '.venv/lib/requirements.txt': 'x\n',
      'node_modules/pkg/requirements.txt': 'x\n',
      'env2/pyvenv.cfg': 'home = /usr\n',
      'env2/requirements.txt': 'x\n',
      'docs/notes.txt': 'flask\n',
    });
    const r = await scanManifests({ workspace: dir, excludes: ['legacy'], rules: unpinned });
    expect(r.manifests).toEqual(['requirements.txt', 'services/api/requirements-dev.txt']);
    expect(r.findings.map((f) => `${f.path}:${f.region.startLine}`)).toEqual(['requirements.txt:1', 'services/api/requirements-dev.txt:1']);
    expect(r.findings[0]!.fingerprint).toMatch(/^[0-9a-f]+:1$/);
    expect(r.findings[0]!.snippet).toBe('flask');
  });

  test('-r and -c includes: relative to the including file, cycles read once, any file name', async () => {
    const dir = tempProject({
      'requirements.txt': '-r deps/common.pip\n-c deps/pins.cfg\nflask\ncelery\n',
      'deps/common.pip': '-r ../requirements.txt\n-r common.pip\ngunicorn\n',
      'deps/pins.cfg': 'flask==3.0.3\ngunicorn==22.0.0\n',
      'other/requirements.txt': 'gunicorn\n',
    });
    const r = await scanManifests({ workspace: dir, excludes: [], rules: unpinned });
    expect(r.notifications).toEqual([]);
    expect(r.manifests).toEqual(['deps/common.pip', 'deps/pins.cfg', 'other/requirements.txt', 'requirements.txt']);
    // flask and gunicorn are pinned by the constraints file that applies to both requirement files; celery is not.
    expect(r.findings.map((f) => `${f.path}:${f.region.startLine}`)).toEqual(['other/requirements.txt:1', 'requirements.txt:4']);
  });

  test('missing includes are manifest errors; includes that leave the workspace are refused; URLs are not fetched', async () => {
    const outside = tempProject({ 'secret.txt': 'x==1\n' });
    const dir = tempProject({
      'requirements.txt': `-r missing.txt\n-r ../${path.basename(outside)}/secret.txt\n-r ${path.join(outside, 'secret.txt')}\n-r https://example.com/reqs.txt\n-r \${REQS}\nflask==3.0.3\n`,
    });
    symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'linked-requirements.txt'));
    const r = await scanManifests({ workspace: dir, excludes: [], rules: manifestRules });
    expect(r.manifests).toEqual(['requirements.txt']);
    expect(r.notifications.map((n) => [n.kind, n.level, n.region?.startLine ?? null, n.message.replace(outside, '<outside>')])).toEqual([
      ['path-refused', 'warning', null, 'linked-requirements.txt is a link to <outside>/secret.txt, outside the workspace; not read'],
      ['manifest-error', 'warning', 1, 'requirements.txt:1: includes missing.txt, which does not exist; the rest of the manifest was checked'],
      ['path-refused', 'warning', 2, expect.stringMatching(/^requirements.txt:2: the include .* leads outside the workspace; not read$/)],
      ['path-refused', 'warning', 3, expect.stringMatching(/^requirements.txt:3: the include .* leads outside the workspace; not read$/)],
    ]);
  });

  test('a manifest that cannot be parsed is a notification, never a crash; the other manifests are still checked', async () => {
    const dir = tempProject({
      'pyproject.toml': '[project]\ndependencies = ["flask",\n',
      'Pipfile': '[packages\n',
      'api/pyproject.toml': '[project]\nname = "api"\ndependencies = ["flask"]\n',
      'requirements.txt': 'flask==3.0.3\nbad[line\n',
    });
    const r = await scanManifests({ workspace: dir, excludes: [], rules: unpinned });
    expect(r.findings.map((f) => `${f.path}:${f.region.startLine}`)).toEqual(['api/pyproject.toml:3']);
    expect(r.notifications.map((n) => [n.kind, n.path, n.level])).toEqual([
      ['manifest-error', 'Pipfile', 'warning'],
      ['manifest-error', 'pyproject.toml', 'warning'],
      ['manifest-error', 'requirements.txt', 'warning'],
    ]);
    expect(r.notifications[1]!.message).toMatch(/^pyproject.toml:\d+: not valid TOML/);
  });

  test('lock files beside a manifest, and pip-tools .in files with their compiled .txt, keep ranges quiet', async () => {
    const dir = tempProject({
      'poetry/pyproject.toml': '[tool.poetry.dependencies]\nflask = "^3.0"\n',
      'poetry/poetry.lock': '',
      'uv/pyproject.toml': '[project]\nname = "u"\ndependencies = ["flask>=3"]\n',
      'uv/uv.lock': '',
      'pipenv/Pipfile': '[packages]\nflask = "*"\n',
      'pipenv/Pipfile.lock': '{}',
      'tools/requirements.in': 'black\n',
      'tools/requirements.txt': 'black==24.8.0\n',
      'loose/requirements.in': 'black\n',
    });
    const r = await scanManifests({ workspace: dir, excludes: [], rules: unpinned });
    expect(r.findings.map((f) => f.path)).toEqual(['loose/requirements.in']);
  });

  test('shards report only their own manifests but still read included constraints', async () => {
    const dir = tempProject({ 'a/requirements.txt': '-c ../pins/constraints.txt\nflask\n', 'pins/constraints.txt': 'flask==3.0.3\n', 'b/requirements.txt': 'django\n' });
    const onlyA = await scanManifests({ workspace: dir, excludes: [], rules: unpinned, includePath: (p) => p.startsWith('a/') });
    expect(onlyA.manifests).toEqual(['a/requirements.txt']);
    expect(onlyA.findings).toEqual([]);
  });

  test('no manifest rule selected: nothing is read', async () => {
    const dir = tempProject({ 'requirements.txt': 'flask\n' });
    const r = await scanManifests({ workspace: dir, excludes: [], rules: [ruleById.get('eval-nonconstant')!] });
    expect(r).toEqual({ findings: [], notifications: [], manifests: [], suppressions: new Map() });
  });

  test('credentials in index URLs never reach messages or snippets', async () => {
    const dir = tempProject({ 'requirements.txt': '--index-url http://deploy:s3cr3t-t0ken@pypi.corp.example.com/simple\n' });
    const r = await scanManifests({ workspace: dir, excludes: [], rules: manifestRules });
    expect(r.findings).toHaveLength(1);
    expect(JSON.stringify(r.findings)).not.toContain('s3cr3t');
    expect(r.findings[0]!.snippet).toBe('--index-url http://***@pypi.corp.example.com/simple');
  });

  test('test folders lower manifest findings to notes like Python findings; vulnerable-dependency keeps its level', async () => {
    const dir = tempProject({ 'tests/requirements.txt': '--trusted-host pypi.corp.example.com\nrequests==2.19.0\n' });
    const r = await scanManifests({ workspace: dir, excludes: [], rules: manifestRules, vulnerabilityCheck: 'osv', osv: { fetch: fakeOsvFetch() } });
    expect(r.findings.map((f) => [f.ruleId, f.level])).toEqual([
      ['insecure-package-index', 'note'],
      ['vulnerable-dependency', 'error'],
    ]);
  });
});

describe('suppression comments in manifests', () => {
  test('krait, nosec and standalone comments are collected with the lines they cover and silence the finding', async () => {
    const text = 'flask  # krait: ignore[unpinned-requirement] -- internal tool\n# krait: ignore[unpinned-requirement]\n\ncelery\ndjango  # nosec\nredis\nurl = "https://x/#anchor"\n';
    const comments = manifestSuppressions(text);
    expect(comments.map((c) => [c.kind, c.line, c.lines, c.reason ?? ''])).toEqual([
      ['krait', 1, [1], 'internal tool'],
      ['krait', 2, [2, 4], ''],
      ['nosec', 5, [5], ''],
    ]);
    const dir = tempProject({ 'requirements.txt': text });
    const r = await scanManifests({ workspace: dir, excludes: [], rules: unpinned });
    expect(r.suppressions.get('requirements.txt')).toHaveLength(3);
    const outcome = applySuppressions('requirements.txt', r.findings, r.suppressions.get('requirements.txt')!, { rules: unpinned, knownRuleIds: new Set(allRules.map((x) => x.id)), bareNoqa: false });
    expect(outcome.findings.filter((f) => !f.suppression).map((f) => f.region.startLine)).toEqual([6]);
    expect(outcome.unused).toEqual([]);
  });
});

describe('the vulnerability check', () => {
  test('off by default: no request is made and vulnerable-dependency is not selected by default', async () => {
    let calls = 0;
    const dir = tempProject({ 'requirements.txt': 'requests==2.19.0\n' });
    const r = await scanManifests({ workspace: dir, excludes: [], rules: manifestRules, osv: { fetch: async () => (calls++, new Response('{}')) } });
    expect(calls).toBe(0);
    expect(r.findings).toEqual([]);
    expect(defaultRules().some((x) => x.id === 'vulnerable-dependency')).toBe(false);
    expect(defaultRules({ advisories: true }).some((x) => x.id === 'vulnerable-dependency')).toBe(true);
  });

  test('with osv: every exactly pinned release of every format is looked up; each advisory is a finding with its own fingerprint and severity', async () => {
    const dir = tempProject({
      'requirements.txt': 'requests==2.19.0\nJinja2==2.10\nflask>=2\n',
      'svc/pyproject.toml': '[project]\nname = "s"\ndependencies = ["PyYAML==5.3"]\n',
    });
    const queried: string[] = [];
    const fetchOsv = fakeOsvFetch();
    const result = await scanWorkspace({
      workspace: dir,
      patterns: ['**/*.py'],
      excludes: [],
      rules: defaultRules({ advisories: true }),
      vulnerabilityCheck: 'osv',
      osv: {
        fetch: async (input, init) => {
          if (typeof init?.body === 'string') queried.push(...(JSON.parse(init.body) as { queries: { package: { name: string }; version: string }[] }).queries.map((q) => `${q.package.name}@${q.version}`));
          return fetchOsv(input, init);
        },
      },
    });
    expect(queried.sort()).toEqual(['jinja2@2.10', 'pyyaml@5.3', 'requests@2.19.0']);
    const vulns = result.findings.filter((f) => f.ruleId === 'vulnerable-dependency');
    expect(vulns.map((f) => `${f.path}:${f.region.startLine}:${f.properties?.advisory}`)).toEqual([
      'requirements.txt:1:GHSA-x84v-xcm2-53pg',
      'requirements.txt:2:GHSA-462w-v97r-4m45',
      'svc/pyproject.toml:3:GHSA-8q59-q68h-6hv4',
    ]);
    expect(vulns[0]!.message).toContain('fixed release (2.20.0)');
    expect(vulns[0]!.message).toContain('https://osv.dev/vulnerability/GHSA-x84v-xcm2-53pg');
    expect(result.manifests).toEqual(['requirements.txt', 'svc/pyproject.toml']);
    const sarif = toSarif(result, defaultRules({ advisories: true }), { workspace: dir, category: 'krait' });
    const first = sarif.runs[0]!.results!.find((r) => r.ruleId === 'vulnerable-dependency')!;
    expect(first.partialFingerprints).toMatchObject({ primaryLocationLineHash: expect.stringMatching(/:1$/), 'advisoryId/v1': 'requests/GHSA-x84v-xcm2-53pg' });
    expect(first.properties).toMatchObject({ 'security-severity': '7.5', advisory: 'GHSA-x84v-xcm2-53pg' });
  });

  test('an OSV failure is a warning notification; the manifest rules still report', async () => {
    const dir = tempProject({ 'requirements.txt': 'requests==2.19.0\n--trusted-host corp.example.com\n' });
    const r = await scanManifests({
      workspace: dir,
      excludes: [],
      rules: manifestRules,
      vulnerabilityCheck: 'osv',
      osv: { fetch: async () => new Response('oops', { status: 502 }) },
    });
    expect(r.findings.map((f) => f.ruleId)).toEqual(['insecure-package-index']);
    expect(r.notifications.map((n) => [n.kind, n.level])).toEqual([['vulnerability-check-error', 'warning']]);
    expect(r.notifications[0]!.message).toMatch(/HTTP 502/);
  });

  test('scanWorkspace with manifests: false reads no manifest', async () => {
    const dir = tempProject({ 'requirements.txt': '--trusted-host corp.example.com\n', 'app.py': 'x = 1\n' });
    const on = await scanWorkspace({ workspace: dir, patterns: ['**/*.py'], excludes: [], rules: defaultRules(), jobs: 1 });
    const off = await scanWorkspace({ workspace: dir, patterns: ['**/*.py'], excludes: [], rules: defaultRules(), jobs: 1, manifests: false });
    expect(on.findings.map((f) => f.ruleId)).toEqual(['insecure-package-index']);
    expect(off.findings).toEqual([]);
    expect(off.manifests).toBeUndefined();
  });
});

describe('manifests and explicit file paths', () => {
  test('when every path names a file (pre-commit), only the manifests among them are checked', async () => {
    const dir = tempProject({ 'app.py': 'x = 1\n', 'requirements.txt': '--extra-index-url http://mirror.example.org/simple\nflask\n', 'sub/requirements.txt': '--trusted-host x.example.org\n' });
    const onlyPy = await scanWorkspace({ workspace: dir, patterns: ['app.py'], excludes: [], rules: allRules, jobs: 1 });
    expect(onlyPy.manifests ?? []).toEqual([]);
    const withManifest = await scanWorkspace({ workspace: dir, patterns: ['app.py', 'requirements.txt'], excludes: [], rules: allRules, jobs: 1 });
    expect(withManifest.manifests).toEqual(['requirements.txt']);
    expect(withManifest.findings.some((f) => f.path === 'requirements.txt' && f.ruleId === 'insecure-package-index')).toBe(true);
    const globbed = await scanWorkspace({ workspace: dir, patterns: ['**/*.py'], excludes: [], rules: allRules, jobs: 1 });
    expect(globbed.manifests).toEqual(['requirements.txt', 'sub/requirements.txt']);
  });
});
