// parseRegex(): the shape of a Python regular expression — anchors, literal host names, unescaped dots, character
// ranges — enough to tell what text a validation pattern accepts beyond what its author meant.

export type TokenKind = 'char' | 'escape' | 'dot' | 'class' | 'open' | 'close' | 'alt' | 'quant' | 'start' | 'end';

export interface RegexToken {
  kind: TokenKind;
  /** Source text of the token (`\.`, `[a-z]`, `{1,3}`). */
  text: string;
  /** Offset in the pattern. */
  at: number;
  /** Group nesting depth (0 = top level). */
  depth: number;
  /** For 'char' and escaped literals: the character matched. */
  literal?: string;
  /** For 'class': its ranges with literal (unescaped) end points. */
  ranges?: { lo: string; hi: string; at: number }[];
  /** For 'end': `$` (also matches before a final newline) rather than `\Z`. */
  dollar?: boolean;
  /** For 'open': a lookaround or inline flag group, which matches no text of its own. */
  zeroWidth?: boolean;
}

export interface HostLiteral {
  /** The host as written, dots unescaped: `www.example.com`. */
  host: string;
  /** Token indices of the first and last token of the host. */
  first: number;
  last: number;
  /** Offsets of dots in the host that are not escaped (they match any character). */
  unescapedDots: number[];
}

const ESCAPE_CLASSES = new Set(['d', 'D', 'w', 'W', 's', 'S', 'b', 'B']);
const TLD = /^(com|org|net|edu|gov|mil|int|io|co|ai|app|dev|cloud|info|biz|me|us|uk|de|fr|nl|eu|ca|au|jp|cn|in|ru|br|es|it|ch|se|no|dk|fi|pl|be|at|nz|ie|sg|hk|kr|tw|il|za|mx|ar|cz|pt|gr|tr|ua|online|site|tech|xyz|page|app|ly|gl|gg|tv|fm|so)$/i;

/** Splits a pattern into tokens; undefined for a pattern it cannot read (verbose mode, unbalanced brackets). */
export function tokenize(pattern: string): RegexToken[] | undefined {
  if (/\(\?[a-zA-Z]*x/.test(pattern)) return undefined; // verbose patterns: whitespace and comments change meaning
  const out: RegexToken[] = [];
  let depth = 0;
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i]!;
    const at = i;
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n === undefined) return undefined;
      if (n === 'A') out.push({ kind: 'start', text: '\\A', at, depth });
      else if (n === 'Z' || n === 'z') out.push({ kind: 'end', text: `\\${n}`, at, depth });
      else if (ESCAPE_CLASSES.has(n)) out.push({ kind: 'escape', text: `\\${n}`, at, depth });
      else out.push({ kind: 'char', text: `\\${n}`, at, depth, literal: n === 'n' ? '\n' : n === 't' ? '\t' : n });
      i += 2;
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      const ranges: { lo: string; hi: string; at: number }[] = [];
      // One member of the class: its length, and the character when written literally.
      const atom = (k: number): { length: number; literal?: string } => {
        if (pattern[k] !== '\\') return { length: 1, literal: pattern[k] };
        const m = /^\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\}|[0-7]{1,3}|.)/s.exec(pattern.slice(k));
        return { length: m ? m[0].length : 2 };
      };
      while (j < pattern.length && pattern[j] !== ']') {
        const lo = atom(j);
        const dash = j + lo.length;
        if (pattern[dash] === '-' && pattern[dash + 1] !== undefined && pattern[dash + 1] !== ']') {
          const hi = atom(dash + 1);
          if (lo.literal !== undefined && hi.literal !== undefined) ranges.push({ lo: lo.literal, hi: hi.literal, at: j });
          j = dash + 1 + hi.length;
          continue;
        }
        j += lo.length;
      }
      if (j >= pattern.length) return undefined;
      out.push({ kind: 'class', text: pattern.slice(i, j + 1), at, depth, ranges });
      i = j + 1;
      continue;
    }
    if (c === '(') {
      let text = '(';
      let zeroWidth = false;
      if (pattern[i + 1] === '?') {
        const m = /^\(\?(P<[^>]*>|:|=|!|<=|<!|[a-zA-Z-]+:|[a-zA-Z-]+\))/.exec(pattern.slice(i));
        if (!m) return undefined;
        text = m[0];
        zeroWidth = /^\(\?(=|!|<=|<!|[a-zA-Z-]+\))/.test(text);
        if (/^\(\?[a-zA-Z-]+\)$/.test(text)) {
          // An inline flag group such as (?i): no group to close.
          i += text.length;
          continue;
        }
      }
      out.push({ kind: 'open', text, at, depth, zeroWidth });
      depth++;
      i += text.length;
      continue;
    }
    if (c === ')') {
      if (depth === 0) return undefined;
      depth--;
      out.push({ kind: 'close', text: ')', at, depth });
      i++;
      continue;
    }
    if (c === '|') {
      out.push({ kind: 'alt', text: '|', at, depth });
      i++;
      continue;
    }
    if (c === '*' || c === '+' || c === '?' || c === '{') {
      let text = c;
      if (c === '{') {
        const m = /^\{\d*(,\d*)?\}/.exec(pattern.slice(i));
        if (!m) {
          out.push({ kind: 'char', text: c, at, depth, literal: c });
          i++;
          continue;
        }
        text = m[0];
      }
      let j = i + text.length;
      if (pattern[j] === '?' || pattern[j] === '+') j++;
      out.push({ kind: 'quant', text: pattern.slice(i, j), at, depth });
      i = j;
      continue;
    }
    if (c === '^') out.push({ kind: 'start', text: c, at, depth });
    else if (c === '$') out.push({ kind: 'end', text: c, at, depth, dollar: true });
    else if (c === '.') out.push({ kind: 'dot', text: c, at, depth });
    else out.push({ kind: 'char', text: c, at, depth, literal: c });
    i++;
  }
  return depth === 0 ? out : undefined;
}

/** Top-level alternatives of a token list (split at depth-0 `|`). */
function alternatives(tokens: RegexToken[], depth = 0): RegexToken[][] {
  const out: RegexToken[][] = [[]];
  for (const t of tokens) {
    if (t.kind === 'alt' && t.depth === depth) out.push([]);
    else out[out.length - 1]!.push(t);
  }
  return out;
}

/** The tokens inside the group closed at index i (exclusive of the brackets). */
function groupBefore(tokens: RegexToken[], closeIndex: number): RegexToken[] {
  const depth = tokens[closeIndex]!.depth;
  let j = closeIndex - 1;
  while (j >= 0 && !(tokens[j]!.kind === 'open' && tokens[j]!.depth === depth)) j--;
  return tokens.slice(j + 1, closeIndex);
}

function endsAnchored(seq: RegexToken[]): boolean {
  let k = seq.length - 1;
  while (k >= 0 && (seq[k]!.kind === 'close' && groupBefore(seq, k).length === 0)) k--;
  const last = seq[k];
  if (!last) return false;
  if (last.kind === 'end') return true;
  if (last.kind === 'close') {
    const inner = groupBefore(seq, k);
    return alternatives(inner, last.depth + 1).every(endsAnchored);
  }
  return false;
}

function startsAnchored(seq: RegexToken[]): boolean {
  const first = seq[0];
  if (!first) return false;
  if (first.kind === 'start') return true;
  if (first.kind === 'open' && !first.zeroWidth) {
    let j = 1;
    const inner: RegexToken[] = [];
    for (; j < seq.length; j++) {
      const t = seq[j]!;
      if (t.kind === 'close' && t.depth === first.depth) break;
      inner.push(t);
    }
    const quant = seq[j + 1];
    if (quant?.kind === 'quant' && /^[?*]|^\{0/.test(quant.text)) return false;
    return alternatives(inner, first.depth + 1).every(startsAnchored);
  }
  return false;
}

export interface RegexShape {
  tokens: RegexToken[];
  /** Every top-level alternative starts with `^` or `\A`. */
  startAnchored: boolean;
  /** Every top-level alternative ends with `$` or `\Z` (or a group whose alternatives all do). */
  endAnchored: boolean;
  /** The end anchor is `$`, which also accepts a trailing newline. */
  endsWithDollar: boolean;
  /** The last element is quantified (`+`, `*`, `{m,n}`): the pattern means to consume a whole run of text. */
  lastQuantified: boolean;
  /** The pattern ends in `.*` / `.+`: it deliberately accepts any tail. */
  endsWithWildcard: boolean;
}

export function parseRegex(pattern: string): RegexShape | undefined {
  const tokens = tokenize(pattern);
  if (!tokens || tokens.length === 0) return undefined;
  const alts = alternatives(tokens);
  const last = tokens[tokens.length - 1]!;
  const beforeLast = tokens[tokens.length - 2];
  return {
    tokens,
    startAnchored: alts.every(startsAnchored),
    endAnchored: alts.every(endsAnchored),
    endsWithDollar: alts.some((a) => a.some((t) => t.kind === 'end' && t.dollar) && endsAnchored(a)),
    lastQuantified: last.kind === 'quant',
    endsWithWildcard: last.kind === 'quant' && beforeLast?.kind === 'dot' && /^[*+]/.test(last.text),
  };
}

const LABEL_CHAR = /^[a-z0-9-]$/i;

/** Literal host names in the pattern (`example\.com`, `www.example.com`): labels joined by dots, the last one a common TLD. */
export function hostLiterals(tokens: RegexToken[]): HostLiteral[] {
  const out: HostLiteral[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    const isLabelChar = (k: number) => tokens[k]?.kind === 'char' && LABEL_CHAR.test(tokens[k]!.literal ?? '') && tokens[k + 1]?.kind !== 'quant';
    const isSeparator = (k: number) => (tokens[k]?.kind === 'dot' || (tokens[k]?.kind === 'char' && tokens[k]!.literal === '.')) && tokens[k + 1]?.kind !== 'quant' && tokens[k]!.depth === t.depth;
    if (!isLabelChar(i)) {
      i++;
      continue;
    }
    let j = i;
    let host = '';
    const dots: number[] = [];
    let lastLabelEnd = i;
    for (;;) {
      if (isLabelChar(j) && tokens[j]!.depth === t.depth) {
        host += tokens[j]!.literal;
        lastLabelEnd = j;
        j++;
      } else if (isSeparator(j) && isLabelChar(j + 1)) {
        if (tokens[j]!.kind === 'dot') dots.push(tokens[j]!.at);
        host += '.';
        j++;
      } else break;
    }
    const labels = host.split('.');
    if (labels.length >= 2 && TLD.test(labels[labels.length - 1]!) && labels.every((l) => l.length > 0)) out.push({ host, first: i, last: lastLabelEnd, unescapedDots: dots });
    i = j + 1;
  }
  return out;
}

/** What follows token index i ends a host name: `/`, `:`, `?`, `#`, an end anchor, or a group whose alternatives all start so. */
export function hostTerminatedAfter(tokens: RegexToken[], index: number): boolean {
  let k = index + 1;
  // Leaving groups that close right after the host: `(www\.)?(example\.com)` — what follows the group decides.
  while (tokens[k]?.kind === 'close') {
    k++;
    if (tokens[k]?.kind === 'quant') return false;
  }
  const next = tokens[k];
  if (!next) return false;
  if (next.kind === 'end') return true;
  if (next.kind === 'char') return ['/', ':', '?', '#', '\\'].includes(next.literal ?? '');
  if (next.kind === 'class') return /^\[[/:?#\\]+\]$/.test(next.text);
  if (next.kind === 'open' && !next.zeroWidth) {
    const inner: RegexToken[] = [];
    for (let j = k + 1; j < tokens.length && !(tokens[j]!.kind === 'close' && tokens[j]!.depth === next.depth); j++) inner.push(tokens[j]!);
    return alternatives(inner, next.depth + 1).every((alt) => alt.length > 0 && hostTerminatedAfter([{ kind: 'char', text: '', at: -1, depth: 0 }, ...alt.map((t) => ({ ...t, depth: 0 }))], 0));
  }
  if (next.kind === 'open' && next.zeroWidth && next.text === '(?=') return true;
  return false;
}

/** The token right before index i (skipping group openings) is a character that starts a host: `.`, `/`, `@`, or a start anchor. */
export function hostDelimitedBefore(tokens: RegexToken[], index: number): boolean {
  let k = index - 1;
  while (tokens[k]?.kind === 'open') k--;
  const prev = tokens[k];
  if (!prev) return false;
  if (prev.kind === 'start') return true;
  if (prev.kind === 'char') return ['.', '/', '@'].includes(prev.literal ?? '');
  if (prev.kind === 'class') return /^\[[./@]+\]$/.test(prev.text);
  return false;
}

/** Unescaped dots between characters that make it clear a literal dot was meant: `\d+.\d+`, `[a-z]+.txt`, `v1.2`. */
export function suspiciousDots(tokens: RegexToken[]): RegexToken[] {
  const out: RegexToken[] = [];
  const wordish = (t: RegexToken | undefined) =>
    !!t && ((t.kind === 'char' && /^[a-z0-9]$/i.test(t.literal ?? '')) || (t.kind === 'escape' && /^\\[dw]$/.test(t.text)) || (t.kind === 'class' && !t.text.startsWith('[^')));
  tokens.forEach((t, i) => {
    if (t.kind !== 'dot' || tokens[i + 1]?.kind === 'quant') return;
    let p = i - 1;
    if (tokens[p]?.kind === 'quant') p--;
    const next = tokens[i + 1];
    if (!wordish(tokens[p]) || !wordish(next)) return;
    // A literal word after the dot (`.txt`, `.com`) or digits on both sides (`\d+.\d+`).
    const nextIsWord = next!.kind === 'char' && wordish(tokens[i + 2]) && tokens[i + 2]!.kind === 'char';
    const digits = (x: RegexToken | undefined) => !!x && ((x.kind === 'escape' && x.text === '\\d') || (x.kind === 'class' && /^\[0-9\]$/.test(x.text)) || (x.kind === 'char' && /^[0-9]$/.test(x.literal ?? '')));
    if (nextIsWord || (digits(tokens[p]) && digits(next))) out.push(t);
  });
  return out;
}

function charClass(c: string): 'digit' | 'upper' | 'lower' | 'other' {
  if (c >= '0' && c <= '9') return 'digit';
  if (c >= 'A' && c <= 'Z') return 'upper';
  if (c >= 'a' && c <= 'z') return 'lower';
  return 'other';
}

/**
 * Character ranges that span more than their author meant: end points from different groups of letters and digits
 * (`A-z` also takes `[\]^_` and the backtick, `0-z`), or punctuation end points that enclose letters or digits (`+-.` is fine,
 * `$-_` is not). Printable-ASCII ranges (` -~`, `!-~`) and ranges from or to a character outside printable ASCII are deliberate.
 */
export function overlyWideRanges(tokens: RegexToken[]): { lo: string; hi: string; at: number }[] {
  const out: { lo: string; hi: string; at: number }[] = [];
  for (const t of tokens) {
    for (const r of t.ranges ?? []) {
      if (r.lo > r.hi) continue; // an error at compile time, not a wide range
      const a = charClass(r.lo);
      const b = charClass(r.hi);
      if (a === b && a !== 'other') continue;
      if ((r.lo === ' ' || r.lo === '!') && r.hi === '~') continue;
      // Code-point ranges from a control or non-ASCII character (`[\x00-\x7f]`, `[\t-~]`, `[ -\uffff]`) are deliberate.
      const printable = (c: string) => c >= ' ' && c <= '~';
      if (!printable(r.lo) || !printable(r.hi)) continue;
      const covers = (lo: string, hi: string) => r.lo <= hi && r.hi >= lo;
      if (covers('0', '9') || covers('A', 'Z') || covers('a', 'z')) out.push(r);
    }
  }
  return out;
}
