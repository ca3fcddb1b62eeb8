// Guards: conditions that, where they hold (or where they fail), make a local name safe for some sink kinds.
// `if not os.path.realpath(p).startswith(BASE): abort(403)` validates p for file paths after the if;
// `if url_has_allowed_host_and_scheme(u, hosts):` validates u for redirects inside the branch.
import type { SyntaxNode } from '../../parser/python.js';
import type { FileAnalysis } from '../file-analysis.js';
import { reachingBindings } from '../reaching-bindings.js';
import { namedChildren, unwrapParentheses } from '../syntax.js';
import type { SinkKind } from './value.js';

/** After the guard, the local name can no longer harm these sink kinds. */
export interface Refinement {
  name: string;
  kinds: readonly SinkKind[] | 'all';
}

export interface GuardContext {
  file: FileAnalysis;
  /** The expression carries no untrusted data in the current environment. */
  isClean(node: SyntaxNode): boolean;
}

/** Path normalisation: a check on the result compares the real location (`..` and links resolved). */
const PATH_NORMALIZERS = new Set(['os.path.realpath', 'os.path.abspath', 'os.path.normpath', 'posixpath.realpath', 'posixpath.abspath', 'posixpath.normpath', 'ntpath.realpath', 'ntpath.abspath', 'ntpath.normpath']);
/** Path methods that normalise (`Path(p).resolve()`). */
const PATH_NORMALIZER_METHODS = new Set(['resolve']);
/** Calls that answer "is this URL safe to redirect to / fetch" (true: safe). */
const URL_VALIDATORS: ReadonlyMap<string, readonly SinkKind[]> = new Map([
  ['django.utils.http.url_has_allowed_host_and_scheme', ['redirect', 'ssrf']],
  ['django.utils.http.is_safe_url', ['redirect', 'ssrf']],
]);
const URL_PARSERS = new Set(['urllib.parse.urlparse', 'urllib.parse.urlsplit', 'urlparse.urlparse', 'urlparse.urlsplit', 'urllib3.util.parse_url', 'urllib3.util.url.parse_url', 'yarl.URL', 'httpx.URL']);
const HOST_ATTRIBUTES = new Set(['netloc', 'hostname', 'host']);
/** A constant URL beginning that fixes scheme and host. */
const FIXED_ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\@]+[/?#]/i;
const MAX_DEPTH = 12;

/**
 * Facts a condition establishes about names: kinds made safe, or half-facts that only together make a URL a local
 * path (`u.startswith("/")` and `not u.startswith("//")`).
 */
interface Fact {
  name: string;
  kinds?: readonly SinkKind[] | 'all';
  half?: 'local-path' | 'no-authority';
}

/** What holds for names when cond evaluates to `when`. */
export function refinements(cond: SyntaxNode, when: boolean, ctx: GuardContext): Refinement[] {
  const facts = factsOf(cond, when, ctx, 0);
  const out: Refinement[] = [];
  const halves = new Map<string, Set<string>>();
  for (const f of facts) {
    if (f.kinds) out.push({ name: f.name, kinds: f.kinds });
    else if (f.half) {
      const set = halves.get(f.name) ?? new Set();
      set.add(f.half);
      halves.set(f.name, set);
    }
  }
  for (const [name, set] of halves) if (set.has('local-path') && set.has('no-authority')) out.push({ name, kinds: ['redirect'] });
  return out;
}

function factsOf(node: SyntaxNode, when: boolean, ctx: GuardContext, depth: number): Fact[] {
  if (depth > MAX_DEPTH) return [];
  const cond = unwrapParentheses(node);
  switch (cond.type) {
    case 'not_operator': {
      const arg = cond.childForFieldName('argument');
      return arg ? factsOf(arg, !when, ctx, depth + 1) : [];
    }
    case 'boolean_operator': {
      const op = cond.childForFieldName('operator')?.text;
      const left = cond.childForFieldName('left');
      const right = cond.childForFieldName('right');
      if (!left || !right) return [];
      // `a and b` true: both hold; `a or b` false: both fail. Otherwise nothing is known about either side alone.
      if ((op === 'and' && when) || (op === 'or' && !when)) return [...factsOf(left, when, ctx, depth + 1), ...factsOf(right, when, ctx, depth + 1)];
      return [];
    }
    case 'call':
      return callFacts(cond, when, ctx);
    case 'comparison_operator':
      return comparisonFacts(cond, when, ctx);
    case 'attribute': {
      // `if urlparse(u).netloc:` false: no host, a path of this site.
      const url = hostOf(cond, ctx);
      return url && !when ? url.names.map((name) => ({ name, kinds: ['redirect'] as const })) : [];
    }
    case 'identifier': {
      // `ok = url_has_allowed_host_and_scheme(u, …)` then `if ok:`.
      const bindings = reachingBindings(ctx.file.scopes, cond);
      if (bindings?.length !== 1 || bindings[0]!.kind !== 'assign' || !bindings[0]!.value) return [];
      return factsOf(bindings[0]!.value, when, ctx, depth + 1);
    }
    default:
      return [];
  }
}

function callFacts(call: SyntaxNode, when: boolean, ctx: GuardContext): Fact[] {
  const callee = ctx.file.callee(call);
  const args = ctx.file.arguments(call);
  const validator = callee !== undefined ? URL_VALIDATORS.get(callee) : undefined;
  if (validator) {
    const url = args.positional[0] ?? args.keywords.get('url');
    return when && url ? namesOf(url).map((name) => ({ name, kinds: validator })) : [];
  }
  // `if not isinstance(value, str): raise TypeError(f"… {value!r}")`: where the value has the wrong type it is not the
  // credential the program handles (that one has the expected type), so a type error naming it discloses nothing.
  if (callee === 'isinstance' && !when && args.positional[0]?.type === 'identifier') return namesOf(args.positional[0]).map((name) => ({ name, kinds: ['sensitive-exception'] as const }));
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute') return [];
  const method = fn.childForFieldName('attribute')?.text;
  const receiver = fn.childForFieldName('object');
  const first = args.positional[0];
  if (!receiver || !first) return [];
  if (method === 'startswith') {
    const prefixes = constantStrings(first, ctx);
    if (when) {
      // A resolved path under a base directory.
      const normalized = normalizedTargets(receiver, ctx);
      if (normalized && ctx.isClean(first)) return normalized.map((name) => ({ name, kinds: ['path'] as const }));
      if (prefixes && prefixes.length > 0 && prefixes.every((p) => FIXED_ORIGIN.test(p))) return namesOf(receiver).map((name) => ({ name, kinds: ['ssrf', 'redirect'] as const }));
      if (prefixes?.length === 1 && prefixes[0] === '/') return namesOf(receiver).map((name) => ({ name, half: 'local-path' as const }));
      return [];
    }
    if (prefixes?.includes('//')) return namesOf(receiver).map((name) => ({ name, half: 'no-authority' as const }));
    return [];
  }
  if (method === 'is_relative_to' && when) {
    const normalized = normalizedTargets(receiver, ctx);
    if (normalized && ctx.isClean(first)) return normalized.map((name) => ({ name, kinds: ['path'] as const }));
    return [];
  }
  if (method === 'endswith' && when) {
    // `urlparse(u).hostname.endswith(".example.com")`.
    const url = hostOf(receiver, ctx);
    const suffixes = constantStrings(first, ctx);
    if (url && suffixes && suffixes.length > 0 && suffixes.every((s) => s.startsWith('.') && s.length > 1)) return url.names.map((name) => ({ name, kinds: ['ssrf', 'redirect'] as const }));
  }
  return [];
}

function comparisonFacts(cmp: SyntaxNode, when: boolean, ctx: GuardContext): Fact[] {
  const operands = namedChildren(cmp);
  const operators = cmp.childrenForFieldName('operators').map((o) => o.text.replace(/\s+/g, ' '));
  if (operands.length !== 2 || operators.length !== 1) return [];
  const [left, right] = operands as [SyntaxNode, SyntaxNode];
  const op = operators[0]!;
  const positive = op === 'in' || op === '==' || op === 'is';
  const negative = op === 'not in' || op === '!=' || op === 'is not';
  if (!positive && !negative) return [];
  const holds = positive ? when : !when; // the value is (one of) the right-hand side
  if (!holds) return [];
  // os.path.commonpath([base, resolved]) == base
  if (op === '==' || op === '!=') {
    for (const [a, b] of [[left, right], [right, left]] as const) {
      const inner = unwrapParentheses(a);
      if (inner.type !== 'call' || ctx.file.callee(inner) !== 'os.path.commonpath' || !ctx.isClean(b)) continue;
      const list = ctx.file.arguments(inner).positional[0];
      const items = list && (list.type === 'list' || list.type === 'tuple') ? namedChildren(list) : [];
      const names = items.flatMap((i) => normalizedTargets(i, ctx) ?? []);
      if (names.length) return names.map((name) => ({ name, kinds: ['path'] as const }));
    }
  }
  if (op === 'is' || op === 'is not') return [];
  // Equality reads both ways; membership only as `value in collection`.
  const sides = op === '==' || op === '!=' ? [[left, right], [right, left]] : [[left, right]];
  for (const [value, trusted] of sides as [SyntaxNode, SyntaxNode][]) {
    const target = unwrapParentheses(value);
    const url = hostOf(target, ctx);
    if (!url && target.type !== 'identifier') continue;
    if (!ctx.isClean(trusted)) continue;
    // The parsed host is one of the allowed ones.
    if (url) return url.names.map((name) => ({ name, kinds: ['ssrf', 'redirect'] as const }));
    // The value itself equals a trusted value or is a member of a trusted collection.
    return [{ name: target.text, kinds: 'all' }];
  }
  return [];
}

/** `urlparse(u).netloc`, `parsed.hostname` with parsed = urlparse(u): the names that stand for the URL. */
function hostOf(node: SyntaxNode, ctx: GuardContext): { names: string[] } | undefined {
  const attr = unwrapParentheses(node);
  if (attr.type !== 'attribute' || !HOST_ATTRIBUTES.has(attr.childForFieldName('attribute')?.text ?? '')) return undefined;
  const object = attr.childForFieldName('object');
  if (!object) return undefined;
  const parsed = parserArgument(object, ctx);
  if (parsed) return { names: namesOf(parsed) };
  if (object.type === 'identifier') {
    const bindings = reachingBindings(ctx.file.scopes, object);
    if (!bindings?.length) return undefined;
    const urls: string[] = [object.text];
    for (const b of bindings) {
      const arg = b.kind === 'assign' && b.value ? parserArgument(b.value, ctx) : undefined;
      if (!arg) return undefined;
      urls.push(...namesOf(arg));
    }
    return { names: urls };
  }
  return undefined;
}

function parserArgument(node: SyntaxNode, ctx: GuardContext): SyntaxNode | undefined {
  const call = unwrapParentheses(node);
  if (call.type !== 'call' || !URL_PARSERS.has(ctx.file.callee(call) ?? '')) return undefined;
  return ctx.file.arguments(call).positional[0];
}

/**
 * The names a check on a normalised path validates: the path given to realpath()/abspath()/normpath()/resolve(),
 * or a name all of whose reaching bindings are such calls. Undefined when the expression is not normalised.
 */
function normalizedTargets(node: SyntaxNode, ctx: GuardContext): string[] | undefined {
  const expr = unwrapParentheses(node);
  const inner = normalizedArgument(expr, ctx);
  if (inner) return namesOf(inner);
  if (expr.type === 'identifier') {
    const bindings = reachingBindings(ctx.file.scopes, expr);
    if (!bindings?.length || !bindings.every((b) => b.kind === 'assign' && b.value && normalizedArgument(unwrapParentheses(b.value), ctx))) return undefined;
    return [expr.text];
  }
  return undefined;
}

function normalizedArgument(expr: SyntaxNode, ctx: GuardContext): SyntaxNode | undefined {
  if (expr.type !== 'call') return undefined;
  if (PATH_NORMALIZERS.has(ctx.file.callee(expr) ?? '')) return ctx.file.arguments(expr).positional[0];
  const fn = expr.childForFieldName('function');
  if (fn?.type === 'attribute' && PATH_NORMALIZER_METHODS.has(fn.childForFieldName('attribute')?.text ?? '')) return fn.childForFieldName('object') ?? undefined;
  return undefined;
}

/** The local names an expression is built from (`os.path.join(BASE, name)` → BASE, name; `u.lower()` → u). */
function namesOf(node: SyntaxNode): string[] {
  const expr = unwrapParentheses(node);
  if (expr.type === 'identifier') return [expr.text];
  const out = new Set<string>();
  const visit = (n: SyntaxNode, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (n.type === 'identifier') {
      // Skip function names and attribute names: only values.
      const parent = n.parent;
      if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === n.id) return;
      if (parent?.type === 'call' && parent.childForFieldName('function')?.id === n.id) return;
      if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === n.id) return;
      out.add(n.text);
      return;
    }
    for (const c of namedChildren(n)) visit(c, depth + 1);
  };
  visit(expr, 0);
  return [...out];
}

/** A constant string or a tuple/list of constant strings. */
function constantStrings(node: SyntaxNode, ctx: GuardContext): string[] | undefined {
  const v = ctx.file.constantValue(node);
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  return undefined;
}
