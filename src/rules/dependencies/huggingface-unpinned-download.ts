// huggingface-unpinned-download: Hugging Face Hub downloads that do not pin an immutable commit revision.
import type { RuleContext } from '../../engine/context.js';
import { defineRule, importsAnyPackage } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';
import { isTruthy } from '../../analysis/constants.js';
import { constantStrings } from '../template-output.js';

/** Packages whose `from_pretrained` (and friends) fetch from the Hub. */
const HF_PACKAGES = ['transformers', 'diffusers', 'peft', 'optimum', 'huggingface_hub', 'tokenizers', 'setfit', 'trl', 'sentence_transformers', 'datasets'];

interface Target {
  position: number;
  keywords: string[];
}

/** Download functions and constructors, with where the repository id goes. */
const FUNCTIONS: Record<string, Target> = {
  'huggingface_hub.hf_hub_download': { position: 0, keywords: ['repo_id'] },
  'huggingface_hub.file_download.hf_hub_download': { position: 0, keywords: ['repo_id'] },
  'huggingface_hub.snapshot_download': { position: 0, keywords: ['repo_id'] },
  'huggingface_hub._snapshot_download.snapshot_download': { position: 0, keywords: ['repo_id'] },
  'huggingface_hub.HfApi().hf_hub_download': { position: 0, keywords: ['repo_id'] },
  'huggingface_hub.HfApi().snapshot_download': { position: 0, keywords: ['repo_id'] },
  'datasets.load_dataset': { position: 0, keywords: ['path'] },
  'datasets.load_dataset_builder': { position: 0, keywords: ['path'] },
  'transformers.pipeline': { position: 1, keywords: ['model'] },
  'sentence_transformers.SentenceTransformer': { position: 0, keywords: ['model_name_or_path'] },
  'sentence_transformers.CrossEncoder': { position: 0, keywords: ['model_name_or_path', 'model_name'] },
  'sentence_transformers.cross_encoder.CrossEncoder': { position: 0, keywords: ['model_name_or_path', 'model_name'] },
};
const FROM_PRETRAINED: Target = { position: 0, keywords: ['pretrained_model_name_or_path'] };
/** `PeftModel.from_pretrained(base_model, model_id)`: the adapter id comes second. */
const PEFT_ADAPTER: Target = { position: 1, keywords: ['model_id'] };

/** `datasets` builders that read local or given files rather than a Hub repository. */
const PACKAGED_BUILDERS = new Set([
  'csv', 'json', 'parquet', 'text', 'arrow', 'pandas', 'imagefolder', 'audiofolder', 'videofolder', 'pdffolder',
  'niftifolder', 'webdataset', 'xml', 'sql', 'generator', 'spark', 'cache',
]);
const FILE_EXTENSION = /\.(json|jsonl|bin|pt|pth|safetensors|ckpt|onnx|h5|msgpack|py|txt|csv|tsv|parquet|arrow|zip|gz|tar|model)$/i;
const HUB_ID = /^[A-Za-z0-9][\w.-]*(\/[A-Za-z0-9][\w.-]*)?$/;
const COMMIT = /^[0-9a-f]{40}$/i;

/** A Hub repository id (`gpt2`, `org/model`), as opposed to a local path or file. */
function isHubId(value: string, isDataset: boolean): boolean {
  if (!HUB_ID.test(value) || FILE_EXTENSION.test(value)) return false;
  return !(isDataset && PACKAGED_BUILDERS.has(value));
}

function rootIsHf(name: string): boolean {
  return HF_PACKAGES.includes(name.split('.')[0]!);
}

/** The repository-id slot of a `X.from_pretrained(...)` call on a Hugging Face class, if it is one. */
function fromPretrainedTarget(ctx: RuleContext, receiver: SyntaxNode): Target | undefined {
  const names = ctx.qualifiedNameCandidates(receiver);
  // A class defined in this file is judged by its ancestors: `class Embeddings:` with no Hugging Face base is not one.
  const known = names && names.length > 0 ? names : ctx.baseClassNames(receiver);
  if (known) {
    if (!known.some(rootIsHf)) return undefined;
    return known.some((n) => /^peft\.PeftModel/.test(n)) ? PEFT_ADAPTER : FROM_PRETRAINED;
  }
  // A class held in a variable or attribute (`model_cls.from_pretrained`): trust the file's Hugging Face imports.
  return HF_PACKAGES.some((p) => ctx.importsModule(p)) ? FROM_PRETRAINED : undefined;
}

type Pin = { kind: 'pinned' | 'unknown' } | { kind: 'missing' } | { kind: 'movable'; value: string };

function revisionPin(ctx: RuleContext, call: SyntaxNode): Pin {
  const keyword = ctx.keyword(call, 'revision');
  if (!keyword.present) return keyword.maybeInUnknownSplat ? { kind: 'unknown' } : { kind: 'missing' };
  const values = keyword.node ? ctx.possibleValues(keyword.node) : keyword.value !== undefined ? [keyword.value] : undefined;
  if (!values) return { kind: 'unknown' }; // a revision read from configuration: a deliberate choice we cannot see
  for (const v of values) {
    if (v === null) return { kind: 'missing' };
    if (typeof v === 'string' && !COMMIT.test(v)) return { kind: 'movable', value: v };
  }
  return { kind: 'pinned' };
}

export const huggingfaceUnpinnedDownload = defineRule({
  id: 'huggingface-unpinned-download',
  title: 'Hugging Face Hub download not pinned to a commit',
  family: 'dependencies',
  checklist: ['Dependency Security'],
  level: 'warning',
  securitySeverity: 5.3,
  precision: 'high',
  tier: 'default',
  cwe: [494],
  compatible: { bandit: ['B615'] },
  docs: {
    whatItDoes:
      'Reports models, datasets and files fetched from the Hugging Face Hub by a constant repository id without `revision=` set to a 40-character commit hash: `from_pretrained()` on classes from transformers, diffusers, peft, sentence-transformers and related libraries, `hf_hub_download()`, `snapshot_download()`, `datasets.load_dataset()`, `transformers.pipeline(model=...)` and `SentenceTransformer(...)`. Branch and tag names such as `"main"` or `"v1.0"` count as unpinned. Local paths (`./model`, `/models/bert`, `models/a/b`), file names, `datasets` packaged builders (`"csv"`, `"json"`, …), `local_files_only=True` and revisions read from configuration are not reported; neither are repository ids computed at run time, which may just as well be local directories.',
    whyBad:
      'A branch or tag on the Hub can be moved to new files at any time by anyone with write access to the repository, including someone who has taken over the account. An unpinned download therefore runs whatever weights, tokenizer files or (with `trust_remote_code=True`) Python code the repository holds on the day it is fetched; weights in pickle formats can execute code when loaded. A commit hash names exactly the files that were reviewed.',
    example:
      'from transformers import AutoModelForSequenceClassification\n\nmodel = AutoModelForSequenceClassification.from_pretrained("acme/sentiment-model")\n',
    useInstead:
      'from transformers import AutoModelForSequenceClassification\n\nmodel = AutoModelForSequenceClassification.from_pretrained(\n    "acme/sentiment-model", revision="4f1c9b2e8d7a6c5b4a3f2e1d0c9b8a7f6e5d4c3b"\n)\n',
    references: [
      'https://cwe.mitre.org/data/definitions/494.html',
      'https://huggingface.co/docs/huggingface_hub/en/guides/download',
      'https://huggingface.co/docs/transformers/en/main_classes/model#transformers.PreTrainedModel.from_pretrained',
      'https://huggingface.co/docs/hub/en/security',
    ],
  },
  // Every function it knows and every from_pretrained() receiver it accepts needs one of the packages imported.
  appliesTo: importsAnyPackage(HF_PACKAGES),
  visitors: {
    call(node, ctx) {
      const fn = node.childForFieldName('function');
      let target: Target | undefined;
      let name: string | undefined;
      const callees = ctx.calleeCandidates(node);
      const known = callees?.find((c) => c in FUNCTIONS);
      if (known) {
        target = FUNCTIONS[known];
        name = known.slice(known.lastIndexOf('.') + 1);
      } else if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'from_pretrained') {
        const receiver = fn.childForFieldName('object');
        target = receiver ? fromPretrainedTarget(ctx, receiver) : undefined;
        name = 'from_pretrained';
      }
      if (!target || !name) return;
      const repo = ctx.argument(node, target.position, target.keywords.find((k) => ctx.arguments(node).keywords.has(k)) ?? target.keywords[0]);
      const ids = constantStrings(ctx, repo);
      const isDataset = known?.startsWith('datasets.') ?? false;
      const id = ids?.find((v) => isHubId(v, isDataset));
      if (!id) return;
      const offline = ctx.keyword(node, 'local_files_only').value;
      if (offline !== undefined && isTruthy(offline)) return;
      const pin = revisionPin(ctx, node);
      if (pin.kind === 'pinned' || pin.kind === 'unknown') return;
      const remoteCode = ctx.keyword(node, 'trust_remote_code').value;
      const what = remoteCode !== undefined && isTruthy(remoteCode) ? `"${id}" and runs its code (trust_remote_code=True)` : `"${id}"`;
      if (pin.kind === 'movable') {
        ctx.report(node, `${name}() fetches ${what} at revision "${pin.value}", which is not a full commit hash (branches and tags can be moved to other files); pin revision= to the 40-character commit hash you reviewed.`);
      } else {
        ctx.report(node, `${name}() fetches ${what} from the Hugging Face Hub without a pinned revision, so whatever the default branch holds at run time is used; pass revision= with the 40-character commit hash you reviewed.`);
      }
    },
  },
});
