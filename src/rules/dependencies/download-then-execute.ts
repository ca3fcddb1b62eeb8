// download-then-execute: code fetched over HTTP and run without an integrity check — passed to exec/eval/compile,
// unpickled, run as a command or fed to an interpreter, piped from curl/wget into a shell, or written to a file that is
// then executed.
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';
import { unwrapParentheses } from '../../analysis/syntax.js';
import { programBaseName } from '../../analysis/shell-words.js';
import { FETCH_PACKAGES } from '../../analysis/downloaded-content.js';
import type { ProcessLaunch } from '../../analysis/process-launch.js';

const CODE_RUNNERS = new Set(['exec', 'eval', 'compile', 'builtins.exec', 'builtins.eval', 'builtins.compile']);
const BODY_LOADERS = new Set(['pickle.loads', '_pickle.loads', 'cPickle.loads', 'marshal.loads', 'dill.loads', 'cloudpickle.loads']);
const STREAM_LOADERS = new Set(['pickle.load', '_pickle.load', 'cPickle.load', 'marshal.load', 'dill.load', 'cloudpickle.load']);
/** Programs that run the script they read from stdin or are given as their first argument. */
const INTERPRETER = /^(sh|bash|zsh|dash|ksh|ash|fish|python(\d+(\.\d+)?)?|pypy3?|perl|ruby|node|pwsh|powershell|cmd)$/;
/** Calls that run or load the file at their `position` argument. */
const FILE_RUNNERS: Record<string, number> = {
  'runpy.run_path': 0,
  'os.startfile': 0,
  'ctypes.CDLL': 0,
  'ctypes.WinDLL': 0,
  'ctypes.cdll.LoadLibrary': 0,
  'ctypes.windll.LoadLibrary': 0,
  'importlib.util.spec_from_file_location': 1,
  'importlib.machinery.SourceFileLoader': 1,
  'imp.load_source': 1,
};
const OPENERS = new Set(['open', 'builtins.open', 'io.open', 'codecs.open']);
/** `curl … | sh`, `wget -O- … | sudo bash`, `bash -c "$(curl …)"`, `sh <(curl …)`. */
const PIPED_DOWNLOAD = /\b(curl|wget)\b[^|;&\n]*\|\s*(sudo\s+(-\S+\s+)*)?(env\s+)?(\S*\/)?(sh|bash|zsh|dash|ksh|python\d*(\.\d+)?|perl|ruby|node)\b|(\$\(|<\(|`)\s*(curl|wget)\b/;

function describeFetch(call: SyntaxNode, ctx: RuleContext): string {
  return `${ctx.callee(call) ?? 'an HTTP request'}() on line ${call.startPosition.row + 1}`;
}

const ADVICE = 'ship the code with the application, or download a pinned release and check its hash or signature before running it';

/** Ways to refer to a file path, so a write and a later execution of the same file can be matched. */
function pathKeys(node: SyntaxNode | null | undefined, ctx: RuleContext, depth = 0): Set<string> {
  const keys = new Set<string>();
  const n = unwrapParentheses(node);
  if (!n || depth > 4) return keys;
  const value = ctx.constantValue(n);
  if (typeof value === 'string' && value !== '') keys.add(`s:${value.replace(/^\.\//, '')}`);
  if (n.type === 'identifier') keys.add(`n:${n.text}`);
  else if (n.type === 'attribute') keys.add(`a:${n.text.replace(/\s+/g, '')}`);
  else if (n.type === 'call') {
    const name = ctx.callee(n);
    if (name === 'str' || name === 'os.fspath' || name === 'pathlib.Path' || name === 'os.path.abspath' || name === 'os.path.realpath') {
      for (const k of pathKeys(ctx.argument(n, 0), ctx, depth + 1)) keys.add(k);
    }
  }
  return keys;
}

function openModeWrites(open: SyntaxNode, ctx: RuleContext): boolean {
  const mode = ctx.stringValue(ctx.argument(open, 1, 'mode'));
  return mode !== undefined && /[wax]/.test(mode);
}

/** The file path an object was opened for writing from: `f` after `f = open(p, "wb")` or `with open(p, "wb") as f`. */
function writtenPath(object: SyntaxNode | null | undefined, ctx: RuleContext): SyntaxNode | undefined {
  if (!object) return undefined;
  for (const origin of ctx.originCalls(object) ?? []) {
    if (OPENERS.has(ctx.callee(origin) ?? '') && openModeWrites(origin, ctx)) return ctx.argument(origin, 0, 'file');
  }
  return undefined;
}

interface DownloadWrite {
  /** The path written. */
  path: SyntaxNode;
  fetch: SyntaxNode;
  at: SyntaxNode;
}

/** Calls in a block that write downloaded bytes to a file, and the path each writes. */
function downloadWrites(calls: readonly SyntaxNode[], ctx: RuleContext): DownloadWrite[] {
  const out: DownloadWrite[] = [];
  for (const call of calls) {
    const name = ctx.callee(call);
    const fn = call.childForFieldName('function');
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    if (name === 'urllib.request.urlretrieve' || name === 'urllib.urlretrieve' || name === 'wget.download') {
      const target = ctx.argument(call, 1, name === 'wget.download' ? 'out' : 'filename');
      if (target) out.push({ path: target, fetch: call, at: call });
      continue;
    }
    if (name === 'shutil.copyfileobj') {
      const fetch = ctx.downloadResponse(ctx.argument(call, 0, 'fsrc'));
      const target = writtenPath(ctx.argument(call, 1, 'fdst'), ctx);
      if (fetch && target) out.push({ path: target, fetch, at: call });
      continue;
    }
    if (method === 'write' || method === 'writelines') {
      const fetch = ctx.downloadSource(ctx.argument(call, 0));
      const target = fetch ? writtenPath(fn?.childForFieldName('object'), ctx) : undefined;
      if (fetch && target) out.push({ path: target, fetch, at: call });
      continue;
    }
    if (name === 'pathlib.Path().write_bytes' || name === 'pathlib.Path().write_text') {
      const fetch = ctx.downloadSource(ctx.argument(call, 0, 'data'));
      const object = fn?.childForFieldName('object');
      if (!fetch || !object) continue;
      const origin = ctx.originCalls(object)?.find((c) => ctx.callee(c) === 'pathlib.Path');
      out.push({ path: object.type === 'identifier' || !origin ? object : (ctx.argument(origin, 0) ?? object), fetch, at: call });
    }
  }
  return out;
}

/** The file-path arguments through which a call runs a file: argv items, shell command lines, runpy/ctypes/importlib paths, `exec(open(p).read())`. */
function executedPaths(call: SyntaxNode, ctx: RuleContext): { nodes: SyntaxNode[]; texts: string[] } {
  const nodes: SyntaxNode[] = [];
  const texts: string[] = [];
  const name = ctx.callee(call) ?? '';
  const position = FILE_RUNNERS[name];
  if (position !== undefined) {
    const arg = ctx.argument(call, position);
    if (arg) nodes.push(arg);
  }
  if (CODE_RUNNERS.has(name)) {
    // exec(open(p).read())
    const arg = unwrapParentheses(ctx.argument(call, 0));
    const fn = arg?.type === 'call' ? arg.childForFieldName('function') : undefined;
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'read') {
      for (const origin of ctx.originCalls(fn.childForFieldName('object')!) ?? []) {
        if (OPENERS.has(ctx.callee(origin) ?? '')) {
          const p = ctx.argument(origin, 0, 'file');
          if (p) nodes.push(p);
        }
      }
    }
  }
  const launch = ctx.processLaunch(call);
  if (launch) {
    for (const alternative of launch.argv ?? []) for (const piece of alternative) if (!piece.spread) nodes.push(piece.node);
    if (launch.executable) nodes.push(launch.executable);
    if (launch.commandLine) {
      const template = ctx.stringTemplate(launch.commandLine);
      texts.push(template.text);
      nodes.push(...template.holes, ...template.opaque);
    }
  }
  return { nodes, texts };
}

function reportWrittenThenRun(call: SyntaxNode, ctx: RuleContext): boolean {
  const { nodes, texts } = executedPaths(call, ctx);
  if (nodes.length === 0 && texts.length === 0) return false;
  const scope = ctx.enclosingFunction(call) ?? call.tree.rootNode;
  const before = ctx.callsWithin(scope).filter((c) => c.endIndex <= call.startIndex);
  for (const write of downloadWrites(before, ctx)) {
    const keys = pathKeys(write.path, ctx);
    if (keys.size === 0) continue;
    const hit =
      nodes.some((n) => [...pathKeys(n, ctx)].some((k) => keys.has(k))) ||
      [...keys].some((k) => k.startsWith('s:') && k.length > 3 && texts.some((t) => t.includes(k.slice(2))));
    if (hit) {
      ctx.report(call, `${(ctx.callee(call) ?? 'this call').replace(/^builtins\./, '')}() runs ${write.path.text} after line ${write.at.startPosition.row + 1} wrote the body of ${describeFetch(write.fetch, ctx)} to it, so whoever controls that URL or the connection chooses the code that runs; ${ADVICE}`);
      return true;
    }
  }
  return false;
}

/** Packages whose calls download (downloaded-content.ts) or save a download to a file (downloadWrites()). */
const DOWNLOAD_PACKAGES = [...new Set([...FETCH_PACKAGES, 'urllib', 'wget'])];

/** `curl … | sh` in a command line or in the argv of a launch. */
function reportPipedDownload(node: SyntaxNode, launch: ProcessLaunch, argv: SyntaxNode[], ctx: RuleContext): boolean {
  const lines = [launch.commandLine, ...(launch.shell ? [] : argv.slice(1))]
    .filter((n): n is SyntaxNode => !!n)
    .map((n) => ctx.stringTemplate(n).text);
  if (!lines.some((l) => PIPED_DOWNLOAD.test(l))) return false;
  ctx.report(node, `${launch.api}() pipes a curl/wget download straight into an interpreter; ${ADVICE}`);
  return true;
}

function interpreterOf(words: readonly SyntaxNode[], ctx: RuleContext): string | undefined {
  const first = words[0];
  if (!first) return undefined;
  const value = ctx.qualifiedName(first) === 'sys.executable' ? 'python' : ctx.stringValue(first);
  if (value === undefined) return undefined;
  const base = programBaseName(value);
  return INTERPRETER.test(base) ? base : undefined;
}

export const downloadThenExecute = defineRule({
  id: 'download-then-execute',
  title: 'Code downloaded over the network and executed',
  family: 'dependencies',
  checklist: ['Dependency Security', 'Code Injection Prevention'],
  level: 'error',
  securitySeverity: 8.8,
  precision: 'medium',
  tier: 'default',
  cwe: [494],
  compatible: {},
  supersedes: ['eval-nonconstant'],
  docs: {
    whatItDoes:
      'Reports code that fetches something over HTTP (`requests`, `httpx`, `urllib`, `urllib3`) and runs it without checking it: the response body passed to `exec`/`eval`/`compile` or unpickled, used as a command line or fed to a shell or Python interpreter on stdin, written to a file that is then run (`subprocess`, `os.system`, `runpy.run_path`, `ctypes`, `importlib`, `exec(open(p).read())`), and shell commands that pipe `curl`/`wget` into a shell.',
    whyBad:
      'Whoever controls the server, the DNS answer, a proxy or the network path decides what code the program runs, with the program\'s privileges and secrets. Nothing records which code ran, and a compromised download host (a common supply-chain attack) turns every running instance into the attacker\'s. Unlike a dependency, the downloaded code is never pinned, reviewed or scanned.',
    example:
      'import requests\nimport subprocess\n\nscript = requests.get("https://tools.example.com/install.py", timeout=10).text\nexec(script)\n\nsubprocess.run("curl -fsSL https://get.example.com | sh", shell=True, check=True)\n',
    useInstead:
      'import hashlib\nimport requests\n\nEXPECTED_SHA256 = "3f2c4e1a9b7d6c5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e"\nblob = requests.get("https://tools.example.com/data-1.4.2.json", timeout=10).content\nif hashlib.sha256(blob).hexdigest() != EXPECTED_SHA256:\n    raise RuntimeError("download does not match the pinned hash")\nconfig = blob.decode()\n',
    references: [
      'https://cwe.mitre.org/data/definitions/494.html',
      'https://owasp.org/www-project-top-ten/2017/A8_2017-Insecure_Deserialization',
      'https://docs.python.org/3/library/functions.html#exec',
    ],
  },
  visitors: {
    call(node, ctx) {
      // Every check but the curl/wget command line follows a download, and only files importing an HTTP client have one.
      if (!DOWNLOAD_PACKAGES.some((p) => ctx.importsPackage(p))) {
        const launch = ctx.processLaunch(node);
        if (launch) reportPipedDownload(node, launch, launch.argv?.[0]?.map((p) => p.node) ?? [], ctx);
        return;
      }
      const name = ctx.callee(node) ?? '';
      if (CODE_RUNNERS.has(name)) {
        const fetch = ctx.downloadSource(ctx.argument(node, 0));
        if (fetch) {
          ctx.report(node, `${name.replace(/^builtins\./, '')}() runs code downloaded by ${describeFetch(fetch, ctx)}, so whoever controls that URL or the connection chooses the code; ${ADVICE}`);
          return;
        }
      }
      if (BODY_LOADERS.has(name) || STREAM_LOADERS.has(name)) {
        const arg = ctx.argument(node, 0);
        const fetch = BODY_LOADERS.has(name) ? ctx.downloadSource(arg) : ctx.downloadResponse(arg);
        if (fetch) {
          ctx.report(node, `${name}() unpickles data downloaded by ${describeFetch(fetch, ctx)}, which runs any code the sender chose; exchange JSON or another data-only format, or verify a signature first`);
          return;
        }
      }
      const launch = ctx.processLaunch(node);
      if (launch) {
        const fetch =
          (launch.commandLine && ctx.downloadSource(launch.commandLine)) ||
          (launch.argv ?? []).flat().map((p) => (p.spread ? undefined : ctx.downloadSource(p.node))).find(Boolean);
        if (fetch) {
          ctx.report(node, `${launch.api}() runs a command downloaded by ${describeFetch(fetch, ctx)}; ${ADVICE}`);
          return;
        }
        const input = ctx.keyword(node, 'input').node;
        const argv = launch.argv?.[0]?.map((p) => p.node) ?? [];
        const interpreter = interpreterOf(argv, ctx);
        const piped = input ? ctx.downloadSource(input) : undefined;
        if (piped && interpreter) {
          ctx.report(node, `${launch.api}() feeds the body of ${describeFetch(piped, ctx)} to ${interpreter} on stdin; ${ADVICE}`);
          return;
        }
        if (reportPipedDownload(node, launch, argv, ctx)) return;
      }
      const fn = node.childForFieldName('function');
      if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'communicate') {
        const fetch = ctx.downloadSource(ctx.argument(node, 0, 'input'));
        const popen = fetch ? ctx.originCalls(fn.childForFieldName('object')!)?.map((c) => ctx.processLaunch(c)).find(Boolean) : undefined;
        const interpreter = popen ? interpreterOf(popen.argv?.[0]?.map((p) => p.node) ?? [], ctx) : undefined;
        if (fetch && interpreter) {
          ctx.report(node, `communicate() feeds the body of ${describeFetch(fetch, ctx)} to ${interpreter} on stdin; ${ADVICE}`);
          return;
        }
      }
      reportWrittenThenRun(node, ctx);
    },
  },
});
