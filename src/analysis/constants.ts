// constantValue(): what an expression is known to evaluate to, folding literals, names and operators.
import type { SyntaxNode } from '../parser/python.js';
import { decodeStringBody } from './python-string.js';

export type ConstKey = string | number | boolean | null;
export type ConstValue = string | number | boolean | null | ConstValue[] | ConstDict;
export type ConstDict = Map<ConstKey, ConstValue>;

/** What the evaluator needs from the rest of the analysis. */
export interface ConstantEnvironment {
  /** The expression a name was bound to, when it has exactly one binding with a known value. */
  valueOfName(identifier: SyntaxNode): SyntaxNode | undefined;
  /** The resolved qualified name of an expression ("stat.S_IRWXO"), if any. */
  qualifiedName(node: SyntaxNode): string | undefined;
}

/** Module constants whose values are fixed across platforms. */
const KNOWN_CONSTANTS: Record<string, ConstValue> = {
  'stat.S_ISUID': 0o4000,
  'stat.S_ISGID': 0o2000,
  'stat.S_ISVTX': 0o1000,
  'stat.S_IRWXU': 0o700,
  'stat.S_IRUSR': 0o400,
  'stat.S_IWUSR': 0o200,
  'stat.S_IXUSR': 0o100,
  'stat.S_IRWXG': 0o70,
  'stat.S_IRGRP': 0o40,
  'stat.S_IWGRP': 0o20,
  'stat.S_IXGRP': 0o10,
  'stat.S_IRWXO': 0o7,
  'stat.S_IROTH': 0o4,
  'stat.S_IWOTH': 0o2,
  'stat.S_IXOTH': 0o1,
  'stat.S_IREAD': 0o400,
  'stat.S_IWRITE': 0o200,
  'stat.S_IEXEC': 0o100,
  'string.ascii_lowercase': 'abcdefghijklmnopqrstuvwxyz',
  'string.ascii_uppercase': 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  'string.ascii_letters': 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
  'string.digits': '0123456789',
  'string.hexdigits': '0123456789abcdefABCDEF',
  'string.octdigits': '01234567',
  'string.punctuation': '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
};

const MAX_DEPTH = 64;

export function isDict(value: ConstValue | undefined): value is ConstDict {
  return value instanceof Map;
}

/** Python's truthiness for a folded value. */
export function isTruthy(value: ConstValue): boolean {
  if (value === null) return false;
  if (typeof value === 'string') return value.length > 0;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.length > 0;
  return value.size > 0;
}

/** str() of a folded value, as Python would print it. */
export function toPythonStr(value: ConstValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (Array.isArray(value)) return `[${value.map(toPythonRepr).join(', ')}]`;
  return `{${[...value].map(([k, v]) => `${toPythonRepr(k)}: ${toPythonRepr(v)}`).join(', ')}}`;
}

function toPythonRepr(value: ConstValue): string {
  return typeof value === 'string' ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : toPythonStr(value);
}

function parseInteger(text: string): number | undefined {
  const t = text.replace(/_/g, '').toLowerCase();
  if (/[jl]$/.test(t)) return undefined; // complex or Python 2 long
  if (t.startsWith('0x')) return parseInt(t.slice(2), 16);
  if (t.startsWith('0o')) return parseInt(t.slice(2), 8);
  if (t.startsWith('0b')) return parseInt(t.slice(2), 2);
  if (/^0\d+$/.test(t)) return parseInt(t, 8); // Python 2 octal, still common in old chmod calls
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** printf-style `%` formatting with %s, %r, %d, %i, %x, %o and %%; undefined for anything fancier. */
function percentFormat(template: string, args: ConstValue): string | undefined {
  const list = Array.isArray(args) ? args : [args];
  const named = isDict(args) ? args : undefined;
  let i = 0;
  let failed = false;
  const out = template.replace(/%(\([^)]*\))?([-+ #0]*\d*(?:\.\d+)?)([sridxo%])/g, (_m, key: string | undefined, flags: string, conv: string) => {
    if (conv === '%') return '%';
    let v: ConstValue | undefined;
    if (key !== undefined) v = named?.get(key.slice(1, -1));
    else v = list[i++];
    if (v === undefined || flags) {
      failed = true;
      return '';
    }
    if (conv === 's') return toPythonStr(v);
    if (conv === 'r') return toPythonRepr(v);
    if (typeof v !== 'number' && typeof v !== 'boolean') {
      failed = true;
      return '';
    }
    const n = Math.trunc(Number(v));
    return conv === 'x' ? n.toString(16) : conv === 'o' ? n.toString(8) : String(n);
  });
  return failed ? undefined : out;
}

/** str.format with positional and keyword fields and no format specs. */
function braceFormat(template: string, args: ConstValue[], kwargs: ConstDict): string | undefined {
  let auto = 0;
  let failed = false;
  const out = template.replace(/\{\{|\}\}|\{([^{}!:]*)(![rsa])?(:[^{}]*)?\}/g, (m, field: string | undefined, conv: string | undefined, spec: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    if (spec) {
      failed = true;
      return '';
    }
    const name = field ?? '';
    const v = name === '' ? args[auto++] : /^\d+$/.test(name) ? args[Number(name)] : kwargs.get(name);
    if (v === undefined) {
      failed = true;
      return '';
    }
    return conv === '!r' ? toPythonRepr(v) : toPythonStr(v);
  });
  return failed ? undefined : out;
}

function compare(op: string, a: ConstValue, b: ConstValue): boolean | undefined {
  const simple = (x: ConstValue): x is string | number | boolean | null => x === null || typeof x !== 'object';
  switch (op) {
    case '==':
    case 'is':
      return simple(a) && simple(b) ? numeric(a) === numeric(b) : undefined;
    case '!=':
    case 'is not':
      return simple(a) && simple(b) ? numeric(a) !== numeric(b) : undefined;
    case 'in':
    case 'not in': {
      let found: boolean | undefined;
      if (typeof b === 'string' && typeof a === 'string') found = b.includes(a);
      else if (Array.isArray(b) && simple(a)) found = b.some((x) => simple(x) && numeric(x) === numeric(a));
      else if (isDict(b) && simple(a)) found = b.has(a);
      if (found === undefined) return undefined;
      return op === 'in' ? found : !found;
    }
    default: {
      const x = numeric(a);
      const y = numeric(b);
      const bothNum = typeof x === 'number' && typeof y === 'number';
      const bothStr = typeof x === 'string' && typeof y === 'string';
      if (!bothNum && !bothStr) return undefined;
      if (op === '<') return x! < y!;
      if (op === '<=') return x! <= y!;
      if (op === '>') return x! > y!;
      if (op === '>=') return x! >= y!;
      return undefined;
    }
  }
}

/** Booleans compare as integers in Python (True == 1). */
function numeric(v: string | number | boolean | null | ConstValue): string | number | null | ConstValue {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}

function arithmetic(op: string, a: ConstValue, b: ConstValue): ConstValue | undefined {
  if (typeof a === 'string' && typeof b === 'string' && op === '+') return a + b;
  if (typeof a === 'string' && op === '%') return percentFormat(a, b);
  if (typeof a === 'string' && typeof b === 'number' && op === '*') return b > 0 && b * a.length < 1e6 ? a.repeat(b) : '';
  if (Array.isArray(a) && Array.isArray(b) && op === '+') return [...a, ...b];
  const x = numeric(a);
  const y = numeric(b);
  if (typeof x !== 'number' || typeof y !== 'number') return undefined;
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return y === 0 ? undefined : x / y;
    case '//':
      return y === 0 ? undefined : Math.floor(x / y);
    case '%':
      return y === 0 ? undefined : ((x % y) + y) % y;
    case '**':
      return x ** y;
    case '|':
      return Number(BigInt.asIntN(64, BigInt(Math.trunc(x)) | BigInt(Math.trunc(y))));
    case '&':
      return Number(BigInt.asIntN(64, BigInt(Math.trunc(x)) & BigInt(Math.trunc(y))));
    case '^':
      return Number(BigInt.asIntN(64, BigInt(Math.trunc(x)) ^ BigInt(Math.trunc(y))));
    case '<<':
      return y < 0 || y > 62 ? undefined : x * 2 ** y;
    case '>>':
      return y < 0 ? undefined : Math.floor(x / 2 ** y);
    default:
      return undefined;
  }
}

export class ConstantEvaluator {
  private readonly memo = new Map<number, ConstValue | undefined>();
  private readonly active = new Set<number>();

  constructor(
    private readonly env: ConstantEnvironment,
    private readonly source: string,
  ) {}

  value(node: SyntaxNode | null | undefined, depth = 0): ConstValue | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    if (this.memo.has(node.id)) return this.memo.get(node.id);
    if (this.active.has(node.id)) return undefined; // a cycle through names
    this.active.add(node.id);
    let result: ConstValue | undefined;
    try {
      result = this.compute(node, depth + 1);
    } finally {
      this.active.delete(node.id);
    }
    this.memo.set(node.id, result);
    return result;
  }

  /** The string a literal-ish expression folds to, or undefined. */
  string(node: SyntaxNode | null | undefined): string | undefined {
    const v = this.value(node);
    return typeof v === 'string' ? v : undefined;
  }

  private compute(node: SyntaxNode, depth: number): ConstValue | undefined {
    switch (node.type) {
      case 'string':
        return this.stringLiteral(node, depth);
      case 'concatenated_string': {
        let out = '';
        for (const part of node.namedChildren) {
          const v = this.value(part, depth);
          if (typeof v !== 'string') return undefined;
          out += v;
        }
        return out;
      }
      case 'integer':
        return parseInteger(node.text);
      case 'float': {
        const t = node.text.replace(/_/g, '');
        return /j$/i.test(t) ? undefined : Number(t);
      }
      case 'true':
        return true;
      case 'false':
        return false;
      case 'none':
        return null;
      case 'parenthesized_expression':
        return this.value(node.namedChildren.find((c) => c?.type !== 'comment'), depth);
      case 'unary_operator': {
        const v = this.value(node.childForFieldName('argument'), depth);
        const op = node.childForFieldName('operator')?.type;
        const n = typeof v === 'boolean' ? Number(v) : v;
        if (typeof n !== 'number') return undefined;
        return op === '-' ? -n : op === '+' ? n : op === '~' ? -n - 1 : undefined;
      }
      case 'not_operator': {
        const v = this.value(node.childForFieldName('argument'), depth);
        return v === undefined ? undefined : !isTruthy(v);
      }
      case 'binary_operator': {
        const a = this.value(node.childForFieldName('left'), depth);
        if (a === undefined) return undefined;
        const b = this.value(node.childForFieldName('right'), depth);
        if (b === undefined) return undefined;
        return arithmetic(node.childForFieldName('operator')?.type ?? '', a, b);
      }
      case 'boolean_operator': {
        const a = this.value(node.childForFieldName('left'), depth);
        if (a === undefined) return undefined;
        const op = node.childForFieldName('operator')?.type;
        if (op === 'and') return isTruthy(a) ? this.value(node.childForFieldName('right'), depth) : a;
        return isTruthy(a) ? a : this.value(node.childForFieldName('right'), depth);
      }
      case 'comparison_operator':
        return this.comparison(node, depth);
      case 'conditional_expression': {
        const [whenTrue, condition, whenFalse] = node.namedChildren;
        const c = this.value(condition, depth);
        if (c === undefined) return undefined;
        return this.value(isTruthy(c) ? whenTrue : whenFalse, depth);
      }
      case 'tuple':
      case 'list':
      case 'set':
      case 'expression_list': {
        const out: ConstValue[] = [];
        for (const el of node.namedChildren) {
          if (!el || el.type === 'comment') continue;
          if (el.type === 'list_splat') {
            const inner = this.value(el.namedChildren[0], depth);
            if (!Array.isArray(inner)) return undefined;
            out.push(...inner);
            continue;
          }
          const v = this.value(el, depth);
          if (v === undefined) return undefined;
          out.push(v);
        }
        return out;
      }
      case 'dictionary':
        return this.dictionary(node, depth);
      case 'identifier': {
        if (node.text === '__debug__') return true;
        const bound = this.env.valueOfName(node);
        if (bound) return this.value(bound, depth);
        const qn = this.env.qualifiedName(node);
        return qn !== undefined ? KNOWN_CONSTANTS[qn] : undefined;
      }
      case 'attribute': {
        const qn = this.env.qualifiedName(node);
        return qn !== undefined ? KNOWN_CONSTANTS[qn] : undefined;
      }
      case 'subscript': {
        const container = this.value(node.childForFieldName('value'), depth);
        const index = this.value(node.childForFieldName('subscript'), depth);
        if (container === undefined || index === undefined) return undefined;
        if (isDict(container)) return typeof index === 'object' && index !== null ? undefined : container.get(index);
        if ((Array.isArray(container) || typeof container === 'string') && typeof index === 'number') {
          const i = index < 0 ? container.length + index : index;
          return container[i];
        }
        return undefined;
      }
      case 'call':
        return this.call(node, depth);
      default:
        return undefined;
    }
  }

  private stringLiteral(node: SyntaxNode, depth: number): ConstValue | undefined {
    const start = node.namedChildren.find((c) => c?.type === 'string_start');
    const end = node.namedChildren.find((c) => c?.type === 'string_end');
    if (!start || !end) return undefined;
    const prefix = start.text.replace(/['"]+$/, '');
    const isFormat = /f/i.test(prefix);
    const source = this.source;
    let out = '';
    let cursor = start.endIndex;
    for (const part of node.namedChildren) {
      if (!part || part.type !== 'interpolation') continue;
      out += this.decodeSegment(source.slice(cursor, part.startIndex), prefix, isFormat);
      if (part.childForFieldName('format_specifier')) return undefined;
      const v = this.value(part.childForFieldName('expression'), depth);
      if (v === undefined) return undefined;
      out += part.childForFieldName('type_conversion')?.text === '!r' ? toPythonRepr(v) : toPythonStr(v);
      cursor = part.endIndex;
    }
    out += this.decodeSegment(source.slice(cursor, end.startIndex), prefix, isFormat);
    return out;
  }

  private decodeSegment(raw: string, prefix: string, isFormat: boolean): string {
    const text = isFormat ? raw.replace(/\{\{/g, '{').replace(/\}\}/g, '}') : raw;
    return decodeStringBody(text, prefix);
  }

  private comparison(node: SyntaxNode, depth: number): ConstValue | undefined {
    const operands = node.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
    const operators = node.childrenForFieldName('operators').map((o) => o.text.replace(/\s+/g, ' '));
    if (operators.length !== operands.length - 1) return undefined;
    let left = this.value(operands[0], depth);
    if (left === undefined) return undefined;
    for (let i = 0; i < operators.length; i++) {
      const right = this.value(operands[i + 1], depth);
      if (right === undefined) return undefined;
      const r = compare(operators[i]!, left, right);
      if (r === undefined) return undefined;
      if (!r) return false;
      left = right;
    }
    return true;
  }

  private dictionary(node: SyntaxNode, depth: number): ConstValue | undefined {
    const out: ConstDict = new Map();
    for (const el of node.namedChildren) {
      if (!el || el.type === 'comment') continue;
      if (el.type === 'pair') {
        const k = this.value(el.childForFieldName('key'), depth);
        if (k === undefined || (typeof k === 'object' && k !== null)) return undefined;
        const v = this.value(el.childForFieldName('value'), depth);
        if (v === undefined) return undefined;
        out.set(k, v);
      } else if (el.type === 'dictionary_splat') {
        const inner = this.value(el.namedChildren[0], depth);
        if (!isDict(inner)) return undefined;
        for (const [k, v] of inner) out.set(k, v);
      } else {
        return undefined;
      }
    }
    return out;
  }

  private call(node: SyntaxNode, depth: number): ConstValue | undefined {
    const fn = node.childForFieldName('function');
    const args = node.childForFieldName('arguments');
    if (!fn || !args || args.type !== 'argument_list') return undefined;
    const positional: ConstValue[] = [];
    const keywords: ConstDict = new Map();
    for (const a of args.namedChildren) {
      if (!a || a.type === 'comment') continue;
      if (a.type === 'keyword_argument') {
        const v = this.value(a.childForFieldName('value'), depth);
        if (v === undefined) return undefined;
        keywords.set(a.childForFieldName('name')?.text ?? '', v);
      } else if (a.type === 'list_splat' || a.type === 'dictionary_splat') {
        return undefined;
      } else {
        const v = this.value(a, depth);
        if (v === undefined) return undefined;
        positional.push(v);
      }
    }
    if (fn.type === 'attribute') {
      const method = fn.childForFieldName('attribute')?.text;
      const receiver = this.value(fn.childForFieldName('object'), depth);
      if (typeof receiver === 'string') {
        switch (method) {
          case 'format':
            return braceFormat(receiver, positional, keywords);
          case 'join': {
            const items = positional[0];
            if (!Array.isArray(items) || !items.every((x) => typeof x === 'string')) return undefined;
            return items.join(receiver);
          }
          case 'lower':
            return receiver.toLowerCase();
          case 'upper':
            return receiver.toUpperCase();
          case 'strip':
            return positional.length === 0 ? receiver.trim() : undefined;
          case 'encode':
          case 'decode':
            return receiver;
          default:
            return undefined;
        }
      }
      return undefined;
    }
    const name = this.env.qualifiedName(fn);
    switch (name) {
      case 'str':
        return positional.length === 1 ? toPythonStr(positional[0]!) : positional.length === 0 ? '' : undefined;
      case 'int': {
        const v = positional[0];
        if (typeof v === 'number') return Math.trunc(v);
        if (typeof v === 'boolean') return Number(v);
        if (typeof v === 'string' && positional.length === 1) return parseInteger(v.trim());
        if (typeof v === 'string' && typeof positional[1] === 'number') {
          const n = parseInt(v.trim(), positional[1]);
          return Number.isNaN(n) ? undefined : n;
        }
        return undefined;
      }
      case 'bool':
        return positional.length === 0 ? false : isTruthy(positional[0]!);
      case 'len': {
        const v = positional[0];
        if (typeof v === 'string' || Array.isArray(v)) return v.length;
        return isDict(v) ? v.size : undefined;
      }
      case 'dict':
        return positional.length === 0 ? keywords : undefined;
      case 'tuple':
      case 'list':
        return positional.length === 0 ? [] : Array.isArray(positional[0]) ? positional[0] : undefined;
      default:
        return undefined;
    }
  }
}
