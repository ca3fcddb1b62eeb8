// Reads a Python file and decodes it the way Python would (BOM, PEP 263 cookie), noting anything lossy.
import { readFileSync } from 'node:fs';
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

export function readSource(absolutePath: string): ReadResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolutePath);
  } catch (error) {
    return { ok: false, reason: `could not be read: ${errorMessage(error)}` };
  }
  if (bytes.length > MAX_FILE_BYTES) {
    return { ok: false, reason: `is ${(bytes.length / 1e6).toFixed(1)} MB, above the ${MAX_FILE_BYTES / 1024 / 1024} MiB limit per file; not scanned` };
  }
  return { ok: true, source: decodeSource(bytes), bytes: bytes.length, raw: bytes };
}
