"""Page rendering, report import and model loading: output escaping, XML parsing and ML artefacts."""
from xmlrpc.server import SimpleXMLRPCServer

import torch
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from jinja2 import Environment, FileSystemLoader, select_autoescape
from lxml import etree
from transformers import AutoModel

pages = Environment(loader=FileSystemLoader("templates"))
safe_pages = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())
queries = Environment(loader=FileSystemLoader("sql"))
queries.get_template("monthly_report.sql")


def profile_badge(user):
    unsafe = mark_safe(f"<b>{user.display_name}</b>")
    safe = format_html("<b>{}</b>", user.display_name)
    also_safe = mark_safe("<i>" + escape(user.nickname) + "</i>")
    return unsafe, safe, also_safe


def import_report(upload):
    unsafe = etree.fromstring(upload, etree.XMLParser(resolve_entities=True))
    safe = etree.fromstring(upload, etree.XMLParser(resolve_entities=False))
    return unsafe, safe


def load_checkpoint(path):
    unsafe = torch.load(path, weights_only=False)
    safe = torch.load(path, weights_only=True)
    return unsafe, safe


def load_encoder():
    unpinned = AutoModel.from_pretrained("acme/encoder", revision="main")
    pinned = AutoModel.from_pretrained("acme/encoder", revision="0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a69788796")
    return unpinned, pinned


class AdminApi:
    def stats(self):
        return {}


def serve_admin():
    server = SimpleXMLRPCServer(("127.0.0.1", 8081))
    server.register_instance(AdminApi(), allow_dotted_names=True)
    server.register_instance(AdminApi())
    return server
