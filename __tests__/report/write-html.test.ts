// writeHtml(): the report lands inside the workspace; a folder linked outside it is refused.
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { writeHtml } from '../../src/report/write-html.js';
import { tempProject } from '../helpers/temp-project.js';

describe('writeHtml', () => {
  test('creates the folder and writes the file', () => {
    const dir = tempProject();
    writeHtml(path.join(dir, 'reports', 'deep', 'krait.html'), '<!DOCTYPE html>', dir);
    expect(readFileSync(path.join(dir, 'reports', 'deep', 'krait.html'), 'utf8')).toBe('<!DOCTYPE html>');
  });

  test('a path through a link that leads outside the workspace is refused', () => {
    const dir = tempProject();
    const outside = tempProject();
    symlinkSync(outside, path.join(dir, 'out'));
    expect(() => writeHtml(path.join(dir, 'out', 'krait.html'), 'x', dir)).toThrow(/leads outside the workspace/);
    expect(existsSync(path.join(outside, 'krait.html'))).toBe(false);
  });
});
