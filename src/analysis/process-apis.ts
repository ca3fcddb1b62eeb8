// The process-starting APIs Krait knows: which ones run a shell, and which programs run a `-c` script.

/** APIs whose command string is always interpreted by a shell. */
export const SHELL_APIS: Readonly<Record<string, { position: number; keyword: string }>> = {
  'os.system': { position: 0, keyword: 'command' },
  'os.popen': { position: 0, keyword: 'cmd' },
  'os.popen2': { position: 0, keyword: 'cmd' },
  'os.popen3': { position: 0, keyword: 'cmd' },
  'os.popen4': { position: 0, keyword: 'cmd' },
  'popen2.popen2': { position: 0, keyword: 'cmd' },
  'popen2.popen3': { position: 0, keyword: 'cmd' },
  'popen2.popen4': { position: 0, keyword: 'cmd' },
  'popen2.Popen3': { position: 0, keyword: 'cmd' },
  'popen2.Popen4': { position: 0, keyword: 'cmd' },
  'commands.getoutput': { position: 0, keyword: 'cmd' },
  'commands.getstatusoutput': { position: 0, keyword: 'cmd' },
  'subprocess.getoutput': { position: 0, keyword: 'cmd' },
  'subprocess.getstatusoutput': { position: 0, keyword: 'cmd' },
  'platform.popen': { position: 0, keyword: 'cmd' },
  'asyncio.create_subprocess_shell': { position: 0, keyword: 'cmd' },
  'asyncio.subprocess.create_subprocess_shell': { position: 0, keyword: 'cmd' },
};

/** subprocess functions: argv (or, with a truthy `shell=`, a command line) first, then `shell=` and `executable=`. */
export const SUBPROCESS_APIS: ReadonlySet<string> = new Set(['subprocess.run', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.Popen']);

/** Programs that run their `-c` (or `/c`, `-Command`) argument as a script. */
export const SHELL_SCRIPT_FLAGS: Readonly<Record<string, RegExp>> = {
  sh: /^-[a-zA-Z]*c[a-zA-Z]*$/,
  bash: /^-[a-zA-Z]*c[a-zA-Z]*$/,
  dash: /^-[a-zA-Z]*c[a-zA-Z]*$/,
  zsh: /^-[a-zA-Z]*c[a-zA-Z]*$/,
  ksh: /^-[a-zA-Z]*c[a-zA-Z]*$/,
  ash: /^-[a-zA-Z]*c[a-zA-Z]*$/,
  mksh: /^-[a-zA-Z]*c[a-zA-Z]*$/,
  busybox: /^-[a-zA-Z]*c[a-zA-Z]*$/,
  csh: /^-[a-zA-Z]*c[a-zA-Z]*$/,
  tcsh: /^-[a-zA-Z]*c[a-zA-Z]*$/,
  fish: /^-[a-zA-Z]*c[a-zA-Z]*$/,
  cmd: /^\/[ck]$/i,
  powershell: /^-(c|command)$/i,
  pwsh: /^-(c|command)$/i,
};
