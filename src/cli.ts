// CLI entry: `krait [PATH...]` runs the same scan as the action and prints text, JSON or SARIF.
import { statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, errorMessage } from './errors.js';
import { FAIL_ON_VALUES, gatingFindings, type FailOn } from './gate.js';
import { toSarif } from './report/sarif.js';
import { formatText, summaryLine } from './report/text.js';
import { formatGithubCommands } from './report/github-commands.js';
import { renderHtml } from './report/html.js';
import { createProgress } from './cli-progress.js';
import { serializeSarif } from './report/write-sarif.js';
import type { Rule } from './engine/rule.js';
import { defaultJobs, parseJobs } from './jobs.js';
import { VULNERABILITY_CHECKS, type VulnerabilityCheck } from './advisories/advisory.js';
import { type ScanResult } from './scan.js';
import { actionable, effectiveFailOn, runScan, type RunScanResult } from './pipeline.js';
import { BASELINE_FILE, createBaseline, serializeBaseline } from './baseline.js';
import { compareFindings } from './engine/finding.js';
import { parseShard, shardCategory } from './shard.js';
import { KRAIT_VERSION } from './version.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 3;

const FORMATS = ['text', 'json', 'sarif', 'github', 'html'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `Usage: krait [PATH...] [options]
       krait baseline [PATH...] [options]   record today's findings in .krait-baseline.json

Scans Python files for security problems. PATH is a file, a folder (scanned
recursively) or a glob, relative to the root; it defaults to the root.

Options:
  -f, --format FORMAT   text (default), json, sarif, github (workflow commands:
                        ::error file=…,line=…::message) or html (one
                        self-contained page; use with --output)
  -o, --output FILE     write the report to FILE instead of stdout
      --fail-on LEVEL   none, note, warning or error (default: the configuration's
                        fail-on, else error)
      --config FILE     read settings from FILE (default: .krait.toml, else
                        [tool.krait] in pyproject.toml, in the root)
      --select RULES    run these rules instead of the configured ones: rule ids,
                        families, tiers (default, extended, audit), checklist
                        sections, Bandit ids or Ruff codes, comma-separated
      --extend-select RULES  run these rules as well
      --ignore RULES    do not run these rules
      --baseline FILE   compare with a baseline: only new findings fail the run
      --report-suppressed  keep findings silenced by inline comments in SARIF
                        and JSON output, marked as suppressed
      --exclude GLOB    exclude matching paths (repeatable)
      --root DIR        workspace root; paths in reports are relative to it (default: .)
      --category ID     SARIF automationDetails category (default: krait)
  -j, --jobs N          worker threads (default: one per core; 1 scans on the main thread)
      --shard I/N       scan only slice I of N of the files (stable by path; for CI matrices)
      --no-color        plain text output (NO_COLOR is honoured too)
      --no-dataflow     skip the data-flow (taint) rules: faster, fewer findings
      --no-notebooks    leave Jupyter notebooks (*.ipynb) out (default: scanned)
      --no-manifests    leave dependency manifests out (requirements*.txt, pyproject.toml,
                        Pipfile, setup.cfg, setup.py; default: checked)
      --vulnerability-check SOURCE
                        none (default) or osv: look up pinned dependencies in
                        osv.dev and report published vulnerabilities
      --parse-only      only read and parse the files (no rules; for benchmarks)
      --stats           print files, lines, seconds and peak memory to stderr as JSON
  -q, --quiet           print only the report
  -h, --help            show this help
  -v, --version         print the version

Exit codes:
  0  no finding at or above --fail-on (notifications alone never fail)
  1  findings at or above --fail-on
  2  usage or configuration error
  3  internal error (a Krait bug; please report it)`;

interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  /** stderr is a terminal: progress is drawn there on long runs. */
  stderrIsTTY?: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

function usageError(message: string): ConfigError {
  return new ConfigError(`${message}\nRun 'krait --help' for usage.`);
}

/** A PATH argument as a glob relative to the root: folders become folder/**\/*.py. */
function toPattern(root: string, cwd: string, arg: string): string {
  const absolute = path.resolve(cwd, arg);
  let isDir = false;
  try {
    isDir = statSync(absolute).isDirectory();
  } catch {
    // Not an existing path: a glob, or a missing file that findFiles will report as matching nothing.
  }
  const rel = path.relative(root, absolute).split(path.sep).join('/');
  if (rel.startsWith('..') || path.isAbsolute(rel)) return absolute; // findFiles refuses it with a clear message
  if (isDir) return rel === '' ? '**/*.py' : `${rel}/**/*.py`;
  return rel === '' ? arg : rel;
}

/** @actions/glob logs through @actions/core, which prints ::debug:: lines on stdout; keep stdout for the report. */
async function withQuietStdout<T>(work: () => Promise<T>): Promise<T> {
  const original = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    if (typeof chunk === 'string' && chunk.startsWith('::debug::')) return true;
    return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  try {
    return await work();
  } finally {
    process.stdout.write = original;
  }
}

function render(format: Format, result: ScanResult, color: boolean, root: string, category: string, rules: readonly Rule[]): string {
  if (format === 'sarif') return serializeSarif(toSarif(result, rules, { workspace: root, category }));
  if (format === 'github') return formatGithubCommands(result, rules);
  if (format === 'html') return renderHtml({ result, rules });
  if (format === 'json') {
    return `${JSON.stringify({ version: KRAIT_VERSION, findings: result.findings, notifications: result.notifications, stats: result.stats }, null, 2)}\n`;
  }
  return formatText(result, { color });
}

/** What the summary line leaves out: suppressed findings, and how the run compares with a baseline. */
function extraSummary(run: RunScanResult): string {
  const parts: string[] = [];
  if (run.suppressed.length) parts.push(`${run.suppressed.length} suppressed by inline comments`);
  if (run.ignoredByConfig) parts.push(`${run.ignoredByConfig} ignored by per-file-ignores`);
  if (run.baseline) parts.push(`baseline: ${run.baseline.newFindings} new, ${run.baseline.unchanged} unchanged, ${run.baseline.absent} fixed`);
  return parts.length ? ` (${parts.join('; ')})` : '';
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string' },
        exclude: { type: 'string', multiple: true },
        root: { type: 'string' },
        category: { type: 'string' },
        jobs: { type: 'string', short: 'j' },
        shard: { type: 'string' },
        'no-color': { type: 'boolean' },
        'no-dataflow': { type: 'boolean' },
        'no-notebooks': { type: 'boolean' },
        'no-manifests': { type: 'boolean' },
        'vulnerability-check': { type: 'string' },
        config: { type: 'string' },
        select: { type: 'string', multiple: true },
        'extend-select': { type: 'string', multiple: true },
        ignore: { type: 'string', multiple: true },
        baseline: { type: 'string' },
        'report-suppressed': { type: 'boolean' },
        'parse-only': { type: 'boolean' },
        stats: { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    io.stderr(`krait: ${errorMessage(error)}\nRun 'krait --help' for usage.\n`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return EXIT_OK;
  }
  if (values.version) {
    io.stdout(`krait ${KRAIT_VERSION}\n`);
    return EXIT_OK;
  }
  try {
    const format = (values.format ?? 'text') as Format;
    if (!FORMATS.includes(format)) throw usageError(`--format must be one of: ${FORMATS.join(', ')} (got '${values.format}').`);
    const givenFailOn = values['fail-on'] === undefined ? undefined : (values['fail-on'].toLowerCase() as FailOn);
    if (givenFailOn && !FAIL_ON_VALUES.includes(givenFailOn)) throw usageError(`--fail-on must be one of: ${FAIL_ON_VALUES.join(', ')} (got '${values['fail-on']}').`);
    const writeBaseline = positionals[0] === 'baseline';
    const paths = writeBaseline ? positionals.slice(1) : positionals;
    const root = path.resolve(io.cwd, values.root ?? '.');
    try {
      if (!statSync(root).isDirectory()) throw usageError(`--root ${root} is not a folder.`);
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw usageError(`--root ${root} cannot be opened: ${errorMessage(error)}`);
    }
    const patterns = (paths.length ? paths : [path.relative(io.cwd, root) || '.']).map((p) => toPattern(root, io.cwd, p));
    const started = process.hrtime.bigint();
    const vulnerabilityCheck = (values['vulnerability-check'] ?? 'none').toLowerCase() as VulnerabilityCheck;
    if (!VULNERABILITY_CHECKS.includes(vulnerabilityCheck)) {
      throw usageError(`--vulnerability-check must be one of: ${VULNERABILITY_CHECKS.join(', ')} (got '${values['vulnerability-check']}').`);
    }
    if (vulnerabilityCheck !== 'none' && values['no-manifests']) throw usageError('--vulnerability-check reads the dependency manifests; it cannot be combined with --no-manifests.');
    const jobs = values.jobs === undefined ? defaultJobs() : parseJobs(values.jobs, '--jobs');
    const shard = parseShard(values.shard ?? '', '--shard');
    const progress = createProgress({ write: io.stderr, enabled: Boolean(io.stderrIsTTY) && !values.quiet });
    const list = (v: string[] | undefined) => v?.flatMap((x) => x.split(',')).map((x) => x.trim()).filter((x) => x !== '');
    const overrides = {
      ...(values.select ? { select: list(values.select)! } : {}),
      ...(values['extend-select'] ? { extendSelect: list(values['extend-select'])! } : {}),
      ...(values.ignore ? { ignore: list(values.ignore)! } : {}),
    };
    const run = await withQuietStdout(() =>
      runScan({
        workspace: root,
        patterns,
        excludes: values.exclude ?? [],
        jobs,
        ...(shard ? { shard } : {}),
        notebooks: !values['no-notebooks'],
        manifests: !values['no-manifests'] && !values['parse-only'],
        vulnerabilityCheck,
        onProgress: progress.onProgress,
        ...(values.config ? { configFile: values.config, configBase: io.cwd } : {}),
        configName: '--config',
        ...(values.baseline && !writeBaseline ? { baselineFile: values.baseline, baselineName: '--baseline' } : {}),
        configBase: io.cwd,
        overrides,
        ...(values['parse-only'] ? { parseOnly: true } : {}),
        ...(values['no-dataflow'] ? { noDataflow: true } : {}),
      }),
    ).finally(progress.finish);
    const { rules } = run;
    const failOn = effectiveFailOn(givenFailOn, run.config);
    if (writeBaseline) {
      const out = path.resolve(io.cwd, values.output ?? values.baseline ?? path.join(root, BASELINE_FILE));
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, serializeBaseline(createBaseline(run.result.findings)));
      io.stderr(`Baseline of ${run.result.findings.length} finding${run.result.findings.length === 1 ? '' : 's'} written to ${out}. Pass it with --baseline (CLI) or the baseline input (action).\n`);
      return EXIT_OK;
    }
    const result = values['report-suppressed'] && (format === 'sarif' || format === 'json') ? { ...run.result, findings: [...run.result.findings, ...run.suppressed].sort(compareFindings) } : run.result;
    if (!values.quiet) for (const n of result.notifications) if (n.kind === 'vulnerability-check-error') io.stderr(`krait: warning: ${n.message}\n`);
    const color = format === 'text' && !values.output && io.isTTY && !values['no-color'] && !('NO_COLOR' in io.env && io.env.NO_COLOR !== '');
    const report = render(format, result, color, root, shardCategory(values.category ?? 'krait', shard), rules);
    if (values.output) {
      const out = path.resolve(io.cwd, values.output);
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, report);
      if (!values.quiet) io.stderr(`${summaryLine(run.result)}${extraSummary(run)} Report written to ${out}.\n`);
    } else {
      io.stdout(report);
      if (!values.quiet && format !== 'text') io.stderr(`${summaryLine(run.result)}${extraSummary(run)}\n`);
      else if (!values.quiet && extraSummary(run)) io.stderr(`Krait:${extraSummary(run).replace(/^ \((.*)\)$/, ' $1')}.\n`);
    }
    if (values.stats) {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const stats = { ...result.stats, findings: result.findings.length, rules: rules.length, seconds: Number(seconds.toFixed(3)), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) };
      io.stderr(`${JSON.stringify(stats)}\n`);
    }
    return gatingFindings(actionable(run.result.findings), failOn).length > 0 ? EXIT_FINDINGS : EXIT_OK;
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`krait: ${error.message}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`krait: internal error (please report it): ${errorMessage(error)}\n`);
    return EXIT_INTERNAL;
  }
}
