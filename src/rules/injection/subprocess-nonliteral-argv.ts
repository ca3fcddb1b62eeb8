// subprocess-nonliteral-argv: a program started without a shell whose argument vector holds values that are neither constant nor trusted.
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { ArgvPiece, ProcessLaunch } from '../../analysis/process-launch.js';
import type { SyntaxNode } from '../../parser/python.js';
import { unwrapParentheses as unwrap, namedChildren as named } from '../../analysis/syntax.js';

/** Values fixed by the interpreter, the platform or the installation, not by whoever uses the program. */
const TRUSTED_VALUES = new Set([
  'sys.executable', 'sys.prefix', 'sys.exec_prefix', 'sys.base_prefix', 'sys.platform', 'os.devnull', 'os.sep', 'os.pathsep',
  'os.linesep', 'os.curdir', 'os.pardir', 'os.name', '__file__',
]);
/** Calls that give a trusted result when every argument is trusted: program lookup, path arithmetic, conversions. */
const TRUSTED_CALLS = new Set([
  'shutil.which', 'distutils.spawn.find_executable', 'os.path.join', 'os.path.abspath', 'os.path.dirname', 'os.path.basename',
  'os.path.realpath', 'os.path.normpath', 'os.path.expanduser', 'os.fspath', 'str', 'pathlib.Path', 'pathlib.PurePath',
  'pathlib.PosixPath', 'pathlib.WindowsPath', 'shlex.split', 'sysconfig.get_path', 'os.cpu_count', 'os.getpid', 'os.getppid',
  'os.getuid', 'os.getgid', 'os.geteuid', 'os.getegid',
]);
/** Path and str methods whose result is trusted when their receiver and arguments are. */
const TRUSTED_METHODS = new Set([
  'resolve', 'absolute', 'joinpath', 'with_suffix', 'with_name', 'as_posix', 'expanduser', 'lower', 'upper', 'strip', 'format',
  'split', 'rsplit', 'splitlines', 'replace', 'join', 'encode', 'decode',
]);
const TRUSTED_ATTRIBUTES = new Set(['parent', 'name', 'stem', 'suffix', 'parents']);
const MAX_DEPTH = 12;

/** The value is a constant, one of a known set of constants, or built only from trusted values. */
function isTrusted(expr: SyntaxNode, ctx: RuleContext, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const node = unwrap(expr);
  if (ctx.constantValue(node) !== undefined || ctx.possibleValues(node) !== undefined) return true;
  const d = depth + 1;
  const trusted = (n: SyntaxNode | null | undefined): boolean => !!n && isTrusted(n, ctx, d);
  switch (node.type) {
    case 'identifier': {
      if (TRUSTED_VALUES.has(ctx.qualifiedName(node) ?? node.text)) return true;
      const values = ctx.boundValues(node);
      if (values) return values.every((v) => v.kind !== 'with' && trusted(v.node));
      break;
    }
    case 'attribute': {
      if (TRUSTED_VALUES.has(ctx.qualifiedName(node) ?? '')) return true;
      return TRUSTED_ATTRIBUTES.has(node.childForFieldName('attribute')?.text ?? '') && trusted(node.childForFieldName('object'));
    }
    case 'call': {
      const args = ctx.arguments(node);
      const argsTrusted = args.listSplats.length === 0 && args.dictSplats.length === 0 && args.positional.every((a) => trusted(a));
      if (TRUSTED_CALLS.has(ctx.callee(node) ?? '')) return argsTrusted;
      const fn = node.childForFieldName('function');
      if (fn?.type === 'attribute' && TRUSTED_METHODS.has(fn.childForFieldName('attribute')?.text ?? '')) {
        return argsTrusted && trusted(fn.childForFieldName('object'));
      }
      break;
    }
    case 'binary_operator':
      return trusted(node.childForFieldName('left')) && trusted(node.childForFieldName('right'));
    case 'boolean_operator':
      return trusted(node.childForFieldName('left')) && trusted(node.childForFieldName('right'));
    case 'conditional_expression': {
      const [whenTrue, , whenFalse] = named(node);
      return trusted(whenTrue) && trusted(whenFalse);
    }
    case 'string':
      // f-strings: every interpolated value trusted.
      return named(node)
        .filter((c) => c.type === 'interpolation')
        .every((i) => trusted(i.childForFieldName('expression')));
    case 'concatenated_string':
      return named(node).every((p) => trusted(p));
    case 'list':
    case 'tuple':
      return named(node).every((i) => (i.type === 'list_splat' ? trusted(named(i)[0]) : trusted(i)));
    default:
      break;
  }
  // Numbers (a parameter annotated `int`, `len(x)`) turned into text cannot carry words or options of their own.
  const isSafe = (part: SyntaxNode) => part.id !== node.id && isTrusted(part, ctx, d);
  return ctx.stringTemplate(node, { spliceWhole: true, isSafe }).holes.length === 0;
}

/** The first argv piece whose value is not trusted, over every way argv may be built. */
function firstUntrusted(launch: ProcessLaunch, ctx: RuleContext): SyntaxNode | undefined {
  if (launch.executable && !isTrusted(launch.executable, ctx)) return launch.executable;
  if (!launch.argv) return launch.argvNode && !isTrusted(launch.argvNode, ctx) ? launch.argvNode : undefined;
  const untrusted = (p: ArgvPiece) => !isTrusted(p.node, ctx);
  for (const pieces of launch.argv) {
    const bad = pieces.find(untrusted);
    if (bad) return bad.node;
  }
  return undefined;
}

/** A short one-line rendering of an expression for messages. */
function excerpt(node: SyntaxNode): string {
  const text = node.text.replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

export const subprocessNonliteralArgv = defineRule({
  id: 'subprocess-nonliteral-argv',
  title: 'Program started without a shell from arguments that are not constant',
  family: 'injection',
  checklist: ['Code Injection Prevention'],
  level: 'note',
  securitySeverity: 3.1,
  precision: 'low',
  tier: 'audit',
  cwe: [78],
  compatible: { bandit: ['B603', 'B606', 'B404'], ruff: ['S603', 'S606', 'S404'] },
  docs: {
    whatItDoes:
      'An audit aid, off by default. Lists the places that start a program without a shell (`subprocess.run`/`call`/`check_call`/`check_output`/`Popen` without a truthy `shell=`, `os.exec*`, `os.spawn*`, `os.posix_spawn*`, `os.startfile`, `asyncio.create_subprocess_exec`, `pty.spawn`) where the program or one of its arguments is computed at run time. Argument lists made only of constants (after folding names, `+`, f-strings and `**kwargs` dicts), `sys.executable`, `shutil.which("<constant>")`, paths derived from `__file__`, and lists built in a local name and extended only with such values are not listed. Importing `subprocess` is never reported.',
    whyBad:
      'Without a shell no metacharacter can start a second command, but a value chosen by someone else still decides which program runs or which options it gets: a file name starting with `-` becomes an option (`--output=/etc/passwd`, `-oProxyCommand=…`), and a user-chosen program path runs arbitrary code. Reviewing where such values come from is worthwhile in code that handles untrusted input.',
    example: 'import subprocess\n\ndef show(revision):\n    return subprocess.check_output(["git", "show", revision])\n',
    useInstead:
      'import subprocess\n\nALLOWED = ("HEAD", "main")\n\ndef show(revision):\n    if revision not in ALLOWED:\n        raise ValueError(revision)\n    return subprocess.check_output(["git", "show", revision])\n',
    references: [
      'https://cwe.mitre.org/data/definitions/78.html',
      'https://cwe.mitre.org/data/definitions/88.html',
      'https://docs.python.org/3/library/subprocess.html#security-considerations',
      'https://cheatsheetseries.owasp.org/cheatsheets/OS_Command_Injection_Defense_Cheat_Sheet.html',
    ],
  },
  visitors: {
    call(node, ctx) {
      const launch = ctx.processLaunch(node);
      if (!launch || launch.shell === true) return;
      if (!launch.argv && !launch.argvNode && !launch.executable) return;
      const bad = firstUntrusted(launch, ctx);
      if (!bad) return;
      ctx.report(
        node,
        `${launch.api}() starts a program with arguments computed at run time (\`${excerpt(bad)}\`); check that none can come from untrusted input, and put \`--\` before values that must not be read as options.`,
      );
    },
  },
});
