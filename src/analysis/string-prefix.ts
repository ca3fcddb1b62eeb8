// knownPrefix(): the leading text of a string or path expression that is fixed even when the rest is computed at run time.
import type { SyntaxNode } from '../parser/python.js';
import type { ConstValue } from './constants.js';
import { decodeStringBody } from './python-string.js';

export interface KnownPrefix {
  /** Text every value of the expression starts with. */
  text: string;
  /** The whole value is known (text is all of it). */
  complete: boolean;
  /** The expression is a pathlib path object rather than a str. */
  isPath: boolean;
}

export interface PrefixEnvironment {
  constantValue(node: SyntaxNode): ConstValue | undefined;
  qualifiedName(node: SyntaxNode): string | undefined;
  /** The expression a name was bound to, when it has exactly one binding with a known value. */
  valueOfName(identifier: SyntaxNode): SyntaxNode | undefined;
}

const PATH_CLASSES = new Set([
  'pathlib.Path',
  'pathlib.PosixPath',
  'pathlib.PurePath',
  'pathlib.PurePosixPath',
  'pathlib.WindowsPath',
  'pathlib.PureWindowsPath',
]);
const JOINS = new Set(['os.path.join', 'posixpath.join']);
const STR_OF_PATH = new Set(['str', 'os.fspath', 'os.fsencode', 'os.fsdecode']);
const MAX_DEPTH = 24;

function known(text: string, complete: boolean, isPath = false): KnownPrefix {
  return { text, complete, isPath };
}

/** os.path.join semantics on prefixes: an absolute later part restarts the path. */
function joinParts(parts: (KnownPrefix | undefined)[], isPath: boolean): KnownPrefix | undefined {
  let acc: KnownPrefix | undefined;
  for (const p of parts) {
    // An unknown later part: the result continues below acc (an absolute part would restart it; assumed rare).
    if (!p) return acc ? known(acc.text.endsWith('/') ? acc.text : `${acc.text}/`, false, isPath) : undefined;
    if (!acc || p.text.startsWith('/')) acc = known(p.text, p.complete, isPath);
    else if (p.text === '' && !p.complete) return known(acc.text, false, isPath);
    else acc = known(acc.text === '' || acc.text.endsWith('/') ? acc.text + p.text : `${acc.text}/${p.text}`, p.complete, isPath);
    if (!acc.complete) return acc;
  }
  return acc;
}

/** Text of a %-template before its first conversion. */
function beforePercent(template: string): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    if (template[i] !== '%') {
      out += template[i];
    } else if (template[i + 1] === '%') {
      out += '%';
      i++;
    } else {
      break;
    }
  }
  return out;
}

/** Text of a str.format template before its first field. */
function beforeBrace(template: string): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const ch = template[i]!;
    if ((ch === '{' || ch === '}') && template[i + 1] === ch) {
      out += ch;
      i++;
    } else if (ch === '{') {
      break;
    } else {
      out += ch;
    }
  }
  return out;
}

export class PrefixEvaluator {
  private readonly memo = new Map<number, KnownPrefix | undefined>();

  constructor(
    private readonly env: PrefixEnvironment,
    private readonly source: string,
  ) {}

  prefix(node: SyntaxNode | null | undefined, depth = 0): KnownPrefix | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    if (this.memo.has(node.id)) return this.memo.get(node.id);
    this.memo.set(node.id, undefined); // guards cycles through names
    const result = this.compute(node, depth + 1);
    this.memo.set(node.id, result);
    return result;
  }

  private compute(node: SyntaxNode, depth: number): KnownPrefix | undefined {
    if (node.type !== 'call' && node.type !== 'identifier' && node.type !== 'binary_operator') {
      const v = this.env.constantValue(node);
      if (typeof v === 'string') return known(v, true);
    }
    switch (node.type) {
      case 'string':
        return this.fString(node);
      case 'concatenated_string':
        return this.sequence(node.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment'), depth);
      case 'parenthesized_expression':
        return this.prefix(node.namedChildren.find((c) => c?.type !== 'comment'), depth);
      case 'identifier': {
        const v = this.env.constantValue(node);
        if (typeof v === 'string') return known(v, true);
        return this.prefix(this.env.valueOfName(node), depth);
      }
      case 'binary_operator':
        return this.binary(node, depth);
      case 'call':
        return this.call(node, depth);
      default:
        return undefined;
    }
  }

  private sequence(parts: SyntaxNode[], depth: number): KnownPrefix | undefined {
    let text = '';
    for (const part of parts) {
      const p = this.prefix(part, depth);
      if (!p) return text === '' ? undefined : known(text, false);
      text += p.text;
      if (!p.complete) return known(text, false);
    }
    return known(text, true);
  }

  /** An f-string whose interpolations are not all constant: the literal text up to the first unknown one. */
  private fString(node: SyntaxNode): KnownPrefix | undefined {
    const start = node.namedChildren.find((c) => c?.type === 'string_start');
    const end = node.namedChildren.find((c) => c?.type === 'string_end');
    if (!start || !end) return undefined;
    const prefix = start.text.replace(/['"]+$/, '');
    const isFormat = /f/i.test(prefix);
    const decode = (raw: string) => decodeStringBody(isFormat ? raw.replace(/\{\{/g, '{').replace(/\}\}/g, '}') : raw, prefix);
    let out = '';
    let cursor = start.endIndex;
    for (const part of node.namedChildren) {
      if (!part || part.type !== 'interpolation') continue;
      out += decode(this.source.slice(cursor, part.startIndex));
      const v = part.childForFieldName('format_specifier') ? undefined : this.env.constantValue(part.childForFieldName('expression') ?? part);
      if (typeof v !== 'string' || part.childForFieldName('type_conversion')) return known(out, false);
      out += v;
      cursor = part.endIndex;
    }
    out += decode(this.source.slice(cursor, end.startIndex));
    return known(out, true);
  }

  private binary(node: SyntaxNode, depth: number): KnownPrefix | undefined {
    const op = node.childForFieldName('operator')?.type;
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const whole = this.env.constantValue(node);
    if (typeof whole === 'string') return known(whole, true);
    if (op === '+') {
      const l = this.prefix(left, depth);
      if (!l || l.isPath) return undefined;
      if (!l.complete) return l;
      const r = this.prefix(right, depth);
      return r ? known(l.text + r.text, r.complete) : known(l.text, false);
    }
    if (op === '%') {
      const template = this.env.constantValue(left!);
      return typeof template === 'string' ? known(beforePercent(template), false) : undefined;
    }
    if (op === '/') {
      const l = this.prefix(left, depth);
      if (!l?.isPath) return undefined;
      return joinParts([l, this.prefix(right, depth)], true);
    }
    return undefined;
  }

  private call(node: SyntaxNode, depth: number): KnownPrefix | undefined {
    const fn = node.childForFieldName('function');
    const argList = node.childForFieldName('arguments');
    if (!fn || argList?.type !== 'argument_list') return undefined;
    const args = argList.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
    const positional = args.every((a) => a.type !== 'keyword_argument' && a.type !== 'list_splat' && a.type !== 'dictionary_splat');
    if (fn.type === 'attribute') {
      const method = fn.childForFieldName('attribute')?.text;
      const receiver = fn.childForFieldName('object');
      if (method === 'format') {
        const template = this.env.constantValue(receiver!);
        if (typeof template === 'string') {
          const whole = this.env.constantValue(node);
          return typeof whole === 'string' ? known(whole, true) : known(beforeBrace(template), false);
        }
      }
      if (method === 'joinpath' && positional) {
        const base = this.prefix(receiver, depth);
        if (!base?.isPath) return undefined;
        return joinParts([base, ...args.map((a) => this.prefix(a, depth))], true);
      }
    }
    const callee = this.env.qualifiedName(fn);
    if (callee === undefined) return undefined;
    if (PATH_CLASSES.has(callee) && positional) {
      if (args.length === 0) return known('.', true, true);
      return joinParts(args.map((a) => this.prefix(a, depth)), true);
    }
    if (JOINS.has(callee) && positional && args.length > 0) return joinParts(args.map((a) => this.prefix(a, depth)), false);
    if (STR_OF_PATH.has(callee) && args.length === 1 && positional) {
      const inner = this.prefix(args[0], depth);
      return inner ? known(inner.text, inner.complete) : undefined;
    }
    return undefined;
  }
}
