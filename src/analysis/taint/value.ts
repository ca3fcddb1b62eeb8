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
  | 'session'
  // Sensitive values (credentials, card and national-id numbers) and personal data, not untrusted input:
  | 'sensitive-log'
  | 'sensitive-exception'
  | 'sensitive-storage'
  /** Storage where a credential proper (not a token) must never be kept readable: cookies, database parameters. */
  | 'credential-storage'
  | 'personal-log'
  // Uploaded files: their content saved to disk, and uploaded content or the path holding it run or imported.
  | 'upload'
  | 'upload-exec'
  // Request data written into database records: whole client-chosen dicts into model fields (or attribute names into
  // setattr), and any request value stored through an ORM or document-store write.
  | 'mass-assignment'
  | 'record-write';

/** Sink kinds that only uploaded files (labels with `upload`) harm. */
export const UPLOAD_KINDS: readonly SinkKind[] = ['upload', 'upload-exec'];

/** Sink kinds that only sensitive values (origin 'sensitive') harm. */
export const SENSITIVE_KINDS: readonly SinkKind[] = ['sensitive-log', 'sensitive-exception', 'sensitive-storage', 'credential-storage'];
/** Sink kinds about disclosure of sensitive or personal values (what masking, hashing and encryption make safe). */
export const DISCLOSURE_KINDS: readonly SinkKind[] = [...SENSITIVE_KINDS, 'personal-log'];
/** Categories of sensitive values that are credentials proper (see credential-storage). */
const CREDENTIALS = new Set(['password', 'secret', 'API key', 'credential']);

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
  /**
   * Kind of origin: request data, exception details (stack-trace exposure), a symbolic parameter (summaries), a
   * sensitive value (credentials, card numbers) or personal data; each harms its own sink kinds only (see harmful()).
   */
  origin: 'request' | 'exception' | 'parameter' | 'sensitive' | 'personal';
  /** For sensitive and personal values: what the value is ("password", "API key", "email address"). */
  category?: string;
  /**
   * Request data that is an uploaded file ('file': the file object, its name, its bytes), or a path of this program
   * that now names a file holding uploaded bytes ('content': written there by `save()`/`write()`; it harms only
   * 'upload-exec' sinks, since the path itself is the program's own).
   */
  upload?: 'file' | 'content';
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
  if (v.labels.length !== 0) return false;
  if (v.fields) for (const f of v.fields.values()) if (!isClean(f)) return false;
  return true;
}

/**
 * Two labels are the same for a union: same origin, parameter, upload, shape, description, first location and
 * sanitized kinds (later steps may differ: the first label seen keeps its path).
 */
function sameLabel(a: Label, b: Label): boolean {
  if (a === b) return true;
  if (a.origin !== b.origin || a.parameter !== b.parameter || a.upload !== b.upload || a.structured !== b.structured || a.description !== b.description) return false;
  const fa = a.steps[0]?.region;
  const fb = b.steps[0]?.region;
  if (fa === undefined || fb === undefined) {
    if (fa !== fb) return false;
  } else if (fa.startLine !== fb.startLine || fa.startColumn !== fb.startColumn) return false;
  if (a.sanitized.size !== b.sanitized.size) return false;
  for (const k of a.sanitized) if (!b.sanitized.has(k)) return false;
  return true;
}

/** Union of labels, deduplicated by source and sanitization (see sameLabel), capped so values stay small. */
export function joinLabels(...lists: (readonly Label[])[]): Label[] {
  const out: Label[] = [];
  for (const list of lists) {
    for (const l of list) {
      // The first MAX_LABELS distinct labels in order are kept: later ones cannot change the result.
      if (out.length >= MAX_LABELS) return out;
      if (!out.some((o) => sameLabel(o, l))) out.push(l);
    }
  }
  return out;
}

/** Everything a value carries, fields included (what reading "the whole thing" yields). Never mutate the result. */
export function flatten(v: TaintValue): readonly Label[] {
  if (!v.fields || v.fields.size === 0) return v.labels;
  const parts: (readonly Label[])[] = [v.labels];
  for (const f of v.fields.values()) parts.push(flatten(f));
  return joinLabels(...parts);
}

export function join(a: TaintValue, b: TaintValue): TaintValue {
  if (a === b) return a;
  if (isClean(a)) return b;
  if (isClean(b)) return a;
  let fields: Map<string, TaintValue> | undefined;
  if (a.fields || b.fields) {
    fields = new Map(a.fields);
    if (b.fields) for (const [k, v] of b.fields) fields.set(k, fields.has(k) ? join(fields.get(k)!, v) : v);
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
  const labels = v.labels.map((l) => (l.steps.length >= MAX_STEPS ? l : { ...l, steps: [...l.steps, step] }));
  if (!v.fields) return { labels };
  const fields = new Map<string, TaintValue>();
  for (const [k, f] of v.fields) fields.set(k, withStep(f, step));
  return { labels, fields };
}

export function sanitize(v: TaintValue, kinds: readonly SinkKind[] | 'all'): TaintValue {
  const labels = flatten(v);
  if (labels.length === 0) return CLEAN;
  if (kinds === 'all') return CLEAN;
  // A label already safe for these kinds is kept as it is (labels are never changed once made).
  return { labels: labels.map((l) => (kinds.every((k) => l.sanitized.has(k)) ? l : { ...l, sanitized: new Set([...l.sanitized, ...kinds]) })) };
}

/** Labels that can still harm a sink of this kind. */
export function harmful(v: TaintValue, kind: SinkKind): Label[] {
  return flatten(v).filter((l) => !l.sanitized.has(kind) && canHarm(l, kind));
}

/** Each origin harms its own sink kinds: request data the injection kinds, exception details stack-trace sinks, sensitive values and personal data the disclosure kinds. */
function canHarm(l: Label, kind: SinkKind): boolean {
  if (l.upload === 'content' && kind !== 'upload-exec') return false;
  if (l.origin === 'parameter') return true;
  if ((UPLOAD_KINDS as readonly string[]).includes(kind)) return l.origin === 'request' && l.upload !== undefined;
  if (kind === 'stack-trace') return l.origin === 'exception';
  if (kind === 'credential-storage') return l.origin === 'sensitive' && CREDENTIALS.has(l.category ?? '');
  if (kind === 'personal-log') return l.origin === 'personal';
  if ((SENSITIVE_KINDS as readonly string[]).includes(kind)) return l.origin === 'sensitive';
  return l.origin === 'request';
}
