// processLaunch(): how a call starts a program — through a shell with a command line, or directly with an argument
// vector — and where its program, arguments and command line are, following argv lists built in local names.
import type { SyntaxNode } from '../parser/python.js';
import { isTruthy, type ConstValue } from './constants.js';
import type { KeywordValue } from './file-analysis.js';
import type { ScopeTable } from './scopes.js';
import { programBaseName } from './shell-words.js';
import { unwrapParentheses as unwrap, namedChildren as named } from './syntax.js';
import { SHELL_APIS, SHELL_SCRIPT_FLAGS as SHELL_PROGRAMS, SUBPROCESS_APIS as SUBPROCESS } from './process-apis.js';

/** One element of an argument vector, or (spread) an iterable whose items are spliced in: `*rest`, `cmd.extend(x)`. */
export interface ArgvPiece {
  node: SyntaxNode;
  spread: boolean;
}

export interface ProcessLaunch {
  /** The API, for messages: "subprocess.run", "os.execvp", "loop.subprocess_exec". */
  api: string;
  /** True: a shell interprets commandLine. False: the program runs with argv. Undefined: `shell=` is not known. */
  shell: boolean | undefined;
  /** The command line a shell runs (for `shell=True` with a sequence, its first item). */
  commandLine?: SyntaxNode;
  /** The program, when given apart from argv: `os.execv(path, …)`, `executable=`. */
  executable?: SyntaxNode;
  /** Every way the argument vector may be built (argv[0] included); an expression of unknown shape is one spread piece. */
  argv?: ArgvPiece[][];
  /** The argv expression as passed to the call (list, name, call…); undefined for APIs that take arguments one by one. */
  argvNode?: SyntaxNode;
  /** A program named without a directory is looked up in PATH (execvp, subprocess) rather than the working directory (execv). */
  searchesPath: boolean;
}

export interface ProcessLaunchEnvironment {
  scopes: ScopeTable;
  callee(call: SyntaxNode): string | undefined;
  keyword(call: SyntaxNode, name: string): KeywordValue;
  constantValue(node: SyntaxNode): ConstValue | undefined;
  callsWithin(node: SyntaxNode): SyntaxNode[];
}

/** Functions that hand their command line to a shell: where the command line goes. */

interface ExecShape {
  /** Position of the program argument. */
  program: number;
  /** Position of the argv sequence (v variants); undefined for l variants, whose arguments follow the program one by one. */
  argv?: number;
  /** The last positional argument is the environment (e variants of the l family). */
  trailingEnv: boolean;
  searchesPath: boolean;
}

/** os.exec*, os.spawn*, os.posix_spawn*: where program and arguments go. */
const EXEC_APIS: Record<string, ExecShape> = {};
for (const [prefix, offset] of [
  ['exec', 0],
  ['spawn', 1],
] as const) {
  for (const suffix of ['l', 'le', 'lp', 'lpe', 'v', 've', 'vp', 'vpe']) {
    EXEC_APIS[`os.${prefix}${suffix}`] = {
      program: offset,
      argv: suffix.startsWith('v') ? offset + 1 : undefined,
      trailingEnv: suffix.startsWith('l') && suffix.endsWith('e'),
      searchesPath: suffix.includes('p'),
    };
  }
}
EXEC_APIS['os.posix_spawn'] = { program: 0, argv: 1, trailingEnv: false, searchesPath: false };
EXEC_APIS['os.posix_spawnp'] = { program: 0, argv: 1, trailingEnv: false, searchesPath: true };

/** Other process-starting functions handled one by one below. */
const OTHER_APIS = new Set(['asyncio.create_subprocess_exec', 'asyncio.subprocess.create_subprocess_exec', 'pty.spawn', 'os.startfile']);

/** Every call's resolved name is tested against these: Sets of the tables' own keys. */
const SHELL_API_NAMES: ReadonlySet<string> = new Set(Object.keys(SHELL_APIS));
const EXEC_API_NAMES: ReadonlySet<string> = new Set(Object.keys(EXEC_APIS));

const MAX_ALTERNATIVES = 8;
const MAX_DEPTH = 8;
/** List methods that add items to an argv built in a local name. */
const ADDERS = new Set(['append', 'extend', 'insert']);

function methodName(call: SyntaxNode): string | undefined {
  const fn = call.childForFieldName('function');
  return fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
}

/** Positional arguments in order, `*rest` as a spread piece (call-arguments.ts stops at the first splat). */
function positionalPieces(call: SyntaxNode): ArgvPiece[] {
  const list = call.childForFieldName('arguments');
  if (!list || list.type !== 'argument_list') return [];
  const out: ArgvPiece[] = [];
  for (const arg of named(list)) {
    if (arg.type === 'keyword_argument' || arg.type === 'dictionary_splat') continue;
    if (arg.type === 'list_splat') {
      const inner = named(arg)[0];
      if (inner) out.push({ node: inner, spread: true });
    } else {
      out.push({ node: arg, spread: false });
    }
  }
  return out;
}

function keywordArgument(call: SyntaxNode, name: string): SyntaxNode | undefined {
  const list = call.childForFieldName('arguments');
  if (!list || list.type !== 'argument_list') return undefined;
  for (const arg of named(list)) {
    if (arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === name) return arg.childForFieldName('value') ?? undefined;
  }
  return undefined;
}

class Launches {
  private readonly active = new Set<number>();

  constructor(private readonly env: ProcessLaunchEnvironment) {}

  launch(call: SyntaxNode): ProcessLaunch | undefined {
    const callee = this.env.callee(call);
    // `loop.subprocess_exec(…)`: the event loop is rarely resolvable, its method names are distinctive.
    const method = methodName(call);
    const loopMethod = method === 'subprocess_shell' || method === 'subprocess_exec';
    // Most calls start no process: decide that before reading any argument.
    const known = callee !== undefined && (SHELL_API_NAMES.has(callee) || SUBPROCESS.has(callee) || EXEC_API_NAMES.has(callee) || OTHER_APIS.has(callee));
    if (!known && !loopMethod) return undefined;
    const positional = positionalPieces(call);
    const at = (i: number): SyntaxNode | undefined => {
      const p = positional[i];
      // Positions after a `*rest` are unknown.
      return p && !positional.slice(0, i + 1).some((q) => q.spread) ? p.node : undefined;
    };

    const shellSlot = callee !== undefined ? SHELL_APIS[callee] : undefined;
    if (shellSlot) {
      const commandLine = keywordArgument(call, shellSlot.keyword) ?? at(shellSlot.position);
      return { api: callee!, shell: true, commandLine, searchesPath: true };
    }
    if (!known && method === 'subprocess_shell') {
      return { api: 'loop.subprocess_shell', shell: true, commandLine: keywordArgument(call, 'cmd') ?? at(1), searchesPath: true };
    }
    if (callee !== undefined && SUBPROCESS.has(callee)) return this.subprocess(call, callee, at);
    if (callee === 'asyncio.create_subprocess_exec' || callee === 'asyncio.subprocess.create_subprocess_exec') {
      return { api: callee, shell: false, argv: positional.length > 0 ? [positional] : undefined, searchesPath: true };
    }
    if (!known && method === 'subprocess_exec') {
      return { api: 'loop.subprocess_exec', shell: false, argv: positional.length > 1 ? [positional.slice(1)] : undefined, searchesPath: true };
    }
    if (callee === 'pty.spawn') {
      const argvNode = keywordArgument(call, 'argv') ?? at(0);
      return { api: callee, shell: false, argvNode, argv: argvNode ? this.argv(argvNode) : undefined, searchesPath: true };
    }
    if (callee === 'os.startfile') {
      return { api: callee, shell: false, executable: keywordArgument(call, 'path') ?? at(0), searchesPath: false };
    }
    const shape = callee !== undefined ? EXEC_APIS[callee] : undefined;
    if (shape) {
      const executable = keywordArgument(call, 'path') ?? at(shape.program);
      if (shape.argv !== undefined) {
        const argvNode = keywordArgument(call, 'argv') ?? keywordArgument(call, 'args') ?? at(shape.argv);
        return { api: callee!, shell: false, executable, argvNode, argv: argvNode ? this.argv(argvNode) : undefined, searchesPath: shape.searchesPath };
      }
      let args = positional.slice(shape.program + 1);
      if (shape.trailingEnv && args.length > 0 && !args.at(-1)!.spread) args = args.slice(0, -1);
      return { api: callee!, shell: false, executable, argv: [args], searchesPath: shape.searchesPath };
    }
    return undefined;
  }

  private subprocess(call: SyntaxNode, callee: string, at: (i: number) => SyntaxNode | undefined): ProcessLaunch {
    const argvNode = keywordArgument(call, 'args') ?? at(0);
    const flag = this.env.keyword(call, 'shell');
    const shell = !flag.present ? (flag.maybeInUnknownSplat ? undefined : false) : flag.value === undefined ? undefined : isTruthy(flag.value);
    const launch: ProcessLaunch = { api: callee, shell, argvNode, searchesPath: true };
    if (!argvNode) return launch;
    const argv = this.sequence(argvNode, 0);
    if (shell === true) {
      // POSIX runs the first item of a sequence as the command line (the rest become $0, $1…); a str is the line itself.
      const firsts = argv?.map((pieces) => pieces[0]);
      const fromList = firsts && firsts.length === 1 && firsts[0] && !firsts[0].spread ? firsts[0].node : undefined;
      launch.commandLine = fromList ?? (firsts?.some((f) => f && !f.spread) ? undefined : argvNode);
      return launch; // executable= replaces the shell there, not the program
    }
    const executable = this.env.keyword(call, 'executable').node;
    if (executable) launch.executable = executable;
    launch.argv = argv ?? [[{ node: unwrap(argvNode), spread: true }]];
    return launch;
  }

  /** The ways an argv expression may be built; an expression of unknown shape is one spread piece. */
  private argv(node: SyntaxNode): ArgvPiece[][] {
    return this.sequence(node, 0) ?? [[{ node: unwrap(node), spread: true }]];
  }

  /**
   * The ways a sequence expression may be built: list and tuple literals, `+`, conditional choices, and names bound to
   * them in their scope, with items later added by `+=`, `append`, `extend` and `insert`. Anything else is one spread piece.
   */
  sequence(expr: SyntaxNode, depth: number): ArgvPiece[][] | undefined {
    const node = unwrap(expr);
    if (depth > MAX_DEPTH || this.active.has(node.id)) return undefined;
    this.active.add(node.id);
    try {
      return this.compute(node, depth + 1);
    } finally {
      this.active.delete(node.id);
    }
  }

  private compute(node: SyntaxNode, depth: number): ArgvPiece[][] | undefined {
    const or = (n: SyntaxNode): ArgvPiece[][] => this.sequence(n, depth) ?? [[{ node: unwrap(n), spread: true }]];
    switch (node.type) {
      case 'list':
      case 'tuple':
        return [
          named(node).map((item) =>
            item.type === 'list_splat' ? { node: named(item)[0] ?? item, spread: true } : { node: item, spread: false },
          ),
        ];
      case 'binary_operator': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (node.childForFieldName('operator')?.type !== '+' || !left || !right) return undefined;
        const out: ArgvPiece[][] = [];
        for (const a of or(left)) for (const b of or(right)) if (out.length < MAX_ALTERNATIVES) out.push([...a, ...b]);
        return out;
      }
      case 'conditional_expression': {
        const [whenTrue, , whenFalse] = named(node);
        if (!whenTrue || !whenFalse) return undefined;
        return [...or(whenTrue), ...or(whenFalse)].slice(0, MAX_ALTERNATIVES);
      }
      case 'identifier':
        return this.name(node, depth);
      default:
        return undefined;
    }
  }

  private name(identifier: SyntaxNode, depth: number): ArgvPiece[][] | undefined {
    const found = this.env.scopes.lookup(identifier.text, identifier);
    if (!found) return undefined;
    const bases: ArgvPiece[][] = [];
    // Items added later (`+=`, append, extend, insert), kept in source order.
    const added: { at: number; pieces: ArgvPiece[] }[] = [];
    const asPieces = (node: SyntaxNode): ArgvPiece[] => {
      const parts = this.sequence(node, depth);
      return parts?.length === 1 ? parts[0]! : [{ node: unwrap(node), spread: true }];
    };
    for (const b of found.bindings) {
      if (b.kind === 'delete') continue;
      if (!b.value || (b.kind !== 'assign' && b.kind !== 'walrus' && b.kind !== 'augmented')) return undefined;
      const value = unwrap(b.value);
      if (b.kind === 'augmented') added.push({ at: b.node.startIndex, pieces: asPieces(value) });
      // A str bound to the name is a whole program or command line, not a sequence to take apart.
      else bases.push(...(this.sequence(value, depth) ?? [[{ node: value, spread: true }]]));
    }
    if (bases.length === 0) return undefined;
    for (const call of this.env.callsWithin(found.scope.node)) {
      const fn = call.childForFieldName('function');
      const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
      const method = fn?.childForFieldName('attribute')?.text;
      if (receiver?.type !== 'identifier' || receiver.text !== identifier.text || !method || !ADDERS.has(method)) continue;
      if (this.env.scopes.lookup(receiver.text, receiver)?.scope !== found.scope) continue;
      const args = positionalPieces(call);
      const item = method === 'insert' ? args[1] : args[0];
      if (!item) continue;
      const pieces = method === 'extend' && !item.spread ? asPieces(item.node) : [item];
      added.push({ at: call.startIndex, pieces });
    }
    const tail = added.sort((x, y) => x.at - y.at).flatMap((a) => a.pieces);
    return bases.slice(0, MAX_ALTERNATIVES).map((b) => [...b, ...tail]);
  }
}

export class ProcessLaunches {
  /** By call id; null for calls that start no process. */
  private readonly memo = new Map<number, ProcessLaunch | null>();
  private readonly launches: Launches;

  constructor(env: ProcessLaunchEnvironment) {
    this.launches = new Launches(env);
  }

  /** How a call starts a process; undefined when it is not a process-starting API. */
  of(call: SyntaxNode): ProcessLaunch | undefined {
    const known = this.memo.get(call.id);
    if (known !== undefined) return known ?? undefined;
    const result = this.launches.launch(call);
    this.memo.set(call.id, result ?? null);
    return result;
  }
}

/**
 * The program an argv launch runs, per way argv is built: `executable=`/the path argument when given, else argv[0]
 * (the first element of a constant spread such as `*BASE_CMD`). Undefined entries stand for programs not known here.
 */
export function launchPrograms(launch: ProcessLaunch, constantValue: (n: SyntaxNode) => ConstValue | undefined): (SyntaxNode | string | undefined)[] {
  if (launch.shell === true) return [];
  if (launch.executable) return [launch.executable];
  if (!launch.argv) return [undefined];
  return launch.argv.map((pieces) => {
    const first = pieces[0];
    if (!first) return undefined;
    if (!first.spread) return first.node;
    const value = constantValue(first.node);
    // A str given as args names the program (POSIX) or is a command line whose first word it is (Windows).
    if (typeof value === 'string') return value.trim().split(/\s+/)[0];
    return Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;
  });
}

/**
 * Scripts handed to a shell started explicitly with an argument list: `["bash", "-c", script]`, `("sh", "-ec", s)`.
 * Each is the script expression; the program must fold to a constant shell name.
 */
export function explicitShellScripts(launch: ProcessLaunch, constantValue: (n: SyntaxNode) => ConstValue | undefined): SyntaxNode[] {
  if (launch.shell === true || !launch.argv) return [];
  const out: SyntaxNode[] = [];
  for (const pieces of launch.argv) {
    const programNode = launch.executable ?? (pieces[0] && !pieces[0].spread ? pieces[0].node : undefined);
    const program = programNode ? constantValue(programNode) : undefined;
    if (typeof program !== 'string') continue;
    const flag = SHELL_PROGRAMS[programBaseName(program)];
    if (!flag) continue;
    for (let i = 1; i < pieces.length; i++) {
      const piece = pieces[i]!;
      if (piece.spread) break;
      const value = constantValue(piece.node);
      if (typeof value !== 'string') break;
      if (flag.test(value)) {
        const script = pieces[i + 1];
        if (script && !script.spread) out.push(script.node);
        break;
      }
      if (!value.startsWith('-')) break;
    }
  }
  return out;
}
