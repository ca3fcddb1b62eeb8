// formatGithubCommands(): findings as GitHub workflow commands (`::error file=…,line=…::message`), one per line (pure).
import type { Notification } from '../engine/notification.js';
import type { Level, Rule } from '../engine/rule.js';
import type { ScanResult } from '../scan.js';
import { toAnnotations, type Annotation } from './annotations.js';

const COMMAND: Record<Level, string> = { error: 'error', warning: 'warning', note: 'notice' };

/** Escapes a command's message the way the runner unescapes it. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value: also ':' and ',', which would end the value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(a: Annotation): string {
  const p = a.properties;
  const props: [string, string | number | undefined][] = [
    ['file', p.file],
    ['line', p.startLine],
    ['endLine', p.endLine],
    ['col', p.startColumn],
    ['endColumn', p.endColumn],
    ['title', p.title],
  ];
  const list = props.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
  return `::${COMMAND[a.level]}${list.length ? ` ${list.join(',')}` : ''}::${escapeData(a.message)}`;
}

/**
 * Every finding and notification as a workflow command. Unlike the action's own annotations nothing is capped here:
 * GitHub keeps the first 10 of each level per step, so the most severe come first.
 */
export function formatGithubCommands(result: ScanResult, rules: readonly Rule[]): string {
  const ruleMap = new Map(rules.map((r) => [r.id, r]));
  const plan = toAnnotations(result.findings, result.notifications as Notification[], ruleMap, Number.POSITIVE_INFINITY);
  return plan.annotations.map((a) => `${command(a)}\n`).join('');
}
