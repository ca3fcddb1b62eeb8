// django-allowed-hosts-wildcard: ALLOWED_HOSTS that accepts any Host header ('*', or a whole top-level domain such as '.com').
import type { ConstValue } from '../../analysis/constants.js';
import { unwrapParentheses } from '../../analysis/syntax.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';
import { isDevelopmentOnly } from '../config-settings.js';

/** `'*'`, or a leading-dot pattern of a single label (`'.com'`): Django then accepts every host of a top-level domain. */
function permissiveEntry(entry: ConstValue): string | undefined {
  if (typeof entry !== 'string') return undefined;
  const host = entry.trim().toLowerCase();
  if (host === '*') return host;
  if (/^\.[a-z0-9-]+\.?$/.test(host)) return host;
  return undefined;
}

function permissiveIn(value: ConstValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  const items = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  for (const item of items) {
    const found = permissiveEntry(item);
    if (found) return found;
  }
  return undefined;
}

function report(node: SyntaxNode, entry: string, base: boolean, readsEnv: boolean, ctx: RuleContext): void {
  const what = entry === '*' ? "'*'" : `'${entry}' (every host under that top-level domain)`;
  const how = readsEnv ? ` as its default when the environment variable is unset` : '';
  const where = base ? 'a shared base settings module (production settings may override it)' : 'production settings';
  ctx.report(
    node,
    `ALLOWED_HOSTS accepts ${what}${how} in ${where}, so Django trusts any Host header when it builds absolute URLs such as password-reset links; list the site's real host names instead.`,
    base ? { level: 'note' } : {},
  );
}

export const djangoAllowedHostsWildcard = defineRule({
  id: 'django-allowed-hosts-wildcard',
  title: 'Django ALLOWED_HOSTS accepts any host',
  family: 'web-configuration',
  checklist: ['Input Validation', 'Best Practices'],
  level: 'warning',
  securitySeverity: 5.3,
  precision: 'high',
  tier: 'extended',
  cwe: [183],
  compatible: {},
  docs: {
    whatItDoes:
      "Reports `ALLOWED_HOSTS` in a Django settings module that contains `'*'` or a leading-dot pattern for a whole top-level domain (`'.com'`), also when it is added with `+=`, `.append()`/`.extend()`, or is the default of an environment read (`os.environ.get(\"ALLOWED_HOSTS\", \"*\").split(\",\")`). Development and test settings (`settings/dev.py`, `local_settings.py`, `if DEBUG:` branches) are skipped; shared bases (`settings/base.py`) are reported as notes.",
    whyBad:
      "ALLOWED_HOSTS is Django's defence against forged Host headers. With a wildcard, `request.get_host()` returns whatever the client sent, and everything built from it follows: password-reset and activation e-mails, absolute redirects, and cached pages can point to a host the attacker controls (Host header poisoning), which leaks reset tokens and enables cache poisoning.",
    example: 'INSTALLED_APPS = ["django.contrib.auth", "shop"]\nROOT_URLCONF = "shop.urls"\nALLOWED_HOSTS = ["*"]\n',
    useInstead: 'INSTALLED_APPS = ["django.contrib.auth", "shop"]\nROOT_URLCONF = "shop.urls"\nALLOWED_HOSTS = ["shop.example.com", ".shop.example.com"]\n',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts',
      'https://docs.djangoproject.com/en/stable/topics/security/#host-header-validation',
      'https://cwe.mitre.org/data/definitions/183.html',
    ],
  },
  visitors: {
    module(_node, ctx) {
      const settings = ctx.settingsModule();
      if (!settings.django || settings.development) return;
      for (const a of settings.assignmentsTo('ALLOWED_HOSTS')) {
        if (!a.value || isDevelopmentOnly(a.node, ctx)) continue;
        const unset = ctx.valueWhenUnset(a.value);
        const entry = permissiveIn(unset?.value);
        if (entry) report(a.node, entry, settings.base, unset!.readsEnv, ctx);
      }
    },
    call(node, ctx) {
      // ALLOWED_HOSTS.append("*") / .extend([...]) / .insert(0, "*") at module level of a settings module.
      const fn = node.childForFieldName('function');
      if (fn?.type !== 'attribute') return;
      const method = fn.childForFieldName('attribute')?.text;
      const object = unwrapParentheses(fn.childForFieldName('object'));
      if (object?.type !== 'identifier' || object.text !== 'ALLOWED_HOSTS') return;
      if (method !== 'append' && method !== 'extend' && method !== 'insert') return;
      if (ctx.scopeNode(node).type !== 'module') return;
      const settings = ctx.settingsModule();
      if (!settings.django || settings.development || isDevelopmentOnly(node, ctx)) return;
      const arg = ctx.argument(node, method === 'insert' ? 1 : 0);
      const value = ctx.constantValue(arg);
      const entry = method === 'extend' ? permissiveIn(value) : value !== undefined ? permissiveEntry(value) : undefined;
      if (entry) report(node, entry, settings.base, false, ctx);
    },
  },
});
