// csrf-protection-disabled: CSRF checks switched off for state-changing views or for a whole application.
import { isDict, isTruthy, type ConstValue } from '../../analysis/constants.js';
import { namedChildren, unwrapParentheses } from '../../analysis/syntax.js';
import type { ReportOptions, RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';
import { dictEntries, isDevelopmentOnly, settingOfAssignment, settingsOfCall, type Setting } from '../config-settings.js';

const CSRF_EXEMPT = new Set(['django.views.decorators.csrf.csrf_exempt']);
const CSRF_PROTECT = /^flask_wtf(\.csrf)?\.CSRFProtect$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);
const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);
const FLASK_FORMS = new Set(['flask_wtf.FlaskForm', 'flask_wtf.form.FlaskForm', 'flask_wtf.Form']);
const SAFE_ONLY_DECORATORS = new Set(['django.views.decorators.http.require_GET', 'django.views.decorators.http.require_safe']);
const METHOD_LIST_DECORATORS = new Set(['django.views.decorators.http.require_http_methods', 'rest_framework.decorators.api_view']);
/** Django generic views whose own methods change state. */
const WRITING_VIEW = /(Form|Create|Update|Delete|Edit|Deletion|Process|Redirect)View|(^|\.)FormMixin$/;

const isOff = (v: ConstValue | undefined): boolean => v !== undefined && !Array.isArray(v) && !isDict(v) && !isTruthy(v);

/** Upper-case HTTP method names a constant list holds; undefined when not constant. */
function methodNames(node: SyntaxNode | undefined, ctx: RuleContext): string[] | undefined {
  if (!node) return undefined;
  const value = ctx.constantValue(node);
  const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : undefined;
  if (!list || !list.every((m) => typeof m === 'string')) return undefined;
  return (list as string[]).map((m) => m.toUpperCase());
}

function decoratorsOf(definition: SyntaxNode): SyntaxNode[] {
  const parent = definition.parent;
  if (parent?.type !== 'decorated_definition') return [];
  return namedChildren(parent).filter((c) => c.type === 'decorator').map((d) => namedChildren(d)[0]!).filter(Boolean);
}

function decoratorName(expr: SyntaxNode, ctx: RuleContext): string | undefined {
  return ctx.qualifiedName(expr.type === 'call' ? (expr.childForFieldName('function') ?? expr) : expr);
}

/** A DRF view: the decorator is `api_view`, or the class derives from rest_framework. DRF applies its own CSRF check to session-authenticated requests. */
function isDrfView(definition: SyntaxNode, ctx: RuleContext): boolean {
  if (decoratorsOf(definition).some((d) => decoratorName(d, ctx)?.startsWith('rest_framework.'))) return true;
  const cls = definition.type === 'class_definition' ? definition : enclosingClass(definition);
  const name = cls?.childForFieldName('name');
  return !!name && (ctx.baseClassNames(name) ?? []).some((b) => b.startsWith('rest_framework.'));
}

function enclosingClass(node: SyntaxNode): SyntaxNode | undefined {
  const block = node.parent?.type === 'decorated_definition' ? node.parent.parent : node.parent;
  return block?.type === 'block' && block.parent?.type === 'class_definition' ? block.parent : undefined;
}

function methodsOfClass(cls: SyntaxNode): string[] {
  const body = cls.childForFieldName('body');
  return namedChildren(body).flatMap((s) => {
    const def = s.type === 'decorated_definition' ? s.childForFieldName('definition') : s;
    const name = def?.type === 'function_definition' ? def.childForFieldName('name')?.text : undefined;
    return name !== undefined ? [name] : [];
  });
}

/** The class view only reads: it defines no write handler and inherits from no editing view. Unknown counts as writing. */
function classOnlyReads(cls: SyntaxNode, ctx: RuleContext): boolean {
  const methods = methodsOfClass(cls);
  if (methods.some((m) => WRITE_METHODS.has(m))) return false;
  if (!methods.includes('get')) return false;
  const name = cls.childForFieldName('name');
  const bases = name ? ctx.baseClassNames(name) : undefined;
  if (!bases || bases.length === 0) return false;
  return bases.every((b) => b.startsWith('django.views.') && !WRITING_VIEW.test(b));
}

/** The view handles only safe methods: `@require_GET`, `@require_http_methods(["GET"])`, a `get` method of a class view. */
function onlySafeMethods(definition: SyntaxNode, ctx: RuleContext): boolean {
  if (definition.type === 'class_definition') return classOnlyReads(definition, ctx);
  const name = definition.childForFieldName('name')?.text;
  const cls = enclosingClass(definition);
  if (cls && name !== undefined) {
    if (WRITE_METHODS.has(name)) return false;
    if (name === 'get' || name === 'head' || name === 'options') return true;
    if (name === 'dispatch') return classOnlyReads(cls, ctx);
  }
  for (const d of decoratorsOf(definition)) {
    const qualified = decoratorName(d, ctx);
    if (qualified !== undefined && SAFE_ONLY_DECORATORS.has(qualified)) return true;
    if (qualified !== undefined && METHOD_LIST_DECORATORS.has(qualified) && d.type === 'call') {
      const methods = methodNames(ctx.argument(d, 0, qualified.endsWith('api_view') ? 'http_method_names' : 'request_method_list'), ctx);
      if (methods && methods.every((m) => SAFE_METHODS.has(m))) return true;
    }
  }
  return false;
}

/** Header names and checks that mean the view authenticates each request itself (API tokens, webhook signatures). */
const TOKEN_HEADER = /authorization|signature|api[-_]?key|x-[\w-]*token|hmac/i;
const SIGNATURE_CHECK = /(^|\.)(compare_digest|construct_event|verify_signature|verify_webhook|validate_signature|verify_request|check_signature|authenticate_credentials)$/;

/** The view reads an Authorization/signature header or checks a signature: CSRF does not apply to requests that carry their own credentials. */
function authenticatesRequests(definition: SyntaxNode, ctx: RuleContext): boolean {
  for (const call of ctx.callsWithin(definition)) {
    const callee = ctx.callee(call) ?? '';
    const fn = call.childForFieldName('function');
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    if (SIGNATURE_CHECK.test(callee) || (method !== undefined && SIGNATURE_CHECK.test(`.${method}`))) return true;
    const first = ctx.stringValue(ctx.argument(call, 0, undefined));
    if (first !== undefined && TOKEN_HEADER.test(first)) return true;
  }
  return false;
}

function viewLevel(definition: SyntaxNode | undefined, ctx: RuleContext): ReportOptions {
  return definition && authenticatesRequests(definition, ctx) ? { level: 'note' } : {};
}

const VIEW_ADVICE = 'keep the check and send the CSRF token from the client, or authenticate the endpoint with a token or signature instead of cookies';

function checkExemptView(report: SyntaxNode, definition: SyntaxNode, how: string, ctx: RuleContext): void {
  if (onlySafeMethods(definition, ctx) || isDrfView(definition, ctx)) return;
  const cls = definition.type === 'function_definition' ? enclosingClass(definition) : undefined;
  const own = definition.childForFieldName('name')?.text ?? 'view';
  const name = cls ? `${cls.childForFieldName('name')?.text ?? ''}.${own}` : own;
  ctx.report(report, `${how} turns off CSRF protection for ${name}, which accepts state-changing requests; ${VIEW_ADVICE}.`, viewLevel(definition, ctx));
}

/** `csrf.exempt` of a Flask-WTF CSRFProtect. */
function isFlaskWtfExempt(expr: SyntaxNode, ctx: RuleContext): boolean {
  if (expr.type !== 'attribute' || expr.childForFieldName('attribute')?.text !== 'exempt') return false;
  const object = expr.childForFieldName('object');
  const origins = object ? ctx.originCalls(object) : undefined;
  return !!origins && origins.length > 0 && origins.every((o) => CSRF_PROTECT.test(ctx.callee(o) ?? ''));
}

function checkDecorator(decorator: SyntaxNode, ctx: RuleContext): void {
  const expr = namedChildren(decorator)[0];
  const definition = decorator.parent?.type === 'decorated_definition' ? decorator.parent.childForFieldName('definition') : null;
  if (!expr || !definition) return;
  const qualified = ctx.qualifiedName(expr);
  if (qualified !== undefined && CSRF_EXEMPT.has(qualified)) {
    checkExemptView(decorator, definition, '@csrf_exempt', ctx);
    return;
  }
  if (isFlaskWtfExempt(expr, ctx)) {
    const name = definition.childForFieldName('name')?.text ?? 'view';
    ctx.report(decorator, `@csrf.exempt turns off Flask-WTF CSRF protection for ${name}; ${VIEW_ADVICE}.`, viewLevel(definition, ctx));
    return;
  }
  if (expr.type !== 'call') return;
  const callee = ctx.callee(expr);
  if (callee === 'django.utils.decorators.method_decorator') {
    const arg = ctx.argument(expr, 0, 'decorator');
    const decorators = arg && (arg.type === 'list' || arg.type === 'tuple') ? namedChildren(arg) : arg ? [arg] : [];
    if (decorators.some((d) => CSRF_EXEMPT.has(ctx.qualifiedName(d) ?? ''))) checkExemptView(decorator, definition, '@method_decorator(csrf_exempt)', ctx);
    return;
  }
  if (callee === 'pyramid.view.view_config') {
    const require = ctx.keyword(expr, 'require_csrf');
    if (!require.present || !isOff(require.value)) return;
    const methods = methodNames(ctx.keyword(expr, 'request_method').node, ctx);
    if (methods && methods.every((m) => SAFE_METHODS.has(m))) return;
    const name = definition.childForFieldName('name')?.text ?? 'view';
    ctx.report(decorator, `view_config(require_csrf=False) turns off CSRF protection for ${name}; ${VIEW_ADVICE}.`, viewLevel(definition, ctx));
  }
}

const CSRF_MIDDLEWARE = 'django.middleware.csrf.CsrfViewMiddleware';
/** The setting names checkSetting() looks at. */
const CSRF_SETTING_NAMES = new Set(['WTF_CSRF_ENABLED', 'WTF_CSRF_CHECK_DEFAULT', 'MIDDLEWARE', 'MIDDLEWARE_CLASSES']);

/** A complete Django middleware list (it names Django's own middleware) that leaves the CSRF middleware out. */
function middlewareWithoutCsrf(setting: Setting): boolean {
  if (setting.where !== 'module' || (setting.key !== 'MIDDLEWARE' && setting.key !== 'MIDDLEWARE_CLASSES')) return false;
  const list = setting.value;
  if (!Array.isArray(list) || !list.every((m) => typeof m === 'string')) return false;
  const entries = list as string[];
  if (!entries.some((m) => m.startsWith('django.middleware.') || m.startsWith('django.contrib.'))) return false;
  // A project's own CSRF middleware (`myapp.middleware.CsrfViewMiddleware` subclass) still protects.
  return !entries.some((m) => /csrf/i.test(m));
}

function checkSetting(setting: Setting, ctx: RuleContext): void {
  let message: string | undefined;
  if ((setting.key === 'WTF_CSRF_ENABLED' || setting.key === 'WTF_CSRF_CHECK_DEFAULT') && isOff(setting.value)) {
    message = `${setting.key} = False turns off Flask-WTF's CSRF protection for every form and view; leave it on and exempt only endpoints that authenticate with tokens`;
  } else if (middlewareWithoutCsrf(setting)) {
    message = `${setting.key} leaves out ${CSRF_MIDDLEWARE}, so no view is protected against CSRF; add it back (after SessionMiddleware) and exempt only endpoints that authenticate with tokens`;
  }
  if (!message || isDevelopmentOnly(setting.node, ctx)) return;
  ctx.report(setting.node, `${message}.`);
}

/** `class Meta: csrf = False` inside a Flask-WTF form class. */
function checkFormMeta(assignment: SyntaxNode, ctx: RuleContext): void {
  const left = assignment.childForFieldName('left');
  if (left?.type !== 'identifier' || left.text !== 'csrf' || !isOff(ctx.constantValue(assignment.childForFieldName('right')))) return;
  const meta = assignment.parent?.parent?.parent;
  if (meta?.type !== 'class_definition' || meta.childForFieldName('name')?.text !== 'Meta') return;
  const form = enclosingClass(meta);
  const name = form?.childForFieldName('name');
  if (!name || !(ctx.baseClassNames(name) ?? []).some((b) => FLASK_FORMS.has(b))) return;
  ctx.report(assignment, `Meta.csrf = False turns off CSRF protection for the ${name.text} form; leave it on and render form.hidden_tag() in the template.`);
}

function checkCall(call: SyntaxNode, ctx: RuleContext): void {
  if (call.parent?.type === 'decorator') return;
  const callee = ctx.callee(call);
  const fn = call.childForFieldName('function');
  // `path("hook/", csrf_exempt(views.hook))`, `csrf.exempt(api_blueprint)`
  if ((callee !== undefined && CSRF_EXEMPT.has(callee)) || (fn && isFlaskWtfExempt(fn, ctx))) {
    const target = ctx.argument(call, 0, undefined);
    const shown = target && (target.type === 'identifier' || target.type === 'attribute') ? target.text : 'a view';
    ctx.report(call, `${callee !== undefined && CSRF_EXEMPT.has(callee) ? 'csrf_exempt()' : 'csrf.exempt()'} turns off CSRF protection for ${shown}; ${VIEW_ADVICE}.`);
    return;
  }
  const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
  if (method === 'set_default_csrf_options' && ctx.importsModule('pyramid')) {
    const require = ctx.keyword(call, 'require_csrf');
    if (require.present && isOff(require.value) && !isDevelopmentOnly(call, ctx)) {
      ctx.report(call, `set_default_csrf_options(require_csrf=False) turns off Pyramid's CSRF checks for every view; leave them on and exempt only token-authenticated views.`);
    }
    return;
  }
  if (method === 'remove' && fn) {
    const object = unwrapParentheses(fn.childForFieldName('object'));
    const removed = ctx.stringValue(ctx.argument(call, 0, undefined));
    if (object?.type === 'identifier' && /^MIDDLEWARE(_CLASSES)?$/.test(object.text) && removed === CSRF_MIDDLEWARE && !isDevelopmentOnly(call, ctx)) {
      ctx.report(call, `${object.text}.remove() takes ${CSRF_MIDDLEWARE} out, so no view is protected against CSRF; keep it and exempt only endpoints that authenticate with tokens.`);
    }
    return;
  }
  // `MyForm(meta={"csrf": False})` for a Flask-WTF form class.
  const meta = ctx.keyword(call, 'meta');
  if (meta.present && fn) {
    const value = isDict(meta.value) ? meta.value.get('csrf') : (() => {
      const entry = dictEntries(meta.node, ctx)?.find((e) => e.key === 'csrf');
      return entry ? ctx.constantValue(entry.value) : undefined;
    })();
    const bases = ctx.baseClassNames(fn) ?? [];
    const isForm = bases.some((b) => FLASK_FORMS.has(b)) || FLASK_FORMS.has(callee ?? '');
    if (isForm && isOff(value)) ctx.report(call, `meta={"csrf": False} turns off CSRF protection for this form; leave it on and render form.hidden_tag() in the template.`);
  }
  for (const setting of settingsOfCall(call, ctx)) checkSetting(setting, ctx);
}

/** DRF SessionAuthentication subclass whose enforce_csrf does nothing. */
function checkEnforceCsrf(def: SyntaxNode, ctx: RuleContext): void {
  if (def.childForFieldName('name')?.text !== 'enforce_csrf') return;
  const cls = enclosingClass(def);
  const name = cls?.childForFieldName('name');
  if (!name || !(ctx.baseClassNames(name) ?? []).includes('rest_framework.authentication.SessionAuthentication')) return;
  const body = namedChildren(def.childForFieldName('body')).filter((s) => !(s.type === 'expression_statement' && namedChildren(s)[0]?.type === 'string'));
  const trivial = body.every((s) => s.type === 'pass_statement' || (s.type === 'return_statement' && (namedChildren(s).length === 0 || namedChildren(s)[0]!.type === 'none')));
  if (!trivial) return;
  ctx.report(def, `${name.text}.enforce_csrf() skips the CSRF check, so every view using this authentication accepts cross-site requests made with the user's session cookie; keep SessionAuthentication's check or authenticate API clients with tokens.`);
}

export const csrfProtectionDisabled = defineRule({
  id: 'csrf-protection-disabled',
  title: 'CSRF protection disabled',
  family: 'authentication',
  checklist: ['Authentication and Authorization', 'API Security'],
  level: 'warning',
  securitySeverity: 7.1,
  precision: 'high',
  tier: 'default',
  cwe: [352],
  compatible: {},
  docs: {
    whatItDoes:
      'Reports CSRF protection switched off: Django `@csrf_exempt` (also through `method_decorator` on class views and `csrf_exempt(view)` in URL patterns) on views that may change state — views limited to GET/HEAD by `@require_GET`, `@require_safe`, `@require_http_methods([...])` or class views with only a `get` handler are skipped, as are DRF views, which run their own check; Django `MIDDLEWARE` lists without `CsrfViewMiddleware` (and `MIDDLEWARE.remove(...)` of it); Flask-WTF `WTF_CSRF_ENABLED = False` / `WTF_CSRF_CHECK_DEFAULT = False` (module constants, config classes, `app.config`), `@csrf.exempt` / `csrf.exempt(blueprint)`, and forms with `Meta.csrf = False` or `meta={"csrf": False}`; DRF `SessionAuthentication` subclasses whose `enforce_csrf()` does nothing; Pyramid `require_csrf=False`. Views that read an Authorization, API-key or signature header or verify a signature (webhooks) are reported as notes. Development and test settings are skipped.',
    whyBad:
      'Browsers attach cookies to every request to a site, including requests that another site makes them send. Without a CSRF token check, any page the user visits can submit forms or API calls to the application with the user\'s session: changing the email address or password, transferring money, or deleting data.',
    example:
      'from django.http import JsonResponse\nfrom django.views.decorators.csrf import csrf_exempt\n\n@csrf_exempt\ndef update_email(request):\n    request.user.email = request.POST["email"]\n    request.user.save()\n    return JsonResponse({"ok": True})\n',
    useInstead:
      'from django.http import JsonResponse\nfrom django.views.decorators.http import require_POST\n\n@require_POST\ndef update_email(request):\n    request.user.email = request.POST["email"]\n    request.user.save()\n    return JsonResponse({"ok": True})\n',
    references: [
      'https://cwe.mitre.org/data/definitions/352.html',
      'https://docs.djangoproject.com/en/stable/howto/csrf/',
      'https://flask-wtf.readthedocs.io/en/stable/csrf/',
      'https://www.django-rest-framework.org/topics/ajax-csrf-cors/',
      'https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html',
    ],
  },
  visitors: {
    decorator(node, ctx) {
      checkDecorator(node, ctx);
    },
    call(node, ctx) {
      checkCall(node, ctx);
    },
    assignment(node, ctx) {
      // A module or class constant is only read as a setting under one of these names (`csrf` is never a setting).
      const left = node.childForFieldName('left');
      if (left?.type === 'identifier' && !CSRF_SETTING_NAMES.has(left.text)) {
        checkFormMeta(node, ctx);
        return;
      }
      const setting = settingOfAssignment(node, ctx);
      if (setting) checkSetting(setting, ctx);
      else checkFormMeta(node, ctx);
    },
    function_definition(node, ctx) {
      checkEnforceCsrf(node, ctx);
    },
  },
});
