// regex-injection: request data compiled as a regular expression pattern.
import { taintRule } from '../factories.js';

export const regexInjection = taintRule({
  id: 'regex-injection',
  title: 'Regular expression pattern built from user input',
  family: 'injection',
  checklist: ['Input Validation'],
  level: 'warning',
  securitySeverity: 7.5,
  precision: 'high',
  tier: 'default',
  cwe: [1333, 730],
  compatible: {},
  kinds: ['regex'],
  advice: 're.escape() the user value so it matches literally, or match it without a regular expression (in, str.startswith)',
  docs: {
    whatItDoes:
      'Follows request data into the pattern argument of `re.compile`, `re.match`, `re.search`, `re.fullmatch`, `re.sub`, `re.subn`, `re.split`, `re.findall`, `re.finditer` and the `regex` module equivalents. The text being searched is not a pattern and is never reported; `re.escape()` makes the value safe.',
    whyBad:
      'A user who controls the pattern controls how long matching takes: nested quantifiers such as `(a+)+$` backtrack exponentially, and one request can hold a worker’s CPU for minutes (ReDoS). The pattern can also match far more than intended, for example `.*` in a search that was meant to match one name, which can bypass filters built on it.',
    example:
      'import re\nfrom flask import Flask, request\n\napp = Flask(__name__)\nNAMES = ["alice", "bob"]\n\n@app.route("/find")\ndef find():\n    pattern = re.compile(request.args["q"])\n    return ",".join(n for n in NAMES if pattern.search(n))\n',
    useInstead:
      'import re\nfrom flask import Flask, request\n\napp = Flask(__name__)\nNAMES = ["alice", "bob"]\n\n@app.route("/find")\ndef find():\n    pattern = re.compile(re.escape(request.args["q"]))\n    return ",".join(n for n in NAMES if pattern.search(n))\n',
    references: [
      'https://cwe.mitre.org/data/definitions/1333.html',
      'https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS',
      'https://docs.python.org/3/library/re.html#re.escape',
    ],
  },
});
