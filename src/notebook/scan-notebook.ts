// Scans a Jupyter notebook: its code cells as Python, every finding and notification mapped back to the .ipynb lines.
import path from 'node:path';
import type { Finding } from '../engine/finding.js';
import { compareFindings } from '../engine/finding.js';
import type { Notification } from '../engine/notification.js';
import type { Rule } from '../engine/rule.js';
import type { ExternalResolver } from '../analysis/taint/interpreter.js';
import type { PythonParser } from '../parser/python.js';
import { readSource } from '../read-source.js';
import { lineFingerprints } from '../report/fingerprints.js';
import type { FileResult } from '../scan.js';
import { NOTEBOOK_EXTENSION } from './patterns.js';
import { cellLineOf, convertNotebook, lineKind, mapPosition, mapRegion, shellEscapeText, type NotebookSource } from './convert.js';

export function isNotebookPath(relPath: string): boolean {
  return NOTEBOOK_EXTENSION.test(relPath);
}

/** scanText() from scan.ts, passed in so this module does not import the scan loop back. */
export type ScanText = (parser: PythonParser, relPath: string, text: string, rules: readonly Rule[], external?: ExternalResolver) => FileResult;

/** How the rules name the synthetic call a `!` line became; messages name the notebook's own line instead. */
const SHELL_CALL_NAMES = /\b(?:os\.system|subprocess\.getoutput)\(\)/g;

function quoteEscape(text: string): string {
  const short = text.length > 60 ? `${text.slice(0, 59)}…` : text;
  return `The shell escape \`${short.replace(/`/g, "'")}\``;
}

function mapFinding(nb: NotebookSource, relPath: string, f: Finding): Finding {
  const pythonLine = f.region.startLine;
  const region = mapRegion(nb, f.region);
  let message = f.message;
  if (lineKind(nb, pythonLine) === 'shell') {
    const own = quoteEscape(shellEscapeText(nb, pythonLine) ?? '!command');
    message = message.replace(SHELL_CALL_NAMES, (_m, offset: number) => (offset === 0 ? own : own.charAt(0).toLowerCase() + own.slice(1)));
  }
  const where = cellLineOf(nb, pythonLine);
  const mapped: Finding = {
    ...f,
    region,
    message,
    // Secrets carry no snippet on purpose; the others show the notebook's own line, so the columns line up with it.
    snippet: f.snippet === '' ? '' : (nb.jsonLines[region.startLine - 1] ?? ''),
  };
  if (f.flow) mapped.flow = f.flow.map((step) => (step.path === undefined || step.path === relPath ? { ...step, region: mapRegion(nb, step.region) } : step));
  if (where) mapped.notebookCell = where;
  return mapped;
}

function mapNotification(nb: NotebookSource, n: Notification): Notification {
  if (!n.region) return n;
  const region = mapRegion(nb, n.region);
  const where = cellLineOf(nb, n.region.startLine);
  const cell = where ? ` (cell ${where.cell}, line ${where.line})` : '';
  const message =
    n.kind === 'syntax-error' && n.path
      ? `${n.path}: syntax error at line ${region.startLine}, column ${region.startColumn}${cell}; scanned as far as the parser recovered`
      : n.message;
  return { ...n, region, message };
}

/** Reads, converts and scans one notebook; the same result shape as scanFile() for a .py file. */
export function scanNotebookFile(
  parser: PythonParser,
  workspace: string,
  relPath: string,
  rules: readonly Rule[],
  external: ExternalResolver | undefined,
  scanText: ScanText,
): FileResult & { bytes: number; scanned: boolean } {
  const read = readSource(path.join(workspace, relPath));
  if (!read.ok) {
    return { findings: [], notifications: [{ kind: 'read-error', level: 'error', path: relPath, message: `${relPath} ${read.reason}` }], lines: 0, bytes: 0, scanned: false };
  }
  const decodeNotes: Notification[] = read.source.warnings.map((w) => ({ kind: 'decode-warning', level: 'warning', path: relPath, message: `${relPath} ${w}` }));
  const converted = convertNotebook(read.source.text);
  if (!converted.ok) {
    return {
      findings: [],
      notifications: [...decodeNotes, { kind: 'notebook-skipped', level: converted.level, path: relPath, message: `${relPath} ${converted.reason}` }],
      lines: 0,
      bytes: read.bytes,
      scanned: false,
    };
  }
  const nb = converted.notebook;
  const result = scanText(parser, relPath, nb.python, rules, external);
  const findings = result.findings.map((f) => mapFinding(nb, relPath, f)).sort(compareFindings);
  if (findings.length > 0) {
    const hashes = lineFingerprints(read.raw.toString('utf8'), new Set(findings.map((f) => f.region.startLine)));
    for (const f of findings) {
      const fp = hashes.get(f.region.startLine);
      if (fp) f.fingerprint = fp;
    }
  }
  const notifications = result.notifications.map((n) => mapNotification(nb, n));
  // Suppression comments are matched to findings by line after the scan, so they move to the notebook's lines too.
  const suppressions = result.suppressions?.map((c) => {
    const start = mapPosition(nb, c.line, c.column, 'start');
    const end = mapPosition(nb, c.line, c.endColumn, 'end');
    return { ...c, line: start.line, column: start.column, endColumn: end.line === start.line ? end.column : start.column, lines: [...new Set(c.lines.map((l) => mapPosition(nb, l, 1, 'start').line))] };
  });
  return {
    findings,
    notifications: [...decodeNotes, ...notifications],
    lines: result.lines,
    ...(suppressions?.length ? { suppressions } : {}),
    bytes: read.bytes,
    scanned: true,
  };
}
