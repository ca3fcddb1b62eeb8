// File patterns for notebooks: every `*.py` glob gets an `*.ipynb` twin, so a folder scan finds both.

export const NOTEBOOK_EXTENSION = /\.ipynb$/i;

/** The patterns plus, for each one whose last part ends in `*.py`, the same pattern for `*.ipynb`. */
export function withNotebookPatterns(patterns: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of patterns) {
    out.push(p);
    if (!p.startsWith('!') && /(^|\/)[^/]*\*\.py$/.test(p.replace(/\\/g, '/'))) out.push(p.replace(/\.py$/, '.ipynb'));
  }
  return out;
}
