// Loads web-tree-sitter and the tree-sitter-python grammar once per process (or worker).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import wts from '../wts.cjs';
import { copyTree, fastModule, type SyntaxTree } from './syntax-tree.js';

const { Parser, Language } = wts;
export type { Point, SyntaxNode, SyntaxTree } from './syntax-tree.js';
export type PythonParser = wts.Parser;

const here = path.dirname(fileURLToPath(import.meta.url));

/** A file shipped beside the bundle in dist/, or, in development and tests, the one in node_modules. */
export function assetPath(pkg: string, file: string): string {
  const bundled = path.join(here, file);
  if (existsSync(bundled)) return bundled;
  return createRequire(import.meta.url).resolve(`${pkg}/${file}`);
}

let loading: Promise<PythonParser> | undefined;
let wasmModule: ReturnType<typeof fastModule>;
let fastCopy = true;

/** Tests compare the tree copied through the WASM exports with the one copied through the public cursor API. */
export function useFastTreeCopy(enabled: boolean): boolean {
  const was = fastCopy;
  fastCopy = enabled;
  return was && wasmModule !== undefined;
}

/** Whether trees are copied through the WASM exports (false: the public cursor API, slower). */
export function fastTreeCopy(): boolean {
  return fastCopy && wasmModule !== undefined;
}

/**
 * Parses Python text into a SyntaxTree (a plain JS copy; the WASM tree is deleted before returning).
 * Undefined when the parser gives up (it returns no tree only when cancelled).
 */
export function parsePython(parser: PythonParser, text: string): SyntaxTree | undefined {
  const tree = parser.parse(text);
  return tree ? adoptTree(tree, text) : undefined;
}

/** Copies a tree the caller parsed from `text` into a SyntaxTree and deletes the WASM tree. */
export function adoptTree(tree: wts.Tree, text: string): SyntaxTree {
  try {
    return copyTree(tree, text, fastCopy ? wasmModule : undefined);
  } finally {
    tree.delete();
  }
}

/** The shared parser, set to Python. The first call initialises the WASM runtime and grammar. */
export function loadPython(): Promise<PythonParser> {
  loading ??= (async () => {
    const runtimeWasm = assetPath('web-tree-sitter', 'web-tree-sitter.wasm');
    // web-tree-sitter.cjs reads the CommonJS __dirname during init; an ESM bundle has none.
    (globalThis as { __dirname?: string }).__dirname ??= path.dirname(runtimeWasm);
    // Emscripten adopts this object as its module: it gains HEAP32 and the WASM exports the fast tree copy calls.
    const moduleObject = { locateFile: () => runtimeWasm };
    await Parser.init(moduleObject);
    wasmModule = fastModule(moduleObject);
    const python = await Language.load(assetPath('tree-sitter-python', 'tree-sitter-python.wasm'));
    const parser = new Parser();
    parser.setLanguage(python);
    return parser;
  })();
  return loading;
}
