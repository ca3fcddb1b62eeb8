// jinja2-autoescape-disabled: a Jinja2 Environment or Template that renders HTML without autoescaping.
import type { RuleContext } from '../../engine/context.js';
import { defineRule, importsAnyPackage } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';
import { isDict, isTruthy } from '../../analysis/constants.js';
import { unwrapParentheses } from '../../analysis/syntax.js';
import {
  combineKinds,
  constantStrings,
  destinationKind,
  fileNameKind,
  namesKind,
  sourceKind,
  sourceTextKind,
  wordsKind,
  type OutputKind,
} from '../template-output.js';

/** Constructors taking Environment options, with the position of `autoescape` when passed positionally. */
const CONSTRUCTORS: Record<string, { position: number; display: string; isTemplate: boolean }> = {
  'jinja2.Environment': { position: 16, display: 'jinja2.Environment', isTemplate: false },
  'jinja2.environment.Environment': { position: 16, display: 'jinja2.Environment', isTemplate: false },
  'jinja2.sandbox.SandboxedEnvironment': { position: 16, display: 'jinja2.sandbox.SandboxedEnvironment', isTemplate: false },
  'jinja2.sandbox.ImmutableSandboxedEnvironment': { position: 16, display: 'jinja2.sandbox.ImmutableSandboxedEnvironment', isTemplate: false },
  'jinja2.Template': { position: 17, display: 'jinja2.Template', isTemplate: true },
  'jinja2.environment.Template': { position: 17, display: 'jinja2.Template', isTemplate: true },
};
const SELECT_AUTOESCAPE = new Set(['jinja2.select_autoescape', 'jinja2.utils.select_autoescape']);
const DICT_LOADERS = new Set(['jinja2.DictLoader', 'jinja2.loaders.DictLoader']);
const PATH_LOADERS: Record<string, number> = {
  'jinja2.FileSystemLoader': 0,
  'jinja2.loaders.FileSystemLoader': 0,
  'jinja2.PackageLoader': 1,
  'jinja2.loaders.PackageLoader': 1,
};
/** Environment methods whose first argument names templates, and the one that takes template source. */
const NAME_METHODS = new Set(['get_template', 'select_template', 'get_or_select_template']);
/** Where Flask keeps the application's Jinja2 environment. */
const FLASK_ENV = /^flask\.(Flask\(\)|current_app)\.jinja_env$/;

type Setting = 'on' | 'off' | 'absent' | 'unknown';

/** `select_autoescape(enabled_extensions=(), default_for_string=False, default=False)` never escapes anything. */
function selectAutoescapeIsOff(ctx: RuleContext, call: SyntaxNode): boolean {
  const value = (position: number, name: string) => {
    const node = ctx.argument(call, position, name);
    return node ? ctx.constantValue(node) : ctx.keyword(call, name).value;
  };
  const enabled = value(0, 'enabled_extensions');
  const forString = value(2, 'default_for_string');
  const fallback = value(3, 'default');
  return Array.isArray(enabled) && enabled.length === 0 && forString !== undefined && !isTruthy(forString) && fallback !== undefined && !isTruthy(fallback);
}

/** Whether an autoescape value turns escaping on: constants by truthiness, select_autoescape() and other callables on. */
function settingOf(ctx: RuleContext, node: SyntaxNode): Setting {
  const n = unwrapParentheses(node);
  if (n.type === 'call' && SELECT_AUTOESCAPE.has(ctx.callee(n) ?? '')) return selectAutoescapeIsOff(ctx, n) ? 'off' : 'on';
  if (n.type === 'lambda') {
    const body = ctx.constantValue(n.childForFieldName('body'));
    return body !== undefined && !isTruthy(body) ? 'off' : 'on';
  }
  const value = ctx.constantValue(n);
  if (value !== undefined) return isTruthy(value) ? 'on' : 'off';
  return 'unknown'; // a function name, a setting read at run time: not ours to judge
}

function autoescapeSetting(ctx: RuleContext, call: SyntaxNode, position: number): Setting {
  const args = ctx.arguments(call);
  const positional = args.positional[position];
  if (positional) return settingOf(ctx, positional);
  const keyword = ctx.keyword(call, 'autoescape');
  if (keyword.node) return settingOf(ctx, keyword.node);
  if (keyword.present) return keyword.value === undefined ? 'unknown' : isTruthy(keyword.value) ? 'on' : 'off';
  if (keyword.maybeInUnknownSplat || args.listSplats.length > 0) return 'unknown';
  return 'absent';
}

/** What the templates of a loader produce: DictLoader names and sources, words of a loader's folder. */
function loaderKind(ctx: RuleContext, loader: SyntaxNode | undefined): OutputKind {
  if (!loader) return 'unknown';
  const kinds: OutputKind[] = [];
  for (const origin of ctx.originCalls(unwrapParentheses(loader)) ?? []) {
    const callee = ctx.callee(origin) ?? '';
    if (DICT_LOADERS.has(callee)) {
      const mapping = ctx.constantValue(ctx.argument(origin, 0, 'mapping'));
      if (!isDict(mapping)) continue;
      for (const [name, source] of mapping) {
        if (typeof name === 'string') kinds.push(fileNameKind(name));
        if (typeof source === 'string') kinds.push(sourceTextKind(source));
      }
    } else if (callee in PATH_LOADERS) {
      const folders = constantStrings(ctx, ctx.argument(origin, PATH_LOADERS[callee], callee.endsWith('PackageLoader') ? 'package_path' : 'searchpath'));
      if (folders) kinds.push(wordsKind(folders.flatMap((f) => f.split(/[/\\]/))));
    }
  }
  return combineKinds(kinds);
}

/** What the environment or template renders, from every clue this file gives. */
function outputKind(ctx: RuleContext, call: SyntaxNode, isTemplate: boolean): OutputKind {
  const kinds: OutputKind[] = [destinationKind(ctx, call)];
  if (isTemplate) {
    kinds.push(sourceKind(ctx, ctx.argument(call, 0, 'source')));
  } else {
    kinds.push(loaderKind(ctx, ctx.argument(call, 17, 'loader') ?? ctx.keyword(call, 'loader').node));
    for (const use of ctx.methodCallsOn(call)) {
      const method = use.childForFieldName('function')?.childForFieldName('attribute')?.text ?? '';
      if (NAME_METHODS.has(method)) kinds.push(namesKind(ctx, ctx.argument(use, 0, undefined)));
      else if (method === 'from_string') kinds.push(sourceKind(ctx, ctx.argument(use, 0, 'source')));
    }
  }
  return combineKinds(kinds);
}

/** `env.autoescape = True` after the environment was created turns escaping back on. */
function enabledLater(ctx: RuleContext, call: SyntaxNode): boolean {
  let value = call;
  while (value.parent?.type === 'parenthesized_expression') value = value.parent;
  const assignment = value.parent;
  if (assignment?.type !== 'assignment' || assignment.childForFieldName('right')?.id !== value.id) return false;
  const target = assignment.childForFieldName('left');
  if (!target) return false;
  return ctx.assignmentsToAttribute(target, 'autoescape').some((v) => settingOf(ctx, v) !== 'off');
}

export const jinja2AutoescapeDisabled = defineRule({
  id: 'jinja2-autoescape-disabled',
  title: 'Jinja2 renders HTML with autoescaping turned off',
  family: 'injection',
  checklist: ['Input Validation'],
  level: 'warning',
  securitySeverity: 6.1,
  precision: 'high',
  tier: 'default',
  cwe: [79],
  compatible: { bandit: ['B701'], ruff: ['S701'] },
  docs: {
    whatItDoes:
      'Reports `jinja2.Environment`, the sandboxed environments and `jinja2.Template` when `autoescape` is false (`False`, `None`, a lambda returning false, a `select_autoescape()` that enables nothing) or not passed at all, and Flask\'s `app.jinja_env.autoescape = False`. Values are resolved through constants, positional arguments and `**kwargs` dicts. `select_autoescape(...)`, true constants and other callables count as enabled. When the file shows the templates are not HTML (template names such as `query.sql` or `prompt.txt`, constant template text without markup, a `DictLoader` of such names, names like `sql_env`), a missing or false `autoescape` is not reported.',
    whyBad:
      'Jinja2 does not escape anything unless told to. With autoescaping off, every `{{ value }}` is copied into the page as is, so a value containing `<script>` or an event-handler attribute runs in the visitor\'s browser: cross-site scripting. Remembering `|e` in every template is the kind of manual step that is eventually forgotten.',
    example:
      'from jinja2 import Environment, FileSystemLoader\n\nenv = Environment(loader=FileSystemLoader("templates"))\npage = env.get_template("profile.html")\n',
    useInstead:
      'from jinja2 import Environment, FileSystemLoader, select_autoescape\n\nenv = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())\npage = env.get_template("profile.html")\n',
    references: [
      'https://cwe.mitre.org/data/definitions/79.html',
      'https://jinja.palletsprojects.com/en/stable/api/#autoescaping',
      'https://jinja.palletsprojects.com/en/stable/api/#jinja2.select_autoescape',
      'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html',
    ],
  },
  // Reports need a jinja2 constructor or Flask's jinja_env.
  appliesTo: importsAnyPackage(['jinja2', 'flask']),
  visitors: {
    call(node, ctx) {
      const callees = ctx.calleeCandidates(node);
      const callee = callees?.find((c) => c in CONSTRUCTORS);
      if (!callee) return;
      const { position, display, isTemplate } = CONSTRUCTORS[callee]!;
      const setting = autoescapeSetting(ctx, node, position);
      if (setting !== 'off' && setting !== 'absent') return;
      if (outputKind(ctx, node, isTemplate) === 'text' || enabledLater(ctx, node)) return;
      if (setting === 'off') {
        ctx.report(node, `${display}() is created with autoescape disabled, so values rendered into HTML are not escaped; pass autoescape=select_autoescape() or autoescape=True.`);
      } else {
        ctx.report(node, `${display}() without autoescape leaves escaping off (the Jinja2 default), so values rendered into HTML are not escaped; pass autoescape=select_autoescape() or autoescape=True.`);
      }
    },
    assignment(node, ctx) {
      const target = node.childForFieldName('left');
      const value = node.childForFieldName('right');
      if (target?.type !== 'attribute' || !value || target.childForFieldName('attribute')?.text !== 'autoescape') return;
      const object = target.childForFieldName('object');
      if (!object) return;
      const owner = ctx.qualifiedName(object);
      const isFlask = owner !== undefined && FLASK_ENV.test(owner);
      const isEnvironment = ctx.originCalls(object)?.some((c) => (ctx.callee(c) ?? '') in CONSTRUCTORS) ?? false;
      if (!isFlask && !isEnvironment) return;
      if (settingOf(ctx, value) !== 'off') return;
      ctx.report(node, 'Setting autoescape to a false value on a Jinja2 environment leaves values rendered into HTML unescaped; keep autoescaping on and mark trusted fragments with Markup instead.');
    },
  },
});
