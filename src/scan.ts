// scan(): reads, parses and runs the rules over a list of files; the one engine behind the action and the CLI.
import { lstatSync } from 'node:fs';
import path from 'node:path';
import { FileAnalysis } from './analysis/file-analysis.js';
import { errorMessage } from './errors.js';
import { compareFindings, regionOf, type Finding } from './engine/finding.js';
import { compareNotifications, type Notification } from './engine/notification.js';
import type { Rule } from './engine/rule.js';
import { runRules } from './engine/walk.js';
import { redactSecrets } from './engine/redact.js';
import { adoptTree, loadPython, type PythonParser, type SyntaxNode } from './parser/python.js';
import { readSource } from './read-source.js';
import { lineFingerprints } from './report/fingerprints.js';
import { repositoryResolver } from './analysis/taint/repository.js';
import type { ExternalResolver } from './analysis/taint/interpreter.js';
import { findFiles } from './files.js';
import type { VulnerabilityCheck } from './advisories/advisory.js';
import type { OsvOptions } from './advisories/osv.js';
import { scanManifests } from './manifest-scan.js';
import { isNotebookPath, scanNotebookFile } from './notebook/scan-notebook.js';
import { runPool } from './pool/pool.js';
import { inShard, type Shard } from './shard.js';
import { collectSuppressions, type SuppressionComment } from './suppressions.js';
import { allRules } from './rules/index.js';

export interface FileStats {
  files: number;
  /** Files whose text was parsed and checked (possibly with warnings). */
  scanned: number;
  lines: number;
  bytes: number;
}

export interface ScanResult {
  findings: Finding[];
  notifications: Notification[];
  stats: FileStats;
  /** Every file scanned, repo-relative, sorted. */
  files: string[];
  /** Dependency manifests checked (requirements files, pyproject.toml, Pipfile, setup.cfg, setup.py), sorted. */
  manifests?: string[];
  /** Suppression comments by file (only files that have some). */
  suppressions?: Map<string, SuppressionComment[]>;
}

export interface FileResult {
  findings: Finding[];
  notifications: Notification[];
  lines: number;
  /** Suppression comments (`# krait: ignore[…]`, `# nosec`, …); matched to findings after the scan. */
  suppressions?: SuppressionComment[];
}

/** First ERROR or MISSING node in document order. */
function firstSyntaxError(root: SyntaxNode): SyntaxNode | undefined {
  for (const node of root.descendants()) if (node.type === 'ERROR' || node.isMissing) return node;
  return undefined;
}

function countLines(text: string): number {
  if (text.length === 0) return 0;
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return text.endsWith('\n') ? n - 1 : n;
}

function overlaps(a: Finding['region'], b: Finding['region']): boolean {
  const before = (l1: number, c1: number, l2: number, c2: number) => l1 < l2 || (l1 === l2 && c1 <= c2);
  return before(a.startLine, a.startColumn, b.endLine, b.endColumn) && before(b.startLine, b.startColumn, a.endLine, a.endColumn);
}

/** Where a data-flow rule and its structural sibling report the same place, keep only the data-flow result. */
export function dropSuperseded(findings: Finding[], rules: readonly Rule[]): void {
  const supersedes = new Map(rules.filter((r) => r.supersedes?.length).map((r) => [r.id, new Set(r.supersedes)]));
  if (supersedes.size === 0) return;
  const winners = findings.filter((f) => supersedes.has(f.ruleId));
  if (winners.length === 0) return;
  for (let i = findings.length - 1; i >= 0; i--) {
    const g = findings[i]!;
    if (winners.some((w) => supersedes.get(w.ruleId)!.has(g.ruleId) && overlaps(w.region, g.region))) findings.splice(i, 1);
  }
}

/** Parses and checks one file's text. With no rules (parse-only runs) the tree is only copied when it has errors to locate. */
export function scanText(parser: PythonParser, relPath: string, text: string, rules: readonly Rule[], external?: ExternalResolver): FileResult {
  const findings: Finding[] = [];
  const notifications: Notification[] = [];
  const lines = countLines(text);
  const wasm = parser.parse(text);
  if (!wasm) {
    notifications.push({ kind: 'parse-error', level: 'error', path: relPath, message: `${relPath}: the parser returned no tree; the file was not scanned` });
    return { findings, notifications, lines };
  }
  if (rules.length === 0 && !wasm.rootNode.hasError) {
    wasm.delete();
    return { findings, notifications, lines };
  }
  const root = adoptTree(wasm, text).rootNode;
  if (root.hasError) {
    const at = firstSyntaxError(root);
    const region = at ? regionOf(at) : undefined;
    const where = region ? ` at line ${region.startLine}, column ${region.startColumn}` : '';
    notifications.push({
      kind: 'syntax-error',
      level: 'warning',
      path: relPath,
      ...(region ? { region } : {}),
      message: `${relPath}: syntax error${where}; scanned as far as the parser recovered`,
    });
  }
  const suppressions = collectSuppressions(root, text);
  const file = new FileAnalysis(root, text, relPath, external);
  const failures = runRules(file, rules, (f) => findings.push(f));
  dropSuperseded(findings, rules);
  redactSecrets(findings, rules);
  if (file.hasTaintResult() && file.taint().partial) {
    notifications.push({ kind: 'analysis-partial', level: 'warning', path: relPath, message: `${relPath}: data-flow analysis stopped at its time budget; some flows may be missing` });
  }
  for (const failure of failures) {
    notifications.push({
      kind: 'rule-error',
      level: 'error',
      path: relPath,
      region: regionOf(failure.node),
      message: `${relPath}: rule ${failure.ruleId} failed (${errorMessage(failure.error)}); please report this Krait bug`,
    });
  }
  findings.sort(compareFindings);
  return { findings, notifications, lines, ...(suppressions.length ? { suppressions } : {}) };
}

/** Reads, decodes and scans one file of the workspace. */
export function scanFile(parser: PythonParser, workspace: string, relPath: string, rules: readonly Rule[], external?: ExternalResolver): FileResult & { bytes: number; scanned: boolean } {
  if (isNotebookPath(relPath)) return scanNotebookFile(parser, workspace, relPath, rules, external, scanText);
  const read = readSource(path.join(workspace, relPath));
  if (!read.ok) {
    return {
      findings: [],
      notifications: [{ kind: 'read-error', level: 'error', path: relPath, message: `${relPath} ${read.reason}` }],
      lines: 0,
      bytes: 0,
      scanned: false,
    };
  }
  const result = scanText(parser, relPath, read.source.text, rules, external);
  if (result.findings.length > 0) {
    // Fingerprints hash the file as upload-sarif reads it: its bytes decoded as UTF-8.
    const hashes = lineFingerprints(read.raw.toString('utf8'), new Set(result.findings.map((f) => f.region.startLine)));
    for (const f of result.findings) {
      const fp = hashes.get(f.region.startLine);
      if (fp) f.fingerprint = fp;
    }
  }
  const decodeNotes: Notification[] = read.source.warnings.map((w) => ({ kind: 'decode-warning', level: 'warning', path: relPath, message: `${relPath} ${w}` }));
  return { ...result, notifications: [...decodeNotes, ...result.notifications], bytes: read.bytes, scanned: true };
}

export interface ScanOptions {
  /** Worker threads to use; 1 scans on the calling thread. Default: 1. */
  jobs?: number;
  /** Called after each file, in completion order. */
  onProgress?: (done: number, total: number) => void;
  /** A file still unfinished after this long on a worker is abandoned with a notification. Default 120 s. */
  fileTimeoutMs?: number;
  /** Files the cross-file data flow may read (all files of the workspace when only a shard is scanned). Default: files. */
  repositoryFiles?: readonly string[];
}

/** Below this much source, starting workers costs more than it saves. */
const POOL_MIN_BYTES = 256 * 1024;
const DEFAULT_FILE_TIMEOUT_MS = 120_000;

let workerScript: string | undefined;

/** Entry points (dist/index.js, dist/cli.js) name themselves here so the pool can start workers from the same bundle. */
export function setWorkerScript(file: string | undefined): void {
  workerScript = file;
}

function totalBytes(workspace: string, files: readonly string[]): number {
  let sum = 0;
  for (const f of files) {
    try {
      sum += lstatSync(path.join(workspace, f)).size;
    } catch {
      // counted when read
    }
    if (sum >= POOL_MIN_BYTES) break;
  }
  return sum;
}

/** Whether the pool can run these rules: workers look rules up by id in the registry. */
function registryRules(rules: readonly Rule[]): boolean {
  const byId = new Map(allRules.map((r) => [r.id, r]));
  return rules.every((r) => byId.get(r.id) === r);
}

/** Scans files (repo-relative POSIX paths under workspace) with the given rules; the result does not depend on jobs. */
export async function scan(workspace: string, files: readonly string[], rules: readonly Rule[], options: ScanOptions = {}): Promise<ScanResult> {
  const findings: Finding[] = [];
  const notifications: Notification[] = [];
  const stats: FileStats = { files: files.length, scanned: 0, lines: 0, bytes: 0 };
  const sorted = [...files].sort();
  const repository = options.repositoryFiles ? [...options.repositoryFiles].sort() : sorted;
  const suppressions = new Map<string, SuppressionComment[]>();
  let done = 0;
  const collect = (r: FileResult & { bytes: number; scanned: boolean }, rel: string) => {
    if (r.suppressions?.length) suppressions.set(rel, r.suppressions);
    findings.push(...r.findings);
    notifications.push(...r.notifications);
    stats.lines += r.lines;
    stats.bytes += r.bytes;
    if (r.scanned) stats.scanned++;
    options.onProgress?.(++done, sorted.length);
  };
  const jobs = Math.max(1, Math.floor(options.jobs ?? 1));
  // One job on a large workspace still runs on a worker thread: its heap is bounded (see WORKER_HEAP_MB), the main
  // thread's is not.
  if (workerScript && sorted.length > 1 && registryRules(rules) && totalBytes(workspace, sorted) >= POOL_MIN_BYTES) {
    await runPool({
      workspace,
      files: sorted,
      repositoryFiles: repository,
      ruleIds: rules.map((r) => r.id),
      jobs,
      workerScript,
      fileTimeoutMs: options.fileTimeoutMs ?? DEFAULT_FILE_TIMEOUT_MS,
      onResult: (rel, outcome) => collect(outcome, rel),
    });
  } else {
    const parser = await loadPython();
    const external = rules.some((r) => r.dataFlow) ? repositoryResolver(parser, workspace, repository) : undefined;
    for (const rel of sorted) collect(scanFile(parser, workspace, rel, rules, external), rel);
  }
  findings.sort(compareFindings);
  notifications.sort(compareNotifications);
  return { findings, notifications, stats, files: sorted, suppressions };
}

export interface WorkspaceScanOptions {
  workspace: string;
  patterns: readonly string[];
  excludes: readonly string[];
  rules: readonly Rule[];
  jobs?: number;
  onProgress?: ScanOptions['onProgress'];
  fileTimeoutMs?: number;
  /** Scan only this slice of the files found. */
  shard?: Shard;
  /** Also find Jupyter notebooks (*.ipynb) beside the Python files. Default: true. */
  notebooks?: boolean;
  /** Check dependency manifests with the manifest rules. Default: true. */
  manifests?: boolean;
  /** Look up pinned releases in an advisory database (rules with needsAdvisories). Default: none. */
  vulnerabilityCheck?: VulnerabilityCheck;
  osv?: OsvOptions;
}

/** Dependency manifests and, when asked, their known vulnerabilities: findings and notifications join the result. */
async function addManifestScan(result: ScanResult, options: WorkspaceScanOptions): Promise<void> {
  if (options.manifests === false) return;
  const m = await scanManifests({
    workspace: options.workspace,
    excludes: options.excludes,
    patterns: options.patterns,
    rules: options.rules,
    ...(options.vulnerabilityCheck ? { vulnerabilityCheck: options.vulnerabilityCheck } : {}),
    ...(options.osv ? { osv: options.osv } : {}),
    ...(options.shard ? { includePath: (rel: string) => inShard(rel, options.shard) } : {}),
  });
  result.findings = [...result.findings, ...m.findings].sort(compareFindings);
  result.notifications.push(...m.notifications);
  result.manifests = m.manifests;
  if (m.suppressions.size > 0) result.suppressions = new Map([...(result.suppressions ?? []), ...m.suppressions]);
}

/** Finds the workspace's files and scans them; the front doors (action, CLI) call this. */
export async function scanWorkspace(options: WorkspaceScanOptions): Promise<ScanResult> {
  const found = await findFiles({ workspace: options.workspace, patterns: options.patterns, excludes: options.excludes, notebooks: options.notebooks ?? true });
  const files = found.files.filter((f) => inShard(f, options.shard));
  const result = await scan(options.workspace, files, options.rules, {
    ...(options.jobs !== undefined ? { jobs: options.jobs } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.fileTimeoutMs !== undefined ? { fileTimeoutMs: options.fileTimeoutMs } : {}),
    repositoryFiles: found.files,
  });
  const extra: Notification[] = [...found.notifications];
  if (found.files.length === 0) {
    extra.push({
      kind: 'no-files',
      level: 'warning',
      message: `no Python files matched the patterns (${options.patterns.join(', ')}) in ${options.workspace}; nothing was scanned`,
    });
  }
  await addManifestScan(result, options);
  result.notifications = [...extra, ...result.notifications].sort(compareNotifications);
  return result;
}
