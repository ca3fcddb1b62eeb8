// Krait's configuration: `[tool.krait]` in pyproject.toml, or `.krait.toml`, or the file input `config` / `--config`
// names. Parsed with smol-toml and checked against a schema: an unknown key, a wrong type or an unknown rule id
// stops the run with a message that names the file, the key and what is allowed.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { parse as parseToml, TomlError } from 'smol-toml';
import { ConfigError, errorMessage } from '../errors.js';
import { refuseOutsideWorkspace } from '../workspace-confine.js';
import { FAIL_ON_VALUES, type FailOn } from '../gate.js';
import type { Finding } from '../engine/finding.js';
import type { Level, Precision, Rule } from '../engine/rule.js';
import { didYouMean, resolveSelector, selectorVocabulary } from './selectors.js';

export const PRECISIONS: readonly Precision[] = ['very-high', 'high', 'medium', 'low'];
const LEVELS: readonly Level[] = ['error', 'warning', 'note'];

export interface KraitConfig {
  /** Where the settings came from (workspace-relative when inside it), or undefined for the built-in defaults. */
  file?: string;
  select?: string[];
  extendSelect: string[];
  ignore: string[];
  perFileIgnores: { pattern: string; selectors: string[] }[];
  exclude: string[];
  minPrecision?: Precision;
  failOn?: FailOn;
  levels: Record<string, Level>;
  /** Whether a bare `# noqa` (no codes) also silences Krait. Default false: it is meant for style linters. */
  bareNoqa: boolean;
}

export const EMPTY_CONFIG: Readonly<KraitConfig> = Object.freeze({ extendSelect: [], ignore: [], perFileIgnores: [], exclude: [], levels: {}, bareNoqa: false });

type Check = (value: unknown, where: string) => void;

const KEYS: Record<string, { describe: string; check: Check }> = {
  select: { describe: 'a list of rule ids, families, tiers or checklist sections', check: stringList },
  'extend-select': { describe: 'a list of rule ids, families, tiers or checklist sections', check: stringList },
  ignore: { describe: 'a list of rule ids, families, tiers or checklist sections', check: stringList },
  'per-file-ignores': { describe: 'a table of path glob = list of rules', check: table(stringList) },
  exclude: { describe: 'a list of path globs', check: stringList },
  'min-precision': { describe: `one of ${PRECISIONS.join(', ')}`, check: oneOf(PRECISIONS) },
  'fail-on': { describe: `one of ${FAIL_ON_VALUES.join(', ')}`, check: oneOf(FAIL_ON_VALUES) },
  levels: { describe: `a table of rule id = ${LEVELS.map((l) => `"${l}"`).join(' | ')}`, check: table(oneOf(LEVELS)) },
  'bare-noqa': { describe: 'true or false', check: boolean },
};

function typeName(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null || v === undefined) return 'nothing';
  if (v instanceof Date) return 'a date';
  if (typeof v === 'object') return 'a table';
  return `the ${typeof v} ${JSON.stringify(v)}`;
}

function stringList(value: unknown, where: string): void {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new ConfigError(`${where} must be a list of strings, such as ["sql-injection"] (got ${typeName(value)}).`);
}

function boolean(value: unknown, where: string): void {
  if (typeof value !== 'boolean') throw new ConfigError(`${where} must be true or false (got ${typeName(value)}).`);
}

function oneOf(allowed: readonly string[]): Check {
  return (value, where) => {
    if (typeof value !== 'string' || !allowed.includes(value)) {
      const hint = typeof value === 'string' ? didYouMean(value, allowed) : '';
      throw new ConfigError(`${where} must be one of ${allowed.join(', ')} (got ${typeName(value)})${hint}.`);
    }
  };
}

function table(entry: Check): Check {
  return (value, where) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date) throw new ConfigError(`${where} must be a table (got ${typeName(value)}).`);
    for (const [k, v] of Object.entries(value)) entry(v, `${where}."${k}"`);
  };
}

/** Validates the raw table and turns it into a KraitConfig; rule names are checked against the registry. */
export function validateConfig(raw: Record<string, unknown>, label: string, rules: readonly Rule[]): KraitConfig {
  const allowed = Object.keys(KEYS);
  for (const key of Object.keys(raw)) {
    if (!(key in KEYS)) throw new ConfigError(`${label}: unknown key '${key}'${didYouMean(key, allowed)}. Allowed keys: ${allowed.join(', ')}.`);
    KEYS[key]!.check(raw[key], `${label}: '${key}'`);
  }
  const vocabulary = selectorVocabulary(rules);
  const selectors = (key: string, list: string[]) => {
    for (const s of list) {
      if (!resolveSelector(s, rules)) {
        throw new ConfigError(`${label}: '${key}' names '${s}', which is not a Krait rule id, family, tier, checklist section, Bandit id or Ruff code${didYouMean(s, vocabulary)}.`);
      }
    }
    return list;
  };
  const ruleIds = new Set(rules.map((r) => r.id));
  const levels = (raw.levels ?? {}) as Record<string, Level>;
  for (const id of Object.keys(levels)) {
    if (!ruleIds.has(id)) throw new ConfigError(`${label}: 'levels' names '${id}', which is not a Krait rule id${didYouMean(id, [...ruleIds])}.`);
  }
  const perFile = (raw['per-file-ignores'] ?? {}) as Record<string, string[]>;
  return {
    ...(label ? { file: label } : {}),
    ...(raw.select ? { select: selectors('select', raw.select as string[]) } : {}),
    extendSelect: selectors('extend-select', (raw['extend-select'] ?? []) as string[]),
    ignore: selectors('ignore', (raw.ignore ?? []) as string[]),
    perFileIgnores: Object.entries(perFile).map(([pattern, list]) => ({ pattern, selectors: selectors(`per-file-ignores."${pattern}"`, list) })),
    exclude: (raw.exclude ?? []) as string[],
    ...(raw['min-precision'] ? { minPrecision: raw['min-precision'] as Precision } : {}),
    ...(raw['fail-on'] ? { failOn: raw['fail-on'] as FailOn } : {}),
    levels,
    bareNoqa: (raw['bare-noqa'] ?? false) as boolean,
  };
}

function readToml(file: string, shown: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${shown}: cannot be read (${errorMessage(error)}).`);
  }
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (error) {
    const where = error instanceof TomlError ? ` at line ${error.line}, column ${error.column}` : '';
    const first = errorMessage(error).split('\n')[0];
    throw new ConfigError(`${shown}: is not valid TOML${where}: ${first}`);
  }
}

function toolTable(doc: Record<string, unknown>): Record<string, unknown> | undefined {
  const tool = doc.tool;
  if (typeof tool !== 'object' || tool === null) return undefined;
  const krait = (tool as Record<string, unknown>).krait;
  return typeof krait === 'object' && krait !== null && !Array.isArray(krait) ? (krait as Record<string, unknown>) : undefined;
}

export interface LoadOptions {
  workspace: string;
  /** A file named by input `config` or `--config` (relative to `base`). */
  explicit?: string;
  base?: string;
  /** Refuse an explicit file outside the workspace (the action); the CLI reads what its user names. */
  confine?: boolean;
  /** How to name the explicit file in messages: "Input 'config'" or "--config". */
  explicitName?: string;
  rules: readonly Rule[];
}

/** Finds and reads the configuration: the named file, else `.krait.toml`, else `[tool.krait]` in pyproject.toml. */
export function loadConfig(options: LoadOptions): KraitConfig {
  const show = (abs: string) => {
    const rel = path.relative(options.workspace, abs);
    return rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel.split(path.sep).join('/');
  };
  if (options.explicit) {
    const abs = path.resolve(options.base ?? options.workspace, options.explicit);
    const rel = path.relative(options.workspace, abs);
    if (options.confine && (rel.startsWith('..') || path.isAbsolute(rel))) {
      throw new ConfigError(`${options.explicitName ?? 'config'} names ${options.explicit}, which is outside the workspace; Krait only reads files inside it.`);
    }
    if (options.confine) refuseOutsideWorkspace(abs, options.workspace, `${options.explicitName ?? 'config'} (${options.explicit})`);
    if (!existsSync(abs)) throw new ConfigError(`${options.explicitName ?? 'config'} names ${options.explicit}, which does not exist.`);
    const doc = readToml(abs, show(abs));
    const isPyproject = path.basename(abs) === 'pyproject.toml';
    const table = toolTable(doc) ?? (isPyproject ? undefined : doc);
    if (!table) throw new ConfigError(`${show(abs)}: has no [tool.krait] table.`);
    return validateConfig(table, table === doc ? show(abs) : `${show(abs)} [tool.krait]`, options.rules);
  }
  const dotFile = path.join(options.workspace, '.krait.toml');
  if (existsSync(dotFile)) {
    refuseOutsideWorkspace(dotFile, options.workspace, '.krait.toml');
    const doc = readToml(dotFile, '.krait.toml');
    const table = toolTable(doc);
    return validateConfig(table ?? doc, table ? '.krait.toml [tool.krait]' : '.krait.toml', options.rules);
  }
  const pyproject = path.join(options.workspace, 'pyproject.toml');
  if (existsSync(pyproject)) {
    refuseOutsideWorkspace(pyproject, options.workspace, 'pyproject.toml');
    let doc: Record<string, unknown>;
    try {
      doc = readToml(pyproject, 'pyproject.toml');
    } catch (error) {
      // A broken pyproject.toml without Krait settings is not Krait's to judge; one with them is.
      if (/\[tool\.krait\]/.test(readFileSync(pyproject, 'utf8'))) throw error;
      return { ...EMPTY_CONFIG };
    }
    const table = toolTable(doc);
    if (table) return validateConfig(table, 'pyproject.toml [tool.krait]', options.rules);
  }
  return { ...EMPTY_CONFIG };
}

export interface SelectionOverrides {
  /** `--select`: replaces the configuration's select. */
  select?: string[];
  /** `--extend-select`: added to it. */
  extendSelect?: string[];
  /** `--ignore`: added to the configuration's ignore. */
  ignore?: string[];
}

function expand(selectors: readonly string[], rules: readonly Rule[], where: string): Set<string> {
  const ids = new Set<string>();
  for (const s of selectors) {
    const hit = resolveSelector(s, rules);
    if (!hit) throw new ConfigError(`${where} names '${s}', which is not a Krait rule id, family, tier, checklist section, Bandit id or Ruff code${didYouMean(s, selectorVocabulary(rules))}.`);
    for (const r of hit) ids.add(r.id);
  }
  return ids;
}

/** The rules to run: (select or the default tier) + extend-select − ignore, at or above min-precision; registry order. */
export function selectRules(config: KraitConfig, rules: readonly Rule[], overrides: SelectionOverrides = {}): Rule[] {
  const select = overrides.select ?? config.select ?? ['default'];
  const chosen = expand(select, rules, overrides.select ? '--select' : 'select');
  for (const id of expand(config.extendSelect, rules, 'extend-select')) chosen.add(id);
  for (const id of expand(overrides.extendSelect ?? [], rules, '--extend-select')) chosen.add(id);
  for (const id of expand(config.ignore, rules, 'ignore')) chosen.delete(id);
  for (const id of expand(overrides.ignore ?? [], rules, '--ignore')) chosen.delete(id);
  const floor = config.minPrecision ? PRECISIONS.indexOf(config.minPrecision) : PRECISIONS.length - 1;
  return rules.filter((r) => chosen.has(r.id) && PRECISIONS.indexOf(r.precision) <= floor);
}

function pathMatcher(pattern: string): (p: string) => boolean {
  const full = picomatch(pattern, { dot: true });
  // A pattern without a slash also matches a file name anywhere, as in Ruff (`__init__.py`, `test_*.py`).
  if (!pattern.includes('/')) return (p) => full(p) || full(p.slice(p.lastIndexOf('/') + 1));
  // A folder pattern covers what is inside it.
  const inside = picomatch(`${pattern.replace(/\/+$/, '')}/**`, { dot: true });
  return (p) => full(p) || inside(p);
}

/** Applies per-file-ignores (drops) and levels (changes) to findings; returns the kept ones and how many were dropped. */
export function applyConfigToFindings(findings: readonly Finding[], config: KraitConfig, rules: readonly Rule[]): { kept: Finding[]; ignored: number } {
  const ignores = config.perFileIgnores.map((e) => ({ matches: pathMatcher(e.pattern), ids: expand(e.selectors, rules, `per-file-ignores."${e.pattern}"`) }));
  const kept: Finding[] = [];
  let ignored = 0;
  for (const f of findings) {
    if (ignores.some((i) => i.ids.has(f.ruleId) && i.matches(f.path))) {
      ignored++;
      continue;
    }
    const level = config.levels[f.ruleId];
    // A level the engine lowered on purpose (test code) stays lowered; everything else follows the configuration.
    if (level && !f.levelReason) kept.push({ ...f, level });
    else kept.push(f);
  }
  return { kept, ignored };
}

/** Rules as the reports describe them: with the configured default level. */
export function configuredRules(rules: readonly Rule[], config: KraitConfig): Rule[] {
  return rules.map((r) => (config.levels[r.id] && config.levels[r.id] !== r.level ? { ...r, level: config.levels[r.id]! } : r));
}
