// Known traps in a server configuration, whoever wrote it. `recommend` runs them over its own output
// (where only what the user forced can trip them) and `check` over a project's files.
import type { Server, WorkerClass } from './classes.js';
import { GUNICORN_DEFAULTS, UVICORN_ASYNCIO_PENALTY, UVICORN_DEFAULTS, WAITRESS_DEFAULTS } from './coefficients.js';
import { finding, type FindingArgs, type FindingCode, type Severity } from './findings.js';
import type { Finding, SettingValue } from './types.js';

type Push = <C extends FindingCode>(code: C, severity: Severity, setting: string, args: FindingArgs[C]) => void;

export interface ConfigView {
  server: Server;
  workerClass: WorkerClass | 'unknown';
  settings: Record<string, SettingValue | undefined>;
}

export interface TrapContext {
  lbIdleTimeout?: number;
  shutdownGrace?: number;
  latencyMs?: number;
}

const num = (v: SettingValue | undefined): number | undefined => (typeof v === 'number' ? v : undefined);

export function configTraps(view: ConfigView, ctx: TrapContext): Finding[] {
  const out: Finding[] = [];
  const s = view.settings;
  const push: Push = (code, severity, setting, args) => out.push(finding(code, severity, args, setting));

  if (view.server === 'gunicorn') {
    const workers = num(s.workers);
    // gunicorn accepts 0 and starts a master with no workers: requests hang (measurements.md §2).
    if (workers !== undefined && workers < 1) push('WORKERS_ZERO', 'error', 'workers', { workers });
    const threads = num(s.threads);
    // config.py worker_class: `if is_sync and self.threads > 1: uri = "gunicorn.workers.gthread.ThreadWorker"`.
    if (view.workerClass === 'sync' && threads !== undefined && threads > 1) push('SYNC_THREADS', 'warning', 'threads', { threads });
    if (view.workerClass === 'gevent' && s.preload_app === true) push('GEVENT_PRELOAD', 'warning', 'preload_app', {});
    // The sync worker closes every connection after its response; keepalive does nothing there.
    if (view.workerClass === 'sync' && s.keepalive !== undefined && (num(s.keepalive) ?? 0) > 0 && !(threads !== undefined && threads > 1))
      push('SYNC_KEEPALIVE', 'warning', 'keepalive', { keepalive: num(s.keepalive) ?? 0 });
    const wc = num(s.worker_connections);
    if (view.workerClass === 'gthread' && wc !== undefined && wc <= (threads ?? 1))
      push('GTHREAD_WC_LE_THREADS', 'warning', 'worker_connections', { workerConnections: wc, threads: threads ?? 1 });
    if (s.limit_concurrency !== undefined && s.limit_concurrency !== null)
      push('UVICORN_LIMIT_UNDER_GUNICORN', 'warning', 'limit_concurrency', { value: String(s.limit_concurrency) });
    keepaliveVsLb(push, 'keepalive', view.workerClass === 'sync' ? undefined : num(s.keepalive) ?? GUNICORN_DEFAULTS.keepalive, ctx);
    const graceful = num(s.graceful_timeout);
    if (ctx.shutdownGrace !== undefined && graceful !== undefined && graceful >= ctx.shutdownGrace)
      push('GRACEFUL_ABOVE_PLATFORM', 'warning', 'graceful_timeout', { graceful, shutdownGrace: ctx.shutdownGrace });
    const timeout = num(s.timeout);
    if (view.workerClass === 'sync' && timeout !== undefined && timeout > 0 && ctx.latencyMs !== undefined && timeout * 1000 <= ctx.latencyMs)
      push('TIMEOUT_BELOW_LATENCY', 'warning', 'timeout', { timeout, latencyMs: ctx.latencyMs });
    if ((workers ?? 1) > 1) push('PER_WORKER_STATE', 'info', 'workers', { workers: workers ?? 1 });
  } else if (view.server === 'uvicorn') {
    const workers = num(s.workers) ?? 1;
    if (workers < 1) push('WORKERS_ZERO', 'error', 'workers', { workers });
    // uvicorn --workers binds its own listener without TCP_NODELAY: every keep-alive response waits on
    // the asyncio loop (Kludex/uvicorn#3149; bench/results/uvicorn-loop.md); uvloop sets it itself. Named
    // asyncio, that is certain; left to `auto`, it depends on whether uvloop is installed.
    if (workers > 1 && s.loop === 'asyncio') push('UVICORN_NODELAY', 'warning', 'loop', { workers, ...UVICORN_ASYNCIO_PENALTY });
    else if (workers > 1 && s.loop !== 'uvloop') push('UVICORN_NEEDS_UVLOOP', 'info', 'loop', { workers, ...UVICORN_ASYNCIO_PENALTY });
    const limit = num(s.limit_concurrency);
    if (limit !== undefined && limit <= 1) push('UVICORN_LIMIT_ONE', 'error', 'limit_concurrency', { value: limit });
    keepaliveVsLb(push, 'timeout_keep_alive', num(s.timeout_keep_alive) ?? UVICORN_DEFAULTS.timeout_keep_alive, ctx);
    const graceful = num(s.timeout_graceful_shutdown);
    if (ctx.shutdownGrace !== undefined && graceful !== undefined && graceful >= ctx.shutdownGrace)
      push('GRACEFUL_ABOVE_PLATFORM', 'warning', 'timeout_graceful_shutdown', { graceful, shutdownGrace: ctx.shutdownGrace });
    if (workers > 1) push('PER_WORKER_STATE', 'info', 'workers', { workers });
  } else {
    // waitress: deprecated since 1.3.0 and ignored; setting it logs a warning (adjustments.py).
    if (s.send_bytes !== undefined) push('WAITRESS_SEND_BYTES', 'warning', 'send_bytes', { value: String(s.send_bytes) });
    const threads = num(s.threads);
    // waitress accepts threads=0 and then never answers (measurements.md §2).
    if (threads !== undefined && threads < 1) push('WAITRESS_THREADS_ZERO', 'error', 'threads', { threads });
    const limit = num(s.connection_limit);
    if (limit !== undefined && threads !== undefined && limit < threads)
      push('CONNECTION_LIMIT_BELOW_THREADS', 'warning', 'connection_limit', { connectionLimit: limit, threads });
    const channel = num(s.channel_timeout);
    const cleanup = num(s.cleanup_interval);
    if (channel !== undefined && cleanup !== undefined && cleanup >= channel)
      push('CLEANUP_ABOVE_CHANNEL_TIMEOUT', 'warning', 'cleanup_interval', { cleanup, channel });
    keepaliveVsLb(push, 'channel_timeout', channel ?? WAITRESS_DEFAULTS.channel_timeout, ctx);
  }
  return out;
}

function keepaliveVsLb(
  push: Push,
  setting: string,
  value: number | undefined,
  ctx: TrapContext,
): void {
  if (value === undefined || ctx.lbIdleTimeout === undefined || ctx.lbIdleTimeout <= 0) return;
  // The balancer must close idle connections first, or it reuses one the server is closing: 502s (AWS ALB docs).
  if (value <= ctx.lbIdleTimeout) push('KEEPALIVE_BELOW_LB', 'warning', setting, { value, lbIdleTimeout: ctx.lbIdleTimeout });
}
