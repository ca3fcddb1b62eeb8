// hardcoded-provider-credential: a cloud, SaaS or registry credential in a recognisable token format (secret/<provider>).
import { findProviderCredentials, type ProviderMatch } from '../../analysis/secret-formats.js';
import { isDocumentationString, literalBindings } from '../../analysis/literal-binding.js';
import { maskSecret } from '../../analysis/secret-values.js';
import { TEST_CODE_REASON, type RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

/** An f-string part (`f"…"`, `rf"…"`): its interpolations may fold to text longer than the literal's source. */
function isFormatString(part: SyntaxNode): boolean {
  const source = part.tree.text;
  for (let i = part.startIndex; i < part.endIndex; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x66 || c === 0x46) return true; // f, F
    if (c === 0x22 || c === 0x27) return false; // the opening quote ends the prefix
  }
  return false;
}

/**
 * literalText(), or undefined when it is certainly shorter than `min` characters. Without f-strings the value is
 * never longer than the source (quotes, prefixes and escapes only shrink it), so short literals are not folded at all.
 */
export function literalTextOfLength(node: SyntaxNode, ctx: RuleContext, min: number): string | undefined {
  if (node.endIndex - node.startIndex < min) {
    const parts = node.type === 'concatenated_string' ? node.namedChildren : [node];
    if (!parts.some((p) => p.type === 'string' && isFormatString(p))) return undefined;
  }
  const text = literalText(node, ctx);
  return text !== undefined && text.length >= min ? text : undefined;
}

/** The text of a literal: its folded value, or with computed parts replaced by line breaks (f-string interpolations). */
export function literalText(node: SyntaxNode, ctx: RuleContext): string | undefined {
  const folded = ctx.stringValue(node);
  if (folded !== undefined) return folded;
  const parts = node.type === 'concatenated_string' ? node.namedChildren : [node];
  let text = '';
  for (const part of parts) {
    if (!part) continue;
    const v = ctx.stringValue(part);
    if (v !== undefined) {
      text += v;
      continue;
    }
    for (const c of part.namedChildren) {
      if (c?.type === 'string_content') text += c.text;
      else if (c?.type === 'interpolation') text += '\n';
    }
  }
  return text === '' ? undefined : text;
}

function report(ctx: RuleContext, node: SyntaxNode, matches: ProviderMatch[], where: string): void {
  const seen = new Set<string>();
  for (const m of matches) {
    if (m.sandbox && ctx.isTestFile) continue;
    const key = `${m.subId}\u0000${m.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const what = m.subId === 'secret/url-embedded-credentials' ? `Password embedded in a URL ("${maskSecret(m.value)}")` : `Hard-coded ${m.label} ("${maskSecret(m.value)}")`;
    const advice =
      m.subId === 'secret/url-embedded-credentials'
        ? 'pass the password separately from the environment or a secret manager'
        : m.subId === 'secret/jwt'
          ? 'issue tokens at run time and keep long-lived ones in a secret manager'
          : 'revoke it and load the credential at run time from the environment or a secret manager';
    // Live-format tokens matter in tests too; weaker signals (JWTs, URL passwords, temporary keys) are notes there.
    const level = ctx.isTestFile && m.level === 'warning' ? 'note' : m.level;
    ctx.report(node, `${what} in ${where} [${m.subId}]; ${advice}.`, {
      ...(level ? { level } : {}),
      ...(ctx.isTestFile && level === 'note' ? { levelReason: TEST_CODE_REASON } : {}),
      properties: { subId: m.subId, provider: m.label },
    });
  }
}

function checkLiteral(node: SyntaxNode, ctx: RuleContext): void {
  const text = literalTextOfLength(node, ctx, 16);
  if (text === undefined) return;
  const documentation = isDocumentationString(node);
  const names: string[] = [];
  for (const b of literalBindings(node, ctx)) {
    names.push(b.name);
    if (b.callee !== undefined) names.push(...b.callee.split('.'));
  }
  const matches = findProviderCredentials(text, { names, documentation, importsModule: (m) => ctx.importsModule(m) });
  report(ctx, node, matches, documentation ? 'a docstring' : 'a string literal');
}

export const hardcodedProviderCredential = defineRule({
  id: 'hardcoded-provider-credential',
  title: 'Hard-coded cloud or service provider credential',
  family: 'secrets',
  checklist: ['Sensitive Data Handling'],
  level: 'error',
  securitySeverity: 9.1,
  precision: 'high',
  tier: 'default',
  cwe: [798],
  compatible: {},
  inTestCode: 'keep',
  supersedes: ['hardcoded-password', 'hardcoded-high-entropy-secret'],
  docs: {
    whatItDoes:
      'Reports string literals, docstrings and comments that contain a credential in a provider\'s token format, whatever name it is bound to: AWS access key IDs (and secret keys next to AWS names), GitHub tokens (the CRC-32 checksum in the last six characters of `ghp_`/`gho_`/`ghu_`/`ghs_`/`ghr_` tokens is verified offline), GitLab, Slack tokens and webhooks, Stripe, Google API, OpenAI, Anthropic, Hugging Face, npm, PyPI, SendGrid, Twilio and Azure keys, JSON Web Tokens (the header must decode to JSON with an `alg`), and passwords embedded in URLs. Each finding names its provider as a sub-id such as `secret/github-token` in the message and in the SARIF result properties. Documentation examples (`AKIA…EXAMPLE`, runs of `X`), sequences, placeholders in URLs (`${DB_PASS}`, `<password>`) and low-entropy bodies are ignored; Stripe test keys are notes, and test-mode keys, `alg: none` tokens and localhost URLs are not reported in test code. Messages show at most the first four characters of the credential.',
    whyBad:
      'A credential committed to source is readable by everyone with access to the repository, its forks, clones, CI logs and backups, and it stays in the Git history after the line is deleted. Automated scanners harvest public repositories for exactly these formats within minutes of a push. The only safe response to a leaked credential is to revoke and rotate it.',
    example: 'import requests\n\n# (a fake key, split in two only to keep secret scanners quiet on this page)\nSTRIPE_KEY = "sk_live_" "Zq4Lm8Xv2Rk7Tn5Wb9Hc3Pd6"\n\ndef charge(amount):\n    return requests.post("https://api.stripe.com/v1/charges", auth=(STRIPE_KEY, ""), data={"amount": amount}, timeout=10)\n',
    useInstead:
      'import os\nimport requests\n\nSTRIPE_KEY = os.environ["STRIPE_KEY"]\n\ndef charge(amount):\n    return requests.post("https://api.stripe.com/v1/charges", auth=(STRIPE_KEY, ""), data={"amount": amount}, timeout=10)\n',
    references: [
      'https://cwe.mitre.org/data/definitions/798.html',
      'https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/',
      'https://docs.github.com/en/code-security/secret-scanning/introduction/supported-secret-scanning-patterns',
      'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
    ],
  },
  visitors: {
    string(node, ctx) {
      if (node.parent?.type === 'concatenated_string') return;
      checkLiteral(node, ctx);
    },
    concatenated_string(node, ctx) {
      checkLiteral(node, ctx);
    },
    comment(node, ctx) {
      if (node.endIndex - node.startIndex < 16) return;
      const text = node.text;
      report(ctx, node, findProviderCredentials(text, { names: [], documentation: true, importsModule: (m) => ctx.importsModule(m) }), 'a comment');
    },
  },
});
