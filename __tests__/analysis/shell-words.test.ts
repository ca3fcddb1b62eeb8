// shellCommands(): simple commands and words of a shell command line, with quoting and expansion tracked.
import { expect, test } from 'vitest';
import { effectiveProgramIndex, programBaseName, shellCommands } from '../../src/analysis/shell-words.js';
import { HOLE } from '../../src/analysis/string-template.js';

const words = (line: string) => shellCommands(line).map((c) => c.words.map((w) => w.text));

test('splits lists, pipelines and subshells into simple commands', () => {
  expect(words('cd /srv && tar cf a.tar * | gzip; (ls -la) || echo no')).toEqual([
    ['cd', '/srv'],
    ['tar', 'cf', 'a.tar', '*'],
    ['gzip'],
    ['ls', '-la'],
    ['echo', 'no'],
  ]);
});

test('removes quotes and escapes, and only unquoted patterns are globs', () => {
  const [cmd] = shellCommands(`chmod 600 '*' "*.key" \\* *.pem`);
  expect(cmd!.words.map((w) => w.text)).toEqual(['chmod', '600', '*', '*.key', '*', '*.pem']);
  expect(cmd!.words.map((w) => w.globs)).toEqual([[], [], [], [], [], [0]]);
});

test('skips assignments, reserved words, redirections, comments and loop headers', () => {
  expect(words('LANG=C sort data.txt > out.txt 2>&1 # sort *')).toEqual([['sort', 'data.txt']]);
  expect(words('if [ -d out ]; then tar cf out.tar *; fi')).toEqual([['[', '-d', 'out', ']'], ['tar', 'cf', 'out.tar', '*']]);
  expect(words('for f in *.log; do gzip "$f"; done')).toEqual([['gzip', HOLE]]);
});

test('marks values only known when the command runs', () => {
  const [cmd] = shellCommands(`tar cf $OUT \`date\` $(ls) ${HOLE}x`);
  expect(cmd!.words.map((w) => w.dynamic)).toEqual([false, false, true, true, true, true]);
});

test('finds the program behind wrappers', () => {
  const program = (line: string) => {
    const w = shellCommands(line)[0]!.words;
    const i = effectiveProgramIndex(w);
    return i === undefined ? undefined : programBaseName(w[i]!.text);
  };
  expect(program('sudo -u www-data chown -R www-data *')).toBe('chown');
  expect(program('nice -n 10 /usr/bin/tar cf a.tar *')).toBe('tar');
  expect(program('env LC_ALL=C timeout 30 rsync -a * host:')).toBe('rsync');
  expect(program('Tar.EXE cf a.tar')).toBe('tar');
});
