// bench/results/quality.md: the targets' verdicts, what the failures point to in the model, the
// method, and per block and framework the measured table, tune ÷ anchor ratios and run notes.
import { sum } from '../lib/index.mjs';
import { f0, f1, f2, M, PF, ratioText, rng } from './format.mjs';
import { realAppsLines } from './real-apps.mjs';
import {
  BUDGET,
  BUDGET_BYTES,
  FRAMEWORK_NAME,
  GiB,
  IMBALANCE_SHARE,
  IO_LATENCY_MS,
  LITTLE_TARGET,
  NOISE_RATIO,
  OTHER_SHARE,
  P99_NOISE,
  PREDICTION_TOLERANCE,
  QUIET_SHARE,
  QUIET_WAIT_MS,
  QUIET_WINDOW_MS,
  STALL_MS,
} from './settings.mjs';

/** The page: title and provenance, the targets, the findings, the method, then the blocks. */
export function markdown(res) {
  const L = [];
  L.push(...provenance(res));
  L.push('## Summary of the targets', '');
  L.push(...targetTables(res));
  if (res.findings?.length) {
    L.push('## What the failures point to in the model', '');
    for (const f of res.findings) L.push(`* ${f}`);
    L.push('');
  }
  L.push(...method(res));
  for (const blk of res.blocks) {
    if (!blk.analysis) continue;
    for (const fw of ['wsgi', 'asgi']) L.push(...frameworkSection(res, blk, fw));
  }
  if (res.skipped?.length) L.push(`Skipped (time limit): ${res.skipped.length} runs.`, '');
  return L.join('\n');
}

function provenance(res) {
  const L = [];
  const mc = res.machine;
  L.push('# Recommendation quality: tune vs the rules of thumb, on real servers', '');
  L.push(`Produced by \`${res.command}\` on ${res.measuredAt}; the run took ${(res.durationS / 60).toFixed(1)} min${res.mode !== 'full' ? ` (mode: ${res.mode})` : ''}. Raw data: \`${res.outJson}\`.${res.reanalysedAt ? ` Analysis and this page regenerated from the recorded runs by \`node bench/quality.mjs --report ${res.outJson}\` on ${res.reanalysedAt}.` : ''}`, '');
  L.push(`Machine: ${mc.cpus} CPUs (${mc.cpuModel}), ${(mc.memTotalBytes / GiB).toFixed(1)} GiB RAM, ${mc.os}, kernel ${mc.kernel}, Python ${mc.python}, wrk ${mc.wrk}, Node ${mc.node}. Versions: ${Object.entries(mc.versions).map(([k, v]) => `${k} ${v}`).join(', ')}.`, '');
  if (res.git) L.push(`Model measured: dist/ built from the work tree at commit ${res.git.head}${res.git.srcChangedFiles ? ` with ${res.git.srcChangedFiles} uncommitted file(s) under src/` : ''}.`, '');
  L.push(`Shape given to tune: ${res.cpus} CPUs, a ${BUDGET_BYTES / GiB} GiB budget (headroom ${Math.round(res.headroom * 100)} %), \`users\` = the offered concurrency c, memory profile per class from \`bench/results/memory.json\` (${res.memoryProfileMeasuredAt}; load figures; preload share: Flask sync + gc.freeze for sync/gthread, FastAPI + gc.freeze for uvicorn-worker).`, '');
  return L;
}

/** The verdict of each target, then one table per target with its scenarios. */
function targetTables(res) {
  const L = [];
  const T = res.targets;
  L.push('| target | verdict |', '|---|---|');
  L.push(`| (a) IO: tune's gthread, gevent, uvicorn, uvicorn-worker reach ≥ ${LITTLE_TARGET} × the Little's-law ceiling c/latency | ${PF(T.a.pass)} (${T.a.passed}/${T.a.total}) |`);
  L.push(`| (b) no recommendation slower than the best anchor of its framework beyond noise, nor worse at p99 | ${PF(T.b.pass)} (${T.b.passed}/${T.b.total}) |`);
  L.push(`| (c) measured total PSS ≤ budget (${BUDGET_BYTES / GiB} GiB) | ${PF(T.c.pass)} (${T.c.passed}/${T.c.total}) |`);
  L.push(`| (d) predicted total PSS and predicted rate within ±${PREDICTION_TOLERANCE * 100} % of measured | ${PF(T.d.pass)} (${T.d.passed}/${T.d.total}) |`);
  const e = res.realApps;
  if (e) L.push(`| (e) real-looking apps (Django, Flask + pandas, FastAPI) after tune calibrate: total PSS within ±${e.tolerance * 100} %, req/s within ±${e.tolerance * 100} % for IO and within the reps' noise for the CPU-heavy mixes | ${PF(e.pass)} (memory ${e.memory.passed}/${e.memory.total}, IO rate ${e.rateIo.passed}/${e.rateIo.total}, mixed rate ${e.rateMixed.passed}/${e.rateMixed.total}) |`);
  L.push('');
  L.push(`**(a)** tune's req/s (median [min–max]) over c/${IO_LATENCY_MS} ms:`, '');
  L.push('| scenario | tune req/s | c/latency | median fraction | min fraction | verdict |', '|---|---|---|---|---|---|');
  for (const x of T.a.items) L.push(`| ${x.scenario} | ${x.rpsText} | ${x.ceiling} | ${f2(x.fraction)} | ${f2(x.minFraction)} | ${PF(x.pass)} |`);
  L.push('');
  L.push(`**(b)** per-rep ratios, median [min–max], tune ÷ the best anchor of tune's own worker class in the same block (highest median req/s; for gevent, which no anchor uses, the best of its framework). Throughput passes when the range includes 1 or lies at or above ${NOISE_RATIO} (that is the noise rule); p99 passes when the range of tune's p99 ÷ the anchor's includes 1 or lies at or below ${P99_NOISE}; wrk timeouts or errors where that anchor had none fail too (wrk's p99 leaves timed-out requests out). The last column compares with the best anchor of the whole framework where that is a different anchor.`, '');
  L.push('| scenario | best anchor of the class | req/s ratio | p99 ratio | errors+timeouts tune / anchor | verdict | best of the framework: req/s, p99 |', '|---|---|---|---|---|---|---|');
  for (const x of T.b.items) {
    const sc = x.sameClass ? `${res.labels[x.sameClass.anchor]}: ${ratioText(x.sameClass.rps)}, ${ratioText(x.sameClass.p99)}` : '–';
    L.push(`| ${x.scenario} | ${res.labels[x.bestAnchor]} | ${ratioText(x.rpsRatio)} | ${ratioText(x.p99Ratio)} | ${x.errorsTimeouts.tune} / ${x.errorsTimeouts.bestAnchor} | ${PF(x.pass)} | ${sc} |`);
  }
  L.push('');
  L.push('**(c)** largest total PSS sampled in any rep (MiB):', '');
  L.push('| scenario | measured PSS | budget | usable (budget − headroom) | verdict |', '|---|---|---|---|---|');
  for (const x of T.c.items) L.push(`| ${x.scenario} | ${M(x.measuredMaxPssBytes)} | ${M(x.budgetBytes)} | ${M(x.usableBytes)} | ${PF(x.pass)} |`);
  L.push('');
  L.push('**(d)** predicted ÷ measured (medians). Rate basis: min(users, slots)/latency for io, capacity.sustainableRps for cpu; capacity.sustainableRps for the io rows is shown apart (not judged).', '');
  L.push('| scenario | PSS MiB predicted / measured | ratio | rate predicted / measured | ratio | io: sustainableRps ÷ measured | verdict |', '|---|---|---|---|---|---|---|');
  for (const x of T.d.items) {
    const io = x.rate.basis.startsWith('min');
    L.push(`| ${x.scenario} | ${M(x.memory.predictedBytes)} / ${M(x.memory.measuredBytes)} | ${f2(x.memory.ratio)}${x.memory.pass ? '' : ' ✗'} | ${f0(x.rate.predictedRps)} / ${f0(x.rate.measuredRps)} | ${f2(x.rate.ratio)}${x.rate.pass ? '' : ' ✗'} | ${io ? `${f0(x.sustainable.rps)} ÷ ${f0(x.rate.measuredRps)} = ${f2(x.sustainable.ratio)}` : '–'} | ${PF(x.pass)} |`);
  }
  L.push('');
  L.push(...realAppsLines(res.realApps));
  return L;
}

function method(res) {
  const L = [];
  L.push('## Method', '');
  L.push(`* Blocks: ${res.blocks.map((b) => `${b.workload} c=${b.c} (${b.reps} rep${b.reps > 1 ? 's' : ''})`).join(', ')}. Within a block every config runs once per rep, in alternating order (reversed on odd reps); the server is started fresh for every run and its whole process group stopped afterwards.`);
  L.push(`* Run: boot on a free 127.0.0.1 port → wait until every worker answered \`/pid\` → (rep 1 only) \`wrk -t1 -c1 -d1s\` on \`/\` (latency floor; > ${STALL_MS} ms flags a stall) → ${res.options.warmupS} s warm-up at c → ${res.options.drainMs / 1000} s drain → \`wrk -t2 -c<c> -d${res.options.runS}s --latency --timeout 2s\` on \`/io\` or \`/cpu\`; total PSS summed over the process tree from smaps_rollup ${res.options.runS / 2} s into the run; CPU seconds (utime+stime) of every process over the run.`);
  L.push(`* Other load on the machine: this box is shared (other sessions build and test here). Before each measured run the driver waits (≤ ${QUIET_WAIT_MS / 1000} s) for a ${QUIET_WINDOW_MS} ms window where processes other than the server and the driver use < ${QUIET_SHARE * 100} % of a core; during the run it counts machine CPU (/proc/stat) minus the server's, wrk's and its own, and a run where that exceeds ${OTHER_SHARE.cpu} (cpu) or ${OTHER_SHARE.io} (io) CPU s per run second is run again once (the cleaner attempt is kept; both are in the JSON). Runs kept with contamination: ${res.blocks.reduce((n, b) => n + b.runs.filter((r) => r.contaminated).length, 0)}; runs repeated: ${res.blocks.reduce((n, b) => n + b.runs.filter((r) => r.discarded?.length).length, 0)}.`);
  L.push('* Access logs off everywhere (uvicorn `--no-access-log`; gunicorn and waitress log none by default). WSGI configs serve `bench/apps/flask_app.py`, ASGI configs `bench/apps/fastapi_app.py`; tune is compared only with anchors of its framework.');
  L.push(`* tune's input: \`{ cpus: ${res.cpus}, mem: '${BUDGET}', workerClass, workload, latencyMs, users: c, workerMem, profile, legacyUvicornWorker: true }\`; latencyMs = ${IO_LATENCY_MS} for io and, for cpu, the mean c=1 latency of \`/cpu\` measured first: ${Object.entries(res.calibration).map(([fw, c]) => `${FRAMEWORK_NAME[fw]} ${f2(c.meanMs)} ms (p50 ${f2(c.p50Ms)}, server CPU ${f2(c.serverCpuMsPerRequest)} ms/request, \`${c.server}\`)`).join('; ')}.`);
  L.push("* Settings → command line: gunicorn `--workers --worker-class --threads --worker-connections --timeout --graceful-timeout --keep-alive --max-requests --max-requests-jitter --backlog --preload`, plus `--config gcfreeze.conf.py` (gc.freeze() in when_ready) when tune preloads and `--worker-tmp-dir /dev/shm`, as tune's gunicorn.conf.py does; uvicorn `--workers --loop --backlog --timeout-keep-alive --limit-concurrency` exactly as emitted (when tune names no loop, `--loop asyncio --http h11` is pinned: what a plain `pip install uvicorn` resolves to, the case of tune's UVICORN_NODELAY warning); waitress `waitress-serve --threads --connection-limit --channel-timeout --cleanup-interval --backlog --recv-bytes`.");
  L.push('* Anchors as users run them: `uvicorn --workers N` without a loop flag resolves to uvloop + httptools on this box (both installed); tiangolo\'s row uses his gunicorn_conf.py values (keep-alive 5, timeout 120, worker_tmp_dir /dev/shm). ' + (res.mergedAnchors.length ? 'Anchors that are the same command on this machine run once: ' + res.mergedAnchors.map((m) => `${m.label} = ${m.names.join(' = ')}`).join('; ') + '.' : ''));
  L.push(`* "Little" = Little's-law ceiling min(c, slots)/${IO_LATENCY_MS} ms (unbounded asyncio/gevent: c); "pred. rate" = min(users, slots)/latency for io, capacity.sustainableRps for cpu; "model" columns for anchors are the same model (evaluate()) applied to the anchor's shape with its class's profile, i.e. what \`tune check\` would say. "imbal." counts runs where one worker did > ${IMBALANCE_SHARE * 100} % of the workers' CPU.`);
  L.push('');
  return L;
}

/** One block × framework: commands, the measured table, tune ÷ anchor ratios, tune's figures, run notes. */
function frameworkSection(res, blk, fw) {
  const L = [];
  const { summaries, scenarios } = blk.analysis;
  const cfgs = blk.configs.filter((c) => c.framework === fw);
  const tunes = cfgs.filter((c) => c.kind === 'tune');
  if (!tunes.length) return [];
  const anchors = cfgs.filter((c) => c.kind === 'anchor');
  L.push(`## ${blk.workload} · c=${blk.c} · ${FRAMEWORK_NAME[fw]} — ${blk.reps} rep${blk.reps > 1 ? 's' : ''}`, '');
  L.push('Scenarios ' + tunes.map((t) => `**${t.cls}**`).join(', ') + ` × ${blk.workload}. Commands (PORT = a free port):`, '');
  for (const c of cfgs) L.push(`* ${c.label}: \`${c.cmdline}\``);
  L.push('');
  const io = blk.workload === 'io';
  L.push(`| config | req/s median [min–max] | p50 ms | p99 ms | errors / timeouts | imbal. | c=1 / ms | CPU ms/req | PSS MiB measured | PSS MiB predicted (pred/meas) |${io ? ' Little req/s | ÷ Little |' : ''} pred. rate (pred/meas) | sustainableRps (÷ meas) |`);
  L.push(`|---|---|---|---|---|---|---|---|---|---|${io ? '---|---|' : ''}---|---|`);
  for (const c of [...tunes, ...anchors]) {
    const s = summaries[c.id];
    const name = c.kind === 'tune' ? `**${c.label}**` : c.label;
    const c1 = s.c1P50Ms == null ? '–' : `${f1(s.c1P50Ms)}${s.c1P50Ms > STALL_MS ? ' ⚠' : ''}`;
    L.push(
      `| ${name} | ${rng(s.rps)} | ${rng(s.p50Ms)} | ${rng(s.p99Ms)} | ${s.okRuns ? `${s.errors} / ${s.timeouts}` : 'failed'} | ${s.imbalancedRuns}/${s.okRuns} | ${c1} | ${f1(s.cpuMsPerRequest.median)} | ${rng(s.pssBytes, M)} | ${M(s.predictedPssBytes)} (${f2(s.pssPredictedOverMeasured)}) |${io ? ` ${f0(s.littleCeilingRps)} | ${f2(s.littleFraction)} |` : ''} ${f0(s.predictedRps)} (${f2(s.ratePredictedOverMeasured)}) | ${f0(s.sustainableRps)} (${f2(s.sustainableOverMeasured)}) |`,
    );
  }
  L.push('');
  L.push('tune ÷ anchor, req/s and p99, per-rep ratios median [min–max]:', '');
  L.push(`| tune row | ${anchors.map((a) => `÷ ${a.label} req/s | p99`).join(' | ')} | best anchor | (b) |`);
  L.push(`|---|${anchors.map(() => '---|---').join('|')}|---|---|`);
  for (const t of tunes) {
    const sc = scenarios.find((x) => x.tune === t.id);
    const tb = res.targets.b.items.find((x) => x.scenario === `${t.cls} · ${blk.workload} c=${blk.c}`);
    L.push(`| **${t.label}** | ${anchors.map((a) => `${ratioText(sc.vs[a.id].rps)} | ${ratioText(sc.vs[a.id].p99)}`).join(' | ')} | ${sc.bestAnchor ? res.labels[sc.bestAnchor] : '–'} | ${tb ? PF(tb.pass) : '–'} |`);
  }
  L.push('');
  for (const t of tunes) {
    const rec = t.recommendation;
    const s = summaries[t.id];
    const med = s.medianRunCpu;
    const w = rec.warnings.filter((x) => x.severity !== 'info').map((x) => x.code);
    L.push(
      `* tune ${t.cls}: settings ${Object.entries(rec.settings)
        .filter(([k, v]) => v !== null && !['bind', 'host', 'port', 'listen'].includes(k))
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}; capacity slots ${rec.capacity.slots ?? 'unbounded'}, sustainable ${rec.capacity.sustainableRps} req/s (limited by ${rec.capacity.limitedBy}; io ceiling ${rec.capacity.ioCeilingRps ?? '–'}, cpu ceiling ${rec.capacity.cpuCeilingRps} at ${rec.capacity.cpuMsPerRequest} ms CPU/request), expected latency ${rec.capacity.expectedLatencyMs ?? '–'} ms vs measured mean ${f1(s.avgLatencyMs.median)} ms; warnings: ${w.join(', ') || 'none'}${med ? `; CPU s in the median run: master ${f2(med.masterS)}, ${workerCpuText(med.workersS)}${med.extrasS ? `, extra ${f2(med.extrasS)}` : ''}` : ''}.`,
    );
  }
  const failures = blk.runs.filter((r) => !r.ok && cfgs.some((c) => c.id === r.config));
  const shown = (r) => (r.warnings ?? []).filter((w) => !/answered \/pid/.test(w)); // older runs recorded partial /pid coverage as a warning
  const warns = blk.runs.filter((r) => shown(r).length && cfgs.some((c) => c.id === r.config));
  for (const r of failures) L.push(`* FAILED run ${res.labels[r.config]} rep ${r.rep + 1}: ${r.error.split('\n')[0]}`);
  for (const r of warns) L.push(`* note ${res.labels[r.config]} rep ${r.rep + 1}: ${shown(r).join('; ')}`);
  for (const r of blk.runs.filter((x) => x.discarded?.length && cfgs.some((c) => c.id === x.config)))
    L.push(`* ${res.labels[r.config]} rep ${r.rep + 1} was run again: other processes used ${r.discarded.map((d) => (d.machine ? `${f2(d.machine.otherS)} CPU s` : 'failed')).join(', ')} during the first attempt (kept: ${f2(r.machine?.otherS)} s).`);
  L.push('');
  return L;
}

/** Per-worker CPU seconds: each one for a few workers, a summary for many. */
function workerCpuText(xs) {
  const v = xs.filter((x) => x != null);
  if (v.length <= 8) return `workers ${v.map(f2).join(' / ')}`;
  return `${v.length} workers ${f2(Math.min(...v))}–${f2(Math.max(...v))} each (sum ${f2(sum(v))})`;
}
