// code-injection: request data that is run as Python code.
import { taintRule } from '../factories.js';

export const codeInjection = taintRule({
  id: 'code-injection',
  title: 'Python code built from user input',
  family: 'injection',
  checklist: ['Code Injection Prevention', 'Input Validation'],
  level: 'error',
  securitySeverity: 9.3,
  precision: 'high',
  tier: 'default',
  cwe: [94, 95],
  compatible: { bandit: ['B102', 'B307'], ruff: ['S102', 'S307'] },
  supersedes: ['eval-nonconstant'],
  kinds: ['code'],
  advice: 'never run request data as code: parse data with ast.literal_eval() or json.loads(), and map choices to functions with a dictionary',
  docs: {
    whatItDoes:
      'Follows request data into the APIs that compile or run Python source: `eval`, `exec`, `compile` (also reached as `builtins.eval` or through an alias), `execfile`, `runpy.run_path`/`run_module` and `code.InteractiveInterpreter`/`InteractiveConsole`. Values converted with `int()` or `float()` and text embedded as a literal with `repr()` are not reported.',
    whyBad:
      'Whoever controls the code string controls the process: `__import__("os").system(...)` in an expression reads files, opens shells and steals credentials. Blocking names or builtins does not help, because Python offers many ways back to them.',
    example:
      'from flask import Flask, request\n\napp = Flask(__name__)\n\n@app.route("/calc")\ndef calc():\n    return str(eval(request.args["expr"]))\n',
    useInstead:
      'import ast\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\n@app.route("/calc")\ndef calc():\n    return str(ast.literal_eval(request.args["expr"]))\n',
    references: [
      'https://cwe.mitre.org/data/definitions/95.html',
      'https://cwe.mitre.org/data/definitions/94.html',
      'https://docs.python.org/3/library/ast.html#ast.literal_eval',
      'https://owasp.org/www-community/attacks/Code_Injection',
    ],
  },
});
