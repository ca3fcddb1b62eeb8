// yaml-unsafe-load: PyYAML / ruamel.yaml loading with a loader that can build arbitrary Python objects.
import type { RuleContext } from '../../engine/context.js';
import { defineRule, importsAnyPackage } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

/** Both libraries, with the loader classes spelled at their public or defining module path. */
const YAML_PREFIX = /^(ruamel\.)?yaml(\.(loader|cyaml|main))?\./;

/** Loaders whose constructor resolves python/object tags (arbitrary imports and calls). */
const UNSAFE_LOADERS = new Set(['Loader', 'UnsafeLoader', 'CLoader', 'CUnsafeLoader']);
/**
 * Loaders limited to plain data. FullLoader refuses python/object/apply since PyYAML 5.4 (CVE-2020-14343 was the
 * last bypass), so it counts as safe here; RoundTripLoader is ruamel's default, built on its safe constructor.
 */
const SAFE_LOADERS = new Set(['SafeLoader', 'CSafeLoader', 'BaseLoader', 'CBaseLoader', 'FullLoader', 'CFullLoader', 'RoundTripLoader']);

/** `load(stream, Loader=None)` in both libraries. */
const LOADING_FUNCTIONS = new Set(['yaml.load', 'yaml.load_all', 'ruamel.yaml.load', 'ruamel.yaml.load_all', 'ruamel.yaml.main.load', 'ruamel.yaml.main.load_all']);
const UNSAFE_FUNCTIONS = new Set(['yaml.unsafe_load', 'yaml.unsafe_load_all']);
const RUAMEL_YAML_CLASS = new Set(['ruamel.yaml.YAML', 'ruamel.yaml.main.YAML']);

type Safety = 'safe' | 'unsafe' | 'unknown';

function loaderClassSafety(name: string): Safety {
  if (!YAML_PREFIX.test(name)) return 'unknown';
  const last = name.slice(name.lastIndexOf('.') + 1);
  if (UNSAFE_LOADERS.has(last)) return 'unsafe';
  if (SAFE_LOADERS.has(last)) return 'safe';
  return 'unknown';
}

/**
 * Safety of a Loader expression: a library class (through aliases, import fallbacks and branches: unsafe only when
 * every alternative is) or a local subclass of one (unsafe when any external ancestor is).
 */
function loaderSafety(node: SyntaxNode, ctx: RuleContext): { safety: Safety; name?: string } {
  const alternatives = ctx.qualifiedNameCandidates(node);
  if (alternatives) {
    const safeties = alternatives.map(loaderClassSafety);
    if (safeties.every((s) => s === 'unsafe')) return { safety: 'unsafe', name: alternatives[0] };
    return { safety: safeties.includes('safe') ? 'safe' : 'unknown' };
  }
  const ancestors = ctx.baseClassNames(node) ?? [];
  const unsafe = ancestors.find((n) => loaderClassSafety(n) === 'unsafe');
  if (unsafe) return { safety: 'unsafe', name: unsafe };
  return { safety: ancestors.some((n) => loaderClassSafety(n) === 'safe') ? 'safe' : 'unknown' };
}

function display(qualified: string): string {
  return qualified.replace(/^ruamel\.yaml\.main\./, 'ruamel.yaml.').replace(/^(ruamel\.)?yaml\.(loader|cyaml)\./, '$1yaml.');
}

export const yamlUnsafeLoad = defineRule({
  id: 'yaml-unsafe-load',
  title: 'YAML loaded with a loader that can construct arbitrary Python objects',
  family: 'deserialization',
  checklist: ['Code Injection Prevention', 'Input Validation'],
  level: 'error',
  securitySeverity: 8.1,
  precision: 'high',
  tier: 'default',
  inTestCode: 'keep',
  cwe: [502],
  compatible: { bandit: ['B506'], ruff: ['S506'] },
  docs: {
    whatItDoes:
      'Reports `yaml.load()` and `yaml.load_all()` calls that pass an object-building loader (`Loader`, `UnsafeLoader`, `CLoader`, `CUnsafeLoader`) or no loader at all, calls to `yaml.unsafe_load()` / `yaml.unsafe_load_all()`, the legacy `ruamel.yaml.load()` without a safe loader, and `ruamel.yaml.YAML(typ="unsafe")`. The loader is resolved through imports, aliases, `try`/`except` import fallbacks, positional arguments, `**kwargs` dicts and subclasses defined in the same file. `SafeLoader`, `CSafeLoader`, `BaseLoader` and `FullLoader` (safe since PyYAML 5.4) are accepted.',
    whyBad:
      'A YAML document read with these loaders can use `!!python/object/apply` and related tags to import any module and call any function while it is being parsed, so loading a document from an untrusted place is the same as running its author\'s code. Old PyYAML releases used the unsafe loader when none was given; PyYAML 6 rejects the call instead, so a missing loader is a latent bug as well as a risk.',
    example: 'import yaml\n\ndef read_config(path):\n    with open(path) as f:\n        return yaml.load(f, Loader=yaml.Loader)\n',
    useInstead: 'import yaml\n\ndef read_config(path):\n    with open(path) as f:\n        return yaml.safe_load(f)\n',
    references: [
      'https://cwe.mitre.org/data/definitions/502.html',
      'https://pyyaml.org/wiki/PyYAMLDocumentation',
      'https://github.com/yaml/pyyaml/wiki/PyYAML-yaml.load(input)-Deprecation',
      'https://yaml.dev/doc/ruamel.yaml/basicuse/',
      'https://cheatsheetseries.owasp.org/cheatsheets/Deserialization_Cheat_Sheet.html',
    ],
  },
  // Every name it reports (functions, loader classes and their subclasses' bases) is in yaml or ruamel.
  appliesTo: importsAnyPackage(['yaml', 'ruamel']),
  visitors: {
    call(node, ctx) {
      const callees = ctx.calleeCandidates(node);
      if (!callees) return;
      const unsafeFn = callees.find((c) => UNSAFE_FUNCTIONS.has(c));
      if (unsafeFn) {
        ctx.report(node, `${unsafeFn}() can construct arbitrary Python objects from the document; use yaml.safe_load() instead.`);
        return;
      }
      const loadFn = callees.find((c) => LOADING_FUNCTIONS.has(c));
      if (loadFn) {
        checkLoad(node, display(loadFn), loadFn.startsWith('ruamel.'), ctx);
        return;
      }
      if (callees.some((c) => RUAMEL_YAML_CLASS.has(c))) {
        checkRuamelYaml(node, ctx);
        return;
      }
      // `yaml.Loader(stream).get_single_data()`: the loader used directly, without load().
      if (callees.length > 0 && callees.every((c) => loaderClassSafety(c) === 'unsafe') && ctx.arguments(node).positional.length > 0) {
        ctx.report(node, `${display(callees[0]!)}() builds a loader that can construct arbitrary Python objects from the document; use yaml.SafeLoader or yaml.safe_load() instead.`);
      }
    },
  },
});

function checkLoad(call: SyntaxNode, fn: string, isRuamel: boolean, ctx: RuleContext): void {
  const positional = ctx.arguments(call).positional[1];
  const keyword = positional ? undefined : ctx.keyword(call, 'Loader');
  const loader = positional ?? keyword?.node;
  if (loader) {
    if (ctx.constantValue(loader) !== null) {
      const { safety, name } = loaderSafety(loader, ctx);
      if (safety === 'unsafe') {
        ctx.report(call, `${fn}() with ${display(name!)} can construct arbitrary Python objects from the document; use yaml.safe_load() or Loader=yaml.SafeLoader.`);
      }
      return;
    }
  } else if (keyword?.present && keyword.value !== null) {
    return; // a constant **kwargs entry that is not None: not a class we can judge
  } else if (!keyword?.present && (keyword?.maybeInUnknownSplat || ctx.arguments(call).listSplats.length > 0)) {
    return; // the loader may arrive through *args / **kwargs
  }
  const fallback = isRuamel ? 'falls back to the unsafe loader' : 'falls back to the unsafe loader in PyYAML before 5.1 and fails in PyYAML 6';
  ctx.report(call, `${fn}() without a Loader ${fallback}; use yaml.safe_load() or pass Loader=yaml.SafeLoader.`);
}

function checkRuamelYaml(call: SyntaxNode, ctx: RuleContext): void {
  const typ = ctx.keyword(call, 'typ');
  const value = typ.value;
  const kinds = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  if (kinds.includes('unsafe')) {
    ctx.report(call, 'ruamel.yaml.YAML(typ="unsafe") can construct arbitrary Python objects from the document; use typ="safe" or the default round-trip loader.');
  }
}
