// literalBindings(): the names a string literal is bound to — assignment targets, keywords, dict keys, parameter
// defaults, and the variable an `os.getenv(name, default)` fallback stands in for — which secret rules judge it by.
import type { SyntaxNode } from '../parser/python.js';
import { namedChildren } from './syntax.js';

export type BindingRole = 'assigned' | 'keyword' | 'dict' | 'default' | 'env-default';

export interface LiteralBinding {
  role: BindingRole;
  /** The name as written: `db_password`, `api_key`, `"SECRET_KEY"`, `DB_PASSWORD` (the environment variable). */
  name: string;
  /** The call the literal is passed to (keyword or environment fallback). */
  call?: SyntaxNode;
  /** The call's resolved qualified name. */
  callee?: string;
}

export interface BindingEnvironment {
  stringValue(node: SyntaxNode | null | undefined): string | undefined;
  callee(call: SyntaxNode): string | undefined;
}

/** Environment lookups whose fallback literal stands in for the variable: where the fallback sits. */
export const ENV_FALLBACKS: Record<string, { position?: number; keyword: string }> = {
  'os.getenv': { position: 1, keyword: 'default' },
  'os.environ.get': { position: 1, keyword: 'default' },
  'os.environ.setdefault': { position: 1, keyword: 'default' },
  'os.environ.pop': { position: 1, keyword: 'default' },
  'decouple.config': { keyword: 'default' },
};

/** Calls whose result is a class field's default (`token: str = Field(default="…")`): the field names the literal. */
export const FIELD_DEFAULTS: Record<string, { position?: number; keyword: string }> = {
  'pydantic.Field': { position: 0, keyword: 'default' },
  'pydantic.fields.Field': { position: 0, keyword: 'default' },
  'sqlmodel.Field': { position: 0, keyword: 'default' },
  'dataclasses.field': { keyword: 'default' },
  'attr.ib': { keyword: 'default' },
  'attrs.field': { keyword: 'default' },
  'pydantic.SecretStr': { position: 0, keyword: 'secret_value' },
  'pydantic.SecretBytes': { position: 0, keyword: 'secret_value' },
  'pydantic.types.SecretStr': { position: 0, keyword: 'secret_value' },
};

function same(a: SyntaxNode | null | undefined, b: SyntaxNode): boolean {
  return !!a && a.id === b.id;
}

/** The expression a value node stands in: through parentheses, implicit concatenation, `x if c else "…"`, `a or "…"`. */
function valueRoot(literal: SyntaxNode): SyntaxNode {
  let cur = literal;
  for (let p = cur.parent; p; p = cur.parent) {
    if (p.type === 'parenthesized_expression' || p.type === 'concatenated_string') cur = p;
    else if (p.type === 'conditional_expression' && !same(p.namedChildren[1], cur)) cur = p;
    else if (p.type === 'boolean_operator' && p.childForFieldName('operator')?.type === 'or') cur = p;
    else break;
  }
  return cur;
}

function targetNames(target: SyntaxNode, env: BindingEnvironment): string[] {
  switch (target.type) {
    case 'identifier':
      return [target.text];
    case 'attribute': {
      const attr = target.childForFieldName('attribute');
      return attr ? [attr.text] : [];
    }
    case 'subscript': {
      const key = env.stringValue(target.childForFieldName('subscript'));
      return key !== undefined ? [key] : [];
    }
    default:
      return [];
  }
}

/** Targets of the assignment chain whose value is node (`a = b = value` gives both). */
function assignedNames(node: SyntaxNode, env: BindingEnvironment): string[] {
  const out: string[] = [];
  let cur = node;
  for (let p = cur.parent; p && p.type === 'assignment' && same(p.childForFieldName('right'), cur); p = cur.parent) {
    const left = p.childForFieldName('left');
    if (left) out.push(...targetNames(left, env));
    cur = p;
  }
  return out;
}

/** Every name the literal is bound to; empty when it stands alone (an argument, a return value, a comparison). */
export function literalBindings(literal: SyntaxNode, env: BindingEnvironment): LiteralBinding[] {
  const root = valueRoot(literal);
  const parent = root.parent;
  if (!parent) return [];
  const out: LiteralBinding[] = [];
  switch (parent.type) {
    case 'assignment':
      for (const name of assignedNames(root, env)) out.push({ role: 'assigned', name });
      break;
    case 'pair':
      if (same(parent.childForFieldName('value'), root) && parent.parent?.type === 'dictionary') {
        const key = env.stringValue(parent.childForFieldName('key'));
        if (key !== undefined) out.push({ role: 'dict', name: key });
      }
      break;
    case 'default_parameter':
    case 'typed_default_parameter': {
      const name = parent.childForFieldName('name');
      if (name && same(parent.childForFieldName('value'), root)) out.push({ role: 'default', name: name.text });
      break;
    }
    case 'keyword_argument':
    case 'argument_list': {
      const list = parent.type === 'keyword_argument' ? parent.parent : parent;
      const call = list?.parent;
      if (!list || list.type !== 'argument_list' || call?.type !== 'call') break;
      const callee = env.callee(call);
      const keyword = parent.type === 'keyword_argument' ? parent.childForFieldName('name')?.text : undefined;
      const position = keyword === undefined ? namedChildren(list).findIndex((a) => a.id === root.id) : undefined;
      const at = (spec: { position?: number; keyword: string } | undefined) =>
        !!spec && (keyword !== undefined ? keyword === spec.keyword : spec.position !== undefined && position === spec.position);
      if (callee !== undefined && at(ENV_FALLBACKS[callee])) {
        const variable = env.stringValue(namedChildren(list).find((a) => a.type !== 'keyword_argument') ?? null);
        if (variable !== undefined) out.push({ role: 'env-default', name: variable, call, callee });
        for (const name of assignedNames(valueRoot(call), env)) out.push({ role: 'assigned', name });
        const kwParent = valueRoot(call).parent;
        const kwName = kwParent?.type === 'keyword_argument' ? kwParent.childForFieldName('name')?.text : undefined;
        if (kwName !== undefined) out.push({ role: 'keyword', name: kwName });
      } else if (callee !== undefined && at(FIELD_DEFAULTS[callee])) {
        for (const name of assignedNames(valueRoot(call), env)) out.push({ role: 'assigned', name });
      } else if (keyword !== undefined) {
        out.push({ role: 'keyword', name: keyword, call, ...(callee !== undefined ? { callee } : {}) });
      }
      break;
    }
    default:
      break;
  }
  return out;
}

/** The string node is a bare expression statement: a docstring or a string used as a block comment. */
export function isDocumentationString(node: SyntaxNode): boolean {
  let cur = node;
  while (cur.parent?.type === 'concatenated_string' || cur.parent?.type === 'parenthesized_expression') cur = cur.parent;
  return cur.parent?.type === 'expression_statement' && namedChildren(cur.parent).length === 1;
}
