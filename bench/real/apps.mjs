// The real-looking apps of bench/apps/real: where they live, how a server loads them, which worker
// classes serve them, the traffic mix the benchmarks send, and the path `tune calibrate` measures.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REAL_DIR = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), 'apps', 'real');
export const PY = '/usr/bin/python3';

/** `n` paths, `weights` of each kind per 10 requests, each kind's i-th path from its generator. */
function mix(kinds, n = 100) {
  const out = [];
  const seen = Object.fromEntries(kinds.map((k) => [k.name, 0]));
  const slots = kinds.flatMap((k) => Array(k.per10).fill(k));
  for (let i = 0; out.length < n; i++) {
    const k = slots[i % slots.length];
    out.push(k.path(seen[k.name]++));
  }
  return out;
}

// The IO mix (bench:real-apps --mix io, bench:real-skew --mix io): only each app's call to a slow
// upstream, waiting IO_DELAY_MS, so that the load is bound by slots or connections before CPU (64
// connections / 0.2 s = 320 req/s at ~3 ms CPU is about one core).
export const IO_DELAY_MS = 200;

export const APPS = {
  django: {
    name: 'Django site (ORM on SQLite, templates)',
    dir: path.join(REAL_DIR, 'django_site'),
    module: 'shop.wsgi:application',
    framework: 'wsgi',
    classes: ['sync', 'gthread', 'gevent', 'waitress'],
    // The list page: ORM queries and a template, what most of a site's CPU goes to.
    calibratePath: '/products/?page=2',
    kinds: [
      { name: 'list page (ORM + template)', per10: 3, path: (i) => (i % 3 === 2 ? `/products/?category=${['oak', 'steel', 'linen', 'brass'][i % 4]}-goods&page=${1 + (i % 5)}` : `/products/?page=${1 + (i % 20)}`) },
      { name: 'JSON detail', per10: 5, path: (i) => `/api/products/${1 + ((i * 37) % 3000)}/` },
      { name: 'external call (20-50 ms sleep)', per10: 2, path: (i) => `/products/${1 + ((i * 53) % 3000)}/stock/` },
    ],
    ioKinds: [{ name: `external call (${IO_DELAY_MS} ms sleep)`, per10: 10, path: (i) => `/products/${1 + ((i * 53) % 3000)}/stock/?delay_ms=${IO_DELAY_MS}` }],
  },
  flask: {
    name: 'Flask + pandas analytics',
    dir: path.join(REAL_DIR, 'flask_pandas'),
    module: 'analytics:app',
    framework: 'wsgi',
    classes: ['sync', 'gthread', 'gevent', 'waitress'],
    calibratePath: '/report?region=east',
    kinds: [
      { name: 'pandas report (group-by)', per10: 3, path: (i) => `/report?region=${['north', 'south', 'east', 'west', 'central'][i % 5]}` },
      { name: 'pandas trend (resample)', per10: 2, path: (i) => `/trend?sku=${(i * 31) % 500}` },
      { name: 'external call (30 ms sleep)', per10: 3, path: (i) => `/enrich/${(i * 17) % 500}` },
      { name: 'static JSON', per10: 2, path: () => '/status' },
    ],
    ioKinds: [{ name: `external call (${IO_DELAY_MS} ms sleep)`, per10: 10, path: (i) => `/enrich/${(i * 17) % 500}?delay_ms=${IO_DELAY_MS}` }],
  },
  fastapi: {
    name: 'FastAPI + pydantic inventory',
    dir: path.join(REAL_DIR, 'fastapi_pydantic'),
    module: 'inventory:app',
    framework: 'asgi',
    classes: ['uvicorn', 'uvicorn-worker'],
    calibratePath: '/items?offset=100',
    kinds: [
      { name: 'validate 50 pydantic models (async, CPU)', per10: 2, path: (i) => `/items?offset=${(i * 250) % 5000}` },
      { name: 'awaited call (30 ms asyncio.sleep)', per10: 4, path: (i) => `/items/${(i * 97) % 5000}` },
      { name: 'sync def in the threadpool (20 ms blocking)', per10: 2, path: () => '/reports/stock' },
      { name: 'static JSON', per10: 2, path: () => '/health' },
    ],
    ioKinds: [{ name: `awaited call (${IO_DELAY_MS} ms asyncio.sleep)`, per10: 10, path: (i) => `/items/${(i * 97) % 5000}?delay_ms=${IO_DELAY_MS}` }],
  },
};
for (const [key, a] of Object.entries(APPS)) Object.assign(a, { key, workload: 'mixed', paths: mix(a.kinds) });

/** An app by its bench key: `django`, or `django:io` for the same app under its IO mix (workload io). */
export function appByKey(key) {
  const [base, mixName] = key.split(':');
  const app = APPS[base];
  if (!app || (mixName !== undefined && mixName !== 'io')) throw new Error(`unknown app ${key}: ${Object.keys(APPS).join(', ')} (each also as <app>:io)`);
  if (mixName === undefined) return app;
  return { ...app, key, name: `${app.name}, IO mix`, workload: 'io', kinds: app.ioKinds, paths: mix(app.ioKinds), calibratePath: app.ioKinds[0].path(0) };
}

/**
 * The environment every server of these apps runs with: the Django site's SQLite database in
 * `dataDir` (never in the repository).
 */
export function appEnv(baseEnv, dataDir) {
  return { ...baseEnv, CATALOG_DB: path.join(dataDir, 'catalog.sqlite3') };
}

/** Build the Django database before any server starts, so no boot pays for it. */
export function prepareData(env) {
  execFileSync(PY, ['-c', 'import shop.wsgi'], { cwd: APPS.django.dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
  if (!fs.existsSync(env.CATALOG_DB + '.ready')) throw new Error('the Django catalogue database was not built');
}

/**
 * A wrk Lua script sending `paths` in turn (each wrk thread starting at its own offset) and counting
 * the responses of each worker from the apps' X-Worker header; done() prints `WORKER <pid> <n>` lines.
 */
export function mixLua(paths) {
  const list = paths.map((p) => JSON.stringify(p)).join(',\n  ');
  return `-- written by bench/real/apps.mjs
local paths = {
  ${list}
}
local threads = {}
local i = 0
counts = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  i = (tonumber(id) or 0) * 37
end

function request()
  i = i + 1
  return wrk.format(nil, paths[(i % #paths) + 1])
end

function response(status, headers, body)
  for k, v in pairs(headers) do
    if string.lower(k) == "x-worker" then
      counts[v] = (counts[v] or 0) + 1
      return
    end
  end
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("counts")) do total[k] = (total[k] or 0) + v end
  end
  for k, v in pairs(total) do io.write(string.format("WORKER %s %d\\n", k, v)) end
end
`;
}

/** `WORKER <pid> <n>` lines of a wrk report → { pid: n }. */
export function workerCounts(raw) {
  const out = {};
  for (const m of raw.matchAll(/^WORKER (\d+) (\d+)$/gm)) out[m[1]] = Number(m[2]);
  return out;
}
