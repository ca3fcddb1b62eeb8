// django-debug-enabled: DEBUG switched on (or on by default when the environment leaves it unset) in Django settings
// that are not for development or tests.
import { isTruthy } from '../../analysis/constants.js';
import type { ModuleAssignment } from '../../analysis/settings-module.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import { isDevelopmentOnly } from '../config-settings.js';

const ADVICE = 'keep it False in deployed settings and turn it on only in a development settings module or through an environment variable that defaults to off';

/** The last plain module-level assignment after this one sets a falsy constant: the earlier value never takes effect. */
function overriddenLater(a: ModuleAssignment, all: readonly ModuleAssignment[], ctx: RuleContext): boolean {
  return all.some((b) => b.node.startIndex > a.node.startIndex && !b.augmented && b.node.parent?.parent?.type === 'module' && b.value !== undefined && ctx.constantValue(b.value) !== undefined && !isTruthy(ctx.constantValue(b.value)!));
}

export const djangoDebugEnabled = defineRule({
  id: 'django-debug-enabled',
  title: 'Django DEBUG enabled in production settings',
  family: 'web-configuration',
  checklist: ['Error Handling', 'Best Practices'],
  level: 'warning',
  securitySeverity: 5.3,
  precision: 'high',
  tier: 'default',
  cwe: [215, 489],
  compatible: {},
  docs: {
    whatItDoes:
      'Reports `DEBUG = True` in a Django settings module, and `DEBUG` read from the environment with a default that turns it on when the variable is unset (`os.environ.get("DEBUG", True)`, `os.getenv("DEBUG", "1") == "1"`, python-decouple `config("DEBUG", default=True, cast=bool)`, django-environ `env.bool("DEBUG", default=True)` or `Env(DEBUG=(bool, True))`), including a default of `"False"`, which is a non-empty and therefore true string. A settings module is recognised by what it holds (`INSTALLED_APPS`, `MIDDLEWARE`, `ROOT_URLCONF`, `DATABASES` and other Django-only settings, or a `settings` path with one of them). Modules for development or tests (`dev`, `local`, `test`, `testing`, `development` in the path, `settings/dev.py`, `local_settings.py`) and `if DEBUG`-style development branches are skipped; shared bases (`settings/base.py`, `common.py`) are reported as notes because a production module usually overrides them.',
    whyBad:
      'With DEBUG on, every unhandled error renders a page with the stack trace, local variables, the request, and most settings; 404 pages list every URL pattern; and Django keeps every SQL query in memory. Anyone who can trigger an error learns the code, paths, library versions and sometimes credentials. A default that turns debug on when an environment variable is missing makes a forgotten variable in a new deployment enough to expose it.',
    example:
      'INSTALLED_APPS = ["django.contrib.auth", "shop"]\nROOT_URLCONF = "shop.urls"\nDEBUG = True\nALLOWED_HOSTS = ["shop.example.com"]\n',
    useInstead:
      'import os\n\nINSTALLED_APPS = ["django.contrib.auth", "shop"]\nROOT_URLCONF = "shop.urls"\nDEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"\nALLOWED_HOSTS = ["shop.example.com"]\n',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#debug',
      'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#debug',
      'https://cwe.mitre.org/data/definitions/215.html',
      'https://cwe.mitre.org/data/definitions/489.html',
    ],
  },
  visitors: {
    module(_node, ctx) {
      const settings = ctx.settingsModule();
      if (!settings.django || settings.development) return;
      const all = settings.assignmentsTo('DEBUG');
      for (const a of all) {
        if (a.augmented || !a.value) continue;
        const unset = ctx.valueWhenUnset(a.value);
        if (!unset || !isTruthy(unset.value)) continue;
        if (overriddenLater(a, all, ctx) || isDevelopmentOnly(a.node, ctx)) continue;
        const options = settings.base ? { level: 'note' as const } : {};
        const where = settings.base ? 'a shared base settings module (production settings may override it)' : 'a non-development settings module';
        let found: string;
        if (!unset.readsEnv) found = `DEBUG is switched on in ${where}`;
        else if (typeof unset.value === 'string' && ['false', '0', 'no', 'off'].includes(unset.value.trim().toLowerCase()))
          found = `DEBUG is read from the environment in ${where} and defaults to the string "${unset.value}", which is non-empty and so true`;
        else found = `DEBUG is read from the environment in ${where} and is on when the variable is unset`;
        ctx.report(a.node, `${found}, so error pages show stack traces, settings and SQL to visitors; ${ADVICE}.`, options);
      }
    },
  },
});
