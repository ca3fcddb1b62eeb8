// sql-query-string-formatting: SQL text assembled with +, %, str.format or an f-string from non-constant values
// reaches an API that executes it.
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import { HOLE } from '../../analysis/string-template.js';
import type { SyntaxNode } from '../../parser/python.js';
import { namedChildren as named } from '../../analysis/syntax.js';

/** How sure the sink is that its argument is SQL: 'none' = the API only takes SQL; otherwise the text must look like SQL. */
type Scan = 'none' | 'statement' | 'statement-or-clause';

interface Sink {
  api: string;
  queries: SyntaxNode[];
  scan: Scan;
}

/** Functions that only ever take SQL text. */
const SQL_FUNCTIONS: Record<string, string> = {
  'sqlalchemy.text': 'sql',
  'sqlalchemy.sql.text': 'sql',
  'sqlalchemy.sql.expression.text': 'sql',
  'sqlmodel.text': 'sql',
  'pandas.read_sql': 'sql',
  'pandas.read_sql_query': 'sql',
  'pandas.io.sql.read_sql': 'sql',
  'pandas.io.sql.read_sql_query': 'sql',
};

/** Methods that execute their first argument as SQL on a DB-API cursor/connection, SQLAlchemy, asyncpg, aiosqlite, databases… */
const METHODS: Record<string, Scan> = {
  execute: 'statement-or-clause',
  executemany: 'statement-or-clause',
  executescript: 'statement-or-clause',
  exec_driver_sql: 'none',
  fetch: 'statement',
  fetchrow: 'statement',
  fetchval: 'statement',
  fetch_all: 'statement',
  fetch_one: 'statement',
  fetch_val: 'statement',
  raw: 'statement',
  sql: 'statement',
  query: 'statement',
};
const QUERY_KEYWORDS = ['query', 'sql', 'operation', 'statement', 'raw_query'];
/** Django QuerySet.extra() arguments that hold raw SQL fragments. */
const EXTRA_KEYWORDS = ['where', 'select', 'tables', 'order_by'];

/** Quoting and escaping helpers of the database drivers (identifier or literal quoting). */
const SQL_QUOTES = new Set(['quote_name', 'quote_ident', 'quote_identifier', 'escape_identifier', 'escape_string', 'escape_literal', 'quote_literal']);

const STATEMENT_SHAPES: RegExp[] = [
  /^[\s(]*select\s/,
  /\bselect\b[\s\S]*?\bfrom\b/,
  /\binsert\s+(?:ignore\s+|or\s+\w+\s+)?into\b/,
  /\bupdate\b[\s\S]*?\bset\b/,
  /\bdelete\b[\s\S]*?\bfrom\b/,
  /\b(?:replace|merge)\s+into\b/,
  /\b(?:create|drop)\s+(?:or\s+replace\s+)?(?:(?:global|local|temp|temporary|unique|materialized|virtual|unlogged|if\s+exists|if\s+not\s+exists)\s+)*(?:table|view|index|database|schema|trigger|sequence|function|procedure|extension|role|user)\b/,
  /\balter\s+(?:table|view|index|database|schema|sequence|user|role)\b/,
  /\btruncate\s+(?:table\s+)?\S/,
  /^[\s(]*with\s+(?:recursive\s+)?\S+\s+as\s*\(/,
  /^\s*(?:grant|revoke)\s[\s\S]*\b(?:on|to|from)\b/,
  /^\s*pragma\s+\S/,
  /^\s*vacuum\b/,
  /^\s*copy\s+\S[\s\S]*\b(?:from|to)\b/,
  /^\s*set\s+(?:session\s+|local\s+)?[\w.]+\s*(?:=|to\s)/,
];
const CLAUSE_SHAPES: RegExp[] = [/\bwhere\b/, /\border\s+by\b/, /\bgroup\s+by\b/, /\bvalues\s*\(/, new RegExp(`\\blimit\\s+(?:\\d|${HOLE})`), /\bjoin\b[\s\S]*\bon\b/];

function looksLikeSql(text: string, scan: Scan): boolean {
  if (scan === 'none') return true;
  const t = text.toLowerCase().replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
  if (STATEMENT_SHAPES.some((re) => re.test(t))) return true;
  return scan === 'statement-or-clause' && CLAUSE_SHAPES.some((re) => re.test(t));
}

function methodName(call: SyntaxNode): string | undefined {
  const fn = call.childForFieldName('function');
  return fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
}

/** The SQL fragments of a QuerySet.extra() argument: list items, dict values, or the expression itself. */
function fragments(node: SyntaxNode, ctx: RuleContext): SyntaxNode[] {
  let n: SyntaxNode | undefined = node;
  if (n.type === 'identifier') {
    const values = ctx.boundValues(n);
    if (values?.length === 1 && values[0]!.kind === 'assign') n = values[0]!.node;
  }
  if (n.type === 'list' || n.type === 'tuple') return named(n).filter((e) => !e.type.endsWith('splat'));
  if (n.type === 'dictionary') return named(n).flatMap((p) => (p.type === 'pair' && p.childForFieldName('value') ? [p.childForFieldName('value')!] : []));
  return [node];
}

function sinkOf(call: SyntaxNode, ctx: RuleContext): Sink | undefined {
  const callee = ctx.callee(call);
  const method = methodName(call);
  if (callee !== undefined) {
    const keyword = SQL_FUNCTIONS[callee];
    if (keyword !== undefined) {
      const q = ctx.argument(call, 0, keyword);
      return q ? { api: `${callee}()`, queries: [q], scan: 'none' } : undefined;
    }
    if (callee.startsWith('django.') && callee.endsWith('.RawSQL')) {
      const q = ctx.argument(call, 0, 'sql');
      return q ? { api: 'Django RawSQL()', queries: [q], scan: 'none' } : undefined;
    }
  }
  if (method === undefined) return undefined;
  if (method === 'extra') {
    const args = ctx.arguments(call);
    const queries = EXTRA_KEYWORDS.flatMap((k) => {
      const v = args.keywords.get(k);
      return v ? fragments(v, ctx) : [];
    });
    return queries.length > 0 ? { api: 'QuerySet.extra()', queries, scan: 'none' } : undefined;
  }
  const scan = Object.hasOwn(METHODS, method) ? METHODS[method] : undefined;
  if (!scan) return undefined;
  const args = ctx.arguments(call);
  let q: SyntaxNode | undefined = args.positional[0];
  for (const k of QUERY_KEYWORDS) q ??= args.keywords.get(k);
  return q ? { api: `.${method}()`, queries: [q], scan } : undefined;
}

export const sqlQueryStringFormatting = defineRule({
  id: 'sql-query-string-formatting',
  title: 'SQL query built by string formatting from non-constant values',
  family: 'injection',
  checklist: ['SQL Injection Prevention'],
  level: 'warning',
  securitySeverity: 6.3,
  precision: 'medium',
  tier: 'default',
  cwe: [89],
  compatible: { bandit: ['B608', 'B610', 'B611'], ruff: ['S608', 'S610', 'S611'] },
  docs: {
    whatItDoes:
      'Reports SQL text assembled with `+`, `%`, `str.format()`, f-strings or `+=` from values that are not constants when it reaches an API that executes it: DB-API `execute`/`executemany`/`executescript`, SQLAlchemy `text()` and `exec_driver_sql()`, Django `raw()`, `extra()` and `RawSQL()`, asyncpg/aiosqlite/databases `fetch*`/`execute`, and `pandas.read_sql`. The query may be built in place or in local variables first. Generic method names such as `.execute()` only count when the constant parts of the text look like SQL. Strings that only appear in messages, logs or exceptions are never reported.',
    whyBad:
      'Text spliced into a query becomes part of the SQL program: a quote or a keyword in the value changes what the database executes, letting whoever controls it read or alter other rows, bypass login checks or drop tables (CWE-89). Bound parameters are sent separately from the SQL and cannot change its structure.',
    example:
      'def find_user(cursor, name):\n    cursor.execute(f"SELECT id, email FROM users WHERE name = \'{name}\'")\n    return cursor.fetchone()\n',
    useInstead:
      'def find_user(cursor, name):\n    cursor.execute("SELECT id, email FROM users WHERE name = %s", (name,))\n    return cursor.fetchone()\n',
    references: [
      'https://cwe.mitre.org/data/definitions/89.html',
      'https://peps.python.org/pep-0249/#paramstyle',
      'https://docs.djangoproject.com/en/stable/topics/security/#sql-injection-protection',
      'https://docs.sqlalchemy.org/en/20/core/sqlelement.html#sqlalchemy.sql.expression.text',
      'https://cheatsheetseries.owasp.org/cheatsheets/Query_Parameterization_Cheat_Sheet.html',
    ],
  },
  visitors: {
    call(node, ctx) {
      const sink = sinkOf(node, ctx);
      if (!sink) return;
      const isSafe = (part: SyntaxNode) => {
        if (part.type !== 'call') return false;
        const fn = part.childForFieldName('function');
        const last = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
        if (last !== undefined && SQL_QUOTES.has(last)) return true;
        // SQL's own escaping: doubling the quote character (`name.replace('"', '""')`).
        if (last !== 'replace') return false;
        const args = ctx.arguments(part).positional;
        const from = ctx.stringValue(args[0]);
        return args.length === 2 && (from === '"' || from === "'") && ctx.stringValue(args[1]) === from + from;
      };
      for (const query of sink.queries) {
        const template = ctx.stringTemplate(query, { isSafe });
        if (template.holes.length === 0) continue;
        if (!looksLikeSql(template.text, sink.scan)) continue;
        ctx.report(
          node,
          `SQL built by string formatting from non-constant values reaches ${sink.api}; pass the values as bound parameters (%s, ?, :name) and pick identifiers from a constant allow-list.`,
        );
        return;
      }
    },
  },
});
