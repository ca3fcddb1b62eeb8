// Messages between the scan pool (main thread) and its workers. Plain data only: they cross a structured clone.
import type { FileResult } from '../scan.js';

export interface WorkerInit {
  /** Marks a worker started by the pool, so an entry point knows to serve files instead of running. */
  kraitScanWorker: true;
  workspace: string;
  /** Every file of the scan, sorted: the cross-file data flow resolves imports against them. */
  files: string[];
  /** Ids of the rules to run, looked up in the registry by the worker. */
  ruleIds: string[];
}

export type ToWorker = { type: 'scan'; path: string } | { type: 'stop' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; path: string; result: FileResult & { bytes: number; scanned: boolean } }
  | { type: 'failed'; message: string };
