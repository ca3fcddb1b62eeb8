// toAnnotations(): the findings GitHub can show inline (10 per level per step), most severe first; emitAnnotations() prints them.
import * as core from '@actions/core';
import type { Finding } from '../engine/finding.js';
import type { Notification } from '../engine/notification.js';
import type { Level, Rule } from '../engine/rule.js';
import { bySeverity } from './severity-order.js';

/** GitHub keeps at most this many annotations of each level per step and drops the rest silently. */
export const ANNOTATIONS_PER_LEVEL = 10;

export interface Annotation {
  level: Level;
  message: string;
  properties: core.AnnotationProperties;
}

export interface AnnotationPlan {
  annotations: Annotation[];
  /** Findings that did not fit under the caps. */
  omittedFindings: number;
  /** Notifications that did not fit; they are still logged as plain lines. */
  overflowNotifications: Notification[];
}

function findingAnnotation(f: Finding, rule: Rule | undefined): Annotation {
  const sameLine = f.region.startLine === f.region.endLine;
  return {
    level: f.level,
    message: f.message,
    properties: {
      title: `${f.ruleId}${rule ? `: ${rule.title}` : ''}`,
      file: f.path,
      startLine: f.region.startLine,
      endLine: f.region.endLine,
      ...(sameLine ? { startColumn: f.region.startColumn, endColumn: f.region.endColumn } : {}),
    },
  };
}

export function toAnnotations(
  findings: readonly Finding[],
  notifications: readonly Notification[],
  rules: ReadonlyMap<string, Rule>,
  perLevel = ANNOTATIONS_PER_LEVEL,
): AnnotationPlan {
  const used: Record<Level, number> = { error: 0, warning: 0, note: 0 };
  const annotations: Annotation[] = [];
  let omittedFindings = 0;
  for (const f of [...findings].sort(bySeverity(rules))) {
    if (used[f.level] >= perLevel) {
      omittedFindings++;
      continue;
    }
    used[f.level]++;
    annotations.push(findingAnnotation(f, rules.get(f.ruleId)));
  }
  const overflowNotifications: Notification[] = [];
  for (const n of notifications) {
    if (used[n.level] >= perLevel) {
      overflowNotifications.push(n);
      continue;
    }
    used[n.level]++;
    annotations.push({
      level: n.level,
      message: n.message,
      properties: {
        title: `Krait: ${n.kind}`,
        ...(n.path ? { file: n.path } : {}),
        ...(n.region ? { startLine: n.region.startLine } : {}),
      },
    });
  }
  return { annotations, omittedFindings, overflowNotifications };
}

export function emitAnnotations(plan: AnnotationPlan): void {
  for (const a of plan.annotations) {
    if (a.level === 'error') core.error(a.message, a.properties);
    else if (a.level === 'warning') core.warning(a.message, a.properties);
    else core.notice(a.message, a.properties);
  }
  for (const n of plan.overflowNotifications) core.info(`${n.level}: ${n.message}`);
}
