// runScan(): the one path from a workspace to reportable results, shared by the action and the CLI:
// configuration → rule selection → scan → per-file ignores and levels → inline suppressions → baseline.
import path from 'node:path';
import { compareWithBaseline, readBaseline } from './baseline.js';
import { refuseOutsideWorkspace } from './workspace-confine.js';
import { applyConfigToFindings, configuredRules, loadConfig, selectRules, type KraitConfig, type SelectionOverrides } from './config/config.js';
import { compareFindings, type Finding } from './engine/finding.js';
import type { Rule } from './engine/rule.js';
import type { FailOn } from './gate.js';
import { allRules } from './rules/index.js';
import { runnable } from './rules/selection.js';
import { unusedSuppression } from './rules/unused-suppression.js';
import { scanWorkspace, type ScanResult, type WorkspaceScanOptions } from './scan.js';
import { applySuppressions } from './suppressions.js';

export interface RunScanOptions extends Omit<WorkspaceScanOptions, 'rules'> {
  /** A configuration file named by input `config` / `--config`. */
  configFile?: string;
  /** Folder `configFile` is relative to (the CLI's working folder); default the workspace. */
  configBase?: string;
  /** The action refuses a configuration or baseline file outside the workspace (by path or through a symlink). */
  confineConfig?: boolean;
  /** How messages name the configuration and baseline inputs: "Input 'config'" or "--config". */
  configName?: string;
  baselineFile?: string;
  baselineName?: string;
  overrides?: SelectionOverrides;
  /** Only read and parse (benchmarks): no rules at all. */
  parseOnly?: boolean;
  /** Leave out the data-flow rules. */
  noDataflow?: boolean;
}

export interface RunScanResult {
  /** Findings that count: not suppressed (baselined ones carry baselineState 'unchanged'). */
  result: ScanResult;
  /** Findings an inline comment suppressed. */
  suppressed: Finding[];
  /** Findings per-file-ignores dropped. */
  ignoredByConfig: number;
  /** Rules as reports describe them (configured levels; unused-suppression when it fired). */
  rules: Rule[];
  config: KraitConfig;
  baseline?: { newFindings: number; unchanged: number; absent: number };
}

/** The fail-on level: the input or flag when given, else the configuration's, else error. */
export function effectiveFailOn(given: FailOn | undefined, config: KraitConfig): FailOn {
  return given ?? config.failOn ?? 'error';
}

/** Findings the gate and annotations consider: with a baseline, only new ones. */
export function actionable(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.baselineState !== 'unchanged');
}

export async function runScan(options: RunScanOptions): Promise<RunScanResult> {
  const known = [...allRules, unusedSuppression];
  const config = loadConfig({
    workspace: options.workspace,
    ...(options.configFile ? { explicit: options.configFile } : {}),
    ...(options.configBase ? { base: options.configBase } : {}),
    confine: options.confineConfig ?? false,
    explicitName: options.configName ?? 'config',
    rules: known,
  });
  let selected = options.parseOnly ? [] : selectRules(config, known, options.overrides);
  if (options.noDataflow) selected = selected.filter((r) => !r.dataFlow);
  // Advisory rules need data fetched for the run: they take part only when a vulnerability check is asked for.
  const advisories = options.vulnerabilityCheck !== undefined && options.vulnerabilityCheck !== 'none';
  selected = selected.filter((r) => runnable(r, { advisories }));
  const reportsUnused = selected.includes(unusedSuppression);
  const scanRules = selected.filter((r) => r !== unusedSuppression);

  const { overrides: _o, configFile: _c, configBase: _b, confineConfig: _f, configName: _n, baselineFile: _bf, baselineName: _bn, parseOnly: _p, noDataflow: _d, ...scanOptions } = options;
  const result = await scanWorkspace({ ...scanOptions, excludes: [...options.excludes, ...config.exclude], rules: scanRules });

  const { kept, ignored } = applyConfigToFindings(result.findings, config, known);
  const byPath = new Map<string, Finding[]>();
  for (const f of kept) {
    if (!byPath.has(f.path)) byPath.set(f.path, []);
    byPath.get(f.path)!.push(f);
  }
  const active: Finding[] = [];
  const suppressed: Finding[] = [];
  const knownIds = new Set(known.map((r) => r.id));
  const paths = new Set([...byPath.keys(), ...(result.suppressions?.keys() ?? [])]);
  for (const p of [...paths].sort()) {
    const comments = result.suppressions?.get(p) ?? [];
    const outcome = applySuppressions(p, byPath.get(p) ?? [], comments, { rules: scanRules, knownRuleIds: knownIds, bareNoqa: config.bareNoqa });
    for (const f of outcome.findings) (f.suppression ? suppressed : active).push(f);
    if (reportsUnused) active.push(...applyConfigToFindings(outcome.unused, config, known).kept);
  }
  active.sort(compareFindings);
  suppressed.sort(compareFindings);

  let findings = active;
  let baseline: RunScanResult['baseline'];
  if (options.baselineFile) {
    const file = path.resolve(options.configBase ?? options.workspace, options.baselineFile);
    if (options.confineConfig) refuseOutsideWorkspace(file, options.workspace, `${options.baselineName ?? 'baseline'} (${options.baselineFile})`);
    const compared = compareWithBaseline(active, readBaseline(file, options.baselineName ?? 'baseline'));
    findings = compared.findings;
    const fresh = findings.filter((f) => f.baselineState === 'new').length;
    baseline = { newFindings: fresh, unchanged: findings.length - fresh, absent: compared.absent };
  }

  const fired = new Set(findings.map((f) => f.ruleId));
  const rules = configuredRules(
    selected.filter((r) => r !== unusedSuppression || fired.has(r.id)),
    config,
  );
  return { result: { ...result, findings }, suppressed, ignoredByConfig: ignored, rules, config, ...(baseline ? { baseline } : {}) };
}
