// permissive-validation-regex: validation patterns that accept more than their author meant — no end anchor under
// re.match, one anchor only under search semantics, `$` where a newline matters, unescaped dots, `[A-z]` ranges.
import { hostLiterals, overlyWideRanges, parseRegex, suspiciousDots, tokenize } from '../../analysis/regex-pattern.js';
import { isWithin } from '../../analysis/syntax.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';
import { regexCall, type RegexCall } from '../regex-calls.js';

/** re functions whose first argument is a pattern (where a pattern is written, its ranges are checked once). */
const PATTERN_FUNCTIONS = new Set(['compile', 'match', 'search', 'fullmatch', 'sub', 'subn', 'split', 'findall', 'finditer'].flatMap((f) => [`re.${f}`, `regex.${f}`]));
/** Calls where a line break in a value changes its meaning: command lines, log records, response headers. */
const NEWLINE_SENSITIVE = /^(subprocess\.|os\.(system|popen|exec|spawn)|logging\.|smtplib\.)/;
const NEWLINE_SENSITIVE_METHODS = new Set(['set_header', 'add_header', 'putheader', 'info', 'warning', 'error', 'debug', 'critical', 'exception']);

function describe(c: string): string {
  return c === '\\' ? '\\\\' : c;
}

function checkRanges(call: SyntaxNode, ctx: RuleContext): void {
  const callee = ctx.callee(call);
  let patternNode: SyntaxNode | undefined;
  if (callee !== undefined && PATTERN_FUNCTIONS.has(callee)) patternNode = ctx.argument(call, 0, 'pattern');
  else {
    const found = regexCall(call, ctx);
    // A validator given the pattern text itself (a compiled pattern is checked where re.compile() is called).
    if (found?.api === 'validator' && isWithin(found.patternNode, call)) patternNode = found.patternNode;
  }
  const pattern = patternNode ? ctx.stringValue(patternNode) : undefined;
  if (!patternNode || pattern === undefined) return;
  const tokens = tokenize(pattern);
  const wide = tokens ? overlyWideRanges(tokens) : [];
  if (wide.length === 0) return;
  const r = wide[0]!;
  ctx.report(patternNode, `The character range ${describe(r.lo)}-${describe(r.hi)} spans more than letters or digits (it also takes the punctuation between them); list the intended ranges separately, such as A-Za-z or 0-9.`);
}

/** The value checked flows, under the same name, into a call where a trailing newline changes meaning. */
function reachesNewlineSensitive(found: RegexCall, fn: SyntaxNode | undefined, ctx: RuleContext): boolean {
  const subject = found.subject;
  if (!subject || subject.type !== 'identifier' || !fn) return false;
  for (const call of ctx.callsWithin(fn)) {
    const callee = ctx.callee(call) ?? '';
    const f = call.childForFieldName('function');
    const method = f?.type === 'attribute' ? f.childForFieldName('attribute')?.text ?? '' : '';
    if (!NEWLINE_SENSITIVE.test(callee) && !NEWLINE_SENSITIVE_METHODS.has(method)) continue;
    if (call.childForFieldName('arguments')?.descendantsOfType('identifier').some((id) => id.text === subject.text)) return true;
  }
  return false;
}

function checkValidation(call: SyntaxNode, ctx: RuleContext): void {
  const found = regexCall(call, ctx);
  if (!found) return;
  let fn: SyntaxNode | undefined;
  if (found.api !== 'validator') {
    const use = ctx.checkUse(call);
    if (!use || use.kind === 'branch') return;
    fn = use.fn;
  }
  const shape = parseRegex(found.pattern);
  if (!shape) return;
  const hostPattern = hostLiterals(shape.tokens).length > 0; // incomplete-url-sanitization's subject
  const shown = found.pattern.length > 40 ? `${found.pattern.slice(0, 37)}…` : found.pattern;
  const fix = found.api === 'validator' ? 'anchor it at both ends with ^ and \\Z' : 'use re.fullmatch() or end the pattern with \\Z';
  if (found.semantics === 'match' && !shape.endAnchored && shape.lastQuantified && !shape.endsWithWildcard && !hostPattern) {
    ctx.report(call, `${found.name} with ${shown} only checks how the value begins, so anything may follow what it matches; ${fix}.`);
    return;
  }
  if (found.semantics === 'search' && !hostPattern && shape.startAnchored !== shape.endAnchored && !shape.endsWithWildcard) {
    const side = shape.startAnchored ? 'anything may follow the match' : 'anything may precede the match';
    ctx.report(call, `${found.name} searches the value, and ${shown} is anchored at one end only, so ${side}; ${found.api === 'validator' ? 'anchor it at both ends with ^ and \\Z' : 'use re.fullmatch()'}.`);
    return;
  }
  const dots = hostPattern ? [] : suspiciousDots(shape.tokens);
  if (dots.length > 0) {
    ctx.report(call, `The unescaped "." in ${shown} matches any character, not only a dot; write "\\." for a literal dot.`);
    return;
  }
  if (shape.endAnchored && shape.endsWithDollar && reachesNewlineSensitive(found, fn, ctx)) {
    ctx.report(call, `${shown} ends with "$", which also accepts a trailing newline, and the value goes on to a command, log or header where a newline matters; use \\Z (or re.fullmatch()).`);
  }
}

export const permissiveValidationRegex = defineRule({
  id: 'permissive-validation-regex',
  title: 'Validation regular expression that accepts more than intended',
  family: 'web-configuration',
  checklist: ['Input Validation'],
  level: 'note',
  securitySeverity: 4.3,
  precision: 'medium',
  tier: 'extended',
  cwe: [625],
  compatible: {},
  docs: {
    whatItDoes:
      'Reports regular expressions used to validate input that let through more than they look like they do. A check validates when failing it rejects (`if not re.match(…): raise/abort/return`, `assert`, an `else` that raises), when it is what a function returns, or when the pattern is given to a validator: pydantic `constr(regex=…)`/`Field(pattern=…)`/`StringConstraints`, Django `RegexValidator`/`RegexField`, DRF `RegexField`, marshmallow and WTForms `Regexp`. Reported: `re.match` (and `regex=` validators, which use it) with a pattern that has no end anchor although it means to consume the value (`^[a-z0-9_]+`); patterns anchored at one end only where the library searches (`re.search`, Django, pydantic v2 `pattern`); an unescaped `.` between characters where a literal dot was meant (`\\d+.\\d+`, `[a-z]+.txt`); a `$` end anchor when the value then reaches a command, log or header (where the trailing newline `$` lets through matters); and, in any pattern, character ranges such as `[A-z]` or `[0-z]` that span punctuation. Patterns that search text, or pick a branch without rejecting anything, are not validation and are not reported. Host-name patterns are left to `incomplete-url-sanitization`.',
    whyBad:
      'A validator that accepts more than intended passes the unexpected input on to code that trusts it: a user name "admin\\n" or "bob; rm -rf /" that passed `re.match(r"[a-z]+", …)`, a file name "report.php" that passed `[a-z]+.pdf`, or an identifier with `[`, `]` and `^` that passed `[A-z]+`. The bug is invisible in tests written with well-formed input.',
    example:
      'import re\n\ndef check_username(name):\n    if not re.match(r"[a-z0-9_]+", name):\n        raise ValueError("invalid user name")\n    return name\n',
    useInstead:
      'import re\n\ndef check_username(name):\n    if not re.fullmatch(r"[a-z0-9_]+", name):\n        raise ValueError("invalid user name")\n    return name\n',
    references: [
      'https://cwe.mitre.org/data/definitions/625.html',
      'https://docs.python.org/3/library/re.html#re.fullmatch',
      'https://docs.python.org/3/library/re.html#regular-expression-syntax',
      'https://docs.djangoproject.com/en/stable/ref/validators/#regexvalidator',
      'https://docs.pydantic.dev/latest/api/types/#pydantic.types.StringConstraints',
    ],
  },
  visitors: {
    call(node, ctx) {
      checkRanges(node, ctx);
      checkValidation(node, ctx);
    },
  },
});
