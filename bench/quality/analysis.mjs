// The analysis of a finished run: per-config summaries, per-rep ratios of tune to each anchor, and
// the four targets (a) Little's law, (b) no worse than the best anchor, (c) within the budget,
// (d) predictions within tolerance. Pure: it reads the recorded runs only.
import { spread, sum } from '../lib/index.mjs';
import { r2, rng } from './format.mjs';
import { BUDGET_BYTES, IO_LATENCY_MS, IO_TARGET_CLASSES, LITTLE_TARGET, NOISE_RATIO, P99_NOISE, PREDICTION_TOLERANCE } from './settings.mjs';

/** Predicted rate: for io min(users, slots)/latency (Little's law); for cpu capacity.sustainableRps. */
function predictedRate(cfg, block) {
  const cap = cfg.model.capacity;
  if (block.workload === 'io') return Math.min(block.c, cfg.slots ?? Infinity) / (IO_LATENCY_MS / 1000);
  return cap.sustainableRps;
}

function summarizeConfig(cfg, runs, block) {
  const ok = runs.filter((r) => r.ok);
  const pick = (f) => spread(ok.map(f));
  const s = {
    id: cfg.id,
    runs: runs.length,
    okRuns: ok.length,
    failed: runs.filter((r) => !r.ok).map((r) => ({ rep: r.rep, error: r.error })),
    rps: pick((r) => r.wrk.rps),
    p50Ms: pick((r) => r.wrk.p50Ms),
    p99Ms: pick((r) => r.wrk.p99Ms),
    avgLatencyMs: pick((r) => r.wrk.avgLatencyMs),
    errors: sum(ok.map((r) => r.wrk.errors)),
    timeouts: sum(ok.map((r) => r.wrk.timeouts)),
    pssBytes: pick((r) => r.pss.totalBytes),
    cpuTotalS: pick((r) => r.cpu.totalS),
    cpuMsPerRequest: pick((r) => r.cpu.msPerRequest),
    imbalancedRuns: ok.filter((r) => r.imbalanced).length,
    c1P50Ms: runs.find((r) => r.c1)?.c1.p50Ms ?? null,
  };
  // Per-worker CPU seconds of the median-throughput run.
  const byRps = [...ok].sort((a, b) => a.wrk.rps - b.wrk.rps);
  const mid = byRps[Math.floor((byRps.length - 1) / 2)];
  s.medianRunCpu = mid ? { rep: mid.rep, masterS: mid.cpu.masterS, workersS: mid.cpu.workersS, extrasS: mid.cpu.extrasS } : null;
  if (block.workload === 'io') {
    s.littleCeilingRps = Math.min(block.c, cfg.slots ?? Infinity) / (IO_LATENCY_MS / 1000);
    s.littleFraction = s.rps.median != null ? r2(s.rps.median / s.littleCeilingRps, 3) : null;
  }
  const pred = cfg.model;
  if (pred) {
    s.predictedPssBytes = pred.memory.estimatedBytes;
    s.pssPredictedOverMeasured = s.pssBytes.median ? r2(pred.memory.estimatedBytes / s.pssBytes.median, 3) : null;
    s.predictedRps = r2(predictedRate(cfg, block), 1);
    s.sustainableRps = pred.capacity.sustainableRps;
    s.ratePredictedOverMeasured = s.rps.median ? r2(s.predictedRps / s.rps.median, 3) : null;
    s.sustainableOverMeasured = s.rps.median ? r2(pred.capacity.sustainableRps / s.rps.median, 3) : null;
    s.expectedLatencyMs = pred.capacity.expectedLatencyMs ?? null;
  }
  return s;
}

/** Per-rep ratio of a to b on field f (a over b), for reps where both ran. */
function perRepRatios(runsA, runsB, f) {
  const out = [];
  for (const a of runsA) {
    if (!a.ok) continue;
    const b = runsB.find((x) => x.rep === a.rep && x.ok);
    if (!b) continue;
    const va = f(a);
    const vb = f(b);
    if (va == null || vb == null || vb === 0) continue;
    out.push({ rep: a.rep, ratio: r2(va / vb, 3) });
  }
  const s = spread(out.map((x) => x.ratio));
  return { perRep: out, median: r2(s.median, 3), min: s.min, max: s.max, n: s.n };
}

export function analyzeBlock(block, configs, runs) {
  const byCfg = (id) => runs.filter((r) => r.config === id);
  const summaries = Object.fromEntries(configs.map((c) => [c.id, summarizeConfig(c, byCfg(c.id), block)]));
  const scenarios = [];
  for (const t of configs.filter((c) => c.kind === 'tune')) {
    const anchors = configs.filter((c) => c.kind === 'anchor' && c.framework === t.framework);
    const vs = {};
    for (const a of anchors) {
      vs[a.id] = {
        rps: perRepRatios(byCfg(t.id), byCfg(a.id), (r) => r.wrk.rps),
        p99: perRepRatios(byCfg(t.id), byCfg(a.id), (r) => r.wrk.p99Ms),
      };
    }
    // Best anchor: highest median req/s in this block (same framework).
    const ranked = anchors.filter((a) => summaries[a.id].rps.median != null).sort((a, b) => summaries[b.id].rps.median - summaries[a.id].rps.median);
    const best = ranked[0] ?? null;
    const sameClass = anchors.filter((a) => a.cls === t.cls).sort((a, b) => (summaries[b.id].rps.median ?? 0) - (summaries[a.id].rps.median ?? 0))[0] ?? null;
    scenarios.push({ block: block.id, cls: t.cls, tune: t.id, anchors: anchors.map((a) => a.id), bestAnchor: best?.id ?? null, bestSameClassAnchor: sameClass?.id ?? null, vs });
  }
  return { summaries, scenarios };
}

function throughputVerdict(r) {
  if (!r || r.n === 0) return { pass: false, why: 'no paired reps' };
  const pass = r.max >= 1 || r.min >= NOISE_RATIO;
  return { pass, why: pass ? (r.min >= 1 ? 'faster in every rep' : r.max >= 1 ? 'range includes 1 (noise)' : `range ≥ ${NOISE_RATIO}`) : `every rep below 1 and min ${r.min} < ${NOISE_RATIO}` };
}

function p99Verdict(r) {
  if (!r || r.n === 0) return { pass: false, why: 'no paired reps' };
  const pass = r.min <= 1 || r.max <= P99_NOISE;
  return { pass, why: pass ? (r.max <= 1 ? 'lower p99 in every rep' : r.min <= 1 ? 'range includes 1 (noise)' : `range ≤ ${P99_NOISE}`) : `p99 higher in every rep, min ratio ${r.min} > 1 and max ${r.max} > ${P99_NOISE}` };
}

export function targets(blocks) {
  const a = [];
  const b = [];
  const c = [];
  const d = [];
  for (const blk of blocks) {
    if (!blk.analysis) continue;
    const { summaries, scenarios } = blk.analysis;
    for (const sc of scenarios) {
      const t = summaries[sc.tune];
      const cfg = blk.configs.find((x) => x.id === sc.tune);
      const where = `${sc.cls} · ${blk.workload} c=${blk.c}`;
      if (t.rps.median == null) {
        for (const list of [b, c, d]) list.push({ scenario: where, pass: false, detail: 'no successful run' });
        continue;
      }
      if (blk.workload === 'io' && IO_TARGET_CLASSES.includes(sc.cls)) {
        const ceiling = blk.c / (IO_LATENCY_MS / 1000);
        const frac = t.rps.median / ceiling;
        const minFrac = t.rps.min / ceiling;
        a.push({ scenario: where, pass: frac >= LITTLE_TARGET, rps: r2(t.rps.median, 0), rpsText: rng(t.rps), ceiling: r2(ceiling, 0), fraction: r2(frac, 3), minFraction: r2(minFrac, 3) });
      }
      if (sc.bestAnchor) {
        // The bar: the best anchor of tune's own worker class; a class no anchor uses (gevent)
        // is held to the best anchor of its framework. The other comparison is kept beside it.
        const judged = sc.bestSameClassAnchor ?? sc.bestAnchor;
        const best = sc.vs[judged];
        const tv = throughputVerdict(best.rps);
        const pv = p99Verdict(best.p99);
        const bestSum = summaries[judged];
        const tailBad = t.errors + t.timeouts > 0 && bestSum.errors + bestSum.timeouts === 0;
        const sameClass = judged !== sc.bestAnchor ? { anchor: sc.bestAnchor, rps: sc.vs[sc.bestAnchor].rps, p99: sc.vs[sc.bestAnchor].p99 } : null;
        b.push({
          scenario: where,
          pass: tv.pass && pv.pass && !tailBad,
          bestAnchor: judged,
          rpsRatio: best.rps,
          p99Ratio: best.p99,
          throughput: tv,
          p99: pv,
          errorsTimeouts: { tune: t.errors + t.timeouts, bestAnchor: bestSum.errors + bestSum.timeouts, pass: !tailBad },
          sameClass,
        });
      }
      c.push({ scenario: where, pass: t.pssBytes.max <= BUDGET_BYTES, measuredMaxPssBytes: t.pssBytes.max, budgetBytes: BUDGET_BYTES, usableBytes: cfg.model.memory.usableBytes, withinUsable: t.pssBytes.max <= cfg.model.memory.usableBytes });
      const memOk = Math.abs(t.pssPredictedOverMeasured - 1) <= PREDICTION_TOLERANCE;
      const rateOk = Math.abs(t.ratePredictedOverMeasured - 1) <= PREDICTION_TOLERANCE;
      d.push({
        scenario: where,
        pass: memOk && rateOk,
        memory: { pass: memOk, predictedBytes: t.predictedPssBytes, measuredBytes: t.pssBytes.median, ratio: t.pssPredictedOverMeasured },
        rate: { pass: rateOk, predictedRps: t.predictedRps, measuredRps: r2(t.rps.median, 1), ratio: t.ratePredictedOverMeasured, basis: blk.workload === 'io' ? 'min(users, slots)/latency' : 'capacity.sustainableRps' },
        sustainable: { rps: t.sustainableRps, ratio: t.sustainableOverMeasured },
      });
    }
  }
  const verdict = (xs) => ({ pass: xs.length === 0 ? null : xs.every((x) => x.pass), passed: xs.filter((x) => x.pass).length, total: xs.length, items: xs });
  return { a: verdict(a), b: verdict(b), c: verdict(c), d: verdict(d) };
}
