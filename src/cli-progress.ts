// Files-done progress for the CLI: one line on stderr, redrawn in place, only on a terminal and only on long runs.

export interface Progress {
  /** Pass as scanWorkspace's onProgress. */
  onProgress: (done: number, total: number) => void;
  /** Clears the line, if one was drawn. */
  finish: () => void;
}

export interface ProgressOptions {
  write: (text: string) => void;
  /** stderr is a terminal (redrawing with \r makes no sense anywhere else). */
  enabled: boolean;
  /** Nothing is drawn before this many milliseconds: short runs stay silent. */
  delayMs?: number;
  /** At most one redraw per this many milliseconds. */
  intervalMs?: number;
  now?: () => number;
}

export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? (() => Date.now());
  const started = now();
  const delay = options.delayMs ?? 1000;
  const interval = options.intervalMs ?? 100;
  let last = -Infinity;
  let drawn = false;
  return {
    onProgress(done, total) {
      if (!options.enabled) return;
      const t = now();
      if (t - started < delay || (t - last < interval && done < total)) return;
      last = t;
      drawn = true;
      const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
      options.write(`\r\x1b[2KKrait: ${done}/${total} files (${pct}%)`);
    },
    finish() {
      if (drawn) options.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
