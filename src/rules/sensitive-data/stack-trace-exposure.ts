// stack-trace-exposure: exception details (tracebacks, exception text) sent back in HTTP responses.
import { taintRule } from '../factories.js';

export const stackTraceExposure = taintRule({
  id: 'stack-trace-exposure',
  title: 'Exception details returned in an HTTP response',
  family: 'sensitive-data',
  checklist: ['Error Handling', 'Sensitive Data Handling'],
  level: 'warning',
  securitySeverity: 5.4,
  precision: 'high',
  tier: 'default',
  cwe: [209],
  compatible: {},
  kinds: ['stack-trace'],
  advice: 'log the details on the server (logger.exception) and send the client a generic message or an error id',
  docs: {
    whatItDoes:
      'Follows exception details, a caught exception (`except … as e`: `str(e)`, `repr(e)`, `e.args`, `f"{e}"`) or a formatted traceback (`traceback.format_exc()`, `format_exception()`, `sys.exc_info()`), into what a web handler sends to the client: values returned from Flask and FastAPI routes, `make_response`/`Response`/`HttpResponse`/`JsonResponse`/`jsonify`/DRF `Response` bodies, Tornado `write()`, FastAPI `HTTPException(detail=…)` and `abort(code, description)`. Logging the exception is not reported, and neither is its type name (`type(e).__name__`).',
    whyBad:
      'Tracebacks and exception messages describe the inside of the application: file paths, library versions, SQL statements, configuration values, sometimes credentials or other users’ data. Sent to the client they help an attacker map the system and tune the next request; the user gains nothing from them.',
    example:
      'import traceback\nfrom flask import Flask, jsonify\n\napp = Flask(__name__)\n\n@app.route("/report")\ndef report():\n    try:\n        return build_report()\n    except Exception:\n        return jsonify(error=traceback.format_exc()), 500\n',
    useInstead:
      'import logging\nfrom flask import Flask, jsonify\n\napp = Flask(__name__)\nlogger = logging.getLogger(__name__)\n\n@app.route("/report")\ndef report():\n    try:\n        return build_report()\n    except Exception:\n        logger.exception("report failed")\n        return jsonify(error="internal error"), 500\n',
    references: [
      'https://cwe.mitre.org/data/definitions/209.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Error_Handling_Cheat_Sheet.html',
      'https://docs.python.org/3/library/logging.html#logging.Logger.exception',
    ],
  },
});
