// runtime-package-install: `pip install` run by the program itself (subprocess, os.system, `python -m pip`, pip.main),
// which installs code outside the reviewed, pinned dependency set — worse when unpinned or from a URL.
import { pipInstallArguments } from '../../analysis/pip-command.js';
import { HOLE } from '../../analysis/string-template.js';
import { defineRule } from '../../engine/rule.js';
import { parseRequirement } from '../../manifests/requirement-line.js';

/** Build and task-runner scripts, where installing tools is their job: reported as notes. */
const TOOLING_FILE = /(^|\/)(noxfile|fabfile|tasks|dodo|setup)\.py$/;
const TOOLING_REASON = 'a build or task-runner script (noxfile.py, fabfile.py, tasks.py, dodo.py, setup.py): reported as a note';

export const runtimePackageInstall = defineRule({
  id: 'runtime-package-install',
  title: 'Packages installed by the program at run time',
  family: 'dependencies',
  checklist: ['Dependency Security'],
  level: 'warning',
  securitySeverity: 5.9,
  precision: 'high',
  tier: 'default',
  cwe: [494],
  compatible: {},
  docs: {
    whatItDoes:
      'Reports code that runs `pip install` itself: through `subprocess`, `os.system` or a shell command line (`pip`, `pip3`, `python -m pip`, `sys.executable -m pip`, `uv pip`, `sh -c "pip install …"`), or through pip\'s internal `pip.main(["install", …])`. The message says when the package is unpinned, comes from a URL, or is only known at run time.',
    whyBad:
      'A package installed while the program runs bypasses the dependency review, pinning, hashing and vulnerability scanning that apply to the project\'s manifests: it is whatever the index serves at that moment, and its install hooks run with the privileges of the running service. When the package name or URL comes from configuration or input, anyone who can change that value can run code on the host. Installing into a running interpreter also leaves the environment different from what was tested.',
    example: 'import subprocess\nimport sys\n\ntry:\n    import yaml\nexcept ImportError:\n    subprocess.check_call([sys.executable, "-m", "pip", "install", "pyyaml"])\n    import yaml\n',
    useInstead: '# requirements.txt (installed at build time, pinned and hashed):\n#   pyyaml==6.0.2 --hash=sha256:…\nimport yaml\n',
    references: [
      'https://cwe.mitre.org/data/definitions/494.html',
      'https://pip.pypa.io/en/stable/user_guide/#using-pip-from-your-program',
      'https://pip.pypa.io/en/stable/topics/secure-installs/',
    ],
  },
  visitors: {
    call(node, ctx) {
      const commands = ctx.pipInstallCommands(node);
      if (commands.length === 0) return;
      const tooling = TOOLING_FILE.test(ctx.path);
      // One result per call (several on a line would share a fingerprint): the first command, and how many follow.
      for (const command of commands.slice(0, 1)) {
        const { options, packages } = pipInstallArguments(command.args);
        const files = options.filter((o) => o.name === '--requirement').map((o) => o.value);
        const details: string[] = [];
        const dynamic = packages.filter((p) => p.dynamic);
        const urls = packages.filter((p) => !p.dynamic && /^([a-z]+\+)?[a-z][a-z0-9+.-]*:\/\//i.test(p.text));
        const unpinned = packages.filter((p) => {
          if (p.dynamic || urls.includes(p)) return false;
          const parsed = parseRequirement(p.text);
          return parsed.ok && parsed.requirement.localPath === undefined && !parsed.requirement.pinnedVersion;
        });
        if (dynamic.length > 0) details.push('a package named only at run time');
        if (urls.length > 0) details.push(`a package from a URL (${urls[0]!.text.replaceAll(HOLE, '…')})`);
        if (unpinned.length > 0) details.push(`unpinned ${unpinned.map((p) => `'${p.text}'`).slice(0, 3).join(', ')}`);
        const what =
          packages.length > 0 ? packages.map((p) => (p.dynamic ? '…' : p.text)).slice(0, 3).join(' ') : files.length > 0 ? `-r ${files[0]!.text.replaceAll(HOLE, '…')}` : 'packages';
        if (commands.length > 1) details.push(`and ${commands.length - 1} more install command${commands.length > 2 ? 's' : ''}`);
        const extra = details.length > 0 ? ` (${details.join('; ')})` : '';
        ctx.report(
          node,
          `${command.tool} install ${what} runs from the program${extra}, installing code outside the reviewed, pinned dependencies; declare the dependency in the project's manifest and install it at build time`,
          tooling ? { level: 'note', levelReason: TOOLING_REASON } : {},
        );
      }
    },
  },
});
