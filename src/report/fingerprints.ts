// primaryLocationLineHash: the per-line fingerprint GitHub code scanning matches alerts by, computed the way
// github/codeql-action's upload-sarif computes it, so alerts stay stable and never double when users chain it.
//
// Definition: the file is read as UTF-8 and walked one UTF-16 unit at a time; spaces and tabs are skipped, CR and
// CRLF become LF, and a sentinel 0xFFFF follows the last character. A line's hash is the polynomial hash (base 37,
// 64-bit wrapping) of the 100 kept units starting at its first kept unit (zeros pad the end). It is written as
// unsigned hex plus `:n`, where n counts how often that hex value has appeared so far in the file.

// The 64-bit arithmetic is done on two unsigned 32-bit halves in plain numbers (every product stays below 2^53, so it
// is exact); BigInt was 10× slower and showed up in profiles of files with many findings.

const BLOCK = 100;
const SENTINEL = 0xffff;
const TWO_32 = 4294967296;

/** BASE^BLOCK mod 2^64 (base 37): the weight of the unit leaving the window, as high and low halves. */
const [LEAVING_HI, LEAVING_LO] = (() => {
  let w = 1n;
  for (let i = 0; i < BLOCK; i++) w = BigInt.asUintN(64, w * 37n);
  return [Number(w >> 32n), Number(w & 0xffffffffn)];
})();

/** LEAVING * u (mod 2^64) for the ASCII units, as low and high halves: the product a leaving unit subtracts. */
const LEAVING_TABLE_SIZE = 128;
const LEAVING_TIMES_LO = new Float64Array(LEAVING_TABLE_SIZE);
const LEAVING_TIMES_HI = new Int32Array(LEAVING_TABLE_SIZE);
for (let u = 0; u < LEAVING_TABLE_SIZE; u++) {
  const product = BigInt.asUintN(64, ((BigInt(LEAVING_HI) << 32n) | BigInt(LEAVING_LO)) * BigInt(u));
  LEAVING_TIMES_LO[u] = Number(product & 0xffffffffn);
  LEAVING_TIMES_HI[u] = Number(product >> 32n) | 0;
}

const hexOf = (hi: number, lo: number): string => (hi === 0 ? lo.toString(16) : hi.toString(16) + lo.toString(16).padStart(8, '0'));

/** Fingerprints of the requested 1-based lines of a file's UTF-8 text (lines never reached are left out). */
export function lineFingerprints(text: string, wanted?: ReadonlySet<number>): Map<number, string> {
  // Each line's hash as two halves, by line number; the `:n` suffix is counted afterwards, for the wanted lines only.
  let hashHi = new Uint32Array(1024);
  let hashLo = new Uint32Array(1024);
  let lines = 0;
  const window = new Uint16Array(BLOCK);
  const startsLine = new Int32Array(BLOCK).fill(-1);
  let hi = 0;
  let lo = 0;
  let slot = 0;
  let line = 0;
  let atLineStart = true;
  let afterCR = false;

  const record = (lineNo: number) => {
    if (lineNo >= hashHi.length) {
      const grow = (a: Uint32Array) => {
        const b = new Uint32Array(a.length * 2);
        b.set(a);
        return b;
      };
      hashHi = grow(hashHi);
      hashLo = grow(hashLo);
    }
    hashHi[lineNo] = hi;
    hashLo[lineNo] = lo;
    if (lineNo > lines) lines = lineNo;
  };

  // One loop over the units (the file, the sentinel, then BLOCK zeros to flush the window), written out by hand:
  // it runs once per character of every file with a finding.
  const total = text.length + 1 + BLOCK;
  let lastWanted = Infinity;
  if (wanted) {
    lastWanted = 0;
    for (const n of wanted) if (n > lastWanted) lastWanted = n;
  }
  for (let i = 0; i < total; i++) {
    let unit: number;
    if (i < text.length) {
      unit = text.charCodeAt(i);
      if (unit === 0x20 || unit === 0x09 || (afterCR && unit === 0x0a)) {
        afterCR = false;
        continue;
      }
      afterCR = unit === 0x0d;
      if (afterCR) unit = 0x0a;
    } else {
      unit = i === text.length ? SENTINEL : 0;
    }
    const starting = startsLine[slot]!;
    if (starting !== -1) {
      record(starting);
      startsLine[slot] = -1;
      // A line's hash and its `:n` count depend only on the text up to its window's end: stop after the last wanted line.
      if (starting >= lastWanted) break;
    }
    if (i <= text.length && atLineStart) {
      atLineStart = false;
      startsLine[slot] = ++line;
    }
    if (unit === 0x0a) atLineStart = true;
    // hash = 37 * hash + unit - LEAVING * leaving (mod 2^64), on two 32-bit halves: the low half as an exact
    // non-negative number, the high half wrapping in int32 arithmetic.
    const leaving = window[slot]!;
    window[slot] = unit;
    let l = lo * 37 + unit; // < 2^38: exact
    const carry = (l / TWO_32) | 0;
    l -= carry * TWO_32;
    let h = (Math.imul(hi, 37) + carry) | 0;
    if (leaving !== 0) {
      let subLo: number;
      let subHi: number;
      if (leaving < LEAVING_TABLE_SIZE) {
        subLo = LEAVING_TIMES_LO[leaving]!;
        subHi = LEAVING_TIMES_HI[leaving]!;
      } else {
        const pl = LEAVING_LO * leaving; // < 2^48: exact
        const plCarry = Math.floor(pl / TWO_32);
        subLo = pl - plCarry * TWO_32;
        subHi = (Math.imul(LEAVING_HI, leaving) + plCarry) | 0;
      }
      l -= subLo;
      if (l < 0) {
        l += TWO_32;
        h = (h - 1) | 0;
      }
      h = (h - subHi) | 0;
    }
    lo = l;
    hi = h >>> 0;
    slot = slot === BLOCK - 1 ? 0 : slot + 1;
  }

  const out = new Map<number, string>();
  if (!wanted) {
    const seen = new Map<string, number>();
    for (let n = 1; n <= lines; n++) {
      const hex = hexOf(hashHi[n]!, hashLo[n]!);
      const count = (seen.get(hex) ?? 0) + 1;
      seen.set(hex, count);
      out.set(n, `${hex}:${count}`);
    }
    return out;
  }
  for (const n of wanted) {
    if (n < 1 || n > lines) continue;
    const h = hashHi[n]!;
    const l = hashLo[n]!;
    let count = 1;
    for (let k = 1; k < n; k++) if (hashLo[k] === l && hashHi[k] === h) count++;
    out.set(n, `${hexOf(h, l)}:${count}`);
  }
  return out;
}
