// bench/results/memory.md: the method, the coefficients and every measured row.
import { mib } from '../lib/index.mjs';

export const M = (b) => (b == null ? '–' : mib(b, 1).toFixed(1));
const Mlist = (xs) => (xs?.length ? xs.map((b) => mib(b, 1).toFixed(1)).join(' / ') : '–');
const K = (b) => (b == null ? '–' : b === 0 ? '0' : `${(b / 1024).toFixed(1)} KiB`);

export function markdown(result) {
  const { machine: mc, rows, coefficients: co } = result;
  const L = [];
  L.push('# Memory of Python web-server worker configurations (minimal apps)', '');
  L.push(`Produced by \`${result.command}\` on ${result.measuredAt} (run took ${result.durationS.toFixed(0)} s${result.mode !== 'full' ? `, mode: ${result.mode}` : ''}).`);
  L.push(`Raw data: \`${result.outJson}\`. Rerun to check; the model's coefficients (src/core/coefficients.ts) come from here.`, '');
  L.push(`Machine: ${mc.cpus} CPUs (${mc.cpuModel}), ${(mc.memTotalBytes / 2 ** 30).toFixed(1)} GiB, ${mc.os}, kernel ${mc.kernel}, Python ${mc.python}, wrk ${mc.wrk}, Node ${mc.node}.`);
  L.push(`Versions: ${Object.entries(mc.versions).map(([k, v]) => `${k} ${v}`).join(', ')}.`, '');
  L.push('## Method', '');
  L.push('* Apps: `bench/apps/flask_app.py` (WSGI) and `bench/apps/fastapi_app.py` (ASGI), endpoints `/`, `/io` (50 ms sleep), `/cpu` (fixed loop), `/pid`.');
  L.push('* Each config is booted on a free 127.0.0.1 port. Access logs are off (uvicorn `--no-access-log`; gunicorn has none by default; waitress has none).');
  L.push('* **idle**: after boot, >= 100 warm-up requests on fresh connections (until every worker answered `/pid`), then 1 s rest.');
  L.push(`* **load**: sampled ${result.options.sampleAtS} s into a ${result.options.loadS} s \`wrk -t2 -c64\` run on \`/io\`; gevent and single-process uvicorn also at -c512 (after a ${result.options.drainMs / 1000} s drain).`);
  L.push('* Memory from `/proc/PID/smaps_rollup`: PSS (shared pages split among sharers; sums to the real total), USS = Private_Clean + Private_Dirty, RSS (over-counts shared pages in every process).');
  L.push('* Master = gunicorn arbiter / uvicorn supervisor; extra = helper processes (uvicorn `--workers` starts multiprocessing\'s resource_tracker). Single-process servers: the process is the worker, master 0.');
  L.push('');
  L.push('## Coefficients (MiB unless noted)', '');
  L.push('| class | source config | master PSS (load) | worker PSS idle | worker PSS load | worker USS load | per thread | per connection | extra (load) |');
  L.push('|---|---|---|---|---|---|---|---|---|');
  for (const [name, c] of Object.entries(co.classes)) {
    L.push(
      `| ${name} | ${c.source} | ${M(c.masterPssBytes.load)} | ${M(c.workerPssBytes.idle)} | ${M(c.workerPssBytes.load)} | ${M(c.workerUssBytes.load)} | ${K(c.perThreadBytes)} | ${K(c.perConnectionBytes)} | ${c.extraPssBytes ? M(c.extraPssBytes.load) : '0'} |`,
    );
  }
  L.push('');
  const g = co.classes.gthread;
  L.push(`* gthread per thread: ${K(g.perThreadBytes)} = Δ total PSS (t=32 vs t=1, load) / (workers · 31); the workers' own PSS alone gives ${K(g.perThreadBytesWorkerOnly)} (copy-on-write also raises the master's share); t=8 vs t=32: ${K(g.perThreadBytesT8toT32)}. gthread starts threads on demand, so at idle t=32 ≈ t=1. The gthread worker PSS above is at threads=1. (t=1 at c=64 has wrk timeouts by design: 2 slots for 64 connections.)`);
  L.push(`* waitress per thread: ${K(co.classes.waitress.perThreadBytes)} from threads=4 vs 16. Single-process uvicorn: ${M(co.classes.uvicorn.singleProcessPssBytes.idle)} idle, ${M(co.classes.uvicorn.singleProcessPssBytes.load)} load.`);
  L.push(`* Per connection: gevent ${K(co.perConnectionBytes.gevent)}, asyncio (uvicorn single process) ${K(co.perConnectionBytes.asyncio)}, from Δ total PSS c=512 vs c=64 / 448.`);
  L.push(`* uvicorn --workers resource_tracker PSS: ${M(co.resourceTrackerPssBytes.idle)} idle, ${M(co.resourceTrackerPssBytes.load)} load.`);
  L.push('');
  L.push('**Preload share s** (totalPreload = master + s·W + N·(1−s)·W, W = worker PSS without preload):', '');
  L.push('| app / server | base → preload config | s idle | s load |');
  L.push('|---|---|---|---|');
  for (const [name, s] of Object.entries(co.preloadShare)) L.push(`| ${name} | ${s.base} → ${s.preload} | ${s.idle ?? '–'} | ${s.load ?? '–'} |`);
  L.push('');
  L.push('## Rows (MiB)', '');
  L.push('| id | phase | c | master PSS | worker PSS | worker USS | extra PSS | total PSS | total RSS | wrk req/s | p99 ms | errors/timeouts |');
  L.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    L.push(
      `| ${r.id} | ${r.phase} | ${r.concurrency || '–'} | ${M(r.masterPssBytes)} | ${Mlist(r.workerPssBytes)} | ${Mlist(r.workerUssBytes)} | ${M(r.extraPssBytes)} | ${M(r.totalPssBytes)} | ${M(r.totalRssBytes)} | ${r.wrk ? r.wrk.rps.toFixed(0) : '–'} | ${r.wrk?.p99Ms != null ? r.wrk.p99Ms.toFixed(0) : '–'} | ${r.wrk ? `${r.wrk.errors}/${r.wrk.timeouts}` : '–'} |`,
    );
  }
  const warn = rows.filter((r) => r.warnings?.length);
  if (warn.length) {
    L.push('', '**Warnings:**', '');
    for (const r of warn) L.push(`* ${r.id} ${r.phase} c=${r.concurrency}: ${r.warnings.join('; ')}`);
  }
  if (result.failures?.length) {
    L.push('', '**Failed configs:**', '');
    for (const f of result.failures) L.push(`* ${f.id}: ${f.error.split('\n')[0]}`);
  }
  L.push('');
  return L.join('\n');
}
