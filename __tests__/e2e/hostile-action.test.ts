// A hostile workspace through the bundled action: `paths` leading outside the workspace (../, absolute, a symlink)
// are refused with a clear message and nothing outside is read; odd file names reach annotations and SARIF intact.
import { readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { allFiles, annotationsIn, runActionAsync } from '../helpers/run-action.js';
import { tempProject } from '../helpers/temp-project.js';

// A marker inside a Python file outside the workspace that would produce findings if it were ever read.
const OUTSIDE_MARKER = 'outside_canary_91d2';

describe('the action never reads outside its workspace', () => {
  test('paths with ../, an absolute path outside and a symlink out: each refused with a clear message, nothing read', async () => {
    const parent = tempProject({ [`${OUTSIDE_MARKER}.py`]: `eval(${OUTSIDE_MARKER})\nPASSWORD = "${OUTSIDE_MARKER}-hunter2"\n` });
    const outsideFile = path.join(parent, `${OUTSIDE_MARKER}.py`);
    const ws = tempProject({ 'inside.py': 'eval(user_input)\n' });
    symlinkSync(outsideFile, path.join(ws, 'link.py'));
    const r = await runActionAsync({
      inputs: { paths: `../**/*.py\n${outsideFile}\n${parent}/*.py\ninside.py\nlink.py`, 'fail-on': 'none', 'html-report': 'report.html' },
      workspace: ws,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const refusals = annotationsIn(r.stdout).filter((a) => a.properties.title === 'Krait: path-refused');
    expect(refusals.map((a) => a.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining("path pattern '../**/*.py' leads outside the workspace"),
        expect.stringContaining(`path pattern '${outsideFile}' leads outside the workspace`),
        expect.stringContaining(`path pattern '${parent}/*.py' leads outside the workspace`),
        expect.stringMatching(/link\.py is a link to .*, outside the workspace; not read/),
      ]),
    );
    const log = JSON.parse(readFileSync(path.join(ws, 'krait.sarif'), 'utf8'));
    expect(log.runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual(['inside.py']);
    // The refusals are recorded in the SARIF too, and the file's content appears nowhere: not in the log, the SARIF,
    // the summary, the outputs or the HTML report. (Its path may be named in a refusal; its content may not.)
    expect(log.runs[0].invocations[0].toolExecutionNotifications.length).toBeGreaterThanOrEqual(4);
    const content = `${OUTSIDE_MARKER})`;
    expect(r.stdout).not.toContain(content);
    expect(r.stdout).not.toContain('hunter2');
    for (const [file, bytes] of [...allFiles(r.runner), ...allFiles(ws)]) {
      if (file === path.join(ws, 'link.py')) continue; // the symlink itself
      expect(bytes.includes(content), file).toBe(false);
      expect(bytes.includes('hunter2'), file).toBe(false);
    }
  }, 20_000);

  test('an html-report path that leads outside is refused by name', async () => {
    const ws = tempProject({ 'a.py': 'eval(x)\n' });
    const html = await runActionAsync({ inputs: { 'html-report': '../report.html' }, workspace: ws });
    expect(html.code).toBe(1);
    expect(html.stdout).toContain("::error::Input 'html-report' must be a file path inside the workspace (got '../report.html').");
  }, 20_000);
});

describe('odd file names through the action', () => {
  test('newlines, quotes, non-ASCII, commas, colons and percent signs: annotations and SARIF name each file exactly', async () => {
    const names = ['my app.py', "it's.py", 'say "hi".py', 'caf\u00e9.py', 'new\nline.py', 'a,b.py', 'c:d.py', '100%.py', '%2C.py'];
    const ws = tempProject(Object.fromEntries(names.map((n) => [n, 'eval(x)\n'])));
    const r = await runActionAsync({ inputs: { 'fail-on': 'none' }, workspace: ws });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const files = annotationsIn(r.stdout).filter((a) => a.properties.title?.startsWith('eval-nonconstant')).map((a) => a.properties.file);
    expect(files.sort()).toEqual([...names].sort());
    const log = JSON.parse(readFileSync(path.join(ws, 'krait.sarif'), 'utf8'));
    const uris: string[] = log.runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris.map((u) => decodeURIComponent(u)).sort()).toEqual([...names].sort());
    // The summary lists them in a Markdown table: a newline in a name must not break the table.
    for (const line of r.summary.split('\n').filter((l) => l.startsWith('| ') && l.includes('.py'))) expect(line.trimEnd().endsWith('|')).toBe(true);
  }, 20_000);
});
