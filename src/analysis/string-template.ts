// stringTemplate(): how a string is assembled — its constant text, and the non-constant parts spliced into it
// by `+`, `%`, `str.format`, f-strings and `+=`, following local names to the values they were built from.
import type { SyntaxNode } from '../parser/python.js';
import { toPythonStr, type ConstValue } from './constants.js';
import { decodeStringBody } from './python-string.js';
import type { Binding } from './scopes.js';
import { unwrapParentheses as unwrap, namedChildren as named } from './syntax.js';

/** Stands for a non-constant part in StringTemplate.text. */
export const HOLE = '\u0001';

export interface StringTemplate {
  /** The constant text, with HOLE where a non-constant part goes. */
  text: string;
  /** Non-constant parts spliced in by formatting or concatenation (numbers and constant-built pieces excluded). */
  holes: SyntaxNode[];
  /** Non-constant values that are not built by formatting here: the expression itself, or a binding of a name it is built from. */
  opaque: SyntaxNode[];
}

export interface StringTemplateOptions {
  /** Spliced parts that are safe in the target language: a quoting call (`shlex.quote(x)`), a trusted value (`sys.executable`). */
  isSafe?: (part: SyntaxNode) => boolean;
  /**
   * Judge the whole expression as a part spliced into a larger text (a shell command line): a value that is not
   * built here (a parameter, a call) becomes a hole unless it is safe, instead of being listed as opaque.
   */
  spliceWhole?: boolean;
}

export interface StringTemplateEnvironment {
  source: string;
  possibleValues(node: SyntaxNode): ConstValue[] | undefined;
  constantValue(node: SyntaxNode): ConstValue | undefined;
  qualifiedName(node: SyntaxNode): string | undefined;
  /** The bindings that may supply a name's value at this use (see reaching-bindings.ts). */
  reaching(identifier: SyntaxNode): readonly Binding[] | undefined;
}

const MAX_DEPTH = 32;
/** Work allowed for one template: names re-used in many places could otherwise be expanded exponentially often. */
const MAX_STEPS = 4000;

/** Functions whose result is a number (or a bool), so it cannot carry text into a string. */
const NUMERIC_FUNCTIONS = new Set([
  'int', 'float', 'len', 'round', 'abs', 'bool', 'ord', 'math.floor', 'math.ceil', 'math.trunc',
  'time.time', 'time.monotonic', 'time.perf_counter', 'os.getpid', 'os.getppid', 'os.getuid', 'os.geteuid', 'os.getgid',
]);
/** Conversions that turn a number into digits. */
const NUMBER_TO_TEXT = new Set(['str', 'repr', 'hex', 'oct', 'bin']);
/** Parameter annotations that declare a number (frameworks such as FastAPI and pydantic enforce them). */
const NUMERIC_ANNOTATIONS = new Set(['int', 'float', 'bool']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '//', '%', '**', '&', '|', '^', '<<', '>>']);
/** A format spec whose presentation type only accepts numbers: `{n:d}`, `{x:.2f}`, `{n:05x}`. */
const NUMERIC_SPEC = /^:.*[bcdeEfFgGnoxX%]$/;
/** printf conversions: numeric ones reject strings at run time. */
const PERCENT_FIELD = /%(\([^)]*\))?([-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?)[hlL]?([diouxXeEfFgGcrsa%])/g;
const NUMERIC_CONVERSION = /[diouxXeEfFgGc]/;
const BRACE_FIELD = /\{\{|\}\}|\{([^{}!:]*)(![rsa])?(:[^{}]*)?\}/g;

const EMPTY: StringTemplate = { text: '', holes: [], opaque: [] };

function join(parts: StringTemplate[]): StringTemplate {
  return {
    text: parts.map((p) => p.text).join(''),
    holes: parts.flatMap((p) => p.holes),
    opaque: parts.flatMap((p) => p.opaque),
  };
}

export class StringTemplates {
  constructor(private readonly env: StringTemplateEnvironment) {}

  template(node: SyntaxNode, options: StringTemplateOptions = {}): StringTemplate {
    const assembler = new Assembler(this.env, options);
    return options.spliceWhole ? assembler.spliced(node, 0, new Set()) : assembler.part(node, 0, new Set());
  }
}

class Assembler {
  private steps = 0;

  constructor(
    private readonly env: StringTemplateEnvironment,
    private readonly options: StringTemplateOptions,
  ) {}

  /** The template of an expression used as a whole (not spliced into another string). */
  part(node: SyntaxNode, depth: number, expanding: Set<string>): StringTemplate {
    if (depth > MAX_DEPTH || ++this.steps > MAX_STEPS) return { text: HOLE, holes: [], opaque: [node] };
    const known = this.constantText(node);
    if (known !== undefined) return { text: known, holes: [], opaque: [] };
    const d = depth + 1;
    switch (node.type) {
      case 'parenthesized_expression': {
        const inner = unwrap(node);
        return inner ? this.part(inner, d, expanding) : EMPTY;
      }
      case 'string':
        return this.literal(node, d, expanding);
      case 'concatenated_string':
        return join(named(node).map((p) => this.part(p, d, expanding)));
      case 'binary_operator': {
        const op = node.childForFieldName('operator')?.type;
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (!left || !right) break;
        if (op === '+') {
          // Numbers added together are not text being assembled.
          if (this.isNumeric(node, d)) return { text: '0', holes: [], opaque: [] };
          return join([this.spliced(left, d, expanding), this.spliced(right, d, expanding)]);
        }
        if (op === '%' && !this.isNumeric(left, d)) return this.percent(left, right, d, expanding);
        break;
      }
      case 'call': {
        const fn = node.childForFieldName('function');
        if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format') {
          const receiver = fn.childForFieldName('object');
          if (receiver) return this.format(receiver, node, d, expanding);
        }
        break;
      }
      case 'conditional_expression': {
        const [whenTrue, , whenFalse] = named(node);
        if (whenTrue && whenFalse) return join([this.part(whenTrue, d, expanding), { text: '\n', holes: [], opaque: [] }, this.part(whenFalse, d, expanding)]);
        break;
      }
      case 'identifier':
        return this.name(node, d, expanding);
      default:
        break;
    }
    return { text: HOLE, holes: [], opaque: [node] };
  }

  /** A part spliced into a larger string: what is not constant becomes a hole unless it is safe. */
  spliced(node: SyntaxNode, depth: number, expanding: Set<string>): StringTemplate {
    const t = this.part(node, depth, expanding);
    if (t.opaque.length === 0) return t;
    const holes = [...t.holes, ...t.opaque.filter((o) => !this.isSafe(o, depth))];
    return { text: t.text, holes, opaque: [] };
  }

  private constantText(node: SyntaxNode): string | undefined {
    const values = this.env.possibleValues(node);
    if (!values || values.length === 0) return undefined;
    return toPythonStr(values[0]!);
  }

  private literal(node: SyntaxNode, depth: number, expanding: Set<string>): StringTemplate {
    const children = node.namedChildren.filter((c): c is SyntaxNode => c !== null);
    const start = children.find((c) => c.type === 'string_start');
    const end = children.find((c) => c.type === 'string_end');
    if (!start || !end) return { text: HOLE, holes: [], opaque: [node] };
    const prefix = start.text.replace(/['"]+$/, '');
    const isFormat = /f/i.test(prefix);
    const decode = (raw: string) => decodeStringBody(isFormat ? raw.replace(/\{\{/g, '{').replace(/\}\}/g, '}') : raw, prefix);
    const parts: StringTemplate[] = [];
    let cursor = start.endIndex;
    for (const part of children) {
      if (part.type !== 'interpolation') continue;
      parts.push({ text: decode(this.env.source.slice(cursor, part.startIndex)), holes: [], opaque: [] });
      cursor = part.endIndex;
      const expression = part.childForFieldName('expression');
      if (!expression) continue;
      const spec = part.childForFieldName('format_specifier');
      if (spec && NUMERIC_SPEC.test(spec.text)) parts.push({ text: '0', holes: [], opaque: [] });
      else parts.push(this.spliced(expression, depth, expanding));
    }
    parts.push({ text: decode(this.env.source.slice(cursor, end.startIndex)), holes: [], opaque: [] });
    return join(parts);
  }

  /** `template % values`, matching printf fields to the tuple or dict on the right. */
  private percent(left: SyntaxNode, right: SyntaxNode, depth: number, expanding: Set<string>): StringTemplate {
    const template = this.part(left, depth, expanding);
    const fields = [...template.text.matchAll(PERCENT_FIELD)].filter((m) => m[3] !== '%');
    const rhs = this.literalValue(right);
    const items = rhs && (rhs.type === 'tuple' || rhs.type === 'list') ? named(rhs) : undefined;
    const dict = rhs?.type === 'dictionary' ? rhs : undefined;
    const canMap = template.holes.length === 0 && template.opaque.length === 0 && fields.length > 0;
    if (!canMap || (!items && !dict && fields.some((m) => m[1] !== undefined))) {
      // The fields cannot be matched to values: everything on the right is spliced in.
      const numericOnly = fields.length > 0 && fields.every((m) => NUMERIC_CONVERSION.test(m[3]!));
      const values = numericOnly ? EMPTY : this.spliced(right, depth, expanding);
      return { text: template.text + values.text, holes: [...template.holes, ...template.opaque, ...values.holes], opaque: [] };
    }
    let index = 0;
    const holes: SyntaxNode[] = [];
    const text = template.text.replace(PERCENT_FIELD, (_m, key: string | undefined, _flags: string, conv: string) => {
      if (conv === '%') return '%';
      let value: SyntaxNode | undefined;
      if (key !== undefined && dict) value = this.dictEntry(dict, key.slice(1, -1));
      else if (items) value = items[index++];
      else value = right;
      if (NUMERIC_CONVERSION.test(conv)) return '0';
      if (!value || value.type.endsWith('splat')) {
        holes.push(right);
        return HOLE;
      }
      const t = this.spliced(value, depth, expanding);
      holes.push(...t.holes);
      return t.text;
    });
    return { text, holes, opaque: [] };
  }

  /** `template.format(...)`, matching replacement fields to positional and keyword arguments. */
  private format(receiver: SyntaxNode, call: SyntaxNode, depth: number, expanding: Set<string>): StringTemplate {
    const template = this.part(receiver, depth, expanding);
    // `x.format(...)` on something not known to be text (a parameter, `psycopg.sql.SQL(...)`) is not assembled here.
    if (template.text === HOLE && template.holes.length === 0) return { text: HOLE, holes: [], opaque: [call] };
    const argList = call.childForFieldName('arguments');
    const positional: SyntaxNode[] = [];
    const keywords = new Map<string, SyntaxNode>();
    const splats: SyntaxNode[] = [];
    for (const a of named(argList)) {
      if (a.type === 'keyword_argument') {
        const k = a.childForFieldName('name')?.text;
        const v = a.childForFieldName('value');
        if (k && v) keywords.set(k, v);
      } else if (a.type === 'list_splat' || a.type === 'dictionary_splat') {
        if (a.namedChildren[0]) splats.push(a.namedChildren[0]);
      } else {
        positional.push(a);
      }
    }
    const fields = [...template.text.matchAll(BRACE_FIELD)].filter((m) => m[0] !== '{{' && m[0] !== '}}');
    if (template.holes.length > 0 || template.opaque.length > 0 || fields.length === 0) {
      const args = [...positional, ...keywords.values(), ...splats].map((a) => this.spliced(a, depth, expanding));
      return { text: template.text + args.map((a) => a.text).join(''), holes: [...template.holes, ...template.opaque, ...args.flatMap((a) => a.holes)], opaque: [] };
    }
    let auto = 0;
    const holes: SyntaxNode[] = [];
    const text = template.text.replace(BRACE_FIELD, (m, field: string | undefined, _conv: string | undefined, spec: string | undefined) => {
      if (m === '{{') return '{';
      if (m === '}}') return '}';
      const base = /^[^.[]*/.exec(field ?? '')![0];
      const value = base === '' ? positional[auto++] : /^\d+$/.test(base) ? positional[Number(base)] : keywords.get(base);
      if (spec && NUMERIC_SPEC.test(spec)) return '0';
      if (!value) {
        holes.push(...splats);
        return HOLE;
      }
      const t = this.spliced(value, depth, expanding);
      holes.push(...t.holes);
      return t.text;
    });
    return { text, holes, opaque: [] };
  }

  /** A name: the concatenation of what its bindings assemble (`q = "..."`, `q += f"..."`), in source order. */
  private name(identifier: SyntaxNode, depth: number, expanding: Set<string>): StringTemplate {
    const bindings = this.env.reaching(identifier);
    if (!bindings || bindings.length === 0) return { text: HOLE, holes: [], opaque: [identifier] };
    const key = String(identifier.id);
    // Met again through a loop's re-binding (`q = q + …`): it stands for the text assembled so far.
    if (expanding.has(key)) return EMPTY;
    expanding.add(key);
    try {
      const parts: StringTemplate[] = [];
      for (const b of bindings) {
        if ((b.kind === 'assign' || b.kind === 'walrus') && b.value) {
          parts.push(this.part(b.value, depth, expanding));
        } else if (b.kind === 'augmented' && b.value && b.node.parent?.childForFieldName('operator')?.type === '+=') {
          parts.push(this.spliced(b.value, depth, expanding));
        } else {
          parts.push({ text: HOLE, holes: [], opaque: [identifier] });
        }
      }
      return join(parts);
    } finally {
      expanding.delete(key);
    }
  }

  /** The literal a name stands for when it is bound once (`args = (a, b)`), else the node itself. */
  private literalValue(node: SyntaxNode): SyntaxNode | undefined {
    const n = unwrap(node);
    if (n?.type !== 'identifier') return n;
    const bindings = this.env.reaching(n);
    if (bindings?.length === 1 && bindings[0]!.kind === 'assign' && bindings[0]!.value) return unwrap(bindings[0]!.value);
    return n;
  }

  private dictEntry(dict: SyntaxNode, key: string): SyntaxNode | undefined {
    for (const pair of named(dict)) {
      if (pair.type === 'pair' && this.env.constantValue(pair.childForFieldName('key')!) === key) return pair.childForFieldName('value') ?? undefined;
    }
    return undefined;
  }

  /** A spliced part that cannot carry attacker text: a number, a quoting call, or a string built only from constants. */
  private isSafe(node: SyntaxNode, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    const n = unwrap(node);
    if (!n) return false;
    if (this.env.possibleValues(n)) return true;
    if (this.isNumeric(n, depth + 1)) return true;
    if (this.options.isSafe?.(n)) return true;
    return this.isConstantBuilt(n, depth + 1, new Set());
  }

  /** The expression always evaluates to a number or a bool. */
  private isNumeric(node: SyntaxNode, depth: number, seen = new Set<number>()): boolean {
    const n = unwrap(node);
    if (!n || depth > MAX_DEPTH || ++this.steps > MAX_STEPS || seen.has(n.id)) return false;
    seen.add(n.id);
    switch (n.type) {
      case 'integer':
      case 'float':
      case 'true':
      case 'false':
      case 'comparison_operator':
      case 'not_operator':
        return true;
      case 'unary_operator':
        return this.isNumeric(n.childForFieldName('argument')!, depth + 1, seen);
      case 'binary_operator': {
        const op = n.childForFieldName('operator')?.type ?? '';
        return ARITHMETIC.has(op) && this.isNumeric(n.childForFieldName('left')!, depth + 1, seen) && this.isNumeric(n.childForFieldName('right')!, depth + 1, seen);
      }
      case 'call': {
        const fn = n.childForFieldName('function');
        const qn = fn ? this.env.qualifiedName(fn) : undefined;
        return qn !== undefined && NUMERIC_FUNCTIONS.has(qn);
      }
      case 'identifier': {
        const v = this.env.constantValue(n);
        if (typeof v === 'number' || typeof v === 'boolean') return true;
        const bindings = this.env.reaching(n);
        if (!bindings || bindings.length === 0) return false;
        return bindings.every((b) => {
          if ((b.kind === 'assign' || b.kind === 'walrus' || b.kind === 'augmented') && b.value) return this.isNumeric(b.value, depth + 1, seen);
          if (b.kind === 'loop') return this.loopsOverRange(b);
          if (b.kind === 'parameter') return this.annotatedNumeric(b);
          return false;
        });
      }
      default:
        return false;
    }
  }

  /** `def f(limit: int)` / `limit: int = 10`. */
  private annotatedNumeric(binding: Binding): boolean {
    const param = binding.node.parent;
    if (!param || (param.type !== 'typed_parameter' && param.type !== 'typed_default_parameter')) return false;
    const annotation = param.childForFieldName('type');
    const qn = annotation ? this.env.qualifiedName(named(annotation)[0] ?? annotation) : undefined;
    return qn !== undefined && NUMERIC_ANNOTATIONS.has(qn);
  }

  /** The loop variable counts: `for i in range(...)` or the index of `for i, x in enumerate(...)`. */
  private loopsOverRange(binding: Binding): boolean {
    let loop = binding.node.parent;
    let counter = 'range';
    if (loop && (loop.type === 'pattern_list' || loop.type === 'tuple_pattern') && named(loop)[0]?.id === binding.node.id) {
      const target = loop;
      loop = loop.parent;
      if (loop?.childForFieldName('left')?.id !== target.id) return false;
      counter = 'enumerate';
    } else if (loop?.childForFieldName('left')?.id !== binding.node.id) {
      return false;
    }
    if (!loop || (loop.type !== 'for_statement' && loop.type !== 'for_in_clause')) return false;
    const iterable = unwrap(loop.childForFieldName('right'));
    const fn = iterable?.type === 'call' ? iterable.childForFieldName('function') : undefined;
    return !!fn && this.env.qualifiedName(fn) === counter;
  }

  /**
   * A string assembled only from constants, numbers and safe calls, however many times repeated:
   * `", ".join("?" * len(ids))`, `",".join(["%s"] * n)`, `" ".join(shlex.quote(a) for a in argv)`.
   */
  private isConstantBuilt(node: SyntaxNode, depth: number, seen: Set<number>): boolean {
    const n = unwrap(node);
    if (!n || depth > MAX_DEPTH || ++this.steps > MAX_STEPS || seen.has(n.id)) return false;
    seen.add(n.id);
    if (this.env.possibleValues(n) || this.isNumeric(n, depth)) return true;
    switch (n.type) {
      case 'string':
      case 'concatenated_string': {
        const t = this.part(n, depth, new Set());
        return t.holes.length === 0 && t.opaque.length === 0;
      }
      case 'binary_operator': {
        const op = n.childForFieldName('operator')?.type;
        const left = n.childForFieldName('left')!;
        const right = n.childForFieldName('right')!;
        if (op === '*') {
          // text * count: safe when the repeated side is constant text (the other side can only be a count).
          const repeats = (side: SyntaxNode) => !this.isNumeric(side, depth + 1) && this.isConstantBuilt(side, depth + 1, seen);
          return repeats(left) || repeats(right);
        }
        const t = this.part(n, depth, new Set());
        return t.holes.length === 0 && t.opaque.length === 0;
      }
      case 'call': {
        if (this.options.isSafe?.(n)) return true;
        const fn = n.childForFieldName('function');
        // str(n), hex(n)… of a number is digits.
        const fnName = fn ? this.env.qualifiedName(fn) : undefined;
        if (fnName && NUMBER_TO_TEXT.has(fnName)) {
          const args = named(n.childForFieldName('arguments'));
          return args.length === 1 && this.isNumeric(args[0]!, depth + 1);
        }
        if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'join') {
          const sep = fn.childForFieldName('object');
          const list = n.childForFieldName('arguments');
          // `sep.join(x for x in …)`: the generator is the argument list itself.
          const arg = list?.type === 'generator_expression' ? [list] : named(list);
          return !!sep && arg.length === 1 && this.isConstantBuilt(sep, depth + 1, seen) && this.isConstantIterable(arg[0]!, depth + 1, seen);
        }
        if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format') {
          const t = this.part(n, depth, new Set());
          return t.holes.length === 0 && t.opaque.length === 0;
        }
        return false;
      }
      case 'list':
      case 'tuple':
        return this.isConstantIterable(n, depth, seen);
      case 'identifier': {
        const bindings = this.env.reaching(n);
        if (!bindings || bindings.length === 0) return false;
        return bindings.every((b) => (b.kind === 'assign' || b.kind === 'walrus' || b.kind === 'augmented') && !!b.value && this.isConstantBuilt(b.value, depth + 1, seen));
      }
      default:
        return false;
    }
  }

  /** An iterable whose items are all constant-built strings (or numbers). */
  private isConstantIterable(node: SyntaxNode, depth: number, seen: Set<number>): boolean {
    const n = unwrap(node);
    if (!n || depth > MAX_DEPTH) return false;
    if (Array.isArray(this.env.constantValue(n))) return true;
    switch (n.type) {
      case 'string':
      case 'concatenated_string':
        // A string iterates over its characters.
        return this.isConstantBuilt(n, depth + 1, seen);
      case 'list':
      case 'tuple':
      case 'set':
        return named(n).every((el) => this.isConstantBuilt(el, depth + 1, seen));
      case 'list_comprehension':
      case 'set_comprehension':
      case 'generator_expression': {
        const body = n.childForFieldName('body');
        return !!body && this.isConstantBuilt(body, depth + 1, seen);
      }
      case 'binary_operator': {
        const op = n.childForFieldName('operator')?.type;
        const left = n.childForFieldName('left')!;
        const right = n.childForFieldName('right')!;
        if (op === '*') return this.isConstantIterable(left, depth + 1, seen) || this.isConstantIterable(right, depth + 1, seen);
        if (op === '+') return this.isConstantIterable(left, depth + 1, seen) && this.isConstantIterable(right, depth + 1, seen);
        return false;
      }
      case 'call': {
        const fn = n.childForFieldName('function');
        const qn = fn ? this.env.qualifiedName(fn) : undefined;
        const list = n.childForFieldName('arguments');
        const args = list?.type === 'generator_expression' ? [list] : named(list);
        if (qn === 'range') return true;
        if ((qn === 'list' || qn === 'tuple' || qn === 'sorted' || qn === 'reversed') && args.length === 1) return this.isConstantIterable(args[0]!, depth + 1, seen);
        return false;
      }
      case 'identifier': {
        const bindings = this.env.reaching(n);
        if (!bindings || bindings.length === 0) return false;
        return bindings.every((b) => (b.kind === 'assign' || b.kind === 'walrus') && !!b.value && this.isConstantIterable(b.value, depth + 1, seen));
      }
      default:
        return false;
    }
  }
}
