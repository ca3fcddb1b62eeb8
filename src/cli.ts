// CLI entry: `krait [PATH...]` runs the same scan as the action and prints text, JSON or SARIF.
import { statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, errorMessage } from './errors.js';
import { FAIL_ON_VALUES, gatingFindings, type FailOn } from './gate.js';
import { toSarif } from './report/sarif.js';
import { formatText, summaryLine } from './report/text.js';
import { serializeSarif } from './report/write-sarif.js';
import { defaultRules } from './rules/selection.js';
import { scanWorkspace, type ScanResult } from './scan.js';
import { KRAIT_VERSION } from './version.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 3;

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `Usage: krait [PATH...] [options]

Scans Python files for security problems. PATH is a file, a folder (scanned
recursively) or a glob, relative to the root; it defaults to the root.

Options:
  -f, --format FORMAT   text (default), json or sarif
  -o, --output FILE     write the report to FILE instead of stdout
      --fail-on LEVEL   none, note, warning or error (default: error)
      --exclude GLOB    exclude matching paths (repeatable)
      --root DIR        workspace root; paths in reports are relative to it (default: .)
      --category ID     SARIF automationDetails category (default: krait)
      --no-color        plain text output (NO_COLOR is honoured too)
      --no-dataflow     skip the data-flow (taint) rules: faster, fewer findings
      --parse-only      only read and parse the files (no rules; for benchmarks)
      --stats           print files, lines, seconds and peak memory to stderr as JSON
  -q, --quiet           print only the report
  -h, --help            show this help
  -v, --version         print the version

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it,
2 usage or configuration error, 3 internal error (a Krait bug).`;

interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
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

function render(format: Format, result: ScanResult, color: boolean, root: string, category: string, rules: ReturnType<typeof defaultRules>): string {
  if (format === 'sarif') return serializeSarif(toSarif(result, rules, { workspace: root, category }));
  if (format === 'json') {
    return `${JSON.stringify({ version: KRAIT_VERSION, findings: result.findings, notifications: result.notifications, stats: result.stats }, null, 2)}\n`;
  }
  return formatText(result, { color });
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
        'no-color': { type: 'boolean' },
        'no-dataflow': { type: 'boolean' },
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
    const failOn = (values['fail-on'] ?? 'error').toLowerCase() as FailOn;
    if (!FAIL_ON_VALUES.includes(failOn)) throw usageError(`--fail-on must be one of: ${FAIL_ON_VALUES.join(', ')} (got '${values['fail-on']}').`);
    const root = path.resolve(io.cwd, values.root ?? '.');
    try {
      if (!statSync(root).isDirectory()) throw usageError(`--root ${root} is not a folder.`);
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw usageError(`--root ${root} cannot be opened: ${errorMessage(error)}`);
    }
    const patterns = (positionals.length ? positionals : [path.relative(io.cwd, root) || '.']).map((p) => toPattern(root, io.cwd, p));
    const started = process.hrtime.bigint();
    const rules = values['parse-only'] ? [] : defaultRules().filter((r) => !(values['no-dataflow'] && r.dataFlow));
    const result = await withQuietStdout(() => scanWorkspace({ workspace: root, patterns, excludes: values.exclude ?? [], rules }));
    const color = format === 'text' && !values.output && io.isTTY && !values['no-color'] && !('NO_COLOR' in io.env && io.env.NO_COLOR !== '');
    const report = render(format, result, color, root, values.category ?? 'krait', rules);
    if (values.output) {
      const out = path.resolve(io.cwd, values.output);
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, report);
      if (!values.quiet) io.stderr(`${summaryLine(result)} Report written to ${out}.\n`);
    } else {
      io.stdout(report);
      if (format !== 'text' && !values.quiet) io.stderr(`${summaryLine(result)}\n`);
    }
    if (values.stats) {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const stats = { ...result.stats, findings: result.findings.length, rules: rules.length, seconds: Number(seconds.toFixed(3)), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) };
      io.stderr(`${JSON.stringify(stats)}\n`);
    }
    return gatingFindings(result.findings, failOn).length > 0 ? EXIT_FINDINGS : EXIT_OK;
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`krait: ${error.message}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`krait: internal error (please report it): ${errorMessage(error)}\n`);
    return EXIT_INTERNAL;
  }
}
