// Loads web-tree-sitter and the tree-sitter-python grammar once per process (or worker).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import wts from '../wts.cjs';

const { Parser, Language } = wts;
export type SyntaxNode = wts.Node;
export type SyntaxTree = wts.Tree;
export type PythonParser = wts.Parser;

const here = path.dirname(fileURLToPath(import.meta.url));

/** A file shipped beside the bundle in dist/, or, in development and tests, the one in node_modules. */
export function assetPath(pkg: string, file: string): string {
  const bundled = path.join(here, file);
  if (existsSync(bundled)) return bundled;
  return createRequire(import.meta.url).resolve(`${pkg}/${file}`);
}

let loading: Promise<PythonParser> | undefined;

/** The shared parser, set to Python. The first call initialises the WASM runtime and grammar. */
export function loadPython(): Promise<PythonParser> {
  loading ??= (async () => {
    const runtimeWasm = assetPath('web-tree-sitter', 'web-tree-sitter.wasm');
    // web-tree-sitter.cjs reads the CommonJS __dirname during init; an ESM bundle has none.
    (globalThis as { __dirname?: string }).__dirname ??= path.dirname(runtimeWasm);
    await Parser.init({ locateFile: () => runtimeWasm });
    const python = await Language.load(assetPath('tree-sitter-python', 'tree-sitter-python.wasm'));
    const parser = new Parser();
    parser.setLanguage(python);
    return parser;
  })();
  return loading;
}
