// valueWhenUnset(): what a setting expression evaluates to when the environment variables it reads are not set
// (`os.environ.get("DEBUG", "True") == "True"` → True), through os.environ/getenv, python-decouple and django-environ.
import type { SyntaxNode } from '../parser/python.js';
import { isTruthy, toPythonStr, type ConstValue } from './constants.js';
import type { KeywordValue } from './file-analysis.js';
import { namedChildren, unwrapParentheses } from './syntax.js';

export interface EnvDefaultHost {
  callee(call: SyntaxNode): string | undefined;
  constantValue(node: SyntaxNode | null | undefined): ConstValue | undefined;
  argument(call: SyntaxNode, position: number | undefined, keyword?: string): SyntaxNode | undefined;
  keyword(call: SyntaxNode, name: string): KeywordValue;
  originCalls(expr: SyntaxNode): SyntaxNode[] | undefined;
  qualifiedName(node: SyntaxNode): string | undefined;
}

export interface UnsetValue {
  value: ConstValue;
  /** The expression reads the environment (else it is a plain constant). */
  readsEnv: boolean;
}

/** Plain reads: the default is the second argument, None when left out. */
const ENV_GETTERS = new Set(['os.environ.get', 'os.getenv', 'os.environ.setdefault', 'os.environ.pop']);
const DECOUPLE = new Set(['decouple.config', 'decouple.AutoConfig()', 'decouple.Config()']);
const TRUE_WORDS = new Set(['y', 'yes', 't', 'true', 'on', '1']);
const FALSE_WORDS = new Set(['n', 'no', 'f', 'false', 'off', '0', '']);
const STRING_METHODS: Record<string, (s: string) => string> = {
  lower: (s) => s.toLowerCase(),
  casefold: (s) => s.toLowerCase(),
  upper: (s) => s.toUpperCase(),
  strip: (s) => s.trim(),
  title: (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
  capitalize: (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
};

/** strtobool / decouple / django-environ reading of a boolean text; undefined when it would raise. */
function parseBool(value: ConstValue): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === null) return undefined;
  const text = toPythonStr(value).trim().toLowerCase();
  if (TRUE_WORDS.has(text)) return true;
  if (FALSE_WORDS.has(text)) return false;
  return undefined;
}

function cast(value: ConstValue, caster: string | undefined): ConstValue | undefined {
  if (caster === undefined) return value;
  if (caster === 'bool') return parseBool(value);
  if (caster === 'str') return toPythonStr(value);
  if (caster === 'int') return typeof value === 'number' ? value : /^-?\d+$/.test(String(value).trim()) ? Number(value) : undefined;
  if (caster === 'list') return typeof value === 'string' ? value.split(',').filter((s) => s !== '') : Array.isArray(value) ? value : undefined;
  return undefined;
}

function equal(a: ConstValue, b: ConstValue): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return false;
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b || (typeof a === 'number' && Number(b) === a) || (typeof b === 'number' && Number(a) === b);
  return a === b;
}

function contains(container: ConstValue, item: ConstValue): boolean | undefined {
  if (Array.isArray(container)) return container.some((c) => equal(c, item));
  if (typeof container === 'string' && typeof item === 'string') return container.includes(item);
  return undefined;
}

export class EnvDefaults {
  constructor(private readonly host: EnvDefaultHost) {}

  /** The value of expr when no environment variable is set; undefined when unknown or when the read would raise. */
  valueWhenUnset(expr: SyntaxNode | null | undefined, depth = 0): UnsetValue | undefined {
    const node = unwrapParentheses(expr);
    if (!node || depth > 12) return undefined;
    const constant = this.host.constantValue(node);
    if (constant !== undefined) return { value: constant, readsEnv: false };
    switch (node.type) {
      case 'call':
        return this.call(node, depth);
      case 'comparison_operator':
        return this.comparison(node, depth);
      case 'not_operator': {
        const inner = this.valueWhenUnset(node.childForFieldName('argument'), depth + 1);
        return inner ? { value: !isTruthy(inner.value), readsEnv: inner.readsEnv } : undefined;
      }
      case 'boolean_operator': {
        const left = this.valueWhenUnset(node.childForFieldName('left'), depth + 1);
        const right = this.valueWhenUnset(node.childForFieldName('right'), depth + 1);
        if (!left || !right) return undefined;
        const and = node.childForFieldName('operator')?.type === 'and';
        const picked = and ? (isTruthy(left.value) ? right : left) : isTruthy(left.value) ? left : right;
        return { value: picked.value, readsEnv: left.readsEnv || right.readsEnv };
      }
      default:
        return undefined;
    }
  }

  private call(call: SyntaxNode, depth: number): UnsetValue | undefined {
    const callee = this.host.callee(call);
    const fn = call.childForFieldName('function');
    const first = this.host.argument(call, 0);
    if (callee !== undefined && ENV_GETTERS.has(callee)) {
      const fallback = this.host.argument(call, 1, 'default');
      if (!fallback) return { value: null, readsEnv: true };
      const v = this.valueWhenUnset(fallback, depth + 1);
      return v ? { value: v.value, readsEnv: true } : undefined;
    }
    if (callee !== undefined && DECOUPLE.has(callee)) return this.withDefault(call, this.host.keyword(call, 'cast'), depth);
    const envRead = this.djangoEnviron(call, callee, depth);
    if (envRead !== 'no') return envRead;
    // Conversions and string methods applied to a read.
    if (callee === 'bool' || callee === 'str' || callee === 'int') {
      const inner = this.valueWhenUnset(first, depth + 1);
      if (!inner) return undefined;
      const v = callee === 'bool' ? isTruthy(inner.value) : cast(inner.value, callee);
      return v === undefined ? undefined : { value: v, readsEnv: inner.readsEnv };
    }
    if (callee !== undefined && /(^|\.)(strtobool|str2bool|str_to_bool|to_bool|as_bool|asbool)$/.test(callee)) {
      const inner = this.valueWhenUnset(first, depth + 1);
      const v = inner ? parseBool(inner.value) : undefined;
      return inner && v !== undefined ? { value: v, readsEnv: inner.readsEnv } : undefined;
    }
    if (callee === 'json.loads' || callee === 'ast.literal_eval') {
      const inner = this.valueWhenUnset(first, depth + 1);
      if (!inner || typeof inner.value !== 'string') return undefined;
      const text = inner.value.trim();
      const v = text === 'true' || text === 'True' ? true : text === 'false' || text === 'False' ? false : /^-?\d+$/.test(text) ? Number(text) : undefined;
      return v === undefined ? undefined : { value: v, readsEnv: inner.readsEnv };
    }
    if (fn?.type === 'attribute') {
      const method = fn.childForFieldName('attribute')?.text ?? '';
      const transform = STRING_METHODS[method];
      if (!transform && method !== 'split') return undefined;
      const inner = this.valueWhenUnset(fn.childForFieldName('object'), depth + 1);
      if (!inner || typeof inner.value !== 'string') return undefined;
      if (transform) return { value: transform(inner.value), readsEnv: inner.readsEnv };
      const sep = this.host.constantValue(first);
      const parts = typeof sep === 'string' && sep !== '' ? inner.value.split(sep) : inner.value.split(/\s+/).filter((s) => s !== '');
      return { value: parts, readsEnv: inner.readsEnv };
    }
    return undefined;
  }

  /** python-decouple `config("X", default=…, cast=bool)`: no default means the read raises when unset. */
  private withDefault(call: SyntaxNode, caster: KeywordValue, depth: number): UnsetValue | undefined {
    const fallback = this.host.keyword(call, 'default');
    if (!fallback.present) return undefined;
    const v = fallback.node ? this.valueWhenUnset(fallback.node, depth + 1) : fallback.value !== undefined ? { value: fallback.value, readsEnv: false } : undefined;
    if (!v) return undefined;
    const casterName = caster.node ? this.host.qualifiedName(caster.node) : undefined;
    if (caster.present && casterName === undefined) return undefined;
    const value = casterName !== undefined ? cast(v.value, casterName) : v.value;
    return value === undefined ? undefined : { value, readsEnv: true };
  }

  /**
   * django-environ: `env.bool("DEBUG", default=True)`, `env("DEBUG")` with `env = environ.Env(DEBUG=(bool, True))`.
   * 'no' when the call is not a django-environ read.
   */
  private djangoEnviron(call: SyntaxNode, callee: string | undefined, depth: number): UnsetValue | undefined | 'no' {
    if (callee === undefined) return 'no';
    const m = /^environ\.(?:Env|environ\.Env)\(\)(?:\.(bool|str|int|list|get_value))?$/.exec(callee);
    if (!m) return 'no';
    const method = m[1];
    const caster = method === 'bool' || method === 'str' || method === 'int' || method === 'list' ? method : undefined;
    const fallback = this.host.argument(call, 1, 'default');
    if (fallback) {
      const v = this.valueWhenUnset(fallback, depth + 1);
      const value = v ? cast(v.value, caster) : undefined;
      return value === undefined ? undefined : { value, readsEnv: true };
    }
    // The scheme given to Env(): VAR=(cast, default).
    const name = this.host.constantValue(this.host.argument(call, 0, 'var'));
    const fn = call.childForFieldName('function');
    const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') : fn;
    const origins = receiver ? this.host.originCalls(receiver) : undefined;
    if (typeof name !== 'string' || origins?.length !== 1) return undefined;
    const scheme = this.host.keyword(origins[0]!, name);
    const tuple = scheme.node ? unwrapParentheses(scheme.node) : undefined;
    if (!tuple || tuple.type !== 'tuple') return undefined;
    const [type, value] = namedChildren(tuple);
    const schemeCast = type ? this.host.qualifiedName(type) : undefined;
    const v = value ? this.host.constantValue(value) : undefined;
    const result = v === undefined ? undefined : cast(v, caster ?? schemeCast);
    return result === undefined ? undefined : { value: result, readsEnv: true };
  }

  private comparison(node: SyntaxNode, depth: number): UnsetValue | undefined {
    const operators = node.children.filter((c) => c && !c.isNamed).map((c) => c!.type);
    const operands = namedChildren(node);
    if (operators.length === 0 || operands.length !== 2) return undefined;
    const op = operators.join(' ');
    const left = this.valueWhenUnset(operands[0], depth + 1);
    const right = this.valueWhenUnset(operands[1], depth + 1);
    if (!left || !right) return undefined;
    let value: boolean | undefined;
    if (op === '==') value = equal(left.value, right.value);
    else if (op === '!=') value = !equal(left.value, right.value);
    else if (op === 'in') value = contains(right.value, left.value);
    else if (op === 'not in') {
      const c = contains(right.value, left.value);
      value = c === undefined ? undefined : !c;
    } else if (op === 'is') value = left.value === null && right.value === null;
    else if (op === 'is not') value = !(left.value === null && right.value === null);
    return value === undefined ? undefined : { value, readsEnv: left.readsEnv || right.readsEnv };
  }
}
