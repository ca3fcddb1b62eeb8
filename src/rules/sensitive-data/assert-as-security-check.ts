// assert-as-security-check: `assert` statements that make an authentication, authorization, ownership or request-validation decision.
import { nameWords } from '../../analysis/name-words.js';
import { secretName } from '../../analysis/secret-names.js';
import { namedChildren, unwrapParentheses } from '../../analysis/syntax.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

const MAX_DEPTH = 12;

/** Predicates (names of flags, properties and functions) that answer "who is this and what may they do". */
const PREDICATES: { pattern: RegExp; what: string }[] = [
  { pattern: /^(is_)?(authenticated|logged_in|anonymous)$/, what: 'authentication' },
  { pattern: /^(check|verify|validate)_(\w+_)?(password|password_hash|credentials|login|otp|totp|mfa)$/, what: 'authentication' },
  { pattern: /^(is_)?(admin|administrator|superuser|staff|moderator|privileged)$/, what: 'authorization' },
  { pattern: /^is_(allowed|permitted|authorized|authorised|member|owner)$/, what: 'authorization' },
  { pattern: /^(authorized|authorised|owns_\w+|is_owned_by)$/, what: 'authorization' },
  { pattern: /^(has|check|verify|validate|require|ensure)_(\w+_)?(perm|perms|permission|permissions|privilege|privileges|role|roles|access|scope|scopes|grant|admin)$/, what: 'authorization' },
  { pattern: /^(user_)?can_(access|edit|view|read|write|delete|modify|update|create|manage|admin|change)(_\w+)?$/, what: 'authorization' },
  { pattern: /^(check|verify|validate)_(\w+_)?(signature|token|csrf|csrf_token|hmac|nonce|jwt)$/, what: 'a signature or token check' },
  { pattern: /(^|_)compare_digest$/, what: 'a signature or token check' },
];

/** Words that make any name about authorization: `user_has_permission`, `is_user_authorized`. */
const AUTHORIZATION_WORDS = new Set(['authenticated', 'authorized', 'authorised', 'permission', 'permissions', 'superuser']);
/** Collections of grants: `"admin" in user.roles`. */
const GRANT_WORDS = new Set(['role', 'roles', 'permission', 'permissions', 'perms', 'scopes', 'privileges', 'grants']);
/** Words that name a proof of identity or integrity in a comparison: `signature == expected`. */
const PROOF_WORDS = new Set(['signature', 'hmac', 'csrf', 'nonce', 'otp', 'totp']);
/** Frameworks' request objects, when imported rather than passed in. */
const REQUEST_OBJECTS = new Set(['flask.request', 'quart.request', 'bottle.request', 'sanic.request']);

/** The name that says what an operand is: `obj.owner_id` → owner_id, `user.get_roles()` → get_roles, `x["k"]` → x. */
function principalName(node: SyntaxNode | null | undefined): string | undefined {
  const n = unwrapParentheses(node);
  if (!n) return undefined;
  switch (n.type) {
    case 'identifier':
      return n.text;
    case 'attribute':
      return n.childForFieldName('attribute')?.text;
    case 'call':
      return principalName(n.childForFieldName('function'));
    case 'subscript':
      return principalName(n.childForFieldName('value'));
    case 'await':
      return principalName(namedChildren(n)[0]);
    default:
      return undefined;
  }
}

function snake(name: string): string {
  return nameWords(name).join('_');
}

function predicateReason(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const key = snake(name);
  for (const p of PREDICATES) if (p.pattern.test(key)) return `${p.what} (${name})`;
  const words = nameWords(name);
  if (words.some((w) => AUTHORIZATION_WORDS.has(w))) return `authorization (${name})`;
  // `is_valid_signature(sig)`, `csrf_ok`: a function or flag about a proof, not the proof value itself.
  if (words.length > 1 && words.some((w) => PROOF_WORDS.has(w))) return `a signature or token check (${name})`;
  return undefined;
}

/** `obj.owner`, `post.user_id`, `doc.created_by`: the name of whoever an object belongs to. */
function isOwnershipName(name: string | undefined): boolean {
  if (name === undefined) return false;
  const words = nameWords(name);
  const tail = words.slice(-2).join('_');
  return words.includes('owner') || words.includes('owners') || ['user_id', 'owner_id', 'author_id', 'created_by', 'account_id'].includes(tail) || snake(name) === 'userid';
}

function isProofName(name: string | undefined): boolean {
  if (name === undefined) return false;
  const secret = secretName(name);
  if (secret && secret.kind !== 'credential') return true;
  return nameWords(name).some((w) => PROOF_WORDS.has(w));
}

/** `request`, `flask.request` (imported), `self.request`: the incoming request object of a web framework. */
function isRequestObject(node: SyntaxNode, ctx: RuleContext): boolean {
  if (node.type === 'identifier') return node.text === 'request' || REQUEST_OBJECTS.has(ctx.qualifiedName(node) ?? '');
  return node.type === 'attribute' && node.childForFieldName('attribute')?.text === 'request' && node.childForFieldName('object')?.type === 'identifier';
}

/** `request.method`, `self.request.data`, `request.args["id"]`: a value read from the incoming request (not the bare object). */
function requestValue(node: SyntaxNode, ctx: RuleContext): string | undefined {
  let cur = node;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const inner = cur.type === 'attribute' ? cur.childForFieldName('object') : cur.type === 'subscript' ? cur.childForFieldName('value') : cur.type === 'call' && cur.id !== node.id ? cur.childForFieldName('function') : null;
    const next = unwrapParentheses(inner);
    if (!next) return undefined;
    if (isRequestObject(next, ctx)) return 'request validation (a value read from the request)';
    cur = next;
  }
  return undefined;
}

function isNoneOrNumber(node: SyntaxNode | undefined, ctx: RuleContext): boolean {
  if (!node) return true;
  const v = ctx.constantValue(node);
  return v === null || typeof v === 'number' || typeof v === 'boolean';
}

function isNoneTest(node: SyntaxNode, ctx: RuleContext): boolean {
  const operators = node.childrenForFieldName('operators').map((o) => o.type);
  const operands = namedChildren(node);
  return operators.length === 1 && (operators[0] === 'is' || operators[0] === 'is not') && operands.some((o) => ctx.constantValue(o) === null);
}

/** A comparison that decides identity or access: ownership, a secret or signature match, membership in a grant list. */
function comparisonReason(node: SyntaxNode, ctx: RuleContext): string | undefined {
  const operands = namedChildren(node);
  const operators = node.childrenForFieldName('operators').map((o) => o.type);
  if (operators.some((op) => ['<', '<=', '>', '>='].includes(op))) return undefined;
  for (let i = 0; i < operands.length; i++) {
    const name = principalName(operands[i]);
    const others = operands.filter((_, j) => j !== i);
    const opposite = others[0];
    if (isOwnershipName(name) && !isNoneOrNumber(opposite, ctx) && ctx.constantValue(opposite) === undefined) return `ownership (${name})`;
    if (isProofName(name) && !isNoneOrNumber(opposite, ctx)) return `a secret or signature comparison (${name})`;
    if (name !== undefined && i > 0 && nameWords(name).some((w) => GRANT_WORDS.has(w)) && operators.some((op) => op === 'in' || op === 'not in')) {
      return `authorization (${name})`;
    }
  }
  return undefined;
}

/** Why an asserted condition is a security decision; undefined for a plain invariant. */
function securityReason(node: SyntaxNode | null | undefined, ctx: RuleContext, depth = 0): string | undefined {
  const n = unwrapParentheses(node);
  if (!n || depth > MAX_DEPTH) return undefined;
  switch (n.type) {
    case 'boolean_operator':
      return securityReason(n.childForFieldName('left'), ctx, depth + 1) ?? securityReason(n.childForFieldName('right'), ctx, depth + 1);
    case 'not_operator':
      return securityReason(n.childForFieldName('argument'), ctx, depth + 1);
    case 'comparison_operator':
      // `x is not None` narrows a type for the checker; removing it only turns a clear error into a later one.
      if (isNoneTest(n, ctx)) return undefined;
      return comparisonReason(n, ctx) ?? firstReason(namedChildren(n), ctx, depth);
    case 'call': {
      const fn = n.childForFieldName('function');
      // An imported alias says nothing; its qualified name does: `check_password as verify_pw`.
      const qualified = fn ? ctx.qualifiedName(fn)?.split('.').pop() : undefined;
      const reason = predicateReason(principalName(fn)) ?? predicateReason(qualified) ?? (fn ? requestValue(fn, ctx) : undefined);
      if (reason) return reason;
      const args = namedChildren(n.childForFieldName('arguments')).map((a) => (a.type === 'keyword_argument' ? a.childForFieldName('value') : a));
      return firstReason(args, ctx, depth) ?? (fn?.type === 'attribute' ? securityReason(fn.childForFieldName('object'), ctx, depth + 1) : undefined);
    }
    case 'attribute':
      return predicateReason(principalName(n)) ?? requestValue(n, ctx) ?? securityReason(n.childForFieldName('object'), ctx, depth + 1);
    case 'subscript':
      return requestValue(n, ctx);
    case 'identifier':
      return predicateReason(n.text);
    case 'await':
      return securityReason(namedChildren(n)[0], ctx, depth + 1);
    default:
      return undefined;
  }
}

function firstReason(nodes: (SyntaxNode | null | undefined)[], ctx: RuleContext, depth: number): string | undefined {
  for (const node of nodes) {
    const reason = securityReason(node, ctx, depth + 1);
    if (reason) return reason;
  }
  return undefined;
}

/** A pytest-style test written outside a tests/ folder: `def test_…` or a method of a `Test…` class. */
function isInTestFunction(node: SyntaxNode, ctx: RuleContext): boolean {
  for (let fn = ctx.enclosingFunction(node); fn; fn = ctx.enclosingFunction(fn)) {
    const name = fn.childForFieldName('name')?.text ?? '';
    if (/^test/.test(name)) return true;
    let holder = fn.parent;
    if (holder?.type === 'decorated_definition') holder = holder.parent;
    const cls = holder?.type === 'block' ? holder.parent : undefined;
    if (cls?.type === 'class_definition' && /^Test/.test(cls.childForFieldName('name')?.text ?? '')) return true;
  }
  return false;
}

export const assertAsSecurityCheck = defineRule({
  id: 'assert-as-security-check',
  title: 'assert used to enforce an authentication, authorization or validation check',
  family: 'sensitive-data',
  checklist: ['Error Handling', 'Authentication and Authorization'],
  level: 'note',
  securitySeverity: 3.7,
  precision: 'medium',
  tier: 'extended',
  cwe: [617],
  compatible: { bandit: ['B101'], ruff: ['S101'] },
  inTestCode: 'silent',
  docs: {
    whatItDoes:
      'Reports `assert` statements in production code whose condition makes a security decision: authentication (`user.is_authenticated`, `check_password(…)`), authorization (`is_admin`, `is_superuser`, `is_staff`, `has_perm(…)`, `"admin" in user.roles`, names mentioning permissions), ownership (`doc.owner == user`, `obj.user_id == current.id`), a token, secret or signature comparison (`signature == expected`, `hmac.compare_digest(…)`), or validation of request data (`request.method == "POST"`, `isinstance(request.json, dict)`). Plain invariants such as `assert isinstance(x, int)` or `assert len(a) == len(b)` are not reported, and test code (tests/ folders, test_*.py, *_test.py, conftest.py, `test_*` functions and `Test*` classes) is never reported.',
    whyBad:
      'Python removes every `assert` statement when it runs with optimisation turned on (`python -O`, or `PYTHONOPTIMIZE` set in the environment, as some container images and deployment tools do). A check written as an assert therefore protects nothing in those deployments: the unauthenticated user, the foreign object or the malformed request passes straight through, and nothing in the code shows that the protection is gone.',
    example: 'def delete_document(request, document):\n    assert request.user.is_authenticated\n    assert document.owner == request.user\n    document.delete()\n',
    useInstead:
      'from django.core.exceptions import PermissionDenied\n\ndef delete_document(request, document):\n    if not request.user.is_authenticated or document.owner != request.user:\n        raise PermissionDenied("not allowed to delete this document")\n    document.delete()\n',
    references: [
      'https://cwe.mitre.org/data/definitions/617.html',
      'https://docs.python.org/3/reference/simple_stmts.html#the-assert-statement',
      'https://docs.python.org/3/using/cmdline.html#cmdoption-O',
    ],
  },
  visitors: {
    assert_statement(node, ctx) {
      if (ctx.isTestFile || isInTestFunction(node, ctx)) return;
      const condition = namedChildren(node)[0];
      const reason = securityReason(condition, ctx);
      if (!reason) return;
      ctx.report(
        node,
        `This assert enforces ${reason}, but Python drops assert statements under -O (PYTHONOPTIMIZE), so the check can vanish in production; raise an explicit exception (e.g. PermissionDenied) instead.`,
      );
    },
  },
});
