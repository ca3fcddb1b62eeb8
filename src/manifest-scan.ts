// scanManifests(): finds the workspace's dependency manifests, follows their includes, asks the advisory database
// about pinned releases when the vulnerability check is on, and runs the manifest rules; problems become notifications.
import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { type AdvisoryMap, type VulnerabilityCheck } from './advisories/advisory.js';
import { queryOsv, type OsvOptions, type PackageRelease } from './advisories/osv.js';
import { runManifestRules } from './engine/manifest-context.js';
import { compareFindings, type Finding } from './engine/finding.js';
import { compareNotifications, type Notification } from './engine/notification.js';
import type { Rule } from './engine/rule.js';
import { errorMessage } from './errors.js';
import { findFiles, toPosixRelative } from './files.js';
import { LOCK_FILES, manifestFormat, MANIFEST_PATTERNS, parseManifest } from './manifests/manifest-files.js';
import { LineIndex, type Manifest, type ManifestFormat } from './manifests/model.js';
import { loadPython, type PythonParser } from './parser/python.js';
import { readSource } from './read-source.js';
import { manifestSuppressions } from './manifests/manifest-suppressions.js';
import type { SuppressionComment } from './suppressions.js';
import { lineFingerprints } from './report/fingerprints.js';

export interface ManifestScanOptions {
  workspace: string;
  excludes: readonly string[];
  rules: readonly Rule[];
  vulnerabilityCheck?: VulnerabilityCheck;
  osv?: OsvOptions;
  /** Report only manifests whose repo-relative path this accepts (a shard's slice); others are still read for their pins. */
  includePath?: (relPath: string) => boolean;
  /**
   * The scan's own path patterns. When every one names a file (pre-commit and editors pass the staged or open
   * files), only the manifests among them are checked, instead of searching the whole workspace for each call.
   */
  patterns?: readonly string[];
}

export interface ManifestScanResult {
  findings: Finding[];
  notifications: Notification[];
  /** Manifests checked (repo-relative, sorted). */
  manifests: string[];
  /** Suppression comments by manifest (only manifests that have some). */
  suppressions: Map<string, SuppressionComment[]>;
}

interface Loaded {
  manifest: Manifest;
  lines: LineIndex;
  raw: Buffer;
  reported: boolean;
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The lock file beside a manifest that pins what it declares, as a repo-relative path. */
function lockFileOf(root: string, manifest: Manifest): string | undefined {
  const dir = path.join(root, path.dirname(manifest.path));
  const candidates = [...(LOCK_FILES[manifest.format] ?? [])];
  // pip-tools: requirements.in is compiled into requirements.txt beside it.
  if (manifest.format === 'requirements' && /\.in$/i.test(manifest.path)) candidates.push(path.basename(manifest.path).replace(/\.in$/i, '.txt'));
  for (const name of candidates) {
    const file = path.join(dir, name);
    if (existsSync(file)) return toPosixRelative(root, file);
  }
  return undefined;
}

/** Names pinned by constraints files, shared by every manifest connected to them through `-r`/`-c` includes. */
function applyConstraints(loaded: Map<string, Loaded>, edges: { from: string; to: string; kind: 'requirements' | 'constraints' }[]): void {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const e of edges) parent.set(find(e.from), find(e.to));
  const constraintFiles = new Set(edges.filter((e) => e.kind === 'constraints').map((e) => e.to));
  const pinsByGroup = new Map<string, Set<string>>();
  for (const file of constraintFiles) {
    const l = loaded.get(file);
    if (!l) continue;
    l.manifest.isConstraints = true;
    const group = find(file);
    let pins = pinsByGroup.get(group);
    if (!pins) pinsByGroup.set(group, (pins = new Set()));
    for (const r of l.manifest.requirements) if (r.pinnedVersion || r.hashes.length > 0) pins.add(r.normalizedName);
  }
  for (const [rel, l] of loaded) {
    const pins = pinsByGroup.get(find(rel));
    if (pins && pins.size > 0) l.manifest.constrainedNames = pins;
  }
}

function fingerprint(findings: Finding[], raw: Buffer): void {
  if (findings.length === 0) return;
  const hashes = lineFingerprints(raw.toString('utf8'), new Set(findings.map((f) => f.region.startLine)));
  for (const f of findings) {
    const fp = hashes.get(f.region.startLine);
    if (fp) f.fingerprint = fp;
  }
}

/** Problems and rule failures of one manifest as notifications. */
function manifestNotifications(manifest: Manifest): Notification[] {
  return manifest.problems.map((p) => ({
    kind: 'manifest-error' as const,
    level: 'warning' as const,
    path: manifest.path,
    ...(p.region ? { region: p.region } : {}),
    message: `${manifest.path}${p.region ? `:${p.region.startLine}` : ''}: ${p.message}; the rest of the manifest was checked`,
  }));
}

function checkManifest(manifest: Manifest, lines: LineIndex, rules: readonly Rule[], advisories: AdvisoryMap | undefined): { findings: Finding[]; notifications: Notification[] } {
  const findings: Finding[] = [];
  const notifications = manifestNotifications(manifest);
  const failures = runManifestRules(manifest, rules, (f) => findings.push(f), (n) => lines.line(n), advisories);
  for (const failure of failures) {
    notifications.push({
      kind: 'rule-error',
      level: 'error',
      path: manifest.path,
      message: `${manifest.path}: rule ${failure.ruleId} failed (${errorMessage(failure.error)}); please report this Krait bug`,
    });
  }
  return { findings, notifications };
}

/** Checks one manifest's text (no includes, no lock files): for tests and the rule docs' examples. */
export async function scanManifestText(
  relPath: string,
  text: string,
  rules: readonly Rule[],
  options: { advisories?: AdvisoryMap; format?: ManifestFormat } = {},
): Promise<{ findings: Finding[]; notifications: Notification[]; manifest: Manifest }> {
  const format = options.format ?? manifestFormat(relPath) ?? 'requirements';
  const manifest = parseManifest(relPath, text, format, format === 'setup-py' ? await loadPython() : undefined);
  const result = checkManifest(manifest, new LineIndex(text), rules, options.advisories);
  result.findings.sort(compareFindings);
  return { ...result, manifest };
}

export async function scanManifests(options: ManifestScanOptions): Promise<ManifestScanResult> {
  const empty: ManifestScanResult = { findings: [], notifications: [], manifests: [], suppressions: new Map() };
  const wantsAdvisories = options.vulnerabilityCheck === 'osv' && options.rules.some((r) => r.needsAdvisories);
  if (!options.rules.some((r) => r.manifest)) return empty;
  const root = realpathSync(options.workspace);
  const literal = options.patterns && options.patterns.length > 0 && options.patterns.every((p) => !/[*?[\]{}]/.test(p) && !p.startsWith('!'));
  const found = await findFiles({
    workspace: root,
    patterns: literal ? options.patterns!.filter((p) => manifestFormat(p) !== undefined) : MANIFEST_PATTERNS,
    excludes: options.excludes,
    accept: (absolute) => manifestFormat(toPosixRelative(root, absolute)) !== undefined,
  });
  const notifications: Notification[] = [...found.notifications];
  const reportable = (rel: string) => options.includePath?.(rel) ?? true;

  let parser: PythonParser | undefined;
  const loaded = new Map<string, Loaded>();
  const edges: { from: string; to: string; kind: 'requirements' | 'constraints' }[] = [];
  const queue: { rel: string; format: ManifestFormat }[] = found.files.map((rel) => ({ rel, format: manifestFormat(rel)! }));
  while (queue.length > 0) {
    const { rel, format } = queue.shift()!;
    if (loaded.has(rel)) continue;
    const absolute = path.join(root, rel);
    const read = readSource(absolute);
    if (!read.ok) {
      if (reportable(rel)) notifications.push({ kind: 'read-error', level: 'error', path: rel, message: `${rel} ${read.reason}` });
      continue;
    }
    if (format === 'setup-py') parser ??= await loadPython();
    const manifest = parseManifest(rel, read.source.text, format, parser);
    loaded.set(rel, { manifest, lines: new LineIndex(read.source.text), raw: read.raw, reported: reportable(rel) });
    for (const include of manifest.includes) {
      // Remote includes are not fetched; `${VAR}` paths depend on the environment of the install.
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(include.target) || include.target.includes('${')) continue;
      const target = path.resolve(path.dirname(absolute), include.target);
      const where = `${rel}:${include.region.startLine}`;
      let real: string;
      try {
        real = realpathSync(target);
      } catch {
        if (reportable(rel)) {
          manifest.problems.push({ message: `includes ${include.target}, which does not exist`, region: include.region });
        }
        continue;
      }
      if (!isInside(root, real)) {
        if (reportable(rel)) notifications.push({ kind: 'path-refused', level: 'warning', path: rel, region: include.region, message: `${where}: the include ${include.target} leads outside the workspace; not read` });
        continue;
      }
      if (!statSync(real).isFile()) continue;
      const to = toPosixRelative(root, real);
      edges.push({ from: rel, to, kind: include.kind });
      if (!loaded.has(to)) queue.push({ rel: to, format: 'requirements' });
    }
  }
  applyConstraints(loaded, edges);
  for (const l of loaded.values()) {
    const lock = lockFileOf(root, l.manifest);
    if (lock) l.manifest.lockedBy = lock;
  }

  const reported = [...loaded.values()].filter((l) => l.reported).sort((a, b) => (a.manifest.path < b.manifest.path ? -1 : 1));
  let advisories: AdvisoryMap | undefined;
  if (wantsAdvisories) {
    const releases: PackageRelease[] = [];
    for (const l of reported) {
      for (const r of l.manifest.requirements) if (r.pinnedVersion && r.normalizedName) releases.push({ name: r.normalizedName, version: r.pinnedVersion });
    }
    if (releases.length > 0) {
      const osv = await queryOsv(releases, options.osv);
      advisories = osv.advisories;
      for (const problem of osv.problems) notifications.push({ kind: 'vulnerability-check-error', level: 'warning', message: problem });
    }
  }

  const findings: Finding[] = [];
  const suppressions = new Map<string, SuppressionComment[]>();
  for (const l of reported) {
    const comments = manifestSuppressions(l.lines.text);
    if (comments.length > 0) suppressions.set(l.manifest.path, comments);
    const r = checkManifest(l.manifest, l.lines, options.rules, advisories);
    fingerprint(r.findings, l.raw);
    findings.push(...r.findings);
    notifications.push(...r.notifications);
  }
  findings.sort(compareFindings);
  notifications.sort(compareNotifications);
  return { findings, notifications, manifests: reported.map((l) => l.manifest.path), suppressions };
}
