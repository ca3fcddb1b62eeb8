// Parses the dependency parts of pyproject.toml: PEP 621 `[project]` dependencies and optional dependencies, PEP 735
// dependency groups, `[build-system] requires`, Poetry dependencies/groups/sources, and uv/PDM package indexes.
import type { IndexSetting, Manifest, Requirement } from './model.js';
import { poetryClauses } from './requirement-line.js';
import { isTable, TomlDocument } from './toml-document.js';
import type { TomlPath } from './toml-positions.js';

function stringList(doc: TomlDocument, path: TomlPath, group: string, out: Requirement[]): void {
  const value = doc.get(path);
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    doc.problem(`${path.join('.')} should be an array of requirement strings`, path);
    return;
  }
  value.forEach((item, n) => {
    if (isTable(item)) return; // PEP 735 `{include-group = "…"}`
    const r = doc.pep508At([...path, String(n)], group);
    if (r) out.push(r);
  });
}

function poetryTable(doc: TomlDocument, path: TomlPath, group: string, out: Requirement[]): void {
  const table = doc.get(path);
  if (table === undefined) return;
  if (!isTable(table)) {
    doc.problem(`${path.join('.')} should be a table`, path);
    return;
  }
  for (const [name, value] of Object.entries(table)) {
    if (name.toLowerCase() === 'python') continue; // the interpreter constraint, not a package
    const entries = Array.isArray(value) ? value.map((_, n) => [...path, name, String(n)]) : [[...path, name]];
    for (const p of entries) {
      const r = doc.tableDependency(p, name, group, poetryClauses);
      if (r) out.push(r);
    }
  }
}

/** `[[tool.poetry.source]]`, `[[tool.pdm.source]]`, `[[tool.uv.index]]`: each source's URL. */
function sources(doc: TomlDocument, path: TomlPath, out: IndexSetting[]): void {
  const list = doc.get(path);
  if (!Array.isArray(list)) return;
  list.forEach((source, n) => {
    if (!isTable(source) || typeof source.url !== 'string') return;
    out.push({
      kind: 'source',
      value: source.url,
      ...(typeof source.name === 'string' ? { name: source.name } : {}),
      ...(source.verify_ssl === false ? { skipsTlsVerification: true } : {}),
      region: doc.region([...path, String(n), 'url']),
    });
  });
}

export function parsePyproject(relPath: string, text: string): Manifest {
  const empty: Manifest = { path: relPath, format: 'pyproject', requirements: [], indexes: [], includes: [], problems: [] };
  const doc = TomlDocument.load(text);
  if (!(doc instanceof TomlDocument)) return { ...empty, problems: [doc] };
  const requirements: Requirement[] = [];
  const indexes: IndexSetting[] = [];

  stringList(doc, ['project', 'dependencies'], 'default', requirements);
  const optional = doc.get(['project', 'optional-dependencies']);
  if (isTable(optional)) for (const group of Object.keys(optional)) stringList(doc, ['project', 'optional-dependencies', group], group, requirements);
  const groups = doc.get(['dependency-groups']);
  if (isTable(groups)) for (const group of Object.keys(groups)) stringList(doc, ['dependency-groups', group], group, requirements);
  stringList(doc, ['build-system', 'requires'], 'build-system', requirements);

  poetryTable(doc, ['tool', 'poetry', 'dependencies'], 'default', requirements);
  poetryTable(doc, ['tool', 'poetry', 'dev-dependencies'], 'dev', requirements);
  const poetryGroups = doc.get(['tool', 'poetry', 'group']);
  if (isTable(poetryGroups)) for (const group of Object.keys(poetryGroups)) poetryTable(doc, ['tool', 'poetry', 'group', group, 'dependencies'], group, requirements);

  sources(doc, ['tool', 'poetry', 'source'], indexes);
  sources(doc, ['tool', 'pdm', 'source'], indexes);
  sources(doc, ['tool', 'uv', 'index'], indexes);
  // uv's legacy index settings. uv takes each package from the first index that has it, not the highest version across
  // indexes, so its extra indexes are recorded as sources (checked for their transport, not for dependency confusion).
  const uvIndexUrl = doc.get(['tool', 'uv', 'index-url']);
  if (typeof uvIndexUrl === 'string') indexes.push({ kind: 'source', value: uvIndexUrl, region: doc.region(['tool', 'uv', 'index-url']) });
  const uvExtra = doc.get(['tool', 'uv', 'extra-index-url']);
  if (Array.isArray(uvExtra)) {
    uvExtra.forEach((u, n) => {
      if (typeof u === 'string') indexes.push({ kind: 'source', value: u, region: doc.region(['tool', 'uv', 'extra-index-url', String(n)]) });
    });
  }

  return { ...empty, requirements, indexes, problems: doc.problems };
}
