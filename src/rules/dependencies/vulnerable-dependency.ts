// vulnerable-dependency: an exactly pinned release that has published advisories in OSV (only when the run's
// vulnerability check is on); one finding per advisory, on the manifest line that pins the release.
import type { Advisory } from '../../advisories/advisory.js';
import { defineRule } from '../../engine/rule.js';
import type { Requirement } from '../../manifests/model.js';

function fixAdvice(a: Advisory): string {
  if (a.fixedVersions.length === 0) return 'no fixed release is known: replace the package or apply the advisory\'s workaround';
  const list = a.fixedVersions.slice(0, 4).join(', ');
  return `upgrade to a fixed release (${list}${a.fixedVersions.length > 4 ? ', …' : ''})`;
}

function message(r: Requirement, a: Advisory): string {
  const aliases = a.aliases.filter((x) => x !== a.id).slice(0, 3);
  const ids = `${a.id}${aliases.length ? ` (${aliases.join(', ')})` : ''}`;
  const severity = a.cvssScore !== undefined ? `, CVSS ${a.cvssScore.toFixed(1)}` : a.severityLabel ? `, ${a.severityLabel.toLowerCase()} severity` : '';
  const summary = a.summary ? `: ${a.summary.replace(/\s+/g, ' ').replace(/\.$/, '')}` : '';
  return `${r.name} ${r.pinnedVersion} has a published vulnerability ${ids}${severity}${summary}; ${fixAdvice(a)}. See ${a.links.slice(0, 2).join(' and ')}`;
}

export const vulnerableDependency = defineRule({
  id: 'vulnerable-dependency',
  title: 'Pinned dependency with a published vulnerability',
  family: 'dependencies',
  checklist: ['Dependency Security'],
  level: 'error',
  securitySeverity: 7.5,
  precision: 'high',
  tier: 'default',
  cwe: [1395],
  compatible: {},
  needsAdvisories: true,
  inTestCode: 'keep',
  docs: {
    whatItDoes:
      'With the input `vulnerability-check: osv` (CLI `--vulnerability-check osv`), looks up every exactly pinned PyPI release of the workspace\'s manifests in the OSV database (osv.dev, which aggregates the GitHub, PyPA and other advisory databases) and reports each published advisory on the line that pins the release, with its ids and aliases, CVSS score, fixed releases and links. The SARIF result carries the advisory\'s own CVSS score as `security-severity` when the advisory gives a CVSS v3 vector (7.5 otherwise).',
    whyBad:
      'A release with a published vulnerability is a known way in: exploit details and scanners are public, so attackers try them against every service that still runs it. Pinning makes builds reproducible but also freezes known flaws in place until someone upgrades; this check tells you which pins need that upgrade.',
    example: 'requests==2.19.0\n',
    useInstead: 'requests==2.32.3\n',
    exampleFile: 'requirements.txt',
    references: [
      'https://cwe.mitre.org/data/definitions/1395.html',
      'https://osv.dev/',
      'https://google.github.io/osv.dev/api/',
      'https://owasp.org/Top10/A06_2021-Vulnerable_and_Outdated_Components/',
    ],
  },
  visitors: {},
  manifest(manifest, ctx) {
    for (const r of manifest.requirements) {
      for (const a of ctx.advisories(r)) {
        ctx.report(r.region, message(r, a), {
          properties: {
            advisory: a.id,
            ...(a.aliases.length ? { aliases: a.aliases.join(', ') } : {}),
            ...(a.fixedVersions.length ? { fixedVersions: a.fixedVersions.join(', ') } : {}),
            'security-severity': (a.cvssScore ?? 7.5).toFixed(1),
          },
          fingerprints: { 'advisoryId/v1': `${r.normalizedName}/${a.id}` },
        });
      }
    }
  },
});
