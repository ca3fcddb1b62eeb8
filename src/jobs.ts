// Worker counts: the default (one per core) and the validated value of input `jobs` / flag `--jobs`.
import os from 'node:os';
import { ConfigError } from './errors.js';

/** The worker count a user gets by default: one per core the process may use. */
export function defaultJobs(): number {
  return Math.max(1, os.availableParallelism());
}

/** A worker count from an input or flag: a whole number from 1 to 256, or empty for the default. */
export function parseJobs(value: string, name: string): number {
  if (value.trim() === '') return defaultJobs();
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!(n >= 1 && n <= 256)) throw new ConfigError(`${name} must be a whole number from 1 to 256 (got '${value}').`);
  return n;
}
