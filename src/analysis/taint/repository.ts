// Data flow across files: maps module names to the repository's files and summarises imported functions on demand.
import path from 'node:path';
import { parsePython, type PythonParser } from '../../parser/python.js';
import { readSource } from '../../read-source.js';
import { FileAnalysis } from '../file-analysis.js';
import { detachedString } from '../string-memo.js';
import { TaintInterpreter, type ExternalResolver, type ExternalSummary } from './interpreter.js';

/** Folders that commonly hold a project's packages without being part of their import names. */
const SOURCE_ROOTS = ['src/', 'lib/', 'python/'];
const MAX_NESTING = 3;
const BUDGET_MS = 2000;
/**
 * Parsed files kept for further lookups, bounded by their source length: a module is usually asked for several of its
 * functions in a row (on CPython's Lib each worker re-parsed the same modules for 2.7 s of a 27 s scan).
 */
const KEEP_SOURCE_CHARS = 1_000_000;
const KEEP_FILES = 16;
/** Def names are kept for this many files (a few names each; the bound only keeps memory flat in huge repositories). */
const KEEP_NAMES_FILES = 20_000;

/**
 * One piece of what may separate `def` from a name: a space, a line continuation's backslash, or a comment up to its
 * line break (`\n`, or a lone `\r`).
 */
const SKIPPED = /[\s\\\u2060\u200B]|#[^\n]*\n|#[^\r\n]*\r/.source;

/**
 * Every name the text may define with `def`: after `def`, anything tree-sitter skips between tokens (whitespace, line
 * continuations, comments, zero-width spaces), then the name. Looser than Python, never stricter than the parser: the
 * name of a def the parser finds is always among them (a name with non-ASCII letters only ever asks for ASCII ones).
 */
function defNames(text: string): Set<string> {
  const names = new Set<string>();
  // Kept for the whole scan: copies, not slices that would keep the file's text alive.
  for (const m of text.matchAll(DEF_NAME)) names.add(detachedString(m[1]!));
  return names;
}
/** The name is read in a lookahead: a match is `def` alone, so no `def` is ever skipped (`x = undef  # …\ndef f()`). */
const DEF_NAME = new RegExp(`def(?=(?:${SKIPPED})+([A-Za-z_]\\w*))`, 'g');

/** "app/db.py" → ["app.db"], "src/app/__init__.py" → ["src.app", "app"]. */
export function moduleNames(relPath: string): string[] {
  if (!/\.py$/.test(relPath)) return [];
  let mod = relPath.replace(/\.py$/, '').replace(/\/__init__$/, '');
  if (mod === '__init__') return [];
  mod = mod.split('/').join('.');
  const names = [mod];
  for (const root of SOURCE_ROOTS) if (relPath.startsWith(root)) names.push(mod.slice(root.length - 1 + 1));
  return names;
}

/**
 * A resolver over the scanned files: each imported function is summarised once per scan (a fresh interpreter each
 * time, so a summary never depends on which was asked first); the last few parsed files are kept for the next lookup.
 */
export function repositoryResolver(parser: PythonParser, workspace: string, files: readonly string[]): ExternalResolver {
  const byModule = new Map<string, string>();
  for (const f of files) for (const m of moduleNames(f)) if (!byModule.has(m)) byModule.set(m, f);
  const cache = new Map<string, ExternalSummary | undefined>();
  const active = new Set<string>();
  let nesting = 0;
  const parsed = new Map<string, FileAnalysis | undefined>();
  /** Per file: the names it may define (see defNames), or undefined when it cannot be read. */
  const defined = new Map<string, Set<string> | undefined>();
  const definedIn = (file: string): Set<string> | undefined => {
    if (defined.has(file)) return defined.get(file);
    const read = readSource(path.join(workspace, file));
    const names = read.ok ? defNames(read.source.text) : undefined;
    if (defined.size >= KEEP_NAMES_FILES) defined.clear();
    defined.set(file, names);
    return names;
  };
  let keptChars = 0;
  const analysisOf = (file: string): FileAnalysis | undefined => {
    if (parsed.has(file)) {
      const kept = parsed.get(file);
      parsed.delete(file);
      parsed.set(file, kept); // most recently used last
      return kept;
    }
    const read = readSource(path.join(workspace, file));
    const tree = read.ok ? parsePython(parser, read.source.text) : undefined;
    const analysis = read.ok && tree ? new FileAnalysis(tree.rootNode, read.source.text, file, resolve) : undefined;
    const chars = analysis?.source.length ?? 0;
    while (parsed.size > 0 && (parsed.size >= KEEP_FILES || keptChars + chars > KEEP_SOURCE_CHARS)) {
      const [oldest, old] = parsed.entries().next().value!;
      parsed.delete(oldest);
      keptChars -= old?.source.length ?? 0;
    }
    if (chars <= KEEP_SOURCE_CHARS) {
      parsed.set(file, analysis);
      keptChars += chars;
    }
    return analysis;
  };
  const resolve: ExternalResolver = (qualifiedName) => {
    if (cache.has(qualifiedName)) return cache.get(qualifiedName);
    const dot = qualifiedName.lastIndexOf('.');
    const file = byModule.get(qualifiedName.slice(0, dot));
    const name = qualifiedName.slice(dot + 1);
    if (!file || !/^[A-Za-z_]\w*$/.test(name) || active.has(qualifiedName) || nesting >= MAX_NESTING) return undefined;
    // A file whose text defines no function of that name (classes, constants, re-exports) is not parsed at all.
    const names = definedIn(file);
    if (names && !names.has(name)) {
      cache.set(detachedString(qualifiedName), undefined);
      return undefined;
    }
    const analysis = analysisOf(file);
    if (!analysis) return undefined;
    active.add(qualifiedName);
    nesting++;
    let summary: ExternalSummary | undefined;
    try {
      summary = new TaintInterpreter(analysis, () => undefined, () => undefined, () => false, BUDGET_MS, resolve).exportSummary(name);
    } finally {
      nesting--;
      active.delete(qualifiedName);
    }
    cache.set(detachedString(qualifiedName), summary);
    return summary;
  };
  resolve.covers = (qualifiedName) => byModule.has(qualifiedName.slice(0, qualifiedName.lastIndexOf('.')));
  resolve.mayDefine = (qualifiedName) => {
    const dot = qualifiedName.lastIndexOf('.');
    const file = byModule.get(qualifiedName.slice(0, dot));
    if (file === undefined) return false;
    return definedIn(file)?.has(qualifiedName.slice(dot + 1)) ?? true;
  };
  return resolve;
}
