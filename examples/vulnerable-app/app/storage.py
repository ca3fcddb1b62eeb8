import os
import pickle
import tarfile
import tempfile


def load_session(blob):
    return pickle.loads(blob)


def unpack(upload_path, target):
    with tarfile.open(upload_path) as archive:
        archive.extractall(target)


def unpack_safely(upload_path, target):
    with tarfile.open(upload_path) as archive:
        archive.extractall(target, filter="data")


def scratch_file():
    path = tempfile.mktemp(suffix=".json")
    with open("/tmp/app-cache.json", "w") as handle:
        handle.write("{}")
    return path


def share(path):
    os.chmod(path, 0o777)
    os.chmod(path, 0o600)
