// Sensitive and personal values as taint labels: where the interpreter meets a parameter, attribute, key lookup, call
// or assignment whose value is a credential or personal data, these methods give the label it carries; calls that
// mask, hash or encrypt make it safe to disclose. Labels of origin 'sensitive'/'personal' harm only the disclosure
// sink kinds (logs, exception messages, clear-text storage), never the injection kinds.
import { regionOf } from '../../engine/finding.js';
import type { SyntaxNode } from '../../parser/python.js';
import type { FileAnalysis } from '../file-analysis.js';
import { nameWords } from '../name-words.js';
import { namedChildren, unwrapParentheses } from '../syntax.js';
import { getterCategory, isProtectingName, KEYED_READERS, PROTECTING_CALLS, SECRET_SOURCE_CALLS, SECRET_SOURCE_METHODS, SELF_MASKING_TYPE, sensitiveName, type Sensitivity } from './sensitive.js';
import { SANITIZERS } from './sinks.js';
import { WEB_MODULES } from './sources.js';
import { DISCLOSURE_KINDS, flatten, join, sanitize, type TaintValue } from './value.js';

/** Reads of the process environment: a bare `TOKEN` there is a credential, not a word of a text. */
const ENVIRONMENT_READERS = new Set(['os.getenv', 'os.environ.get', 'os.environ.setdefault', 'os.environ.pop', 'decouple.config', 'environ.Env', 'os.environ']);
/** Programs whose output goes to the person who ran them. */
const COMMAND_LINE_MODULES = ['argparse', 'optparse', 'click', 'typer', 'fire', 'docopt'];
const COMMAND_LINE_FUNCTIONS = /^(main|cli|_main|run_cli|command)$/;

/** Text and container operations whose result still holds the value (`"…".format(pw)`, `pw.strip()`, `str(pw)`). */
const PROPAGATING_METHODS = new Set(['format', 'format_map', 'join', 'encode', 'decode', 'strip', 'lstrip', 'rstrip', 'lower', 'upper', 'title', 'capitalize', 'casefold', 'swapcase', 'replace', 'split', 'rsplit', 'partition', 'rpartition', 'splitlines', 'ljust', 'rjust', 'center', 'zfill', 'expandtabs', 'removeprefix', 'removesuffix', 'copy', 'get', 'pop', 'items', 'values', 'setdefault', 'getvalue', 'read', 'readline', 'readlines', 'as_string', 'as_bytes', 'tobytes', 'hex']);
const PROPAGATING_CALLS = new Set(['str', 'repr', 'bytes', 'bytearray', 'list', 'tuple', 'dict', 'set', 'frozenset', 'sorted', 'reversed', 'format', 'ascii', 'json.dumps', 'simplejson.dumps', 'orjson.dumps', 'ujson.dumps', 'base64.b64encode', 'base64.b64decode', 'base64.urlsafe_b64encode', 'base64.urlsafe_b64decode', 'base64.b32encode', 'base64.b16encode', 'base64.encodebytes', 'binascii.hexlify', 'binascii.b2a_hex', 'codecs.encode', 'urllib.parse.quote', 'urllib.parse.quote_plus', 'urllib.parse.unquote', 'urllib.parse.urlencode', 'textwrap.dedent', 'textwrap.indent', 'textwrap.fill', 'textwrap.shorten', 'pprint.pformat', 'copy.copy', 'copy.deepcopy', 'shlex.quote', 'shlex.join', 'typing.cast', 'dataclasses.asdict', 'dataclasses.astuple', 'collections.OrderedDict', 'yaml.dump', 'yaml.safe_dump', 'toml.dumps', 'tomli_w.dumps', 'tomlkit.dumps', 'pickle.dumps', 'marshal.dumps', 'configparser.ConfigParser().write', 'urllib.parse.urlunparse', 'urllib.parse.urlunsplit']);

function isDisclosureLabel(origin: string): boolean {
  return origin === 'sensitive' || origin === 'personal';
}

/**
 * The value without sensitive and personal labels (other origins kept). Symbolic parameter labels (summaries) stand
 * for whatever a caller passes, a password included: they stay, sanitized for the disclosure kinds, so that
 * `type(secret).__name__` or `memoryview(secret).format` inside a callee does not carry the caller's secret.
 */
function withoutDisclosure(v: TaintValue): TaintValue {
  const all = flatten(v);
  if (!all.some((l) => isDisclosureLabel(l.origin) || (l.origin === 'parameter' && !DISCLOSURE_KINDS.every((k) => l.sanitized.has(k))))) return v;
  return {
    labels: all
      .filter((l) => !isDisclosureLabel(l.origin))
      .map((l) => (l.origin === 'parameter' ? { ...l, sanitized: new Set([...l.sanitized, ...DISCLOSURE_KINDS]) } : l)),
  };
}

/** Receivers whose tokens are words of a text: lexers, tokenizers, scanners, parsers. */
const TEXT_READER_WORDS = new Set(['lexer', 'lex', 'shlex', 'tokenizer', 'tokeniser', 'scanner', 'parser', 'tokens', 'tokenstream', 'stream', 'grammar']);

/** Attributes that give the value itself (WTForms `field.data`, `field.value`), not a member of an object. */
const VALUE_ACCESSORS = new Set(['data', 'value', 'raw', 'plain', 'text', 'cleaned_data', 'content', 'secret', 'secret_value']);

function short(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 40 ? `${oneLine.slice(0, 37)}…` : oneLine;
}

export class Disclosure {
  private selfMasking?: Set<string>;

  constructor(private readonly file: FileAnalysis) {}

  private label(node: SyntaxNode, s: Sensitivity, description: string): TaintValue {
    return { labels: [{ description, steps: [{ region: regionOf(node), message: description }], sanitized: new Set(), origin: s.origin, category: s.category }] };
  }

  /** Attribute names declared in this file with a self-masking pydantic type (`api_key: SecretStr`). */
  private selfMaskingNames(): Set<string> {
    if (this.selfMasking) return this.selfMasking;
    this.selfMasking = new Set();
    for (const a of this.file.root.descendantsOfType('assignment')) {
      const type = a.childForFieldName('type');
      const left = a.childForFieldName('left');
      if (type && left?.type === 'identifier' && SELF_MASKING_TYPE.test(type.text)) this.selfMasking.add(left.text);
    }
    return this.selfMasking;
  }

  /** An entry function's parameter named like a credential or personal data (`password`, `api_key`, `email`). */
  parameter(node: SyntaxNode): TaintValue | undefined {
    if (node.text === 'self' || node.text === 'cls') return undefined;
    const p = node.parent;
    const annotation = p?.type === 'typed_parameter' || p?.type === 'typed_default_parameter' ? p.childForFieldName('type')?.text : undefined;
    if (annotation && SELF_MASKING_TYPE.test(annotation)) return undefined;
    const s = sensitiveName(node.text);
    return s ? this.label(node, s, `the ${s.category} in parameter ${node.text}`) : undefined;
  }

  /** `user.password`, `settings.SECRET_KEY`, `request.remote_addr`: the attribute's name says what it holds. */
  attribute(node: SyntaxNode, value: TaintValue): TaintValue {
    const attr = node.childForFieldName('attribute')?.text ?? '';
    const object = node.childForFieldName('object');
    // A member of an object that holds a secret (`secret.name`, `self._access_key.arn`) is judged by its own name;
    // accessors of the value itself (`form.password.data`) keep it.
    if (!VALUE_ACCESSORS.has(attr)) value = withoutDisclosure(value);
    // Class names (`rsa.PrivateKey`), collections (`self.secrets`, `user_pool.access_tokens`) and masked fields
    // (`api_key: SecretStr`) are not values.
    if (this.selfMaskingNames().has(attr) || /^[A-Z][a-z]/.test(attr) || /[^sui]s$/i.test(attr)) return value;
    // Starlette/FastAPI: request.client.host is the client's address.
    const s = attr === 'host' && object?.type === 'attribute' && object.childForFieldName('attribute')?.text === 'client' && /^(request|req|websocket)$/.test(object.childForFieldName('object')?.text ?? '') ? { origin: 'personal' as const, category: 'IP address' } : sensitiveName(attr);
    if (!s || this.isCallee(node)) return value;
    return join(value, this.label(node, s, `the ${s.category} in ${short(node.text)}`));
  }

  /** `data["password"]`, `os.environ["DB_PASSWORD"]`, `request.META["REMOTE_ADDR"]`; slices (`key[:4]`) mask. */
  subscript(node: SyntaxNode, value: TaintValue): TaintValue {
    const index = node.childForFieldName('subscript');
    if (index?.type === 'slice') return sanitize(value, DISCLOSURE_KINDS);
    const key = this.file.constantValue(index);
    if (typeof key !== 'string') return value;
    // `creds["region"]`: an entry of a mapping is judged by its key.
    value = withoutDisclosure(value);
    const container = node.childForFieldName('value');
    const s = sensitiveName(key) ?? (container && this.readsEnvironment(container) ? this.environmentName(key) : undefined);
    return s ? join(value, this.label(node, s, `the ${s.category} from ${short(node.text)}`)) : value;
  }

  /** What a call adds or removes: secret sources, named lookups, getters named for a credential; masking, hashing and encryption. */
  call(node: SyntaxNode, value: TaintValue, isLocal: boolean): TaintValue {
    const fn = node.childForFieldName('function');
    const callee = this.file.callee(node);
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    const name = method ?? callee?.split('.').pop() ?? (fn?.type === 'identifier' ? fn.text : undefined);
    if (!name) return value;
    if ((callee !== undefined && PROTECTING_CALLS.has(callee)) || isProtectingName(name)) return sanitize(value, DISCLOSURE_KINDS);
    // What an unknown function returns is something else than its arguments (a validation result, a client, a
    // response): sensitive values pass only through functions of this file (summaries) and known text operations.
    if (!isLocal && !(PROPAGATING_METHODS.has(name) && method !== undefined) && !(callee !== undefined && PROPAGATING_CALLS.has(callee))) value = withoutDisclosure(value);
    const source = (callee !== undefined ? SECRET_SOURCE_CALLS.get(callee) : undefined) ?? (method !== undefined ? SECRET_SOURCE_METHODS.get(method) : undefined);
    if (source) return join(value, this.label(node, { origin: 'sensitive', category: source }, `the ${source} from ${short(fn?.text ?? name)}()`));
    const positions = KEYED_READERS.get(name);
    if (positions && (method !== undefined || callee !== undefined)) {
      const environment = callee !== undefined && ENVIRONMENT_READERS.has(callee);
      const args = this.file.arguments(node);
      for (const at of positions) {
        const key = this.file.stringValue(args.positional[at]);
        if (key === undefined) continue;
        const s = sensitiveName(key) ?? (environment ? this.environmentName(key) : undefined);
        if (s) return join(value, this.label(node, s, `the ${s.category} from ${short(node.text)}`));
      }
    }
    if (!isLocal && !(method !== undefined && this.isTextReader(fn!.childForFieldName('object')))) {
      const category = getterCategory(name);
      if (category) return join(value, this.label(node, { origin: 'sensitive', category }, `the ${category} returned by ${short(fn?.text ?? name)}()`));
    }
    return value;
  }

  /**
   * `password = input("Password: ")`: a value assigned to a name that says it is a credential or personal data is
   * one, unless it is a constant (the hardcoded-secret rules cover those) or the result of masking or hashing.
   */
  assigned(target: SyntaxNode, right: SyntaxNode | null, value: TaintValue): TaintValue | undefined {
    if (target.type !== 'identifier' || !right) return undefined;
    const s = sensitiveName(target.text);
    // `credentials = …` is as often a client object or a response as the secret itself: only its members count.
    if (!s || s.category === 'credential' || this.file.constantValue(right) !== undefined || this.isProtected(right)) return undefined;
    // Already known to be one (or made safe on the way): keep what the value says.
    if (flatten(value).some((l) => l.origin === s.origin || l.sanitized.has('sensitive-log'))) return undefined;
    const rhs = unwrapParentheses(right);
    // `secret = self.secrets[secret_id]`: an entry looked up in a collection is an object as often as the value.
    if (rhs.type === 'subscript' && this.file.constantValue(rhs.childForFieldName('subscript')) === undefined) return undefined;
    if (rhs.type === 'comparison_operator' || rhs.type === 'boolean_operator' || rhs.type === 'not_operator' || rhs.type === 'lambda' || rhs.type === 'none') return undefined;
    return join(value, this.label(target, s, `the ${s.category} assigned to ${target.text}`));
  }

  /** Code of a web service, where `print()` goes to the server's log rather than to the person who ran a command. */
  isServiceCode(call: SyntaxNode): boolean {
    if (!WEB_MODULES.some((m) => this.file.importsModule(m))) return false;
    if (this.file.isUnderMainGuard(call)) return false;
    if (COMMAND_LINE_MODULES.some((m) => this.file.importsModule(m))) return false;
    const fn = this.file.enclosingFunction(call);
    return !(fn && COMMAND_LINE_FUNCTIONS.test(fn.childForFieldName('name')?.text ?? ''));
  }

  /** A constant INSERT/UPDATE/REPLACE/MERGE statement as the call's first argument. */
  isWritingStatement(call: SyntaxNode): boolean {
    const args = this.file.arguments(call);
    const sql = args.positional[0] ?? args.keywords.get('sql') ?? args.keywords.get('operation') ?? args.keywords.get('query');
    const text = sql ? this.file.knownPrefix(sql)?.text ?? this.file.stringValue(sql) : undefined;
    return text !== undefined && /^\s*(insert|update|replace|merge|upsert)\b/i.test(text);
  }

  private isProtected(expr: SyntaxNode): boolean {
    const e = unwrapParentheses(expr);
    if (e.type !== 'call') return false;
    const callee = this.file.callee(e);
    if (callee !== undefined && (PROTECTING_CALLS.has(callee) || SANITIZERS.get(callee) === 'all')) return true;
    const fn = e.childForFieldName('function');
    const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : (callee?.split('.').pop() ?? fn?.text);
    if (name && isProtectingName(name)) return true;
    // `hashlib.sha256(pw).hexdigest()`: a method on a protected value.
    const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
    return !!object && this.isProtected(object);
  }

  /**
   * A lexer, tokenizer or parser (`lexer.get_token()`, `self._tokenizer.next_token()`): its tokens are words of a text,
   * not credentials. Known by the receiver's name or by the call that created it (`shlex.shlex(…)`, `tokenize.…`).
   */
  private isTextReader(object: SyntaxNode | null): boolean {
    if (!object) return false;
    const o = unwrapParentheses(object);
    let last = o.type === 'attribute' ? o.childForFieldName('attribute')?.text : o.type === 'identifier' ? o.text : undefined;
    // `self.get_token()` in a class `Parser`/`Scanner`: the class's name says what it reads.
    if (last === 'self' || last === 'cls') {
      let up = o.parent;
      while (up && up.type !== 'class_definition') up = up.parent;
      last = up?.childForFieldName('name')?.text;
    }
    const words = last ? nameWords(last) : [];
    if (words.some((w) => TEXT_READER_WORDS.has(w))) return true;
    return (this.file.originCalls(o) ?? []).some((c) => /^(shlex|tokenize|lib2to3|ast|json|csv|html\.parser|xml)\./.test(this.file.callee(c) ?? ''));
  }

  /** The attribute node is the function of a call (`self.get_password()`): the call is judged, not the attribute. */
  private isCallee(node: SyntaxNode): boolean {
    const parent = node.parent;
    return parent?.type === 'call' && parent.childForFieldName('function')?.id === node.id;
  }

  private readsEnvironment(container: SyntaxNode): boolean {
    const qn = this.file.qualifiedName(unwrapParentheses(container));
    return qn === 'os.environ' || qn === 'os.environb';
  }

  /** Environment variables: `TOKEN` alone is a credential there (but `PWD` is the working directory). */
  private environmentName(key: string): Sensitivity | undefined {
    return /^[A-Z0-9_]*TOKEN$/i.test(key) ? { origin: 'sensitive', category: 'token' } : undefined;
  }

  /** The names a left-hand side binds directly (`a`, `a, b = …`). */
  static targets(left: SyntaxNode): SyntaxNode[] {
    if (left.type === 'identifier') return [left];
    if (['pattern_list', 'tuple_pattern', 'list_pattern'].includes(left.type)) return namedChildren(left).filter((c) => c.type === 'identifier');
    return [];
  }
}
