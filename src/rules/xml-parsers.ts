// The lxml calls that accept libxml2 parser options (resolve_entities, no_network, load_dtd, huge_tree).
import type { RuleContext } from '../engine/context.js';
import type { SyntaxNode } from '../parser/python.js';
import { isTruthy } from '../analysis/constants.js';

/** Parser classes and functions that build a libxml2 XML parser from keyword options. */
export const LXML_PARSER_CALLS = new Set([
  'lxml.etree.XMLParser',
  'lxml.etree.XMLPullParser',
  'lxml.etree.ETCompatXMLParser',
  'lxml.etree.iterparse',
  'lxml.html.XHTMLParser',
  'lxml.objectify.makeparser',
]);

/** The lxml parser call this is, if any (aliases and import fallbacks resolved). */
export function lxmlParserCall(ctx: RuleContext, call: SyntaxNode): string | undefined {
  return ctx.calleeCandidates(call)?.find((c) => LXML_PARSER_CALLS.has(c));
}

export type OptionValue = 'true' | 'false' | 'absent' | 'unknown' | 'internal';

/** A keyword option's value after folding constants and `**kwargs` dicts. */
export function parserOption(ctx: RuleContext, call: SyntaxNode, name: string): OptionValue {
  const keyword = ctx.keyword(call, name);
  if (!keyword.present) return keyword.maybeInUnknownSplat ? 'unknown' : 'absent';
  const value = keyword.value;
  if (value === undefined) return 'unknown';
  if (value === 'internal') return 'internal';
  return isTruthy(value) ? 'true' : 'false';
}
