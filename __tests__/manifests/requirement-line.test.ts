// One requirement string: PEP 508, pip's URLs and paths, Poetry and Pipfile constraints.
import { describe, expect, test } from 'vitest';
import { exactPin, isFullCommitId, normalizeName } from '../../src/manifests/model.js';
import { parseRequirement, parseSpecifiers, parseVcsUrl, pipfileClauses, poetryClauses } from '../../src/manifests/requirement-line.js';

function ok(text: string) {
  const r = parseRequirement(text);
  if (!r.ok) throw new Error(r.error);
  return r.requirement;
}

describe('parseRequirement', () => {
  test('name, extras, specifiers, marker; the exact pin', () => {
    expect(ok('requests')).toMatchObject({ name: 'requests', extras: [], clauses: [], constraint: '' });
    expect(ok('requests==2.32.3')).toMatchObject({ pinnedVersion: '2.32.3', constraint: '==2.32.3', length: 16 });
    expect(ok('uvicorn[standard, http2] >= 0.30 , < 1 ; python_version >= "3.9"')).toMatchObject({
      name: 'uvicorn',
      extras: ['standard', 'http2'],
      clauses: [
        { operator: '>=', version: '0.30' },
        { operator: '<', version: '1' },
      ],
      constraint: '>=0.30,<1',
      marker: 'python_version >= "3.9"',
    });
    expect(ok('foo (==1.0)')).toMatchObject({ pinnedVersion: '1.0' });
    expect(ok('foo===1.0+local').pinnedVersion).toBe('1.0+local');
    expect(ok('foo==1.*').pinnedVersion).toBeUndefined();
    expect(ok('foo~=1.4').pinnedVersion).toBeUndefined();
    expect(ok('foo!=1.3,==1.4').pinnedVersion).toBe('1.4');
  });

  test('direct references, bare URLs, VCS and paths', () => {
    expect(ok('pkg @ https://example.com/pkg-1.0.tar.gz#sha256=ab12 ; os_name == "nt"')).toMatchObject({ name: 'pkg', url: 'https://example.com/pkg-1.0.tar.gz#sha256=ab12', hashes: ['sha256:ab12'], marker: 'os_name == "nt"' });
    expect(ok('https://files.example.com/demo_pkg-2.0-py3-none-any.whl')).toMatchObject({ name: 'demo_pkg', url: 'https://files.example.com/demo_pkg-2.0-py3-none-any.whl' });
    expect(ok('git+https://user@github.com/org/repo.git@v1.2#egg=repo&subdirectory=x')).toMatchObject({
      name: 'repo',
      vcs: { vcs: 'git', url: 'https://user@github.com/org/repo.git', ref: 'v1.2' },
    });
    expect(ok('git+ssh://git@github.com/org/repo.git#egg=repo').vcs).toEqual({ vcs: 'git', url: 'ssh://git@github.com/org/repo.git' });
    expect(ok('./libs/core[extra]')).toMatchObject({ localPath: './libs/core', extras: ['extra'] });
    expect(ok('.').localPath).toBe('.');
    expect(ok('dist/pkg-1.0-py3-none-any.whl').localPath).toBe('dist/pkg-1.0-py3-none-any.whl');
    expect(ok('pkg @ file:///opt/pkg').localPath).toBe('file:///opt/pkg');
    expect(ok('pkg@ git+https://github.com/org/pkg@3f2c4e1a9b7d6c5e4f3a2b1c0d9e8f7a6b5c4d3e').vcs?.ref).toBe('3f2c4e1a9b7d6c5e4f3a2b1c0d9e8f7a6b5c4d3e');
  });

  test('malformed requirements say why', () => {
    expect(parseRequirement('')).toEqual({ ok: false, error: 'empty requirement' });
    expect(parseRequirement('!!!')).toMatchObject({ ok: false, error: expect.stringMatching(/package name/) });
    expect(parseRequirement('foo[bar')).toMatchObject({ ok: false, error: expect.stringMatching(/unclosed extras/) });
    expect(parseRequirement('foo >> 1')).toMatchObject({ ok: false, error: expect.stringMatching(/malformed version specifier/) });
    expect(parseRequirement('foo @')).toMatchObject({ ok: false });
    expect(parseRequirement('foo @ https://x.example/a.whl trailing')).toMatchObject({ ok: false });
  });
});

describe('version syntaxes', () => {
  test('PEP 440 specifier sets', () => {
    expect(parseSpecifiers('')).toEqual([]);
    expect(parseSpecifiers('>=1, <2')).toEqual([
      { operator: '>=', version: '1' },
      { operator: '<', version: '2' },
    ]);
    expect(parseSpecifiers('=>1')).toBeUndefined();
  });

  test('Poetry constraints', () => {
    expect(poetryClauses('^1.2.3')).toEqual([
      { operator: '>=', version: '1.2.3' },
      { operator: '<', version: '2' },
    ]);
    expect(poetryClauses('^0.2.3')).toEqual([
      { operator: '>=', version: '0.2.3' },
      { operator: '<', version: '0.3' },
    ]);
    expect(poetryClauses('~1.2.3')).toEqual([
      { operator: '>=', version: '1.2.3' },
      { operator: '<', version: '1.3' },
    ]);
    expect(exactPin(poetryClauses('1.2.3')!)).toBe('1.2.3');
    expect(exactPin(poetryClauses('=1.2.3')!)).toBe('1.2.3');
    expect(exactPin(poetryClauses('==1.2.3')!)).toBe('1.2.3');
    expect(poetryClauses('*')).toEqual([]);
    expect(poetryClauses('>= 1.2 < 2')).toEqual([
      { operator: '>=', version: '1.2' },
      { operator: '<', version: '2' },
    ]);
    expect(poetryClauses('^1 || ^2')).toEqual([]);
    expect(poetryClauses('banana')).toBeUndefined();
  });

  test('Pipfile versions', () => {
    expect(pipfileClauses('*')).toEqual([]);
    expect(exactPin(pipfileClauses('1.0')!)).toBe('1.0');
    expect(exactPin(pipfileClauses('==1.0')!)).toBe('1.0');
    expect(pipfileClauses('>=1')).toEqual([{ operator: '>=', version: '1' }]);
  });

  test('names, commits, VCS URLs', () => {
    expect(normalizeName('Zope.Interface__X')).toBe('zope-interface-x');
    expect(isFullCommitId('3f2c4e1a9b7d6c5e4f3a2b1c0d9e8f7a6b5c4d3e')).toBe(true);
    expect(isFullCommitId('3f2c4e1')).toBe(false);
    expect(isFullCommitId(undefined)).toBe(false);
    expect(parseVcsUrl('https://example.com/x')).toBeUndefined();
    expect(parseVcsUrl('hg+https://hg.example.com/repo@default')).toEqual({ vcs: 'hg', url: 'https://hg.example.com/repo', ref: 'default' });
  });
});
