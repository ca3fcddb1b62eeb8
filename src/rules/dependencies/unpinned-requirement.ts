// unpinned-requirement: manifest entries that do not fix one release — no `==`/`===` pin or hash, version ranges,
// Poetry `^`/`~`/`*`, VCS URLs on a branch or tag, archive URLs without a hash — where no lock file pins them instead.
import type { Requirement } from '../../manifests/model.js';
import { isFullCommitId } from '../../manifests/model.js';
import { defineRule } from '../../engine/rule.js';

function label(r: Requirement): string {
  return r.name || r.text;
}

/** Why the requirement does not name one release, or undefined when it does (or is the project's own code). */
function unpinnedReason(r: Requirement): string | undefined {
  if (r.localPath !== undefined) return undefined;
  if (r.vcs) {
    if (isFullCommitId(r.vcs.ref)) return undefined;
    const ref = r.vcs.ref;
    if (ref === undefined) return `'${label(r)}' installs whatever the default branch of ${r.vcs.url} holds at install time; pin a full commit id (@<40-hex sha>)`;
    if (/^[0-9a-f]{7,39}$/i.test(ref)) return `'${label(r)}' names the abbreviated commit ${ref}, which may become ambiguous; pin the full commit id`;
    return `'${label(r)}' follows the branch or tag '${ref}' of ${r.vcs.url}, which can be moved; pin a full commit id (@<40-hex sha>)`;
  }
  if (r.hashes.length > 0) return undefined;
  if (r.url !== undefined) return `'${label(r)}' is downloaded from ${r.url} without a hash, so the file behind the URL can change; add #sha256=<digest> or pin a release from the index`;
  if (r.pinnedVersion) return undefined;
  const constraint = r.constraint.trim();
  if (constraint === '' || constraint === '*') return `'${label(r)}' has no version constraint, so each install may get a different release; pin it with ==<version> (and --hash), or install from a lock file`;
  const written = /^(~=|[<>=!])/.test(constraint) ? `${label(r)}${constraint}` : `${label(r)} ${constraint}`;
  return `'${written}' allows a range of releases, so each install may get a different one; pin the exact release with == (and --hash), or install from a lock file`;
}

export const unpinnedRequirement = defineRule({
  id: 'unpinned-requirement',
  title: 'Dependency not pinned to an exact release',
  family: 'dependencies',
  checklist: ['Dependency Security'],
  level: 'note',
  securitySeverity: 3.1,
  precision: 'high',
  tier: 'extended',
  cwe: [1357],
  compatible: {},
  docs: {
    whatItDoes:
      'Reports dependencies in requirements files, pyproject.toml, Pipfile, setup.cfg and setup.py that do not name one exact release: no `==`/`===` pin and no `--hash`, open ranges such as `>=2.0`, Poetry `^`/`~`/`*` constraints, VCS URLs that follow a branch or tag instead of a full commit id, and archive URLs without a hash. Manifests with a lock file beside them (poetry.lock, uv.lock, pdm.lock, Pipfile.lock, or the `.txt` compiled from a pip-tools `.in` file), names pinned by an applicable constraints file, local paths and build-system requirements are left alone.',
    whyBad:
      'An unpinned dependency resolves to whatever the index or repository serves on the day of the install. A compromised or malicious new release, a hijacked maintainer account or a moved git tag then reaches production without review, and two builds of the same commit can run different code. Exact pins (ideally with hashes) make every install reproducible and make each dependency change a reviewable diff.',
    example: 'requests>=2.20\nflask\ndjango~=4.2\ngit+https://github.com/example/toolkit@main#egg=toolkit\n',
    useInstead:
      'requests==2.32.3 \\\n    --hash=sha256:70761cfe03c773ceb22aa2f671b4757976145175cdfca038c02654d061d6dcc6\nflask==3.0.3\ndjango==4.2.16\ngit+https://github.com/example/toolkit@3f2c4e1a9b7d6c5e4f3a2b1c0d9e8f7a6b5c4d3e#egg=toolkit\n',
    exampleFile: 'requirements.txt',
    references: [
      'https://cwe.mitre.org/data/definitions/1357.html',
      'https://pip.pypa.io/en/stable/topics/repeatable-installs/',
      'https://pip.pypa.io/en/stable/topics/secure-installs/',
      'https://pip-tools.readthedocs.io/en/stable/',
    ],
  },
  visitors: {},
  manifest(manifest, ctx) {
    if (manifest.lockedBy) return;
    for (const r of manifest.requirements) {
      if (r.group === 'build-system') continue;
      if (!r.vcs && !r.url && manifest.constrainedNames?.has(r.normalizedName)) continue;
      const reason = unpinnedReason(r);
      if (reason) ctx.report(r.region, reason);
    }
  },
});
