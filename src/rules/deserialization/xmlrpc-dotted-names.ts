// xmlrpc-dotted-names: an XML-RPC server exposing an object with allow_dotted_names=True.
import type { RuleContext } from '../../engine/context.js';
import { defineRule, importsAnyPackage } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';
import { isTruthy } from '../../analysis/constants.js';

/** The server and dispatcher classes of the standard library (Python 3 and Python 2 module names). */
const XMLRPC_CLASS = /^(xmlrpc\.server|SimpleXMLRPCServer|DocXMLRPCServer)\.\w*(Server|Dispatcher|Handler)$/;
const XMLRPC_MODULES = ['xmlrpc.server', 'SimpleXMLRPCServer', 'DocXMLRPCServer'];
const METHOD = 'register_instance';

type Kind = 'xmlrpc' | 'other' | 'unknown';

/** Whether a class expression is one of the XML-RPC servers or a subclass of one defined in this file. */
function classKind(ctx: RuleContext, cls: SyntaxNode): Kind {
  const names = ctx.qualifiedNameCandidates(cls);
  if (names?.some((n) => XMLRPC_CLASS.test(n))) return 'xmlrpc';
  const bases = ctx.baseClassNames(cls);
  if (bases?.some((n) => XMLRPC_CLASS.test(n))) return 'xmlrpc';
  return (names && names.length > 0) || bases ? 'other' : 'unknown';
}

function combine(kinds: Kind[]): Kind {
  if (kinds.includes('xmlrpc')) return 'xmlrpc';
  return kinds.length > 0 && kinds.every((k) => k === 'other') ? 'other' : 'unknown';
}

/** The class whose method holds node, for calls on `self`. */
function enclosingClassName(ctx: RuleContext, node: SyntaxNode): SyntaxNode | undefined {
  const fn = ctx.enclosingFunction(node);
  for (let cur = fn?.parent; cur; cur = cur.parent) {
    if (cur.type === 'class_definition') return cur.childForFieldName('name') ?? undefined;
    if (cur.type !== 'block' && cur.type !== 'decorated_definition') return undefined;
  }
  return undefined;
}

function receiverKind(ctx: RuleContext, receiver: SyntaxNode): Kind {
  const origins = ctx.originCalls(receiver) ?? (receiver.type === 'attribute' ? ctx.instanceAttributeValues(receiver)?.flatMap((v) => ctx.originCalls(v) ?? []) : undefined);
  if (origins && origins.length > 0) {
    return combine(origins.map((c) => {
      const fn = c.childForFieldName('function');
      return fn ? classKind(ctx, fn) : 'unknown';
    }));
  }
  if (receiver.type === 'identifier' && receiver.text === 'self') {
    const cls = enclosingClassName(ctx, receiver);
    return cls ? classKind(ctx, cls) : 'unknown';
  }
  return 'unknown';
}

export const xmlrpcDottedNames = defineRule({
  id: 'xmlrpc-dotted-names',
  title: 'XML-RPC server lets clients traverse dotted attribute names',
  family: 'deserialization',
  checklist: ['API Security'],
  level: 'error',
  securitySeverity: 8.1,
  precision: 'high',
  tier: 'default',
  cwe: [749],
  compatible: { bandit: ['B411'], ruff: ['S411'] },
  docs: {
    whatItDoes:
      'Reports `register_instance(obj, allow_dotted_names=True)` on the standard library\'s XML-RPC servers and dispatchers (`SimpleXMLRPCServer`, `DocXMLRPCServer`, `MultiPathXMLRPCServer`, `SimpleXMLRPCDispatcher`, the CGI handlers, their Python 2 module names and subclasses defined in the same file). The flag is resolved through constants, the positional form and `**kwargs` dicts. Importing or running an XML-RPC server is not reported by itself.',
    whyBad:
      'With dotted names allowed, a client can call `a.b.c` paths that walk from the registered object through its attributes, module globals and imported modules. The Python documentation warns that this lets remote callers reach code you never meant to expose and can amount to running arbitrary code on the server.',
    example:
      'from xmlrpc.server import SimpleXMLRPCServer\n\nserver = SimpleXMLRPCServer(("0.0.0.0", 8000))\nserver.register_instance(Api(), allow_dotted_names=True)\n',
    useInstead:
      'from xmlrpc.server import SimpleXMLRPCServer\n\nserver = SimpleXMLRPCServer(("127.0.0.1", 8000))\nserver.register_instance(Api())\n',
    references: [
      'https://cwe.mitre.org/data/definitions/749.html',
      'https://docs.python.org/3/library/xmlrpc.server.html#xmlrpc.server.SimpleXMLRPCServer.register_instance',
      'https://docs.python.org/3/library/xmlrpc.html',
    ],
  },
  appliesTo: importsAnyPackage(XMLRPC_MODULES),
  visitors: {
    call(node, ctx) {
      const fn = node.childForFieldName('function');
      if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== METHOD) return;
      const args = ctx.arguments(node);
      const positional = args.positional[1];
      const value = positional ? ctx.constantValue(positional) : ctx.keyword(node, 'allow_dotted_names').value;
      if (value === undefined || !isTruthy(value)) return;
      const receiver = fn.childForFieldName('object');
      if (!receiver) return;
      const kind = receiverKind(ctx, receiver);
      if (kind === 'other' || (kind === 'unknown' && !XMLRPC_MODULES.some((m) => ctx.importsModule(m)))) return;
      ctx.report(node, 'register_instance() with allow_dotted_names=True lets XML-RPC clients walk from the object to its attributes, globals and modules; leave it False and expose only named methods.');
    },
  },
});
