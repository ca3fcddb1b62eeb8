// pyproject.toml and Pipfile: PEP 621, PEP 735, Poetry, uv/PDM sources, Pipfile categories and sources, positions,
// and malformed TOML as a problem rather than a crash.
import { describe, expect, test } from 'vitest';
import { parsePipfile } from '../../src/manifests/pipfile.js';
import { parsePyproject } from '../../src/manifests/pyproject.js';
import { tomlSpans, pathKey } from '../../src/manifests/toml-positions.js';

const PYPROJECT = `[build-system]
requires = ["setuptools>=61"]

[project]
name = "demo"
dependencies = [
    "requests>=2",   # comment with ] and "quotes"
    'click==8.1.7',
]

[project.optional-dependencies]
dev = ["pytest"]

[dependency-groups]
docs = ["sphinx==8.0.2", {include-group = "dev"}]

[tool.poetry.dependencies]
python = "^3.10"
"Flask" = "^3.0"
lib = { git = "https://github.com/a/b.git", tag = "v1" }
multi = [{ version = "1.0", python = "<3.12" }, { version = "2.0", python = ">=3.12" }]

[tool.poetry.group.test.dependencies]
pytest-cov = "5.0.0"

[[tool.poetry.source]]
name = "corp"
url = "http://pypi.corp/simple"

[tool.uv]
extra-index-url = ["https://download.pytorch.org/whl/cpu"]
`;

describe('parsePyproject', () => {
  test('every dependency table, each with its group and line', () => {
    const m = parsePyproject('pyproject.toml', PYPROJECT);
    expect(m.problems).toEqual([]);
    expect(m.requirements.map((r) => [r.name, r.group, r.constraint, r.pinnedVersion ?? '', r.region.startLine])).toEqual([
      ['requests', 'default', '>=2', '', 7],
      ['click', 'default', '==8.1.7', '8.1.7', 8],
      ['pytest', 'dev', '', '', 12],
      ['sphinx', 'docs', '==8.0.2', '8.0.2', 15],
      ['setuptools', 'build-system', '>=61', '', 2],
      ['Flask', 'default', '^3.0', '', 19],
      ['lib', 'default', '', '', 20],
      ['multi', 'default', '1.0', '1.0', 21],
      ['multi', 'default', '2.0', '2.0', 21],
      ['pytest-cov', 'test', '5.0.0', '5.0.0', 24],
    ]);
    expect(m.requirements.find((r) => r.name === 'lib')?.vcs).toEqual({ vcs: 'git', url: 'https://github.com/a/b.git', ref: 'v1' });
    expect(m.requirements[0]!.region).toEqual({ startLine: 7, startColumn: 5, endLine: 7, endColumn: 18 });
    expect(m.indexes.map((i) => [i.kind, i.name, i.value, i.region.startLine])).toEqual([
      ['source', 'corp', 'http://pypi.corp/simple', 28],
      ['source', undefined, 'https://download.pytorch.org/whl/cpu', 31],
    ]);
  });

  test('malformed TOML is one problem at the parser position; wrong shapes are problems too', () => {
    const bad = parsePyproject('pyproject.toml', '[project]\ndependencies = ["a",\nname = \n');
    expect(bad.requirements).toEqual([]);
    expect(bad.problems).toHaveLength(1);
    expect(bad.problems[0]!.message).toMatch(/^not valid TOML/);
    expect(bad.problems[0]!.region?.startLine).toBeGreaterThanOrEqual(2);
    const shapes = parsePyproject('pyproject.toml', '[project]\ndependencies = "requests"\n[tool.poetry]\ndependencies = 3\n');
    expect(shapes.problems.map((p) => p.message)).toEqual(['project.dependencies should be an array of requirement strings', 'tool.poetry.dependencies should be a table']);
    const item = parsePyproject('pyproject.toml', '[project]\ndependencies = ["ok==1", "bad[", 7]\n');
    expect(item.requirements.map((r) => r.name)).toEqual(['ok']);
    expect(item.problems.map((p) => p.message)).toEqual(["'bad[': unclosed extras bracket", 'expected a requirement string, found number']);
  });

  test('a pyproject without dependencies is empty', () => {
    expect(parsePyproject('pyproject.toml', '[tool.ruff]\nline-length = 100\n')).toMatchObject({ requirements: [], indexes: [], problems: [] });
  });
});

describe('parsePipfile', () => {
  test('categories, tables, sources', () => {
    const m = parsePipfile(
      'Pipfile',
      '[[source]]\nurl = "https://pypi.org/simple"\nverify_ssl = false\nname = "pypi"\n\n[packages]\nrequests = "*"\ndjango = {version = "==5.0.8", extras = ["argon2"]}\nlocal = {path = ".", editable = true}\n\n[dev-packages]\npytest = "8.3.2"\n\n[docs]\nsphinx = ">=8"\n\n[requires]\npython_version = "3.12"\n',
    );
    expect(m.problems).toEqual([]);
    expect(m.requirements.map((r) => [r.name, r.group, r.pinnedVersion ?? '', r.localPath ?? '', r.editable, r.region.startLine])).toEqual([
      ['requests', 'default', '', '', false, 7],
      ['django', 'default', '5.0.8', '', false, 8],
      ['local', 'default', '', '.', true, 9],
      ['pytest', 'dev', '8.3.2', '', false, 12],
      ['sphinx', 'docs', '', '', false, 15],
    ]);
    expect(m.requirements[1]!.extras).toEqual(['argon2']);
    expect(m.indexes).toEqual([{ kind: 'source', value: 'https://pypi.org/simple', name: 'pypi', skipsTlsVerification: true, region: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 32 } }]);
  });

  test('malformed Pipfile', () => {
    expect(parsePipfile('Pipfile', '[packages\nrequests = "*"').problems[0]!.message).toMatch(/not valid TOML/);
    expect(parsePipfile('Pipfile', '[packages]\nrequests = "=>1"\n').problems[0]!.message).toMatch(/cannot read the version constraint/);
  });
});

describe('tomlSpans', () => {
  test('keys, dotted keys, quoted keys, arrays of tables, inline tables and multi-line strings', () => {
    const text = 'a.b = 1\n"c.d" = """x\n"""\n[[t]]\nk = {x = 1, y = [2, 3]}\n[[t]]\nk = 4\n[t.sub]\nz = 5\n';
    const spans = tomlSpans(text);
    const at = (...p: string[]) => {
      const s = spans.get(pathKey(p));
      return s ? text.slice(s.start, s.end) : undefined;
    };
    expect(at('a', 'b')).toBe('a.b = 1');
    expect(at('c.d')).toBe('"c.d" = """x\n"""');
    expect(at('t', '0', 'k', 'y', '1')).toBe('3');
    expect(at('t', '1', 'k')).toBe('k = 4');
    expect(at('t', '1', 'sub', 'z')).toBe('z = 5');
  });
});
