// processLaunch(): how a call starts a process, and the argv lists built in local names.
import { expect, test } from 'vitest';
import { explicitShellScripts, launchPrograms } from '../../src/analysis/process-launch.js';
import { analyse } from '../helpers/analyse.js';

const SOURCE = `
import os
import subprocess
from subprocess import run as r

BASE = ["git", "--no-pager"]
OPTS = {"shell": True}


def f(user, flag, extra):
    os.system("ls " + user)
    r(["ls", user], shell=False)
    subprocess.run("make all", **OPTS)
    subprocess.call(["echo hi", "ignored"], shell=True)
    subprocess.Popen(user, shell=flag)
    cmd = ["pytest"]
    cmd.append("-q")
    cmd += extra
    subprocess.run(cmd)
    subprocess.run([*BASE, "log"], executable="/usr/bin/git")
    os.execvp("vim", ["vim", user])
    os.spawnl(os.P_WAIT, "/bin/ls", "ls", user)
    subprocess.run(["bash", "-ec", "echo " + user])
    subprocess.run(BASE + ["log"] if flag else ["hg", "log"])
    print("ls")
`;

test('describes shell and argv launches', async () => {
  const a = await analyse(SOURCE);
  const launch = (text: string) => a.file.processLaunch(a.find(text, ['call']))!;
  const texts = (nodes: ({ text: string } | string | undefined)[]) => nodes.map((n) => (typeof n === 'string' || n === undefined ? n : n.text));

  expect(launch('os.system("ls " + user)')).toMatchObject({ api: 'os.system', shell: true, searchesPath: true });
  expect(launch('os.system("ls " + user)').commandLine!.text).toBe('"ls " + user');
  expect(launch('r(["ls", user], shell=False)')).toMatchObject({ api: 'subprocess.run', shell: false });
  expect(launch('subprocess.run("make all", **OPTS)').commandLine!.text).toBe('"make all"');
  expect(launch('subprocess.call(["echo hi", "ignored"], shell=True)').commandLine!.text).toBe('"echo hi"');
  expect(launch('subprocess.Popen(user, shell=flag)').shell).toBeUndefined();

  const built = launch('subprocess.run(cmd)').argv!;
  expect(built.map((pieces) => pieces.map((p) => `${p.spread ? '*' : ''}${p.node.text}`))).toEqual([['"pytest"', '"-q"', '*extra']]);

  const git = launch('subprocess.run([*BASE, "log"], executable="/usr/bin/git")');
  expect(texts(launchPrograms(git, (n) => a.file.constantValue(n)))).toEqual(['"/usr/bin/git"']);

  const vim = launch('os.execvp("vim", ["vim", user])');
  expect(vim).toMatchObject({ api: 'os.execvp', searchesPath: true });
  expect(vim.executable!.text).toBe('"vim"');
  const ls = launch('os.spawnl(os.P_WAIT, "/bin/ls", "ls", user)');
  expect(ls).toMatchObject({ searchesPath: false });
  expect(ls.argv![0]!.map((p) => p.node.text)).toEqual(['"ls"', 'user']);

  const bash = launch('subprocess.run(["bash", "-ec", "echo " + user])');
  expect(explicitShellScripts(bash, (n) => a.file.constantValue(n)).map((n) => n.text)).toEqual(['"echo " + user']);

  const choice = launch('subprocess.run(BASE + ["log"] if flag else ["hg", "log"])');
  expect(texts(launchPrograms(choice, (n) => a.file.constantValue(n)))).toEqual(['"git"', '"hg"']);

  expect(a.file.processLaunch(a.find('print("ls")', ['call']))).toBeUndefined();
  a.done();
});
