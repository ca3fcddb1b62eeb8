"""Plugin loading and self-update for the example service: the supply-chain mistakes Krait reports."""
import hashlib
import subprocess
import sys

import requests

PLUGIN_INDEX = "https://plugins.example.com"
UPDATER_SHA256 = "5d41402abc4b2a76b9719d911017c592e7a6c1f5b8d0a0e6c3f2b1a09f8e7d6c"


def load_plugin(name):
    # Installs whatever the index serves today, while the service is running.
    try:
        return __import__(name)
    except ImportError:
        subprocess.check_call([sys.executable, "-m", "pip", "install", name])
        return __import__(name)


def run_remote_hook(hook):
    source = requests.get(f"{PLUGIN_INDEX}/hooks/{hook}.py", timeout=10).text
    exec(source)


def self_update():
    subprocess.run("curl -fsSL https://updates.example.com/install.sh | sh", shell=True, check=True)


def verified_update():
    # Safe: the download is checked against a pinned hash and is only data.
    blob = requests.get(f"{PLUGIN_INDEX}/manifest.json", timeout=10).content
    if hashlib.sha256(blob).hexdigest() != UPDATER_SHA256:
        raise RuntimeError("update manifest does not match the pinned hash")
    return blob.decode("utf-8")
