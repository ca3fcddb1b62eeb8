// pickle-family-load: calls that deserialize with pickle (or marshal), which can run code embedded in the data.
import type { RuleContext } from '../../engine/context.js';
import { isTruthy } from '../../analysis/constants.js';
import { defineRule, importsAnyPackage } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

type Format = 'pickle' | 'marshal' | 'numpy' | 'connection';

interface Loader {
  format: Format;
  /** Reads from a file or path (as opposed to bytes or a socket): a write by the same function makes it a local cache. */
  fromFile: boolean;
}

const PICKLE_MODULES = ['pickle', 'cPickle', '_pickle', 'pickle5', 'six.moves.cPickle', 'dill', 'cloudpickle'];

const LOADERS = new Map<string, Loader>();
for (const m of PICKLE_MODULES) {
  LOADERS.set(`${m}.load`, { format: 'pickle', fromFile: true });
  LOADERS.set(`${m}.loads`, { format: 'pickle', fromFile: false });
  LOADERS.set(`${m}.Unpickler`, { format: 'pickle', fromFile: true });
}
for (const [name, fromFile] of [
  ['pickle._load', true],
  ['pickle._loads', false],
  ['pickle._Unpickler', true],
  ['shelve.open', false],
  ['shelve.Shelf', false],
  ['shelve.DbfilenameShelf', false],
  ['shelve.BsdDbShelf', false],
  ['jsonpickle.decode', false],
  ['jsonpickle.loads', false],
  ['jsonpickle.unpickler.decode', false],
  ['pandas.read_pickle', true],
  ['pandas.io.pickle.read_pickle', true],
  ['joblib.load', true],
  ['sklearn.externals.joblib.load', true],
] as const) {
  LOADERS.set(name, { format: 'pickle', fromFile });
}
LOADERS.set('marshal.load', { format: 'marshal', fromFile: true });
LOADERS.set('marshal.loads', { format: 'marshal', fromFile: false });
LOADERS.set('numpy.load', { format: 'numpy', fromFile: true });
// Connection.recv() unpickles what the peer sent; without an authkey nobody checked who the peer is.
LOADERS.set('multiprocessing.connection.Client().recv', { format: 'connection', fromFile: false });
LOADERS.set('multiprocessing.connection.Listener().accept().recv', { format: 'connection', fromFile: false });

/** Calls that write a pickle (or marshal/numpy) file. */
const WRITERS = new Set<string>([
  ...PICKLE_MODULES.flatMap((m) => [`${m}.dump`, `${m}.Pickler`]),
  'pickle._dump',
  'joblib.dump',
  'sklearn.externals.joblib.dump',
  'marshal.dump',
  'numpy.save',
  'pandas.to_pickle',
  'pandas.io.pickle.to_pickle',
]);
/** Calls that produce pickled bytes: `pickle.loads(pickle.dumps(x))` is a deep copy, not a deserialization of outside data. */
const PRODUCERS = new Set<string>([
  ...PICKLE_MODULES.map((m) => `${m}.dumps`),
  'pickle._dumps',
  'marshal.dumps',
  'jsonpickle.encode',
  'jsonpickle.dumps',
]);

/** Method names that write a pickle file on objects we cannot resolve (`df.to_pickle(path)`). */
const WRITER_METHODS = new Set(['to_pickle']);

function display(name: string): string {
  if (name.endsWith(').recv')) return 'Connection.recv';
  return name.replace(/^six\.moves\./, '').replace(/^pandas\.io\.pickle\./, 'pandas.').replace(/^sklearn\.externals\./, '');
}

/** The same function also writes a pickle: typically a cache the program reads back. */
function writesPickleToo(call: SyntaxNode, ctx: RuleContext): boolean {
  const fn = ctx.enclosingFunction(call);
  if (!fn) return false;
  return ctx.callsWithin(fn).some((c) => {
    if (ctx.calleeCandidates(c)?.some((name) => WRITERS.has(name))) return true;
    const f = c.childForFieldName('function');
    return f?.type === 'attribute' && WRITER_METHODS.has(f.childForFieldName('attribute')?.text ?? '');
  });
}

/** The data argument was just produced by a dumps-style call (directly or through a local name). */
function producedHere(call: SyntaxNode, ctx: RuleContext): boolean {
  const data = ctx.arguments(call).positional[0];
  const origins = data ? ctx.originCalls(data) : undefined;
  return !!origins && origins.length > 0 && origins.every((c) => ctx.calleeCandidates(c)?.some((name) => PRODUCERS.has(name)));
}

/** The Listener/Client call a `conn.recv()` receiver was created from, through `conn = listener.accept()`. */
function connectionOrigin(recv: SyntaxNode, ctx: RuleContext): SyntaxNode | undefined {
  let expr = recv.childForFieldName('function')?.childForFieldName('object') ?? undefined;
  for (let hops = 0; expr && hops < 4; hops++) {
    const origins = ctx.originCalls(expr);
    if (!origins || origins.length !== 1) return undefined;
    const origin = origins[0]!;
    const callee = ctx.callee(origin);
    if (callee === 'multiprocessing.connection.Listener' || callee === 'multiprocessing.connection.Client') return origin;
    const fn = origin.childForFieldName('function');
    expr = fn?.type === 'attribute' ? (fn.childForFieldName('object') ?? undefined) : undefined; // listener.accept()
  }
  return undefined;
}

function hasAuthkey(origin: SyntaxNode, ctx: RuleContext): boolean {
  const position = ctx.callee(origin) === 'multiprocessing.connection.Listener' ? 3 : 2;
  const node = ctx.argument(origin, position, 'authkey');
  if (node) return ctx.constantValue(node) !== null;
  const kw = ctx.keyword(origin, 'authkey');
  return (kw.present && kw.value !== null) || kw.maybeInUnknownSplat;
}

export const pickleFamilyLoad = defineRule({
  id: 'pickle-family-load',
  title: 'Deserialization with pickle or a pickle-based library',
  family: 'deserialization',
  checklist: ['Code Injection Prevention'],
  level: 'warning',
  securitySeverity: 6.5,
  precision: 'medium',
  tier: 'default',
  cwe: [502],
  compatible: { bandit: ['B301', 'B302', 'B403'], ruff: ['S301', 'S302', 'S403'] },
  docs: {
    whatItDoes:
      'Reports calls that deserialize with pickle or a pickle-based format: `pickle`/`cPickle`/`_pickle` `load`, `loads` and `Unpickler`, `dill`, `cloudpickle`, `shelve.open`, `jsonpickle.decode`, `pandas.read_pickle`, `joblib.load`, `numpy.load(allow_pickle=True)`, `multiprocessing.connection` `recv()` on connections opened without an `authkey`, and `marshal.load`/`loads`. Names are resolved through aliases and `try`/`except` import fallbacks. Writing (`dump`, `dumps`), round trips that read back bytes produced on the spot (`pickle.loads(pickle.dumps(obj))`) and merely importing these modules are not reported. A file-based load in a function that also writes the pickle (a local cache) is reported as a note, as is any load in test code.',
    whyBad:
      'Unpickling is not parsing: the data tells the interpreter which callables to import and invoke, so a crafted pickle runs arbitrary code the moment it is loaded. Any file, cache entry, message or upload that someone else can write or replace therefore becomes a way to execute code in the process. `marshal` does not run code, but it is explicitly not hardened against malformed or malicious input.',
    example: 'import pickle\n\ndef restore(blob):\n    return pickle.loads(blob)\n',
    useInstead: 'import json\n\ndef restore(blob):\n    return json.loads(blob)\n',
    references: [
      'https://cwe.mitre.org/data/definitions/502.html',
      'https://docs.python.org/3/library/pickle.html',
      'https://docs.python.org/3/library/marshal.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Deserialization_Cheat_Sheet.html',
    ],
  },
  appliesTo: importsAnyPackage(LOADERS.keys()),
  visitors: {
    call(node, ctx) {
      const callees = ctx.calleeCandidates(node);
      if (!callees) return;
      const name = callees.find((c) => LOADERS.has(c));
      if (!name) return;
      const loader = LOADERS.get(name)!;
      const shown = display(name);
      if (loader.format === 'numpy') {
        const allow = ctx.argument(node, 2, 'allow_pickle');
        const value = allow ? ctx.constantValue(allow) : ctx.keyword(node, 'allow_pickle').value;
        if (value === undefined || !isTruthy(value)) return;
      }
      if (loader.format === 'connection') {
        const origin = connectionOrigin(node, ctx);
        if (origin && hasAuthkey(origin, ctx)) return;
      }
      if (producedHere(node, ctx)) return;
      const local = loader.fromFile && writesPickleToo(node, ctx);
      const level = local ? 'note' : undefined;
      ctx.report(node, message(shown, loader.format, local), level ? { level } : {});
    },
  },
});

function message(name: string, format: Format, local: boolean): string {
  switch (format) {
    case 'marshal':
      return `${name}() is not safe against crafted input; use a data-only format such as JSON for anything another party can write.`;
    case 'numpy':
      return `${name}() with allow_pickle=True unpickles object arrays, which runs code embedded in the file; keep allow_pickle=False and store plain arrays.`;
    case 'connection':
      return `${name}() unpickles whatever the peer sends over a connection opened without an authkey; pass authkey= to Listener/Client or exchange bytes with recv_bytes().`;
    default:
      return local
        ? `${name}() reads back a pickle this function also writes, which is safe only while nobody else can modify the file; keep it in a private location or use a data-only format.`
        : `${name}() runs code embedded in the data it deserializes; load only data nobody else can modify (or authenticate it with an HMAC), or use a data-only format such as JSON.`;
  }
}
