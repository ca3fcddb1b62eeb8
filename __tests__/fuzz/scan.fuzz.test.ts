// Property tests: whatever bytes a file holds, the scan never throws, never hangs, and accounts for every file.
// CI runs a fixed seed and a modest number of runs; `npm run fuzz` runs many more (FUZZ_RUNS, FUZZ_SEED).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadPython, type PythonParser } from '../../src/parser/python.js';
import { allRules } from '../../src/rules/index.js';
import { scan, scanText } from '../../src/scan.js';
import { tempProject } from '../helpers/temp-project.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'rules');
const fixtureTexts = readdirSync(FIXTURES, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.py'))
  .sort()
  .map((f) => readFileSync(path.join(FIXTURES, f), 'utf8'));

let parser: PythonParser;
let cases = 0;
beforeAll(async () => {
  parser = await loadPython();
});

/** The invariants every scan result keeps: findings inside the text, sorted, with messages; nothing thrown. */
function checkScan(text: string): void {
  cases++;
  const r = scanText(parser, 'fuzz.py', text, allRules);
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const f of r.findings) {
    expect(f.region.startLine).toBeGreaterThanOrEqual(1);
    expect(f.region.endLine).toBeLessThanOrEqual(lines);
    expect(f.message.length).toBeGreaterThan(0);
  }
  expect(r.notifications.filter((n) => n.kind === 'rule-error')).toEqual([]);
}

const params = () => ({ numRuns: RUNS, seed: SEED, endOnFailure: true });
/** Long runs (`npm run fuzz`) need time in proportion to the number of cases. */
const TIMEOUT = 30_000 + RUNS * 150;

describe('scanText never throws and no rule crashes', () => {
  test('arbitrary unicode text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), checkScan), params());
  }, TIMEOUT);

  test('Python-ish token soup', () => {
    const token = fc.constantFrom('def ', 'class ', 'f(', ')', '[', ']', '{', '}', ':', '\n', '    ', 'import os', 'os.system(', 'x', '=', '"a"', "f'{x}'", 'lambda', 'async ', 'await ', 'yield', ',', '**', '*', 'if ', 'else', 'with ', ' as ', 'try:', 'except', 'match ', 'case ', '@app.route("/")', 'request.args["q"]', 'eval(', 'subprocess.run(', 'shell=True', '#', '\\', '\t', '\u202e', '\0');
    fc.assert(fc.property(fc.array(token, { maxLength: 120 }), (parts) => checkScan(parts.join(''))), params());
  }, TIMEOUT);

  test('fixtures truncated, with spans deleted, duplicated or inserted', () => {
    const mutation = fc.record({
      file: fc.nat({ max: fixtureTexts.length - 1 }),
      cut: fc.double({ min: 0, max: 1, noNaN: true }),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      len: fc.nat({ max: 200 }),
      kind: fc.constantFrom('truncate', 'delete', 'duplicate', 'insert'),
      junk: fc.string({ maxLength: 20 }),
    });
    fc.assert(
      fc.property(mutation, (m) => {
        const src = fixtureTexts[m.file]!;
        const at = Math.floor(m.at * src.length);
        const text =
          m.kind === 'truncate'
            ? src.slice(0, Math.floor(m.cut * src.length))
            : m.kind === 'delete'
              ? src.slice(0, at) + src.slice(at + m.len)
              : m.kind === 'duplicate'
                ? src.slice(0, at + m.len) + src.slice(at, at + m.len) + src.slice(at + m.len)
                : src.slice(0, at) + m.junk + src.slice(at);
        checkScan(text);
      }),
      params(),
    );
  }, TIMEOUT);

  test('nesting 10,000 levels deep: brackets, calls, operators, strings', () => {
    const n = 10_000;
    for (const text of [
      `x = ${'('.repeat(n)}1${')'.repeat(n)}\n`,
      `x = ${'['.repeat(n)}${']'.repeat(n)}\n`,
      `x = ${'f('.repeat(n)}y${')'.repeat(n)}\n`,
      `x = ${Array.from({ length: n }, () => 'a').join(' + ')}\n`,
      `x = ${'not '.repeat(n)}y\n`,
      `import os\nos.system(${Array.from({ length: n }, (_, i) => `"p${i}"`).join(' + ')} + cmd)\n`,
      Array.from({ length: 200 }, (_, d) => `${'    '.repeat(d)}if x${d}:\n`).join('') + `${'    '.repeat(200)}eval(y)\n`,
    ]) {
      checkScan(text);
    }
  }, 120_000);
});

describe('every file is accounted for', () => {
  test('random bytes, huge files, a 5 MB line, mixed encodings and NUL bytes: each file is scanned or has a notification', async () => {
    const files: Record<string, string | Buffer> = {
      'big.py': Array.from({ length: 100_000 }, (_, i) => `v${i} = ${i}\n`).join(''),
      'oneline.py': `x = "${'a'.repeat(5 * 1024 * 1024)}"\n`,
      'latin1.py': Buffer.from([0x78, 0x20, 0x3d, 0x20, 0x27, 0xe9, 0xe8, 0x27, 0x0a]),
      'utf16.py': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('import os\nos.system(x)\n', 'utf16le')]),
      'nul.py': Buffer.from('import os\n\0\0os.system(cmd)\n'),
      'bom.py': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('eval(x)\n')]),
      'cookie.py': Buffer.concat([Buffer.from('# -*- coding: cp1252 -*-\ns = "'), Buffer.from([0x93, 0x94]), Buffer.from('"\n')]),
      'empty.py': '',
    };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        files[`random_${Object.keys(files).length}.py`] = Buffer.from(bytes);
      }),
      { numRuns: 20, seed: SEED },
    );
    const dir = tempProject(files);
    const names = Object.keys(files).sort();
    const result = await scan(dir, names, allRules);
    cases += names.length;
    expect(result.files).toEqual(names);
    const notified = new Set(result.notifications.filter((n) => n.kind === 'read-error' || n.kind === 'parse-error' || n.kind === 'file-timeout' || n.kind === 'worker-crash').map((n) => n.path));
    expect(result.stats.scanned + notified.size).toBe(names.length);
    expect(result.notifications.some((n) => n.path === 'nul.py' && n.kind === 'decode-warning')).toBe(true);
    writeFileSync(path.join(dir, 'cases.txt'), String(cases));
  }, 180_000);

  test('report the number of cases run', () => {
    // Printed so the figure can be quoted; the assertions above are what the test checks.
    console.log(`fuzz: ${cases} inputs scanned (seed ${SEED}, ${RUNS} runs per property)`);
    expect(cases).toBeGreaterThan(RUNS * 3);
  });
});
