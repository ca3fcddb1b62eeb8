// The taint interpreter: walks a function's statements in order with an environment of abstract values,
// finds where untrusted values reach sinks, and summarises functions for their callers.
import { regionOf } from '../../engine/finding.js';
import type { SyntaxNode } from '../../parser/python.js';
import { isTruthy } from '../constants.js';
import type { FileAnalysis } from '../file-analysis.js';
import { namedChildren, unwrapParentheses } from '../syntax.js';
import { LINE_BREAK_STRIPPERS, SANITIZERS, SINKS, type SinkArg, type SinkSpec } from './sinks.js';
import { HANDLER_INPUT_METHODS, REQUEST_ATTRIBUTES, REQUEST_PARAMETER_NAMES, SOURCE_PREFIXES } from './sources.js';
import { CLEAN, combine, flatten, harmful, join, sanitize, withStep, type Label, type SinkKind, type TaintValue } from './value.js';

export interface TaintHit {
  kind: SinkKind;
  /** The node reported: the sink call, the stored subscript, or the returned expression. */
  sink: SyntaxNode;
  /** How the sink is named in messages: "cursor.execute", "os.system", "the response". */
  sinkName: string;
  label: Label;
}

interface Summary {
  /** What the function returns, with symbolic parameter labels standing for its arguments. */
  returns: TaintValue;
  /** Sinks that a parameter reaches inside the function. */
  hits: TaintHit[];
}

type Env = Map<string, TaintValue>;

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
const LOGGER_NAMES = /^(_?log(ger)?|LOG(GER)?|_LOG(GER)?|[a-z_]*_log(ger)?)$/;
const MUTATORS = new Set(['append', 'extend', 'insert', 'add', 'update', 'setdefault', 'appendleft', 'extendleft']);
const CLEAN_METHODS = new Set(['isdigit', 'isalnum', 'isalpha', 'isnumeric', 'isdecimal', 'startswith', 'endswith', 'count', 'find', 'index', 'rfind', 'isidentifier', 'islower', 'isupper', 'isspace', '__len__', 'is_valid', 'exists', 'is_file', 'is_dir']);

function short(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 40 ? `${oneLine.slice(0, 37)}…` : oneLine;
}

export class TaintInterpreter {
  private readonly summaries = new Map<number, Summary>();
  private readonly inProgress = new Set<number>();
  private readonly sourceCache = new Map<number, string | undefined>();
  private readonly deadline: number;
  timedOut = false;

  constructor(
    private readonly file: FileAnalysis,
    private readonly routeParams: (fn: SyntaxNode) => Map<string, string> | undefined,
    private readonly responseKindsOf: (fn: SyntaxNode) => readonly SinkKind[] | undefined,
    private readonly isHandlerMethod: (fn: SyntaxNode) => boolean,
    budgetMs: number,
  ) {
    this.deadline = Date.now() + budgetMs;
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
        if (description) env.set(p.name, this.sourceValue(p.node, description));
      }
      const kinds = this.responseKindsOf(fn);
      if (kinds) frame.responseKinds = kinds;
    }
    const body = fn ? fn.childForFieldName('body') : this.file.root;
    if (body) this.block(body, env, frame);
    return frame.hits.filter((h) => h.label.origin !== 'parameter');
  }

  // ---- functions and summaries ----

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

  /** The def a call invokes, when it is a function or method of this file. */
  private localFunction(call: SyntaxNode): SyntaxNode | undefined {
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
  private substitute(value: TaintValue, args: readonly TaintValue[], step: { region: ReturnType<typeof regionOf>; message: string }): TaintValue {
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
      out.push(flatten(withStep(v, step)).map((x) => ({ ...x, steps: [...x.steps, ...l.steps.slice(1)].slice(0, 20) })));
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
      case 'expression_statement':
        for (const e of namedChildren(stmt)) this.expression(e, env, frame);
        return false;
      case 'return_statement': {
        const value = namedChildren(stmt)[0];
        if (value) {
          const v = this.expression(value, env, frame);
          frame.returns = join(frame.returns, v);
          if (frame.responseKinds) {
            const kinds = value.type === 'dictionary' || value.type === 'list' ? frame.responseKinds.filter((k) => k === 'stack-trace') : frame.responseKinds;
            this.checkValue(v, kinds, value, 'the HTTP response', frame);
          }
        }
        return true;
      }
      case 'raise_statement':
        for (const e of namedChildren(stmt)) this.expression(e, env, frame);
        return true;
      case 'continue_statement':
      case 'break_statement':
        return true;
      case 'if_statement':
        return this.ifStatement(stmt, env, frame);
      case 'for_statement': {
        const iterable = this.expression(stmt.childForFieldName('right'), env, frame);
        const left = stmt.childForFieldName('left');
        const element = combine([iterable]);
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
                if (target?.type === 'identifier') handlerEnv.set(target.text, this.exceptionValue(target));
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
        for (const item of stmt.descendantsOfType('with_item')) {
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
        const subject = this.expression(stmt.childForFieldName('subject'), env, frame);
        void subject;
        const ends: Env[] = [];
        for (const c of stmt.descendantsOfType('case_clause')) {
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
    for (const b of branches) {
      if (!b.cond) hasElse = true;
      const folded = b.cond ? this.file.constantValue(b.cond) : true;
      if (folded !== undefined && !isTruthy(folded)) continue;
      if (b.cond) this.expression(b.cond, env, frame);
      const branch = new Map(env);
      const leaves = b.body ? this.block(b.body, branch, frame) : false;
      if (!leaves) ends.push(branch);
      if (folded !== undefined && isTruthy(folded)) {
        hasElse = true; // a constant-true branch: nothing after it runs
        break;
      }
    }
    if (!hasElse) ends.push(new Map(env));
    if (ends.length === 0) return true;
    const merged = ends.reduce((a, b) => this.joinEnvs(a, b));
    env.clear();
    for (const [k, v] of merged) env.set(k, v);
    return false;
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
            env.set(container.text, join(old, combine([value])));
          }
        } else if (container?.type === 'attribute') {
          // self.data["k"] = v: the attribute's container gains the taint.
          const object = container.childForFieldName('object');
          const attr = container.childForFieldName('attribute')?.text;
          if (object?.type === 'identifier' && attr) {
            const old = env.get(object.text) ?? CLEAN;
            const fields = new Map(old.fields);
            fields.set(attr, join(fields.get(attr) ?? CLEAN, combine([value])));
            env.set(object.text, { labels: old.labels, fields });
          }
        }
        return;
      }
      default:
        return;
    }
  }

  /** `resp.headers["X"] = v` and `session["k"] = v` are sinks themselves. */
  private storeSink(target: SyntaxNode, value: TaintValue, env: Env, frame: Frame): void {
    const container = target.childForFieldName('value');
    if (!container) return;
    const qn = this.file.qualifiedName(container);
    if (qn === 'flask.session' || (container.type === 'attribute' && container.childForFieldName('attribute')?.text === 'session' && this.isRequestObject(container.childForFieldName('object')))) {
      this.checkValue(value, ['session'], target, 'the server-side session', frame);
      return;
    }
    if (container.type === 'attribute' && container.childForFieldName('attribute')?.text === 'headers') {
      this.checkValue(value, ['header'], target, 'a response header', frame);
    }
    void env;
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
        return parts.length ? combine(parts) : CLEAN;
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
      case 'attribute':
        return this.attribute(node, env, frame, d);
      case 'subscript':
        return this.subscript(node, env, frame, d);
      case 'call':
        return this.call(node, env, frame, d);
      case 'assignment': {
        const right = node.childForFieldName('right');
        const v = this.expression(right, env, frame, d);
        const left = node.childForFieldName('left');
        if (left) this.bind(left, v, env, frame, right ?? undefined);
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
        return join(this.expression(whenTrue, env, frame, d), this.expression(whenFalse, env, frame, d));
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
            else whole.push(v, keyTaint);
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
            if (left) this.bind(left, combine([it]), inner, frame);
          }
        }
        const body = node.childForFieldName('body');
        if (body?.type === 'pair') return combine([this.expression(body.childForFieldName('key'), inner, frame, d), this.expression(body.childForFieldName('value'), inner, frame, d)]);
        return combine([this.expression(body, inner, frame, d)]);
      }
      case 'keyword_argument':
        return this.expression(node.childForFieldName('value'), env, frame, d);
      default:
        // Operators, parentheses, await, splats, slices, f-string pieces: the union of the parts.
        return combine(namedChildren(node).map((c) => this.expression(c, env, frame, d)));
    }
  }

  private attribute(node: SyntaxNode, env: Env, frame: Frame, depth: number): TaintValue {
    const source = this.sourceOf(node);
    if (source) return this.sourceValue(node, source);
    const object = node.childForFieldName('object');
    const attr = node.childForFieldName('attribute')?.text ?? '';
    const base = this.expression(object, env, frame, depth);
    const field = base.fields?.get(attr);
    if (field) return join(field, base.labels.length ? { labels: base.labels } : CLEAN);
    return base.labels.length ? { labels: base.labels } : CLEAN;
  }

  private subscript(node: SyntaxNode, env: Env, frame: Frame, depth: number): TaintValue {
    const source = this.sourceOf(node.childForFieldName('value'));
    if (source) return this.sourceValue(node, source);
    const container = this.expression(node.childForFieldName('value'), env, frame, depth);
    const indexNode = node.childForFieldName('subscript');
    const key = this.constKey(indexNode);
    this.expression(indexNode, env, frame, depth);
    if (key !== undefined && container.fields?.has(key)) return join(container.fields.get(key)!, container.labels.length ? { labels: container.labels } : CLEAN);
    if (key !== undefined && container.fields && !container.fields.has(key)) return container.labels.length ? { labels: container.labels } : CLEAN;
    return combine([container]);
  }

  private call(node: SyntaxNode, env: Env, frame: Frame, depth: number): TaintValue {
    const fn = node.childForFieldName('function');
    const args = this.file.arguments(node);
    const callee = this.file.callee(node);
    const positional = args.positional.map((a) => this.expression(a, env, frame, depth));
    const keywords = new Map<string, TaintValue>();
    for (const [k, v] of args.keywords) keywords.set(k, this.expression(v, env, frame, depth));
    const splats = [...args.listSplats, ...args.dictSplats].map((s) => this.expression(s, env, frame, depth));
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    const receiverNode = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;

    // A source call: request.get_json(), request.args.get("q"), self.get_argument("q").
    const source = this.sourceOf(fn) ?? (method && HANDLER_INPUT_METHODS.has(method) && receiverNode?.text === 'self' && frame.isHandlerClass ? `user input from self.${method}()` : undefined);
    if (source) return this.sourceValue(node, source);
    if (callee === 'traceback.format_exc' || callee === 'traceback.format_exception' || callee === 'traceback.format_tb' || callee === 'traceback.format_stack') {
      return { labels: [{ description: `exception details from ${callee}()`, steps: [{ region: regionOf(node), message: `exception details from ${callee}()` }], sanitized: new Set(), origin: 'exception' }] };
    }

    const receiver = receiverNode ? this.expression(receiverNode, env, frame, depth) : CLEAN;
    const sinkKinds = this.checkSinks(node, callee, method, receiverNode, receiver, positional, keywords, frame);
    // What came out of a sink was reported there; do not report it again further along (text() → execute()).
    if (sinkKinds.length) return sanitize(this.callResult(node, env, frame, callee, method, receiverNode, receiver, positional, keywords, splats, args), sinkKinds);
    return this.callResult(node, env, frame, callee, method, receiverNode, receiver, positional, keywords, splats, args);
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
    }
    if (method && CLEAN_METHODS.has(method)) return CLEAN;
    if (method && LINE_BREAK_STRIPPERS.has(method) && method === 'replace') {
      const old = this.file.stringValue(args.positional[0]);
      const base = combine([receiver, positional[1] ?? CLEAN]);
      return old !== undefined && /[\r\n]/.test(old) ? sanitize(base, ['header', 'log']) : base;
    }
    // Mutating methods store the argument's taint in the receiver (list.append(v), d.update(x)).
    if (method && MUTATORS.has(method) && receiverNode?.type === 'identifier') {
      const added = combine([...positional, ...keywords.values()]);
      env.set(receiverNode.text, join(env.get(receiverNode.text) ?? CLEAN, added));
      return CLEAN;
    }
    if (method === 'get' && receiver.fields) {
      const key = this.constKey(args.positional[0]);
      if (key !== undefined) return join(receiver.fields.get(key) ?? CLEAN, join(receiver.labels.length ? { labels: receiver.labels } : CLEAN, positional[1] ?? CLEAN));
    }
    const local = this.localFunction(node);
    if (local) {
      const summary = this.summary(local);
      const passed = this.argumentsByParameter(local, positional, keywords, !!receiverNode && (receiverNode.text === 'self' || receiverNode.text === 'cls'));
      const step = { region: regionOf(node), message: `passed to ${short(fn?.text ?? 'a function')}()` };
      for (const hit of summary.hits) {
        const reached = this.substitute({ labels: [hit.label] }, passed, step);
        for (const l of harmful(reached, hit.kind)) this.record(frame, { ...hit, label: l });
      }
      return this.substitute(summary.returns, passed, { region: regionOf(node), message: `returned from ${short(fn?.text ?? 'a function')}()` });
    }
    // Anything else: the result carries what went in (receiver included).
    return combine([receiver, ...positional, ...keywords.values(), ...splats]);
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

  private sourceValue(node: SyntaxNode, description: string): TaintValue {
    return { labels: [{ description, steps: [{ region: regionOf(node), message: description }], sanitized: new Set(), origin: 'request' }] };
  }

  private exceptionValue(node: SyntaxNode): TaintValue {
    return { labels: [{ description: `the exception ${node.text}`, steps: [{ region: regionOf(node), message: `exception caught as ${node.text}` }], sanitized: new Set(), origin: 'exception' }] };
  }

  /** "user input from request.args" when the expression reads request data, else undefined. */
  private sourceOf(node: SyntaxNode | null | undefined): string | undefined {
    if (!node || (node.type !== 'attribute' && node.type !== 'identifier')) return undefined;
    if (this.sourceCache.has(node.id)) return this.sourceCache.get(node.id);
    let result: string | undefined;
    const qn = this.file.qualifiedName(node);
    if (qn) {
      const hit = SOURCE_PREFIXES.find((s) => qn === s.prefix || qn.startsWith(`${s.prefix}.`) || qn.startsWith(`${s.prefix}(`));
      if (hit) result = `user input from ${hit.prefix.replace(/^(flask|bottle)\./, '')}`;
    }
    if (!result && node.type === 'attribute') {
      const attr = node.childForFieldName('attribute')?.text ?? '';
      const object = node.childForFieldName('object');
      if (REQUEST_ATTRIBUTES.has(attr) && this.isRequestObject(object)) result = `user input from ${short(object!.text)}.${attr}`;
    }
    this.sourceCache.set(node.id, result);
    return result;
  }

  /** A request object received as a parameter (`request`, `req`), or `self.request` in a handler. */
  private isRequestObject(node: SyntaxNode | null | undefined): boolean {
    if (!node) return false;
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
    for (const spec of SINKS) {
      const byName = callee !== undefined && spec.names?.includes(callee);
      const byMethod = !byName && method !== undefined && spec.methods?.includes(method) && receiverNode !== undefined && !(callee !== undefined && this.isKnownNonSink(callee));
      if (!byName && !byMethod) continue;
      if (byMethod && !this.methodSinkApplies(spec, method!, receiverNode!, frame)) continue;
      matched.push(...spec.kinds);
      const name = byName ? callee! : `${short(receiverNode?.text ?? '')}.${method}`;
      for (const arg of spec.args) {
        const { value, node } = this.sinkArgument(call, arg, positional, keywords, receiver, receiverNode);
        if (!node) continue;
        let v = value;
        if (spec.argv && !this.shellIsOn(call)) {
          // Without a shell only the program is interpreted; a list literal's first item is the program.
          const unwrapped = unwrapParentheses(node);
          if (unwrapped.type === 'list' || unwrapped.type === 'tuple') v = value.fields?.get('0') ?? CLEAN;
        }
        this.checkValue(v, spec.kinds, node, name, frame);
      }
    }
    return matched;
  }

  private isKnownNonSink(callee: string): boolean {
    // Resolved calls into well-known safe APIs that share a sink's method name.
    return /^(str|bytes|dict|list|re|json|os\.path|logging\.Formatter)\b/.test(callee) && !callee.startsWith('logging.getLogger');
  }

  private methodSinkApplies(spec: SinkSpec, method: string, receiver: SyntaxNode, frame: Frame): boolean {
    if (spec.kinds.includes('log')) {
      const qn = this.file.qualifiedName(receiver);
      const last = receiver.type === 'attribute' ? receiver.childForFieldName('attribute')?.text ?? '' : receiver.text;
      return (qn !== undefined && qn.startsWith('logging.getLogger(')) || LOGGER_NAMES.test(last) || qn === 'logging';
    }
    if (spec.kinds.includes('xss') && (method === 'write' || method === 'finish')) return receiver.text === 'self' && frame.isHandlerClass;
    if (spec.kinds.includes('nosql')) {
      // Only collections: db.users.find(...), db["users"].find(...), client.db.coll.find(...).
      const qn = this.file.qualifiedName(receiver) ?? '';
      return qn.startsWith('pymongo.') || qn.startsWith('motor.') || receiver.type === 'subscript' || (receiver.type === 'attribute' && /\b(db|database|collection|coll)\b/i.test(receiver.text));
    }
    return true;
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

  private checkValue(value: TaintValue, kinds: readonly SinkKind[], node: SyntaxNode, sinkName: string, frame: Frame): void {
    for (const kind of kinds) {
      const bad = harmful(value, kind);
      if (bad.length === 0) continue;
      // Prefer a real source over a symbolic parameter label for entry analyses.
      const label = bad.find((l) => l.origin !== 'parameter') ?? bad[0]!;
      this.record(frame, { kind, sink: node, sinkName, label });
    }
  }

  private record(frame: Frame, hit: TaintHit): void {
    if (frame.mode === 'entry' && hit.label.origin === 'parameter') return;
    frame.hits.push(hit);
  }
}
