// memoByString(): a function of a string, remembered per distinct string (bounded), for the name tests every rule repeats.

export interface StringMemoOptions {
  /** Past this many entries the table starts over (names repeat within a file; the bound keeps memory flat). */
  limit?: number;
  /** Longer strings are computed without being kept (they are values, not names, and rarely repeat). */
  maxLength?: number;
}

const UNDEFINED = Symbol('undefined');

/**
 * A copy of `text` that shares no storage with a larger string. A node's text is a slice of its file's source, and V8
 * keeps the whole parent alive for as long as a slice lives: a name kept in a table that outlives its file would keep
 * that file's source in memory (measured: 44 MB of sources held by name tables after 1,500 files).
 */
export function detachedString(text: string): string {
  return (' ' + text).slice(1);
}

/** `compute`, remembering its result for each string it was asked about. Results are shared: never mutate them. */
export function memoByString<T>(compute: (key: string) => T, options: StringMemoOptions = {}): (key: string) => T {
  const limit = options.limit ?? 50_000;
  const maxLength = options.maxLength ?? Infinity;
  const memo = new Map<string, T | typeof UNDEFINED>();
  return (key) => {
    if (key.length > maxLength) return compute(key);
    const known = memo.get(key);
    if (known !== undefined) return (known === UNDEFINED ? undefined : known) as T;
    // The table outlives the file: keep (and compute from) a copy, so neither the key nor parts of it in the result
    // hold on to the file's source.
    const own = detachedString(key);
    const value = compute(own);
    if (memo.size >= limit) memo.clear();
    memo.set(own, value === undefined ? UNDEFINED : value);
    return value;
  };
}
