"""Nightly maintenance jobs: no request data here, so only the structural rules apply."""
import sqlite3

import yaml


def purge(table, days):
    db = sqlite3.connect("app.db")
    db.execute(f"DELETE FROM {table} WHERE age_days > {days}")
    db.execute("DELETE FROM audit WHERE age_days > ?", (days,))


def load_settings(path):
    with open(path) as handle:
        return yaml.load(handle)


def load_settings_safely(path):
    with open(path) as handle:
        return yaml.safe_load(handle)
