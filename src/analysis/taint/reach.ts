// disclosureReach(): which entry functions can record a disclosure finding at all (a cheap syntactic gate before the
// interpreter runs a function that cannot read input). Over-approximates what the interpreter can report.
import type { SyntaxNode } from '../../parser/python.js';
import type { FileAnalysis } from '../file-analysis.js';
import { namedChildren, unwrapParentheses } from '../syntax.js';
import { memoByString } from '../string-memo.js';
import { getterCategory, KEYED_READERS, SECRET_SOURCE_CALLS, SECRET_SOURCE_METHODS, sensitiveName } from './sensitive.js';
import { SINKS, STORE_SINKS } from './sinks.js';
import { WEB_MODULES } from './sources.js';
import { DISCLOSURE_KINDS } from './value.js';

interface SinkNames {
  /** Exact qualified names of disclosure sinks. */
  names: Set<string>;
  /** Method names of method sinks, and the last segments of the names (an attribute callee's name ends with its attribute). */
  lastNames: Set<string>;
}

function sinkNames(serviceCode: boolean): SinkNames {
  const names = new Set<string>();
  const lastNames = new Set<string>();
  for (const spec of SINKS) {
    if (!spec.kinds.some((k) => DISCLOSURE_KINDS.includes(k))) continue;
    // print() and friends are sinks only in web services (see Disclosure.isServiceCode).
    if (spec.onlyInServiceCode && !serviceCode) continue;
    for (const n of spec.names ?? []) {
      names.add(n);
      lastNames.add(n.slice(n.lastIndexOf('.') + 1));
    }
    for (const m of spec.methods ?? []) lastNames.add(m);
  }
  return { names, lastNames };
}
const IN_SERVICE_CODE = sinkNames(true);
const ELSEWHERE = sinkNames(false);
/** Store sinks of the disclosure kinds (`db[k] = password` on a shelve file): their containers come from these modules. */
const STORE_MODULES = ['shelve', 'dbm'];
const STORE_SINK_KINDS = STORE_SINKS.filter((s) => s.kinds.some((k) => DISCLOSURE_KINDS.includes(k)));

interface FunctionFacts {
  /** Holds a call or statement that is (or may be) a disclosure sink itself. */
  direct: boolean;
  /** Names of functions and methods of this file it may call (`helper(x)`, `self.helper(x)`). */
  calls: Set<string>;
}

/**
 * For each function of the file (undefined: the module's own statements), whether it must be analysed as an entry point
 * that cannot read input: it can record a finding of a disclosure kind because it holds a disclosure sink (a log,
 * print or warnings call, a raised exception built with arguments, a clear-text write, a shelve store), a call that a
 * cross-file summary may resolve, or a call to a function of this file for which the same holds, and a sensitive value
 * can arise in it or in a function it calls (see holdsSource); or it would summarise a function in a cycle of calls
 * (see below). Code is attributed to its innermost enclosing def (lambdas and class
 * bodies included, which only over-approximates).
 */
export function disclosureReach(file: FileAnalysis, functions: readonly SyntaxNode[]): (fn: SyntaxNode | undefined) => boolean {
  const sinks = WEB_MODULES.some((m) => file.importsModule(m)) ? IN_SERVICE_CODE : ELSEWHERE;
  const stores = STORE_SINK_KINDS.length > 0 && STORE_MODULES.some((m) => file.source.includes(m));
  const external = file.external;
  const module: FunctionFacts = { direct: false, calls: new Set() };
  const facts = new Map<SyntaxNode, FunctionFacts>();
  /** The call may be summarised from another file of the repository (its summary may return a secret or reach a sink). */
  const mayBeExternal = (call: SyntaxNode): boolean => {
    if (!external) return false;
    const callee = file.callee(call);
    // Without a qualified name the interpreter asks for `X().method`, which names no module (see covers()).
    if (callee === undefined) return call.childForFieldName('function')?.type === 'attribute' && !external.covers;
    return callee.includes('.') && (external.covers?.(callee) ?? true) && (external.mayDefine?.(callee) ?? true);
  };
  for (const fn of functions) facts.set(fn, { direct: false, calls: new Set() });

  // Node lists and defs are in pre-order: a stack of the open defs gives each node its innermost enclosing def.
  // (One scan per node type: descendantsOfType is fastest with a single type.)
  const byOwner = (nodes: readonly SyntaxNode[], visit: (node: SyntaxNode, owner: FunctionFacts) => void): void => {
    const open: SyntaxNode[] = [];
    let next = 0;
    for (const node of nodes) {
      while (next < functions.length && functions[next]!.order < node.order) {
        const fn = functions[next++]!;
        while (open.length && open[open.length - 1]!.last < fn.order) open.pop();
        open.push(fn);
      }
      while (open.length && open[open.length - 1]!.last < node.order) open.pop();
      const owner = open.length ? facts.get(open[open.length - 1]!)! : module;
      visit(node, owner);
    }
  };
  byOwner(file.root.descendantsOfType('raise_statement'), (node, owner) => {
    if (owner.direct) return;
    const raised = namedChildren(node)[0];
    const exc = raised ? unwrapParentheses(raised) : undefined;
    if (exc?.type !== 'call') return;
    const args = file.arguments(exc);
    if (args.positional.length > 0 || args.keywords.size > 0) owner.direct = true;
  });
  if (stores) {
    byOwner(file.root.descendantsOfType('subscript'), (_node, owner) => {
      owner.direct = true;
    });
  }
  // Every call's name is kept (the call graph serves sources and cycles too); sinks are looked for until one is found.
  byOwner(file.root.descendantsOfType('call'), (node, owner) => {
    const fn = node.childForFieldName('function');
    if (!fn) return;
    if (fn.type === 'attribute') {
      const attr = fn.childForFieldName('attribute')?.text ?? '';
      if (sinks.lastNames.has(attr)) owner.direct = true;
      const object = fn.childForFieldName('object');
      if (object?.type === 'identifier' && (object.text === 'self' || object.text === 'cls')) owner.calls.add(attr);
    } else {
      if (fn.type === 'identifier') owner.calls.add(fn.text);
      if (owner.direct) return;
      const callee = file.callee(node);
      if (callee !== undefined && sinks.names.has(callee)) owner.direct = true;
    }
    // A function of another file of the repository: its summary may reach a sink.
    if (!owner.direct && mayBeExternal(node)) owner.direct = true;
  });

  // The call graph by name (a call may invoke every def of that name), condensed into strongly connected components.
  const byName = new Map<string, number[]>();
  functions.forEach((fn, i) => {
    const name = fn.childForFieldName('name')?.text;
    if (name === undefined) return;
    const list = byName.get(name);
    if (list) list.push(i);
    else byName.set(name, [i]);
  });
  const callees = (f: FunctionFacts): number[] => {
    const out: number[] = [];
    for (const n of f.calls) {
      const defs = byName.get(n);
      if (defs) for (const j of defs) out.push(j);
    }
    return out;
  };
  const all = functions.map((fn) => facts.get(fn)!);
  const successors = all.map(callees);
  /** The def reaches a sink (itself or through its callees). */
  const reaches = new Array<boolean>(all.length).fill(false);
  /**
   * The def is in a cycle of two or more defs, or calls into one. Summaries of such defs depend on which def of the
   * cycle is summarised first (the recursive call is approximated): an entry that would summarise them is never
   * skipped, so that the others see the same summaries as when every entry runs.
   */
  const cyclic = new Array<boolean>(all.length).fill(false);
  for (const component of stronglyConnected(successors)) {
    const members = new Set(component);
    let reach = component.some((i) => all[i]!.direct);
    let cycle = component.length > 1;
    for (const i of component) {
      for (const j of successors[i]!) {
        if (members.has(j)) continue;
        reach ||= reaches[j]!;
        cycle ||= cyclic[j]!;
      }
    }
    for (const i of component) {
      reaches[i] = reach;
      cyclic[i] = cycle;
    }
  }
  // Sources: a def holds a sensitive value when its own text names one (see holdsSource) or a def it calls returns one.
  const own = new Map<SyntaxNode, boolean>();
  const ownSource = (node: SyntaxNode): boolean => {
    let known = own.get(node);
    if (known === undefined) {
      // The module's own statements: defs and classes are not part of it (the interpreter skips them).
      const parts = node === file.root ? namedChildren(node).filter((c) => !MODULE_SKIPS.has(c.type)) : [node];
      known = parts.some((part) => holdsSource(file, part, mayBeExternal));
      own.set(node, known);
    }
    return known;
  };
  const sourceful = (node: SyntaxNode, start: readonly number[]): boolean => {
    if (ownSource(node)) return true;
    const seen = new Set<number>(start);
    const queue = [...start];
    while (queue.length) {
      const i = queue.pop()!;
      if (ownSource(functions[i]!)) return true;
      for (const j of successors[i]!) {
        if (seen.has(j)) continue;
        seen.add(j);
        queue.push(j);
      }
    }
    return false;
  };
  const moduleCallees = callees(module);
  const index = new Map(functions.map((fn, i) => [fn, i]));
  return (fn) => {
    if (!fn) {
      if (moduleCallees.some((j) => cyclic[j])) return true;
      return (module.direct || moduleCallees.some((j) => reaches[j])) && sourceful(file.root, moduleCallees);
    }
    const i = index.get(fn)!;
    return cyclic[i]! || (reaches[i]! && sourceful(fn, successors[i]!));
  };
}

/** Names of calls that return a secret whatever their arguments (see Disclosure.call). */
const SOURCE_CALL_NAMES = new Set([...SECRET_SOURCE_METHODS.keys(), ...[...SECRET_SOURCE_CALLS.keys()].map((n) => n.slice(n.lastIndexOf('.') + 1))]);
/** Environment variables named `…TOKEN` are credentials (see Disclosure.environmentName). */
const TOKEN_KEY = /^[A-Z0-9_]*TOKEN$/i;

/** Statements of a module that its entry analysis does not interpret. */
const MODULE_SKIPS = new Set(['function_definition', 'class_definition', 'decorated_definition']);

const sourceWord = memoByString(
  (text): boolean => SOURCE_CALL_NAMES.has(text) || text === 'host' || sensitiveName(text) !== undefined || getterCategory(text) !== undefined,
);

function sourceKey(key: unknown): boolean {
  return typeof key === 'string' && (sensitiveName(key) !== undefined || TOKEN_KEY.test(key));
}

/**
 * The code (nested defs included) may give a value a sensitive or personal label of its own (see disclosure.ts): a
 * name that says it holds one (parameter, attribute, assigned name, getter), a constant key that names one (subscript,
 * `.get("password")`, `os.getenv("API_TOKEN")`), a call of a secret source, or a call summarised from another file.
 */
function holdsSource(file: FileAnalysis, node: SyntaxNode, mayBeExternal: (call: SyntaxNode) => boolean): boolean {
  for (const id of node.descendantsOfType('identifier')) if (sourceWord(id.text)) return true;
  for (const sub of node.descendantsOfType('subscript')) if (sourceKey(file.constantValue(sub.childForFieldName('subscript')))) return true;
  for (const call of node.descendantsOfType('call')) {
    const callee = file.callee(call);
    const last = callee?.slice(callee.lastIndexOf('.') + 1);
    if (callee !== undefined && (SECRET_SOURCE_CALLS.has(callee) || sourceWord(last!))) return true;
    if (mayBeExternal(call)) return true;
    const fn = call.childForFieldName('function');
    const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.type === 'identifier' ? fn.text : undefined;
    for (const n of [name, last]) {
      const positions = n !== undefined ? KEYED_READERS.get(n) : undefined;
      if (!positions) continue;
      const args = file.arguments(call);
      if (positions.some((at) => sourceKey(file.stringValue(args.positional[at])))) return true;
    }
  }
  return false;
}

/** Tarjan's algorithm without recursion: the components of a graph given as successor lists, callees before callers. */
function stronglyConnected(successors: readonly (readonly number[])[]): number[][] {
  const n = successors.length;
  const order = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    const work: [node: number, next: number][] = [[root, 0]];
    order[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (work.length) {
      const top = work[work.length - 1]!;
      const [v, k] = top;
      const succ = successors[v]!;
      if (k < succ.length) {
        top[1] = k + 1;
        const w = succ[k]!;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = true;
          work.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, order[w]!);
        continue;
      }
      work.pop();
      if (work.length) {
        const u = work[work.length - 1]![0];
        low[u] = Math.min(low[u]!, low[v]!);
      }
      if (low[v] === order[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          component.push(w);
        } while (w !== v);
        components.push(component);
      }
    }
  }
  return components;
}
