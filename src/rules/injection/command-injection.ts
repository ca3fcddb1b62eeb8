// command-injection: request data that reaches a shell command line or chooses the program a process runs.
import { taintRule } from '../factories.js';

export const commandInjection = taintRule({
  id: 'command-injection',
  title: 'OS command built from user input',
  family: 'injection',
  checklist: ['Code Injection Prevention', 'Input Validation'],
  level: 'error',
  securitySeverity: 9.8,
  precision: 'high',
  tier: 'default',
  cwe: [78, 88],
  compatible: { bandit: ['B601', 'B602', 'B604', 'B605'], ruff: ['S601', 'S602', 'S604', 'S605'] },
  supersedes: ['shell-command-nonconstant'],
  kinds: ['command'],
  advice: 'pass a fixed program and an argument list without a shell (subprocess.run(["prog", value])), or quote each value with shlex.quote()',
  docs: {
    whatItDoes:
      'Follows request data into APIs that start processes and reports it where it is interpreted: command lines run by a shell (`os.system`, `os.popen`, `subprocess.*` with `shell=True`, `subprocess.getoutput`, `asyncio.create_subprocess_shell`, Paramiko `exec_command`, Fabric `run`/`sudo`), the script of `sh -c`, and the program of an argument list (`subprocess.run([program, …])`, `os.exec*`, `os.spawn*`, `asyncio.create_subprocess_exec`). Request values that are later items of an argument list run without a shell are only arguments of a fixed program and are not reported; `shlex.quote()` and `int()` clear the taint.',
    whyBad:
      'A shell treats `;`, `|`, `&&`, backticks and `$(…)` in its command line as instructions, so a request value spliced into the line lets the client run any command with the server’s privileges. Choosing the program itself is just as direct.',
    example:
      'import subprocess\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\n@app.route("/ping")\ndef ping():\n    host = request.args["host"]\n    return subprocess.check_output(f"ping -c 1 {host}", shell=True)\n',
    useInstead:
      'import subprocess\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\n@app.route("/ping")\ndef ping():\n    host = request.args["host"]\n    return subprocess.check_output(["ping", "-c", "1", "--", host])\n',
    references: [
      'https://cwe.mitre.org/data/definitions/78.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/OS_Command_Injection_Defense_Cheat_Sheet.html',
      'https://docs.python.org/3/library/subprocess.html#security-considerations',
      'https://docs.python.org/3/library/shlex.html#shlex.quote',
    ],
  },
});
