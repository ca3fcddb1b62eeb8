// Untrusted sources per web framework, as data: qualified-name prefixes, request-object attributes, route parameters.
import type { SinkKind } from './value.js';

/** Reading any of these qualified names (or anything below them) yields request data. */
export const SOURCE_PREFIXES: readonly { prefix: string; framework: string }[] = [
  // Flask / Werkzeug: the request proxy.
  ...['args', 'form', 'values', 'json', 'data', 'files', 'headers', 'cookies', 'view_args', 'get_json', 'get_data', 'stream', 'environ', 'url', 'path', 'full_path', 'query_string', 'referrer', 'user_agent', 'authorization'].map(
    (a) => ({ prefix: `flask.request.${a}`, framework: 'Flask' }),
  ),
  // Bottle's request proxy.
  ...['query', 'forms', 'params', 'json', 'body', 'files', 'headers', 'cookies', 'get_header', 'get_cookie', 'query_string', 'url', 'path'].map((a) => ({
    prefix: `bottle.request.${a}`,
    framework: 'Bottle',
  })),
  // Calls that read input outside a request object.
  { prefix: 'cgi.FieldStorage', framework: 'CGI' },
];

/**
 * Attributes of a request object received as a parameter (Django, DRF, Starlette/FastAPI, aiohttp, Pyramid, Falcon,
 * Azure Functions, Sanic): `request.GET`, `req.params`, `await request.json()`.
 */
export const REQUEST_ATTRIBUTES: ReadonlySet<string> = new Set([
  // Django / DRF
  'GET', 'POST', 'body', 'FILES', 'META', 'COOKIES', 'headers', 'data', 'query_params', 'path', 'path_info', 'get_full_path', 'build_absolute_uri', 'content_params',
  // Starlette / FastAPI / aiohttp / Sanic
  'query_params', 'path_params', 'cookies', 'json', 'form', 'text', 'read', 'stream', 'query', 'match_info', 'post', 'content', 'args', 'url', 'raw_path', 'query_string', 'rel_url',
  // Pyramid
  'params', 'matchdict', 'json_body', 'POST', 'GET',
  // Falcon
  'get_param', 'get_param_as_list', 'get_header', 'media', 'get_media', 'bounded_stream', 'relative_uri', 'uri',
  // Azure Functions
  'route_params', 'get_json', 'get_body',
  // Tornado (self.request)
  'arguments', 'query_arguments', 'body_arguments', 'files', 'uri',
]);

/** Sources whose values are parsed JSON: they may be dicts or lists (query operators), not only text. */
export const STRUCTURED_SOURCE_PREFIXES: ReadonlySet<string> = new Set(['flask.request.json', 'flask.request.get_json', 'bottle.request.json']);
/** Sources that are mappings of strings (query strings, forms, headers): read whole they are structures, their items are text. */
export const CONTAINER_SOURCE_PREFIXES: ReadonlySet<string> = new Set([
  ...['args', 'form', 'values', 'files', 'headers', 'cookies', 'view_args', 'environ'].map((a) => `flask.request.${a}`),
  ...['query', 'forms', 'params', 'files', 'headers', 'cookies'].map((a) => `bottle.request.${a}`),
]);
export const CONTAINER_REQUEST_ATTRIBUTES: ReadonlySet<string> = new Set([
  'GET', 'POST', 'FILES', 'META', 'COOKIES', 'headers', 'query_params', 'path_params', 'cookies', 'form', 'query', 'match_info', 'post', 'params', 'matchdict', 'arguments', 'query_arguments', 'body_arguments', 'files', 'route_params', 'args',
]);
/** Methods that read one item of a container (`request.args.get("q")`, `request.GET.getlist("ids")`). */
export const ITEM_ACCESSORS: ReadonlySet<string> = new Set(['get', 'getlist', 'getall', 'getone', 'get_all', 'getfirst', 'getunicode', 'pop', '__getitem__']);
/** Request-object attributes holding a parsed body (DRF `request.data`, `await request.json()`, Falcon `req.media`). */
export const STRUCTURED_REQUEST_ATTRIBUTES: ReadonlySet<string> = new Set(['json', 'data', 'json_body', 'media', 'get_media', 'get_json']);

/** Sources whose items are uploaded files (Werkzeug FileStorage, Bottle FileUpload): see Label.upload. */
export const UPLOAD_SOURCE_PREFIXES: ReadonlySet<string> = new Set(['flask.request.files', 'bottle.request.files', 'quart.request.files']);
/** Request-object attributes holding uploaded files: Django `request.FILES`, Tornado `self.request.files`. */
export const UPLOAD_REQUEST_ATTRIBUTES: ReadonlySet<string> = new Set(['FILES', 'files']);
/**
 * Members that only an uploaded file has: read from request data (an item of Starlette's `await request.form()`,
 * aiohttp's `await request.post()`), they mark the value as an uploaded file.
 */
export const UPLOAD_MEMBERS: ReadonlySet<string> = new Set(['filename', 'file', 'chunks']);
/** Parameter annotations that declare an uploaded file (FastAPI/Starlette `UploadFile`, Litestar `UploadFile`). */
export const UPLOAD_PARAMETER_TYPE = /\bUploadFile\b/;

/**
 * Sources already safe for some sink kinds: the absolute URL of the current request names this site (the browser
 * sent its Host), so redirecting to it (`redirect(request.url)` after a form post) cannot leave the site.
 */
export const SAFE_SOURCE_KINDS: ReadonlyMap<string, readonly SinkKind[]> = new Map([
  ['flask.request.url', ['redirect']],
  ['bottle.request.url', ['redirect']],
]);
export const SAFE_REQUEST_ATTRIBUTE_KINDS: ReadonlyMap<string, readonly SinkKind[]> = new Map([
  ['url', ['redirect']],
  ['build_absolute_uri', ['redirect']],
]);

/** Names a request parameter usually has in view functions and handlers. */
export const REQUEST_PARAMETER_NAMES: ReadonlySet<string> = new Set(['request', 'req', 'http_request']);

/** Tornado RequestHandler methods that return request input. */
export const HANDLER_INPUT_METHODS: ReadonlySet<string> = new Set([
  'get_argument', 'get_arguments', 'get_query_argument', 'get_query_arguments', 'get_body_argument', 'get_body_arguments', 'get_cookie', 'get_secure_cookie', 'get_signed_cookie',
]);

/** Modules whose presence means the file may handle requests (a cheap gate before any data flow runs). */
export const WEB_MODULES: readonly string[] = [
  'flask', 'werkzeug', 'django', 'rest_framework', 'fastapi', 'starlette', 'aiohttp', 'tornado', 'pyramid', 'bottle', 'falcon', 'sanic', 'quart', 'azure.functions', 'cgi', 'litestar',
];

/** Route decorators whose function parameters come from the URL, query or body (decorator callee suffixes). */
export const ROUTE_DECORATOR_METHODS: ReadonlySet<string> = new Set(['route', 'get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'api_route', 'websocket', 'add_url_rule']);

/** Parameter annotations that make a route parameter safe for every sink (the framework converts or rejects). */
export const SAFE_PARAMETER_TYPES: ReadonlySet<string> = new Set(['int', 'float', 'bool', 'uuid.UUID', 'UUID', 'datetime.date', 'datetime.datetime', 'date', 'datetime', 'decimal.Decimal', 'Decimal']);

/** Parameter annotations that are framework objects, not user values. */
export const FRAMEWORK_PARAMETER_TYPES: ReadonlySet<string> = new Set([
  'fastapi.Request', 'starlette.requests.Request', 'fastapi.Response', 'starlette.responses.Response', 'fastapi.BackgroundTasks', 'sqlalchemy.orm.Session', 'Session', 'fastapi.WebSocket',
]);

/**
 * Exception classes whose message is written for the client (validation and HTTP errors of web and schema libraries):
 * `except ValidationError as e: return jsonify(errors=e.messages), 400` is no stack-trace exposure. Matched on the
 * class name, so an application's own `ValidationError` counts too.
 */
export const USER_FACING_EXCEPTIONS: ReadonlySet<string> = new Set(['ValidationError', 'HTTPException', 'APIException', 'RequestValidationError', 'BadRequest', 'ParseError', 'Http404', 'NotFound', 'PermissionDenied', 'ValidationException', 'FormValidationError']);
