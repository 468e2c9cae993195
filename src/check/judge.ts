// Judges a target's effective configuration with the same model `tune` recommends from: its shape,
// its memory and capacity on the machine, and the known traps. Pure.
import type { WorkerClass } from '../core/classes.js';
import { assess } from '../core/assess.js';
import { GUNICORN_DEFAULTS, WAITRESS_DEFAULTS } from '../core/coefficients.js';
import { evaluate, type EvalContext } from '../core/evaluate.js';
import { configTraps } from '../core/traps.js';
import type { Evaluation, SettingValue, Shape } from '../core/types.js';
import { GUNICORN, UVICORN, UVICORN_WORKER } from '../servers/index.js';
import type { CheckFinding, Target } from './types.js';

export interface Judgement {
  target: Target;
  workerClass: WorkerClass | undefined;
  shape?: Shape;
  evaluation?: Evaluation;
  findings: CheckFinding[];
}

// What the model makes of a gunicorn worker class, by its import path (gunicorn's own workers, and
// the gunicorn workers of uvicorn and uvicorn-worker). The names -k accepts come from the catalogue:
// gunicorn/workers/__init__.py SUPPORTED_WORKERS of every version (asgi since 24.0).
const MODEL_CLASS: Record<string, WorkerClass> = {
  'gunicorn.workers.sync.SyncWorker': 'sync',
  'gunicorn.workers.gthread.ThreadWorker': 'gthread',
  'gunicorn.workers.ggevent.GeventWorker': 'gevent',
  'gunicorn.workers.ggevent.GeventPyWSGIWorker': 'gevent',
  // gunicorn ≥ 24's own ASGI worker: an event loop per worker, like UvicornWorker.
  'gunicorn.workers.gasgi.ASGIWorker': 'uvicorn-worker',
};
const uvicornWorkers = [UVICORN.gunicornWorker, UVICORN_WORKER.gunicornWorker].flatMap((m) => m.classes.map((c) => `${m.module}.${c.name}`));
const GUNICORN_CLASSES: Record<string, WorkerClass> = Object.fromEntries([
  ...Object.entries(MODEL_CLASS),
  ...GUNICORN.workers.flatMap((w) => (MODEL_CLASS[w.forms.at(-1)!.class] ? [[w.name, MODEL_CLASS[w.forms.at(-1)!.class]!]] : [])),
  ...uvicornWorkers.map((c) => [c, 'uvicorn-worker']),
  // uvicorn-worker's classes are importable from the package too.
  ...uvicornWorkers.filter((c) => c.startsWith('uvicorn_worker.')).map((c) => [c.replace('uvicorn_worker.', 'uvicorn_worker._workers.'), 'uvicorn-worker']),
]);

/** Maps gunicorn's worker_class value to a class the model knows; undefined when gunicorn would not start. */
export function gunicornClassOf(value: SettingValue): WorkerClass | undefined {
  return typeof value === 'string' ? GUNICORN_CLASSES[value] : undefined;
}

const num = (v: SettingValue | undefined, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

function shapeOf(target: Target): { workerClass: WorkerClass | undefined; shape?: Shape } {
  const s = (k: string) => target.settings[k]?.value;
  if (target.server === 'waitress') {
    const threads = Math.max(0, num(s('threads'), WAITRESS_DEFAULTS.threads));
    return { workerClass: 'waitress', shape: { workerClass: 'waitress', workers: 1, threads, slotsPerWorker: threads, preload: false, hasMaster: false } };
  }
  if (target.server === 'uvicorn') {
    const workers = Math.max(1, num(s('workers'), 1));
    const limit = s('limit_concurrency');
    return {
      workerClass: 'uvicorn',
      shape: { workerClass: 'uvicorn', workers, threads: 1, slotsPerWorker: typeof limit === 'number' ? Math.max(0, limit - 1) : null, preload: false, hasMaster: workers > 1 },
    };
  }
  let cls = gunicornClassOf(s('worker_class') ?? 'sync');
  if (!cls) return { workerClass: undefined };
  const threads = Math.max(1, num(s('threads'), 1));
  // gunicorn runs sync with threads > 1 as gthread (config.py worker_class).
  if (cls === 'sync' && threads > 1) cls = 'gthread';
  const workers = Math.max(1, num(s('workers'), 1));
  const wc = num(s('worker_connections'), GUNICORN_DEFAULTS.worker_connections);
  const slots = cls === 'sync' ? 1 : cls === 'gthread' ? threads : cls === 'gevent' ? wc : null;
  return {
    workerClass: cls,
    shape: { workerClass: cls, workers, threads: cls === 'gthread' ? threads : 1, slotsPerWorker: slots, preload: s('preload_app') === true, hasMaster: true },
  };
}

export function judge(target: Target, ctx: EvalContext & { lbIdleTimeout?: number; shutdownGrace?: number }): Judgement {
  const findings: CheckFinding[] = [...target.findings];
  const { workerClass, shape } = shapeOf(target);
  const at = (setting?: string) => {
    const src = (setting && target.settings[setting]?.source) || target.source;
    return { target: target.name, file: src.file, ...(src.line !== undefined ? { line: src.line } : {}) };
  };
  if (!workerClass || !shape) {
    findings.push({ code: 'UNKNOWN_WORKER_CLASS', severity: 'error', setting: 'worker_class', args: { value: String(target.settings.worker_class?.value) }, ...at('worker_class') });
    return { target, workerClass, findings };
  }
  const settings = Object.fromEntries(Object.entries(target.settings).map(([k, e]) => [k, e.value]));
  // The trap about the sync→gthread switch must see the class as written, not as gunicorn runs it.
  const written = target.server === 'gunicorn' ? (gunicornClassOf(settings.worker_class ?? 'sync') ?? workerClass) : workerClass;
  const evaluation = evaluate(shape, ctx);
  const raw = [...configTraps({ server: target.server, workerClass: written, settings }, ctx), ...assess(shape, evaluation, ctx)];
  for (const f of raw) {
    // Noise for a check: the default-memory note is said once by the report, not per target.
    if (f.code === 'DEFAULT_WORKER_MEM') continue;
    findings.push({ ...f, ...at(f.setting) });
  }
  return { target, workerClass, shape, evaluation, findings };
}
