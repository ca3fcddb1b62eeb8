// httpoxy-cgi-handler: a CGI handler is created, so the client's `Proxy:` header arrives as the HTTP_PROXY environment variable.
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';
import type { RuleContext } from '../../engine/context.js';

/** Handlers that run an application or scripts under CGI, filling the environment from request headers. */
const CGI_HANDLERS: Record<string, { label: string; runs: string }> = {
  'wsgiref.handlers.CGIHandler': { label: 'wsgiref CGIHandler', runs: 'the WSGI application' },
  'wsgiref.handlers.IISCGIHandler': { label: 'wsgiref IISCGIHandler', runs: 'the WSGI application' },
  'twisted.web.twcgi.CGIScript': { label: 'Twisted CGIScript', runs: 'CGI scripts' },
  'twisted.web.twcgi.FilteredScript': { label: 'Twisted FilteredScript', runs: 'CGI scripts' },
  'twisted.web.twcgi.PHPScript': { label: 'Twisted PHPScript', runs: 'CGI scripts' },
  'twisted.web.twcgi.PHP3Script': { label: 'Twisted PHP3Script', runs: 'CGI scripts' },
  'twisted.web.twcgi.CGIDirectory': { label: 'Twisted CGIDirectory', runs: 'CGI scripts' },
};

interface Handler {
  label: string;
  runs: string;
}

/** The CGI handler class an expression names, directly or as the base of a class defined in this file. */
function cgiHandler(expr: SyntaxNode, ctx: RuleContext): Handler | undefined {
  if (!ctx.importsModule('wsgiref') && !ctx.importsModule('twisted')) return undefined;
  for (const name of ctx.qualifiedNameCandidates(expr) ?? []) if (CGI_HANDLERS[name]) return CGI_HANDLERS[name];
  for (const base of ctx.baseClassNames(expr) ?? []) {
    const known = CGI_HANDLERS[base];
    if (known) return { label: `${expr.text} (a ${known.label})`, runs: known.runs };
  }
  return undefined;
}

function message(handler: Handler, verb: string): string {
  return `${handler.label} ${verb} ${handler.runs} under CGI, so a request header "Proxy: …" reaches them as the HTTP_PROXY environment variable and can redirect their outgoing HTTP requests; serve the application with a WSGI server instead, or remove HTTP_PROXY from the environment first.`;
}

export const httpoxyCgiHandler = defineRule({
  id: 'httpoxy-cgi-handler',
  title: 'CGI handler exposes the Proxy request header as HTTP_PROXY (httpoxy)',
  family: 'web-configuration',
  checklist: ['Input Validation', 'API Security'],
  level: 'note',
  securitySeverity: 5.0,
  precision: 'medium',
  tier: 'audit',
  cwe: [284],
  compatible: { bandit: ['B412'], ruff: ['S412'] },
  docs: {
    whatItDoes:
      'An audit aid, off by default. Reports where a CGI handler is created: `wsgiref.handlers.CGIHandler` and `IISCGIHandler`, Twisted `twcgi.CGIScript`, `FilteredScript`, `PHPScript` and `CGIDirectory`, also through aliases and subclasses defined in the file, and Twisted script classes registered in a `processors` mapping. Importing these classes is not reported.',
    whyBad:
      'Under CGI every request header `X` becomes an environment variable `HTTP_X`, so a client that sends `Proxy: http://attacker:8080` sets `HTTP_PROXY`. HTTP client libraries that read their proxy from that variable then send the application\'s outgoing requests, with any credentials they carry, through the attacker\'s proxy ("httpoxy", CVE-2016-1000110). Current CPython ignores `HTTP_PROXY` when `REQUEST_METHOD` is set, but other libraries and scripts started by the handler may not.',
    example: 'from wsgiref.handlers import CGIHandler\n\nfrom app import application\n\nCGIHandler().run(application)\n',
    useInstead: 'from waitress import serve\n\nfrom app import application\n\nserve(application, listen="127.0.0.1:8080")\n',
    references: [
      'https://cwe.mitre.org/data/definitions/284.html',
      'https://httpoxy.org/',
      'https://docs.python.org/3/library/wsgiref.html#wsgiref.handlers.CGIHandler',
      'https://nvd.nist.gov/vuln/detail/CVE-2016-1000110',
    ],
  },
  visitors: {
    call(node, ctx) {
      const fn = node.childForFieldName('function');
      const handler = fn ? cgiHandler(fn, ctx) : undefined;
      if (handler) ctx.report(node, message(handler, 'runs'));
    },
    pair(node, ctx) {
      // twisted.web.static.File.processors = {".cgi": twcgi.CGIScript}: the class is instantiated for each matching file.
      const value = node.childForFieldName('value');
      if (!value || (value.type !== 'identifier' && value.type !== 'attribute')) return;
      const handler = cgiHandler(value, ctx);
      if (handler) ctx.report(value, message(handler, 'is registered to run'));
    },
  },
});
