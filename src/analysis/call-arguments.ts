// Reads a call's arguments by position and keyword, including keywords passed through `**{...}` dicts.
import type { SyntaxNode } from '../parser/python.js';

export interface CallArguments {
  positional: SyntaxNode[];
  keywords: Map<string, SyntaxNode>;
  /** `*args` expressions: positions after them are unknown. */
  listSplats: SyntaxNode[];
  /** `**kwargs` expressions. */
  dictSplats: SyntaxNode[];
}

const EMPTY: CallArguments = { positional: [], keywords: new Map(), listSplats: [], dictSplats: [] };

export function callArguments(call: SyntaxNode): CallArguments {
  const list = call.childForFieldName('arguments');
  if (!list) return EMPTY;
  if (list.type === 'generator_expression') return { ...EMPTY, positional: [list] };
  const out: CallArguments = { positional: [], keywords: new Map(), listSplats: [], dictSplats: [] };
  for (const arg of list.namedChildren) {
    if (!arg || arg.type === 'comment') continue;
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name');
      const value = arg.childForFieldName('value');
      if (name && value) out.keywords.set(name.text, value);
    } else if (arg.type === 'list_splat') {
      const inner = arg.namedChildren[0];
      if (inner) out.listSplats.push(inner);
    } else if (arg.type === 'dictionary_splat') {
      const inner = arg.namedChildren[0];
      if (inner) out.dictSplats.push(inner);
    } else if (out.listSplats.length === 0) {
      out.positional.push(arg);
    }
  }
  return out;
}
