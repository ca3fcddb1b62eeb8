// partial-executable-path: a program started by a bare name, so the PATH search (or the working directory) picks the file that runs.
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import { isDict } from '../../analysis/constants.js';
import { launchPrograms, type ProcessLaunch } from '../../analysis/process-launch.js';
import { shellCommands } from '../../analysis/shell-words.js';
import type { SyntaxNode } from '../../parser/python.js';

/** Commands a POSIX shell runs itself, without looking anything up in PATH. */
const SHELL_BUILTINS = new Set([
  '.', ':', '[', 'alias', 'bg', 'break', 'builtin', 'cd', 'command', 'continue', 'declare', 'echo', 'eval', 'exec', 'exit', 'export',
  'false', 'fg', 'getopts', 'hash', 'jobs', 'kill', 'let', 'local', 'printf', 'pwd', 'read', 'readonly', 'return', 'set', 'shift',
  'source', 'test', 'times', 'trap', 'true', 'type', 'ulimit', 'umask', 'unalias', 'unset', 'wait',
]);
/** Lookups that resolve a program name to a full path. */
const LOOKUPS = ['shutil.which', 'distutils.spawn.find_executable'];

/** A program name with no directory part (and no drive): the system decides which file it means. */
function isBareName(program: string): boolean {
  return program !== '' && !/[\\/:]/.test(program);
}

/** Bare program names a launch may start. */
function bareNames(launch: ProcessLaunch, ctx: RuleContext): string[] {
  const out: string[] = [];
  if (launch.shell === true) {
    if (!launch.commandLine) return out;
    for (const command of shellCommands(ctx.stringTemplate(launch.commandLine).text)) {
      const first = command.words[0];
      if (first && !first.dynamic && first.globs.length === 0 && isBareName(first.text) && !SHELL_BUILTINS.has(first.text)) out.push(first.text);
    }
    return out;
  }
  for (const program of launchPrograms(launch, (n) => ctx.constantValue(n))) {
    if (program === undefined) continue;
    const values = typeof program === 'string' ? [program] : ctx.possibleValues(program);
    for (const v of values ?? []) if (typeof v === 'string' && isBareName(v)) out.push(v);
  }
  return out;
}

/** The code looks the program up itself (`if shutil.which("git")`, `git = shutil.which("git") or …`) in the same function or module body. */
function isLookedUp(name: string, call: SyntaxNode, ctx: RuleContext): boolean {
  const here = ctx.enclosingFunction(call);
  for (const lookup of LOOKUPS) {
    for (const other of ctx.callsTo(lookup)) {
      if (ctx.stringValue(ctx.argument(other, 0, 'cmd')) !== name) continue;
      const there = ctx.enclosingFunction(other);
      if (there?.id === here?.id) return true;
    }
  }
  return false;
}

/** `env={"PATH": "/usr/bin:/bin"}`: the search runs only in fixed absolute directories. */
function hasFixedSearchPath(call: SyntaxNode, ctx: RuleContext): boolean {
  const env = ctx.keyword(call, 'env');
  if (!env.present || !isDict(env.value)) return false;
  const path = env.value.get('PATH');
  return typeof path === 'string' && path !== '' && path.split(/[:;]/).every((dir) => dir.startsWith('/') || /^[A-Za-z]:[\\/]/.test(dir));
}

export const partialExecutablePath = defineRule({
  id: 'partial-executable-path',
  title: 'Program started by a bare name found through the search path',
  family: 'injection',
  checklist: ['Code Injection Prevention'],
  level: 'note',
  securitySeverity: 2.9,
  precision: 'medium',
  tier: 'audit',
  cwe: [426],
  compatible: { bandit: ['B607'], ruff: ['S607'] },
  docs: {
    whatItDoes:
      'An audit aid, off by default. Reports process starts whose program, after constant folding, is a bare name such as `"git"` with no directory part: argv[0] or `executable=` of the `subprocess` functions, the path argument of `os.exec*`/`os.spawn*`/`os.posix_spawn*`, and the first word of each command run by `os.system`, `os.popen` or `shell=True`. Absolute and relative paths, shell built-ins (`cd`, `echo`), programs resolved with `shutil.which`, programs the same function already looked up with `shutil.which("<name>")`, and calls given an `env` whose `PATH` lists only absolute directories are not reported.',
    whyBad:
      'A bare name is resolved when the program runs: through the `PATH` variable (and on Windows the current directory first), or for `os.execv`-style calls relative to the working directory. Whoever can change `PATH`, drop a file in a directory listed early in it, or choose the working directory decides which binary runs with the privileges of the process (CWE-426, untrusted search path). This mostly matters for programs that run with more privileges than the people who control their environment.',
    example: 'import subprocess\n\ndef commit_id():\n    return subprocess.check_output(["git", "rev-parse", "HEAD"])\n',
    useInstead:
      'import shutil\nimport subprocess\n\nGIT = shutil.which("git") or "/usr/bin/git"\n\ndef commit_id():\n    return subprocess.check_output([GIT, "rev-parse", "HEAD"])\n',
    references: [
      'https://cwe.mitre.org/data/definitions/426.html',
      'https://docs.python.org/3/library/shutil.html#shutil.which',
      'https://docs.python.org/3/library/subprocess.html#popen-constructor',
    ],
  },
  visitors: {
    call(node, ctx) {
      const launch = ctx.processLaunch(node);
      if (!launch || launch.api === 'os.startfile') return;
      const names = [...new Set(bareNames(launch, ctx))].filter((n) => !isLookedUp(n, node, ctx));
      if (names.length === 0 || hasFixedSearchPath(node, ctx)) return;
      const list = names.map((n) => `"${n}"`).join(', ');
      const where = launch.searchesPath ? 'whichever file of that name comes first in PATH' : 'a file of that name in the current working directory';
      ctx.report(node, `${launch.api}() starts ${list} by bare name, so ${where} runs; use an absolute path or resolve it once with shutil.which() and use the result.`);
    },
  },
});
