// What a template engine object renders, HTML or plain text, judged from template names, sources, loaders and names.
import type { RuleContext } from '../engine/context.js';
import type { SyntaxNode } from '../parser/python.js';
import { nameWords } from '../analysis/name-words.js';
import { dottedParts } from '../analysis/value-destination.js';
import { unwrapParentheses } from '../analysis/syntax.js';

export type OutputKind = 'html' | 'text' | 'unknown';

/** Suffixes that only say "this is a template", stripped before the real extension is read (`mail.html.j2`). */
const TEMPLATE_SUFFIXES = new Set(['j2', 'jinja', 'jinja2', 'jinja3', 'tmpl', 'tpl', 'template', 'mako', 'mak', 'in']);
const MARKUP_EXTENSIONS = new Set(['html', 'htm', 'xhtml', 'shtml', 'xml', 'svg', 'rss', 'atom', 'vue', 'jsx']);
const TEXT_EXTENSIONS = new Set([
  'txt', 'text', 'sql', 'json', 'yaml', 'yml', 'toml', 'ini', 'cfg', 'conf', 'env', 'properties', 'py', 'pyi', 'sh',
  'bash', 'zsh', 'ps1', 'bat', 'cmd', 'md', 'markdown', 'rst', 'tex', 'latex', 'csv', 'tsv', 'dockerfile', 'c', 'h',
  'cc', 'cpp', 'hpp', 'go', 'rs', 'java', 'kt', 'js', 'ts', 'css', 'proto', 'tf', 'hcl', 'service', 'nginx', 'prompt',
  'cmake', 'mk', 'graphql', 'gql', 'eml', 'po', 'srt', 'vtt',
]);
/** Name words that tie a template object or its source to non-HTML output (`sql_env`, `prompt_template`). */
const TEXT_WORDS = new Set([
  'sql', 'query', 'queries', 'ddl', 'yaml', 'yml', 'json', 'toml', 'ini', 'cfg', 'latex', 'tex', 'txt', 'plaintext',
  'prompt', 'prompts', 'markdown', 'md', 'rst', 'csv', 'dockerfile', 'makefile', 'bash', 'shell', 'codegen', 'cpp',
]);
const MARKUP_WORDS = new Set(['html', 'htm', 'xhtml', 'xml', 'svg', 'markup']);

/** Output kind from a template file name: `page.html`, `query.sql.j2`, `report.txt`. */
export function fileNameKind(name: string): OutputKind {
  const base = name.slice(name.search(/[^/\\]*$/)).toLowerCase();
  const parts = base.split('.');
  if (parts.length < 2) return base === 'dockerfile' || base === 'makefile' ? 'text' : 'unknown';
  let i = parts.length - 1;
  while (i > 0 && TEMPLATE_SUFFIXES.has(parts[i]!)) i--;
  if (i === 0) return 'unknown';
  const ext = parts[i]!;
  if (MARKUP_EXTENSIONS.has(ext)) return 'html';
  return TEXT_EXTENSIONS.has(ext) ? 'text' : 'unknown';
}

/** Output kind from constant template source: markup tags or entities mean HTML, anything else is text. */
export function sourceTextKind(text: string): OutputKind {
  return /<\/?[A-Za-z!][^<>]*>|&(?:[A-Za-z]+|#\d+);/.test(text) ? 'html' : 'text';
}

/** Output kind from the words of identifiers. */
export function wordsKind(names: readonly string[]): OutputKind {
  const words = names.flatMap(nameWords);
  if (words.some((w) => MARKUP_WORDS.has(w))) return 'html';
  return words.some((w) => TEXT_WORDS.has(w)) ? 'text' : 'unknown';
}

/** HTML wins over text, text over unknown: one HTML template is enough for escaping to matter. */
export function combineKinds(kinds: readonly OutputKind[]): OutputKind {
  if (kinds.includes('html')) return 'html';
  return kinds.includes('text') ? 'text' : 'unknown';
}

/** Every constant string an expression may be (`"a.sql"`, `["a.sql", "b.sql"]`, `NAME if x else OTHER`); undefined when unknown. */
export function constantStrings(ctx: RuleContext, node: SyntaxNode | undefined): string[] | undefined {
  if (!node) return undefined;
  const values = ctx.possibleValues(node) ?? [];
  const out: string[] = [];
  for (const v of values) {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out.push(...(v as string[]));
    else return undefined;
  }
  return values.length > 0 ? out : undefined;
}

/** A file whose content is read into a string: `open("q.sql").read()`, `Path("q.sql").read_text()`, `with open(p) as f: f.read()`. */
function fileReadName(ctx: RuleContext, node: SyntaxNode): string | undefined {
  const n = unwrapParentheses(node);
  if (n.type !== 'call') return undefined;
  const fn = n.childForFieldName('function');
  if (fn?.type !== 'attribute') return undefined;
  const method = fn.childForFieldName('attribute')?.text;
  if (method !== 'read' && method !== 'read_text') return undefined;
  const object = unwrapParentheses(fn.childForFieldName('object'));
  if (!object) return undefined;
  // `(TEMPLATE_DIR / "query.sql").read_text()`: the last path segment names the file.
  if (object.type === 'binary_operator' && object.childForFieldName('operator')?.type === '/') return ctx.stringValue(object.childForFieldName('right'));
  for (const origin of ctx.originCalls(object) ?? []) {
    const callee = ctx.callee(origin);
    if (callee === 'open' || callee === 'io.open' || callee === 'codecs.open' || callee === 'pathlib.Path') {
      const args = ctx.arguments(origin).positional;
      const path = callee === 'pathlib.Path' ? args.at(-1) : ctx.argument(origin, 0, 'file');
      const text = ctx.stringValue(path);
      if (text !== undefined) return text;
    }
  }
  return undefined;
}

/** Output kind of an expression holding template source text. */
export function sourceKind(ctx: RuleContext, node: SyntaxNode | undefined): OutputKind {
  if (!node) return 'unknown';
  const texts = constantStrings(ctx, node);
  if (texts) return combineKinds(texts.map(sourceTextKind));
  const file = fileReadName(ctx, node);
  if (file !== undefined) return fileNameKind(file);
  return wordsKind(dottedParts(unwrapParentheses(node)).slice(-1));
}

/** Output kind of an expression holding template names (a name, or a list of names). */
export function namesKind(ctx: RuleContext, node: SyntaxNode | undefined): OutputKind {
  const names = constantStrings(ctx, node);
  return names ? combineKinds(names.map(fileNameKind)) : 'unknown';
}

/** Names the created object is stored under: `sql_env = Environment()`, `self.prompt_env = …`. */
export function destinationKind(ctx: RuleContext, creation: SyntaxNode): OutputKind {
  return wordsKind(ctx.valueDestination(creation).names);
}
