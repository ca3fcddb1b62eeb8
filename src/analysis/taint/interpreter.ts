// The taint interpreter: walks a function's statements in order with an environment of abstract values,
// finds where untrusted values reach sinks, and summarises functions for their callers.
import { regionOf } from '../../engine/finding.js';
import type { SyntaxNode } from '../../parser/python.js';
import { isDict, isTruthy, type ConstValue } from '../constants.js';
import type { FileAnalysis } from '../file-analysis.js';
import { namedChildren, unwrapParentheses } from '../syntax.js';
import { detachedString, memoByString } from '../string-memo.js';
import { Disclosure } from './disclosure.js';
import { refinements, type Refinement } from './guards.js';
import { LINE_BREAK_STRIPPERS, LOOKUP_SINKS, SANITIZERS, SINKS, STORE_SINKS, type ReceiverFilter, type SinkArg, type SinkGuard, type SinkSpec } from './sinks.js';
import { CONTAINER_REQUEST_ATTRIBUTES, CONTAINER_SOURCE_PREFIXES, HANDLER_INPUT_METHODS, ITEM_ACCESSORS, SAFE_REQUEST_ATTRIBUTE_KINDS, SAFE_SOURCE_KINDS, REQUEST_ATTRIBUTES, REQUEST_PARAMETER_NAMES, SOURCE_PREFIXES, STRUCTURED_REQUEST_ATTRIBUTES, STRUCTURED_SOURCE_PREFIXES, UPLOAD_MEMBERS, UPLOAD_PARAMETER_TYPE, UPLOAD_REQUEST_ATTRIBUTES, UPLOAD_SOURCE_PREFIXES, USER_FACING_EXCEPTIONS, WEB_MODULES } from './sources.js';
import { CLEAN, combine, flatten, harmful, isClean, join, sanitize, withStep, type Label, type SinkKind, type TaintValue } from './value.js';

/** A function of another file of the repository, summarised for callers (regions and paths instead of nodes). */
export interface ExternalSummary {
  path: string;
  /** Parameter names in order (self/cls included for methods). */
  params: string[];
  returns: TaintValue;
  hits: { kind: SinkKind; sinkName: string; region: ReturnType<typeof regionOf>; label: Label; structuredOnly?: boolean }[];
}

/** Finds and summarises a function imported from another file of the repository ("app.db.run_query"). */
export type ExternalResolver = ((qualifiedName: string) => ExternalSummary | undefined) & {
  /** False when the name cannot belong to a file of the repository (a cheap test that parses nothing). */
  covers?: (qualifiedName: string) => boolean;
  /** False when no file of the repository defines a function of that name (no summary can be found; parses nothing). */
  mayDefine?: (qualifiedName: string) => boolean;
};

export interface TaintHit {
  kind: SinkKind;
  /** The node reported: the sink call, the stored subscript, or the returned expression. */
  sink: SyntaxNode;
  /** How the sink is named in messages: "cursor.execute", "os.system", "the response". */
  sinkName: string;
  label: Label;
  /** Reported only for labels that may be parsed structures (a parameter under a MongoDB filter key). */
  structuredOnly?: boolean;
  /** For flows into another file: where the sink really is. */
  via?: { path: string; region: ReturnType<typeof regionOf>; sinkName: string };
}

interface Summary {
  /** What the function returns, with symbolic parameter labels standing for its arguments. */
  returns: TaintValue;
  /** Sinks that a parameter reaches inside the function. */
  hits: TaintHit[];
}

type Env = Map<string, TaintValue>;

/** What a source node yields when read whole, the accessor it is read through, and the sink kinds it cannot harm. */
interface SourceTraits {
  base?: Label['structured'];
  /** `request.args.get` → "get". */
  member?: string;
  safe?: readonly SinkKind[];
  /** The source holds uploaded files (see Label.upload). */
  upload?: boolean;
}

type ReadTraits = { shape?: Shape; safe?: readonly SinkKind[]; upload?: boolean };

interface Frame {
  fn: SyntaxNode | undefined;
  /** Parameter name → index, for symbolic labels. */
  mode: 'entry' | 'summary';
  returns: TaintValue;
  hits: TaintHit[];
  /** Route functions: their return value is the HTTP response. */
  responseKinds?: readonly SinkKind[];
  /** Inside a class whose methods see `self.get_argument()` etc. as input (Tornado). */
  isHandlerClass: boolean;
}

const MAX_DEPTH = 200;
/** Query and lookup methods: on a receiver without request data their result is stored data, not the arguments. */
const LOOKUP_METHODS = new Set(['get', 'filter', 'filter_by', 'exclude', 'get_or_create', 'update_or_create', 'get_or_404', 'first_or_404', 'one_or_404', 'in_bulk']);
/** Calls that never return normally: the statements after them in the block do not run. */
const NO_RETURN = new Set(['flask.abort', 'werkzeug.exceptions.abort', 'quart.abort', 'bottle.abort', 'sys.exit', 'exit', 'quit', 'os._exit', 'os.abort']);
/** Parsers whose result may be a structure (dicts, lists) chosen by whoever wrote the text. */
const STRUCTURE_PARSERS = new Set(['json.loads', 'json.load', 'simplejson.loads', 'ujson.loads', 'orjson.loads', 'rapidjson.loads', 'flask.json.loads', 'yaml.safe_load', 'tomllib.loads', 'bson.json_util.loads']);
/** MongoDB operators whose value is JavaScript run by the server. */
/** Shells and the flag after which their argv carries a script (`sh -c script`). */
const SHELL_SCRIPT_FLAGS: Readonly<Record<string, RegExp>> = Object.fromEntries([
  ...['sh', 'bash', 'dash', 'zsh', 'ksh', 'ash', 'csh', 'tcsh', 'fish'].map((s) => [s, /^-[a-zA-Z]*c[a-zA-Z]*$/] as const),
  ['cmd', /^\/[ck]$/i],
  ['powershell', /^-(c|command)$/i],
  ['pwsh', /^-(c|command)$/i],
]);
/** Programs that run the file they are given (`python upload.py`): see scriptArgv(). */
const SCRIPT_INTERPRETERS = /^(python[0-9.]*w?|py|pypy[0-9.]*|ipython[0-9]*|sh|bash|dash|zsh|ksh|ash|fish|node|nodejs|deno|bun|perl|ruby|php[0-9.]*|pwsh|powershell|cmd|rscript|lua|tclsh|osascript|wscript|cscript|source|\.)(\.exe)?$/i;
const NOSQL_CODE_OPERATORS = new Set(['$where', '$function', '$accumulator']);
/** A constant URL beginning that fixes scheme and host, and a constant path of this site: what follows cannot move the request or redirect elsewhere. */
const FIXED_ORIGIN_PREFIX = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\@]+[/?#]/i;
const LOCAL_PATH_PREFIX = /^\/[^/\\]/;
/** Calls that return exception details (an origin that only harms stack-trace sinks). */
const EXCEPTION_DETAIL_CALLS = new Set(['traceback.format_exc', 'traceback.format_exception', 'traceback.format_exception_only', 'traceback.format_tb', 'traceback.format_stack', 'traceback.extract_tb', 'traceback.extract_stack', 'sys.exc_info', 'sys.exception']);
const LOGGER_NAMES = /^(_?log(ger)?|LOG(GER)?|_LOG(GER)?|[a-z_]*_log(ger)?)$/;
const MUTATORS = new Set(['append', 'extend', 'insert', 'add', 'update', 'setdefault', 'appendleft', 'extendleft']);
const CLEAN_METHODS = new Set(['isdigit', 'isalnum', 'isalpha', 'isnumeric', 'isdecimal', 'startswith', 'endswith', 'count', 'find', 'index', 'rfind', 'isidentifier', 'islower', 'isupper', 'isspace', '__len__', 'is_valid', 'exists', 'is_file', 'is_dir']);

type Shape = Label['structured'];

/** SINKS that name the callee or the method, in their order (the others cannot match a call). */
const sinksByName = memoByString((name): readonly SinkSpec[] => SINKS.filter((s) => s.names?.includes(name)));
const sinksByMethod = memoByString((method): readonly SinkSpec[] => SINKS.filter((s) => s.methods?.includes(method)));
function sinkCandidates(callee: string | undefined, method: string | undefined): readonly SinkSpec[] {
  const byName = callee !== undefined ? sinksByName(callee) : [];
  const byMethod = method !== undefined ? sinksByMethod(method) : [];
  if (byMethod.length === 0) return byName;
  if (byName.length === 0) return byMethod;
  return SINKS.filter((s) => byName.includes(s) || byMethod.includes(s));
}

function withShape(l: Label, shape: Shape): Label {
  if (l.structured === shape) return l;
  if (shape) return { ...l, structured: shape };
  const copy = { ...l };
  delete copy.structured;
  return copy;
}

/** The same labels marked as a parsed structure (json.loads) or as text (formatting). */
function shaped(v: TaintValue, shape: Shape): TaintValue {
  const labels = flatten(v);
  if (labels.length === 0) return CLEAN;
  return { labels: labels.map((l) => withShape(l, shape)) };
}

/** A dict whose keys carry request data is a structure the client chose (its keys may be query operators). */
function keysOf(key: TaintValue): TaintValue {
  const labels = flatten(key);
  return labels.length ? { labels: labels.map((l) => (l.structured ? l : withShape(l, 'container'))) } : CLEAN;
}

/** One item of a value: items of a request container (a mapping of strings) are text; JSON items stay JSON. */
function itemOf(v: TaintValue): TaintValue {
  if (!flatten(v).some((l) => l.structured === 'container')) return v;
  return { labels: flatten(v).map((l) => (l.structured === 'container' ? withShape(l, undefined) : l)) };
}

/** Request data read through a member only uploaded files have (`item.filename`, `await item.read()`): an uploaded file. */
function asUpload(v: TaintValue): TaintValue {
  const labels = flatten(v);
  if (!labels.some((l) => l.origin === 'request' && !l.upload)) return v;
  return { labels: labels.map((l) => (l.origin === 'request' && !l.upload ? { ...l, upload: 'file' as const } : l)) };
}

/**
 * What a file written with these bytes now holds, as a value of its path: the uploaded parts only, marked as
 * 'content' (they harm nothing but 'upload-exec' sinks; the path itself is still the program's).
 */
function uploadedContent(v: TaintValue, step: { region: ReturnType<typeof regionOf>; message: string }): TaintValue {
  const labels = flatten(v).filter((l) => l.upload !== undefined || l.origin === 'parameter');
  return labels.length ? withStep({ labels: labels.map((l) => ({ ...l, upload: 'content' as const })) }, step) : CLEAN;
}

/** Some argument carries taint. */
function carriesTaint(positional: readonly TaintValue[], keywords: ReadonlyMap<string, TaintValue>, splats: readonly TaintValue[]): boolean {
  for (const v of positional) if (!isClean(v)) return true;
  for (const v of keywords.values()) if (!isClean(v)) return true;
  for (const v of splats) if (!isClean(v)) return true;
  return false;
}

function short(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 40 ? `${oneLine.slice(0, 37)}…` : oneLine;
}

export class TaintInterpreter {
  private readonly summaries = new Map<number, Summary>();
  private readonly inProgress = new Set<number>();
  private readonly sourceCache = new Map<number, string | undefined>();
  /** Per call node: the def of this file it invokes, and the callee's name (see call()). */
  private readonly localFunctions = new Map<number, SyntaxNode | undefined>();
  private readonly callees = new Map<number, string | undefined>();
  private webFile?: boolean;
  /** Sensitive values and personal data: their sources, masking and command-line output (see disclosure.ts). */
  private readonly disclosure: Disclosure;
  /** Per source node: its data is parsed JSON (see Label.structured), or it is already safe for some sink kinds. */
  private readonly sourceTraits = new Map<number, SourceTraits>();
  private readonly deadline: number;
  timedOut = false;

  constructor(
    private readonly file: FileAnalysis,
    private readonly routeParams: (fn: SyntaxNode) => Map<string, string> | undefined,
    private readonly responseKindsOf: (fn: SyntaxNode) => readonly SinkKind[] | undefined,
    private readonly isHandlerMethod: (fn: SyntaxNode) => boolean,
    budgetMs: number,
    private readonly external?: ExternalResolver,
    /** Parameters that receive a caught exception: error handlers (`@app.errorhandler(Exception)`, FastAPI `exception_handler`). */
    private readonly exceptionParams?: (fn: SyntaxNode) => readonly string[] | undefined,
  ) {
    this.deadline = Date.now() + budgetMs;
    this.disclosure = new Disclosure(file);
  }

  /** Analyses a function (or the module when fn is undefined) as an entry point: sources are real, parameters clean unless route inputs. */
  analyseEntry(fn: SyntaxNode | undefined): TaintHit[] {
    if (Date.now() > this.deadline) {
      this.timedOut = true;
      return [];
    }
    const env: Env = new Map();
    const frame: Frame = { fn, mode: 'entry', returns: CLEAN, hits: [], isHandlerClass: fn ? this.isHandlerMethod(fn) : false };
    if (fn) {
      const inputs = this.routeParams(fn);
      for (const p of this.parameters(fn)) {
        const description = inputs?.get(p.name);
        if (description) env.set(p.name, this.sourceValue(p.node, description, { ...(this.isStructuredParameter(p.node, description) ? { shape: 'json' as const } : {}), ...(this.isUploadParameter(p.node) ? { upload: true } : {}) }));
        if (this.exceptionParams?.(fn)?.includes(p.name)) env.set(p.name, this.exceptionValue(p.node));
        const sensitive = this.disclosure.parameter(p.node);
        if (sensitive) env.set(p.name, join(env.get(p.name) ?? CLEAN, sensitive));
      }
      const kinds = this.responseKindsOf(fn);
      if (kinds) frame.responseKinds = kinds;
    }
    const body = fn ? fn.childForFieldName('body') : this.file.root;
    if (body) this.block(body, env, frame);
    return frame.hits.filter((h) => h.label.origin !== 'parameter');
  }

  // ---- functions and summaries ----

  /** The summary of a top-level function of this file, in a form other files can use. */
  exportSummary(name: string): ExternalSummary | undefined {
    let def: SyntaxNode | undefined;
    for (const stmt of namedChildren(this.file.root)) {
      const d = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
      if (d?.type === 'function_definition' && d.childForFieldName('name')?.text === name) def = d;
    }
    if (!def) return undefined;
    const path = this.file.path;
    // A summary lives for the whole scan: its strings are copied, so slices of this file's text do not keep it alive.
    const here = (l: Label): Label => ({
      ...l,
      description: detachedString(l.description),
      ...(l.category !== undefined ? { category: detachedString(l.category) } : {}),
      steps: l.steps.map((s) => ({ ...s, message: detachedString(s.message), path: s.path ?? path })),
    });
    const summary = this.summary(def);
    return {
      path,
      params: this.parameters(def).map((p) => p.name),
      returns: { labels: flatten(summary.returns).map(here) },
      hits: summary.hits.map((h) => ({
        kind: h.kind,
        sinkName: detachedString(h.via?.sinkName ?? h.sinkName),
        region: h.via?.region ?? regionOf(h.sink),
        label: here(h.label),
        ...(h.structuredOnly ? { structuredOnly: true } : {}),
      })),
    };
  }

  private parameters(fn: SyntaxNode): { name: string; node: SyntaxNode; index: number }[] {
    const params = fn.childForFieldName('parameters');
    const out: { name: string; node: SyntaxNode; index: number }[] = [];
    let index = 0;
    for (const p of namedChildren(params)) {
      let id: SyntaxNode | null | undefined = p;
      if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') id = p.childForFieldName('name');
      else if (p.type === 'typed_parameter') id = namedChildren(p)[0];
      if (id && (id.type === 'list_splat_pattern' || id.type === 'dictionary_splat_pattern')) id = namedChildren(id)[0];
      if (id?.type === 'identifier') out.push({ name: id.text, node: id, index: index++ });
      else index++;
    }
    return out;
  }

  private summary(fn: SyntaxNode): Summary {
    const known = this.summaries.get(fn.id);
    if (known) return known;
    const params = this.parameters(fn);
    const symbolic = (i: number, name: string, node: SyntaxNode): TaintValue => ({
      labels: [{ description: `parameter ${name}`, steps: [{ region: regionOf(node), message: `parameter ${name}` }], sanitized: new Set(), parameter: i, origin: 'parameter' }],
    });
    if (this.inProgress.has(fn.id) || Date.now() > this.deadline) {
      // Recursion (or out of time): assume every parameter may flow to the result and no sink is reached.
      return { returns: combine(params.map((p) => symbolic(p.index, p.name, p.node))), hits: [] };
    }
    this.inProgress.add(fn.id);
    try {
      const env: Env = new Map();
      for (const p of params) env.set(p.name, symbolic(p.index, p.name, p.node));
      const frame: Frame = { fn, mode: 'summary', returns: CLEAN, hits: [], isHandlerClass: this.isHandlerMethod(fn) };
      const body = fn.childForFieldName('body');
      if (body) this.block(body, env, frame);
      const result: Summary = { returns: frame.returns, hits: frame.hits.filter((h) => h.label.origin === 'parameter') };
      this.summaries.set(fn.id, result);
      return result;
    } finally {
      this.inProgress.delete(fn.id);
    }
  }

  /** The def a call invokes, when it is a function or method of this file (once per call node: loops revisit calls). */
  private localFunction(call: SyntaxNode): SyntaxNode | undefined {
    if (this.localFunctions.has(call.id)) return this.localFunctions.get(call.id);
    const def = this.findLocalFunction(call);
    this.localFunctions.set(call.id, def);
    return def;
  }

  private findLocalFunction(call: SyntaxNode): SyntaxNode | undefined {
    const fn = call.childForFieldName('function');
    if (!fn) return undefined;
    if (fn.type === 'identifier') {
      const found = this.file.scopes.lookup(fn.text, fn);
      const b = found?.bindings;
      if (b && b.length === 1 && b[0]!.kind === 'function') return b[0]!.node;
      return undefined;
    }
    if (fn.type === 'attribute') {
      const object = fn.childForFieldName('object');
      const name = fn.childForFieldName('attribute')?.text;
      if (object?.type === 'identifier' && (object.text === 'self' || object.text === 'cls') && name) {
        const cls = this.enclosingClass(call);
        if (!cls) return undefined;
        for (const stmt of namedChildren(cls.childForFieldName('body'))) {
          const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
          if (def?.type === 'function_definition' && def.childForFieldName('name')?.text === name) return def;
        }
      }
    }
    return undefined;
  }

  private enclosingClass(node: SyntaxNode): SyntaxNode | undefined {
    for (let cur = node.parent; cur; cur = cur.parent) if (cur.type === 'class_definition') return cur;
    return undefined;
  }

  /** Replaces symbolic parameter labels by what the caller passed. */
  private substitute(value: TaintValue, args: readonly TaintValue[], step: { region: ReturnType<typeof regionOf>; message: string }, depth = 0): TaintValue {
    // A returned tuple or object keeps its parts apart (`url, options = self.parse(url)`): fields are substituted one by one.
    if (value.fields && value.fields.size > 0 && depth < 3) {
      const fields = new Map<string, TaintValue>();
      for (const [k, f] of value.fields) {
        const v = this.substitute(f, args, step, depth + 1);
        if (!isClean(v)) fields.set(k, v);
      }
      const own = this.substitute({ labels: value.labels }, args, step, depth + 1);
      if (fields.size === 0) return own;
      return { labels: own.labels, fields };
    }
    const out: Label[][] = [];
    for (const l of flatten(value)) {
      if (l.parameter === undefined) {
        out.push([l]);
        continue;
      }
      const passed = args[l.parameter];
      if (!passed) continue;
      const kinds = [...l.sanitized];
      const v = kinds.length ? sanitize(passed, kinds) : passed;
      // A file the callee wrote the argument's uploaded bytes to: only those bytes, as content of that file.
      const carried = l.upload === 'content' ? flatten(withStep(v, step)).filter((x) => x.upload !== undefined || x.origin === 'parameter').map((x) => ({ ...x, upload: 'content' as const })) : flatten(withStep(v, step));
      out.push(carried.map((x) => ({ ...x, steps: [...x.steps, ...l.steps.slice(1)].slice(0, 20) })));
    }
    const labels = out.flat();
    return labels.length ? combine([{ labels }]) : CLEAN;
  }

  // ---- statements ----

  private block(block: SyntaxNode, env: Env, frame: Frame): boolean {
    for (const stmt of namedChildren(block)) {
      if (this.statement(stmt, env, frame)) return true; // the rest is unreachable
    }
    return false;
  }

  /** Returns true when the statement always leaves the block (return/raise/continue/break). */
  private statement(stmt: SyntaxNode, env: Env, frame: Frame): boolean {
    switch (stmt.type) {
      case 'expression_statement': {
        for (const e of namedChildren(stmt)) this.expression(e, env, frame);
        // abort(403), sys.exit(): the rest of the block does not run.
        const only = namedChildren(stmt);
        return only.length === 1 && only[0]!.type === 'call' && NO_RETURN.has(this.file.callee(only[0]!) ?? '');
      }
      case 'assert_statement': {
        const cond = namedChildren(stmt)[0];
        for (const e of namedChildren(stmt)) this.expression(e, env, frame);
        if (cond) this.refine(env, this.guards(cond, true, env, frame));
        return false;
      }
      case 'return_statement': {
        const value = namedChildren(stmt)[0];
        if (value) {
          const v = this.expression(value, env, frame);
          frame.returns = join(frame.returns, v);
          if (frame.responseKinds) {
            this.checkValue(v, frame.responseKinds.filter((k) => k !== 'xss' && k !== 'header'), value, 'the HTTP response', frame);
            const headers = frame.responseKinds.includes('header') ? this.returnedHeaders(value, v) : undefined;
            if (headers) this.checkValue(headers.value, ['header'], headers.node, 'the response headers', frame);
            const body = this.htmlBody(value, v);
            if (body && frame.responseKinds.includes('xss')) this.checkValue(body, ['xss'], value, 'the HTTP response', frame);
          }
        }
        return true;
      }
      case 'raise_statement': {
        // The message of a raised exception ends up in logs and error pages: sensitive values must not be in it.
        const raised = namedChildren(stmt)[0];
        const exc = raised ? unwrapParentheses(raised) : undefined;
        if (exc?.type === 'call') {
          const args = this.file.arguments(exc);
          const name = `the ${short(exc.childForFieldName('function')?.text ?? 'exception')} message`;
          for (const a of [...args.positional, ...args.keywords.values()]) this.checkValue(this.expression(a, new Map(env), frame), ['sensitive-exception'], a, name, frame);
        }
        for (const e of namedChildren(stmt)) this.expression(e, env, frame);
        return true;
      }
      case 'continue_statement':
      case 'break_statement':
        return true;
      case 'if_statement':
        return this.ifStatement(stmt, env, frame);
      case 'for_statement': {
        const iterable = this.expression(stmt.childForFieldName('right'), env, frame);
        const left = stmt.childForFieldName('left');
        const element = itemOf(combine([iterable]));
        const body = stmt.childForFieldName('body');
        const before = new Map(env);
        for (let i = 0; i < 2; i++) {
          if (left) this.bind(left, element, env, frame);
          if (body) this.block(body, env, frame);
        }
        this.joinInto(env, before);
        const alt = stmt.childForFieldName('alternative');
        if (alt) this.block(alt.childForFieldName('body') ?? alt, env, frame);
        return false;
      }
      case 'while_statement': {
        const cond = stmt.childForFieldName('condition');
        const folded = this.file.constantValue(cond);
        if (folded !== undefined && !isTruthy(folded)) return false;
        this.expression(cond, env, frame);
        const before = new Map(env);
        const body = stmt.childForFieldName('body');
        for (let i = 0; i < 2; i++) if (body) this.block(body, env, frame);
        this.joinInto(env, before);
        return false;
      }
      case 'try_statement': {
        const entry = new Map(env);
        const body = stmt.childForFieldName('body');
        const bodyLeaves = body ? this.block(body, env, frame) : false;
        const afterBody = new Map(env);
        let allLeave = bodyLeaves;
        const ends: Env[] = bodyLeaves ? [] : [afterBody];
        for (const clause of namedChildren(stmt)) {
          if (clause.type === 'except_clause' || clause.type === 'except_group_clause') {
            const handlerEnv = new Map(entry);
            this.joinInto(handlerEnv, afterBody);
            for (const child of namedChildren(clause)) {
              if (child.type === 'as_pattern') {
                const alias = child.childForFieldName('alias');
                const target = alias ? (namedChildren(alias)[0] ?? alias) : undefined;
                if (target?.type === 'identifier') handlerEnv.set(target.text, this.isUserFacingException(namedChildren(child)[0]) ? CLEAN : this.exceptionValue(target));
              }
            }
            const handlerBody = namedChildren(clause).find((c) => c.type === 'block');
            const leaves = handlerBody ? this.block(handlerBody, handlerEnv, frame) : false;
            if (!leaves) ends.push(handlerEnv);
            allLeave &&= leaves;
          } else if (clause.type === 'else_clause') {
            const b = clause.childForFieldName('body');
            if (b && !bodyLeaves) this.block(b, afterBody, frame);
          }
        }
        env.clear();
        const merged = ends.length ? ends.reduce((a, b) => this.joinEnvs(a, b)) : entry;
        for (const [k, v] of merged) env.set(k, v);
        const fin = namedChildren(stmt).find((c) => c.type === 'finally_clause');
        if (fin) {
          const b = namedChildren(fin).find((c) => c.type === 'block');
          if (b && this.block(b, env, frame)) return true;
        }
        return allLeave && ends.length === 0;
      }
      case 'with_statement': {
        // Only this statement's own items: nested `with` statements in the body run later, in order.
        const clause = namedChildren(stmt).find((c) => c.type === 'with_clause');
        for (const item of namedChildren(clause).filter((c) => c.type === 'with_item')) {
          const value = item.childForFieldName('value');
          if (value?.type === 'as_pattern') {
            const v = this.expression(namedChildren(value)[0], env, frame);
            const alias = value.childForFieldName('alias');
            const target = alias ? (namedChildren(alias)[0] ?? alias) : undefined;
            if (target) this.bind(target, v, env, frame);
          } else if (value) this.expression(value, env, frame);
        }
        const body = stmt.childForFieldName('body');
        return body ? this.block(body, env, frame) : false;
      }
      case 'match_statement': {
        this.expression(stmt.childForFieldName('subject'), env, frame);
        const ends: Env[] = [];
        // This statement's own cases only (a nested match is a statement inside a case body).
        for (const c of namedChildren(stmt.childForFieldName('body')).filter((n) => n.type === 'case_clause')) {
          const branch = new Map(env);
          const b = c.childForFieldName('consequence');
          if (b && !this.block(b, branch, frame)) ends.push(branch);
        }
        if (ends.length) {
          const merged = ends.reduce((a, b) => this.joinEnvs(a, b));
          this.joinInto(env, merged);
        }
        return false;
      }
      case 'delete_statement':
        for (const t of namedChildren(stmt)) if (t.type === 'identifier') env.delete(t.text);
        return false;
      case 'decorated_definition':
      case 'function_definition':
      case 'class_definition':
        return false; // analysed on their own
      case 'global_statement':
      case 'nonlocal_statement':
      case 'pass_statement':
      case 'import_statement':
      case 'import_from_statement':
      case 'future_import_statement':
        return false;
      default:
        for (const e of namedChildren(stmt)) if (e.type !== 'block') this.expression(e, env, frame);
        return false;
    }
  }

  private ifStatement(stmt: SyntaxNode, env: Env, frame: Frame): boolean {
    // Chain: if / elif … / else. Constant conditions prune the branches that cannot run.
    const branches: { cond?: SyntaxNode; body: SyntaxNode | null }[] = [{ cond: stmt.childForFieldName('condition') ?? undefined, body: stmt.childForFieldName('consequence') }];
    for (const alt of stmt.childrenForFieldName('alternative')) {
      if (alt.type === 'elif_clause') branches.push({ cond: alt.childForFieldName('condition') ?? undefined, body: alt.childForFieldName('consequence') });
      else branches.push({ body: alt.childForFieldName('body') });
    }
    const ends: Env[] = [];
    let hasElse = false;
    // What the conditions of earlier branches establish by having failed (guards such as `if not safe(p): abort()`).
    const failed: Refinement[] = [];
    for (const b of branches) {
      if (!b.cond) hasElse = true;
      const folded = b.cond ? this.file.constantValue(b.cond) : true;
      if (folded !== undefined && !isTruthy(folded)) continue;
      if (b.cond) this.expression(b.cond, env, frame);
      const branch = new Map(env);
      this.refine(branch, [...failed, ...(b.cond ? this.guards(b.cond, true, env, frame) : [])]);
      if (b.cond) failed.push(...this.guards(b.cond, false, env, frame));
      const leaves = b.body ? this.block(b.body, branch, frame) : false;
      if (!leaves) ends.push(branch);
      if (folded !== undefined && isTruthy(folded)) {
        hasElse = true; // a constant-true branch: nothing after it runs
        break;
      }
    }
    if (!hasElse) {
      const rest = new Map(env);
      this.refine(rest, failed);
      ends.push(rest);
    }
    if (ends.length === 0) return true;
    const merged = ends.reduce((a, b) => this.joinEnvs(a, b));
    env.clear();
    for (const [k, v] of merged) env.set(k, v);
    return false;
  }

  /**
   * The part of a route's return value that becomes an HTML body: the value, or the first item of a
   * `(body, status, headers)` tuple. Undefined for JSON bodies (dicts, lists) and a declared non-HTML content type.
   */
  /** Flask's `return body, status, headers` / `return body, headers`: the headers part of a returned tuple. */
  private returnedHeaders(node: SyntaxNode, v: TaintValue): { node: SyntaxNode; value: TaintValue } | undefined {
    const value = unwrapParentheses(node);
    if (value.type !== 'expression_list' && value.type !== 'tuple') return undefined;
    const items = namedChildren(value);
    const at = items.length === 3 ? 2 : items.length === 2 ? 1 : -1;
    const item = items[at];
    if (!item) return undefined;
    if (at === 1) {
      const inner = unwrapParentheses(item);
      const constant = this.file.constantValue(inner);
      if (!(inner.type === 'dictionary' || inner.type === 'list' || isDict(constant) || Array.isArray(constant))) return undefined;
    }
    return { node: item, value: v.fields?.get(String(at)) ?? CLEAN };
  }

  private htmlBody(node: SyntaxNode, v: TaintValue): TaintValue | undefined {
    const value = unwrapParentheses(node);
    let body = value;
    let bodyValue = v;
    if (value.type === 'expression_list' || value.type === 'tuple') {
      const items = namedChildren(value);
      body = unwrapParentheses(items[0] ?? value);
      bodyValue = v.fields?.get('0') ?? v;
      for (const item of items.slice(1)) {
        const headers = this.file.constantValue(item);
        if (!isDict(headers)) continue;
        for (const [k, type] of headers) if (String(k).toLowerCase() === 'content-type' && typeof type === 'string' && !/html|xml|svg/i.test(type)) return undefined;
      }
    }
    return body.type === 'dictionary' || body.type === 'list' || body.type === 'dictionary_comprehension' || body.type === 'list_comprehension' ? undefined : bodyValue;
  }

  /** What a condition establishes about local names when it evaluates to `when`. */
  private guards(cond: SyntaxNode, when: boolean, env: Env, frame: Frame): Refinement[] {
    return refinements(cond, when, { file: this.file, isClean: (n) => isClean(this.expression(n, new Map(env), frame)) });
  }

  private refine(env: Env, refs: readonly Refinement[]): void {
    for (const r of refs) {
      const v = env.get(r.name);
      if (v) env.set(r.name, sanitize(v, r.kinds));
    }
  }

  private joinEnvs(a: Env, b: Env): Env {
    const out = new Map(a);
    for (const [k, v] of b) out.set(k, out.has(k) ? join(out.get(k)!, v) : v);
    return out;
  }

  private joinInto(env: Env, other: Env): void {
    for (const [k, v] of other) env.set(k, env.has(k) ? join(env.get(k)!, v) : v);
  }

  // ---- bindings ----

  private bind(target: SyntaxNode, value: TaintValue, env: Env, frame: Frame, rhs?: SyntaxNode): void {
    switch (target.type) {
      case 'identifier':
        env.set(target.text, withStep(value, { region: regionOf(target), message: `assigned to ${target.text}` }));
        return;
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'tuple':
      case 'list': {
        const elements = namedChildren(target);
        const values = rhs && ['tuple', 'list', 'expression_list'].includes(rhs.type) ? namedChildren(rhs) : undefined;
        elements.forEach((el, i) => {
          const part = values && values.length === elements.length ? this.expression(values[i], env, frame) : value.fields?.get(String(i)) ?? combine([value]);
          this.bind(el, part, env, frame);
        });
        return;
      }
      case 'list_splat_pattern':
      case 'list_splat': {
        const inner = namedChildren(target)[0];
        if (inner) this.bind(inner, combine([value]), env, frame);
        return;
      }
      case 'attribute': {
        const object = target.childForFieldName('object');
        const attr = target.childForFieldName('attribute')?.text;
        if (object?.type === 'identifier' && attr) {
          const old = env.get(object.text) ?? CLEAN;
          const fields = new Map(old.fields);
          fields.set(attr, withStep(value, { region: regionOf(target), message: `stored in ${object.text}.${attr}` }));
          env.set(object.text, { labels: old.labels, fields });
        } else if (object) this.expression(object, env, frame);
        return;
      }
      case 'subscript': {
        const container = target.childForFieldName('value');
        const index = target.childForFieldName('subscript');
        this.storeSink(target, value, env, frame);
        if (container?.type === 'identifier') {
          const key = this.constKey(index);
          const old = env.get(container.text) ?? CLEAN;
          if (key !== undefined) {
            const fields = new Map(old.fields);
            fields.set(key, withStep(value, { region: regionOf(target), message: `stored in ${short(target.text)}` }));
            env.set(container.text, { labels: old.labels, fields });
          } else {
            // d[k] = v with a key from the request: the client chooses the dict's keys too.
            env.set(container.text, join(old, combine([value, keysOf(this.expression(index, env, frame))])));
          }
        } else if (container?.type === 'attribute') {
          // self.data["k"] = v: the attribute's container gains the taint (under the key when it is constant).
          const object = container.childForFieldName('object');
          const attr = container.childForFieldName('attribute')?.text;
          if (object?.type === 'identifier' && attr) {
            const old = env.get(object.text) ?? CLEAN;
            const fields = new Map(old.fields);
            const oldAttr = fields.get(attr) ?? CLEAN;
            const key = this.constKey(index);
            if (key !== undefined) fields.set(attr, { labels: oldAttr.labels, fields: new Map(oldAttr.fields).set(key, value) });
            else fields.set(attr, join(oldAttr, combine([value])));
            env.set(object.text, { labels: old.labels, fields });
          }
        }
        return;
      }
      default:
        return;
    }
  }

  /** `resp.headers["X"] = v` and `session["k"] = v` are sinks themselves (the key as well as the value). */
  private storeSink(target: SyntaxNode, value: TaintValue, env: Env, frame: Frame): void {
    const container = target.childForFieldName('value');
    if (!container) return;
    const spec = STORE_SINKS.find((s) => this.receiverMatches(container, s.container));
    if (!spec) return;
    const key = this.expression(target.childForFieldName('subscript'), env, frame);
    this.checkValue(combine([value, key]), spec.kinds, target, spec.sinkName, frame);
  }

  private constKey(node: SyntaxNode | null | undefined): string | undefined {
    const v = this.file.constantValue(node);
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
  }

  // ---- expressions ----

  private expression(node: SyntaxNode | null | undefined, env: Env, frame: Frame, depth = 0): TaintValue {
    if (!node || depth > MAX_DEPTH) return CLEAN;
    const d = depth + 1;
    switch (node.type) {
      case 'identifier':
        return env.get(node.text) ?? CLEAN;
      case 'string':
      case 'concatenated_string': {
        const parts = node.descendantsOfType('interpolation').map((i) => this.expression(i.childForFieldName('expression'), env, frame, d));
        // Formatting makes text (no longer a parsed structure); a constant scheme and host in front confine URLs.
        return parts.length ? this.confine(node, shaped(combine(parts), undefined), env, frame) : CLEAN;
      }
      case 'integer':
      case 'float':
      case 'true':
      case 'false':
      case 'none':
      case 'comparison_operator':
      case 'not_operator':
      case 'lambda':
        if (node.type === 'comparison_operator' || node.type === 'not_operator') for (const c of namedChildren(node)) this.expression(c, env, frame, d);
        return CLEAN;
      case 'attribute': {
        const v = this.attribute(node, env, frame, d);
        return this.isTrackedField(node, env) ? v : this.disclosure.attribute(node, v);
      }
      case 'subscript': {
        const v = this.subscript(node, env, frame, d);
        return this.isTrackedField(node, env) ? v : this.disclosure.subscript(node, v);
      }
      case 'call': {
        const v = this.disclosure.call(node, this.call(node, env, frame, d), this.localFunction(node) !== undefined);
        const fn = node.childForFieldName('function');
        return fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format' ? this.confine(node, shaped(v, undefined), env, frame) : v;
      }
      case 'assignment': {
        const right = node.childForFieldName('right');
        const v = this.expression(right, env, frame, d);
        const left = node.childForFieldName('left');
        if (left) this.bind(left, v, env, frame, right ?? undefined);
        for (const t of left ? Disclosure.targets(left) : []) {
          const named = this.disclosure.assigned(t, right, env.get(t.text) ?? CLEAN);
          if (named) env.set(t.text, named);
        }
        return v;
      }
      case 'augmented_assignment': {
        const left = node.childForFieldName('left');
        const v = join(this.expression(left, env, frame, d), combine([this.expression(node.childForFieldName('right'), env, frame, d)]));
        if (left) this.bind(left, v, env, frame);
        return v;
      }
      case 'named_expression': {
        const v = this.expression(node.childForFieldName('value'), env, frame, d);
        const name = node.childForFieldName('name');
        if (name) this.bind(name, v, env, frame);
        return v;
      }
      case 'conditional_expression': {
        const [whenTrue, cond, whenFalse] = namedChildren(node);
        const folded = this.file.constantValue(cond);
        if (folded !== undefined) return this.expression(isTruthy(folded) ? whenTrue : whenFalse, env, frame, d);
        this.expression(cond, env, frame, d);
        const onTrue = new Map(env);
        const onFalse = new Map(env);
        if (cond) {
          this.refine(onTrue, this.guards(cond, true, env, frame));
          this.refine(onFalse, this.guards(cond, false, env, frame));
        }
        return join(this.expression(whenTrue, onTrue, frame, d), this.expression(whenFalse, onFalse, frame, d));
      }
      case 'dictionary': {
        const fields = new Map<string, TaintValue>();
        const whole: TaintValue[] = [];
        for (const el of namedChildren(node)) {
          if (el.type === 'pair') {
            const key = this.constKey(el.childForFieldName('key'));
            const v = this.expression(el.childForFieldName('value'), env, frame, d);
            const keyTaint = this.expression(el.childForFieldName('key'), env, frame, d);
            if (key !== undefined) fields.set(key, v);
            else whole.push(v, keysOf(keyTaint));
          } else whole.push(this.expression(el, env, frame, d));
        }
        const base = combine(whole);
        return fields.size ? { labels: base.labels, fields } : base;
      }
      case 'list':
      case 'tuple':
      case 'set':
      case 'expression_list': {
        const fields = new Map<string, TaintValue>();
        namedChildren(node).forEach((el, i) => {
          const v = this.expression(el, env, frame, d);
          if (node.type !== 'set' && el.type !== 'list_splat') fields.set(String(i), v);
          else fields.set(`*${i}`, combine([v]));
        });
        return fields.size ? { labels: [], fields } : CLEAN;
      }
      case 'list_comprehension':
      case 'set_comprehension':
      case 'generator_expression':
      case 'dictionary_comprehension': {
        const inner = new Map(env);
        for (const clause of namedChildren(node)) {
          if (clause.type === 'for_in_clause') {
            const it = this.expression(clause.childForFieldName('right'), inner, frame, d);
            const left = clause.childForFieldName('left');
            if (left) this.bind(left, itemOf(combine([it])), inner, frame);
          } else if (clause.type === 'if_clause') {
            for (const c of namedChildren(clause)) this.expression(c, inner, frame, d); // filters may call sinks
          }
        }
        const body = node.childForFieldName('body');
        if (body?.type === 'pair') return combine([keysOf(this.expression(body.childForFieldName('key'), inner, frame, d)), this.expression(body.childForFieldName('value'), inner, frame, d)]);
        return combine([this.expression(body, inner, frame, d)]);
      }
      case 'keyword_argument':
        return this.expression(node.childForFieldName('value'), env, frame, d);
      default: {
        // Operators, parentheses, await, splats, slices, f-string pieces: the union of the parts.
        const v = combine(namedChildren(node).map((c) => this.expression(c, env, frame, d)));
        return node.type === 'binary_operator' ? this.confine(node, v, env, frame) : v;
      }
    }
  }

  /**
   * A string whose constant beginning fixes scheme and host (`f"https://api.example.com/{x}"`) cannot send a request
   * or a redirect elsewhere; one that starts with a path of this site (`"/items/" + x`) cannot redirect elsewhere.
   */
  private confine(node: SyntaxNode, v: TaintValue, env: Env, frame: Frame): TaintValue {
    if (isClean(v)) return v;
    // Only the outermost concatenation decides (and `a + b + c` is not re-examined at every level).
    if (node.type === 'binary_operator' && node.parent?.type === 'binary_operator') return v;
    const parts = this.stringParts(node);
    const first = parts?.[0];
    if (first !== undefined && typeof first !== 'string' && !isClean(this.partValue(first, env, frame))) return v;
    const prefix = this.file.knownPrefix(node);
    if (prefix && !prefix.isPath) {
      if (FIXED_ORIGIN_PREFIX.test(prefix.text)) return sanitize(v, ['ssrf', 'redirect']);
      if (LOCAL_PATH_PREFIX.test(prefix.text)) return sanitize(v, ['redirect']);
    }
    // `f"{settings.API_URL}/users/{uid}"`: a leading part that carries no request data (configuration, a base URL),
    // then a path, query or fragment separator before the first untrusted part: scheme and host are not the client's.
    if (parts) {
      let sawClean = false;
      for (const part of parts) {
        if (typeof part === 'string') {
          if (sawClean && /[/?#]/.test(part.replace(/^[a-z0-9+.-]*:\/\//i, ''))) return sanitize(v, ['ssrf', 'redirect']);
          continue;
        }
        if (!isClean(this.partValue(part, env, frame))) break;
        sawClean = true;
      }
    }
    return v;
  }

  /** The pieces of a `+` chain or f-string in order: constant text, or the expression spliced in. Undefined for other nodes. */
  private stringParts(node: SyntaxNode): (string | SyntaxNode)[] | undefined {
    const out: (string | SyntaxNode)[] = [];
    const visit = (n: SyntaxNode, depth: number): boolean => {
      if (depth > 50 || out.length > 50) return false;
      const u = unwrapParentheses(n);
      if (u.type === 'binary_operator' && u.childForFieldName('operator')?.text === '+') {
        const l = u.childForFieldName('left');
        const r = u.childForFieldName('right');
        return !!l && !!r && visit(l, depth + 1) && visit(r, depth + 1);
      }
      if (u.type === 'concatenated_string') return namedChildren(u).every((c) => visit(c, depth + 1));
      if (u.type === 'string' && u.descendantsOfType('interpolation').length > 0) {
        for (const c of namedChildren(u)) {
          if (c.type === 'interpolation') {
            const e = c.childForFieldName('expression');
            if (e) out.push(e);
          } else if (c.type === 'string_content' || c.type === 'escape_sequence') out.push(c.text);
        }
        return true;
      }
      const text = this.file.stringValue(u);
      out.push(text ?? u);
      return true;
    };
    const root = unwrapParentheses(node);
    const decomposable = (root.type === 'binary_operator' && root.childForFieldName('operator')?.text === '+') || root.type === 'concatenated_string' || (root.type === 'string' && root.descendantsOfType('interpolation').length > 0);
    return decomposable && visit(root, 0) ? out : undefined;
  }

  /** `self.password` or `d["password"]` assigned earlier in the function: what was stored there counts, not the name. */
  private isTrackedField(node: SyntaxNode, env: Env): boolean {
    const object = node.childForFieldName(node.type === 'attribute' ? 'object' : 'value');
    if (object?.type !== 'identifier') return false;
    const key = node.type === 'attribute' ? node.childForFieldName('attribute')?.text : this.constKey(node.childForFieldName('subscript'));
    return key !== undefined && !!env.get(object.text)?.fields?.has(key);
  }

  private partValue(part: SyntaxNode, env: Env, frame: Frame): TaintValue {
    return part.type === 'identifier' ? (env.get(part.text) ?? CLEAN) : this.expression(part, new Map(env), frame);
  }


  private attribute(node: SyntaxNode, env: Env, frame: Frame, depth: number): TaintValue {
    const source = this.sourceOf(node);
    if (source) return this.sourceValue(node, source, this.readOf(this.sourceTraits.get(node.id), false));
    const object = node.childForFieldName('object');
    const attr = node.childForFieldName('attribute')?.text ?? '';
    const base = this.expression(object, env, frame, depth);
    if (attr === '__class__') return CLEAN; // the type of a value, not its content
    const field = base.fields?.get(attr);
    if (field) return join(field, base.labels.length ? { labels: base.labels } : CLEAN);
    if (UPLOAD_MEMBERS.has(attr)) return asUpload(base.labels.length ? { labels: base.labels } : CLEAN);
    return base.labels.length ? { labels: base.labels } : CLEAN;
  }

  private subscript(node: SyntaxNode, env: Env, frame: Frame, depth: number): TaintValue {
    const source = this.sourceOf(node.childForFieldName('value'));
    if (source) return this.sourceValue(node, source, this.readOf(this.sourceTraits.get(node.childForFieldName('value')!.id), true));
    const container = this.expression(node.childForFieldName('value'), env, frame, depth);
    const indexNode = node.childForFieldName('subscript');
    const key = this.constKey(indexNode);
    const index = this.expression(indexNode, env, frame, depth);
    const lookup = this.lookupSink(node.childForFieldName('value'));
    if (lookup && indexNode) this.checkValue(index, lookup.kinds, node, `${short(node.childForFieldName('value')!.text)}[…]`, frame);
    const own = itemOf(container.labels.length ? { labels: container.labels } : CLEAN);
    if (key !== undefined && container.fields?.has(key)) return join(container.fields.get(key)!, own);
    if (key !== undefined && container.fields && !container.fields.has(key)) return own;
    return itemOf(combine([container]));
  }

  /** `globals()[name]`, `sys.modules[name]`: looking a key up in these containers is a sink for the key. */
  private lookupSink(container: SyntaxNode | null): (typeof LOOKUP_SINKS)[number] | undefined {
    if (!container) return undefined;
    const c = unwrapParentheses(container);
    const qn = c.type === 'call' ? this.file.callee(c) : c.type === 'attribute' || c.type === 'identifier' ? this.file.qualifiedName(c) : undefined;
    return qn === undefined ? undefined : LOOKUP_SINKS.find((s) => s.containers.includes(qn));
  }

  private call(node: SyntaxNode, env: Env, frame: Frame, depth: number): TaintValue {
    const fn = node.childForFieldName('function');
    const args = this.file.arguments(node);
    let callee: string | undefined;
    if (this.callees.has(node.id)) callee = this.callees.get(node.id);
    else this.callees.set(node.id, (callee = this.file.callee(node) ?? this.originCallee(fn)));
    const positional = args.positional.map((a) => this.expression(a, env, frame, depth));
    const keywords = new Map<string, TaintValue>();
    for (const [k, v] of args.keywords) keywords.set(k, this.expression(v, env, frame, depth));
    const listSplats = args.listSplats.map((s) => this.expression(s, env, frame, depth));
    const dictSplats = args.dictSplats.map((s) => this.expression(s, env, frame, depth));
    const splats = [...listSplats, ...dictSplats];
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    const receiverNode = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;

    // A source call: request.get_json(), request.args.get("q"), self.get_argument("q").
    const source = this.sourceOf(fn) ?? (method && HANDLER_INPUT_METHODS.has(method) && receiverNode?.text === 'self' && frame.isHandlerClass ? `user input from self.${method}()` : undefined);
    if (source) {
      // request.args.get("page", 1, type=int): Werkzeug converts the value (and drops what does not convert).
      const type = args.keywords.get('type');
      if (type && SANITIZERS.get(this.file.qualifiedName(type) ?? '') === 'all') return CLEAN;
      return this.sourceValue(node, source, this.readOf(fn ? this.sourceTraits.get(fn.id) : undefined, false));
    }
    if (callee !== undefined && EXCEPTION_DETAIL_CALLS.has(callee)) {
      return { labels: [{ description: `exception details from ${callee}()`, steps: [{ region: regionOf(node), message: `exception details from ${callee}()` }], sanitized: new Set(), origin: 'exception' }] };
    }

    // The receiver of a method call; for a computed callee (`getattr(obj, name)()`, `handlers[k](x)`) the callee itself.
    const object = receiverNode ? this.expression(receiverNode, env, frame, depth) : fn && fn.type !== 'identifier' ? this.expression(fn, env, frame, depth) : CLEAN;
    // `item.chunks()`, `await item.read()` on an item of request data (not on the request body itself): an uploaded file.
    const receiver = method && receiverNode && receiverNode.type !== 'attribute' && (UPLOAD_MEMBERS.has(method) || method === 'read') ? asUpload(object) : object;
    const sinkKinds = this.checkSinks(node, callee, method, receiverNode, receiver, positional, keywords, frame);
    this.checkRecordWrite(node, positional, keywords, dictSplats, frame);
    this.markWrittenFiles(node, callee, method, receiverNode, receiver, positional, keywords, env);
    // What came out of a sink was reported there; do not report it again further along (text() → execute()).
    if (sinkKinds.length) return sanitize(this.callResult(node, env, frame, callee, method, receiverNode, receiver, positional, keywords, splats, args), sinkKinds);
    return this.callResult(node, env, frame, callee, method, receiverNode, receiver, positional, keywords, splats, args);
  }

  /**
   * Uploaded bytes written to a file make the local name of its path name uploaded content (see uploadedContent()):
   * `upload.save(dst)`, `archive.extractall(dst)` of an uploaded archive, `open(dst, "wb").write(data)`,
   * `shutil.copyfileobj(upload.file, out)`, `dst.write_bytes(data)`.
   */
  private markWrittenFiles(call: SyntaxNode, callee: string | undefined, method: string | undefined, receiverNode: SyntaxNode | null | undefined, receiver: TaintValue, positional: TaintValue[], keywords: Map<string, TaintValue>, env: Env): void {
    const args = this.file.arguments(call);
    const writes: { content: TaintValue; path: SyntaxNode | undefined }[] = [];
    const openedPath = (file: SyntaxNode | undefined): SyntaxNode | undefined => {
      if (!file) return undefined;
      const origin = this.file.originCalls(file);
      if (origin?.length !== 1) return undefined;
      const opener = origin[0]!;
      const name = this.file.callee(opener);
      const fn = opener.childForFieldName('function');
      if (name === 'open' || name === 'io.open' || name === 'codecs.open' || name === 'aiofiles.open') return this.file.arguments(opener).positional[0] ?? this.file.arguments(opener).keywords.get('file');
      if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'open') return fn.childForFieldName('object') ?? undefined; // Path(p).open("wb")
      return undefined;
    };
    if (method === 'save' && receiverNode) writes.push({ content: receiver, path: args.positional[0] ?? args.keywords.get('dst') ?? args.keywords.get('destination') });
    else if ((method === 'extractall' || method === 'extract') && receiverNode) writes.push({ content: receiver, path: args.keywords.get('path') ?? args.positional[method === 'extract' ? 1 : 0] });
    else if ((method === 'write' || method === 'writelines') && receiverNode) writes.push({ content: positional[0] ?? CLEAN, path: openedPath(receiverNode) });
    else if ((method === 'write_bytes' || method === 'write_text') && receiverNode) writes.push({ content: positional[0] ?? keywords.get('data') ?? CLEAN, path: receiverNode });
    else if (callee === 'shutil.copyfileobj') writes.push({ content: positional[0] ?? keywords.get('fsrc') ?? CLEAN, path: openedPath(args.positional[1] ?? args.keywords.get('fdst')) });
    for (const w of writes) {
      const path = w.path ? unwrapParentheses(w.path) : undefined;
      if (path?.type !== 'identifier') continue;
      const content = uploadedContent(w.content, { region: regionOf(call), message: `uploaded content written to ${path.text}` });
      if (!isClean(content)) env.set(path.text, join(env.get(path.text) ?? CLEAN, content));
    }
  }

  /** `session.get(u)` where `with requests.Session() as session`: the method of what the creating call returned. */
  private originCallee(fn: SyntaxNode | null): string | undefined {
    if (fn?.type !== 'attribute') return undefined;
    const object = fn.childForFieldName('object');
    const method = fn.childForFieldName('attribute')?.text;
    if (object?.type !== 'identifier' || !method) return undefined;
    const origins = this.file.originCalls(object);
    if (!origins?.length) return undefined;
    const names = new Set(origins.map((c) => this.file.callee(c)));
    const only = names.size === 1 ? [...names][0] : undefined;
    return only === undefined ? undefined : `${only}().${method}`;
  }

  private callResult(
    node: SyntaxNode,
    env: Env,
    frame: Frame,
    callee: string | undefined,
    method: string | undefined,
    receiverNode: SyntaxNode | null | undefined,
    receiver: TaintValue,
    positional: TaintValue[],
    keywords: Map<string, TaintValue>,
    splats: TaintValue[],
    args: ReturnType<FileAnalysis['arguments']>,
  ): TaintValue {
    const fn = node.childForFieldName('function');

    if (callee !== undefined) {
      const sanitizer = SANITIZERS.get(callee);
      if (sanitizer) return sanitize(combine([...positional, ...keywords.values()]), sanitizer);
      if (STRUCTURE_PARSERS.has(callee)) return shaped(combine([...positional, ...keywords.values()]), 'json');
    }
    if (method && CLEAN_METHODS.has(method)) return CLEAN;
    if (method && LINE_BREAK_STRIPPERS.has(method) && method === 'replace') {
      const old = this.file.stringValue(args.positional[0]);
      const base = combine([receiver, positional[1] ?? CLEAN]);
      return old !== undefined && /[\r\n]/.test(old) ? sanitize(base, ['header', 'log']) : base;
    }
    if ((callee === 're.sub' || callee === 'regex.sub') && args.positional.length >= 3) {
      // re.sub(r"[\r\n]", "", v): a pattern matching line breaks removes them (for header and log sinks).
      const pattern = this.file.stringValue(args.positional[0]);
      const base = combine([positional[1] ?? CLEAN, positional[2] ?? CLEAN]);
      return pattern !== undefined && /[\r\n]|\\[rns]/.test(pattern) ? sanitize(base, ['header', 'log']) : combine([positional[0] ?? CLEAN, base]);
    }
    // Mutating methods store the argument's taint in the receiver (list.append(v), d.update(x)).
    if (method && MUTATORS.has(method) && receiverNode?.type === 'identifier') {
      const added = combine([...positional, ...keywords.values()]);
      env.set(receiverNode.text, join(env.get(receiverNode.text) ?? CLEAN, added));
      return CLEAN;
    }
    if (method === 'get' && receiver.fields) {
      const key = this.constKey(args.positional[0]);
      if (key !== undefined) return join(receiver.fields.get(key) ?? CLEAN, join(itemOf(receiver.labels.length ? { labels: receiver.labels } : CLEAN), positional[1] ?? CLEAN));
    }
    const local = this.localFunction(node);
    // Lookups in a store that holds no request data return what the store holds, not the key:
    // Model.objects.get(pk=x), query.filter_by(name=x), CHOICES.get(x, "default").
    if (!local && method && LOOKUP_METHODS.has(method) && receiverNode && isClean(receiver)) {
      return method === 'get' ? (positional[1] ?? keywords.get('default') ?? CLEAN) : CLEAN;
    }
    // Functions of other files are summarised only when they receive untrusted data (parsing them costs a parse each).
    if (!local && this.external && callee !== undefined && callee.includes('.') && carriesTaint(positional, keywords, splats)) {
      const ext = this.external(callee);
      if (ext) {
        const offset = ext.params[0] === 'self' || ext.params[0] === 'cls' ? 1 : 0;
        const passed: TaintValue[] = [];
        ext.params.forEach((name, index) => {
          const i = index - offset;
          passed[index] = keywords.get(name) ?? (i >= 0 ? positional[i] : undefined) ?? CLEAN;
        });
        const step = { region: regionOf(node), message: `passed to ${short(fn?.text ?? 'a function')}() in ${ext.path}` };
        for (const hit of ext.hits) {
          const reached = this.substitute({ labels: [hit.label] }, passed, step);
          for (const l of harmful(reached, hit.kind)) {
            if (hit.structuredOnly && !l.structured && l.origin !== 'parameter') continue;
            this.record(frame, { kind: hit.kind, sink: node, sinkName: `${hit.sinkName} in ${ext.path} through ${short(fn?.text ?? 'a function')}()`, label: l, via: { path: ext.path, region: hit.region, sinkName: `${hit.sinkName} in ${ext.path}` } });
          }
        }
        return this.substitute(ext.returns, passed, { region: regionOf(node), message: `returned from ${short(fn?.text ?? 'a function')}()` });
      }
    }
    if (local) {
      const summary = this.summary(local);
      const passed = this.argumentsByParameter(local, positional, keywords, !!receiverNode && (receiverNode.text === 'self' || receiverNode.text === 'cls'));
      const step = { region: regionOf(node), message: `passed to ${short(fn?.text ?? 'a function')}()` };
      for (const hit of summary.hits) {
        const reached = this.substitute({ labels: [hit.label] }, passed, step);
        for (const l of harmful(reached, hit.kind)) if (!hit.structuredOnly || l.structured || l.origin === 'parameter') this.record(frame, { ...hit, label: l });
      }
      return this.substitute(summary.returns, passed, { region: regionOf(node), message: `returned from ${short(fn?.text ?? 'a function')}()` });
    }
    // Anything else: the result carries what went in (receiver included).
    return combine([method && ITEM_ACCESSORS.has(method) ? itemOf(receiver) : receiver, ...positional, ...keywords.values(), ...splats]);
  }

  /** Argument values in parameter order (self/cls skipped for method calls). */
  private argumentsByParameter(fn: SyntaxNode, positional: TaintValue[], keywords: Map<string, TaintValue>, isMethodCall: boolean): TaintValue[] {
    const params = this.parameters(fn);
    const offset = isMethodCall ? 1 : 0;
    const out: TaintValue[] = [];
    for (const p of params) {
      const i = p.index - offset;
      out[p.index] = keywords.get(p.name) ?? (i >= 0 ? positional[i] : undefined) ?? CLEAN;
    }
    return out;
  }

  // ---- sources ----

  private sourceValue(node: SyntaxNode, description: string, read?: ReadTraits): TaintValue {
    return { labels: [{ description, steps: [{ region: regionOf(node), message: description }], sanitized: new Set(read?.safe), origin: 'request', ...(read?.shape ? { structured: read.shape } : {}), ...(read?.upload ? { upload: 'file' as const } : {}) }] };
  }

  /** The shape of what a read of a source yields: the whole source (`request.args`, `request.get_json()`) or one item (`request.args["q"]`, `.get("q")`). */
  private readOf(traits: SourceTraits | undefined, item: boolean): ReadTraits | undefined {
    if (!traits) return undefined;
    const isItem = item || (traits.member !== undefined && ITEM_ACCESSORS.has(traits.member));
    const shape = isItem && traits.base === 'container' ? undefined : traits.base;
    return { ...(shape ? { shape } : {}), ...(traits.safe ? { safe: traits.safe } : {}), ...(traits.upload ? { upload: true } : {}) };
  }

  /** `except ValidationError as e`: every caught class carries a message written for the client (see USER_FACING_EXCEPTIONS). */
  private isUserFacingException(type: SyntaxNode | undefined): boolean {
    const t = type ? unwrapParentheses(type) : undefined;
    if (!t) return false;
    if (t.type === 'tuple') return namedChildren(t).length > 0 && namedChildren(t).every((c) => this.isUserFacingException(c));
    if (t.type !== 'identifier' && t.type !== 'attribute') return false;
    const name = this.file.qualifiedName(t) ?? t.text;
    return USER_FACING_EXCEPTIONS.has(name.slice(name.lastIndexOf('.') + 1));
  }

  private exceptionValue(node: SyntaxNode): TaintValue {
    return { labels: [{ description: `the exception ${node.text}`, steps: [{ region: regionOf(node), message: `exception caught as ${node.text}` }], sanitized: new Set(), origin: 'exception' }] };
  }

  /** A route parameter declared as an uploaded file: `file: UploadFile`, `files: list[UploadFile]`, `file: bytes = File(...)`. */
  private isUploadParameter(node: SyntaxNode): boolean {
    const p = node.parent;
    if (p?.type !== 'typed_parameter' && p?.type !== 'typed_default_parameter' && p?.type !== 'default_parameter') return false;
    const annotation = p.childForFieldName('type');
    if (annotation && UPLOAD_PARAMETER_TYPE.test(annotation.text)) return true;
    const dflt = p.type === 'typed_parameter' ? undefined : p.childForFieldName('value');
    const callee = dflt?.type === 'call' ? this.file.callee(dflt) : undefined;
    return callee === 'fastapi.File' || callee === 'fastapi.params.File';
  }

  /** A route parameter that may hold a parsed structure: annotated dict/list/Any (a JSON body), or a Lambda event. */
  private isStructuredParameter(node: SyntaxNode, description: string): boolean {
    if (description === 'the Lambda event') return true;
    const annotation = node.parent?.type === 'typed_parameter' || node.parent?.type === 'typed_default_parameter' ? node.parent.childForFieldName('type')?.text : undefined;
    return !!annotation && /^(typing\.)?(dict|Dict|list|List|Any|Json|Mapping)\b/.test(annotation.replace(/\s+/g, ''));
  }

  /** "user input from request.args" when the expression reads request data, else undefined. */
  private sourceOf(node: SyntaxNode | null | undefined): string | undefined {
    if (!node || (node.type !== 'attribute' && node.type !== 'identifier')) return undefined;
    if (this.sourceCache.has(node.id)) return this.sourceCache.get(node.id);
    let result: string | undefined;
    const qn = this.file.qualifiedName(node);
    // Only names read straight from an import (`request.args`): a local bound to request data (`lang.strip()`) is
    // followed through the environment, so its sanitizers count.
    if (qn && this.rootIsImported(node)) {
      const hit = SOURCE_PREFIXES.find((s) => qn === s.prefix || qn.startsWith(`${s.prefix}.`) || qn.startsWith(`${s.prefix}(`));
      if (hit) result = `user input from ${hit.prefix.replace(/^(flask|bottle)\./, '')}`;
      if (hit) {
        const base: Shape = STRUCTURED_SOURCE_PREFIXES.has(hit.prefix) ? 'json' : CONTAINER_SOURCE_PREFIXES.has(hit.prefix) ? 'container' : undefined;
        const member = /^\.([A-Za-z_][A-Za-z0-9_]*)/.exec(qn.slice(hit.prefix.length))?.[1];
        const safe = SAFE_SOURCE_KINDS.get(hit.prefix);
        const upload = UPLOAD_SOURCE_PREFIXES.has(hit.prefix);
        this.sourceTraits.set(node.id, { ...(base ? { base } : {}), ...(member ? { member } : {}), ...(safe ? { safe } : {}), ...(upload ? { upload } : {}) });
      }
    }
    if (!result && node.type === 'attribute') {
      const attr = node.childForFieldName('attribute')?.text ?? '';
      const object = node.childForFieldName('object');
      if (REQUEST_ATTRIBUTES.has(attr) && this.isRequestObject(object)) result = `user input from ${short(object!.text)}.${attr}`;
      if (result) {
        const base: Shape = STRUCTURED_REQUEST_ATTRIBUTES.has(attr) ? 'json' : CONTAINER_REQUEST_ATTRIBUTES.has(attr) ? 'container' : undefined;
        const safe = SAFE_REQUEST_ATTRIBUTE_KINDS.get(attr);
        const upload = UPLOAD_REQUEST_ATTRIBUTES.has(attr);
        this.sourceTraits.set(node.id, { ...(base ? { base } : {}), ...(safe ? { safe } : {}), ...(upload ? { upload } : {}) });
      }
    }
    this.sourceCache.set(node.id, result);
    return result;
  }

  /** The name an attribute chain (or call chain) starts from is bound by an import, not by an assignment. */
  private rootIsImported(node: SyntaxNode): boolean {
    let cur: SyntaxNode | null = node;
    while (cur && cur.type !== 'identifier') {
      if (cur.type === 'attribute') cur = cur.childForFieldName('object');
      else if (cur.type === 'call') cur = cur.childForFieldName('function');
      else if (cur.type === 'subscript') cur = cur.childForFieldName('value');
      else if (cur.type === 'parenthesized_expression') cur = unwrapParentheses(cur);
      else return false;
    }
    if (!cur) return false;
    const bindings = this.file.scopes.lookup(cur.text, cur)?.bindings;
    return !bindings || bindings.length === 0 || bindings.every((b) => b.kind === 'import');
  }

  /** A request object received as a parameter (`request`, `req`), or `self.request` in a handler. */
  private isRequestObject(node: SyntaxNode | null | undefined): boolean {
    if (!node) return false;
    // A parameter called `request` is an incoming HTTP request only in code written for a web framework or a
    // serverless runtime; HTTP clients (requests, pip, botocore) name their outgoing requests the same way.
    this.webFile ??= WEB_MODULES.some((m) => this.file.importsModule(m));
    if (!this.webFile) return false;
    if (node.type === 'identifier') {
      if (!REQUEST_PARAMETER_NAMES.has(node.text)) return false;
      const found = this.file.scopes.lookup(node.text, node);
      return !!found && found.bindings.some((b) => b.kind === 'parameter');
    }
    if (node.type === 'attribute') return node.childForFieldName('attribute')?.text === 'request' && node.childForFieldName('object')?.text === 'self';
    return false;
  }

  // ---- sinks ----

  private checkSinks(
    call: SyntaxNode,
    callee: string | undefined,
    method: string | undefined,
    receiverNode: SyntaxNode | null | undefined,
    receiver: TaintValue,
    positional: TaintValue[],
    keywords: Map<string, TaintValue>,
    frame: Frame,
  ): SinkKind[] {
    const matched: SinkKind[] = [];
    for (const spec of sinkCandidates(callee, method)) {
      const byName = callee !== undefined && spec.names?.includes(callee);
      const byMethod = !byName && method !== undefined && spec.methods?.includes(method) && receiverNode !== undefined && !(callee !== undefined && this.isKnownNonSink(callee));
      if (!byName && !byMethod) continue;
      if (byMethod && !this.methodSinkApplies(spec, method!, receiverNode!, frame)) continue;
      if (byMethod && spec.receiverIsInput && flatten(receiver).every((l) => l.origin === 'exception')) continue;
      if (spec.safeWhen?.some((g) => this.guardIsSafe(call, g))) continue;
      if (spec.onlyInServiceCode && !this.disclosure.isServiceCode(call)) continue;
      if (spec.onlyWritingStatements && !this.disclosure.isWritingStatement(call)) continue;
      matched.push(...spec.kinds);
      const name = byName ? callee! : `${short(receiverNode?.text ?? '')}.${method}`;
      for (const arg of spec.args) {
        for (const { value, node } of this.sinkArguments(call, arg, positional, keywords, receiver, receiverNode)) {
          if (!node) continue;
          if (arg.constantPrefixIsSafe && this.file.knownPrefix(node)?.text) continue;
          const v = spec.scriptArgv ? this.scriptArgv(value, node) : spec.argv && !this.shellIsOn(call) ? this.interpretedArgv(value, node) : value;
          const kinds = this.kindsAt(spec, call, callee);
          if (kinds.includes('nosql')) this.checkFilter(v, node, name, frame);
          this.checkValue(v, kinds.filter((k) => k !== 'nosql'), node, name, frame);
        }
      }
    }
    return matched;
  }

  /** The guard argument selects the library's safe behaviour (a safe constant or class, or left out when that is the default). */
  private guardIsSafe(call: SyntaxNode, guard: SinkGuard): boolean {
    const positional = guard.position !== undefined ? this.file.arguments(call).positional[guard.position] : undefined;
    const kw = positional ? undefined : this.file.keyword(call, guard.keyword);
    const node = positional ?? kw?.node;
    const value = positional ? this.file.constantValue(positional) : kw?.value;
    if (!positional && !kw?.present) return !!guard.absentIsSafe && !kw?.maybeInUnknownSplat && this.file.arguments(call).listSplats.length === 0;
    if (value === null) return !!guard.absentIsSafe;
    if (value !== undefined && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) return guard.safeValues?.includes(value) ?? false;
    if (node && guard.safeNames) {
      const names = this.file.qualifiedNameCandidates(node);
      return !!names && names.length > 0 && names.every((n) => guard.safeNames!.includes(n));
    }
    return false;
  }

  /** The object matches a receiver filter (by qualified name, attribute name, or as an attribute of a request object). */
  private receiverMatches(node: SyntaxNode, filter: ReceiverFilter): boolean {
    const qn = filter.qualifiedNames || filter.prefixes ? this.file.qualifiedName(node) : undefined;
    if (qn !== undefined && filter.qualifiedNames?.includes(qn)) return true;
    if (qn !== undefined && filter.prefixes?.some((p) => qn.startsWith(p))) return true;
    if (node.type !== 'attribute') return false;
    const attr = node.childForFieldName('attribute')?.text ?? '';
    if (filter.attributes?.includes(attr)) {
      const object = node.childForFieldName('object');
      if (this.isRequestObject(object)) return false; // `request.headers[...] = v` edits the incoming request, not the response
      const on = filter.attributesNotOn && object ? this.file.qualifiedName(object) : undefined;
      return !(on !== undefined && filter.attributesNotOn!.some((p) => on.startsWith(p)));
    }
    return !!filter.requestAttributes?.includes(attr) && this.isRequestObject(node.childForFieldName('object'));
  }

  private isKnownNonSink(callee: string): boolean {
    // Resolved calls into well-known safe APIs that share a sink's method name.
    return /^(str|bytes|dict|list|re|json|os\.path|logging\.Formatter)\b/.test(callee) && !callee.startsWith('logging.getLogger');
  }

  private methodSinkApplies(spec: SinkSpec, method: string, receiver: SyntaxNode, frame: Frame): boolean {
    if (spec.receiver && !this.receiverMatches(receiver, spec.receiver)) return false;
    if (spec.selfOnlyInHandlers && receiver.type === 'identifier' && receiver.text === 'self' && !frame.isHandlerClass) return false;
    if (spec.requiresImport && !spec.requiresImport.some((m) => this.file.importsModule(m))) return false;
    if (spec.kinds.some((k) => k === 'log' || k === 'sensitive-log' || k === 'personal-log')) {
      const qn = this.file.qualifiedName(receiver);
      const last = receiver.type === 'attribute' ? receiver.childForFieldName('attribute')?.text ?? '' : receiver.text;
      return (qn !== undefined && (qn.startsWith('logging.getLogger(') || qn.startsWith('structlog.') || qn.startsWith('loguru.'))) || LOGGER_NAMES.test(last) || qn === 'logging';
    }
    if (spec.kinds.includes('xss') && (method === 'write' || method === 'finish')) return receiver.text === 'self' && frame.isHandlerClass;
    if (spec.kinds.includes('nosql')) {
      // Only collections: db.users.find(...), db["users"].find(...), client.db.coll.find(...).
      const qn = this.file.qualifiedName(receiver) ?? '';
      return qn.startsWith('pymongo.') || qn.startsWith('motor.') || receiver.type === 'subscript' || (receiver.type === 'attribute' && /\b(db|database|collection|coll)\b/i.test(receiver.text));
    }
    return true;
  }

  private sinkArguments(call: SyntaxNode, arg: SinkArg, positional: TaintValue[], keywords: Map<string, TaintValue>, receiver: TaintValue, receiverNode: SyntaxNode | null | undefined): { value: TaintValue; node?: SyntaxNode }[] {
    if (!arg.all) return [this.sinkArgument(call, arg, positional, keywords, receiver, receiverNode)];
    const args = this.file.arguments(call);
    return [...args.positional.map((node, i) => ({ value: positional[i] ?? CLEAN, node })), ...[...args.keywords].map(([k, node]) => ({ value: keywords.get(k) ?? CLEAN, node }))];
  }

  private sinkArgument(call: SyntaxNode, arg: SinkArg, positional: TaintValue[], keywords: Map<string, TaintValue>, receiver: TaintValue, receiverNode: SyntaxNode | null | undefined): { value: TaintValue; node?: SyntaxNode } {
    const args = this.file.arguments(call);
    if (arg.position === -1) return { value: receiver, ...(receiverNode ? { node: receiverNode } : {}) };
    if (arg.keyword !== undefined && args.keywords.has(arg.keyword)) return { value: keywords.get(arg.keyword)!, node: args.keywords.get(arg.keyword)! };
    if (arg.position !== undefined && args.positional[arg.position]) return { value: positional[arg.position]!, node: args.positional[arg.position]! };
    return { value: CLEAN };
  }

  private shellIsOn(call: SyntaxNode): boolean {
    const shell = this.file.keyword(call, 'shell');
    if (!shell.present) return false;
    return shell.value === undefined ? true : isTruthy(shell.value);
  }

  /**
   * Without a shell only the program is interpreted: the first item of a list (a literal, or a list held in a name),
   * and the script of `sh -c script`. An argv of unknown shape counts as a whole.
   */
  private interpretedArgv(value: TaintValue, node: SyntaxNode): TaintValue {
    const unwrapped = unwrapParentheses(node);
    const literal = unwrapped.type === 'list' || unwrapped.type === 'tuple';
    if (!literal && !value.fields?.has('0')) return value;
    let v = value.fields?.get('0') ?? CLEAN;
    if (literal) {
      const items = namedChildren(unwrapped);
      const program = (this.file.stringValue(items[0]) ?? '').split(/[\\/]/).pop()?.replace(/\.exe$/i, '') ?? '';
      const flag = SHELL_SCRIPT_FLAGS[program];
      const at = flag ? items.findIndex((item, i) => i > 0 && flag.test(this.file.stringValue(item) ?? '')) : -1;
      if (at > 0) v = join(v, value.fields?.get(String(at + 1)) ?? CLEAN);
    }
    return v;
  }

  /**
   * What runs as a program: the first item of an argv list, every item when that program is a script interpreter
   * (`["python", path]`, `["sh", path]`); for a command line, the whole line when it starts with an interpreter or
   * with a computed program. `["convert", path, out]` hands the file to a program as data: nothing runs it.
   */
  private scriptArgv(value: TaintValue, node: SyntaxNode): TaintValue {
    const unwrapped = unwrapParentheses(node);
    const program = (text: string | undefined): string => (text ?? '').split(/[\\/]/).pop() ?? '';
    if (unwrapped.type === 'list' || unwrapped.type === 'tuple') {
      const items = namedChildren(unwrapped);
      const interpreter = !!items[0] && (this.file.qualifiedName(items[0]) === 'sys.executable' || SCRIPT_INTERPRETERS.test(program(this.file.stringValue(items[0]))));
      return interpreter ? combine([value]) : (value.fields?.get('0') ?? CLEAN);
    }
    if (value.fields?.has('0')) return value.fields.get('0')!;
    const first = /^\s*(\S+)\s/.exec(this.file.knownPrefix(node)?.text ?? '')?.[1];
    return first === undefined || SCRIPT_INTERPRETERS.test(program(first)) ? value : CLEAN;
  }

  /** The sink's kinds at this call: a response declared as non-HTML (`content_type="text/plain"`) is no XSS sink. */
  private kindsAt(spec: SinkSpec, call: SyntaxNode, callee: string | undefined): readonly SinkKind[] {
    if (!spec.kinds.includes('xss')) return spec.kinds;
    const headers = this.file.keyword(call, 'headers').value ?? (callee === 'flask.make_response' ? this.file.constantValue(this.file.arguments(call).positional[2]) : undefined);
    let type: ConstValue | undefined;
    for (const kw of ['content_type', 'mimetype', 'media_type']) {
      const k = this.file.keyword(call, kw);
      if (k.present) type = k.value;
    }
    if (type === undefined && isDict(headers)) for (const [k, v] of headers) if (String(k).toLowerCase() === 'content-type') type = v;
    return typeof type === 'string' && !/html|xml|svg/i.test(type) ? spec.kinds.filter((k) => k !== 'xss') : spec.kinds;
  }

  /**
   * Writes of database records (see orm-writes.ts): any request value stored is a `record-write`; a dict whose keys
   * the client chose (request data as a whole, not a dict literal with constant keys) spread into the record's fields,
   * or a client-chosen attribute name given to setattr, is a `mass-assignment`.
   */
  private checkRecordWrite(call: SyntaxNode, positional: TaintValue[], keywords: Map<string, TaintValue>, dictSplats: TaintValue[], frame: Frame): void {
    const write = this.file.recordWrite(call);
    if (!write) return;
    const args = this.file.arguments(call);
    if (write.kind === 'setattr') {
      const name = args.positional[1];
      if (name && positional[1]) this.checkValue(positional[1], ['mass-assignment'], name, 'setattr', frame);
      return;
    }
    if (write.kind === 'document') {
      // Only the stored document, not the filter that selects it: insert_one(doc), update_one(filter, update).
      const at = /\.insert_(one|many)$/.test(write.name) ? 0 : 1;
      const key = ['document', 'documents', 'update', 'replacement', 'Item'].find((k) => args.keywords.has(k));
      const node = args.positional[at] ?? (key !== undefined ? args.keywords.get(key) : undefined);
      const value = args.positional[at] ? positional[at] : key !== undefined ? keywords.get(key) : undefined;
      if (node && value) this.checkValue(value, ['record-write'], node, write.name, frame);
    } else if (write.kind !== 'attributes') {
      args.positional.forEach((n, i) => this.checkValue(positional[i] ?? CLEAN, ['record-write'], n, write.name, frame));
      for (const [k, n] of args.keywords) this.checkValue(keywords.get(k) ?? CLEAN, ['record-write'], n, write.name, frame);
      args.dictSplats.forEach((n, i) => this.checkValue(dictSplats[i] ?? CLEAN, ['record-write'], n, write.name, frame));
    }
    // Whole dicts: `**data`, `defaults=data`, `query.update(data)`, `insert(T).values(data)`, `obj.__dict__.update(data)`, `coll.insert_one(data)`.
    const wholes: { node: SyntaxNode; value: TaintValue }[] = args.dictSplats.map((n, i) => ({ node: n, value: dictSplats[i] ?? CLEAN }));
    const defaults = args.keywords.get('defaults');
    if (defaults && write.kind === 'manager') wholes.push({ node: defaults, value: keywords.get('defaults') ?? CLEAN });
    const first = args.positional[0];
    if (first && (write.kind === 'attributes' || write.kind === 'values' || write.kind === 'document' || (write.kind === 'manager' && /\.(update|insert|replace)$/.test(write.name)))) {
      wholes.push({ node: first, value: positional[0] ?? CLEAN });
    }
    for (const { node, value } of wholes) {
      const own = harmful({ labels: value.labels }, 'mass-assignment').filter((l) => l.structured || l.origin === 'parameter');
      const real = own.find((l) => l.origin !== 'parameter');
      const symbolic = own.find((l) => l.origin === 'parameter');
      if (real) this.record(frame, { kind: 'mass-assignment', sink: node, sinkName: write.name, label: real });
      if (symbolic) this.record(frame, { kind: 'mass-assignment', sink: node, sinkName: write.name, label: symbolic, structuredOnly: true });
    }
  }

  /**
   * MongoDB filters: a filter that is request data as a whole (its keys, and so its operators, are the client's), a
   * parsed JSON value under a key (it may be an operator object such as {"$ne": null}), and any request text in
   * server-side JavaScript ($where). Plain text under a key only matches itself.
   */
  private checkFilter(v: TaintValue, node: SyntaxNode, sinkName: string, frame: Frame): void {
    const own = harmful({ labels: v.labels }, 'nosql').filter((l) => l.structured || l.origin === 'parameter');
    const real = own.find((l) => l.origin !== 'parameter');
    const symbolic = own.find((l) => l.origin === 'parameter');
    if (real) this.record(frame, { kind: 'nosql', sink: node, sinkName, label: real });
    if (symbolic) this.record(frame, { kind: 'nosql', sink: node, sinkName, label: symbolic, structuredOnly: true });
    for (const [key, field] of v.fields ?? []) {
      if (NOSQL_CODE_OPERATORS.has(key)) this.checkValue(field, ['nosql'], node, sinkName, frame);
      else this.checkFilter(field, node, sinkName, frame);
    }
  }

  private checkValue(value: TaintValue, kinds: readonly SinkKind[], node: SyntaxNode, sinkName: string, frame: Frame): void {
    for (const kind of kinds) {
      const bad = harmful(value, kind);
      if (bad.length === 0) continue;
      // A real source, and (for summaries) every parameter that reaches the sink: a caller may pass request data in any.
      const real = bad.find((l) => l.origin !== 'parameter');
      if (real) this.record(frame, { kind, sink: node, sinkName, label: real });
      const parameters = new Set<number | undefined>();
      for (const l of bad) {
        if (l.origin !== 'parameter' || parameters.has(l.parameter)) continue;
        parameters.add(l.parameter);
        this.record(frame, { kind, sink: node, sinkName, label: l });
      }
    }
  }

  private record(frame: Frame, hit: TaintHit): void {
    if (frame.mode === 'entry' && hit.label.origin === 'parameter') return;
    frame.hits.push(hit);
  }
}
