// IPython syntax in notebook cells (magics, `!` shell escapes, `?` help) rewritten as Python of the same line count.
import { BUILTIN_NAMES } from '../analysis/builtins.js';

/**
 * What a Python line stands for. `code`: the cell's own line, unchanged. `shifted`: the cell's line with a magic prefix
 * cut off after the indentation (`%time x = f()` → `x = f()`), so columns past the indentation move by `shift`.
 * `magic`: a stand-in for IPython syntax (`pass`, `x = None`, a blank line). `shell`: a `!` escape (or %sx, %system,
 * %pip…) whose command line interpolates notebook variables, written as the os.system / subprocess.getoutput call
 * IPython makes, so the shell-injection rules judge it.
 */
export type LineKind = 'code' | 'shifted' | 'magic' | 'shell';

export interface PythonLine {
  text: string;
  kind: LineKind;
  /** For `shifted` lines: characters removed after the indentation. */
  shift: number;
}

/** Cell magics whose body is Python, run with timing or capture; the body is scanned. */
const PYTHON_BODY_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'memit', 'debug']);
/** Line magics followed by a Python statement (without options). */
const PYTHON_STATEMENT_LINE_MAGICS = new Set(['time', 'timeit', 'prun', 'memit', 'debug']);
/** Line magics that hand their (variable-expanded) line to a shell. */
const SHELL_LINE_MAGICS = new Set(['sx', 'system', 'pip', 'conda', 'mamba']);

/** Synthetic names; the leading underscore keeps them out of the way of the notebook's own. */
export const SHELL_MODULE_ALIAS = { system: '_krait_os', getoutput: '_krait_subprocess' } as const;

interface LineState {
  /** The physical line starts a new logical line (not inside brackets, a string or after a backslash). */
  startsLogical: boolean;
  /** The logical line ends on this physical line with nothing left open, and with no comment on it. */
  endsClean: boolean;
}

/** Tracks strings, brackets, comments and backslash continuations well enough to find where logical lines start. */
function scanLines(lines: readonly string[]): LineState[] {
  const states: LineState[] = [];
  let depth = 0;
  let triple: string | undefined;
  let continued = false;
  for (const line of lines) {
    const startsLogical = depth === 0 && triple === undefined && !continued;
    continued = false;
    let comment = false;
    let i = 0;
    while (i < line.length) {
      const c = line[i]!;
      if (triple) {
        if (c === '\\') i += 2;
        else if (line.startsWith(triple, i)) {
          i += 3;
          triple = undefined;
        } else i++;
        continue;
      }
      if (c === '#') {
        comment = true;
        break;
      }
      if (c === '"' || c === "'") {
        if (line.startsWith(c.repeat(3), i)) {
          triple = c.repeat(3);
          i += 3;
          continue;
        }
        i++;
        while (i < line.length && line[i] !== c) i += line[i] === '\\' ? 2 : 1;
        i++;
        continue;
      }
      if (c === '(' || c === '[' || c === '{') depth++;
      else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
      i++;
    }
    if (!comment && !triple && /\\\s*$/.test(line)) continued = true;
    states.push({ startsLogical, endsClean: depth === 0 && triple === undefined && !continued && !comment });
  }
  return states;
}

/** A line that IPython would read as an escape, classified before any Python is written for it. */
type Escape =
  | { kind: 'shell'; indent: string; target?: string; command: string; start: number }
  | { kind: 'statement'; indent: string; statement: string; start: number }
  | { kind: 'stand-in'; indent: string; target?: string };

/** %sx and %system run their line; %pip, %conda and %mamba run the tool of that name with it. */
function shellMagicCommand(name: string, rest: string): string {
  return name === 'sx' || name === 'system' ? rest : `${name} ${rest}`;
}

const ASSIGN_ESCAPE = /^(\s*)([A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*)\s*=\s*([!%])(?!=)(.*)$/;

function classify(line: string): Escape | undefined {
  const indent = /^\s*/.exec(line)![0];
  const body = line.slice(indent.length);
  const assign = ASSIGN_ESCAPE.exec(line);
  if (assign) {
    const [, , target, sigil, rest] = assign;
    if (sigil === '!') return { kind: 'shell', indent, target: target!, command: rest!, start: line.length - rest!.length };
    const m = /^(\w+)\s?(.*)$/.exec(rest!);
    if (m && SHELL_LINE_MAGICS.has(m[1]!)) return { kind: 'shell', indent, target: target!, command: shellMagicCommand(m[1]!, m[2]!), start: line.length - m[2]!.length };
    return { kind: 'stand-in', indent, target: target! };
  }
  if (body.startsWith('!')) {
    const command = body.replace(/^!!?/, '');
    return { kind: 'shell', indent, command, start: line.length - command.length };
  }
  if (body.startsWith('%')) {
    const m = /^%%?(\w+)\s?(.*)$/.exec(body);
    if (!m) return { kind: 'stand-in', indent };
    const [, name, rest] = m;
    if (SHELL_LINE_MAGICS.has(name!)) return { kind: 'shell', indent, command: shellMagicCommand(name!, rest!), start: line.length - rest!.length };
    if (PYTHON_STATEMENT_LINE_MAGICS.has(name!) && rest!.trim() !== '' && !rest!.startsWith('-')) {
      return { kind: 'statement', indent, statement: rest!, start: line.length - rest!.length };
    }
    return { kind: 'stand-in', indent };
  }
  if (/^[?]/.test(body) || /^[/;,][A-Za-z_]/.test(body)) return { kind: 'stand-in', indent };
  return undefined;
}

export interface CommandPart {
  /** Literal shell text, or a Python expression IPython substitutes. */
  text: string;
  isExpression: boolean;
}

const EXPRESSION = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[[^[\]{}]*\]|\([^(){}]*\))*(?:![rsa])?(?::[^{}]*)?$/;

/**
 * Splits a shell line the way IPython expands it: `{expr}` and `$name` are Python values, `$$`, `{{` and `}}` are
 * literal. A name the notebook never mentions (and no builtin) is left to the shell: `$HOME`, `${PATH}`, awk's
 * `{print $1}` — IPython itself leaves a line alone when a substitution fails.
 */
export function splitCommand(command: string, isKnownName: (name: string) => boolean): CommandPart[] {
  const parts: CommandPart[] = [];
  let literal = '';
  const flush = () => {
    if (literal) parts.push({ text: literal, isExpression: false });
    literal = '';
  };
  const known = (expr: string) => {
    const root = /^[A-Za-z_]\w*/.exec(expr)?.[0];
    return root !== undefined && (isKnownName(root) || BUILTIN_NAMES.has(root));
  };
  let i = 0;
  while (i < command.length) {
    const c = command[i]!;
    const next = command[i + 1];
    if ((c === '$' && next === '$') || (c === '{' && next === '{') || (c === '}' && next === '}')) {
      literal += c;
      i += 2;
      continue;
    }
    if (c === '$') {
      const m = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*/.exec(command.slice(i + 1));
      if (m && known(m[0])) {
        flush();
        parts.push({ text: m[0], isExpression: true });
        i += 1 + m[0].length;
        continue;
      }
    }
    if (c === '{') {
      const close = command.indexOf('}', i + 1);
      const inner = close === -1 ? '' : command.slice(i + 1, close).trim();
      if (inner && EXPRESSION.test(inner) && known(inner)) {
        flush();
        parts.push({ text: inner, isExpression: true });
        i = close + 1;
        continue;
      }
    }
    literal += c;
    i++;
  }
  flush();
  return parts;
}

/** An f-string literal for the parts, or undefined when an expression holds both kinds of quote. */
function fString(parts: readonly CommandPart[]): string | undefined {
  const exprs = parts.filter((p) => p.isExpression).map((p) => p.text);
  const quote = exprs.some((e) => e.includes('"')) ? "'" : '"';
  if (exprs.some((e) => e.includes(quote))) return undefined;
  const body = parts
    .map((p) => (p.isExpression ? `{${p.text}}` : p.text.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`).replace(/\{/g, '{{').replace(/\}/g, '}}')))
    .join('');
  return `f${quote}${body}${quote}`;
}

function shellLine(escape: Extract<Escape, { kind: 'shell' }>, isKnownName: (name: string) => boolean): PythonLine {
  const parts = splitCommand(escape.command.trim(), isKnownName);
  const literal = parts.some((p) => p.isExpression) ? fString(parts) : undefined;
  if (literal === undefined) {
    // A constant command line is the notebook author's own: nothing for a rule to judge.
    return { text: escape.target ? `${escape.indent}${escape.target} = []` : `${escape.indent}pass`, kind: 'magic', shift: 0 };
  }
  const text = escape.target
    ? `${escape.indent}import subprocess as ${SHELL_MODULE_ALIAS.getoutput}; ${escape.target} = ${SHELL_MODULE_ALIAS.getoutput}.getoutput(${literal})`
    : `${escape.indent}import os as ${SHELL_MODULE_ALIAS.system}; ${SHELL_MODULE_ALIAS.system}.system(${literal})`;
  return { text, kind: 'shell', shift: 0 };
}

/**
 * Identifiers in the cells' ordinary Python lines, outside one-line string literals and comments: the names a
 * `$name` or `{expr}` can refer to (`os.environ["HOME"]` does not make `$HOME` a Python value).
 */
export function collectNames(lines: Iterable<string>): Set<string> {
  const names = new Set<string>();
  for (const line of lines) {
    const code = line.replace(/(["'])(?:\\.|(?!\1).)*\1/g, '""').replace(/#.*$/, '');
    for (const m of code.matchAll(/[A-Za-z_]\w*/g)) names.add(m[0]);
  }
  return names;
}

export interface ClassifiedCell {
  lines: string[];
  escapes: (Escape | 'blank' | 'continuation' | undefined)[];
}

/** Finds the IPython syntax in one cell: a cell magic on its first line, escapes at the start of logical lines. */
export function classifyCell(lines: readonly string[]): ClassifiedCell {
  const escapes: ClassifiedCell['escapes'] = new Array<undefined>(lines.length).fill(undefined);
  const first = /^%%(\w+)/.exec(lines[0] ?? '');
  if (first) {
    const pythonBody = PYTHON_BODY_CELL_MAGICS.has(first[1]!);
    escapes[0] = 'blank';
    if (!pythonBody) {
      // %%bash, %%sh, %%script, %%html, %%writefile…: the body is not Python and IPython expands no variables in it.
      for (let i = 1; i < lines.length; i++) escapes[i] = 'blank';
      return { lines: [...lines], escapes };
    }
  }
  const states = scanLines(lines);
  for (let i = first ? 1 : 0; i < lines.length; i++) {
    if (!states[i]!.startsLogical) continue;
    let escape = classify(lines[i]!);
    if (!escape && states[i]!.endsClean && /\?\s*$/.test(lines[i]!) && lines[i]!.trim() !== '?') {
      escape = { kind: 'stand-in', indent: /^\s*/.exec(lines[i]!)![0] }; // `obj?`, `obj??`: help
    }
    if (!escape) continue;
    escapes[i] = escape;
    // An escape ending in a backslash goes on over the next lines: they join its command and become blank.
    while (/\\\s*$/.test(lines[i]!) && i + 1 < lines.length) {
      if (escape.kind === 'shell') escape.command = `${escape.command.replace(/\\\s*$/, '').trimEnd()} ${lines[i + 1]!.trim()}`;
      escapes[++i] = 'continuation';
    }
  }
  return { lines: [...lines], escapes };
}

/** The cell as Python, one line for each of its lines. */
export function renderCell(cell: ClassifiedCell, isKnownName: (name: string) => boolean): PythonLine[] {
  return cell.lines.map((line, i) => {
    const escape = cell.escapes[i];
    if (escape === undefined) return { text: line, kind: 'code', shift: 0 };
    if (escape === 'blank' || escape === 'continuation') return { text: '', kind: 'magic', shift: 0 };
    switch (escape.kind) {
      case 'shell':
        return shellLine(escape, isKnownName);
      case 'statement':
        return { text: `${escape.indent}${escape.statement}`, kind: 'shifted', shift: escape.start - escape.indent.length };
      case 'stand-in':
        return { text: escape.target ? `${escape.indent}${escape.target} = None` : `${escape.indent}pass`, kind: 'magic', shift: 0 };
    }
    return { text: line, kind: 'code', shift: 0 };
  });
}

/** Lines of code a cell contributes to name collection (escapes left out). */
export function codeLines(cell: ClassifiedCell): string[] {
  return cell.lines.filter((_, i) => cell.escapes[i] === undefined || (typeof cell.escapes[i] === 'object' && (cell.escapes[i] as Escape).kind === 'statement'));
}
