// wildcard-injection: a shell expands `*` in the arguments of chown/chmod/tar/rsync, so file names can turn into options.
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import { explicitShellScripts } from '../../analysis/process-launch.js';
import { effectiveProgramIndex, programBaseName, shellCommands } from '../../analysis/shell-words.js';
import type { SyntaxNode } from '../../parser/python.js';

/** Programs with options that run commands or copy permissions/ownership from a file named in the option. */
const RISKY_PROGRAMS: Record<string, string> = {
  chown: '--reference=…',
  chmod: '--reference=…',
  chgrp: '--reference=…',
  tar: '--checkpoint-action=exec=…',
  gtar: '--checkpoint-action=exec=…',
  bsdtar: '--use-compress-program=…',
  rsync: '-e sh …',
};

interface Hit {
  program: string;
  pattern: string;
  option: string;
}

/** The first argument of a risky program that the shell expands from a leading `*`, in one command line. */
function wildcardArgument(line: SyntaxNode, ctx: RuleContext): Hit | undefined {
  for (const command of shellCommands(ctx.stringTemplate(line).text)) {
    const index = effectiveProgramIndex(command.words);
    if (index === undefined) continue;
    const program = programBaseName(command.words[index]!.text);
    const option = RISKY_PROGRAMS[program];
    if (!option) continue;
    for (const word of command.words.slice(index + 1)) {
      // After `--` every word is an operand, even one that starts with `-`.
      if (word.text === '--' && word.globs.length === 0) break;
      // A pattern that starts with `*` can expand to a name such as `--checkpoint-action=exec=sh x.sh`; `./*` or `dir/*` cannot.
      if (word.globs[0] === 0 && word.text.startsWith('*')) return { program, pattern: word.text, option };
    }
  }
  return undefined;
}

export const wildcardInjection = defineRule({
  id: 'wildcard-injection',
  title: 'Shell wildcard in the arguments of chown, chmod, tar or rsync',
  family: 'injection',
  checklist: ['Code Injection Prevention'],
  level: 'warning',
  securitySeverity: 5.3,
  precision: 'medium',
  tier: 'extended',
  cwe: [155],
  compatible: { bandit: ['B609'], ruff: ['S609'] },
  docs: {
    whatItDoes:
      'Reports shell command lines, after constant folding, where `chown`, `chmod`, `chgrp`, `tar` or `rsync` (also behind `sudo`, `nice`, `env` and similar wrappers) gets an argument that starts with an unquoted `*`: `os.system("tar czf backup.tgz *")`, `subprocess.run("chmod 644 *", shell=True)`, and scripts passed to `sh -c`. Patterns the shell does not expand are not reported: a quoted `"*"`, an argument list without a shell, a `*` after `--`, and patterns with a directory in front (`./*`, `/srv/app/*`) whose matches can never look like options.',
    whyBad:
      'The shell replaces `*` with the names of the files in the directory before the program starts, and the program cannot tell an option from a file name. Anyone who can create a file there can name it `--checkpoint=1` and `--checkpoint-action=exec=sh evil.sh` (tar), `-e sh evil.sh` (rsync) or `--reference=mine` (chown, chmod) and have the command run their code or hand them the files (CWE-155).',
    example: 'import os\n\ndef backup(directory):\n    os.chdir(directory)\n    os.system("tar czf /var/backups/site.tgz *")\n',
    useInstead: 'import os\n\ndef backup(directory):\n    os.chdir(directory)\n    os.system("tar czf /var/backups/site.tgz ./*")\n',
    references: [
      'https://cwe.mitre.org/data/definitions/155.html',
      'https://www.gnu.org/software/tar/manual/html_node/checkpoints.html',
      'https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html#tag_19_14',
    ],
  },
  visitors: {
    call(node, ctx) {
      const launch = ctx.processLaunch(node);
      if (!launch) return;
      const lines = launch.shell === true ? (launch.commandLine ? [launch.commandLine] : []) : explicitShellScripts(launch, (n) => ctx.constantValue(n));
      for (const line of lines) {
        const hit = wildcardArgument(line, ctx);
        if (!hit) continue;
        ctx.report(
          node,
          `${launch.api}() has the shell expand \`${hit.pattern}\` in the arguments of ${hit.program}, so a file named like an option (\`${hit.option}\`) becomes one; put \`--\` before the pattern or write it as \`./${hit.pattern}\`.`,
        );
        return;
      }
    },
  },
});
