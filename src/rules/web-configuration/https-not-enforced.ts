// https-not-enforced: production settings that explicitly leave HTTPS unenforced (Django redirect and HSTS both off,
// Flask-Talisman force_https=False).
import { isTruthy } from '../../analysis/constants.js';
import type { ModuleAssignment } from '../../analysis/settings-module.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';
import { isDevelopmentOnly } from '../config-settings.js';

const TALISMAN = new Set(['flask_talisman.Talisman', 'flask_talisman.talisman.Talisman']);
const TALISMAN_INIT = new Set([...TALISMAN].map((t) => `${t}().init_app`));

type State = 'on' | 'off' | 'unknown' | 'missing';

/** What the last module-level assignment of a setting leaves it at (when its environment variables are unset). */
function stateOf(assignments: readonly ModuleAssignment[], ctx: RuleContext): { state: State; node?: SyntaxNode } {
  const effective = assignments.filter((a) => !a.augmented && a.value && !isDevelopmentOnly(a.node, ctx));
  const last = effective[effective.length - 1];
  if (!last) return { state: 'missing' };
  const unset = ctx.valueWhenUnset(last.value);
  if (!unset) return { state: 'unknown', node: last.node };
  return { state: isTruthy(unset.value) ? 'on' : 'off', node: last.node };
}

export const httpsNotEnforced = defineRule({
  id: 'https-not-enforced',
  title: 'HTTPS explicitly not enforced in production settings',
  family: 'web-configuration',
  checklist: ['Sensitive Data Handling', 'API Security', 'Best Practices'],
  level: 'note',
  securitySeverity: 4.3,
  precision: 'medium',
  tier: 'extended',
  cwe: [319],
  compatible: {},
  docs: {
    whatItDoes:
      'Reports production settings that switch HTTPS enforcement off explicitly. In a Django settings module (not a development, test or shared base module): `SECURE_SSL_REDIRECT = False` (or an environment read that defaults to off) while HSTS is not enabled (`SECURE_HSTS_SECONDS` missing or 0), or `SECURE_HSTS_SECONDS = 0` while the redirect is not on. For Flask, `Talisman(app, force_https=False)` and `talisman.init_app(app, force_https=False)`. Settings files that mention neither setting are not reported (Django\'s `check --deploy` covers plain omissions), and neither are FastAPI/Starlette apps, which enforce HTTPS with `HTTPSRedirectMiddleware` or at the proxy.',
    whyBad:
      'Without a redirect to HTTPS and without HSTS, a browser that follows an `http://` link or bookmark talks to the site in clear text: session cookies, credentials and pages travel unencrypted and an attacker on the network can read or rewrite them, or strip the upgrade to HTTPS entirely.',
    example: 'INSTALLED_APPS = ["django.contrib.auth", "shop"]\nROOT_URLCONF = "shop.urls"\nSECURE_SSL_REDIRECT = False\nSECURE_HSTS_SECONDS = 0\n',
    useInstead:
      'INSTALLED_APPS = ["django.contrib.auth", "shop"]\nROOT_URLCONF = "shop.urls"\nSECURE_SSL_REDIRECT = True\nSECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\n',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#secure-ssl-redirect',
      'https://docs.djangoproject.com/en/stable/ref/middleware/#http-strict-transport-security',
      'https://github.com/GoogleCloudPlatform/flask-talisman',
      'https://cwe.mitre.org/data/definitions/319.html',
    ],
  },
  visitors: {
    module(_node, ctx) {
      const settings = ctx.settingsModule();
      if (!settings.django || settings.development || settings.base) return;
      const redirect = stateOf(settings.assignmentsTo('SECURE_SSL_REDIRECT'), ctx);
      const hsts = stateOf(settings.assignmentsTo('SECURE_HSTS_SECONDS'), ctx);
      const advice = 'set SECURE_SSL_REDIRECT = True and SECURE_HSTS_SECONDS to a positive value, or enforce HTTPS at the proxy and drop the explicit opt-out';
      if (redirect.state === 'off' && (hsts.state === 'off' || hsts.state === 'missing')) {
        const tail = hsts.state === 'off' ? 'and HSTS is disabled (SECURE_HSTS_SECONDS = 0)' : 'and HSTS is not enabled';
        ctx.report(redirect.node!, `SECURE_SSL_REDIRECT is off in production settings ${tail}, so clients can use the site over plain HTTP; ${advice}.`);
      } else if (hsts.state === 'off' && redirect.state === 'missing') {
        ctx.report(hsts.node!, `SECURE_HSTS_SECONDS is 0 in production settings and SECURE_SSL_REDIRECT is not set, so nothing moves clients to HTTPS; ${advice}.`);
      }
    },
    call(node, ctx) {
      const callee = ctx.callee(node);
      if (callee === undefined || (!TALISMAN.has(callee) && !TALISMAN_INIT.has(callee))) return;
      const force = ctx.keyword(node, 'force_https');
      if (!force.present || force.value === undefined || isTruthy(force.value)) return;
      if (isDevelopmentOnly(node, ctx)) return;
      ctx.report(node, 'Flask-Talisman is configured with force_https=False, so the app answers plain HTTP requests instead of redirecting them; leave force_https on (the default) or enforce HTTPS at the proxy.');
    },
  },
});
