// auth-event-not-logged: a login or credential check whose failure branch writes no log record.
import { nameWords } from '../../analysis/name-words.js';
import { isWithin, namedChildren, unwrapParentheses } from '../../analysis/syntax.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

/** Functions and methods that check credentials and return the outcome (a user, True/False). */
const AUTH_CHECKS = new Set([
  'authenticate', 'authenticate_user', 'check_password', 'verify_password', 'check_password_hash', 'checkpw', 'check_credentials', 'verify_credentials', 'validate_credentials', 'check_login', 'verify_login', 'login', 'verify_totp',
]);
/** `verify` checks a password only on a password hasher (passlib, argon2-cffi, a context named for it). */
const HASHER_PREFIXES = ['passlib.', 'argon2.', 'pwdlib.'];
const HASHER_RECEIVER = /pwd|password|passwd|hasher|crypt|ctx|context/i;
/** Words of a call's name that make it an audit record: logging, audit trails, alerts, metrics, signals of failure. */
const RECORD_WORDS = new Set(['log', 'logger', 'logs', 'logging', 'audit', 'alert', 'notify', 'track', 'record', 'emit', 'metric', 'metrics', 'incr', 'increment', 'capture', 'sentry']);
/** Logger methods: a record when called on a logger (not Django's `messages.error()`, which talks to the user). */
const LOGGER_METHODS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'critical', 'exception', 'msg', 'log']);

function callName(call: SyntaxNode, ctx: RuleContext): { name: string; receiver?: SyntaxNode; callee?: string } | undefined {
  const fn = call.childForFieldName('function');
  const callee = ctx.callee(call);
  if (fn?.type === 'attribute') {
    const name = fn.childForFieldName('attribute')?.text;
    const receiver = fn.childForFieldName('object');
    return name ? { name, ...(receiver ? { receiver } : {}), ...(callee ? { callee } : {}) } : undefined;
  }
  const name = callee?.split('.').pop() ?? (fn?.type === 'identifier' ? fn.text : undefined);
  return name ? { name, ...(callee ? { callee } : {}) } : undefined;
}

function isAuthCheck(call: SyntaxNode, ctx: RuleContext): boolean {
  const c = callName(call, ctx);
  if (!c) return false;
  if (AUTH_CHECKS.has(c.name)) return true;
  if (c.name !== 'verify') return false;
  return (c.callee !== undefined && HASHER_PREFIXES.some((p) => c.callee!.startsWith(p))) || HASHER_RECEIVER.test(c.receiver?.text ?? '');
}

/** A call that writes a log or audit record (`logger.warning(…)`, `audit_log(…)`, `user_login_failed.send(…)`). */
function isRecord(call: SyntaxNode, ctx: RuleContext): boolean {
  const c = callName(call, ctx);
  if (!c) return false;
  if (c.callee === 'logging.getLogger' || c.callee === 'structlog.get_logger') return false;
  if (c.callee?.startsWith('logging.') || c.callee?.startsWith('loguru.') || c.callee?.startsWith('structlog.')) return true;
  if (c.callee?.startsWith('django.contrib.messages.')) return false;
  if (LOGGER_METHODS.has(c.name)) return !!c.receiver && /log/i.test(c.receiver.text);
  if (nameWords(c.name).some((w) => RECORD_WORDS.has(w))) return true;
  // Django-style signals: user_login_failed.send(…).
  return (c.name === 'send' || c.name === 'send_robust') && /fail/i.test(c.receiver?.text ?? '');
}

function hasRecord(nodes: readonly SyntaxNode[], ctx: RuleContext): boolean {
  return nodes.some((n) => ctx.callsWithin(n).some((c) => isRecord(c, ctx)));
}

/** The if statement whose condition holds node (within its statement), if any. */
function conditionOf(node: SyntaxNode): { stmt: SyntaxNode; cond: SyntaxNode } | undefined {
  for (let cur: SyntaxNode | null = node.parent; cur; cur = cur.parent) {
    if (cur.type === 'if_statement' || cur.type === 'elif_clause') {
      const cond = cur.childForFieldName('condition');
      return cond && isWithin(node, cond) ? { stmt: cur, cond } : undefined;
    }
    if (cur.type.endsWith('statement') || cur.type === 'block' || cur.type === 'function_definition') return undefined;
  }
  return undefined;
}

/** The condition is true when the check failed: `not ok`, `user is None`, `ok == False`. */
function testsFailure(cond: SyntaxNode): boolean {
  const c = unwrapParentheses(cond);
  if (c.type === 'not_operator') return true;
  if (c.type === 'comparison_operator') {
    const ops = c.childrenForFieldName('operators').map((o) => o.text.replace(/\s+/g, ' '));
    const operands = namedChildren(c);
    const constant = operands.some((o) => o.type === 'none' || o.type === 'false');
    return constant && ops.length === 1 && (ops[0] === 'is' || ops[0] === '==');
  }
  return false;
}

function leaves(block: SyntaxNode | null): boolean {
  const last = namedChildren(block).filter((s) => s.type !== 'comment').pop();
  return !!last && ['return_statement', 'raise_statement', 'continue_statement', 'break_statement'].includes(last.type);
}

/** The code that runs when the check fails, or undefined when it cannot be told apart. */
function failurePath(stmt: SyntaxNode, cond: SyntaxNode): SyntaxNode[] | undefined {
  const ifStmt = stmt.type === 'elif_clause' ? stmt.parent! : stmt;
  const consequence = stmt.childForFieldName('consequence');
  if (testsFailure(cond)) return consequence ? [consequence] : undefined;
  // `if ok: … else: …` — the other branches; `if ok: return …` — what follows the if.
  const others = stmt.type === 'elif_clause' ? [] : ifStmt.childrenForFieldName('alternative');
  if (others.length) return others;
  if (stmt.type === 'if_statement' && leaves(consequence)) {
    const rest: SyntaxNode[] = [];
    for (let s = ifStmt.nextNamedSibling; s; s = s.nextNamedSibling) rest.push(s);
    return rest.length ? rest : undefined;
  }
  return undefined;
}

/** Where the check's outcome is branched on: its own if, or the ifs testing the name it is assigned to. */
function decisions(call: SyntaxNode, ctx: RuleContext): { stmt: SyntaxNode; cond: SyntaxNode }[] {
  const own = conditionOf(call);
  if (own) return [own];
  const parent = call.parent?.type === 'await' ? call.parent.parent : call.parent;
  if (parent?.type !== 'assignment' || parent.childForFieldName('right')?.id !== (call.parent?.type === 'await' ? call.parent.id : call.id)) return [];
  const target = parent.childForFieldName('left');
  if (target?.type !== 'identifier') return [];
  return ctx.references(target).flatMap((r) => conditionOf(r) ?? []);
}

export const authEventNotLogged = defineRule({
  id: 'auth-event-not-logged',
  title: 'Failed authentication not logged',
  family: 'logging',
  checklist: ['Logging and Monitoring', 'Authentication and Authorization'],
  level: 'note',
  securitySeverity: 2.0,
  precision: 'low',
  tier: 'audit',
  cwe: [778],
  compatible: {},
  docs: {
    whatItDoes:
      'Reports functions that check credentials (`authenticate()`, `check_password()`, `verify_password()`, `check_password_hash()`, `bcrypt.checkpw()`, a password hasher’s `verify()`, `login()`) and branch on the outcome, when the branch taken on failure (`if user is None:`, `if not ok:`, the `else` of `if ok:`, or the code after an `if ok: return …`) makes no logging call. Calls to loggers, structlog, loguru, and functions named for logging, auditing, alerts or metrics (`audit_log()`, `record_failed_login()`, `user_login_failed.send()`) count as records. A check whose result is only returned is left to its caller.',
    whyBad:
      'Password guessing, credential stuffing and brute force against one account all show up first as a run of failed logins. If the application does not record them (who, when, from where, never the password), nobody can notice the attack, lock the account, block the source or investigate afterwards.',
    example:
      'from django.contrib.auth import authenticate, login\n\ndef sign_in(request):\n    user = authenticate(request, username=request.POST["user"], password=request.POST["password"])\n    if user is None:\n        return render_error(request)\n    login(request, user)\n',
    useInstead:
      'import logging\nfrom django.contrib.auth import authenticate, login\n\nlogger = logging.getLogger(__name__)\n\ndef sign_in(request):\n    user = authenticate(request, username=request.POST["user"], password=request.POST["password"])\n    if user is None:\n        logger.warning("failed login for %s from %s", request.POST["user"], request.META.get("REMOTE_ADDR"))\n        return render_error(request)\n    login(request, user)\n',
    references: [
      'https://cwe.mitre.org/data/definitions/778.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html#which-events-to-log',
      'https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html',
      'https://docs.djangoproject.com/en/stable/ref/contrib/auth/#django.contrib.auth.signals.user_login_failed',
    ],
  },
  visitors: {
    call(node, ctx) {
      if (!isAuthCheck(node, ctx)) return;
      const fn = ctx.enclosingFunction(node);
      if (!fn) return;
      // One finding per function: the first credential check that is branched on.
      const checks = ctx.callsWithin(fn).filter((c) => isAuthCheck(c, ctx) && decisions(c, ctx).length > 0);
      if (checks[0]?.id !== node.id) return;
      const body = fn.childForFieldName('body');
      for (const { stmt, cond } of decisions(node, ctx)) {
        const path = failurePath(stmt, cond);
        const logged = path ? hasRecord(path, ctx) : !!body && hasRecord([body], ctx);
        if (logged) continue;
        const name = callName(node, ctx)?.name ?? 'the check';
        ctx.report(node, `The outcome of ${name}() decides a login, but the failure branch writes no log record; log failed attempts (account, source address, never the password) so that guessing and credential stuffing can be noticed.`);
        return;
      }
    },
  },
});
