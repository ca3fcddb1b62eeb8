// unsafe-deserialization: request or upload data deserialized with a format that can run code.
import { taintRule } from '../factories.js';

export const unsafeDeserialization = taintRule({
  id: 'unsafe-deserialization',
  title: 'User input deserialized with a format that can run code',
  family: 'deserialization',
  checklist: ['Code Injection Prevention', 'Input Validation'],
  level: 'error',
  securitySeverity: 9.8,
  precision: 'high',
  tier: 'default',
  cwe: [502],
  compatible: { bandit: ['B301', 'B302', 'B506', 'B614'], ruff: ['S301', 'S302', 'S506'] },
  supersedes: ['pickle-family-load', 'yaml-unsafe-load', 'torch-unsafe-load'],
  kinds: ['deserialization'],
  advice: 'accept a data-only format instead (json, yaml.safe_load, torch.load(..., weights_only=True), safetensors) or sign the payload and verify it before loading',
  docs: {
    whatItDoes:
      'Follows request data and uploads (Flask, Django and DRF, FastAPI and Starlette, aiohttp, Tornado, Pyramid, Bottle, Falcon, serverless events), also after `base64` decoding or reading an uploaded file, into loaders that rebuild arbitrary objects: `pickle`/`cPickle`/`dill`/`cloudpickle` `load`/`loads`/`Unpickler`, `marshal`, `shelve.open`, `jsonpickle.decode`, `joblib.load`, `pandas.read_pickle`, `yaml.unsafe_load`, and `yaml.load`, `torch.load` and `numpy.load` unless they are given their safe options (`Loader=yaml.SafeLoader` or another data-only loader, `weights_only=True`, `allow_pickle` left false). Where this rule fires it replaces the structural findings of `pickle-family-load`, `yaml-unsafe-load` and `torch-unsafe-load` at the same call.',
    whyBad:
      'Pickle-based formats store instructions for rebuilding objects, including "call this function with these arguments". Whoever supplies the bytes therefore chooses code that runs inside the server process while loading, before any validation of the result can happen. Untrusted YAML with an object-building loader, PyTorch checkpoints without `weights_only=True` and NumPy files with `allow_pickle=True` carry the same risk.',
    example:
      'import pickle\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\n@app.route("/restore", methods=["POST"])\ndef restore():\n    state = pickle.loads(request.get_data())\n    return str(len(state))\n',
    useInstead:
      'import json\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\n@app.route("/restore", methods=["POST"])\ndef restore():\n    state = json.loads(request.get_data())\n    return str(len(state))\n',
    references: [
      'https://cwe.mitre.org/data/definitions/502.html',
      'https://docs.python.org/3/library/pickle.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Deserialization_Cheat_Sheet.html',
      'https://pytorch.org/docs/stable/generated/torch.load.html',
      'https://pyyaml.org/wiki/PyYAMLDocumentation',
    ],
  },
});
