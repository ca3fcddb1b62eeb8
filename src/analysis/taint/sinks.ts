// Sinks, sanitizers and clean calls of the taint analysis, as data.
import type { SinkKind } from './value.js';

export interface SinkArg {
  position?: number;
  keyword?: string;
  /** Every argument, positional and keyword (`jsonify(error=str(e))`). */
  all?: boolean;
  /** A constant leading text confines the value (`getattr(self, "do_" + name)`): not a sink then. */
  constantPrefixIsSafe?: boolean;
}

/**
 * An argument that makes a sink call safe (`yaml.load(s, Loader=yaml.SafeLoader)`, `torch.load(f, weights_only=True)`,
 * `numpy.load(f)` without `allow_pickle`). The argument is resolved through constants, aliases and `**kwargs` dicts;
 * anything that cannot be resolved keeps the call a sink.
 */
export interface SinkGuard {
  keyword: string;
  /** Its position when passed positionally. */
  position?: number;
  /** Leaving it out selects the safe behaviour (the library default is safe). */
  absentIsSafe?: boolean;
  /** Constant values that are safe (None counts as absent). */
  safeValues?: readonly (string | number | boolean)[];
  /** Qualified names (classes, functions) that are safe. */
  safeNames?: readonly string[];
}

/** Which objects a method sink (or a subscript store) applies to; any listed form matches. */
export interface ReceiverFilter {
  /** The object's qualified name is one of these (`flask.session`, `django.http.HttpResponse()`). */
  qualifiedNames?: readonly string[];
  /** The object's qualified name starts with one of these (`xml.etree.`). */
  prefixes?: readonly string[];
  /** The object is an attribute access with one of these names (`resp.headers`)… */
  attributes?: readonly string[];
  /** …on an object whose qualified name does not start with one of these (outgoing HTTP clients' headers). */
  attributesNotOn?: readonly string[];
  /** The object is this attribute of a request object (`request.session`). */
  requestAttributes?: readonly string[];
}

export interface SinkSpec {
  kinds: readonly SinkKind[];
  /** Exact qualified names of the callee. */
  names?: readonly string[];
  /** Method names matched on any receiver (`cursor.execute`): taint makes these precise enough. */
  methods?: readonly string[];
  /** The arguments that must not carry taint. */
  args: readonly SinkArg[];
  /** subprocess-style: without a shell only the program (first argv item) is dangerous. */
  argv?: boolean;
  /** Running an uploaded file: the program, or any argument of a script interpreter (`["python", path]`); see the interpreter's scriptArgv(). */
  scriptArgv?: boolean;
  /** Method sinks: only on these receivers. */
  receiver?: ReceiverFilter;
  /** Method sinks: only when the receiver itself is request data (an uploaded file's `save(dst)`). */
  receiverIsInput?: boolean;
  /** Method sinks called on `self`: only inside request handler classes (Tornado's `self.set_header`), not a cookie jar's own methods. */
  selfOnlyInHandlers?: boolean;
  /** Method sinks: only in files importing one of these modules. */
  requiresImport?: readonly string[];
  /** Not a sink when any of these arguments selects the safe behaviour. */
  safeWhen?: readonly SinkGuard[];
  /**
   * Only in code that serves requests (files importing a web framework), where standard output is the server's log;
   * not in their command-line entry points (a main guard, `main()`, argparse/click/typer). Elsewhere printing is the
   * program's output to the person who ran it.
   */
  onlyInServiceCode?: boolean;
  /** Database calls: only when the statement (first argument) is a constant INSERT, UPDATE, REPLACE or MERGE. */
  onlyWritingStatements?: boolean;
}

/** Subscript stores that are sinks: `session["k"] = v`, `resp.headers["X"] = v`, `response["X"] = v` (key and value). */
export interface StoreSinkSpec {
  kinds: readonly SinkKind[];
  container: ReceiverFilter;
  sinkName: string;
}

/** Subscript reads whose key is a sink: `globals()[name]`, `sys.modules[name]`. */
export interface LookupSinkSpec {
  kinds: readonly SinkKind[];
  /** Qualified names of the container (a call's callee, or a name). */
  containers: readonly string[];
}

const HTTP_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];
const SUBPROCESS = ['run', 'call', 'check_call', 'check_output', 'Popen', 'getoutput', 'getstatusoutput'];
const RESPONSE_KINDS: SinkKind[] = ['xss', 'stack-trace'];
const RESPONSE_CLASSES = ['flask.Response', 'werkzeug.Response', 'werkzeug.wrappers.Response', 'django.http.HttpResponse', 'django.http.response.HttpResponse', 'starlette.responses.Response', 'fastapi.responses.Response', 'starlette.responses.HTMLResponse', 'fastapi.responses.HTMLResponse', 'starlette.responses.PlainTextResponse', 'fastapi.responses.PlainTextResponse', 'starlette.responses.JSONResponse', 'fastapi.responses.JSONResponse', 'django.http.JsonResponse', 'aiohttp.web.Response', 'bottle.HTTPResponse', 'rest_framework.response.Response'];
/** Objects whose `headers` are those of an outgoing request, not of the response. */
const CLIENT_OBJECTS = ['requests.', 'httpx.', 'aiohttp.ClientSession', 'urllib.', 'urllib3.', 'http.client.', 'tornado.httpclient.'];
const YAML_SAFE_LOADERS = ['SafeLoader', 'CSafeLoader', 'BaseLoader', 'CBaseLoader', 'FullLoader', 'CFullLoader'].flatMap((l) => [`yaml.${l}`, `yaml.loader.${l}`, `yaml.cyaml.${l}`]);
/** Logging calls of the `logging` module and methods of loggers. */
const LOG_FUNCTIONS = ['debug', 'info', 'warning', 'warn', 'error', 'critical', 'fatal', 'exception'];
/** Calls that open a file for the program, as callee names of the object their write() is called on. */
const FILE_OPENERS = ['open', 'io.open', 'codecs.open', 'os.fdopen', 'gzip.open', 'bz2.open', 'lzma.open', 'tempfile.NamedTemporaryFile', 'tempfile.TemporaryFile', 'pathlib.Path().open', 'aiofiles.open'];
const PICKLE_MODULES = ['pickle', 'cPickle', '_pickle', 'pickle5', 'dill', 'cloudpickle'];

export const SINKS: readonly SinkSpec[] = [
  // SQL
  { kinds: ['sql'], methods: ['execute', 'executemany', 'executescript', 'exec_driver_sql', 'mogrify'], args: [{ position: 0, keyword: 'sql' }, { keyword: 'query' }, { keyword: 'operation' }] },
  { kinds: ['sql'], names: ['sqlalchemy.text', 'sqlalchemy.sql.text', 'sqlalchemy.sql.expression.text', 'django.db.models.expressions.RawSQL', 'django.db.models.RawSQL', 'pandas.read_sql', 'pandas.read_sql_query'], args: [{ position: 0, keyword: 'sql' }] },
  { kinds: ['sql'], methods: ['raw'], args: [{ position: 0, keyword: 'raw_query' }] },
  { kinds: ['sql'], methods: ['extra'], args: [{ keyword: 'where' }, { keyword: 'select' }, { keyword: 'tables' }, { keyword: 'order_by' }] },
  // NoSQL
  { kinds: ['nosql'], methods: ['find', 'find_one', 'find_one_and_update', 'find_one_and_delete', 'update_one', 'update_many', 'delete_one', 'delete_many', 'count_documents', 'aggregate'], args: [{ position: 0, keyword: 'filter' }] },
  // Commands
  { kinds: ['command'], names: ['os.system', 'os.popen', 'os.popen2', 'os.popen3', 'os.popen4', 'commands.getoutput', 'commands.getstatusoutput', 'subprocess.getoutput', 'subprocess.getstatusoutput', 'asyncio.create_subprocess_shell', 'pty.spawn'], args: [{ position: 0, keyword: 'cmd' }, { keyword: 'command' }] },
  { kinds: ['command'], names: SUBPROCESS.map((f) => `subprocess.${f}`), args: [{ position: 0, keyword: 'args' }], argv: true },
  { kinds: ['command'], names: ['asyncio.create_subprocess_exec', 'asyncio.subprocess.create_subprocess_exec', ...['execl', 'execle', 'execlp', 'execlpe', 'execv', 'execve', 'execvp', 'execvpe', 'startfile'].map((f) => `os.${f}`)], args: [{ position: 0, keyword: 'path' }, { keyword: 'program' }] },
  // os.spawn*(mode, path, …): the program comes second.
  { kinds: ['command'], names: ['spawnl', 'spawnle', 'spawnlp', 'spawnlpe', 'spawnv', 'spawnve', 'spawnvp', 'spawnvpe'].map((f) => `os.${f}`), args: [{ position: 1, keyword: 'file' }, { keyword: 'path' }] },
  { kinds: ['command'], methods: ['exec_command'], args: [{ position: 0, keyword: 'command' }] },
  // Shell command lines of Fabric and Invoke, and other shell runners.
  {
    kinds: ['command'],
    names: [
      ...['run', 'sudo', 'local'].flatMap((f) => [`fabric.Connection().${f}`, `fabric.api.${f}`, `fabric.operations.${f}`]),
      'invoke.run', 'invoke.sudo', 'invoke.Context().run', 'invoke.Context().sudo', 'platform.popen', 'popen2.popen2', 'popen2.popen3', 'popen2.popen4', 'asyncio.subprocess.create_subprocess_shell',
    ],
    args: [{ position: 0, keyword: 'command' }, { keyword: 'cmd' }],
  },
  // Code
  { kinds: ['code'], names: ['eval', 'exec', 'compile', 'execfile', 'runpy.run_path', 'runpy.run_module'], args: [{ position: 0, keyword: 'source' }, { keyword: 'expression' }] },
  { kinds: ['code'], names: ['code.InteractiveInterpreter().runsource', 'code.InteractiveInterpreter().runcode', 'code.InteractiveConsole().runsource', 'code.InteractiveConsole().push', 'code.compile_command'], args: [{ position: 0, keyword: 'source' }, { keyword: 'line' }, { keyword: 'code' }] },
  // Templates
  { kinds: ['template'], names: ['flask.render_template_string', 'jinja2.Template', 'jinja2.Environment().from_string', 'mako.template.Template', 'django.template.Template', 'django.template.engines.from_string', 'tornado.template.Template'], args: [{ position: 0, keyword: 'source' }, { keyword: 'text' }] },
  { kinds: ['template'], methods: ['from_string'], args: [{ position: 0, keyword: 'source' }] },
  // Responses (reflected XSS for request data; stack-trace exposure for exception details)
  { kinds: RESPONSE_KINDS, names: ['flask.make_response', 'flask.Response', 'werkzeug.Response', 'werkzeug.wrappers.Response', 'django.http.HttpResponse', 'django.http.response.HttpResponse', 'starlette.responses.HTMLResponse', 'fastapi.responses.HTMLResponse', 'starlette.responses.Response', 'fastapi.responses.Response', 'aiohttp.web.Response', 'bottle.HTTPResponse'], args: [{ position: 0, keyword: 'response' }, { keyword: 'content' }, { keyword: 'body' }, { keyword: 'text' }] },
  // Django's error responses (HttpResponse subclasses) carry their body as the first argument.
  { kinds: ['stack-trace'], names: ['HttpResponseBadRequest', 'HttpResponseForbidden', 'HttpResponseNotFound', 'HttpResponseServerError', 'HttpResponseNotAllowed', 'HttpResponseGone'].flatMap((c) => [`django.http.${c}`, `django.http.response.${c}`]), args: [{ position: 0, keyword: 'content' }] },
  { kinds: ['stack-trace'], names: ['flask.jsonify', 'django.http.JsonResponse', 'starlette.responses.JSONResponse', 'fastapi.responses.JSONResponse', 'aiohttp.web.json_response', 'rest_framework.response.Response'], args: [{ position: 0 }, { keyword: 'content' }, { keyword: 'data' }] },
  { kinds: ['stack-trace'], names: ['flask.jsonify'], args: [{ all: true }] },
  { kinds: ['stack-trace'], names: ['starlette.responses.PlainTextResponse', 'fastapi.responses.PlainTextResponse'], args: [{ position: 0, keyword: 'content' }] },
  // Error responses whose message is sent to the client.
  { kinds: ['stack-trace'], names: ['fastapi.HTTPException', 'fastapi.exceptions.HTTPException', 'starlette.exceptions.HTTPException'], args: [{ position: 1, keyword: 'detail' }] },
  { kinds: ['stack-trace'], names: ['flask.abort', 'werkzeug.exceptions.abort'], args: [{ position: 1, keyword: 'description' }] },
  // Values handed to a page template are shown to the client.
  { kinds: ['stack-trace'], names: ['flask.render_template', 'django.shortcuts.render', 'django.template.loader.render_to_string'], args: [{ keyword: 'context' }, { position: 1 }, { position: 2 }] },
  { kinds: ['stack-trace'], names: ['flask.render_template'], args: [{ all: true }] },
  { kinds: RESPONSE_KINDS, methods: ['write', 'finish'], args: [{ position: 0 }] }, // gated to Tornado handlers by the interpreter
  // Paths
  { kinds: ['path'], names: ['open', 'io.open', 'codecs.open', 'os.remove', 'os.unlink', 'os.rmdir', 'os.removedirs', 'os.mkdir', 'os.makedirs', 'os.listdir', 'os.scandir', 'os.rename', 'os.replace', 'os.chmod', 'os.chown', 'os.open', 'shutil.rmtree', 'shutil.copy', 'shutil.copyfile', 'shutil.copy2', 'shutil.copytree', 'shutil.move', 'flask.send_file', 'django.http.FileResponse', 'starlette.responses.FileResponse', 'fastapi.responses.FileResponse', 'tarfile.open', 'zipfile.ZipFile'], args: [{ position: 0, keyword: 'file' }, { keyword: 'path' }, { keyword: 'path_or_file' }, { keyword: 'filename' }] },
  // The second path of copies and moves.
  { kinds: ['path'], names: ['os.rename', 'os.replace', 'os.link', 'os.symlink', 'shutil.copy', 'shutil.copyfile', 'shutil.copy2', 'shutil.copytree', 'shutil.move'], args: [{ position: 1, keyword: 'dst' }] },
  // pathlib methods act on the receiver; names that str also has (replace, …) only on objects known to be paths.
  { kinds: ['path'], methods: ['read_text', 'read_bytes', 'write_text', 'write_bytes', 'unlink', 'rmdir', 'touch', 'mkdir'], args: [{ position: -1 }] },
  { kinds: ['path'], methods: ['rename', 'replace', 'open', 'iterdir', 'glob', 'rglob', 'symlink_to', 'hardlink_to', 'chmod'], receiver: { prefixes: ['pathlib.'] }, args: [{ position: -1 }] },
  // Uploaded files saved under a path (Werkzeug FileStorage.save(dst)).
  { kinds: ['path'], methods: ['save'], receiverIsInput: true, args: [{ position: 0, keyword: 'dst' }] },
  // SSRF
  { kinds: ['ssrf'], names: [...['requests', 'httpx'].flatMap((m) => HTTP_VERBS.map((v) => `${m}.${v}`)), 'requests.request', 'httpx.request', 'httpx.stream', 'urllib.request.urlopen', 'urllib.request.Request', 'urllib.request.urlretrieve', 'urllib3.PoolManager().request', 'aiohttp.request'], args: [{ position: 0, keyword: 'url' }] },
  { kinds: ['ssrf'], names: ['requests.request', 'httpx.request'], args: [{ position: 1, keyword: 'url' }] },
  { kinds: ['ssrf'], names: [...HTTP_VERBS, 'request', 'ws_connect'].flatMap((v) => [`requests.Session().${v}`, `httpx.Client().${v}`, `httpx.AsyncClient().${v}`, `aiohttp.ClientSession().${v}`]), args: [{ position: 0, keyword: 'url' }] },
  // Redirects
  { kinds: ['redirect'], names: ['flask.redirect', 'werkzeug.utils.redirect', 'django.shortcuts.redirect', 'django.http.HttpResponseRedirect', 'django.http.HttpResponsePermanentRedirect', 'starlette.responses.RedirectResponse', 'fastapi.responses.RedirectResponse', 'bottle.redirect', 'aiohttp.web.HTTPFound'], args: [{ position: 0, keyword: 'location' }, { keyword: 'url' }, { keyword: 'redirect_to' }, { keyword: 'to' }] },
  // Headers and cookies
  { kinds: ['header'], methods: ['set_cookie', 'set_signed_cookie'], selfOnlyInHandlers: true, args: [{ position: 0, keyword: 'key' }, { position: 1, keyword: 'value' }] },
  { kinds: ['header'], methods: ['set_header', 'add_header'], selfOnlyInHandlers: true, args: [{ position: 0 }, { position: 1 }] },
  { kinds: ['header'], methods: ['add', 'set', 'setdefault', 'append', 'add_header'], receiver: { attributes: ['headers'], attributesNotOn: CLIENT_OBJECTS }, args: [{ position: 0, keyword: 'key' }, { position: 1, keyword: 'value' }, { keyword: '_key' }, { keyword: '_value' }] },
  { kinds: ['header'], names: RESPONSE_CLASSES, args: [{ keyword: 'headers' }] },
  { kinds: ['header'], names: ['flask.make_response'], args: [{ position: 2 }] },
  // LDAP
  { kinds: ['ldap'], methods: ['search_s', 'search_st', 'search_ext', 'search_ext_s'], args: [{ position: 0, keyword: 'base' }, { position: 2, keyword: 'filterstr' }] },
  // python-ldap's search() takes (base, scope, filterstr), ldap3's (search_base, search_filter): the scope is a constant.
  { kinds: ['ldap'], methods: ['search'], requiresImport: ['ldap', 'ldap3'], args: [{ position: 0, keyword: 'base' }, { keyword: 'search_base' }, { position: 1, keyword: 'search_filter' }, { position: 2, keyword: 'filterstr' }] },
  { kinds: ['ldap'], methods: ['add_s', 'modify_s', 'delete_s', 'rename_s', 'compare_s'], requiresImport: ['ldap'], args: [{ position: 0, keyword: 'dn' }] },
  // XPath
  { kinds: ['xpath'], methods: ['xpath'], args: [{ position: 0, keyword: '_path' }] },
  { kinds: ['xpath'], names: ['lxml.etree.XPath', 'lxml.etree.ETXPath'], args: [{ position: 0, keyword: 'path' }] },
  // ElementTree's path language (ElementPath) on parsed documents.
  { kinds: ['xpath'], methods: ['find', 'findall', 'findtext', 'iterfind'], receiver: { prefixes: ['xml.etree.', 'lxml.etree.', 'defusedxml.'] }, args: [{ position: 0, keyword: 'path' }] },
  // Deserialization
  {
    kinds: ['deserialization'],
    names: [
      ...PICKLE_MODULES.flatMap((m) => [`${m}.loads`, `${m}.load`, `${m}.Unpickler`]),
      'marshal.loads', 'marshal.load', 'jsonpickle.decode', 'jsonpickle.loads', 'shelve.open', 'yaml.unsafe_load', 'yaml.unsafe_load_all', 'joblib.load', 'sklearn.externals.joblib.load', 'pandas.read_pickle', 'pandas.io.pickle.read_pickle',
    ],
    args: [{ position: 0, keyword: 'file' }, { keyword: 'data' }, { keyword: 'string' }, { keyword: 'filename' }, { keyword: 'filepath_or_buffer' }, { keyword: 'stream' }],
  },
  { kinds: ['deserialization'], names: ['yaml.load', 'yaml.load_all'], args: [{ position: 0, keyword: 'stream' }], safeWhen: [{ keyword: 'Loader', position: 1, safeNames: YAML_SAFE_LOADERS }] },
  // torch.load: weights_only=True limits unpickling to tensors (left out, it is only safe on PyTorch 2.6+, so it stays a sink).
  { kinds: ['deserialization'], names: ['torch.load'], args: [{ position: 0, keyword: 'f' }], safeWhen: [{ keyword: 'weights_only', safeValues: [true] }] },
  { kinds: ['deserialization'], names: ['numpy.load'], args: [{ position: 0, keyword: 'file' }], safeWhen: [{ keyword: 'allow_pickle', position: 2, absentIsSafe: true, safeValues: [false] }] },
  // XXE: untrusted documents into parsers (the parser configuration decides; see the rule)
  { kinds: ['xxe'], names: ['lxml.etree.fromstring', 'lxml.etree.parse', 'lxml.etree.XML'], args: [{ position: 0 }] },
  // Regular expressions
  { kinds: ['regex'], names: ['re.compile', 're.match', 're.search', 're.fullmatch', 're.sub', 're.subn', 're.split', 're.findall', 're.finditer', 'regex.compile', 'regex.match', 'regex.search'], args: [{ position: 0, keyword: 'pattern' }] },
  // Logs
  // Only the message (format string) is checked: lazy `%s` arguments are escaped by no one either, but stay silent (see log-injection).
  { kinds: ['log'], names: ['logging.debug', 'logging.info', 'logging.warning', 'logging.warn', 'logging.error', 'logging.critical', 'logging.fatal', 'logging.exception'], args: [{ position: 0, keyword: 'msg' }] },
  { kinds: ['log'], names: ['logging.log'], args: [{ position: 1, keyword: 'msg' }] },
  { kinds: ['log'], methods: ['debug', 'info', 'warning', 'warn', 'error', 'critical', 'fatal', 'exception'], args: [{ position: 0, keyword: 'msg' }] }, // gated to logger receivers by the interpreter
  { kinds: ['log'], methods: ['log'], args: [{ position: 1, keyword: 'msg' }] }, // gated to logger receivers by the interpreter
  // Server-side session (subscript stores are in STORE_SINKS)
  { kinds: ['session'], methods: ['update', 'setdefault'], receiver: { qualifiedNames: ['flask.session', 'quart.session'], requestAttributes: ['session'] }, args: [{ all: true }] },
  // Disclosure of sensitive values and personal data: every argument of a log call (lazy `%s` arguments are
  // written to the log too), print(), warnings.
  { kinds: ['sensitive-log', 'personal-log'], names: [...LOG_FUNCTIONS.map((f) => `logging.${f}`), 'logging.log'], args: [{ all: true }] },
  { kinds: ['sensitive-log', 'personal-log'], methods: [...LOG_FUNCTIONS, 'log', 'msg'], args: [{ all: true }] }, // gated to logger receivers by the interpreter
  { kinds: ['sensitive-log', 'personal-log'], names: ['print', 'builtins.print', 'sys.stdout.write', 'sys.stderr.write', 'pprint.pprint', 'pprint.pp'], args: [{ all: true }], onlyInServiceCode: true },
  { kinds: ['sensitive-log', 'personal-log'], names: ['warnings.warn'], args: [{ position: 0, keyword: 'message' }] },
  // Sensitive values in error messages sent to the client (raised exceptions are checked by the interpreter).
  { kinds: ['sensitive-exception'], names: ['flask.abort', 'werkzeug.exceptions.abort', 'quart.abort', 'bottle.abort', 'fastapi.HTTPException', 'fastapi.exceptions.HTTPException', 'starlette.exceptions.HTTPException', ...['HttpResponseBadRequest', 'HttpResponseForbidden', 'HttpResponseNotFound', 'HttpResponseServerError', 'HttpResponseNotAllowed'].map((c) => `django.http.${c}`)], args: [{ all: true }] },
  // Sensitive values stored in clear text: files, serialised files, CSV rows.
  { kinds: ['sensitive-storage'], names: FILE_OPENERS.flatMap((o) => [`${o}().write`, `${o}().writelines`]), args: [{ position: 0 }] },
  { kinds: ['sensitive-storage'], methods: ['write_text', 'write_bytes'], args: [{ position: 0, keyword: 'data' }] },
  { kinds: ['sensitive-storage'], names: ['json.dump', 'simplejson.dump', 'marshal.dump', 'toml.dump', 'tomli_w.dump', 'tomlkit.dump', 'jsonpickle.dump', ...PICKLE_MODULES.map((m) => `${m}.dump`)], args: [{ position: 0, keyword: 'obj' }] },
  { kinds: ['sensitive-storage'], names: ['yaml.dump', 'yaml.safe_dump', 'yaml.dump_all', 'yaml.safe_dump_all'], args: [{ position: 0, keyword: 'data' }], safeWhen: [{ keyword: 'stream', position: 1, absentIsSafe: true }] },
  { kinds: ['sensitive-storage'], methods: ['writerow', 'writerows'], args: [{ position: 0, keyword: 'row' }, { keyword: 'rows' }] },
  // Credentials proper (not session tokens, which belong there) in cookies and written to database rows.
  { kinds: ['credential-storage'], methods: ['set_cookie', 'set_signed_cookie', 'set_secure_cookie'], args: [{ position: 1, keyword: 'value' }] },
  { kinds: ['credential-storage'], methods: ['execute', 'executemany'], onlyWritingStatements: true, args: [{ position: 1, keyword: 'parameters' }, { keyword: 'params' }, { keyword: 'args' }, { keyword: 'vars' }] },
  // Uploaded files saved: FileStorage.save(dst) (the upload is the receiver), storages' save(name, content), bytes written to files.
  { kinds: ['upload'], methods: ['save'], receiverIsInput: true, args: [{ position: -1 }] },
  { kinds: ['upload'], methods: ['save'], args: [{ position: 1, keyword: 'content' }] },
  { kinds: ['upload'], names: FILE_OPENERS.flatMap((o) => [`${o}().write`, `${o}().writelines`]), args: [{ position: 0 }] },
  { kinds: ['upload'], methods: ['write_bytes', 'write_text'], args: [{ position: 0, keyword: 'data' }] },
  { kinds: ['upload'], names: ['shutil.copyfileobj'], args: [{ position: 0, keyword: 'fsrc' }] },
  // Uploaded files (or the paths they were saved to) run, imported or made executable.
  { kinds: ['upload-exec'], names: SUBPROCESS.map((f) => `subprocess.${f}`), args: [{ position: 0, keyword: 'args' }], scriptArgv: true },
  { kinds: ['upload-exec'], names: ['os.system', 'os.popen', 'subprocess.getoutput', 'subprocess.getstatusoutput', 'asyncio.create_subprocess_shell'], args: [{ position: 0, keyword: 'cmd' }, { keyword: 'command' }], scriptArgv: true },
  { kinds: ['upload-exec'], names: ['asyncio.create_subprocess_exec', ...['execl', 'execle', 'execlp', 'execlpe', 'execv', 'execve', 'execvp', 'execvpe', 'startfile'].map((f) => `os.${f}`)], args: [{ position: 0, keyword: 'path' }, { keyword: 'program' }] },
  { kinds: ['upload-exec'], names: ['eval', 'exec', 'compile', 'execfile', 'runpy.run_path', 'zipimport.zipimporter', 'sys.path.append', 'site.addsitedir', 'ctypes.CDLL', 'ctypes.PyDLL', 'ctypes.WinDLL', 'ctypes.cdll.LoadLibrary', 'ctypes.windll.LoadLibrary', 'os.chmod'], args: [{ position: 0, keyword: 'source' }, { keyword: 'path_name' }, { keyword: 'path' }, { keyword: 'name' }, { keyword: 'sitedir' }] },
  { kinds: ['upload-exec'], names: ['importlib.util.spec_from_file_location', 'importlib.machinery.SourceFileLoader', 'importlib.machinery.SourcelessFileLoader', 'importlib.machinery.ExtensionFileLoader', 'imp.load_source', 'imp.load_compiled', 'imp.load_dynamic', 'imp.load_package', 'sys.path.insert'], args: [{ position: 1, keyword: 'location' }, { keyword: 'path' }, { keyword: 'pathname' }] },
  { kinds: ['upload-exec'], methods: ['chmod'], receiver: { prefixes: ['pathlib.'] }, args: [{ position: -1 }] },
  // Reflection
  { kinds: ['reflection'], names: ['importlib.import_module', '__import__', 'pydoc.locate', 'importlib.__import__', 'builtins.__import__', 'django.utils.module_loading.import_string', 'werkzeug.utils.import_string'], args: [{ position: 0, keyword: 'name', constantPrefixIsSafe: true }, { keyword: 'path' }, { keyword: 'dotted_path' }, { keyword: 'import_name' }] },
  { kinds: ['reflection'], names: ['getattr', 'setattr', 'delattr', 'builtins.getattr', 'builtins.setattr', 'builtins.delattr'], args: [{ position: 1, constantPrefixIsSafe: true }] },
];

export const STORE_SINKS: readonly StoreSinkSpec[] = [
  { kinds: ['session'], container: { qualifiedNames: ['flask.session', 'quart.session'], requestAttributes: ['session'] }, sinkName: 'the server-side session' },
  // Response headers: `resp.headers["X"] = v`, and Django responses, which take headers by item assignment.
  {
    kinds: ['header'],
    container: { attributes: ['headers'], attributesNotOn: CLIENT_OBJECTS, qualifiedNames: ['django.http.HttpResponse()', 'django.http.response.HttpResponse()', 'django.http.JsonResponse()', 'django.http.StreamingHttpResponse()', 'django.http.FileResponse()', 'django.shortcuts.render()'] },
    sinkName: 'a response header',
  },
  // Sensitive values kept in a shelve or dbm file.
  { kinds: ['sensitive-storage'], container: { qualifiedNames: ['shelve.open()', 'shelve.Shelf()', 'shelve.DbfilenameShelf()', 'dbm.open()', 'dbm.gnu.open()', 'dbm.dumb.open()'] }, sinkName: 'a shelve file' },
];

export const LOOKUP_SINKS: readonly LookupSinkSpec[] = [{ kinds: ['reflection'], containers: ['globals', 'locals', 'vars', 'sys.modules', 'builtins.__dict__'] }];

/** Calls that make their argument safe for some sink kinds ('all': the result is a number or boolean). */
export const SANITIZERS: ReadonlyMap<string, readonly SinkKind[] | 'all'> = new Map<string, readonly SinkKind[] | 'all'>([
  ...['int', 'float', 'bool', 'len', 'abs', 'round', 'ord', 'hash', 'id', 'isinstance', 'issubclass', 'hasattr', 'callable', 'uuid.UUID', 'decimal.Decimal', 'datetime.date.fromisoformat', 'ipaddress.ip_address'].map(
    (n) => [n, 'all'] as const,
  ),
  ['shlex.quote', ['command']],
  ['pipes.quote', ['command']],
  ['shlex.join', ['command']],
  ['os.path.basename', ['path']],
  ['werkzeug.utils.secure_filename', ['path']],
  ['werkzeug.security.safe_join', ['path']],
  ['flask.safe_join', ['path']],
  ['django.utils._os.safe_join', ['path']],
  ['html.escape', ['xss']],
  ['cgi.escape', ['xss']],
  ['markupsafe.escape', ['xss']],
  ['flask.escape', ['xss']],
  ['jinja2.escape', ['xss']],
  ['django.utils.html.escape', ['xss']],
  ['django.utils.html.format_html', ['xss']],
  ['bleach.clean', ['xss']],
  ['flask.render_template', ['xss']],
  ['flask.render_template_string', ['xss']],
  ['django.shortcuts.render', ['xss']],
  ['django.template.loader.render_to_string', ['xss']],
  ['flask.jsonify', ['xss']],
  ['json.dumps', ['xss']],
  // Response objects (not text) whose body the framework builds safely.
  ['flask.redirect', ['xss']],
  ['werkzeug.utils.redirect', ['xss']],
  ['flask.send_file', ['xss']],
  ['flask.send_from_directory', ['xss']],
  // Text embedded as a Python literal; text (not a parsed structure) for MongoDB filters.
  ['repr', ['code']],
  ['str', ['nosql']],
  // Database lookups: the record found, not the lookup values.
  ['django.shortcuts.get_object_or_404', 'all'],
  ['django.shortcuts.get_list_or_404', 'all'],
  ['django.contrib.auth.authenticate', 'all'],
  // URLs of this application's own routes.
  ['flask.url_for', ['redirect', 'ssrf']],
  ['django.urls.reverse', ['redirect', 'ssrf']],
  ['django.core.urlresolvers.reverse', ['redirect', 'ssrf']],
  ['re.escape', ['regex']],
  ['regex.escape', ['regex']],
  // Bytes the program serialized itself: loading them back is a copy, not a deserialization of outside data.
  ...[...PICKLE_MODULES.map((m) => `${m}.dumps`), 'marshal.dumps', 'jsonpickle.encode', 'jsonpickle.dumps'].map((n) => [n, ['deserialization']] as const),
  ['type', 'all'],
  ['ldap.filter.filter_format', ['ldap']],
  ['ldap3.utils.dn.escape_rdn', ['ldap']],
  ['ldap.filter.escape_filter_chars', ['ldap']],
  ['ldap.dn.escape_dn_chars', ['ldap']],
  ['ldap3.utils.conv.escape_filter_chars', ['ldap']],
  ['urllib.parse.quote', ['header', 'path', 'command', 'log']],
  ['urllib.parse.quote_plus', ['header', 'path', 'command', 'log']],
  ['base64.b64encode', ['sql', 'command', 'code', 'template', 'xss', 'path', 'header', 'ldap', 'xpath', 'regex', 'log']],
  ['hashlib.sha256', 'all'],
  ['hashlib.md5', 'all'],
]);

/** Methods on a string that remove CR/LF (for header and log sinks) when given those characters. */
export const LINE_BREAK_STRIPPERS: ReadonlySet<string> = new Set(['replace', 'strip', 'splitlines']);
