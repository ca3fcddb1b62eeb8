// ldap-injection: request data that becomes part of an LDAP search filter or distinguished name.
import { taintRule } from '../factories.js';

export const ldapInjection = taintRule({
  id: 'ldap-injection',
  title: 'LDAP filter or DN built from user input',
  family: 'injection',
  checklist: ['Input Validation'],
  level: 'error',
  securitySeverity: 9.8,
  precision: 'high',
  tier: 'default',
  cwe: [90],
  compatible: {},
  kinds: ['ldap'],
  advice: 'escape user values with escape_filter_chars() (filters) or escape_dn_chars() (DNs) before they become part of the query',
  docs: {
    whatItDoes:
      'Follows request data into the search base and filter of python-ldap (`search`, `search_s`, `search_st`, `search_ext`, `search_ext_s`) and ldap3 (`Connection.search`), and into the DN of python-ldap `add_s`/`modify_s`/`delete_s`/`rename_s`/`compare_s`. Values escaped with `escape_filter_chars()`/`escape_dn_chars()` (python-ldap or ldap3), `ldap.filter.filter_format()`, or converted with `int()` are not reported.',
    whyBad:
      'LDAP filters are a small query language: `*`, `(`, `)`, `&`, `|` and `\\` change their meaning. A user name such as `*)(uid=*))(|(uid=*` turns a lookup of one account into a match on every account, which can bypass a login check built on the search or reveal directory entries the user should not see. Escaping makes those characters literal.',
    example:
      'import ldap\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\n@app.route("/user")\ndef user():\n    conn = ldap.initialize("ldap://directory")\n    name = request.args["name"]\n    return str(conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, f"(uid={name})"))\n',
    useInstead:
      'import ldap\nfrom ldap.filter import escape_filter_chars\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\n@app.route("/user")\ndef user():\n    conn = ldap.initialize("ldap://directory")\n    name = escape_filter_chars(request.args["name"])\n    return str(conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, f"(uid={name})"))\n',
    references: [
      'https://cwe.mitre.org/data/definitions/90.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/LDAP_Injection_Prevention_Cheat_Sheet.html',
      'https://www.python-ldap.org/en/latest/reference/ldap-filter.html',
      'https://ldap3.readthedocs.io/en/latest/searches.html',
    ],
  },
});
