// hardcoded-framework-secret-key: Django/Flask SECRET_KEY, Starlette session and JWT signing keys written as literals.
import { ENV_FALLBACKS } from '../../analysis/literal-binding.js';
import { nameWords } from '../../analysis/name-words.js';
import { secretName } from '../../analysis/secret-names.js';
import { isPlaceholderValue, maskSecret, notASecret } from '../../analysis/secret-values.js';
import { isSettingsModule } from '../../analysis/settings-module.js';
import { namedChildren, unwrapParentheses as unwrap } from '../../analysis/syntax.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';
import { isDevelopmentOnly, settingOfAssignment, settingsOfCall, type Setting } from '../config-settings.js';
import { jwtArgument, jwtCall } from '../jwt-apis.js';

/** Settings that hold a framework's signing secret, and what to call them in messages. */
const SECRET_SETTINGS: Record<string, string> = {
  SECRET_KEY: 'framework SECRET_KEY',
  SECRET_KEY_FALLBACKS: 'SECRET_KEY_FALLBACKS entry',
  JWT_SECRET_KEY: 'JWT_SECRET_KEY (Flask-JWT-Extended signing key)',
  WTF_CSRF_SECRET_KEY: 'WTF_CSRF_SECRET_KEY',
  SECURITY_PASSWORD_SALT: 'SECURITY_PASSWORD_SALT (Flask-Security HMAC salt)',
};

const WEB_FRAMEWORKS = ['django', 'flask', 'quart', 'fastapi', 'starlette', 'sanic', 'falcon', 'pyramid', 'bottle', 'tornado', 'aiohttp', 'flask_jwt_extended'];

/** Signing-key constructors: itsdangerous serializers and signers, aiohttp-session cookie storages. */
const SIGNERS = /^(itsdangerous(\.\w+)*\.(URLSafeTimedSerializer|URLSafeSerializer|TimedSerializer|Serializer|Signer|TimestampSigner|JSONWebSignatureSerializer|TimedJSONWebSignatureSerializer)|aiohttp_session(\.\w+)*\.(EncryptedCookieStorage|NaClCookieStorage))$/;
const SESSION_MIDDLEWARE = /^starlette\.middleware\.sessions\.SessionMiddleware$/;

const KEY_NAME = secretName('SECRET_KEY')!;

/** The string-literal expressions a value may be: the literal, both branches of `a if c else b`, `getenv(...) or "…"`, `getenv("X", "…")`, list items. */
function candidates(node: SyntaxNode | null | undefined, ctx: RuleContext, out: SyntaxNode[] = [], depth = 0): SyntaxNode[] {
  if (!node || depth > 6) return out;
  const n = unwrap(node);
  switch (n.type) {
    case 'string':
    case 'concatenated_string':
    case 'binary_operator':
    case 'identifier':
      if (ctx.stringValue(n) !== undefined) out.push(n);
      break;
    case 'call': {
      const callee = ctx.callee(n);
      const spec = callee !== undefined ? ENV_FALLBACKS[callee] : undefined;
      if (spec) candidates(ctx.argument(n, spec.position, spec.keyword), ctx, out, depth + 1);
      else if (ctx.stringValue(n) !== undefined) out.push(n); // "…".encode(), str("…")
      break;
    }
    case 'conditional_expression': {
      const [whenTrue, , whenFalse] = n.namedChildren;
      candidates(whenTrue, ctx, out, depth + 1);
      candidates(whenFalse, ctx, out, depth + 1);
      break;
    }
    case 'boolean_operator':
      if (n.childForFieldName('operator')?.type === 'or') {
        candidates(n.childForFieldName('left'), ctx, out, depth + 1);
        candidates(n.childForFieldName('right'), ctx, out, depth + 1);
      }
      break;
    case 'list':
    case 'tuple':
      for (const el of namedChildren(n)) candidates(el, ctx, out, depth + 1);
      break;
    default:
      break;
  }
  return out;
}

function check(ctx: RuleContext, what: string, value: SyntaxNode | null | undefined, fix: string): void {
  for (const literal of candidates(value, ctx)) {
    const text = ctx.stringValue(literal);
    if (text === undefined || text.includes('-----BEGIN')) continue;
    if (isPlaceholderValue(text) || notASecret(text, KEY_NAME) !== undefined) continue;
    const development = isDevelopmentOnly(literal, ctx);
    const message = `Hard-coded ${what} ("${maskSecret(text)}"); ${fix}.`;
    if (development) ctx.report(literal, message, { level: 'note', levelReason: 'development or test configuration' });
    else ctx.report(literal, message);
  }
}

const FIX = 'load it from the environment or a secret manager so that every deployment has its own secret and it can be rotated';

/** A module constant or config-class attribute counts as a framework setting in settings/config modules and in framework code. */
function isFrameworkSetting(setting: Setting, ctx: RuleContext): boolean {
  if (setting.where === 'config') return true;
  if (ctx.settingsModule().django || isSettingsModule(ctx.path)) return true;
  const stem = ctx.path.replace(/^.*\//, '').replace(/\.pyi?$/, '').toLowerCase();
  if (/^(config|configs|conf|configuration|settings|app_config|default_settings|instance_config)$/.test(stem)) return true;
  if (WEB_FRAMEWORKS.some((m) => ctx.importsModule(m))) return true;
  if (setting.where === 'class') {
    let cls: SyntaxNode | null = setting.node.parent;
    while (cls && cls.type !== 'class_definition') cls = cls.parent;
    const name = cls?.childForFieldName('name')?.text ?? '';
    return nameWords(name).some((w) => w === 'config' || w === 'settings' || w === 'conf');
  }
  return false;
}

function checkSetting(setting: Setting, ctx: RuleContext): void {
  const what = SECRET_SETTINGS[setting.key];
  if (!what || !setting.valueNode || !isFrameworkSetting(setting, ctx)) return;
  check(ctx, what, setting.valueNode, FIX);
}

/** `app.secret_key = …` on a Flask or Quart application. */
function isAppSecretKey(target: SyntaxNode, ctx: RuleContext): boolean {
  if (target.type !== 'attribute' || target.childForFieldName('attribute')?.text !== 'secret_key') return false;
  const object = target.childForFieldName('object');
  if (!object) return false;
  const qualified = ctx.qualifiedName(object);
  if (qualified !== undefined && /^(flask\.Flask|quart\.Quart|flask\.current_app|quart\.current_app)(\(\))?$/.test(qualified)) return true;
  const id = object.type === 'attribute' ? object.childForFieldName('attribute') : object;
  if (id?.type !== 'identifier') return false;
  const last = nameWords(id.text).at(-1);
  return last !== undefined && /^(\w*app|application)$/.test(last) && (ctx.importsModule('flask') || ctx.importsModule('quart'));
}

export const hardcodedFrameworkSecretKey = defineRule({
  id: 'hardcoded-framework-secret-key',
  title: 'Hard-coded framework secret key or token signing key',
  family: 'secrets',
  checklist: ['Sensitive Data Handling', 'Authentication and Authorization'],
  level: 'error',
  securitySeverity: 8.5,
  precision: 'high',
  tier: 'default',
  cwe: [798, 321],
  compatible: { bandit: ['B105'], ruff: ['S105'] },
  supersedes: ['hardcoded-password', 'hardcoded-high-entropy-secret'],
  docs: {
    whatItDoes:
      'Reports signing secrets of web frameworks written as constants: Django `SECRET_KEY` and `SECRET_KEY_FALLBACKS` in settings modules, Flask `SECRET_KEY` in config modules and classes, `app.secret_key = …`, `app.config["SECRET_KEY"] = …`, `app.config.update(SECRET_KEY=…)` and `from_mapping`, `JWT_SECRET_KEY`, `WTF_CSRF_SECRET_KEY` and `SECURITY_PASSWORD_SALT`, Starlette/FastAPI `SessionMiddleware(secret_key=…)` (also through `add_middleware` and `Middleware`), itsdangerous serializers and signers, aiohttp-session cookie storages, and keys passed to PyJWT, python-jose and Authlib `encode`/`decode`. Values held in module constants and literal fallbacks of `os.environ.get("SECRET_KEY", "…")` count; placeholders (`"change-me"`, `"<secret>"`, `"${SECRET_KEY}"`) and PEM keys (another rule) do not. In development or test settings (`settings/dev.py`, `local_settings.py`, `DevelopmentConfig`, `if DEBUG:`) the finding is a note.',
    whyBad:
      'The framework secret signs session cookies, password-reset links, CSRF tokens and JWTs. Anyone who knows it can forge a session for any user, including administrators, and with some serializers turn a forged cookie into code execution. A key in the source is known to everyone with access to the repository and is usually shared by every deployment built from it.',
    example: 'from flask import Flask\n\napp = Flask(__name__)\napp.config["SECRET_KEY"] = "p8Zq2vLr5XkN9sTb"\n',
    useInstead: 'import os\nfrom flask import Flask\n\napp = Flask(__name__)\napp.config["SECRET_KEY"] = os.environ["FLASK_SECRET_KEY"]\n',
    references: [
      'https://cwe.mitre.org/data/definitions/798.html',
      'https://docs.djangoproject.com/en/stable/ref/settings/#secret-key',
      'https://flask.palletsprojects.com/en/stable/config/#SECRET_KEY',
      'https://www.starlette.io/middleware/#sessionmiddleware',
      'https://pyjwt.readthedocs.io/en/stable/api.html',
    ],
  },
  visitors: {
    assignment(node, ctx) {
      // A plain name is only a secret setting under one of the SECRET_SETTINGS names.
      const target = node.childForFieldName('left');
      if (target?.type === 'identifier' && !Object.hasOwn(SECRET_SETTINGS, target.text)) return;
      const setting = settingOfAssignment(node, ctx);
      if (setting) {
        checkSetting(setting, ctx);
        return;
      }
      const left = node.childForFieldName('left');
      if (left && isAppSecretKey(left, ctx)) check(ctx, 'Flask secret_key', node.childForFieldName('right'), FIX);
    },
    call(node, ctx) {
      for (const setting of settingsOfCall(node, ctx)) checkSetting(setting, ctx);
      const jwt = jwtCall(node, ctx);
      if (jwt?.key) {
        check(ctx, `JWT signing key passed to ${jwt.shown}`, jwtArgument(node, jwt.key, ctx), 'load the key at run time from the environment or a secret manager, and rotate it');
        return;
      }
      const callee = ctx.callee(node);
      if (callee !== undefined && SIGNERS.test(callee)) {
        check(ctx, `signing key passed to ${callee.replace(/^.*\./, '')}()`, ctx.argument(node, 0, 'secret_key'), FIX);
        return;
      }
      // Only a `secret_key=` keyword can be reported, so resolve the middleware name for calls that pass one.
      const secretKey = ctx.arguments(node).keywords.get('secret_key');
      if (!secretKey) return;
      const middleware = (callee !== undefined && SESSION_MIDDLEWARE.test(callee)) || ctx.arguments(node).positional.slice(0, 1).some((a) => SESSION_MIDDLEWARE.test(ctx.qualifiedName(a) ?? ''));
      if (middleware) check(ctx, 'session secret_key passed to SessionMiddleware', secretKey, FIX);
    },
  },
});
