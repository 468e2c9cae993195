// Judges a target's effective configuration with the same model `tune` recommends from: its shape,
// its memory and capacity on the machine, and the known traps. Pure. A worker class the model does
// not know is judged as the nearest kind it can tell, and traps that hold only for a class are not
// raised on a guess.
import type { WorkerClass } from '../core/classes.js';
import { assess } from '../core/assess.js';
import { GUNICORN_DEFAULTS, WAITRESS_DEFAULTS } from '../core/coefficients.js';
import { evaluate, type EvalContext } from '../core/evaluate.js';
import type { FindingCode } from '../core/findings.js';
import { configTraps } from '../core/traps.js';
import type { Evaluation, SettingValue, Shape } from '../core/types.js';
import { defaultOf } from '../servers/index.js';
import { checkFinding } from './findings.js';
import type { CheckFinding, Target } from './types.js';
import { classifyWorkerClass, type ModuleSource, type WorkerClassInfo } from './worker-classes.js';

export interface Judgement {
  target: Target;
  /** The class the model judged with: the class itself, or the nearest kind for one it does not know. */
  workerClass: WorkerClass | undefined;
  /** For a class the model does not know: what it is and what it was judged as. */
  judgedAs?: { value: string; family?: string; workerClass: WorkerClass; basis: string };
  shape?: Shape;
  evaluation?: Evaluation;
  findings: CheckFinding[];
}

/** Findings that hold only for the class they name: not raised when the class is a guess. */
const CLASS_PREMISED = new Set<FindingCode>(['SYNC_THREADS', 'GEVENT_PRELOAD', 'SYNC_KEEPALIVE', 'GTHREAD_WC_LE_THREADS', 'TIMEOUT_BELOW_LATENCY', 'KEEPALIVE_BELOW_LB', 'CPU_ON_EVENT_LOOP', 'SYNC_FOR_IO', 'UNBOUNDED_CONCURRENCY', 'THREADS_CAPPED']);

const num = (v: SettingValue | undefined, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

export interface JudgeOptions {
  /** The uvicorn version in use (uvicorn.workers is deprecated from 0.30). */
  uvicornVersion?: string;
  /** Source of a project module, to read the base class of the project's own worker class. */
  moduleSource?: ModuleSource;
  /** The gunicorn version is the newest release, assumed for want of a pin: what it removed is a warning. */
  gunicornAssumed?: boolean;
}

function classOf(target: Target, opts: JudgeOptions = {}): WorkerClassInfo {
  const value = target.settings.worker_class?.value;
  return classifyWorkerClass(typeof value === 'string' ? value : 'sync', target.version, { ...(opts.uvicornVersion ? { uvicornVersion: opts.uvicornVersion } : {}), ...(opts.moduleSource ? { source: opts.moduleSource } : {}) });
}

function shapeOf(target: Target, info?: WorkerClassInfo): { workerClass: WorkerClass | undefined; shape?: Shape } {
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
  const i = info ?? classOf(target);
  let cls: WorkerClass | undefined = i.status === 'model' ? i.workerClass : i.status === 'invalid' ? undefined : i.nearest;
  if (!cls) return { workerClass: undefined };
  const threads = Math.max(1, num(s('threads'), 1));
  // gunicorn runs sync with threads > 1 as gthread (config.py worker_class).
  if (cls === 'sync' && threads > 1 && (i.status === 'model' || (i.status === 'unmodelled' && i.basis === 'nothing'))) cls = 'gthread';
  const workers = Math.max(1, num(s('workers'), 1));
  const wc = num(s('worker_connections'), GUNICORN_DEFAULTS.worker_connections);
  const slots = cls === 'sync' ? 1 : cls === 'gthread' ? threads : cls === 'gevent' ? wc : null;
  return {
    workerClass: cls,
    shape: { workerClass: cls, workers, threads: cls === 'gthread' ? threads : 1, slotsPerWorker: slots, preload: s('preload_app') === true, hasMaster: true },
  };
}

export function judge(target: Target, ctx: EvalContext & { lbIdleTimeout?: number; shutdownGrace?: number }, opts: JudgeOptions = {}): Judgement {
  const findings: CheckFinding[] = [...target.findings];
  const at = (setting?: string) => {
    const src = (setting && target.settings[setting]?.source) || target.source;
    return { target: target.name, file: src.file, ...(src.line !== undefined ? { line: src.line } : {}) };
  };
  const info = target.server === 'gunicorn' ? classOf(target, opts) : undefined;
  if (info) findings.push(...classFindings(info, target, at('worker_class'), opts));
  const { workerClass, shape } = shapeOf(target, info);
  if (!workerClass || !shape) return { target, workerClass, findings };
  const judgedAs = info && info.status !== 'model' && info.status !== 'invalid' ? { value: info.value, ...(info.status === 'unmodelled' && info.family ? { family: info.family } : {}), workerClass, basis: info.status === 'unmodelled' ? info.basis : 'known' } : undefined;
  // A class the file computes in a way we could not follow, or one judged as its nearest kind, is a guess.
  const guessed = judgedAs !== undefined || target.findings.some((f) => f.code === 'UNEVALUATED' && f.setting === 'worker_class');
  const settings = Object.fromEntries(Object.entries(target.settings).map(([k, e]) => [k, e.value]));
  // The platform's grace period is judged against gunicorn's default when the config leaves it.
  if (target.server === 'gunicorn' && ctx.shutdownGrace !== undefined && settings.graceful_timeout === undefined) settings.graceful_timeout = Number(defaultOf('gunicorn', 'graceful_timeout', target.version)?.value ?? 30);
  // The trap about the sync→gthread switch must see the class as written, not as gunicorn runs it.
  const written = info?.status === 'model' ? info.workerClass : workerClass;
  const evaluation = evaluate(shape, ctx);
  const raw = [...configTraps({ server: target.server, workerClass: written, settings }, ctx), ...assess(shape, evaluation, ctx)];
  for (const f of raw) {
    // Noise for a check: the default-memory note is said once by the report, not per target.
    if (f.code === 'DEFAULT_WORKER_MEM') continue;
    if (guessed && CLASS_PREMISED.has(f.code)) continue;
    findings.push({ ...f, ...at(f.setting) });
  }
  return { target, workerClass: judgedAs ? undefined : workerClass, ...(judgedAs ? { judgedAs } : {}), shape, evaluation, findings };
}

type Where = { target: string; file: string; line?: number };

function classFindings(info: WorkerClassInfo, target: Target, where: Where, opts: JudgeOptions): CheckFinding[] {
  const value = String(target.settings.worker_class?.value ?? 'sync');
  const version = target.version ?? 'newest';
  const w = { ...where, setting: 'worker_class' };
  switch (info.status) {
    case 'invalid':
      return [checkFinding('UNKNOWN_WORKER_CLASS', 'error', { value, ...(info.suggestion ? { suggestion: info.suggestion } : {}), ...(info.since ? { since: info.since } : {}), ...(target.version ? { version: target.version } : {}) }, w)];
    case 'removed':
      // Certain under a pinned version; under the assumed newest release it is what pip would install today.
      return [checkFinding('REMOVED_WORKER_CLASS', opts.gunicornAssumed ? 'warning' : 'error', { value, removedIn: info.removedIn, version, ...(opts.gunicornAssumed ? { assumed: true } : {}) }, w)];
    case 'unmodelled': {
      const out = [checkFinding('UNMODELLED_WORKER_CLASS', info.basis === 'nothing' ? 'warning' : 'info', { value, ...(info.family ? { family: info.family } : {}), nearest: info.nearest, basis: info.basis }, w)];
      if (info.deprecated) out.push(checkFinding('DEPRECATED_WORKER_CLASS', 'warning', { value, server: 'gunicorn', version, message: info.deprecated }, w));
      return out;
    }
    case 'model':
      if (!info.deprecated) return [];
      if (value.startsWith('uvicorn.')) return [checkFinding('DEPRECATED_WORKER_CLASS', 'warning', { value, server: 'uvicorn', version: opts.uvicornVersion ?? 'newest', message: info.deprecated }, w)];
      return [checkFinding('DEPRECATED_WORKER_CLASS', 'warning', { value, server: 'gunicorn', version, message: info.deprecated }, w)];
  }
}
