// nosql-injection: request data that shapes a MongoDB query filter (whole filters, operators, $where code).
import { taintRule } from '../factories.js';

export const nosqlInjection = taintRule({
  id: 'nosql-injection',
  title: 'MongoDB query filter built from user input',
  family: 'injection',
  checklist: ['SQL Injection Prevention', 'Input Validation'],
  level: 'error',
  securitySeverity: 8.8,
  precision: 'high',
  tier: 'default',
  cwe: [943],
  compatible: {},
  kinds: ['nosql'],
  advice: 'build the filter from fixed keys, convert each request value to the type you expect (str(), int()) and never put request text into $where',
  docs: {
    whatItDoes:
      'Follows request data into the filter of PyMongo and Motor collection methods (`find`, `find_one`, `update_one`, `delete_many`, `count_documents`, `aggregate` and friends) and reports three shapes: a filter that is request data as a whole (`find(request.get_json())`), a parsed JSON value placed under a filter key without conversion, where it may be an object such as `{"$ne": null}` instead of a plain value, and request text inside server-side JavaScript (`$where`, `$function`, `$accumulator`). Single values from query strings, forms, headers and URL parameters are always strings and are only reported inside those JavaScript operators (a whole query-string mapping, or a dict whose keys come from the request, counts as a whole filter); `str()` and `int()` conversions clear the taint.',
    whyBad:
      'MongoDB filters are data structures whose keys may be operators. When a client can send an object where the code expects a string, `{"password": {"$ne": ""}}` matches every document and skips the check; a filter taken whole from the request can add `$where`, `$regex` or `$expr` clauses; and `$where` runs JavaScript on the server, so text spliced into it changes what the query does.',
    example:
      'from flask import Flask, request\nfrom pymongo import MongoClient\n\napp = Flask(__name__)\nusers = MongoClient().app.users\n\n@app.route("/login", methods=["POST"])\ndef login():\n    body = request.get_json()\n    user = users.find_one({"name": body["name"], "password": body["password"]})\n    return "ok" if user else "denied"\n',
    useInstead:
      'from flask import Flask, request\nfrom pymongo import MongoClient\n\napp = Flask(__name__)\nusers = MongoClient().app.users\n\n@app.route("/login", methods=["POST"])\ndef login():\n    body = request.get_json()\n    user = users.find_one({"name": str(body["name"]), "password": str(body["password"])})\n    return "ok" if user else "denied"\n',
    references: [
      'https://cwe.mitre.org/data/definitions/943.html',
      'https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/07-Input_Validation_Testing/05.6-Testing_for_NoSQL_Injection',
      'https://www.mongodb.com/docs/manual/reference/operator/query/where/',
      'https://pymongo.readthedocs.io/en/stable/api/pymongo/collection.html',
    ],
  },
});
