// toSarif(): the scan result as a SARIF 2.1.0 log that GitHub code scanning ingests (pure; no I/O).
import { pathToFileURL } from 'node:url';
import type { Log, Notification as SarifNotification, ReportingDescriptor, Result, Run } from 'sarif';
import type { Finding } from '../engine/finding.js';
import { NOTIFICATION_DESCRIPTIONS, type Notification, type NotificationKind } from '../engine/notification.js';
import type { Rule } from '../engine/rule.js';
import type { ScanResult } from '../scan.js';
import { KRAIT_REPOSITORY, KRAIT_VERSION, TOOL_NAME, ruleHelpUri } from '../version.js';
import { ruleHelpMarkdown, ruleHelpText } from './rule-help.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const MAX_DESCRIPTION = 1024;

export interface SarifOptions {
  /** Absolute workspace path: becomes %SRCROOT%. */
  workspace: string;
  /** Category for automationDetails.id ("krait/api"); a trailing slash is added. */
  category: string;
  startTime?: Date;
  endTime?: Date;
}

function clip(text: string, max = MAX_DESCRIPTION): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Percent-encodes each path segment so spaces, '#', '%' and non-ASCII survive as a valid URI reference. */
export function encodeUriPath(posixPath: string): string {
  return posixPath
    .split('/')
    .map((s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

export function sarifRule(rule: Rule): ReportingDescriptor {
  return {
    id: rule.id,
    name: rule.id
      .split('-')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: clip(rule.title) },
    fullDescription: { text: clip(rule.docs.whatItDoes.replace(/`/g, '')) },
    defaultConfiguration: { level: rule.level },
    help: { text: ruleHelpText(rule), markdown: ruleHelpMarkdown(rule) },
    helpUri: ruleHelpUri(rule.id),
    properties: {
      tags: ['security', ...rule.cwe.map((c) => `external/cwe/cwe-${c}`), rule.family, `tier:${rule.tier}`].slice(0, 10),
      precision: rule.precision,
      'security-severity': rule.securitySeverity.toFixed(1),
      family: rule.family,
      tier: rule.tier,
      checklist: rule.checklist,
      ...(rule.compatible.bandit?.length ? { bandit: rule.compatible.bandit } : {}),
      ...(rule.compatible.ruff?.length ? { ruff: rule.compatible.ruff } : {}),
    },
  };
}

function location(pathName: string, region?: Finding['region']) {
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeUriPath(pathName), uriBaseId: '%SRCROOT%' },
      ...(region
        ? { region: { startLine: region.startLine, startColumn: region.startColumn, endLine: region.endLine, endColumn: region.endColumn } }
        : {}),
    },
  };
}

function sarifResult(finding: Finding, ruleIndex: number): Result {
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: finding.level,
    message: { text: finding.message },
    locations: [location(finding.path, finding.region)],
    ...(finding.fingerprint || finding.extraFingerprints
      ? { partialFingerprints: { ...finding.extraFingerprints, ...(finding.fingerprint ? { primaryLocationLineHash: finding.fingerprint } : {}) } }
      : {}),
    ...(finding.levelReason || finding.properties
      ? { properties: { ...finding.properties, ...(finding.levelReason ? { levelReason: finding.levelReason } : {}) } }
      : {}),
    ...(finding.suppression
      ? { suppressions: [{ kind: 'inSource' as const, status: 'accepted' as const, ...(finding.suppression.justification ? { justification: finding.suppression.justification } : {}) }] }
      : {}),
    ...(finding.baselineState ? { baselineState: finding.baselineState } : {}),
    ...(finding.flow && finding.flow.length > 0
      ? {
          codeFlows: [
            {
              threadFlows: [
                {
                  locations: finding.flow.map((step) => ({
                    location: { ...location(step.path ?? finding.path, step.region), message: { text: step.message } },
                  })),
                },
              ],
            },
          ],
        }
      : {}),
  };
}

export function toSarif(result: ScanResult, rules: readonly Rule[], options: SarifOptions): Log {
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const kinds = Object.keys(NOTIFICATION_DESCRIPTIONS) as NotificationKind[];
  const kindIndex = new Map(kinds.map((k, i) => [k, i]));
  const results = result.findings.map((f) => {
    const index = ruleIndex.get(f.ruleId);
    if (index === undefined) throw new Error(`finding for unregistered rule ${f.ruleId}`);
    return sarifResult(f, index);
  });
  const notifications: SarifNotification[] = result.notifications.map((n: Notification) => ({
    descriptor: { id: n.kind, index: kindIndex.get(n.kind)! },
    level: n.level,
    message: { text: n.message },
    ...(n.path ? { locations: [location(n.path, n.region)] } : {}),
  }));
  const category = options.category.endsWith('/') ? options.category : `${options.category}/`;
  const run: Run = {
    tool: {
      driver: {
        name: TOOL_NAME,
        version: KRAIT_VERSION,
        semanticVersion: KRAIT_VERSION,
        informationUri: KRAIT_REPOSITORY,
        rules: rules.map(sarifRule),
        notifications: kinds.map((k) => ({
          id: k,
          shortDescription: { text: NOTIFICATION_DESCRIPTIONS[k] },
          fullDescription: { text: NOTIFICATION_DESCRIPTIONS[k] },
          help: { text: `${NOTIFICATION_DESCRIPTIONS[k]} The message names the file and the reason; the job log and summary list it too.` },
        })),
      },
    },
    automationDetails: { id: category },
    originalUriBaseIds: {
      '%SRCROOT%': { uri: pathToFileURL(options.workspace.endsWith('/') ? options.workspace : `${options.workspace}/`).href },
    },
    invocations: [
      {
        executionSuccessful: true,
        ...(options.startTime ? { startTimeUtc: options.startTime.toISOString() } : {}),
        ...(options.endTime ? { endTimeUtc: options.endTime.toISOString() } : {}),
        toolExecutionNotifications: notifications,
      },
    ],
    columnKind: 'utf16CodeUnits',
    results,
  };
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}
