// insecure-cookie: session and authentication cookies set without Secure/HttpOnly, and framework cookie settings turned off.
import { isTruthy, type ConstValue } from '../../analysis/constants.js';
import { nameWords } from '../../analysis/name-words.js';
import { unwrapParentheses } from '../../analysis/syntax.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';
import { isDevelopmentOnly, settingOfAssignment, settingsOfCall, type Setting } from '../config-settings.js';

/** Response methods that set a cookie from (name, value, ..., secure=, httponly=, samesite=). */
const COOKIE_SETTERS = new Set(['set_cookie', 'set_signed_cookie', 'set_secure_cookie']);
/** Setters that sign the value: the cookie is trusted to identify its holder, whatever it is called. */
const SIGNING_SETTERS = new Set(['set_signed_cookie', 'set_secure_cookie']);

/** Words of a cookie name that say it authenticates its holder. */
const SESSION_WORDS = new Set([
  'session', 'sessionid', 'sess', 'sid', 'auth', 'authentication', 'authorization', 'token', 'jwt', 'remember', 'login',
  'csrf', 'xsrf', 'csrftoken', 'xsrftoken', 'refresh', 'credential', 'credentials', 'secret', 'apikey', 'password', 'otp',
  'identity', 'sso', 'saml', 'oauth', 'bearer', 'rememberme',
]);
/** CSRF cookies are read by page scripts in the double-submit pattern: HttpOnly is not expected of them. */
const CSRF_WORDS = new Set(['csrf', 'xsrf', 'csrftoken', 'xsrftoken']);

/** Calls whose result is a credential: a cookie holding it is an authentication cookie. */
const CREDENTIAL_CALLS = /^(secrets\.token_(hex|urlsafe|bytes)|jwt\.encode|jose\.jwt\.encode|flask_jwt_extended\.(create_access_token|create_refresh_token)|django\.core\.signing\.dumps)$/;

function cookieKind(name: string): 'csrf' | 'session' | undefined {
  const words = nameWords(name);
  if (words.some((w) => CSRF_WORDS.has(w))) return 'csrf';
  if (words.some((w) => SESSION_WORDS.has(w)) || /^(sessionid|sid|jwt)$/i.test(name)) return 'session';
  return undefined;
}

/** Value names that say it is a credential: `access_token`, `session_key`, `user.auth_token`. */
function valueIsCredential(value: SyntaxNode | undefined, ctx: RuleContext): boolean {
  const v = unwrapParentheses(value);
  if (!v) return false;
  const isCredentialCall = (call: SyntaxNode): boolean => {
    const callee = ctx.callee(call) ?? '';
    if (CREDENTIAL_CALLS.test(callee)) return true;
    // `serializer.dumps(...)` of an itsdangerous serializer, PyJWT's `PyJWT().encode(...)`.
    return /^(itsdangerous|jwt)\..*\.(dumps|encode)$/.test(callee);
  };
  if (ctx.valueSources(v, isCredentialCall).length > 0) return true;
  const id = v.type === 'attribute' ? v.childForFieldName('attribute') : v;
  if (id?.type !== 'identifier') return false;
  const words = nameWords(id.text);
  return words.some((w) => ['token', 'jwt', 'session', 'sid', 'secret', 'credential', 'credentials'].includes(w)) && !words.includes('name');
}

type Flag = { state: 'on' | 'off' | 'unknown'; value?: ConstValue };

function flag(call: SyntaxNode, keyword: string, position: number | undefined, ctx: RuleContext): Flag {
  const kw = ctx.keyword(call, keyword);
  if (kw.present) {
    if (kw.value === undefined) return { state: 'unknown' };
    return { state: isTruthy(kw.value) ? 'on' : 'off', value: kw.value };
  }
  if (kw.maybeInUnknownSplat) return { state: 'unknown' };
  const positional = position !== undefined ? ctx.arguments(call).positional[position] : undefined;
  if (positional) {
    const value = ctx.constantValue(positional);
    return value === undefined ? { state: 'unknown' } : { state: isTruthy(value) ? 'on' : 'off', value };
  }
  return { state: 'off' };
}

function checkSetCookie(call: SyntaxNode, ctx: RuleContext): void {
  const fn = call.childForFieldName('function');
  const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
  if (method === undefined || !COOKIE_SETTERS.has(method)) return;
  // A cookie jar on the client side (`session.cookies.set_cookie(cookie)`) sends cookies; it does not set flags.
  const receiver = fn?.childForFieldName('object');
  if (receiver?.type === 'attribute' && receiver.childForFieldName('attribute')?.text === 'cookies') return;
  const args = ctx.arguments(call);
  // Werkzeug, Django and Starlette put secure/httponly 7th and 8th, WebOb 6th and 7th: more than five positionals is ambiguous.
  if (args.positional.length > 5 || args.listSplats.length > 0) return;
  const nameNode = ctx.argument(call, 0, 'key') ?? ctx.argument(call, 0, 'name');
  const name = ctx.stringValue(nameNode);
  if (name === undefined) return;
  const value = ctx.argument(call, 1, 'value');
  let kind = cookieKind(name);
  if (!kind && (SIGNING_SETTERS.has(method) || valueIsCredential(value, ctx))) kind = 'session';
  if (!kind) return;
  const secure = flag(call, 'secure', undefined, ctx);
  const httponly = flag(call, 'httponly', undefined, ctx);
  const samesite = ctx.keyword(call, 'samesite');
  const missing: string[] = [];
  if (secure.state === 'off') missing.push('Secure');
  if (httponly.state === 'off' && kind === 'session') missing.push('HttpOnly');
  const sameSiteNone = samesite.present && typeof samesite.value === 'string' && samesite.value.toLowerCase() === 'none';
  if (missing.length === 0) return;
  const what = kind === 'csrf' ? 'CSRF cookie' : 'session/authentication cookie';
  const extra = sameSiteNone && secure.state === 'off' ? ' (and SameSite=None, which browsers reject without Secure)' : '';
  const fix = [secure.state === 'off' ? 'secure=True' : '', httponly.state === 'off' && kind === 'session' ? 'httponly=True' : '', samesite.present ? '' : 'samesite="Lax"']
    .filter(Boolean)
    .join(', ');
  ctx.report(call, `${method}("${name}") sets a ${what} without ${missing.join(' or ')}${extra}; pass ${fix}.`);
}

/** Settings that weaken the framework's own session, CSRF or remember-me cookies when set to a false value. */
const COOKIE_SETTINGS: Record<string, string> = {
  SESSION_COOKIE_SECURE: 'the session cookie is sent over plain HTTP',
  CSRF_COOKIE_SECURE: 'the CSRF cookie is sent over plain HTTP',
  SESSION_COOKIE_HTTPONLY: 'page scripts (and any XSS) can read the session cookie',
  REMEMBER_COOKIE_SECURE: 'the remember-me cookie is sent over plain HTTP',
  REMEMBER_COOKIE_HTTPONLY: 'page scripts (and any XSS) can read the remember-me cookie',
  JWT_COOKIE_SECURE: 'JWT cookies are sent over plain HTTP',
};

function checkSetting(setting: Setting, ctx: RuleContext): void {
  const effect = COOKIE_SETTINGS[setting.key];
  if (!effect || setting.value === undefined || isTruthy(setting.value) || Array.isArray(setting.value)) return;
  if (isDevelopmentOnly(setting.node, ctx)) return;
  const shown = setting.value === null ? 'None' : setting.value === false ? 'False' : JSON.stringify(setting.value);
  ctx.report(setting.node, `${setting.key} is set to ${shown}, so ${effect}; set it to True in production settings.`);
}

/** Pyramid cookie factories: Secure and HttpOnly are off unless asked for. */
const PYRAMID_FACTORIES: Record<string, { httponly: string }> = {
  'pyramid.session.SignedCookieSessionFactory': { httponly: 'httponly' },
  'pyramid.authentication.AuthTktAuthenticationPolicy': { httponly: 'http_only' },
  'pyramid.authentication.AuthTktCookieHelper': { httponly: 'http_only' },
};

function checkPyramid(call: SyntaxNode, ctx: RuleContext): void {
  const callee = ctx.callee(call);
  const spec = callee !== undefined ? PYRAMID_FACTORIES[callee] : undefined;
  if (!spec) return;
  const secure = flag(call, 'secure', undefined, ctx);
  const httponly = flag(call, spec.httponly, undefined, ctx);
  const missing = [secure.state === 'off' ? 'secure=True' : '', httponly.state === 'off' ? `${spec.httponly}=True` : ''].filter(Boolean);
  if (missing.length === 0 || isDevelopmentOnly(call, ctx)) return;
  ctx.report(call, `${callee!.split('.').pop()}() creates its session/authentication cookie without ${missing.join(' and ')}; pass ${missing.join(', ')}.`);
}

export const insecureCookie = defineRule({
  id: 'insecure-cookie',
  title: 'Session or authentication cookie without Secure or HttpOnly',
  family: 'authentication',
  checklist: ['Authentication and Authorization', 'API Security'],
  level: 'warning',
  securitySeverity: 5.0,
  precision: 'high',
  tier: 'default',
  cwe: [614, 1004, 1275],
  compatible: {},
  docs: {
    whatItDoes:
      'Reports `set_cookie()` / `set_signed_cookie()` / `set_secure_cookie()` calls (Flask/Werkzeug, Django, Starlette/FastAPI, aiohttp, Bottle, Tornado responses) that set a session or authentication cookie without `secure=True`, or without `httponly=True` (not required of CSRF cookies, which page scripts may read); `samesite="None"` without Secure is named in the message. A cookie counts as a session cookie by its name (session, sid, auth, token, jwt, remember, login, csrf…), because it is signed, or because its value is a token (`secrets.token_*()`, `jwt.encode()`, `create_access_token()`, a variable named like a token); a cookie with a non-constant name or flags passed through an unknown `**dict` is left alone. Also reports framework settings set to a false value — Django/Flask `SESSION_COOKIE_SECURE`, `CSRF_COOKIE_SECURE`, `SESSION_COOKIE_HTTPONLY`, Flask-Login `REMEMBER_COOKIE_SECURE`/`REMEMBER_COOKIE_HTTPONLY`, Flask-JWT-Extended `JWT_COOKIE_SECURE` (module constants, config classes, `app.config[...]`, `app.config.update(...)`) — and Pyramid session/auth-ticket cookie factories without `secure`/`httponly`. Development and test settings modules, config classes named for development or tests, and `if DEBUG:` blocks are skipped.',
    whyBad:
      'A session cookie without Secure is sent over any plain-HTTP request (a mistyped URL, a captive portal, a downgrade), where anyone on the network can copy it and take over the session. Without HttpOnly, a single cross-site scripting bug lets page scripts read and exfiltrate the cookie. SameSite=None without Secure is rejected by browsers and, where accepted, sends the cookie on cross-site requests.',
    example:
      'from flask import Flask, make_response\n\napp = Flask(__name__)\n\n@app.route("/login", methods=["POST"])\ndef login():\n    response = make_response("ok")\n    response.set_cookie("session_id", "abc")\n    return response\n',
    useInstead:
      'from flask import Flask, make_response\n\napp = Flask(__name__)\n\n@app.route("/login", methods=["POST"])\ndef login():\n    response = make_response("ok")\n    response.set_cookie("session_id", "abc", secure=True, httponly=True, samesite="Lax")\n    return response\n',
    references: [
      'https://cwe.mitre.org/data/definitions/614.html',
      'https://cwe.mitre.org/data/definitions/1004.html',
      'https://cwe.mitre.org/data/definitions/1275.html',
      'https://developer.mozilla.org/en-US/docs/Web/HTTP/Cookies#restrict_access_to_cookies',
      'https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-secure',
      'https://flask.palletsprojects.com/en/stable/security/#set-cookie-options',
      'https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#cookies',
    ],
  },
  visitors: {
    call(node, ctx) {
      checkSetCookie(node, ctx);
      checkPyramid(node, ctx);
      for (const setting of settingsOfCall(node, ctx)) checkSetting(setting, ctx);
    },
    assignment(node, ctx) {
      const setting = settingOfAssignment(node, ctx);
      if (setting) checkSetting(setting, ctx);
    },
  },
});
