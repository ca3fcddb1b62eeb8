// insecure-temp-file: tempfile.mktemp(), and fixed paths in /tmp, /var/tmp or /dev/shm that reach a call creating a file there.
import type { ConstValue } from '../../analysis/constants.js';
import type { KnownPrefix } from '../../analysis/string-prefix.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

/** Functions whose only job is to return a name that is free now and may not be when it is used. */
const NAME_ONLY: Record<string, string> = {
  'tempfile.mktemp': 'tempfile.mktemp()',
  'os.tempnam': 'os.tempnam()',
  'os.tmpnam': 'os.tmpnam()',
};

const SHARED_DIRS = ['/tmp', '/var/tmp', '/dev/shm'];

type ModeTest = (mode: string) => boolean;
const OPEN_WRITES: ModeTest = (m) => /[wax+]/.test(m);
const ARCHIVE_WRITES: ModeTest = (m) => /^[wax]/.test(m);
const DBM_WRITES: ModeTest = (m) => /^[cnw]/.test(m);

interface Slot {
  position: number | undefined;
  keyword: string;
}

interface PathSink {
  /** The argument that names the file or directory created or written. */
  path: Slot;
  /** A mode argument that decides whether the call writes; absent means it always writes. */
  mode?: Slot & { fallback: string; writes: ModeTest };
  /** os.open: the flags argument must ask for creation or writing. */
  flags?: Slot;
  /** Creating the shared directory itself is harmless (mkdir of /tmp). */
  createsPathItself?: boolean;
}

const OPEN_MODE = { position: 1, keyword: 'mode', fallback: 'r', writes: OPEN_WRITES };

const CALL_SINKS: Record<string, PathSink> = {
  open: { path: { position: 0, keyword: 'file' }, mode: OPEN_MODE },
  'io.open': { path: { position: 0, keyword: 'file' }, mode: OPEN_MODE },
  'codecs.open': { path: { position: 0, keyword: 'filename' }, mode: OPEN_MODE },
  'gzip.open': { path: { position: 0, keyword: 'filename' }, mode: { ...OPEN_MODE, fallback: 'rb' } },
  'bz2.open': { path: { position: 0, keyword: 'filename' }, mode: { ...OPEN_MODE, fallback: 'rb' } },
  'lzma.open': { path: { position: 0, keyword: 'filename' }, mode: { ...OPEN_MODE, fallback: 'rb' } },
  'tarfile.open': { path: { position: 0, keyword: 'name' }, mode: { position: 1, keyword: 'mode', fallback: 'r', writes: ARCHIVE_WRITES } },
  'zipfile.ZipFile': { path: { position: 0, keyword: 'file' }, mode: { position: 1, keyword: 'mode', fallback: 'r', writes: ARCHIVE_WRITES } },
  'shelve.open': { path: { position: 0, keyword: 'filename' }, mode: { position: 1, keyword: 'flag', fallback: 'c', writes: DBM_WRITES } },
  'dbm.open': { path: { position: 0, keyword: 'file' }, mode: { position: 1, keyword: 'flag', fallback: 'r', writes: DBM_WRITES } },
  'os.open': { path: { position: 0, keyword: 'path' }, flags: { position: 1, keyword: 'flags' } },
  'os.mkdir': { path: { position: 0, keyword: 'path' }, createsPathItself: true },
  'os.makedirs': { path: { position: 0, keyword: 'name' }, createsPathItself: true },
  'os.mkfifo': { path: { position: 0, keyword: 'path' } },
  'os.mknod': { path: { position: 0, keyword: 'path' } },
  'os.symlink': { path: { position: 1, keyword: 'dst' } },
  'os.link': { path: { position: 1, keyword: 'dst' } },
  'os.rename': { path: { position: 1, keyword: 'dst' } },
  'os.replace': { path: { position: 1, keyword: 'dst' } },
  'os.renames': { path: { position: 1, keyword: 'new' } },
  'shutil.copy': { path: { position: 1, keyword: 'dst' } },
  'shutil.copy2': { path: { position: 1, keyword: 'dst' } },
  'shutil.copyfile': { path: { position: 1, keyword: 'dst' } },
  'shutil.copytree': { path: { position: 1, keyword: 'dst' } },
  'shutil.move': { path: { position: 1, keyword: 'dst' } },
  'shutil.unpack_archive': { path: { position: 1, keyword: 'extract_dir' } },
  'shutil.make_archive': { path: { position: 0, keyword: 'base_name' } },
  'logging.FileHandler': { path: { position: 0, keyword: 'filename' } },
  'logging.handlers.RotatingFileHandler': { path: { position: 0, keyword: 'filename' } },
  'logging.handlers.TimedRotatingFileHandler': { path: { position: 0, keyword: 'filename' } },
  'logging.handlers.WatchedFileHandler': { path: { position: 0, keyword: 'filename' } },
  'logging.basicConfig': { path: { position: undefined, keyword: 'filename' } },
  'sqlite3.connect': { path: { position: 0, keyword: 'database' } },
  'urllib.request.urlretrieve': { path: { position: 1, keyword: 'filename' } },
  'numpy.save': { path: { position: 0, keyword: 'file' } },
  'numpy.savez': { path: { position: 0, keyword: 'file' } },
  'numpy.savez_compressed': { path: { position: 0, keyword: 'file' } },
  'numpy.savetxt': { path: { position: 0, keyword: 'fname' } },
  'torch.save': { path: { position: 1, keyword: 'f' } },
  'joblib.dump': { path: { position: 1, keyword: 'filename' } },
};

/** Methods of a pathlib path that create or write the path itself. */
const PATH_METHODS: Record<string, Omit<PathSink, 'path'> & { target?: Slot }> = {
  write_text: {},
  write_bytes: {},
  touch: {},
  mkdir: { createsPathItself: true },
  symlink_to: {},
  hardlink_to: {},
  open: { mode: { position: 0, keyword: 'mode', fallback: 'r', writes: OPEN_WRITES } },
  rename: { target: { position: 0, keyword: 'target' } },
  replace: { target: { position: 0, keyword: 'target' } },
  copy: { target: { position: 0, keyword: 'target' } },
  move: { target: { position: 0, keyword: 'target' } },
};

/** Objects whose extraction methods write into a directory. */
const ARCHIVE_CONSTRUCTORS = new Set([
  'tarfile.open',
  'tarfile.TarFile',
  'tarfile.TarFile.open',
  'tarfile.TarFile.taropen',
  'tarfile.TarFile.gzopen',
  'tarfile.TarFile.bz2open',
  'tarfile.TarFile.xzopen',
  'zipfile.ZipFile',
]);
const ARCHIVE_METHODS: Record<string, Slot> = {
  extractall: { position: 0, keyword: 'path' },
  extract: { position: 1, keyword: 'path' },
};

/** os.O_* flags that make os.open create or write. */
const WRITE_FLAGS = new Set(['os.O_CREAT', 'os.O_WRONLY', 'os.O_RDWR', 'os.O_APPEND', 'os.O_TRUNC', 'os.O_EXCL']);

/** The shared directory a known path lies in, if any. */
function sharedDirectory(prefix: KnownPrefix): { dir: string; isDirItself: boolean } | undefined {
  for (const dir of SHARED_DIRS) {
    const t = prefix.text;
    if (t === dir || t === `${dir}/`) return { dir, isDirItself: prefix.complete };
    if (t.startsWith(`${dir}/`)) return { dir, isDirItself: false };
  }
  return undefined;
}

function slotValue(ctx: RuleContext, call: SyntaxNode, slot: Slot): { node?: SyntaxNode; value?: ConstValue; present: boolean } {
  const node = ctx.argument(call, slot.position, slot.keyword);
  if (node) return { node, value: ctx.constantValue(node), present: true };
  const kw = ctx.keyword(call, slot.keyword);
  if (kw.present) return { node: kw.node, value: kw.value, present: true };
  return { present: kw.maybeInUnknownSplat || ctx.arguments(call).listSplats.length > 0 };
}

/** Whether the mode argument makes the call write: true, false, or undefined when it cannot be known. */
function writes(ctx: RuleContext, call: SyntaxNode, mode: NonNullable<PathSink['mode']>): boolean | undefined {
  const v = slotValue(ctx, call, mode);
  if (!v.present) return mode.writes(mode.fallback);
  return typeof v.value === 'string' ? mode.writes(v.value) : undefined;
}

/** The qualified names OR-ed together in an os.open flags expression, through single-assignment names. */
function flagNames(ctx: RuleContext, node: SyntaxNode | null | undefined, out: Set<string>, depth = 0): void {
  if (!node || depth > 16) return;
  if (node.type === 'binary_operator') {
    flagNames(ctx, node.childForFieldName('left'), out, depth + 1);
    flagNames(ctx, node.childForFieldName('right'), out, depth + 1);
    return;
  }
  if (node.type === 'parenthesized_expression') {
    flagNames(ctx, node.namedChildren.find((c) => c?.type !== 'comment'), out, depth + 1);
    return;
  }
  const name = ctx.qualifiedName(node);
  if (name !== undefined) {
    out.add(name);
    return;
  }
  if (node.type === 'identifier') {
    const values = ctx.boundValues(node);
    if (values?.length === 1) flagNames(ctx, values[0]!.node, out, depth + 1);
  }
}

function describe(prefix: KnownPrefix): string {
  return prefix.complete ? prefix.text : `${prefix.text}…`;
}

function reportPath(ctx: RuleContext, call: SyntaxNode, what: string, pathNode: SyntaxNode | undefined, createsPathItself = false): void {
  if (ctx.isTestFile || !pathNode) return;
  const prefix = ctx.knownPrefix(pathNode);
  if (!prefix) return;
  const shared = sharedDirectory(prefix);
  if (!shared || (createsPathItself && shared.isDirItself)) return;
  ctx.report(
    call,
    `${what} writes to "${describe(prefix)}", a fixed name in the shared directory ${shared.dir} that another local user can create or link first; use tempfile.mkstemp(), NamedTemporaryFile() or TemporaryDirectory() instead.`,
  );
}

function checkCallSink(ctx: RuleContext, call: SyntaxNode, callee: string, sink: PathSink): void {
  if (sink.mode && writes(ctx, call, sink.mode) !== true) return;
  if (sink.flags) {
    const names = new Set<string>();
    flagNames(ctx, slotValue(ctx, call, sink.flags).node, names);
    if (![...names].some((n) => WRITE_FLAGS.has(n))) return;
  }
  reportPath(ctx, call, `${callee}()`, slotValue(ctx, call, sink.path).node, sink.createsPathItself);
}

function checkMethodSink(ctx: RuleContext, call: SyntaxNode, fn: SyntaxNode): void {
  const method = fn.childForFieldName('attribute')?.text;
  const receiver = fn.childForFieldName('object');
  if (!method || !receiver) return;
  const pathMethod = PATH_METHODS[method];
  if (pathMethod) {
    const base = ctx.knownPrefix(receiver);
    if (base?.isPath) {
      if (pathMethod.mode && writes(ctx, call, pathMethod.mode) !== true) return;
      if (pathMethod.target) reportPath(ctx, call, `Path.${method}()`, slotValue(ctx, call, pathMethod.target).node);
      else reportPath(ctx, call, `Path.${method}()`, receiver, pathMethod.createsPathItself);
      return;
    }
  }
  const archiveSlot = ARCHIVE_METHODS[method];
  if (archiveSlot) {
    const origins = ctx.originCalls(receiver);
    if (!origins?.every((c) => ARCHIVE_CONSTRUCTORS.has(ctx.callee(c) ?? ''))) return;
    reportPath(ctx, call, `${method}()`, slotValue(ctx, call, archiveSlot).node);
  }
}

export const insecureTempFile = defineRule({
  id: 'insecure-temp-file',
  title: 'Predictable temporary file name or fixed path in a shared temporary directory',
  family: 'file-operations',
  checklist: ['File Operations'],
  level: 'warning',
  securitySeverity: 5.5,
  precision: 'medium',
  tier: 'default',
  cwe: [377],
  compatible: { bandit: ['B108', 'B306'], ruff: ['S108', 'S306'] },
  docs: {
    whatItDoes:
      'Reports `tempfile.mktemp()` (and the old `os.tempnam()`/`os.tmpnam()`) wherever it is called, under any alias. It also reports a hard-coded path in `/tmp`, `/var/tmp` or `/dev/shm` when that path reaches a call that creates or writes a file there: `open()` in a write mode, `os.open()` with creation or write flags, `os.mkdir`/`makedirs`, `pathlib.Path(...).write_text()`/`touch()`/`open("w")`, the destination of `shutil.copy*`/`move`, archive extraction targets, `logging.FileHandler`, `sqlite3.connect` and similar. The path may be written in the call, held in a single-assignment variable or module constant, or built with an f-string, `+`, `%`, `.format()`, `os.path.join()` or `Path / name` on such a prefix. Strings that only mention `/tmp` (help text, argparse defaults, log messages, comments), reads, and the `tempfile` functions that create files safely are not reported. Test files are exempt from the path check; `mktemp()` in tests is reported as a note.',
    whyBad:
      'Every local user and process can create entries in the shared temporary directories. `mktemp()` only returns a name that was free a moment ago, and a fixed name such as `/tmp/app.log` is known in advance, so another user can create that file or a symbolic link with that name before the program does. The program then writes into a file the attacker controls or can read, or follows the link and overwrites a file elsewhere with the program\'s privileges.',
    example: 'import tempfile\n\ndef save(data):\n    path = tempfile.mktemp(suffix=".json")\n    with open(path, "w") as f:\n        f.write(data)\n',
    useInstead:
      'import os\nimport tempfile\n\ndef save(data):\n    fd, path = tempfile.mkstemp(suffix=".json")\n    with os.fdopen(fd, "w") as f:\n        f.write(data)\n    return path\n',
    references: [
      'https://cwe.mitre.org/data/definitions/377.html',
      'https://docs.python.org/3/library/tempfile.html#tempfile.mkstemp',
      'https://docs.python.org/3/library/tempfile.html#deprecated-functions-and-variables',
      'https://owasp.org/www-community/vulnerabilities/Insecure_Temporary_File',
    ],
  },
  visitors: {
    call(node, ctx) {
      const fn = node.childForFieldName('function');
      if (!fn) return;
      const callee = ctx.callee(node);
      if (callee !== undefined) {
        const nameOnly = NAME_ONLY[callee];
        if (nameOnly) {
          ctx.report(
            node,
            `${nameOnly} returns a name that another process can claim before this one creates the file; use tempfile.mkstemp(), NamedTemporaryFile() or TemporaryDirectory(), which create it atomically.`,
          );
          return;
        }
        const sink = CALL_SINKS[callee];
        if (sink) {
          checkCallSink(ctx, node, callee, sink);
          return;
        }
      }
      if (fn.type === 'attribute') checkMethodSink(ctx, node, fn);
    },
  },
});
