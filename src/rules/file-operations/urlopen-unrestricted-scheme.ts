// urlopen-unrestricted-scheme: urllib openers fed a run-time URL whose scheme nobody restricted, so file:// URLs are read too.
import type { ConstValue } from '../../analysis/constants.js';
import { namedChildren, unwrapParentheses } from '../../analysis/syntax.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

interface Slot {
  position: number;
  keyword: string;
}

const URLLIB_MODULES = ['urllib.request', 'urllib', 'urllib2', 'six.moves.urllib.request', 'future.moves.urllib.request'];

/** Functions that open whatever URL they are given, with the argument that holds it. */
const OPEN_FUNCTIONS: Record<string, Slot> = Object.fromEntries(
  URLLIB_MODULES.flatMap((m) => [
    [`${m}.urlopen`, { position: 0, keyword: 'url' }],
    [`${m}.urlretrieve`, { position: 0, keyword: 'url' }],
  ]),
);

/** Classes and factories whose objects open any scheme their handlers know, `file:` included. */
const OPENER_FACTORIES = new Set(
  URLLIB_MODULES.flatMap((m) => [`${m}.URLopener`, `${m}.FancyURLopener`, `${m}.build_opener`, `${m}.OpenerDirector`]),
);
const OPENER_METHODS: Record<string, Slot> = {
  open: { position: 0, keyword: 'fullurl' },
  retrieve: { position: 0, keyword: 'url' },
};

const REQUEST_CLASSES = new Set(URLLIB_MODULES.map((m) => `${m}.Request`));
const REQUEST_URL: Slot = { position: 0, keyword: 'url' };

const URL_PARSERS = new Set(
  ['urllib.parse', 'urlparse', 'six.moves.urllib.parse', 'future.moves.urllib.parse'].flatMap((m) => [`${m}.urlparse`, `${m}.urlsplit`]),
);
const REGEX_MATCHERS = new Set(['re.match', 're.fullmatch', 're.search', 'regex.match', 'regex.fullmatch', 'regex.search']);
const REGEX_COMPILERS = new Set(['re.compile', 'regex.compile']);
const REGEX_METHODS = new Set(['match', 'fullmatch', 'search']);
/** String methods that keep a URL's scheme recognisable: `url.lower().startswith("https://")`. */
const CASE_METHODS = new Set(['lower', 'casefold', 'strip', 'lstrip']);

/** A fixed scheme that only reaches the network: `https://…`, `ftp://…`. */
const WEB_PREFIX = /^(https?|ftps?):\/\//i;
/** A scheme (or scheme prefix) in an allow-list check: "http", "https", "https://". */
const WEB_SCHEME = /^(https?|ftps?)($|:)/i;
const WEB_SCHEME_NAME = /^(https?|ftps?)$/i;

/** `name` or `obj.attr.attr`: the parts of a plain access path, for recognising the same value at a guard. */
function accessPath(node: SyntaxNode | null | undefined): string | undefined {
  const n = unwrapParentheses(node);
  if (!n) return undefined;
  if (n.type === 'identifier') return n.text;
  if (n.type === 'attribute') {
    const base = accessPath(n.childForFieldName('object'));
    const attr = n.childForFieldName('attribute');
    return base !== undefined && attr ? `${base}.${attr.text}` : undefined;
  }
  return undefined;
}

function slotArgument(ctx: RuleContext, call: SyntaxNode, slot: Slot): SyntaxNode | undefined {
  return ctx.argument(call, slot.position, slot.keyword);
}

function method(call: SyntaxNode): { name: string; receiver: SyntaxNode } | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute') return undefined;
  const name = fn.childForFieldName('attribute')?.text;
  const receiver = fn.childForFieldName('object');
  return name && receiver ? { name, receiver } : undefined;
}

/** Every value is a constant allow-list entry naming a network scheme. */
function allWebSchemes(value: ConstValue | undefined, pattern: RegExp): boolean {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.length > 0 && list.every((v) => typeof v === 'string' && pattern.test(v));
}

/** A regular expression anchored at the start (by `^`, or by match()/fullmatch()) that only matches network schemes: `^https?://`, `(?i)^(?:http|https)://`. */
function isWebSchemePattern(pattern: string | undefined, matchesAtStart: boolean): boolean {
  if (pattern === undefined) return false;
  const anchored = /^(\(\?[aiLmsux]+\))?(\^|\\A)?/.exec(pattern)!;
  if (!anchored[2] && !matchesAtStart) return false;
  const body = pattern.slice(anchored[0].length);
  return /^\(?(\?:)?(https?|ftps?)\b/i.test(body);
}

/** Where one file's scheme checks were seen: the checked access path, the function holding the check, its position. */
interface Guard {
  path: string;
  scope: number;
  at: number;
}

/** Checks seen so far in each file; visitors run in document order, so every check before a sink is known at the sink. */
const guardsOfFile = new WeakMap<RuleContext, Guard[]>();

function scopeId(node: SyntaxNode, ctx: RuleContext): number {
  return (ctx.enclosingFunction(node) ?? node.tree.rootNode).id;
}

function recordGuards(node: SyntaxNode, paths: string[], ctx: RuleContext): void {
  if (paths.length === 0) return;
  let list = guardsOfFile.get(ctx);
  if (!list) guardsOfFile.set(ctx, (list = []));
  const scope = scopeId(node, ctx);
  for (const path of paths) list.push({ path, scope, at: node.startIndex });
}

function isChecked(path: string, sink: SyntaxNode, ctx: RuleContext): boolean {
  const scope = scopeId(sink, ctx);
  return (guardsOfFile.get(ctx) ?? []).some((g) => g.path === path && g.scope === scope && g.at < sink.startIndex);
}

/** The expression with case-only transformations peeled off: `url.strip().lower()` → `url`. */
function subject(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  let cur = unwrapParentheses(node);
  while (cur?.type === 'call') {
    const m = method(cur);
    if (!m || !CASE_METHODS.has(m.name)) break;
    cur = unwrapParentheses(m.receiver);
  }
  return cur;
}

/** For a parse result (`urlparse(url)` or a name bound to it): the parsed URL's access path and the result's own name. */
function parsedSources(parsed: SyntaxNode, ctx: RuleContext): string[] {
  const out: string[] = [];
  for (const call of ctx.originCalls(parsed) ?? []) {
    if (!ctx.calleeCandidates(call)?.some((c) => URL_PARSERS.has(c))) continue;
    const source = accessPath(subject(ctx.argument(call, 0, 'url')));
    if (source !== undefined) out.push(source);
  }
  const own = accessPath(parsed);
  if (out.length > 0 && own !== undefined) out.push(own);
  return out;
}

/** The access paths whose scheme an expression reads: `urlparse(url).scheme`, `parsed[0]`, `scheme` bound to either. */
function schemeOf(node: SyntaxNode | null | undefined, ctx: RuleContext, depth = 0): string[] {
  const n = subject(node);
  if (!n || depth > 4) return [];
  if (n.type === 'identifier') return (ctx.boundValues(n) ?? []).flatMap((b) => schemeOf(b.node, ctx, depth + 1));
  let parsed: SyntaxNode | null = null;
  if (n.type === 'attribute' && n.childForFieldName('attribute')?.text === 'scheme') parsed = n.childForFieldName('object');
  if (n.type === 'subscript' && ctx.constantValue(n.childForFieldName('subscript')) === 0) parsed = n.childForFieldName('value');
  return parsed ? parsedSources(parsed, ctx) : [];
}

/** Access paths a call checks the scheme of: `x.startswith(("http://", "https://"))`, `re.match(r"^https?://", x)`. */
function checkedByCall(call: SyntaxNode, ctx: RuleContext): string[] {
  const m = method(call);
  if (m?.name === 'startswith') {
    const prefix = ctx.constantValue(ctx.argument(call, 0, 'prefix'));
    const path = accessPath(subject(m.receiver));
    return path !== undefined && allWebSchemes(prefix, WEB_SCHEME) ? [path] : [];
  }
  let pattern: SyntaxNode | undefined;
  let target: SyntaxNode | undefined;
  let operation: string | undefined;
  const matcher = ctx.calleeCandidates(call)?.find((c) => REGEX_MATCHERS.has(c));
  if (matcher) {
    pattern = ctx.argument(call, 0, 'pattern');
    target = ctx.argument(call, 1, 'string');
    operation = matcher.split('.').pop();
  } else if (m && REGEX_METHODS.has(m.name)) {
    const compiled = ctx.originCalls(m.receiver)?.find((c) => ctx.calleeCandidates(c)?.some((n) => REGEX_COMPILERS.has(n)));
    pattern = compiled ? ctx.argument(compiled, 0, 'pattern') : undefined;
    target = ctx.argument(call, 0, 'string');
    operation = m.name;
  }
  const path = accessPath(subject(target));
  const atStart = operation === 'match' || operation === 'fullmatch';
  return path !== undefined && isWebSchemePattern(ctx.stringValue(pattern), atStart) ? [path] : [];
}

/** Access paths a comparison checks the scheme of: `urlparse(u).scheme not in ("http", "https")`, `scheme == "https"`. */
function checkedByComparison(comparison: SyntaxNode, ctx: RuleContext): string[] {
  const operands = namedChildren(comparison);
  if (operands.length !== 2) return [];
  const [a, b] = operands as [SyntaxNode, SyntaxNode];
  const out: string[] = [];
  if (allWebSchemes(ctx.constantValue(b), WEB_SCHEME_NAME)) out.push(...schemeOf(a, ctx));
  if (allWebSchemes(ctx.constantValue(a), WEB_SCHEME_NAME)) out.push(...schemeOf(b, ctx));
  return out;
}

/** A URL expression whose scheme is fixed or known: a constant, a choice of constants, or text starting `https://`. */
function hasFixedScheme(url: SyntaxNode, ctx: RuleContext): boolean {
  if (ctx.constantValue(url) !== undefined) return true;
  const choices = ctx.possibleValues(url);
  if (choices && choices.length > 0 && choices.every((v) => typeof v === 'string' || v === null)) return true;
  const prefix = ctx.knownPrefix(url);
  if (prefix && WEB_PREFIX.test(prefix.text)) return true;
  const template = ctx.stringTemplate(url);
  return WEB_PREFIX.test(template.text.split('\u0001')[0] ?? '');
}

/** What a URL argument stands for: the URL expressions of the Request objects it was built from, or itself. */
function urlExpressions(arg: SyntaxNode, ctx: RuleContext): SyntaxNode[] | undefined {
  const origins = ctx.originCalls(arg);
  if (origins && origins.length > 0 && origins.every((c) => ctx.calleeCandidates(c)?.some((n) => REQUEST_CLASSES.has(n)))) {
    const urls: SyntaxNode[] = [];
    for (const request of origins) {
      const url = slotArgument(ctx, request, REQUEST_URL);
      if (!url) return undefined; // built from **kwargs: unknown
      urls.push(url);
    }
    return urls;
  }
  return [arg];
}

function isOpener(receiver: SyntaxNode, ctx: RuleContext): boolean {
  const origins = ctx.originCalls(receiver) ?? ctx.instanceAttributeValues(receiver)?.flatMap((v) => ctx.originCalls(v) ?? []);
  if (!origins || origins.length === 0) return false;
  return origins.every((call) => {
    if (ctx.calleeCandidates(call)?.some((n) => OPENER_FACTORIES.has(n))) return true;
    const fn = call.childForFieldName('function');
    return !!fn && (ctx.baseClassNames(fn) ?? []).some((n) => OPENER_FACTORIES.has(n));
  });
}

export const urlopenUnrestrictedScheme = defineRule({
  id: 'urlopen-unrestricted-scheme',
  title: 'urllib opens a run-time URL without restricting its scheme',
  family: 'file-operations',
  checklist: ['File Operations', 'Input Validation'],
  level: 'warning',
  securitySeverity: 5.3,
  precision: 'medium',
  tier: 'extended',
  cwe: [73],
  compatible: { bandit: ['B310'], ruff: ['S310'] },
  docs: {
    whatItDoes:
      'Reports `urllib.request.urlopen()` and `urlretrieve()` (also under their `urllib2`, `six.moves` and Python 2 names), `Request` objects passed to them, and the `open()`/`retrieve()` methods of `URLopener`, `FancyURLopener` and `build_opener()` openers, when the URL is computed at run time and its scheme is not pinned. A URL that is a constant, a choice of constants, or text that starts with a fixed `http://`, `https://` or `ftp://` is not reported, nor is one whose scheme the same function checks first (`url.startswith(("http://", "https://"))`, `urlparse(url).scheme in ("http", "https")`, or an anchored `^https?://` regular expression).',
    whyBad:
      'urllib does not only speak HTTP: its default handlers also read `file://` URLs from the local disk, `ftp://` servers and `data:` URLs. When any part of the URL that decides the scheme comes from a request, a configuration value or a message, a caller can point the code at `file:///etc/passwd`, a key file or a cloud credentials file, and the content flows back into the program as if it had been downloaded.',
    example: 'from urllib.request import urlopen\n\ndef fetch(url):\n    with urlopen(url, timeout=10) as response:\n        return response.read()\n',
    useInstead:
      'from urllib.parse import urlparse\nfrom urllib.request import urlopen\n\ndef fetch(url):\n    if urlparse(url).scheme not in ("http", "https"):\n        raise ValueError("only http and https URLs are allowed")\n    with urlopen(url, timeout=10) as response:\n        return response.read()\n',
    references: [
      'https://cwe.mitre.org/data/definitions/73.html',
      'https://docs.python.org/3/library/urllib.request.html#urllib.request.urlopen',
      'https://docs.python.org/3/library/urllib.parse.html#urllib.parse.urlparse',
      'https://owasp.org/www-community/attacks/Server_Side_Request_Forgery',
    ],
  },
  visitors: {
    comparison_operator(node, ctx) {
      recordGuards(node, checkedByComparison(node, ctx), ctx);
    },
    call(node, ctx) {
      recordGuards(node, checkedByCall(node, ctx), ctx);
      const callees = ctx.calleeCandidates(node) ?? [];
      let slot: Slot | undefined;
      let name: string | undefined;
      const fn = callees.find((c) => OPEN_FUNCTIONS[c]);
      if (fn) {
        slot = OPEN_FUNCTIONS[fn];
        name = `${fn.split('.').pop()}()`;
      } else {
        const m = method(node);
        const spec = m ? OPENER_METHODS[m.name] : undefined;
        if (!m || !spec || !isOpener(m.receiver, ctx)) return;
        slot = spec;
        name = `opener.${m.name}()`;
      }
      const arg = slotArgument(ctx, node, slot);
      if (!arg) return;
      const urls = urlExpressions(arg, ctx);
      if (!urls) return;
      const unchecked = urls.some((url) => {
        if (hasFixedScheme(url, ctx)) return false;
        // `parsed.geturl()` after checking `parsed.scheme`: the parse result stands for the URL.
        const rebuilt = url.type === 'call' && method(url)?.name === 'geturl' ? method(url)!.receiver : url;
        const path = accessPath(rebuilt);
        return path === undefined || !isChecked(path, node, ctx);
      });
      if (!unchecked) return;
      ctx.report(
        node,
        `${name} opens a URL computed at run time without restricting its scheme, so a file:// URL would read local files; check that the scheme is http or https before opening it.`,
      );
    },
  },
});
