// findFiles(): the workspace's Python files matching the globs, as repo-relative POSIX paths, confined to the workspace.
import { existsSync, lstatSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import * as glob from '@actions/glob';
import { ConfigError, errorMessage } from './errors.js';
import type { Notification } from './engine/notification.js';
import { NOTEBOOK_EXTENSION, withNotebookPatterns } from './notebook/patterns.js';

/** Folders that hold tools, caches and third-party code rather than the project's own Python. */
export const BUILTIN_EXCLUDES: readonly string[] = [
  '**/.git/**',
  '**/.hg/**',
  '**/.svn/**',
  '**/.venv/**',
  '**/venv/**',
  '**/.virtualenvs/**',
  '**/site-packages/**',
  '**/dist-packages/**',
  '**/node_modules/**',
  '**/__pycache__/**',
  '**/.tox/**',
  '**/.nox/**',
  '**/.eggs/**',
  '**/.mypy_cache/**',
  '**/.pytest_cache/**',
  '**/.ruff_cache/**',
  '**/.ipynb_checkpoints/**',
];

export const DEFAULT_PATTERNS: readonly string[] = ['**/*.py'];

const PYTHON_FILE = /\.pyw?$/i;
const GLOB_CHARS = /[*?[\]{}]/;

export interface FindFilesOptions {
  workspace: string;
  patterns: readonly string[];
  excludes?: readonly string[];
  /** Find Jupyter notebooks too: `*.py` globs get a `*.ipynb` twin. When false, no .ipynb file is returned. */
  notebooks?: boolean;
  /**
   * Which files found by a glob to keep, by their absolute path (default: Python files and notebooks). Dependency
   * manifests are found with their own test; literal paths are kept whatever this says.
   */
  accept?: (absolutePath: string) => boolean;
}

export interface FoundFiles {
  /** Repo-relative POSIX paths, sorted, unique. */
  files: string[];
  /** Paths or patterns refused because they lead outside the workspace, and files that could not be resolved. */
  notifications: Notification[];
}

export function toPosixRelative(root: string, absolute: string): string {
  return path.relative(root, absolute).split(path.sep).join('/');
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function cleanLines(list: readonly string[]): string[] {
  return list.map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}

/** A pattern written relative to the workspace, made absolute; undefined when it points outside. */
function anchor(root: string, pattern: string): string | undefined {
  const posix = pattern.replace(/\\/g, '/');
  const absolute = path.isAbsolute(posix) ? path.normalize(posix) : path.join(root, posix);
  const fixedPart = absolute.split(/[*?[{]/)[0]!;
  if (!isInside(root, path.resolve(fixedPart))) return undefined;
  return absolute;
}

/** `tests` or `legacy/` as an exclude means the whole folder; a bare name matches at any depth, like .gitignore. */
function excludePattern(pattern: string): string {
  let p = pattern.replace(/\\/g, '/');
  const anyDepth = !p.replace(/\/$/, '').includes('/') && !p.startsWith('**');
  if (p.endsWith('/')) p += '**';
  if (anyDepth) p = `**/${p}`;
  return p;
}

/** Folders with a pyvenv.cfg are virtual environments whatever they are called. */
function makeVenvCheck(root: string): (file: string) => boolean {
  const cache = new Map<string, boolean>();
  const check = (dir: string): boolean => {
    if (!isInside(root, dir) || dir === root) return false;
    const known = cache.get(dir);
    if (known !== undefined) return known;
    const result = existsSync(path.join(dir, 'pyvenv.cfg')) || check(path.dirname(dir));
    cache.set(dir, result);
    return result;
  };
  return (file) => check(path.dirname(file));
}

/** Folder names the built-in excludes leave out at any depth (the `<name>` of each `**\/<name>/**`). */
const BUILTIN_DIR_NAMES: ReadonlySet<string> = new Set(
  BUILTIN_EXCLUDES.map((e) => /^\*\*\/([^/*?[\]{}]+)\/\*\*$/.exec(e)?.[1]).filter((n): n is string => n !== undefined),
);

/** Whether a workspace-relative path lies in a folder the built-in excludes name. */
function inBuiltinExclude(relative: string): boolean {
  const parts = relative.split('/');
  for (let i = 0; i < parts.length - 1; i++) if (BUILTIN_DIR_NAMES.has(parts[i]!)) return true;
  return false;
}

/**
 * @actions/glob walks every folder a `**` pattern could enter, excluded or not, and matches every entry it meets
 * against every pattern. For patterns of the form `<root>/**\/<rest>`, list the workspace root once and give each
 * top-level folder its own globber (so an entry is matched against its own folder's pattern, not one per folder),
 * leaving out the folders an exclude names (`.git`, `node_modules`, `.venv`, a virtualenv…) so they are never walked.
 * Returns the include patterns of each globber to run.
 */
function pruneTopLevel(root: string, includes: readonly string[], excludes: readonly string[]): string[][] {
  const excludedNames = new Set<string>();
  for (const e of excludes) {
    const m = /^\*\*\/([^/*?[\]{}]+)\/\*\*$/.exec(excludePattern(e));
    if (m) excludedNames.add(m[1]!);
  }
  let entries: Dirent[];
  try {
    entries = readdirSync(root, { withFileTypes: true });
  } catch {
    return [[...includes]];
  }
  if (entries.some((d) => GLOB_CHARS.test(d.name) || d.name.startsWith('!') || d.name.startsWith('#'))) return [[...includes]];
  const dirs = entries
    .filter((d) => d.isDirectory() && !excludedNames.has(d.name) && !existsSync(path.join(root, d.name, 'pyvenv.cfg')))
    .map((d) => d.name)
    .sort();
  const prefix = `${root}${path.sep}**${path.sep}`;
  const other: string[] = [];
  const byDir = new Map<string, string[]>(dirs.map((d) => [d, []]));
  for (const pattern of includes) {
    if (!pattern.startsWith(prefix)) {
      other.push(pattern);
      continue;
    }
    const rest = pattern.slice(prefix.length);
    other.push(path.join(root, rest));
    for (const d of dirs) byDir.get(d)!.push(path.join(root, d, '**', rest));
  }
  return [other, ...byDir.values()].filter((group) => group.length > 0);
}

export async function findFiles(options: FindFilesOptions): Promise<FoundFiles> {
  const notifications: Notification[] = [];
  const refuse = (message: string, where?: string) =>
    notifications.push({ kind: 'path-refused', level: 'warning', message, ...(where ? { path: where } : {}) });
  let root: string;
  try {
    root = realpathSync(options.workspace);
  } catch (error) {
    throw new ConfigError(`workspace ${options.workspace} cannot be opened: ${errorMessage(error)}`, { cause: error });
  }

  const includes: string[] = [];
  const excludes: string[] = [...BUILTIN_EXCLUDES];
  const literalFiles = new Set<string>();
  const notebooks = options.notebooks ?? false;
  for (const line of cleanLines(notebooks ? withNotebookPatterns(options.patterns) : options.patterns)) {
    if (line.startsWith('!')) {
      excludes.push(line.slice(1));
      continue;
    }
    const absolute = anchor(root, line);
    if (!absolute) {
      refuse(`path pattern '${line}' leads outside the workspace ${root}; refused`);
      continue;
    }
    includes.push(absolute);
    if (!GLOB_CHARS.test(line)) literalFiles.add(path.resolve(absolute));
  }
  for (const line of cleanLines(options.excludes ?? [])) excludes.push(line.startsWith('!') ? line.slice(1) : line);
  if (includes.length === 0) return { files: [], notifications };

  // The built-in folder excludes are applied here by name: as negated glob patterns they cost a pattern match for
  // every entry walked (and never stopped the walk).
  const excludeLines = excludes
    .filter((e) => !BUILTIN_EXCLUDES.includes(e))
    .map((e) => {
      const p = excludePattern(e);
      return `!${path.isAbsolute(p) ? p : path.join(root, p)}`;
    });
  const isInVenv = makeVenvCheck(root);
  const files = new Set<string>();
  const realDirs = new Map<string, string>();
  const realDir = (dir: string): string => {
    let real = realDirs.get(dir);
    if (real === undefined) realDirs.set(dir, (real = realpathSync(dir)));
    return real;
  };
  for (const group of pruneTopLevel(root, includes, excludes)) {
    const globber = await glob.create([...group, ...excludeLines].join('\n'), {
      followSymbolicLinks: false,
      implicitDescendants: true,
      matchDirectories: false,
      omitBrokenSymbolicLinks: true,
    });
    for await (const found of globber.globGenerator()) {
      if (inBuiltinExclude(toPosixRelative(root, found))) continue;
      checkFound(found);
    }
  }
  return { files: [...files].sort(), notifications };

  function checkFound(found: string): void {
    const isLiteral = literalFiles.has(path.resolve(found));
    const isNotebook = NOTEBOOK_EXTENSION.test(found);
    if (options.accept ? !isLiteral && !options.accept(found) : isNotebook ? !notebooks : !isLiteral && !PYTHON_FILE.test(found)) return;
    let real: string;
    try {
      const link = lstatSync(found);
      real = link.isSymbolicLink() ? realpathSync(found) : path.join(realDir(path.dirname(found)), path.basename(found));
    } catch (error) {
      refuse(`${toPosixRelative(root, found)} could not be resolved (${errorMessage(error)}); not read`, toPosixRelative(root, found));
      return;
    }
    if (!isInside(root, real)) {
      refuse(`${toPosixRelative(root, found)} is a link to ${real}, outside the workspace; not read`, toPosixRelative(root, found));
      return;
    }
    try {
      const stat = statSync(real);
      if (stat.isDirectory()) return;
      if (!stat.isFile()) {
        // A FIFO, socket or device matched by the patterns: never opened (reading a FIFO would block), but said.
        const rel = toPosixRelative(root, found);
        notifications.push({ kind: 'read-error', level: 'warning', path: rel, message: `${rel} is not a regular file (a FIFO, socket or device); not read` });
        return;
      }
    } catch (error) {
      refuse(`${toPosixRelative(root, found)} could not be opened (${errorMessage(error)}); not read`, toPosixRelative(root, found));
      return;
    }
    if (isInVenv(real)) return;
    files.add(toPosixRelative(root, real));
  }
}

