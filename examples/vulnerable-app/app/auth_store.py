"""Sign-up, login and API-key checks for the member area."""
import hashlib
import hmac
import os

from flask import Blueprint, abort, request
from flask_sqlalchemy import SQLAlchemy

auth_store = Blueprint("auth_store", __name__)
db = SQLAlchemy()
WEBHOOK_SECRET = os.environ["WEBHOOK_SECRET"].encode()
TRUSTED_OFFICES = {"203.0.113.10", "203.0.113.11"}


class Member(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120), unique=True)
    password = db.Column(db.String(128))
    password_digest = db.Column(db.String(64))


@auth_store.route("/members/signup", methods=["POST"])
def signup():
    email = request.form["email"]
    password = request.form["password"]
    # Plaintext copy kept "for support", and a fast unsalted digest for logins.
    member = Member(email=email, password=password)
    member.password_digest = hashlib.sha256(password.encode()).hexdigest()
    db.session.add(member)
    db.session.commit()
    return "welcome", 201


@auth_store.route("/members/login", methods=["POST"])
def login():
    member = Member.query.filter_by(email=request.form["email"]).first_or_404()
    if member.password != request.form["password"]:
        abort(401)
    return "hello"


@auth_store.route("/members/webhook", methods=["POST"])
def webhook():
    expected = hmac.new(WEBHOOK_SECRET, request.get_data(), hashlib.sha256).hexdigest()
    if request.headers.get("X-Signature") != expected:
        abort(401)
    return "ok"


@auth_store.route("/members/office")
def office_only():
    client = request.headers.get("X-Forwarded-For", request.remote_addr).split(",")[0].strip()
    if client not in TRUSTED_OFFICES:
        abort(403)
    return "office"


def api_key_fingerprint(api_key):
    # Fine: API keys are random, a fast digest is enough to look them up.
    return hashlib.sha256(api_key.encode()).hexdigest()
