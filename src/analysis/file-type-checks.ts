// fileTypeCheck(): where a function checks the type of a file it handles — its extension against an allow-list,
// its declared content type, or its bytes (imghdr, filetype, python-magic, Pillow) — or calls a helper that does.
import type { SyntaxNode } from '../parser/python.js';
import type { ConstValue } from './constants.js';
import { namedChildren, unwrapParentheses } from './syntax.js';

export interface FileTypeCheckEnvironment {
  callee(call: SyntaxNode): string | undefined;
  constantValue(node: SyntaxNode): ConstValue | undefined;
  /** Values a name may hold (assignments); undefined when unknown. */
  boundValues(identifier: SyntaxNode): { node: SyntaxNode }[] | undefined;
  /** The `def` a call invokes when it is a function of this file. */
  localFunction(call: SyntaxNode): SyntaxNode | undefined;
}

/** Calls that inspect a file's bytes or name its type. */
const TYPE_INSPECTORS = new Set([
  'imghdr.what', 'sndhdr.what', 'mimetypes.guess_type', 'mimetypes.guess_extension',
  'filetype.guess', 'filetype.guess_mime', 'filetype.guess_extension', 'filetype.is_image', 'filetype.is_video', 'filetype.is_audio', 'filetype.is_archive', 'filetype.is_document', 'filetype.image_match',
  'magic.from_buffer', 'magic.from_file', 'magic.from_descriptor', 'magic.Magic().from_buffer', 'magic.Magic().from_file', 'puremagic.from_string', 'puremagic.from_file', 'puremagic.from_stream',
  'PIL.Image.open', 'PIL.Image.verify',
  'django.core.validators.FileExtensionValidator', 'django.core.validators.validate_image_file_extension', 'django.core.validators.get_available_image_extensions',
]);
/** Helpers whose name says they check a file's type (`allowed_file`, `validate_upload`, `is_image`). */
const CHECKER_NAME = /(^|_)(allowed_?(file|ext|extension|type|upload)s?|(is_)?valid(ate)?_?(file|upload|image|ext|extension|type|mime|content_?type)s?|check_?(file|upload|image|ext|extension|type|mime|content_?type)s?|is_?(allowed|image|pdf)(_file)?|(file|upload|image)_?(is_)?(allowed|valid))$/i;
/** Attributes holding a file's declared or detected type. */
const TYPE_ATTRIBUTES = new Set(['content_type', 'mimetype', 'mime_type', 'media_type', 'suffix', 'suffixes', 'extension', 'ext']);
/** String methods that cut the extension off a name. */
const EXTENSION_SPLITS = new Set(['rsplit', 'split', 'rpartition', 'partition']);
const SPLITEXT = new Set(['os.path.splitext', 'posixpath.splitext', 'ntpath.splitext']);
const EXTENSION = /^\.?[a-z0-9]{1,6}$/i;
const MIME = /^[a-z]+\/([a-z0-9.+-]+|\*)?$/i;
const MAX_DEPTH = 3;

function strings(v: ConstValue | undefined): string[] | undefined {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) return v as string[];
  if (v instanceof Set && v.size > 0 && [...v].every((x) => typeof x === 'string')) return [...v] as string[];
  if (v instanceof Map && v.size > 0 && [...v.keys()].every((x) => typeof x === 'string')) return [...v.keys()] as string[];
  return undefined;
}

/** Constant extension or MIME-type text (or a collection of it): `".png"`, `{"jpg", "png"}`, `"image/"`. */
function typeConstants(node: SyntaxNode, env: FileTypeCheckEnvironment): boolean {
  const values = strings(env.constantValue(node));
  return !!values && values.every((s) => EXTENSION.test(s) || MIME.test(s)) && values.some((s) => /[a-z]/i.test(s));
}

/** The expression is (built from) a file's extension or type: `os.path.splitext(n)[1]`, `n.rsplit(".", 1)[1]`, `f.content_type`, or a name bound to one. */
function typeDerived(node: SyntaxNode, env: FileTypeCheckEnvironment, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const n = unwrapParentheses(node);
  switch (n.type) {
    case 'identifier': {
      if (TYPE_ATTRIBUTES.has(n.text)) return true;
      const bound = env.boundValues(n);
      return !!bound && bound.some((b) => typeDerived(b.node, env, depth + 1));
    }
    case 'attribute': {
      if (TYPE_ATTRIBUTES.has(n.childForFieldName('attribute')?.text ?? '')) return true;
      return typeDerived(n.childForFieldName('object')!, env, depth + 1);
    }
    case 'subscript': {
      const key = env.constantValue(n.childForFieldName('subscript')!);
      if (typeof key === 'string' && key.toLowerCase() === 'content-type') return true;
      return typeDerived(n.childForFieldName('value')!, env, depth + 1);
    }
    case 'call': {
      const callee = env.callee(n);
      if (callee !== undefined && (SPLITEXT.has(callee) || TYPE_INSPECTORS.has(callee))) return true;
      const fn = n.childForFieldName('function');
      if (fn?.type !== 'attribute') return false;
      const method = fn.childForFieldName('attribute')?.text ?? '';
      const first = namedChildren(n.childForFieldName('arguments'))[0];
      if (EXTENSION_SPLITS.has(method) && first && env.constantValue(first) === '.') return true;
      return typeDerived(fn.childForFieldName('object')!, env, depth + 1); // `.lower()`, `.strip(".")`
    }
    default:
      return false;
  }
}

function isCheckCall(call: SyntaxNode, env: FileTypeCheckEnvironment, depth: number, seen: Set<number>): boolean {
  const callee = env.callee(call);
  if (callee !== undefined && TYPE_INSPECTORS.has(callee)) return true;
  const fn = call.childForFieldName('function');
  const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.type === 'identifier' ? fn.text : undefined;
  if (name && CHECKER_NAME.test(name)) return true;
  const args = namedChildren(call.childForFieldName('arguments'));
  if ((name === 'endswith' || name === 'startswith') && args[0] && typeConstants(args[0], env)) return true;
  const local = env.localFunction(call);
  if (local && depth < MAX_DEPTH && !seen.has(local.id)) {
    seen.add(local.id);
    return checkWithin(local, env, depth + 1, seen) !== undefined;
  }
  return false;
}

function isCheckComparison(cmp: SyntaxNode, env: FileTypeCheckEnvironment): boolean {
  const operators = cmp.childrenForFieldName('operators').map((o) => o.text.replace(/\s+/g, ' '));
  if (!operators.every((op) => ['in', 'not in', '==', '!=', 'is', 'is not'].includes(op))) return false;
  const operands = namedChildren(cmp);
  return operands.some((o) => typeConstants(o, env)) || operands.some((o) => typeDerived(o, env, 0));
}

function checkWithin(scope: SyntaxNode, env: FileTypeCheckEnvironment, depth: number, seen: Set<number>): SyntaxNode | undefined {
  for (const call of scope.descendantsOfType('call')) if (isCheckCall(call, env, depth, seen)) return call;
  for (const cmp of scope.descendantsOfType('comparison_operator')) if (isCheckComparison(cmp, env)) return cmp;
  return undefined;
}

/** The first place in scope (a function, or the module) that checks a file's type, directly or through a helper of this file. */
export function fileTypeCheck(scope: SyntaxNode, env: FileTypeCheckEnvironment): SyntaxNode | undefined {
  return checkWithin(scope, env, 0, new Set([scope.id]));
}
