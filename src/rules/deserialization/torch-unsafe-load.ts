// torch-unsafe-load: PyTorch checkpoints unpickled without the weights_only restriction.
import type { RuleContext } from '../../engine/context.js';
import { defineRule, importsAnyPackage } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';
import { isTruthy } from '../../analysis/constants.js';

/** torch.load: weights_only defaults to True since PyTorch 2.6 unless a pickle_module is passed. */
const TORCH_LOAD = new Set(['torch.load', 'torch.serialization.load']);
/** Download-and-load helpers: weights_only (7th parameter) still defaults to False. */
const URL_LOADERS = new Set(['torch.hub.load_state_dict_from_url', 'torch.utils.model_zoo.load_url']);

type WeightsOnly = 'true' | 'false' | 'default' | 'unknown';

function weightsOnly(ctx: RuleContext, call: SyntaxNode, position: number | undefined): WeightsOnly {
  const args = ctx.arguments(call);
  const positional = position !== undefined ? args.positional[position] : undefined;
  const keyword = ctx.keyword(call, 'weights_only');
  const value = positional ? ctx.constantValue(positional) : keyword.value;
  if (positional || keyword.present) {
    if (value === undefined) return 'unknown';
    if (value === null) return 'default';
    return isTruthy(value) ? 'true' : 'false';
  }
  return keyword.maybeInUnknownSplat || (position !== undefined && args.listSplats.length > 0) ? 'unknown' : 'default';
}

export const torchUnsafeLoad = defineRule({
  id: 'torch-unsafe-load',
  title: 'PyTorch checkpoint loaded with full unpickling',
  family: 'deserialization',
  checklist: ['Code Injection Prevention'],
  level: 'warning',
  securitySeverity: 7.8,
  precision: 'high',
  tier: 'default',
  cwe: [502],
  compatible: { bandit: ['B614'] },
  docs: {
    whatItDoes:
      'Reports `torch.load()` with `weights_only=False` (resolved through constants and `**kwargs` dicts), or with a custom `pickle_module` and no `weights_only`, which also turns the restriction off; and `torch.hub.load_state_dict_from_url()` / `torch.utils.model_zoo.load_url()` without `weights_only=True`, since those still default to full unpickling. A `torch.load()` that leaves `weights_only` out is reported as a note: it is safe on PyTorch 2.6 and later, unsafe before. `torch.hub.load()` is not reported by this rule: it imports and runs the repository\'s `hubconf.py` by design, which no loader option makes safe; treat it as running third-party code and pin the repository to a tag or commit.',
    whyBad:
      'PyTorch checkpoints are pickle archives. Full unpickling lets the file name any importable function and have it called while loading, so a model downloaded from a hub, a shared drive or a user upload can run arbitrary code on the machine that loads it. `weights_only=True` limits loading to tensors and plain containers.',
    example: 'import torch\n\ndef restore(path):\n    return torch.load(path, map_location="cpu", weights_only=False)\n',
    useInstead: 'import torch\n\ndef restore(path):\n    return torch.load(path, map_location="cpu", weights_only=True)\n',
    references: [
      'https://cwe.mitre.org/data/definitions/502.html',
      'https://pytorch.org/docs/stable/generated/torch.load.html',
      'https://pytorch.org/docs/stable/notes/serialization.html#weights-only',
      'https://huggingface.co/docs/safetensors/index',
    ],
  },
  appliesTo: importsAnyPackage(['torch']),
  visitors: {
    call(node, ctx) {
      const callees = ctx.calleeCandidates(node) ?? [];
      const loader = callees.find((c) => TORCH_LOAD.has(c));
      if (loader) {
        const setting = weightsOnly(ctx, node, undefined);
        if (setting === 'false') {
          ctx.report(node, 'torch.load() with weights_only=False unpickles arbitrary objects, so a crafted checkpoint can run code; load with weights_only=True or use safetensors.');
          return;
        }
        if (setting !== 'default') return;
        const pickleModule = ctx.argument(node, 2, 'pickle_module');
        if (pickleModule && ctx.constantValue(pickleModule) !== null) {
          ctx.report(node, 'torch.load() with a custom pickle_module and no weights_only unpickles arbitrary objects, even on PyTorch 2.6 and later; pass weights_only=True or use safetensors.');
          return;
        }
        ctx.report(
          node,
          'torch.load() without weights_only unpickles arbitrary objects on PyTorch before 2.6; pass weights_only=True so the call is safe on every version.',
          { level: 'note' },
        );
        return;
      }
      const urlLoader = callees.find((c) => URL_LOADERS.has(c));
      if (urlLoader) {
        const setting = weightsOnly(ctx, node, 6);
        if (setting !== 'false' && setting !== 'default') return;
        const name = urlLoader.slice(urlLoader.lastIndexOf('.') + 1);
        ctx.report(node, `${name}() unpickles the downloaded checkpoint without the weights_only restriction (its default is False), so a tampered file can run code; pass weights_only=True.`);
      }
    },
  },
});
