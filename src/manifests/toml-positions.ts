// Where each value of a TOML document sits: a light scanner beside smol-toml (which gives values but no positions), so
// findings can point at the dependency line in pyproject.toml or a Pipfile.

/** Offsets of a value in the text: from its key (or, for array items, the item) to the end of the value. */
export interface TomlSpan {
  start: number;
  end: number;
}

/** Path of a value: table names and keys, array indices as decimal strings (`tool`, `poetry`, `source`, `0`, `url`). */
export type TomlPath = readonly string[];

export function pathKey(path: TomlPath): string {
  return path.join('\u0001');
}

/**
 * Spans of every value, keyed by pathKey(). Assumes a document smol-toml accepted; on anything unexpected it stops
 * and returns what it found (positions are a convenience: a missing one falls back to the table header or line 1).
 */
export function tomlSpans(text: string): Map<string, TomlSpan> {
  const spans = new Map<string, TomlSpan>();
  const arrayTables = new Map<string, number>();
  let i = 0;
  let table: string[] = [];

  const peek = () => text[i];
  const skipInline = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  };
  /** Whitespace, newlines and comments. */
  const skipAll = () => {
    for (;;) {
      while (i < text.length && /\s/.test(text[i]!)) i++;
      if (text[i] === '#') {
        while (i < text.length && text[i] !== '\n') i++;
        continue;
      }
      return;
    }
  };
  const readString = (): string => {
    const triple = text.startsWith('"""', i) || text.startsWith("'''", i);
    const quote = text[i]!;
    const delim = triple ? quote.repeat(3) : quote;
    i += delim.length;
    let out = '';
    while (i < text.length) {
      if (text.startsWith(delim, i)) {
        // A closing triple quote may be followed by up to two more quotes that belong to the content.
        if (triple) while (text[i + 3] === quote) out += text[i++];
        i += delim.length;
        return out;
      }
      if (quote === '"' && text[i] === '\\') {
        out += text[i + 1] ?? '';
        i += 2;
        continue;
      }
      if (!triple && text[i] === '\n') return out;
      out += text[i++];
    }
    return out;
  };
  const readKey = (): string[] => {
    const keys: string[] = [];
    for (;;) {
      skipInline();
      const c = peek();
      if (c === '"' || c === "'") keys.push(readString());
      else {
        const m = /^[A-Za-z0-9_-]+/.exec(text.slice(i, i + 256));
        if (!m) return keys;
        keys.push(m[0]);
        i += m[0].length;
      }
      skipInline();
      if (peek() !== '.') return keys;
      i++;
    }
  };
  /** The path of a table header, with the current index inserted after every array-of-tables prefix. */
  const resolveHeader = (keys: string[]): string[] => {
    const out: string[] = [];
    for (const k of keys) {
      out.push(k);
      const n = arrayTables.get(pathKey(out));
      if (n !== undefined) out.push(String(n));
    }
    return out;
  };
  const readValue = (path: string[], start: number): void => {
    const c = peek();
    if (c === '"' || c === "'") {
      readString();
    } else if (c === '[') {
      i++;
      let n = 0;
      for (;;) {
        skipAll();
        if (i >= text.length) return;
        if (peek() === ']') {
          i++;
          break;
        }
        const itemStart = i;
        readValue([...path, String(n)], itemStart);
        n++;
        skipAll();
        if (peek() === ',') i++;
        else if (peek() !== ']') return;
      }
    } else if (c === '{') {
      i++;
      for (;;) {
        skipAll();
        if (i >= text.length) return;
        if (peek() === '}') {
          i++;
          break;
        }
        const keyStart = i;
        const keys = readKey();
        if (keys.length === 0) return;
        skipInline();
        if (peek() !== '=') return;
        i++;
        skipInline();
        readValue([...path, ...keys], keyStart);
        skipAll();
        if (peek() === ',') i++;
      }
    } else {
      const m = /^[^,\]}\s#]+(?:[ T][0-9:.+-Z]+)?/.exec(text.slice(i, i + 256));
      if (!m) return;
      i += m[0].length;
    }
    spans.set(pathKey(path), { start, end: i });
  };

  while (i < text.length) {
    skipAll();
    if (i >= text.length) break;
    if (text.startsWith('[[', i)) {
      i += 2;
      const keys = readKey();
      const parent = resolveHeader(keys.slice(0, -1));
      const own = [...parent, ...keys.slice(-1)];
      const n = (arrayTables.get(pathKey(own)) ?? -1) + 1;
      arrayTables.set(pathKey(own), n);
      table = [...own, String(n)];
      spans.set(pathKey(table), { start: i - 2, end: i });
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (peek() === '[') {
      const start = i;
      i++;
      table = resolveHeader(readKey());
      spans.set(pathKey(table), { start, end: i });
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    const keyStart = i;
    const keys = readKey();
    if (keys.length === 0) break;
    skipInline();
    if (peek() !== '=') break;
    i++;
    skipInline();
    readValue([...table, ...keys], keyStart);
    while (i < text.length && text[i] !== '\n') i++;
  }
  return spans;
}

/** The span of a path, or of its nearest ancestor that has one (a table header), or undefined. */
export function spanOf(spans: ReadonlyMap<string, TomlSpan>, path: TomlPath): TomlSpan | undefined {
  for (let n = path.length; n > 0; n--) {
    const s = spans.get(pathKey(path.slice(0, n)));
    if (s) return s;
  }
  return undefined;
}
