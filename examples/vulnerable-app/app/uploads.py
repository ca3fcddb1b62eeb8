"""Document and plugin uploads for the customer portal."""
import os
import subprocess
from urllib.parse import urlparse

from flask import Blueprint, abort, redirect, request
from werkzeug.utils import secure_filename

bp = Blueprint("uploads", __name__)
UPLOAD_ROOT = "/srv/portal/uploads"
PLUGIN_ROOT = "/srv/portal/plugins"


@bp.post("/documents")
def upload_document():
    document = request.files["document"]
    # Any file type is accepted and kept under the client's (sanitised) name.
    document.save(os.path.join(UPLOAD_ROOT, secure_filename(document.filename)))
    return {"stored": document.filename}


@bp.post("/plugins")
def install_plugin():
    plugin = request.files["plugin"]
    target = os.path.join(PLUGIN_ROOT, secure_filename(plugin.filename))
    plugin.save(target)
    # The uploaded plugin's install script is run as is.
    subprocess.run(["python", target, "--install"], check=True, timeout=60)
    return {"installed": plugin.filename}


@bp.get("/download")
def download_redirect():
    target = request.args.get("next", "/")
    # A substring test lets https://attacker.example/?portal.example-corp.com through.
    if "portal.example-corp.com" not in target:
        abort(400)
    return redirect(target)


@bp.get("/download-safe")
def download_redirect_safe():
    target = request.args.get("next", "/")
    if urlparse(target).hostname != "portal.example-corp.com":
        abort(400)
    return redirect(target)
