// waitress as the tests ask it: its Adjustments on given kwargs, and the serve() call of a Python file.
import os from 'node:os';
import path from 'node:path';
import { requireServer } from './installed.js';
import type { Ran } from './processes.js';
import { lastErrorLine, runPythonJson } from './python-driver.js';

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
