// log-file-without-rotation: a plain logging.FileHandler (code, basicConfig or dictConfig) with no rotating handler in the module.
import { namedChildren, unwrapParentheses } from '../../analysis/syntax.js';
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

/** Handlers that bound the size of log files or reopen them after an external rotation (logrotate). */
const ROTATING = ['RotatingFileHandler', 'TimedRotatingFileHandler', 'WatchedFileHandler', 'ConcurrentRotatingFileHandler', 'ConcurrentTimedRotatingFileHandler'];
const ROTATING_NAMES = [
  ...['RotatingFileHandler', 'TimedRotatingFileHandler', 'WatchedFileHandler'].map((h) => `logging.handlers.${h}`),
  'concurrent_log_handler.ConcurrentRotatingFileHandler',
  'concurrent_log_handler.ConcurrentTimedRotatingFileHandler',
  'cloghandler.ConcurrentRotatingFileHandler',
];
const ADVICE = 'use logging.handlers.RotatingFileHandler or TimedRotatingFileHandler, or WatchedFileHandler with an external logrotate, so the file cannot fill the disk';

/** A rotating handler is created at module level, or in the same function as node (a setup function that adds both). */
function rotatesInCode(node: SyntaxNode, ctx: RuleContext): boolean {
  const fn = ctx.enclosingFunction(node);
  return ROTATING_NAMES.some((n) =>
    ctx.callsTo(n).some((c) => {
      const where = ctx.enclosingFunction(c);
      return where === undefined || where.id === fn?.id;
    }),
  );
}

/** A handler class named in a configuration dict (`"class": "logging.handlers.RotatingFileHandler"`). */
function handlerClass(pair: SyntaxNode, ctx: RuleContext): string | undefined {
  if (ctx.stringValue(pair.childForFieldName('key')) !== 'class') return undefined;
  return ctx.stringValue(pair.childForFieldName('value'));
}

/** For a handler entry of a dictConfig `handlers` section: the classes of every handler in that section. */
function siblingHandlerClasses(pair: SyntaxNode, ctx: RuleContext): string[] {
  const handler = pair.parent; // {"class": …, "filename": …}
  const entry = handler?.parent; // "file": {…}
  const section = entry?.type === 'pair' ? entry.parent : undefined; // {"file": {…}, "console": {…}}
  if (section?.type !== 'dictionary') return [];
  const out: string[] = [];
  for (const other of namedChildren(section)) {
    const value = other.type === 'pair' ? unwrapParentheses(other.childForFieldName('value')!) : undefined;
    if (value?.type !== 'dictionary') continue;
    for (const p of namedChildren(value)) if (p.type === 'pair') out.push(handlerClass(p, ctx) ?? '');
  }
  return out;
}

export const logFileWithoutRotation = defineRule({
  id: 'log-file-without-rotation',
  title: 'Log file written without rotation',
  family: 'logging',
  checklist: ['Logging and Monitoring'],
  level: 'note',
  securitySeverity: 2.0,
  precision: 'low',
  tier: 'audit',
  cwe: [400],
  compatible: {},
  docs: {
    whatItDoes:
      'Reports log files opened with a plain `logging.FileHandler`: created in code, through `logging.basicConfig(filename=…)`, or named as `"class": "logging.FileHandler"` in a `dictConfig` dictionary (including Django’s `LOGGING` setting), when the same module (or the same `handlers` section) sets up no rotating handler (`RotatingFileHandler`, `TimedRotatingFileHandler`) and no `WatchedFileHandler`, which reopens the file after an external tool such as logrotate has rotated it.',
    whyBad:
      'A plain file handler appends to one file for as long as the process runs. On a long-lived service the file grows until the disk is full; then the application, its database or the host fail, and the log records of the moments that matter are lost. An attacker who can trigger log records (failed logins, bad requests) can speed this up deliberately.',
    example: 'import logging\n\nhandler = logging.FileHandler("/var/log/app/app.log")\nlogging.getLogger().addHandler(handler)\n',
    useInstead:
      'import logging\nfrom logging.handlers import RotatingFileHandler\n\nhandler = RotatingFileHandler("/var/log/app/app.log", maxBytes=10_000_000, backupCount=5)\nlogging.getLogger().addHandler(handler)\n',
    references: [
      'https://cwe.mitre.org/data/definitions/400.html',
      'https://docs.python.org/3/library/logging.handlers.html#rotatingfilehandler',
      'https://docs.python.org/3/library/logging.handlers.html#watchedfilehandler',
      'https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html',
    ],
  },
  visitors: {
    call(node, ctx) {
      const callee = ctx.callee(node);
      if (callee === 'logging.FileHandler') {
        if (!rotatesInCode(node, ctx)) ctx.report(node, `logging.FileHandler appends to one file that grows without limit; ${ADVICE}.`);
        return;
      }
      if (callee === 'logging.basicConfig') {
        const filename = ctx.keyword(node, 'filename');
        if (!filename.present || filename.value === null || rotatesInCode(node, ctx)) return;
        ctx.report(node, `logging.basicConfig(filename=…) logs to one file that grows without limit; ${ADVICE}.`);
      }
    },
    pair(node, ctx) {
      const cls = handlerClass(node, ctx);
      if (cls !== 'logging.FileHandler') return;
      if (rotatesInCode(node, ctx) || siblingHandlerClasses(node, ctx).some((c) => ROTATING.some((r) => c.endsWith(r)))) return;
      ctx.report(node, `The logging configuration writes to a plain logging.FileHandler that grows without limit; ${ADVICE}.`);
    },
  },
});
