// nameWords(): the lower-case words of an identifier written in snake_case, camelCase, kebab-case or UPPER_CASE.

/** "dbPassword" → ["db", "password"], "APIKey2" → ["api", "key", "2"]; digit runs become their own words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\d)([A-Za-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}
