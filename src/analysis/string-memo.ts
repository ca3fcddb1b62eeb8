// memoByString(): a function of a string, remembered per distinct string (bounded), for the name tests every rule repeats.

export interface StringMemoOptions {
  /** Past this many entries the table starts over (names repeat within a file; the bound keeps memory flat). */
  limit?: number;
  /** Longer strings are computed without being kept (they are values, not names, and rarely repeat). */
  maxLength?: number;
}

/** `compute`, remembering its result for each string it was asked about. Results are shared: never mutate them. */
export function memoByString<T>(compute: (key: string) => T, options: StringMemoOptions = {}): (key: string) => T {
  const limit = options.limit ?? 50_000;
  const maxLength = options.maxLength ?? Infinity;
  const memo = new Map<string, T>();
  return (key) => {
    if (key.length > maxLength) return compute(key);
    const known = memo.get(key);
    if (known !== undefined || memo.has(key)) return known as T;
    const value = compute(key);
    if (memo.size >= limit) memo.clear();
    memo.set(key, value);
    return value;
  };
}
