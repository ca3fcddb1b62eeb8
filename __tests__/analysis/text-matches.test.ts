// TextMatches answers "does the regex match in this slice" from one search of the whole text: it must agree with
// testing the slice itself, matches crossing the slice's ends and \b next to the cut included.
import { expect, test } from 'vitest';
import { TextMatches } from '../../src/analysis/taint/index.js';

const REGEXES = [/\bpw\b|passw|_ip\b|\bip_|token|e_?mail/i, /\b(request|req|event)\b|get_argument|\.args\b/];
const PIECES = ['pw', 'passw', 'ord', '_ip', 'ip_', 'tok', 'en', 'e_mail', 'email', 'req', 'uest', 'request', 'event', 'get_argument', '.args', ' ', '_', 'x', '(', ')', '\n', 'A', '1'];

test('within(start, end) equals regex.test(text.slice(start, end)) on generated texts and every kind of cut', () => {
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  let checked = 0;
  const wrong: [string, number, number][] = [];
  for (const regex of REGEXES) {
    for (let t = 0; t < 300; t++) {
      let text = '';
      for (let i = 0, n = 5 + next(40); i < n; i++) text += PIECES[next(PIECES.length)];
      const matches = new TextMatches(text, regex);
      for (let start = 0; start <= text.length; start++) {
        for (let end = start; end <= text.length; end++) {
          if (matches.within(start, end) !== regex.test(text.slice(start, end))) wrong.push([text, start, end]);
          checked++;
        }
      }
    }
  }
  expect(wrong).toEqual([]);
  expect(checked).toBeGreaterThan(100_000);
});
