// Suppression comments of a manifest (`# krait: ignore[unpinned-requirement] -- reason`, `# nosec`), read from the
// text: requirements files, TOML and setup.cfg all use `#` comments, so a manifest finding is silenced like any other.
import { coveredLines, parseSuppressionComment, type SuppressionComment } from '../suppressions.js';

const MARKER = /krait|nosec|noqa|nosemgrep|lgtm|codeql/i;

/** Suppression comments with the lines each covers: its own, and for a comment alone on its line, the next entry. */
export function manifestSuppressions(text: string): SuppressionComment[] {
  if (!MARKER.test(text)) return [];
  const lines = text.split(/\r\n|\r|\n/);
  const out: SuppressionComment[] = [];
  lines.forEach((line, row) => {
    const m = /(^|\s)#/.exec(line);
    if (!m) return;
    const start = m.index + m[1]!.length;
    const comment = line.slice(start);
    if (!MARKER.test(comment)) return;
    const own = line.slice(0, start).trim() === '';
    for (const marker of parseSuppressionComment(comment)) {
      out.push({ ...marker, line: row + 1, column: start + 1, endColumn: line.length + 1, lines: coveredLines(lines, row, own, marker.kind) });
    }
  });
  return out;
}
