// Notebook → Python conversion: the line map back to the .ipynb text, and IPython syntax turned into plain Python.
import { describe, expect, test } from 'vitest';
import { convertNotebook, mapPosition, mapRegion, type NotebookSource } from '../../src/notebook/convert.js';
import { lineStarts, parseLocatedJson, positionAt, rawOffset } from '../../src/notebook/json-locate.js';
import { classifyCell, codeLines, collectNames, renderCell, splitCommand } from '../../src/notebook/magics.js';

type Source = string | string[];

function notebook(cells: { type?: string; source: Source }[], language = 'python'): Record<string, unknown> {
  return {
    cells: cells.map((c) => ({ cell_type: c.type ?? 'code', metadata: {}, ...(c.type === 'markdown' ? {} : { execution_count: null, outputs: [] }), source: c.source })),
    metadata: { kernelspec: { display_name: 'Python 3', language, name: 'python3' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

function convert(text: string): NotebookSource {
  const c = convertNotebook(text);
  if (!c.ok) throw new Error(c.reason);
  return c.notebook;
}

/** 1-based line of the JSON text holding `needle`, and the column where it starts. */
function find(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in the text`);
  return positionAt(lineStarts(text), at);
}

/** Python line (1-based) holding `needle`. */
function pyLine(nb: NotebookSource, needle: string): number {
  const i = nb.python.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not in:\n${nb.python}`);
  return i + 1;
}

function python(lines: string[], names: string[] = []): string[] {
  const cell = classifyCell(lines);
  const known = new Set([...names, ...collectNames(codeLines(cell))]);
  return renderCell(cell, (n) => known.has(n)).map((l) => l.text);
}

describe('json-locate', () => {
  test('places every character of a string, across escapes and \\u sequences', () => {
    const text = '{"a": ["x\\"y\\u00e9z\\\\w\\n"]}';
    const root = parseLocatedJson(text);
    const s = root.kind === 'object' && root.entries.get('a')!.kind === 'array' ? (root.entries.get('a') as { items: unknown[] }).items[0] : undefined;
    expect(s).toMatchObject({ kind: 'string', value: 'x"yéz\\w\n' });
    const str = s as Parameters<typeof rawOffset>[0];
    for (const [index, raw] of [[0, 'x'], [1, '\\"'], [2, 'y'], [3, '\\u00e9'], [4, 'z'], [5, '\\\\'], [6, 'w'], [7, '\\n']] as const) {
      expect(text.startsWith(raw, rawOffset(str, index))).toBe(true);
    }
  });

  test('rejects broken JSON with the offset of the problem', () => {
    expect(() => parseLocatedJson('{"cells": [1, 2,]}')).toThrow(/unexpected character/);
    expect(() => parseLocatedJson('{"a": "open')).toThrow(/unterminated/);
  });

  test('lines end at LF, CRLF and CR', () => {
    expect(lineStarts('a\nb\r\nc\rd')).toEqual([0, 2, 5, 7]);
    expect(positionAt(lineStarts('a\r\nbc'), 4)).toEqual({ line: 2, column: 2 });
  });
});

describe('notebook line map', () => {
  const cells = [
    { type: 'markdown', source: ['# Notes\n', 'os.system(x) in markdown is not code'] },
    { source: ['import os\n', 'cmd = input()\n', 'os.system(cmd)\n'] },
    { source: ['def f(a):\n', '    return eval(a)'] },
  ];

  test('each Python line maps to the JSON line of its source string (Jupyter layout, indent 1)', () => {
    const text = JSON.stringify(notebook(cells), null, 1);
    const nb = convert(text);
    expect(nb.python).toBe('import os\ncmd = input()\nos.system(cmd)\ndef f(a):\n    return eval(a)\n');
    const line = pyLine(nb, 'os.system(cmd)');
    expect(mapPosition(nb, line, 1, 'start')).toEqual(find(text, 'os.system(cmd)'));
    expect(mapPosition(nb, pyLine(nb, 'eval(a)'), 12, 'start')).toEqual(find(text, 'eval(a)'));
    expect(mapRegion(nb, { startLine: line, startColumn: 1, endLine: line, endColumn: 15 })).toEqual({
      startLine: find(text, 'os.system(cmd)').line,
      startColumn: find(text, 'os.system(cmd)').column,
      endLine: find(text, 'os.system(cmd)').line,
      endColumn: find(text, 'os.system(cmd)').column + 14,
    });
  });

  test('a source given as one string maps every line to that JSON line, columns counted past the escapes', () => {
    const text = JSON.stringify(notebook([{ source: 'x = "é"\nimport os\nos.system(x)' }]), null, 2).replace('é', '\\u00e9');
    const nb = convert(text);
    expect(nb.python).toBe('x = "é"\nimport os\nos.system(x)\n');
    const at = mapPosition(nb, 3, 1, 'start');
    expect(at).toEqual(find(text, 'os.system(x)'));
    expect(mapPosition(nb, 1, 6, 'start')).toEqual(find(text, '\\u00e9'));
  });

  test('CRLF line breaks in the JSON text and in the cell text', () => {
    const text = JSON.stringify(notebook([{ source: ['import os\r\n', 'os.system(cmd)\r\n'] }]), null, 1).replace(/\n/g, '\r\n');
    const nb = convert(text);
    expect(nb.python).toBe('import os\nos.system(cmd)\n');
    expect(mapPosition(nb, 2, 1, 'start')).toEqual(find(text, 'os.system'));
  });

  test('a line split over two strings of the source array, and a compact one-line notebook', () => {
    const text = JSON.stringify(notebook([{ source: ['x = ', 'eval(y)\n', 'z = 1'] }]));
    const nb = convert(text);
    expect(nb.python).toBe('x = eval(y)\nz = 1\n');
    expect(mapPosition(nb, 1, 5, 'start')).toEqual(find(text, 'eval(y)'));
    expect(mapPosition(nb, 2, 1, 'start')).toEqual({ line: 1, column: find(text, 'z = 1').column });
  });

  test('nbformat 3 notebooks (worksheets, input) are read too', () => {
    const text = JSON.stringify({ worksheets: [{ cells: [{ cell_type: 'code', input: ['a = 1\n', 'eval(a)'] }] }], metadata: {}, nbformat: 3 }, null, 1);
    const nb = convert(text);
    expect(nb.python).toBe('a = 1\neval(a)\n');
    expect(mapPosition(nb, 2, 1, 'start')).toEqual(find(text, 'eval(a)'));
  });

  test('malformed, non-notebook and non-Python files are refused with a reason', () => {
    expect(convertNotebook('{"cells": [')).toMatchObject({ ok: false, level: 'warning', reason: expect.stringMatching(/not valid JSON .*line 1/) });
    expect(convertNotebook('[1, 2]')).toMatchObject({ ok: false, reason: expect.stringContaining('not a Jupyter notebook') });
    expect(convertNotebook(JSON.stringify(notebook([{ source: 'x <- 1' }], 'R')))).toMatchObject({ ok: false, level: 'note', reason: expect.stringContaining('r notebook') });
    expect(convertNotebook(JSON.stringify({ cells: [{ cell_type: 'code', source: 5 }] }))).toMatchObject({ ok: false, reason: expect.stringContaining('cell 1') });
  });
});

describe('IPython syntax', () => {
  test('line magics, help and autocall become pass, keeping the indentation', () => {
    expect(python(['%matplotlib inline', 'for i in range(3):', '    %load_ext foo', 'len?', '??len', '/print 1'])).toEqual([
      'pass',
      'for i in range(3):',
      '    pass',
      'pass',
      'pass',
      'pass',
    ]);
  });

  test('%time and %timeit keep their statement; a magic assigned to a name becomes None', () => {
    expect(python(['%time x = eval(s)', 'r = %timeit -o f()', '%timeit -n 3 f()'])).toEqual(['x = eval(s)', 'r = None', 'pass']);
  });

  test('%%bash, %%sh, %%script, %%html and %%writefile cells are blanked; %%time keeps its Python body', () => {
    expect(python(['%%bash', 'rm -rf {target}', 'echo $HOME'])).toEqual(['', '', '']);
    expect(python(['%%script bash --bg', 'sleep 1'])).toEqual(['', '']);
    expect(python(['%%writefile app.py', 'import os', 'os.system(x)'])).toEqual(['', '', '']);
    expect(python(['%%time', 'y = eval(s)'])).toEqual(['', 'y = eval(s)']);
  });

  test('a shell escape without Python values is a constant command: pass (or an empty list when assigned)', () => {
    expect(python(['!pip install numpy', 'files = !ls -la', '!echo $HOME ${PATH}', "!awk '{print $1}' data.txt"])).toEqual([
      'pass',
      'files = []',
      'pass',
      'pass',
    ]);
  });

  test('a shell escape interpolating notebook values becomes the os.system / getoutput call IPython makes', () => {
    const names = ['pkg', 'folder', 'opts'];
    expect(python(['!pip install {pkg}', 'out = !ls $folder', '  !!tar {opts["flags"]} "$folder"', '%pip install {pkg}', 'x = %sx cat {folder}'], names)).toEqual([
      'import os as _krait_os; _krait_os.system(f"pip install {pkg}")',
      'import subprocess as _krait_subprocess; out = _krait_subprocess.getoutput(f"ls {folder}")',
      `  import os as _krait_os; _krait_os.system(f'tar {opts["flags"]} "{folder}"')`,
      'import os as _krait_os; _krait_os.system(f"pip install {pkg}")',
      'import subprocess as _krait_subprocess; x = _krait_subprocess.getoutput(f"cat {folder}")',
    ]);
  });

  test('names only in strings or comments are not Python values: $HOME stays the shell\'s', () => {
    expect([...collectNames(['home = os.environ["HOME"]  # $USER too', "x = 'PATH'"])].sort()).toEqual(['environ', 'home', 'os', 'x']);
    expect(python(['home = os.environ["HOME"]', '!echo $HOME'])).toEqual(['home = os.environ["HOME"]', 'pass']);
  });

  test('shell text is escaped for the f-string: quotes, backslashes, literal braces and $$', () => {
    expect(splitCommand('echo "{a}" {{b}} $$c \\n', (n) => n === 'a')).toEqual([
      { text: 'echo "', isExpression: false },
      { text: 'a', isExpression: true },
      { text: '" {b} $c \\n', isExpression: false },
    ]);
    expect(python(['!echo "{a}" {{b}} \\n'], ['a'])).toEqual(['import os as _krait_os; _krait_os.system(f"echo \\"{a}\\" {{b}} \\\\n")']);
  });

  test('continued escapes join their lines; the continuation lines become blank', () => {
    expect(python(['!pip install \\', '    {pkg} \\', '    other', 'x = 1'], ['pkg'])).toEqual([
      'import os as _krait_os; _krait_os.system(f"pip install {pkg} other")',
      '',
      '',
      'x = 1',
    ]);
  });

  test('lines inside strings, brackets and comments are never escapes', () => {
    const cell = ['doc = """', '!not a shell line', '%not a magic', 'what?', '"""', 'call(', '    !x,', ')', '# is this?', 'y = a != b'];
    expect(python(cell)).toEqual(cell);
  });

  test('an escape in a notebook maps to the whole original line', () => {
    const text = JSON.stringify(notebook([{ source: ['pkg = input()\n', '!pip install {pkg}\n'] }]), null, 1);
    const nb = convert(text);
    const long = nb.python.split('\n')[1]!.length;
    const start = find(text, '!pip install {pkg}');
    expect(mapRegion(nb, { startLine: 2, startColumn: 25, endLine: 2, endColumn: long + 1 })).toEqual({
      startLine: start.line,
      startColumn: start.column,
      endLine: start.line,
      endColumn: start.column + '!pip install {pkg}'.length,
    });
  });

  test('%time lines keep exact columns past the removed prefix', () => {
    const text = JSON.stringify(notebook([{ source: ['%time r = eval(s)\n'] }]), null, 1);
    const nb = convert(text);
    expect(nb.python).toBe('r = eval(s)\n');
    expect(mapPosition(nb, 1, 5, 'start')).toEqual(find(text, 'eval(s)'));
  });
});
