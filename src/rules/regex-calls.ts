// regexCall(): a call that matches text against a constant regular expression — re/regex functions, methods of a
// compiled pattern, and the validators of pydantic, Django, DRF, marshmallow and WTForms — with how much of the text
// the pattern must match.
import type { RuleContext } from '../engine/context.js';
import type { SyntaxNode } from '../parser/python.js';

export interface RegexCall {
  pattern: string;
  /** The expression the pattern is written in (for reporting). */
  patternNode: SyntaxNode;
  /** The text matched, for function and method calls. */
  subject?: SyntaxNode;
  /** 'match': anchored at the start only; 'search': anywhere; 'full': the whole text. */
  semantics: 'match' | 'search' | 'full';
  api: 'function' | 'method' | 'validator';
  /** How the call is named in messages. */
  name: string;
}

const MODULES = ['re', 'regex'];
const SEMANTICS: Record<string, RegexCall['semantics']> = { match: 'match', search: 'search', fullmatch: 'full' };
/** Validator constructors: where the pattern goes and how the library applies it. */
const VALIDATORS: Record<string, { position?: number; keyword: string; semantics: RegexCall['semantics'] }[]> = {
  // pydantic v1 applies `regex` with re.match; v2's `pattern` finds a match anywhere.
  'pydantic.constr': [{ keyword: 'regex', semantics: 'match' }, { keyword: 'pattern', semantics: 'search' }],
  'pydantic.types.constr': [{ keyword: 'regex', semantics: 'match' }, { keyword: 'pattern', semantics: 'search' }],
  'pydantic.Field': [{ keyword: 'regex', semantics: 'match' }, { keyword: 'pattern', semantics: 'search' }],
  'pydantic.fields.Field': [{ keyword: 'regex', semantics: 'match' }, { keyword: 'pattern', semantics: 'search' }],
  'pydantic.StringConstraints': [{ keyword: 'pattern', semantics: 'search' }],
  'pydantic.types.StringConstraints': [{ keyword: 'pattern', semantics: 'search' }],
  // Django and DRF search the value with the compiled pattern.
  'django.core.validators.RegexValidator': [{ position: 0, keyword: 'regex', semantics: 'search' }],
  'django.forms.RegexField': [{ position: 0, keyword: 'regex', semantics: 'search' }],
  'django.forms.fields.RegexField': [{ position: 0, keyword: 'regex', semantics: 'search' }],
  'rest_framework.serializers.RegexField': [{ position: 0, keyword: 'regex', semantics: 'search' }],
  'rest_framework.fields.RegexField': [{ position: 0, keyword: 'regex', semantics: 'search' }],
  // marshmallow and WTForms use re.match.
  'marshmallow.validate.Regexp': [{ position: 0, keyword: 'regex', semantics: 'match' }],
  'wtforms.validators.Regexp': [{ position: 0, keyword: 'regex', semantics: 'match' }],
  'wtforms.validators.regexp': [{ position: 0, keyword: 'regex', semantics: 'match' }],
};

/** A pattern written as a constant, or a `re.compile(constant)` (directly or through a name). */
function patternOf(node: SyntaxNode | undefined, ctx: RuleContext): { pattern: string; node: SyntaxNode; verbose: boolean } | undefined {
  if (!node) return undefined;
  const text = ctx.stringValue(node);
  if (text !== undefined) return { pattern: text, node, verbose: false };
  const origins = ctx.originCalls(node);
  if (origins?.length !== 1) return undefined;
  const compile = origins[0]!;
  const callee = ctx.callee(compile);
  if (callee !== 're.compile' && callee !== 'regex.compile') return undefined;
  const arg = ctx.argument(compile, 0, 'pattern');
  const pattern = ctx.stringValue(arg);
  return pattern !== undefined && arg ? { pattern, node: arg, verbose: isVerbose(compile, 1, ctx) } : undefined;
}

/** The flags argument includes re.VERBOSE (whitespace and comments in the pattern), which the shape analysis does not read. */
function isVerbose(call: SyntaxNode, position: number, ctx: RuleContext): boolean {
  const flags = ctx.argument(call, position, 'flags');
  if (!flags) return false;
  const v = ctx.constantValue(flags);
  if (typeof v === 'number') return (v & 64) !== 0;
  return /\b(VERBOSE|X)\b/.test(flags.text);
}

export function regexCall(call: SyntaxNode, ctx: RuleContext): RegexCall | undefined {
  const callee = ctx.callee(call);
  if (callee !== undefined) {
    const [module, fn] = [callee.slice(0, callee.lastIndexOf('.')), callee.slice(callee.lastIndexOf('.') + 1)];
    const semantics = SEMANTICS[fn];
    if (semantics && MODULES.includes(module)) {
      const p = patternOf(ctx.argument(call, 0, 'pattern'), ctx);
      if (!p || p.verbose || isVerbose(call, 2, ctx)) return undefined;
      const subject = ctx.argument(call, 1, 'string');
      return { pattern: p.pattern, patternNode: p.node, ...(subject ? { subject } : {}), semantics, api: 'function', name: callee };
    }
    const validator = VALIDATORS[callee];
    if (validator) {
      if (ctx.keyword(call, 'inverse_match').value === true) return undefined;
      for (const slot of validator) {
        const p = patternOf(ctx.argument(call, slot.position, slot.keyword), ctx);
        if (p && !p.verbose) return { pattern: p.pattern, patternNode: p.node, semantics: slot.semantics, api: 'validator', name: `${callee.slice(callee.lastIndexOf('.') + 1)}(${slot.keyword}=…)` };
      }
      return undefined;
    }
  }
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute') return undefined;
  const method = fn.childForFieldName('attribute')?.text ?? '';
  const semantics = SEMANTICS[method];
  const receiver = fn.childForFieldName('object');
  if (!semantics || !receiver || ctx.stringValue(receiver) !== undefined) return undefined;
  const p = patternOf(receiver, ctx);
  if (!p || p.verbose || p.node === receiver) return undefined;
  const subject = ctx.argument(call, 0, 'string');
  return { pattern: p.pattern, patternNode: p.node, ...(subject ? { subject } : {}), semantics, api: 'method', name: `pattern.${method}` };
}
