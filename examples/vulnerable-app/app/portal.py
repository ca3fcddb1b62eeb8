"""Customer portal: documents, link previews, saved searches and sign-in redirects, each next to its safe version."""
import os
import subprocess

import requests
from flask import Flask, abort, redirect, render_template_string, request, send_file
from pymongo import MongoClient
from werkzeug.utils import secure_filename

portal = Flask(__name__)
documents = MongoClient().portal.documents
DOCS = "/srv/portal/docs"
PREVIEW_API = "https://preview.example.com"


@portal.route("/docs")
def download():
    name = request.args["name"]
    unsafe = send_file(os.path.join(DOCS, name))
    safe = send_file(os.path.join(DOCS, secure_filename(name)))
    return unsafe or safe


@portal.route("/preview")
def preview():
    url = request.args["url"]
    unsafe = requests.get(url, timeout=5)
    safe = requests.get(f"{PREVIEW_API}/render?page={url}", timeout=5)
    return {"unsafe": unsafe.status_code, "safe": safe.status_code}


@portal.route("/search", methods=["POST"])
def search():
    body = request.get_json()
    unsafe = documents.find_one({"owner": body["owner"]})
    safe = documents.find_one({"owner": str(body["owner"])})
    return {"found": bool(unsafe or safe)}


@portal.route("/banner")
def banner():
    title = request.args.get("title", "")
    unsafe = render_template_string("<h1>" + title + "</h1>")
    safe = render_template_string("<h1>{{ title }}</h1>", title=title)
    return unsafe + safe


@portal.route("/signed-in")
def signed_in():
    target = request.args.get("next", "/")
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    if request.args.get("legacy"):
        return redirect(target)
    abort(400)


def rebuild_index(folder):
    """Maintenance job run from cron: not reachable from a request, so only the structural rules speak."""
    os.system("reindex --path " + folder)
    subprocess.run(["reindex", "--path", folder], check=True)
    return eval(compile_expression(folder))


def compile_expression(folder):
    return f"len({folder!r})"
