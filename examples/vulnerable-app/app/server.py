import hashlib
import logging.config
import sqlite3
import subprocess

import requests
import yaml
from flask import Flask, request

app = Flask(__name__)
DB = sqlite3.connect("app.db")


@app.route("/report")
def report():
    name = request.args.get("name", "")
    cursor = DB.cursor()
    cursor.execute(f"SELECT * FROM reports WHERE owner = '{name}'")
    cursor.execute("SELECT * FROM reports WHERE owner = ?", (name,))
    return {"rows": cursor.fetchall()}


@app.route("/ping")
def ping():
    host = request.args.get("host", "localhost")
    output = subprocess.check_output("ping -c 1 " + host, shell=True)
    subprocess.run(["ping", "-c", "1", host], check=True)
    return output


@app.route("/calc")
def calc():
    return str(eval(request.args["expr"]))


@app.route("/import", methods=["POST"])
def import_config():
    return yaml.load(request.data)


def fetch_feed(url):
    return requests.get(url, verify=False, timeout=10).text


def etag(body):
    return hashlib.md5(body).hexdigest()


def password_digest(password):
    return hashlib.sha1(password.encode()).hexdigest()


logging.config.listen(9999)

if __name__ == "__main__":
    app.run(host="0.0.0.0", debug=True)
