// Sinks, sanitizers and clean calls of the taint analysis, as data.
import type { SinkKind } from './value.js';

export interface SinkArg {
  position?: number;
  keyword?: string;
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
}

const A0: SinkArg[] = [{ position: 0 }];
const HTTP_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];
const SUBPROCESS = ['run', 'call', 'check_call', 'check_output', 'Popen', 'getoutput', 'getstatusoutput'];
const RESPONSE_KINDS: SinkKind[] = ['xss', 'stack-trace'];

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
  { kinds: ['command'], names: ['asyncio.create_subprocess_exec', ...['execl', 'execle', 'execlp', 'execv', 'execve', 'execvp', 'execvpe', 'spawnl', 'spawnv', 'spawnlp', 'spawnvp', 'startfile'].map((f) => `os.${f}`)], args: [{ position: 0 }] },
  { kinds: ['command'], methods: ['exec_command'], args: [{ position: 0, keyword: 'command' }] },
  // Code
  { kinds: ['code'], names: ['eval', 'exec', 'compile', 'execfile', 'runpy.run_path', 'runpy.run_module'], args: [{ position: 0, keyword: 'source' }, { keyword: 'expression' }] },
  // Templates
  { kinds: ['template'], names: ['flask.render_template_string', 'jinja2.Template', 'jinja2.Environment().from_string', 'mako.template.Template', 'django.template.Template', 'django.template.engines.from_string', 'tornado.template.Template'], args: [{ position: 0, keyword: 'source' }, { keyword: 'text' }] },
  { kinds: ['template'], methods: ['from_string'], args: [{ position: 0, keyword: 'source' }] },
  // Responses (reflected XSS for request data; stack-trace exposure for exception details)
  { kinds: RESPONSE_KINDS, names: ['flask.make_response', 'flask.Response', 'werkzeug.Response', 'werkzeug.wrappers.Response', 'django.http.HttpResponse', 'django.http.response.HttpResponse', 'starlette.responses.HTMLResponse', 'fastapi.responses.HTMLResponse', 'starlette.responses.Response', 'fastapi.responses.Response', 'aiohttp.web.Response', 'bottle.HTTPResponse'], args: [{ position: 0, keyword: 'response' }, { keyword: 'content' }, { keyword: 'body' }, { keyword: 'text' }] },
  { kinds: ['stack-trace'], names: ['flask.jsonify', 'django.http.JsonResponse', 'starlette.responses.JSONResponse', 'fastapi.responses.JSONResponse', 'aiohttp.web.json_response', 'rest_framework.response.Response'], args: [{ position: 0 }, { keyword: 'content' }, { keyword: 'data' }] },
  { kinds: RESPONSE_KINDS, methods: ['write', 'finish'], args: [{ position: 0 }] }, // gated to Tornado handlers by the interpreter
  // Paths
  { kinds: ['path'], names: ['open', 'io.open', 'codecs.open', 'os.remove', 'os.unlink', 'os.rmdir', 'os.removedirs', 'os.mkdir', 'os.makedirs', 'os.listdir', 'os.scandir', 'os.rename', 'os.replace', 'os.chmod', 'os.chown', 'os.open', 'shutil.rmtree', 'shutil.copy', 'shutil.copyfile', 'shutil.copy2', 'shutil.copytree', 'shutil.move', 'flask.send_file', 'django.http.FileResponse', 'starlette.responses.FileResponse', 'fastapi.responses.FileResponse', 'tarfile.open', 'zipfile.ZipFile'], args: [{ position: 0, keyword: 'file' }, { keyword: 'path' }, { keyword: 'path_or_file' }, { keyword: 'filename' }] },
  { kinds: ['path'], methods: ['read_text', 'read_bytes', 'write_text', 'write_bytes', 'unlink', 'rmdir', 'touch', 'mkdir', 'rename', 'replace'], args: [{ position: -1 }] },
  // SSRF
  { kinds: ['ssrf'], names: [...['requests', 'httpx'].flatMap((m) => HTTP_VERBS.map((v) => `${m}.${v}`)), 'requests.request', 'httpx.request', 'httpx.stream', 'urllib.request.urlopen', 'urllib.request.Request', 'urllib.request.urlretrieve', 'urllib3.PoolManager().request', 'aiohttp.request'], args: [{ position: 0, keyword: 'url' }] },
  { kinds: ['ssrf'], names: ['requests.request', 'httpx.request'], args: [{ position: 1, keyword: 'url' }] },
  { kinds: ['ssrf'], names: [...HTTP_VERBS, 'request', 'ws_connect'].flatMap((v) => [`requests.Session().${v}`, `httpx.Client().${v}`, `httpx.AsyncClient().${v}`, `aiohttp.ClientSession().${v}`]), args: [{ position: 0, keyword: 'url' }] },
  // Redirects
  { kinds: ['redirect'], names: ['flask.redirect', 'werkzeug.utils.redirect', 'django.shortcuts.redirect', 'django.http.HttpResponseRedirect', 'django.http.HttpResponsePermanentRedirect', 'starlette.responses.RedirectResponse', 'fastapi.responses.RedirectResponse', 'bottle.redirect', 'aiohttp.web.HTTPFound'], args: [{ position: 0, keyword: 'location' }, { keyword: 'url' }, { keyword: 'redirect_to' }, { keyword: 'to' }] },
  // Headers and cookies
  { kinds: ['header'], methods: ['set_cookie'], args: [{ position: 0, keyword: 'key' }, { position: 1, keyword: 'value' }] },
  { kinds: ['header'], methods: ['set_header', 'add_header'], args: [{ position: 0 }, { position: 1 }] },
  // LDAP
  { kinds: ['ldap'], methods: ['search_s', 'search_st', 'search_ext', 'search_ext_s'], args: [{ position: 0, keyword: 'base' }, { position: 2, keyword: 'filterstr' }] },
  { kinds: ['ldap'], names: ['ldap3.Connection().search'], args: [{ position: 0, keyword: 'search_base' }, { position: 1, keyword: 'search_filter' }] },
  // XPath
  { kinds: ['xpath'], methods: ['xpath'], args: [{ position: 0, keyword: '_path' }] },
  { kinds: ['xpath'], names: ['lxml.etree.XPath', 'lxml.etree.ETXPath'], args: [{ position: 0, keyword: 'path' }] },
  // Deserialization
  { kinds: ['deserialization'], names: ['pickle.loads', 'pickle.load', 'cPickle.loads', '_pickle.loads', 'dill.loads', 'dill.load', 'marshal.loads', 'marshal.load', 'jsonpickle.decode', 'shelve.open', 'yaml.unsafe_load', 'yaml.load', 'torch.load', 'joblib.load', 'pandas.read_pickle', 'numpy.load'], args: [{ position: 0 }] },
  // XXE: untrusted documents into parsers (the parser configuration decides; see the rule)
  { kinds: ['xxe'], names: ['lxml.etree.fromstring', 'lxml.etree.parse', 'lxml.etree.XML'], args: [{ position: 0 }] },
  // Regular expressions
  { kinds: ['regex'], names: ['re.compile', 're.match', 're.search', 're.fullmatch', 're.sub', 're.subn', 're.split', 're.findall', 're.finditer', 'regex.compile', 'regex.match', 'regex.search'], args: [{ position: 0, keyword: 'pattern' }] },
  // Logs
  { kinds: ['log'], names: ['logging.debug', 'logging.info', 'logging.warning', 'logging.warn', 'logging.error', 'logging.critical', 'logging.exception', 'logging.log'], args: [{ position: 0, keyword: 'msg' }] },
  { kinds: ['log'], methods: ['debug', 'info', 'warning', 'warn', 'error', 'critical', 'exception'], args: [{ position: 0, keyword: 'msg' }] }, // gated to logger receivers by the interpreter
  // Reflection
  { kinds: ['reflection'], names: ['importlib.import_module', '__import__', 'pydoc.locate', 'importlib.__import__'], args: [{ position: 0, keyword: 'name' }] },
  { kinds: ['reflection'], names: ['getattr', 'setattr', 'delattr'], args: [{ position: 1 }] },
];

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
  ['django.shortcuts.render', ['xss']],
  ['django.template.loader.render_to_string', ['xss']],
  ['flask.jsonify', ['xss']],
  ['json.dumps', ['xss']],
  ['re.escape', ['regex']],
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
