// What is installed: the servers' paths, and `have` / `detected` / `requireServer`.
//
// Locally, `have.x` says whether server x is installed, so tests can `it.skipIf(!have.x)`.
// Under CI (process.env.CI set) every `have.x` is true, so nothing is skipped, and a helper whose
// server is missing throws: a broken install fails the run instead of silently skipping the proof.
// `detected` always holds what is really installed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { baseEnv } from './processes.js';

export const PYTHON = '/usr/bin/python3';
export const GUNICORN = '/usr/bin/gunicorn';
export const WAITRESS_SERVE = '/usr/bin/waitress-serve';
export const DOCKER_COMPOSE = '/usr/bin/docker-compose';

const IN_CI = Boolean(process.env.CI);

export type Server = 'gunicorn' | 'waitress' | 'uvicorn' | 'compose' | 'gevent' | 'flask' | 'fastapi' | 'django' | 'venv';
const INSTALL_HINT: Record<Server, string> = {
  gunicorn: 'apt-get install gunicorn python3-gunicorn',
  waitress: 'apt-get install python3-waitress',
  uvicorn: 'apt-get install python3-uvicorn',
  compose: 'apt-get install docker-compose',
  gevent: 'apt-get install python3-gevent',
  flask: 'apt-get install python3-flask',
  fastapi: 'apt-get install python3-fastapi',
  django: 'apt-get install python3-django',
  venv: 'apt-get install python3-venv',
};
const PY_MODULES = { gunicorn: 'gunicorn', waitress: 'waitress', uvicorn: 'uvicorn', gevent: 'gevent', flask: 'flask', fastapi: 'fastapi', django: 'django', venv: 'ensurepip' } as const;

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
  django: () => pythonHas('django'),
  // Debian's python3 has the venv module without ensurepip until python3-venv is installed.
  venv: () => pythonHas('venv'),
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
