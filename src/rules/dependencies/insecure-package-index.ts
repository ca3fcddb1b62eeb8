// insecure-package-index: packages fetched from an index or URL over plain HTTP, with certificate checks turned off
// (`--trusted-host`, `verify_ssl = false`), or from an extra index that invites dependency confusion — in manifests and
// in `pip install` commands run from code.
import { HOLE } from '../../analysis/string-template.js';
import { pipInstallArguments } from '../../analysis/pip-command.js';
import { defineRule } from '../../engine/rule.js';
import type { IndexSetting } from '../../manifests/model.js';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?|0\.0\.0\.0)$/i;

/** Host of a URL or `host[:port]`, lower case; undefined when it cannot be read. */
function hostOf(value: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    try {
      return new URL(value.replace(/^(git|hg|svn|bzr)\+/i, '')).hostname.toLowerCase();
    } catch {
      return undefined;
    }
  }
  return value.replace(/:\d+$/, '').toLowerCase();
}

const isLoopback = (value: string) => LOOPBACK.test(hostOf(value) ?? '');

/** A URL whose transport is not encrypted: http://, git://, and the same behind a `git+`/`hg+` prefix. */
function isCleartext(url: string): boolean {
  return /^((git|hg|svn|bzr)\+)?(http|git|svn):\/\//i.test(url.trim()) && !isLoopback(url);
}

function cleartextMessage(what: string, url: string): string {
  return `${what} ${url} is reached over an unencrypted connection, so anyone on the network path can serve altered packages; use an https:// URL`;
}

function trustedHostMessage(host: string): string {
  return `--trusted-host ${host} turns off certificate checks for that host, so a machine in the middle can serve altered packages; fix the host's certificate or give pip its CA with --cert instead`;
}

function extraIndexMessage(url: string): string {
  return `--extra-index-url ${url} adds an index that pip searches together with the main one, taking the highest version from either, so a same-named package published on the public index can replace a private one (dependency confusion); serve everything through one --index-url that proxies PyPI, or pin every requirement with --hash`;
}

function indexProblems(setting: IndexSetting, allHashed: boolean): string[] {
  const out: string[] = [];
  const v = setting.value;
  if (setting.kind === 'trusted-host') {
    if (!isLoopback(v) && !v.includes('${')) out.push(trustedHostMessage(v));
    return out;
  }
  const what = setting.kind === 'source' ? `the package source ${setting.name ? `'${setting.name}' at` : 'at'}` : setting.kind === 'find-links' ? 'the --find-links location' : 'the package index';
  if (isCleartext(v)) out.push(cleartextMessage(what, v));
  if (setting.skipsTlsVerification) out.push(`the package source ${setting.name ? `'${setting.name}' ` : ''}sets verify_ssl = false, so its certificate is not checked and a machine in the middle can serve altered packages; keep verification on`);
  if (setting.kind === 'extra-index-url' && !allHashed) out.push(extraIndexMessage(v));
  return out;
}

export const insecurePackageIndex = defineRule({
  id: 'insecure-package-index',
  title: 'Packages from an insecure or confusable package index',
  family: 'dependencies',
  checklist: ['Dependency Security'],
  level: 'warning',
  securitySeverity: 6.5,
  precision: 'high',
  tier: 'default',
  cwe: [494, 319],
  compatible: {},
  docs: {
    whatItDoes:
      'Reports package sources that let someone else choose the code you install: indexes, `--find-links` locations and requirement URLs over plain `http://` (or `git://`), `--trusted-host` and `verify_ssl = false`, which turn off certificate checks, and `--extra-index-url`, which mixes a private index with the public one. It reads requirements files, pyproject.toml (Poetry, PDM and uv sources), Pipfile sources, and `pip install` commands run from Python code.',
    whyBad:
      'Without TLS, or with certificate checks off, anyone on the network path (a shared Wi-Fi, a compromised proxy, a CI provider\'s network) can answer the package download with their own code, which then runs during installation and in production. With `--extra-index-url`, pip asks every index for each name and installs the highest version it finds, so an attacker who publishes a package on PyPI under the name of your internal package wins (dependency confusion, as in the 2022 `torchtriton` incident).',
    example: '--index-url http://pypi.internal.example.com/simple\n--trusted-host pypi.internal.example.com\n--extra-index-url https://download.example.com/private/simple\nacme-billing==1.4.2\n',
    useInstead:
      '--index-url https://pypi.internal.example.com/simple\nacme-billing==1.4.2 \\\n    --hash=sha256:0f4e7a3b2c1d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f\n',
    exampleFile: 'requirements.txt',
    references: [
      'https://cwe.mitre.org/data/definitions/494.html',
      'https://cwe.mitre.org/data/definitions/319.html',
      'https://pip.pypa.io/en/stable/topics/secure-installs/',
      'https://pip.pypa.io/en/stable/cli/pip_install/#finding-packages',
      'https://pytorch.org/blog/compromised-nightly-dependency/',
    ],
  },
  manifest(manifest, ctx) {
    const packages = manifest.requirements.filter((r) => r.localPath === undefined);
    const allHashed = packages.length > 0 && packages.every((r) => r.hashes.length > 0);
    for (const setting of manifest.indexes) {
      const messages = indexProblems(setting, allHashed);
      if (messages.length > 0) ctx.report(setting.region, messages.join('; besides, '));
    }
    for (const r of manifest.requirements) {
      const url = r.vcs ? `${r.vcs.vcs}+${r.vcs.url}` : r.url;
      if (url && isCleartext(url)) ctx.report(r.region, cleartextMessage(`'${r.name || r.text}' is downloaded from`, url).replace(' is reached over', ', which is reached over'));
    }
  },
  visitors: {
    call(node, ctx) {
      const messages: string[] = [];
      for (const command of ctx.pipInstallCommands(node)) {
        const { options, packages } = pipInstallArguments(command.args);
        for (const option of options) {
          const value = option.value.text;
          switch (option.name) {
            case '--index-url':
            case '--find-links':
              if (isCleartext(value)) messages.push(cleartextMessage(option.name === '--find-links' ? 'the --find-links location' : 'the package index', value.replaceAll(HOLE, '…')));
              break;
            case '--extra-index-url':
              if (isCleartext(value)) messages.push(cleartextMessage('the package index', value.replaceAll(HOLE, '…')));
              messages.push(extraIndexMessage(value.replaceAll(HOLE, '…')));
              break;
            case '--trusted-host':
              if (option.value.dynamic || !isLoopback(value)) messages.push(trustedHostMessage(value.replaceAll(HOLE, '…')));
              break;
            default:
              break;
          }
        }
        for (const p of packages) {
          if (isCleartext(p.text)) messages.push(cleartextMessage('the package', p.text.replaceAll(HOLE, '…')));
        }
      }
      // One result per call: several on one line would share a fingerprint.
      if (messages.length > 0) ctx.report(node, `pip install from code: ${messages.join('; besides, ')}`);
    },
  },
});
