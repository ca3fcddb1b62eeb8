// refuseOutsideWorkspace(): a settings file Krait reads (configuration, baseline) must really lie inside the workspace.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './errors.js';

function leaves(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
}

/**
 * Throws a ConfigError when `file` (absolute) leads outside `workspace`, by its path or, once symlinks are resolved,
 * by where it really is: a checkout may hold `.krait.toml -> /home/runner/.ssh/config`, and it must never be read.
 * A file that does not exist passes; the caller reports it.
 */
export function refuseOutsideWorkspace(file: string, workspace: string, shown: string): void {
  if (leaves(path.resolve(workspace), path.resolve(file))) {
    throw new ConfigError(`${shown} is outside the workspace; Krait only reads files inside it.`);
  }
  let real: string;
  let root: string;
  try {
    root = realpathSync(workspace);
    real = realpathSync(file);
  } catch {
    return;
  }
  if (leaves(root, real)) throw new ConfigError(`${shown} is a link to ${real}, outside the workspace; Krait only reads files inside it.`);
}
