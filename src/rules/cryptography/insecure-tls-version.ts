// insecure-tls-version: SSLv2/SSLv3/TLS 1.0/TLS 1.1 protocol choices, low minimum versions and the deprecated ssl.wrap_socket().
import type { RuleContext } from '../../engine/context.js';
import { defineRule, type Level } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

/** Constants that pin a connection to an obsolete protocol, with the protocol they name. */
const PROTOCOL_CONSTANTS = new Map<string, string>([
  ['ssl.PROTOCOL_SSLv2', 'SSL 2.0'],
  ['ssl.PROTOCOL_SSLv3', 'SSL 3.0'],
  ['ssl.PROTOCOL_TLSv1', 'TLS 1.0'],
  ['ssl.PROTOCOL_TLSv1_1', 'TLS 1.1'],
  ['ssl._SSLMethod.PROTOCOL_SSLv2', 'SSL 2.0'],
  ['ssl._SSLMethod.PROTOCOL_SSLv3', 'SSL 3.0'],
  ['ssl._SSLMethod.PROTOCOL_TLSv1', 'TLS 1.0'],
  ['ssl._SSLMethod.PROTOCOL_TLSv1_1', 'TLS 1.1'],
  ['OpenSSL.SSL.SSLv2_METHOD', 'SSL 2.0'],
  ['OpenSSL.SSL.SSLv3_METHOD', 'SSL 3.0'],
  ['OpenSSL.SSL.TLSv1_METHOD', 'TLS 1.0'],
  ['OpenSSL.SSL.TLSv1_1_METHOD', 'TLS 1.1'],
  // pyOpenSSL set_min_proto_version / set_max_proto_version arguments
  ['OpenSSL.SSL.SSL3_VERSION', 'SSL 3.0'],
  ['OpenSSL.SSL.TLS1_VERSION', 'TLS 1.0'],
  ['OpenSSL.SSL.TLS1_1_VERSION', 'TLS 1.1'],
]);

/** `ssl.TLSVersion` members below TLS 1.2, as a bound (`MINIMUM_SUPPORTED` only counts as a minimum). */
const OLD_TLS_VERSIONS = new Map<string, string>([
  ['ssl.TLSVersion.SSLv3', 'SSL 3.0'],
  ['ssl.TLSVersion.TLSv1', 'TLS 1.0'],
  ['ssl.TLSVersion.TLSv1_1', 'TLS 1.1'],
]);
const MINIMUM_SUPPORTED = 'ssl.TLSVersion.MINIMUM_SUPPORTED';

/** Keyword, attribute and dict-key names whose value is a protocol choice. */
const PROTOCOL_OPTION_NAMES = new Set(['ssl_version', 'tls_version', 'ssl_protocol', 'tls_protocol', 'protocol', 'ssl_method', 'method']);
/** Names whose value is a lower (or upper) bound on the TLS version. */
const MINIMUM_NAMES = new Set(['minimum_version', 'ssl_minimum_version', 'tls_minimum_version', 'minimum_tls_version', 'min_tls_version', 'min_version']);
const MAXIMUM_NAMES = new Set(['maximum_version', 'ssl_maximum_version', 'tls_maximum_version', 'max_tls_version', 'max_version']);

/** Protocol names written as strings (`ssl_version="TLSv1"`), as urllib3 and several clients accept. */
const PROTOCOL_STRINGS: Record<string, string> = {
  sslv2: 'SSL 2.0',
  sslv3: 'SSL 3.0',
  tlsv1: 'TLS 1.0',
  'tlsv1.0': 'TLS 1.0',
  tlsv1_0: 'TLS 1.0',
  tls1_0: 'TLS 1.0',
  'tls1.0': 'TLS 1.0',
  tlsv1_1: 'TLS 1.1',
  'tlsv1.1': 'TLS 1.1',
  tls1_1: 'TLS 1.1',
  'tls1.1': 'TLS 1.1',
};

/** Calls that only look at, print or index by a value: passing a constant to them selects nothing. */
const INERT_CALLS = new Set(['print', 'repr', 'str', 'isinstance', 'hasattr', 'getattr', 'id', 'hash', 'type', 'int', 'bool']);
const INERT_METHODS = new Set(['get', 'pop', 'index', 'count', 'remove', 'discard', '__contains__', 'debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'log', 'assertEqual', 'assertIn', 'assertNotEqual']);

/** The obsolete protocol every value of the expression names, when all of them are obsolete protocol constants. */
function protocolConstant(node: SyntaxNode, ctx: RuleContext): string | undefined {
  if (node.type !== 'identifier' && node.type !== 'attribute') return undefined;
  const names = ctx.qualifiedNameCandidates(node);
  if (!names || names.length === 0) return undefined;
  const shown = names.map((n) => PROTOCOL_CONSTANTS.get(n));
  return shown.every((s) => s !== undefined) ? shown[0] : undefined;
}

function tlsVersionBound(node: SyntaxNode, ctx: RuleContext, kind: 'min' | 'max'): string | undefined {
  if (node.type !== 'identifier' && node.type !== 'attribute') return undefined;
  const names = ctx.qualifiedNameCandidates(node);
  if (!names || names.length === 0) return undefined;
  const shown = names.map((n) => (kind === 'min' && n === MINIMUM_SUPPORTED ? 'the oldest version the library supports' : OLD_TLS_VERSIONS.get(n)));
  return shown.every((s) => s !== undefined) ? shown[0] : undefined;
}

function protocolString(node: SyntaxNode, ctx: RuleContext): string | undefined {
  const s = ctx.stringValue(node);
  return s !== undefined ? PROTOCOL_STRINGS[s.toLowerCase().replace(/^protocol_/, '')] : undefined;
}

/** What an option `name = value` selects, when it selects an obsolete protocol. */
function optionProtocol(name: string, value: SyntaxNode, ctx: RuleContext): { shown: string; bound?: 'min' | 'max' } | undefined {
  if (MINIMUM_NAMES.has(name)) {
    const shown = tlsVersionBound(value, ctx, 'min') ?? protocolString(value, ctx);
    return shown ? { shown, bound: 'min' } : undefined;
  }
  if (MAXIMUM_NAMES.has(name)) {
    const shown = tlsVersionBound(value, ctx, 'max');
    return shown ? { shown, bound: 'max' } : undefined;
  }
  const constant = protocolConstant(value, ctx);
  if (constant) return { shown: constant };
  if (PROTOCOL_OPTION_NAMES.has(name)) {
    const shown = protocolString(value, ctx);
    if (shown) return { shown };
  }
  return undefined;
}

function message(selected: { shown: string; bound?: 'min' | 'max' }): string {
  if (selected.bound === 'min') return `A minimum TLS version of ${selected.shown} lets connections fall back to broken protocol versions; set it to TLSVersion.TLSv1_2 or higher.`;
  if (selected.bound === 'max') return `A maximum TLS version of ${selected.shown} forces a broken protocol version; raise it to TLSVersion.TLSv1_3 or leave it unset.`;
  return `This pins the connection to ${selected.shown}, a deprecated protocol version with known attacks; use ssl.create_default_context() (or PROTOCOL_TLS_CLIENT/PROTOCOL_TLS_SERVER) with minimum_version = TLSVersion.TLSv1_2.`;
}

function isOptionName(name: string): boolean {
  return PROTOCOL_OPTION_NAMES.has(name) || MINIMUM_NAMES.has(name) || MAXIMUM_NAMES.has(name);
}

/** Protocol constants can only be named in a file that imports ssl or pyOpenSSL (checked once per file). */
const tlsFiles = new WeakMap<RuleContext, boolean>();
function importsTlsModule(ctx: RuleContext): boolean {
  let known = tlsFiles.get(ctx);
  if (known === undefined) tlsFiles.set(ctx, (known = ctx.importsModule('ssl') || ctx.importsModule('OpenSSL')));
  return known;
}

function methodName(call: SyntaxNode): string | undefined {
  const fn = call.childForFieldName('function');
  return fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
}

/** The name an assignment target or dict key stands for: `ctx.minimum_version`, `opts["ssl_version"]`. */
function targetName(target: SyntaxNode, ctx: RuleContext): string | undefined {
  if (target.type === 'attribute') return target.childForFieldName('attribute')?.text;
  if (target.type === 'subscript') return ctx.stringValue(target.childForFieldName('subscript'));
  return undefined;
}

export const insecureTlsVersion = defineRule({
  id: 'insecure-tls-version',
  title: 'SSL 2/3 or TLS 1.0/1.1 selected, or deprecated ssl.wrap_socket()',
  family: 'cryptography',
  checklist: ['API Security', 'Cryptography'],
  level: 'error',
  securitySeverity: 7.5,
  precision: 'high',
  tier: 'default',
  cwe: [327],
  compatible: { bandit: ['B502', 'B503', 'B504'], ruff: ['S502', 'S503', 'S504'] },
  docs: {
    whatItDoes:
      'Reports code that selects SSL 2.0, SSL 3.0, TLS 1.0 or TLS 1.1: the `ssl.PROTOCOL_SSLv2/SSLv3/TLSv1/TLSv1_1` constants and pyOpenSSL `SSL.SSLv2_METHOD/SSLv3_METHOD/TLSv1_METHOD/TLSv1_1_METHOD` (and `SSL3_VERSION/TLS1_VERSION/TLS1_1_VERSION`) passed to a call, held in a variable that is passed, used as a function default or set as an `ssl_version` option in a dict or attribute; `minimum_version` set to `TLSVersion.SSLv3/TLSv1/TLSv1_1/MINIMUM_SUPPORTED` and `maximum_version` capped below TLS 1.2 (attributes, keywords such as urllib3\'s `ssl_minimum_version`, option dicts); protocol names passed as strings (`ssl_version="TLSv1"`). `ssl.wrap_socket()` without an explicit version is reported as a note: the function is deprecated and was removed in Python 3.12. `ssl.SSLContext()` without a protocol is not reported: since Python 3.10 it negotiates the best version and OpenSSL refuses TLS 1.0/1.1 by default (its missing certificate checks are the concern of cert-validation-disabled).',
    whyBad:
      'SSL 2.0 and 3.0 are broken (DROWN, POODLE) and TLS 1.0 and 1.1 were formally deprecated by RFC 8996 in 2021: they rely on SHA-1 and CBC constructions with known attacks and lack modern cipher suites. Pinning or allowing them exposes connections to downgrade and decryption attacks, and a pinned old version also stops working as servers drop support.',
    example:
      'import ssl\n\ndef client_context():\n    return ssl.SSLContext(ssl.PROTOCOL_TLSv1)\n',
    useInstead:
      'import ssl\n\ndef client_context():\n    ctx = ssl.create_default_context()\n    ctx.minimum_version = ssl.TLSVersion.TLSv1_2\n    return ctx\n',
    references: [
      'https://cwe.mitre.org/data/definitions/327.html',
      'https://www.rfc-editor.org/rfc/rfc8996',
      'https://docs.python.org/3/library/ssl.html#ssl.SSLContext.minimum_version',
      'https://docs.python.org/3/library/ssl.html#protocol-versions',
      'https://www.pyopenssl.org/en/latest/api/ssl.html',
    ],
  },
  visitors: {
    call(node, ctx) {
      const args = ctx.arguments(node);
      const tlsModules = importsTlsModule(ctx);
      if (!tlsModules && ![...args.keywords.keys()].some(isOptionName)) return;
      const callee = ctx.callee(node);
      const method = methodName(node);
      if ((callee !== undefined && INERT_CALLS.has(callee)) || (method !== undefined && INERT_METHODS.has(method))) return;
      if (tlsModules) {
        for (const arg of args.positional) {
          const shown = protocolConstant(arg, ctx);
          if (shown) ctx.report(arg, message({ shown }));
        }
      }
      for (const [name, value] of args.keywords) {
        if (!tlsModules && !isOptionName(name)) continue;
        const selected = optionProtocol(name, value, ctx);
        if (selected) ctx.report(value, message(selected));
      }
      if (tlsModules && (callee === 'ssl.wrap_socket' || ctx.calleeCandidates(node)?.includes('ssl.wrap_socket'))) {
        const version = ctx.argument(node, 5, 'ssl_version');
        const kw = ctx.keyword(node, 'ssl_version');
        if (!version && !kw.present && !kw.maybeInUnknownSplat && args.listSplats.length === 0) {
          const level: Level = 'note';
          ctx.report(
            node,
            'ssl.wrap_socket() is deprecated (removed in Python 3.12) and leaves the protocol version and certificate checks to old defaults; use ssl.create_default_context().wrap_socket(sock, server_hostname=host).',
            { level },
          );
        }
      }
    },
    pair(node, ctx) {
      const key = ctx.stringValue(node.childForFieldName('key'));
      const value = node.childForFieldName('value');
      if (key === undefined || !value) return;
      if (!isOptionName(key)) return;
      const selected = optionProtocol(key, value, ctx);
      if (selected) ctx.report(value, message(selected));
    },
    assignment(node, ctx) {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (!left || !right) return;
      const name = targetName(left, ctx);
      if (name === undefined || !isOptionName(name)) return;
      const selected = optionProtocol(name, right, ctx);
      if (selected) ctx.report(right, message(selected));
    },
    default_parameter(node, ctx) {
      defaultValue(node, ctx);
    },
    typed_default_parameter(node, ctx) {
      defaultValue(node, ctx);
    },
  },
});

/** B503: a function whose default argument selects an obsolete protocol. */
function defaultValue(node: SyntaxNode, ctx: RuleContext): void {
  const value = node.childForFieldName('value');
  const name = node.childForFieldName('name')?.text ?? '';
  if (!value || (!isOptionName(name) && !importsTlsModule(ctx))) return;
  const selected = optionProtocol(name, value, ctx);
  if (selected) ctx.report(value, message(selected));
}
