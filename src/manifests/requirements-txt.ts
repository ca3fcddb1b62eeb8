// Parses a pip requirements (or constraints) file: requirement lines, per-requirement `--hash`, `-e`, the option lines
// that choose package indexes, `-r`/`-c` includes, `\` continuations and `#` comments, keeping each item's position.
import { LineIndex, type IndexSetting, type Manifest, type ManifestInclude, type ManifestProblem, type Requirement } from './model.js';
import { parseRequirement, toRequirement } from './requirement-line.js';

/** A logical line (continuations joined) and, for each of its characters, the offset in the file. */
interface LogicalLine {
  text: string;
  offsets: number[];
}

interface Token {
  text: string;
  /** Index in the logical line. */
  start: number;
}

/** Physical lines joined where a line ends with a backslash, as pip joins them before reading options. */
function logicalLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  let current: LogicalLine = { text: '', offsets: [] };
  let i = 0;
  while (i <= text.length) {
    let end = i;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    const line = text.slice(i, end);
    const breakLength = text[end] === '\r' && text[end + 1] === '\n' ? 2 : end < text.length ? 1 : 0;
    const continues = /\\$/.test(line) && !/^\s*#/.test(line);
    const kept = continues ? line.slice(0, -1) : line;
    for (let k = 0; k < kept.length; k++) {
      current.text += kept[k];
      current.offsets.push(i + k);
    }
    if (continues && end < text.length) {
      // The joined halves are separated like words, so `pkg==1 \` + `--hash=…` stays two tokens.
      current.text += ' ';
      current.offsets.push(i + kept.length);
    } else {
      out.push(current);
      current = { text: '', offsets: [] };
    }
    if (end >= text.length) break;
    i = end + breakLength;
  }
  if (current.text !== '') out.push(current);
  return out;
}

/** The line without its comment: `#` at the start or after whitespace begins one (pip's rule; `#egg=` in a URL stays). */
function stripComment(text: string): string {
  const m = /(^|\s)#/.exec(text);
  return m ? text.slice(0, m.index) : text;
}

function tokens(text: string): Token[] {
  return [...text.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: m.index }));
}

/** Options that take a value, by every spelling pip accepts. */
const VALUE_OPTIONS: Record<string, string> = {
  '-r': 'requirement',
  '--requirement': 'requirement',
  '-c': 'constraint',
  '--constraint': 'constraint',
  '-e': 'editable',
  '--editable': 'editable',
  '-i': 'index-url',
  '--index-url': 'index-url',
  '--extra-index-url': 'extra-index-url',
  '--trusted-host': 'trusted-host',
  '-f': 'find-links',
  '--find-links': 'find-links',
  '--hash': 'hash',
  '--no-binary': 'other',
  '--only-binary': 'other',
  '--use-feature': 'other',
  '--global-option': 'other',
  '--install-option': 'other',
  '--config-settings': 'other',
  '-C': 'other',
};

/** Options without a value, accepted and ignored. */
const FLAG_OPTIONS = new Set(['--no-index', '--pre', '--prefer-binary', '--require-hashes', '--no-deps', '--process-dependency-links']);

export function parseRequirementsFile(relPath: string, text: string): Manifest {
  const index = new LineIndex(text);
  const requirements: Requirement[] = [];
  const indexes: IndexSetting[] = [];
  const includes: ManifestInclude[] = [];
  const problems: ManifestProblem[] = [];

  for (const line of logicalLines(text)) {
    const content = stripComment(line.text);
    const toks = tokens(content);
    if (toks.length === 0) continue;
    const at = (logical: number) => line.offsets[Math.min(logical, line.offsets.length - 1)]!;
    const regionOf = (start: number, end: number) => index.region(at(start), at(end - 1) + 1);

    // The requirement is every token before the first option (pip's break_args_options).
    const firstOption = toks.findIndex((t) => t.text.startsWith('-'));
    const reqTokens = firstOption < 0 ? toks : toks.slice(0, firstOption);
    const optTokens = firstOption < 0 ? [] : toks.slice(firstOption);

    const hashes: string[] = [];
    let editable: { text: string; start: number } | undefined;
    for (let k = 0; k < optTokens.length; k++) {
      const tok = optTokens[k]!;
      const eq = tok.text.indexOf('=');
      let option = tok.text;
      let value: Token | undefined;
      if (tok.text.startsWith('--') && eq > 0) {
        option = tok.text.slice(0, eq);
        value = { text: tok.text.slice(eq + 1), start: tok.start + eq + 1 };
      } else if (/^-[a-zA-Z]./.test(tok.text) && VALUE_OPTIONS[tok.text.slice(0, 2)]) {
        option = tok.text.slice(0, 2); // `-rfile.txt`: optparse's attached short-option value
        value = { text: tok.text.slice(2), start: tok.start + 2 };
      }
      const kind = VALUE_OPTIONS[option];
      if (kind === undefined) {
        if (!FLAG_OPTIONS.has(option) && tok.text.startsWith('-')) {
          problems.push({ message: `unknown option '${option}'`, region: regionOf(tok.start, tok.start + tok.text.length) });
        }
        continue;
      }
      if (!value) {
        const next = optTokens[k + 1];
        if (!next) {
          problems.push({ message: `option '${option}' needs a value`, region: regionOf(tok.start, tok.start + tok.text.length) });
          continue;
        }
        value = next;
        k++;
      }
      const region = regionOf(tok.start, value.start + value.text.length);
      switch (kind) {
        case 'requirement':
        case 'constraint':
          includes.push({ kind: kind === 'requirement' ? 'requirements' : 'constraints', target: value.text, region });
          break;
        case 'editable':
          editable = value;
          break;
        case 'index-url':
        case 'extra-index-url':
        case 'trusted-host':
        case 'find-links':
          indexes.push({ kind, value: value.text, region });
          break;
        case 'hash':
          hashes.push(value.text);
          break;
        default:
          break;
      }
    }

    const isEditable = editable !== undefined;
    const reqStart = editable ? editable.start : reqTokens[0]?.start;
    if (reqStart === undefined) continue;
    // `-e <target>` may be followed by a marker or nothing else; the requirement text is the target plus its marker.
    const reqText = editable ? content.slice(editable.start, editable.start + editable.text.length) : content.slice(reqStart, reqTokens.at(-1)!.start + reqTokens.at(-1)!.text.length);
    const parsed = parseRequirement(reqText);
    if (!parsed.ok) {
      problems.push({ message: parsed.error, region: regionOf(reqStart, reqStart + reqText.trimEnd().length) });
      continue;
    }
    const r = parsed.requirement;
    requirements.push(
      toRequirement(r, { group: 'default', region: regionOf(reqStart, reqStart + Math.max(1, r.length)), text: reqText.slice(0, r.length).trim(), editable: isEditable, hashes }),
    );
  }
  return { path: relPath, format: 'requirements', requirements, indexes, includes, problems };
}
