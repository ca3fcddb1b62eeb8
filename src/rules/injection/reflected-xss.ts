// reflected-xss: request data written into an HTML response without escaping.
import { taintRule } from '../factories.js';

export const reflectedXss = taintRule({
  id: 'reflected-xss',
  title: 'User input reflected in an HTML response',
  family: 'injection',
  checklist: ['Input Validation'],
  level: 'error',
  securitySeverity: 6.1,
  precision: 'high',
  tier: 'default',
  cwe: [79],
  compatible: {},
  kinds: ['xss'],
  advice: 'escape it (markupsafe.escape, django.utils.html.escape, format_html) or render it through an autoescaping template',
  docs: {
    whatItDoes:
      'Follows request data into the body of HTTP responses: strings returned from Flask, Quart and Bottle routes, `make_response`, `Response` and `HttpResponse` objects, Starlette/FastAPI `HTMLResponse`, aiohttp `web.Response` and Tornado `self.write`. Escaping (`markupsafe.escape`, `html.escape`, `django.utils.html.escape`, `format_html`), autoescaping templates (`render_template`, `render`) JSON responses (`jsonify`, returned dicts) and responses declared as another content type (`mimetype="text/plain"`, `content_type="application/json"`) are not reported.',
    whyBad:
      'The browser runs any markup and script that appears in an HTML page. A link that carries `<script>` in a parameter which the page echoes back runs that script in the site’s origin for whoever follows it: sessions, tokens and page content are then in the attacker’s hands.',
    example:
      'from flask import Flask, request\n\napp = Flask(__name__)\n\n@app.route("/search")\ndef search():\n    term = request.args.get("q", "")\n    return f"<p>No results for {term}</p>"\n',
    useInstead:
      'from flask import Flask, request\nfrom markupsafe import escape\n\napp = Flask(__name__)\n\n@app.route("/search")\ndef search():\n    term = request.args.get("q", "")\n    return f"<p>No results for {escape(term)}</p>"\n',
    references: [
      'https://cwe.mitre.org/data/definitions/79.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html',
      'https://flask.palletsprojects.com/en/stable/web-security/#cross-site-scripting-xss',
      'https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html',
    ],
  },
});
