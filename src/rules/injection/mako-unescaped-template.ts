// mako-unescaped-template: Mako templates or lookups whose default filters do not HTML-escape expressions.
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';
import { combineKinds, destinationKind, fileNameKind, namesKind, sourceKind, type OutputKind } from '../template-output.js';

const TEMPLATE = new Set(['mako.template.Template']);
const LOOKUP = new Set(['mako.lookup.TemplateLookup']);
/** Mako's escaping filters (`h` HTML, `x` XML) and escaping functions made available through `imports=`. */
const ESCAPING_FILTERS = new Set(['h', 'x']);
/** `u` and `url_escape` percent-encode for URLs; `trim`, `n`, `str` and `decode.*` do not touch markup. */
const ESCAPE_FUNCTION = /(^|\.)(html_escape|xml_escape|escape|conditional_escape|escape_silent)$/;

type Filters = 'escaping' | 'missing' | 'unknown';

function defaultFilters(ctx: RuleContext, call: SyntaxNode): Filters {
  const keyword = ctx.keyword(call, 'default_filters');
  if (!keyword.present) return keyword.maybeInUnknownSplat || ctx.arguments(call).listSplats.length > 0 ? 'unknown' : 'missing';
  const value = keyword.value;
  if (value === null) return 'missing';
  if (!Array.isArray(value)) return 'unknown';
  return value.some((f) => typeof f === 'string' && (ESCAPING_FILTERS.has(f.trim()) || ESCAPE_FUNCTION.test(f.trim()))) ? 'escaping' : 'missing';
}

/** Constant template text escapes on its own: a page-wide expression filter, or `| h` (or `| x`) on every `${…}`. */
function escapesEachExpression(text: string): boolean {
  // `<%page expression_filter="h"/>` sets the filter for the whole template.
  if (/<%page\b[^>]*\bexpression_filter\s*=\s*["'][^"']*\b[hx]\b/.test(text)) return true;
  const expressions = [...text.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]!);
  return expressions.length > 0 && expressions.every((e) => {
    const bar = e.lastIndexOf('|');
    if (bar < 0) return false;
    const filters = e.slice(bar + 1).split(',').map((f) => f.trim());
    return filters.some((f) => ESCAPING_FILTERS.has(f) || ESCAPE_FUNCTION.test(f));
  });
}

function outputKind(ctx: RuleContext, call: SyntaxNode, isTemplate: boolean): OutputKind {
  const kinds: OutputKind[] = [destinationKind(ctx, call)];
  if (isTemplate) {
    kinds.push(sourceKind(ctx, ctx.argument(call, 0, 'text')));
    for (const key of ['filename', 'uri']) {
      const name = ctx.stringValue(ctx.argument(call, key === 'filename' ? 1 : 2, key));
      if (name !== undefined) kinds.push(fileNameKind(name));
    }
  } else {
    for (const use of ctx.methodCallsOn(call)) {
      const method = use.childForFieldName('function')?.childForFieldName('attribute')?.text;
      if (method === 'get_template') kinds.push(namesKind(ctx, ctx.argument(use, 0, 'uri')));
    }
  }
  return combineKinds(kinds);
}

export const makoUnescapedTemplate = defineRule({
  id: 'mako-unescaped-template',
  title: 'Mako template without an HTML-escaping default filter',
  family: 'injection',
  checklist: ['Input Validation'],
  level: 'note',
  securitySeverity: 4.3,
  precision: 'medium',
  tier: 'extended',
  cwe: [79],
  compatible: { bandit: ['B702'], ruff: ['S702'] },
  docs: {
    whatItDoes:
      'Reports `mako.template.Template` and `mako.lookup.TemplateLookup` objects whose `default_filters` (resolved through constants and `**kwargs` dicts) has no HTML-escaping filter (`h`, `x`, or an escape function such as `html_escape`). It stays silent when the filters escape, when every `${…}` expression of a constant template carries `| h`, and when the file shows the templates are not HTML (`filename="report.txt"`, `lookup.get_template("schema.sql")`, constant template text without markup).',
    whyBad:
      'Mako writes `${expression}` results into the output without escaping unless a filter says otherwise, and its default filter only converts values to text. In an HTML page a value holding `<script>` then runs in the reader\'s browser (cross-site scripting). Adding `h` to `default_filters` makes escaping the rule instead of something each expression must remember.',
    example: 'from mako.lookup import TemplateLookup\n\nlookup = TemplateLookup(directories=["templates"])\npage = lookup.get_template("account.html")\n',
    useInstead:
      'from mako.lookup import TemplateLookup\n\nlookup = TemplateLookup(directories=["templates"], default_filters=["h"])\npage = lookup.get_template("account.html")\n',
    references: [
      'https://cwe.mitre.org/data/definitions/79.html',
      'https://docs.makotemplates.org/en/latest/filtering.html#the-default-filters-argument',
      'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html',
    ],
  },
  visitors: {
    call(node, ctx) {
      const callees = ctx.calleeCandidates(node) ?? [];
      const isTemplate = callees.some((c) => TEMPLATE.has(c));
      if (!isTemplate && !callees.some((c) => LOOKUP.has(c))) return;
      if (defaultFilters(ctx, node) !== 'missing') return;
      if (isTemplate) {
        const text = ctx.stringValue(ctx.argument(node, 0, 'text'));
        if (text !== undefined && escapesEachExpression(text)) return;
      }
      if (outputKind(ctx, node, isTemplate) === 'text') return;
      const what = isTemplate ? 'Mako Template' : 'Mako TemplateLookup';
      ctx.report(node, `${what} without an HTML-escaping default filter writes \${…} values into the output unescaped; pass default_filters=["h"] (or escape each expression with | h).`);
    },
  },
});
