// Parses a snippet and gives tests the FileAnalysis plus a way to find nodes by their source text.
import { FileAnalysis } from '../../src/analysis/file-analysis.js';
import { loadPython, parsePython, type SyntaxNode } from '../../src/parser/python.js';

export interface Analysed {
  file: FileAnalysis;
  /** The last node of one of the given types whose text equals `text` (the innermost/last occurrence). */
  find(text: string, types?: string[]): SyntaxNode;
  done(): void;
}

export async function analyse(source: string, path = 'pkg/mod.py'): Promise<Analysed> {
  const parser = await loadPython();
  const tree = parsePython(parser, source)!;
  const file = new FileAnalysis(tree.rootNode, source, path);
  return {
    file,
    find(text, types = ['call', 'attribute', 'identifier', 'binary_operator', 'string', 'concatenated_string', 'comparison_operator', 'subscript', 'dictionary', 'list', 'tuple', 'conditional_expression', 'boolean_operator', 'unary_operator', 'parenthesized_expression', 'integer', 'not_operator']) {
      const matches = tree.rootNode.descendantsOfType(types).filter((n) => n.text === text);
      const last = matches[matches.length - 1];
      if (!last) throw new Error(`no node with text ${text}`);
      return last;
    },
    done: () => undefined,
  };
}
