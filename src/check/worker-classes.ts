// What a gunicorn worker_class value is, for a gunicorn version: one of the model's classes, a class
// gunicorn can import that the model does not know (judged as the nearest kind it can tell: an event
// loop, threads, or plain sync), one that version removed or deprecates, or a value gunicorn refuses.
// gunicorn resolves the value with util.load_class: a bare name is one of its SUPPORTED_WORKERS,
// `egg:dist#name` an entry point, anything dotted an import path.
import type { WorkerClass } from '../core/classes.js';
import { gunicornWorkers, resolveVersion, UVICORN, UVICORN_WORKER } from '../servers/index.js';
import { formAt } from '../servers/versions.js';
import { didYouMean } from './did-you-mean.js';

type ClassBasis = 'known' | 'family' | 'source' | 'name' | 'nothing';

export type WorkerClassInfo =
  /** A class the model has (gevent_pywsgi is gevent; a project's UvicornWorker subclass found in its source is uvicorn-worker). */
  | { status: 'model'; workerClass: WorkerClass; builtin?: string; basis: ClassBasis; deprecated?: string }
  /** Importable, but not a class the model has: judged as `nearest`. */
  | { status: 'unmodelled'; value: string; family?: string; nearest: WorkerClass; basis: ClassBasis; deprecated?: string }
  /** A built-in this gunicorn version no longer ships (eventlet in 26.0). */
  | { status: 'removed'; value: string; removedIn: string; nearest: WorkerClass }
  /** gunicorn cannot load it ("class uri invalid or not found"); `since`: a later version has it built in. */
  | { status: 'invalid'; value: string; suggestion?: string; since?: string };

// How gunicorn's own worker modules run requests.
const GUNICORN_MODULES: Record<string, { workerClass?: WorkerClass; family?: string; nearest: WorkerClass }> = {
  'gunicorn.workers.sync.SyncWorker': { workerClass: 'sync', nearest: 'sync' },
  'gunicorn.workers.gthread.ThreadWorker': { workerClass: 'gthread', nearest: 'gthread' },
  'gunicorn.workers.ggevent.GeventWorker': { workerClass: 'gevent', nearest: 'gevent' },
  'gunicorn.workers.ggevent.GeventPyWSGIWorker': { workerClass: 'gevent', nearest: 'gevent' },
  // gunicorn ≥ 24's own ASGI worker: an asyncio loop per worker.
  'gunicorn.workers.gasgi.ASGIWorker': { workerClass: 'asgi', nearest: 'asgi' },
  // eventlet's AsyncWorker serves up to worker_connections greenlets per worker, as gevent does.
  'gunicorn.workers.geventlet.EventletWorker': { family: 'eventlet', nearest: 'gevent' },
  'gunicorn.workers.gtornado.TornadoWorker': { family: 'tornado', nearest: 'uvicorn-worker' },
};

// Workers other packages ship for gunicorn, by import path prefix: what they run requests on.
const FAMILIES: { prefix: string; family: string; nearest: WorkerClass; egg?: string }[] = [
  // meinheld's picoev loop with greenlets (meinheld/gmeinheld.py); `egg:meinheld#gunicorn_worker`.
  { prefix: 'meinheld.', family: 'meinheld', nearest: 'uvicorn-worker', egg: 'meinheld' },
  // aiohttp/worker.py GunicornWebWorker, GunicornUVLoopWebWorker (also exported by aiohttp/__init__.py): an asyncio loop.
  { prefix: 'aiohttp.', family: 'aiohttp', nearest: 'uvicorn-worker', egg: 'aiohttp' },
  // gevent-websocket's GeventWebSocketWorker subclasses gunicorn's GeventPyWSGIWorker.
  { prefix: 'geventwebsocket.', family: 'gevent-websocket', nearest: 'gevent' },
  { prefix: 'sanic.', family: 'sanic', nearest: 'uvicorn-worker' },
  { prefix: 'tornado.', family: 'tornado', nearest: 'uvicorn-worker' },
];

// uvicorn's gunicorn workers: uvicorn.workers (deprecated in the uvicorn versions whose catalogue form
// says so, 0.30 on) and the uvicorn-worker package.
const UVICORN_CLASSES = new Map(
  [UVICORN.gunicornWorker, UVICORN_WORKER.gunicornWorker].flatMap((m) =>
    m.classes.flatMap((c) => {
      const paths = [`${m.module}.${c.name}`, ...(m.module === 'uvicorn_worker' ? [`uvicorn_worker._workers.${c.name}`] : [])];
      return paths.map((p) => [p, m.module === 'uvicorn.workers' ? c : undefined] as const);
    }),
  ),
);

/** The deprecation note of a uvicorn.workers class in a uvicorn version (the newest without one). */
function uvicornDeprecation(path: string, uvicornVersion: string | undefined): string | undefined {
  const entry = UVICORN_CLASSES.get(path);
  return entry ? formAt(UVICORN.versions, entry, resolveVersion('uvicorn', uvicornVersion))?.deprecated : undefined;
}

/** Reads the source of a project module (`paperless.workers` → paperless/workers.py), when it can be found. */
export type ModuleSource = (module: string) => string | undefined;

export function classifyWorkerClass(value: string, version: string | undefined, opts: { uvicornVersion?: string; source?: ModuleSource } = {}, depth = 0): WorkerClassInfo {
  const builtins = gunicornWorkers(version);
  const others = otherBuiltins(version);
  let uri = value.trim();
  if (uri.startsWith('egg:')) {
    const [dist, name] = uri.slice(4).split('#') as [string, string | undefined];
    if (dist !== 'gunicorn') {
      const fam = FAMILIES.find((f) => f.egg === dist);
      return fam ? { status: 'unmodelled', value, family: fam.family, nearest: fam.nearest, basis: 'family' } : { status: 'unmodelled', value, nearest: 'sync', basis: 'nothing' };
    }
    uri = name ?? 'sync';
  }
  if (!uri.includes('.')) {
    const name = uri.replace(/^#/, '');
    const builtin = builtins.find((w) => w.name === name);
    if (builtin) return fromPath(builtin.class, value, builtin.name, builtin.deprecated);
    const other = others.find((w) => w.name === name);
    if (other?.removedIn) return { status: 'removed', value, removedIn: other.removedIn, nearest: GUNICORN_MODULES[other.class]?.nearest ?? 'sync' };
    if (other) return { status: 'invalid', value, since: other.firstSeen };
    const suggestion = didYouMean(name, builtins.map((w) => w.name));
    return { status: 'invalid', value, ...(suggestion ? { suggestion } : {}) };
  }
  if (uri.startsWith('gunicorn.')) {
    const builtin = builtins.find((w) => w.class === uri);
    if (builtin) return fromPath(uri, value, builtin.name, builtin.deprecated);
    const other = others.find((w) => w.class === uri);
    if (other?.removedIn) return { status: 'removed', value, removedIn: other.removedIn, nearest: GUNICORN_MODULES[uri]?.nearest ?? 'sync' };
    return { status: 'invalid', value, ...(other ? { since: other.firstSeen } : {}) };
  }
  if (UVICORN_CLASSES.has(uri)) {
    const deprecated = uvicornDeprecation(uri, opts.uvicornVersion);
    return { status: 'model', workerClass: 'uvicorn-worker', basis: 'known', ...(deprecated ? { deprecated } : {}) };
  }
  if (uri.startsWith('uvicorn.') || uri.startsWith('uvicorn_worker.')) return { status: 'invalid', value };
  const fam = FAMILIES.find((f) => uri.startsWith(f.prefix));
  if (fam) return { status: 'unmodelled', value, family: fam.family, nearest: fam.nearest, basis: 'family' };
  return projectClass(value, uri, version, opts, depth);
}

/** A project's own class: its base class, read from the module's source when we have it. */
function projectClass(value: string, uri: string, version: string | undefined, opts: { uvicornVersion?: string; source?: ModuleSource }, depth: number): WorkerClassInfo {
  const module = uri.slice(0, uri.lastIndexOf('.'));
  const name = uri.slice(uri.lastIndexOf('.') + 1);
  const text = depth < 3 ? opts.source?.(module) : undefined;
  const base = text === undefined ? undefined : baseClass(text, name, module);
  if (base) {
    const inner = classifyWorkerClass(base, version, opts, depth + 1);
    if (inner.status === 'model') return { ...inner, basis: 'source' };
    if (inner.status === 'unmodelled') return { ...inner, value, basis: 'source' };
  }
  return { status: 'unmodelled', value, nearest: 'sync', basis: 'nothing' };
}

/** `class Name(Base):` in a module's text, with Base's import path from its imports. */
export function baseClass(text: string, name: string, module: string): string | undefined {
  const m = new RegExp(`^class\\s+${name}\\s*\\(\\s*([A-Za-z_][\\w.]*)`, 'm').exec(text);
  if (!m) return undefined;
  const base = m[1]!;
  const head = base.split('.')[0]!;
  const from = new RegExp(`^from\\s+([\\w.]+)\\s+import\\s+[^\\n]*\\b${head}\\b`, 'm').exec(text);
  if (from) return `${from[1]!.startsWith('.') ? module.replace(/\.[^.]*$/, '') + from[1] : from[1]}.${base}`;
  const imp = new RegExp(`^import\\s+${head.replace('.', '\\.')}\\b`, 'm').exec(text);
  if (imp) return base;
  // Defined in the same module.
  return new RegExp(`^class\\s+${head}\\b`, 'm').test(text) ? `${module}.${base}` : undefined;
}

function fromPath(path: string, value: string, builtin: string, deprecated?: string): WorkerClassInfo {
  const m = GUNICORN_MODULES[path];
  if (m?.workerClass) return { status: 'model', workerClass: m.workerClass, builtin, basis: 'known', ...(deprecated ? { deprecated } : {}) };
  return { status: 'unmodelled', value, ...(m?.family ? { family: m.family } : {}), nearest: m?.nearest ?? 'sync', basis: 'known', ...(deprecated ? { deprecated } : {}) };
}

/** Built-ins of other versions that `version` lacks: removed by then (in 20.1, not now) or added later. */
function otherBuiltins(version: string | undefined): { name: string; class: string; firstSeen: string; removedIn?: string }[] {
  const now = new Set(gunicornWorkers(version).map((w) => w.name));
  const removed = gunicornWorkers('20.1.0').filter((w) => !now.has(w.name)).map((w) => ({ ...w, removedIn: w.removedIn ?? 'a later version' }));
  const later = gunicornWorkers().filter((w) => !now.has(w.name) && !removed.some((r) => r.name === w.name));
  return [...removed, ...later.map(({ removedIn: _r, ...w }) => w)];
}

