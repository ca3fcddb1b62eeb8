// Writes the HTML report inside the workspace, creating its folder; a path that a link leads outside is refused.
import { existsSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors.js';

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** Writes `file` (absolute) after checking that, with links resolved, it stays inside `workspace`. */
export function writeHtml(file: string, html: string, workspace: string): void {
  const root = realpathSync(workspace);
  let existing = path.dirname(file);
  while (!existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  const real = path.join(realpathSync(existing), path.relative(existing, file));
  if (!isInside(root, real) || (existsSync(file) && !isInside(root, realpathSync(file)))) {
    throw new ConfigError(`The HTML report path ${file} leads outside the workspace ${workspace}; not written.`);
  }
  mkdirSync(path.dirname(real), { recursive: true });
  writeFileSync(real, html);
}
