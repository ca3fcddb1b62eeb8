// template-injection: request data used as the source text of a server-side template.
import { taintRule } from '../factories.js';

export const templateInjection = taintRule({
  id: 'template-injection',
  title: 'Server-side template built from user input',
  family: 'injection',
  checklist: ['Code Injection Prevention', 'Input Validation'],
  level: 'error',
  securitySeverity: 9.3,
  precision: 'high',
  tier: 'default',
  cwe: [1336],
  compatible: {},
  kinds: ['template'],
  advice: 'keep the template text fixed and pass user values as context variables when rendering',
  docs: {
    whatItDoes:
      'Follows request data into the source text of a template: Flask `render_template_string`, Jinja2 `Template` and `Environment().from_string`, Mako `Template`, Django `Template` and `engines[…].from_string`, and Tornado `Template`. Request values passed as context variables of a fixed template are data, not template code, and are not reported.',
    whyBad:
      'Template languages are programming languages. A client who writes part of the template can read configuration and secrets (`{{ config }}`), walk Python object attributes to reach `os` and run commands on the server, even with autoescaping enabled.',
    example:
      'from flask import Flask, request, render_template_string\n\napp = Flask(__name__)\n\n@app.route("/hello")\ndef hello():\n    name = request.args.get("name", "")\n    return render_template_string("<h1>Hello " + name + "</h1>")\n',
    useInstead:
      'from flask import Flask, request, render_template_string\n\napp = Flask(__name__)\n\n@app.route("/hello")\ndef hello():\n    name = request.args.get("name", "")\n    return render_template_string("<h1>Hello {{ name }}</h1>", name=name)\n',
    references: [
      'https://cwe.mitre.org/data/definitions/1336.html',
      'https://portswigger.net/web-security/server-side-template-injection',
      'https://jinja.palletsprojects.com/en/stable/sandbox/',
      'https://flask.palletsprojects.com/en/stable/api/#flask.render_template_string',
    ],
  },
});
