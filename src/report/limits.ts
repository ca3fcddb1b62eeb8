// GitHub's SARIF limits: a report over them is cut, least severe findings first, instead of being rejected.
import { gzipSync } from 'node:zlib';
import type { Log } from 'sarif';
import type { Finding } from '../engine/finding.js';
import type { Rule } from '../engine/rule.js';
import { bySeverity } from './severity-order.js';
import { groupDigits } from '../format-number.js';

/** Results per run above which code scanning rejects the upload. */
export const MAX_RESULTS = 25_000;
/** Code scanning shows only this many results of a run (the most severe). */
export const SHOWN_RESULTS = 5_000;
/** Gzipped size above which code scanning rejects the upload. */
export const MAX_GZIPPED_BYTES = 10 * 1024 * 1024;
/** Thread-flow locations kept per result. */
export const MAX_FLOW_STEPS = 1_000;

export interface Cut {
  kept: Finding[];
  dropped: number;
  reason?: string;
}

/** Keeps the most severe findings within the result count; flows are trimmed to GitHub's per-result cap. */
export function limitFindings(findings: readonly Finding[], rules: ReadonlyMap<string, Rule>, max = MAX_RESULTS): Cut {
  const trimmed = findings.map((f) => (f.flow && f.flow.length > MAX_FLOW_STEPS ? { ...f, flow: [...f.flow.slice(0, MAX_FLOW_STEPS - 1), f.flow[f.flow.length - 1]!] } : f));
  if (trimmed.length <= max) return { kept: trimmed, dropped: 0 };
  const keep = new Set([...trimmed].sort(bySeverity(rules)).slice(0, max));
  return { kept: trimmed.filter((f) => keep.has(f)), dropped: trimmed.length - max, reason: `more than ${groupDigits(max)} results in one run` };
}

export function gzippedSize(log: Log): number {
  return gzipSync(Buffer.from(JSON.stringify(log))).length;
}

/** Whether the log's gzipped size is over maxBytes; a log whose plain JSON already fits is not compressed at all. */
function overGzipLimit(log: Log, maxBytes: number): boolean {
  const json = JSON.stringify(log);
  const bytes = Buffer.byteLength(json);
  // Deflate's worst case adds 5 bytes per 16 KB stored block, and gzip's frame 18 bytes.
  if (bytes + Math.ceil(bytes / 16384) * 5 + 64 <= maxBytes) return false;
  return gzipSync(Buffer.from(json)).length > maxBytes;
}

/**
 * Builds the log, and while its gzipped size is over the limit drops the least severe tenth of the findings and
 * builds it again.
 */
export function fitSarif(findings: readonly Finding[], rules: ReadonlyMap<string, Rule>, build: (kept: Finding[]) => Log, maxBytes = MAX_GZIPPED_BYTES): { log: Log; cut: Cut } {
  let cut = limitFindings(findings, rules);
  let log = build(cut.kept);
  while (cut.kept.length > 0 && overGzipLimit(log, maxBytes)) {
    const ordered = [...cut.kept].sort(bySeverity(rules));
    const keep = new Set(ordered.slice(0, Math.floor(ordered.length * 0.9)));
    const kept = cut.kept.filter((f) => keep.has(f));
    cut = { kept, dropped: findings.length - kept.length, reason: `the gzipped report was over ${maxBytes / 1024 / 1024} MB` };
    log = build(kept);
  }
  return { log, cut };
}
