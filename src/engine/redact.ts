// Keeps secrets out of every output: findings on a line that holds a secret lose their snippet, and no message
// carries a URL password or a provider token, whichever rule wrote it.
import { findProviderCredentials } from '../analysis/secret-formats.js';
import { maskSecret } from '../analysis/secret-values.js';
import type { Finding } from './finding.js';
import { maskUrlCredentials } from './manifest-context.js';
import type { Rule } from './rule.js';

const NO_CONTEXT = { names: [], documentation: true, importsModule: () => false };

/** A message with URL credentials and self-identifying provider tokens replaced by masked forms. */
export function redactMessage(message: string): string {
  let out = maskUrlCredentials(message);
  if (out.length < 16) return out;
  const matches = findProviderCredentials(out, NO_CONTEXT).sort((a, b) => b.index - a.index);
  for (const m of matches) out = `${out.slice(0, m.index)}${maskSecret(m.value)}${out.slice(m.index + m.value.length)}`;
  return out;
}

/**
 * The engine gives secrets-family findings no snippet; a finding of another rule on the same lines (a JWT rule on
 * `jwt.encode(p, "…")`, a TLS rule on a URL with a password) would still echo the line, so those lose theirs too.
 * Messages and remaining snippets are scrubbed of URL passwords and provider tokens, whichever rule quoted them.
 */
export function redactSecrets(findings: Finding[], rules: readonly Rule[]): void {
  const secretRules = new Set(rules.filter((r) => r.family === 'secrets').map((r) => r.id));
  const lines = new Set<number>();
  for (const f of findings) {
    if (!secretRules.has(f.ruleId)) continue;
    for (let l = f.region.startLine; l <= f.region.endLine; l++) lines.add(l);
  }
  for (const f of findings) {
    if (f.snippet !== '') f.snippet = lines.has(f.region.startLine) ? '' : redactMessage(f.snippet);
    f.message = redactMessage(f.message);
    if (f.flow) for (const step of f.flow) step.message = redactMessage(step.message);
  }
}
