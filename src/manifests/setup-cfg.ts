// Parses the dependency keys of setup.cfg (INI): `[options] install_requires`, `setup_requires`, `tests_require` and
// `[options.extras_require]`, one requirement per continuation line, plus `file:` includes.
import { LineIndex, type Manifest, type ManifestInclude, type ManifestProblem, type Requirement } from './model.js';
import { parseRequirement, toRequirement } from './requirement-line.js';

/** Keys of `[options]` that list requirements, and the group each belongs to. */
const OPTION_KEYS: Record<string, string> = { install_requires: 'default', setup_requires: 'build-system', tests_require: 'test' };

interface ValueLine {
  text: string;
  /** Offset of text in the file. */
  offset: number;
}

interface Entry {
  section: string;
  key: string;
  lines: ValueLine[];
}

/** configparser's reading: `[section]`, `key = value` / `key: value`, indented continuation lines, `#`/`;` comment lines. */
function entries(text: string): { entries: Entry[]; problems: ManifestProblem[]; index: LineIndex } {
  const index = new LineIndex(text);
  const out: Entry[] = [];
  const problems: ManifestProblem[] = [];
  let section = '';
  let current: Entry | undefined;
  let offset = 0;
  for (const raw of text.split(/(?<=\n)/)) {
    const line = raw.replace(/\r?\n$/, '');
    const start = offset;
    offset += raw.length;
    const trimmed = line.trim();
    if (trimmed === '' || /^[#;]/.test(trimmed)) continue;
    if (/^\s/.test(line) && current) {
      current.lines.push({ text: trimmed, offset: start + line.indexOf(trimmed) });
      continue;
    }
    const header = /^\[([^\]]+)\]\s*$/.exec(trimmed);
    if (header) {
      section = header[1]!.trim();
      current = undefined;
      continue;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line);
    if (!kv) {
      const region = index.region(start, start + line.length);
      problems.push({ message: `cannot read the line '${trimmed}' (expected key = value)`, region });
      current = undefined;
      continue;
    }
    current = { section, key: kv[1]!.trim().toLowerCase().replace(/-/g, '_'), lines: [] };
    const value = kv[2]!.trim();
    if (value !== '') current.lines.push({ text: value, offset: start + line.lastIndexOf(value) });
    out.push(current);
  }
  return { entries: out, problems, index };
}

export function parseSetupCfg(relPath: string, text: string): Manifest {
  const { entries: all, problems, index } = entries(text);
  const requirements: Requirement[] = [];
  const includes: ManifestInclude[] = [];
  for (const entry of all) {
    const group = entry.section === 'options' ? OPTION_KEYS[entry.key] : entry.section === 'options.extras_require' ? entry.key : undefined;
    if (group === undefined) continue;
    for (const line of entry.lines) {
      const region = index.region(line.offset, line.offset + line.text.length);
      const file = /^file:\s*(.+)$/.exec(line.text);
      if (file) {
        for (const target of file[1]!.split(',').map((t) => t.trim()).filter(Boolean)) includes.push({ kind: 'requirements', target, region });
        continue;
      }
      const parsed = parseRequirement(line.text);
      if (!parsed.ok) {
        problems.push({ message: parsed.error, region });
        continue;
      }
      const r = parsed.requirement;
      requirements.push(toRequirement(r, { group, region: index.region(line.offset, line.offset + Math.max(1, r.length)), text: line.text.slice(0, r.length).trim() }));
    }
  }
  return { path: relPath, format: 'setup-cfg', requirements, indexes: [], includes, problems };
}
