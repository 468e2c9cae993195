// The configurations a block runs: tune's recommendation for each class (recommend() from dist/)
// and the rules of thumb people use today (the anchors), each with the model's view of it.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { argsFromSettings, printable } from './commands.mjs';
import { profileFor } from './profile.mjs';
import { APP, BUDGET, BUDGET_BYTES, FRAMEWORK, ROOT, UVW } from './settings.mjs';

const { parseInput, recommend, evaluate } = await import(pathToFileURL(path.join(ROOT, 'dist', 'index.js')).href);

function tuneInput(cls, block, latencyMs, mem, cpus) {
  const profile = profileFor(cls, mem, block.cpuMs?.[FRAMEWORK[cls]]);
  const raw = {
    cpus,
    mem: BUDGET,
    workerClass: cls,
    workload: block.workload,
    latencyMs,
    users: block.c,
    profile,
    legacyUvicornWorker: true,
    app: APP[FRAMEWORK[cls]],
    bind: '127.0.0.1:8000',
  };
  const r = parseInput(raw);
  if (!r.ok) throw new Error(`parseInput(${cls}): ${r.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
  return { raw, input: r.input };
}

/** The server spec of tune's recommendation: { server, app, args } (args without the bind). */
async function tuneSpec(rec, fw) {
  const args = await argsFromSettings(rec);
  // Exactly as emitted. When tune names no loop, pin what a plain `pip install uvicorn` resolves
  // `auto` to (asyncio + h11), the case tune's UVICORN_NODELAY warning is about; here uvloop is
  // installed, so `auto` alone would hide it (the `uvicorn --workers` anchor runs on `auto`).
  if (rec.server === 'uvicorn' && rec.settings.loop == null) args.push('--loop', 'asyncio', '--http', 'h11');
  return { server: rec.server === 'gunicorn' || rec.server === 'uvicorn' ? rec.server : 'waitress', app: APP[fw], args };
}

export async function tuneConfig(cls, block, latencyMs, mem, cpus) {
  const { raw, input } = tuneInput(cls, block, latencyMs, mem, cpus);
  const rec = recommend(input);
  const fw = FRAMEWORK[cls];
  const spec = await tuneSpec(rec, fw);
  const workers = Number(rec.settings.workers ?? 1);
  const singleProcess = rec.server === 'waitress' || (rec.server === 'uvicorn' && workers <= 1);
  return {
    id: `tune:${cls}`,
    kind: 'tune',
    cls,
    framework: fw,
    label: `tune ${cls}`,
    spec,
    cmdline: printable(spec),
    workers: singleProcess ? 1 : workers,
    singleProcess,
    slots: rec.capacity.slots,
    input: raw,
    recommendation: {
      settings: rec.settings,
      warnings: rec.warnings.map((w) => ({ code: w.code, severity: w.severity, ...(w.setting ? { setting: w.setting } : {}), args: w.args })),
      memory: rec.memory,
      capacity: rec.capacity,
      hooks: rec.hooks,
    },
    model: { memory: rec.memory, capacity: rec.capacity },
  };
}

/** The rules of thumb for `cores` cores and the budget, as { name, short, key, cls, spec, shape }. */
function anchorList(cores) {
  const memMiB = BUDGET_BYTES / 2 ** 20;
  const n2p1 = 2 * cores + 1;
  const heroku = Math.max(1, Math.min(2 * cores + 1, Math.floor(memMiB / 256)));
  const seedWaitress = Math.max(4, 2 * cores);
  const cloudRun = 4 * cores;
  const tiangolo = Math.max(cores, 2);
  const sync = (w) => ({ cls: 'sync', spec: { server: 'gunicorn', app: APP.wsgi, args: ['--workers', String(w), '--worker-class', 'sync'] }, shape: { workerClass: 'sync', workers: w, threads: 1, slotsPerWorker: 1, preload: false, hasMaster: true } });
  const waitress = (t) => ({ cls: 'waitress', spec: { server: 'waitress', app: APP.wsgi, args: [`--threads=${t}`] }, shape: { workerClass: 'waitress', workers: 1, threads: t, slotsPerWorker: t, preload: false, hasMaster: false } });
  const gthread = (w, t, extra = []) => ({ cls: 'gthread', spec: { server: 'gunicorn', app: APP.wsgi, args: ['--workers', String(w), '--worker-class', 'gthread', '--threads', String(t), ...extra] }, shape: { workerClass: 'gthread', workers: w, threads: t, slotsPerWorker: t, preload: false, hasMaster: true } });
  return [
    { name: `gunicorn (2×cores)+1 = ${n2p1} sync workers`, short: `sync w=${n2p1}`, key: `sync-w${n2p1}`, ...sync(n2p1) },
    { name: `Heroku min(2×cores+1, RAM_MB/256) = min(${n2p1}, ${Math.floor(memMiB / 256)}) = ${heroku} sync workers`, short: `sync w=${heroku}`, key: `sync-w${heroku}`, ...sync(heroku) },
    { name: 'waitress default threads=4', short: 'waitress t=4', key: 'waitress-t4', ...waitress(4) },
    { name: `seed's waitress threads = max(4, 2×cores) = ${seedWaitress}`, short: `waitress t=${seedWaitress}`, key: `waitress-t${seedWaitress}`, ...waitress(seedWaitress) },
    { name: "seed 004's gthread 3 workers × 3 threads", short: 'gthread 3×3', key: 'gthread-3x3', ...gthread(3, 3) },
    { name: `Cloud Run gthread 1 worker × 4×cores = ${cloudRun} threads (--timeout 0)`, short: `gthread 1×${cloudRun}`, key: `gthread-1x${cloudRun}`, ...gthread(1, cloudRun, ['--timeout', '0']) },
    {
      // tiangolo/uvicorn-gunicorn-docker gunicorn_conf.py: workers max(cores × 1, 2), keepalive 5,
      // timeout/graceful_timeout 120, worker_tmp_dir /dev/shm (access log off here, as everywhere).
      name: `tiangolo's image: gunicorn + UvicornWorker, max(cores, 2) = ${tiangolo} workers`,
      short: `tiangolo UvicornWorker w=${tiangolo}`,
      key: `tiangolo-w${tiangolo}`,
      cls: 'uvicorn-worker',
      spec: { server: 'gunicorn', app: APP.asgi, args: ['--workers', String(tiangolo), '--worker-class', UVW, '--keep-alive', '5', '--timeout', '120', '--graceful-timeout', '120', '--worker-tmp-dir', '/dev/shm'] },
      shape: { workerClass: 'uvicorn-worker', workers: tiangolo, threads: 1, slotsPerWorker: null, preload: false, hasMaster: true },
    },
    {
      // As users run it: no loop flag, so uvicorn's `auto` picks uvloop + httptools when installed (as here).
      name: `uvicorn --workers cores = ${cores} (loop auto → uvloop + httptools here)`,
      short: `uvicorn --workers ${cores}`,
      key: `uvicorn-w${cores}`,
      cls: 'uvicorn',
      spec: { server: 'uvicorn', app: APP.asgi, args: ['--workers', String(cores)] },
      shape: { workerClass: 'uvicorn', workers: cores, threads: 1, slotsPerWorker: null, preload: false, hasMaster: cores > 1 },
    },
  ];
}

/** The anchors for `cpus` cores and the budget; identical command lines are merged into one config. */
export function anchorConfigs(cpus, framework) {
  const cores = Math.max(1, Math.round(cpus));
  const merged = new Map();
  for (const a of anchorList(cores).filter((x) => FRAMEWORK[x.cls] === framework)) {
    const key = printable(a.spec);
    if (merged.has(key)) merged.get(key).names.push(a.name);
    else merged.set(key, { ...a, names: [a.name] });
  }
  return [...merged.values()].map((a) => {
    const singleProcess = a.shape.workers <= 1 && (a.cls === 'waitress' || a.cls === 'uvicorn');
    return {
      id: `anchor:${a.key}`,
      kind: 'anchor',
      cls: a.cls,
      framework,
      label: a.short,
      names: a.names,
      spec: a.spec,
      cmdline: printable(a.spec),
      workers: singleProcess ? 1 : a.shape.workers,
      singleProcess,
      slots: a.shape.slotsPerWorker === null ? null : a.shape.workers * a.shape.slotsPerWorker,
      shape: a.shape,
    };
  });
}

/** The model's view of an anchor (tune check's view): memory and capacity for the anchor's shape. */
export function modelForAnchor(anchor, block, latencyMs, mem, cpus) {
  const { input } = tuneInput(anchor.cls, block, latencyMs, mem, cpus);
  const ev = evaluate(anchor.shape, input);
  return { memory: ev.memory, capacity: ev.capacity };
}
