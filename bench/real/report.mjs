// bench/real-apps.mjs results: per cell, measured figures with their spread, predicted against
// measured for every prediction variant, the misses over 15 % with what the figures say about them.
import { mib, spread, sum } from '../lib/index.mjs';

const TOLERANCE = 0.15;
const r3 = (x) => (x == null || !Number.isFinite(x) ? null : Math.round(x * 1000) / 1000);
const VARIANTS = {
  recommendation: 'tune --profile --latency <calibrated> --users c (the run configuration)',
  mixInputs: 'same, with the mix’s own latency and CPU per request (an ideal calibration)',
  noLatency: 'profile, --users c, no --latency (the calibrated time is not used by itself)',
  unstated: 'profile and latency, connections not stated',
  default: 'no profile: 256 MiB per worker, mixed workload, 100 ms, --users c',
  defaultUnstated: 'no profile, nothing stated',
};
export { VARIANTS };

function summarize(cell, durationS) {
  const ok = cell.runs.filter((r) => r.ok);
  const s = (f) => spread(ok.map(f));
  const workers = ok[0]?.peak?.workers.length ?? null;
  return {
    runs: cell.runs.length,
    okRuns: ok.length,
    failed: cell.runs.filter((r) => !r.ok).map((r) => r.error?.split('\n')[0]),
    workers,
    totalPss: s((r) => r.totalPss),
    masterPss: s((r) => r.peak.master?.pss ?? 0),
    helpersPss: s((r) => sum(r.peak.helpers.map((h) => h.pss))),
    workerPss: s((r) => r.meanWorkerPss),
    workerUss: s((r) => r.meanWorkerUss),
    threads: s((r) => Math.max(...r.threadsPerWorker)),
    rps: s((r) => r.wrk.rps),
    p50Ms: s((r) => r.wrk.p50Ms),
    p99Ms: s((r) => r.wrk.p99Ms),
    avgLatencyMs: s((r) => r.wrk.avgLatencyMs),
    cpuMsPerRequest: s((r) => r.cpuMsPerRequest),
    errors: sum(ok.map((r) => r.wrk.errors)),
    timeouts: sum(ok.map((r) => r.wrk.timeouts)),
    maxRequestShare: s((r) => r.skew.maxRequestShare),
    maxCpuShare: s((r) => r.skew.maxCpuShare),
    maxConnectionShare: s((r) => r.skew.maxConnectionShare),
    loadAvg1: s((r) => r.loadAvg[0]),
    otherCpuS: s((r) => r.machine?.otherS),
    // Cores the server and everything else on the machine used during the run.
    serverCores: s((r) => r.machine?.serverS / (r.wrk.durationS ?? durationS)),
    otherCores: s((r) => r.machine?.otherS / (r.wrk.durationS ?? durationS)),
  };
}

/** What the figures say about a miss (ratio = predicted / measured). */
function causes(cell, m, v, what) {
  const out = [];
  const n = m.workers ?? 1;
  if (what === 'memory') {
    const predWorker = v.perWorker;
    const measWorker = m.workerPss.median;
    if (v.perWorkerSource === 'default') out.push(`256 MiB default vs ${mib(measWorker)} MiB measured per worker`);
    else if (predWorker && measWorker && Math.abs(predWorker / (m.workerUss.median || 1) - 1) > TOLERANCE)
      out.push(`per worker: model ${mib(predWorker)} MiB, measured USS ${mib(m.workerUss.median)} (PSS ${mib(measWorker)}) with ${m.threads.median} threads`);
    if (cell.settings.worker_connections && !cell.connections) out.push('connections counted at the limit');
  } else {
    if (v.limitedBy === 'cpu' && m.cpuMsPerRequest.median && Math.abs(v.cpuMsPerRequest / m.cpuMsPerRequest.median - 1) > TOLERANCE)
      out.push(`CPU/request: model ${v.cpuMsPerRequest} ms, measured ${m.cpuMsPerRequest.median} ms under load`);
    if (v.limitedBy === 'slots' || v.rps < v.sustainableRps) out.push(`latency: model ${v.latencyMs} ms (users/latency bound)`);
    if (m.maxRequestShare.median != null && n > 1 && m.maxRequestShare.median > 1.3 / n) out.push(`keep-alive skew: busiest worker ${Math.round(m.maxRequestShare.median * 100)} % of requests`);
    if (m.errors + m.timeouts > 0) out.push(`${m.errors} errors, ${m.timeouts} timeouts`);
    if ((m.otherCpuS.max ?? 0) > 1) out.push(`machine busy: others used up to ${m.otherCpuS.max} CPU s per run`);
  }
  return out;
}

export function analyze(res) {
  const cells = res.cells.map((cell) => {
    const m = summarize(cell, res.options.durationS);
    const ratios = {};
    for (const [k, v] of Object.entries(cell.variants)) {
      const mem = m.totalPss.median ? r3(v.totalPss / m.totalPss.median) : null;
      const rate = m.rps.median ? r3(v.rps / m.rps.median) : null;
      ratios[k] = {
        memory: mem,
        memoryRange: m.totalPss.n > 1 ? [r3(v.totalPss / m.totalPss.max), r3(v.totalPss / m.totalPss.min)] : null,
        rate,
        rateRange: m.rps.n > 1 ? [r3(v.rps / m.rps.max), r3(v.rps / m.rps.min)] : null,
        // Against the fastest rep: on a shared machine the least disturbed run is the closest to what
        // the box can do.
        rateBest: m.rps.max ? r3(v.rps / m.rps.max) : null,
        // CPU time per request is what sharing the machine disturbs least: the model's figure against it.
        cpu: m.cpuMsPerRequest.median ? r3(v.cpuMsPerRequest / m.cpuMsPerRequest.median) : null,
      };
    }
    const misses = [];
    for (const k of ['recommendation', 'mixInputs', 'default', 'unstated']) {
      const v = cell.variants[k];
      const r = ratios[k];
      if (r.memory != null && Math.abs(r.memory - 1) > TOLERANCE) misses.push({ variant: k, what: 'memory', ratio: r.memory, causes: causes(cell, m, v, 'memory') });
      if (k !== 'unstated' && r.rate != null && Math.abs(r.rate - 1) > TOLERANCE) misses.push({ variant: k, what: 'rate', ratio: r.rate, causes: causes(cell, m, v, 'rate') });
    }
    return { id: `${cell.app}/${cell.cls}/c${cell.connections}`, app: cell.app, cls: cell.cls, connections: cell.connections, measured: m, ratios, misses };
  });
  return { tolerance: TOLERANCE, cells, derived: derive(res, cells), targets: targets(res, cells) };
}

/**
 * Issue 12's done-means, per cell of the run configuration (the recommendation with the calibrated
 * profile): predicted total PSS within ±15 % of the measured median; predicted req/s within ±15 % of
 * the measured median for IO work (the `:io` mix), and for the CPU-heavy mixes within the measured
 * noise: within ±15 % of at least one rep, the reps' spread (fastest ÷ slowest) stated beside it.
 */
function targets(res, cells) {
  const items = cells.filter((c) => c.measured.okRuns).map((c) => {
    const r = c.ratios.recommendation;
    const io = res.apps[c.app]?.workload === 'io';
    const m = c.measured.rps;
    const within = (x) => x != null && Math.abs(x - 1) <= TOLERANCE;
    const rate = io ? within(r.rate) : r.rateRange ? r.rateRange[0] <= 1 + TOLERANCE && r.rateRange[1] >= 1 - TOLERANCE : within(r.rate);
    return { id: c.id, io, memory: r.memory, memoryPass: within(r.memory), rate: r.rate, rateRange: r.rateRange, noise: m.min ? r3(m.max / m.min) : null, ratePass: rate };
  });
  const count = (f) => ({ passed: items.filter(f).length, total: items.length });
  return {
    tolerance: TOLERANCE,
    memory: count((x) => x.memoryPass),
    rateIo: { passed: items.filter((x) => x.io && x.ratePass).length, total: items.filter((x) => x.io).length },
    rateMixed: { passed: items.filter((x) => !x.io && x.ratePass).length, total: items.filter((x) => !x.io).length },
    items,
  };
}

/** Figures the model could use instead, from the runs themselves. */
function derive(res, cells) {
  const out = { perBusyThread: [], perConnection: [], cpuShare: [], skewByClass: {} };
  for (const [key, a] of Object.entries(res.apps)) {
    const t = a.truth;
    out.cpuShare.push({ app: key, mixLatencyMs: t.meanLatencyMs, mixCpuMs: t.cpuMsPerRequest, cpuFraction: r3(t.cpuMsPerRequest / t.meanLatencyMs) });
    for (const [cls, c] of Object.entries(a.calibrations ?? {})) {
      const p = c.profile;
      // Private memory a busy thread adds: worker USS under load minus calibrate's threads=1 USS.
      // Keyed by class, or by class and load where calibrate ran per cell (c.cls, c.connections).
      for (const cell of cells.filter((x) => x.app === key && x.cls === (c.cls ?? cls) && (c.connections == null || x.connections === c.connections) && x.measured.okRuns)) {
        const preload = res.cells.find((x) => `${x.app}/${x.cls}/c${x.connections}` === cell.id)?.settings?.preload_app;
        const base = preload ? p.preloadWorkerPrivateBytes : p.workerPrivateBytes;
        const threads = cell.measured.threads.median;
        const k = c.cls ?? cls;
        if ((k === 'gthread' || k === 'waitress') && base && threads > 2) {
          const uss = k === 'waitress' ? cell.measured.workerPss.median - p.workerBytes : cell.measured.workerUss.median - base;
          out.perBusyThread.push({ cell: cell.id, threads, extraBytes: Math.round(uss), perThreadBytes: Math.round(uss / (threads - 1)) });
        }
      }
    }
  }
  for (const c of cells) {
    if (c.measured.workers > 1 && c.measured.maxRequestShare.n) (out.skewByClass[c.cls] ??= []).push({ cell: c.id, workers: c.measured.workers, ...c.measured.maxRequestShare });
  }
  // Per connection: total PSS c=512 vs c=16 of the same app and class when the shape did not change.
  const byKey = new Map(cells.map((c) => [c.id, c]));
  for (const cell of res.cells.filter((c) => c.connections === 512)) {
    const lo = res.cells.find((c) => c.app === cell.app && c.cls === cell.cls && c.connections === 16);
    if (!lo || lo.cmd.replace(/--worker-connections=\d+|--backlog=\d+|--max-requests(-jitter)?=\d+/g, '') !== cell.cmd.replace(/--worker-connections=\d+|--backlog=\d+|--max-requests(-jitter)?=\d+/g, '')) continue;
    const a = byKey.get(`${lo.app}/${lo.cls}/c16`)?.measured.totalPss.median;
    const b = byKey.get(`${cell.app}/${cell.cls}/c512`)?.measured.totalPss.median;
    if (a && b) out.perConnection.push({ app: cell.app, cls: cell.cls, bytes: Math.round((b - a) / (512 - 16)) });
  }
  return out;
}

export { markdown } from './report-md.mjs';
