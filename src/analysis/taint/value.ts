// Abstract values of the taint analysis: which untrusted sources a value carries, sanitized for which sink kinds.
import type { Region } from '../../engine/finding.js';

/** What a sink does with its input; sanitizers clear taint per kind. */
export type SinkKind =
  | 'sql'
  | 'nosql'
  | 'command'
  | 'code'
  | 'template'
  | 'xss'
  | 'path'
  | 'ssrf'
  | 'redirect'
  | 'header'
  | 'ldap'
  | 'xpath'
  | 'deserialization'
  | 'xxe'
  | 'regex'
  | 'log'
  | 'stack-trace'
  | 'reflection'
  | 'session';

export interface Step {
  region: Region;
  message: string;
  /** Repo-relative path when the step is in another file than the finding. */
  path?: string;
}

/** One untrusted origin a value may carry. */
export interface Label {
  /** "user input from request.args" — names the source for messages. */
  description: string;
  /** Source location first, then the steps it took (capped). */
  steps: readonly Step[];
  /** Sink kinds this label can no longer harm. 'all' after int()/len()/comparisons. */
  sanitized: ReadonlySet<SinkKind>;
  /** For summaries: the parameter index this label stands for, when it is a symbolic parameter label. */
  parameter?: number;
  /** Kind of origin: request data, or exception details (stack-trace exposure). */
  origin: 'request' | 'exception' | 'parameter';
  /**
   * The value may be a structure rather than text: parsed JSON (dicts, lists, any shape) or a whole request container
   * (a mapping of strings, whose items are text). Structures can carry query operators (MongoDB filters).
   */
  structured?: 'json' | 'container';
}

export interface TaintValue {
  labels: readonly Label[];
  /** Values stored under constant keys, indices or attributes (`d["k"]`, `t[0]`, `self.x`). */
  fields?: ReadonlyMap<string, TaintValue>;
}

export const CLEAN: TaintValue = Object.freeze({ labels: [] });
export const MAX_STEPS = 20;
const MAX_LABELS = 8;

export function isClean(v: TaintValue): boolean {
  return v.labels.length === 0 && (!v.fields || [...v.fields.values()].every(isClean));
}

function labelKey(l: Label): string {
  const first = l.steps[0]?.region;
  return `${l.origin}|${l.parameter ?? ''}|${l.structured ?? ''}|${l.description}|${first ? `${first.startLine}:${first.startColumn}` : ''}|${[...l.sanitized].sort().join(',')}`;
}

/** Union of labels, deduplicated by source and sanitization, capped so values stay small. */
export function joinLabels(...lists: (readonly Label[])[]): Label[] {
  const seen = new Map<string, Label>();
  for (const list of lists) {
    for (const l of list) {
      const k = labelKey(l);
      if (!seen.has(k)) seen.set(k, l);
    }
  }
  return [...seen.values()].slice(0, MAX_LABELS);
}

/** Everything a value carries, fields included (what reading "the whole thing" yields). */
export function flatten(v: TaintValue): Label[] {
  if (!v.fields || v.fields.size === 0) return [...v.labels];
  return joinLabels(v.labels, ...[...v.fields.values()].map(flatten));
}

export function join(a: TaintValue, b: TaintValue): TaintValue {
  if (a === b) return a;
  if (isClean(a)) return b;
  if (isClean(b)) return a;
  let fields: Map<string, TaintValue> | undefined;
  if (a.fields || b.fields) {
    fields = new Map(a.fields);
    for (const [k, v] of b.fields ?? []) fields.set(k, fields.has(k) ? join(fields.get(k)!, v) : v);
  }
  return { labels: joinLabels(a.labels, b.labels), ...(fields ? { fields } : {}) };
}

/** A value made of several parts: the union of their labels (fields are not kept). */
export function combine(parts: readonly TaintValue[]): TaintValue {
  const labels = joinLabels(...parts.map(flatten));
  return labels.length ? { labels } : CLEAN;
}

export function withStep(v: TaintValue, step: Step): TaintValue {
  if (v.labels.length === 0 && !v.fields) return v;
  const add = (l: Label): Label => (l.steps.length >= MAX_STEPS ? l : { ...l, steps: [...l.steps, step] });
  const fields = v.fields ? new Map([...v.fields].map(([k, f]) => [k, withStep(f, step)])) : undefined;
  return { labels: v.labels.map(add), ...(fields ? { fields } : {}) };
}

export function sanitize(v: TaintValue, kinds: readonly SinkKind[] | 'all'): TaintValue {
  const labels = flatten(v);
  if (labels.length === 0) return CLEAN;
  if (kinds === 'all') return CLEAN;
  return { labels: labels.map((l) => ({ ...l, sanitized: new Set([...l.sanitized, ...kinds]) })) };
}

/** Labels that can still harm a sink of this kind. */
export function harmful(v: TaintValue, kind: SinkKind): Label[] {
  return flatten(v).filter((l) => !l.sanitized.has(kind) && (kind === 'stack-trace' ? l.origin !== 'request' : l.origin !== 'exception'));
}
