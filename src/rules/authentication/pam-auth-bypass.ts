// pam-auth-bypass: PAM authentication without the account-management check that follows it.
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

const ADVICE = 'call acct_mgmt() (pam_acct_mgmt) after a successful authenticate and deny access unless it also succeeds';

/** The last name of what a call invokes: `libpam.pam_authenticate(…)` → pam_authenticate, `auth(…)` → auth. */
function calledName(call: SyntaxNode): string | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type === 'identifier') return fn.text;
  if (fn?.type === 'attribute') return fn.childForFieldName('attribute')?.text;
  return undefined;
}

/** The subtree calls pam_acct_mgmt (directly, as a ctypes attribute, or through a name bound to it). */
function checksAccount(scope: SyntaxNode, ctx: RuleContext): boolean {
  return ctx.callsWithin(scope).some((c) => {
    if (calledName(c) === 'pam_acct_mgmt') return true;
    const fn = c.childForFieldName('function');
    if (fn?.type !== 'identifier') return false;
    return (ctx.boundValues(fn) ?? []).some((b) => b.node.type === 'attribute' && b.node.childForFieldName('attribute')?.text === 'pam_acct_mgmt');
  });
}

/** `libpam.pam_authenticate(h, 0)` or `pam_authenticate(h, 0)` where `pam_authenticate = libpam.pam_authenticate` (ctypes). */
function isCtypesAuthenticate(call: SyntaxNode, ctx: RuleContext): boolean {
  const fn = call.childForFieldName('function');
  if (fn?.type === 'attribute') return fn.childForFieldName('attribute')?.text === 'pam_authenticate';
  if (fn?.type === 'identifier') {
    return (ctx.boundValues(fn) ?? []).some((b) => b.node.type === 'attribute' && b.node.childForFieldName('attribute')?.text === 'pam_authenticate');
  }
  return false;
}

export const pamAuthBypass = defineRule({
  id: 'pam-auth-bypass',
  title: 'PAM authentication without an account-management check',
  family: 'authentication',
  checklist: ['Authentication and Authorization'],
  level: 'warning',
  securitySeverity: 8.1,
  precision: 'high',
  tier: 'extended',
  cwe: [285],
  compatible: {},
  docs: {
    whatItDoes:
      'Reports PAM authentication whose result is used without the account-management step: `pam_authenticate` called through ctypes (`libpam.pam_authenticate(handle, 0)`, or a name bound to it) in a file that never calls `pam_acct_mgmt`; a PyPAM `PAM.pam()` object whose `authenticate()` is called but never `acct_mgmt()`. python-pam\'s `pam.authenticate()` / `pam.pam().authenticate()` is reported as a note: releases before 2.0 skip the account check, later ones perform it inside `authenticate()`.',
    whyBad:
      '`pam_authenticate` only proves that the user knows the password (or passed whatever the authentication modules ask). Whether the account may log in now — it may be expired, locked, disabled, outside its allowed hours, or need a new password — is decided by `pam_acct_mgmt`. Skipping it lets disabled or expired accounts in as long as their old credentials still work.',
    example:
      'import PAM\n\ndef login(user, conv):\n    auth = PAM.pam()\n    auth.start("login")\n    auth.set_item(PAM.PAM_USER, user)\n    auth.set_item(PAM.PAM_CONV, conv)\n    auth.authenticate()\n    return True\n',
    useInstead:
      'import PAM\n\ndef login(user, conv):\n    auth = PAM.pam()\n    auth.start("login")\n    auth.set_item(PAM.PAM_USER, user)\n    auth.set_item(PAM.PAM_CONV, conv)\n    auth.authenticate()\n    auth.acct_mgmt()\n    return True\n',
    references: [
      'https://cwe.mitre.org/data/definitions/285.html',
      'https://man7.org/linux/man-pages/man3/pam_acct_mgmt.3.html',
      'https://man7.org/linux/man-pages/man3/pam_authenticate.3.html',
      'https://github.com/FirefighterBlu3/python-pam',
    ],
  },
  visitors: {
    call(node, ctx) {
      const callee = ctx.callee(node);
      // PyPAM: the object created by PAM.pam().
      if (callee === 'PAM.pam') {
        const calls = ctx.methodCallsOn(node);
        const auth = calls.find((c) => calledName(c) === 'authenticate');
        if (auth && !calls.some((c) => calledName(c) === 'acct_mgmt')) {
          ctx.report(auth, `PAM authenticate() is not followed by acct_mgmt(), so expired, locked or disabled accounts are let in; ${ADVICE}.`);
        }
        return;
      }
      // python-pam: authenticate() checks the account itself from version 2.0 on.
      if (callee === 'pam.authenticate' || callee === 'pam.pam().authenticate' || callee === 'pam.pam.authenticate') {
        ctx.report(node, 'python-pam before 2.0 does not call pam_acct_mgmt() in authenticate(), so expired or locked accounts pass; require python-pam>=2.0 (which does) or check the account separately.', {
          level: 'note',
        });
        return;
      }
      if (isCtypesAuthenticate(node, ctx)) {
        // Checked anywhere in the file counts: the two calls are often split over helper functions.
        if (checksAccount(rootOf(node), ctx)) return;
        ctx.report(node, `pam_authenticate() is not followed by pam_acct_mgmt(), so expired, locked or disabled accounts are let in; ${ADVICE}.`);
      }
    },
  },
});

function rootOf(node: SyntaxNode): SyntaxNode {
  let cur = node;
  while (cur.parent) cur = cur.parent;
  return cur;
}
