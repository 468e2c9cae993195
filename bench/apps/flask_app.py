"""Minimal Flask (WSGI) app for the worker-tune benchmarks.

Endpoints (identical in fastapi_app.py):
  /     -> "ok"
  /io   -> sleeps 50 ms (time.sleep; gunicorn's gevent worker monkey-patches it)
  /cpu  -> fixed pure-Python loop (burn.CPU_ITERATIONS), about 5 ms
  /pid  -> the serving process's PID (lets a driver check every worker served)

Serve with e.g. `gunicorn flask_app:app` or `waitress-serve flask_app:app`,
from this directory.
"""
import os
import time

from flask import Flask

from burn import burn

app = Flask(__name__)


@app.get("/")
def index():
    return "ok"


@app.get("/io")
def io():
    time.sleep(0.05)
    return "ok"


@app.get("/cpu")
def cpu():
    burn()
    return "ok"


@app.get("/pid")
def pid():
    return str(os.getpid())
