// unrestricted-file-upload: an uploaded file saved to disk by code that never checks what kind of file it is.
import { defineRule } from '../../engine/rule.js';
import { flowOf } from '../factories.js';
import { destinationOf, EXECUTABLE_EXTENSION, flowFunctions, pathParts, sinkCall } from '../upload-flows.js';

/** A file name ending in an extension. */
const HAS_EXTENSION = /\.[a-z0-9]{1,6}$/i;

export const unrestrictedFileUpload = defineRule({
  id: 'unrestricted-file-upload',
  title: 'Uploaded file saved without checking its type',
  family: 'file-operations',
  checklist: ['File Operations', 'Input Validation'],
  level: 'warning',
  securitySeverity: 6.5,
  precision: 'medium',
  tier: 'default',
  cwe: [434],
  compatible: {},
  dataFlow: true,
  docs: {
    whatItDoes:
      'Follows uploaded files — Flask and Bottle `request.files`, Django `request.FILES`, Tornado `self.request.files`, FastAPI and Starlette `UploadFile` parameters and form items — through variables and helper functions of the same file to where they are stored: `FileStorage.save(dst)`, a storage’s `save(name, content)`, bytes written with `open(…, "wb").write()`, `Path.write_bytes()` or `shutil.copyfileobj()`. It reports the save when the file keeps a type the client chose (its own name, or no fixed extension) and none of the functions on that path checks the file’s type: no extension compared with an allow-list (`os.path.splitext`, `rsplit(".")`, `endswith((".png", ".jpg"))`, `Path.suffix`), no content type (`content_type`, `mimetype`), no inspection of the bytes (`imghdr`, `filetype`, `python-magic`, Pillow), and no helper of the file (or one named like `allowed_file`) that does. Whether the file name itself is safe is a separate question, answered by `path-injection`.',
    whyBad:
      'An upload that is stored whatever it is lets a client place any file on the server: an `.html` or `.svg` page that runs script in the site’s origin when it is served back, a `.php` or `.py` file that a misconfigured server or a later step executes, a polyglot that exploits the image library that thumbnails it, or a huge archive. `secure_filename()` removes path tricks but keeps `.html` and `.php`. Deciding which types are accepted, and checking each upload against that list, is the first line of defence.',
    example:
      'import os\nfrom flask import Flask, request\nfrom werkzeug.utils import secure_filename\n\napp = Flask(__name__)\n\n@app.post("/avatar")\ndef avatar():\n    f = request.files["avatar"]\n    f.save(os.path.join("/srv/avatars", secure_filename(f.filename)))\n    return "ok"\n',
    useInstead:
      'import os\nimport uuid\nfrom flask import Flask, abort, request\n\napp = Flask(__name__)\nALLOWED = {".png", ".jpg", ".jpeg"}\n\n@app.post("/avatar")\ndef avatar():\n    f = request.files["avatar"]\n    ext = os.path.splitext(f.filename)[1].lower()\n    if ext not in ALLOWED:\n        abort(400)\n    f.save(os.path.join("/srv/avatars", uuid.uuid4().hex + ext))\n    return "ok"\n',
    references: [
      'https://cwe.mitre.org/data/definitions/434.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/File_Upload_Cheat_Sheet.html',
      'https://flask.palletsprojects.com/en/stable/patterns/fileuploads/',
      'https://docs.djangoproject.com/en/stable/topics/http/file-uploads/',
      'https://fastapi.tiangolo.com/tutorial/request-files/',
    ],
  },
  visitors: {
    module(_node, ctx) {
      const seen = new Set<number>();
      for (const hit of ctx.taintHits(['upload'])) {
        const call = sinkCall(hit.sink) ?? hit.sink;
        if (seen.has(call.id)) continue;
        seen.add(call.id);
        // Stored under a fixed name of the program's own with a data extension (`/srv/doc.pdf`): the server decides the type.
        const dst = destinationOf(call, ctx);
        const parts = dst ? pathParts(dst, ctx) : undefined;
        const fixed = parts && parts.dynamic.length === 0 ? parts.texts.join('') : undefined;
        if (fixed !== undefined && HAS_EXTENSION.test(fixed) && !EXECUTABLE_EXTENSION.test(fixed)) continue;
        const functions = flowFunctions(hit, ctx);
        if (functions.length === 0 || functions.some((fn) => ctx.fileTypeCheck(fn))) continue;
        const what = hit.label.description.replace(/^user input from /, '');
        ctx.report(call, `An uploaded file (${what}) is stored by ${hit.sinkName} without any check of its extension or content type; accept only an allow-list of types (extension and content) and store it under a generated name.`, { flow: flowOf(hit) });
      }
    },
  },
});
