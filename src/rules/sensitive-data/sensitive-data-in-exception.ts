// sensitive-data-in-exception: credentials formatted into exception messages and HTTP error responses.
import { taintRule } from '../factories.js';

export const sensitiveDataInException = taintRule({
  id: 'sensitive-data-in-exception',
  title: 'Sensitive value in an exception message',
  family: 'sensitive-data',
  checklist: ['Error Handling', 'Sensitive Data Handling'],
  level: 'warning',
  securitySeverity: 5.3,
  precision: 'medium',
  tier: 'default',
  cwe: [209, 532],
  compatible: {},
  kinds: ['sensitive-exception'],
  advice: 'say what was wrong without the value (name the setting or field, not its content)',
  docs: {
    whatItDoes:
      'Follows sensitive values (passwords, tokens, API keys, card and national-id numbers; see `clear-text-logging-sensitive-data` for how they are recognised) into the arguments of a raised exception (`raise ValueError(f"bad password {password}")`) and of HTTP error responses (`abort(401, …)`, FastAPI/Starlette `HTTPException(detail=…)`, Django `HttpResponseBadRequest`/`HttpResponseForbidden`). Masked, hashed and `SecretStr` values are not reported.',
    whyBad:
      'An exception message does not stay where it was raised: frameworks log it with its traceback, error trackers such as Sentry collect it, debug pages and API error bodies show it, and callers wrap it into their own messages. A credential placed in it leaks into all of these, to people who were never meant to see it.',
    example:
      'def login(username, password):\n    if not check(username, password):\n        raise PermissionError(f"login failed for {username} with password {password}")\n',
    useInstead:
      'def login(username, password):\n    if not check(username, password):\n        raise PermissionError(f"login failed for {username}")\n',
    references: [
      'https://cwe.mitre.org/data/definitions/209.html',
      'https://cwe.mitre.org/data/definitions/532.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Error_Handling_Cheat_Sheet.html',
    ],
  },
});
