// cert-validation-disabled: TLS clients told to accept any certificate or any host name.
import type { ConstValue } from '../../analysis/constants.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

/** Methods of requests/httpx/aiohttp-style clients that take per-request TLS options. */
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'send', 'stream', 'ws_connect']);

/** Functions and constructors whose `verify` argument is certificate verification. */
const VERIFY_CALLS = new Set<string>([
  ...['requests', 'requests.api', 'httpx'].flatMap((m) => [...HTTP_METHODS].map((v) => `${m}.${v}`)),
  ...['requests.Session()', 'requests.session()', 'requests.sessions.Session()', 'requests.sessions.session()'].flatMap((s) =>
    [...HTTP_METHODS].map((v) => `${s}.${v}`),
  ),
  'httpx.Client',
  'httpx.AsyncClient',
  'httpx.HTTPTransport',
  'httpx.AsyncHTTPTransport',
  'boto3.client',
  'boto3.resource',
  'boto3.Session().client',
  'boto3.Session().resource',
  'boto3.session.Session().client',
  'boto3.session.Session().resource',
  'hvac.Client',
]);

const SESSION_TYPES = new Set(['requests.Session()', 'requests.session()', 'requests.sessions.Session()', 'requests.sessions.session()']);

/** Keyword (or dict key) names that switch certificate checks off when false, whatever the library. */
const OFF_WHEN_FALSE = new Set(['verify_ssl', 'ssl_verify', 'verify_certs', 'check_hostname', 'assert_hostname']);
/** pymongo's options, which switch checks off when true. */
const OFF_WHEN_TRUE = new Set(['tlsAllowInvalidCertificates', 'tlsAllowInvalidHostnames', 'tlsInsecure']);
/** Names whose value is an `ssl.CERT_*` requirement. */
const CERT_REQS = new Set(['cert_reqs', 'ssl_cert_reqs', 'verify_mode']);

/** Servers and server methods that take TLS options for their listening side. */
const SERVER_CALLS = new Set(['tornado.httpserver.HTTPServer', 'tornado.netutil.ssl_wrap_socket', 'tornado.tcpserver.TCPServer']);
const SERVER_METHODS = new Set(['listen', 'bind', 'serve', 'run_server', 'start_server']);

/** Functions that create an SSLContext. */
const CONTEXT_FACTORIES = new Set([
  'ssl.create_default_context',
  'ssl.SSLContext',
  'urllib3.util.ssl_.create_urllib3_context',
  'urllib3.util.create_urllib3_context',
  'requests.packages.urllib3.util.ssl_.create_urllib3_context',
]);

const UNVERIFIED_FACTORIES = new Set(['ssl._create_unverified_context', 'ssl._create_stdlib_context']);
const CERT_NONE_NAMES = new Set(['ssl.CERT_NONE', 'ssl.VerifyMode.CERT_NONE']);

/** Attributes whose assignment can switch verification off. */
const ATTRIBUTES = new Set(['verify', 'check_hostname', 'verify_mode']);

const isFalse = (v: ConstValue | undefined): boolean => v === false || v === 0;

/** `ssl.CERT_NONE` (every alternative of a choice, so an opt-in switch such as `CERT_NONE if insecure else CERT_REQUIRED` is not) or "CERT_NONE"/"none". */
function isCertNone(node: SyntaxNode, ctx: RuleContext): boolean {
  const names = ctx.qualifiedNameCandidates(node);
  if (names && names.every((n) => CERT_NONE_NAMES.has(n))) return true;
  const s = ctx.stringValue(node);
  return s !== undefined && ['CERT_NONE', 'NONE'].includes(s.toUpperCase());
}

/** The keyword name and value make a "checks off" setting. */
function disables(name: string, value: SyntaxNode, ctx: RuleContext): boolean {
  if (OFF_WHEN_FALSE.has(name)) return isFalse(ctx.constantValue(value));
  if (OFF_WHEN_TRUE.has(name)) return ctx.constantValue(value) === true;
  if (CERT_REQS.has(name)) return isCertNone(value, ctx);
  return false;
}

function methodName(call: SyntaxNode): string | undefined {
  const fn = call.childForFieldName('function');
  return fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
}

/** Contexts made for the server side of a connection, where not checking peers (clients) is the normal setting. */
function isServerContext(expr: SyntaxNode, ctx: RuleContext): boolean {
  const origins = ctx.originCalls(expr);
  if (!origins || origins.length === 0) return false;
  return origins.every((call) => {
    const callee = ctx.callee(call);
    if (callee === 'ssl.create_default_context') {
      const purpose = ctx.argument(call, 0, 'purpose');
      return !!purpose && ctx.qualifiedName(purpose) === 'ssl.Purpose.CLIENT_AUTH';
    }
    if (callee === 'ssl.SSLContext') {
      const protocol = ctx.argument(call, 0, 'protocol');
      return !!protocol && ctx.qualifiedName(protocol) === 'ssl.PROTOCOL_TLS_SERVER';
    }
    return false;
  });
}

/** The object was created here by an ssl context factory (possibly through a name). */
function isClientContext(expr: SyntaxNode, ctx: RuleContext): boolean {
  const origins = ctx.originCalls(expr);
  return !!origins && origins.length > 0 && origins.every((call) => ctx.calleeCandidates(call)?.some((c) => CONTEXT_FACTORIES.has(c)));
}

function isServerSide(call: SyntaxNode, ctx: RuleContext): boolean {
  const kw = ctx.keyword(call, 'server_side');
  if (kw.present) return kw.value === undefined || kw.value === true || kw.value === 1;
  const positional = ctx.callee(call) === 'ssl.wrap_socket' ? ctx.arguments(call).positional[3] : undefined;
  return !!positional && ctx.constantValue(positional) === true;
}

const FIX = 'keep verification on and point it at the right CA bundle instead';

export const certValidationDisabled = defineRule({
  id: 'cert-validation-disabled',
  title: 'TLS certificate or host name validation disabled',
  family: 'cryptography',
  checklist: ['API Security', 'Cryptography'],
  level: 'error',
  securitySeverity: 7.5,
  precision: 'high',
  tier: 'default',
  cwe: [295],
  compatible: { bandit: ['B501', 'B323'], ruff: ['S501', 'S323'] },
  docs: {
    whatItDoes:
      'Reports TLS clients configured to accept any certificate: `verify=False` on requests, httpx, boto3 and similar clients (also through constants and `**kwargs` dicts), `session.verify = False`, aiohttp `ssl=False` / `verify_ssl=False`, `ssl._create_unverified_context()` (called, or installed as the default HTTPS context), `ctx.check_hostname = False` and `ctx.verify_mode = ssl.CERT_NONE` on client contexts, `cert_reqs=ssl.CERT_NONE` or `"CERT_NONE"` (urllib3, `ssl.wrap_socket`, redis, Celery and websocket option dicts), `assert_hostname=False`, and pymongo\'s `tlsAllowInvalidCertificates` / `tlsInsecure`. Server-side contexts and sockets are not reported; findings in test code are notes.',
    whyBad:
      'Certificate validation is what ties an encrypted connection to the server you meant to reach. Without it (or without the host name check), anyone on the network path — a rogue Wi-Fi access point, a compromised router, a malicious proxy — can present their own certificate, read and change the traffic, and collect the credentials and tokens sent over it, while the client still believes the connection is secure.',
    example: 'import requests\n\ndef fetch(url):\n    return requests.get(url, verify=False, timeout=10)\n',
    useInstead: "import requests\n\ndef fetch(url):\n    return requests.get(url, verify='/etc/ssl/certs/internal-ca.pem', timeout=10)\n",
    references: [
      'https://cwe.mitre.org/data/definitions/295.html',
      'https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification',
      'https://www.python-httpx.org/advanced/ssl/',
      'https://docs.python.org/3/library/ssl.html#security-considerations',
      'https://urllib3.readthedocs.io/en/stable/advanced-usage.html#certificate-verification',
    ],
  },
  visitors: {
    call(node, ctx) {
      const args = ctx.arguments(node);
      const bare = args.keywords.size === 0 && args.dictSplats.length === 0;
      // Without keywords only the ssl module's own functions matter, and only files that import ssl can call them.
      const importsSsl = ctx.importsPackage('ssl');
      if (bare && !importsSsl) return;
      // The callee matters for the ssl module's functions (only in files that import ssl) and for the verify= and
      // ssl= checks (only with that keyword, or a `**` dict that may hold it); most calls need neither.
      const direct = args.keywords;
      const needsCallee = importsSsl || args.dictSplats.length > 0 || direct.has('verify') || direct.has('ssl');
      const callees = needsCallee ? (ctx.calleeCandidates(node) ?? []) : [];
      const factory = callees.find((c) => UNVERIFIED_FACTORIES.has(c));
      if (factory) {
        ctx.report(node, `${factory}() creates a context that checks neither certificates nor host names; use ssl.create_default_context() (with cafile= for a private CA).`);
        return;
      }
      const isWrapSocket = callees.includes('ssl.wrap_socket');
      if (bare && !isWrapSocket) return;
      const method = methodName(node);
      if (callees.some((c) => VERIFY_CALLS.has(c)) || (method !== undefined && HTTP_METHODS.has(method))) {
        const verify = ctx.keyword(node, 'verify');
        if (verify.present && isFalse(verify.value)) {
          ctx.report(direct.get('verify')?.parent ?? node, `verify=False makes this HTTPS client accept any certificate; ${FIX} (verify="/path/to/ca.pem").`);
        }
      }
      if (callees.some((c) => c.startsWith('aiohttp.')) || (callees.length === 0 && method !== undefined && HTTP_METHODS.has(method))) {
        const ssl = ctx.keyword(node, 'ssl');
        if (ssl.present && ssl.value === false) {
          ctx.report(direct.get('ssl')?.parent ?? node, `ssl=False makes aiohttp skip certificate validation; ${FIX} (ssl=ssl.create_default_context(cafile=...)).`);
        }
      }
      // Setting names that mean the same thing in every library; dict literals are handled by the pair visitor.
      const wrapSocketCertReqs = isWrapSocket ? args.positional[4] : undefined;
      if (wrapSocketCertReqs && !direct.has('cert_reqs') && isCertNone(wrapSocketCertReqs, ctx) && !isServerSide(node, ctx)) {
        ctx.report(wrapSocketCertReqs, `cert_reqs=CERT_NONE turns certificate validation off; ${FIX} (ssl.CERT_REQUIRED).`);
      }
      for (const [name, value] of direct) {
        if (!disables(name, value, ctx)) continue;
        if (CERT_REQS.has(name) && isServerSide(node, ctx)) continue;
        ctx.report(value.parent ?? node, settingMessage(name));
      }
    },
    pair(node, ctx) {
      const key = ctx.stringValue(node.childForFieldName('key'));
      const value = node.childForFieldName('value');
      if (key === undefined || !value || !disables(key, value, ctx)) return;
      if (CERT_REQS.has(key) && node.parent && isServerOptions(node.parent, ctx)) return;
      ctx.report(node, settingMessage(key));
    },
    assignment(node, ctx) {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (!left || !right) return;
      const isReference = right.type === 'attribute' || right.type === 'identifier';
      if (isReference && ctx.importsPackage('ssl') && ctx.qualifiedNameCandidates(right)?.some((n) => UNVERIFIED_FACTORIES.has(n))) {
        ctx.report(node, 'Installing ssl._create_unverified_context as a context factory turns certificate checks off for every connection that uses it; remove the override and configure a CA bundle instead.');
        return;
      }
      if (left.type !== 'attribute') return;
      const attr = left.childForFieldName('attribute')?.text;
      const object = left.childForFieldName('object');
      if (!attr || !object || !ATTRIBUTES.has(attr)) return;
      if (attr === 'verify' && isFalse(ctx.constantValue(right)) && isHttpSession(object, ctx)) {
        ctx.report(node, `Setting verify = False on an HTTP session makes every request it sends accept any certificate; ${FIX}.`);
        return;
      }
      // An explicit CERT_NONE says it all; check_hostname=False is also how TLS libraries hand hostname checks to their
      // own code, so it is reported only on a context this code visibly created.
      const off = (attr === 'verify_mode' && isCertNone(right, ctx)) || (attr === 'check_hostname' && isFalse(ctx.constantValue(right)) && isClientContext(object, ctx));
      if (off && !isServerContext(object, ctx)) ctx.report(node, settingMessage(attr));
    },
  },
});

/** A requests session (resolved), or an unresolved object whose name says session or client. */
function isHttpSession(object: SyntaxNode, ctx: RuleContext): boolean {
  const names = ctx.qualifiedNameCandidates(object);
  if (names) return names.some((n) => SESSION_TYPES.has(n));
  const last = object.type === 'attribute' ? object.childForFieldName('attribute')?.text : object.type === 'identifier' ? object.text : undefined;
  return last !== undefined && (/session|client|http/i.test(last) || /^s(ess)?$/.test(last));
}

/** Server TLS options: `{"server_side": True, ...}`, or a dict handed to a server (`HTTPServer(ssl_options=...)`, `app.listen(...)`). */
function isServerOptions(dict: SyntaxNode, ctx: RuleContext): boolean {
  const value = ctx.constantValue(dict);
  if (value instanceof Map && value.get('server_side') === true) return true;
  for (const pair of dict.namedChildren) {
    if (pair?.type === 'pair' && ctx.stringValue(pair.childForFieldName('key')) === 'server_side') {
      if (ctx.constantValue(pair.childForFieldName('value')) === true) return true;
    }
  }
  const direct = ctx.valueDestination(dict).receivingCall;
  const receivers = direct ? [direct] : ctx.argumentUses(dict).map((u) => u.call);
  return receivers.some((call) => ctx.calleeCandidates(call)?.some((c) => SERVER_CALLS.has(c)) || SERVER_METHODS.has(methodName(call) ?? ''));
}

function settingMessage(name: string): string {
  if (name === 'check_hostname' || name === 'assert_hostname') {
    return `${name}=False lets a certificate issued for any other host impersonate the server; ${FIX}.`;
  }
  if (CERT_REQS.has(name)) return `${name}=CERT_NONE turns certificate validation off; ${FIX} (ssl.CERT_REQUIRED).`;
  if (OFF_WHEN_TRUE.has(name)) return `${name}=True accepts invalid certificates or host names; ${FIX} (tlsCAFile=...).`;
  return `${name}=False turns certificate validation off; ${FIX}.`;
}
