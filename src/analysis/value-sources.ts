// valueSources(): the calls whose results an expression's value is built from, through string building and local names.
import type { SyntaxNode } from '../parser/python.js';
import type { BoundValue } from './bound-values.js';
import { namedChildren } from './syntax.js';

export interface ValueSource {
  /** The call matched by the caller's predicate. */
  call: SyntaxNode;
  /**
   * The value is not the call's result itself (or a collection of such results) but a new value built from it:
   * joined, formatted, converted to str/bytes/hex, hashed, base64-encoded, concatenated.
   */
  transformed: boolean;
}

export interface ValueSourcesEnvironment {
  callee(call: SyntaxNode): string | undefined;
  boundValues(identifier: SyntaxNode): BoundValue[] | undefined;
  /** Folded constants; lets indexing a constant string by a source count as built from it. */
  constantValue?(node: SyntaxNode | null): unknown;
}

const MAX_DEPTH = 24;
const MAX_SOURCES = 32;

/** Functions whose result carries (a representation of) their arguments; true when the result is a new serialised value. */
const CARRIER_FUNCTIONS = new Map<string, boolean>([
  ...['int', 'list', 'tuple', 'sorted', 'reversed', 'map', 'set', 'frozenset'].map((f) => [f, false] as const),
  ...[
    'str', 'bytes', 'bytearray', 'hex', 'oct', 'format', 'repr',
    'base64.b64encode', 'base64.urlsafe_b64encode', 'base64.b32encode', 'base64.b16encode', 'base64.b85encode', 'base64.encodebytes',
    'binascii.hexlify', 'binascii.b2a_hex', 'binascii.b2a_base64',
    'hashlib.md5', 'hashlib.sha1', 'hashlib.sha224', 'hashlib.sha256', 'hashlib.sha384', 'hashlib.sha512', 'hashlib.blake2b',
    'hashlib.blake2s', 'hashlib.sha3_256', 'hashlib.sha3_512', 'hashlib.new',
    'uuid.UUID', 'uuid.uuid3', 'uuid.uuid5', 'struct.pack',
  ].map((f) => [f, true] as const),
]);

/**
 * Methods (on any receiver) whose result carries the receiver and, for join/format, the arguments. True when the
 * result is a new serialised value (`hexdigest`, `zfill`), false when it is the same value re-cased or trimmed.
 */
const CARRIER_METHODS = new Map<string, boolean>([
  ...['join', 'format', 'hex', 'hexdigest', 'digest', 'zfill', 'rjust', 'ljust', 'center', 'to_bytes', 'update'].map((m) => [m, true] as const),
  ...['encode', 'decode', 'upper', 'lower', 'strip', 'lstrip', 'rstrip', 'replace', 'title', 'capitalize', 'swapcase', 'casefold', 'removeprefix', 'removesuffix', 'translate'].map(
    (m) => [m, false] as const,
  ),
]);

/** Node types whose value embeds their operands. */
/** Node types that build a new value from their operands (strings, arithmetic). */
const BUILDING = new Set(['binary_operator', 'string', 'concatenated_string']);
/** Containers whose elements keep their values. */
const CONTAINERS = new Set(['list', 'tuple', 'set', 'expression_list']);
const COMPREHENSIONS = new Set(['generator_expression', 'list_comprehension', 'set_comprehension']);

/**
 * Every call matching isSource whose result the value of expr carries: the expression itself, or its operands through
 * joins, formatting, f-strings, `+`, conversions (`str`, `bytes`, `hex`), encodings and hashes, comprehension bodies,
 * slices, characters drawn from a constant string by index, conditional branches, and local names bound to such values.
 * Arguments of other calls are not followed, nor indices into other containers: `users[random.randint(0, n)]` or
 * `lookup(random.choice(keys))` is not built from the random value.
 */
export function valueSources(expr: SyntaxNode, isSource: (call: SyntaxNode) => boolean, env: ValueSourcesEnvironment): ValueSource[] {
  const out: ValueSource[] = [];
  const seen = new Set<number>();
  const visit = (node: SyntaxNode | null | undefined, transformed: boolean, depth: number): void => {
    if (!node || depth > MAX_DEPTH || out.length >= MAX_SOURCES) return;
    switch (node.type) {
      case 'call': {
        if (isSource(node)) {
          if (!out.some((s) => s.call.id === node.id)) out.push({ call: node, transformed });
          return;
        }
        const fn = node.childForFieldName('function');
        const args = node.childForFieldName('arguments');
        const name = env.callee(node);
        const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
        const functionSerialises = name !== undefined ? CARRIER_FUNCTIONS.get(name) : undefined;
        const carriesArgs = functionSerialises !== undefined || method === 'join' || method === 'format';
        const argsTransformed = transformed || functionSerialises !== false;
        const serialises = method !== undefined ? CARRIER_METHODS.get(method) : undefined;
        if (serialises !== undefined && (name === undefined || !CARRIER_FUNCTIONS.has(name))) {
          visit(fn?.childForFieldName('object'), transformed || serialises, depth + 1);
        }
        if (!carriesArgs || !args) return;
        if (args.type === 'generator_expression') {
          visit(args, argsTransformed, depth + 1);
          return;
        }
        for (const arg of namedChildren(args)) {
          if (arg.type === 'keyword_argument') visit(arg.childForFieldName('value'), argsTransformed, depth + 1);
          else if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') visit(namedChildren(arg)[0], argsTransformed, depth + 1);
          else visit(arg, argsTransformed, depth + 1);
        }
        return;
      }
      case 'identifier': {
        if (seen.has(node.id)) return;
        seen.add(node.id);
        for (const b of env.boundValues(node) ?? []) visit(b.node, transformed, depth + 1);
        return;
      }
      case 'parenthesized_expression':
      case 'await':
        visit(namedChildren(node)[0], transformed, depth + 1);
        return;
      case 'conditional_expression': {
        const [whenTrue, , whenFalse] = namedChildren(node);
        visit(whenTrue, transformed, depth + 1);
        visit(whenFalse, transformed, depth + 1);
        return;
      }
      case 'boolean_operator':
        visit(node.childForFieldName('left'), transformed, depth + 1);
        visit(node.childForFieldName('right'), transformed, depth + 1);
        return;
      case 'unary_operator':
        visit(node.childForFieldName('argument'), transformed, depth + 1);
        return;
      case 'subscript': {
        const container = node.childForFieldName('value');
        visit(container, transformed, depth + 1);
        // `ALPHABET[random.randrange(len(ALPHABET))]`: a character drawn from a constant table by the index.
        if (env.constantValue && typeof env.constantValue(container) === 'string') visit(node.childForFieldName('subscript'), true, depth + 1);
        return;
      }
      case 'interpolation':
        visit(node.childForFieldName('expression'), true, depth + 1);
        return;
      default:
        if (COMPREHENSIONS.has(node.type)) {
          visit(node.childForFieldName('body'), transformed, depth + 1); // a list of picks is still picks; join() is what builds a string
          return;
        }
        if (node.type === 'binary_operator') {
          visit(node.childForFieldName('left'), true, depth + 1);
          visit(node.childForFieldName('right'), true, depth + 1);
          return;
        }
        if (BUILDING.has(node.type) || CONTAINERS.has(node.type)) {
          for (const child of namedChildren(node)) visit(child, transformed || BUILDING.has(node.type), depth + 1);
        }
    }
  };
  visit(expr, false, 0);
  return out;
}
