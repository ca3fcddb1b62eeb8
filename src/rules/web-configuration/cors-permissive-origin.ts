// cors-permissive-origin: CORS configured to accept every origin (a wildcard, a match-all regex, or the request's own
// Origin echoed back); an error when credentials are allowed too.
import { isDict, isTruthy, type ConstValue } from '../../analysis/constants.js';
import { isWithin, namedChildren, unwrapParentheses } from '../../analysis/syntax.js';
import type { ReportOptions, RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';
import { isDevelopmentOnly } from '../config-settings.js';

const STARLETTE_CORS = new Set(['starlette.middleware.cors.CORSMiddleware', 'fastapi.middleware.cors.CORSMiddleware']);
const STARLETTE_MIDDLEWARE = new Set(['starlette.middleware.Middleware', 'fastapi.middleware.Middleware']);
const FLASK_CORS = new Set(['flask_cors.CORS', 'flask_cors.extension.CORS']);
const FLASK_CORS_INIT = new Set([...FLASK_CORS].map((c) => `${c}().init_app`));
const FLASK_CROSS_ORIGIN = new Set(['flask_cors.cross_origin', 'flask_cors.decorator.cross_origin']);
const ALLOW_ORIGIN = 'access-control-allow-origin';
const ALLOW_CREDENTIALS = 'access-control-allow-credentials';

/** A regex that matches any origin: `.*`, `^.+$`, `https?://.*`. */
export function isMatchAllRegex(pattern: string): boolean {
  let p = pattern.trim().replace(/^\^/, '').replace(/\$$/, '');
  p = p.replace(/^\(?https?\??:(\/\/|\\\/\\\/)\)?\??/, '').replace(/^\(?https?\)?\??:(\/\/|\\\/\\\/)/, '');
  return /^\(?\.[*+]\??\)?$/.test(p);
}

/** The wildcard an origins setting holds: `'*'`, a list with `'*'`, or (when regexes are allowed) a match-all pattern. */
function wildcardIn(value: ConstValue | undefined, regex: boolean): string | undefined {
  if (value === undefined || value === null) return undefined;
  const items = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  for (const item of items) {
    if (typeof item !== 'string') continue;
    if (item.trim() === '*') return "'*'";
    if (regex && isMatchAllRegex(item)) return `the match-all pattern '${item}'`;
  }
  return undefined;
}

interface Verdict {
  wildcard: string;
  credentials: boolean;
  /** The wildcard is the value when an environment variable is unset. */
  byDefault?: boolean;
}

function describe(v: Verdict, what: string, advice: string): string {
  const how = v.byDefault ? ` by default (when the environment variable is unset)` : '';
  const creds = v.credentials ? ' and allows credentials, so any site can make authenticated requests with the user\'s cookies and read the answers' : ', so any site can read its responses';
  const accepted = v.wildcard === 'every origin' ? `every origin${how}` : `${v.wildcard}${how} as an origin`;
  return `${what} accepts ${accepted}${creds}; ${advice}.`;
}

function levelOf(v: Verdict): ReportOptions {
  return v.credentials ? { level: 'error' } : {};
}

/** A keyword's wildcard: a constant, or an environment read whose default is a wildcard. */
function keywordWildcard(call: SyntaxNode, names: string[], regex: boolean, ctx: RuleContext): { wildcard: string; byDefault: boolean } | 'safe' | 'absent' | 'unknown' {
  for (const name of names) {
    const kw = ctx.keyword(call, name);
    if (!kw.present) continue;
    const direct = wildcardIn(kw.value, regex || name.includes('regex'));
    if (direct) return { wildcard: direct, byDefault: false };
    if (kw.value !== undefined) return 'safe';
    const unset = kw.node ? ctx.valueWhenUnset(kw.node) : undefined;
    const viaEnv = unset?.readsEnv ? wildcardIn(unset.value, regex || name.includes('regex')) : undefined;
    if (viaEnv) return { wildcard: viaEnv, byDefault: true };
    return 'unknown';
  }
  return ctx.arguments(call).dictSplats.length > 0 ? 'unknown' : 'absent';
}

function truthyKeyword(call: SyntaxNode, name: string, ctx: RuleContext): boolean {
  const kw = ctx.keyword(call, name);
  return kw.present && kw.value !== undefined && isTruthy(kw.value);
}

// ---- Starlette / FastAPI ----

function checkStarlette(call: SyntaxNode, ctx: RuleContext): void {
  const callee = ctx.callee(call);
  const fn = call.childForFieldName('function');
  const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
  let options: SyntaxNode | undefined;
  if (callee !== undefined && STARLETTE_CORS.has(callee)) options = call;
  else if ((callee !== undefined && STARLETTE_MIDDLEWARE.has(callee)) || method === 'add_middleware') {
    const cls = ctx.argument(call, 0, method === 'add_middleware' ? 'middleware_class' : 'cls');
    const name = cls ? ctx.qualifiedName(cls) : undefined;
    if (name !== undefined && STARLETTE_CORS.has(name)) options = call;
  }
  if (!options) return;
  const found = keywordWildcard(options, ['allow_origins', 'allow_origin_regex'], false, ctx);
  if (typeof found === 'string') return;
  if (isDevelopmentOnly(call, ctx)) return;
  const v: Verdict = { ...found, credentials: truthyKeyword(options, 'allow_credentials', ctx) };
  ctx.report(call, describe(v, 'CORSMiddleware', 'list the trusted front-end origins in allow_origins instead'), levelOf(v));
}

// ---- flask-cors ----

/** The file sets CORS_* options in the app config, or loads the config from elsewhere (then the defaults are unknown). */
function flaskConfigDecides(call: SyntaxNode, ctx: RuleContext): boolean {
  for (const a of ctx.subscriptAssignments()) {
    const container = a.target.childForFieldName('value');
    const key = ctx.stringValue(a.target.childForFieldName('subscript'));
    if (container?.type === 'attribute' && container.childForFieldName('attribute')?.text === 'config' && key?.startsWith('CORS_')) return true;
  }
  let root: SyntaxNode = call;
  while (root.parent) root = root.parent;
  for (const c of ctx.callsWithin(root)) {
    const fn = c.childForFieldName('function');
    if (fn?.type !== 'attribute') continue;
    const object = fn.childForFieldName('object');
    if (object?.type !== 'attribute' || object.childForFieldName('attribute')?.text !== 'config') continue;
    const method = fn.childForFieldName('attribute')?.text ?? '';
    if (/^from_/.test(method)) return true;
    if (method === 'update' && [...ctx.arguments(c).keywords.keys()].some((k) => k.startsWith('CORS_'))) return true;
  }
  return false;
}

/** Resource options of flask-cors: `resources={r"/api/*": {"origins": "*"}}`; undefined when not literal. */
function resourceOptions(call: SyntaxNode, ctx: RuleContext): { origins?: ConstValue; credentials?: ConstValue; hasOrigins: boolean }[] | 'unknown' | undefined {
  const kw = ctx.keyword(call, 'resources');
  if (!kw.present) return undefined;
  const value = kw.value;
  // A pattern string or a list of patterns: every resource uses the top-level options.
  if (typeof value === 'string' || Array.isArray(value)) return undefined;
  if (!isDict(value)) return 'unknown';
  const out: { origins?: ConstValue; credentials?: ConstValue; hasOrigins: boolean }[] = [];
  for (const options of value.values()) {
    if (!isDict(options)) {
      out.push({ hasOrigins: false });
      continue;
    }
    out.push({ origins: options.get('origins'), credentials: options.get('supports_credentials'), hasOrigins: options.has('origins') });
  }
  return out;
}

function checkFlaskCors(call: SyntaxNode, ctx: RuleContext): void {
  const callee = ctx.callee(call);
  if (callee === undefined) return;
  const isCors = FLASK_CORS.has(callee);
  const isInit = FLASK_CORS_INIT.has(callee);
  const isDecorator = FLASK_CROSS_ORIGIN.has(callee);
  if (!isCors && !isInit && !isDecorator) return;
  // `CORS()` without an app is configured by its later init_app(app) call.
  if (isCors && !ctx.argument(call, 0, 'app')) return;
  // init_app() merges its options over the constructor's.
  const calls = [call];
  if (isInit) {
    const fn = call.childForFieldName('function');
    const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
    const origins = object ? ctx.originCalls(object) : undefined;
    if (origins?.length === 1) calls.push(origins[0]!);
  }
  let top: ReturnType<typeof keywordWildcard> = 'absent';
  let credentials = false;
  for (const c of calls) {
    if (top === 'absent') top = keywordWildcard(c, ['origins'], true, ctx);
    credentials ||= truthyKeyword(c, 'supports_credentials', ctx);
  }
  if (top === 'unknown') return;
  const defaults = top === 'absent';
  const topFound = typeof top === 'string' ? undefined : top;
  if (defaults && !isDecorator && flaskConfigDecides(call, ctx)) return;
  const topWildcard = defaults ? { wildcard: "'*' (the flask-cors default)", byDefault: false } : topFound;
  let verdict: Verdict | undefined;
  const resources = isDecorator ? undefined : resourceOptions(calls[calls.length - 1]!, ctx) ?? (calls.length > 1 ? resourceOptions(calls[0]!, ctx) : undefined);
  if (resources === 'unknown') return;
  if (resources) {
    for (const r of resources) {
      const w = r.hasOrigins ? wildcardIn(r.origins, true) : topWildcard?.wildcard;
      if (!w) continue;
      const creds = credentials || (r.credentials !== undefined && isTruthy(r.credentials));
      if (!verdict || (creds && !verdict.credentials)) verdict = { wildcard: w, credentials: creds };
    }
  } else if (topWildcard) {
    verdict = { ...topWildcard, credentials };
  }
  if (!verdict || isDevelopmentOnly(call, ctx)) return;
  const what = isDecorator ? '@cross_origin' : isInit ? 'flask-cors init_app()' : 'flask-cors CORS()';
  ctx.report(call, describe(verdict, what, 'pass origins=[...] with the trusted front-end origins'), levelOf(verdict));
}

// ---- hand-written headers ----

/** `request.headers.get("Origin")`, `request.headers["Origin"]`, `request.META["HTTP_ORIGIN"]`, `environ.get("HTTP_ORIGIN")`. */
function isOriginRead(expr: SyntaxNode, ctx: RuleContext): boolean {
  const node = unwrapParentheses(expr);
  let container: SyntaxNode | null | undefined;
  let key: SyntaxNode | undefined;
  if (node.type === 'call') {
    const fn = node.childForFieldName('function');
    if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'get') return false;
    container = fn.childForFieldName('object');
    key = ctx.argument(node, 0);
  } else if (node.type === 'subscript') {
    container = node.childForFieldName('value');
    key = node.childForFieldName('subscript') ?? undefined;
  } else return false;
  const name = ctx.stringValue(key)?.toLowerCase();
  if (name !== 'origin' && name !== 'http_origin') return false;
  const attr = container?.type === 'attribute' ? container.childForFieldName('attribute')?.text : container?.text;
  return attr !== undefined && /^(headers|META|environ|request_headers)$/.test(attr);
}

/** The value echoes the request's Origin header: read directly, or through a local name bound to such a read. */
function reflectsOrigin(value: SyntaxNode, ctx: RuleContext): SyntaxNode | undefined {
  const v = unwrapParentheses(value);
  if (isOriginRead(v, ctx)) return v;
  if (v.type !== 'identifier') return undefined;
  const bound = ctx.boundValues(v);
  if (!bound?.length) return undefined;
  return bound.some((b) => b.node && isOriginRead(b.node, ctx)) ? v : undefined;
}

/**
 * When the condition lets the name through: `true` for `origin in TRUSTED`, `is_allowed(origin)`, `PATTERN.match(origin)`;
 * `false` for `origin not in TRUSTED`, `not is_allowed(origin)`. Undefined when it does not check the name's value
 * (`if origin:`, `origin is not None`, `len(origin)`).
 */
function passesWhen(condition: SyntaxNode, name: string, depth = 0): boolean | undefined {
  const c = unwrapParentheses(condition);
  if (depth > 8) return undefined;
  if (c.type === 'not_operator') {
    const arg = c.childForFieldName('argument');
    const inner = arg ? passesWhen(arg, name, depth + 1) : undefined;
    return inner === undefined ? undefined : !inner;
  }
  if (c.type === 'boolean_operator') {
    const op = c.childForFieldName('operator')?.text;
    const sides = [c.childForFieldName('left'), c.childForFieldName('right')].map((s) => (s ? passesWhen(s, name, depth + 1) : undefined));
    // `a and check(origin)` true: the check passed; `bad(origin) or b` false: the check passed.
    if (op === 'and' && sides.includes(true)) return true;
    if (op === 'or' && sides.includes(false)) return false;
    return undefined;
  }
  const isName = (n: SyntaxNode | null | undefined) => !!n && unwrapParentheses(n).type === 'identifier' && unwrapParentheses(n).text === name;
  if (c.type === 'comparison_operator') {
    const operands = namedChildren(c);
    if (operands.length !== 2 || !operands.some(isName)) return undefined;
    if (operands.some((o) => unwrapParentheses(o).type === 'none')) return undefined;
    const ops = c.children.filter((k) => !k.isNamed).map((k) => k.type).join(' ');
    if (ops === 'in' || ops === '==') return true;
    if (ops === 'not in' || ops === '!=') return false;
    return undefined;
  }
  if (c.type === 'call') {
    const fn = c.childForFieldName('function');
    if (fn?.type === 'identifier' && ['len', 'bool', 'str', 'isinstance', 'hasattr', 'print'].includes(fn.text)) return undefined;
    const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
    const args = namedChildren(c.childForFieldName('arguments') ?? c);
    if (isName(receiver) || args.some((a) => isName(a) || (a.type === 'keyword_argument' && isName(a.childForFieldName('value'))))) return true;
  }
  return undefined;
}

/** A statement list that always leaves: ends with return/raise/continue/break or an abort()-style call. */
function alwaysLeaves(block: SyntaxNode | null): boolean {
  const last = block ? namedChildren(block).filter((n) => n.type !== 'comment').pop() : undefined;
  if (!last) return false;
  if (['return_statement', 'raise_statement', 'continue_statement', 'break_statement'].includes(last.type)) return true;
  const expr = last.type === 'expression_statement' ? namedChildren(last)[0] : undefined;
  const fn = expr?.type === 'call' ? expr.childForFieldName('function') : undefined;
  const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
  return !!name && /^(abort|exit|_exit|fail|deny|forbid|reject)$/.test(name);
}

/**
 * The echo of the name is checked: it is in the branch of an `if`/`elif`/`else` chain (or conditional expression)
 * that runs only when a check of the name passed, or after an earlier `if` that leaves when the check fails
 * (`if origin not in TRUSTED: return resp`).
 */
function isChecked(node: SyntaxNode, name: string): boolean {
  for (let child: SyntaxNode = node, parent = node.parent; parent && parent.type !== 'function_definition'; child = parent, parent = parent.parent) {
    if (parent.type === 'conditional_expression') {
      const [then, condition] = namedChildren(parent);
      if (then && condition && isWithin(node, then) && passesWhen(condition, name) === true) return true;
      continue;
    }
    if (parent.type === 'block') {
      // Earlier statements of this block: an `if` that leaves when the check fails.
      for (const stmt of namedChildren(parent)) {
        if (stmt.startIndex >= child.startIndex) break;
        if (stmt.type !== 'if_statement' || stmt.childForFieldName('alternative')) continue;
        const condition = stmt.childForFieldName('condition');
        if (condition && passesWhen(condition, name) === false && alwaysLeaves(stmt.childForFieldName('consequence'))) return true;
      }
      continue;
    }
    if (parent.type !== 'if_statement') continue;
    // Conditions that held (the clause holding node) and those that failed (the clauses before it).
    const clauses: { condition: SyntaxNode | null; body: SyntaxNode | null }[] = [{ condition: parent.childForFieldName('condition'), body: parent.childForFieldName('consequence') }];
    for (const alt of namedChildren(parent).filter((n) => n.type === 'elif_clause' || n.type === 'else_clause')) {
      clauses.push({ condition: alt.type === 'elif_clause' ? alt.childForFieldName('condition') : null, body: alt.childForFieldName(alt.type === 'elif_clause' ? 'consequence' : 'body') ?? alt });
    }
    const at = clauses.findIndex((cl) => cl.body && isWithin(node, cl.body));
    if (at < 0) continue;
    if (clauses[at]!.condition && passesWhen(clauses[at]!.condition!, name) === true) return true;
    if (clauses.slice(0, at).some((cl) => cl.condition && passesWhen(cl.condition, name) === false)) return true;
  }
  return false;
}

/** The node folds to this (lower-case) header name, in any case; the length is compared before lower-casing. */
function isHeader(node: SyntaxNode | null | undefined, name: string, ctx: RuleContext): boolean {
  const key = ctx.stringValue(node);
  return key !== undefined && key.length === name.length && key.toLowerCase() === name;
}

/** `Access-Control-Allow-Credentials: true` set in the same function (or module). */
function credentialsHeaderNear(node: SyntaxNode, ctx: RuleContext): boolean {
  const scope = ctx.enclosingFunction(node);
  for (const a of ctx.subscriptAssignments()) {
    if (!isHeader(a.target.childForFieldName('subscript'), ALLOW_CREDENTIALS, ctx)) continue;
    if (scope && !isWithin(a.target, scope)) continue;
    const v = ctx.constantValue(a.value);
    if (v === true || (typeof v === 'string' && v.toLowerCase() === 'true')) return true;
  }
  return false;
}

function checkHeaderValue(at: SyntaxNode, value: SyntaxNode, ctx: RuleContext, credentials: boolean): void {
  const constant = ctx.constantValue(value);
  let verdict: Verdict | undefined;
  if (typeof constant === 'string' && constant.trim() === '*') verdict = { wildcard: "'*'", credentials: false };
  else if (constant === undefined) {
    const echoed = reflectsOrigin(value, ctx);
    if (!echoed) return;
    if (ctx.possibleValues(value) !== undefined) return;
    if (echoed.type === 'identifier' && isChecked(at, echoed.text)) return;
    verdict = { wildcard: "the request's own Origin header (echoed back)", credentials: credentials || credentialsHeaderNear(at, ctx) };
  }
  if (!verdict || isDevelopmentOnly(at, ctx)) return;
  ctx.report(at, describe(verdict, 'The Access-Control-Allow-Origin header', 'compare the Origin against an allow-list of trusted origins before echoing it'), levelOf(verdict));
}

// ---- django-cors-headers ----

function checkDjangoSettings(ctx: RuleContext): void {
  const settings = ctx.settingsModule();
  if (settings.development) return;
  const credentials = settings.assignmentsTo('CORS_ALLOW_CREDENTIALS').some((a) => {
    const u = a.value ? ctx.valueWhenUnset(a.value) : undefined;
    return !!u && isTruthy(u.value);
  });
  for (const name of ['CORS_ALLOW_ALL_ORIGINS', 'CORS_ORIGIN_ALLOW_ALL']) {
    for (const a of settings.assignmentsTo(name)) {
      const u = a.value ? ctx.valueWhenUnset(a.value) : undefined;
      if (!u || !isTruthy(u.value) || isDevelopmentOnly(a.node, ctx)) continue;
      const v: Verdict = { wildcard: 'every origin', credentials, byDefault: u.readsEnv };
      ctx.report(a.node, describe(v, `${name} = True`, 'list the trusted origins in CORS_ALLOWED_ORIGINS instead'), levelOf(v));
    }
  }
  for (const name of ['CORS_ALLOWED_ORIGIN_REGEXES', 'CORS_ORIGIN_REGEX_WHITELIST', 'CORS_ALLOWED_ORIGINS', 'CORS_ORIGIN_WHITELIST']) {
    for (const a of settings.assignmentsTo(name)) {
      const u = a.value ? ctx.valueWhenUnset(a.value) : undefined;
      const w = u ? wildcardIn(u.value, name.includes('REGEX')) : undefined;
      if (!w || isDevelopmentOnly(a.node, ctx)) continue;
      const v: Verdict = { wildcard: w, credentials, byDefault: u!.readsEnv };
      ctx.report(a.node, describe(v, name, 'list the trusted origins instead of a pattern that matches any'), levelOf(v));
    }
  }
}

export const corsPermissiveOrigin = defineRule({
  id: 'cors-permissive-origin',
  title: 'CORS policy accepts any origin',
  family: 'web-configuration',
  checklist: ['API Security', 'Best Practices'],
  level: 'warning',
  securitySeverity: 5.3,
  precision: 'high',
  tier: 'default',
  cwe: [942],
  compatible: {},
  docs: {
    whatItDoes:
      "Reports CORS configurations that accept every origin: Starlette/FastAPI `CORSMiddleware` (through `app.add_middleware(...)`, `Middleware(...)` or wrapping the app) with `allow_origins=[\"*\"]` or a match-all `allow_origin_regex`; flask-cors `CORS(app)`, `init_app()` and `@cross_origin()` with `origins=\"*\"`, a match-all regex, a resource whose options allow `*`, or no origins at all (the flask-cors default is `*`, unless the app config sets `CORS_ORIGINS` or is loaded from elsewhere); django-cors-headers `CORS_ALLOW_ALL_ORIGINS = True` / `CORS_ORIGIN_ALLOW_ALL = True` and match-all `CORS_ALLOWED_ORIGIN_REGEXES`; and responses that set `Access-Control-Allow-Origin` to `*` or echo the request's `Origin` header without checking it. Values read from the environment count by their default. A finding is an error when credentials are allowed as well (`allow_credentials=True`, `supports_credentials=True`, `CORS_ALLOW_CREDENTIALS = True`, an `Access-Control-Allow-Credentials: true` header). Development settings and `if DEBUG:` branches are skipped.",
    whyBad:
      "The same-origin policy stops other sites from reading your API's responses in a visitor's browser; CORS relaxes it for the origins you name. Accepting every origin lets any web page the user visits call the API from their browser and read the answers. Combined with credentials (or an echoed Origin, which browsers accept together with credentials where they reject `*`), the page acts with the user's cookies and session: it can read private data and perform actions as the user.",
    example:
      'from fastapi import FastAPI\nfrom fastapi.middleware.cors import CORSMiddleware\n\napp = FastAPI()\napp.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)\n',
    useInstead:
      'from fastapi import FastAPI\nfrom fastapi.middleware.cors import CORSMiddleware\n\napp = FastAPI()\napp.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)\n',
    references: [
      'https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS',
      'https://www.starlette.io/middleware/#corsmiddleware',
      'https://flask-cors.readthedocs.io/en/latest/api.html',
      'https://github.com/adamchainz/django-cors-headers',
      'https://cwe.mitre.org/data/definitions/942.html',
    ],
  },
  visitors: {
    module(_node, ctx) {
      checkDjangoSettings(ctx);
    },
    call(node, ctx) {
      checkStarlette(node, ctx);
      checkFlaskCors(node, ctx);
      // resp.headers.add("Access-Control-Allow-Origin", v) / .set(...) / .setdefault(...)
      const fn = node.childForFieldName('function');
      const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
      if (method === 'add' || method === 'set' || method === 'setdefault' || method === 'add_header' || method === 'set_header') {
        if (!isHeader(ctx.argument(node, 0), ALLOW_ORIGIN, ctx)) return;
        const value = ctx.argument(node, 1);
        if (value) checkHeaderValue(node, value, ctx, false);
      }
    },
    assignment(node, ctx) {
      // resp.headers["Access-Control-Allow-Origin"] = v, response["Access-Control-Allow-Origin"] = v (Django)
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (left?.type !== 'subscript' || !right || right.type === 'assignment') return;
      if (!isHeader(left.childForFieldName('subscript'), ALLOW_ORIGIN, ctx)) return;
      checkHeaderValue(node, right, ctx, false);
    },
    pair(node, ctx) {
      // headers={"Access-Control-Allow-Origin": "*"} given to a response.
      if (!isHeader(node.childForFieldName('key'), ALLOW_ORIGIN, ctx)) return;
      const value = node.childForFieldName('value');
      if (!value) return;
      const dict = node.parent;
      const credentials = !!dict && namedChildren(dict).some((p) => {
        if (p.type !== 'pair' || !isHeader(p.childForFieldName('key'), ALLOW_CREDENTIALS, ctx)) return false;
        const v = ctx.constantValue(p.childForFieldName('value'));
        return v === true || (typeof v === 'string' && v.toLowerCase() === 'true');
      });
      checkHeaderValue(node, value, ctx, credentials);
    },
  },
});
