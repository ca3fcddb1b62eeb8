// The floor under a full scan: what reading the tree and resolving names cost before any rule asks its own question.
//
// `[BENCH_CORPUS=DIR] [BENCH_RUNS=N] npm run bench:floor` runs in one thread, in process, on the source
// (no bundle, no workers, no process start, no cross-file resolver), over the files `npm run bench` scans, and
// prints the time of:
//   a. parsing only (the WASM parse; the tree is not copied),
//   b. parsing, copying the tree and handing every call node to one rule that does nothing,
//   c. the same rule resolving every call's qualified name (scopes, imports, aliases),
//   d. the same rule also reading every call's arguments and every name a callee may stand for,
//   e. the default rules (the scan without data flow is a row of `npm run bench`),
// each as a ratio to a. Rows b–d are the work any rule set of this design does on every file; the speed issue's
// "full scan within 1.5× of parse only" leaves the rules themselves only what remains above row c or d.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from 'vitest';
import { defineRule, type Rule, type Visitor } from '../src/engine/rule.js';
import { DEFAULT_PATTERNS, findFiles } from '../src/files.js';
import { loadPython } from '../src/parser/python.js';
import { readSource } from '../src/read-source.js';
import { defaultRules } from '../src/rules/selection.js';
import { scanText } from '../src/scan.js';

function corpusRoot(): string {
  if (process.env.BENCH_CORPUS) return path.resolve(process.env.BENCH_CORPUS);
  return execFileSync('python3', ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' }).trim();
}

/** A rule with one `call` visitor, for the rows that measure the shared work (no finding is ever reported). */
function callRule(id: string, visit: Visitor): Rule {
  return defineRule({
    id,
    title: 'Benchmark probe: visits every call and reports nothing',
    family: 'injection',
    checklist: [],
    level: 'note',
    securitySeverity: 0.1,
    precision: 'low',
    tier: 'audit',
    cwe: [],
    compatible: {},
    docs: { whatItDoes: '', whyBad: '', example: '', useInstead: '', references: [] },
    visitors: { call: visit },
  });
}

test('floor', async () => {
  const root = corpusRoot();
  const runs = Number(process.env.BENCH_RUNS ?? 1);
  const parser = await loadPython();
  // The files and texts `npm run bench` scans: the CLI's file search with its `--exclude site-packages`, and its reader.
  const found = await findFiles({ workspace: root, patterns: DEFAULT_PATTERNS, excludes: ['site-packages'], notebooks: false });
  const files: { rel: string; text: string }[] = [];
  for (const rel of found.files) {
    const read = readSource(path.join(root, rel));
    if (read.ok) files.push({ rel, text: read.source.text });
  }
  let lines = 0;
  let calls = 0;
  const rows: [string, Rule[]][] = [
    ['a. parse only (no tree copy)', []],
    ['b. + tree copy, every call visited by a no-op rule', [callRule('probe-visit', () => void calls++)]],
    ['c. + every call\'s qualified name', [callRule('probe-callee', (node, ctx) => void ctx.callee(node))]],
    ['d. + arguments and name candidates', [callRule('probe-arguments', (node, ctx) => void (ctx.arguments(node), ctx.calleeCandidates(node)))]],
    ['e. default rules', defaultRules()],
  ];
  // One untimed pass of every row over part of the corpus first, so that the JIT has warmed up on the code each row
  // runs; then the rows take turns, so that a change in the machine's load spreads over all of them.
  for (const [, rules] of rows) for (const f of files.slice(0, 300)) scanText(parser, f.rel, f.text, rules);
  for (const f of files) lines += scanText(parser, f.rel, f.text, []).lines;
  const samples: number[][] = rows.map(() => []);
  for (let i = 0; i < runs; i++) {
    rows.forEach(([, rules], r) => {
      const started = performance.now();
      for (const f of files) scanText(parser, f.rel, f.text, rules);
      samples[r]!.push(performance.now() - started);
    });
  }
  const results = rows.map(([name], r) => {
    const sorted = [...samples[r]!].sort((x, y) => x - y);
    return { name, ms: sorted[Math.floor(sorted.length / 2)]!, all: samples[r]! };
  });
  const base = results[0]!.ms;
  const out = [`Corpus: ${root}: ${files.length} files, ${lines.toLocaleString('en-US')} lines; one thread, in process; median of ${runs} run(s).`, '', '| row | s | × parse only | runs, s |', '| --- | ---: | ---: | --- |'];
  for (const r of results) out.push(`| ${r.name} | ${(r.ms / 1000).toFixed(2)} | ${(r.ms / base).toFixed(2)} | ${r.all.map((ms) => (ms / 1000).toFixed(2)).join(', ')} |`);
  console.log(out.join('\n'));
  expect(calls).toBeGreaterThan(0);
});
