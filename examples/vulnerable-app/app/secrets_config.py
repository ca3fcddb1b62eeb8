"""Service configuration with credentials written into the code (every value here is FAKE).

The tokens and keys in this module were generated for Krait's example project and were never issued by any
provider. Provider tokens are split into two adjacent literals so that secret scanners and push protection do not
match the raw text; Python (and Krait) join them into one string.
"""
import base64
import hashlib
import hmac
import os

import boto3
import jwt
from Crypto.Cipher import AES
from flask import Flask
from starlette.middleware.sessions import SessionMiddleware

GITHUB_TOKEN = "ghp_" "FAKE0TOKEN0FOR0KRAIT0TESTS00001LM38E"
STRIPE_API_KEY = "sk_live_" "Jv0979XtvTBcBjUkzZcPJ6x7"
SLACK_WEBHOOK = "https://hooks.slack.com/" "services/TZDIM7CW9/BZSLKV42EV2/GS4zin3xiLTI69aaWvx1NzQz"
DATABASE_URL = "postgresql://billing:" "Xr7qLm2Vz9pK@db.internal:5432/billing"

DEPLOY_KEY = (
    "-----BEGIN OPENSSH " "PRIVATE KEY-----\n"
    "bz/z7bl40696S4iM5gBfawQxzZyv0p6+bWky/SvlF/G2989HgghIUDzEzAyyv7Oi\n"
    "EX4MVsNSPFMg5R5h92l7h/vHRlRV9WhlDm0gowKiqtRxWi0PZBVP8Q6j3Cqyq3DY\n"
    "Kszto+d1qbF4o6npgclhcayz15ta126LVEIzDNALIfrpw3LVzLgbqkZ5LteDLhun\n"
    "ihIpM0kCbiBt/aJfXwsZr1qFSmfeOn3pLrgsmKfT1ade7D50lYEd9qWNnpJY4l1l\n"
    "-----END OPENSSH PRIVATE KEY-----\n"
)

WEBHOOK_SIGNING_KEY = b"billing-webhook-signing-key"
FIELD_KEY = bytes.fromhex("8f3a1c9e2b7d4f60a5c3e1b9d7f2a4c6")

app = Flask(__name__)
app.config["SECRET_KEY"] = "Fl4sk-billing-S3cret-2023"


def s3_client():
    return boto3.client(
        "s3",
        aws_access_key_id="AKIA" "TA2AABTXL3HGXEQQ",
        aws_secret_access_key="gNhoZeBS" "rfvC0v4i0mrm+DER32F8sWkSH9Wbs5eB",
    )


def add_sessions(api):
    api.add_middleware(SessionMiddleware, secret_key="b1lling-s3ssion-K3y-Qx7")


def issue_token(user_id):
    return jwt.encode({"sub": user_id}, "billing-jwt-Sign1ng-k3y", algorithm="HS256")


def verify_webhook(body, signature):
    expected = hmac.new(WEBHOOK_SIGNING_KEY, body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


def encrypt_field(value):
    cipher = AES.new(FIELD_KEY, AES.MODE_CBC, iv=b"\x00" * 16)
    padded = value + b" " * (16 - len(value) % 16)
    return base64.b64encode(cipher.encrypt(padded))


def smtp_password():
    return os.environ.get("SMTP_PASSWORD", "Smtp-F4llback-pw9")
