// incomplete-url-sanitization: host checks that a crafted URL passes — substring tests, prefixes without a
// terminating slash, suffixes without a leading dot, host regexes with unescaped dots or no anchors — used to decide
// whether to redirect, fetch or accept a URL.
import type { CheckUse } from '../../analysis/check-use.js';
import { hostLiterals, hostTerminatedAfter, parseRegex } from '../../analysis/regex-pattern.js';
import { namedChildren, unwrapParentheses } from '../../analysis/syntax.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';
import { regexCall } from '../regex-calls.js';

/** A host name with a common top-level domain, optionally after a scheme or `//`, optionally followed by a port or path. */
const HOST_TEXT = /^(?:(?<scheme>[a-z][a-z0-9+.-]*:)?\/\/)?(?<host>(?:[a-z0-9-]+\.)+(?:com|org|net|edu|gov|mil|int|io|co|ai|app|dev|cloud|info|biz|me|us|uk|de|fr|nl|eu|ca|au|jp|cn|in|ru|br|es|it|ch|se|no|dk|fi|pl|be|at|nz|ie|sg|hk|kr|tw|il|za|mx|ar|cz|pt|gr|tr|ua|online|site|tech|xyz|page|ly|gl|gg|tv|fm|so))(?<rest>[:/?#].*)?$/i;
/** Names of values that hold a URL or a host (not collections of them). */
const URL_NAME = /(^|_)(url|uri|link|href|host|hostname|domain|netloc|origin|referr?er|redirect(_to|_url)?|next|target|location|callback|return_?to|return_?url|dest|destination|endpoint|site|webhook|u)$/i;
/** Request headers and attributes that carry URLs or hosts. */
const URL_HEADERS = /^(referr?er|origin|host|location|http_referer|http_origin|http_host|x-forwarded-host|x-original-url)$/i;
const URL_PARSERS = new Set(['urllib.parse.urlparse', 'urllib.parse.urlsplit', 'urlparse.urlparse', 'urlparse.urlsplit', 'urllib3.util.parse_url', 'yarl.URL', 'httpx.URL']);
/** Calls that follow a URL: redirects and outgoing requests. */
const URL_CONSUMER = /^(flask\.redirect|werkzeug\.utils\.redirect|quart\.redirect|django\.shortcuts\.redirect|django\.http\.HttpResponse(Permanent)?Redirect|(starlette|fastapi)\.responses\.RedirectResponse|bottle\.redirect|aiohttp\.web\.HTTPFound|requests\.|httpx\.|urllib\.request\.(urlopen|Request|urlretrieve)|urllib3\.|aiohttp\.(request|ClientSession)|webbrowser\.open)/;
/** Names of functions whose boolean result is a security decision about a URL. */
const VALIDATOR_NAME = /(safe|allow|trust|valid|permit|white_?list|allow_?list|same_?(origin|site|host|domain)|internal|redirect|check|verify|is_(our|own|local))/i;

/** The names a URL-ish expression is read through, or undefined when the expression does not look like a URL or host. */
function urlNames(node: SyntaxNode, ctx: RuleContext): string[] | undefined {
  const n = unwrapParentheses(node);
  const values = (x: SyntaxNode): string[] => {
    if (x.type === 'identifier') return [x.text];
    const out: string[] = [];
    for (const id of x.descendantsOfType('identifier')) {
      const p = id.parent;
      if (p?.type === 'attribute' && p.childForFieldName('attribute')?.id === id.id) continue;
      if (p?.type === 'call' && p.childForFieldName('function')?.id === id.id) continue;
      if (p?.type === 'keyword_argument' && p.childForFieldName('name')?.id === id.id) continue;
      out.push(id.text);
    }
    return out;
  };
  switch (n.type) {
    case 'identifier':
      return URL_NAME.test(n.text) ? [n.text] : undefined;
    case 'attribute': {
      const attr = n.childForFieldName('attribute')?.text ?? '';
      const object = n.childForFieldName('object')!;
      const parsed = unwrapParentheses(object);
      if (['netloc', 'hostname', 'host'].includes(attr) && parsed.type === 'call' && URL_PARSERS.has(ctx.callee(parsed) ?? '')) return values(parsed);
      return URL_NAME.test(attr) || URL_HEADERS.test(attr) ? values(n) : undefined;
    }
    case 'subscript': {
      const key = ctx.stringValue(n.childForFieldName('subscript'));
      return key !== undefined && (URL_HEADERS.test(key) || URL_NAME.test(key)) ? values(n) : undefined;
    }
    case 'call': {
      const fn = n.childForFieldName('function');
      const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
      if (method === 'lower' || method === 'strip' || method === 'casefold') return urlNames(fn!.childForFieldName('object')!, ctx);
      if (method === 'get') {
        const key = ctx.stringValue(ctx.argument(n, 0, undefined));
        return key !== undefined && (URL_HEADERS.test(key) || URL_NAME.test(key)) ? values(n) : undefined;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The check decides something about the URL: failing it rejects, it is a validator's answer, or passing it leads to a redirect or request of that URL. */
function decides(check: SyntaxNode, names: string[], ctx: RuleContext, negated = false): boolean {
  const use: CheckUse | undefined = ctx.checkUse(check, negated);
  if (!use) return false;
  if (use.kind === 'reject') return true;
  if (use.kind === 'predicate') return VALIDATOR_NAME.test(use.fn?.childForFieldName('name')?.text ?? '');
  const wanted = new Set(names);
  for (const block of use.passing) {
    const calls = block.type === 'call' ? [block, ...ctx.callsWithin(block)] : ctx.callsWithin(block);
    for (const call of calls) {
      if (!URL_CONSUMER.test(ctx.callee(call) ?? '')) continue;
      const args = call.childForFieldName('arguments');
      if (args?.descendantsOfType('identifier').some((id) => wanted.has(id.text))) return true;
    }
  }
  return false;
}

function constantStrings(node: SyntaxNode | undefined, ctx: RuleContext): string[] | undefined {
  const v = ctx.constantValue(node);
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  return undefined;
}

function checkSubstring(cmp: SyntaxNode, ctx: RuleContext): void {
  const operators = cmp.childrenForFieldName('operators').map((o) => o.text.replace(/\s+/g, ' '));
  const operands = namedChildren(cmp);
  if (operators.length !== 1 || operands.length !== 2 || (operators[0] !== 'in' && operators[0] !== 'not in')) return;
  const text = ctx.stringValue(operands[0]);
  const host = text !== undefined ? HOST_TEXT.exec(text)?.groups?.host : undefined;
  if (!host) return;
  const names = urlNames(operands[1]!, ctx);
  if (!names || !decides(cmp, names, ctx, operators[0] === 'not in')) return;
  ctx.report(cmp, `Checking that "${text}" appears somewhere in a URL also accepts https://attacker.example/?${host}; parse the URL and compare its host exactly (urlparse(url).hostname == "${host}", or .endswith(".${host}") for subdomains).`);
}

function checkAffix(call: SyntaxNode, method: 'startswith' | 'endswith', ctx: RuleContext): void {
  const receiver = call.childForFieldName('function')?.childForFieldName('object');
  const texts = constantStrings(ctx.argument(call, 0, undefined), ctx);
  if (!receiver || !texts) return;
  let bad: string | undefined;
  for (const t of texts) {
    const m = HOST_TEXT.exec(t);
    if (!m?.groups?.host) continue;
    if (method === 'startswith' && t.includes('//') && m.groups.rest === undefined) bad = t;
    if (method === 'endswith' && !t.startsWith('.') && !t.includes('/')) bad = t;
  }
  if (bad === undefined) return;
  const names = urlNames(receiver, ctx);
  if (!names || !decides(call, names, ctx)) return;
  if (method === 'startswith') ctx.report(call, `A URL prefix check against "${bad}" without a "/" after the host also accepts ${bad}.attacker.example; end the prefix with "/" or compare the parsed host exactly.`);
  else ctx.report(call, `A host suffix check against "${bad}" without a leading dot also accepts attacker${bad}; compare the host exactly or check the suffix ".${bad}".`);
}

/** What regexCall() recognises: methods of a compiled pattern, or functions and validators of these packages. */
const PATTERN_METHODS = new Set(['match', 'search', 'fullmatch']);
const REGEX_PACKAGES = ['re', 'regex', 'pydantic', 'django', 'rest_framework', 'marshmallow', 'wtforms'];

function checkRegex(call: SyntaxNode, ctx: RuleContext): void {
  const found = regexCall(call, ctx);
  if (!found || found.api === 'validator') return;
  const shape = parseRegex(found.pattern);
  if (!shape) return;
  const hosts = hostLiterals(shape.tokens);
  if (hosts.length === 0) return;
  let problem: string | undefined;
  const dotted = hosts.find((h) => h.unescapedDots.length > 0);
  const open = hosts.find((h) => found.semantics !== 'full' && !hostTerminatedAfter(shape.tokens, h.last));
  if (dotted) problem = `its unescaped "." in ${dotted.host} matches any character (${dotted.host.replace('.', 'X')} passes); escape it as "\\."`;
  else if (found.semantics === 'search' && !shape.tokens.some((t) => t.kind === 'start')) problem = `re.search() finds ${hosts[0]!.host} anywhere in the text (https://attacker.example/?${hosts[0]!.host} passes); anchor it with "^"`;
  else if (open) problem = `nothing after ${open.host} ends the host (${open.host}.attacker.example passes); follow it with "/", ":" or "$"`;
  if (!problem) return;
  const names = found.subject ? urlNames(found.subject, ctx) ?? namedChildren(found.subject).concat(found.subject).filter((n) => n.type === 'identifier').map((n) => n.text) : [];
  if (!decides(call, names, ctx)) return;
  ctx.report(call, `This host-checking regular expression is incomplete: ${problem}, or better, parse the URL and compare its host.`);
}

export const incompleteUrlSanitization = defineRule({
  id: 'incomplete-url-sanitization',
  title: 'URL host check that a crafted URL can pass',
  family: 'web-configuration',
  checklist: ['Input Validation', 'API Security'],
  level: 'warning',
  securitySeverity: 7.8,
  precision: 'high',
  tier: 'default',
  cwe: [20],
  compatible: {},
  docs: {
    whatItDoes:
      'Reports checks of a URL or host name that look like an allow-list but accept hostile values, when the check decides something: failing it rejects the request (`abort`, `raise`, an error response), it is the answer of a validator function (`is_safe_url`), or passing it leads to a redirect or an outgoing request with that URL. The checks are: a host name tested as a substring (`"example.com" in url`), a prefix with a scheme and host but no `/` after the host (`url.startswith("https://example.com")`), a suffix without a leading dot (`host.endswith("example.com")`), and a regular expression naming a host with an unescaped `.`, with nothing after the host that ends it, or (with `re.search`) without a `^` anchor. Exact comparisons of a parsed host, prefixes ending in `/` and suffixes starting with `.` are not reported, nor are substring tests that only classify URLs.',
    whyBad:
      'An attacker who controls the URL controls where the tested text appears in it: `https://attacker.example/?example.com` contains the host, `https://example.com.attacker.example` starts with the prefix, `attacker-example.com` ends with the suffix, and `wwwXexample.com` matches `www.example.com`. A redirect or server-side request guarded this way sends users, or the server, wherever the attacker wants (open redirect, SSRF, token leakage to another origin).',
    example:
      'from flask import Flask, abort, redirect, request\n\napp = Flask(__name__)\n\n@app.get("/go")\ndef go():\n    target = request.args.get("next", "/")\n    if "example.com" not in target:\n        abort(400)\n    return redirect(target)\n',
    useInstead:
      'from urllib.parse import urlparse\nfrom flask import Flask, abort, redirect, request\n\napp = Flask(__name__)\n\n@app.get("/go")\ndef go():\n    target = request.args.get("next", "/")\n    if urlparse(target).hostname != "example.com":\n        abort(400)\n    return redirect(target)\n',
    references: [
      'https://cwe.mitre.org/data/definitions/20.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html',
      'https://docs.python.org/3/library/urllib.parse.html#urllib.parse.urlparse',
    ],
  },
  visitors: {
    comparison_operator(node, ctx) {
      checkSubstring(node, ctx);
    },
    call(node, ctx) {
      const fn = node.childForFieldName('function');
      const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
      if (method === 'startswith' || method === 'endswith') checkAffix(node, method, ctx);
      else if ((method !== undefined && PATTERN_METHODS.has(method)) || REGEX_PACKAGES.some((p) => ctx.importsPackage(p))) checkRegex(node, ctx);
    },
  },
});
