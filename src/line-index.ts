// lineIndexAt(): which line an offset falls on, by binary search over the offsets where lines start.

/** 0-based index of the last line start at or before `offset` (`starts` ascending, starting with 0). */
export function lineIndexAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
