// ssh-host-key-not-verified: Paramiko clients told to accept unknown host keys (AutoAddPolicy, WarningPolicy).
import type { RuleContext } from '../../engine/context.js';
import { defineRule, importsAnyPackage } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

/** Paramiko policies that let a connection go ahead with a host key nobody has seen before. */
const ACCEPTING: Record<string, string> = {
  'paramiko.AutoAddPolicy': 'AutoAddPolicy',
  'paramiko.client.AutoAddPolicy': 'AutoAddPolicy',
  'paramiko.WarningPolicy': 'WarningPolicy',
  'paramiko.client.WarningPolicy': 'WarningPolicy',
};

const SETTERS = new Set(['set_missing_host_key_policy']);

/** The policy class an expression stands for: the class itself, an instance of it, or a local subclass of it. */
function policyName(expr: SyntaxNode, ctx: RuleContext): string | undefined {
  const names = ctx.qualifiedNameCandidates(expr);
  if (names && names.length > 0) {
    const shown = names.map((n) => ACCEPTING[n.replace(/\(\)$/, '')]);
    return shown.every((s) => s !== undefined) ? shown[0] : undefined;
  }
  // A class defined in this file: `class TrustAll(paramiko.AutoAddPolicy)`, used as a class or an instance.
  const classExprs: SyntaxNode[] = [];
  if (expr.type === 'identifier' || expr.type === 'attribute') classExprs.push(expr);
  const origins = expr.type === 'call' ? [expr] : expr.type === 'identifier' ? ctx.originCalls(expr) ?? [] : [];
  for (const call of origins) {
    const fn = call.childForFieldName('function');
    if (fn) classExprs.push(fn);
  }
  for (const cls of classExprs) {
    const bases = ctx.baseClassNames(cls);
    const found = bases?.map((b) => ACCEPTING[b]).find((s) => s !== undefined);
    if (found) return found;
  }
  return undefined;
}

function methodName(call: SyntaxNode): string | undefined {
  const fn = call.childForFieldName('function');
  return fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
}

function message(policy: string): string {
  return `Paramiko's ${policy} connects to servers whose host key is unknown, so a man-in-the-middle goes unnoticed; load known hosts (client.load_system_host_keys()) and keep the default RejectPolicy.`;
}

export const sshHostKeyNotVerified = defineRule({
  id: 'ssh-host-key-not-verified',
  title: 'SSH host key not verified (Paramiko AutoAddPolicy or WarningPolicy)',
  family: 'cryptography',
  checklist: ['API Security', 'Cryptography'],
  level: 'error',
  securitySeverity: 7.5,
  precision: 'high',
  tier: 'default',
  cwe: [295],
  compatible: { bandit: ['B507'], ruff: ['S507'] },
  docs: {
    whatItDoes:
      'Reports Paramiko clients configured to connect to servers whose host key is unknown: `set_missing_host_key_policy()` with `AutoAddPolicy` or `WarningPolicy`, passed as a class or an instance, through import aliases and variables, or through a class defined in the file that inherits from one of them, and the same policies assigned to a client\'s `_policy`. `RejectPolicy` (Paramiko\'s default) is not reported.',
    whyBad:
      'The host key is the only thing that proves an SSH client is talking to the intended server. Accepting unknown keys automatically means that the first connection — and every connection from a fresh container or CI runner, which has no saved keys — can be intercepted by anyone on the network path, who then sees the password or forwards agent credentials and can alter every command and file transfer.',
    example:
      'import paramiko\n\ndef connect(host, user, key_file):\n    client = paramiko.SSHClient()\n    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())\n    client.connect(host, username=user, key_filename=key_file)\n    return client\n',
    useInstead:
      'import paramiko\n\ndef connect(host, user, key_file):\n    client = paramiko.SSHClient()\n    client.load_system_host_keys()\n    client.set_missing_host_key_policy(paramiko.RejectPolicy())\n    client.connect(host, username=user, key_filename=key_file)\n    return client\n',
    references: [
      'https://cwe.mitre.org/data/definitions/295.html',
      'https://docs.paramiko.org/en/stable/api/client.html#paramiko.client.SSHClient.set_missing_host_key_policy',
      'https://docs.paramiko.org/en/stable/api/client.html#paramiko.client.AutoAddPolicy',
    ],
  },
  // Every policy it reports resolves to a paramiko name (directly or as a base class).
  appliesTo: importsAnyPackage(['paramiko']),
  visitors: {
    call(node, ctx) {
      const method = methodName(node);
      if (method === undefined || !SETTERS.has(method)) return;
      const policy = ctx.argument(node, 0, 'policy');
      const name = policy ? policyName(policy, ctx) : undefined;
      if (name) ctx.report(node, message(name));
    },
    assignment(node, ctx) {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (left?.type !== 'attribute' || !right || left.childForFieldName('attribute')?.text !== '_policy') return;
      const name = policyName(right, ctx);
      if (name) ctx.report(node, message(name));
    },
  },
});
