// Minimal Flask and FastAPI apps in a temp folder, for the servers to import.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const FLASK_APP = `from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "ok"
`;

const FASTAPI_APP = `from fastapi import FastAPI
from fastapi.responses import PlainTextResponse

app = FastAPI()


@app.get("/", response_class=PlainTextResponse)
async def index():
    return "ok"
`;

/**
 * A temp folder with minimal apps answering GET / with "ok":
 *   flask_app:app (WSGI, Flask), wsgi_app:app (the same), app:app (the same), asgi_app:app (ASGI, FastAPI).
 * Remove it with removeDir(dir).
 */
export function makeAppDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tune-apps-'));
  writeFileSync(path.join(dir, 'flask_app.py'), FLASK_APP);
  writeFileSync(path.join(dir, 'wsgi_app.py'), 'from flask_app import app  # noqa: F401\n');
  writeFileSync(path.join(dir, 'app.py'), 'from flask_app import app  # noqa: F401\n');
  writeFileSync(path.join(dir, 'asgi_app.py'), FASTAPI_APP);
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
