// logging-config-listen: logging.config.listen() started without a verify callable.
import { defineRule, importsAnyPackage } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

/** `lambda b: b` returns what it was given: a verify hook that checks nothing. */
function isIdentityLambda(node: SyntaxNode): boolean {
  if (node.type !== 'lambda') return false;
  const params = node.childForFieldName('parameters')?.namedChildren.filter((p) => p !== null && p.type !== 'comment') ?? [];
  const body = node.childForFieldName('body');
  return params.length === 1 && params[0]!.type === 'identifier' && body?.type === 'identifier' && body.text === params[0]!.text;
}

export const loggingConfigListen = defineRule({
  id: 'logging-config-listen',
  title: 'logging.config.listen() accepts configuration without verification',
  family: 'logging',
  checklist: ['Code Injection Prevention', 'Logging and Monitoring'],
  level: 'warning',
  securitySeverity: 6.5,
  precision: 'high',
  tier: 'default',
  cwe: [94],
  compatible: { bandit: ['B612'], ruff: ['S612'] },
  docs: {
    whatItDoes:
      'Reports calls to `logging.config.listen()` (under any import alias) that do not pass a `verify` callable, either as the second positional argument or as `verify=`. An explicit `verify=None`, a constant bound to None, and a `lambda b: b` that returns its input unchanged count as missing.',
    whyBad:
      'The listener opens a socket and applies whatever logging configuration arrives on it. A configuration can name arbitrary classes, handlers and filters to instantiate, and the file-config format is evaluated, so any process or user able to reach the port can run code inside the application. Without a verify hook there is no check that the bytes came from a trusted sender.',
    example: 'import logging.config\n\nlistener = logging.config.listen(9030)\nlistener.start()\n',
    useInstead:
      'import hmac\nimport logging.config\n\nKEY = b"loaded-from-a-secret-store"\n\n\ndef verify(data):\n    signature, payload = data[:32], data[32:]\n    expected = hmac.digest(KEY, payload, "sha256")\n    return payload if hmac.compare_digest(signature, expected) else None\n\n\nlistener = logging.config.listen(9030, verify=verify)\nlistener.start()\n',
    references: [
      'https://docs.python.org/3/library/logging.config.html#logging.config.listen',
      'https://cwe.mitre.org/data/definitions/94.html',
    ],
  },
  appliesTo: importsAnyPackage(['logging']),
  visitors: {
    call(node, ctx) {
      if (ctx.callee(node) !== 'logging.config.listen') return;
      const args = ctx.arguments(node);
      const keyword = ctx.keyword(node, 'verify');
      let verify: SyntaxNode | undefined;
      if (keyword.present) {
        // A callable (or something unknown) was passed, unless it is None or a hook that checks nothing.
        const useless = keyword.value === null || (keyword.node !== undefined && isIdentityLambda(keyword.node));
        if (!useless) return;
        verify = keyword.node;
      } else {
        const positional = args.positional[1];
        if (positional) {
          if (ctx.constantValue(positional) !== null && !isIdentityLambda(positional)) return;
          verify = positional;
        } else if (keyword.maybeInUnknownSplat || args.listSplats.length > 0) {
          return; // verify may arrive through *args or **kwargs we cannot see
        }
      }
      const what = verify && ctx.constantValue(verify) !== null ? 'a verify hook that checks nothing' : 'no verify callable';
      ctx.report(
        node,
        `logging.config.listen() is started with ${what}, so anyone who can reach the port can push a configuration that runs code; pass verify= with a function that checks a signature or shared-secret MAC.`,
      );
    },
  },
});
