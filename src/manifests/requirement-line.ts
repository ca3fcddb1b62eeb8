// Parses one requirement string: PEP 508 (`name[extras] specifiers ; marker`, `name @ url`), pip's bare URLs, VCS
// URLs and local paths, and Poetry version constraints, into the parts the manifest model holds.
import type { Region } from '../engine/finding.js';
import { exactPin, normalizeName, type Requirement, type VcsSource, type VersionClause } from './model.js';

export interface ParsedRequirement {
  name: string;
  extras: string[];
  clauses: VersionClause[];
  constraint: string;
  marker?: string;
  url?: string;
  vcs?: VcsSource;
  localPath?: string;
  /** Hashes given as URL fragments (`#sha256=…`). */
  hashes: string[];
  pinnedVersion?: string;
  /** Length of the requirement itself within the parsed text (name through constraint or URL, before the marker). */
  length: number;
}

export type RequirementParse = { ok: true; requirement: ParsedRequirement } | { ok: false; error: string };

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;
const OPERATOR = /^(===|~=|==|!=|<=|>=|<|>)\s*/;
const VERSION = /^[A-Za-z0-9_.*+!-]+/;
const VCS_URL = /^(git|hg|svn|bzr)\+([a-z][a-z0-9+.-]*:\/\/.*)$/i;
const URL = /^[a-z][a-z0-9+.-]*:\/\//i;
const HASH_FRAGMENT = /(?:^|&)(sha1|sha224|sha256|sha384|sha512|md5)=([0-9a-f]+)/gi;

function fragmentParts(url: string): { base: string; egg?: string; hashes: string[] } {
  const hashAt = url.indexOf('#');
  if (hashAt < 0) return { base: url, hashes: [] };
  const fragment = url.slice(hashAt + 1);
  const egg = /(?:^|&)egg=([^&]+)/.exec(fragment)?.[1];
  const hashes = [...fragment.matchAll(HASH_FRAGMENT)].map((m) => `${m[1]!.toLowerCase()}:${m[2]!}`);
  return { base: url.slice(0, hashAt), ...(egg ? { egg: egg.replace(/-[0-9].*$/, '') } : {}), hashes };
}

/** `git+https://host/org/repo.git@v1.2#egg=x` → vcs, repository URL and ref. */
export function parseVcsUrl(url: string): VcsSource | undefined {
  const m = VCS_URL.exec(url);
  if (!m) return undefined;
  const { base } = fragmentParts(m[2]!);
  // The ref follows the last '@' after the host part (an '@' before the host is user info).
  const afterScheme = base.indexOf('://') + 3;
  const pathStart = base.indexOf('/', afterScheme);
  const at = base.lastIndexOf('@');
  if (at > pathStart && pathStart >= 0) return { vcs: m[1]!.toLowerCase(), url: base.slice(0, at), ref: base.slice(at + 1) };
  return { vcs: m[1]!.toLowerCase(), url: base };
}

/** Archive file names carry the distribution name: `pkg-1.0.tar.gz`, `pkg-1.0-py3-none-any.whl`. */
function nameFromArchive(url: string): string {
  const file = decodeURIComponent(url.split(/[?#]/)[0]!.split('/').pop() ?? '');
  const m = /^([A-Za-z0-9][A-Za-z0-9._]*?)-\d[^/]*\.(?:whl|tar\.gz|tar\.bz2|tar\.xz|zip|tgz)$/i.exec(file);
  return m ? m[1]! : '';
}

function looksLikePath(text: string): boolean {
  return /^(\.{1,2}([/\\]|$)|[/\\~]|[A-Za-z]:[/\\])/.test(text) || /[/\\]/.test(text.split(/[\s;[@]/)[0]!) || /\.(whl|tar\.gz|zip|tgz)$/i.test(text.split(/[\s;]/)[0]!);
}

/** Version clauses of a PEP 440 specifier set (`>=1, <2`, optionally in parentheses); undefined when malformed. */
export function parseSpecifiers(text: string): VersionClause[] | undefined {
  let s = text.trim();
  if (s.startsWith('(') && s.endsWith(')')) s = s.slice(1, -1).trim();
  if (s === '') return [];
  const clauses: VersionClause[] = [];
  for (const part of s.split(',')) {
    const p = part.trim();
    const op = OPERATOR.exec(p);
    if (!op) return undefined;
    const rest = p.slice(op[0].length).trim();
    const v = VERSION.exec(rest);
    if (!v || v[0].length !== rest.length) return undefined;
    clauses.push({ operator: op[1] as VersionClause['operator'], version: v[0] });
  }
  return clauses;
}

function splitMarker(text: string): { head: string; marker?: string } {
  const semi = text.indexOf(';');
  if (semi < 0) return { head: text };
  const marker = text.slice(semi + 1).trim();
  return { head: text.slice(0, semi), ...(marker ? { marker } : {}) };
}

function result(parts: Omit<ParsedRequirement, 'pinnedVersion'>): RequirementParse {
  const pin = parts.url || parts.vcs || parts.localPath ? undefined : exactPin(parts.clauses);
  return { ok: true, requirement: { ...parts, ...(pin ? { pinnedVersion: pin } : {}) } };
}

/** Parses a requirement as pip reads it from a requirements file or as PEP 508 writes it in metadata. */
export function parseRequirement(input: string): RequirementParse {
  const text = input.trim();
  if (text === '') return { ok: false, error: 'empty requirement' };

  // Bare VCS or archive URL, as pip accepts on a requirements line: the name comes from #egg= or the file name.
  const firstToken = text.split(/\s/)[0]!;
  if (VCS_URL.test(firstToken) || URL.test(firstToken)) {
    const { head, marker } = splitMarker(text);
    const url = head.trim().split(/\s/)[0]!;
    const frag = fragmentParts(url);
    const vcs = parseVcsUrl(url);
    const name = frag.egg ?? (vcs ? '' : nameFromArchive(url));
    return result({ name, extras: [], clauses: [], constraint: '', ...(marker ? { marker } : {}), url, ...(vcs ? { vcs } : {}), hashes: frag.hashes, length: url.length });
  }
  if (looksLikePath(text)) {
    const { head, marker } = splitMarker(text);
    const localPath = head.trim().split(/\s/)[0]!.replace(/\[[^\]]*\]$/, '');
    const extras = /\[([^\]]*)\]$/.exec(head.trim().split(/\s/)[0]!)?.[1];
    return result({
      name: '',
      extras: extras ? extras.split(',').map((e) => e.trim()).filter(Boolean) : [],
      clauses: [],
      constraint: '',
      ...(marker ? { marker } : {}),
      localPath,
      hashes: [],
      length: head.trimEnd().length,
    });
  }

  const nameMatch = NAME.exec(text);
  if (!nameMatch) return { ok: false, error: `'${text}' does not start with a package name` };
  const name = nameMatch[0];
  let rest = text.slice(name.length);
  let consumed = name.length;
  const skipSpace = () => {
    const m = /^\s*/.exec(rest)![0].length;
    rest = rest.slice(m);
    consumed += m;
  };
  skipSpace();
  let extras: string[] = [];
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return { ok: false, error: `'${text}': unclosed extras bracket` };
    extras = rest
      .slice(1, close)
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    if (extras.some((e) => !NAME.test(e) || NAME.exec(e)![0] !== e)) return { ok: false, error: `'${text}': malformed extras` };
    rest = rest.slice(close + 1);
    consumed += close + 1;
    skipSpace();
  }
  if (rest.startsWith('@')) {
    rest = rest.slice(1);
    consumed += 1;
    skipSpace();
    // PEP 508: the URL ends at whitespace; a marker must follow after a space.
    const url = /^\S+/.exec(rest)?.[0];
    if (!url) return { ok: false, error: `'${text}': '@' without a URL` };
    const after = rest.slice(url.length).trim();
    if (after !== '' && !after.startsWith(';')) return { ok: false, error: `'${text}': unexpected text after the URL` };
    const marker = after.startsWith(';') ? after.slice(1).trim() : undefined;
    const frag = fragmentParts(url);
    const vcs = parseVcsUrl(url);
    const isLocal = /^file:/i.test(url);
    return result({
      name,
      extras,
      clauses: [],
      constraint: '',
      ...(marker ? { marker } : {}),
      ...(isLocal ? { localPath: url } : { url }),
      ...(vcs ? { vcs } : {}),
      hashes: frag.hashes,
      length: consumed + url.length,
    });
  }
  const { head, marker } = splitMarker(rest);
  const spec = head.trim();
  const clauses = parseSpecifiers(spec);
  if (!clauses) return { ok: false, error: `'${text}': malformed version specifier '${spec}'` };
  return result({
    name,
    extras,
    clauses,
    constraint: spec.replace(/^\((.*)\)$/, '$1').replace(/\s+/g, ''),
    ...(marker ? { marker } : {}),
    hashes: [],
    length: consumed + head.trimEnd().length,
  });
}

function bumpAt(version: string, index: number): string {
  const parts = version.split('.').map((p) => Number.parseInt(p, 10) || 0);
  const kept = parts.slice(0, index + 1);
  kept[index] = (kept[index] ?? 0) + 1;
  return kept.join('.');
}

/**
 * Poetry's constraint syntax (`^1.2`, `~1.2`, `1.2.*`, `*`, `>=1,<2`, `>= 1 < 2`, a bare `1.2.3` meaning exactly that
 * release) as PEP 440 clauses. Unions (`||`) cannot be written as one clause list: they give no clauses.
 */
export function poetryClauses(constraint: string): VersionClause[] | undefined {
  const s = constraint.trim();
  if (s === '' || s === '*') return [];
  if (s.includes('||')) return [];
  const clauses: VersionClause[] = [];
  for (const raw of s.split(/\s*,\s*|\s+(?=[<>=!~^])/)) {
    const p = raw.trim();
    if (p === '' || p === '*') continue;
    let m: RegExpExecArray | null;
    if ((m = /^\^\s*([0-9][A-Za-z0-9.+!-]*)$/.exec(p))) {
      const v = m[1]!;
      const nums = v.split('.').map((x) => Number.parseInt(x, 10) || 0);
      const firstNonZero = nums.findIndex((n) => n !== 0);
      const index = firstNonZero < 0 ? Math.max(0, nums.length - 1) : firstNonZero;
      clauses.push({ operator: '>=', version: v }, { operator: '<', version: bumpAt(v, index) });
    } else if ((m = /^~(?!=)\s*([0-9][A-Za-z0-9.+!-]*)$/.exec(p))) {
      const v = m[1]!;
      const n = v.split('.').length;
      clauses.push({ operator: '>=', version: v }, { operator: '<', version: bumpAt(v, n >= 2 ? 1 : 0) });
    } else if ((m = /^(===|~=|==|!=|<=|>=|<|>)\s*([A-Za-z0-9_.*+!-]+)$/.exec(p))) {
      clauses.push({ operator: m[1] as VersionClause['operator'], version: m[2]! });
    } else if ((m = /^=\s*([A-Za-z0-9_.*+!-]+)$/.exec(p)) || (m = /^([0-9][A-Za-z0-9_.*+!-]*)$/.exec(p))) {
      clauses.push({ operator: '==', version: m[1]! });
    } else {
      return undefined;
    }
  }
  return clauses;
}

/** A Pipfile version (`"==1.0"`, `">=1"`, `"*"`); pipenv also takes a bare `"1.0"` as exactly that release. */
export function pipfileClauses(constraint: string): VersionClause[] | undefined {
  const s = constraint.trim();
  if (s === '' || s === '*') return [];
  if (/^[0-9][A-Za-z0-9_.*+!-]*$/.test(s)) return [{ operator: '==', version: s }];
  return parseSpecifiers(s);
}

/** A parsed requirement placed in a manifest: where it is, which group it belongs to, hashes given beside it. */
export function toRequirement(r: ParsedRequirement, place: { group: string; region: Region; text: string; editable?: boolean; hashes?: string[] }): Requirement {
  return {
    name: r.name,
    normalizedName: normalizeName(r.name),
    extras: r.extras,
    clauses: r.clauses,
    constraint: r.constraint,
    ...(r.marker ? { marker: r.marker } : {}),
    ...(r.url ? { url: r.url } : {}),
    ...(r.vcs ? { vcs: r.vcs } : {}),
    ...(r.localPath ? { localPath: r.localPath } : {}),
    editable: place.editable ?? false,
    hashes: [...(place.hashes ?? []), ...r.hashes],
    ...(r.pinnedVersion ? { pinnedVersion: r.pinnedVersion } : {}),
    group: place.group,
    region: place.region,
    text: place.text,
  };
}
