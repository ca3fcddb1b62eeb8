// archive-extraction-traversal: tar extraction (TarFile.extractall/extract, shutil.unpack_archive) without an extraction filter.
import type { RuleContext } from '../../engine/context.js';
import { defineRule, importsAnyPackage, type Level } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';
import { unwrapParentheses as unwrap } from '../../analysis/syntax.js';

/** Calls that create a tarfile.TarFile. */
const TAR_CONSTRUCTORS = new Set([
  'tarfile.open',
  'tarfile.TarFile',
  'tarfile.TarFile.open',
  'tarfile.TarFile.taropen',
  'tarfile.TarFile.gzopen',
  'tarfile.TarFile.bz2open',
  'tarfile.TarFile.xzopen',
  'tarfile.TarFile.zstopen',
]);

/** Modules whose archive objects also have an extractall(): a file using one cannot be presumed to mean tarfile. */
const OTHER_ARCHIVE_MODULES = ['zipfile', 'py7zr', 'rarfile', 'libarchive', 'patoolib', 'pyunpack', 'zipfile36', 'zipfile38'];

const SAFE_FILTERS = new Set(['data', 'tar']);
const SAFE_FILTER_FUNCTIONS = new Set(['tarfile.data_filter', 'tarfile.tar_filter']);
const UNSAFE_FILTER_FUNCTION = 'tarfile.fully_trusted_filter';

type FilterVerdict = { kind: 'safe' } | { kind: 'unknown' } | { kind: 'missing' } | { kind: 'unsafe'; shown: string };

/** `staticmethod(f)` stands for f (the documented way to set TarFile.extraction_filter). */
function filterFunction(ctx: RuleContext, node: SyntaxNode): SyntaxNode {
  const n = unwrap(node);
  if (n.type === 'call' && ctx.callee(n) === 'staticmethod') return ctx.argument(n, 0) ?? n;
  return n;
}

/** What a filter expression does: the named safe filters and any custom callable pass; None and fully_trusted do not. */
function judgeFilterExpression(ctx: RuleContext, node: SyntaxNode | undefined, value: unknown): FilterVerdict {
  if (value === null) return { kind: 'unsafe', shown: 'filter=None' };
  if (typeof value === 'string') {
    if (SAFE_FILTERS.has(value)) return { kind: 'safe' };
    return value === 'fully_trusted' ? { kind: 'unsafe', shown: "filter='fully_trusted'" } : { kind: 'unknown' };
  }
  if (!node) return { kind: 'unknown' };
  const name = ctx.qualifiedName(filterFunction(ctx, node));
  if (name === UNSAFE_FILTER_FUNCTION) return { kind: 'unsafe', shown: 'filter=tarfile.fully_trusted_filter' };
  if (name !== undefined && SAFE_FILTER_FUNCTIONS.has(name)) return { kind: 'safe' };
  return { kind: 'unknown' }; // a custom filter function, or a value decided at run time
}

/**
 * The filter a tar extraction call runs with: its filter= argument, else the archive object's own
 * `extraction_filter` attribute, else a file-wide `tarfile.TarFile.extraction_filter`.
 */
function judgeFilter(ctx: RuleContext, call: SyntaxNode, receiver?: SyntaxNode): FilterVerdict {
  const kw = ctx.keyword(call, 'filter');
  if (kw.present) return judgeFilterExpression(ctx, kw.node, kw.value);
  if (kw.maybeInUnknownSplat) return { kind: 'unknown' };
  const own = receiver ? ctx.assignmentsToAttribute(receiver, 'extraction_filter') : [];
  const defaults = own.length > 0 ? own : ctx.attributeAssignments('tarfile.TarFile.extraction_filter');
  if (defaults.length > 0) {
    const verdicts = defaults.map((d) => judgeFilterExpression(ctx, d, ctx.constantValue(d)));
    return verdicts.some((v) => v.kind === 'unsafe') ? { kind: 'missing' } : { kind: 'safe' };
  }
  return { kind: 'missing' };
}

/** `None`, `tar.getmembers()`, or a comprehension that passes every member through unchanged and unchecked. */
function isUnfilteredMembers(ctx: RuleContext, node: SyntaxNode, depth = 0): boolean {
  if (depth > 8) return false;
  const n = unwrap(node);
  if (n.type === 'none') return true;
  if (n.type === 'call') {
    const fn = n.childForFieldName('function');
    return fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'getmembers';
  }
  if (n.type === 'identifier') {
    const values = ctx.boundValues(n);
    return values !== undefined && values.every((v) => isUnfilteredMembers(ctx, v.node, depth + 1));
  }
  if (n.type === 'list_comprehension' || n.type === 'generator_expression') {
    const body = n.childForFieldName('body');
    const clauses = n.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment' && c.id !== body?.id);
    if (clauses.length !== 1 || clauses[0]!.type !== 'for_in_clause') return false; // an `if` clause or nested loops select members
    const target = clauses[0]!.childForFieldName('left');
    const iterable = clauses[0]!.childForFieldName('right');
    if (!body || body.type !== 'identifier' || target?.type !== 'identifier' || body.text !== target.text || !iterable) return false;
    const origins = ctx.originCalls(iterable);
    return isUnfilteredMembers(ctx, iterable, depth + 1) || (origins !== undefined && origins.every((c) => TAR_CONSTRUCTORS.has(ctx.callee(c) ?? '')));
  }
  return false;
}

type ReceiverKind = 'tar' | 'maybe-tar' | 'other';

function receiverKind(ctx: RuleContext, receiver: SyntaxNode): ReceiverKind {
  const origins = ctx.originCalls(receiver);
  if (origins) return origins.every((c) => TAR_CONSTRUCTORS.has(ctx.callee(c) ?? '')) ? 'tar' : 'other';
  const r = unwrap(receiver);
  if (r.type !== 'identifier' && r.type !== 'attribute') return 'other';
  if (ctx.qualifiedName(r) !== undefined) return 'other'; // a module, class or imported object
  if (!ctx.importsModule('tarfile') || OTHER_ARCHIVE_MODULES.some((m) => ctx.importsModule(m))) return 'other';
  return 'maybe-tar';
}

const EXTRACTION_METHODS = new Set(['extractall', 'extract']);

/** A feature-detection fallback: a sibling branch (or the try body) makes the same kind of extraction with a filter. */
function isFallback(ctx: RuleContext, call: SyntaxNode): boolean {
  for (const branch of ctx.alternativeBranches(call)) {
    for (const other of ctx.callsWithin(branch)) {
      const fn = other.childForFieldName('function');
      const isExtraction =
        ctx.callee(other) === 'shutil.unpack_archive' || (fn?.type === 'attribute' && EXTRACTION_METHODS.has(fn.childForFieldName('attribute')?.text ?? ''));
      if (!isExtraction) continue;
      const verdict = judgeFilter(ctx, other);
      if (verdict.kind === 'safe' || verdict.kind === 'unknown') return true;
    }
  }
  return false;
}

const CHECKS = new Set(['if_statement', 'assert_statement', 'try_statement', 'match_statement']);
const BRANCHES = new Set(['if_statement', 'elif_clause', 'else_clause', 'try_statement', 'except_clause', 'match_statement', 'conditional_expression']);
const FUNCTION_BOUNDARIES = new Set(['function_definition', 'lambda', 'class_definition', 'module']);

/**
 * `for m in tar.getmembers(): tar.extract(m, dest)` with nothing that could be a check: the member is the loop target,
 * the loop walks the archive's own members, the call is not under a condition inside the loop, and no if/assert/try
 * statement precedes it in the loop body.
 */
function isUncheckedMemberLoop(ctx: RuleContext, call: SyntaxNode, member: SyntaxNode): boolean {
  if (member.type !== 'identifier') return false;
  let statement: SyntaxNode = call;
  let loop: SyntaxNode | undefined;
  for (let cur: SyntaxNode | null = call; cur && !FUNCTION_BOUNDARIES.has(cur.type); cur = cur.parent) {
    if (cur.id !== call.id && BRANCHES.has(cur.type)) return false;
    if (cur.parent?.type === 'block' && cur.parent.parent?.type === 'for_statement') {
      statement = cur;
      loop = cur.parent.parent;
      break;
    }
  }
  if (!loop) return false;
  const target = loop.childForFieldName('left');
  const iterable = loop.childForFieldName('right');
  if (target?.type !== 'identifier' || target.text !== member.text || !iterable) return false;
  const origins = ctx.originCalls(iterable);
  const walksArchive = isUnfilteredMembers(ctx, iterable) || (origins !== undefined && origins.every((c) => TAR_CONSTRUCTORS.has(ctx.callee(c) ?? '')));
  if (!walksArchive) return false;
  for (let prev = statement.previousNamedSibling; prev; prev = prev.previousNamedSibling) if (CHECKS.has(prev.type)) return false;
  return true;
}

function level(ctx: RuleContext, normal: Level): { level: Level } {
  return { level: normal };
}

const ADVICE = 'pass filter="data" (Python 3.12+ and the 3.8–3.11 security releases) or check every member first';

function checkTarMethod(ctx: RuleContext, call: SyntaxNode, receiver: SyntaxNode, method: string, kind: ReceiverKind): void {
  const filter = judgeFilter(ctx, call, receiver);
  if (filter.kind === 'safe' || filter.kind === 'unknown') return;
  if (method === 'extractall') {
    const members = ctx.argument(call, 1, 'members');
    if (members) {
      if (kind === 'maybe-tar') return; // a helper handed a member list, typically after checking it
      if (!isUnfilteredMembers(ctx, members)) return; // a custom member selection acts as the filter
    } else if (ctx.keyword(call, 'members').maybeInUnknownSplat) {
      return;
    }
  } else {
    // Only a loop that extracts every member unchecked; a member picked by name or after a test is the program's choice.
    const member = ctx.argument(call, 0, 'member');
    if (!member || !isUncheckedMemberLoop(ctx, call, member)) return;
  }
  if (filter.kind === 'missing' && isFallback(ctx, call)) return;
  const how = filter.kind === 'unsafe' ? `with ${filter.shown}` : 'without an extraction filter';
  const what = kind === 'maybe-tar' ? `${method}() on what appears to be a tarfile archive` : `TarFile.${method}()`;
  const severity: Level = kind === 'tar' && method === 'extractall' ? 'error' : 'warning';
  ctx.report(call, `${what} runs ${how}, so member names with ../, absolute paths or links can write outside the target directory; ${ADVICE}.`, level(ctx, severity));
}

function checkUnpackArchive(ctx: RuleContext, call: SyntaxNode): void {
  const format = ctx.constantValue(ctx.argument(call, 2, 'format'));
  if (format === 'zip') return; // shutil's zip unpacker drops absolute and ../ names itself
  if (format === undefined || format === null) {
    const name = ctx.knownPrefix(ctx.argument(call, 0, 'filename'));
    if (name?.complete && /\.zip$/i.test(name.text)) return;
  }
  const filter = judgeFilter(ctx, call);
  if (filter.kind === 'safe' || filter.kind === 'unknown') return;
  if (filter.kind === 'missing' && isFallback(ctx, call)) return;
  const how = filter.kind === 'unsafe' ? `with ${filter.shown}` : 'without an extraction filter';
  ctx.report(call, `shutil.unpack_archive() runs ${how}, so a tar archive can write outside the target directory through ../ names, absolute paths or links; ${ADVICE}.`, level(ctx, 'error'));
}

export const archiveExtractionTraversal = defineRule({
  id: 'archive-extraction-traversal',
  title: 'Tar archive extracted without a filter (path traversal)',
  family: 'file-operations',
  checklist: ['File Operations'],
  level: 'error',
  securitySeverity: 7.5,
  precision: 'high',
  tier: 'default',
  cwe: [22],
  compatible: { bandit: ['B202'], ruff: ['S202'] },
  docs: {
    whatItDoes:
      'Reports `extractall()` and `extract()` on a `tarfile.TarFile` (created by `tarfile.open`, `TarFile(...)` or `TarFile.open`, directly, through a variable, or bound by `with … as tar`, including `contextlib.closing`) and `shutil.unpack_archive()` when no safe extraction filter is in force, or when `filter=None`/`"fully_trusted"` is passed. `filter="data"`, `filter="tar"`, `tarfile.data_filter`/`tar_filter`, any custom filter callable, a file-wide `tarfile.TarFile.extraction_filter = ...`, and a `members=` selection computed by the program (anything but `getmembers()` passed through unchanged) are accepted. A call in an `else`/`except` branch whose sibling branch extracts with a filter is taken to be a fallback for old Pythons and is not reported. `extract()` is reported only in a loop over the archive\'s own members that extracts each one with no condition or check before it; extracting a member the program names is not reported. `extractall()` on an object of unknown origin is reported as a warning only when the file imports `tarfile` and no other archive library. Zip archives are not reported: `zipfile` and shutil\'s zip unpacker drop absolute paths and `..` components themselves. In test files findings are lowered to notes.',
    whyBad:
      'Before Python 3.14 tar extraction trusts the archive: a member named `../../home/user/.bashrc` or `/etc/cron.d/job`, or a symbolic or hard link followed by a member written through it, lands outside the directory the program chose. Anyone who can supply the archive (an upload, a download, a package, a build artifact) can then overwrite files and often run code (CVE-2007-4559 and its many descendants).',
    example: 'import tarfile\n\ndef unpack(upload, target):\n    with tarfile.open(upload) as tar:\n        tar.extractall(target)\n',
    useInstead: 'import tarfile\n\ndef unpack(upload, target):\n    with tarfile.open(upload) as tar:\n        tar.extractall(target, filter="data")\n',
    references: [
      'https://cwe.mitre.org/data/definitions/22.html',
      'https://docs.python.org/3/library/tarfile.html#extraction-filters',
      'https://peps.python.org/pep-0706/',
      'https://docs.python.org/3/library/shutil.html#shutil.unpack_archive',
      'https://docs.python.org/3/library/zipfile.html#zipfile.ZipFile.extract',
    ],
  },
  // A report needs shutil.unpack_archive, a tarfile constructor as the receiver's origin, or (maybe-tar) an import of tarfile.
  appliesTo: importsAnyPackage(['tarfile', 'shutil']),
  visitors: {
    call(node, ctx) {
      const fn = node.childForFieldName('function');
      if (!fn) return;
      if (ctx.importsPackage('shutil') && ctx.callee(node) === 'shutil.unpack_archive') {
        checkUnpackArchive(ctx, node);
        return;
      }
      if (fn.type !== 'attribute') return;
      const method = fn.childForFieldName('attribute')?.text;
      const receiver = fn.childForFieldName('object');
      if (!method || !receiver || !EXTRACTION_METHODS.has(method)) return;
      const kind = receiverKind(ctx, receiver);
      if (kind === 'other' || (kind === 'maybe-tar' && method !== 'extractall')) return;
      checkTarMethod(ctx, node, receiver, method, kind);
    },
  },
});
