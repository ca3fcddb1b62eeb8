// A small JSON parser that remembers where each string sits in the text, so notebook cells map back to .ipynb lines.
import { lineIndexAt } from '../line-index.js';

export interface JsonString {
  kind: 'string';
  value: string;
  /** Offset in the JSON text of the string's first content character (just after the opening quote). */
  rawStart: number;
  /**
   * After each escape sequence, the pair [index in value, offset in the JSON text]. Between two escapes one
   * character of the value is one character of the text, so these pairs are enough to place any character.
   */
  marks: number[];
}

export type JsonNode =
  | JsonString
  | { kind: 'object'; entries: Map<string, JsonNode> }
  | { kind: 'array'; items: JsonNode[] }
  | { kind: 'number' | 'boolean' | 'null' };

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Offset in the JSON text of the character at `index` of the string's value (or just past its end). */
export function rawOffset(s: JsonString, index: number): number {
  let valueAt = 0;
  let rawAt = s.rawStart;
  // Binary search for the last escape mark at or before index.
  let lo = 0;
  let hi = s.marks.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (s.marks[mid * 2]! <= index) {
      valueAt = s.marks[mid * 2]!;
      rawAt = s.marks[mid * 2 + 1]!;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return rawAt + (index - valueAt);
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

class Parser {
  private i = 0;
  constructor(private readonly text: string) {}

  parseDocument(): JsonNode {
    if (this.text.charCodeAt(0) === 0xfeff) this.i = 1;
    const value = this.value(0);
    this.space();
    if (this.i < this.text.length) this.fail('unexpected text after the top-level value');
    return value;
  }

  private fail(message: string): never {
    throw new JsonSyntaxError(message, this.i);
  }

  private space(): void {
    const t = this.text;
    while (this.i < t.length) {
      const c = t.charCodeAt(this.i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.i++;
      else break;
    }
  }

  private value(depth: number): JsonNode {
    if (depth > 512) this.fail('nested too deeply');
    this.space();
    const c = this.text[this.i];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    if (c === 't' || c === 'f' || c === 'n') {
      for (const [word, kind] of [['true', 'boolean'], ['false', 'boolean'], ['null', 'null']] as const) {
        if (this.text.startsWith(word, this.i)) {
          this.i += word.length;
          return { kind };
        }
      }
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      const m = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
      m.lastIndex = this.i;
      if (m.exec(this.text)) {
        this.i = m.lastIndex;
        return { kind: 'number' };
      }
    }
    return this.fail(c === undefined ? 'unexpected end of text' : `unexpected character '${c}'`);
  }

  private object(depth: number): JsonNode {
    const entries = new Map<string, JsonNode>();
    this.i++;
    this.space();
    if (this.text[this.i] === '}') {
      this.i++;
      return { kind: 'object', entries };
    }
    for (;;) {
      this.space();
      if (this.text[this.i] !== '"') this.fail('expected a property name in double quotes');
      const key = this.string().value;
      this.space();
      if (this.text[this.i] !== ':') this.fail("expected ':' after a property name");
      this.i++;
      entries.set(key, this.value(depth + 1));
      this.space();
      const next = this.text[this.i++];
      if (next === '}') return { kind: 'object', entries };
      if (next !== ',') {
        this.i--;
        this.fail(next === undefined ? 'unexpected end of text' : "expected ',' or '}' in an object");
      }
    }
  }

  private array(depth: number): JsonNode {
    const items: JsonNode[] = [];
    this.i++;
    this.space();
    if (this.text[this.i] === ']') {
      this.i++;
      return { kind: 'array', items };
    }
    for (;;) {
      items.push(this.value(depth + 1));
      this.space();
      const next = this.text[this.i++];
      if (next === ']') return { kind: 'array', items };
      if (next !== ',') {
        this.i--;
        this.fail(next === undefined ? 'unexpected end of text' : "expected ',' or ']' in an array");
      }
    }
  }

  private string(): JsonString {
    const t = this.text;
    const rawStart = ++this.i;
    const marks: number[] = [];
    const parts: string[] = [];
    let runStart = this.i;
    let length = 0;
    for (;;) {
      if (this.i >= t.length) this.fail('unterminated string');
      const c = t.charCodeAt(this.i);
      if (c === 0x22) break;
      if (c < 0x20) this.fail('control character in a string');
      if (c !== 0x5c) {
        this.i++;
        continue;
      }
      parts.push(t.slice(runStart, this.i));
      length += this.i - runStart;
      const e = t[this.i + 1];
      if (e === 'u') {
        const hex = t.slice(this.i + 2, this.i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('bad \\u escape');
        parts.push(String.fromCharCode(parseInt(hex, 16)));
        this.i += 6;
      } else if (e !== undefined && e in ESCAPES) {
        parts.push(ESCAPES[e]!);
        this.i += 2;
      } else this.fail('bad escape in a string');
      length += 1;
      marks.push(length, this.i);
      runStart = this.i;
    }
    parts.push(t.slice(runStart, this.i));
    this.i++;
    return { kind: 'string', value: parts.join(''), rawStart, marks };
  }
}

/** Parses JSON text, keeping the position of every string; throws JsonSyntaxError with an offset. */
export function parseLocatedJson(text: string): JsonNode {
  return new Parser(text).parseDocument();
}

/** 0-based offsets where each line of the text starts (CR, LF and CRLF all end a line). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) starts.push(i + 1);
  }
  return starts;
}

/** 1-based line and column (UTF-16 units) of an offset, given the text's line starts. */
export function positionAt(starts: readonly number[], offset: number): { line: number; column: number } {
  const line = lineIndexAt(starts, offset);
  return { line: line + 1, column: offset - starts[line]! + 1 };
}
