// The words for every reason and finding code the core emits. The core says which rule applied and
// with what figures; this file says it in English. Unknown codes fall back to the code and its args.
import type { Args, Finding, Reason } from '../core/types.js';
import { CLASS_COEFFICIENTS, MAX_THREADS_PER_WORKER, WORKER_IMBALANCE } from '../core/coefficients.js';
import type { Conflict } from '../core/conflicts.js';
import { formatBytes, formatBytesApart } from '../core/units.js';

type Text = (a: Args) => string;
const mib = (v: unknown) => formatBytes(Number(v));
const ms = (v: unknown) => `${Number(v)} ms`;
/** `1 worker`, `3 workers`. */
export const plural = (n: unknown, one: string, many = `${one}s`) => `${n} ${Number(n) === 1 ? one : many}`;
/** `a gunicorn file`, `an env file`. */
export const article = (word: string) => `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
/** `gunicorn · gthread`, `uvicorn`, `waitress`: the server, and the worker class where it has several. */
export const serverLabel = (server: string, workerClass: string | undefined, sep = ' · ') => (server === 'gunicorn' ? `gunicorn${sep}${workerClass ?? '?'}` : server);
const pct = (f: unknown) => `${Math.round(Number(f) * 100)} %`;

const REASONS: Record<string, Text> = {
  TARGET_USERS: (a) => `${a.users} users with a request in flight at once need ${a.users} concurrency slots.`,
  TARGET_RPS: (a) =>
    `${a.rps} req/s × ${ms(a.latencyMs)} = ${a.inFlight} requests in flight (Little's law); ${a.target} slots keep the mean queueing wait under 10 % of a request (Erlang C).` +
    (a.users !== undefined ? ` The ${a.users} users count as the connections they hold, not as requests in flight.` : ''),
  TARGET_WORKLOAD: (a) =>
    `No --users/--rps given: ${a.workload} work is ~${Math.round(Number(a.cpuFraction) * 100)} % CPU, so ${a.cpus} core(s) × (1 + wait/compute) = ${a.target} slots (Goetz's pool sizing).`,
  WORKERS_SLOTS: (a) => `A sync worker runs one request at a time: workers = max(${a.minimum}, cores ${a.cores}, slots ${a.target}) = ${a.workers}.`,
  WORKERS_SLOTS_CAPPED: (a) =>
    `A sync worker runs one request at a time, but ${a.target} slots would take ${a.target} processes: capped at ${a.perCore} per core (gunicorn: "2-4 x $(NUM_CORES)"), ${a.workers} workers; gthread or gevent serve that concurrency.`,
  TARGET_CPU_BOUND: (a) =>
    `CPU-bound: ${a.cpus} core(s) are kept busy by ${a.target} requests at once; the other ${Number(a.stated) - Number(a.target)} of the ${a.stated} stated wait in the accept queue rather than contend for the cores.`,
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
  CLASS_UVICORN_WORKER: (a) =>
    a.legacy
      ? 'uvicorn.workers.UvicornWorker: the old path, deprecated since uvicorn 0.30 but what Debian’s uvicorn ships.'
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
  MAX_REQUESTS_JITTER: () => `10 % jitter so workers do not restart together (gunicorn's Docker guide: 1000 / 100).`,
  BACKLOG_FROM_RATE: (a) =>
    `The kernel's accept queue: about ${a.seconds} s of the ${a.rps} req/s this serves, between 64 and the server default ${a.serverDefault}; a longer queue only makes clients wait.`,
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

interface FindingText {
  text: Text;
  fix?: Text;
}

const FINDINGS: Record<string, FindingText> = {
  NOT_EVEN_ONE_WORKER: {
    text: (a) => {
      const [estimated, usable] = formatBytesApart(Number(a.estimated), Number(a.usable));
      return `Not even one worker fits: ${estimated} estimated for ${plural(a.workers, 'worker')} against ${usable} usable of the ${mib(a.budget)} budget.`;
    },
    fix: () => 'Give the service more memory, measure the real per-worker figure (tune calibrate, --worker-mem), or lower --headroom.',
  },
  DOES_NOT_FIT: {
    text: (a) => {
      const [estimated, usable] = formatBytesApart(Number(a.estimated), Number(a.usable));
      return `${estimated} estimated for ${plural(a.workers, 'worker')} is over the ${usable} usable (budget ${mib(a.budget)} less headroom); ${plural(a.maxWorkers, 'worker')} of this shape fit.`;
    },
    fix: (a) =>
      a.recommendedWorkers !== undefined
        ? `Lower workers to at most ${a.maxWorkers}; for this machine tune recommends ${plural(a.recommendedWorkers, 'worker')}${a.recommendedThreads !== undefined ? ` × ${plural(a.recommendedThreads, 'thread')}` : ''} (--suggest shows every setting). Or raise the memory limit, or measure the real per-worker figure.`
        : `Lower workers to at most ${a.maxWorkers}, raise the memory limit, or measure the real per-worker figure.`,
  },
  MEMORY_CAPPED: { text: (a) => `Memory holds ${plural(a.workers, 'worker')}, fewer than the ${a.wanted} the load wants.`, fix: () => 'More memory or a measured, smaller --worker-mem gives more.' },
  DB_CAPPED: { text: (a) => `Concurrency lowered from ${a.before} to ${a.after} slots to stay within ${a.db} database connections.` },
  DB_OVER_BUDGET: {
    text: (a) => `Up to ${a.total} database connections (${a.perProcess} per process) exceed the ${a.max} allowed.`,
    fix: () => 'Lower workers × threads (or worker_connections), or raise the database limit.',
  },
  DB_POOL_BY_APP: {
    text: (a) => `The server does not bound requests per worker; set the app's database pool to at most ${a.perProcess} per worker (${a.workers} workers, ${a.max} allowed).`,
  },
  DEFAULT_WORKER_MEM: {
    text: (a) => `Per-worker memory is the model's default ${mib(a.bytes)} (Heroku's 256 MB budget), not a measurement of your app.`,
    fix: () => 'Measure it: `tune calibrate --app module:app --class …` or PSS from /proc/<pid>/smaps_rollup, then pass --worker-mem or --profile.',
  },
  CAPACITY_SHORT: { text: capacityText, fix: capacityFix },
  CPU_ON_EVENT_LOOP: {
    text: (a) => `CPU-bound work on ${a.workerClass} blocks every other request of the worker: measured p99 of 1.2–1.7 s at a 5 ms handler.`,
    fix: () => 'Use sync or gthread for CPU-bound endpoints, or move the work to a process pool.',
  },
  SYNC_FOR_IO: { text: (a) => `IO-bound work on sync workers buys each concurrent request with a whole process (${a.workers} here).`, fix: () => 'gthread, gevent or an async worker serve IO with far less memory.' },
  WAITRESS_ONE_CORE: {
    text: (a) => `waitress is one process: the GIL keeps Python on one of the ${a.cpus} CPUs (measured 0.45–0.55× of multi-process servers on CPU work).`,
    fix: () => 'Run one waitress per core behind a balancer, or gunicorn gthread.',
  },
  WAITRESS_THREADS_CAPPED: { text: (a) => `${a.wanted} threads wanted, capped at ${a.max} in one process.`, fix: () => 'Run replicas or a multi-process server.' },
  THREADS_CAPPED: { text: (a) => `gthread reaches ${a.target} slots only with more than ${a.max} threads per worker, where the GIL costs more than threads add.`, fix: () => 'gevent or an async worker scale to that concurrency.' },
  FRACTIONAL_CPUS: { text: (a) => `${a.cpus} CPUs is a CFS quota: ${a.workers} worker(s) share it and are throttled when they burst past it.` },
  UNBOUNDED_CONCURRENCY: { text: (a) => `${a.workerClass} accepts every connection: no backpressure; overload shows up as latency, not as refusals.` },
  PRELOAD_FORK_SAFETY: { text: () => 'With preload, anything the app opens at import (database connections, threads, sockets) is shared by every forked worker: open those in post_fork or lazily.' },
  PER_WORKER_STATE: {
    text: (a) => `${a.workers} worker processes: in-process caches, lru_cache and memory-backed rate limits are per worker; state that must be shared (sessions, rate limits) belongs in Redis or the database.`,
  },
  WORKERS_ZERO: { text: (a) => `workers = ${a.workers}: gunicorn starts a master with no workers and requests hang.`, fix: () => 'Set workers to at least 1.' },
  SYNC_THREADS: { text: (a) => `worker_class sync with threads = ${a.threads}: gunicorn silently runs gthread instead.`, fix: () => 'Say worker_class = "gthread", or drop threads.' },
  GEVENT_PRELOAD: { text: () => 'gevent with preload_app: the app is imported before gevent patches the stdlib, so its imports stay unpatched.', fix: () => 'Set preload_app = False, or patch in the app module before other imports.' },
  SYNC_KEEPALIVE: { text: (a) => `keepalive = ${a.keepalive} on the sync worker does nothing: it closes every connection.`, fix: () => 'Drop keepalive, or use gthread behind a keep-alive balancer.' },
  GTHREAD_WC_LE_THREADS: {
    text: (a) => `worker_connections ${a.workerConnections} ≤ threads ${a.threads}: no keep-alive connection can be held ("No keepalived connections can be handled").`,
    fix: (a) => `Set worker_connections well above threads, e.g. ${Math.max(1000, Number(a.threads) * 2)}.`,
  },
  UVICORN_LIMIT_UNDER_GUNICORN: { text: () => 'limit_concurrency is not passed to UvicornWorker under gunicorn ("not yet supported when running with Gunicorn").', fix: () => 'Bound concurrency in the app, or run uvicorn --workers.' },
  KEEPALIVE_BELOW_LB: {
    text: (a) => `Keep-alive ${a.value} s ≤ the load balancer's ${a.lbIdleTimeout} s idle timeout: the balancer reuses connections the server is closing (502s).`,
    fix: (a) => `Set it above ${a.lbIdleTimeout} s, e.g. ${Number(a.lbIdleTimeout) + 5}.`,
  },
  GRACEFUL_ABOVE_PLATFORM: {
    text: (a) => `Graceful shutdown ${a.graceful} s ≥ the platform's ${a.shutdownGrace} s before SIGKILL: in-flight requests are killed anyway.`,
    fix: (a) => `Set it to about ${Math.floor((Number(a.shutdownGrace) * 2) / 3)} s.`,
  },
  TIMEOUT_BELOW_LATENCY: { text: (a) => `timeout ${a.timeout} s is not above the typical request time ${ms(a.latencyMs)}: sync workers are killed mid-request.`, fix: () => 'Raise timeout to 10× the request time.' },
  UVICORN_NODELAY: {
    text: (a) =>
      `uvicorn --workers ${a.workers} on the asyncio loop leaves TCP_NODELAY off: each keep-alive response waits ~${a.addedMs} ms, ${a.rateRatio}× the rate of uvloop (Kludex/uvicorn#3149; bench/results/uvicorn-loop.md).`,
    fix: () => "Install uvicorn[standard] (Debian: python3-uvloop python3-httptools) and drop --loop asyncio, or run gunicorn with UvicornWorker.",
  },
  UVICORN_NEEDS_UVLOOP: {
    text: (a) =>
      `uvicorn --workers ${a.workers} picks uvloop only where it is installed; on plain asyncio each keep-alive response waits ~${a.addedMs} ms, ${a.rateRatio}× the rate (Kludex/uvicorn#3149; bench/results/uvicorn-loop.md).`,
    fix: () => "pip install 'uvicorn[standard]' (Debian: python3-uvloop python3-httptools), or run gunicorn with UvicornWorker.",
  },
  UVICORN_LIMIT_ONE: { text: (a) => `limit_concurrency ${a.value} refuses every request (a limit of N admits N−1 others).`, fix: () => 'Raise it, or leave it unset.' },
  WAITRESS_SEND_BYTES: { text: () => 'send_bytes is deprecated since waitress 1.3 and ignored; it only logs a warning.', fix: () => 'Remove it.' },
  WAITRESS_THREADS_ZERO: { text: (a) => `threads = ${a.threads}: waitress listens but never answers.`, fix: () => 'Set threads to at least 1.' },
  CONNECTION_LIMIT_BELOW_THREADS: { text: (a) => `connection_limit ${a.connectionLimit} is below threads ${a.threads}: some threads can never get work.`, fix: (a) => `Raise connection_limit to at least ${a.threads}.` },
  CLEANUP_ABOVE_CHANNEL_TIMEOUT: { text: (a) => `cleanup_interval ${a.cleanup} s ≥ channel_timeout ${a.channel} s: idle channels outlive their timeout.`, fix: () => 'Keep cleanup_interval well under channel_timeout.' },
  UNKNOWN_WORKER_CLASS: {
    text: (a) => `worker_class "${a.value}" is not a worker gunicorn ships or one the model knows: gunicorn fails at start ("class uri invalid or not found").`,
    fix: () => 'Use sync, gthread, gevent, or uvicorn_worker.UvicornWorker.',
  },
  UNKNOWN_SETTING: {
    text: (a) => `"${a.name}" is not a ${a.server} setting: it is silently ignored${a.suggestion ? ` (did you mean ${a.suggestion}?)` : ''}.`,
    fix: (a) => (a.suggestion ? `Rename it to ${a.suggestion}.` : 'Remove it.'),
  },
  UNKNOWN_FLAG: {
    text: (a) => `${a.flag} is not a ${a.server} option: the server refuses to start${a.suggestion ? ` (did you mean ${a.suggestion}?)` : ''}.`,
    fix: (a) => (a.suggestion ? `Use ${a.suggestion}.` : 'Remove it.'),
  },
  ABBREVIATED_FLAG: { text: (a) => `${a.flag} is an abbreviation of ${a.full}: it works by prefix matching only until another option shares the prefix.`, fix: (a) => `Spell it ${a.full}.` },
  INVALID_VALUE: { text: (a) => `${a.setting} = ${a.value}: ${a.reason}.`, fix: () => 'Give it a value of the right type.' },
  UNEVALUATED: {
    text: (a) => `Could not evaluate ${a.name ? `${a.name} ` : ''}statically: ${a.reason}; the check assumes the server default or the last known value.`,
    // Only a judged setting is a warning, which --strict turns into an error; the others are notes.
    fix: (a) => `Use literals, os.environ.get() or arithmetic so the value can be checked${a.judged ? ', or pass --strict to fail on this' : ''}.`,
  },
  DEPENDS_ON_MACHINE: {
    text: (a) => `${a.name} ${a.reason}: ${a.values}, the same to the model; judged as the first.`,
  },
  PYTHON_SYNTAX: { text: (a) => `Python syntax error: ${a.message}. gunicorn cannot load this file.`, fix: () => 'Fix the syntax.' },
  CONFIG_NOT_FOUND: { text: (a) => `The command loads ${a.path}, which is not among the files checked.`, fix: (a) => `Pass it: tune check ${a.base} …` },
  FILE_ERROR: { text: (a) => `${a.message}.` },
  NO_BUDGET_SOURCE: { text: (a) => `No memory limit for ${a.target}: budget taken from --mem.` },
};

export function explainReason(r: Reason): string {
  const f = REASONS[r.code];
  return f ? f(r.args) : fallback(r.code, r.args);
}

export function describeFinding(f: Pick<Finding, 'code' | 'args'>): string {
  const t = FINDINGS[f.code];
  return t ? t.text(f.args) : fallback(f.code, f.args);
}

export function fixFor(f: Pick<Finding, 'code' | 'args'>): string | undefined {
  return FINDINGS[f.code]?.fix?.(f.args);
}

/** For tests: every code the messages know. */
export const KNOWN_CODES = { reasons: Object.keys(REASONS), findings: Object.keys(FINDINGS) };

function fallback(code: string, args: Args): string {
  const parts = Object.entries(args).map(([k, v]) => `${k}=${v}`);
  return parts.length ? `${code} (${parts.join(', ')})` : code;
}

/** The capacity shortfall, naming the resource that binds and where its figure comes from. */
function capacityText(a: Args): string {
  const load = a.rps !== undefined ? `${a.rps} req/s${a.users !== undefined ? ` (from ${plural(a.users, 'user')})` : ''}` : `${plural(a.users, 'user')} with a request in flight each want ~${a.offered} req/s (÷ ${ms(a.latencyMs)}), and`;
  const resource =
    a.limitedBy === 'slots'
      ? `${plural(a.slots, 'slot')} at ${ms(a.latencyMs)} a request serve ~${a.sustainable} req/s`
      : `${plural(a.cores, 'core')} at ${ms(a.cpuMs)} of CPU a request serve ~${a.sustainable} req/s (${cpuOrigin(a)})`;
  const latency = a.expectedLatencyMs !== undefined ? `requests take ~${ms(a.expectedLatencyMs)} instead of ${ms(a.latencyMs)}` : 'the queue grows without bound';
  const verdict = a.rps !== undefined ? `${load} is ${pct(a.utilization)} of what ${resource} — over the ${pct(a.target)} to keep queueing low; ${latency}.` : `${load} ${resource}: ${latency}.`;
  return `${verdict}${Number(a.replicas) > 1 ? ` ${a.replicas} machines of this shape serve it.` : ''}`;
}

function cpuOrigin(a: Args): string {
  return a.cpuSource === 'profile' ? 'measured by tune calibrate' : `assumed: ${pct(a.cpuShare)} of the request for ${a.workload} work, not a measurement`;
}

function capacityFix(a: Args): string {
  if (a.limitedBy === 'slots') return 'More slots (threads, workers or worker_connections, as memory and the database allow), or replicas.';
  return a.cpuSource === 'profile' ? 'More CPUs or replicas; the cores, not the slots, bind.' : 'Measure the CPU time per request (tune calibrate --profile), then more CPUs or replicas if it holds.';
}

/** Inputs that contradict each other (src/core/conflicts.ts), naming where each came from. */
export function describeConflict(c: Conflict, where: (field: string) => string): string {
  const a = c.args;
  switch (c.code) {
    case 'PRELOAD_NOT_APPLICABLE':
      return `${a.preload ? where('preload') : where('preload').replace('--preload', '--no-preload')} does not apply to ${a.workerClass}: ${a.workerClass === 'waitress' ? 'waitress is one process, with no workers to fork' : 'uvicorn --workers spawns its workers, it does not fork them from a loaded master'}`;
    case 'LEGACY_WORKER_NOT_APPLICABLE':
      return `${where('legacyUvicornWorker')} applies only to --class uvicorn-worker, not ${a.workerClass}`;
    case 'PROFILE_OTHER_CLASS':
      return `${where('profile')} was measured under ${a.measured}, not ${a.workerClass}: its master, thread and connection figures are another class's (measure ${a.workerClass} with tune calibrate --class ${a.workerClass}, or pass --class ${a.measured})`;
    case 'WORKER_MEM_OVER_PROFILE':
      return `${where('workerMem')} replaces the measured per-worker memory of ${where('profile')}, and with it the profile's exact private-memory figures`;
  }
}

