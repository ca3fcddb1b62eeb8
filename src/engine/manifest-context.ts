// ManifestContext: what a manifest rule may ask (path, test folder, known advisories) and how it reports; and
// runManifestRules(), which runs every manifest check of the selected rules over one parsed manifest.
import { packageKey, type Advisory, type AdvisoryMap } from '../advisories/advisory.js';
import { isTestPath } from '../analysis/file-role.js';
import type { Manifest, Requirement } from '../manifests/model.js';
import { TEST_CODE_REASON } from './context.js';
import type { Finding, Region } from './finding.js';
import type { Level, Rule } from './rule.js';

export interface ManifestReportOptions {
  level?: Level;
  /** Extra facts for SARIF result properties (advisory ids, a per-advisory security-severity). */
  properties?: Record<string, string | number | boolean>;
  /** Extra SARIF partialFingerprints that tell apart several results of the rule on the same line. */
  fingerprints?: Record<string, string>;
}

/** `https://user:token@host/…` → `https://***@host/…`: index URLs often carry credentials, which never reach a report. */
export function maskUrlCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@'"]+@/gi, '$1***@');
}

export class ManifestContext {
  constructor(
    readonly manifest: Manifest,
    private readonly rule: Rule,
    private readonly sink: (finding: Finding) => void,
    private readonly lineText: (line: number) => string,
    private readonly advisoryMap: AdvisoryMap = new Map(),
  ) {}

  /** Repo-relative POSIX path of the manifest. */
  get path(): string {
    return this.manifest.path;
  }

  /** The manifest sits in a tests/ or testing/ folder. */
  get isTestFile(): boolean {
    return isTestPath(this.manifest.path);
  }

  /** Published advisories of an exactly pinned requirement (empty when the vulnerability check did not run). */
  advisories(requirement: Requirement): readonly Advisory[] {
    if (!requirement.pinnedVersion || requirement.normalizedName === '') return [];
    return this.advisoryMap.get(packageKey(requirement.normalizedName, requirement.pinnedVersion)) ?? [];
  }

  report(region: Region, message: string, options: ManifestReportOptions = {}): void {
    if (this.isTestFile && this.rule.inTestCode === 'silent') return;
    const inTests = this.isTestFile && this.rule.inTestCode !== 'keep';
    this.sink({
      ruleId: this.rule.id,
      level: inTests ? 'note' : (options.level ?? this.rule.level),
      ...(inTests ? { levelReason: TEST_CODE_REASON } : {}),
      path: this.manifest.path,
      region,
      message: maskUrlCredentials(message),
      snippet: maskUrlCredentials(this.lineText(region.startLine)),
      ...(options.properties ? { properties: options.properties } : {}),
      ...(options.fingerprints ? { extraFingerprints: options.fingerprints } : {}),
    });
  }
}

export interface ManifestRuleFailure {
  ruleId: string;
  error: unknown;
}

/** Runs the manifest check of every rule that has one; a rule that throws is recorded, never fatal to the others. */
export function runManifestRules(
  manifest: Manifest,
  rules: readonly Rule[],
  sink: (finding: Finding) => void,
  lineText: (line: number) => string,
  advisories?: AdvisoryMap,
): ManifestRuleFailure[] {
  const failures: ManifestRuleFailure[] = [];
  for (const rule of rules) {
    if (!rule.manifest) continue;
    try {
      rule.manifest(manifest, new ManifestContext(manifest, rule, sink, lineText, advisories));
    } catch (error) {
      failures.push({ ruleId: rule.id, error });
    }
  }
  return failures;
}
