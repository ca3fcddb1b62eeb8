// xml-bomb: lxml parsers with huge_tree=True, which lifts libxml2's limits on depth, size and entity expansion.
import { defineRule } from '../../engine/rule.js';
import { lxmlParserCall, parserOption } from '../xml-parsers.js';

export const xmlBomb = defineRule({
  id: 'xml-bomb',
  title: 'XML parser with its resource limits lifted',
  family: 'deserialization',
  checklist: ['Input Validation'],
  level: 'warning',
  securitySeverity: 7.5,
  precision: 'medium',
  tier: 'extended',
  cwe: [776],
  compatible: {
    bandit: ['B313', 'B314', 'B315', 'B316', 'B317', 'B318', 'B319'],
    ruff: ['S313', 'S314', 'S315', 'S316', 'S317', 'S318', 'S319'],
  },
  docs: {
    whatItDoes:
      'Reports lxml parsers created with `huge_tree=True` (`XMLParser`, `XMLPullParser`, `iterparse`, `XHTMLParser`, `objectify.makeparser`), resolved through constants and `**kwargs` dicts; the message says whether entity expansion is still on. Standard-library parsers (`xml.etree`, `minidom`, `pulldom`, `sax`) are not reported: the expat bundled with CPython since 3.9.6 / 3.10 (and distribution builds with expat 2.4.1 or later) stops billion-laughs expansion on its own, so whether they are exposed depends on the runtime, not on the code. Use `defusedxml` where an old Python or system expat must be supported.',
    whyBad:
      'libxml2 normally refuses documents that nest too deeply, hold giant text nodes or expand entities far beyond their own size. `huge_tree=True` removes those guards, so a few kilobytes of nested entity definitions ("billion laughs") or an oversized document can use up the memory and CPU of the process that parses it.',
    example: 'from lxml import etree\n\ndef parse_feed(data):\n    parser = etree.XMLParser(huge_tree=True)\n    return etree.fromstring(data, parser)\n',
    useInstead: 'from lxml import etree\n\ndef parse_feed(data):\n    parser = etree.XMLParser(resolve_entities=False)\n    return etree.fromstring(data, parser)\n',
    references: [
      'https://cwe.mitre.org/data/definitions/776.html',
      'https://lxml.de/api/lxml.etree.XMLParser-class.html',
      'https://docs.python.org/3/library/xml.html#xml-vulnerabilities',
      'https://pypi.org/project/defusedxml/',
    ],
  },
  visitors: {
    call(node, ctx) {
      const parser = lxmlParserCall(ctx, node);
      if (!parser || parserOption(ctx, node, 'huge_tree') !== 'true') return;
      const name = parser.slice(parser.lastIndexOf('.') + 1);
      if (parserOption(ctx, node, 'resolve_entities') === 'false') {
        ctx.report(node, `${name}() with huge_tree=True lifts libxml2's depth and size limits, so an oversized document can exhaust memory; drop huge_tree unless the input is trusted.`);
      } else {
        ctx.report(node, `${name}() with huge_tree=True lifts libxml2's limits on entity expansion, depth and size, so a small document with nested entities can exhaust memory; drop huge_tree, or at least pass resolve_entities=False.`);
      }
    },
  },
});
