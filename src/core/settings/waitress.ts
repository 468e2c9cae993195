// waitress's adjustments, under waitress's own names (waitress/adjustments.py; CLI --kebab-case).
import { WAITRESS_DEFAULTS } from '../coefficients.js';
import type { Input } from '../input.js';
import type { Capacity, Shape } from '../types.js';
import { backlog, keepAlive, splitBind, type Emit } from './common.js';

// select() handles at most FD_SETSIZE (1024) descriptors and a waitress channel uses "at least 1 fd,
// potentially up to three" (adjustments.py); past that poll() is needed ("helps overcome open file
// descriptors limit").
const SELECT_FD_LIMIT = 1024;
const FDS_PER_CHANNEL = 3;

export function waitressSettings(input: Input, shape: Shape, capacity: Capacity, emit: Emit): void {
  const bind = splitBind(input.bind);
  if ('uds' in bind) emit('unix_socket', bind.uds, { code: 'BIND_GIVEN', args: { bind: input.bind } });
  // An empty host is every IPv4 interface to gunicorn and uvicorn; waitress refuses it ("Invalid host/port specified.").
  else emit('listen', input.bind.startsWith(':') ? `0.0.0.0${input.bind}` : input.bind, { code: 'BIND_GIVEN', args: { bind: input.bind } });
  emit('threads', shape.threads);
  // Every client holds a channel while connected, in flight or idle in keep-alive.
  const clients = input.users ?? (input.rps !== undefined ? Math.ceil((input.rps * input.latencyMs) / 1000) : 0);
  const limit = Math.max(WAITRESS_DEFAULTS.connection_limit, shape.threads + clients);
  emit('connection_limit', limit, { code: 'CONNECTION_LIMIT', args: { value: limit, threads: shape.threads, clients, default: WAITRESS_DEFAULTS.connection_limit } });
  const ka = keepAlive(input);
  const channel = Math.max(WAITRESS_DEFAULTS.channel_timeout, ka.value);
  emit('channel_timeout', channel, {
    code: input.lbIdleTimeout ? 'CHANNEL_TIMEOUT_ABOVE_LB' : 'CHANNEL_TIMEOUT_DEFAULT',
    args: { value: channel, lbIdleTimeout: input.lbIdleTimeout ?? 0, default: WAITRESS_DEFAULTS.channel_timeout },
  });
  emit('cleanup_interval', WAITRESS_DEFAULTS.cleanup_interval, { code: 'CLEANUP_INTERVAL', args: { value: WAITRESS_DEFAULTS.cleanup_interval } });
  const bl = backlog(capacity, WAITRESS_DEFAULTS.backlog);
  emit('backlog', bl.value, bl.reason);
  emit('recv_bytes', WAITRESS_DEFAULTS.recv_bytes, { code: 'RECV_BYTES', args: { value: WAITRESS_DEFAULTS.recv_bytes } });
  const usePoll = limit * FDS_PER_CHANNEL > SELECT_FD_LIMIT;
  emit('asyncore_use_poll', usePoll, { code: 'USE_POLL', args: { value: usePoll, fds: limit * FDS_PER_CHANNEL, limit: SELECT_FD_LIMIT } });
}
