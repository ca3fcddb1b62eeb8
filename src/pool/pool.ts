// runPool(): scans files on worker threads, largest first, streaming each file's result back as it is done.
// A file that hangs a worker past the time limit, or crashes it, becomes a notification; the worker is replaced.
// Workers run with a bounded heap (V8 otherwise lets a busy worker's heap grow far past what it keeps alive); a file
// that runs out of it is scanned again on its own worker without the bound, so memory never costs a file.
import { lstatSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { NotificationKind } from '../engine/notification.js';
import type { FileResult } from '../scan.js';
import type { FromWorker, ToWorker, WorkerInit } from './protocol.js';

export type FileOutcome = FileResult & { bytes: number; scanned: boolean };

export interface PoolOptions {
  workspace: string;
  /** Every file of the scan, sorted. */
  files: readonly string[];
  /** Files the cross-file data flow may read. */
  repositoryFiles: readonly string[];
  ruleIds: string[];
  jobs: number;
  /** The script a worker runs: an entry point that calls serveScanWorker() when isScanWorker(). */
  workerScript: string;
  /** A file still unfinished after this long is abandoned (its worker is stopped and replaced). */
  fileTimeoutMs: number;
  onResult: (path: string, outcome: FileOutcome) => void;
  /** Old-generation heap of each worker, MB. A file that needs more is retried on a worker of its own without it. */
  workerHeapMb?: number;
}

/**
 * A worker's heap bounds, MB. The standard library's largest files keep well under 100 MB alive; without a bound V8
 * grew each busy worker's heap to 150–200 MB of mostly garbage, and its default young generation (3 × 16 MB
 * semi-spaces) is sized for throughput. Measured on CPython's Lib with two workers (session 3): no bounds 374 MB peak
 * RSS; old 192 + young 8 → 311–331 MB; old 128 + young 4 → 301–307 MB; old 96 or young 2 change nothing more (the
 * rest is code, the WASM heap and the main thread); wall time the same within noise (young 16 used ~5 % less CPU).
 */
export const WORKER_HEAP_MB = 128;
export const WORKER_YOUNG_MB = 4;

/** Files by size, largest first (ties by path), so one big file does not finish last on an otherwise idle pool. */
export function largestFirst(workspace: string, files: readonly string[]): string[] {
  const size = new Map<string, number>();
  for (const f of files) {
    try {
      size.set(f, lstatSync(path.join(workspace, f)).size);
    } catch {
      size.set(f, 0); // the worker reports why it cannot be read
    }
  }
  return [...files].sort((a, b) => size.get(b)! - size.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
}

function failure(file: string, kind: NotificationKind, message: string): FileOutcome {
  return { findings: [], notifications: [{ kind, level: 'error', path: file, message }], lines: 0, bytes: 0, scanned: false };
}

export function runPool(options: PoolOptions): Promise<void> {
  const queue = largestFirst(options.workspace, options.files);
  const init: WorkerInit = { kraitScanWorker: true, workspace: options.workspace, files: [...options.repositoryFiles], ruleIds: options.ruleIds };
  const workerCount = Math.max(1, Math.min(options.jobs, queue.length));
  let pending = queue.length;
  let next = 0;
  let settled = false;

  return new Promise<void>((resolve, reject) => {
    if (pending === 0) {
      resolve();
      return;
    }
    const live = new Set<Worker>();
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      for (const w of live) void w.terminate();
      live.clear();
      if (error) reject(error);
      else resolve();
    };
    const done = (file: string, outcome: FileOutcome) => {
      options.onResult(file, outcome);
      pending--;
      if (pending === 0) finish();
    };

    /** Files that ran out of a bounded worker's heap, each for a worker without the bound. */
    const roomy: string[] = [];
    const heapMb = options.workerHeapMb ?? WORKER_HEAP_MB;
    const start = (unbounded = false) => {
      const worker = new Worker(options.workerScript, {
        workerData: init,
        ...(unbounded ? {} : { resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: WORKER_YOUNG_MB } }),
      });
      live.add(worker);
      let current: string | undefined;
      let timer: NodeJS.Timeout | undefined;
      let retired = false;

      const retire = () => {
        retired = true;
        if (timer) clearTimeout(timer);
        live.delete(worker);
        void worker.terminate();
      };
      const handOut = () => {
        const file = unbounded ? roomy.shift() : next < queue.length ? queue[next++] : undefined;
        if (file === undefined) {
          current = undefined;
          worker.postMessage({ type: 'stop' } satisfies ToWorker);
          return;
        }
        current = file;
        worker.postMessage({ type: 'scan', path: current } satisfies ToWorker);
        timer = setTimeout(() => {
          const file = current!;
          retire();
          done(file, failure(file, 'file-timeout', `${file} was not scanned: it took longer than ${Math.round(options.fileTimeoutMs / 1000)} s (the per-file time limit), so its worker was stopped.`));
          if (!settled && next < queue.length) start();
        }, options.fileTimeoutMs);
      };

      worker.on('message', (message: FromWorker) => {
        if (retired) return;
        if (message.type === 'failed') {
          retire();
          finish(new Error(`a scan worker could not start: ${message.message}`));
          return;
        }
        if (message.type === 'result') {
          if (timer) clearTimeout(timer);
          const file = current!;
          current = undefined;
          done(file, message.result);
        }
        if (!settled) handOut();
      });
      worker.on('error', (error) => {
        if (retired || settled) return;
        const file = current;
        retire();
        if (file === undefined) {
          finish(new Error(`a scan worker failed before it took a file: ${error.message}`));
          return;
        }
        if (!unbounded && (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
          roomy.push(file);
          start(true);
          if (!settled && next < queue.length) start();
          return;
        }
        done(file, failure(file, 'worker-crash', `${file} was not scanned: the scanner crashed on it (${error.message}). Please report this file's shape as a Krait bug.`));
        if (!settled && next < queue.length) start();
      });
      worker.on('exit', (code) => {
        if (retired || settled) return;
        live.delete(worker);
        if (current !== undefined) {
          const file = current;
          current = undefined;
          done(file, failure(file, 'worker-crash', `${file} was not scanned: its worker exited with code ${code}.`));
          if (!settled && next < queue.length) start();
        }
      });
    };

    for (let i = 0; i < workerCount; i++) start();
  });
}
