// log-injection: request data written into the message of a log record.
import { taintRule } from '../factories.js';

export const logInjection = taintRule({
  id: 'log-injection',
  title: 'Log message built from user input',
  family: 'injection',
  checklist: ['Logging and Monitoring', 'Input Validation'],
  level: 'note',
  securitySeverity: 4.3,
  precision: 'medium',
  tier: 'extended',
  cwe: [117],
  compatible: {},
  kinds: ['log'],
  advice: 'strip CR and LF from the value (value.replace("\\r", "").replace("\\n", "")) or pass it as a lazy %s argument to a formatter that escapes line breaks',
  docs: {
    whatItDoes:
      'Follows request data into the message argument of `logging` calls (`logging.info(...)`, `logger.warning(...)`, `logger.log(level, ...)` on loggers from `logging.getLogger()` or named like a logger) when the message is built with an f-string, `+`, `%` or `.format()`. Only the message is checked: lazy arguments (`logger.info("user %s", name)`) are not reported, since the message template stays fixed and a formatter can escape them in one place. Removing line breaks (`.replace("\\n", "")`, `re.sub(r"[\\r\\n]", "", v)`), `urllib.parse.quote()` and conversions such as `int()` make the value safe.',
    whyBad:
      'Log files are read by people and parsed by tools. A value with a line break starts a new, forged log entry (`ok\\nINFO login succeeded for admin`), which can hide an attack or blame another user; control characters can also corrupt log viewers and terminals. Records that mix trusted text and raw user input cannot be trusted as evidence.',
    example:
      'import logging\nfrom flask import Flask, request\n\napp = Flask(__name__)\nlogger = logging.getLogger(__name__)\n\n@app.route("/login", methods=["POST"])\ndef login():\n    logger.info(f"login attempt for {request.form[\'user\']}")\n    return "ok"\n',
    useInstead:
      'import logging\nfrom flask import Flask, request\n\napp = Flask(__name__)\nlogger = logging.getLogger(__name__)\n\n@app.route("/login", methods=["POST"])\ndef login():\n    user = request.form["user"].replace("\\r", "").replace("\\n", "")\n    logger.info(f"login attempt for {user}")\n    return "ok"\n',
    references: [
      'https://cwe.mitre.org/data/definitions/117.html',
      'https://owasp.org/www-community/attacks/Log_Injection',
      'https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html',
      'https://docs.python.org/3/howto/logging.html#optimization',
    ],
  },
});
