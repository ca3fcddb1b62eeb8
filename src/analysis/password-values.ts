// passwordOrigin(): whether an expression holds a plaintext password, where it came from, and whether it is the one a
// user supplies (request field, getpass, a `password` parameter) or the one an application keeps (a model attribute,
// a database row, configuration).
import type { SyntaxNode } from '../parser/python.js';
import type { BoundValue } from './bound-values.js';
import { nameWords } from './name-words.js';
import { secretName } from './secret-names.js';
import { dottedParts } from './value-destination.js';
import { namedChildren } from './syntax.js';

export type PasswordRole = 'supplied' | 'stored' | 'unknown';

export interface PasswordOrigin {
  /** "the request field 'password'", "the parameter password", "the attribute user.password": a phrase to start a message with. */
  description: string;
  role: PasswordRole;
  /** The expression the password was recognised at. */
  node: SyntaxNode;
}

export interface PasswordEnvironment {
  callee(call: SyntaxNode): string | undefined;
  boundValues(identifier: SyntaxNode): BoundValue[] | undefined;
  stringValue(node: SyntaxNode | null | undefined): string | undefined;
}

/** Words in front of the password noun that say the value is no longer the plaintext (`hashed_password`, `enc_pwd`). */
const TRANSFORMED_BEFORE = new Set([
  'hash', 'hashed', 'encrypted', 'enc', 'crypted', 'encoded', 'salted', 'digest', 'hmac', 'md5', 'sha', 'sha1', 'sha256', 'sha512', 'bcrypt', 'argon2',
  'pbkdf2', 'scrypt', 'reset', 'forgot', 'forgotten', 'generate', 'random', 'dummy', 'fake', 'mock', 'masked', 'obfuscated',
]);
/** Words after the noun that say the same (secretName() already refuses most other trailing words). */
const TRANSFORMED_AFTER = new Set(['hash', 'hashed', 'digest', 'encrypted', 'enc', 'crypt', 'crypted', 'salted']);

/** Container or receiver words that mean user input (a request body, a form, parsed arguments). */
const SUPPLIED_WORDS = new Set([
  'request', 'req', 'form', 'forms', 'post', 'args', 'json', 'data', 'cleaned', 'validated', 'body', 'payload', 'params', 'query', 'input', 'inputs',
  'kwargs', 'values', 'submitted', 'serializer', 'login', 'signup', 'register', 'registration', 'creds', 'credentials', 'event', 'options', 'opts',
]);
/** Container or receiver words that mean the application's copy: a record, the configuration. */
const STORED_WORDS = new Set([
  'row', 'rows', 'record', 'user', 'users', 'account', 'accounts', 'db', 'database', 'stored', 'result', 'doc', 'document', 'entry', 'profile', 'member',
  'customer', 'admin', 'environ', 'settings', 'config', 'conf', 'cfg', 'env', 'existing', 'saved', 'instance', 'obj', 'object', 'model', 'current',
]);
/** Words in a password variable's own name that mean the application's copy (`stored_password`, `db_pwd`, `expected_password`). */
const STORED_NAME_WORDS = new Set(['stored', 'saved', 'db', 'database', 'expected', 'correct', 'real', 'actual', 'known', 'existing', 'valid', 'admin', 'master', 'configured', 'env', 'root', 'system']);

/** Calls whose result is random material, never a memorised password (`secrets.token_urlsafe()`). */
const RANDOM_SOURCES = /^(secrets\.(token_bytes|token_hex|token_urlsafe|randbits|choice)|os\.urandom|uuid\.uuid4|random\.SystemRandom)/;
/** Functions returning their (first) argument's text unchanged for our purpose. */
const PASS_THROUGH_FUNCTIONS = new Set(['str', 'bytes', 'bytearray', 'memoryview']);
const PASS_THROUGH_METHODS = new Set(['encode', 'decode', 'strip', 'lstrip', 'rstrip', 'get_secret_value', 'get_secret', 'rstrip']);
/** Methods reading one item by key (`form.get("password")`). */
const ITEM_METHODS = new Set(['get', 'pop', 'getlist', 'getfirst', 'getone', 'get_argument', 'get_body_argument', 'getvalue', 'getunicode']);

const MAX_DEPTH = 12;

/** Calls whose result is a hash, ciphertext, signature or random value rather than the password they were given. */
const TRANSFORMING_CALL = /(hash|crypt|digest|kdf|derive|sign|pbkdf2|scrypt|argon|bcrypt|make_password|token|random|urandom|uuid)/i;

function transforms(call: SyntaxNode, env: PasswordEnvironment): boolean {
  const fn = call.childForFieldName('function');
  const last = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.type === 'identifier' ? fn.text : undefined;
  return TRANSFORMING_CALL.test(env.callee(call) ?? '') || TRANSFORMING_CALL.test(last ?? '');
}

/** The name names a plaintext password (not a hash of one, a reset token, a policy setting). */
export function isPasswordName(name: string): boolean {
  const s = secretName(name);
  if (s?.kind !== 'password') return false;
  if (s.words.some((w) => TRANSFORMED_AFTER.has(w))) return false;
  const noun = s.words.findIndex((w) => /^(password|passwords|passwd|passwrd|pwd|pswd|passwort|passphrase|passcode|pw|pword|pass)$/.test(w) || w.endsWith('password') || w.endsWith('passwd'));
  return !s.words.slice(0, Math.max(noun, 0)).some((w) => TRANSFORMED_BEFORE.has(w));
}

function roleOfContainer(container: SyntaxNode | null | undefined, env: PasswordEnvironment): PasswordRole {
  const words = dottedParts(container).flatMap(nameWords);
  const callee = container?.type === 'call' ? env.callee(container) : undefined;
  if (callee === 'os.getenv' || callee === 'os.environ.get') return 'stored';
  // The nearest word decides: `request.user.password` is the user's record, `user_form.password` is input.
  for (let i = words.length - 1; i >= 0; i--) {
    if (SUPPLIED_WORDS.has(words[i]!)) return 'supplied';
    if (STORED_WORDS.has(words[i]!)) return 'stored';
  }
  return 'unknown';
}

function roleOfName(name: string): PasswordRole {
  return nameWords(name).some((w) => STORED_NAME_WORDS.has(w)) ? 'stored' : 'supplied';
}

/** The password a call produces: getpass, `form.get("password")`, `pw.encode()`, `str(pw)`. */
function callOrigin(call: SyntaxNode, env: PasswordEnvironment, depth: number, seen: Set<number>): PasswordOrigin | undefined {
  const name = env.callee(call);
  if (name === 'getpass.getpass' || name === 'getpass.unix_getpass' || name === 'getpass.win_getpass') return { description: 'the password from getpass.getpass()', role: 'supplied', node: call };
  const fn = call.childForFieldName('function');
  const args = namedChildren(call.childForFieldName('arguments'));
  if (name !== undefined && PASS_THROUGH_FUNCTIONS.has(name)) return visit(args[0], env, depth + 1, seen);
  if (fn?.type !== 'attribute') return undefined;
  const method = fn.childForFieldName('attribute')?.text ?? '';
  const receiver = fn.childForFieldName('object');
  if (PASS_THROUGH_METHODS.has(method)) return visit(receiver, env, depth + 1, seen);
  if (ITEM_METHODS.has(method) || name === 'os.getenv' || name === 'os.environ.get') {
    const key = env.stringValue(args[0]);
    if (key !== undefined && isPasswordName(key)) {
      const role = name === 'os.getenv' || name === 'os.environ.get' ? 'stored' : roleOfContainer(receiver, env);
      return { description: role === 'supplied' ? `the request field '${key}'` : `the '${key}' item`, role, node: call };
    }
  }
  return undefined;
}

function visit(node: SyntaxNode | null | undefined, env: PasswordEnvironment, depth: number, seen: Set<number>): PasswordOrigin | undefined {
  if (!node || depth > MAX_DEPTH) return undefined;
  switch (node.type) {
    case 'parenthesized_expression':
    case 'await':
      return visit(namedChildren(node)[0], env, depth + 1, seen);
    case 'identifier': {
      if (seen.has(node.id)) return undefined;
      seen.add(node.id);
      const values = env.boundValues(node);
      let random = false;
      for (const v of values ?? []) {
        const found = visit(v.node, env, depth + 1, seen);
        if (found) return found;
        if (v.node.type === 'call' && RANDOM_SOURCES.test(env.callee(v.node) ?? '')) random = true;
      }
      if (random || !isPasswordName(node.text)) return undefined;
      // A name bound only to constants or to hashing calls (`password = bcrypt.hashpw(…)`) holds no plaintext password.
      if (values && values.every((v) => v.node.type === 'string' || v.node.type === 'none' || (v.node.type === 'call' && transforms(v.node, env)))) return undefined;
      const role = roleOfName(node.text);
      return { description: `the ${values ? 'variable' : 'parameter'} ${node.text}`, role, node };
    }
    case 'attribute': {
      const attr = node.childForFieldName('attribute')?.text ?? '';
      const object = node.childForFieldName('object');
      // WTForms: `form.password.data`.
      if (attr === 'data' && object?.type === 'attribute' && isPasswordName(object.childForFieldName('attribute')?.text ?? '')) {
        return { description: `the form field ${object.text}`, role: 'supplied', node };
      }
      if (!isPasswordName(attr)) return undefined;
      const role = object?.type === 'identifier' && (object.text === 'self' || object.text === 'cls') ? 'unknown' : roleOfContainer(object, env);
      return { description: `the attribute ${node.text}`, role: role === 'unknown' && roleOfName(attr) === 'stored' ? 'stored' : role, node };
    }
    case 'subscript': {
      const key = env.stringValue(node.childForFieldName('subscript'));
      if (key === undefined || !isPasswordName(key)) return undefined;
      const role = roleOfContainer(node.childForFieldName('value'), env);
      return { description: role === 'supplied' ? `the request field '${key}'` : `the '${key}' item`, role, node };
    }
    case 'call':
      return callOrigin(node, env, depth, seen);
    case 'binary_operator':
      return visit(node.childForFieldName('left'), env, depth + 1, seen) ?? visit(node.childForFieldName('right'), env, depth + 1, seen);
    case 'boolean_operator':
      return visit(node.childForFieldName('left'), env, depth + 1, seen) ?? visit(node.childForFieldName('right'), env, depth + 1, seen);
    case 'conditional_expression': {
      const [whenTrue, , whenFalse] = namedChildren(node);
      return visit(whenTrue, env, depth + 1, seen) ?? visit(whenFalse, env, depth + 1, seen);
    }
    case 'string':
    case 'concatenated_string':
      for (const child of namedChildren(node)) {
        const inner = child.type === 'interpolation' ? child.childForFieldName('expression') : child.type === 'string' ? child : null;
        const found = visit(inner, env, depth + 1, seen);
        if (found) return found;
      }
      return undefined;
    default:
      return undefined;
  }
}

/**
 * The plaintext password an expression's value is (or is built from): request fields and `.get()` items whose key
 * names a password, `form.password.data`, `getpass.getpass()`, attributes and names that name a password (parameters,
 * or locals followed to what they were bound to), through `+`, f-strings, `.encode()`, `str()`. Names bound to random
 * material (`secrets.token_hex()`) or to other calls (a hash, a lookup) are not passwords; neither are
 * `hashed_password`, `password_hash` and the like.
 */
export function passwordOrigin(expr: SyntaxNode, env: PasswordEnvironment): PasswordOrigin | undefined {
  return visit(expr, env, 0, new Set());
}
