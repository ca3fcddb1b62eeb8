// plaintext-password-comparison: a submitted password compared with `==` to the stored one.
import { equalityOperands } from '../../analysis/comparisons.js';
import { passwordOrigin, type PasswordOrigin } from '../../analysis/password-values.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

function origin(node: SyntaxNode, ctx: RuleContext): PasswordOrigin | undefined {
  if (ctx.constantValue(node) !== undefined) return undefined;
  return passwordOrigin(node, { callee: (c) => ctx.callee(c), boundValues: (id) => ctx.boundValues(id), stringValue: (n) => ctx.stringValue(n) });
}

export const plaintextPasswordComparison = defineRule({
  id: 'plaintext-password-comparison',
  title: 'Submitted password compared with the stored password using ==',
  family: 'authentication',
  checklist: ['Authentication and Authorization'],
  level: 'warning',
  securitySeverity: 6.5,
  precision: 'medium',
  tier: 'default',
  cwe: [256, 208],
  compatible: {},
  docs: {
    whatItDoes:
      'Reports `==` and `!=` between a password the user supplied (a request or form field, `getpass.getpass()`, a parameter or variable named for a password) and the password the application keeps (an account\'s `.password` attribute, a database row\'s `password` column, a name such as `stored_password`, a configured password): `user.password == request.form["password"]`, `if password != row["password"]`. Comparisons of two submitted values (a password and its confirmation), with constants, `None` or lengths are not reported.',
    whyBad:
      'Comparing the submitted password with the stored one directly means the stored one is the plaintext password, so anyone who reads the database reads every password. The comparison itself also stops at the first differing character, which leaks through response times how much of a guess was right.',
    example:
      'from flask import request\n\ndef login(user):\n    if user.password == request.form["password"]:\n        return "welcome"\n    return "denied"\n',
    useInstead:
      'from flask import request\nfrom werkzeug.security import check_password_hash\n\ndef login(user):\n    if check_password_hash(user.password_hash, request.form["password"]):\n        return "welcome"\n    return "denied"\n',
    references: [
      'https://cwe.mitre.org/data/definitions/256.html',
      'https://cwe.mitre.org/data/definitions/208.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html',
      'https://docs.djangoproject.com/en/stable/topics/auth/passwords/#django.contrib.auth.hashers.check_password',
    ],
  },
  visitors: {
    comparison_operator(node, ctx) {
      const cmp = equalityOperands(node);
      if (!cmp) return;
      const a = origin(cmp.left, ctx);
      const b = a ? origin(cmp.right, ctx) : undefined;
      if (!a || !b) return;
      // One side is the kept password (or `self.password` of the object doing the check), the other a submitted one.
      const pair = [
        [a, b],
        [b, a],
      ].find(([k, s]) => s!.role === 'supplied' && k!.role === 'stored') ?? [
        [a, b],
        [b, a],
      ].find(([k, s]) => s!.role === 'supplied' && k!.role === 'unknown');
      if (!pair) return;
      const [kept, sub] = pair as [PasswordOrigin, PasswordOrigin];
      ctx.report(node, `${sub.description.charAt(0).toUpperCase()}${sub.description.slice(1)} is compared with ${kept.description} using ${cmp.operator}, which means the password is kept in plaintext; store a password hash and check it with a verify function (check_password(), bcrypt.checkpw(), passlib's verify()).`);
    },
  },
});
