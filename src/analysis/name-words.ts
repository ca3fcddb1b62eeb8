// nameWords(): the lower-case words of an identifier written in snake_case, camelCase, kebab-case or UPPER_CASE.
import { memoByString } from './string-memo.js';

/**
 * "dbPassword" → ["db", "password"], "APIKey2" → ["api", "key", "2"]; digit runs become their own words. Remembered per
 * name (the same names are split at every use by several rules), so the arrays are shared and frozen.
 */
export const nameWords: (name: string) => string[] = memoByString((name) => Object.freeze(split(name)) as string[], { maxLength: 80 });

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
