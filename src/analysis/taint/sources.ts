// Untrusted sources per web framework, as data: qualified-name prefixes, request-object attributes, route parameters.

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
