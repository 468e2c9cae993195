// gunicorn's settings, under gunicorn's own names (gunicorn/config.py).
import { ASGI_WORKER_SINCE, gunicornWorkerClass } from '../classes.js';
import { GUNICORN_DEFAULTS, MAX_REQUESTS_JITTER_FRACTION, TIMEOUT_LATENCY_FACTOR } from '../coefficients.js';
import type { Input } from '../input.js';
import type { Capacity, Shape } from '../types.js';
import { backlog, gracefulTimeout, keepAlive, recycling, type Emit } from './common.js';

export function gunicornSettings(input: Input, shape: Shape, capacity: Capacity, emit: Emit): void {
  const cls = shape.workerClass;
  emit('bind', input.bind, { code: 'BIND_GIVEN', args: { bind: input.bind } });
  emit('workers', shape.workers);
  const version = (v: string | undefined, key: string) => (v === undefined ? {} : { [key]: v });
  emit(
    'worker_class',
    gunicornWorkerClass(cls, input.legacyUvicornWorker),
    cls === 'uvicorn-worker'
      ? { code: 'CLASS_UVICORN_WORKER', args: { workerClass: cls, legacy: input.legacyUvicornWorker, ...version(input.uvicornVersion, 'uvicornVersion') } }
      : cls === 'asgi'
        ? { code: 'CLASS_ASGI', args: { since: ASGI_WORKER_SINCE, ...version(input.gunicornVersion, 'gunicornVersion') } }
        : { code: 'CLASS_GIVEN', args: { workerClass: cls, legacy: input.legacyUvicornWorker } },
  );
  if (cls === 'gthread') {
    emit('threads', shape.threads, {
      code: 'THREADS_FOR_TARGET',
      args: { threads: shape.threads, workers: shape.workers, slots: shape.threads * shape.workers },
    });
    // gthread keeps idle keep-alive connections in the same pool: capacity is worker_connections − threads
    // (gunicorn#979; workers/gthread.py max_keepalived), so it must stay well above threads.
    const wc = Math.max(GUNICORN_DEFAULTS.worker_connections, shape.threads * 2);
    emit('worker_connections', wc, { code: 'WC_GTHREAD_KEEPALIVE', args: { value: wc, threads: shape.threads, keepaliveSlots: wc - shape.threads } });
  } else if (cls === 'gevent') {
    emit('worker_connections', shape.slotsPerWorker, {
      code: 'WC_GEVENT',
      args: { value: shape.slotsPerWorker ?? 0, default: GUNICORN_DEFAULTS.worker_connections, workers: shape.workers },
    });
  }

  if (cls === 'sync') {
    const value = Math.max(GUNICORN_DEFAULTS.timeout, Math.ceil((input.latencyMs / 1000) * TIMEOUT_LATENCY_FACTOR));
    emit('timeout', value, { code: 'TIMEOUT_SYNC', args: { value, latencyMs: input.latencyMs, factor: TIMEOUT_LATENCY_FACTOR } });
  } else {
    emit('timeout', GUNICORN_DEFAULTS.timeout, { code: 'TIMEOUT_HEARTBEAT', args: { value: GUNICORN_DEFAULTS.timeout } });
  }
  const graceful = gracefulTimeout(input, GUNICORN_DEFAULTS.graceful_timeout);
  emit('graceful_timeout', graceful.value, graceful.reason);
  if (cls !== 'sync') {
    const ka = keepAlive(input);
    emit('keepalive', ka.value, ka.reason);
  }
  const recycle = recycling(capacity, shape.workers);
  emit('max_requests', recycle.maxRequests, recycle.reason);
  emit('max_requests_jitter', recycle.jitter, { code: 'MAX_REQUESTS_JITTER', args: { jitter: recycle.jitter, fraction: MAX_REQUESTS_JITTER_FRACTION } });
  const bl = backlog(capacity, GUNICORN_DEFAULTS.backlog);
  emit('backlog', bl.value, bl.reason);
  emit('preload_app', shape.preload, {
    code: shape.preload ? 'PRELOAD_ON' : cls === 'gevent' ? 'PRELOAD_OFF_GEVENT' : 'PRELOAD_OFF',
    args: { given: input.preload !== undefined },
  });
}
