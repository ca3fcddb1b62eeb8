// shellCommands(): a POSIX shell command line split into simple commands and words, quoting tracked, so rules can
// tell which program each command runs and which of its words the shell will expand as file-name patterns.
import { HOLE } from './string-template.js';

export interface ShellWord {
  /** The word as the program receives it: quotes and escapes removed, HOLE where a value unknown here goes. */
  text: string;
  /** Offsets in text of `*`, `?` and `[` that the shell expands as patterns (neither quoted nor escaped). */
  globs: number[];
  /** Part of the word is only known when the command runs: a HOLE, `$name`, `${…}`, `$(…)` or backquotes. */
  dynamic: boolean;
}

export interface SimpleCommand {
  /** The program and its arguments, without leading `NAME=value` assignments, reserved words and redirections. */
  words: ShellWord[];
}

/** Reserved words that may stand before a command (`if grep …; then rm …`); they are not programs. */
const RESERVED = new Set(['!', '{', '}', 'if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', 'time']);
/** Compound commands whose first simple command is a header, not a program: `for f in *`, `case $x in`. */
const HEADERS = new Set(['for', 'case', 'select', 'function', 'esac', '[[']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const NAME_CHAR = /[A-Za-z0-9_]/;

class Reader {
  readonly commands: SimpleCommand[] = [];
  private words: ShellWord[] = [];
  private word: ShellWord | undefined;
  /** The next word is the target of a redirection (`> out.txt`), not an argument. */
  private redirect = false;

  constructor(private readonly line: string) {}

  read(): SimpleCommand[] {
    const line = this.line;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (c === '\\') {
        if (line[i + 1] === '\n') i++;
        else if (i + 1 < line.length) this.append(line[++i]!);
      } else if (c === "'") {
        const end = line.indexOf("'", i + 1);
        const stop = end === -1 ? line.length : end;
        this.append(line.slice(i + 1, stop));
        i = stop;
      } else if (c === '"') {
        i = this.doubleQuoted(i + 1);
      } else if (c === '$' || c === '`') {
        i = this.substitution(i);
      } else if (c === ' ' || c === '\t' || c === '\r') {
        this.endWord();
      } else if (c === '\n' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')') {
        this.endCommand();
      } else if (c === '<' || c === '>') {
        // `2>file`: a number right before the operator names a file descriptor.
        if (this.word && /^\d+$/.test(this.word.text)) this.word = undefined;
        else this.endWord();
        while (line[i + 1] === '<' || line[i + 1] === '>' || line[i + 1] === '&' || line[i + 1] === '|') i++;
        this.redirect = true;
      } else if (c === '#' && !this.word) {
        const nl = line.indexOf('\n', i);
        i = nl === -1 ? line.length : nl - 1;
      } else if (c === '*' || c === '?' || c === '[') {
        const w = this.current();
        w.globs.push(w.text.length);
        w.text += c;
      } else {
        this.append(c);
      }
    }
    this.endCommand();
    return this.commands;
  }

  private current(): ShellWord {
    this.word ??= { text: '', globs: [], dynamic: false };
    return this.word;
  }

  private append(text: string): void {
    const w = this.current();
    w.text += text;
    if (text.includes(HOLE)) w.dynamic = true;
  }

  private dynamicPart(): void {
    const w = this.current();
    w.text += HOLE;
    w.dynamic = true;
  }

  /** Text after an opening `"`; returns the index of the closing quote. */
  private doubleQuoted(start: number): number {
    const line = this.line;
    this.current();
    let i = start;
    for (; i < line.length && line[i] !== '"'; i++) {
      const c = line[i]!;
      if (c === '\\' && i + 1 < line.length && '$`"\\\n'.includes(line[i + 1]!)) {
        if (line[i + 1] !== '\n') this.append(line[i + 1]!);
        i++;
      } else if (c === '$' || c === '`') {
        i = this.substitution(i);
      } else {
        this.append(c);
      }
    }
    return i;
  }

  /** `$name`, `${…}`, `$(…)`, `$((…))`, `` `…` ``: a value computed when the command runs. Returns the last index consumed. */
  private substitution(start: number): number {
    const line = this.line;
    if (line[start] === '`') {
      let i = start + 1;
      while (i < line.length && line[i] !== '`') i += line[i] === '\\' ? 2 : 1;
      this.dynamicPart();
      return Math.min(i, line.length);
    }
    const next = line[start + 1];
    if (next === '(' || next === '{') {
      const open = next;
      const close = open === '(' ? ')' : '}';
      let depth = 0;
      let i = start + 1;
      for (; i < line.length; i++) {
        if (line[i] === open) depth++;
        else if (line[i] === close && --depth === 0) break;
      }
      this.dynamicPart();
      return Math.min(i, line.length);
    }
    if (next !== undefined && (NAME_CHAR.test(next) || '@*#?$!-'.includes(next))) {
      let i = start + 1;
      if (NAME_CHAR.test(next) && !/\d/.test(next)) while (i + 1 < line.length && NAME_CHAR.test(line[i + 1]!)) i++;
      this.dynamicPart();
      return i;
    }
    this.append('$');
    return start;
  }

  private endWord(): void {
    if (!this.word) return;
    if (this.redirect) this.redirect = false;
    else this.words.push(this.word);
    this.word = undefined;
  }

  private endCommand(): void {
    this.endWord();
    this.redirect = false;
    let first = 0;
    while (first < this.words.length) {
      const w = this.words[first]!;
      if (w.globs.length === 0 && (RESERVED.has(w.text) || ASSIGNMENT.test(w.text))) first++;
      else break;
    }
    const head = this.words[first];
    if (head && !(head.globs.length === 0 && HEADERS.has(head.text))) this.commands.push({ words: this.words.slice(first) });
    this.words = [];
  }
}

/** The simple commands of a shell command line, in order (pipelines, lists, subshells and conditionals flattened). */
export function shellCommands(line: string): SimpleCommand[] {
  return new Reader(line).read();
}

/** The last path component of a program word, lower-cased, without a Windows `.exe`: `/usr/bin/Tar.exe` → `tar`. */
export function programBaseName(program: string): string {
  return program
    .split(/[\\/]/)
    .pop()!
    .toLowerCase()
    .replace(/\.exe$/, '');
}

/** Programs that run another program given after their own options, and those options that take a value. */
const WRAPPERS: Record<string, ReadonlySet<string>> = {
  sudo: new Set(['-u', '-g', '-C', '-p', '-U', '-r', '-t', '-D', '-h', '-R', '-T']),
  doas: new Set(['-u', '-C']),
  nohup: new Set(),
  nice: new Set(['-n']),
  ionice: new Set(['-c', '-n', '-p']),
  env: new Set(['-u', '-C', '-S']),
  exec: new Set(['-a']),
  command: new Set(),
  builtin: new Set(),
  time: new Set(['-f', '-o']),
  timeout: new Set(['-s', '-k']),
  stdbuf: new Set(['-i', '-o', '-e']),
  chrt: new Set(),
  taskset: new Set(),
};

/**
 * The index of the word naming the program that does the work, past wrappers such as `sudo`, `nice -n 5`, `env X=1` and
 * `timeout 10`: `sudo chmod 755 *` → 1. Undefined when a wrapper's operands cannot be told apart.
 */
export function effectiveProgramIndex(words: readonly ShellWord[]): number | undefined {
  let i = 0;
  while (i < words.length) {
    const w = words[i]!;
    if (w.dynamic) return undefined;
    const name = programBaseName(w.text);
    const valued = WRAPPERS[name];
    if (!valued) return i;
    i++;
    while (i < words.length) {
      const option = words[i]!.text;
      if (option === '--') {
        i++;
        break;
      }
      if (option.startsWith('-') && option.length > 1) i += valued.has(option) ? 2 : 1;
      else if (name === 'env' && ASSIGNMENT.test(option)) i++;
      else break;
    }
    // `timeout 10 cmd`, `chrt 5 cmd`, `taskset 0x3 cmd`: a positional operand before the program.
    if ((name === 'timeout' || name === 'chrt' || name === 'taskset') && i < words.length) i++;
  }
  return undefined;
}
