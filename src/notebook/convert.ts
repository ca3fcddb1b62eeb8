// A Jupyter notebook's code cells as one Python text, with a map from each Python position back to the .ipynb text.
import { lineStarts, parseLocatedJson, positionAt, rawOffset, JsonSyntaxError, type JsonNode, type JsonString } from './json-locate.js';
import { classifyCell, codeLines, collectNames, renderCell, type LineKind } from './magics.js';
import type { Region } from '../engine/finding.js';

/** One piece of a cell's source: a JSON string, placed at `start` in the cell's text. */
interface Segment {
  start: number;
  string: JsonString;
}

interface LineOrigin {
  /** 0-based index of the code cell among all cells of the notebook. */
  cell: number;
  /** Where the line starts in its cell's text, and how long it is there. */
  offset: number;
  length: number;
  kind: LineKind;
  shift: number;
  indent: number;
  /** The cell's own text of the line, kept for shell escapes so messages can quote it. */
  original?: string;
}

export interface NotebookSource {
  /** The code cells as Python, joined in order. */
  python: string;
  /** How many code cells went into it. */
  codeCells: number;
  origins: LineOrigin[];
  segments: Segment[][];
  starts: number[];
  /** The .ipynb text's lines (without their line breaks), for snippets. */
  jsonLines: string[];
}

export type NotebookConversion = { ok: true; notebook: NotebookSource } | { ok: false; reason: string; level: 'warning' | 'note' };

function field(node: JsonNode | undefined, key: string): JsonNode | undefined {
  return node?.kind === 'object' ? node.entries.get(key) : undefined;
}

function stringField(node: JsonNode | undefined, key: string): string | undefined {
  const v = field(node, key);
  return v?.kind === 'string' ? v.value : undefined;
}

/** The kernel's language when the notebook names one. */
function language(root: JsonNode): string | undefined {
  const metadata = field(root, 'metadata');
  return (stringField(field(metadata, 'kernelspec'), 'language') ?? stringField(field(metadata, 'language_info'), 'name'))?.toLowerCase();
}

/** nbformat 4 keeps cells at the top; nbformat 3 inside worksheets, with `input` for a code cell's source. */
function cellsOf(root: JsonNode): { cell: JsonNode; sourceKey: string }[] | undefined {
  const cells = field(root, 'cells');
  if (cells?.kind === 'array') return cells.items.map((cell) => ({ cell, sourceKey: 'source' }));
  const worksheets = field(root, 'worksheets');
  if (worksheets?.kind !== 'array') return undefined;
  const out: { cell: JsonNode; sourceKey: string }[] = [];
  for (const ws of worksheets.items) {
    const wsCells = field(ws, 'cells');
    if (wsCells?.kind === 'array') for (const cell of wsCells.items) out.push({ cell, sourceKey: 'input' });
  }
  return out;
}

/** A cell's source (a string, or an array of strings to be concatenated) with the JSON strings it came from. */
function cellSource(node: JsonNode | undefined): { text: string; segments: Segment[] } | undefined {
  const strings = node?.kind === 'string' ? [node] : node?.kind === 'array' ? node.items : undefined;
  if (!strings) return undefined;
  const segments: Segment[] = [];
  let text = '';
  for (const s of strings) {
    if (s.kind !== 'string') return undefined;
    segments.push({ start: text.length, string: s });
    text += s.value;
  }
  return { text, segments };
}

/** Turns .ipynb text into Python for the parser plus the map back; a notebook that cannot be read says why. */
export function convertNotebook(jsonText: string): NotebookConversion {
  let root: JsonNode;
  try {
    root = parseLocatedJson(jsonText);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const at = positionAt(lineStarts(jsonText), error.offset);
    return { ok: false, level: 'warning', reason: `is not valid JSON (${error.message} at line ${at.line}, column ${at.column}); the notebook was not scanned` };
  }
  const cells = cellsOf(root);
  if (!cells) return { ok: false, level: 'warning', reason: 'is not a Jupyter notebook (no "cells" list); not scanned' };
  const lang = language(root);
  if (lang !== undefined && lang !== 'python' && !lang.startsWith('python') && lang !== 'ipython') {
    return { ok: false, level: 'note', reason: `is a ${lang} notebook, not Python; not scanned` };
  }

  const segments: Segment[][] = [];
  const classified: { cellIndex: number; lineOffsets: number[]; cell: ReturnType<typeof classifyCell> }[] = [];
  for (const [cellIndex, { cell, sourceKey }] of cells.entries()) {
    segments.push([]);
    if (stringField(cell, 'cell_type') !== 'code') continue;
    const source = cellSource(field(cell, sourceKey));
    if (!source) return { ok: false, level: 'warning', reason: `has a code cell (cell ${cellIndex + 1}) whose source is not text; not scanned` };
    segments[cellIndex] = source.segments;
    if (source.text === '') continue;
    const lines: string[] = [];
    const lineOffsets: number[] = [];
    let at = 0;
    for (const line of source.text.split('\n')) {
      lineOffsets.push(at);
      lines.push(line.endsWith('\r') ? line.slice(0, -1) : line);
      at += line.length + 1;
    }
    if (lines.length > 1 && lines[lines.length - 1] === '') {
      lines.pop();
      lineOffsets.pop();
    }
    classified.push({ cellIndex, lineOffsets, cell: classifyCell(lines) });
  }

  const names = collectNames(classified.flatMap((c) => codeLines(c.cell)));
  const isKnownName = (name: string) => names.has(name);
  const origins: LineOrigin[] = [];
  const python: string[] = [];
  for (const { cellIndex, lineOffsets, cell } of classified) {
    const rendered = renderCell(cell, isKnownName);
    rendered.forEach((line, i) => {
      python.push(line.text);
      origins.push({
        cell: cellIndex,
        offset: lineOffsets[i]!,
        length: cell.lines[i]!.length,
        kind: line.kind,
        shift: line.shift,
        indent: /^\s*/.exec(cell.lines[i]!)![0].length,
        ...(line.kind === 'shell' ? { original: cell.lines[i]!.trim() } : {}),
      });
    });
  }
  return {
    ok: true,
    notebook: {
      python: python.length ? `${python.join('\n')}\n` : '',
      codeCells: classified.length,
      origins,
      segments,
      starts: lineStarts(jsonText),
      jsonLines: jsonText.split(/\r\n|\r|\n/),
    },
  };
}

/** Offset in the .ipynb text of a character of a cell's text. */
function jsonOffset(segments: readonly Segment[], cellOffset: number): number {
  let seg = segments[0]!;
  for (const s of segments) {
    if (s.start > cellOffset) break;
    if (s.string.value.length > 0) seg = s;
  }
  return rawOffset(seg.string, cellOffset - seg.start);
}

/** 1-based cell number and 1-based line within the cell, for messages. */
export function cellLineOf(nb: NotebookSource, pythonLine: number): { cell: number; line: number } | undefined {
  const o = nb.origins[pythonLine - 1];
  if (!o) return undefined;
  let line = 1;
  for (let i = pythonLine - 2; i >= 0 && nb.origins[i]!.cell === o.cell; i--) line++;
  return { cell: o.cell + 1, line };
}

/** Where a 1-based Python line and column sits in the .ipynb text (1-based line and column). */
export function mapPosition(nb: NotebookSource, line: number, column: number, side: 'start' | 'end'): { line: number; column: number } {
  const index = Math.min(Math.max(line, 1), nb.origins.length) - 1;
  const o = nb.origins[index];
  if (!o) return { line: 1, column: 1 };
  let within: number;
  if (o.kind === 'code') within = column - 1;
  else if (o.kind === 'shifted') within = column - 1 <= o.indent ? column - 1 : column - 1 + o.shift;
  // Stand-ins and shell calls have no column of their own: the whole original line.
  else within = side === 'start' ? o.indent : o.length;
  within = Math.min(Math.max(within, 0), o.length);
  return positionAt(nb.starts, jsonOffset(nb.segments[o.cell]!, o.offset + within));
}

/** A Python region as a region of the .ipynb text. */
export function mapRegion(nb: NotebookSource, region: Region): Region {
  const start = mapPosition(nb, region.startLine, region.startColumn, 'start');
  // A region that ends at column 1 of the next line ends with the previous line's break.
  const endsAtBreak = region.endColumn === 1 && region.endLine > region.startLine;
  const endLine = endsAtBreak ? region.endLine - 1 : region.endLine;
  const endColumn = endsAtBreak ? (nb.origins[endLine - 1]?.length ?? 0) + 1 : region.endColumn;
  let end = mapPosition(nb, endLine, endColumn, 'end');
  if (end.line < start.line || (end.line === start.line && end.column < start.column)) end = start;
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
}

/** The kind of a Python line (is it one of the notebook's own lines, or a stand-in). */
export function lineKind(nb: NotebookSource, pythonLine: number): LineKind | undefined {
  return nb.origins[pythonLine - 1]?.kind;
}

/** The notebook's own text of a shell-escape line (`!pip install {pkg}`). */
export function shellEscapeText(nb: NotebookSource, pythonLine: number): string | undefined {
  return nb.origins[pythonLine - 1]?.original;
}
