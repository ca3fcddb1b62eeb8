// hardcoded-password: a string constant bound to a password, secret, token or API-key name.
import { FIELD_DEFAULTS } from '../../analysis/literal-binding.js';
import { maskSecret, notASecret } from '../../analysis/secret-values.js';
import { secretName, type SecretName } from '../../analysis/secret-names.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';
import { unwrapParentheses as unwrap } from '../../analysis/syntax.js';

/** Environment lookups whose fallback value is used when the variable is unset. */
const ENV_LOOKUP_TABLE: Record<string, { position?: number; keyword?: string; sets?: boolean }> = {
  'os.getenv': { position: 1, keyword: 'default' },
  'os.environ.get': { position: 1, keyword: 'default' },
  'os.environ.setdefault': { position: 1, keyword: 'default' },
  'os.putenv': { position: 1, sets: true },
  'decouple.config': { keyword: 'default' },
};

/** Library calls that take a password by position (keywords are covered by the keyword check). */
const CREDENTIAL_PARAMETER_TABLE: Record<string, { position: number; name: string }> = {
  'smtplib.SMTP().login': { position: 1, name: 'password' },
  'smtplib.SMTP_SSL().login': { position: 1, name: 'password' },
  'smtplib.LMTP().login': { position: 1, name: 'password' },
  'imaplib.IMAP4().login': { position: 1, name: 'password' },
  'imaplib.IMAP4_SSL().login': { position: 1, name: 'password' },
  'ftplib.FTP().login': { position: 1, name: 'passwd' },
  'ftplib.FTP_TLS().login': { position: 1, name: 'passwd' },
  'ftplib.FTP': { position: 2, name: 'passwd' },
  'ftplib.FTP_TLS': { position: 2, name: 'passwd' },
  'poplib.POP3().pass_': { position: 0, name: 'pswd' },
  'poplib.POP3_SSL().pass_': { position: 0, name: 'pswd' },
  'paramiko.SSHClient().connect': { position: 3, name: 'password' },
  'paramiko.client.SSHClient().connect': { position: 3, name: 'password' },
  'requests.auth.HTTPBasicAuth': { position: 1, name: 'password' },
  'requests.auth.HTTPDigestAuth': { position: 1, name: 'password' },
  'requests.auth.HTTPProxyAuth': { position: 1, name: 'password' },
  'httpx.BasicAuth': { position: 1, name: 'password' },
  'httpx.DigestAuth': { position: 1, name: 'password' },
  'aiohttp.BasicAuth': { position: 1, name: 'password' },
  'pymssql.connect': { position: 2, name: 'password' },
  'MySQLdb.connect': { position: 2, name: 'passwd' },
  'cx_Oracle.connect': { position: 1, name: 'password' },
  'ldap3.Connection': { position: 2, name: 'password' },
  'keyring.set_password': { position: 2, name: 'password' },
  'django.contrib.auth.models.User.objects.create_user': { position: 2, name: 'password' },
  'django.contrib.auth.models.User.objects.create_superuser': { position: 2, name: 'password' },
  'django.contrib.auth.get_user_model().objects.create_user': { position: 2, name: 'password' },
  'django.contrib.auth.get_user_model().objects.create_superuser': { position: 2, name: 'password' },
  'hmac.compare_digest': { position: -1, name: '' },
  'secrets.compare_digest': { position: -1, name: '' },
};

/** Looked up by every call's resolved name: Maps (own entries only, no prototype names). */
const ENV_LOOKUPS = new Map(Object.entries(ENV_LOOKUP_TABLE));
const CREDENTIAL_PARAMETERS = new Map(Object.entries(CREDENTIAL_PARAMETER_TABLE));

/** HTTP client call prefixes whose `auth=("user", "password")` tuple carries a password. */
const AUTH_TUPLE_CLIENTS = ['requests.', 'httpx.', 'aiohttp.'];

/** The name an expression stands for when it is assigned to or compared: `x`, `obj.x`, `d["x"]`. */
function boundName(node: SyntaxNode, ctx: RuleContext): string | undefined {
  const n = unwrap(node);
  if (n.type === 'identifier') return n.text;
  if (n.type === 'attribute') return n.childForFieldName('attribute')?.text;
  if (n.type === 'subscript') return ctx.stringValue(n.childForFieldName('subscript'));
  return undefined;
}

/**
 * The string-literal expressions a value may be: the literal itself, both branches of `a if c else b`, the
 * fallback of `os.getenv(...) or "…"`, or a constant held in a name that is not itself credential-named (those
 * are reported where they are defined).
 */
function literalCandidates(node: SyntaxNode | null | undefined, ctx: RuleContext, out: SyntaxNode[] = []): SyntaxNode[] {
  if (!node) return out;
  const n = unwrap(node);
  switch (n.type) {
    case 'string':
    case 'concatenated_string':
    case 'binary_operator':
      if (ctx.stringValue(n) !== undefined) out.push(n);
      break;
    case 'identifier':
      if (!secretName(n.text) && ctx.stringValue(n) !== undefined) out.push(n);
      break;
    case 'conditional_expression': {
      const [whenTrue, , whenFalse] = n.namedChildren;
      literalCandidates(whenTrue, ctx, out);
      literalCandidates(whenFalse, ctx, out);
      break;
    }
    case 'boolean_operator':
      if (n.childForFieldName('operator')?.type === 'or') {
        literalCandidates(n.childForFieldName('left'), ctx, out);
        literalCandidates(n.childForFieldName('right'), ctx, out);
      }
      break;
    default:
      break;
  }
  return out;
}

/** The value a class field or secret wrapper is initialised with. */
function fieldDefault(value: SyntaxNode, ctx: RuleContext): SyntaxNode | undefined {
  const n = unwrap(value);
  if (n.type !== 'call') return undefined;
  const callee = ctx.callee(n);
  const spec = callee !== undefined ? FIELD_DEFAULTS[callee] : undefined;
  return spec ? ctx.argument(n, spec.position, spec.keyword) : undefined;
}

type Role = 'assigned' | 'passed' | 'default' | 'compared' | 'env-default' | 'dict';

const PLACES: Record<Role, string> = {
  assigned: 'assigned to',
  passed: 'passed as',
  default: 'used as the default of parameter',
  compared: 'compared with',
  'env-default': 'used as the fallback for',
  dict: 'stored under key',
};

function check(ctx: RuleContext, name: SecretName, label: string, value: SyntaxNode | null | undefined, role: Role): void {
  for (const literal of literalCandidates(value, ctx)) {
    const text = ctx.stringValue(literal);
    if (text === undefined || notASecret(text, name) !== undefined) continue;
    const kind = name.kind === 'api key' ? 'API key' : name.kind;
    const advice =
      role === 'compared'
        ? 'compare against a stored hash or a secret loaded at run time instead'
        : 'load it at run time from the environment or a secret manager instead';
    ctx.report(literal, `Hard-coded ${kind} ("${maskSecret(text)}") ${PLACES[role]} '${label}'; ${advice}.`);
  }
}

function checkNamed(ctx: RuleContext, label: string | undefined, value: SyntaxNode | null | undefined, role: Role): void {
  if (label === undefined || !value) return;
  const name = secretName(label);
  if (name) check(ctx, name, label, value, role);
}

/** Pairs `a, b = "x", "y"` element by element; a single target takes the whole value. */
function checkTarget(ctx: RuleContext, target: SyntaxNode, value: SyntaxNode): void {
  const t = unwrap(target);
  if (t.type === 'pattern_list' || t.type === 'tuple_pattern' || t.type === 'list_pattern' || t.type === 'tuple' || t.type === 'list') {
    const v = unwrap(value);
    if (v.type !== 'expression_list' && v.type !== 'tuple' && v.type !== 'list') return;
    const targets = t.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
    const values = v.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
    if (targets.length !== values.length) return;
    targets.forEach((el, i) => checkTarget(ctx, el, values[i]!));
    return;
  }
  const label = boundName(t, ctx);
  if (label === undefined) return;
  const name = secretName(label);
  if (!name) return;
  check(ctx, name, label, fieldDefault(value, ctx) ?? value, 'assigned');
}

/** Calls that read an environment variable: the fallback literal counts when the variable or the receiving name is credential-like. */
function checkEnvLookup(call: SyntaxNode, callee: string, ctx: RuleContext): void {
  const spec = ENV_LOOKUPS.get(callee);
  if (!spec) return;
  const fallback = ctx.argument(call, spec.position, spec.keyword);
  if (!fallback) return;
  const variable = ctx.stringValue(ctx.argument(call, 0, 'key'));
  const fromVariable = variable !== undefined ? secretName(variable) : undefined;
  if (fromVariable) {
    check(ctx, fromVariable, variable!, fallback, spec.sets ? 'assigned' : 'env-default');
    return;
  }
  if (spec.sets) return;
  // `password = os.getenv("PGPASS", "…")`: the receiving name says what the variable holds.
  const parent = call.parent;
  let receiver: string | undefined;
  if (parent?.type === 'assignment' && parent.childForFieldName('right')?.id === call.id) {
    const left = parent.childForFieldName('left');
    receiver = left ? boundName(left, ctx) : undefined;
  } else if (parent?.type === 'keyword_argument' && parent.childForFieldName('value')?.id === call.id) {
    receiver = parent.childForFieldName('name')?.text;
  }
  checkNamed(ctx, receiver, fallback, 'env-default');
}

function checkCall(call: SyntaxNode, ctx: RuleContext): void {
  const callee = ctx.callee(call);
  if (callee !== undefined) {
    checkEnvLookup(call, callee, ctx);
    const spec = CREDENTIAL_PARAMETERS.get(callee);
    const args = ctx.arguments(call);
    if (spec && spec.position >= 0) {
      const arg = args.positional[spec.position];
      const name = secretName(spec.name);
      if (arg && name) check(ctx, name, spec.name, arg, 'passed');
    } else if (spec) {
      // compare_digest(a, b): symmetric, like `==`.
      const [a, b] = args.positional;
      if (a && b) {
        checkNamed(ctx, boundName(a, ctx), b, 'compared');
        checkNamed(ctx, boundName(b, ctx), a, 'compared');
      }
    }
    const auth = args.keywords.get('auth');
    if (auth && AUTH_TUPLE_CLIENTS.some((p) => callee.startsWith(p))) {
      const pair = unwrap(auth);
      const items = pair.type === 'tuple' ? pair.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment') : [];
      const name = secretName('password');
      if (items.length === 2 && name) check(ctx, name, 'auth', items[1], 'passed');
    }
  }
  // `user.set_password("…")` (Django, Flask-Login models, passlib helpers): the one argument is the password,
  // whatever the receiver's type.
  const fn = call.childForFieldName('function');
  if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'set_password' && callee !== 'keyring.set_password') {
    const args = ctx.arguments(call);
    if (args.positional.length === 1 && args.keywords.size === 0 && args.listSplats.length === 0) checkNamed(ctx, 'password', args.positional[0], 'passed');
  }
  for (const [keyword, value] of ctx.arguments(call).keywords) checkNamed(ctx, keyword, value, 'passed');
}

export const hardcodedPassword = defineRule({
  id: 'hardcoded-password',
  title: 'Hard-coded password, secret, token or API key',
  family: 'secrets',
  checklist: ['Sensitive Data Handling', 'Authentication and Authorization'],
  level: 'warning',
  securitySeverity: 7.5,
  precision: 'medium',
  tier: 'default',
  cwe: [259, 798],
  compatible: { bandit: ['B105', 'B106', 'B107'], ruff: ['S105', 'S106', 'S107'] },
  // The same literal judged by its shape alone: the credential-name finding says more.
  supersedes: ['hardcoded-high-entropy-secret'],
  docs: {
    whatItDoes:
      'Reports string constants bound to a credential name: assignments to names, attributes and keys such as `password`, `db_passwd`, `apiKey`, `client_secret` or `access_token`; keyword arguments, dictionary entries and parameter defaults with such names; comparisons against them; and fallback values of `os.getenv("DB_PASSWORD", "…")`. The value must look like a secret: labels and protocol words (`"Bearer"`, `"access"`, `"NextToken"`), placeholders (`"changeme"`, `"<password>"`, `"${PASSWORD}"`), environment-variable names, URLs, paths, prompts and values derived from the name itself are ignored, as are names that describe a credential rather than hold one (`token_type`, `password_field`, `secret_name`, `next_token`). Findings in test code are notes, and messages show at most the first four characters of the value. A fallback whose variable and receiving names say nothing about a credential is left to `hardcoded-provider-credential` (token formats) and `hardcoded-high-entropy-secret` (random-looking values); where a provider format, a private key, a framework secret key or a crypto key is reported at the same literal, that finding replaces this one.',
    whyBad:
      'A credential written into source code is shared with everyone who can read the repository, its forks, build logs and packaged artifacts, and it survives in version-control history after it is removed. It cannot be rotated without a code change, and the same value tends to end up in every environment, so one leak opens all of them.',
    example:
      'import psycopg2\n\nDB_PASSWORD = "Xk9#mQ2v!pL7"\n\nconnection = psycopg2.connect(host="db", user="app", password=DB_PASSWORD)\n',
    useInstead:
      'import os\n\nimport psycopg2\n\nDB_PASSWORD = os.environ["DB_PASSWORD"]\n\nconnection = psycopg2.connect(host="db", user="app", password=DB_PASSWORD)\n',
    references: [
      'https://cwe.mitre.org/data/definitions/798.html',
      'https://cwe.mitre.org/data/definitions/259.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
      'https://docs.python.org/3/library/os.html#os.environ',
    ],
  },
  visitors: {
    assignment(node, ctx) {
      // `a = b = "…"` is one statement: handle the whole chain at the outermost assignment.
      if (node.parent?.type === 'assignment') return;
      const targets: SyntaxNode[] = [];
      let cur: SyntaxNode = node;
      let value = cur.childForFieldName('right');
      for (;;) {
        const left = cur.childForFieldName('left');
        if (left) targets.push(left);
        if (!value) return;
        if (value.type !== 'assignment') break;
        cur = value;
        value = cur.childForFieldName('right');
      }
      // With several targets, the first credential-like one names the value (reported once).
      const named = targets.find((t) => {
        const label = boundName(t, ctx);
        return label !== undefined && secretName(label) !== undefined;
      });
      checkTarget(ctx, named ?? targets[0]!, value);
    },
    default_parameter(node, ctx) {
      checkNamed(ctx, node.childForFieldName('name')?.text, node.childForFieldName('value'), 'default');
    },
    typed_default_parameter(node, ctx) {
      checkNamed(ctx, node.childForFieldName('name')?.text, node.childForFieldName('value'), 'default');
    },
    pair(node, ctx) {
      if (node.parent?.type !== 'dictionary') return;
      checkNamed(ctx, ctx.stringValue(node.childForFieldName('key')), node.childForFieldName('value'), 'dict');
    },
    comparison_operator(node, ctx) {
      const operands = node.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
      const operators = node.childrenForFieldName('operators');
      if (operators.length !== operands.length - 1) return;
      operators.forEach((op, i) => {
        if (op.text !== '==' && op.text !== '!=') return;
        const a = operands[i]!;
        const b = operands[i + 1]!;
        checkNamed(ctx, boundName(a, ctx), b, 'compared');
        checkNamed(ctx, boundName(b, ctx), a, 'compared');
      });
    },
    call(node, ctx) {
      checkCall(node, ctx);
    },
  },
});
