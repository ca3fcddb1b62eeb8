// Terminal output: one block per finding with the source line and a caret, then a one-line summary.
import type { Finding } from '../engine/finding.js';
import type { Notification } from '../engine/notification.js';
import type { Level } from '../engine/rule.js';
import type { ScanResult } from '../scan.js';

export interface TextOptions {
  color: boolean;
}

const COLORS: Record<Level | 'dim' | 'bold' | 'path', [string, string]> = {
  error: ['\x1b[31m', '\x1b[39m'],
  warning: ['\x1b[33m', '\x1b[39m'],
  note: ['\x1b[36m', '\x1b[39m'],
  dim: ['\x1b[2m', '\x1b[22m'],
  bold: ['\x1b[1m', '\x1b[22m'],
  path: ['\x1b[1m', '\x1b[22m'],
};

function paint(on: boolean, style: keyof typeof COLORS, text: string): string {
  return on ? `${COLORS[style][0]}${text}${COLORS[style][1]}` : text;
}

function frame(f: Finding, color: boolean): string[] {
  if (!f.snippet) return [];
  const gutter = String(f.region.startLine);
  // Tabs become one space so the caret lines up with the column (which counts a tab as one unit).
  const line = f.snippet.replace(/\t/g, ' ');
  const width = f.region.endLine === f.region.startLine ? Math.max(1, f.region.endColumn - f.region.startColumn) : Math.max(1, line.length - f.region.startColumn + 1);
  const caret = ' '.repeat(Math.max(0, f.region.startColumn - 1)) + '^'.repeat(Math.min(width, 200));
  return [`  ${paint(color, 'dim', `${gutter} |`)} ${line}`, `  ${' '.repeat(gutter.length)} ${paint(color, 'dim', '|')} ${paint(color, f.level, caret)}`];
}

export function formatFinding(f: Finding, color: boolean): string {
  const head = `${paint(color, 'path', `${f.path}:${f.region.startLine}:${f.region.startColumn}`)}: ${paint(color, f.level, f.level)} [${f.ruleId}] ${f.message}`;
  return [head, ...frame(f, color)].join('\n');
}

export function formatNotification(n: Notification, color: boolean): string {
  return `${paint(color, n.level === 'error' ? 'error' : 'warning', n.level)}: ${n.message}`;
}

export function summaryLine(result: ScanResult): string {
  const c = { error: 0, warning: 0, note: 0 };
  for (const f of result.findings) c[f.level]++;
  const n = result.findings.length;
  const files = result.stats.scanned;
  return `Krait: ${n} finding${n === 1 ? '' : 's'} (${c.error} error, ${c.warning} warning, ${c.note} note) in ${files} file${files === 1 ? '' : 's'}; ${result.notifications.length} notification${result.notifications.length === 1 ? '' : 's'}.`;
}

export function formatText(result: ScanResult, options: TextOptions): string {
  const blocks = result.findings.map((f) => formatFinding(f, options.color));
  const notes = result.notifications.map((n) => formatNotification(n, options.color));
  return [...blocks, ...(notes.length ? ['', ...notes] : []), '', paint(options.color, 'bold', summaryLine(result)), ''].join('\n');
}
