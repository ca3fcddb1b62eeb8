"""Account endpoints: directory lookups, preferences and error handling."""
import logging
import re

import ldap
from flask import Blueprint, jsonify, request, session
from ldap.filter import escape_filter_chars

accounts = Blueprint("accounts", __name__)
logger = logging.getLogger(__name__)
DIRECTORY = ldap.initialize("ldap://directory.internal")
BASE_DN = "ou=people,dc=example,dc=org"


@accounts.route("/accounts/search")
def search_accounts():
    name = request.args["name"]
    people = DIRECTORY.search_s(BASE_DN, ldap.SCOPE_SUBTREE, f"(cn={name})")
    safe = DIRECTORY.search_s(BASE_DN, ldap.SCOPE_SUBTREE, f"(cn={escape_filter_chars(name)})")
    matcher = re.compile(request.args.get("filter", ".*"))
    return jsonify(people=[p for p, _ in people if matcher.search(p)], exact=len(safe))


@accounts.route("/accounts/preferences", methods=["POST"])
def save_preferences():
    session["theme"] = request.form["theme"]
    return "saved", 200, {"Content-Language": request.form["language"]}


@accounts.route("/accounts/sync")
def sync_accounts():
    try:
        return jsonify(synced=len(DIRECTORY.search_s(BASE_DN, ldap.SCOPE_ONELEVEL)))
    except ldap.LDAPError as exc:
        logger.exception("directory sync failed")
        return jsonify(error=str(exc)), 502
