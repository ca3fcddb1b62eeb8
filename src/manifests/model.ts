// The dependency-manifest model: requirements, package-index settings and includes of one manifest file, any format.
import type { Region } from '../engine/finding.js';

export type ManifestFormat = 'requirements' | 'pyproject' | 'pipfile' | 'setup-cfg' | 'setup-py';

/** One version clause of a PEP 440 specifier: `>=1.2`, `==2.0.*`, `~=3.1`. */
export interface VersionClause {
  operator: '~=' | '==' | '!=' | '<=' | '>=' | '<' | '>' | '===';
  version: string;
}

/** A requirement taken from a VCS: `git+https://host/repo@ref`, or a Poetry/Pipfile `git = …` table. */
export interface VcsSource {
  /** `git`, `hg`, `svn`, `bzr`. */
  vcs: string;
  /** The repository URL without the `git+` prefix and the `@ref`. */
  url: string;
  /** Branch, tag or commit named after `@` (or `rev`/`tag`/`branch`/`ref` keys); undefined means the default branch. */
  ref?: string;
}

export interface Requirement {
  /** The distribution name as written; '' when only a URL or path names it (no `#egg=`). */
  name: string;
  /** PEP 503 normalised name (lower case, runs of `-_.` as one `-`), used to compare and to query advisories. */
  normalizedName: string;
  extras: string[];
  /** PEP 440 clauses; empty when no version is constrained. Poetry constraints are translated (`^1.2` → `>=1.2,<2.0`). */
  clauses: VersionClause[];
  /** The constraint as written in the manifest (`>=1.2`, `^1.2`, `*`), for messages. */
  constraint: string;
  /** `python_version < "3.9"` and the like. */
  marker?: string;
  /** Direct reference: `name @ https://…`, a bare archive URL, a Poetry/Pipfile `url = …`. */
  url?: string;
  vcs?: VcsSource;
  /** A local path (`./libs/x`, `-e .`, `{path = "…"}`): the project's own code, never pinned by version. */
  localPath?: string;
  editable: boolean;
  /** `--hash=sha256:…` options, and `#sha256=…` URL fragments. */
  hashes: string[];
  /** The exact version when the requirement is pinned to one release: `==1.2.3` (no wildcard) or `===1.2.3`. */
  pinnedVersion?: string;
  /** Where it was declared: `default`, `dev`, an optional-dependency or group name, `build-system`. */
  group: string;
  /** The requirement's text in the manifest (name through constraint). */
  region: Region;
  /** The requirement as written, for messages. */
  text: string;
}

export type IndexSettingKind = 'index-url' | 'extra-index-url' | 'trusted-host' | 'find-links' | 'source';

/** Where packages come from: pip's `--index-url`/`--extra-index-url`/`--trusted-host`/`--find-links`, Poetry/Pipfile/uv sources. */
export interface IndexSetting {
  kind: IndexSettingKind;
  /** URL or host as written. */
  value: string;
  /** Sources: their name (`[[tool.poetry.source]] name`). */
  name?: string;
  /** A source that skips TLS certificate checks (Pipfile `verify_ssl = false`). */
  skipsTlsVerification?: boolean;
  region: Region;
}

/** `-r other.txt` / `-c constraints.txt` in a requirements file. */
export interface ManifestInclude {
  kind: 'requirements' | 'constraints';
  /** The path as written. */
  target: string;
  region: Region;
}

/** Something in the manifest that could not be understood; reported as a notification, never as a crash. */
export interface ManifestProblem {
  message: string;
  region?: Region;
}

export interface Manifest {
  /** Repo-relative POSIX path. */
  path: string;
  format: ManifestFormat;
  requirements: Requirement[];
  indexes: IndexSetting[];
  includes: ManifestInclude[];
  problems: ManifestProblem[];
  /**
   * The versions come from elsewhere: a lock file beside the manifest (poetry.lock, Pipfile.lock, uv.lock, pdm.lock)
   * or, for a pip-tools `.in` file, the `.txt` compiled from it. Names that lock file.
   */
  lockedBy?: string;
  /** PEP 503 names pinned (`==`) by a constraints file that applies to this manifest through `-c` (directly or via `-r`). */
  constrainedNames?: ReadonlySet<string>;
  /** Whether the manifest is only used as a constraints file (the target of `-c`). */
  isConstraints?: boolean;
}

/** PEP 503 name normalisation. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The exact release the clauses pin, if any: `==1.2.3` without a wildcard or local-version range, or `===x`. */
export function exactPin(clauses: readonly VersionClause[]): string | undefined {
  for (const c of clauses) {
    if (c.operator === '===') return c.version;
    if (c.operator === '==' && !c.version.includes('*')) return c.version;
  }
  return undefined;
}

/** A full commit id (SHA-1 or SHA-256 hex), as opposed to a branch, tag or abbreviated id. */
export function isFullCommitId(ref: string | undefined): boolean {
  return ref !== undefined && /^([0-9a-f]{40}|[0-9a-f]{64})$/i.test(ref);
}

/** Line starts of a text, so parsers can turn an offset into a 1-based line and column. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }

  region(start: number, end: number): Region {
    const a = this.position(start);
    const b = this.position(Math.max(start, end));
    return { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
  }

  /** The text of a 1-based line without its line break. */
  line(lineNumber: number): string {
    const start = this.starts[lineNumber - 1];
    if (start === undefined) return '';
    const next = this.starts[lineNumber];
    return this.text.slice(start, next ?? this.text.length).replace(/\r?\n$|\r$/, '');
  }

  get lineCount(): number {
    return this.starts.length;
  }
}
