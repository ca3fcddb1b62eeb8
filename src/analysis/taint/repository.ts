// Data flow across files: maps module names to the repository's files and summarises imported functions on demand.
import path from 'node:path';
import { parsePython, type PythonParser } from '../../parser/python.js';
import { readSource } from '../../read-source.js';
import { FileAnalysis } from '../file-analysis.js';
import { TaintInterpreter, type ExternalResolver, type ExternalSummary } from './interpreter.js';

/** Folders that commonly hold a project's packages without being part of their import names. */
const SOURCE_ROOTS = ['src/', 'lib/', 'python/'];
const MAX_NESTING = 3;
const BUDGET_MS = 2000;

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

/** A resolver over the scanned files: each imported function is summarised once per scan, its tree freed at once. */
export function repositoryResolver(parser: PythonParser, workspace: string, files: readonly string[]): ExternalResolver {
  const byModule = new Map<string, string>();
  for (const f of files) for (const m of moduleNames(f)) if (!byModule.has(m)) byModule.set(m, f);
  const cache = new Map<string, ExternalSummary | undefined>();
  const active = new Set<string>();
  let nesting = 0;
  const resolve: ExternalResolver = (qualifiedName) => {
    if (cache.has(qualifiedName)) return cache.get(qualifiedName);
    const dot = qualifiedName.lastIndexOf('.');
    const file = byModule.get(qualifiedName.slice(0, dot));
    const name = qualifiedName.slice(dot + 1);
    if (!file || !/^[A-Za-z_]\w*$/.test(name) || active.has(qualifiedName) || nesting >= MAX_NESTING) return undefined;
    const read = readSource(path.join(workspace, file));
    if (!read.ok) return undefined;
    const tree = parsePython(parser, read.source.text);
    if (!tree) return undefined;
    active.add(qualifiedName);
    nesting++;
    let summary: ExternalSummary | undefined;
    try {
      const analysis = new FileAnalysis(tree.rootNode, read.source.text, file, resolve);
      summary = new TaintInterpreter(analysis, () => undefined, () => undefined, () => false, BUDGET_MS, resolve).exportSummary(name);
    } finally {
      nesting--;
      active.delete(qualifiedName);
    }
    cache.set(qualifiedName, summary);
    return summary;
  };
  resolve.covers = (qualifiedName) => byModule.has(qualifiedName.slice(0, qualifiedName.lastIndexOf('.')));
  return resolve;
}
