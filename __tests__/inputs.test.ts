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
      failOn: 'error',
      category: 'krait',
      annotate: 'all',
      summary: true,
      upload: 'auto',
      token: '',
      waitForProcessing: true,
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

  test('booleans accept only true or false', () => {
    expect(() => parseInputs(reader({ summary: 'yes' }), {})).toThrow("Input 'summary' must be true or false (got 'yes').");
    expect(() => parseInputs(reader({ annotate: 'some' }), {})).toThrow("Input 'annotate' must be one of: changed, all, none (got 'some').");
    expect(parseInputs(reader({}), { GITHUB_EVENT_NAME: 'pull_request' }).annotate).toBe('changed');
    expect(parseInputs(reader({ summary: 'False' }), {}).summary).toBe(false);
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
