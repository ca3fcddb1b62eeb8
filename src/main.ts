// run(): the action — inputs → scan → SARIF, annotations, summary, outputs → gate. The only place that calls setFailed.
import path from 'node:path';
import * as core from '@actions/core';
import { ConfigError, errorMessage } from './errors.js';
import { gatingFindings } from './gate.js';
import { parseInputs } from './inputs.js';
import { actionsLogger } from './logger.js';
import { emitAnnotations, toAnnotations } from './report/annotations.js';
import { toSarif } from './report/sarif.js';
import { fitSarif, SHOWN_RESULTS } from './report/limits.js';
import { blobUrlFromEnv, renderSummary } from './report/summary.js';
import { renderHtml } from './report/html.js';
import { writeHtml } from './report/write-html.js';
import { formatText, summaryLine } from './report/text.js';
import { serializeSarif, writeSarif } from './report/write-sarif.js';
import { annotationScope, publishSarif } from './github/publish.js';
import { actionable, effectiveFailOn, runScan } from './pipeline.js';
import { compareFindings } from './engine/finding.js';
import { groupDigits } from './format-number.js';

export async function run(): Promise<void> {
  const logger = actionsLogger();
  try {
    const inputs = parseInputs();
    if (inputs.token) core.setSecret(inputs.token); // masked in every log line from here on
    const started = new Date();
    logger.info(`Krait: scanning ${inputs.workspace} for ${inputs.paths.join(', ')}`);
    const run = await runScan({
      workspace: inputs.workspace,
      patterns: inputs.paths,
      excludes: inputs.exclude,
      jobs: inputs.jobs,
      ...(inputs.shard ? { shard: inputs.shard } : {}),
      notebooks: inputs.notebooks,
      manifests: inputs.manifests,
      vulnerabilityCheck: inputs.vulnerabilityCheck,
      ...(inputs.config ? { configFile: inputs.config } : {}),
      confineConfig: true,
      configName: "Input 'config'",
      ...(inputs.baseline ? { baselineFile: inputs.baseline, baselineName: "Input 'baseline'" } : {}),
    });
    const ended = new Date();
    const { rules, result } = run;
    const failOn = effectiveFailOn(inputs.failOn, run.config);
    logger.info(`Ran ${rules.length} rule${rules.length === 1 ? '' : 's'}${run.config.file ? ` (settings from ${run.config.file})` : ''}; fail-on ${failOn}`);
    const current = actionable(result.findings);
    const sarifFindings = inputs.reportSuppressed ? [...result.findings, ...run.suppressed].sort(compareFindings) : result.findings;
    if (result.manifests?.length) logger.info(`Checked ${result.manifests.length} dependency manifest${result.manifests.length === 1 ? '' : 's'}${inputs.vulnerabilityCheck === 'osv' ? ' and looked up their pinned releases in OSV' : ''}`);
    for (const n of result.notifications) if (n.kind === 'vulnerability-check-error') logger.warning(`Krait: ${n.message}`);

    const sarifPath = path.resolve(inputs.workspace, inputs.sarifFile);
    const ruleMap = new Map(rules.map((r) => [r.id, r]));
    const { log, cut } = fitSarif(sarifFindings, ruleMap, (kept) =>
      toSarif({ ...result, findings: kept }, rules, { workspace: inputs.workspace, category: inputs.category, startTime: started, endTime: ended }),
    );
    if (cut.dropped > 0) logger.warning(`Krait left the ${cut.dropped} least severe findings out of the SARIF report: ${cut.reason} (GitHub's limit). The job summary and log list the most severe ones.`);
    else if (result.findings.length > SHOWN_RESULTS) logger.warning(`Code scanning shows only the ${groupDigits(SHOWN_RESULTS)} most severe of the ${result.findings.length} results.`);
    writeSarif(sarifPath, log);
    logger.info(`SARIF report written to ${sarifPath}`);

    if (result.findings.length > 0) {
      core.startGroup(`Findings (${result.findings.length})`);
      logger.info(formatText({ ...result, notifications: [] }, { color: false }));
      core.endGroup();
    }
    const { findings: toAnnotate, scope } = await annotationScope(inputs.annotate, current, inputs.token);
    const plan = toAnnotations(toAnnotate, result.notifications, ruleMap, inputs.annotate === 'none' ? 0 : undefined);
    const notAnnotated = result.findings.length - plan.annotations.filter((a) => !a.properties.title?.startsWith('Krait:')).length;
    emitAnnotations(plan);

    const gating = gatingFindings(current, failOn);
    if (inputs.htmlReport) {
      const blobUrl = blobUrlFromEnv(process.env);
      writeHtml(inputs.htmlReport, renderHtml({ result, rules, gate: { failOn, tripped: gating.length > 0 }, ...(process.env.GITHUB_REPOSITORY ? { title: process.env.GITHUB_REPOSITORY } : {}), ...(blobUrl ? { blobUrl } : {}) }), inputs.workspace);
      core.setOutput('html-report', inputs.htmlReport);
      logger.info(`HTML report written to ${inputs.htmlReport}`);
    }
    if (inputs.summary) {
      const markdown = renderSummary({
        result,
        rules,
        failOn,
        gateTripped: gating.length > 0,
        omittedAnnotations: notAnnotated,
        ...(scope ? { annotationScope: scope } : {}),
        ...(cut.dropped > 0 ? { sarifCut: { dropped: cut.dropped, reason: cut.reason ?? '' } } : {}),
        sarifPath: path.relative(inputs.workspace, sarifPath).split(path.sep).join('/'),
        seconds: (ended.getTime() - started.getTime()) / 1000,
        ...(blobUrlFromEnv(process.env) ? { blobUrl: blobUrlFromEnv(process.env)! } : {}),
        suppressed: run.suppressed,
        ignoredByConfig: run.ignoredByConfig,
        ...(run.baseline ? { baseline: run.baseline } : {}),
        ...(run.config.file ? { configFile: run.config.file } : {}),
      });
      if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown, true).write();
      else logger.debug('GITHUB_STEP_SUMMARY is not set; no job summary written');
    }

    const count = (level: string) => result.findings.filter((f) => f.level === level).length;
    core.setOutput('sarif-file', sarifPath);
    core.setOutput('findings', result.findings.length);
    core.setOutput('errors', count('error'));
    core.setOutput('warnings', count('warning'));
    core.setOutput('notes', count('note'));
    logger.info(summaryLine(result));

    const sarifId = await publishSarif({ mode: inputs.upload, token: inputs.token, wait: inputs.waitForProcessing, workspace: inputs.workspace, sarifText: serializeSarif(log), startedAt: started });
    if (sarifId) core.setOutput('sarif-id', sarifId);

    if (gating.length > 0) {
      core.setFailed(`Krait found ${gating.length} ${run.baseline ? 'new ' : ''}finding${gating.length === 1 ? '' : 's'} at or above '${failOn}' level (${inputs.failOn ? 'input fail-on' : run.config.failOn ? `fail-on in ${run.config.file}` : 'default fail-on'}).`);
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      core.setFailed(error.message);
      return;
    }
    core.setFailed(`Krait failed: ${errorMessage(error)}`);
    if (error instanceof Error && error.stack) core.debug(error.stack);
  }
}
