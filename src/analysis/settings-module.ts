// Settings modules (Django-style): which files are configuration, and which configure development or test runs only.
import type { SyntaxNode } from '../parser/python.js';

/** Words that, as a directory or a word of the file name, mark a settings module for development or tests. */
const DEVELOPMENT_WORDS = new Set(['dev', 'local', 'test', 'tests', 'testing', 'development']);

function segments(path: string): { dirs: string[]; stem: string } {
  const parts = path.replace(/\\/g, '/').split('/').filter(Boolean);
  const file = parts.pop() ?? '';
  return { dirs: parts.map((p) => p.toLowerCase()), stem: file.replace(/\.pyi?$/i, '').toLowerCase() };
}

/** `settings.py`, `settings_prod.py`, `prod_settings.py`, any module in a `settings/` package, `conf/settings/base.py`. */
export function isSettingsModule(path: string): boolean {
  const { dirs, stem } = segments(path);
  if (dirs.includes('settings')) return true;
  return stem.split(/[_.-]+/).includes('settings');
}

/**
 * The module configures development or test runs: a directory or a word of the file name is `dev`, `local`, `test`,
 * `testing` or `development` (`settings/dev.py`, `settings_local.py`, `test_settings.py`, `local/settings.py`).
 */
export function isDevelopmentSettings(path: string): boolean {
  const { dirs, stem } = segments(path);
  return [...dirs, ...stem.split(/[_.-]+/)].some((w) => DEVELOPMENT_WORDS.has(w));
}

/**
 * Module-level names that only Django settings define (generic names such as DEBUG or SECRET_KEY, which Flask
 * configs share, are left out).
 */
export const DJANGO_SETTING_NAMES: ReadonlySet<string> = new Set([
  'INSTALLED_APPS', 'MIDDLEWARE', 'MIDDLEWARE_CLASSES', 'ROOT_URLCONF', 'WSGI_APPLICATION', 'ASGI_APPLICATION', 'DATABASES',
  'AUTH_PASSWORD_VALIDATORS', 'ALLOWED_HOSTS', 'DEFAULT_AUTO_FIELD', 'AUTH_USER_MODEL', 'STATIC_ROOT', 'STATICFILES_DIRS',
  'STATICFILES_STORAGE', 'CSRF_TRUSTED_ORIGINS', 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', 'SECURE_PROXY_SSL_HEADER',
  'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'DATA_UPLOAD_MAX_MEMORY_SIZE', 'DATA_UPLOAD_MAX_NUMBER_FIELDS',
  'FILE_UPLOAD_MAX_MEMORY_SIZE', 'LANGUAGE_CODE', 'USE_TZ', 'USE_I18N', 'TIME_ZONE', 'LOGIN_URL', 'LOGIN_REDIRECT_URL',
  'CORS_ALLOW_ALL_ORIGINS', 'CORS_ORIGIN_ALLOW_ALL', 'CORS_ALLOWED_ORIGINS', 'CORS_ORIGIN_WHITELIST', 'REST_FRAMEWORK',
]);

/** What a module holds that tells a Django settings module: its module-level names, imports and wildcard imports. */
export interface SettingsEvidence {
  path: string;
  /** Names assigned at module level. */
  assignedNames: Iterable<string>;
  importsDjango: boolean;
  /** `from .base import *`: split settings build on a shared module. */
  hasWildcardImport: boolean;
}

/**
 * A Django settings module, recognised by what it holds: two or more Django-only settings at module level, or a
 * settings path (`settings.py`, `settings/prod.py`) with one of them, a Django import or a wildcard import of a sibling.
 */
export function isDjangoSettings(e: SettingsEvidence): boolean {
  let django = 0;
  for (const name of e.assignedNames) if (DJANGO_SETTING_NAMES.has(name)) django++;
  if (django >= 2) return true;
  return isSettingsModule(e.path) && (django >= 1 || e.importsDjango || e.hasWildcardImport);
}

const BASE_WORDS = new Set(['base', 'common', 'default', 'defaults', 'shared', 'global', 'globals']);

/**
 * A shared base of split settings (`settings/base.py`, `common_settings.py`) that production and development modules
 * import and override: what it sets may not be what runs in production.
 */
export function isBaseSettings(path: string): boolean {
  if (!isSettingsModule(path)) return false;
  const { stem } = segments(path);
  return stem.split(/[_.-]+/).some((w) => BASE_WORDS.has(w));
}

/** A `NAME = value` (or `NAME += value`) statement at module level, also inside module-level if/try/with blocks. */
export interface ModuleAssignment {
  name: string;
  /** The assignment or augmented_assignment node. */
  node: SyntaxNode;
  value?: SyntaxNode;
  augmented: boolean;
}

const NESTED_BLOCK_PARENTS = new Set(['if_statement', 'elif_clause', 'else_clause', 'try_statement', 'except_clause', 'finally_clause', 'with_statement', 'block']);

/** Module-level assignments to plain names, in document order (function and class bodies are not entered). */
export function moduleAssignments(root: SyntaxNode): ModuleAssignment[] {
  const out: ModuleAssignment[] = [];
  const visit = (container: SyntaxNode, depth: number): void => {
    if (depth > 8) return;
    for (const stmt of container.namedChildren) {
      if (!stmt) continue;
      if (stmt.type === 'expression_statement') {
        for (const expr of stmt.namedChildren) {
          if (expr?.type !== 'assignment' && expr?.type !== 'augmented_assignment') continue;
          const augmented = expr.type === 'augmented_assignment';
          let value = expr.childForFieldName('right');
          while (value?.type === 'assignment') value = value.childForFieldName('right');
          // a = b = value: every name on the left gets the value.
          for (let cur: SyntaxNode | null = expr; cur?.type === 'assignment' || cur === expr; cur = cur.childForFieldName('right')) {
            const left = cur.childForFieldName('left');
            if (left?.type === 'identifier') out.push({ name: left.text, node: expr, ...(value ? { value } : {}), augmented });
            if (augmented) break;
          }
        }
      } else if (NESTED_BLOCK_PARENTS.has(stmt.type)) visit(stmt, depth + 1);
    }
  };
  visit(root, 0);
  return out;
}

/** The file read as a settings module. */
export interface SettingsModuleInfo {
  /** A Django settings module (see isDjangoSettings). */
  django: boolean;
  /** Configures development or test runs only (see isDevelopmentSettings). */
  development: boolean;
  /** A shared base of split settings (see isBaseSettings). */
  base: boolean;
  assignments: readonly ModuleAssignment[];
  /** The assignments to one name, in document order. */
  assignmentsTo(name: string): ModuleAssignment[];
}

export function describeSettingsModule(root: SyntaxNode, path: string, importsDjango: boolean, hasWildcardImport: boolean): SettingsModuleInfo {
  const assignments = moduleAssignments(root);
  const byName = new Map<string, ModuleAssignment[]>();
  for (const a of assignments) {
    const list = byName.get(a.name);
    if (list) list.push(a);
    else byName.set(a.name, [a]);
  }
  return {
    django: isDjangoSettings({ path, assignedNames: byName.keys(), importsDjango, hasWildcardImport }),
    development: isDevelopmentSettings(path),
    base: isBaseSettings(path),
    assignments,
    assignmentsTo: (name) => byName.get(name) ?? [],
  };
}
