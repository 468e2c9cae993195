// Helpers for acceptance tests that feed emitted files to the real servers (Debian's gunicorn 20.1,
// waitress 2.1, uvicorn 0.17 under /usr/bin/python3, docker-compose v1).
//
// Locally, `have.x` says whether server x is installed, so tests can `it.skipIf(!have.x)`.
// Under CI (process.env.CI set) every `have.x` is true, so nothing is skipped, and a helper whose
// server is missing throws: a broken install fails the run instead of silently skipping the proof.
// `detected` always holds what is really installed.
//
// Every child gets a small, fixed environment (PATH=/usr/bin:/bin, HOME, LANG) plus what the test
// passes, so WEB_CONCURRENCY, GUNICORN_CMD_ARGS, PORT or UVICORN_* from the developer's shell never
// leak into a result. Servers bind 127.0.0.1 on a free port, run in their own process group, and are
// always stopped (group SIGTERM, then SIGKILL) with a time limit, also when the test process exits.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { groupMembers } from '../../src/proc/index.js';

export const PYTHON = '/usr/bin/python3';
export const GUNICORN = '/usr/bin/gunicorn';
export const WAITRESS_SERVE = '/usr/bin/waitress-serve';
const DOCKER_COMPOSE = '/usr/bin/docker-compose';

const IN_CI = Boolean(process.env.CI);

// ---------------------------------------------------------------------------------------------
// What is installed
// ---------------------------------------------------------------------------------------------

export type Server = 'gunicorn' | 'waitress' | 'uvicorn' | 'compose' | 'gevent' | 'flask' | 'fastapi';
const INSTALL_HINT: Record<Server, string> = {
  gunicorn: 'apt-get install gunicorn python3-gunicorn',
  waitress: 'apt-get install python3-waitress',
  uvicorn: 'apt-get install python3-uvicorn',
  compose: 'apt-get install docker-compose',
  gevent: 'apt-get install python3-gevent',
  flask: 'apt-get install python3-flask',
  fastapi: 'apt-get install python3-fastapi',
};
const PY_MODULES = { gunicorn: 'gunicorn', waitress: 'waitress', uvicorn: 'uvicorn', gevent: 'gevent', flask: 'flask', fastapi: 'fastapi' } as const;

let pyModules: Record<string, boolean> | undefined;
/** One /usr/bin/python3 run answers for every module (cached). */
function pythonHas(mod: keyof typeof PY_MODULES): boolean {
  if (!pyModules) {
    pyModules = {};
    if (existsSync(PYTHON)) {
      const code = `import importlib.util, json\nprint(json.dumps({m: importlib.util.find_spec(m) is not None for m in ${JSON.stringify(Object.values(PY_MODULES))}}))`;
      const r = spawnSync(PYTHON, ['-c', code], { encoding: 'utf8', env: baseEnv(), timeout: 20_000 });
      if (r.status === 0) pyModules = JSON.parse(r.stdout) as Record<string, boolean>;
    }
  }
  return pyModules[PY_MODULES[mod]] === true;
}

const detectors: Record<Server, () => boolean> = {
  gunicorn: () => existsSync(GUNICORN) && pythonHas('gunicorn'),
  waitress: () => pythonHas('waitress'),
  uvicorn: () => pythonHas('uvicorn'),
  gevent: () => pythonHas('gevent'),
  flask: () => pythonHas('flask'),
  fastapi: () => pythonHas('fastapi'),
  compose: () => existsSync(DOCKER_COMPOSE) && spawnSync(DOCKER_COMPOSE, ['version', '--short'], { stdio: 'ignore', env: baseEnv(), timeout: 20_000 }).status === 0,
};
const detectedCache = new Map<Server, boolean>();
function isInstalled(s: Server): boolean {
  if (!detectedCache.has(s)) detectedCache.set(s, detectors[s]());
  return detectedCache.get(s)!;
}

function lazyFlags(value: (s: Server) => boolean): Readonly<Record<Server, boolean>> {
  const o = {} as Record<Server, boolean>;
  for (const s of Object.keys(detectors) as Server[]) Object.defineProperty(o, s, { get: () => value(s), enumerable: true });
  return o;
}

/** What is really installed (checked lazily, once). */
export const detected = lazyFlags(isInstalled);
/** For `it.skipIf(!have.x)`: what is installed locally; always true under CI (the helper then throws). */
export const have = lazyFlags((s) => IN_CI || isInstalled(s));

/** Throws when `s` is missing: under CI as a failure of the install, locally as a hint to skip. */
export function requireServer(s: Server): void {
  if (isInstalled(s)) return;
  if (IN_CI) throw new Error(`CI needs ${s} for the real-server tests, but it is not installed (${INSTALL_HINT[s]})`);
  throw new Error(`${s} is not installed (${INSTALL_HINT[s]}); guard the test with it.skipIf(!have.${s})`);
}

// ---------------------------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------------------------

/** The fixed environment every child starts from. */
export function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: '/usr/bin:/bin',
    HOME: os.tmpdir(),
    LANG: 'C.UTF-8',
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONUNBUFFERED: '1',
    ...extra,
  };
}

export interface Ran {
  rc: number;
  stdout: string;
  stderr: string;
}

/** Run a command to completion (killed after timeoutMs; rc is -1 then, or when it could not start). */
export function run(cmd: string, args: string[], opts: { cwd: string; env?: Record<string, string>; input?: string; timeoutMs?: number }): Ran {
  const r = spawnSync(cmd, args, {
    cwd: opts.cwd,
    env: baseEnv(opts.env),
    encoding: 'utf8',
    input: opts.input,
    timeout: opts.timeoutMs ?? 30_000,
    killSignal: 'SIGKILL',
    maxBuffer: 16 * 1024 * 1024,
  });
  let stderr = r.stderr ?? '';
  if (r.error) stderr += `${stderr ? '\n' : ''}${(r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT' ? `timed out after ${opts.timeoutMs ?? 30_000} ms` : r.error.message}`;
  return { rc: r.status ?? -1, stdout: r.stdout ?? '', stderr };
}

/** Run a Python script given as text, with argv after it; the script may write JSON to argv[1]. */
function runPythonJson<T>(script: string, args: string[], opts: { cwd: string; env?: Record<string, string>; input?: string; timeoutMs?: number }): Ran & { result: T | null } {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'tune-py-'));
  try {
    const scriptPath = path.join(tmp, 'driver.py');
    const resultPath = path.join(tmp, 'result.json');
    writeFileSync(scriptPath, script);
    const r = run(PYTHON, [scriptPath, resultPath, ...args], opts);
    const result = existsSync(resultPath) ? (JSON.parse(readFileSync(resultPath, 'utf8')) as T) : null;
    return { ...r, result };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** A free TCP port on 127.0.0.1 (the kernel's choice; there is a small race until the server binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

// Process groups still running; killed if the test process exits before a helper stopped them.
const liveGroups = new Set<number>();
let exitHookInstalled = false;
function trackGroup(pgid: number): void {
  liveGroups.add(pgid);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const g of liveGroups) killGroup(g, 'SIGKILL');
    });
  }
}
function killGroup(pgid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pgid, sig);
  } catch {
    /* group already gone */
  }
}
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Non-zombie processes in group `pgid` (src/proc). */
export function groupProcessCount(pgid: number): number {
  return groupMembers(pgid).length;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Stop a process group: SIGTERM, then SIGKILL after `graceMs`, and wait (bounded) until it is gone. */
async function stopGroup(child: ChildProcess, graceMs = 2000): Promise<void> {
  const pgid = child.pid;
  if (pgid === undefined) return;
  killGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && groupProcessCount(pgid) > 0 && Date.now() < deadline) await sleep(50);
  if (groupProcessCount(pgid) > 0 || child.exitCode === null) killGroup(pgid, 'SIGKILL');
  const hard = Date.now() + 3000;
  while (child.exitCode === null && child.signalCode === null && Date.now() < hard) await sleep(20);
  liveGroups.delete(pgid);
}

export interface StartedResponse {
  /** HTTP status of GET path, 0 when the server never answered. */
  status: number;
  body: string;
  stdout: string;
  stderr: string;
  /** Exit code if the server exited by itself before answering, else null. */
  exitedEarly: number | null;
  /** Live processes in the server's group after it answered (+ settleMs): master + workers. */
  processes: number;
  port: number;
  /** Process group id of the server (gone when the helper returns: see groupProcessCount). */
  pgid: number;
  /** The argv actually run (after the command). */
  args: string[];
}

/**
 * Start `cmd args` in its own process group, poll GET http://127.0.0.1:port{path} until it answers
 * (or the server exits, or timeoutMs passes), and always stop the whole group.
 */
export async function startAndRequest(opts: {
  cmd: string;
  args: string[];
  port: number;
  cwd: string;
  env?: Record<string, string>;
  path?: string;
  timeoutMs?: number;
  settleMs?: number;
}): Promise<StartedResponse> {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const child = spawn(opts.cmd, opts.args, { cwd: opts.cwd, env: baseEnv(opts.env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid !== undefined) trackGroup(child.pid);
  let stdout = '';
  let stderr = '';
  const cap = (s: string, d: Buffer) => (s + d.toString()).slice(-64 * 1024);
  child.stdout!.on('data', (d: Buffer) => (stdout = cap(stdout, d)));
  child.stderr!.on('data', (d: Buffer) => (stderr = cap(stderr, d)));
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  let failedToStart: Error | undefined;
  void spawnError.then((e) => (failedToStart = e));

  const base = { port: opts.port, args: opts.args, pgid: child.pid ?? -1 };
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (failedToStart) return { ...base, status: 0, body: '', stdout, stderr: `${stderr}${failedToStart.message}`, exitedEarly: -1, processes: 0 };
      if (child.exitCode !== null || child.signalCode !== null) break;
      try {
        const res = await fetch(`http://127.0.0.1:${opts.port}${opts.path ?? '/'}`, { signal: AbortSignal.timeout(Math.min(2000, Math.max(100, deadline - Date.now()))) });
        const body = await res.text();
        if (opts.settleMs ?? 300) await sleep(opts.settleMs ?? 300);
        return { ...base, status: res.status, body, stdout, stderr, exitedEarly: null, processes: child.pid ? groupProcessCount(child.pid) : 0 };
      } catch {
        await sleep(150);
      }
    }
    // Give the pipes a moment to deliver the last words of a server that exited.
    await sleep(100);
    return { ...base, status: 0, body: '', stdout, stderr, exitedEarly: child.exitCode ?? (child.signalCode ? -1 : null), processes: 0 };
  } finally {
    await stopGroup(child);
  }
}

const ADDR_IN_USE = /address already in use|Errno 98/i;

// ---------------------------------------------------------------------------------------------
// App fixtures
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// gunicorn
// ---------------------------------------------------------------------------------------------

export interface GunicornRunOptions {
  /** Passed as `-c configPath` (relative to cwd). Without it gunicorn auto-loads ./gunicorn.conf.py. */
  configPath?: string;
  /** More command-line arguments, before the app. */
  args?: string[];
  /** Environment (WEB_CONCURRENCY, GUNICORN_CMD_ARGS, PORT, ...), on top of the fixed base. */
  env?: Record<string, string>;
  cwd: string;
  /** The app to import, e.g. 'flask_app:app'. */
  app: string;
  timeoutMs?: number;
}

function gunicornArgv(o: { configPath?: string; args?: string[]; app?: string }): string[] {
  return [...(o.configPath ? ['-c', o.configPath] : []), ...(o.args ?? []), ...(o.app ? [o.app] : [])];
}

export interface PrintedConfig extends Ran {
  /** `name = value` lines of `gunicorn --print-config`, values as printed (e.g. "['127.0.0.1:8000']", "True"). */
  settings: Record<string, string>;
}

/** `gunicorn --print-config [-c configPath] [args] app`, parsed. Imports the app, as gunicorn does. */
export function gunicornPrintConfig(o: GunicornRunOptions): PrintedConfig {
  requireServer('gunicorn');
  const r = run(GUNICORN, ['--print-config', ...gunicornArgv(o)], { cwd: o.cwd, env: o.env, timeoutMs: o.timeoutMs });
  return { ...r, settings: parsePrintConfig(r.stdout) };
}

/** Parse `name<spaces> = value` lines (values may be empty); other lines are ignored. */
export function parsePrintConfig(stdout: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const m = /^([a-z_][a-z0-9_]*)\s+= ?(.*)$/.exec(line);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

/** `gunicorn --check-config [-c configPath] [args] app`: rc 0 and empty output when gunicorn accepts it. */
export function gunicornCheckConfig(o: GunicornRunOptions): Ran {
  requireServer('gunicorn');
  return run(GUNICORN, ['--check-config', ...gunicornArgv(o)], { cwd: o.cwd, env: o.env, timeoutMs: o.timeoutMs });
}

// Loads the configuration exactly as `gunicorn` does (gunicorn.app.wsgiapp.WSGIApplication → base
// Application.load_config: WEB_CONCURRENCY/PORT defaults, the config file (-c, else GUNICORN_CMD_ARGS -c,
// else ./gunicorn.conf.py), then GUNICORN_CMD_ARGS, then the command line), without importing the app
// or starting anything. Reports every setting, the names in the config file gunicorn silently ignores,
// and the worker class as gunicorn resolves it (sync + threads > 1 becomes gthread).
const RESOLVE_PY = String.raw`
import json, os, sys, types

result_path = sys.argv[1]
sys.argv = ["gunicorn"] + sys.argv[2:]

from gunicorn.config import Config
from gunicorn.app.wsgiapp import WSGIApplication

seen_files = []


def jsonable(v):
    if isinstance(v, (str, int, float, bool)) or v is None:
        return v
    if isinstance(v, dict):
        return {str(k): jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [jsonable(x) for x in v]
    if isinstance(v, (set, frozenset)):
        return sorted(jsonable(x) for x in v)
    if isinstance(v, type):
        return v.__module__ + "." + v.__qualname__
    if callable(v):
        return "<callable " + getattr(v, "__module__", "?") + "." + getattr(v, "__qualname__", repr(v)) + ">"
    return repr(v)


class Resolve(WSGIApplication):
    def get_config_from_filename(self, filename):
        cfg = super().get_config_from_filename(filename)
        seen_files.append((os.path.abspath(filename), cfg))
        return cfg

    def get_config_from_module_name(self, module_name):
        cfg = super().get_config_from_module_name(module_name)
        seen_files.append(("python:" + module_name, cfg))
        return cfg

    def load_config(self):
        # WSGIApplication.load_config minus "No application module specified": the app is optional here.
        super(WSGIApplication, self).load_config()
        if self.app_uri is None:
            self.app_uri = self.cfg.wsgi_app


app = Resolve("%(prog)s [OPTIONS] [APP_MODULE]", prog="gunicorn")
cfg = app.cfg
defaults = Config()
settings = {}
changed = []
for name in sorted(cfg.settings):
    value = cfg.settings[name].get()
    settings[name] = jsonable(value)
    try:
        differs = value != defaults.settings[name].get()
    except Exception:
        differs = True
    if differs:
        changed.append(name)

unknown = []
config_file = None
if seen_files:
    config_file, namespace = seen_files[-1]
    for k, v in namespace.items():
        if k.startswith("_") or isinstance(v, types.ModuleType) or k in cfg.settings:
            continue
        unknown.append(k)

out = {
    "settings": settings,
    "changed": changed,
    "config_file": config_file,
    "unknown_config_keys": sorted(unknown),
    "app_uri": app.app_uri,
    "worker_class_str": cfg.worker_class_str,
    "worker_class": None,
    "worker_class_error": None,
    "address": None,
    "address_error": None,
}
try:
    wc = cfg.worker_class
    out["worker_class"] = wc.__module__ + "." + wc.__qualname__
except BaseException as e:  # gunicorn raises RuntimeError; a broken worker module may raise anything
    out["worker_class_error"] = "%s: %s" % (type(e).__name__, e)
try:
    out["address"] = jsonable(cfg.address)
except Exception as e:
    out["address_error"] = "%s: %s" % (type(e).__name__, e)

with open(result_path, "w") as f:
    json.dump(out, f)
`;

export interface GunicornResolved extends Ran {
  /** false when gunicorn itself would refuse the configuration (see `error`). */
  ok: boolean;
  /** gunicorn's own one-line complaint, e.g. "Error: Value must be positive: -1" or "gunicorn: error: argument -w/--workers: ...". */
  error: string | null;
  /** Every setting's resolved value (callables as "<callable module.name>"). */
  settings: Record<string, unknown>;
  /** Settings whose value differs from gunicorn's default in the same environment. */
  changed: string[];
  /** Absolute path of the config file gunicorn loaded, or null. */
  config_file: string | null;
  /** Top-level names in the config file that are not settings: gunicorn ignores them silently (typos). */
  unknown_config_keys: string[];
  app_uri: string | null;
  /** gunicorn's Config.worker_class_str: "threads" when sync + threads > 1. */
  worker_class_str: string | null;
  /** The worker class gunicorn would load, e.g. "gunicorn.workers.gthread.ThreadWorker". */
  worker_class: string | null;
  worker_class_error: string | null;
  /** Parsed bind addresses, e.g. [["127.0.0.1", 8000]]. */
  address: unknown;
  address_error: string | null;
}

/**
 * Resolve the configuration as gunicorn does (config file, GUNICORN_CMD_ARGS, CLI, WEB_CONCURRENCY,
 * PORT), without importing the app or listening. `app` is optional (it only sets default_proc_name).
 */
export function gunicornResolve(o: { configPath?: string; args?: string[]; env?: Record<string, string>; cwd: string; app?: string; timeoutMs?: number }): GunicornResolved {
  requireServer('gunicorn');
  const r = runPythonJson<Omit<GunicornResolved, keyof Ran | 'ok' | 'error'>>(RESOLVE_PY, gunicornArgv(o), { cwd: o.cwd, env: o.env, timeoutMs: o.timeoutMs });
  const empty = {
    settings: {},
    changed: [],
    config_file: null,
    unknown_config_keys: [],
    app_uri: null,
    worker_class_str: null,
    worker_class: null,
    worker_class_error: null,
    address: null,
    address_error: null,
  };
  const ok = r.rc === 0 && r.result !== null;
  return { rc: r.rc, stdout: r.stdout, stderr: r.stderr, ok, error: ok ? null : lastErrorLine(r.stderr), ...(r.result ?? empty) };
}

function lastErrorLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const marked = lines.filter((l) => /^(Error:|gunicorn: error:|\w+(Error|Exception):)/.test(l));
  return marked.at(-1) ?? lines.at(-1) ?? 'failed without a message';
}

// ---------------------------------------------------------------------------------------------
// waitress
// ---------------------------------------------------------------------------------------------

const WAITRESS_COMMON_PY = String.raw`
import json, socket, sys
from waitress.adjustments import Adjustments


def jsonable(v):
    if isinstance(v, (str, int, float, bool)) or v is None:
        return v
    if isinstance(v, dict):
        return {str(k): jsonable(x) for k, x in v.items()}
    if isinstance(v, (set, frozenset)):
        return sorted(jsonable(x) for x in v)
    if isinstance(v, (list, tuple)):
        return [jsonable(x) for x in v]
    return repr(v)


def listen_str(entry):
    family, _type, _proto, sockaddr = entry[:4]
    host, port = sockaddr[0], sockaddr[1]
    return "[%s]:%s" % (host, port) if family == socket.AF_INET6 else "%s:%s" % (host, port)


def resolve(kwargs):
    try:
        adj = Adjustments(**kwargs)
    except Exception as e:
        return {"ok": False, "error": str(e), "error_type": type(e).__name__}
    out = {}
    for name, _conv in Adjustments._params:
        v = getattr(adj, name)
        out[name] = [listen_str(x) for x in v] if name == "listen" else jsonable(v)
    return {"ok": True, "adjustments": out}
`;

const WAITRESS_VALIDATE_PY = `${WAITRESS_COMMON_PY}
kwargs = json.load(sys.stdin)
with open(sys.argv[1], "w") as f:
    json.dump(resolve(kwargs), f)
`;

export type WaitressResolved =
  | { ok: true; adjustments: Record<string, unknown>; rc: number; stderr: string }
  | { ok: false; error: string; error_type: string; rc: number; stderr: string };

/**
 * `waitress.adjustments.Adjustments(**kwargs)`: the resolved adjustments (every known key; `listen` as
 * "host:port" strings) or the error waitress raises (e.g. "Unknown adjustment 'thread'").
 * JSON values map to Python as usual (true → True, 2.5 → float, "8" → str).
 */
export function waitressValidate(kwargs: Record<string, unknown>, opts: { timeoutMs?: number } = {}): WaitressResolved {
  requireServer('waitress');
  const r = runPythonJson<{ ok: boolean; adjustments?: Record<string, unknown>; error?: string; error_type?: string }>(WAITRESS_VALIDATE_PY, [], {
    cwd: os.tmpdir(),
    input: JSON.stringify(kwargs),
    timeoutMs: opts.timeoutMs,
  });
  if (!r.result) return { ok: false, error: lastErrorLine(r.stderr), error_type: 'DriverError', rc: r.rc, stderr: r.stderr };
  if (r.result.ok) return { ok: true, adjustments: r.result.adjustments!, rc: r.rc, stderr: r.stderr };
  return { ok: false, error: r.result.error!, error_type: r.result.error_type!, rc: r.rc, stderr: r.stderr };
}

const WAITRESS_SNIPPET_PY = `${WAITRESS_COMMON_PY}
import os, runpy
import waitress

result_path, snippet = sys.argv[1], os.path.abspath(sys.argv[2])


def fake_serve(*args, **kwargs):
    app = args[0] if args else kwargs.get("app")
    adj = {k: v for k, v in kwargs.items() if not k.startswith("_") and k != "app"}
    out = {
        "called": True,
        "positional": len(args),
        "app": None if app is None else type(app).__module__ + "." + type(app).__qualname__,
        "app_callable": callable(app),
        "kwargs": jsonable(kwargs),
        "resolved": resolve(adj),
    }
    with open(result_path, "w") as f:
        json.dump(out, f)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


waitress.serve = fake_serve
sys.argv = [snippet]
sys.path.insert(0, os.path.dirname(snippet))
runpy.run_path(snippet, run_name="__main__")
with open(result_path, "w") as f:
    json.dump({"called": False}, f)
`;

export interface WaitressServeCall extends Ran {
  /** false when the file ran to the end without calling waitress.serve (or failed before it: see rc/stderr). */
  called: boolean;
  /** The keyword arguments serve() got, as JSON. */
  kwargs: Record<string, unknown>;
  /** Type of the app passed, e.g. "flask.app.Flask". */
  app: string | null;
  app_callable: boolean;
  /** Those kwargs through waitress's Adjustments, as waitressValidate reports them. */
  resolved: { ok: true; adjustments: Record<string, unknown> } | { ok: false; error: string; error_type: string } | null;
}

/**
 * Run a Python file that calls `waitress.serve(app, ...)` with serve() replaced by a recorder that
 * exits at once: the kwargs are checked without listening. The file runs as __main__ with its folder
 * on sys.path; `cwd` defaults to that folder.
 */
export function waitressServeSnippet(pyFile: string, env: Record<string, string> = {}, opts: { cwd?: string; timeoutMs?: number } = {}): WaitressServeCall {
  requireServer('waitress');
  const abs = path.resolve(pyFile);
  const r = runPythonJson<{ called: boolean; kwargs?: Record<string, unknown>; app?: string | null; app_callable?: boolean; resolved?: WaitressServeCall['resolved'] }>(
    WAITRESS_SNIPPET_PY,
    [abs],
    { cwd: opts.cwd ?? path.dirname(abs), env, timeoutMs: opts.timeoutMs },
  );
  const res = r.result ?? { called: false };
  return {
    rc: r.rc,
    stdout: r.stdout,
    stderr: r.stderr,
    called: res.called === true,
    kwargs: res.kwargs ?? {},
    app: res.app ?? null,
    app_callable: res.app_callable ?? false,
    resolved: res.resolved ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// uvicorn
// ---------------------------------------------------------------------------------------------

/**
 * The uvicorn arguments with any leading `uvicorn` / `python -m uvicorn`, and every --host / --port /
 * --uds / --fd removed, then `--host 127.0.0.1 --port <port>` appended.
 */
export function uvicornLocalArgs(argv: string[], port: number): string[] {
  let a = [...argv];
  if (a[0] !== undefined && /(^|\/)uvicorn$/.test(a[0])) a = a.slice(1);
  else if (a[0] !== undefined && /(^|\/)python[\d.]*$/.test(a[0]) && a[1] === '-m' && a[2] === 'uvicorn') a = a.slice(3);
  const out: string[] = [];
  const WITH_VALUE = new Set(['--host', '--port', '--uds', '--fd']);
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    if (WITH_VALUE.has(x)) {
      i++;
      continue;
    }
    if ([...WITH_VALUE].some((f) => x.startsWith(`${f}=`))) continue;
    out.push(x);
  }
  return [...out, '--host', '127.0.0.1', '--port', String(port)];
}

/**
 * Run `/usr/bin/python3 -m uvicorn <argv>` (host/port replaced by 127.0.0.1 and a free port), wait
 * until GET / answers, and always stop it. Retries on a port taken in the meantime.
 */
export async function uvicornStartAndRequest(o: { argv: string[]; env?: Record<string, string>; cwd: string; timeoutMs?: number; path?: string; settleMs?: number }): Promise<StartedResponse> {
  requireServer('uvicorn');
  let last: StartedResponse | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const args = ['-m', 'uvicorn', ...uvicornLocalArgs(o.argv, port)];
    last = await startAndRequest({ cmd: PYTHON, args, port, cwd: o.cwd, env: o.env, timeoutMs: o.timeoutMs ?? 20_000, path: o.path, settleMs: o.settleMs });
    if (last.status !== 0 || !ADDR_IN_USE.test(last.stderr)) return last;
  }
  return last!;
}

/**
 * Run `/usr/bin/gunicorn [-c configPath] [args] app --bind 127.0.0.1:<free port>` (the command-line
 * bind wins over the file's), wait until GET / answers, and always stop it.
 */
export async function gunicornStartAndRequest(o: GunicornRunOptions & { path?: string; settleMs?: number }): Promise<StartedResponse> {
  requireServer('gunicorn');
  let last: StartedResponse | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const args = [...gunicornArgv({ configPath: o.configPath, args: o.args }), '--bind', `127.0.0.1:${port}`, o.app];
    last = await startAndRequest({ cmd: GUNICORN, args, port, cwd: o.cwd, env: o.env, timeoutMs: o.timeoutMs ?? 20_000, path: o.path, settleMs: o.settleMs });
    if (last.status !== 0 || !ADDR_IN_USE.test(last.stderr)) return last;
  }
  return last!;
}

// ---------------------------------------------------------------------------------------------
// docker-compose
// ---------------------------------------------------------------------------------------------

export interface ComposeResult {
  rc: number;
  /** The resolved file docker-compose printed, parsed (null when it failed). */
  stdout: unknown;
  /** The same, as text. */
  raw: string;
  stderr: string;
}

/**
 * Write `yamlText` as docker-compose.yml in a temp project folder (with `envFile` as its .env, used for
 * ${VAR} interpolation, and any other `files`, e.g. those named by env_file:) and run
 * `docker-compose -f docker-compose.yml config`. No Docker daemon is needed.
 */
export function composeConfig(yamlText: string, opts: { envFile?: string; files?: Record<string, string>; env?: Record<string, string>; timeoutMs?: number } = {}): ComposeResult {
  requireServer('compose');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tune-compose-'));
  try {
    writeFileSync(path.join(dir, 'docker-compose.yml'), yamlText);
    if (opts.envFile !== undefined) writeFileSync(path.join(dir, '.env'), opts.envFile);
    for (const [name, text] of Object.entries(opts.files ?? {})) writeFileSync(path.join(dir, name), text);
    const r = run(DOCKER_COMPOSE, ['-f', 'docker-compose.yml', 'config'], { cwd: dir, env: opts.env, timeoutMs: opts.timeoutMs ?? 30_000 });
    let parsed: unknown = null;
    if (r.rc === 0) parsed = parseYaml(r.stdout);
    return { rc: r.rc, stdout: parsed, raw: r.stdout, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
