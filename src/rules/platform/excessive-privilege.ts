// excessive-privilege: code that asks for root or for a container without isolation: privileged Docker containers,
// host namespaces, dangerous capabilities, setuid(0), and programs started through sudo.
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import { isDict, isTruthy, type ConstValue } from '../../analysis/constants.js';
import { explicitShellScripts, launchPrograms, type ProcessLaunch } from '../../analysis/process-launch.js';
import { programBaseName, shellCommands } from '../../analysis/shell-words.js';
import { unwrapParentheses as unwrap } from '../../analysis/syntax.js';
import type { SyntaxNode } from '../../parser/python.js';

/** Capabilities that are enough to leave a container or take over the host. */
const ESCAPE_CAPABILITIES = new Set(['ALL', 'SYS_ADMIN', 'SYS_MODULE', 'SYS_PTRACE', 'SYS_RAWIO', 'DAC_READ_SEARCH']);
/** Namespace settings whose value `host` shares the host's namespace with the container. */
const HOST_NAMESPACES = ['network_mode', 'pid_mode', 'ipc_mode', 'userns_mode', 'uts_mode'];
/** Host paths whose mount hands the container the host: the Docker socket, the root file system. */
const HOST_TAKEOVER_PATHS = new Set(['/var/run/docker.sock', '/run/docker.sock', '/']);
/** Programs that run the rest of their command line as another user, root by default. */
const ELEVATORS = new Set(['sudo', 'doas', 'pkexec']);
/** Calls that change the process's user or group ids. */
const ID_SETTERS = new Set(['os.setuid', 'os.seteuid', 'os.setgid', 'os.setegid', 'os.setreuid', 'os.setregid', 'os.setresuid', 'os.setresgid']);
/** `pwd.getpwnam("root").pw_uid`-style lookups of the root account. */
const ROOT_LOOKUPS: Record<string, string> = { 'pwd.getpwnam': 'pw_uid', 'grp.getgrnam': 'gr_gid' };

/** Docker SDK (and the Podman SDK that mirrors it): where container settings are passed. */
function dockerSettingsCall(call: SyntaxNode, ctx: RuleContext): string | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute') return undefined;
  const method = fn.childForFieldName('attribute')?.text;
  const callee = ctx.callee(call) ?? '';
  if (method === 'run' || method === 'create') {
    const object = unwrap(fn.childForFieldName('object'));
    const onContainers = object?.type === 'attribute' && object.childForFieldName('attribute')?.text === 'containers';
    if (onContainers || /(^|\.)containers\.(run|create)$/.test(callee)) return `containers.${method}()`;
  }
  if (method === 'create_host_config') return 'create_host_config()';
  if (callee === 'docker.types.HostConfig') return 'docker.types.HostConfig()';
  return undefined;
}

function strings(value: ConstValue | undefined): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The isolation-breaking settings among a Docker call's keyword arguments. */
function dockerProblems(call: SyntaxNode, ctx: RuleContext): string[] {
  const out: string[] = [];
  const privileged = ctx.keyword(call, 'privileged');
  if (privileged.value !== undefined && isTruthy(privileged.value)) out.push('privileged=True');
  const caps = strings(ctx.keyword(call, 'cap_add').value).filter((c) => ESCAPE_CAPABILITIES.has(c.toUpperCase().replace(/^CAP_/, '')));
  if (caps.length > 0) out.push(`cap_add=[${caps.map((c) => `'${c}'`).join(', ')}]`);
  for (const name of HOST_NAMESPACES) {
    const v = ctx.keyword(call, name).value;
    if (typeof v === 'string' && v.toLowerCase() === 'host') out.push(`${name}='host'`);
  }
  const unconfined = strings(ctx.keyword(call, 'security_opt').value).filter((o) => /^(seccomp|apparmor)[=:]unconfined$|^label[=:]disable$/i.test(o));
  if (unconfined.length > 0) out.push(`security_opt=[${unconfined.map((o) => `'${o}'`).join(', ')}]`);
  for (const name of ['volumes', 'binds']) {
    const v = ctx.keyword(call, name).value;
    const hostPaths = isDict(v) ? [...v.keys()].filter((k): k is string => typeof k === 'string') : strings(v).map((s) => s.split(':')[0]!);
    const mounted = hostPaths.filter((p) => HOST_TAKEOVER_PATHS.has(p.replace(/(.)\/+$/, '$1')));
    if (mounted.length > 0) out.push(`${name} mounting ${mounted.map((p) => `'${p}'`).join(', ')}`);
  }
  return out;
}

/** The id argument is root: 0, or the id of the root account looked up by name. */
function isRootId(arg: SyntaxNode, ctx: RuleContext): boolean {
  if (ctx.constantValue(arg) === 0) return true;
  const node = unwrap(arg);
  if (node.type !== 'attribute') return false;
  const lookup = unwrap(node.childForFieldName('object'));
  if (lookup?.type !== 'call') return false;
  const field = ROOT_LOOKUPS[ctx.callee(lookup) ?? ''];
  return field !== undefined && node.childForFieldName('attribute')?.text === field && ctx.stringValue(ctx.argument(lookup, 0, 'name')) === 'root';
}

/** The elevation program (sudo, doas, pkexec) a process launch starts, directly or as a command of its shell line. */
function elevator(launch: ProcessLaunch, ctx: RuleContext): string | undefined {
  const lines = launch.shell === true ? (launch.commandLine ? [launch.commandLine] : []) : explicitShellScripts(launch, (n) => ctx.constantValue(n));
  for (const line of lines) {
    for (const command of shellCommands(ctx.stringTemplate(line).text)) {
      const first = command.words[0];
      if (first && !first.dynamic && ELEVATORS.has(programBaseName(first.text))) return programBaseName(first.text);
    }
  }
  if (launch.shell === true) return undefined;
  for (const program of launchPrograms(launch, (n) => ctx.constantValue(n))) {
    if (program === undefined) continue;
    const values = typeof program === 'string' ? [program] : (ctx.possibleValues(program) ?? []);
    for (const v of values) if (typeof v === 'string' && ELEVATORS.has(programBaseName(v))) return programBaseName(v);
  }
  return undefined;
}

export const excessivePrivilege = defineRule({
  id: 'excessive-privilege',
  title: 'Privileged container, root user id or sudo requested from code',
  family: 'platform',
  checklist: ['Best Practices'],
  level: 'warning',
  securitySeverity: 6.0,
  precision: 'medium',
  tier: 'extended',
  cwe: [250],
  compatible: {},
  docs: {
    whatItDoes:
      'Reports code that asks for more privilege than a program should need: Docker SDK (or Podman SDK) containers started or configured with `privileged=True`, `cap_add` holding `ALL`, `SYS_ADMIN`, `SYS_MODULE`, `SYS_PTRACE`, `SYS_RAWIO` or `DAC_READ_SEARCH`, a `host` network, PID, IPC, user or UTS namespace, `seccomp`/`apparmor` unconfined, or a mount of the Docker socket or of `/`; `os.setuid(0)` and the other `set*id` calls given 0 or the id of `root`; and programs started through `sudo`, `doas` or `pkexec`, as argv[0] or as a command of a shell line. Settings are read through constants and `**kwargs` dicts.',
    whyBad:
      'Each of these removes a boundary that limits the damage of a bug. A privileged container, the host\'s namespaces, an unconfined profile, an escape-capable capability or the Docker socket let code inside the container take over the host; a process that switches to uid 0 or runs helpers through sudo turns any injection or path mistake in it into full control of the machine (CWE-250).',
    example: 'import docker\n\nclient = docker.from_env()\nclient.containers.run("builder:latest", "make", privileged=True)\n',
    useInstead:
      'import docker\n\nclient = docker.from_env()\nclient.containers.run("builder:latest", "make", cap_add=["NET_BIND_SERVICE"], user="1000:1000")\n',
    references: [
      'https://cwe.mitre.org/data/definitions/250.html',
      'https://docker-py.readthedocs.io/en/stable/containers.html',
      'https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities',
      'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html',
    ],
  },
  visitors: {
    call(node, ctx) {
      const docker = dockerSettingsCall(node, ctx);
      if (docker) {
        const problems = dockerProblems(node, ctx);
        if (problems.length > 0) {
          ctx.report(node, `Docker ${docker} removes the container's isolation with ${problems.join(', ')}; grant only the capabilities the workload needs and keep its own namespaces.`);
        }
        return;
      }
      const callee = ctx.callee(node);
      if (callee !== undefined && ID_SETTERS.has(callee)) {
        if (ctx.arguments(node).positional.some((a) => isRootId(a, ctx))) {
          ctx.report(node, `${callee}() switches the process to the root ${callee.includes('gid') ? 'group' : 'user'}; run as an unprivileged account and keep root-only work in a small separate helper.`);
        }
        return;
      }
      const launch = ctx.processLaunch(node);
      const program = launch ? elevator(launch, ctx) : undefined;
      if (launch && program) {
        ctx.report(node, `${launch.api}() runs a command through ${program}, giving it root; grant the specific permission the command needs instead (file ownership, group membership, a capability).`);
      }
    },
  },
});
