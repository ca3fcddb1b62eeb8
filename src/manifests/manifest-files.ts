// Which files are dependency manifests, in which format, which lock files make their versions reproducible, and the
// one entry point that parses a manifest's text by format.
import type { PythonParser } from '../parser/python.js';
import type { Manifest, ManifestFormat } from './model.js';
import { parsePipfile } from './pipfile.js';
import { parsePyproject } from './pyproject.js';
import { parseRequirementsFile } from './requirements-txt.js';
import { parseSetupCfg } from './setup-cfg.js';
import { parseSetupPy } from './setup-py.js';

/** Globs (relative to the workspace) that can hold manifests; manifestFormat() picks the manifests among them. */
export const MANIFEST_PATTERNS: readonly string[] = ['**/*.txt', '**/*.in', '**/*.pip', '**/pyproject.toml', '**/Pipfile', '**/setup.cfg', '**/setup.py'];

/** requirements.txt, requirements-dev.txt, dev-requirements.in, constraints.txt, test_requirements.pip… */
const REQUIREMENTS_NAME = /^(?:.*[-_.])?(?:requirements?|constraints?)(?:[-_.].*)?\.(?:txt|in|pip)$/i;
/** Files of a requirements/ folder: requirements/base.txt, requirements/prod.in. */
const REQUIREMENTS_FOLDER = /(?:^|\/)(?:requirements?|requirements\.d|constraints)\/[^/]+\.(?:txt|in|pip)$/i;

/** The format of a manifest by its path (POSIX or native separators), or undefined for any other file. */
export function manifestFormat(filePath: string): ManifestFormat | undefined {
  const posix = filePath.replace(/\\/g, '/');
  const base = posix.slice(posix.lastIndexOf('/') + 1);
  if (base === 'pyproject.toml') return 'pyproject';
  if (base === 'Pipfile') return 'pipfile';
  if (base === 'setup.cfg') return 'setup-cfg';
  if (base === 'setup.py') return 'setup-py';
  if (REQUIREMENTS_NAME.test(base) || REQUIREMENTS_FOLDER.test(posix)) return 'requirements';
  return undefined;
}

/**
 * Lock files that pin what a manifest declares, when they sit beside it: with one, ranges in the manifest are the
 * intended way to write it. A pip-tools `.in` file is locked by the `.txt` compiled from it (checked separately).
 */
export const LOCK_FILES: Partial<Record<ManifestFormat, readonly string[]>> = {
  pyproject: ['poetry.lock', 'uv.lock', 'pdm.lock', 'pylock.toml', 'requirements.txt', 'requirements.lock'],
  pipfile: ['Pipfile.lock'],
  'setup-py': ['requirements.txt', 'requirements.lock'],
  'setup-cfg': ['requirements.txt', 'requirements.lock'],
};

/** Parses a manifest's text in the given format; setup.py needs the Python parser. Never throws for bad input. */
export function parseManifest(relPath: string, text: string, format: ManifestFormat, parser?: PythonParser): Manifest {
  switch (format) {
    case 'requirements':
      return parseRequirementsFile(relPath, text);
    case 'pyproject':
      return parsePyproject(relPath, text);
    case 'pipfile':
      return parsePipfile(relPath, text);
    case 'setup-cfg':
      return parseSetupCfg(relPath, text);
    case 'setup-py':
      if (!parser) throw new Error('parseManifest: setup.py needs the Python parser');
      return parseSetupPy(parser, relPath, text);
  }
}
