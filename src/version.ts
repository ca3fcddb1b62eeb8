// Krait's name, version and home; a test keeps the version equal to package.json's.
export const TOOL_NAME = 'Krait';
export const KRAIT_VERSION = '0.1.0';
export const KRAIT_REPOSITORY = 'https://github.com/krait-scanner/krait';

/** Where a rule's documentation page lives. */
export function ruleHelpUri(ruleId: string): string {
  return `${KRAIT_REPOSITORY}/blob/main/docs/rules/${ruleId}.md`;
}
