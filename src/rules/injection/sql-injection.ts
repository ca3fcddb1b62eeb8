// sql-injection: request data that reaches an SQL execution API as query text.
import { taintRule } from '../factories.js';

export const sqlInjection = taintRule({
  id: 'sql-injection',
  title: 'SQL query built from user input',
  family: 'injection',
  checklist: ['SQL Injection Prevention', 'Input Validation'],
  level: 'error',
  securitySeverity: 8.8,
  precision: 'high',
  tier: 'default',
  cwe: [89],
  compatible: { bandit: ['B608', 'B610', 'B611'], ruff: ['S608', 'S610', 'S611'] },
  supersedes: ['sql-query-string-formatting'],
  kinds: ['sql'],
  advice: 'pass user values as bound query parameters (%s, ?, :name) instead of formatting them into the SQL text',
  docs: {
    whatItDoes:
      'Follows data from web requests (Flask, Django and DRF, FastAPI and Starlette, aiohttp, Tornado, Pyramid, Bottle, Falcon, serverless handlers) through assignments, string building, containers and helper functions of the same file, and reports where it becomes the text of an SQL statement: DB-API `execute`/`executemany`/`executescript`, SQLAlchemy `text()` and `exec_driver_sql`, Django `raw()`, `extra()` and `RawSQL`, and `pandas.read_sql`. Values passed separately as bound parameters are not query text and are never reported; `int()` and similar conversions clear the taint.',
    whyBad:
      'When user input becomes part of the SQL text, the user decides what the database runs: quotes or keywords in the input can read other users’ rows, change data or drop tables. Bound parameters keep data and code apart, whatever the input contains.',
    example:
      'from flask import Flask, request\nimport sqlite3\n\napp = Flask(__name__)\n\n@app.route("/user")\ndef user():\n    name = request.args["name"]\n    db = sqlite3.connect("app.db")\n    return str(db.execute(f"SELECT * FROM users WHERE name = \'{name}\'").fetchall())\n',
    useInstead:
      'from flask import Flask, request\nimport sqlite3\n\napp = Flask(__name__)\n\n@app.route("/user")\ndef user():\n    name = request.args["name"]\n    db = sqlite3.connect("app.db")\n    return str(db.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchall())\n',
    references: [
      'https://cwe.mitre.org/data/definitions/89.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Query_Parameterization_Cheat_Sheet.html',
      'https://peps.python.org/pep-0249/#paramstyle',
      'https://docs.djangoproject.com/en/stable/topics/db/sql/',
    ],
  },
});
