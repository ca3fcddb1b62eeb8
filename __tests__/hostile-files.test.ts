// A hostile workspace, file by file: FIFOs and huge sparse files named *.py, odd names in SARIF and annotations.
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, ftruncateSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { readSource } from '../src/read-source.js';
import { emitAnnotations, toAnnotations } from '../src/report/annotations.js';
import { toSarif } from '../src/report/sarif.js';
import { ruleById } from '../src/rules/index.js';
import { scanWorkspace } from '../src/scan.js';
import { annotationsIn } from './helpers/run-action.js';
import { tempProject } from './helpers/temp-project.js';

const evalRule = [ruleById.get('eval-nonconstant')!];
const ruleMap = new Map(evalRule.map((r) => [r.id, r]));

function mkfifo(file: string): void {
  execFileSync('mkfifo', [file]);
}

function sparse(file: string, bytes: number): void {
  const fd = openSync(file, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
}

describe('files that cannot be read, also when running as root', () => {
  // chmod 000 does not stop root (CI containers often run as root), so these use what fails for everyone: a FIFO,
  // which would block a plain read forever, and a sparse file far above the per-file limit.
  test('a FIFO named pipe.py: a read-error notification, no hang, the other files scanned', async () => {
    const dir = tempProject({ 'a.py': 'eval(x)\n' });
    mkfifo(path.join(dir, 'pipe.py'));
    const started = Date.now();
    const r = await scanWorkspace({ workspace: dir, patterns: ['**/*.py'], excludes: [], rules: evalRule, jobs: 1 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r.findings.map((f) => f.path)).toEqual(['a.py']);
    expect(r.notifications.map((n) => [n.kind, n.path])).toEqual([['read-error', 'pipe.py']]);
    expect(r.notifications[0]!.message).toContain('not a regular file');
  });

  test('readSource on a FIFO (a file swapped for one after listing) returns at once with a reason', () => {
    const dir = tempProject();
    mkfifo(path.join(dir, 'swapped.py'));
    const r = readSource(path.join(dir, 'swapped.py'));
    expect(r).toEqual({ ok: false, reason: 'is not a regular file (a FIFO, socket or device); not read' });
  });

  test('a 3 GB sparse file is refused by its size before any byte is read', () => {
    const dir = tempProject();
    sparse(path.join(dir, 'huge.py'), 3 * 1024 ** 3);
    const before = process.memoryUsage().rss;
    const started = Date.now();
    const r = readSource(path.join(dir, 'huge.py'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe('is 3221.2 MB, above the 32 MiB limit per file; not scanned');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  test('a 200 MB sparse file in the workspace: a read-error notification, quickly', async () => {
    const dir = tempProject({ 'a.py': 'eval(x)\n' });
    sparse(path.join(dir, 'big.py'), 200 * 1024 * 1024);
    const started = Date.now();
    const r = await scanWorkspace({ workspace: dir, patterns: ['**/*.py'], excludes: [], rules: evalRule, jobs: 1 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r.findings.map((f) => f.path)).toEqual(['a.py']);
    expect(r.notifications.map((n) => [n.kind, n.path])).toEqual([['read-error', 'big.py']]);
    expect(r.notifications[0]!.message).toContain('above the 32 MiB limit per file');
  });
});

describe('odd file names reach SARIF and annotations intact', () => {
  const names = ['my app.py', "it's.py", 'say "hi".py', 'caf\u00e9/\u65e5\u672c.py', 'new\nline.py', 'car\rriage.py', 'a,b.py', 'c:d.py', '100%.py', '%3A.py', 'x=1,y=2::z.py', '#hash?.py'];

  test('every name round-trips through the SARIF URI and through the escaped annotation properties', async () => {
    const dir = tempProject(Object.fromEntries(names.map((n) => [n, 'eval(x)\n'])));
    const r = await scanWorkspace({ workspace: dir, patterns: ['**/*.py'], excludes: [], rules: evalRule, jobs: 1 });
    expect(r.notifications).toEqual([]);
    expect(r.findings.map((f) => f.path).sort()).toEqual([...names].sort());

    const log = toSarif(r, evalRule, { workspace: dir, category: 'k' });
    const uris = log.runs[0]!.results!.map((res) => res.locations![0]!.physicalLocation!.artifactLocation!.uri!);
    // Each URI is a valid relative reference: no raw space, quote, newline, '%' that is not an escape, '#' or '?'.
    for (const uri of uris) expect(uri).toMatch(/^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})+$/);
    expect(uris.map((u) => u.split('/').map(decodeURIComponent).join('/')).sort()).toEqual([...names].sort());

    const plan = toAnnotations(r.findings, [], ruleMap, names.length);
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    try {
      emitAnnotations(plan);
    } finally {
      spy.mockRestore();
    }
    const printed = out.join('');
    // One command per line: a newline or carriage return in a name must not start a new workflow command.
    expect(printed.split('\n').filter((l) => l !== '')).toHaveLength(names.length);
    const annotations = annotationsIn(printed);
    expect(annotations.map((a) => a.properties.file).sort()).toEqual([...names].sort());
    for (const a of annotations) expect(a.properties.line).toBe('1');
  });
});
