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

/** The runtime value of a literal body (text between the quotes) given its prefix letters. */
export function decodeStringBody(body: string, prefix: string): string {
  const p = prefix.toLowerCase();
  if (p.includes('r')) return body;
  const isBytes = p.includes('b');
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\' || i + 1 >= body.length) {
      out += ch;
      continue;
    }
    const next = body[i + 1]!;
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i++;
    } else if (next >= '0' && next <= '7') {
      const m = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(m, 8));
      i += m.length;
    } else if (next === 'x' && /^[0-9a-fA-F]{2}/.test(body.slice(i + 2))) {
      out += String.fromCharCode(parseInt(body.slice(i + 2, i + 4), 16));
      i += 3;
    } else if (!isBytes && next === 'u' && /^[0-9a-fA-F]{4}/.test(body.slice(i + 2))) {
      out += String.fromCharCode(parseInt(body.slice(i + 2, i + 6), 16));
      i += 5;
    } else if (!isBytes && next === 'U' && /^[0-9a-fA-F]{8}/.test(body.slice(i + 2))) {
      const cp = parseInt(body.slice(i + 2, i + 10), 16);
      out += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
      i += 9;
    } else if (!isBytes && next === 'N' && body[i + 2] === '{') {
      // Named characters need Unicode's name table; keep a placeholder so the length stays plausible.
      const end = body.indexOf('}', i + 3);
      out += '\ufffd';
      i = end === -1 ? body.length : end;
    } else {
      out += ch; // unknown escapes keep the backslash, as Python does
    }
  }
  return out;
}
