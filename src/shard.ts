// Sharding: `I/N` picks a deterministic slice of the files by a hash of each path, so N runners split one scan.
// A file's shard depends only on its own path: adding or removing other files never moves it.
import { createHash } from 'node:crypto';
import { ConfigError } from './errors.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export function parseShard(value: string, name: string): Shard | undefined {
  if (value === '') return undefined;
  const m = /^(\d+)\s*\/\s*(\d+)$/.exec(value.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || count > 1000 || index < 1 || index > count) {
    throw new ConfigError(`${name} must be I/N with 1 ≤ I ≤ N ≤ 1000, such as 1/4 (got '${value}').`);
  }
  return { index, count };
}

/** Which shard (1-based) of `count` a repo-relative path belongs to. */
export function shardOf(relPath: string, count: number): number {
  const digest = createHash('sha256').update(relPath).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

export function inShard(relPath: string, shard: Shard | undefined): boolean {
  return !shard || shard.count === 1 || shardOf(relPath, shard.count) === shard.index;
}

/** The code scanning category of one shard: each shard uploads its own run, and GitHub keeps all of them. */
export function shardCategory(category: string, shard: Shard | undefined): string {
  if (!shard || shard.count === 1) return category;
  return `${category.replace(/\/+$/, '')}/shard:${shard.index}-of-${shard.count}`;
}
