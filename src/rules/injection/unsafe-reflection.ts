// unsafe-reflection: request data choosing which module to import or which attribute to read or write.
import { taintRule } from '../factories.js';

export const unsafeReflection = taintRule({
  id: 'unsafe-reflection',
  title: 'Module or attribute chosen by user input',
  family: 'injection',
  checklist: ['Code Injection Prevention', 'Input Validation'],
  level: 'error',
  securitySeverity: 8.1,
  precision: 'medium',
  tier: 'extended',
  cwe: [470],
  compatible: {},
  kinds: ['reflection'],
  advice: 'map the user value through a fixed dict of allowed handlers, or check it against a constant allow-list before the lookup',
  docs: {
    whatItDoes:
      'Follows request data into the name argument of `importlib.import_module`, `__import__`, `pydoc.locate`, Django/Werkzeug `import_string`, the attribute name of `getattr`/`setattr`/`delattr`, and keys looked up in `globals()`, `locals()`, `vars()` or `sys.modules`. A membership or equality check against constants before the call (`if name in ALLOWED:`, `if name not in ALLOWED: abort(400)`), a constant prefix in front of the name (`getattr(self, "do_" + action)`, `import_module("plugins." + name)`), and conversions such as `int()` make the value safe.',
    whyBad:
      'When the user names the module or attribute, they reach code and data the developer never meant to expose: `getattr(obj, name)` can return private attributes, bound methods or configuration, `setattr` can overwrite security flags, and `import_module` can load any installed module, whose import side effects then run in the server.',
    example:
      'import importlib\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\n@app.route("/export")\ndef export():\n    module = importlib.import_module(request.args["format"])\n    return module.render()\n',
    useInstead:
      'import importlib\nfrom flask import Flask, abort, request\n\napp = Flask(__name__)\nFORMATS = {"csv", "json"}\n\n@app.route("/export")\ndef export():\n    fmt = request.args["format"]\n    if fmt not in FORMATS:\n        abort(400)\n    module = importlib.import_module(fmt)\n    return module.render()\n',
    references: [
      'https://cwe.mitre.org/data/definitions/470.html',
      'https://docs.python.org/3/library/importlib.html#importlib.import_module',
      'https://docs.python.org/3/library/functions.html#getattr',
    ],
  },
});
