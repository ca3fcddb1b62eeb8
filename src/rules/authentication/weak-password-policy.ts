// weak-password-policy: Django password validation switched off or minimum lengths below 8 on password fields.
import { isDict, type ConstValue } from '../../analysis/constants.js';
import { isPasswordName } from '../../analysis/password-values.js';
import { namedChildren, unwrapParentheses } from '../../analysis/syntax.js';
import type { ReportOptions, RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

/** NIST SP 800-63B and OWASP: at least 8 characters when other factors protect the account. */
const MIN_LENGTH = 8;

/** Field constructors taking `min_length=` (Django forms, DRF serializers, pydantic). */
const MIN_LENGTH_CALLS = new Set([
  'django.forms.CharField', 'django.forms.fields.CharField', 'rest_framework.serializers.CharField', 'rest_framework.fields.CharField',
  'pydantic.Field', 'pydantic.fields.Field', 'pydantic.constr', 'pydantic.types.constr', 'pydantic.StringConstraints', 'pydantic.types.StringConstraints',
  'sqlmodel.Field', 'ninja.Field', 'fastapi.Form', 'fastapi.Body', 'fastapi.Query', 'fastapi.params.Form',
]);
/** Length validators taking `min=` (WTForms, marshmallow). */
const LENGTH_VALIDATORS = new Set(['wtforms.validators.Length', 'wtforms.validators.length', 'marshmallow.validate.Length', 'flask_wtf.validators.Length']);
const PASSWORD_FIELDS = /(^|\.)(PasswordField|PasswordInput|SecretStr|SecretBytes)$/;
/** Node types a field call may sit inside within an annotation (`Annotated[str, Field(min_length=4)]`). */
const ANNOTATION_WRAPPERS = new Set(['type', 'generic_type', 'type_parameter', 'subscript', 'tuple', 'expression_list', 'list']);

function intValue(node: SyntaxNode | undefined, ctx: RuleContext): number | undefined {
  const v = node ? ctx.constantValue(node) : undefined;
  return typeof v === 'number' ? v : undefined;
}

/** The name a field definition is bound to: `password = forms.CharField(…)`, `password: str = Field(…)`, a parameter. */
function fieldName(call: SyntaxNode): string | undefined {
  let cur = call;
  for (let i = 0; i < 8; i++) {
    const p = cur.parent;
    if (!p) return undefined;
    if (ANNOTATION_WRAPPERS.has(p.type)) {
      cur = p;
      continue;
    }
    if (p.type === 'assignment') {
      const left = p.childForFieldName('left');
      return left?.type === 'identifier' ? left.text : left?.type === 'attribute' ? left.childForFieldName('attribute')?.text : undefined;
    }
    if (p.type === 'typed_parameter' || p.type === 'typed_default_parameter' || p.type === 'default_parameter') {
      return (p.childForFieldName('name') ?? namedChildren(p).find((c) => c.type === 'identifier'))?.text;
    }
    return undefined;
  }
  return undefined;
}

/** The field is for a password: its name says so, it uses a password widget/class, or its type is SecretStr. */
function isPasswordField(field: SyntaxNode, ctx: RuleContext): boolean {
  const name = fieldName(field);
  if (name !== undefined && isPasswordName(name)) return true;
  if (PASSWORD_FIELDS.test(ctx.callee(field) ?? '')) return true;
  const widget = ctx.argument(field, undefined, 'widget');
  if (widget) {
    const w = unwrapParentheses(widget);
    const qn = w.type === 'call' ? ctx.callee(w) : ctx.qualifiedName(w);
    if (PASSWORD_FIELDS.test(qn ?? '')) return true;
  }
  return false;
}

function report(ctx: RuleContext, at: SyntaxNode, n: number, what: string, options: ReportOptions = {}): void {
  ctx.report(at, `${what} accepts passwords of ${n} character${n === 1 ? '' : 's'}; require at least ${MIN_LENGTH} (NIST SP 800-63B), and prefer 12 or more for accounts protected by a password alone.`, options);
}

function checkCall(call: SyntaxNode, ctx: RuleContext): void {
  const callee = ctx.callee(call);
  if (!callee) return;
  if (MIN_LENGTH_CALLS.has(callee)) {
    const arg = ctx.argument(call, undefined, 'min_length');
    const n = intValue(arg, ctx);
    if (arg && n !== undefined && n < MIN_LENGTH && isPasswordField(call, ctx)) report(ctx, arg, n, 'The password field');
    return;
  }
  if (LENGTH_VALIDATORS.has(callee)) {
    const arg = ctx.argument(call, 0, 'min');
    const n = intValue(arg, ctx);
    if (!arg || n === undefined || n >= MIN_LENGTH) return;
    const field = ctx.valueDestination(call).receivingCall;
    if (field && isPasswordField(field, ctx)) report(ctx, arg, n, 'The password field');
  }
}

/** `len(password) < 6`: the smallest length the check lets through. */
function checkLengthComparison(node: SyntaxNode, ctx: RuleContext): void {
  const operands = namedChildren(node);
  const ops = node.children.filter((c) => c !== null && !c.isNamed).map((c) => c!.type);
  if (operands.length !== 2 || ops.length !== 1) return;
  const [left, right] = operands as [SyntaxNode, SyntaxNode];
  const op = ops[0]!;
  const lenOf = (n: SyntaxNode): SyntaxNode | undefined => {
    const u = unwrapParentheses(n);
    return u.type === 'call' && ctx.callee(u) === 'len' ? ctx.argument(u, 0, undefined) : undefined;
  };
  let subject = lenOf(left);
  let bound = intValue(right, ctx);
  let operator = op;
  if (!subject) {
    subject = lenOf(right);
    bound = intValue(left, ctx);
    operator = ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as Record<string, string>)[op] ?? op;
  }
  if (!subject || bound === undefined) return;
  const name = subject.type === 'identifier' ? subject.text : subject.type === 'attribute' ? subject.childForFieldName('attribute')?.text : subject.type === 'subscript' ? ctx.stringValue(subject.childForFieldName('subscript')) : undefined;
  if (name === undefined || !isPasswordName(name)) return;
  // `len(pw) < N` rejects short ones: the minimum is N. `len(pw) >= N` accepts from N. `<= N` / `> N`: N + 1.
  const minimum = operator === '<' || operator === '>=' ? bound : operator === '<=' || operator === '>' ? bound + 1 : undefined;
  if (minimum === undefined || minimum >= MIN_LENGTH || minimum <= 1) return;
  report(ctx, node, minimum, 'This length check');
}

/** The value under a constant key in a dict literal. */
function dictEntry(dict: SyntaxNode | undefined, key: string, ctx: RuleContext): SyntaxNode | undefined {
  const d = dict ? unwrapParentheses(dict) : undefined;
  if (d?.type !== 'dictionary') return undefined;
  for (const pair of namedChildren(d)) {
    if (pair.type === 'pair' && ctx.stringValue(pair.childForFieldName('key')) === key) return pair.childForFieldName('value') ?? undefined;
  }
  return undefined;
}

function validatorName(v: ConstValue): string | undefined {
  if (!isDict(v)) return undefined;
  const name = v.get('NAME');
  return typeof name === 'string' ? name : undefined;
}

function checkSettings(node: SyntaxNode, ctx: RuleContext): void {
  const left = node.childForFieldName('left');
  if (left?.type !== 'identifier' || left.text !== 'AUTH_PASSWORD_VALIDATORS' || ctx.scopeNode(node).type !== 'module') return;
  const settings = ctx.settingsModule();
  if (settings.development) return;
  // A shared base (`settings/base.py`) is usually overridden by the production module: a note there.
  const options = settings.base ? { level: 'note' as const, levelReason: 'a shared base settings module (production settings may override it)' } : {};
  const right = node.childForFieldName('right');
  const value = right ? ctx.constantValue(right) : undefined;
  if (!right || !Array.isArray(value)) return;
  if (value.length === 0) {
    ctx.report(right, 'AUTH_PASSWORD_VALIDATORS is empty, so Django accepts any password, even one character long or "password"; enable the validators, at least MinimumLengthValidator and CommonPasswordValidator.', options);
    return;
  }
  const entries = unwrapParentheses(right).type === 'list' || unwrapParentheses(right).type === 'tuple' ? namedChildren(unwrapParentheses(right)) : [];
  const index = value.findIndex((v) => validatorName(v)?.endsWith('.MinimumLengthValidator'));
  if (index < 0) {
    ctx.report(right, `AUTH_PASSWORD_VALIDATORS has no MinimumLengthValidator, so Django accepts passwords of any length; add django.contrib.auth.password_validation.MinimumLengthValidator (default minimum ${MIN_LENGTH}).`, options);
    return;
  }
  const validatorOptions = (value[index] as Map<unknown, ConstValue>).get('OPTIONS');
  const min = isDict(validatorOptions) ? validatorOptions.get('min_length') : undefined;
  if (typeof min === 'number' && min < MIN_LENGTH) {
    const at = entries[index] ? dictEntry(dictEntry(entries[index], 'OPTIONS', ctx), 'min_length', ctx) : undefined;
    report(ctx, at ?? entries[index] ?? right, min, 'MinimumLengthValidator', options);
  }
}

export const weakPasswordPolicy = defineRule({
  id: 'weak-password-policy',
  title: 'Password policy allows short passwords or no validation',
  family: 'authentication',
  checklist: ['Authentication and Authorization'],
  level: 'warning',
  securitySeverity: 5.3,
  precision: 'high',
  tier: 'extended',
  cwe: [521],
  compatible: {},
  docs: {
    whatItDoes:
      'Reports a Django `AUTH_PASSWORD_VALIDATORS` that is empty, lacks `MinimumLengthValidator`, or sets its `min_length` below 8 (not in development or test settings modules — a `dev`, `local`, `test`, `testing` or `development` directory or file-name word — and as a note in a shared base such as `settings/base.py`); minimum lengths below 8 on password fields — WTForms and marshmallow `Length(min=…)` on a `PasswordField` or password-named field, Django form and DRF `CharField(min_length=…)` with a `PasswordInput` widget or a password name, pydantic `Field(min_length=…)`/`constr(min_length=…)` on a password-named field or `SecretStr`; and `len(password) < N` checks that let shorter passwords through.',
    whyBad:
      'Short passwords fall to online guessing and, once a hash leaks, to offline cracking within minutes. NIST SP 800-63B and the OWASP Authentication Cheat Sheet set 8 characters as the minimum (15 when the password is the only factor), and ask that passwords be checked against lists of common and breached passwords, which Django\'s validators do.',
    example:
      'AUTH_PASSWORD_VALIDATORS = [\n    {\n        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",\n        "OPTIONS": {"min_length": 4},\n    },\n]\n',
    useInstead:
      'AUTH_PASSWORD_VALIDATORS = [\n    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},\n    {\n        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",\n        "OPTIONS": {"min_length": 12},\n    },\n    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},\n    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},\n]\n',
    references: [
      'https://cwe.mitre.org/data/definitions/521.html',
      'https://pages.nist.gov/800-63-4/sp800-63b.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html',
      'https://docs.djangoproject.com/en/stable/topics/auth/passwords/#enabling-password-validation',
    ],
  },
  visitors: {
    call: checkCall,
    comparison_operator: checkLengthComparison,
    assignment: checkSettings,
  },
});
