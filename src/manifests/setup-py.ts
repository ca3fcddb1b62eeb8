// Reads the literal requirement lists of a setup.py `setup(...)` call (install_requires, extras_require, setup_requires,
// tests_require) through the engine's name resolution and constant analysis, into the manifest model.
import { FileAnalysis } from '../analysis/file-analysis.js';
import { namedChildren, unwrapParentheses } from '../analysis/syntax.js';
import { regionOf } from '../engine/finding.js';
import { parsePython, type PythonParser, type SyntaxNode } from '../parser/python.js';
import type { Manifest, ManifestProblem, Requirement } from './model.js';
import { parseRequirement, toRequirement } from './requirement-line.js';

const SETUP_FUNCTIONS = ['setuptools.setup', 'distutils.core.setup', 'setuptools._distutils.core.setup', 'numpy.distutils.core.setup'];
const LIST_KEYWORDS: Record<string, string> = { install_requires: 'default', setup_requires: 'build-system', tests_require: 'test' };
const MAX_DEPTH = 6;

/** The string nodes a list-valued expression is built from: list/tuple literals, `+`, names bound to them, `*splats`. */
function stringItems(file: FileAnalysis, node: SyntaxNode | null | undefined, depth = 0): SyntaxNode[] {
  const n = unwrapParentheses(node);
  if (!n || depth > MAX_DEPTH) return [];
  switch (n.type) {
    case 'list':
    case 'tuple':
      return namedChildren(n).flatMap((item) => {
        const inner = item.type === 'list_splat' ? namedChildren(item)[0] : item;
        if (inner && (inner.type === 'string' || inner.type === 'concatenated_string')) return [inner];
        return stringItems(file, inner, depth + 1);
      });
    case 'binary_operator':
      return n.childForFieldName('operator')?.text === '+' ? [...stringItems(file, n.childForFieldName('left'), depth + 1), ...stringItems(file, n.childForFieldName('right'), depth + 1)] : [];
    case 'identifier':
      return (file.boundValues(n) ?? []).flatMap((b) => stringItems(file, b.node, depth + 1));
    case 'string':
    case 'concatenated_string':
      return [n];
    default:
      return [];
  }
}

/** Requirement lists from the setup() calls of a parsed setup.py. */
export function setupPyManifest(file: FileAnalysis): Manifest {
  const requirements: Requirement[] = [];
  const problems: ManifestProblem[] = [];
  const add = (strings: SyntaxNode[], group: string) => {
    for (const s of strings) {
      const text = file.stringValue(s);
      if (text === undefined) continue;
      const region = regionOf(s);
      const parsed = parseRequirement(text);
      if (!parsed.ok) {
        problems.push({ message: parsed.error, region });
        continue;
      }
      requirements.push(toRequirement(parsed.requirement, { group, region, text: text.slice(0, parsed.requirement.length).trim() }));
    }
  };
  for (const name of SETUP_FUNCTIONS) {
    for (const call of file.callsTo(name)) {
      for (const [keyword, group] of Object.entries(LIST_KEYWORDS)) {
        const value = file.keyword(call, keyword).node;
        if (value) add(stringItems(file, value), group);
      }
      let extras = unwrapParentheses(file.keyword(call, 'extras_require').node);
      if (extras?.type === 'identifier') {
        const bound = file.boundValues(extras);
        extras = bound?.length === 1 ? unwrapParentheses(bound[0]!.node) : undefined;
      }
      if (extras?.type !== 'dictionary') continue;
      for (const pair of namedChildren(extras)) {
        if (pair.type !== 'pair') continue;
        const group = file.stringValue(pair.childForFieldName('key'));
        if (group !== undefined) add(stringItems(file, pair.childForFieldName('value')), group);
      }
    }
  }
  return { path: file.path, format: 'setup-py', requirements, indexes: [], includes: [], problems };
}

/** Parses setup.py text and reads its setup() requirement lists; the tree is a JS copy, collected with the analysis. */
export function parseSetupPy(parser: PythonParser, relPath: string, text: string): Manifest {
  const tree = parsePython(parser, text);
  if (!tree) return { path: relPath, format: 'setup-py', requirements: [], indexes: [], includes: [], problems: [{ message: 'the Python parser returned no tree' }] };
  return setupPyManifest(new FileAnalysis(tree.rootNode, text, relPath));
}
