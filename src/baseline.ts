// Baselines: `krait baseline` records today's findings by fingerprint (the hash of the line's content that code
// scanning uses, not its number), so later runs can gate and annotate only what is new, even after code moves.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { ConfigError, errorMessage } from './errors.js';
import type { Finding } from './engine/finding.js';
import { KRAIT_VERSION } from './version.js';

export const BASELINE_FILE = '.krait-baseline.json';

export interface BaselineEntry {
  ruleId: string;
  path: string;
  /** primaryLocationLineHash of the finding's start line. */
  fingerprint: string;
  /** Where it was when recorded; informational only. */
  line: number;
  /** A short hash of the finding's line text (trimmed): matches a finding whose surroundings changed. Never the text. */
  content?: string;
}

export interface Baseline {
  version: 1;
  tool: 'krait';
  toolVersion: string;
  findings: BaselineEntry[];
}

/** Short hash of what the finding is about: the trimmed line, or the message where the line is withheld (secrets). */
function contentHash(f: Finding): string {
  const basis = f.snippet.trim() !== '' ? f.snippet.trim() : f.message;
  return createHash('sha256').update(`${f.ruleId}\u0000${basis}`).digest('hex').slice(0, 16);
}

/** A finding's identity across runs: rule, file and line fingerprint (the line number when no fingerprint exists). */
function key(ruleId: string, path: string, fingerprint: string | undefined, line: number): string {
  return `${ruleId}\u0000${path}\u0000${fingerprint ?? `line:${line}`}`;
}

export function createBaseline(findings: readonly Finding[]): Baseline {
  const entries = findings
    .filter((f) => !f.suppression)
    .map((f) => ({ ruleId: f.ruleId, path: f.path, fingerprint: f.fingerprint ?? `line:${f.region.startLine}`, line: f.region.startLine, content: contentHash(f) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)));
  return { version: 1, tool: 'krait', toolVersion: KRAIT_VERSION, findings: entries };
}

export function serializeBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/** Reads a baseline file; a missing or malformed one stops the run with a message naming the file and the fix. */
export function readBaseline(file: string, shown: string): Baseline {
  if (!existsSync(file)) throw new ConfigError(`${shown} names ${file}, which does not exist. Create it with 'krait baseline' (node dist/cli.js baseline).`);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${shown}: ${file} is not valid JSON (${errorMessage(error)}).`);
  }
  const b = doc as Partial<Baseline>;
  const valid =
    b !== null &&
    typeof b === 'object' &&
    b.version === 1 &&
    Array.isArray(b.findings) &&
    b.findings.every((e) => e && typeof e.ruleId === 'string' && typeof e.path === 'string' && typeof e.fingerprint === 'string');
  if (!valid) throw new ConfigError(`${shown}: ${file} is not a Krait baseline (version 1 with a findings list). Recreate it with 'krait baseline'.`);
  return b as Baseline;
}

export interface BaselineComparison {
  findings: Finding[];
  /** Baseline entries no finding matched any more (fixed or removed). */
  absent: number;
}

/**
 * Sets baselineState on every finding: unchanged when the baseline holds it (each entry matches once), else new.
 * First by fingerprint (code scanning's line hash, which also covers a little of the following text), then, for what
 * is left, by the hash of the line itself, so a finding whose neighbours changed still matches.
 */
export function compareWithBaseline(findings: readonly Finding[], baseline: Baseline): BaselineComparison {
  const byFingerprint = new Map<string, BaselineEntry[]>();
  for (const e of baseline.findings) {
    const k = key(e.ruleId, e.path, e.fingerprint.startsWith('line:') ? undefined : e.fingerprint, Number(e.fingerprint.slice(5)) || e.line);
    if (!byFingerprint.has(k)) byFingerprint.set(k, []);
    byFingerprint.get(k)!.push(e);
  }
  const used = new Set<BaselineEntry>();
  const states: ('new' | 'unchanged')[] = findings.map((f) => {
    const entry = byFingerprint.get(key(f.ruleId, f.path, f.fingerprint, f.region.startLine))?.find((e) => !used.has(e));
    if (!entry) return 'new';
    used.add(entry);
    return 'unchanged';
  });
  const byContent = new Map<string, BaselineEntry[]>();
  for (const e of baseline.findings) {
    if (used.has(e) || !e.content) continue;
    const k = `${e.ruleId}\u0000${e.path}\u0000${e.content}`;
    if (!byContent.has(k)) byContent.set(k, []);
    byContent.get(k)!.push(e);
  }
  findings.forEach((f, i) => {
    if (states[i] === 'unchanged') return;
    const entry = byContent.get(`${f.ruleId}\u0000${f.path}\u0000${contentHash(f)}`)?.find((e) => !used.has(e));
    if (!entry) return;
    used.add(entry);
    states[i] = 'unchanged';
  });
  return { findings: findings.map((f, i) => ({ ...f, baselineState: states[i]! })), absent: baseline.findings.length - used.size };
}
