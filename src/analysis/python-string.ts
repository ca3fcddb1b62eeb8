// Decodes Python string literal bodies (escapes, raw and byte prefixes) to their runtime text.

const SIMPLE_ESCAPES: Record<string, string> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

const OCTAL = /[0-7]{1,3}/y;
const HEX = (digits: number) => new RegExp(`[0-9a-fA-F]{${digits}}`, 'y');
const HEX2 = HEX(2);
const HEX4 = HEX(4);
const HEX8 = HEX(8);

/** The hex digits of an escape at `at`, or undefined. Sticky regexes: no copy of the rest of the body per escape. */
function digitsAt(re: RegExp, body: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(body)?.[0];
}

/** The runtime value of a literal body (text between the quotes) given its prefix letters. */
export function decodeStringBody(body: string, prefix: string): string {
  const p = prefix.toLowerCase();
  if (p.includes('r') || !body.includes('\\')) return body;
  const isBytes = p.includes('b');
  let out = '';
  let from = 0; // start of the text not yet copied
  for (let i = body.indexOf('\\'); i !== -1 && i + 1 < body.length; i = body.indexOf('\\', i + 1)) {
    out += body.slice(from, i);
    const next = body[i + 1]!;
    let hex: string | undefined;
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i++;
    } else if (next >= '0' && next <= '7') {
      const m = digitsAt(OCTAL, body, i + 1)!;
      out += String.fromCharCode(parseInt(m, 8));
      i += m.length;
    } else if (next === 'x' && (hex = digitsAt(HEX2, body, i + 2))) {
      out += String.fromCharCode(parseInt(hex, 16));
      i += 3;
    } else if (!isBytes && next === 'u' && (hex = digitsAt(HEX4, body, i + 2))) {
      out += String.fromCharCode(parseInt(hex, 16));
      i += 5;
    } else if (!isBytes && next === 'U' && (hex = digitsAt(HEX8, body, i + 2))) {
      const cp = parseInt(hex, 16);
      out += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
      i += 9;
    } else if (!isBytes && next === 'N' && body[i + 2] === '{') {
      // Named characters need Unicode's name table; keep a placeholder so the length stays plausible.
      const end = body.indexOf('}', i + 3);
      out += '\ufffd';
      i = end === -1 ? body.length : end;
    } else {
      out += '\\'; // unknown escapes keep the backslash, as Python does
      from = i + 1;
      continue;
    }
    from = i + 1;
  }
  return from === 0 ? body : out + body.slice(from);
}
