// cleartext-protocol: Telnet, FTP, IPMI, SNMP v1/v2c or v3 without privacy, and Dask clients over plain TCP.
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

/** Client classes whose whole protocol is unencrypted, with what the message says about them. */
const CLEARTEXT_CLIENTS: Record<string, { protocol: string; instead: string }> = {
  'telnetlib.Telnet': { protocol: 'Telnet', instead: 'use SSH (paramiko, asyncssh) instead' },
  'telnetlib3.open_connection': { protocol: 'Telnet', instead: 'use SSH (paramiko, asyncssh) instead' },
  'ftplib.FTP': { protocol: 'FTP', instead: 'use ftplib.FTP_TLS (and call prot_p()) or SFTP instead' },
  'pyghmi.ipmi.command.Command': { protocol: 'IPMI', instead: 'use the BMC\'s Redfish API over HTTPS, or keep IPMI on an isolated management network' },
  'pyghmi.ipmi.console.Console': { protocol: 'IPMI', instead: 'use the BMC\'s Redfish API over HTTPS, or keep IPMI on an isolated management network' },
  'pyghmi.ipmi.private.session.Session': { protocol: 'IPMI', instead: 'use the BMC\'s Redfish API over HTTPS, or keep IPMI on an isolated management network' },
};

/** Subclasses of these are secure variants: a local subclass of FTP_TLS is not a cleartext client. */
const SECURE_VARIANTS = new Set(['ftplib.FTP_TLS']);

/** pysnmp moved its high-level API between releases (hlapi, hlapi.asyncio, hlapi.v3arch…): match the class by its last part. */
function pysnmpClass(callee: string): string | undefined {
  const m = /^pysnmp\.(?:[A-Za-z0-9_]+\.)*(CommunityData|UsmUserData)$/.exec(callee);
  return m?.[1];
}

/** Dask distributed client constructors. */
const DASK_CLIENTS = new Set(['distributed.Client', 'dask.distributed.Client', 'distributed.client.Client']);

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|::1)(:|$)/i;

/** The named pysnmp constant, or None/absent. */
function pysnmpNoProtocol(node: SyntaxNode | undefined, ctx: RuleContext, noneName: string): boolean {
  if (!node) return false;
  if (node.type === 'none') return true;
  const names = ctx.qualifiedNameCandidates(node);
  return !!names && names.length > 0 && names.every((n) => n.startsWith('pysnmp.') && n.endsWith(`.${noneName}`));
}

/** An argument position or keyword is missing or explicitly None (no key given). */
function absentOrNone(call: SyntaxNode, position: number, keyword: string, ctx: RuleContext): boolean {
  const args = ctx.arguments(call);
  const kw = ctx.keyword(call, keyword);
  if (args.listSplats.length > 0 || kw.maybeInUnknownSplat) return false;
  const node = args.positional[position] ?? kw.node;
  if (node) return node.type === 'none' || ctx.constantValue(node) === null;
  if (kw.present) return kw.value === null;
  return true;
}

const CLIENT_MODULES = ['telnetlib', 'telnetlib3', 'ftplib', 'pyghmi', 'pysnmp', 'distributed', 'dask'];
/** The clients (by name or as a base class) can only be named in a file that imports one of their modules. */
function importsClient(ctx: RuleContext): boolean {
  return CLIENT_MODULES.some((m) => ctx.importsModule(m));
}

function report(node: SyntaxNode, ctx: RuleContext, protocol: string, instead: string): void {
  ctx.report(node, `${protocol} sends credentials and data unencrypted, readable and changeable by anyone on the network path; ${instead}.`);
}

export const cleartextProtocol = defineRule({
  id: 'cleartext-protocol',
  title: 'Client for a cleartext protocol (Telnet, FTP, IPMI, SNMP v1/v2c, SNMPv3 without privacy, Dask over TCP)',
  family: 'cryptography',
  checklist: ['API Security', 'Sensitive Data Handling'],
  level: 'warning',
  securitySeverity: 5.9,
  precision: 'medium',
  tier: 'default',
  cwe: [319],
  compatible: {
    bandit: ['B312', 'B321', 'B401', 'B402', 'B415', 'B508', 'B509'],
    ruff: ['S312', 'S321', 'S401', 'S402', 'S415', 'S508', 'S509'],
  },
  docs: {
    whatItDoes:
      'Reports clients of protocols that carry credentials and data in the clear: `telnetlib.Telnet` (and `telnetlib3.open_connection`), `ftplib.FTP` and local subclasses of it (not `FTP_TLS`), pyghmi IPMI sessions (`Command`, `Console`, `Session`), pysnmp `CommunityData` (SNMP v1 with `mpModel=0`, v2c by default), pysnmp `UsmUserData` without a privacy key or with `usmNoPrivProtocol`/`usmNoAuthProtocol` (SNMPv3 noAuthNoPriv or authNoPriv), and Dask `distributed.Client` given a `tcp://` scheduler address on another host without a `security=` setting. Only uses are reported, never the imports alone, so a module that imports `ftplib` for its `FTP_TLS` class or for type hints stays clean.',
    whyBad:
      'Anyone who can observe the network between client and server — a shared Wi-Fi, a compromised switch, a cloud neighbour on a flat network — reads the user names, passwords, community strings and data these protocols send, and can change commands and files in flight. Management protocols such as IPMI and SNMP usually reach the most privileged parts of an infrastructure.',
    example: 'import ftplib\n\ndef upload(host, user, password, path):\n    with ftplib.FTP(host, user, password) as ftp, open(path, "rb") as f:\n        ftp.storbinary("STOR report.csv", f)\n',
    useInstead:
      'import ftplib\n\ndef upload(host, user, password, path):\n    with ftplib.FTP_TLS(host, user, password) as ftp, open(path, "rb") as f:\n        ftp.prot_p()\n        ftp.storbinary("STOR report.csv", f)\n',
    references: [
      'https://cwe.mitre.org/data/definitions/319.html',
      'https://docs.python.org/3/library/ftplib.html#ftplib.FTP_TLS',
      'https://docs.python.org/3/library/telnetlib.html',
      'https://www.rfc-editor.org/rfc/rfc3414',
      'https://distributed.dask.org/en/stable/tls.html',
    ],
  },
  appliesTo: importsClient,
  visitors: {
    call(node, ctx) {
      const callees = ctx.calleeCandidates(node);
      if (callees) {
        for (const callee of callees) {
          const client = CLEARTEXT_CLIENTS[callee];
          if (client) {
            report(node, ctx, client.protocol, client.instead);
            return;
          }
          const snmp = pysnmpClass(callee);
          if (snmp === 'CommunityData') {
            const model = ctx.argument(node, 2, 'mpModel');
            const version = model && ctx.constantValue(model) === 0 ? 'SNMP v1' : 'SNMP v2c';
            ctx.report(node, `${version} community strings travel unencrypted and authenticate nothing else; use SNMPv3 (UsmUserData) with an authentication and a privacy protocol.`);
            return;
          }
          if (snmp === 'UsmUserData') {
            const noAuth = absentOrNone(node, 1, 'authKey', ctx) || pysnmpNoProtocol(ctx.argument(node, 3, 'authProtocol'), ctx, 'usmNoAuthProtocol');
            const noPriv = noAuth || absentOrNone(node, 2, 'privKey', ctx) || pysnmpNoProtocol(ctx.argument(node, 4, 'privProtocol'), ctx, 'usmNoPrivProtocol');
            if (noPriv) {
              const level = noAuth ? 'noAuthNoPriv' : 'authNoPriv';
              ctx.report(node, `SNMPv3 user in ${level} mode sends its traffic unencrypted; give UsmUserData both an authKey and a privKey (with usmHMACSHAAuthProtocol and usmAesCfb128Protocol or stronger).`);
            }
            return;
          }
          if (DASK_CLIENTS.has(callee)) {
            daskClient(node, ctx);
            return;
          }
        }
        return;
      }
      // A class defined in this file that extends a cleartext client: `class Uploader(ftplib.FTP)`.
      const fn = node.childForFieldName('function');
      const bases = fn ? ctx.baseClassNames(fn) : undefined;
      if (!bases || bases.some((b) => SECURE_VARIANTS.has(b))) return;
      const client = bases.map((b) => CLEARTEXT_CLIENTS[b]).find((c) => c !== undefined);
      if (client) report(node, ctx, client.protocol, client.instead);
    },
  },
});

function daskClient(node: SyntaxNode, ctx: RuleContext): void {
  if (ctx.keyword(node, 'security').present || ctx.keyword(node, 'security').maybeInUnknownSplat) return;
  const address = ctx.argument(node, 0, 'address');
  if (!address) return;
  const known = ctx.knownPrefix(address);
  const text = known?.text ?? ctx.stringValue(address);
  if (text === undefined) return;
  const complete = known ? known.complete : true;
  const m = /^tcp:\/\/(.*)$/i.exec(text);
  // Without a scheme Dask connects over tcp:// too; only a complete host:port constant is taken as an address.
  const host = m ? m[1]! : complete && /^[\w.-]+:\d+$/.test(text) ? text : undefined;
  if (host === undefined || LOOPBACK.test(host)) return; // not a TCP address, or the scheduler runs on this machine
  ctx.report(node, 'A Dask client connecting over tcp:// sends task data and results unencrypted; use a tls:// address with distributed.security.Security (security=...).');
}
