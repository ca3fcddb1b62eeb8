// bind-all-interfaces: a server socket bound to every network interface (0.0.0.0, ::, '') — the value must reach a bind.
import type { ConstValue } from '../../analysis/constants.js';
import { namedChildren, unwrapParentheses } from '../../analysis/syntax.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

/**
 * How a sink receives the address: a host string, a `(host, port)` tuple, or a `host:port` endpoint string.
 * `empty`/`none`: the API treats `''` / `None` as "every interface" (Flask's run() treats '' as localhost instead).
 */
interface Slot {
  position?: number;
  keyword: string;
  shape: 'host' | 'address' | 'endpoint';
  empty?: boolean;
  none?: boolean;
}

const host = (position: number | undefined, keyword = 'host', extra: Partial<Slot> = {}): Slot => ({ position, keyword, shape: 'host', empty: true, ...extra });
const address = (keyword: string, position = 0): Slot => ({ position, keyword, shape: 'address', empty: true });

const SOCKET_SERVERS = ['TCPServer', 'UDPServer', 'ThreadingTCPServer', 'ThreadingUDPServer', 'ForkingTCPServer', 'ForkingUDPServer'];

/** Functions and classes that bind the address they are given. */
const CALL_SINKS: Record<string, Slot[]> = {
  'uvicorn.run': [host(undefined)],
  'uvicorn.Config': [host(1)],
  'werkzeug.serving.run_simple': [host(0, 'hostname')],
  'werkzeug.run_simple': [host(0, 'hostname')],
  'werkzeug.serving.make_server': [host(0)],
  'wsgiref.simple_server.make_server': [host(0)],
  'wsgiref.simple_server.WSGIServer': [address('server_address')],
  'http.server.HTTPServer': [address('server_address')],
  'http.server.ThreadingHTTPServer': [address('server_address')],
  'BaseHTTPServer.HTTPServer': [address('server_address')],
  ...Object.fromEntries(SOCKET_SERVERS.flatMap((s) => [[`socketserver.${s}`, [address('server_address')]], [`SocketServer.${s}`, [address('server_address')]]])),
  'xmlrpc.server.SimpleXMLRPCServer': [address('addr')],
  'xmlrpc.server.DocXMLRPCServer': [address('addr')],
  'SimpleXMLRPCServer.SimpleXMLRPCServer': [address('addr')],
  'smtpd.SMTPServer': [address('localaddr')],
  'socket.create_server': [address('address')],
  'multiprocessing.connection.Listener': [address('address')],
  'multiprocessing.managers.BaseManager': [address('address')],
  'multiprocessing.managers.SyncManager': [address('address')],
  'gevent.pywsgi.WSGIServer': [address('listener')],
  'gevent.server.StreamServer': [address('listener')],
  'gevent.server.DatagramServer': [address('listener')],
  'cheroot.wsgi.Server': [address('bind_addr')],
  'cheroot.wsgi.WSGIServer': [address('bind_addr')],
  'asyncio.start_server': [host(1, 'host', { none: true })],
  'aiohttp.web.run_app': [host(undefined, 'host', { none: true })],
  'aiohttp.web.TCPSite': [host(1, 'host', { none: true })],
  'bottle.run': [host(2, 'host', { empty: false })],
  'waitress.serve': [host(undefined, 'host', { empty: false }), { keyword: 'listen', shape: 'endpoint' }],
  'twisted.internet.reactor.listenTCP': [host(3, 'interface', { empty: false })],
  'twisted.internet.reactor.listenUDP': [host(2, 'interface', { empty: false })],
};

/** Application classes whose `app.run(host, port)` takes the host first. */
const APP_CLASSES = new Set(['flask.Flask', 'quart.Quart', 'sanic.Sanic', 'dash.Dash']);

const ALL_V4 = '0.0.0.0';
const ALL_V6 = new Set(['::', '[::]', '0:0:0:0:0:0:0:0']);
/** Endpoint strings whose host part is every interface: `[::]:50051`, `0.0.0.0:8000`, `*:8080`, `tcp://*:5555`. */
const ALL_ENDPOINT = /^(tcp:\/\/)?(\*|0\.0\.0\.0|\[::\]):/i;

function describe(value: ConstValue): string {
  if (value === null) return 'None';
  if (value === '') return "''";
  return typeof value === 'string' ? value : String(value);
}

/** The value binds every interface for this slot. */
function isAllInterfaces(value: ConstValue, slot: Slot): boolean {
  if (value === null) return !!slot.none;
  if (typeof value !== 'string') return false;
  if (slot.shape === 'endpoint') return ALL_ENDPOINT.test(value);
  if (value === '') return !!slot.empty;
  return value === ALL_V4 || ALL_V6.has(value);
}

interface HostValue {
  /** Where to report: the host expression when it is written in the call, else the argument. */
  node: SyntaxNode;
  value: ConstValue;
}

/** Every value the host may take; undefined when any of them is unknown. */
function hostValues(node: SyntaxNode, ctx: RuleContext): ConstValue[] | undefined {
  const values = ctx.possibleValues(node);
  if (values && values.length > 0) return values;
  // `self.host`: what the class assigns to it (a class constant, or values set in its methods).
  const assigned = ctx.instanceAttributeValues(unwrapParentheses(node));
  if (!assigned) return undefined;
  const out: ConstValue[] = [];
  for (const value of assigned) {
    const inner = ctx.possibleValues(value);
    if (!inner || inner.length === 0) return undefined;
    out.push(...inner);
  }
  return out;
}

/** The host part of an address: the first element of a `(host, port)` tuple, through names bound to one. */
function addressHosts(node: SyntaxNode, ctx: RuleContext, depth = 0): { node: SyntaxNode; values: ConstValue[] }[] | undefined {
  const n = unwrapParentheses(node);
  if (depth > 4) return undefined;
  if (n.type === 'tuple' || n.type === 'list') {
    const [first, port] = namedChildren(n);
    if (!first || first.type === 'list_splat') return undefined;
    if (port && ctx.constantValue(port) === 0) return undefined; // port 0: probing for a free port, not serving
    const values = hostValues(first, ctx);
    return values ? [{ node: first, values }] : undefined;
  }
  const constant = ctx.constantValue(n);
  if (Array.isArray(constant)) return constant.length > 0 && constant[1] !== 0 ? [{ node: n, values: [constant[0]!] }] : undefined;
  if (n.type !== 'identifier') return undefined;
  const bound = ctx.boundValues(n);
  if (!bound) return undefined;
  const out: { node: SyntaxNode; values: ConstValue[] }[] = [];
  for (const b of bound) {
    const inner = addressHosts(b.node, ctx, depth + 1);
    if (!inner) return undefined;
    out.push(...inner.map((h) => ({ node: n, values: h.values })));
  }
  return out;
}

/** The host that reaches the slot, when every value it may take is known and binds every interface. */
function allInterfacesAt(call: SyntaxNode, slot: Slot, ctx: RuleContext): HostValue | undefined {
  const arg = ctx.argument(call, slot.position, slot.keyword);
  let candidates: { node: SyntaxNode; values: ConstValue[] }[] | undefined;
  if (arg) {
    if (slot.shape === 'address') {
      candidates = addressHosts(arg, ctx);
    } else if (slot.shape === 'endpoint') {
      // `f"[::]:{port}"`: the fixed host part is enough.
      const prefix = ctx.knownPrefix(arg);
      candidates = prefix ? [{ node: arg, values: [prefix.text] }] : undefined;
    } else {
      const values = hostValues(arg, ctx);
      candidates = values ? [{ node: arg, values }] : undefined;
    }
  } else {
    // Passed through a constant `**options` dict.
    const kw = ctx.keyword(call, slot.keyword);
    if (!kw.present || kw.value === undefined) return undefined;
    if (slot.shape === 'address') candidates = Array.isArray(kw.value) && kw.value.length > 0 ? [{ node: call, values: [kw.value[0]!] }] : undefined;
    else candidates = [{ node: call, values: [kw.value] }];
  }
  if (!candidates || candidates.length === 0) return undefined;
  const values = candidates.flatMap((c) => c.values);
  if (values.length === 0 || !values.every((v) => isAllInterfaces(v, slot))) return undefined;
  return { node: candidates[0]!.node, value: values[0]! };
}

function methodOf(call: SyntaxNode): { name: string; receiver: SyntaxNode } | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute') return undefined;
  const name = fn.childForFieldName('attribute')?.text;
  const receiver = fn.childForFieldName('object');
  return name && receiver ? { name, receiver } : undefined;
}

function originNames(receiver: SyntaxNode, ctx: RuleContext): string[] | undefined {
  const origins = ctx.originCalls(receiver) ?? ctx.instanceAttributeValues(receiver)?.flatMap((v) => ctx.originCalls(v) ?? []);
  if (!origins || origins.length === 0) return undefined;
  const names: string[] = [];
  for (const call of origins) {
    const candidates = ctx.calleeCandidates(call);
    if (!candidates) return undefined;
    names.push(...candidates);
  }
  return names;
}

/** The slots of a method call that binds: socket.bind, app.run(host=), loop.create_server, Tornado listen, gRPC ports, ZeroMQ bind. */
function methodSlots(call: SyntaxNode, ctx: RuleContext): { api: string; slots: Slot[] } | undefined {
  const m = methodOf(call);
  if (!m) return undefined;
  switch (m.name) {
    case 'bind': {
      // ZeroMQ and nanomsg sockets take `tcp://host:port` endpoints; Python sockets (and asyncore dispatchers) a
      // `(host, port)` tuple, which is what the address reading requires, so the receiver's type need not be known.
      const arg = ctx.argument(call, 0, 'address');
      if (!arg) return undefined;
      if (ctx.knownPrefix(arg)?.text.startsWith('tcp://')) return { api: 'bind()', slots: [{ position: 0, keyword: 'addr', shape: 'endpoint' }] };
      return { api: 'bind()', slots: [address('address')] };
    }
    case 'run':
    case 'run_server': {
      // Only a known application class fixes the position of `host`; '' means localhost for Flask-style run().
      const isApp = (originNames(m.receiver, ctx) ?? []).some((n) => APP_CLASSES.has(n));
      return { api: `${m.name}()`, slots: [host(isApp ? 0 : undefined, 'host', { empty: false })] };
    }
    case 'create_server':
      return { api: 'create_server()', slots: [host(1, 'host', { none: true })] };
    case 'create_datagram_endpoint':
      return { api: 'create_datagram_endpoint()', slots: [{ keyword: 'local_addr', shape: 'address', empty: true }] };
    case 'listen': {
      const fromTornado = (originNames(m.receiver, ctx) ?? []).some((n) => n.startsWith('tornado.')) || (ctx.qualifiedName(m.receiver) ?? '').startsWith('tornado.');
      return { api: 'listen()', slots: [host(fromTornado ? 1 : undefined, 'address')] };
    }
    case 'add_insecure_port':
    case 'add_secure_port':
      return { api: `${m.name}()`, slots: [{ position: 0, keyword: 'address', shape: 'endpoint' }] };
    default:
      return undefined;
  }
}

function callSlots(call: SyntaxNode, ctx: RuleContext): { api: string; slots: Slot[] } | undefined {
  const callees = ctx.calleeCandidates(call) ?? [];
  for (const c of callees) {
    const slots = CALL_SINKS[c];
    if (slots) return { api: `${c}()`, slots };
  }
  // A local subclass of a socket server: `class Server(ThreadingMixIn, HTTPServer)`.
  const fn = call.childForFieldName('function');
  for (const base of (fn && ctx.baseClassNames(fn)) ?? []) {
    const slots = CALL_SINKS[base];
    if (slots && slots[0]!.shape === 'address') return { api: `${fn!.text}()`, slots };
  }
  return methodSlots(call, ctx);
}

const ADVICE = 'bind to 127.0.0.1 or a specific interface, and make a public address an explicit deployment setting';

export const bindAllInterfaces = defineRule({
  id: 'bind-all-interfaces',
  title: 'Server bound to all network interfaces',
  family: 'web-configuration',
  checklist: ['API Security', 'Best Practices'],
  level: 'note',
  securitySeverity: 5.3,
  precision: 'high',
  tier: 'extended',
  cwe: [1327],
  compatible: { bandit: ['B104'], ruff: ['S104'] },
  docs: {
    whatItDoes:
      'Reports servers and sockets that bind to every network interface: `0.0.0.0`, `::` or (where the API reads it that way) `\'\'` or `None` reaching `socket.bind((host, port))`, `app.run(host=…)`, `uvicorn.run(host=…)`, `http.server`/`socketserver`/`xmlrpc.server` constructors and their local subclasses, `wsgiref` and Werkzeug `make_server`/`run_simple`, `asyncio.start_server`, `loop.create_server`, aiohttp `run_app`/`TCPSite`, Tornado `listen(port, address)`, gevent, waitress, Twisted, `multiprocessing` listeners and managers, gRPC `add_insecure_port("[::]:…")` and ZeroMQ `bind("tcp://*:…")`. The value is followed through constants, `(host, port)` tuples held in names and `**options` dicts. A string that is only compared, logged or documented is never reported, and neither is a host chosen at run time (an environment variable, a command-line option, a conditional between addresses).',
    whyBad:
      'A socket bound to all interfaces accepts connections on every network the machine is attached to: the public internet, a shared office or cloud network, a container bridge. Services written for local use (development servers, admin consoles, debug endpoints, RPC listeners) rarely authenticate their callers, so exposing them this way hands their functions to anyone who can reach the host.',
    example: 'import socket\n\nsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)\nsock.bind(("0.0.0.0", 8080))\nsock.listen()\n',
    useInstead:
      'import os\nimport socket\n\nsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)\nsock.bind((os.environ.get("BIND_HOST", "127.0.0.1"), 8080))\nsock.listen()\n',
    references: [
      'https://cwe.mitre.org/data/definitions/1327.html',
      'https://docs.python.org/3/library/socket.html#socket-families',
      'https://flask.palletsprojects.com/en/stable/api/#flask.Flask.run',
      'https://www.uvicorn.org/settings/#socket-binding',
    ],
  },
  visitors: {
    call(node, ctx) {
      const sink = callSlots(node, ctx);
      if (!sink) return;
      for (const slot of sink.slots) {
        const found = allInterfacesAt(node, slot, ctx);
        if (!found) continue;
        ctx.report(found.node, `${sink.api} binds to all network interfaces (${describe(found.value)}), so the service is reachable from every network this machine is on; ${ADVICE}.`);
        return;
      }
    },
    pair(node, ctx) {
      // CherryPy: `cherrypy.config.update({"server.socket_host": "0.0.0.0"})`.
      if (ctx.stringValue(node.childForFieldName('key')) !== 'server.socket_host') return;
      const value = node.childForFieldName('value');
      const values = value ? hostValues(value, ctx) : undefined;
      if (!values || !values.every((v) => isAllInterfaces(v, host(undefined, 'host', { empty: false })))) return;
      ctx.report(node, `server.socket_host binds the CherryPy server to all network interfaces (${describe(values[0]!)}); ${ADVICE}.`);
    },
    assignment(node, ctx) {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (left?.type !== 'attribute' || !right || ctx.qualifiedName(left) !== 'cherrypy.server.socket_host') return;
      const values = hostValues(right, ctx);
      if (!values || !values.every((v) => isAllInterfaces(v, host(undefined, 'host', { empty: false })))) return;
      ctx.report(node, `cherrypy.server.socket_host binds the server to all network interfaces (${describe(values[0]!)}); ${ADVICE}.`);
    },
  },
});
