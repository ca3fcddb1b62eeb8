// path-injection: request data that chooses which file the server opens, writes, lists or deletes.
import { taintRule } from '../factories.js';

export const pathInjection = taintRule({
  id: 'path-injection',
  title: 'File path built from user input',
  family: 'file-operations',
  checklist: ['File Operations', 'Input Validation'],
  level: 'error',
  securitySeverity: 7.5,
  precision: 'high',
  tier: 'default',
  cwe: [22, 23, 36, 73],
  compatible: {},
  kinds: ['path'],
  advice: 'reduce it to a file name with os.path.basename() or secure_filename(), use safe_join()/send_from_directory(), or resolve it and check that it stays inside the intended directory',
  docs: {
    whatItDoes:
      'Follows request data into file-system APIs: `open`, `io.open`, `os` and `shutil` file functions, `pathlib.Path` methods (`read_text`, `write_bytes`, `unlink`, …), Flask `send_file`, Django and Starlette `FileResponse`, `tarfile.open` and `zipfile.ZipFile`. `os.path.basename`, `secure_filename` and `safe_join` clear the taint, and so does a guard that resolves the path (`os.path.realpath`, `abspath`, `normpath`, `Path.resolve`) and leaves the function when it is not inside the base directory (`startswith`, `is_relative_to`, `commonpath`).',
    whyBad:
      'A file name such as `../../etc/passwd` or an absolute path escapes the directory the code meant to serve: clients read configuration, keys and source code, or overwrite and delete files the process can reach. `os.path.join` does not help, since an absolute second argument replaces the base.',
    example:
      'from flask import Flask, request, send_file\nimport os\n\napp = Flask(__name__)\n\n@app.route("/download")\ndef download():\n    name = request.args["file"]\n    return send_file(os.path.join("/srv/files", name))\n',
    useInstead:
      'from flask import Flask, request, send_file\nfrom werkzeug.utils import secure_filename\nimport os\n\napp = Flask(__name__)\n\n@app.route("/download")\ndef download():\n    name = secure_filename(request.args["file"])\n    return send_file(os.path.join("/srv/files", name))\n',
    references: [
      'https://cwe.mitre.org/data/definitions/22.html',
      'https://owasp.org/www-community/attacks/Path_Traversal',
      'https://werkzeug.palletsprojects.com/en/stable/utils/#werkzeug.utils.secure_filename',
      'https://docs.python.org/3/library/os.path.html#os.path.realpath',
    ],
  },
});
