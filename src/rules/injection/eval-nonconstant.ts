// eval-nonconstant: eval()/exec() of code that is not a constant string.
import { defineRule } from '../../engine/rule.js';

const EVALUATORS: Record<string, string> = { eval: 'eval', exec: 'exec' };

export const evalNonconstant = defineRule({
  id: 'eval-nonconstant',
  title: 'eval or exec of code that is not a constant',
  family: 'injection',
  checklist: ['Code Injection Prevention'],
  level: 'warning',
  securitySeverity: 6.5,
  precision: 'medium',
  tier: 'default',
  cwe: [95],
  compatible: { bandit: ['B102', 'B307'], ruff: ['S102', 'S307'] },
  docs: {
    whatItDoes:
      'Reports calls to the built-in `eval()` and `exec()` whose code argument is not a constant string after constant folding. Aliases such as `builtins.eval` and `getattr(builtins, "eval")` are resolved; a local function that happens to be named `eval` is not the builtin and is ignored.',
    whyBad:
      'Both functions run arbitrary Python with the privileges of the process. When any part of the code string comes from outside the program (a request, a file, an environment variable, a message queue), whoever controls that part controls the process.',
    example: 'def total(expression):\n    return eval(expression)\n',
    useInstead:
      'import ast\n\ndef total(expression):\n    return ast.literal_eval(expression)\n',
    references: [
      'https://cwe.mitre.org/data/definitions/95.html',
      'https://docs.python.org/3/library/ast.html#ast.literal_eval',
      'https://docs.python.org/3/library/functions.html#eval',
    ],
  },
  visitors: {
    call(node, ctx) {
      const callee = ctx.callee(node);
      const name = callee !== undefined ? EVALUATORS[callee] : undefined;
      if (!name) return;
      const code = ctx.argument(node, 0, name === 'eval' ? 'expression' : 'source');
      if (!code) return;
      if (ctx.stringValue(code) !== undefined) return;
      const hint = name === 'eval' ? 'use ast.literal_eval() for data, or a dispatch table for choices' : 'call the functions you need directly instead';
      ctx.report(node, `${name}() runs code built at run time; ${hint}.`);
    },
  },
});
