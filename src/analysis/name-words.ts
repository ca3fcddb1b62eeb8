// nameWords(): the lower-case words of an identifier written in snake_case, camelCase, kebab-case or UPPER_CASE.

/** Results by name (frozen: callers share them), since the same names are split at every use by several rules. */
const memo = new Map<string, string[]>();
const MEMO_LIMIT = 50_000;
/** Longer texts (string values, route patterns) are split without being kept. */
const MEMO_MAX_LENGTH = 80;

/** "dbPassword" → ["db", "password"], "APIKey2" → ["api", "key", "2"]; digit runs become their own words. */
export function nameWords(name: string): string[] {
  if (name.length > MEMO_MAX_LENGTH) return split(name);
  const known = memo.get(name);
  if (known) return known;
  const words = Object.freeze(split(name)) as string[];
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(name, words);
  return words;
}

function split(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\d)([A-Za-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}
