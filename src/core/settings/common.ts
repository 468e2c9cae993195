// Settings every server has in some form: keep-alive, backlog, recycling, graceful shutdown.
import {
  BACKLOG_MIN,
  BACKLOG_SECONDS,
  DIRECT_KEEPALIVE_S,
  GRACEFUL_SHARE,
  KEEPALIVE_MARGIN_S,
  MAX_REQUESTS_FLOOR,
  MAX_REQUESTS_JITTER_FRACTION,
  RECYCLE_INTERVAL_S,
} from '../coefficients.js';
import type { Input } from '../input.js';
import type { Capacity, Reason } from '../types.js';

export type Emit = (key: string, value: number | string | boolean | null, ...reasons: Reason[]) => void;

export function keepAlive(input: Input): { value: number; reason: Reason } {
  const lb = input.lbIdleTimeout;
  if (lb !== undefined && lb > 0) {
    const value = Math.ceil(lb) + KEEPALIVE_MARGIN_S;
    return { value, reason: { code: 'KEEPALIVE_ABOVE_LB', args: { lbIdleTimeout: lb, value } } };
  }
  return { value: DIRECT_KEEPALIVE_S, reason: { code: 'KEEPALIVE_DIRECT', args: { value: DIRECT_KEEPALIVE_S } } };
}

export function backlog(capacity: Capacity, serverDefault: number): { value: number; reason: Reason } {
  const oneSecond = Math.ceil((capacity.sustainableRps * BACKLOG_SECONDS) / BACKLOG_MIN) * BACKLOG_MIN;
  const value = Math.min(serverDefault, Math.max(BACKLOG_MIN, oneSecond));
  return { value, reason: { code: 'BACKLOG_FROM_RATE', args: { rps: capacity.sustainableRps, value, serverDefault, seconds: BACKLOG_SECONDS, min: BACKLOG_MIN } } };
}

/** max_requests and its jitter for a per-worker request rate. */
export function recycling(capacity: Capacity, workers: number): { maxRequests: number; jitter: number; reason: Reason } {
  const rate = Math.min(capacity.sustainableRps, capacity.rps ?? Infinity) / workers;
  const byInterval = Math.ceil((rate * RECYCLE_INTERVAL_S) / 1000) * 1000;
  const maxRequests = Math.max(MAX_REQUESTS_FLOOR, byInterval);
  const jitter = Math.round(maxRequests * MAX_REQUESTS_JITTER_FRACTION);
  return {
    maxRequests,
    jitter,
    reason: { code: 'MAX_REQUESTS', args: { perWorkerRps: Math.round(rate * 10) / 10, maxRequests, jitter, intervalS: RECYCLE_INTERVAL_S, floor: MAX_REQUESTS_FLOOR } },
  };
}

export function gracefulTimeout(input: Input, serverDefault: number): { value: number; reason: Reason } {
  if (input.shutdownGrace !== undefined) {
    const value = Math.max(1, Math.floor(input.shutdownGrace * GRACEFUL_SHARE));
    return { value, reason: { code: 'GRACEFUL_FROM_PLATFORM', args: { shutdownGrace: input.shutdownGrace, value } } };
  }
  return { value: serverDefault, reason: { code: 'GRACEFUL_DEFAULT', args: { value: serverDefault } } };
}

/** Splits a validated bind into host and port (`$PORT` when the platform hands it in), or a unix socket path. */
export function splitBind(bind: string): { host: string; port: number | '$PORT' } | { uds: string } {
  if (bind.startsWith('unix:')) return { uds: bind.slice(5) };
  const i = bind.lastIndexOf(':');
  const host = bind.slice(0, i).replace(/^\[(.*)\]$/, '$1');
  const port = bind.slice(i + 1);
  return { host: host === '' ? '0.0.0.0' : host, port: port === '$PORT' ? port : Number(port) };
}

/** Whether the port is the platform's $PORT, read when the server starts. */
export const portFromEnv = (bind: string): boolean => bind.endsWith(':$PORT');
