"""The yardstick for bench/load: a bare Flask "hello" served by the same gunicorn settings.
Our pages' throughput is printed as a share of this one's (templates, database, sessions cost)."""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "hello"


@app.get("/healthz")
def healthz():
    return "ok"
