// unbounded-request-size: request bodies, uploads and form fields accepted without a size or count limit
// (Django upload limits switched off, Flask apps handling uploads without MAX_CONTENT_LENGTH, raw streams read whole).
import { isTruthy } from '../../analysis/constants.js';
import { unwrapParentheses } from '../../analysis/syntax.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';
import { isDevelopmentOnly } from '../config-settings.js';

const MIB = 1024 * 1024;
/** Django limits and the value from which they no longer protect memory. `null`: only None switches them off. */
const DJANGO_LIMITS: Record<string, { max: number | null; what: string }> = {
  DATA_UPLOAD_MAX_MEMORY_SIZE: { max: 1024 * MIB, what: 'the size of request bodies Django reads into memory' },
  DATA_UPLOAD_MAX_NUMBER_FIELDS: { max: null, what: 'the number of form fields Django parses' },
  DATA_UPLOAD_MAX_NUMBER_FILES: { max: null, what: 'the number of uploaded files Django accepts' },
  FILE_UPLOAD_MAX_MEMORY_SIZE: { max: 100 * MIB, what: 'the upload size Django keeps in memory before streaming to disk' },
};

const FLASK_APP = new Set(['flask.Flask', 'quart.Quart']);
const UPLOAD_READS = new Set(['flask.request.files', 'quart.request.files']);
const STREAM_READS = new Set(['flask.request.stream.read', 'flask.request.input_stream.read']);
const DATA_READS = new Set(['flask.request.get_data']);

/** Per file: the Flask apps' MAX_CONTENT_LENGTH, computed once, and what was reported. */
const state = new WeakMap<RuleContext, { limit: FlaskLimit; reported: Set<number> }>();

type FlaskLimit = { kind: 'set' } | { kind: 'unknown' } | { kind: 'none'; node: SyntaxNode } | { kind: 'missing'; apps: SyntaxNode[] };

function isConfig(node: SyntaxNode | null | undefined): boolean {
  const n = unwrapParentheses(node);
  return n?.type === 'attribute' && n.childForFieldName('attribute')?.text === 'config';
}

/** Where the file's Flask apps get MAX_CONTENT_LENGTH: set, set to None, loaded from elsewhere, or missing. */
function flaskLimit(node: SyntaxNode, ctx: RuleContext): FlaskLimit {
  let root: SyntaxNode = node;
  while (root.parent) root = root.parent;
  for (const a of ctx.subscriptAssignments()) {
    if (!isConfig(a.target.childForFieldName('value')) || ctx.stringValue(a.target.childForFieldName('subscript')) !== 'MAX_CONTENT_LENGTH') continue;
    return a.value && ctx.constantValue(a.value) === null ? { kind: 'none', node: a.target.parent ?? a.target } : { kind: 'set' };
  }
  // A config class or module constant in this file: `MAX_CONTENT_LENGTH = 16 * 1024 * 1024`.
  const settings = ctx.settingsModule();
  if (settings.assignmentsTo('MAX_CONTENT_LENGTH').length > 0) return { kind: 'set' };
  for (const call of ctx.callsWithin(root)) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute' || !isConfig(fn.childForFieldName('object'))) continue;
    const method = fn.childForFieldName('attribute')?.text ?? '';
    if (/^from_/.test(method)) return { kind: 'unknown' };
    if (method === 'update' || method === 'setdefault') {
      const kw = ctx.keyword(call, 'MAX_CONTENT_LENGTH');
      if (kw.present) return kw.value === null ? { kind: 'none', node: call } : { kind: 'set' };
      if (kw.maybeInUnknownSplat || ctx.arguments(call).positional.length > 0) return { kind: 'unknown' };
    }
  }
  const apps = [...FLASK_APP].flatMap((n) => ctx.callsTo(n));
  return { kind: 'missing', apps };
}

function fileState(node: SyntaxNode, ctx: RuleContext): { limit: FlaskLimit; reported: Set<number> } {
  let s = state.get(ctx);
  if (!s) state.set(ctx, (s = { limit: flaskLimit(node, ctx), reported: new Set() }));
  return s;
}

function reportOnce(at: SyntaxNode, message: string, ctx: RuleContext, s: { reported: Set<number> }): void {
  if (s.reported.has(at.id)) return;
  s.reported.add(at.id);
  ctx.report(at, message);
}

const FLASK_ADVICE = 'set app.config["MAX_CONTENT_LENGTH"] to the largest body the app needs (e.g. 16 * 1024 * 1024)';

export const unboundedRequestSize = defineRule({
  id: 'unbounded-request-size',
  title: 'Request body or upload size not limited',
  family: 'web-configuration',
  checklist: ['API Security', 'File Operations'],
  level: 'note',
  securitySeverity: 3.7,
  precision: 'medium',
  tier: 'extended',
  cwe: [770],
  compatible: {},
  docs: {
    whatItDoes:
      'Reports request size limits that are switched off or missing: Django settings `DATA_UPLOAD_MAX_MEMORY_SIZE = None` (or 1 GiB and more), `DATA_UPLOAD_MAX_NUMBER_FIELDS = None`, `DATA_UPLOAD_MAX_NUMBER_FILES = None`, `FILE_UPLOAD_MAX_MEMORY_SIZE` of 100 MiB and more; a Flask app created in the file that reads uploads (`request.files`) or the raw body (`request.get_data()`) while `MAX_CONTENT_LENGTH` is never set (or set to None) — apps whose config is loaded with `from_object`/`from_pyfile`/`from_envvar` are left alone; and `request.stream.read()` / `request.input_stream.read()` without a size in a file whose app sets no limit. Development settings are skipped.',
    whyBad:
      'Without a limit a single client can send a request body of any size: the server buffers it in memory or on disk, parses every field, and keeps a worker busy while it arrives. A few such requests exhaust memory, disk or workers and take the service down (uncontrolled resource consumption).',
    example:
      'from flask import Flask, request\n\napp = Flask(__name__)\n\n@app.post("/avatar")\ndef avatar():\n    request.files["image"].save("/srv/uploads/avatar.png")\n    return "ok"\n',
    useInstead:
      'from flask import Flask, request\n\napp = Flask(__name__)\napp.config["MAX_CONTENT_LENGTH"] = 4 * 1024 * 1024\n\n@app.post("/avatar")\ndef avatar():\n    request.files["image"].save("/srv/uploads/avatar.png")\n    return "ok"\n',
    references: [
      'https://flask.palletsprojects.com/en/stable/patterns/fileuploads/#improving-uploads',
      'https://docs.djangoproject.com/en/stable/ref/settings/#data-upload-max-memory-size',
      'https://cwe.mitre.org/data/definitions/770.html',
    ],
  },
  visitors: {
    module(_node, ctx) {
      const settings = ctx.settingsModule();
      if (settings.development) return;
      for (const [name, limit] of Object.entries(DJANGO_LIMITS)) {
        for (const a of settings.assignmentsTo(name)) {
          if (!a.value || a.augmented || isDevelopmentOnly(a.node, ctx)) continue;
          const unset = ctx.valueWhenUnset(a.value);
          if (!unset) continue;
          const v = unset.value;
          if (v === null) ctx.report(a.node, `${name} = None removes the limit on ${limit.what}, so one request can exhaust memory or CPU; keep a finite limit sized for the largest legitimate request.`);
          else if (typeof v === 'number' && limit.max !== null && v >= limit.max)
            ctx.report(a.node, `${name} = ${v} bytes effectively removes the limit on ${limit.what}; keep a limit sized for the largest legitimate request.`);
        }
      }
    },
    attribute(node, ctx) {
      // request.files in a file that creates the Flask app.
      if (node.childForFieldName('attribute')?.text !== 'files') return;
      const qn = ctx.qualifiedName(node);
      if (qn === undefined || !UPLOAD_READS.has(qn)) return;
      if (!ctx.enclosingFunction(node)) return;
      const s = fileState(node, ctx);
      const line = node.startPosition.row + 1;
      if (s.limit.kind === 'none') reportOnce(s.limit.node, `MAX_CONTENT_LENGTH is set to None while the app accepts uploads (request.files at line ${line}), so uploads of any size are read; ${FLASK_ADVICE}.`, ctx, s);
      else if (s.limit.kind === 'missing' && s.limit.apps[0]) {
        reportOnce(s.limit.apps[0], `This Flask app accepts uploads (request.files at line ${line}) but never sets MAX_CONTENT_LENGTH, so uploads of any size are read; ${FLASK_ADVICE}.`, ctx, s);
      }
    },
    call(node, ctx) {
      const callee = ctx.callee(node);
      if (callee === undefined) return;
      const isStream = STREAM_READS.has(callee);
      const isData = DATA_READS.has(callee);
      if (!isStream && !isData) return;
      if (isStream) {
        const size = ctx.argument(node, 0, 'size');
        const v = size ? ctx.constantValue(size) : null;
        if (v === undefined || (v !== null && isTruthy(v) && v !== -1)) return;
      }
      const s = fileState(node, ctx);
      if (s.limit.kind === 'set' || s.limit.kind === 'unknown') return;
      if (isData && !(s.limit.kind === 'missing' && s.limit.apps.length > 0) && s.limit.kind !== 'none') return;
      const name = isStream ? 'request.stream.read()' : 'request.get_data()';
      reportOnce(node, `${name} reads the whole request body while the app sets no MAX_CONTENT_LENGTH, so a client can send a body of any size; ${isStream ? 'read in bounded chunks or ' : ''}${FLASK_ADVICE}.`, ctx, s);
    },
  },
});
