// trust-boundary-violation: untrusted request data stored in the server-side session.
import { taintRule } from '../factories.js';

export const trustBoundaryViolation = taintRule({
  id: 'trust-boundary-violation',
  title: 'User input stored in the server-side session',
  family: 'authentication',
  checklist: ['Authentication and Authorization', 'Input Validation'],
  level: 'warning',
  securitySeverity: 5.3,
  precision: 'medium',
  tier: 'default',
  cwe: [501],
  compatible: {},
  kinds: ['session'],
  advice: 'validate the value first (convert it, check it against an allow-list, or look it up server-side) so that later code can trust what the session holds',
  docs: {
    whatItDoes:
      'Follows request data into the server-side session: item assignment on Flask/Quart `session` or Django `request.session` (also `self.request.session` in class-based views), and `session.update()`/`setdefault()`. Both the stored value and a user-chosen key are reported. Values converted with `int()` and similar, or confined by a check against constants (`if role in ALLOWED_ROLES:`), are not reported.',
    whyBad:
      'Code that reads the session usually treats its contents as facts the server established itself: who is logged in, which role they have, what they already paid for. Storing unvalidated request data there mixes trusted and untrusted data behind the same boundary, so a later check (`if session["role"] == "admin"`) trusts a value the user chose. A user-chosen key can even overwrite entries such as the user id.',
    example:
      'from flask import Flask, request, session\n\napp = Flask(__name__)\n\n@app.route("/prefs", methods=["POST"])\ndef prefs():\n    session["role"] = request.form["role"]\n    return "saved"\n',
    useInstead:
      'from flask import Flask, abort, request, session\n\napp = Flask(__name__)\nROLES = {"viewer", "editor"}\n\n@app.route("/prefs", methods=["POST"])\ndef prefs():\n    role = request.form["role"]\n    if role not in ROLES:\n        abort(400)\n    session["role"] = role\n    return "saved"\n',
    references: [
      'https://cwe.mitre.org/data/definitions/501.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html',
      'https://docs.djangoproject.com/en/stable/topics/http/sessions/',
      'https://flask.palletsprojects.com/en/stable/api/#sessions',
    ],
  },
});
