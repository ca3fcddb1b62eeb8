// Framework settings written in code: Django-style module constants, config classes, Flask `app.config[...]` and
// `app.config.update(...)`, and whether the place that sets them configures development or test runs only.
import { isDict, type ConstValue } from '../analysis/constants.js';
import { nameWords } from '../analysis/name-words.js';
import { sparseNodeMemo } from '../analysis/node-memo.js';
import { isDevelopmentSettings } from '../analysis/settings-module.js';
import { unwrapParentheses } from '../analysis/syntax.js';
import type { RuleContext } from '../engine/context.js';
import type { SyntaxNode } from '../parser/python.js';

export interface Setting {
  key: string;
  /** The node to report: the assignment, the keyword or the dict entry. */
  node: SyntaxNode;
  /** The value expression, when written directly. */
  valueNode?: SyntaxNode;
  value: ConstValue | undefined;
  /** Where it is set: a module constant, a class attribute (config class), or a Flask config mapping. */
  where: 'module' | 'class' | 'config';
}

const SETTING_NAME = /^[A-Z][A-Z0-9_]*$/;

/** `app.config` (or `self.app.config`, `current_app.config`) of a Flask-style application: the object is app-like. */
export function isAppConfig(node: SyntaxNode | null | undefined, ctx: RuleContext): boolean {
  const n = unwrapParentheses(node);
  if (!n || n.type !== 'attribute' || n.childForFieldName('attribute')?.text !== 'config') return false;
  const object = n.childForFieldName('object');
  if (!object) return false;
  const qualified = ctx.qualifiedName(object);
  if (qualified !== undefined && /^(flask|quart)\.(Flask\(\)|current_app)$/.test(qualified)) return true;
  if (qualified !== undefined && /(^|\.)(create|make)_app\(\)$/.test(qualified)) return true;
  const id = object.type === 'attribute' ? object.childForFieldName('attribute') : object;
  if (id?.type !== 'identifier') return false;
  const words = nameWords(id.text);
  const last = words[words.length - 1];
  return last !== undefined && /^(\w*app|application)$/.test(last) && (ctx.importsModule('flask') || ctx.importsModule('quart'));
}

/** Several rules ask about every assignment: the few that may set a setting are answered once per node (null for none). */
const assignmentSettings = sparseNodeMemo((assignment, ctx: RuleContext): Setting | null => computeSettingOfAssignment(assignment, ctx) ?? null);

/** The setting an assignment makes: `KEY = v` at module or class level, `app.config["KEY"] = v`. */
export function settingOfAssignment(assignment: SyntaxNode, ctx: RuleContext): Setting | undefined {
  // Most assignments answer no from the target alone.
  const left = assignment.childForFieldName('left');
  if (!left || (left.type === 'identifier' ? !SETTING_NAME.test(left.text) : left.type !== 'subscript')) return undefined;
  return assignmentSettings(assignment, ctx) ?? undefined;
}

function computeSettingOfAssignment(assignment: SyntaxNode, ctx: RuleContext): Setting | undefined {
  const left = assignment.childForFieldName('left');
  const right = assignment.childForFieldName('right');
  if (!left || !right || right.type === 'assignment') return undefined;
  if (left.type === 'identifier' && SETTING_NAME.test(left.text)) {
    const statement = assignment.parent;
    const container = statement?.type === 'expression_statement' ? statement.parent : undefined;
    const where = container?.type === 'module' ? 'module' : container?.type === 'block' && container.parent?.type === 'class_definition' ? 'class' : undefined;
    if (!where) return undefined;
    return { key: left.text, node: assignment, valueNode: right, value: ctx.constantValue(right), where };
  }
  if (left.type === 'subscript' && isAppConfig(left.childForFieldName('value'), ctx)) {
    const key = ctx.stringValue(left.childForFieldName('subscript'));
    if (key === undefined) return undefined;
    return { key, node: assignment, valueNode: right, value: ctx.constantValue(right), where: 'config' };
  }
  return undefined;
}

/** Entries of a dict literal (or a name bound to one) whose keys are constant; undefined when not a literal. */
export function dictEntries(node: SyntaxNode | null | undefined, ctx: RuleContext, depth = 0): { key: string; node: SyntaxNode; value: SyntaxNode }[] | undefined {
  const n = unwrapParentheses(node);
  if (!n || depth > 4) return undefined;
  if (n.type === 'identifier') {
    const bound = ctx.boundValues(n);
    return bound?.length === 1 ? dictEntries(bound[0]!.node, ctx, depth + 1) : undefined;
  }
  if (n.type === 'call' && ctx.callee(n) === 'dict') {
    const out: { key: string; node: SyntaxNode; value: SyntaxNode }[] = [];
    for (const [key, value] of ctx.arguments(n).keywords) out.push({ key, node: value.parent ?? value, value });
    return out;
  }
  if (n.type !== 'dictionary') return undefined;
  const out: { key: string; node: SyntaxNode; value: SyntaxNode }[] = [];
  for (const pair of n.namedChildren) {
    if (pair?.type !== 'pair') continue;
    const key = ctx.stringValue(pair.childForFieldName('key'));
    const value = pair.childForFieldName('value');
    if (key !== undefined && value) out.push({ key, node: pair, value });
  }
  return out;
}

/** Calls that set several settings at once. */
function isSettingsMappingCall(call: SyntaxNode, ctx: RuleContext): boolean {
  // A name that resolves into django is imported from it (the common answer, no, without resolving anything).
  if (ctx.importsPackage('django') && ctx.callee(call) === 'django.conf.settings.configure') return true;
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute') return false;
  const method = fn.childForFieldName('attribute')?.text;
  return (method === 'update' || method === 'from_mapping') && isAppConfig(fn.childForFieldName('object'), ctx);
}

const NO_SETTINGS: readonly Setting[] = [];

/** Several rules ask about every call: the few that may set settings are answered once per call node. */
const callSettings = sparseNodeMemo((call, ctx: RuleContext): readonly Setting[] => computeSettingsOfCall(call, ctx));

/** Settings made by `app.config.update(KEY=v)`, `app.config.update({...})`, `app.config.from_mapping(...)`, `settings.configure(KEY=v)`. Shared: read-only. */
export function settingsOfCall(call: SyntaxNode, ctx: RuleContext): readonly Setting[] {
  // Most calls answer no from the method name (settings.configure resolves into django, so the file imports it).
  const fn = call.childForFieldName('function');
  const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
  if (method !== 'update' && method !== 'from_mapping' && !ctx.importsPackage('django')) return NO_SETTINGS;
  return callSettings(call, ctx);
}

function computeSettingsOfCall(call: SyntaxNode, ctx: RuleContext): readonly Setting[] {
  if (!isSettingsMappingCall(call, ctx)) return NO_SETTINGS;
  const out: Setting[] = [];
  const args = ctx.arguments(call);
  for (const [key, value] of args.keywords) {
    if (SETTING_NAME.test(key)) out.push({ key, node: value.parent ?? value, valueNode: value, value: ctx.constantValue(value), where: 'config' });
  }
  const first = args.positional[0];
  const entries = dictEntries(first, ctx);
  if (entries) {
    for (const e of entries) out.push({ key: e.key, node: e.node, valueNode: e.value, value: ctx.constantValue(e.value), where: 'config' });
  } else if (first) {
    const folded = ctx.constantValue(first);
    if (isDict(folded)) for (const [key, value] of folded) if (typeof key === 'string') out.push({ key, node: call, value, where: 'config' });
  }
  return out;
}

/** Words in names and conditions that mark development, debugging or test configuration. */
const DEVELOPMENT_WORDS = new Set(['dev', 'develop', 'development', 'local', 'test', 'tests', 'testing', 'debug']);
const DEVELOPMENT_VALUES = new Set(['dev', 'develop', 'development', 'local', 'test', 'testing', 'debug']);

function namesDevelopment(name: string): boolean {
  return nameWords(name).some((w) => DEVELOPMENT_WORDS.has(w));
}

/** `if DEBUG:`, `if settings.DEBUG:`, `if ENV == "development":`, `if app.testing:` */
function isDevelopmentCondition(condition: SyntaxNode, ctx: RuleContext): boolean {
  const c = unwrapParentheses(condition);
  if (c.type === 'identifier') return namesDevelopment(c.text);
  if (c.type === 'attribute') {
    const attr = c.childForFieldName('attribute')?.text;
    return attr !== undefined && namesDevelopment(attr);
  }
  if (c.type === 'comparison_operator') {
    const operators = c.children.filter((ch) => ch && !ch.isNamed).map((ch) => ch!.type);
    if (operators.length !== 1 || (operators[0] !== '==' && operators[0] !== 'in')) return false;
    return c.namedChildren.some((operand) => {
      if (!operand) return false;
      const values = ctx.possibleValues(operand);
      return values !== undefined && values.length > 0 && values.every((v) => typeof v === 'string' && DEVELOPMENT_VALUES.has(v.toLowerCase()));
    });
  }
  return false;
}

/**
 * The node configures development or test runs only: a development settings module (`settings/dev.py`,
 * `local_settings.py`), a config class named for development or tests (`DevelopmentConfig`, `TestingConfig`), or the
 * body of `if DEBUG:` / `if ENV == "development":`.
 */
export function isDevelopmentOnly(node: SyntaxNode, ctx: RuleContext): boolean {
  if (isDevelopmentSettings(ctx.path)) return true;
  let cur: SyntaxNode = node;
  for (let parent = cur.parent; parent; cur = parent, parent = parent.parent) {
    if (parent.type === 'class_definition') {
      const name = parent.childForFieldName('name')?.text;
      if (name !== undefined && namesDevelopment(name)) return true;
    } else if (parent.type === 'function_definition') {
      const name = parent.childForFieldName('name')?.text;
      if (name !== undefined && namesDevelopment(name)) return true;
    } else if (parent.type === 'if_statement' || parent.type === 'elif_clause') {
      const consequence = parent.childForFieldName('consequence');
      const condition = parent.childForFieldName('condition');
      if (consequence?.id === cur.id && condition && isDevelopmentCondition(condition, ctx)) return true;
    }
  }
  return false;
}
