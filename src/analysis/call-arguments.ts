// Reads a call's arguments by position and keyword, including keywords passed through `**{...}` dicts.
import type { SyntaxNode } from '../parser/python.js';
import { sparseNodeMemo } from './node-memo.js';

/** Shared between callers (memoised per call node): read-only. */
export interface CallArguments {
  readonly positional: readonly SyntaxNode[];
  readonly keywords: ReadonlyMap<string, SyntaxNode>;
  /** `*args` expressions: positions after them are unknown. */
  readonly listSplats: readonly SyntaxNode[];
  /** `**kwargs` expressions. */
  readonly dictSplats: readonly SyntaxNode[];
}

const EMPTY: CallArguments = { positional: [], keywords: new Map(), listSplats: [], dictSplats: [] };

/** Most rules read the arguments of the calls they visit: computed once per call node. */
export const callArguments: (call: SyntaxNode) => CallArguments = sparseNodeMemo(readArguments);

const NO_NODES: readonly SyntaxNode[] = [];
const NO_KEYWORDS: ReadonlyMap<string, SyntaxNode> = new Map();

/** Reads the argument list once; the common shapes (no keywords, no splats) share the empty parts. */
function readArguments(call: SyntaxNode): CallArguments {
  const list = call.childForFieldName('arguments');
  if (!list) return EMPTY;
  if (list.type === 'generator_expression') return { ...EMPTY, positional: [list] };
  let positional: SyntaxNode[] | undefined;
  let keywords: Map<string, SyntaxNode> | undefined;
  let listSplats: SyntaxNode[] | undefined;
  let dictSplats: SyntaxNode[] | undefined;
  for (const arg of list.namedChildren) {
    if (!arg) continue;
    const type = arg.type;
    if (type === 'comment') continue;
    if (type === 'keyword_argument') {
      const name = arg.childForFieldName('name');
      const value = arg.childForFieldName('value');
      if (name && value) (keywords ??= new Map()).set(name.text, value);
    } else if (type === 'list_splat') {
      const inner = arg.namedChildren[0];
      if (inner) (listSplats ??= []).push(inner);
    } else if (type === 'dictionary_splat') {
      const inner = arg.namedChildren[0];
      if (inner) (dictSplats ??= []).push(inner);
    } else if (listSplats === undefined) {
      (positional ??= []).push(arg);
    }
  }
  return { positional: positional ?? NO_NODES, keywords: keywords ?? NO_KEYWORDS, listSplats: listSplats ?? NO_NODES, dictSplats: dictSplats ?? NO_NODES };
}
