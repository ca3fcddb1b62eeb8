// pipInstallCommands(): the `pip install` commands a call runs — through subprocess/os.system (argv lists, shell command
// lines, `sh -c` scripts, `python -m pip`, `uv pip`) or pip's own `pip.main([...])` — with their arguments as words.
import type { SyntaxNode } from '../parser/python.js';
import type { ConstValue } from './constants.js';
import type { ProcessLaunch } from './process-launch.js';
import { SHELL_SCRIPT_FLAGS } from './process-apis.js';
import { effectiveProgramIndex, programBaseName, shellCommands } from './shell-words.js';
import { HOLE, type StringTemplate } from './string-template.js';
import { namedChildren, unwrapParentheses } from './syntax.js';

export interface PipWord {
  /** The word's text; HOLE where a part is only known at run time. */
  text: string;
  dynamic: boolean;
}

export interface PipInstallCommand {
  /** How pip is started, for messages: `pip`, `python -m pip`, `uv pip`, `pip (through pip.main)`. */
  tool: string;
  /** The words after `install`. */
  args: PipWord[];
}

export interface PipCommandEnvironment {
  callee(call: SyntaxNode): string | undefined;
  qualifiedName(node: SyntaxNode): string | undefined;
  constantValue(node: SyntaxNode): ConstValue | undefined;
  processLaunch(call: SyntaxNode): ProcessLaunch | undefined;
  stringTemplate(node: SyntaxNode): StringTemplate;
}

/** pip's own entry points, called with an argv list: `pip.main(["install", "x"])`. */
const PIP_MAIN = new Set(['pip.main', 'pip._internal.main', 'pip._internal.main.main', 'pip._internal.cli.main.main']);
const PIP_PROGRAM = /^pip(\d+(\.\d+)?)?$/;
const PYTHON_PROGRAM = /^(python(\d+(\.\d+)?)?w?|py|pypy3?)$/;
/** pip options placed before the subcommand that take a value (`pip --log x install …`). */
const GLOBAL_VALUE_OPTIONS = new Set(['--log', '--log-file', '--proxy', '--retries', '--timeout', '--exists-action', '--cert', '--client-cert', '--cache-dir', '--python', '--keyring-provider', '--trusted-host', '--use-feature', '--use-deprecated']);

function word(env: PipCommandEnvironment, node: SyntaxNode): PipWord {
  const value = env.constantValue(node);
  if (typeof value === 'string') return { text: value, dynamic: false };
  if (env.qualifiedName(node) === 'sys.executable') return { text: 'python', dynamic: false };
  // `f"http://{host}/simple"`: the constant parts still tell what the word is.
  return { text: env.stringTemplate(node).text || HOLE, dynamic: true };
}

/** Words after `pip …` (program index given): the arguments of its `install` subcommand, or undefined. */
function afterPip(words: readonly PipWord[], start: number): PipWord[] | undefined {
  let i = start;
  while (i < words.length && words[i]!.text.startsWith('-')) i += GLOBAL_VALUE_OPTIONS.has(words[i]!.text) ? 2 : 1;
  return words[i]?.text === 'install' ? words.slice(i + 1) : undefined;
}

/** The install command an argument vector runs, if it is one: pip, pipX.Y, python -m pip, uv pip, easy_install. */
export function pipInstallFromWords(words: readonly PipWord[], programIndex = 0): PipInstallCommand | undefined {
  const program = words[programIndex];
  if (!program) return undefined;
  const name = program.dynamic ? '' : programBaseName(program.text);
  if (PIP_PROGRAM.test(name)) {
    const args = afterPip(words, programIndex + 1);
    return args ? { tool: 'pip', args } : undefined;
  }
  if (name === 'uv' && words[programIndex + 1]?.text === 'pip') {
    const args = afterPip(words, programIndex + 2);
    return args ? { tool: 'uv pip', args } : undefined;
  }
  if (name === 'easy_install' || /^easy_install-\d/.test(name)) return { tool: 'easy_install', args: words.slice(programIndex + 1) };
  // `python -m pip install …`, also `{sys.executable} -m pip` (a dynamic interpreter) and `python -I -m pip`.
  if (PYTHON_PROGRAM.test(name) || program.dynamic) {
    for (let i = programIndex + 1; i < words.length && i <= programIndex + 4; i++) {
      const w = words[i]!.text;
      if (w === '-m' || w === '-mpip') {
        const module = w === '-mpip' ? 'pip' : words[i + 1]?.text;
        if (!module || !/^pip(\d+(\.\d+)?)?$/.test(module)) return undefined;
        const args = afterPip(words, w === '-mpip' ? i + 1 : i + 2);
        return args ? { tool: 'python -m pip', args } : undefined;
      }
      if (!w.startsWith('-')) return undefined;
    }
  }
  return undefined;
}

/** Commands of a shell command line, looking into `sh -c '…'` scripts. */
function fromCommandLine(text: string, depth = 0): PipInstallCommand[] {
  const out: PipInstallCommand[] = [];
  for (const command of shellCommands(text)) {
    const words: PipWord[] = command.words.map((w) => ({ text: w.text, dynamic: w.dynamic }));
    const index = effectiveProgramIndex(command.words) ?? 0;
    const found = pipInstallFromWords(words, index);
    if (found) {
      out.push(found);
      continue;
    }
    const program = words[index];
    const flag = program && !program.dynamic ? SHELL_SCRIPT_FLAGS[programBaseName(program.text)] : undefined;
    if (flag && depth < 2) {
      const at = words.findIndex((w, k) => k > index && flag.test(w.text));
      const script = at >= 0 ? words[at + 1] : undefined;
      if (script && !script.dynamic) out.push(...fromCommandLine(script.text, depth + 1));
    }
  }
  return out;
}

/** The `pip install` commands a call runs; empty for any other call. */
export function pipInstallCommands(call: SyntaxNode, env: PipCommandEnvironment): PipInstallCommand[] {
  const callee = env.callee(call);
  if (callee && PIP_MAIN.has(callee)) {
    const list = unwrapParentheses(call.childForFieldName('arguments')?.namedChildren.find((c) => c?.type !== 'comment' && c?.type !== 'keyword_argument') ?? null);
    if (!list || (list.type !== 'list' && list.type !== 'tuple')) return [];
    const words = namedChildren(list).map((n) => word(env, n));
    return words[0]?.text === 'install' ? [{ tool: 'pip (through pip.main)', args: words.slice(1) }] : [];
  }
  const launch = env.processLaunch(call);
  if (!launch) return [];
  if (launch.commandLine && launch.shell !== false) return fromCommandLine(env.stringTemplate(launch.commandLine).text);
  const out: PipInstallCommand[] = [];
  for (const alternative of launch.argv ?? []) {
    const words: PipWord[] = alternative.map((p) => (p.spread ? { text: HOLE, dynamic: true } : word(env, p.node)));
    const found = pipInstallFromWords(words);
    if (found) {
      out.push(found);
      break;
    }
    // `["sh", "-c", "pip install x"]`
    const program = words[0];
    const flag = program && !program.dynamic ? SHELL_SCRIPT_FLAGS[programBaseName(program.text)] : undefined;
    const at = flag ? words.findIndex((w, k) => k > 0 && flag.test(w.text)) : -1;
    const script = at >= 0 ? words[at + 1] : undefined;
    if (script && !script.dynamic) {
      out.push(...fromCommandLine(script.text));
      break;
    }
  }
  return out;
}

/** pip install options that take a value, so their values are not mistaken for packages. */
const INSTALL_VALUE_OPTIONS = new Set([
  '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links',
  '--trusted-host', '-t', '--target', '--platform', '--python-version', '--implementation', '--abi', '--root', '--prefix', '--src',
  '--upgrade-strategy', '--global-option', '--install-option', '-C', '--config-settings', '--no-binary', '--only-binary',
  '--progress-bar', '--report', '--log', '--proxy', '--retries', '--timeout', '--cert', '--client-cert', '--cache-dir', '--hash',
]);

export interface PipOption {
  /** Canonical long name: `--index-url`, `--extra-index-url`, `--trusted-host`, `--find-links`, `--requirement`… */
  name: string;
  value: PipWord;
}

const SHORT_NAMES: Record<string, string> = { '-r': '--requirement', '-c': '--constraint', '-e': '--editable', '-i': '--index-url', '-f': '--find-links', '-t': '--target' };

/** The options (with values) and the package arguments of `pip install` words. */
export function pipInstallArguments(args: readonly PipWord[]): { options: PipOption[]; packages: PipWord[] } {
  const options: PipOption[] = [];
  const packages: PipWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    if (w.dynamic && w.text === HOLE) {
      packages.push(w);
      continue;
    }
    if (!w.text.startsWith('-')) {
      packages.push(w);
      continue;
    }
    const eq = w.text.indexOf('=');
    if (w.text.startsWith('--') && eq > 0) {
      options.push({ name: w.text.slice(0, eq), value: { text: w.text.slice(eq + 1), dynamic: w.dynamic } });
      continue;
    }
    const short = w.text.slice(0, 2);
    if (!w.text.startsWith('--') && w.text.length > 2 && SHORT_NAMES[short]) {
      options.push({ name: SHORT_NAMES[short]!, value: { text: w.text.slice(2), dynamic: w.dynamic } });
      continue;
    }
    if (INSTALL_VALUE_OPTIONS.has(w.text)) {
      const value = args[i + 1];
      if (value) options.push({ name: SHORT_NAMES[w.text] ?? w.text, value });
      i++;
    }
  }
  return { options, packages };
}
