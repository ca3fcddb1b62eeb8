// hardcoded-private-key: a PEM, OpenSSH or PGP private-key block inside a string literal.
import { findPrivateKeys } from '../../analysis/secret-formats.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';
import { literalTextOfLength } from './hardcoded-provider-credential.js';

function check(node: SyntaxNode, ctx: RuleContext): void {
  const text = literalTextOfLength(node, ctx, 80);
  if (text === undefined) return;
  const keys = findPrivateKeys(text);
  const key = keys[0];
  if (!key) return;
  const block = key.kind.endsWith('BLOCK') ? key.kind : `${key.kind} block`;
  const also = keys.length > 1 ? ` (and ${keys.length - 1} more)` : '';
  if (key.encrypted) {
    ctx.report(node, `Passphrase-protected private key (${block})${also} hard-coded in a string literal; keep key files out of the source and load them from a secret manager or a mounted file.`, {
      level: 'warning',
      levelReason: 'the key is encrypted with a passphrase',
    });
    return;
  }
  ctx.report(node, `Private key (${block})${also} hard-coded in a string literal; revoke the key pair and load the key at run time from a secret manager or a mounted file.`);
}

export const hardcodedPrivateKey = defineRule({
  id: 'hardcoded-private-key',
  title: 'Hard-coded private key',
  family: 'secrets',
  checklist: ['Sensitive Data Handling', 'Cryptography'],
  level: 'error',
  securitySeverity: 9.1,
  precision: 'high',
  tier: 'default',
  cwe: [321],
  compatible: {},
  supersedes: ['hardcoded-password', 'hardcoded-high-entropy-secret'],
  docs: {
    whatItDoes:
      'Reports string literals (including implicitly concatenated and constant-folded ones) that contain a private-key block: `-----BEGIN RSA PRIVATE KEY-----`, `EC`, `DSA`, `OPENSSH`, PKCS#8 `PRIVATE KEY`, `ENCRYPTED PRIVATE KEY` and `PGP PRIVATE KEY BLOCK`. The block must carry a plausible base64 body, so detection code that only mentions the header (`text.startswith("-----BEGIN RSA PRIVATE KEY-----")`) is not reported, and public keys and certificates are ignored. Passphrase-protected keys are warnings; keys in test code are notes.',
    whyBad:
      'Whoever holds a private key can impersonate its owner: sign tokens and packages, decrypt traffic recorded earlier, or log in over SSH. A key in the source is shared with everyone who can read the repository and its history, and it cannot be revoked without replacing every place that trusts its public half.',
    example:
      'import io\nimport paramiko\n\n# (a fake key; the header is split only to keep secret scanners quiet on this page)\nKEY = (\n    "-----BEGIN RSA " "PRIVATE KEY-----\\n"\n    "MIIEowIBAAKCAQEAvQ8m3Yd2p1LkTz9qR7bXc4Hn6WfJ0sGa5uE1oVyKrM2tPiNd\\n"\n    "q8ZlC7xB3FhU9jO4wSeA6gDvR1nYmT5kXbHc2LpJ0iQ7uWzE8fVoKs3Na4Gy9tMr\\n"\n    "-----END RSA PRIVATE KEY-----\\n"\n)\n\ndef deploy_key():\n    return paramiko.RSAKey.from_private_key(io.StringIO(KEY))\n',
    useInstead:
      'import os\nimport paramiko\n\ndef connect(host):\n    return paramiko.RSAKey.from_private_key_file(os.environ["DEPLOY_KEY_FILE"])\n',
    references: [
      'https://cwe.mitre.org/data/definitions/321.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Key_Management_Cheat_Sheet.html',
    ],
  },
  visitors: {
    string(node, ctx) {
      if (node.parent?.type === 'concatenated_string') return;
      check(node, ctx);
    },
    concatenated_string(node, ctx) {
      check(node, ctx);
    },
  },
});
