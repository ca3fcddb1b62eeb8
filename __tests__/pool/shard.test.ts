import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { inShard, parseShard, shardCategory, shardOf } from '../../src/shard.js';
import { scanWorkspace } from '../../src/scan.js';
import { allRules } from '../../src/rules/index.js';
import { tempProject } from '../helpers/temp-project.js';

describe('shards', () => {
  test('I/N is parsed and wrong values name the input and the allowed form', () => {
    expect(parseShard('2/4', "Input 'shard'")).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ', '--shard')).toEqual({ index: 1, count: 1 });
    expect(parseShard('', '--shard')).toBeUndefined();
    for (const bad of ['0/4', '5/4', '1/0', 'two/4', '1-4', '1/1001']) {
      expect(() => parseShard(bad, "Input 'shard'")).toThrow(ConfigError);
      expect(() => parseShard(bad, "Input 'shard'")).toThrow(/Input 'shard' must be I\/N/);
    }
  });

  test('every file lands in exactly one shard, and a file keeps its shard when others are added', () => {
    const files = Array.from({ length: 500 }, (_, i) => `pkg${i % 7}/module_${i}.py`);
    const counts = [0, 0, 0, 0];
    for (const f of files) {
      const owners = [1, 2, 3, 4].filter((index) => inShard(f, { index, count: 4 }));
      expect(owners).toHaveLength(1);
      counts[owners[0]! - 1]!++;
    }
    // A hash spreads the files: no shard is empty or holds more than half.
    for (const c of counts) expect(c).toBeGreaterThan(60);
    const before = new Map(files.map((f) => [f, shardOf(f, 4)]));
    const more = [...files, ...Array.from({ length: 100 }, (_, i) => `new/extra_${i}.py`)];
    for (const f of files) expect(shardOf(f, 4)).toBe(before.get(f));
    expect(more.length).toBe(600);
  });

  test('each shard gets its own category', () => {
    expect(shardCategory('ci.yml:scan/', { index: 2, count: 3 })).toBe('ci.yml:scan/shard:2-of-3');
    expect(shardCategory('krait', undefined)).toBe('krait');
    expect(shardCategory('krait', { index: 1, count: 1 })).toBe('krait');
  });

  test('the shards of a workspace scan together find what one scan finds', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`app/m${i}.py`] = `import os\n\ndef f(x):\n    os.system("echo " + x)\n`;
    const dir = tempProject(files);
    const whole = await scanWorkspace({ workspace: dir, patterns: ['**/*.py'], excludes: [], rules: allRules });
    const parts = [];
    for (const index of [1, 2, 3]) parts.push(await scanWorkspace({ workspace: dir, patterns: ['**/*.py'], excludes: [], rules: allRules, shard: { index, count: 3 } }));
    expect(parts.reduce((n, p) => n + p.stats.files, 0)).toBe(12);
    const key = (f: { path: string; ruleId: string; region: { startLine: number } }) => `${f.path}:${f.region.startLine}:${f.ruleId}`;
    expect(parts.flatMap((p) => p.findings.map(key)).sort()).toEqual(whole.findings.map(key).sort());
  });
});
