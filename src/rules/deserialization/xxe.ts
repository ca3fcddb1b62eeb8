// xxe: XML parsers configured to expand external entities (lxml resolve_entities=True, SAX external-entity features).
import { defineRule } from '../../engine/rule.js';
import { isTruthy } from '../../analysis/constants.js';
import { lxmlParserCall, parserOption } from '../xml-parsers.js';
import { flowOf } from '../factories.js';

/** SAX features that make the expat reader fetch external entities, by constant name and by URI. */
const EXTERNAL_ENTITY_FEATURES = new Map([
  ['xml.sax.handler.feature_external_ges', 'general'],
  ['xml.sax.handler.feature_external_pes', 'parameter'],
]);
const EXTERNAL_ENTITY_URIS = new Map([
  ['http://xml.org/sax/features/external-general-entities', 'general'],
  ['http://xml.org/sax/features/external-parameter-entities', 'parameter'],
]);

/** Entry points whose resolve_entities default stayed True until lxml 6.1 (CVE-2026-41066); the others changed in lxml 5.0. */
const OLD_DEFAULT_RESOLVES = new Set(['lxml.etree.iterparse', 'lxml.etree.ETCompatXMLParser']);

export const xxe = defineRule({
  id: 'xxe',
  title: 'XML parser configured to resolve external entities',
  family: 'deserialization',
  checklist: ['Input Validation'],
  level: 'error',
  securitySeverity: 9.1,
  precision: 'medium',
  tier: 'default',
  cwe: [611],
  compatible: {
    bandit: ['B313', 'B314', 'B315', 'B316', 'B317', 'B318', 'B319', 'B405', 'B406', 'B407', 'B408', 'B409'],
    ruff: ['S313', 'S314', 'S315', 'S316', 'S317', 'S318', 'S319', 'S405', 'S406', 'S407', 'S408', 'S409'],
  },
  docs: {
    whatItDoes:
      'Reports XML parsers that are explicitly set up to expand external entities: lxml\'s `XMLParser`, `XMLPullParser`, `iterparse`, `XHTMLParser` and `objectify.makeparser` with `resolve_entities=True` (the message says when `no_network=False` also lets entities reach the network), and SAX readers that turn on `feature_external_ges` or `feature_external_pes` with `setFeature`. Values are resolved through constants and `**kwargs` dicts. `lxml.etree.iterparse()` and `ETCompatXMLParser()` without `resolve_entities` are reported as notes: they kept resolving external entities by default until lxml 6.1. Plain use of `xml.etree`, `minidom`, `pulldom`, `sax` or other lxml parsers with default options is not reported: current CPython never fetches external entities, and lxml 5 and later resolve only internal entities by default in `XMLParser` and the parse functions (older lxml resolved external ones too: upgrading, or passing `resolve_entities=False`, closes that). XSLT stylesheets that read files (`lxml.etree.XSLT` access control) are out of scope. With data flow, a request body that reaches `lxml.etree.fromstring`, `parse` or `XML` together with such a parser is also reported at the parse call, with the path the data took.',
    whyBad:
      'An external entity is a reference, inside the document, to a file or URL whose content the parser pastes in. With resolution on, whoever writes the XML can read files such as `/etc/passwd` or cloud credentials back through the parsed result and, where network access is allowed, make the server send requests to internal addresses.',
    example:
      'from lxml import etree\n\ndef parse_upload(data):\n    parser = etree.XMLParser(resolve_entities=True)\n    return etree.fromstring(data, parser)\n',
    useInstead:
      'from lxml import etree\n\ndef parse_upload(data):\n    parser = etree.XMLParser(resolve_entities=False, no_network=True)\n    return etree.fromstring(data, parser)\n',
    references: [
      'https://cwe.mitre.org/data/definitions/611.html',
      'https://lxml.de/FAQ.html#how-do-i-use-lxml-safely-as-a-web-service-endpoint',
      'https://docs.python.org/3/library/xml.html#xml-vulnerabilities',
      'https://cheatsheetseries.owasp.org/cheatsheets/XML_External_Entity_Prevention_Cheat_Sheet.html',
      'https://github.com/lxml/lxml/security/advisories/GHSA-vfmq-68hx-4jfw',
    ],
  },
  visitors: {
    // Data flow: untrusted documents parsed with a parser that resolves entities (the parser is reported above too).
    module(_node, ctx) {
      // A hit is reported only when its parser comes from an lxml parser call.
      if (!ctx.importsPackage('lxml')) return;
      for (const hit of ctx.taintHits(['xxe'])) {
        const call = hit.sink.parent?.type === 'argument_list' ? hit.sink.parent.parent : hit.sink.parent?.parent?.parent;
        if (!call || call.type !== 'call') continue;
        const parserArg = ctx.argument(call, 1, 'parser');
        if (!parserArg) continue;
        const resolving = (ctx.originCalls(parserArg) ?? []).some((c) => lxmlParserCall(ctx, c) && parserOption(ctx, c, 'resolve_entities') === 'true');
        if (!resolving) continue;
        const what = hit.label.description;
        ctx.report(hit.sink, `${what.charAt(0).toUpperCase()}${what.slice(1)} is parsed by ${hit.sinkName} with a parser that resolves external entities; parse untrusted XML with resolve_entities=False (or defusedxml).`, { flow: flowOf(hit) });
      }
    },
    call(node, ctx) {
      const parser = ctx.importsPackage('lxml') ? lxmlParserCall(ctx, node) : undefined;
      if (parser) {
        const resolve = parserOption(ctx, node, 'resolve_entities');
        const name = parser.slice(parser.lastIndexOf('.') + 1);
        if (resolve === 'absent' && OLD_DEFAULT_RESOLVES.has(parser) && parserOption(ctx, node, 'html') !== 'true') {
          ctx.report(
            node,
            `${name}() resolves external entities by default in lxml before 6.1, so a document can pull local files into the parsed result; pass resolve_entities=False (or require lxml 6.1 or later).`,
            { level: 'note' },
          );
          return;
        }
        if (resolve !== 'true') return;
        if (parserOption(ctx, node, 'no_network') === 'false') {
          ctx.report(node, `${name}() with resolve_entities=True and no_network=False expands external entities, so a document can read local files and make the server fetch URLs; set resolve_entities=False and keep no_network=True.`);
        } else {
          ctx.report(node, `${name}() with resolve_entities=True expands external entities, so a document can pull local files into the parsed result; set resolve_entities=False (or leave lxml 5's default, 'internal').`);
        }
        return;
      }
      const fn = node.childForFieldName('function');
      if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'setFeature') return;
      const feature = ctx.argument(node, 0, 'name');
      const state = ctx.argument(node, 1, 'state');
      if (!feature || !state) return;
      const kind = EXTERNAL_ENTITY_FEATURES.get(ctx.qualifiedName(feature) ?? '') ?? EXTERNAL_ENTITY_URIS.get(ctx.stringValue(feature) ?? '');
      const value = ctx.constantValue(state);
      if (!kind || value === undefined || !isTruthy(value)) return;
      ctx.report(node, `Turning on external ${kind} entities makes the SAX parser fetch the files and URLs a document's entities point to; leave the feature off (the default).`);
    },
  },
});
