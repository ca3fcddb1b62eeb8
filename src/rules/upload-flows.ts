// Shared by the upload rules: the call a data-flow sink belongs to, and the functions a flow passes through.
import { namedChildren, unwrapParentheses } from '../analysis/syntax.js';
import type { TaintHit } from '../analysis/taint/index.js';
import type { RuleContext } from '../engine/context.js';
import type { SyntaxNode } from '../parser/python.js';

/** The call a sink node belongs to: the receiver of `f.save()`, or an argument. */
export function sinkCall(sink: SyntaxNode): SyntaxNode | undefined {
  let at: SyntaxNode | null = sink.parent;
  if (at?.type === 'attribute' && at.childForFieldName('object')?.id === sink.id) return at.parent?.type === 'call' ? at.parent : undefined;
  if (at?.type === 'keyword_argument') at = at.parent;
  return at?.type === 'argument_list' && at.parent?.type === 'call' ? at.parent : undefined;
}

/** The functions a flow passes through: where the upload was read, each step, and the sink. */
export function flowFunctions(hit: TaintHit, ctx: RuleContext): SyntaxNode[] {
  const root = hit.sink.tree.rootNode;
  const out = new Map<number, SyntaxNode>();
  const add = (node: SyntaxNode | undefined) => {
    const fn = node ? ctx.enclosingFunction(node) : undefined;
    if (fn) out.set(fn.id, fn);
  };
  add(hit.sink);
  for (const step of hit.label.steps) {
    if (step.path) continue; // another file
    add(root.descendantForPosition({ row: step.region.startLine - 1, column: step.region.startColumn - 1 }) ?? undefined);
  }
  return [...out.values()];
}

/** Extensions a server or template engine executes or a browser runs as part of the site. */
export const EXECUTABLE_EXTENSION = /\.(py|pyc|php\d?|phtml|phar|jsp|jspx|asp|aspx|cgi|pl|sh|html?|xhtml|shtml|svg|js|mjs|j2|jinja2?|tmpl|tpl)$/i;
const CLIENT_NAME_ATTRIBUTES = new Set(['filename', 'name', 'raw_filename']);
const MAX_DEPTH = 6;

export interface PathParts {
  texts: string[];
  dynamic: SyntaxNode[];
}

/** The constant text pieces and computed pieces a path expression is assembled from, through local names. */
export function pathParts(node: SyntaxNode, ctx: RuleContext, depth = 0, out: PathParts = { texts: [], dynamic: [] }): PathParts {
  const n = unwrapParentheses(node);
  if (depth > MAX_DEPTH) return out;
  const text = ctx.stringValue(n);
  if (text !== undefined) {
    out.texts.push(text);
    return out;
  }
  switch (n.type) {
    case 'identifier': {
      const bound = ctx.boundValues(n);
      if (bound?.length === 1 && bound[0]!.kind === 'assign') return pathParts(bound[0]!.node, ctx, depth + 1, out);
      out.dynamic.push(n);
      return out;
    }
    case 'binary_operator':
      for (const side of [n.childForFieldName('left'), n.childForFieldName('right')]) if (side) pathParts(side, ctx, depth + 1, out);
      return out;
    case 'string':
    case 'concatenated_string':
      for (const c of n.descendantsOfType('interpolation')) {
        const e = c.childForFieldName('expression');
        if (e) pathParts(e, ctx, depth + 1, out);
      }
      for (const c of n.descendantsOfType('string_content')) out.texts.push(c.text);
      return out;
    case 'call': {
      const callee = ctx.callee(n) ?? '';
      if (/^(os\.path\.join|posixpath\.join|pathlib\.(Pure)?Path|str|os\.fspath|werkzeug\.utils\.secure_filename|flask\.safe_join|werkzeug\.security\.safe_join)$/.test(callee)) {
        for (const a of ctx.arguments(n).positional) pathParts(a, ctx, depth + 1, out);
        return out;
      }
      const fn = n.childForFieldName('function');
      if (fn?.type === 'attribute' && /^(joinpath|with_suffix|with_name|lower|strip)$/.test(fn.childForFieldName('attribute')?.text ?? '')) {
        pathParts(fn.childForFieldName('object')!, ctx, depth + 1, out);
        for (const a of ctx.arguments(n).positional) pathParts(a, ctx, depth + 1, out);
        return out;
      }
      out.dynamic.push(n);
      return out;
    }
    default:
      out.dynamic.push(n);
      return out;
  }
}

/** Where the bytes of an upload-saving call go: `f.save(dst)`, `storage.save(name, f)`, the path `open()`ed for `write()`. */
export function destinationOf(call: SyntaxNode, ctx: RuleContext): SyntaxNode | undefined {
  const fn = call.childForFieldName('function');
  const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
  const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
  if (method === 'save') return ctx.argument(call, 0, ctx.arguments(call).keywords.has('name') ? 'name' : 'dst');
  if ((method === 'write_bytes' || method === 'write_text') && receiver) return receiver;
  const file = method === 'write' || method === 'writelines' ? receiver : ctx.callee(call) === 'shutil.copyfileobj' ? ctx.argument(call, 1, 'fdst') : undefined;
  const origin = file ? ctx.originCalls(file) : undefined;
  if (origin?.length !== 1) return undefined;
  const opener = origin[0]!;
  const openerFn = opener.childForFieldName('function');
  if (openerFn?.type === 'attribute' && openerFn.childForFieldName('attribute')?.text === 'open') return openerFn.childForFieldName('object') ?? undefined;
  return ctx.argument(opener, 0, 'file');
}

export function mentionsClientName(node: SyntaxNode): boolean {
  if (node.type === 'attribute' && CLIENT_NAME_ATTRIBUTES.has(node.childForFieldName('attribute')?.text ?? '')) return true;
  return namedChildren(node).some(mentionsClientName);
}
