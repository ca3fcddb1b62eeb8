// requirements files: lines, continuations, comments, options, hashes, editables, includes and positions.
import { describe, expect, test } from 'vitest';
import { parseRequirementsFile } from '../../src/manifests/requirements-txt.js';

describe('parseRequirementsFile', () => {
  test('requirements with positions; comments and blank lines skipped; #egg= in a URL is not a comment', () => {
    const m = parseRequirementsFile('requirements.txt', '# header\n\nrequests==2.32.3  # pinned\n  flask>=3\ngit+https://github.com/o/r@main#egg=r\n');
    expect(m.format).toBe('requirements');
    expect(m.problems).toEqual([]);
    expect(m.requirements.map((r) => [r.name, r.text, r.region])).toEqual([
      ['requests', 'requests==2.32.3', { startLine: 3, startColumn: 1, endLine: 3, endColumn: 17 }],
      ['flask', 'flask>=3', { startLine: 4, startColumn: 3, endLine: 4, endColumn: 11 }],
      ['r', 'git+https://github.com/o/r@main#egg=r', { startLine: 5, startColumn: 1, endLine: 5, endColumn: 38 }],
    ]);
  });

  test('backslash continuations join lines; --hash options attach to their requirement; CRLF', () => {
    const text = 'django==4.2.16 \\\r\n    --hash=sha256:aaa \\\r\n    --hash sha256:bbb\r\nnext==1.0\r\n';
    const m = parseRequirementsFile('r.txt', text);
    expect(m.problems).toEqual([]);
    expect(m.requirements[0]).toMatchObject({ name: 'django', pinnedVersion: '4.2.16', hashes: ['sha256:aaa', 'sha256:bbb'], region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 15 } });
    expect(m.requirements[1]).toMatchObject({ name: 'next', region: { startLine: 4 } });
  });

  test('index options in every spelling, includes, editables', () => {
    const text = [
      '-i http://a.example/simple',
      '--index-url=https://b.example/simple',
      '--extra-index-url https://c.example/simple --trusted-host c.example',
      '-f ./wheels',
      '-r base.txt',
      '--requirement=dev.txt',
      '-cconstraints.txt',
      '-e git+https://github.com/o/tool@v1#egg=tool',
      '--editable ./local',
      '--no-index',
      '--pre',
    ].join('\n');
    const m = parseRequirementsFile('requirements.txt', text);
    expect(m.problems).toEqual([]);
    expect(m.indexes.map((i) => [i.kind, i.value, i.region.startLine, i.region.startColumn])).toEqual([
      ['index-url', 'http://a.example/simple', 1, 1],
      ['index-url', 'https://b.example/simple', 2, 1],
      ['extra-index-url', 'https://c.example/simple', 3, 1],
      ['trusted-host', 'c.example', 3, 44],
      ['find-links', './wheels', 4, 1],
    ]);
    expect(m.includes.map((i) => [i.kind, i.target])).toEqual([
      ['requirements', 'base.txt'],
      ['requirements', 'dev.txt'],
      ['constraints', 'constraints.txt'],
    ]);
    expect(m.requirements.map((r) => [r.name, r.editable, r.vcs?.ref ?? r.localPath, r.region.startColumn])).toEqual([
      ['tool', true, 'v1', 4],
      ['', true, './local', 12],
    ]);
  });

  test('unreadable lines and unknown options are problems with their position; the rest is kept', () => {
    const m = parseRequirementsFile('requirements.txt', 'good==1.0\nbad[line\n--frobnicate\n-r\nalso-good\n');
    expect(m.requirements.map((r) => r.name)).toEqual(['good', 'also-good']);
    expect(m.problems.map((p) => [p.region?.startLine, p.message])).toEqual([
      [2, "'bad[line': unclosed extras bracket"],
      [3, "unknown option '--frobnicate'"],
      [4, "option '-r' needs a value"],
    ]);
  });

  test('an empty file and a file of comments have nothing', () => {
    expect(parseRequirementsFile('r.txt', '').requirements).toEqual([]);
    expect(parseRequirementsFile('r.txt', '# only\n   # comments\n').requirements).toEqual([]);
  });
});
