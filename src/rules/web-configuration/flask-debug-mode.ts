// flask-debug-mode: a Flask application run or configured with debug mode on (the Werkzeug debugger).
import { isDict, isTruthy, type ConstValue } from '../../analysis/constants.js';
import { nameWords } from '../../analysis/name-words.js';
import type { ReportOptions, RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';
import { isDevelopmentOnly } from '../config-settings.js';

type AppKind = 'flask' | 'dash' | 'socketio';

/** Objects known to be (or wrap) a Flask application. */
const APP_TYPES: Record<string, AppKind> = {
  'flask.Flask()': 'flask',
  'flask.current_app': 'flask',
  'dash.Dash()': 'dash',
  'flask_socketio.SocketIO()': 'socketio',
};

/** Where `debug` and `host` sit positionally in each `run` signature. */
const RUN_SIGNATURES: Record<AppKind, { methods: string[]; debug?: number; host?: number }> = {
  flask: { methods: ['run'], debug: 2, host: 0 },
  dash: { methods: ['run', 'run_server'], debug: 3, host: 0 },
  socketio: { methods: ['run'], host: 1 },
};

/** Every method name of RUN_SIGNATURES: other calls are not server runs, whatever their receiver. */
const RUN_METHODS = new Set(Object.values(RUN_SIGNATURES).flatMap((s) => s.methods));

/** Frameworks whose `app.run(debug=…)` is not Flask's: a name that resolves into them is never taken for a Flask app. */
const OTHER_FRAMEWORKS = ['fastapi', 'starlette', 'sanic', 'quart', 'aiohttp', 'tornado', 'bottle', 'django', 'falcon', 'uvicorn', 'hypercorn', 'gunicorn', 'socketio', 'streamlit', 'gradio', 'celery', 'litestar', 'pyramid', 'cherrypy', 'web'];

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\]|0:0:0:0:0:0:0:1)$/i;

function isOtherFramework(qualified: string): boolean {
  const root = qualified.split('.')[0]!;
  return OTHER_FRAMEWORKS.includes(root);
}

/** `app`, `flask_app`, `webapp`, `self.application`: the last word of the name is app/application. */
function isAppLikeName(node: SyntaxNode): boolean {
  const id = node.type === 'attribute' ? node.childForFieldName('attribute') : node;
  if (!id || id.type !== 'identifier') return false;
  const words = nameWords(id.text);
  const last = words[words.length - 1];
  return last !== undefined && /^(\w*app|application)$/.test(last);
}

/** What kind of Flask-based application an expression is, if any. */
function appKind(receiver: SyntaxNode, ctx: RuleContext): AppKind | undefined {
  const qualified = ctx.qualifiedName(receiver);
  if (qualified !== undefined) {
    const known = APP_TYPES[qualified];
    if (known) return known;
    if (isOtherFramework(qualified)) return undefined;
    // `app = create_app()`: the application-factory convention of the Flask docs.
    if (/(^|\.)(create|make)_app\(\)$/.test(qualified)) return 'flask';
  }
  const importsFlask = ctx.importsModule('flask') || ctx.importsModule('flask_socketio');
  return importsFlask && isAppLikeName(receiver) ? 'flask' : undefined;
}

/** `app.config` of a Flask application. */
function isAppConfig(node: SyntaxNode | null | undefined, ctx: RuleContext): boolean {
  if (!node || node.type !== 'attribute' || node.childForFieldName('attribute')?.text !== 'config') return false;
  const object = node.childForFieldName('object');
  return object !== null && appKind(object, ctx) === 'flask';
}

/** Flask's reading of FLASK_DEBUG: set, and not "0", "false" or "no". */
function isDebugEnvValue(value: ConstValue | undefined): boolean {
  if (typeof value !== 'string') return value !== undefined && value !== null && isTruthy(value);
  return value !== '' && !['0', 'false', 'no'].includes(value.toLowerCase());
}

/** Config keys that turn debug mode on, with the value that does it. */
function debugSetting(key: string, value: ConstValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (key === 'DEBUG' && isTruthy(value)) return 'DEBUG';
  if (key === 'ENV' && value === 'development') return "ENV='development'";
  return undefined;
}

function envSetting(key: string, value: ConstValue | undefined): string | undefined {
  if (key === 'FLASK_DEBUG' && isDebugEnvValue(value)) return 'FLASK_DEBUG';
  if (key === 'FLASK_ENV' && value === 'development') return "FLASK_ENV='development'";
  return undefined;
}

/**
 * Settings made inside `if __name__ == "__main__":` only affect local script runs; whether the server is exposed is
 * unknown there. Settings for development or tests only (`config/dev.py`, `local_settings.py`, a `DevelopmentConfig`
 * class, an `if app.debug:` branch) are notes.
 */
function guardLevel(node: SyntaxNode, ctx: RuleContext): ReportOptions {
  if (isDevelopmentOnly(node, ctx)) return { level: 'note' };
  return ctx.isUnderMainGuard(node) ? { level: 'warning' } : {};
}

const ADVICE = 'leave it off in code and turn it on only for local development, e.g. with `flask run --debug`';

function reportSetting(node: SyntaxNode, setting: string, ctx: RuleContext): void {
  const where = isDevelopmentOnly(node, ctx) ? ' in development-only configuration' : '';
  ctx.report(node, `Flask debug mode is switched on in code (${setting})${where}, which exposes the interactive Werkzeug debugger; ${ADVICE}.`, guardLevel(node, ctx));
}

function checkRun(call: SyntaxNode, ctx: RuleContext): void {
  const fn = call.childForFieldName('function');
  if (!fn || fn.type !== 'attribute') return;
  const method = fn.childForFieldName('attribute')?.text;
  const receiver = fn.childForFieldName('object');
  if (!method || !receiver || !RUN_METHODS.has(method)) return;
  const kind = appKind(receiver, ctx);
  if (!kind) return;
  const signature = RUN_SIGNATURES[kind];
  if (!signature.methods.includes(method)) return;
  const args = ctx.arguments(call);
  const keyword = ctx.keyword(call, 'debug');
  let debug: ConstValue | undefined;
  if (keyword.present) debug = keyword.value;
  else if (signature.debug !== undefined && args.positional[signature.debug]) debug = ctx.constantValue(args.positional[signature.debug]);
  if (debug === undefined || !isTruthy(debug)) return;
  // `use_debugger=False` keeps the interactive debugger off even in debug mode.
  const useDebugger = ctx.keyword(call, 'use_debugger');
  if (useDebugger.present && useDebugger.value !== undefined && !isTruthy(useDebugger.value)) return;
  const hostKeyword = ctx.keyword(call, 'host');
  const hostNode = hostKeyword.present ? undefined : signature.host !== undefined ? args.positional[signature.host] : undefined;
  const hostPassed = hostKeyword.present || hostNode !== undefined || hostKeyword.maybeInUnknownSplat;
  const host = hostKeyword.present ? hostKeyword.value : hostNode ? ctx.constantValue(hostNode) : undefined;
  const loopback = !hostPassed || (typeof host === 'string' && LOOPBACK.test(host));
  const local = loopback && ctx.isUnderMainGuard(call);
  const where = local ? ' (a local script run bound to loopback)' : '';
  ctx.report(
    call,
    `${method}() starts the app with debug=True${where}, which serves the interactive Werkzeug debugger and full tracebacks; ${ADVICE}.`,
    local ? { level: 'note' } : {},
  );
}

/** Werkzeug's own entry points to the same debugger: `run_simple(..., use_debugger=True)`, `DebuggedApplication(app, evalex=True)`. */
const WERKZEUG_DEBUGGERS: Record<string, { keyword: string; position: number; host?: number }> = {
  'werkzeug.serving.run_simple': { keyword: 'use_debugger', position: 4, host: 0 },
  'werkzeug.run_simple': { keyword: 'use_debugger', position: 4, host: 0 },
  'werkzeug.debug.DebuggedApplication': { keyword: 'evalex', position: 1 },
  'werkzeug.DebuggedApplication': { keyword: 'evalex', position: 1 },
};

function checkWerkzeug(call: SyntaxNode, ctx: RuleContext): void {
  const callee = ctx.callee(call);
  const spec = callee !== undefined ? WERKZEUG_DEBUGGERS[callee] : undefined;
  if (!spec) return;
  const kw = ctx.keyword(call, spec.keyword);
  const node = kw.present ? undefined : ctx.arguments(call).positional[spec.position];
  const value = kw.present ? kw.value : node ? ctx.constantValue(node) : undefined;
  if (value === undefined || !isTruthy(value)) return;
  let local = false;
  if (spec.host !== undefined) {
    const host = ctx.constantValue(ctx.argument(call, spec.host, 'hostname'));
    local = typeof host === 'string' && LOOPBACK.test(host) && ctx.isUnderMainGuard(call);
  }
  ctx.report(call, `${callee!.split('.').pop()}() enables the interactive Werkzeug debugger (${spec.keyword}=True), which lets any visitor run code in the server; ${ADVICE}.`, local ? { level: 'note' } : {});
}

/** `app.config.update(DEBUG=True)`, `app.config.from_mapping({...})`, `os.environ.update(FLASK_DEBUG="1")`. */
function checkMappingUpdate(call: SyntaxNode, ctx: RuleContext): void {
  const fn = call.childForFieldName('function');
  if (!fn || fn.type !== 'attribute') return;
  const method = fn.childForFieldName('attribute')?.text;
  const object = fn.childForFieldName('object');
  if (!object || (method !== 'update' && method !== 'from_mapping' && method !== 'setdefault')) return;
  const isConfig = (method === 'update' || method === 'from_mapping') && isAppConfig(object, ctx);
  const isEnviron = ctx.qualifiedName(object) === 'os.environ';
  if (!isConfig && !(isEnviron && (method === 'update' || method === 'setdefault'))) return;
  const judge = isConfig ? debugSetting : envSetting;
  const keys = isConfig ? ['DEBUG', 'ENV'] : ['FLASK_DEBUG', 'FLASK_ENV'];
  if (isEnviron && method === 'setdefault') {
    const key = ctx.stringValue(ctx.argument(call, 0, 'key'));
    const setting = key !== undefined ? judge(key, ctx.constantValue(ctx.argument(call, 1, 'default'))) : undefined;
    if (setting) reportSetting(call, setting, ctx);
    return;
  }
  for (const key of keys) {
    const kw = ctx.keyword(call, key);
    let value = kw.present ? kw.value : undefined;
    if (!kw.present) {
      const mapping = ctx.constantValue(ctx.arguments(call).positional[0]);
      if (isDict(mapping) && mapping.has(key)) value = mapping.get(key);
    }
    const setting = judge(key, value);
    if (setting) {
      reportSetting(call, setting, ctx);
      return;
    }
  }
}

export const flaskDebugMode = defineRule({
  id: 'flask-debug-mode',
  title: 'Flask application runs with debug mode enabled',
  family: 'web-configuration',
  checklist: ['Error Handling', 'Best Practices'],
  level: 'error',
  securitySeverity: 7.5,
  precision: 'high',
  tier: 'default',
  cwe: [489, 215],
  compatible: { bandit: ['B201'], ruff: ['S201'] },
  docs: {
    whatItDoes:
      'Reports Flask applications started or configured with debug mode on: `app.run(debug=True)` (also through constants and `**options` dicts, and for Dash and Flask-SocketIO servers), `app.debug = True`, `app.config["DEBUG"] = True`, `app.config.update(DEBUG=True)`, `app.config["ENV"] = "development"`, `FLASK_DEBUG` set in `os.environ`, and the Werkzeug debugger switched on directly (`run_simple(..., use_debugger=True)`, `DebuggedApplication(app, evalex=True)`). The app is recognised by its `flask.Flask(...)` origin, the `create_app()` factory convention, or an app-like name in a file that imports Flask. A `run(debug=True)` inside `if __name__ == "__main__":` that binds only to loopback is reported as a note, and so are settings made only for development or tests (a development settings module such as `config/dev.py` or `local_settings.py`, a `DevelopmentConfig`/`TestingConfig` class, an `if app.debug:` or `if ENV == "development":` branch).',
    whyBad:
      'Debug mode turns on the Werkzeug interactive debugger: any error page lets the visitor run Python code in the server process, protected only by a PIN that can often be derived from information the server leaks. It also shows full tracebacks, source lines and configuration to anyone who triggers an error, and enables the code reloader. A debug flag left in code tends to reach a deployed server sooner or later.',
    example: 'from flask import Flask\n\napp = Flask(__name__)\napp.run(host="0.0.0.0", debug=True)\n',
    useInstead:
      'import os\n\nfrom flask import Flask\n\napp = Flask(__name__)\napp.run(host="0.0.0.0", debug=os.environ.get("FLASK_DEBUG") == "1")\n',
    references: [
      'https://flask.palletsprojects.com/en/stable/debugging/',
      'https://werkzeug.palletsprojects.com/en/stable/debug/',
      'https://cwe.mitre.org/data/definitions/489.html',
      'https://cwe.mitre.org/data/definitions/215.html',
    ],
  },
  visitors: {
    call(node, ctx) {
      checkRun(node, ctx);
      checkMappingUpdate(node, ctx);
      checkWerkzeug(node, ctx);
      if (ctx.callee(node) === 'os.putenv') {
        const key = ctx.stringValue(ctx.argument(node, 0));
        const setting = key !== undefined ? envSetting(key, ctx.constantValue(ctx.argument(node, 1))) : undefined;
        if (setting) reportSetting(node, setting, ctx);
      }
    },
    assignment(node, ctx) {
      const left = node.childForFieldName('left');
      let right = node.childForFieldName('right');
      while (right?.type === 'assignment') right = right.childForFieldName('right');
      if (!left || !right) return;
      // Only `x.debug = …` and `x[key] = …` can be settings: fold the value for those alone.
      const debugAttribute = left.type === 'attribute' && left.childForFieldName('attribute')?.text === 'debug';
      if (!debugAttribute && left.type !== 'subscript') return;
      const value = ctx.constantValue(right);
      if (value === undefined) return;
      if (debugAttribute) {
        const object = left.childForFieldName('object');
        if (object && appKind(object, ctx) === 'flask' && isTruthy(value)) reportSetting(node, 'app.debug = True', ctx);
        return;
      }
      if (left.type !== 'subscript') return;
      const container = left.childForFieldName('value');
      const key = ctx.stringValue(left.childForFieldName('subscript'));
      if (!container || key === undefined) return;
      const setting = isAppConfig(container, ctx) ? debugSetting(key, value) : ctx.qualifiedName(container) === 'os.environ' ? envSetting(key, value) : undefined;
      if (setting) reportSetting(node, setting, ctx);
    },
  },
});
