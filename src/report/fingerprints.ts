// primaryLocationLineHash: the per-line fingerprint GitHub code scanning matches alerts by, computed the way
// github/codeql-action's upload-sarif computes it, so alerts stay stable and never double when users chain it.
//
// Definition: the file is read as UTF-8 and walked one UTF-16 unit at a time; spaces and tabs are skipped, CR and
// CRLF become LF, and a sentinel 0xFFFF follows the last character. A line's hash is the polynomial hash (base 37,
// 64-bit wrapping) of the 100 kept units starting at its first kept unit (zeros pad the end). It is written as
// unsigned hex plus `:n`, where n counts how often that hex value has appeared so far in the file.

const BLOCK = 100;
const BASE = 37n;
const SENTINEL = 0xffff;
const MASK_BITS = 64;

/** BASE^BLOCK in 64-bit arithmetic: the weight of the unit leaving the window. */
const LEAVING_WEIGHT = (() => {
  let w = 1n;
  for (let i = 0; i < BLOCK; i++) w = BigInt.asIntN(MASK_BITS, w * BASE);
  return w;
})();

/** Fingerprints of the requested 1-based lines of a file's UTF-8 text (lines never reached are left out). */
export function lineFingerprints(text: string, wanted?: ReadonlySet<number>): Map<number, string> {
  const out = new Map<number, string>();
  const window = new Array<number>(BLOCK).fill(0);
  const startsLine = new Array<number>(BLOCK).fill(-1);
  const seen = new Map<string, number>();
  let hash = 0n;
  let slot = 0;
  let line = 0;
  let atLineStart = true;
  let afterCR = false;

  const emit = () => {
    const hex = BigInt.asUintN(MASK_BITS, hash).toString(16);
    const count = (seen.get(hex) ?? 0) + 1;
    seen.set(hex, count);
    const lineNo = startsLine[slot]!;
    if (!wanted || wanted.has(lineNo)) out.set(lineNo, `${hex}:${count}`);
    startsLine[slot] = -1;
  };
  const push = (unit: number) => {
    const leaving = window[slot]!;
    window[slot] = unit;
    hash = BigInt.asIntN(MASK_BITS, BASE * hash + BigInt(unit) - LEAVING_WEIGHT * BigInt(leaving));
    slot = (slot + 1) % BLOCK;
  };
  const take = (raw: number) => {
    let unit = raw;
    if (unit === 0x20 || unit === 0x09 || (afterCR && unit === 0x0a)) {
      afterCR = false;
      return;
    }
    afterCR = unit === 0x0d;
    if (afterCR) unit = 0x0a;
    if (startsLine[slot] !== -1) emit();
    if (atLineStart) {
      atLineStart = false;
      startsLine[slot] = ++line;
    }
    if (unit === 0x0a) atLineStart = true;
    push(unit);
  };

  for (let i = 0; i < text.length; i++) take(text.charCodeAt(i));
  take(SENTINEL);
  for (let i = 0; i < BLOCK; i++) {
    if (startsLine[slot] !== -1) emit();
    push(0);
  }
  return out;
}
