// checkUse(): what a boolean check decides — whether failing it rejects the input (raise, abort, return), whether it is
// the result of a predicate function, and which code runs only when it passes.
import type { SyntaxNode } from '../parser/python.js';
import { namedChildren, unwrapParentheses } from './syntax.js';

export interface CheckUse {
  /**
   * 'reject': failing the check raises, aborts or returns (`if not ok(x): abort(400)`, `assert ok(x)`, or an `else`
   * that does); 'predicate': the check is what its function returns (`return pattern.match(x) is not None`);
   * 'branch': it selects a branch and nothing is rejected.
   */
  kind: 'reject' | 'predicate' | 'branch';
  /** The function that holds the check (for a predicate: the validator). */
  fn?: SyntaxNode;
  /** Blocks that run only when the check passes (the branch taken, or the rest of the block after a rejecting `if`). */
  passing: SyntaxNode[];
}

export interface CheckUseEnvironment {
  callee(call: SyntaxNode): string | undefined;
  enclosingFunction(node: SyntaxNode): SyntaxNode | undefined;
}

/** Calls that never return: failing branches that call them reject. */
const ABORTS = new Set(['flask.abort', 'werkzeug.exceptions.abort', 'quart.abort', 'bottle.abort', 'sys.exit', 'exit', 'quit', 'os._exit', 'pytest.fail']);
/** Responses that tell the client the request was refused. */
const REFUSALS = /^(django\.http\.HttpResponse(BadRequest|Forbidden|NotAllowed)|rest_framework\.response\.Response|fastapi\.HTTPException|starlette\.exceptions\.HTTPException)$/;

/** The block rejects: its statements raise, abort or return (a refusal, False/None, or anything). */
function rejects(block: SyntaxNode | null | undefined, env: CheckUseEnvironment): boolean {
  if (!block) return false;
  for (const stmt of namedChildren(block)) {
    if (stmt.type === 'raise_statement' || stmt.type === 'return_statement') return true;
    if (stmt.type === 'expression_statement') {
      const call = namedChildren(stmt)[0];
      if (call?.type === 'call') {
        const callee = env.callee(call) ?? '';
        if (ABORTS.has(callee) || REFUSALS.test(callee)) return true;
      }
    }
  }
  return false;
}

/** A statement after `if ok: …` that refuses: raise, abort, or `return False`. */
function failsAfter(stmt: SyntaxNode, env: CheckUseEnvironment): boolean {
  if (stmt.type === 'raise_statement') return true;
  if (stmt.type === 'return_statement') return namedChildren(stmt)[0]?.type === 'false';
  const call = stmt.type === 'expression_statement' ? namedChildren(stmt)[0] : undefined;
  return call?.type === 'call' && ABORTS.has(env.callee(call) ?? '');
}

/** Statements after `stmt` in its block, as a list of nodes (each statement). */
function following(stmt: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let s = stmt.nextNamedSibling; s; s = s.nextNamedSibling) if (s.type !== 'comment') out.push(s);
  return out;
}

/**
 * How the boolean expression `check` is used. Walks up through `not`, parentheses, `bool()`, `is None` / `is not None`
 * comparisons and `and`/`or` chains (keeping track of polarity) to the statement that decides on it.
 * Undefined when the value is not used as a decision (stored, logged, passed on). `negated`: check is true when the
 * tested property does not hold (`host not in url`).
 */
export function checkUse(check: SyntaxNode, env: CheckUseEnvironment, negated = false): CheckUse | undefined {
  let node = check;
  let positive = !negated;
  for (let step = 0; step < 12; step++) {
    const p = node.parent;
    if (!p) return undefined;
    if (p.type === 'parenthesized_expression') {
      node = p;
      continue;
    }
    if (p.type === 'not_operator') {
      positive = !positive;
      node = p;
      continue;
    }
    if (p.type === 'boolean_operator') {
      node = p;
      continue;
    }
    if (p.type === 'argument_list' && p.parent?.type === 'call' && env.callee(p.parent) === 'bool' && namedChildren(p).length === 1) {
      node = p.parent;
      continue;
    }
    if (p.type === 'comparison_operator') {
      const ops = p.childrenForFieldName('operators').map((o) => o.text.replace(/\s+/g, ' '));
      const others = namedChildren(p).filter((c) => c.id !== node.id);
      if (ops.length !== 1 || others.length !== 1 || unwrapParentheses(others[0]!).type !== 'none') return undefined;
      if (ops[0] === 'is' || ops[0] === '==') positive = !positive;
      else if (ops[0] !== 'is not' && ops[0] !== '!=') return undefined;
      node = p;
      continue;
    }
    const fn = env.enclosingFunction(p);
    if (p.type === 'assert_statement') return { kind: 'reject', ...(fn ? { fn } : {}), passing: following(p) };
    if (p.type === 'return_statement') return { kind: 'predicate', ...(fn ? { fn } : {}), passing: [] };
    if ((p.type === 'if_statement' || p.type === 'elif_clause') && p.childForFieldName('condition')?.id === node.id) {
      const ifStmt = p.type === 'if_statement' ? p : p.parent!;
      const consequence = p.childForFieldName('consequence');
      const alternatives = ifStmt.childrenForFieldName('alternative');
      const elseBody = alternatives.map((a) => (a.type === 'else_clause' ? a.childForFieldName('body') : null)).find((b) => b) ?? null;
      if (!positive) {
        // `if not ok: reject` — the rest of the block runs only when the check passed.
        if (rejects(consequence, env)) return { kind: 'reject', ...(fn ? { fn } : {}), passing: [...(elseBody ? [elseBody] : []), ...following(ifStmt)] };
        return { kind: 'branch', ...(fn ? { fn } : {}), passing: elseBody ? [elseBody] : [] };
      }
      const passing = consequence ? [consequence] : [];
      if (rejects(elseBody, env)) return { kind: 'reject', ...(fn ? { fn } : {}), passing };
      // `if ok: return …` followed by a raise: the code after the if is the failure path.
      const after = following(ifStmt)[0];
      if (after && failsAfter(after, env)) return { kind: 'reject', ...(fn ? { fn } : {}), passing };
      return { kind: 'branch', ...(fn ? { fn } : {}), passing };
    }
    if (p.type === 'conditional_expression' && namedChildren(p)[1]?.id === node.id) {
      const [whenTrue, , whenFalse] = namedChildren(p);
      const taken = positive ? whenTrue : whenFalse;
      return { kind: 'branch', ...(fn ? { fn } : {}), passing: taken ? [taken] : [] };
    }
    return undefined;
  }
  return undefined;
}
