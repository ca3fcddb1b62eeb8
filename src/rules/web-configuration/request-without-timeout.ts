// request-without-timeout: outgoing HTTP requests that can wait forever (no timeout, or timeout=None).
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

const VERBS = ['get', 'options', 'head', 'post', 'put', 'patch', 'delete', 'request'];

/** requests' module-level functions: no timeout unless one is passed. */
const REQUESTS_FUNCTIONS = new Set(['requests', 'requests.api'].flatMap((m) => VERBS.map((v) => `${m}.${v}`)));
const SESSION_CLASSES = new Set(['requests.Session', 'requests.session', 'requests.sessions.Session', 'requests.sessions.session']);
const SESSION_METHODS = new Set(VERBS);
/** Session.request(method, url, params, data, headers, cookies, files, auth, timeout, ...). */
const SESSION_REQUEST_TIMEOUT_POSITION = 8;
/** Adapters that add no timeout of their own (a retry policy is not a timeout). */
const PLAIN_ADAPTERS = new Set(['requests.adapters.HTTPAdapter', 'requests.HTTPAdapter']);

/** httpx has a five-second default everywhere; only an explicit `timeout=None` removes it. */
const HTTPX_FUNCTIONS = new Set([...VERBS, 'stream'].map((v) => `httpx.${v}`));
const HTTPX_CLIENTS = new Set(['httpx.Client', 'httpx.AsyncClient']);
const HTTPX_METHODS = new Set([...VERBS, 'stream', 'send']);
const HTTPX_TIMEOUT = 'httpx.Timeout';

/** urllib's urlopen waits as long as the socket default, which is "forever" unless socket.setdefaulttimeout() ran. */
const URLOPEN = new Set(['urllib.request.urlopen', 'urllib2.urlopen', 'six.moves.urllib.request.urlopen']);
const URLOPEN_TIMEOUT_POSITION = 2;

type TimeoutState = 'missing' | 'none' | 'set' | 'unknown';

function methodOf(call: SyntaxNode): { name: string; receiver: SyntaxNode } | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute') return undefined;
  const name = fn.childForFieldName('attribute')?.text;
  const receiver = fn.childForFieldName('object');
  return name && receiver ? { name, receiver } : undefined;
}

/** `httpx.Timeout(None)`: every phase unbounded (no other phase given). */
function isUnboundedHttpxTimeout(node: SyntaxNode, ctx: RuleContext): boolean {
  const origins = ctx.originCalls(node);
  if (!origins || origins.length === 0) return false;
  return origins.every((call) => {
    if (!ctx.calleeCandidates(call)?.includes(HTTPX_TIMEOUT)) return false;
    const args = ctx.arguments(call);
    if (args.positional.length !== 1 || args.keywords.size > 0 || args.dictSplats.length > 0 || args.listSplats.length > 0) return false;
    return ctx.constantValue(args.positional[0]) === null;
  });
}

/** Whether and how a call sets its timeout: missing, explicitly None, set, or unknowable (`**kwargs`, `*args`). */
function timeoutState(call: SyntaxNode, position: number | undefined, ctx: RuleContext): TimeoutState {
  const node = ctx.argument(call, position, 'timeout');
  if (node) return ctx.constantValue(node) === null || isUnboundedHttpxTimeout(node, ctx) ? 'none' : 'set';
  const kw = ctx.keyword(call, 'timeout');
  if (kw.present) return kw.value === null ? 'none' : 'set';
  if (kw.maybeInUnknownSplat || ctx.arguments(call).listSplats.length > 0) return 'unknown';
  return 'missing';
}

/** The calls that created a receiver: a local name, `with … as name`, or `self.attr` assigned in another method. */
function receiverOrigins(receiver: SyntaxNode, ctx: RuleContext): SyntaxNode[] | undefined {
  const direct = ctx.originCalls(receiver);
  if (direct) return direct;
  const values = ctx.instanceAttributeValues(receiver);
  if (!values) return undefined;
  const out: SyntaxNode[] = [];
  for (const v of values) {
    if (v.type === 'none') continue;
    const calls = ctx.originCalls(v);
    if (!calls) return undefined;
    out.push(...calls);
  }
  return out.length > 0 ? out : undefined;
}

function allFrom(origins: SyntaxNode[] | undefined, classes: Set<string>, ctx: RuleContext): boolean {
  return !!origins && origins.length > 0 && origins.every((c) => ctx.calleeCandidates(c)?.some((n) => classes.has(n)));
}

/**
 * The session gets a timeout some other way: an adapter of the project's own (the TimeoutHTTPAdapter recipe) is
 * mounted on it, or its `request` method is replaced (`s.request = functools.partial(s.request, timeout=5)`).
 */
function sessionHasOwnTimeout(receiver: SyntaxNode, origins: SyntaxNode[], ctx: RuleContext): boolean {
  if (ctx.assignmentsToAttribute(receiver, 'request').length > 0) return true;
  const ids = new Set(origins.map((o) => o.id));
  for (const call of ctx.callsWithin(origins[0]!.tree.rootNode)) {
    const m = methodOf(call);
    if (m?.name !== 'mount') continue;
    if (!receiverOrigins(m.receiver, ctx)?.some((o) => ids.has(o.id))) continue;
    const adapter = ctx.argument(call, 1, 'adapter');
    const adapterOrigins = adapter ? ctx.originCalls(adapter) : undefined;
    const plain = adapterOrigins?.every((a) => ctx.calleeCandidates(a)?.some((n) => PLAIN_ADAPTERS.has(n)));
    if (!plain) return true;
  }
  return false;
}

const ADVICE = 'pass timeout= with a number of seconds (or a (connect, read) pair)';

function report(call: SyntaxNode, api: string, state: TimeoutState, ctx: RuleContext): void {
  if (state === 'missing') {
    ctx.report(call, `${api} has no timeout, so a server that stops answering blocks this call (and its worker) indefinitely; ${ADVICE}.`);
  } else if (state === 'none') {
    ctx.report(call, `${api} is given timeout=None, which waits indefinitely for a server that stops answering; ${ADVICE}.`);
  }
}

export const requestWithoutTimeout = defineRule({
  id: 'request-without-timeout',
  title: 'HTTP request without a timeout',
  family: 'web-configuration',
  checklist: ['API Security', 'Best Practices'],
  level: 'note',
  securitySeverity: 3.7,
  precision: 'high',
  tier: 'extended',
  cwe: [1088, 400],
  compatible: { bandit: ['B113'], ruff: ['S113'] },
  docs: {
    whatItDoes:
      'Reports HTTP calls that can wait forever: `requests.get/post/put/patch/delete/head/options/request()` and the same methods of a `requests.Session` (created locally, with `with … as s`, or in another method as `self.session`) called without a `timeout`, or with `timeout=None`; httpx calls, clients (`httpx.Client`, `httpx.AsyncClient`) and client methods given `timeout=None` or `httpx.Timeout(None)` (httpx otherwise applies a five-second default); and `urllib.request.urlopen()` without a timeout in a file that does not call `socket.setdefaulttimeout()`. A timeout passed through a constant `**options` dict counts; an unknown `**kwargs` is assumed to carry one. A session with a project-specific adapter mounted (the timeout-adapter recipe) or a wrapped `request` method is not reported.',
    whyBad:
      'Without a timeout, a request to a server that accepts the connection but never answers (overloaded, misconfigured, or deliberately slow) blocks the calling thread or worker for as long as the connection stays open. A handful of such requests exhausts a web server\'s worker pool or a job queue: an easy denial of service, and a common cause of outages that look like the application "hanging".',
    example: 'import requests\n\ndef fetch(url):\n    return requests.get(url).json()\n',
    useInstead: 'import requests\n\ndef fetch(url):\n    return requests.get(url, timeout=(3.05, 27)).json()\n',
    references: [
      'https://cwe.mitre.org/data/definitions/400.html',
      'https://cwe.mitre.org/data/definitions/1088.html',
      'https://requests.readthedocs.io/en/latest/user/advanced/#timeouts',
      'https://www.python-httpx.org/advanced/timeouts/',
      'https://docs.python.org/3/library/urllib.request.html#urllib.request.urlopen',
    ],
  },
  visitors: {
    call(node, ctx) {
      const callees = ctx.calleeCandidates(node) ?? [];
      const requestsFn = callees.find((c) => REQUESTS_FUNCTIONS.has(c));
      if (requestsFn) {
        report(node, `${requestsFn.replace('.api.', '.')}()`, timeoutState(node, undefined, ctx), ctx);
        return;
      }
      const httpxFn = callees.find((c) => HTTPX_FUNCTIONS.has(c) || HTTPX_CLIENTS.has(c));
      if (httpxFn) {
        const state = timeoutState(node, undefined, ctx);
        if (state === 'none') report(node, `${httpxFn}()`, state, ctx);
        return;
      }
      const urlopen = callees.find((c) => URLOPEN.has(c));
      if (urlopen) {
        const state = timeoutState(node, URLOPEN_TIMEOUT_POSITION, ctx);
        if (state === 'none' || (state === 'missing' && ctx.callsTo('socket.setdefaulttimeout').length === 0)) report(node, 'urlopen()', state, ctx);
        return;
      }
      const m = methodOf(node);
      if (!m || (!SESSION_METHODS.has(m.name) && !HTTPX_METHODS.has(m.name))) return;
      const origins = receiverOrigins(m.receiver, ctx);
      if (SESSION_METHODS.has(m.name) && allFrom(origins, SESSION_CLASSES, ctx)) {
        const state = timeoutState(node, m.name === 'request' ? SESSION_REQUEST_TIMEOUT_POSITION : undefined, ctx);
        if (state === 'none' || (state === 'missing' && !sessionHasOwnTimeout(m.receiver, origins!, ctx))) report(node, `session.${m.name}()`, state, ctx);
        return;
      }
      if (HTTPX_METHODS.has(m.name) && allFrom(origins, HTTPX_CLIENTS, ctx)) {
        const state = timeoutState(node, undefined, ctx);
        if (state === 'none') report(node, `client.${m.name}()`, state, ctx);
      }
    },
  },
});
