// The words for every reason the core gives (src/core/findings.ts, ReasonArgs): why each setting has
// its value. Typed per code: a code without words or words reading a missing figure does not build.
import { CLASS_COEFFICIENTS, MAX_THREADS_PER_WORKER, WORKER_IMBALANCE } from '../core/coefficients.js';
import type { ReasonArgs, ReasonCode } from '../core/findings.js';
import { formatBytes } from '../core/units.js';
import { ms, pct, plural } from './words.js';

export const REASONS: { [C in ReasonCode]: (a: ReasonArgs[C]) => string } = {
  TARGET_USERS: (a) => `${a.users} users with a request in flight at once need ${a.users} concurrency slots.`,
  TARGET_RPS: (a) =>
    `${a.rps} req/s × ${ms(a.latencyMs)} = ${a.inFlight} requests in flight (Little's law); ${a.target} slots keep the mean queueing wait under 10 % of a request (Erlang C).` +
    (a.users !== undefined ? ` The ${a.users} users count as the connections they hold, not as requests in flight.` : ''),
  TARGET_WORKLOAD: (a) =>
    `No --users/--rps given: ${a.workload} work is ~${Math.round(Number(a.cpuFraction) * 100)} % CPU, so ${plural(a.cpus, 'core')} × (1 + wait/compute) = ${a.target} slots (Goetz's pool sizing).`,
  WORKERS_SLOTS: (a) => `A sync worker runs one request at a time: workers = max(${a.minimum}, cores ${a.cores}, slots ${a.target}) = ${a.workers}.`,
  WORKERS_SLOTS_CAPPED: (a) =>
    `A sync worker runs one request at a time, but ${a.target} slots would take ${a.target} processes: capped at ${a.perCore} per core (gunicorn: "2-4 x $(NUM_CORES)"), ${a.workers} workers; gthread or gevent serve that concurrency.`,
  TARGET_CPU_BOUND: (a) =>
    `CPU-bound: ${plural(a.cpus, 'core')} ${a.cpus === 1 ? 'is' : 'are'} kept busy by ${a.target} requests at once; the other ${Number(a.stated) - Number(a.target)} of the ${a.stated} stated wait in the accept queue rather than contend for the cores.`,
  WORKERS_PER_CORE: (a) =>
    `One process per core (${a.cores}) so the GIL does not hold Python to one core; threads or the event loop add the slots. Never fewer than ${a.minimum}, so one recycling worker never leaves none.`,
  WORKERS_FOR_THREADS: (a) =>
    `${a.target} slots, with each worker's ${WORKER_IMBALANCE}× keep-alive skew, at most ${MAX_THREADS_PER_WORKER} threads per worker: ${plural(a.workers, 'worker')}.`,
  WORKERS_MEMORY_CAPPED: (a) =>
    Number(a.workers) < 1 ? `Memory holds not even one worker of the ${a.wanted} wanted.` : `Memory holds ${a.workers} of the ${plural(a.wanted, 'worker')} wanted.`,
  WORKERS_DB_CAPPED: (a) => `The database allows ${plural(a.db, 'connection')}: ${plural(a.workers, 'worker')}.`,
  DB_CAPPED: (a) => `Lowered from ${a.before} to ${a.after} slots in total so that requests never need more than the ${a.db} database connections allowed.`,
  THREADS_FOR_TARGET: (a) =>
    `${plural(a.threads, 'thread')} × ${plural(a.workers, 'worker')} = ${plural(a.slots, 'request')} at once: each worker's share of the load with ${pct(WORKER_IMBALANCE - 1)} over for the uneven spread of keep-alive connections (bench/results/quality.md).`,
  WAITRESS_THREADS: (a) => `waitress runs every request on one pool of threads in one process: ${a.threads} threads for ${a.target} slots (never below its default ${a.floor}).`,
  WC_GTHREAD_KEEPALIVE: (a) =>
    `gthread holds idle keep-alive connections in the same pool: ${a.value} − ${a.threads} threads leaves ${a.keepaliveSlots} for keep-alive (gunicorn#979).`,
  WC_GEVENT: (a) =>
    `Greenlets per worker, ${formatBytes(CLASS_COEFFICIENTS.gevent.perConnectionBytes)} each while a connection is open (bench/results/memory.md); gunicorn's default ${a.default} unless the load needs more.`,
  CLASS_GIVEN: (a) => `The worker class asked for (${a.workerClass}).`,
  CLASS_ASGI: (a) =>
    `gunicorn's own ASGI worker (an asyncio loop per worker, gunicorn/workers/gasgi.py), from gunicorn ${a.since}${a.gunicornVersion ? `: ${a.gunicornVersion} has it` : ''}; it does not bound connections (worker_connections is not enforced).`,
  CLASS_UVICORN_WORKER: (a) =>
    a.legacy
      ? `uvicorn.workers.UvicornWorker: the old path, deprecated since uvicorn 0.30 but what ${a.uvicornVersion ? `uvicorn ${a.uvicornVersion}` : 'Debian’s uvicorn'} ships.`
      : 'uvicorn_worker.UvicornWorker from the maintained uvicorn-worker package (uvicorn.workers is deprecated since 0.30); --legacy-uvicorn-worker emits the old path.',
  TIMEOUT_SYNC: (a) => `A sync worker silent for this long is killed: ${a.value} s, at least gunicorn's 30 s default and ${a.factor}× the ${ms(a.latencyMs)} request time.`,
  TIMEOUT_HEARTBEAT: (a) => `For this class timeout is only a liveness heartbeat, not a request limit: gunicorn's default ${a.value} s.`,
  GRACEFUL_DEFAULT: (a) => `Seconds for in-flight requests at shutdown: the server default ${a.value} s (no platform grace period given).`,
  GRACEFUL_FROM_PLATFORM: (a) =>
    `Two thirds of the platform's ${a.shutdownGrace} s between SIGTERM and SIGKILL, as Heroku's reference config does (20 of 30), so workers finish before the kill.`,
  KEEPALIVE_DIRECT: (a) => `Clients connect directly: ${a.value} s ("1-5 seconds" per gunicorn; uvicorn's default).`,
  KEEPALIVE_ABOVE_LB: (a) =>
    `Above the load balancer's ${a.lbIdleTimeout} s idle timeout, or it reuses connections the server is closing and answers 502: ${a.value} s.`,
  MAX_REQUESTS: (a) =>
    `Recycle workers against slow leaks: at ~${a.perWorkerRps} req/s per worker, at most one restart per ${Number(a.intervalS) / 60} minutes, never below ${a.floor} (gunicorn's Docker guide).`,
  MAX_REQUESTS_JITTER: (a) => `${pct(a.fraction)} jitter so workers do not restart together (gunicorn's Docker guide: 1000 / 100).`,
  BACKLOG_FROM_RATE: (a) =>
    `The kernel's accept queue: about ${a.seconds} s of the ${a.rps} req/s this serves, between ${a.min} and the server default ${a.serverDefault}; a longer queue only makes clients wait.`,
  PRELOAD_ON: () =>
    'Import the app once in the master and fork: workers share its pages (−31 % total PSS in frappe#21474). The gunicorn.conf.py adds gc.freeze() in when_ready so the first collections do not un-share them.',
  PRELOAD_OFF: (a) => (a.given ? 'Preload turned off as asked.' : 'Preload does not apply.'),
  PRELOAD_OFF_GEVENT: () => 'gevent patches the stdlib inside each worker after the master imported the app; preloaded imports would stay unpatched (gunicorn#2177, #2693).',
  BIND_GIVEN: (a) => `Listen on ${a.bind}.`,
  LIMIT_CONCURRENCY_DB: (a) => `${a.perWorker} requests per worker fit the database budget of ${a.db}; a limit of N admits N−1 others, hence ${a.value}. Above it uvicorn answers 503 at once.`,
  LIMIT_CONCURRENCY_NONE: () => 'Left unset: with no database budget nothing says where to refuse, and a limit also counts idle keep-alive connections.',
  UVICORN_LOOP_AUTO: (a) =>
    `Left to uvicorn's auto: uvloop where it is installed, asyncio where not, so the command runs on both. ` +
    (Number(a.workers) > 1 ? `With ${a.workers} workers install uvicorn[standard]: on asyncio each keep-alive response waits ~${a.addedMs} ms (${a.rateRatio}× the rate, bench/results/uvicorn-loop.md).` : ''),
  UVICORN_NO_MAX_REQUESTS: () =>
    'limit_max_requests is not set: before uvicorn 0.30 a worker that reaches it exits and is never replaced. On ≥ 0.30 add --limit-max-requests 10000 (and --limit-max-requests-jitter on ≥ 0.41).',
  CONNECTION_LIMIT: (a) => `Channels held open at once: ${a.threads} threads plus ${a.clients} clients, at least waitress's default ${a.default}.`,
  CHANNEL_TIMEOUT_DEFAULT: (a) => `Idle channels close after ${a.value} s (waitress's default, adjustments.py).`,
  CHANNEL_TIMEOUT_ABOVE_LB: (a) => `Above the load balancer's ${a.lbIdleTimeout} s idle timeout: ${a.value} s.`,
  CLEANUP_INTERVAL: (a) => `waitress's default ${a.value} s between sweeps for idle channels; it must stay under channel_timeout.`,
  RECV_BYTES: (a) =>
    `waitress's default ${a.value} bytes per socket read (adjustments.py). send_bytes is not emitted: deprecated since waitress 1.3 and ignored, it only logs a warning.`,
  USE_POLL: (a) => (a.value ? `poll() instead of select(): ${a.fds} descriptors exceed select()'s ${a.limit}.` : `select() suffices: at most ${a.fds} descriptors.`),
  FOLKLORE_2N_PLUS_1: (a) =>
    `(2 × cores) + 1 = ${a.value} assumes one worker per request half-waiting on a socket; the model sizes from the workload instead (chose ${a.chosen}); for CPU-bound work measured n and 2n+1 tie while 2n+1 costs more memory.`,
  FOLKLORE_WAITRESS_THREADS: (a) => `The common max(4, 2 × cores) = ${a.value} ignores that waitress is one process: chose ${a.chosen} from the load instead.`,
};
