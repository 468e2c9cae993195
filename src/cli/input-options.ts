// The model's inputs as the CLI spells them: one table drives the flags, the TUNE_* environment, the
// --env-file keys, help text and error messages, so no name is written twice.
import type { RawInput } from '../core/input.js';

export type Field = Exclude<keyof RawInput, 'cpusSource' | 'memSource' | 'profile'>;

export interface InputOption {
  field: Field;
  flag: string;
  arg?: string;
  env: string;
  help: string;
  /** A boolean flag with a --no- form. */
  negatable?: boolean;
}

export const INPUT_OPTIONS: InputOption[] = [
  { field: 'cpus', flag: '--cpus', arg: '<n|auto>', env: 'TUNE_CPUS', help: 'CPUs: 4, 1.5, 500m, or auto (cgroup quota, else the host) [default: auto]' },
  { field: 'mem', flag: '--mem', arg: '<size|auto>', env: 'TUNE_MEM', help: 'memory budget: 512m, 2g, 1.5GiB, 2048Mi, bytes, or auto (cgroup limit, else RAM) [default: auto]' },
  { field: 'workerClass', flag: '--class', arg: '<class>', env: 'TUNE_CLASS', help: 'sync | gthread | gevent | uvicorn | uvicorn-worker | asgi (gunicorn ≥ 24) | waitress [default: gthread]' },
  { field: 'workload', flag: '--workload', arg: '<type>', env: 'TUNE_WORKLOAD', help: 'cpu | io | mixed [default: mixed]' },
  { field: 'latencyMs', flag: '--latency', arg: '<ms>', env: 'TUNE_LATENCY', help: 'typical request time in ms [default: cpu 50, io 200, mixed 100]' },
  { field: 'users', flag: '--users', arg: '<n>', env: 'TUNE_USERS', help: 'requests in flight at once at peak' },
  { field: 'rps', flag: '--rps', arg: '<n>', env: 'TUNE_RPS', help: 'requests per second at peak' },
  { field: 'workerMem', flag: '--worker-mem', arg: '<size>', env: 'TUNE_WORKER_MEM', help: 'measured memory (PSS) per worker, replacing the 256 MiB default' },
  { field: 'headroom', flag: '--headroom', arg: '<fraction>', env: 'TUNE_HEADROOM', help: 'share of the budget kept free [default: 0.1]' },
  { field: 'dbMaxConnections', flag: '--db-max-connections', arg: '<n>', env: 'TUNE_DB_MAX_CONNECTIONS', help: 'database connections this service may hold' },
  { field: 'lbIdleTimeout', flag: '--lb-idle-timeout', arg: '<s>', env: 'TUNE_LB_IDLE_TIMEOUT', help: "idle timeout of the load balancer in front (AWS ALB: 60)" },
  { field: 'shutdownGrace', flag: '--shutdown-grace', arg: '<s>', env: 'TUNE_SHUTDOWN_GRACE', help: "platform's seconds from SIGTERM to SIGKILL (Kubernetes 30, Cloud Run 10)" },
  { field: 'app', flag: '--app', arg: '<module:attr>', env: 'TUNE_APP', help: 'the WSGI/ASGI app [default: app:app]' },
  { field: 'bind', flag: '--bind', arg: '<addr>', env: 'TUNE_BIND', help: 'host:port or unix:/path [default: 0.0.0.0:8000]' },
  { field: 'preload', flag: '--preload', env: 'TUNE_PRELOAD', help: 'force preload_app on (--no-preload: off) [default: on except gevent]', negatable: true },
  { field: 'gunicornVersion', flag: '--gunicorn-version', arg: '<version>', env: 'TUNE_GUNICORN_VERSION', help: 'the gunicorn that will run [default: pinned in ./requirements*.txt, pyproject.toml or a lock file]' },
  { field: 'uvicornVersion', flag: '--uvicorn-version', arg: '<version>', env: 'TUNE_UVICORN_VERSION', help: 'the uvicorn that will run (below 0.30: uvicorn.workers.UvicornWorker) [default: pinned, as above]' },
  { field: 'legacyUvicornWorker', flag: '--legacy-uvicorn-worker', env: 'TUNE_LEGACY_UVICORN_WORKER', help: 'emit uvicorn.workers.UvicornWorker (what Debian ships) instead of uvicorn_worker.UvicornWorker' },
];

/** commander's camelCase attribute for a flag: --db-max-connections → dbMaxConnections. */
export function attrOf(flag: string): string {
  return flag.replace(/^--/, '').replace(/-([a-z])/g, (_, ch: string) => ch.toUpperCase());
}
