// A TOML manifest read once: its values (smol-toml), their positions, and helpers that turn dependency entries into
// model requirements; shared by the pyproject.toml and Pipfile parsers.
import { parse, TomlError } from 'smol-toml';
import type { Region } from '../engine/finding.js';
import { exactPin, LineIndex, normalizeName, type ManifestProblem, type Requirement, type VcsSource, type VersionClause } from './model.js';
import { parseRequirement, toRequirement } from './requirement-line.js';
import { spanOf, tomlSpans, type TomlPath, type TomlSpan } from './toml-positions.js';

export type TomlTable = Record<string, unknown>;

export function isTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

export class TomlDocument {
  private constructor(
    readonly data: TomlTable,
    private readonly spans: Map<string, TomlSpan>,
    private readonly index: LineIndex,
    readonly problems: ManifestProblem[],
  ) {}

  /** The parsed document, or the problem that stopped the parser (with its line and column). */
  static load(text: string): TomlDocument | ManifestProblem {
    let data: TomlTable;
    try {
      data = parse(text) as TomlTable;
    } catch (error) {
      if (error instanceof TomlError) {
        const line = Math.max(1, error.line);
        const column = Math.max(1, error.column);
        const first = error.message.split('\n')[0]!.replace(/^Invalid TOML document:\s*/, '');
        return { message: `not valid TOML: ${first}`, region: { startLine: line, startColumn: column, endLine: line, endColumn: column + 1 } };
      }
      return { message: `not valid TOML: ${error instanceof Error ? error.message : String(error)}` };
    }
    return new TomlDocument(data, tomlSpans(text), new LineIndex(text), []);
  }

  /** The value at a path, or undefined. */
  get(path: TomlPath): unknown {
    let cur: unknown = this.data;
    for (const key of path) {
      if (Array.isArray(cur)) cur = cur[Number(key)];
      else if (isTable(cur)) cur = cur[key];
      else return undefined;
    }
    return cur;
  }

  /** Region of a value (from its key), falling back to its table header, then to line 1. */
  region(path: TomlPath): Region {
    const span = spanOf(this.spans, path);
    if (!span) return { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
    const r = this.index.region(span.start, span.end);
    // A multi-line value (an inline table or array spread over lines) is reported on its first line.
    if (r.endLine !== r.startLine) return { ...r, endLine: r.startLine, endColumn: this.index.line(r.startLine).length + 1 };
    return r;
  }

  problem(message: string, path: TomlPath): void {
    this.problems.push({ message, region: this.region(path) });
  }

  /** A PEP 508 string at a path (`[project] dependencies` items), as a requirement; a malformed one becomes a problem. */
  pep508At(path: TomlPath, group: string): Requirement | undefined {
    const value = this.get(path);
    if (typeof value !== 'string') {
      this.problem(`expected a requirement string, found ${describe(value)}`, path);
      return undefined;
    }
    const parsed = parseRequirement(value);
    if (!parsed.ok) {
      this.problem(parsed.error, path);
      return undefined;
    }
    return toRequirement(parsed.requirement, { group, region: this.region(path), text: value.slice(0, parsed.requirement.length).trim() });
  }

  /**
   * A `name = <constraint or table>` dependency (Poetry, Pipfile). `clausesOf` reads the format's version syntax.
   * Tables may hold version, git (+ rev/tag/branch/ref), path, url/file, editable/develop, extras, markers.
   */
  tableDependency(path: TomlPath, name: string, group: string, clausesOf: (constraint: string) => VersionClause[] | undefined): Requirement | undefined {
    const value = this.get(path);
    const base = { name, normalizedName: normalizeName(name), extras: [] as string[], hashes: [] as string[], group, region: this.region(path), editable: false };
    const withClauses = (constraint: string): Pick<Requirement, 'clauses' | 'constraint' | 'pinnedVersion'> | undefined => {
      const clauses = clausesOf(constraint);
      if (!clauses) {
        this.problem(`'${name}': cannot read the version constraint '${constraint}'`, path);
        return undefined;
      }
      const pin = exactPin(clauses);
      return { clauses, constraint: constraint.trim(), ...(pin ? { pinnedVersion: pin } : {}) };
    };
    if (typeof value === 'string') {
      const v = withClauses(value);
      return v ? { ...base, ...v, text: `${name} = "${value}"` } : undefined;
    }
    if (!isTable(value)) {
      this.problem(`'${name}': expected a version string or a table, found ${describe(value)}`, path);
      return undefined;
    }
    const str = (key: string) => (typeof value[key] === 'string' ? (value[key] as string) : undefined);
    const extras = Array.isArray(value.extras) ? value.extras.filter((e): e is string => typeof e === 'string') : [];
    const editable = value.editable === true || value.develop === true;
    const marker = str('markers');
    const common = { ...base, extras, editable, ...(marker ? { marker } : {}), text: `${name} = ${inlineText(value)}` };
    for (const vcsKey of ['git', 'hg', 'svn', 'bzr']) {
      const url = str(vcsKey);
      if (url === undefined) continue;
      const ref = str('rev') ?? str('ref') ?? str('tag') ?? str('branch');
      const vcs: VcsSource = { vcs: vcsKey, url: url.replace(/^(git|hg|svn|bzr)\+/, ''), ...(ref ? { ref } : {}) };
      return { ...common, clauses: [], constraint: '', url, vcs };
    }
    const file = str('file');
    const local = str('path') ?? (file !== undefined && (/^file:/i.test(file) || !/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) ? file : undefined);
    if (local !== undefined) return { ...common, clauses: [], constraint: '', localPath: local };
    const url = str('url') ?? file;
    if (url !== undefined) {
      const hashes = [...url.matchAll(/#(sha256|sha384|sha512)=([0-9a-f]+)/gi)].map((m) => `${m[1]}:${m[2]}`);
      return { ...common, clauses: [], constraint: '', url, hashes };
    }
    const version = str('version') ?? '*';
    const v = withClauses(version);
    return v ? { ...common, ...v } : undefined;
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (isTable(value)) return 'a table';
  return typeof value;
}

function inlineText(table: TomlTable): string {
  const parts = Object.entries(table)
    .filter(([, v]) => typeof v === 'string' || typeof v === 'boolean')
    .map(([k, v]) => `${k} = ${typeof v === 'string' ? `"${v}"` : String(v)}`);
  return `{ ${parts.join(', ')} }`;
}
