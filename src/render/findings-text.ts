// The words for every finding of the model (src/core/findings.ts) and of `tune check`
// (src/check/findings.ts), with the fix that follows from each. Typed per code.
import type { CheckFindingArgs, CheckFindingCode } from '../check/findings.js';
import type { FindingArgs, FindingCode } from '../core/findings.js';
import { formatBytesApart } from '../core/units.js';
import { mib, ms, pct, plural } from './words.js';

type AnyFindingCode = FindingCode | CheckFindingCode;
type AnyFindingArgs = FindingArgs & CheckFindingArgs;

type Words<A> = { text: (a: A) => string; fix?: (a: A) => string };

/** Words for every finding of the model and of the check. */
export const FINDINGS: { [C in AnyFindingCode]: Words<AnyFindingArgs[C]> } = {
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
    text: (a) =>
      `Per-worker memory is the model's default ${mib(a.bytes)} (Heroku's 256 MB budget), not a measurement of your app: real apps' workers measured ${mib(a.realMin)}–${mib(a.realMax)} (bench/results/real-apps.md), so it likely over-counts ${(a.bytes / a.realMax).toFixed(1)}–${(a.bytes / a.realMin).toFixed(1)}×.`,
    fix: () => 'Measure yours with one command: `tune calibrate --app module:app --class … --save profile.json`, then pass --profile profile.json (or --worker-mem with PSS from /proc/<pid>/smaps_rollup).',
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
  FRACTIONAL_CPUS: { text: (a) => `${a.cpus} CPUs is a CFS quota: ${plural(a.workers, 'worker')} share it and are throttled when they burst past it.` },
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
  GEVENT_TOO_OLD_FOR_GUNICORN: {
    text: (a) => `gunicorn ${a.gunicornVersion}'s gevent worker refuses to load under gevent older than ${a.gevent} (a RuntimeError at start, gunicorn ≥ ${a.since}; bench/results/current-servers.md): Debian 12's python3-gevent is 22.10.`,
    fix: (a) => `pip install 'gevent>=${a.gevent}' (gunicorn[gevent] pulls it in).`,
  },
  THREAD_CPU_GROWTH: {
    text: (a) =>
      `${a.threads} threads in one process: the CPU time of a request changes as they take turns on the GIL (${a.low}–${a.high}× the figure of one thread, mostly more, in the real-app runs: bench/results/real-apps.md), so the sustainable rate above may be lower.`,
    fix: (a) => `Measure it: tune calibrate with the same --users measures the threads it recommends (or --threads ${a.threads}); or more processes with fewer threads each.`,
  },
  PROFILE_THREADS_DIFFER: {
    text: (a) =>
      a.measured === 1
        ? `The profile measured no busy threads (one thread per process), and this configuration keeps ${a.busy} busy per process: each counts as an idle thread, where a busy one held up to 2.9 MiB in the real-app runs (bench/results/real-apps.md), so memory is likely under-counted.`
        : `The profile's busy-thread memory and CPU per request were measured with ${a.measured} busy threads per process; this configuration keeps ${a.busy} busy. Per thread, memory falls and CPU time grows with the count (bench/results/real-apps.md), so memory is likely ${a.busy > a.measured ? 'over' : 'under'}-counted and the rate ${a.busy > a.measured ? 'over' : 'under'}-stated.`,
    fix: (a) => `Measure this configuration: give tune calibrate the same --users (and --latency), and it measures the threads it recommends; or tune calibrate --threads ${a.threads}.`,
  },
  CLASS_UNMEASURED: {
    text: (a) => `${a.workerClass}'s memory and rate are not measured yet: the model uses ${a.standIn}'s figures for it.`,
    fix: () => 'Measure your app under it: tune calibrate --class asgi (needs gunicorn 24 or later), then --profile.',
  },
  UVICORN_SKEW: {
    text: (a) =>
      `uvicorn --workers ${a.workers} spreads keep-alive connections unevenly: the busiest of two workers served ${pct(a.skew / 2)} of requests on average, all of them in 2 of 12 runs, so the capacity counts ${a.workers} workers as ${Number(a.cores.toFixed(2))} cores (bench/results/real-skew.md).`,
    fix: (a) => `Measured to spread it: --backlog ${a.backlog} (busiest ${pct(a.backlogSkew / 2)}, but a burst beyond it waits for TCP retries), or gunicorn with uvicorn-worker (${pct(a.uvicornWorkerSkew / 2)}).`,
  },
  UVICORN_LIMIT_ONE: { text: (a) => `limit_concurrency ${a.value} refuses every request (a limit of N admits N−1 others).`, fix: () => 'Raise it, or leave it unset.' },
  WAITRESS_SEND_BYTES: { text: () => 'send_bytes is deprecated since waitress 1.3 and ignored; it only logs a warning.', fix: () => 'Remove it.' },
  WAITRESS_THREADS_ZERO: { text: (a) => `threads = ${a.threads}: waitress listens but never answers.`, fix: () => 'Set threads to at least 1.' },
  CONNECTION_LIMIT_BELOW_THREADS: { text: (a) => `connection_limit ${a.connectionLimit} is below threads ${a.threads}: some threads can never get work.`, fix: (a) => `Raise connection_limit to at least ${a.threads}.` },
  CLEANUP_ABOVE_CHANNEL_TIMEOUT: { text: (a) => `cleanup_interval ${a.cleanup} s ≥ channel_timeout ${a.channel} s: idle channels outlive their timeout.`, fix: () => 'Keep cleanup_interval well under channel_timeout.' },
  UNKNOWN_WORKER_CLASS: {
    text: (a) =>
      `worker_class "${a.value}" is not a worker ${a.version ? `gunicorn ${a.version}` : 'gunicorn'} can load: it fails at start ("class uri invalid or not found")${a.since ? `; gunicorn ${a.since} and later have it` : ''}${a.suggestion ? ` (did you mean ${a.suggestion}?)` : ''}.`,
    fix: (a) => (a.suggestion ? `Use ${a.suggestion}.` : a.since ? `Pin gunicorn ${a.since} or later, or use another class.` : 'Use sync, gthread, gevent, uvicorn_worker.UvicornWorker, or a class path gunicorn can import.'),
  },
  UNMODELLED_WORKER_CLASS: {
    text: (a) => `worker_class "${a.value}" is ${a.family ? `${a.family}'s worker` : a.basis === 'source' ? 'a subclass of one the model knows' : "a class of the project's own"}, not one the model knows; ${a.basis === 'nothing' ? 'nothing tells how it serves requests, so it is judged as plain sync (a guess)' : `judged as the nearest kind: ${nearestKind(a.nearest)}`}.`,
    fix: (a) => (a.basis === 'nothing' ? "Pass the module that defines it (tune check … path/to/module.py) so its base class can be read, or measure it with tune calibrate." : 'Measure the real per-worker memory with tune calibrate if the estimate matters.'),
  },
  REMOVED_WORKER_CLASS: {
    text: (a) =>
      a.assumed
        ? `worker_class "${a.value}" was removed in gunicorn ${a.removedIn}: no version is pinned, and gunicorn ${a.version}, what pip installs today, refuses to start with it.`
        : `worker_class "${a.value}" was removed in gunicorn ${a.removedIn}: gunicorn ${a.version} refuses to start with it.`,
    fix: (a) => `Move to gevent (or another class), or pin gunicorn below ${a.removedIn}.`,
  },
  DEPRECATED_WORKER_CLASS: { text: (a) => `worker_class "${a.value}" is deprecated in ${a.server} ${a.version}: "${a.message}".`, fix: (a) => (a.server === 'uvicorn' ? 'Install uvicorn-worker and use uvicorn_worker.UvicornWorker.' : 'Move to another worker class before the version that removes it.') },
  SETTING_NOT_IN_VERSION: {
    text: (a) => `"${a.name}" is not a setting of ${a.server} ${a.version} (${a.since ? `it arrived in ${a.since}` : `it was removed in ${a.removedIn}`}): that version ignores it.`,
    fix: (a) => (a.since ? `Pin ${a.server} ${a.since} or later, or remove it.` : 'Remove it.'),
  },
  SERVER_VERSION: {
    text: (a) =>
      a.pinned !== undefined
        ? `Judged against ${a.server} ${a.version}, from "${a.pinned}" in ${a.file}${a.older ? ` (older than the oldest version tune knows; judged as ${a.version})` : ''}.`
        : `No ${a.server} version is pinned: judged against ${a.version}, what pip installs today.`,
    fix: (a) => (a.pinned !== undefined ? `Pass --${a.server}-version to judge another.` : `Pin it in requirements.txt (or pass --${a.server}-version).`),
  },
  UNRESOLVED_VALUE: {
    text: (a) => `${a.setting} = ${a.raw}: the variable is set nowhere the check can see; ${a.judged ? 'the check assumes the server default' : 'not judged'}.`,
    fix: () => 'Pass the file that sets it, or --env-from-process in a step that exports the deploy variables.',
  },
  ENV_FILE_MISSING: { text: (a) => `env_file ${a.path} of ${a.service} is not there (not committed?): the variables it sets are unknown to the check${a.unresolved ? ` (not resolved here: ${a.unresolved})` : ''}.`, fix: () => 'Commit a template of it, pass the values another way, or mark it required: false.' },
  NO_LIMIT: {
    text: (a) => `${a.what}: "${a.value}"${a.raw && a.raw !== a.value ? ` (${a.raw})` : ''} means no limit to Docker: the budget comes from --mem / --cpus, or there is none.`,
  },
  IMAGE_ASSUMED: { text: (a) => `${a.target} runs ${a.image ? `image ${a.image}` : 'its image'}: taken to be the one ${a.dockerfile} builds.` },
  SCRIPT_NOT_FOUND: { text: (a) => `The command runs ${a.path}, which is not among the files checked.`, fix: (a) => `Pass it: tune check … ${a.path.split('/').pop()}` },
  DUPLICATE_PROCESS: { text: (a) => `The Procfile declares ${a.name} more than once (lines ${a.lines}): only one of them runs, and tools differ on which.`, fix: () => 'Keep one line per process type.' },
  WRAPPER_ASSUMED: { text: (a) => `${a.wrapper} is taken to exec ${a.server} with the arguments after it.` },
  CONFIG_FAILS: { text: (a) => `Loading this file raises ${a.message}: gunicorn exits before it starts.`, fix: () => 'Fix the statement: a config file is Python that gunicorn executes.' },
  ASSUMED: { text: (a) => `Assumed while evaluating the file: ${a.text}.` },
  ANNOTATION_NOT_SETTING: { text: (a) => `"${a.name}: ${a.value}" is an annotation, not an assignment: gunicorn never sees a value for ${a.name}.`, fix: (a) => `Write ${a.name} = ${a.value}.` },
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
  SHELL_SYNTAX: { text: (a) => `The command line cannot be split as a shell would: ${a.message}.`, fix: () => 'Close the quote or escape the character.' },
  EXITS_INSTEAD: { text: (a) => `${a.flag} makes ${a.server} print ${a.prints === 'help' ? 'its help' : 'its version'} and exit instead of starting.`, fix: (a) => `Remove ${a.flag}.` },
  REMOVED_OPTION: { text: (a) => `${a.flag} was removed in ${a.server} ${a.version}: that version and later refuse to start with it.`, fix: (a) => `Remove ${a.flag}, or pin ${a.server} below ${a.version}.` },
  IGNORED_AFTER_APP: { text: (a) => `${a.server}-serve reads no options after the application: ${a.flags} ${a.flags.includes(' ') ? 'are' : 'is'} ignored.`, fix: () => 'Put the options before the application.' },
  SERVER_REFUSES: { text: (a) => `${a.server} refuses this command line: ${a.message.replace(/\.$/, '')}.`, fix: () => 'Fix the arguments: the server would not start.' },
};

/** What the model estimates an unknown class with. */
function nearestKind(cls: string): string {
  if (cls === 'uvicorn-worker') return 'an event loop per worker, like UvicornWorker';
  if (cls === 'asgi') return "an asyncio loop per worker, like gunicorn's asgi worker";
  if (cls === 'gevent') return 'greenlets up to worker_connections per worker, like gevent';
  if (cls === 'gthread') return 'threads per worker, like gthread';
  return 'one request at a time per worker, like sync';
}

/** The capacity shortfall, naming the resource that binds and where its figure comes from. */
function capacityText(a: FindingArgs['CAPACITY_SHORT']): string {
  const load = a.rps !== undefined ? `${a.rps} req/s${a.users !== undefined ? ` (from ${plural(a.users, 'user')})` : ''}` : `${plural(a.users ?? 0, 'user')} with a request in flight each want ~${a.offered} req/s (÷ ${ms(a.latencyMs)}), and`;
  const resource =
    a.limitedBy === 'slots'
      ? `${plural(a.slots, 'slot')} at ${ms(a.latencyMs)} a request serve ~${a.sustainable} req/s`
      : `${plural(a.cores, 'core')} at ${ms(a.cpuMs)} of CPU a request serve ~${a.sustainable} req/s (${cpuOrigin(a)})`;
  const latency = a.expectedLatencyMs !== undefined ? `requests take ~${ms(a.expectedLatencyMs)} instead of ${ms(a.latencyMs)}` : 'the queue grows without bound';
  const verdict = a.rps !== undefined ? `${load} is ${pct(a.utilization)} of what ${resource} — over the ${pct(a.target)} to keep queueing low; ${latency}.` : `${load} ${resource}: ${latency}.`;
  return `${verdict}${Number(a.replicas) > 1 ? ` ${a.replicas} machines of this shape serve it.` : ''}`;
}

function cpuOrigin(a: FindingArgs['CAPACITY_SHORT']): string {
  return a.cpuSource === 'profile' ? 'measured by tune calibrate' : `assumed: ${pct(a.cpuShare)} of the request for ${a.workload} work, not a measurement`;
}

function capacityFix(a: FindingArgs['CAPACITY_SHORT']): string {
  if (a.limitedBy === 'slots') return 'More slots (threads, workers or worker_connections, as memory and the database allow), or replicas.';
  return a.cpuSource === 'profile' ? 'More CPUs or replicas; the cores, not the slots, bind.' : 'Measure the CPU time per request (tune calibrate --profile), then more CPUs or replicas if it holds.';
}
