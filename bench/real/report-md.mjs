// The readable report of bench/real-apps.mjs (bench/results/real-apps.md). A hand-written reading of
// a run, bench/results/real-apps-reading.md, is appended when it exists, so a rerun keeps it (it names
// the run it read: compare its date with the one above).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mib } from '../lib/index.mjs';

const READING = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), 'results', 'real-apps-reading.md');
import { VARIANTS } from './report.mjs';

const M = (b) => (b == null ? '–' : mib(b, 1).toFixed(1));
const f0 = (x) => (x == null ? '–' : Math.round(x).toString());
const f1 = (x) => (x == null ? '–' : x.toFixed(1));
const f2 = (x) => (x == null ? '–' : x.toFixed(2));
const rng = (s, f = f0) => (s?.median == null ? '–' : s.n > 1 ? `${f(s.median)} [${f(s.min)}–${f(s.max)}]` : f(s.median));
const rngM = (s) => (s?.median == null ? '–' : s.n > 1 ? `${M(s.median)} [${M(s.min)}–${M(s.max)}]` : M(s.median));
const flag = (r) => (r == null ? '–' : Math.abs(r - 1) > 0.15 ? `**${f2(r)}**` : f2(r));
const ratio = (r, range) => (r == null ? '–' : range ? `${flag(r)} (${f2(range[0])}–${f2(range[1])})` : flag(r));

// Long: the results page top to bottom, one table after another, in the order the page reads.
export function markdown(res) {
  const L = [];
  const mc = res.machine;
  const an = res.analysis;
  L.push('# tune on real-looking apps: predicted against measured', '');
  L.push(`Produced by \`${res.command}\` on ${res.measuredAt}${res.mergedAt ? ` (cells re-measured and merged ${res.mergedAt})` : ''}, ${res.durationS ?? '?'} s. Raw data: \`bench/results/real-apps.json\`.`);
  L.push(`Machine: ${mc.cpus} CPUs (${mc.cpuModel}), ${(mc.memTotalBytes / 2 ** 30).toFixed(1)} GiB, ${mc.os}, Python ${mc.python}, wrk ${mc.wrk}; load average at start ${mc.loadAvgAtStart?.join(' ')} (the machine is shared: throughput is noisy, PSS is not).`);
  L.push(`Versions: ${Object.entries(mc.versions).filter(([, v]) => v).map(([k, v]) => `${k} ${v}`).join(', ')}.`, '');
  L.push('## Method', '');
  L.push(`* Apps in \`bench/apps/real\`; each run sends the app's traffic mix (below), or for the \`<app>:io\` cells (workload io) only its upstream call with a 200 ms wait, with \`${res.options.wrk}\`, keep-alive, to 127.0.0.1, after a ${res.options.warmupS} s warm-up and a ${res.options.drainMs / 1000} s drain, on a quiet machine where possible. ${res.options.reps} reps of ${res.options.durationS} s per cell, reps outermost; the server is restarted for every run.`);
  L.push('* **Measured total PSS** is the peak over 1 s samples of the sum of `/proc/PID/smaps_rollup` Pss over master, workers and helpers. Per-worker requests come from the apps\' `X-Worker` header counted by wrk; connections per worker from `/proc/net/tcp` half-way through.');
  L.push(`* **Predicted**: the run configuration is tune's recommendation (\`${res.options.machineArgs}\`, the calibrated profile, \`--users <connections>\`, \`--latency\` = the profile's latencyMs). Predicted req/s = min(sustainableRps, connections / latency) (the closed-loop model of src/core/evaluate.ts). Other variants come from \`tune check --cmd "<the same command>"\`:`);
  for (const [k, v] of Object.entries(VARIANTS)) L.push(`  * \`${k}\`: ${v}`);
  L.push('* Ratios are predicted / measured median, with the range over the reps in brackets; **bold** = off by more than 15 %. "best" is predicted / the fastest rep (the least disturbed by other work on the machine).', '');

  L.push(...targetLines(an.targets));
  L.push('## Apps, their mix, and what calibrate measured', '');
  L.push('| app | mix (per 10 requests) | mix at c=1: latency / CPU per request (CPU share) | calibrate path |');
  L.push('|---|---|---|---|');
  for (const [k, a] of Object.entries(res.apps)) {
    L.push(`| ${k}: ${a.name} (\`${a.module}\`) | ${a.mix.map((m) => `${m.per10}× ${m.kind}`).join('; ')} | ${f1(a.truth.meanLatencyMs)} ms / ${f2(a.truth.cpuMsPerRequest)} ms (${f2(a.truth.cpuMsPerRequest / a.truth.meanLatencyMs)}) | \`${a.calibratePath}\` |`);
  }
  L.push('', 'Each kind of request alone (c=1, one worker: gunicorn sync -w 1 or one-process uvicorn):', '');
  L.push('| app | kind | latency ms | CPU ms | CPU share |');
  L.push('|---|---|---|---|---|');
  for (const [k, a] of Object.entries(res.apps)) for (const x of a.truth.perKind ?? []) L.push(`| ${k} | ${x.kind} | ${f1(x.meanLatencyMs)} | ${f2(x.cpuMsPerRequest)} | ${f2(x.cpuMsPerRequest / x.meanLatencyMs)} |`);
  L.push('', '| app · class | worker PSS (USS) | with preload: worker PSS (USS), master | preload share | calibrate CPU ms/request | calibrate latency ms | ÷ 256 MiB default |');
  L.push('|---|---|---|---|---|---|---|');
  for (const [k, a] of Object.entries(res.apps)) {
    for (const [cls, c] of Object.entries(a.calibrations ?? {})) {
      const p = c.profile;
      L.push(`| ${k} · ${cls} | ${M(p.workerBytes)} (${M(p.workerPrivateBytes)}) | ${p.preloadWorkerBytes ? `${M(p.preloadWorkerBytes)} (${M(p.preloadWorkerPrivateBytes)}), ${M(p.preloadMasterBytes)}` : '–'} | ${p.preloadShare ?? '–'} | ${p.cpuMsPerRequest ?? '–'} | ${p.latencyMs ?? '–'} | ${f2(256 / mib(p.workerBytes, 3))}× |`);
    }
  }
  L.push('');

  L.push('## Memory: predicted against measured total PSS (MiB)', '');
  L.push('| cell | command run | measured [min–max] | workers × PSS (USS), threads | recommendation | ratio | default (256 MiB) | ratio | unstated conns | ratio |');
  L.push('|---|---|---|---|---|---|---|---|---|---|');
  for (const cell of res.cells) {
    const a = an.cells.find((x) => x.app === cell.app && x.cls === cell.cls && x.connections === cell.connections);
    const m = a.measured;
    const v = cell.variants;
    L.push(`| ${a.id} | \`${cell.cmd}\` | ${rngM(m.totalPss)} | ${m.workers ?? '–'} × ${M(m.workerPss.median)} (${M(m.workerUss.median)}), ${m.threads.median ?? '–'} | ${M(v.recommendation.totalPss)} | ${ratio(a.ratios.recommendation.memory, a.ratios.recommendation.memoryRange)} | ${M(v.default.totalPss)} | ${ratio(a.ratios.default.memory)} | ${M(v.unstated.totalPss)} | ${ratio(a.ratios.unstated.memory)} |`);
  }
  L.push('');
  L.push('## Throughput: predicted against measured req/s', '');
  L.push('| cell | measured req/s [min–max] | p50 / p99 ms | CPU ms/req (load) | busiest worker: requests / CPU / conns | errors / timeouts | load avg | recommendation (limit) | ratio | ÷ best | mix inputs | ratio | ÷ best | no --latency | ratio | default | ratio |');
  L.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const cell of res.cells) {
    const a = an.cells.find((x) => x.app === cell.app && x.cls === cell.cls && x.connections === cell.connections);
    const m = a.measured;
    const v = cell.variants;
    const share = (s) => (s?.median == null ? '–' : `${Math.round(s.median * 100)} %`);
    L.push(
      `| ${a.id} | ${rng(m.rps)} | ${f0(m.p50Ms.median)} / ${f0(m.p99Ms.median)} | ${f1(m.cpuMsPerRequest.median)} | ${share(m.maxRequestShare)} / ${share(m.maxCpuShare)} / ${share(m.maxConnectionShare)} | ${m.errors} / ${m.timeouts} | ${rng(m.loadAvg1, f1)} | ${f0(v.recommendation.rps)} (${v.recommendation.limitedBy}) | ${ratio(a.ratios.recommendation.rate, a.ratios.recommendation.rateRange)} | ${flag(a.ratios.recommendation.rateBest)} | ${f0(v.mixInputs.rps)} | ${ratio(a.ratios.mixInputs.rate)} | ${flag(a.ratios.mixInputs.rateBest)} | ${f0(v.noLatency.rps)} | ${ratio(a.ratios.noLatency.rate)} | ${f0(v.default.rps)} | ${ratio(a.ratios.default.rate)} |`,
    );
  }
  L.push('');
  L.push('## CPU per request: the capacity figure sharing the machine disturbs least', '');
  L.push('Throughput above is cut by other work on the shared machine (its cores column). The CPU time the server spent per request is not: the model\'s CPU figure against it, and the CPU-bound ceiling it implies on min(2, processes) cores.', '');
  L.push('| cell | measured CPU ms/req [min–max] | server / other cores used | ceiling: cores ÷ measured CPU | recommendation CPU ms | ratio | sustainable req/s | ÷ ceiling | mix c=1 CPU ms | ratio |');
  L.push('|---|---|---|---|---|---|---|---|---|---|');
  for (const cell of res.cells) {
    const a = an.cells.find((x) => x.app === cell.app && x.cls === cell.cls && x.connections === cell.connections);
    const m = a.measured;
    const v = cell.variants;
    // The GIL gives each process one core: usable cores = min(2, worker processes).
    const ceiling = m.cpuMsPerRequest.median ? (Math.min(2, m.workers ?? 1) * 1000) / m.cpuMsPerRequest.median : null;
    L.push(`| ${a.id} | ${rng(m.cpuMsPerRequest, f1)} | ${f2(m.serverCores.median)} / ${f2(m.otherCores.median)} | ${f0(ceiling)} | ${f1(v.recommendation.cpuMsPerRequest)} | ${flag(a.ratios.recommendation.cpu)} | ${f0(v.recommendation.sustainableRps)} | ${ceiling ? flag(v.recommendation.sustainableRps / ceiling) : '–'} | ${f1(v.mixInputs.cpuMsPerRequest)} | ${flag(a.ratios.mixInputs.cpu)} |`);
  }
  L.push('');
  L.push('## Misses over 15 % and what the figures show', '');
  for (const a of an.cells) {
    const ms = a.misses.filter((x) => x.variant === 'recommendation' || x.variant === 'mixInputs');
    if (!ms.length) continue;
    L.push(`* **${a.id}**: ${ms.map((x) => `${x.variant} ${x.what} ×${f2(x.ratio)}${x.causes.length ? ` (${x.causes.join('; ')})` : ''}`).join(' · ')}`);
  }
  const d = an.derived;
  L.push('', '## Figures the model could use instead', '');
  L.push(`* CPU share of a request (mix at c=1; the model assumes 0.5 for \`mixed\`, 0.1 for \`io\`): ${d.cpuShare.map((x) => `${x.app} ${f2(x.cpuFraction)} (${f2(x.mixCpuMs)} of ${f1(x.mixLatencyMs)} ms)`).join(', ')}.`);
  if (d.perBusyThread.length)
    L.push(`* Private memory per busy thread (worker USS under load − calibrate's 1-thread USS, ÷ (threads − 1); the model uses 152 KiB): ${d.perBusyThread.map((x) => `${x.cell} ${f0(x.perThreadBytes / 1024)} KiB × ${x.threads}`).join(', ')}.`);
  if (d.perConnection.length) L.push(`* Per connection (Δ total PSS c=512 vs c=16, same shape): ${d.perConnection.map((x) => `${x.app} ${x.cls} ${f1(x.bytes / 1024)} KiB`).join(', ')}.`);
  for (const [cls, xs] of Object.entries(d.skewByClass)) L.push(`* Keep-alive skew, ${cls}: busiest worker's share of requests ${xs.map((x) => `${x.cell.split('/').slice(-1)[0]} ${x.workers}w ${rng(x, f2)}`).join(', ')}.`);
  L.push('');
  const failed = an.cells.filter((a) => a.measured.failed.length);
  if (failed.length) {
    L.push('## Failed runs', '');
    for (const a of failed) L.push(`* ${a.id}: ${a.measured.failed.join(' | ')}`);
    L.push('');
  }
  if (fs.existsSync(READING)) L.push(fs.readFileSync(READING, 'utf8').trim(), '');
  L.push('## Commands', '');
  for (const [k, a] of Object.entries(res.apps)) for (const [cls, c] of Object.entries(a.calibrations ?? {})) L.push(`* ${k} · ${cls}: \`${c.command}\``);
  for (const cell of res.cells) L.push(`* ${cell.app}/${cell.cls}/c${cell.connections}: \`${cell.tuneCommand}\` → \`${cell.cmd}\``);
  L.push('');
  return L.join('\n');
}

/** The done-means of the real-app runs: a verdict per target, then per cell (under a heading of its own unless `heading` is false). */
export function targetLines(t, { heading = true } = {}) {
  if (!t) return [];
  const pct = `±${Math.round(t.tolerance * 100)} %`;
  const L = heading ? ['## Targets', ''] : [];
  L.push('| target | cells within |', '|---|---|');
  L.push(`| predicted total PSS within ${pct} of the measured median | ${t.memory.passed} of ${t.memory.total} |`);
  L.push(`| IO mix (\`<app>:io\`): predicted req/s within ${pct} of the measured median | ${t.rateIo.passed} of ${t.rateIo.total} |`);
  L.push(`| the apps' own (CPU-heavy) mixes: predicted req/s within ${pct} of at least one rep (the noise: fastest ÷ slowest rep) | ${t.rateMixed.passed} of ${t.rateMixed.total} |`);
  L.push('', '| cell | memory ratio | req/s ratio, median (per rep) | noise | verdict |', '|---|---|---|---|---|');
  for (const x of t.items) {
    const rate = `${f2(x.rate)}${x.rateRange ? ` (${f2(x.rateRange[0])}–${f2(x.rateRange[1])})` : ''}`;
    const miss = [x.memoryPass ? null : 'memory', x.ratePass ? null : 'rate'].filter(Boolean);
    L.push(`| ${x.id} | ${flag(x.memory)} | ${rate} | ${f2(x.noise)}× | ${miss.length ? `**miss: ${miss.join(', ')}**` : 'within'} |`);
  }
  L.push('');
  return L;
}
