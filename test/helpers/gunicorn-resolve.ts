// gunicorn's resolved configuration, read by a Python driver that loads it exactly as gunicorn does.
import { requireServer } from './installed.js';
import type { Ran } from './processes.js';
import { gunicornArgv } from './gunicorn.js';
import { lastErrorLine, runPythonJson } from './python-driver.js';

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
