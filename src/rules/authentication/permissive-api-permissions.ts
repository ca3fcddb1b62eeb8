// permissive-api-permissions: Django REST framework endpoints that write data while allowing any caller.
import { nameWords } from '../../analysis/name-words.js';
import { namedChildren, unwrapParentheses } from '../../analysis/syntax.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';
import { dictEntries, isDevelopmentOnly } from '../config-settings.js';

const ALLOW_ANY = 'rest_framework.permissions.AllowAny';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const WRITE_HANDLERS = new Set(['post', 'put', 'patch', 'delete', 'create', 'update', 'partial_update', 'destroy', 'perform_create', 'perform_update', 'perform_destroy']);
/** DRF views and mixins that provide write handlers. */
const WRITING_BASES = /(^|\.)(ModelViewSet|CreateAPIView|UpdateAPIView|DestroyAPIView|ListCreateAPIView|RetrieveUpdateAPIView|RetrieveDestroyAPIView|RetrieveUpdateDestroyAPIView|CreateModelMixin|UpdateModelMixin|DestroyModelMixin)$/;
/** Endpoints that must be reachable without an account. */
const PUBLIC_WORDS = new Set([
  'login', 'logon', 'signin', 'logout', 'signout', 'register', 'registration', 'signup', 'token', 'tokens', 'jwt', 'refresh',
  'obtain', 'health', 'healthz', 'healthcheck', 'ping', 'heartbeat', 'status', 'readiness', 'liveness', 'reset', 'forgot',
  'verify', 'verification', 'activate', 'activation', 'confirm', 'confirmation', 'public', 'captcha', 'webhook', 'webhooks',
  'callback', 'oauth', 'sso', 'saml', 'otp', 'invite', 'invitation', 'contact', 'feedback', 'subscribe', 'unsubscribe',
  'newsletter', 'csp', 'telemetry',
]);

function isPublicName(name: string | undefined): boolean {
  return name !== undefined && nameWords(name).some((w) => PUBLIC_WORDS.has(w));
}

/** The permission list allows anyone: every entry is AllowAny, or it is empty. */
function allowsAnyone(node: SyntaxNode | undefined, ctx: RuleContext): 'AllowAny' | 'empty' | undefined {
  const n = unwrapParentheses(node);
  if (!n || (n.type !== 'list' && n.type !== 'tuple')) return undefined;
  const items = namedChildren(n);
  if (items.length === 0) return 'empty';
  return items.every((i) => ctx.qualifiedName(i) === ALLOW_ANY || ctx.qualifiedName(i) === `${ALLOW_ANY}()`) ? 'AllowAny' : undefined;
}

function methodNames(node: SyntaxNode | undefined, ctx: RuleContext): string[] | undefined {
  if (!node) return undefined;
  const value = ctx.constantValue(node);
  if (!Array.isArray(value) || !value.every((m) => typeof m === 'string')) return undefined;
  return (value as string[]).map((m) => m.toUpperCase());
}

/** A class view writes: it defines a write handler or an `@action(methods=[...])` with a write method, or inherits from a writing DRF view. */
function classWrites(cls: SyntaxNode, ctx: RuleContext): boolean {
  for (const statement of namedChildren(cls.childForFieldName('body'))) {
    const def = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (def?.type !== 'function_definition') continue;
    if (WRITE_HANDLERS.has(def.childForFieldName('name')?.text ?? '')) return true;
    if (statement.type !== 'decorated_definition') continue;
    for (const d of namedChildren(statement).filter((c) => c.type === 'decorator')) {
      const call = namedChildren(d)[0];
      if (call?.type !== 'call' || !/^rest_framework\.decorators\.(action|detail_route|list_route)$/.test(ctx.callee(call) ?? '')) continue;
      const methods = methodNames(ctx.keyword(call, 'methods').node, ctx);
      if (methods?.some((m) => !SAFE_METHODS.has(m))) return true;
    }
  }
  const name = cls.childForFieldName('name');
  return !!name && (ctx.baseClassNames(name) ?? []).some((b) => b.startsWith('rest_framework.') && WRITING_BASES.test(b));
}

const ADVICE = 'require authentication (IsAuthenticated, IsAuthenticatedOrReadOnly or an object-level permission) for endpoints that change data';

function checkClassAttribute(assignment: SyntaxNode, ctx: RuleContext): void {
  const left = assignment.childForFieldName('left');
  if (left?.type !== 'identifier' || left.text !== 'permission_classes') return;
  const block = assignment.parent?.parent;
  const cls = block?.type === 'block' && block.parent?.type === 'class_definition' ? block.parent : undefined;
  if (!cls) return;
  const found = allowsAnyone(assignment.childForFieldName('right') ?? undefined, ctx);
  if (!found) return;
  // An empty list only means "no checks" on a DRF view.
  const name = cls.childForFieldName('name');
  const bases = name ? (ctx.baseClassNames(name) ?? []) : [];
  if (found === 'empty' && !bases.some((b) => b.startsWith('rest_framework.'))) return;
  if (isPublicName(name?.text) || !classWrites(cls, ctx)) return;
  const what = found === 'empty' ? 'an empty permission_classes' : 'permission_classes = [AllowAny]';
  ctx.report(assignment, `${name?.text ?? 'This view'} has ${what} but accepts writes, so anonymous callers can change data; ${ADVICE}.`);
}

function checkDecorator(decorator: SyntaxNode, ctx: RuleContext): void {
  const call = namedChildren(decorator)[0];
  if (call?.type !== 'call' || ctx.callee(call) !== 'rest_framework.decorators.permission_classes') return;
  const found = allowsAnyone(ctx.argument(call, 0, 'permission_classes'), ctx);
  if (!found) return;
  const definition = decorator.parent?.type === 'decorated_definition' ? decorator.parent : undefined;
  const fn = definition?.childForFieldName('definition');
  if (!definition || !fn || isPublicName(fn.childForFieldName('name')?.text)) return;
  // `@api_view()` alone serves GET only; the listed methods decide.
  let writes = false;
  for (const d of namedChildren(definition).filter((c) => c.type === 'decorator')) {
    const expr = namedChildren(d)[0];
    if (expr?.type !== 'call' || ctx.callee(expr) !== 'rest_framework.decorators.api_view') continue;
    const arg = ctx.argument(expr, 0, 'http_method_names');
    const methods = arg ? methodNames(arg, ctx) : ['GET'];
    writes = methods === undefined || methods.some((m) => !SAFE_METHODS.has(m));
  }
  if (!writes) return;
  ctx.report(decorator, `${fn.childForFieldName('name')?.text ?? 'This view'} allows any caller (@permission_classes([AllowAny])) but accepts writes; ${ADVICE}.`);
}

/** `REST_FRAMEWORK = {"DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"]}` */
function checkSettings(assignment: SyntaxNode, ctx: RuleContext): void {
  const left = assignment.childForFieldName('left');
  if (left?.type !== 'identifier' || left.text !== 'REST_FRAMEWORK' || assignment.parent?.parent?.type !== 'module') return;
  const entry = dictEntries(assignment.childForFieldName('right'), ctx)?.find((e) => e.key === 'DEFAULT_PERMISSION_CLASSES');
  if (!entry) return;
  const value = ctx.constantValue(entry.value);
  if (!Array.isArray(value)) return;
  const open = value.length === 0 || value.every((v) => v === ALLOW_ANY);
  if (!open || isDevelopmentOnly(assignment, ctx)) return;
  const what = value.length === 0 ? 'is empty' : 'is AllowAny';
  ctx.report(entry.node, `DEFAULT_PERMISSION_CLASSES ${what}, so every API view without its own permission_classes lets anonymous callers read and write; set a default such as "rest_framework.permissions.IsAuthenticated" and open public endpoints explicitly.`);
}

export const permissiveApiPermissions = defineRule({
  id: 'permissive-api-permissions',
  title: 'API endpoint that writes data allows any caller',
  family: 'authentication',
  checklist: ['Authentication and Authorization', 'API Security'],
  level: 'warning',
  securitySeverity: 6.5,
  precision: 'medium',
  tier: 'extended',
  cwe: [862],
  compatible: {},
  docs: {
    whatItDoes:
      'Reports Django REST framework views that accept writes while allowing anyone: `permission_classes = [AllowAny]` (or an empty list) on a view that defines `post`/`put`/`patch`/`delete`/`create`/`update`/`destroy`, an `@action` with a write method, or inherits from a writing view (`ModelViewSet`, `CreateAPIView`, `ListCreateAPIView`, the create/update/destroy mixins…); `@permission_classes([AllowAny])` on an `@api_view` that accepts a non-GET method; and `DEFAULT_PERMISSION_CLASSES` set to AllowAny or empty in the `REST_FRAMEWORK` settings. Read-only views, `IsAuthenticatedOrReadOnly`, and endpoints whose name says they must be public (login, register, token, password reset, verification, health, webhook…) are not reported.',
    whyBad:
      'AllowAny turns off every permission check for the view: an anonymous caller can create, change or delete records through it. Because the permission is stated once on the class, the problem is easy to miss when a read-only view later gains a write method or a base class with one.',
    example:
      'from rest_framework import viewsets\nfrom rest_framework.permissions import AllowAny\n\nclass OrderViewSet(viewsets.ModelViewSet):\n    permission_classes = [AllowAny]\n',
    useInstead:
      'from rest_framework import viewsets\nfrom rest_framework.permissions import IsAuthenticated\n\nclass OrderViewSet(viewsets.ModelViewSet):\n    permission_classes = [IsAuthenticated]\n',
    references: [
      'https://cwe.mitre.org/data/definitions/862.html',
      'https://www.django-rest-framework.org/api-guide/permissions/',
      'https://owasp.org/API-Security/editions/2023/en/0xa5-broken-function-level-authorization/',
    ],
  },
  visitors: {
    assignment(node, ctx) {
      checkClassAttribute(node, ctx);
      checkSettings(node, ctx);
    },
    decorator(node, ctx) {
      checkDecorator(node, ctx);
    },
  },
});
