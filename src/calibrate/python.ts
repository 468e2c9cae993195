// Finds the Python interpreter and checks that it can import the server, so a missing package is one
// clear line naming what to install instead of a traceback from deep inside a start-up.
import { accessSync, constants, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { WorkerClass } from '../core/classes.js';
import { LEGACY_UVICORN_WORKER_PATH, UVICORN_WORKER_PATH } from '../core/classes.js';
/** The Python or server calibrate needs is missing or broken: bad input for the CLI (exit 2). */
class SetupError extends Error {
  override name = 'SetupError';
}

// Debian's interpreter is the one its python3-gunicorn/-uvicorn/-waitress packages install into; a
// python3 earlier on PATH (pyenv, a bare venv) often has none of them.
const SYSTEM_PYTHON = '/usr/bin/python3';
// Importing nothing but importlib takes well under a second; a slow disk or NFS home may take more.
const CHECK_TIMEOUT_MS = 20_000;

export interface PythonInfo {
  python: string;
  version: string;
  /** gunicorn's worker_class for uvicorn-worker: the maintained package when present, else Debian's path. */
  uvicornWorkerPath?: string;
}

export function findPython(given: string | undefined, env: Record<string, string | undefined>): string {
  if (given !== undefined) {
    // A bare name is looked up on PATH, as a shell would.
    if (!given.includes('/')) return onPath(given, env) ?? fail(`--python ${given}: not found on PATH`);
    if (!existsSync(given)) fail(`--python ${given}: no such file`);
    if (!executable(given)) fail(`--python ${given}: not executable`);
    // Absolute: the server runs with cwd = --app-dir, where a relative path would mean something else.
    return path.resolve(given);
  }
  // The app's own environment first: its packages are the ones the app imports in production.
  const active = activeEnvPython(env);
  if (active) return active.python;
  if (existsSync(SYSTEM_PYTHON)) return SYSTEM_PYTHON;
  return onPath('python3', env) ?? fail('no python3 found (neither /usr/bin/python3 nor on PATH): install python3 or pass --python <path>');
}

/** The interpreter of the active virtualenv (VIRTUAL_ENV, set by its `activate`) or conda environment (CONDA_PREFIX). */
export function activeEnvPython(env: Record<string, string | undefined>): { python: string; variable: 'VIRTUAL_ENV' | 'CONDA_PREFIX'; prefix: string } | undefined {
  for (const variable of ['VIRTUAL_ENV', 'CONDA_PREFIX'] as const) {
    const prefix = env[variable];
    if (!prefix) continue;
    const python = ['bin/python3', 'bin/python'].map((f) => path.join(prefix, f)).find((f) => existsSync(f) && executable(f));
    if (python) return { python, variable, prefix };
  }
  return undefined;
}

function fail(message: string): never {
  throw new SetupError(message);
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string, env: Record<string, string | undefined>): string | undefined {
  return (env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, name))
    .find((f) => existsSync(f) && executable(f));
}

interface Need {
  /** Modules of which at least one must import. */
  anyOf: string[];
  what: string;
  install: string;
}

const GUNICORN: Need = { anyOf: ['gunicorn'], what: 'gunicorn', install: 'apt-get install python3-gunicorn (Debian/Ubuntu) or pip install gunicorn' };
const NEEDS: Record<WorkerClass, Need[]> = {
  sync: [GUNICORN],
  gthread: [GUNICORN],
  gevent: [GUNICORN, { anyOf: ['gevent'], what: 'gevent', install: 'apt-get install python3-gevent (Debian/Ubuntu) or pip install gevent' }],
  'uvicorn-worker': [
    GUNICORN,
    {
      anyOf: ['uvicorn_worker', 'uvicorn.workers'],
      what: 'a UvicornWorker (uvicorn_worker or uvicorn.workers)',
      install: 'apt-get install python3-uvicorn (Debian/Ubuntu) or pip install uvicorn-worker',
    },
  ],
  // gunicorn ≥ 24 ships workers/gasgi.py; Debian 12's gunicorn 20.1 does not.
  asgi: [{ anyOf: ['gunicorn.workers.gasgi'], what: "gunicorn's asgi worker (gunicorn 24 or later)", install: "pip install 'gunicorn>=24'" }],
  uvicorn: [{ anyOf: ['uvicorn'], what: 'uvicorn', install: 'apt-get install python3-uvicorn (Debian/Ubuntu) or pip install uvicorn' }],
  waitress: [{ anyOf: ['waitress'], what: 'waitress', install: 'apt-get install python3-waitress (Debian/Ubuntu) or pip install waitress' }],
};

// find_spec of a submodule imports its parent package; any failure there means "cannot import".
const PROBE = [
  'import importlib.util, json, sys',
  'found = {}',
  'for name in sys.argv[1:]:',
  '    try: found[name] = importlib.util.find_spec(name) is not None',
  '    except Exception: found[name] = False',
  'print(json.dumps({"version": sys.version.split()[0], "found": found}))',
].join('\n');

/** The modules that are missing for `cls`, as one usage-error sentence; null when all import. (Pure.) */
export function missingMessage(cls: WorkerClass, python: string, found: Record<string, boolean>, envPrefix?: string): string | null {
  for (const need of NEEDS[cls]) {
    if (need.anyOf.some((m) => found[m])) continue;
    // In a virtualenv, Debian's packages are not there (unless it was made with --system-site-packages).
    const install = envPrefix ? `${need.install.replace(/^.* or (pip install .*)$/, '$1')} in ${envPrefix}` : need.install;
    return `${python} cannot import ${need.what}, which --class ${cls} needs: ${install}; or pass --python <path> for an interpreter that has it`;
  }
  return null;
}

export function checkServer(python: string, cls: WorkerClass, env: Record<string, string | undefined>): PythonInfo {
  const modules = NEEDS[cls].flatMap((n) => n.anyOf);
  const r = spawnSync(python, ['-c', PROBE, ...modules], { env: env as NodeJS.ProcessEnv, encoding: 'utf8', timeout: CHECK_TIMEOUT_MS });
  if (r.error) throw new SetupError(`${python}: cannot run it (${(r.error as NodeJS.ErrnoException).code ?? r.error.message})`);
  let parsed: { version: string; found: Record<string, boolean> } | undefined;
  try {
    parsed = JSON.parse(r.stdout.trim().split('\n').pop() ?? '');
  } catch {
    parsed = undefined;
  }
  if (r.status !== 0 || !parsed) {
    const last = (r.stderr || r.stdout || '').trim().split('\n').pop() ?? '';
    throw new SetupError(`${python}: not a working Python 3 (exit ${r.status ?? r.signal}${last ? `: ${last}` : ''})`);
  }
  const active = activeEnvPython(env);
  const missing = missingMessage(cls, python, parsed.found, active?.python === python ? active.prefix : undefined);
  if (missing) throw new SetupError(missing);
  const info: PythonInfo = { python, version: parsed.version };
  if (cls === 'uvicorn-worker') info.uvicornWorkerPath = parsed.found.uvicorn_worker ? UVICORN_WORKER_PATH : LEGACY_UVICORN_WORKER_PATH;
  return info;
}
