// ssrf: request data that decides the whole URL (scheme and host) of a server-side HTTP request.
import { taintRule } from '../factories.js';

export const ssrf = taintRule({
  id: 'ssrf',
  title: 'Server-side request to a URL chosen by the user',
  family: 'injection',
  checklist: ['Input Validation', 'API Security'],
  level: 'error',
  securitySeverity: 9.1,
  precision: 'high',
  tier: 'default',
  cwe: [918],
  compatible: { bandit: ['B310'], ruff: ['S310'] },
  supersedes: ['urlopen-unrestricted-scheme'],
  kinds: ['ssrf'],
  advice: 'let the user choose only a path or an identifier under a fixed scheme and host, or check the parsed host against an allow-list before sending the request',
  docs: {
    whatItDoes:
      'Follows request data into the URL of outgoing HTTP requests made with `requests` (functions and sessions), `httpx`, `urllib.request`, `urllib3` and `aiohttp` and reports it when the client controls the scheme and host. A URL whose constant beginning already fixes scheme and host (`f"https://api.example.com/items/{item}"`) is not reported here, and neither is a URL whose host was compared with an allow-list (`urlparse(url).hostname in ALLOWED_HOSTS`) or checked with `url_has_allowed_host_and_scheme`.',
    whyBad:
      'The server sends the request from inside the network, with its own credentials and reach. A client-chosen URL can read cloud metadata endpoints (`169.254.169.254`) and their temporary keys, call internal admin services, scan internal ports, or read local files through `file://` URLs with `urllib`.',
    example:
      'import requests\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\n@app.route("/preview")\ndef preview():\n    url = request.args["url"]\n    return requests.get(url, timeout=5).text[:200]\n',
    useInstead:
      'import requests\nfrom urllib.parse import urlparse\nfrom flask import Flask, abort, request\n\napp = Flask(__name__)\nALLOWED_HOSTS = {"images.example.com"}\n\n@app.route("/preview")\ndef preview():\n    url = request.args["url"]\n    if urlparse(url).hostname not in ALLOWED_HOSTS:\n        abort(400)\n    return requests.get(url, timeout=5).text[:200]\n',
    references: [
      'https://cwe.mitre.org/data/definitions/918.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html',
      'https://owasp.org/Top10/A10_2021-Server-Side_Request_Forgery_%28SSRF%29/',
    ],
  },
});
