// Parses a Pipfile (TOML): `[packages]`, `[dev-packages]` and other package categories, and `[[source]]` indexes.
import type { IndexSetting, Manifest, Requirement } from './model.js';
import { pipfileClauses } from './requirement-line.js';
import { isTable, TomlDocument } from './toml-document.js';

/** Top-level tables that are not package categories. */
const NOT_PACKAGES = new Set(['source', 'requires', 'scripts', 'pipenv', 'pipfile']);

export function parsePipfile(relPath: string, text: string): Manifest {
  const empty: Manifest = { path: relPath, format: 'pipfile', requirements: [], indexes: [], includes: [], problems: [] };
  const doc = TomlDocument.load(text);
  if (!(doc instanceof TomlDocument)) return { ...empty, problems: [doc] };
  const requirements: Requirement[] = [];
  const indexes: IndexSetting[] = [];

  for (const [category, table] of Object.entries(doc.data)) {
    if (NOT_PACKAGES.has(category) || !isTable(table)) continue;
    const group = category === 'packages' ? 'default' : category === 'dev-packages' ? 'dev' : category;
    for (const name of Object.keys(table)) {
      const r = doc.tableDependency([category, name], name, group, pipfileClauses);
      if (r) requirements.push(r);
    }
  }
  const source = doc.get(['source']);
  if (Array.isArray(source)) {
    source.forEach((s, n) => {
      if (!isTable(s) || typeof s.url !== 'string') return;
      indexes.push({
        kind: 'source',
        value: s.url,
        ...(typeof s.name === 'string' ? { name: s.name } : {}),
        ...(s.verify_ssl === false ? { skipsTlsVerification: true } : {}),
        region: doc.region(['source', String(n), 'url']),
      });
    });
  }
  return { ...empty, requirements, indexes, problems: doc.problems };
}
