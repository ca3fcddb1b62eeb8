// http-url-without-tls: plain-HTTP URLs of remote hosts used by HTTP clients, as client base URLs, or as OAuth endpoints.
import { unwrapParentheses } from '../../analysis/syntax.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

const VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];
/** Client calls and the argument that holds the URL: [position, keyword]. */
const URL_ARGUMENT: ReadonlyMap<string, [number | undefined, string]> = new Map<string, [number | undefined, string]>([
  ...['requests', 'requests.api', 'httpx'].flatMap((m) => VERBS.map((v): [string, [number | undefined, string]] => [`${m}.${v}`, [0, 'url']])),
  ['requests.request', [1, 'url']],
  ['requests.api.request', [1, 'url']],
  ['httpx.request', [1, 'url']],
  ['httpx.stream', [1, 'url']],
  ['urllib.request.urlopen', [0, 'url']],
  ['urllib.request.Request', [0, 'url']],
  ['urllib.request.urlretrieve', [0, 'url']],
  ['urllib2.urlopen', [0, 'url']],
  ['urllib2.Request', [0, 'url']],
  ['six.moves.urllib.request.urlopen', [0, 'url']],
  ['urllib3.request', [1, 'url']],
  ['urllib3.connection_from_url', [0, 'url']],
  ['aiohttp.request', [1, 'url']],
  ['httpx.Client', [undefined, 'base_url']],
  ['httpx.AsyncClient', [undefined, 'base_url']],
  ['aiohttp.ClientSession', [0, 'base_url']],
  ['xmlrpc.client.ServerProxy', [0, 'uri']],
  ['zeep.Client', [0, 'wsdl']],
  ['suds.client.Client', [0, 'url']],
]);
/** Methods of client objects: the class that creates the object, and the URL argument of each method. */
const CLIENT_CLASSES: readonly { classes: readonly string[]; methods: ReadonlyMap<string, [number, string]> }[] = [
  {
    classes: ['requests.Session', 'requests.session', 'requests.sessions.Session', 'httpx.Client', 'httpx.AsyncClient', 'aiohttp.ClientSession'],
    methods: new Map([...VERBS.map((v) => [v, [0, 'url']] as [string, [number, string]]), ['request', [1, 'url']], ['stream', [1, 'url']], ['ws_connect', [0, 'url']]]),
  },
  { classes: ['urllib3.PoolManager', 'urllib3.ProxyManager'], methods: new Map([['request', [1, 'url']], ['urlopen', [1, 'url']], ['request_encode_url', [1, 'url']], ['request_encode_body', [1, 'url']]]) },
  {
    classes: ['requests_oauthlib.OAuth2Session', 'requests_oauthlib.OAuth1Session', 'authlib.integrations.requests_client.OAuth2Session', 'authlib.integrations.httpx_client.OAuth2Client', 'authlib.integrations.httpx_client.AsyncOAuth2Client'],
    methods: new Map([['fetch_token', [0, 'token_url']], ['refresh_token', [0, 'token_url']], ['authorization_url', [0, 'url']], ['create_authorization_url', [0, 'url']], ['fetch_request_token', [0, 'url']], ['fetch_access_token', [0, 'url']], ...VERBS.map((v) => [v, [0, 'url']] as [string, [number, string]])]),
  },
];
/** Keywords that name OAuth / OpenID endpoints (Authlib `register()`, OAuth clients, provider configs). */
const ENDPOINT_KEYWORD = /^(access_token_url|request_token_url|authorize_url|authorization_url|authorization_endpoint|token_url|token_endpoint|refresh_token_url|revocation_endpoint|userinfo_endpoint|api_base_url|server_metadata_url|jwks_uri|issuer)$/;
/** Hosts that are this machine, the local network or reserved for examples and tests. */
const LOCAL_HOST = /^(localhost|127(\.\d{1,3}){3}|0\.0\.0\.0|\[?::1?\]?|10(\.\d{1,3}){3}|192\.168(\.\d{1,3}){2}|172\.(1[6-9]|2\d|3[01])(\.\d{1,3}){2}|169\.254(\.\d{1,3}){2}|[^.]+|.*\.(local|localhost|internal|lan|home|test|example|invalid|svc|cluster\.local|intranet|corp)|(.*\.)?example\.(com|org|net))$/i;
/** Keywords that send credentials with the request. */
const CREDENTIAL_KEYWORDS = new Set(['auth', 'cert', 'client_secret', 'password']);
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie|x-api-key|api-key|x-auth-token|x-access-token|private-token)$/i;

interface Leading {
  text: string;
  /** The text is the whole URL. */
  complete: boolean;
}

/** The leading text of a URL expression: its known prefix, or what `self.base`/a class constant holds. */
function leadingText(node: SyntaxNode, ctx: RuleContext, depth = 0): Leading | undefined {
  if (depth > 4) return undefined;
  const n = unwrapParentheses(node);
  const prefix = ctx.knownPrefix(n);
  if (prefix?.text) return { text: prefix.text, complete: prefix.complete };
  if (n.type === 'attribute') {
    const values = ctx.instanceAttributeValues(n);
    const texts = values?.map((v) => leadingText(v, ctx, depth + 1));
    return texts && texts.length > 0 && texts.every((t) => t !== undefined && t.text === texts[0]!.text) ? { text: texts[0]!.text, complete: false } : undefined;
  }
  if (n.type === 'binary_operator' && n.childForFieldName('operator')?.text === '+') {
    const left = leadingText(n.childForFieldName('left')!, ctx, depth + 1);
    return left ? { text: left.text, complete: false } : undefined;
  }
  if (n.type === 'string') {
    const first = n.namedChildren.find((c) => c?.type === 'interpolation' || c?.type === 'string_content');
    const expr = first?.type === 'interpolation' ? first.childForFieldName('expression') : undefined;
    const inner = expr ? leadingText(expr, ctx, depth + 1) : undefined;
    return inner ? { text: inner.text, complete: false } : undefined;
  }
  if (n.type === 'call' && ctx.callee(n) === 'urllib.parse.urljoin') {
    const base = ctx.argument(n, 0, 'base');
    const inner = base ? leadingText(base, ctx, depth + 1) : undefined;
    return inner ? { text: inner.text, complete: false } : undefined;
  }
  return undefined;
}

/** The remote host of a plain-HTTP URL; undefined for https, local hosts and URLs whose host is not known. */
function remoteHttpHost(url: Leading | undefined): string | undefined {
  // The host is only known when something ends it, or when the text is the whole URL.
  const m = url ? /^http:\/\/(?:[^/?#@]*@)?(\[[^\]]*\]|[^/?#:\s]+)([:/?#]|$)/i.exec(url.text) : undefined;
  if (!m || (m[2] === '' && !url!.complete)) return undefined;
  const host = m[1]!;
  return LOCAL_HOST.test(host) ? undefined : host;
}

/** The URL argument of a client call: [node, api name]. */
function clientUrl(call: SyntaxNode, ctx: RuleContext): { node: SyntaxNode; api: string } | undefined {
  for (const name of ctx.calleeCandidates(call) ?? []) {
    const slot = URL_ARGUMENT.get(name);
    if (slot) {
      const node = ctx.argument(call, slot[0], slot[1]);
      return node ? { node, api: name } : undefined;
    }
  }
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute') return undefined;
  const method = fn.childForFieldName('attribute')?.text ?? '';
  const receiver = fn.childForFieldName('object')!;
  let origins = ctx.originCalls(receiver);
  if (!origins) {
    const values = ctx.instanceAttributeValues(receiver);
    origins = values?.flatMap((v) => ctx.originCalls(v) ?? []);
  }
  if (!origins || origins.length === 0) return undefined;
  for (const group of CLIENT_CLASSES) {
    const slot = group.methods.get(method);
    if (!slot) continue;
    const cls = origins.map((o) => ctx.calleeCandidates(o)?.find((c) => group.classes.includes(c)));
    if (cls.some((c) => c === undefined)) continue;
    const node = ctx.argument(call, slot[0], slot[1]);
    return node ? { node, api: `${cls[0]}.${method}` } : undefined;
  }
  return undefined;
}

/** The request sends credentials: `auth=`, a client certificate, or an Authorization/API-key header. */
function sendsCredentials(call: SyntaxNode, ctx: RuleContext): boolean {
  for (const kw of CREDENTIAL_KEYWORDS) if (ctx.keyword(call, kw).present) return true;
  const headers = ctx.keyword(call, 'headers');
  const value = headers.value;
  if (value instanceof Map) return [...value.keys()].some((k) => typeof k === 'string' && CREDENTIAL_HEADER.test(k));
  if (headers.node?.type === 'dictionary') return headers.node.namedChildren.some((p) => p?.type === 'pair' && CREDENTIAL_HEADER.test(ctx.stringValue(p.childForFieldName('key')) ?? ''));
  return false;
}

function report(node: SyntaxNode, host: string, what: string, credentials: boolean, ctx: RuleContext): void {
  const extra = credentials ? ', together with the credentials it sends,' : '';
  ctx.report(node, `${what} uses plain http:// to ${host}, so the traffic${extra} can be read and changed on the way; use https://.`, credentials ? { level: 'warning' } : {});
}

export const httpUrlWithoutTls = defineRule({
  id: 'http-url-without-tls',
  title: 'Plain-HTTP URL of a remote host used by an HTTP client',
  family: 'cryptography',
  checklist: ['API Security', 'Cryptography'],
  level: 'note',
  securitySeverity: 4.3,
  precision: 'medium',
  tier: 'extended',
  cwe: [319, 523],
  compatible: {},
  inTestCode: 'silent',
  docs: {
    whatItDoes:
      'Reports `http://` URLs of remote hosts where an HTTP client uses them: the URL of `requests`, `httpx`, `urllib`, `urllib3` and `aiohttp` calls (module functions, sessions and clients, `Request` objects), client base URLs (`httpx.Client(base_url=…)`, `aiohttp.ClientSession(…)`), XML-RPC and SOAP clients, OAuth session methods (`fetch_token`, `authorization_url`), and OAuth/OpenID endpoint keywords (`access_token_url=`, `token_endpoint=`…). The URL may be written in the call, held in a constant or class attribute, or be the start of a string built from one (`BASE + "/users"`, `f"{self.base}/items"`). Loopback, private-network, link-local (cloud metadata), single-label (service names) and `.local`/`.internal`/`.test`/`example.com` hosts are not reported, nor are URLs that are only compared, logged, or used as XML namespaces. Findings are raised to warning when the request carries credentials (`auth=`, an `Authorization` header, a client certificate, an OAuth endpoint). Test code is skipped.',
    whyBad:
      'Plain HTTP has no encryption and no server authentication. Anyone on the network path — public Wi-Fi, a compromised router, a hosting provider — can read what is sent (API keys, tokens, personal data) and change what comes back (responses, downloaded code, redirects to a phishing page).',
    example:
      'import requests\n\nAPI = "http://api.weatherservice.io/v2"\n\ndef forecast(city, key):\n    return requests.get(API + "/forecast", params={"q": city}, headers={"Authorization": key}, timeout=10).json()\n',
    useInstead:
      'import requests\n\nAPI = "https://api.weatherservice.io/v2"\n\ndef forecast(city, key):\n    return requests.get(API + "/forecast", params={"q": city}, headers={"Authorization": key}, timeout=10).json()\n',
    references: [
      'https://cwe.mitre.org/data/definitions/319.html',
      'https://cwe.mitre.org/data/definitions/523.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Transport_Layer_Security_Cheat_Sheet.html',
      'https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification',
    ],
  },
  visitors: {
    call(node, ctx) {
      const url = clientUrl(node, ctx);
      if (url) {
        const host = remoteHttpHost(leadingText(url.node, ctx));
        if (host) report(url.node, host, `${url.api}()`, sendsCredentials(node, ctx) || /fetch_token|refresh_token|fetch_access_token/.test(url.api), ctx);
      }
      for (const [keyword, value] of ctx.arguments(node).keywords) {
        if (!ENDPOINT_KEYWORD.test(keyword) || value.id === url?.node.id) continue;
        const host = remoteHttpHost(leadingText(value, ctx));
        if (host) report(value, host, `The OAuth endpoint ${keyword}`, true, ctx);
      }
    },
    pair(node, ctx) {
      const key = ctx.stringValue(node.childForFieldName('key'));
      const value = node.childForFieldName('value');
      if (key === undefined || !value || !ENDPOINT_KEYWORD.test(key)) return;
      const host = remoteHttpHost(leadingText(value, ctx));
      if (host) report(value, host, `The OAuth endpoint "${key}"`, true, ctx);
    },
  },
});
