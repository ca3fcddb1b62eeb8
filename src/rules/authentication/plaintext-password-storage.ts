// plaintext-password-storage: a user's password written to a model, database row, file, cache or cookie as it is.
import { isPasswordName, passwordOrigin, type PasswordOrigin } from '../../analysis/password-values.js';
import { nameWords } from '../../analysis/name-words.js';
import { namedChildren, unwrapParentheses } from '../../analysis/syntax.js';
import { dottedParts } from '../../analysis/value-destination.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

const ADVICE = 'hash it first with a password hashing function (Django make_password()/set_password(), werkzeug generate_password_hash(), argon2, bcrypt)';

/** Receivers whose `.password` attribute is an account record (`user.password = raw`). */
const ACCOUNT_WORDS = new Set(['user', 'users', 'account', 'member', 'customer', 'profile', 'admin', 'employee', 'person', 'owner', 'staff', 'student', 'patient', 'subscriber', 'u', 'usr', 'acct', 'player', 'operator']);
/** Methods of file-like objects and CSV writers that persist their argument. */
const FILE_WRITES = new Set(['write', 'writelines', 'writerow', 'writerows']);
const FILE_OPENERS = /^(open|io\.open|codecs\.open|gzip\.open|bz2\.open|lzma\.open|tempfile\.NamedTemporaryFile|tempfile\.TemporaryFile|csv\.writer|csv\.DictWriter|.*\.open)$/;
const PATH_WRITES = new Set(['write_text', 'write_bytes']);
const CACHE_METHODS = new Set(['set', 'add', 'set_many', 'setex', 'psetex', 'hset', 'hmset', 'setnx', 'getset', 'lpush', 'rpush', 'sadd']);
const CACHE_ORIGINS = /^(redis\.(Redis|StrictRedis|from_url|Redis\.from_url|cluster\.RedisCluster)|django\.core\.cache\.caches|pymemcache\..*Client|memcache\.Client|diskcache\.Cache|cachetools\..*)/;
const SQL_WRITE = /^\s*(insert|update|replace|upsert|merge)\b/i;
const SQL_EXECUTE = new Set(['execute', 'executemany', 'exec_driver_sql', 'executescript', 'fetch', 'fetchrow', 'fetchval']);

/** Methods the checks after the record-write check look at (SQL, files, caches, cookies). */
const OTHER_SINK_METHODS = new Set([...SQL_EXECUTE, ...FILE_WRITES, ...PATH_WRITES, ...CACHE_METHODS, 'set_cookie', 'set_signed_cookie']);

/** Record writes that take field values: model constructors, manager/query writes, `insert().values()`, document inserts. */
const FIELD_WRITES = new Set(['construct', 'manager', 'values', 'document']);

/** A plaintext password the application received (not a copy of a stored one, not a hash). */
function supplied(node: SyntaxNode | null | undefined, ctx: RuleContext): PasswordOrigin | undefined {
  if (!node) return undefined;
  const origin = passwordOrigin(node, { callee: (c) => ctx.callee(c), boundValues: (id) => ctx.boundValues(id), stringValue: (n) => ctx.stringValue(n) });
  return origin && origin.role !== 'stored' ? origin : undefined;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Values of a collection literal (tuple/list/set elements, dict values), or the expression itself. */
function elements(node: SyntaxNode | undefined): SyntaxNode[] {
  if (!node) return [];
  const inner = unwrapParentheses(node);
  if (['tuple', 'list', 'set', 'expression_list'].includes(inner.type)) return namedChildren(inner);
  if (inner.type === 'dictionary') return namedChildren(inner).flatMap((p) => (p.type === 'pair' && p.childForFieldName('value') ? [p.childForFieldName('value')!] : []));
  return [inner];
}

/** Keyword arguments (direct, or in a `**{...}` literal, or a dict passed as the first argument) naming a password. */
function passwordKeywords(call: SyntaxNode, ctx: RuleContext): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const args = ctx.arguments(call);
  for (const [name, value] of args.keywords) if (isPasswordName(name)) out.push(value);
  if (args.keywords.has('defaults')) out.push(...dictPasswordValues(args.keywords.get('defaults')!, ctx));
  for (const splat of args.dictSplats) out.push(...dictPasswordValues(splat, ctx));
  const first = args.positional[0];
  if (first) out.push(...dictPasswordValues(first, ctx));
  return out;
}

function dictPasswordValues(node: SyntaxNode, ctx: RuleContext): SyntaxNode[] {
  const dict = unwrapParentheses(node);
  if (dict.type !== 'dictionary') return [];
  const out: SyntaxNode[] = [];
  for (const pair of namedChildren(dict)) {
    if (pair.type !== 'pair') continue;
    const key = ctx.stringValue(pair.childForFieldName('key'));
    const value = pair.childForFieldName('value');
    if (key !== undefined && isPasswordName(key) && value) out.push(value);
  }
  return out;
}

function checkCall(call: SyntaxNode, ctx: RuleContext): void {
  // ORM: `User(password=…)`, `User.objects.create(password=…)`, `insert(users).values(password=…)`, `users.insert_one({...})`.
  // A record write only matters with a password among its values, or to stop a method below from being read as a sink.
  const fn = call.childForFieldName('function');
  const method = fn?.type === 'attribute' ? (fn.childForFieldName('attribute')?.text ?? '') : undefined;
  const keywords = passwordKeywords(call, ctx);
  if (keywords.length === 0 && (method === undefined || !OTHER_SINK_METHODS.has(method))) return;
  const write = ctx.recordWrite(call);
  if (write && FIELD_WRITES.has(write.kind)) {
    for (const value of keywords) {
      const origin = supplied(value, ctx);
      if (origin) {
        ctx.report(value, `${capital(origin.description)} is stored in a database model as plaintext; ${ADVICE}.`);
        return;
      }
    }
    return;
  }
  if (fn?.type !== 'attribute' || method === undefined) return;
  const receiver = fn.childForFieldName('object');
  if (!receiver) return;
  // SQL: `cursor.execute("INSERT INTO users … VALUES (%s, %s)", (name, password))`, or the password spliced into the text.
  if (SQL_EXECUTE.has(method)) {
    const sql = ctx.argument(call, 0, undefined);
    const prefix = sql ? ctx.knownPrefix(sql) : undefined;
    if (!sql || !prefix || !SQL_WRITE.test(prefix.text)) return;
    const params = ctx.arguments(call).positional.slice(1).flatMap((p) => elements(p));
    for (const value of [sql, ...params]) {
      const origin = value === sql ? spliced(sql, ctx) : supplied(value, ctx);
      if (origin) {
        ctx.report(value, `${capital(origin.description)} is written to the database as plaintext; ${ADVICE}.`);
        return;
      }
    }
    return;
  }
  // Files: `fh.write(f"{user}:{password}\n")`, `writer.writerow([user, password])`, `Path(p).write_text(password)`.
  if (FILE_WRITES.has(method) || PATH_WRITES.has(method)) {
    const origins = PATH_WRITES.has(method) ? undefined : ctx.originCalls(receiver);
    const isFile = PATH_WRITES.has(method) || origins?.some((o) => FILE_OPENERS.test(ctx.callee(o) ?? ''));
    if (!isFile) return;
    for (const value of elements(ctx.argument(call, 0, undefined))) {
      const origin = supplied(value, ctx);
      if (origin) {
        ctx.report(value, `${capital(origin.description)} is written to a file as plaintext; ${ADVICE}.`);
        return;
      }
    }
    return;
  }
  // Caches: `cache.set(key, password)`, `redis.hset("users", name, password)`.
  if (CACHE_METHODS.has(method)) {
    const words = dottedParts(receiver).flatMap(nameWords);
    const origins = ctx.originCalls(receiver);
    const qn = ctx.qualifiedName(receiver);
    const isCache =
      words.includes('cache') || words.includes('redis') || words.includes('memcache') || qn === 'django.core.cache.cache' || origins?.some((o) => CACHE_ORIGINS.test(ctx.callee(o) ?? ''));
    if (!isCache) return;
    const args = ctx.arguments(call);
    for (const value of [...args.positional.slice(1), ...(args.keywords.get('value') ? [args.keywords.get('value')!] : []), ...elements(args.keywords.get('mapping'))]) {
      const origin = supplied(value, ctx);
      if (origin) {
        ctx.report(value, `${capital(origin.description)} is stored in a cache as plaintext; ${ADVICE}, or do not keep it at all.`);
        return;
      }
    }
    return;
  }
  // Cookies: `response.set_cookie("pw", password)`.
  if (method === 'set_cookie' || method === 'set_signed_cookie') {
    const value = ctx.argument(call, 1, 'value');
    const origin = supplied(value, ctx);
    if (value && origin) ctx.report(value, `${capital(origin.description)} is stored in a cookie in plaintext; never send a password back to the client: keep a session id instead.`);
  }
}

/** The password spliced into an SQL text (f-string, +, %, format), as opposed to bound as a parameter. */
function spliced(sql: SyntaxNode, ctx: RuleContext): PasswordOrigin | undefined {
  const template = ctx.stringTemplate(sql);
  for (const node of [...template.holes, ...template.opaque]) {
    const origin = supplied(node, ctx);
    if (origin) return origin;
  }
  return undefined;
}

/** The class a method belongs to is a model (`self.password = password` in its `__init__`). */
function inModelClass(node: SyntaxNode, ctx: RuleContext): boolean {
  const fn = ctx.enclosingFunction(node);
  let cls: SyntaxNode | null | undefined = fn?.parent;
  while (cls && cls.type !== 'class_definition') cls = cls.parent;
  const name = cls?.childForFieldName('name');
  return !!name && ctx.isModelClass(name);
}

function checkAssignment(node: SyntaxNode, ctx: RuleContext): void {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (!left || !right) return;
  // `user.password = request.form["password"]`
  if (left.type === 'attribute') {
    const attr = left.childForFieldName('attribute')?.text ?? '';
    const object = left.childForFieldName('object');
    if (!object || !isPasswordName(attr)) return;
    const isSelf = object.type === 'identifier' && object.text === 'self';
    const account = isSelf ? inModelClass(node, ctx) : dottedParts(object).flatMap(nameWords).some((w) => ACCOUNT_WORDS.has(w)) || isModelOrigin(object, ctx);
    if (!account) return;
    const origin = supplied(right, ctx);
    if (origin) ctx.report(right, `${capital(origin.description)} is assigned to ${left.text} as plaintext; ${ADVICE}.`);
    return;
  }
  // `session["password"] = password` (Flask's session is a cookie; server-side sessions are storage too).
  if (left.type === 'subscript') {
    const container = left.childForFieldName('value');
    if (!container) return;
    const isSession =
      ctx.qualifiedName(container) === 'flask.session' || (container.type === 'attribute' && container.childForFieldName('attribute')?.text === 'session' && dottedParts(container).some((p) => p === 'request'));
    if (!isSession) return;
    const origin = supplied(right, ctx);
    if (origin) ctx.report(right, `${capital(origin.description)} is stored in the session as plaintext; keep only the authenticated user id there.`);
  }
}

function isModelOrigin(object: SyntaxNode, ctx: RuleContext): boolean {
  const origins = ctx.originCalls(object);
  return !!origins?.some((o) => ctx.recordWrite(o)?.kind === 'construct');
}

export const plaintextPasswordStorage = defineRule({
  id: 'plaintext-password-storage',
  title: 'Password stored without hashing',
  family: 'authentication',
  checklist: ['Authentication and Authorization', 'Sensitive Data Handling'],
  level: 'error',
  securitySeverity: 7.5,
  precision: 'medium',
  tier: 'default',
  cwe: [256],
  compatible: {},
  docs: {
    whatItDoes:
      'Reports a password the application received (a request field, form field, `getpass.getpass()` result, or a parameter or variable named for a password, followed through local assignments) stored as it is: passed as a password keyword to an ORM model (`User(password=…)`, `User.objects.create(password=…)`, `.update(password=…)`, SQLAlchemy `insert(...).values(password=…)`), assigned to an account\'s password attribute (`user.password = …`, or `self.password = …` inside a model class), bound into an SQL `INSERT`/`UPDATE` or spliced into its text, written to a file or CSV writer, put in a cache or Redis, set as a cookie, or stored in the session. Values that went through a hashing call first (`make_password()`, `generate_password_hash()`, `bcrypt.hashpw()`…) and Django\'s `create_user()`/`set_password()` are not reported.',
    whyBad:
      'Anyone who reads the database, a backup, a log of cache traffic or the file system then holds every user\'s password, and because people reuse passwords the damage reaches far beyond this application. Stored passwords should be hashed with a slow, salted password hashing function so that even a full copy of the table does not reveal them.',
    example:
      'from flask import request\nfrom .models import User, db\n\ndef register():\n    user = User(username=request.form["username"], password=request.form["password"])\n    db.session.add(user)\n    db.session.commit()\n',
    useInstead:
      'from flask import request\nfrom werkzeug.security import generate_password_hash\nfrom .models import User, db\n\ndef register():\n    user = User(username=request.form["username"], password=generate_password_hash(request.form["password"]))\n    db.session.add(user)\n    db.session.commit()\n',
    references: [
      'https://cwe.mitre.org/data/definitions/256.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html',
      'https://docs.djangoproject.com/en/stable/topics/auth/passwords/',
      'https://werkzeug.palletsprojects.com/en/stable/utils/#werkzeug.security.generate_password_hash',
    ],
  },
  visitors: {
    call: checkCall,
    assignment: checkAssignment,
  },
});
