// uvicorn's settings, under uvicorn's own names (uvicorn/config.py; CLI --kebab-case, env UVICORN_*).
import { UVICORN_ASYNCIO_PENALTY, UVICORN_DEFAULTS } from '../coefficients.js';
import type { Input } from '../input.js';
import type { Capacity, Shape } from '../types.js';
import { backlog, keepAlive, splitBind, type Emit } from './common.js';

export function uvicornSettings(input: Input, shape: Shape, capacity: Capacity, emit: Emit): void {
  const bind = splitBind(input.bind);
  if ('uds' in bind) {
    emit('uds', bind.uds, { code: 'BIND_GIVEN', args: { bind: input.bind } });
  } else {
    emit('host', bind.host, { code: 'BIND_GIVEN', args: { bind: input.bind } });
    emit('port', bind.port, { code: 'BIND_GIVEN', args: { bind: input.bind } });
  }
  emit('workers', shape.workers);
  // Not set: uvicorn's `auto` takes uvloop when it is installed and asyncio otherwise, so the command
  // runs on both; naming uvloop would kill every worker where it is missing. With --workers, the
  // asyncio loop waits on every keep-alive response (TCP_NODELAY off, Kludex/uvicorn#3149): the
  // UVICORN_NEEDS_UVLOOP note says what uvicorn[standard] buys.
  emit('loop', null, { code: 'UVICORN_LOOP_AUTO', args: { workers: shape.workers, ...UVICORN_ASYNCIO_PENALTY } });
  if (shape.slotsPerWorker !== null) {
    // A limit of N admits N−1 other requests (docs/server-behavior.md) and counts idle keep-alive
    // connections too: one more than the requests each worker may run.
    const limit = shape.slotsPerWorker + 1;
    emit('limit_concurrency', limit, { code: 'LIMIT_CONCURRENCY_DB', args: { value: limit, perWorker: shape.slotsPerWorker, db: input.dbMaxConnections ?? 0 } });
  } else {
    emit('limit_concurrency', null, { code: 'LIMIT_CONCURRENCY_NONE', args: {} });
  }
  const bl = backlog(capacity, UVICORN_DEFAULTS.backlog);
  emit('backlog', bl.value, bl.reason);
  const ka = keepAlive(input);
  emit('timeout_keep_alive', ka.value, ka.reason);
  // Not emitted: limit_max_requests. Before uvicorn 0.30 a worker that reaches it exits and is never
  // replaced (the supervisor that restarts workers arrived in 0.30.0, encode/uvicorn#2183), and its
  // jitter needs 0.41; the renderers say so instead of emitting a flag that empties an older server.
  emit('limit_max_requests', null, { code: 'UVICORN_NO_MAX_REQUESTS', args: {} });
}
