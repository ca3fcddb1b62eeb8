// xpath-injection: request data that becomes part of an XPath (or ElementPath) expression.
import { taintRule } from '../factories.js';

export const xpathInjection = taintRule({
  id: 'xpath-injection',
  title: 'XPath expression built from user input',
  family: 'injection',
  checklist: ['Input Validation'],
  level: 'error',
  securitySeverity: 9.8,
  precision: 'high',
  tier: 'extended',
  cwe: [643],
  compatible: {},
  kinds: ['xpath'],
  advice: 'keep the expression constant and pass user values as XPath variables (tree.xpath("//user[@name=$name]", name=value))',
  docs: {
    whatItDoes:
      'Follows request data into the expression argument of lxml `xpath()`, `etree.XPath()` and `etree.ETXPath()`, and into the path of ElementTree `find()`/`findall()`/`findtext()`/`iterfind()` on parsed documents (`xml.etree`, `lxml.etree`, `defusedxml`). Values passed as XPath variables (keyword arguments of `xpath()` referenced as `$name`) are data, never part of the expression, and are not reported.',
    whyBad:
      'An XPath expression is code: a value such as `\' or \'1\'=\'1` closes the string literal and changes the predicate, so a lookup of one record returns all of them. When the document holds accounts or access rules, that bypasses authentication or reveals data. XPath has no escaping function in the standard library; variables are the reliable fix.',
    example:
      'from flask import Flask, request\nfrom lxml import etree\n\napp = Flask(__name__)\nUSERS = etree.parse("users.xml")\n\n@app.route("/user")\ndef user():\n    name = request.args["name"]\n    return str(USERS.xpath(f"//user[@name=\'{name}\']"))\n',
    useInstead:
      'from flask import Flask, request\nfrom lxml import etree\n\napp = Flask(__name__)\nUSERS = etree.parse("users.xml")\n\n@app.route("/user")\ndef user():\n    name = request.args["name"]\n    return str(USERS.xpath("//user[@name=$name]", name=name))\n',
    references: [
      'https://cwe.mitre.org/data/definitions/643.html',
      'https://owasp.org/www-community/attacks/XPATH_Injection',
      'https://lxml.de/xpathxslt.html#the-xpath-method',
    ],
  },
});
