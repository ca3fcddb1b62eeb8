// open-redirect: request data used as the target of an HTTP redirect.
import { taintRule } from '../factories.js';

export const openRedirect = taintRule({
  id: 'open-redirect',
  title: 'Redirect to a URL taken from user input',
  family: 'injection',
  checklist: ['Input Validation'],
  level: 'warning',
  securitySeverity: 6.1,
  precision: 'high',
  tier: 'default',
  cwe: [601],
  compatible: {},
  kinds: ['redirect'],
  advice: 'redirect only to paths of this site or to hosts checked with url_has_allowed_host_and_scheme(), and fall back to a fixed page otherwise',
  docs: {
    whatItDoes:
      'Follows request data into the target of redirects: Flask/Werkzeug `redirect`, Django `redirect`, `HttpResponseRedirect` and `HttpResponsePermanentRedirect`, Starlette/FastAPI `RedirectResponse`, Bottle `redirect` and aiohttp `HTTPFound`. Targets checked with Django’s `url_has_allowed_host_and_scheme`, compared with an allow-list, checked to be a local path (`startswith("/")` together with a test that rules out `//`), built by `url_for`/`reverse`, or starting with a constant path of this site are not reported.',
    whyBad:
      'A link to a trusted site that forwards to any address the link names is a phishing tool: victims see the real domain, log in or click through, and land on a look-alike page. Redirect parameters after login are the usual target; `//evil.example` counts as an absolute URL for browsers.',
    example:
      'from flask import Flask, redirect, request\n\napp = Flask(__name__)\n\n@app.route("/login", methods=["POST"])\ndef login():\n    return redirect(request.args.get("next", "/"))\n',
    useInstead:
      'from django.utils.http import url_has_allowed_host_and_scheme\nfrom flask import Flask, redirect, request\n\napp = Flask(__name__)\n\n@app.route("/login", methods=["POST"])\ndef login():\n    target = request.args.get("next", "/")\n    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.host}):\n        target = "/"\n    return redirect(target)\n',
    references: [
      'https://cwe.mitre.org/data/definitions/601.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html',
      'https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.http.url_has_allowed_host_and_scheme',
    ],
  },
});
