// Advisory: one published vulnerability of a package release, as the vulnerable-dependency rule reports it.

export interface Advisory {
  /** The database id (`GHSA-…`, `PYSEC-…`). */
  id: string;
  /** Other ids of the same vulnerability (`CVE-…`). */
  aliases: string[];
  summary: string;
  /** Releases that fix it for this package, lowest first. */
  fixedVersions: string[];
  /** CVSS base score computed from the advisory's vector, when it gives a CVSS v3 vector. */
  cvssScore?: number;
  /** The database's own rating (`HIGH`, `MODERATE`…) when it gives one. */
  severityLabel?: string;
  /** The advisory page first, then the most useful references (advisory, fix, report, web). */
  links: string[];
}

/** Advisories of pinned releases, keyed by packageKey(). */
export type AdvisoryMap = ReadonlyMap<string, readonly Advisory[]>;

/** `name@version` with the PEP 503 name: the key of a release in an AdvisoryMap. */
export function packageKey(normalizedName: string, version: string): string {
  return `${normalizedName}@${version}`;
}

/** Values of the vulnerability-check input: `none`, or `osv` (query osv.dev for the pinned releases). */
export const VULNERABILITY_CHECKS = ['none', 'osv'] as const;
export type VulnerabilityCheck = (typeof VULNERABILITY_CHECKS)[number];
