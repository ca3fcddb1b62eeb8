// Notification: something about the run itself (a file not read, a syntax error, a rule that failed).
import type { Region } from './finding.js';

export type NotificationKind =
  | 'read-error' // the file could not be read at all
  | 'decode-warning' // read, but not as clean UTF-8 / with NUL bytes
  | 'syntax-error' // parsed with errors; scanned as far as the parser recovered
  | 'path-refused' // a path outside the workspace
  | 'no-files' // the globs matched nothing
  | 'rule-error' // a rule threw on this file (a Krait bug)
  | 'parse-error' // the parser gave up on the file
  | 'analysis-partial' // the data-flow time budget ran out; findings so far are kept
  | 'file-timeout' // a file took longer than the per-file limit on a worker and was abandoned
  | 'worker-crash' // a worker thread died while scanning a file
  | 'notebook-skipped' // a .ipynb file that is not valid notebook JSON, or not a Python notebook
  | 'manifest-error' // a dependency manifest (or a line of it) could not be read; the rest was checked
  | 'vulnerability-check-error'; // the advisory database (OSV) could not be queried; dependencies were not checked

export interface Notification {
  kind: NotificationKind;
  level: 'error' | 'warning' | 'note';
  message: string;
  path?: string;
  region?: Region;
}

export const NOTIFICATION_DESCRIPTIONS: Record<NotificationKind, string> = {
  'read-error': 'A file could not be read and was not scanned.',
  'decode-warning': 'A file was not clean UTF-8 text; it was decoded with a fallback and scanned.',
  'syntax-error': 'A file has syntax errors; it was scanned as far as the parser recovered.',
  'path-refused': 'A path that leads outside the workspace was refused and not read.',
  'no-files': 'The file patterns matched no file.',
  'rule-error': 'A rule failed on a file; the other rules still ran.',
  'parse-error': 'The parser could not produce a tree for a file.',
  'analysis-partial': 'The data-flow analysis of a file ran out of time; the findings found so far are reported.',
  'file-timeout': 'A file took longer than the per-file time limit and was not scanned.',
  'worker-crash': 'The scanner crashed on a file and it was not scanned (a Krait bug).',
  'notebook-skipped': 'A Jupyter notebook was not scanned: it is not valid notebook JSON, or its kernel is not Python.',
  'manifest-error': 'A dependency manifest, or a line of it, could not be read; the rest of it was checked.',
  'vulnerability-check-error': 'The vulnerability database could not be queried, so some dependencies were not checked for known vulnerabilities.',
};

export function compareNotifications(a: Notification, b: Notification): number {
  const pa = a.path ?? '';
  const pb = b.path ?? '';
  return (
    (pa < pb ? -1 : pa > pb ? 1 : 0) ||
    (a.region?.startLine ?? 0) - (b.region?.startLine ?? 0) ||
    (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
