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
import { formatText, summaryLine } from './report/text.js';
import { serializeSarif, writeSarif } from './report/write-sarif.js';
import { annotationScope, publishSarif } from './github/publish.js';
import { defaultRules } from './rules/selection.js';
import { scanWorkspace } from './scan.js';

export async function run(): Promise<void> {
  const logger = actionsLogger();
  try {
    const inputs = parseInputs();
    if (inputs.token) core.setSecret(inputs.token); // masked in every log line from here on
    const rules = defaultRules();
    const started = new Date();
    logger.info(`Krait: scanning ${inputs.workspace} for ${inputs.paths.join(', ')} with ${rules.length} rule${rules.length === 1 ? "" : "s"}`);
    const result = await scanWorkspace({ workspace: inputs.workspace, patterns: inputs.paths, excludes: inputs.exclude, rules });
    const ended = new Date();

    const sarifPath = path.resolve(inputs.workspace, inputs.sarifFile);
    const ruleMap = new Map(rules.map((r) => [r.id, r]));
    const { log, cut } = fitSarif(result.findings, ruleMap, (kept) =>
      toSarif({ ...result, findings: kept }, rules, { workspace: inputs.workspace, category: inputs.category, startTime: started, endTime: ended }),
    );
    if (cut.dropped > 0) logger.warning(`Krait left the ${cut.dropped} least severe findings out of the SARIF report: ${cut.reason} (GitHub's limit). The job summary and log list the most severe ones.`);
    else if (result.findings.length > SHOWN_RESULTS) logger.warning(`Code scanning shows only the ${SHOWN_RESULTS.toLocaleString('en-US')} most severe of the ${result.findings.length} results.`);
    writeSarif(sarifPath, log);
    logger.info(`SARIF report written to ${sarifPath}`);

    if (result.findings.length > 0) {
      core.startGroup(`Findings (${result.findings.length})`);
      logger.info(formatText({ ...result, notifications: [] }, { color: false }));
      core.endGroup();
    }
    const { findings: toAnnotate, scope } = await annotationScope(inputs.annotate, result.findings, inputs.token);
    const plan = toAnnotations(toAnnotate, result.notifications, ruleMap, inputs.annotate === 'none' ? 0 : undefined);
    const notAnnotated = result.findings.length - plan.annotations.filter((a) => !a.properties.title?.startsWith('Krait:')).length;
    emitAnnotations(plan);

    const gating = gatingFindings(result.findings, inputs.failOn);
    if (inputs.summary) {
      const markdown = renderSummary({
        result,
        rules,
        failOn: inputs.failOn,
        gateTripped: gating.length > 0,
        omittedAnnotations: notAnnotated,
        ...(scope ? { annotationScope: scope } : {}),
        ...(cut.dropped > 0 ? { sarifCut: { dropped: cut.dropped, reason: cut.reason ?? '' } } : {}),
        sarifPath: path.relative(inputs.workspace, sarifPath).split(path.sep).join('/'),
        seconds: (ended.getTime() - started.getTime()) / 1000,
        ...(blobUrlFromEnv(process.env) ? { blobUrl: blobUrlFromEnv(process.env)! } : {}),
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
      core.setFailed(`Krait found ${gating.length} finding${gating.length === 1 ? '' : 's'} at or above '${inputs.failOn}' level (input fail-on).`);
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
