// Reads a Python file and decodes it the way Python would (BOM, PEP 263 cookie), noting anything lossy.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { TextDecoder } from 'node:util';
import { errorMessage } from './errors.js';

export interface DecodedSource {
  text: string;
  /** Problems worth telling the user about; the text is still scanned. */
  warnings: string[];
}

export type ReadResult = { ok: true; source: DecodedSource; bytes: number; raw: Buffer } | { ok: false; reason: string };

export const MAX_FILE_BYTES = 32 * 1024 * 1024;

const COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;

function cookieEncoding(bytes: Buffer): string | undefined {
  // The cookie may sit on line 1 or 2 and is ASCII, so a latin1 view of the first bytes is enough to find it.
  const head = bytes.subarray(0, 512).toString('latin1').split(/\r\n|\r|\n/).slice(0, 2);
  for (const line of head) {
    const m = COOKIE.exec(line);
    if (m) return m[1]!.toLowerCase().replace(/_/g, '-');
    if (!/^[ \t\f]*(#.*)?$/.test(line)) break; // the cookie must come before any code
  }
  return undefined;
}

function decoderFor(label: string): TextDecoder | undefined {
  const normalised = label === 'latin-1' ? 'latin1' : label.replace(/^utf-8-sig$/, 'utf-8');
  try {
    return new TextDecoder(normalised, { fatal: true });
  } catch {
    return undefined;
  }
}

export function decodeSource(bytes: Buffer): DecodedSource {
  const warnings: string[] = [];
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else {
    const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    const body = hasBom ? bytes.subarray(3) : bytes;
    const cookie = hasBom ? undefined : cookieEncoding(bytes);
    const declared = cookie ? decoderFor(cookie) : undefined;
    if (cookie && !declared) warnings.push(`declares an unknown encoding '${cookie}'; read as UTF-8`);
    try {
      text = (declared ?? new TextDecoder('utf-8', { fatal: true })).decode(body);
    } catch {
      warnings.push(`is not valid ${declared ? cookie : 'UTF-8'} text; decoded as Latin-1, so some characters may be wrong`);
      text = new TextDecoder('latin1').decode(body);
    }
  }
  if (text.includes('\0')) {
    const count = text.split('\0').length - 1;
    warnings.push(`contains ${count} NUL byte${count === 1 ? '' : 's'} (Python rejects such files); scanned with them blanked out`);
    // Same length, so every column stays where it was.
    text = text.replace(/\0/g, ' ');
  }
  return { text, warnings };
}

/**
 * Reads at most MAX_FILE_BYTES of a regular file. The size and type are checked on the open descriptor before any
 * byte is read, so a huge (or sparse) file costs no memory and a FIFO, socket or device named `*.py` cannot block
 * the scan: O_NONBLOCK makes opening a FIFO return at once, and regular files ignore the flag.
 */
function readRegularFile(absolutePath: string): Buffer | string {
  const fd = openSync(absolutePath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return 'is not a regular file (a FIFO, socket or device); not read';
    if (stat.size > MAX_FILE_BYTES) return `is ${(stat.size / 1e6).toFixed(1)} MB, above the ${MAX_FILE_BYTES / 1024 / 1024} MiB limit per file; not scanned`;
    const bytes = Buffer.alloc(stat.size);
    let filled = 0;
    while (filled < bytes.length) {
      const n = readSync(fd, bytes, filled, bytes.length - filled, null);
      if (n === 0) break; // shrank since fstat
      filled += n;
    }
    return filled === bytes.length ? bytes : bytes.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}

export function readSource(absolutePath: string): ReadResult {
  let bytes: Buffer;
  try {
    const read = readRegularFile(absolutePath);
    if (typeof read === 'string') return { ok: false, reason: read };
    bytes = read;
  } catch (error) {
    return { ok: false, reason: `could not be read: ${errorMessage(error)}` };
  }
  return { ok: true, source: decodeSource(bytes), bytes: bytes.length, raw: bytes };
}
