// shell-command-nonconstant: a command line that is not a constant reaches an API that runs it through a shell.
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import { isTruthy } from '../../analysis/constants.js';
import type { SyntaxNode } from '../../parser/python.js';
import { unwrapParentheses as unwrap, namedChildren as named } from '../../analysis/syntax.js';
import { SHELL_APIS, SHELL_SCRIPT_FLAGS as SHELLS, SUBPROCESS_APIS as SUBPROCESS } from '../../analysis/process-apis.js';

/** Where other callers given `shell=True` usually take their command. */
const COMMAND_KEYWORDS = ['cmd', 'command', 'args', 'cmdline', 'command_line', 'script'];

/** Quoting functions that make a value one literal shell word. */
const SHELL_QUOTES = new Set(['shlex.quote', 'pipes.quote', 'shlex.join']);
/** Values fixed by the interpreter or platform, not by whoever uses the program. */
const TRUSTED_VALUES = new Set(['sys.executable', 'os.devnull', 'os.sep', 'os.pathsep', 'os.linesep', 'os.name', 'sys.platform', 'os.curdir', 'os.pardir']);

/** Calls whose `shell=` means something else: test assertions, shell-quoting helpers. */
const NOT_RUNNERS = /^assert|quote|escape/i;

function lastName(callee: string | undefined, method: string | undefined): string {
  return method ?? callee?.split('.').pop() ?? '';
}

function methodName(call: SyntaxNode): string | undefined {
  const fn = call.childForFieldName('function');
  return fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
}

/** A list or tuple literal, given directly or through a name bound once to it. */
function sequenceLiteral(node: SyntaxNode | undefined, ctx: RuleContext): SyntaxNode[] | undefined {
  let n = unwrap(node);
  if (n?.type === 'identifier') {
    const values = ctx.boundValues(n);
    n = values?.length === 1 && values[0]!.kind === 'assign' ? unwrap(values[0]!.node) : undefined;
  }
  if (!n || (n.type !== 'list' && n.type !== 'tuple')) return undefined;
  const items = named(n);
  const splat = items.findIndex((i) => i.type === 'list_splat');
  return splat === -1 ? items : items.slice(0, splat);
}

/** The exec-style APIs argv() reads besides SUBPROCESS (the cases of its switch). */
const ARGV_APIS = new Set(['asyncio.create_subprocess_exec', 'asyncio.subprocess.create_subprocess_exec', 'pty.spawn', 'os.execv', 'os.execve', 'os.execvp', 'os.execvpe', 'os.execl', 'os.execle', 'os.execlp', 'os.execlpe']);

/** The program and its arguments for exec-style APIs (no shell of their own). */
function argv(call: SyntaxNode, callee: string | undefined, ctx: RuleContext): { program: SyntaxNode; args: SyntaxNode[] } | undefined {
  if (callee && SUBPROCESS.has(callee)) {
    const items = sequenceLiteral(ctx.argument(call, 0, 'args'), ctx);
    return items && items[0] ? { program: items[0], args: items.slice(1) } : undefined;
  }
  if (callee === undefined || !ARGV_APIS.has(callee)) return undefined;
  const positional = ctx.arguments(call).positional;
  switch (callee) {
    case 'asyncio.create_subprocess_exec':
    case 'asyncio.subprocess.create_subprocess_exec':
      return positional[0] ? { program: positional[0], args: positional.slice(1) } : undefined;
    case 'pty.spawn': {
      const items = sequenceLiteral(positional[0], ctx);
      return items && items[0] ? { program: items[0], args: items.slice(1) } : undefined;
    }
    case 'os.execv':
    case 'os.execve':
    case 'os.execvp':
    case 'os.execvpe': {
      const items = sequenceLiteral(positional[1], ctx);
      return positional[0] && items ? { program: positional[0], args: items.slice(1) } : undefined;
    }
    case 'os.execl':
    case 'os.execle':
    case 'os.execlp':
    case 'os.execlpe':
      return positional[0] ? { program: positional[0], args: positional.slice(2) } : undefined;
    default:
      return undefined;
  }
}

/** `["bash", "-c", script]`: the script argument of a shell started explicitly. */
function shellScript(call: SyntaxNode, callee: string | undefined, ctx: RuleContext): { script: SyntaxNode; shell: string } | undefined {
  const run = argv(call, callee, ctx);
  if (!run) return undefined;
  const program = ctx.stringValue(run.program);
  if (program === undefined) return undefined;
  const shell = program
    .split(/[\\/]/)
    .pop()!
    .toLowerCase()
    .replace(/\.exe$/, '');
  const flag = SHELLS[shell];
  if (!flag) return undefined;
  for (let i = 0; i < run.args.length; i++) {
    const value = ctx.stringValue(run.args[i]);
    if (value === undefined) return undefined;
    if (flag.test(value)) {
      const script = run.args[i + 1];
      return script && script.type !== 'list_splat' ? { script, shell } : undefined;
    }
  }
  return undefined;
}

export const shellCommandNonconstant = defineRule({
  id: 'shell-command-nonconstant',
  title: 'Shell command line built from non-constant values',
  family: 'injection',
  checklist: ['Code Injection Prevention'],
  level: 'warning',
  securitySeverity: 7.3,
  precision: 'high',
  tier: 'default',
  cwe: [78],
  compatible: { bandit: ['B601', 'B602', 'B604', 'B605'], ruff: ['S601', 'S602', 'S604', 'S605'] },
  docs: {
    whatItDoes:
      'Reports a command line that is not a constant after folding when it is handed to something that runs it through a shell: `os.system`, `os.popen`, `subprocess.getoutput`, the `subprocess` functions and any other call given a truthy `shell=` (also through constants and `**options` dicts), `asyncio.create_subprocess_shell`, `loop.subprocess_shell`, Paramiko `exec_command`, and `sh -c` / `bash -c` / `cmd /c` scripts passed as argument lists. Values that are numbers, choices between constants, entries of constant tables, names checked against a constant allow-list, or wrapped in `shlex.quote` do not count as non-constant.',
    whyBad:
      'A shell reads its command line as a small program: spaces split words and `;`, `&&`, `|`, `$(...)`, backticks and redirections start new commands. Any value inserted into that line that is not fully under the program\'s control can add commands of its own, which then run with the privileges of the process (CWE-78).',
    example:
      'import subprocess\n\ndef archive(folder):\n    subprocess.run(f"tar czf backup.tgz {folder}", shell=True, check=True)\n',
    useInstead:
      'import subprocess\n\ndef archive(folder):\n    subprocess.run(["tar", "czf", "backup.tgz", "--", folder], check=True)\n',
    references: [
      'https://cwe.mitre.org/data/definitions/78.html',
      'https://docs.python.org/3/library/subprocess.html#security-considerations',
      'https://docs.python.org/3/library/shlex.html#shlex.quote',
      'https://cheatsheetseries.owasp.org/cheatsheets/OS_Command_Injection_Defense_Cheat_Sheet.html',
    ],
  },
  visitors: {
    call(node, ctx) {
      const callee = ctx.callee(node);
      const method = methodName(node);
      let command: SyntaxNode | undefined;
      let api: string | undefined;

      const slot = callee !== undefined ? SHELL_APIS[callee] : undefined;
      if (slot) {
        command = ctx.argument(node, slot.position, slot.keyword);
        api = `${callee}()`;
      } else if (method === 'subprocess_shell') {
        command = ctx.argument(node, 1, 'cmd');
        api = 'loop.subprocess_shell()';
      } else if (method === 'exec_command' && (callee?.startsWith('paramiko.') || ctx.importsModule('paramiko'))) {
        command = ctx.argument(node, 0, 'command');
        api = 'Paramiko exec_command()';
      } else {
        const shellFlag = ctx.keyword(node, 'shell');
        if (shellFlag.present && shellFlag.value !== undefined && isTruthy(shellFlag.value)) {
          if (callee && SUBPROCESS.has(callee)) {
            command = ctx.argument(node, 0, 'args');
            api = `${callee}(shell=True)`;
          } else if (!NOT_RUNNERS.test(lastName(callee, method))) {
            // Any other function given shell=True (a wrapper around subprocess, fabric, invoke…).
            const args = ctx.arguments(node);
            command = callee === 'functools.partial' ? args.positional[1] : args.positional[0];
            for (const k of COMMAND_KEYWORDS) command ??= args.keywords.get(k);
            // A class, function or module member passed first is not a command line (`assertRaises(TypeError, …)`).
            const qn = command ? ctx.qualifiedName(command) : undefined;
            if (qn !== undefined && !qn.endsWith('()')) command = undefined;
            api = `${callee ?? method ?? 'a call'}(shell=True)`;
          }
        }
      }

      if (!command) {
        const explicit = shellScript(node, callee, ctx);
        if (!explicit) return;
        command = explicit.script;
        api = `${explicit.shell} -c via ${callee}()`;
      }
      if (command.type === 'list_splat' || command.type === 'dictionary_splat') return;
      // A sequence given to a shell: POSIX runs its first item as the command line, Windows joins every item into one.
      const parts = sequenceLiteral(command, ctx) ?? [command];
      const options = {
        spliceWhole: true,
        isSafe: (part: SyntaxNode) =>
          part.type === 'call' ? SHELL_QUOTES.has(ctx.callee(part) ?? '') : part.type === 'attribute' && TRUSTED_VALUES.has(ctx.qualifiedName(part) ?? ''),
      };
      if (!parts.some((p) => p.type !== 'list_splat' && ctx.stringTemplate(p, options).holes.length > 0)) return;
      ctx.report(
        node,
        `${api} runs a shell command line built from non-constant values; pass an argument list without a shell (subprocess.run([...])) or quote each value with shlex.quote().`,
      );
    },
  },
});
