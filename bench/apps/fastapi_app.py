"""Minimal FastAPI (ASGI) app for the worker-tune benchmarks.

Same endpoints as flask_app.py:
  /     -> "ok"
  /io   -> await asyncio.sleep(0.05)
  /cpu  -> fixed pure-Python loop (burn.CPU_ITERATIONS) run on the event loop
  /pid  -> the serving process's PID

Serve with e.g. `python3 -m uvicorn fastapi_app:app` or
`gunicorn -k uvicorn.workers.UvicornWorker fastapi_app:app`, from this directory.
"""
import asyncio
import os

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse

from burn import burn

app = FastAPI()


@app.get("/", response_class=PlainTextResponse)
async def index():
    return "ok"


@app.get("/io", response_class=PlainTextResponse)
async def io():
    await asyncio.sleep(0.05)
    return "ok"


@app.get("/cpu", response_class=PlainTextResponse)
async def cpu():
    burn()
    return "ok"


@app.get("/pid", response_class=PlainTextResponse)
async def pid():
    return str(os.getpid())
