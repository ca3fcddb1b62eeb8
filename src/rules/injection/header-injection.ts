// header-injection: request data written into HTTP response header names or values, or into cookies.
import { taintRule } from '../factories.js';

export const headerInjection = taintRule({
  id: 'header-injection',
  title: 'HTTP response header or cookie built from user input',
  family: 'injection',
  checklist: ['Input Validation', 'API Security'],
  level: 'error',
  securitySeverity: 6.1,
  precision: 'high',
  tier: 'default',
  cwe: [113],
  compatible: {},
  kinds: ['header'],
  advice: 'remove CR and LF characters (or percent-encode the value with urllib.parse.quote) before it goes into a header, and prefer a fixed header name',
  docs: {
    whatItDoes:
      'Follows request data (Flask, Django and DRF, FastAPI and Starlette, aiohttp, Tornado, Pyramid, Bottle, Falcon, serverless handlers) into the headers of the HTTP response: item assignment on `response.headers` or on a Django `HttpResponse`, `headers.add()`/`set()`/`setdefault()`, the `headers=` argument of response classes, Tornado `set_header()`/`add_header()`, and the name or value of `set_cookie()`/`set_signed_cookie()`. Removing line breaks (`value.replace("\\n", "")`, `re.sub(r"[\\r\\n]", "", value)`), `urllib.parse.quote()` and conversions such as `int()` make the value safe.',
    whyBad:
      'A header line ends at CR LF. If a user can put those characters into a header name or value, they can add headers of their own (a `Set-Cookie` that fixes the victim’s session, a second `Location`) or end the headers early and write the body themselves (response splitting, which leads to cross-site scripting and cache poisoning). Current servers often reject such values, but older stacks, proxies and custom WSGI code do not, and a user-chosen cookie name or header name is a trust problem even without line breaks.',
    example:
      'from flask import Flask, request, make_response\n\napp = Flask(__name__)\n\n@app.route("/lang")\ndef lang():\n    resp = make_response("ok")\n    resp.headers["Content-Language"] = request.args["lang"]\n    return resp\n',
    useInstead:
      'from flask import Flask, request, make_response\n\napp = Flask(__name__)\n\n@app.route("/lang")\ndef lang():\n    resp = make_response("ok")\n    resp.headers["Content-Language"] = request.args["lang"].replace("\\r", "").replace("\\n", "")\n    return resp\n',
    references: [
      'https://cwe.mitre.org/data/definitions/113.html',
      'https://owasp.org/www-community/attacks/HTTP_Response_Splitting',
      'https://werkzeug.palletsprojects.com/en/stable/datastructures/#werkzeug.datastructures.Headers',
      'https://docs.djangoproject.com/en/stable/ref/request-response/#setting-header-fields',
    ],
  },
});
