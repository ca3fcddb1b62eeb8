// swallowed-broad-exception: `except:` / `except Exception:` handlers that do nothing but pass or continue.
import { namedChildren, unwrapParentheses } from '../../analysis/syntax.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

const BROAD = new Set(['Exception', 'BaseException']);

/** The exception types a handler names, without its `as name` part; empty for a bare `except:`. */
function handledTypes(clause: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const value of clause.childrenForFieldName('value')) {
    let type: SyntaxNode | undefined = value;
    if (type.type === 'as_pattern') type = namedChildren(type).find((c) => c.type !== 'as_pattern_target');
    type = unwrapParentheses(type);
    if (!type) continue;
    if (type.type === 'tuple' || type.type === 'expression_list') out.push(...namedChildren(type).map((t) => unwrapParentheses(t)));
    else out.push(type);
  }
  return out;
}

/** The broad class a handler catches (`Exception`, `BaseException`, or a bare except), if any. */
function broadType(clause: SyntaxNode, ctx: RuleContext): string | undefined {
  const types = handledTypes(clause);
  if (types.length === 0) return clause.childrenForFieldName('value').length === 0 ? 'everything' : undefined;
  for (const t of types) {
    const name = ctx.qualifiedName(t);
    if (name !== undefined && BROAD.has(name)) return name;
  }
  return undefined;
}

/** The statement kinds a handler body consists of, when each one only discards the error. */
function discardingStatements(body: SyntaxNode): string[] | undefined {
  const kinds: string[] = [];
  for (const stmt of namedChildren(body)) {
    if (stmt.type === 'pass_statement') kinds.push('pass');
    else if (stmt.type === 'continue_statement') kinds.push('continue');
    else if (stmt.type === 'expression_statement' && namedChildren(stmt).every((e) => e.type === 'ellipsis' || e.type === 'string')) kinds.push('...');
    else return undefined;
  }
  return kinds.length > 0 ? kinds : undefined;
}

/** Finalisers must not raise: swallowing everything in `__del__` is the documented expectation. */
function isInFinaliser(clause: SyntaxNode, ctx: RuleContext): boolean {
  const fn = ctx.enclosingFunction(clause);
  return fn?.childForFieldName('name')?.text === '__del__';
}

export const swallowedBroadException = defineRule({
  id: 'swallowed-broad-exception',
  title: 'Broad exception handler that silently discards the error',
  family: 'sensitive-data',
  checklist: ['Error Handling'],
  level: 'note',
  securitySeverity: 2.0,
  precision: 'high',
  tier: 'extended',
  cwe: [390],
  compatible: { bandit: ['B110', 'B112'], ruff: ['S110', 'S112'] },
  docs: {
    whatItDoes:
      'Reports exception handlers that catch everything — a bare `except:`, `except Exception:` or `except BaseException:` (also inside a tuple, and through aliases such as `builtins.Exception`) — and whose body does nothing but `pass`, `continue` or `...`. Handlers for specific exceptions, handlers that log, re-raise, return or record anything, and handlers inside `__del__` finalisers are not reported.',
    whyBad:
      'A handler that catches every exception and drops it hides failures of all kinds: a permission check or signature verification that raised, a failed write of an audit record, a database error that left data half-updated, even programming mistakes such as a `NameError`. The program carries on in a state nobody checked, and nothing in the logs shows that anything went wrong, which makes both attacks and bugs hard to notice and investigate.',
    example: 'import json\n\ndef load_settings(path):\n    settings = {}\n    try:\n        with open(path) as fh:\n            settings = json.load(fh)\n    except Exception:\n        pass\n    return settings\n',
    useInstead:
      'import json\nimport logging\n\nlog = logging.getLogger(__name__)\n\ndef load_settings(path):\n    settings = {}\n    try:\n        with open(path) as fh:\n            settings = json.load(fh)\n    except FileNotFoundError:\n        log.info("no settings file at %s, using defaults", path)\n    except json.JSONDecodeError:\n        log.exception("settings file %s is not valid JSON", path)\n    return settings\n',
    references: [
      'https://cwe.mitre.org/data/definitions/390.html',
      'https://cwe.mitre.org/data/definitions/703.html',
      'https://docs.python.org/3/tutorial/errors.html#handling-exceptions',
      'https://docs.python.org/3/library/contextlib.html#contextlib.suppress',
    ],
  },
  visitors: {
    except_clause(node, ctx) {
      const caught = broadType(node, ctx);
      if (!caught) return;
      const body = namedChildren(node).find((c) => c.type === 'block');
      const kinds = body ? discardingStatements(body) : undefined;
      if (!kinds || isInFinaliser(node, ctx)) return;
      const handler = caught === 'everything' ? 'A bare `except:`' : `\`except ${caught}:\``;
      const action = kinds.includes('continue') ? 'skips to the next iteration' : 'does nothing';
      ctx.report(
        node,
        `${handler} catches every error and ${action}, so failures vanish without a trace; catch the specific exceptions you expect and log or handle them (contextlib.suppress(SpecificError) for ones that are truly safe to ignore).`,
      );
    },
  },
});
