// analyseTaint(): runs the taint interpreter over a file's functions once and returns where untrusted data reaches sinks.
import type { SyntaxNode } from '../../parser/python.js';
import type { FileAnalysis } from '../file-analysis.js';
import { namedChildren } from '../syntax.js';
import { TaintInterpreter, type TaintHit } from './interpreter.js';
import { disclosureReach } from './reach.js';
import { FRAMEWORK_PARAMETER_TYPES, REQUEST_PARAMETER_NAMES, ROUTE_DECORATOR_METHODS, SAFE_PARAMETER_TYPES, USER_FACING_EXCEPTIONS, WEB_MODULES } from './sources.js';
import { DISCLOSURE_KINDS, type SinkKind } from './value.js';

export type { ExternalResolver, ExternalSummary, TaintHit } from './interpreter.js';

export interface TaintResult {
  hits: TaintHit[];
  /** The per-file budget ran out: some functions were not analysed. */
  partial: boolean;
}

/** Words without which a function cannot read request data or exception details itself. */
const ENTRY_HINT = /\b(request|req|event|session|get_argument|get_arguments|get_query_argument|get_body_argument|get_cookie|get_secure_cookie|format_exc|format_exception|format_exception_only|exc_info|extract_tb|extract_stack|except|FieldStorage|environ)\b/;

/**
 * Words without which code holds no credential or personal data by name or by source (a cheap filter before the
 * disclosure analysis, which runs in every file: logging a password is not a web-only mistake).
 */
const DISCLOSURE_HINT = /passw|passwd|passphrase|passcode|_pass\b|pass_|pwd|\bpw\b|getpass|keyring|secret|token|(api|access|auth|account|subscription|private|signing|master)_?key|apikey|cred|authoriz|ssn|social_security|card|cvv|cvc|iban|passport|national_id|tax_id|e_?mail|phone|mobile|birth|\bdob\b|address|remote_addr|_ip\b|\bip_|client\.host|forwarded|first_?name|last_?name|full_?name|surname|given_?name/i;

/**
 * Where a regex matches in a text (leftmost, non-overlapping, as a global search finds them), to answer "does it match
 * in this slice" for many slices with one pass over the text. The regex must not match the empty string, and each of
 * its `\b` must sit next to a word character of the match (`\bpw\b`, not `\b-x`).
 */
export class TextMatches {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(
    private readonly text: string,
    private readonly regex: RegExp,
  ) {
    const global = new RegExp(regex.source, regex.flags.includes('g') ? regex.flags : `${regex.flags}g`);
    for (let m = global.exec(text); m; m = global.exec(text)) {
      this.starts.push(m.index);
      this.ends.push(m.index + m[0].length);
    }
  }

  /** regex.test(text.slice(start, end)), mostly without slicing or searching. */
  within(start: number, end: number): boolean {
    const { starts, ends } = this;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! < start) lo = mid + 1;
      else hi = mid;
    }
    // A match found in the whole text inside the slice is a match of the slice (its \b sit next to its own word
    // characters). With no match crossing the slice's ends and no word character just outside them, every match of
    // the slice would have been found in the whole text; otherwise the slice is searched.
    if (!(lo > 0 && ends[lo - 1]! > start)) {
      if (lo < starts.length && starts[lo]! < end) {
        if (ends[lo]! <= end) return true;
      } else if (!isWordAt(this.text, start - 1) && !isWordAt(this.text, end)) return false;
    }
    return this.regex.test(this.text.slice(start, end));
  }
}

function isWordAt(text: string, i: number): boolean {
  const c = i >= 0 && i < text.length ? text.charCodeAt(i) : 32;
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Per-file time budget for data flow; past it the file is reported as partially analysed. */
export const TAINT_BUDGET_MS = 5000;

type Framework = 'flask' | 'fastapi' | 'django' | 'other';

function frameworkOf(file: FileAnalysis, decoratorCallee: string | undefined): Framework {
  const qn = decoratorCallee ?? '';
  if (qn.startsWith('flask.') || qn.startsWith('quart.') || qn.startsWith('bottle.')) return 'flask';
  if (qn.startsWith('fastapi.') || qn.startsWith('starlette.') || qn.startsWith('litestar.')) return 'fastapi';
  if (file.importsModule('fastapi') || file.importsModule('starlette')) return 'fastapi';
  if (file.importsModule('flask') || file.importsModule('quart') || file.importsModule('bottle')) return 'flask';
  return 'other';
}

function decorators(fn: SyntaxNode): SyntaxNode[] {
  const parent = fn.parent;
  if (parent?.type !== 'decorated_definition') return [];
  return namedChildren(parent).filter((c) => c.type === 'decorator').map((d) => namedChildren(d)[0]!).filter(Boolean);
}

interface RouteInfo {
  framework: Framework;
  pattern?: string;
}

function routeOf(file: FileAnalysis, fn: SyntaxNode): RouteInfo | undefined {
  for (const dec of decorators(fn)) {
    if (dec.type !== 'call') continue;
    const callee = dec.childForFieldName('function');
    if (callee?.type !== 'attribute') continue;
    const method = callee.childForFieldName('attribute')?.text ?? '';
    if (!ROUTE_DECORATOR_METHODS.has(method)) continue;
    const framework = frameworkOf(file, file.callee(dec));
    if (framework === 'other') continue;
    const first = file.arguments(dec).positional[0];
    const pattern = first ? file.stringValue(first) : undefined;
    return { framework, ...(pattern !== undefined ? { pattern } : {}) };
  }
  return undefined;
}

function parameterList(fn: SyntaxNode): { name: string; annotation?: string; defaultNode?: SyntaxNode }[] {
  const out: { name: string; annotation?: string; defaultNode?: SyntaxNode }[] = [];
  for (const p of namedChildren(fn.childForFieldName('parameters'))) {
    let name: string | undefined;
    let annotation: string | undefined;
    let defaultNode: SyntaxNode | undefined;
    if (p.type === 'identifier') name = p.text;
    else if (p.type === 'typed_parameter') {
      name = namedChildren(p).find((c) => c.type === 'identifier')?.text;
      annotation = p.childForFieldName('type')?.text;
    } else if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
      name = p.childForFieldName('name')?.text;
      annotation = p.childForFieldName('type')?.text;
      defaultNode = p.childForFieldName('value') ?? undefined;
    }
    if (name) out.push({ name, ...(annotation ? { annotation } : {}), ...(defaultNode ? { defaultNode } : {}) });
  }
  return out;
}

export function analyseTaint(file: FileAnalysis, budgetMs = TAINT_BUDGET_MS): TaintResult {
  const functions = file.root.descendantsOfType('function_definition');
  const isWebFile = WEB_MODULES.some((m) => file.importsModule(m));
  const lambdaHandlers = functions.filter((f) => /^(lambda_)?handler$/.test(f.childForFieldName('name')?.text ?? '') && parameterList(f)[0]?.name === 'event');
  // Request-named parameters count only in web code (see isRequestObject); Lambda handlers need no import.
  const inputFile = isWebFile || lambdaHandlers.length > 0;
  if (!inputFile && !DISCLOSURE_HINT.test(file.source)) return { hits: [], partial: false };

  const routes = new Map<number, RouteInfo | undefined>();
  const route = (fn: SyntaxNode) => {
    if (!routes.has(fn.id)) routes.set(fn.id, routeOf(file, fn));
    return routes.get(fn.id);
  };

  const routeParams = (fn: SyntaxNode): Map<string, string> | undefined => {
    const params = parameterList(fn);
    const out = new Map<string, string>();
    const info = route(fn);
    if (info?.framework === 'flask') {
      for (const m of (info.pattern ?? '').matchAll(/<(?:([a-zA-Z_]+)(?:\([^)]*\))?:)?([a-zA-Z_][a-zA-Z0-9_]*)>/g)) {
        const converter = m[1] ?? 'string';
        if (!['int', 'float', 'uuid'].includes(converter)) out.set(m[2]!, `URL parameter ${m[2]}`);
      }
      return out;
    }
    if (info?.framework === 'fastapi') {
      for (const p of params) {
        if (p.name === 'self' || p.name === 'cls') continue;
        const type = p.annotation?.replace(/\s+/g, '');
        if (type && (SAFE_PARAMETER_TYPES.has(type) || FRAMEWORK_PARAMETER_TYPES.has(type) || /^(Request|Response|WebSocket|BackgroundTasks)$/.test(type))) continue;
        if (p.defaultNode && /\bDepends\s*\(/.test(p.defaultNode.text)) continue;
        out.set(p.name, `request parameter ${p.name}`);
      }
      return out;
    }
    if (lambdaHandlers.includes(fn)) {
      out.set('event', 'the Lambda event');
      return out;
    }
    // Django-style views: def view(request, slug) — URL keyword arguments follow the request.
    const names = params.map((p) => p.name);
    const at = names.findIndex((n) => REQUEST_PARAMETER_NAMES.has(n));
    if (at >= 0 && (at === 0 || (at === 1 && names[0] === 'self')) && file.importsModule('django')) {
      for (const p of params.slice(at + 1)) {
        const type = p.annotation?.replace(/\s+/g, '');
        if (type && SAFE_PARAMETER_TYPES.has(type)) continue;
        if (p.name !== 'args' && p.name !== 'kwargs') out.set(p.name, `URL parameter ${p.name}`);
      }
      return out.size ? out : undefined;
    }
    return undefined;
  };

  /**
   * Error handlers registered for a general exception class (`@app.errorhandler(Exception)`,
   * `@app.exception_handler(SQLAlchemyError)`): their exception parameter holds exception details and their return
   * value is the response. Handlers of HTTP status codes and of client-facing exceptions (validation errors,
   * HTTPException) get an exception whose text was written for the client.
   */
  const errorHandler = (fn: SyntaxNode): { framework: Framework; param: string } | undefined => {
    for (const dec of decorators(fn)) {
      if (dec.type !== 'call') continue;
      const callee = dec.childForFieldName('function');
      const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
      if (method !== 'errorhandler' && method !== 'app_errorhandler' && method !== 'exception_handler') continue;
      const framework = frameworkOf(file, file.callee(dec));
      const cls = file.arguments(dec).positional[0];
      if (framework === 'other' || !cls || (cls.type !== 'identifier' && cls.type !== 'attribute')) return undefined;
      const name = file.qualifiedName(cls) ?? cls.text;
      if (USER_FACING_EXCEPTIONS.has(name.slice(name.lastIndexOf('.') + 1))) return undefined;
      const params = parameterList(fn).map((p) => p.name).filter((n) => n !== 'self');
      const param = method === 'exception_handler' ? params[1] : params[0];
      return param ? { framework, param } : undefined;
    }
    return undefined;
  };

  const responseKinds = (fn: SyntaxNode): readonly SinkKind[] | undefined => {
    if (errorHandler(fn)) return ['stack-trace'];
    const info = route(fn);
    if (info?.framework === 'flask') return ['xss', 'stack-trace', 'header'];
    if (info?.framework === 'fastapi') return ['stack-trace'];
    return undefined;
  };

  const isHandlerMethod = (fn: SyntaxNode): boolean => {
    if (!file.importsModule('tornado')) return false;
    for (let cur = fn.parent; cur; cur = cur.parent) {
      if (cur.type === 'class_definition') return /RequestHandler|WebSocketHandler/.test(cur.childForFieldName('superclasses')?.text ?? '');
    }
    return false;
  };

  const exceptionParams = (fn: SyntaxNode): string[] | undefined => {
    const handler = errorHandler(fn);
    return handler ? [handler.param] : undefined;
  };
  const interpreter = new TaintInterpreter(file, routeParams, responseKinds, isHandlerMethod, budgetMs, file.external, exceptionParams);
  const hits: TaintHit[] = [];
  const seen = new Set<string>();
  // Only functions that can see untrusted data are entry points: route handlers, and functions whose text mentions a
  // request, an input-reading handler method or exception details. Others are analysed only as callees (summaries).
  let entryHints: TextMatches | undefined;
  const mayReadInput = (fn: SyntaxNode | undefined): boolean => {
    if (!fn) return true;
    if (routeParams(fn)?.size || errorHandler(fn)) return true;
    return (entryHints ??= new TextMatches(file.source, ENTRY_HINT)).within(fn.startIndex, fn.endIndex);
  };
  // Sensitive values and personal data (credentials, emails…) are followed in every file, from functions whose text
  // mentions one; such a function that cannot read input reports only disclosure findings.
  // (The whole file's text was tested above unless it is an input file.)
  let hints: TextMatches | undefined;
  const mayHoldSensitive = (fn: SyntaxNode | undefined): boolean => {
    if (!fn) return !inputFile || DISCLOSURE_HINT.test(file.source);
    return (hints ??= new TextMatches(file.source, DISCLOSURE_HINT)).within(fn.startIndex, fn.endIndex);
  };
  // Such a function is interpreted only when it holds (or calls a function of this file holding) a disclosure sink;
  // skipping the others changes no summary (see disclosureReach). The cheap word test goes first: most functions fail
  // it, and then the sources of their callees are never looked for.
  let reaches: ((fn: SyntaxNode | undefined) => boolean) | undefined;
  for (const fn of [undefined, ...functions]) {
    const input = inputFile && mayReadInput(fn);
    if (!input && !(mayHoldSensitive(fn) && (reaches ??= disclosureReach(file, functions))(fn))) continue;
    for (const hit of interpreter.analyseEntry(fn)) {
      if (!input && !DISCLOSURE_KINDS.includes(hit.kind)) continue;
      const key = `${hit.kind}|${hit.sink.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      hits.push(hit);
    }
  }
  return { hits, partial: interpreter.timedOut };
}
