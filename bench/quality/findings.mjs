// Plain-language pointers from the failed targets to the model (src/core), with the figures.
import { median } from '../lib/index.mjs';
import { f0, f1, f2, M, ratioText } from './format.mjs';
import { IMBALANCE_SHARE, IO_LATENCY_MS, PREDICTION_TOLERANCE, STALL_MS } from './settings.mjs';

/** tune's row of a scenario ("gthread · io c=64"): its block, config, summary and successful runs. */
function tuneRow(res, scenario) {
  const [cls, rest] = scenario.split(' · ');
  const blk = res.blocks.find((b) => `${b.workload} c=${b.c}` === rest);
  if (!blk) return null;
  const cfg = blk.configs.find((c) => c.id === `tune:${cls}`);
  const runs = blk.runs.filter((r) => r.config === cfg.id && r.ok);
  return { cls, blk, cfg, s: blk.analysis.summaries[cfg.id], runs };
}

const shareMedian = (runs) => median(runs.map((r) => r.cpu.maxWorkerShare));
const perWorkerSlots = (cfg) => (cfg.slots != null && cfg.workers > 0 ? cfg.slots / cfg.workers : null);

/** Uneven split of keep-alive connections across workers, when the CPU split shows it. */
function imbalanceNote(r) {
  const share = shareMedian(r.runs);
  const per = perWorkerSlots(r.cfg);
  if (share == null || r.cfg.workers < 2 || per == null || share < 0.6) return null;
  const effective = r.s.rps.median * (IO_LATENCY_MS / 1000);
  return `the ${r.cfg.workers} workers did not get equal shares of the ${r.blk.c} keep-alive connections (the busiest did ${Math.round(share * 100)} % of the workers' CPU, median over reps; connections stay on the worker that accepted them), and with exactly ${per} threads per worker (users/workers) the busier worker's extra connections wait: ${f0(r.s.rps.median)} req/s × ${IO_LATENCY_MS} ms ≈ ${f1(effective)} requests in flight of ${r.cfg.slots} slots. Threads per worker need headroom over users/workers (or fewer, larger workers).`;
}

/** (a): below the Little's-law bar. */
function littleFinding(res, x) {
  const r = tuneRow(res, x.scenario);
  const parts = [`(a) ${x.scenario}: ${x.rpsText} req/s = ${f2(x.fraction)} of ${x.ceiling}.`];
  if (r?.s.c1P50Ms != null && r.s.c1P50Ms > STALL_MS) {
    parts.push(`c=1 latency on / is ${f1(r.s.c1P50Ms)} ms, a per-request stall.`);
    if (r.cls === 'uvicorn' && r.cfg.recommendation.settings.loop == null)
      parts.push(`tune emits \`${r.cfg.cmdline}\` with no loop and only warns (UVICORN_NODELAY); the model could emit \`--loop uvloop\` or steer multi-worker uvicorn to gunicorn + UvicornWorker.`);
  }
  const imb = r && imbalanceNote(r);
  if (imb) parts.push(`Cause: ${imb}`);
  return parts.join(' ');
}

/** (b): slower or worse at p99 than the best anchor. */
function anchorFinding(res, x) {
  const r = tuneRow(res, x.scenario);
  const best = r.blk.analysis.summaries[x.bestAnchor];
  const parts = [`(b) ${x.scenario}: vs ${res.labels[x.bestAnchor]} req/s ${ratioText(x.rpsRatio)} (${x.throughput.why}), p99 ${ratioText(x.p99Ratio)} (${x.p99.why})${x.errorsTimeouts.pass ? '' : `, errors+timeouts ${x.errorsTimeouts.tune} vs ${x.errorsTimeouts.bestAnchor}`}.`];
  const warned = r.cfg.recommendation.warnings.filter((w) => ['CPU_ON_EVENT_LOOP', 'WAITRESS_ONE_CORE', 'SYNC_FOR_IO'].includes(w.code)).map((w) => w.code);
  if (r.blk.workload === 'cpu' && r.cfg.workers > res.cpus && r.cfg.slots != null && r.cfg.slots === r.cfg.workers) {
    parts.push(
      `tune runs ${r.cfg.workers} sync workers on ${res.cpus} cores for CPU-bound work (workers = max(2, cores, users)); each request cost ${f1(r.s.cpuMsPerRequest.median)} ms of server CPU against ${f1(best.cpuMsPerRequest.median)} ms for ${res.labels[x.bestAnchor]} (${r.cfg.workers} processes sharing ${res.cpus} cores), and it takes ${M(r.s.pssBytes.median)} MiB against ${M(best.pssBytes.median)}. For cpu work, processes beyond the cores buy no throughput: workers ≈ cores (measurements.md §5).`,
    );
  }
  if (r.cls === 'gthread' && r.blk.workload === 'cpu' && r.cfg.recommendation.settings.threads > 4) {
    parts.push(`tune gives ${r.cfg.recommendation.settings.threads} threads per worker for CPU-bound work (threads = users/workers); GIL contention costs throughput (server CPU ${f1(r.s.cpuMsPerRequest.median)} ms/request vs ${f1(best.cpuMsPerRequest.median)}).`);
  }
  if (warned.length) {
    const sc = x.bestAnchor && r.blk.configs.find((c) => c.id === x.bestAnchor)?.cls === r.cls ? { anchor: x.bestAnchor, rps: x.rpsRatio, p99: x.p99Ratio } : null;
    parts.push(
      `tune itself warns (${warned.join(', ')}) but still emits the configuration for this workload; the loss comes from the class, not its settings${sc ? ` (against ${res.labels[sc.anchor]}, the same class: req/s ${ratioText(sc.rps)}, p99 ${ratioText(sc.p99)})` : ''}. The model has no way to say "not this class for this workload" except a warning.`,
    );
  }
  const pinned = r.runs.filter((run) => run.imbalanced);
  if (pinned.length) parts.push(`${pinned.length} of ${r.runs.length} runs had one worker doing > ${IMBALANCE_SHARE * 100} % of the work (keep-alive connections pinned to one worker).`);
  return parts.join(' ');
}

/** (d): a prediction off by more than the tolerance. */
function predictionFinding(res, x) {
  const r = tuneRow(res, x.scenario);
  const parts = [`(d) ${x.scenario}:`];
  if (!x.memory.pass) {
    parts.push(`PSS predicted ${M(x.memory.predictedBytes)} vs measured ${M(x.memory.measuredBytes)} MiB (×${f2(x.memory.ratio)}).`);
    const p = r.cfg.input.profile;
    const wc = r.cfg.recommendation.settings.worker_connections;
    if (r.cls === 'gevent' && wc && p.perConnectionBytes) {
      parts.push(
        `The model charges every worker for worker_connections = ${wc} open connections (${r.cfg.workers} × ${wc} × ${f1(p.perConnectionBytes / 1024)} KiB = ${M(r.cfg.workers * wc * p.perConnectionBytes)} MiB) where the stated load keeps ${r.blk.c} open (${M(r.blk.c * p.perConnectionBytes)} MiB): slotsPerWorker is a cap, and the memory estimate should use min(cap, users/workers).`,
      );
    }
    if (r.cfg.recommendation.settings.preload_app === true && p.preloadShare != null) parts.push(preloadNote(res, r, p));
  }
  if (!x.rate.pass) {
    parts.push(`Rate predicted ${f0(x.rate.predictedRps)} (${x.rate.basis}) vs measured ${f0(x.rate.measuredRps)} req/s (×${f2(x.rate.ratio)}).`);
    if (r.blk.workload === 'cpu') {
      const cal = res.calibration[r.cfg.framework];
      parts.push(
        `The model takes CPU per request = ${f2(r.cfg.model.capacity.cpuMsPerRequest / r.cfg.model.capacity.latencyMs)} × the c=1 latency = ${r.cfg.model.capacity.cpuMsPerRequest} ms (c=1: ${f2(cal.meanMs)} ms, of which ${f2(cal.serverCpuMsPerRequest)} ms server CPU); under load this row's server spent ${f1(r.s.cpuMsPerRequest.median)} ms [${f1(r.s.cpuMsPerRequest.min)}–${f1(r.s.cpuMsPerRequest.max)}] per request. On this VM a single request on an otherwise idle machine costs a different amount of CPU than one under load, and the host's speed drifts, so a c=1 figure is a loose predictor of the saturated rate.`,
      );
    } else {
      const imb = imbalanceNote(r);
      if (imb) parts.push(`Cause: ${imb}`);
    }
  }
  return parts.join(' ');
}

/**
 * With preload: the model's per-worker cost beside the marginal PSS per worker measured between two
 * tune rows of the same class with different worker counts (when the blocks have two).
 */
function preloadNote(res, r, p) {
  const pts = res.blocks
    .map((b) => {
      const c = b.configs.find((k) => k.id === r.cfg.id);
      const sm = b.analysis?.summaries[r.cfg.id];
      return c && sm?.pssBytes.median ? { workers: c.workers, pss: sm.pssBytes.median } : null;
    })
    .filter(Boolean);
  const lo = pts.reduce((a, q) => (q.workers < a.workers ? q : a), pts[0]);
  const hi = pts.reduce((a, q) => (q.workers > a.workers ? q : a), pts[0]);
  const modelPer = r.cfg.model.memory.perWorkerBytes;
  if (!(lo && hi && hi.workers > lo.workers)) return `With preload the model adds (1−s)·W = ${M(modelPer)} MiB per worker (s = ${p.preloadShare} fitted at 3 workers by bench:memory).`;
  const slope = (hi.pss - lo.pss) / (hi.workers - lo.workers);
  const fixed = lo.pss - lo.workers * slope;
  return `With preload the model adds (1−s)·W = (1−${p.preloadShare})·${M(p.workerBytes)} = ${M(modelPer)} MiB per worker on top of ${M(r.cfg.model.memory.masterBytes)} MiB; tune's own rows measure ${M(slope)} MiB per extra worker (${lo.workers} → ${hi.workers} workers: ${M(lo.pss)} → ${M(hi.pss)} MiB) on top of ${M(fixed)} MiB. The share s fitted at 3 workers (bench:memory) under-counts what stays shared at many workers; the marginal cost of a preloaded worker is about its USS (memory.md: ~4.6 MiB for Flask sync).`;
}

/**
 * Not a target, but the capacity section users read: for io the model's CPU ceiling assumes a CPU
 * share of the request time that the servers did not spend. Null when no io row is off.
 */
function ioCapacityNote(res) {
  const ioRows = res.targets.d.items.filter((x) => x.rate.basis.startsWith('min') && x.sustainable.ratio != null && x.sustainable.ratio < 1 - PREDICTION_TOLERANCE);
  if (!ioRows.length) return null;
  const cpuMs = res.blocks
    .filter((b) => b.workload === 'io')
    .flatMap((b) => b.configs.filter((c) => c.kind === 'tune').map((c) => b.analysis.summaries[c.id].cpuMsPerRequest.median))
    .filter((x) => x != null);
  const r = tuneRow(res, ioRows[0].scenario);
  return `(not judged) io capacity: capacity.sustainableRps is ${ioRows.map((x) => `${f0(x.sustainable.rps)} for ${x.scenario} (measured ${f0(x.rate.measuredRps)})`).join(', ')}: the model assumes ${r.cfg.model.capacity.cpuMsPerRequest} ms of CPU per ${IO_LATENCY_MS} ms io request (its io CPU share), while tune's rows spent ${f2(Math.min(...cpuMs))}–${f2(Math.max(...cpuMs))} ms of server CPU per request, so it reports limitedBy "cpu", a too-low sustainable rate and extra replicas (CAPACITY_USERS) for loads one machine served.`;
}

/** The findings of a run, in target order, then the io capacity note. */
export function modelFindings(res) {
  const T = res.targets;
  const failed = (t) => t.items.filter((i) => !i.pass);
  const out = [
    ...failed(T.a).map((x) => littleFinding(res, x)),
    ...failed(T.b).map((x) => anchorFinding(res, x)),
    ...failed(T.c).map((x) => `(c) ${x.scenario}: ${M(x.measuredMaxPssBytes)} MiB > ${M(x.budgetBytes)} MiB.`),
    ...failed(T.d).map((x) => predictionFinding(res, x)),
  ];
  const io = ioCapacityNote(res);
  if (io) out.push(io);
  return out;
}
