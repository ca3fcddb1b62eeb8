// uploaded-file-execution: an uploaded file (or the path it was saved to) run, imported, made executable, or saved where the server serves or renders it.
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';
import { flowOf } from '../factories.js';
import { destinationOf, EXECUTABLE_EXTENSION, flowFunctions, mentionsClientName, pathParts, sinkCall } from '../upload-flows.js';

/** Folders a web server serves or renders templates from. */
const SERVED_SEGMENT = /(^|[/\\])(static|staticfiles|templates?|public|public_html|www|wwwroot|htdocs|webroot|cgi-bin)([/\\]|$)/i;
/** Configuration attributes naming such folders (`app.static_folder`, `settings.STATIC_ROOT`). */
const SERVED_ATTRIBUTE = /^(static_folder|template_folder|static_dir|template_dir|templates_dir|static_root|STATIC_ROOT|STATICFILES_DIRS|TEMPLATE_DIR|TEMPLATES_DIR|STATIC_DIR)$/;
/** chmod with a mode that sets an execute bit; undefined when the mode is not known. */
function setsExecuteBit(call: SyntaxNode, ctx: RuleContext): boolean | undefined {
  const isMethod = call.childForFieldName('function')?.type === 'attribute' && ctx.callee(call) !== 'os.chmod';
  const mode = ctx.constantValue(ctx.argument(call, isMethod ? 0 : 1, 'mode'));
  return typeof mode === 'number' ? (mode & 0o111) !== 0 : undefined;
}

export const uploadedFileExecution = defineRule({
  id: 'uploaded-file-execution',
  title: 'Uploaded file executed, imported or saved where the server runs it',
  family: 'file-operations',
  checklist: ['File Operations', 'Code Injection Prevention'],
  level: 'error',
  securitySeverity: 8.8,
  precision: 'medium',
  tier: 'default',
  cwe: [434, 94],
  compatible: {},
  dataFlow: true,
  supersedes: ['code-injection', 'command-injection', 'eval-nonconstant'],
  docs: {
    whatItDoes:
      'Follows uploaded files (Flask/Bottle `request.files`, Django `request.FILES`, FastAPI/Starlette `UploadFile`) and the paths they are saved to (`f.save(path)`, `open(path, "wb").write(data)`, `zip.extractall(path)`) and reports where they are run or loaded as code: a subprocess whose program is the file or whose interpreter (`python`, `sh`, `node`, `php`…) is given it, `os.system("python " + path)`, `exec`/`eval`/`compile` of the bytes, `runpy.run_path`, `importlib.util.spec_from_file_location`, `SourceFileLoader`, `zipimport`, `sys.path.insert/append`, `ctypes.CDLL`, and `os.chmod`/`Path.chmod` with an execute bit. It also reports uploads saved into a folder the server serves or renders (`static`, `templates`, `public`, `cgi-bin`, `app.static_folder`) under an executable or page extension, or under the client’s own file name with no type check.',
    whyBad:
      'Whoever uploads the file chooses its content. Running it, importing it, loading it as a library or marking it executable hands that person code execution on the server. Saving it where the web server serves or renders files has the same effect one request later: a `.php` or `.cgi` file is executed by the server, a template is rendered with full access to the template engine, and an `.html` or `.svg` page runs script in the site’s origin.',
    example:
      'import os\nimport subprocess\nfrom flask import Flask, request\nfrom werkzeug.utils import secure_filename\n\napp = Flask(__name__)\n\n@app.post("/jobs")\ndef run_job():\n    script = request.files["script"]\n    path = os.path.join("/srv/jobs", secure_filename(script.filename))\n    script.save(path)\n    subprocess.run(["python", path], check=True)\n    return "started"\n',
    useInstead:
      'import json\nimport os\nimport uuid\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\n@app.post("/jobs")\ndef run_job():\n    spec = json.load(request.files["spec"])\n    path = os.path.join("/srv/jobs", uuid.uuid4().hex + ".json")\n    with open(path, "w") as out:\n        json.dump({"task": str(spec.get("task", ""))}, out)\n    return "queued"\n',
    references: [
      'https://cwe.mitre.org/data/definitions/434.html',
      'https://cwe.mitre.org/data/definitions/94.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/File_Upload_Cheat_Sheet.html',
      'https://owasp.org/www-community/vulnerabilities/Unrestricted_File_Upload',
    ],
  },
  visitors: {
    module(_node, ctx) {
      const seen = new Set<number>();
      for (const hit of ctx.taintHits(['upload-exec'])) {
        const call = sinkCall(hit.sink) ?? hit.sink;
        if (seen.has(call.id)) continue;
        const callee = ctx.callee(call);
        const isChmod = callee === 'os.chmod' || (callee === undefined && call.childForFieldName('function')?.childForFieldName('attribute')?.text === 'chmod');
        if (isChmod && setsExecuteBit(call, ctx) !== true) continue;
        seen.add(call.id);
        const what = hit.label.upload === 'content' ? 'A file holding uploaded content' : `An uploaded file (${hit.label.description.replace(/^user input from /, '')})`;
        const action = isChmod ? 'is made executable by' : 'reaches';
        ctx.report(hit.sink, `${what} ${action} ${hit.sinkName}; never run, import or mark executable what clients upload — treat uploads as data, parsed by a safe parser.`, { flow: flowOf(hit) });
      }
      for (const hit of ctx.taintHits(['upload'])) {
        const call = sinkCall(hit.sink);
        if (!call || seen.has(call.id)) continue;
        const dst = destinationOf(call, ctx);
        if (!dst) continue;
        const parts = pathParts(dst, ctx);
        const served = parts.texts.some((t) => SERVED_SEGMENT.test(t)) || parts.dynamic.some((d) => d.type === 'attribute' && SERVED_ATTRIBUTE.test(d.childForFieldName('attribute')?.text ?? ''));
        if (!served) continue;
        const lastText = parts.dynamic.length === 0 ? parts.texts.join('') : undefined;
        const executable = lastText !== undefined && EXECUTABLE_EXTENSION.test(lastText);
        const clientNamed = parts.dynamic.some(mentionsClientName) && !flowFunctions(hit, ctx).some((fn) => ctx.fileTypeCheck(fn));
        if (!executable && !clientNamed) continue;
        seen.add(call.id);
        const why = executable ? 'under an extension the server executes or renders' : 'under the client’s file name and extension';
        ctx.report(call, `An uploaded file is saved into a folder the web server serves or renders (${why}); store uploads outside the web root and templates, under a generated name with an allow-listed extension.`, { flow: flowOf(hit) });
      }
    },
  },
});
