// Reads a call's arguments by position and keyword, including keywords passed through `**{...}` dicts.
import type { SyntaxNode } from '../parser/python.js';

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

/** Most rules read the arguments of the calls they visit: computed once per call node (the nodes die with their tree). */
const memo = new WeakMap<SyntaxNode, CallArguments>();

export function callArguments(call: SyntaxNode): CallArguments {
  let args = memo.get(call);
  if (!args) memo.set(call, (args = readArguments(call)));
  return args;
}

function readArguments(call: SyntaxNode): CallArguments {
  const list = call.childForFieldName('arguments');
  if (!list) return EMPTY;
  if (list.type === 'generator_expression') return { ...EMPTY, positional: [list] };
  const out = { positional: [] as SyntaxNode[], keywords: new Map<string, SyntaxNode>(), listSplats: [] as SyntaxNode[], dictSplats: [] as SyntaxNode[] };
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
