// unsafe-markup-nonconstant: text built at run time marked as safe HTML (mark_safe, Markup, SafeString, format_html misuse).
import type { RuleContext } from '../../engine/context.js';
import { defineRule, importsAnyPackage } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';
import { namedChildren, unwrapParentheses } from '../../analysis/syntax.js';

/** Calls that declare their argument to be safe HTML, with the keyword name of that argument. */
const MARKERS: Record<string, string | undefined> = {
  'django.utils.safestring.mark_safe': 's',
  'django.utils.html.mark_safe': 's',
  'django.utils.safestring.SafeString': undefined,
  'django.utils.safestring.SafeText': undefined,
  'markupsafe.Markup': 'object',
  'flask.Markup': 'object',
  'jinja2.Markup': 'object',
  'jinja2.utils.Markup': 'object',
};
/** format_html and format_html_join, with the position of the format string. */
const FORMATTERS: Record<string, number> = {
  'django.utils.html.format_html': 0,
  'django.utils.html.format_html_join': 1,
};
/** Calls whose result is escaped, sanitised or already-safe HTML, or text that cannot hold markup. */
const SAFE_PRODUCERS = new Set([
  'html.escape', 'cgi.escape', 'markupsafe.escape', 'markupsafe.escape_silent', 'markupsafe.soft_str',
  'markupsafe.Markup.escape', 'flask.escape', 'jinja2.escape', 'jinja2.utils.escape', 'xml.sax.saxutils.escape',
  'xml.sax.saxutils.quoteattr', 'django.utils.html.escape', 'django.utils.html.conditional_escape',
  'django.utils.html.escapejs', 'django.utils.html.json_script', 'django.utils.html.format_html',
  'django.utils.html.format_html_join', 'django.forms.utils.flatatt', 'django.template.loader.render_to_string',
  'django.shortcuts.render_to_string', 'django.urls.reverse', 'flask.render_template', 'flask.url_for',
  'urllib.parse.quote', 'urllib.parse.quote_plus', 'urllib.parse.urlencode', 'bleach.clean', 'bleach.linkify',
  'nh3.clean', 'lxml.html.clean.clean_html', 'lxml_html_clean.clean_html',
]);
/** Translation lookups: a constant message id yields text from the project's own catalogues. */
const TRANSLATIONS = new Set([
  'gettext.gettext', 'gettext.ngettext', 'django.utils.translation.gettext', 'django.utils.translation.gettext_lazy',
  'django.utils.translation.ugettext', 'django.utils.translation.ugettext_lazy', 'django.utils.translation.pgettext',
  'django.utils.translation.pgettext_lazy', 'django.utils.translation.ngettext', 'django.utils.translation.ngettext_lazy',
  'flask_babel.gettext', 'flask_babel.lazy_gettext', 'flask_babel.ngettext',
]);
const MAX_DEPTH = 8;

export const unsafeMarkupNonconstant = defineRule({
  id: 'unsafe-markup-nonconstant',
  title: 'Text built at run time marked as safe HTML',
  family: 'injection',
  checklist: ['Input Validation'],
  level: 'warning',
  securitySeverity: 6.1,
  precision: 'medium',
  tier: 'default',
  cwe: [79],
  compatible: { bandit: ['B308', 'B703', 'B704'], ruff: ['S308', 'S704'] },
  docs: {
    whatItDoes:
      'Reports Django\'s `mark_safe()`, `SafeString()` and MarkupSafe\'s `Markup()` (also reached as `flask.Markup` or `jinja2.Markup`) when the argument is not constant HTML, and `format_html()` / `format_html_join()` when the format string is itself built with `%`, `.format()`, `+` or an f-string, or when `format_html()` gets one pre-built string and nothing to substitute. Constant markup, values built only from constants, parts produced by escaping or sanitising functions (`escape()`, `conditional_escape()`, `Markup.escape()`, `format_html()`, `bleach.clean()`, `render_to_string()`…), translations of constant messages (`gettext("…")`) and Django settings are not reported.',
    whyBad:
      'These calls tell the template engine that the text is already safe HTML, so autoescaping skips it. If any part of the text comes from a user, a database row or another outside source, whatever markup it holds, including `<script>`, reaches the page unchanged: cross-site scripting. `format_html()` only escapes the values passed as its arguments, not text already formatted into the template string.',
    example:
      'from django.utils.safestring import mark_safe\n\ndef greeting(user):\n    return mark_safe(f"<b>Hello {user.display_name}</b>")\n',
    useInstead:
      'from django.utils.html import format_html\n\ndef greeting(user):\n    return format_html("<b>Hello {}</b>", user.display_name)\n',
    references: [
      'https://cwe.mitre.org/data/definitions/79.html',
      'https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.safestring.mark_safe',
      'https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html',
      'https://markupsafe.palletsprojects.com/en/stable/escaping/',
    ],
  },
  appliesTo: importsAnyPackage([...Object.keys(MARKERS), ...Object.keys(FORMATTERS)]),
  visitors: {
    call(node, ctx) {
      const callees = ctx.calleeCandidates(node);
      if (!callees || callees.length === 0) return;
      const marker = callees.find((c) => c in MARKERS);
      if (marker) {
        const arg = ctx.argument(node, 0, MARKERS[marker]);
        if (!arg || isSafeHtml(ctx, arg, 0)) return;
        const name = marker.slice(marker.lastIndexOf('.') + 1);
        ctx.report(node, `${name}() marks text built at run time as safe HTML, so it is inserted without escaping; build it with format_html() or escape() the variable parts first.`);
        return;
      }
      const formatter = callees.find((c) => c in FORMATTERS);
      if (formatter) checkFormatter(ctx, node, formatter);
    },
  },
});

function checkFormatter(ctx: RuleContext, call: SyntaxNode, formatter: string): void {
  const position = FORMATTERS[formatter]!;
  const format = ctx.argument(call, position, 'format_string');
  if (!format) return;
  const name = formatter.slice(formatter.lastIndexOf('.') + 1);
  const template = ctx.stringTemplate(format, { isSafe: (part) => isSafeHtml(ctx, part, 1) });
  if (template.holes.length > 0) {
    ctx.report(call, `${name}() gets a format string that already has values formatted into it, and those are not escaped; keep the format string constant and pass the values as arguments.`);
    return;
  }
  if (position !== 0) return;
  const args = ctx.arguments(call);
  const substitutes = args.positional.length > 1 || args.listSplats.length > 0 || args.dictSplats.length > 0 || [...args.keywords.keys()].some((k) => k !== 'format_string');
  if (substitutes || isSafeHtml(ctx, format, 0)) return;
  ctx.report(call, `${name}() with a pre-built string and no arguments escapes nothing (it acts like mark_safe()); pass a constant format string and the values as arguments.`);
}

/** The expression is constant HTML, escaped or sanitised text, or assembled only from such parts. */
function isSafeHtml(ctx: RuleContext, node: SyntaxNode, depth: number): boolean {
  const n = unwrapParentheses(node);
  if (depth > MAX_DEPTH) return false;
  if (ctx.constantValue(n) !== undefined || ctx.possibleValues(n) !== undefined) return true;
  // Project settings are written by the developers, not by users.
  if (n.type === 'attribute' && ctx.qualifiedName(n)?.startsWith('django.conf.settings.')) return true;
  if (n.type === 'call' && isSafeCall(ctx, n, depth)) return true;
  if (n.type === 'conditional_expression') {
    const [whenTrue, , whenFalse] = namedChildren(n);
    return !!whenTrue && !!whenFalse && isSafeHtml(ctx, whenTrue, depth + 1) && isSafeHtml(ctx, whenFalse, depth + 1);
  }
  if (n.type === 'boolean_operator') {
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    return !!left && !!right && isSafeHtml(ctx, left, depth + 1) && isSafeHtml(ctx, right, depth + 1);
  }
  const template = ctx.stringTemplate(n, { isSafe: (part) => isSafeHtml(ctx, part, depth + 1) });
  if (template.holes.length > 0) return false;
  return template.opaque.every((o) => o.id !== n.id && isSafeHtml(ctx, o, depth + 1));
}

function isSafeCall(ctx: RuleContext, call: SyntaxNode, depth: number): boolean {
  const callees = ctx.calleeCandidates(call) ?? [];
  if (callees.length > 0 && callees.every((c) => SAFE_PRODUCERS.has(c) || c in MARKERS)) return true;
  if (callees.length > 0 && callees.every((c) => TRANSLATIONS.has(c))) {
    const { positional, keywords, listSplats, dictSplats } = ctx.arguments(call);
    return listSplats.length === 0 && dictSplats.length === 0 && [...positional, ...keywords.values()].every((a) => ctx.constantValue(a) !== undefined);
  }
  // Methods of Markup objects escape what they splice in: Markup("<b>{}</b>").format(x), Markup(", ").join(items).
  if (callees.length > 0 && callees.every((c) => /\(\)\.(format|join)$/.test(c) && c.slice(0, c.indexOf('()')) in MARKERS)) return true;
  const fn = call.childForFieldName('function');
  const args = namedChildren(call.childForFieldName('arguments'));
  // str(escape(x)) is still the escaped text.
  if (callees.length === 1 && callees[0] === 'str' && args.length === 1) return isSafeHtml(ctx, args[0]!, depth + 1);
  // "<br>".join(escape(line) for line in lines)
  if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'join') {
    const separator = fn.childForFieldName('object');
    const list = call.childForFieldName('arguments');
    const items = list?.type === 'generator_expression' ? list : args.length === 1 ? args[0]! : undefined;
    return !!separator && !!items && isSafeHtml(ctx, separator, depth + 1) && isSafeItems(ctx, items, depth + 1);
  }
  return false;
}

/** Every element of a list, tuple or comprehension is safe HTML. */
function isSafeItems(ctx: RuleContext, node: SyntaxNode, depth: number): boolean {
  const n = unwrapParentheses(node);
  switch (n.type) {
    case 'list':
    case 'tuple':
      return namedChildren(n).every((e) => isSafeHtml(ctx, e, depth + 1));
    case 'generator_expression':
    case 'list_comprehension': {
      const body = n.childForFieldName('body');
      return !!body && isSafeHtml(ctx, body, depth + 1);
    }
    default:
      return ctx.possibleValues(n) !== undefined;
  }
}
