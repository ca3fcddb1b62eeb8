import os from 'node:os';
import { describe, expect, test } from 'vitest';
import { ConfigError } from '../src/errors.js';
import { parseInputs } from '../src/inputs.js';

const reader = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('parseInputs', () => {
  test('defaults', () => {
    const inputs = parseInputs(reader({}), { GITHUB_WORKSPACE: '/work/repo' });
    expect(inputs).toEqual({
      workspace: '/work/repo',
      paths: ['**/*.py'],
      exclude: [],
      sarifFile: 'krait.sarif',
      failOn: undefined,
      config: '',
      baseline: '',
      reportSuppressed: false,
      category: 'krait',
      annotate: 'all',
      summary: true,
      upload: 'auto',
      token: '',
      waitForProcessing: true,
      jobs: os.availableParallelism(),
      shard: undefined,
      notebooks: true,
      manifests: true,
      vulnerabilityCheck: 'none',
      htmlReport: undefined,
    });
    expect(Object.isFrozen(inputs)).toBe(true);
  });

  test('newline-separated lists drop blank lines and surrounding spaces', () => {
    const inputs = parseInputs(reader({ paths: ' src/**/*.py \n\n  tools/*.py\r\n', exclude: 'tests\nmigrations/' }), { GITHUB_WORKSPACE: '/w' });
    expect(inputs.paths).toEqual(['src/**/*.py', 'tools/*.py']);
    expect(inputs.exclude).toEqual(['tests', 'migrations/']);
  });

  test('a fail-on value that is not a level fails with the allowed values', () => {
    expect(() => parseInputs(reader({ 'fail-on': 'high' }), {})).toThrow(ConfigError);
    expect(() => parseInputs(reader({ 'fail-on': 'high' }), {})).toThrow("Input 'fail-on' must be one of: none, note, warning, error (got 'high').");
    expect(parseInputs(reader({ 'fail-on': 'WARNING' }), {}).failOn).toBe('warning');
  });

  test('jobs and shard are validated and a shard gets its own category', () => {
    expect(parseInputs(reader({ jobs: '3' }), {}).jobs).toBe(3);
    expect(() => parseInputs(reader({ jobs: '0' }), {})).toThrow(/Input 'jobs' must be a whole number from 1 to 256 \(got '0'\)/);
    expect(() => parseInputs(reader({ jobs: 'many' }), {})).toThrow(ConfigError);
    const sharded = parseInputs(reader({ shard: '2/3', category: 'nightly' }), {});
    expect(sharded.shard).toEqual({ index: 2, count: 3 });
    expect(sharded.category).toBe('nightly/shard:2-of-3');
    expect(() => parseInputs(reader({ shard: '4/3' }), {})).toThrow(/Input 'shard' must be I\/N/);
  });

  test('booleans accept only true or false', () => {
    expect(() => parseInputs(reader({ summary: 'yes' }), {})).toThrow("Input 'summary' must be true or false (got 'yes').");
    expect(() => parseInputs(reader({ annotate: 'some' }), {})).toThrow("Input 'annotate' must be one of: changed, all, none (got 'some').");
    expect(parseInputs(reader({}), { GITHUB_EVENT_NAME: 'pull_request' }).annotate).toBe('changed');
    expect(parseInputs(reader({ summary: 'False' }), {}).summary).toBe(false);
  });

  test('notebooks is a boolean; html-report is resolved in the workspace and may not leave it', () => {
    expect(parseInputs(reader({ notebooks: 'false' }), { GITHUB_WORKSPACE: '/w' }).notebooks).toBe(false);
    expect(parseInputs(reader({ 'html-report': 'reports/krait.html' }), { GITHUB_WORKSPACE: '/w' }).htmlReport).toBe('/w/reports/krait.html');
    for (const bad of ['../krait.html', '/tmp/krait.html', '.', 'reports/../../x.html']) {
      expect(() => parseInputs(reader({ 'html-report': bad }), { GITHUB_WORKSPACE: '/w' })).toThrow("Input 'html-report' must be a file path inside the workspace");
    }
  });

  test('manifests is a boolean; vulnerability-check is none or osv and needs the manifests', () => {
    expect(parseInputs(reader({ manifests: 'false' }), {}).manifests).toBe(false);
    expect(() => parseInputs(reader({ manifests: 'maybe' }), {})).toThrow("Input 'manifests' must be true or false (got 'maybe').");
    expect(parseInputs(reader({ 'vulnerability-check': 'OSV' }), {}).vulnerabilityCheck).toBe('osv');
    expect(() => parseInputs(reader({ 'vulnerability-check': 'snyk' }), {})).toThrow("Input 'vulnerability-check' must be one of: none, osv (got 'snyk').");
    expect(() => parseInputs(reader({ 'vulnerability-check': 'osv', manifests: 'false' }), {})).toThrow(/Input 'vulnerability-check: osv' reads the dependency manifests/);
  });

  test('a category with spaces or quotes is refused', () => {
    expect(() => parseInputs(reader({ category: 'my cat' }), {})).toThrow(/Input 'category'/);
  });

  test('the default category follows upload-sarif: workflow file, job id, then matrix values in key order', () => {
    const env = { GITHUB_WORKSPACE: '/w', GITHUB_JOB: 'scan', GITHUB_WORKFLOW_REF: 'acme/shop/.github/workflows/security.yml@refs/heads/main' };
    expect(parseInputs(reader({}), env).category).toBe('.github/workflows/security.yml:scan');
    expect(parseInputs(reader({ matrix: '{"python":"3.12","os":"ubuntu-latest"}' }), env).category).toBe('.github/workflows/security.yml:scan/os:ubuntu-latest/python:3.12');
    expect(parseInputs(reader({ matrix: 'null' }), env).category).toBe('.github/workflows/security.yml:scan');
    expect(() => parseInputs(reader({ matrix: '{oops' }), env)).toThrow(/Input 'matrix' must be JSON/);
  });
});
