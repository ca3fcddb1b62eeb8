// insecure-file-permissions: chmod-style calls granting group or world write, permissive umasks, and creation modes they expose.
import type { RuleContext, ReportOptions } from '../../engine/context.js';
import { defineRule, type Level } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

const OTHER_WRITE = 0o002;
const GROUP_WRITE = 0o020;
const STICKY = 0o1000;

interface ModeCall {
  position: number | undefined;
  keyword: string;
  /** The kernel applies the process umask to this mode (creation calls); chmod-style calls set it as given. */
  umasked: boolean;
}

const MODE_CALLS: Record<string, ModeCall> = {
  'os.chmod': { position: 1, keyword: 'mode', umasked: false },
  'os.fchmod': { position: 1, keyword: 'mode', umasked: false },
  'os.lchmod': { position: 1, keyword: 'mode', umasked: false },
  'os.open': { position: 2, keyword: 'mode', umasked: true },
  'os.mkdir': { position: 1, keyword: 'mode', umasked: true },
  'os.makedirs': { position: 1, keyword: 'mode', umasked: true },
  'os.mkfifo': { position: 1, keyword: 'mode', umasked: true },
  'os.mknod': { position: 1, keyword: 'mode', umasked: true },
};

/** Methods named like chmod (pathlib, SFTP clients): the mode is the only argument, or the second after a path. */
const CHMOD_METHODS = new Set(['chmod', 'lchmod']);
/** pathlib creation methods whose `mode` goes through the umask. */
const CREATE_METHODS = new Set(['mkdir', 'touch']);

/**
 * Bits that are certainly set in a mode expression: exact for constants, and for `x | FLAG` the flags OR-ed in even
 * when x (say `os.stat(p).st_mode`) is unknown. Undefined when nothing is known.
 */
function certainBits(ctx: RuleContext, node: SyntaxNode | null | undefined, depth = 0): number | undefined {
  if (!node || depth > 16) return undefined;
  const v = ctx.constantValue(node);
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'boolean') return Number(v);
  switch (node.type) {
    case 'parenthesized_expression':
      return certainBits(ctx, node.namedChildren.find((c) => c?.type !== 'comment'), depth + 1);
    case 'binary_operator': {
      const op = node.childForFieldName('operator')?.type;
      const left = certainBits(ctx, node.childForFieldName('left'), depth + 1);
      const right = certainBits(ctx, node.childForFieldName('right'), depth + 1);
      if (op === '|') return left === undefined && right === undefined ? undefined : (left ?? 0) | (right ?? 0);
      if (op === '&' && left !== undefined && right !== undefined) return left & right;
      return undefined;
    }
    case 'identifier': {
      const values = ctx.boundValues(node);
      return values?.length === 1 ? certainBits(ctx, values[0]!.node, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}

function modeArgument(ctx: RuleContext, call: SyntaxNode, position: number | undefined, keyword: string): { node?: SyntaxNode; bits?: number } {
  const node = ctx.argument(call, position, keyword);
  if (node) return { node, bits: certainBits(ctx, node) };
  const kw = ctx.keyword(call, keyword);
  if (kw.present && typeof kw.value === 'number') return { bits: kw.value };
  return {};
}

function octal(bits: number, exact: boolean): string {
  return exact ? `mode 0o${bits.toString(8)}` : `a mode that includes 0o${(bits & 0o7777).toString(8).padStart(3, '0')}`;
}

function statementOf(node: SyntaxNode): SyntaxNode | undefined {
  let cur: SyntaxNode | null = node;
  while (cur && cur.parent && cur.parent.type !== 'block' && cur.parent.type !== 'module') cur = cur.parent;
  return cur ?? undefined;
}

/**
 * The idiom that reads the current umask: `m = os.umask(0)` immediately followed by `os.umask(m)`, or
 * `os.umask(os.umask(0))`. Nothing is created in between, so nothing is exposed.
 */
function isUmaskProbe(ctx: RuleContext, call: SyntaxNode): boolean {
  const outer = call.parent?.type === 'argument_list' ? call.parent.parent : null;
  if (outer?.type === 'call' && ctx.callee(outer) === 'os.umask') return true;
  if (call.parent?.type !== 'assignment' || call.parent.childForFieldName('right')?.id !== call.id) return false;
  const statement = statementOf(call);
  let next = statement?.nextNamedSibling ?? null;
  while (next?.type === 'comment') next = next.nextNamedSibling;
  const restore = next?.type === 'expression_statement' ? next.namedChildren[0] : undefined;
  if (restore?.type !== 'call' || ctx.callee(restore) !== 'os.umask') return false;
  const arg = ctx.argument(restore, 0, 'mask');
  return arg?.type === 'identifier' && (ctx.boundValues(arg)?.some((v) => v.node.id === call.id) ?? false);
}

/** The most permissive constant mask passed to os.umask in the same function (or module body) as node, if any. */
function loosestUmask(ctx: RuleContext, node: SyntaxNode): number | undefined {
  let loosest: number | undefined;
  const scope = ctx.scopeNode(node);
  for (const call of ctx.callsTo('os.umask')) {
    if (ctx.scopeNode(call).id !== scope.id || isUmaskProbe(ctx, call)) continue;
    const v = ctx.constantValue(ctx.argument(call, 0, 'mask'));
    if (typeof v !== 'number') continue;
    loosest = loosest === undefined ? v : loosest & v;
  }
  return loosest;
}

function options(ctx: RuleContext, level: Level): ReportOptions {
  return { level };
}

function checkMode(ctx: RuleContext, call: SyntaxNode, what: string, mode: { node?: SyntaxNode; bits?: number }, umasked: boolean): void {
  if (mode.bits === undefined) return;
  const exact = mode.node === undefined || typeof ctx.constantValue(mode.node) === 'number';
  if (!umasked) {
    if (mode.bits & OTHER_WRITE) {
      const level: Level = mode.bits & STICKY ? 'warning' : 'error';
      ctx.report(call, `${what} sets ${octal(mode.bits, exact)}, which lets any local user modify the file; drop the write bit for others (for example 0o755, 0o644 or 0o600).`, options(ctx, level));
    } else if (mode.bits & GROUP_WRITE) {
      ctx.report(call, `${what} sets ${octal(mode.bits, exact)}, which lets every member of the file's group modify it; drop the group write bit (for example 0o755, 0o644 or 0o600).`, options(ctx, 'warning'));
    }
    return;
  }
  // The umask trims creation modes; they only matter where the same function loosens the umask itself.
  const umask = loosestUmask(ctx, call);
  if (umask === undefined) return;
  const effective = mode.bits & ~umask;
  const mask = `os.umask(0o${umask.toString(8).padStart(3, '0')})`;
  if (effective & OTHER_WRITE) {
    ctx.report(call, `${what} requests ${octal(mode.bits, exact)} while the same code sets ${mask}, so the result is writable by any local user; request 0o755/0o644 or tighter (0o700/0o600 for private data).`, options(ctx, 'error'));
  } else if (effective & GROUP_WRITE) {
    ctx.report(call, `${what} requests ${octal(mode.bits, exact)} while the same code sets ${mask}, so the result is writable by its whole group; request 0o755/0o644 or tighter.`, options(ctx, 'warning'));
  }
}

function checkUmask(ctx: RuleContext, call: SyntaxNode): void {
  const v = ctx.constantValue(ctx.argument(call, 0, 'mask'));
  if (typeof v !== 'number' || v & OTHER_WRITE || isUmaskProbe(ctx, call)) return;
  ctx.report(
    call,
    `os.umask(0o${v.toString(8).padStart(3, '0')}) lets files and directories created afterwards with default modes be writable by any local user; use a mask of at least 0o022 (0o077 for private data).`,
    options(ctx, 'warning'),
  );
}

function checkMethod(ctx: RuleContext, call: SyntaxNode, fn: SyntaxNode): void {
  const method = fn.childForFieldName('attribute')?.text;
  const receiver = fn.childForFieldName('object');
  if (!method || !receiver) return;
  if (CHMOD_METHODS.has(method)) {
    const positional = ctx.arguments(call).positional;
    const position = positional.length >= 2 ? 1 : 0;
    checkMode(ctx, call, `${method}()`, modeArgument(ctx, call, position, 'mode'), false);
  } else if (CREATE_METHODS.has(method)) {
    const isPath = ctx.knownPrefix(receiver)?.isPath === true;
    checkMode(ctx, call, `Path.${method}()`, modeArgument(ctx, call, isPath ? 0 : undefined, 'mode'), true);
  }
}

export const insecureFilePermissions = defineRule({
  id: 'insecure-file-permissions',
  title: 'File or directory permissions that let other users write',
  family: 'file-operations',
  checklist: ['File Operations', 'Best Practices'],
  level: 'warning',
  securitySeverity: 6.5,
  precision: 'high',
  tier: 'default',
  cwe: [732],
  compatible: { bandit: ['B103'], ruff: ['S103'] },
  docs: {
    whatItDoes:
      'Reports `os.chmod`, `os.fchmod`, `os.lchmod` and `.chmod()`/`.lchmod()` methods (pathlib, SFTP clients) whose mode, after constant folding of octal literals and `stat.S_*` unions, lets others write: world-writable modes (the 0o002 bit) as errors, group-writable modes (0o020) as warnings. For `mode | stat.S_IWOTH` on an unknown mode the OR-ed bits are enough. `os.umask()` with a mask that leaves the world-write bit open is reported too. Creation calls (`os.open`, `os.mkdir`/`makedirs`, `os.mkfifo`, `Path.mkdir`/`touch` with `mode=`) pass their mode through the umask, so they are reported only where the same function (or module body) loosens the umask with a constant `os.umask(...)`. Read and execute bits are not reported: 0o755, 0o644, 0o700 and 0o600 are all fine. In test files findings are lowered to notes.',
    whyBad:
      'A file that other users can write can be replaced or edited by any process on the machine: a configuration file, script, cache or log becomes a way to change what the program does or to run code under its account. Group write is the same risk for everyone who shares the group, which on servers is often broader than intended.',
    example: 'import os\n\ndef publish(path):\n    os.chmod(path, 0o777)\n',
    useInstead: 'import os\nimport stat\n\ndef publish(path):\n    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR | stat.S_IRGRP | stat.S_IROTH)  # 0o644\n',
    references: [
      'https://cwe.mitre.org/data/definitions/732.html',
      'https://docs.python.org/3/library/os.html#os.chmod',
      'https://docs.python.org/3/library/os.html#os.umask',
      'https://docs.python.org/3/library/stat.html',
    ],
  },
  visitors: {
    call(node, ctx) {
      const fn = node.childForFieldName('function');
      if (!fn) return;
      const callee = ctx.callee(node);
      if (callee === 'os.umask') {
        checkUmask(ctx, node);
        return;
      }
      const spec = callee !== undefined ? MODE_CALLS[callee] : undefined;
      if (spec) {
        checkMode(ctx, node, `${callee}()`, modeArgument(ctx, node, spec.position, spec.keyword), spec.umasked);
        return;
      }
      if (fn.type === 'attribute') checkMethod(ctx, node, fn);
    },
  },
});
