// One measured run of a configuration (boot, readiness, warm-up, drain, quiet wait, wrk with PSS and
// CPU sampled, stop), and the c=1 calibration that gives tune the service time of /cpu.
import { startServer, cpuSeconds, machineCpuSeconds, runWrk, waitForWorkers, sleep } from '../lib/index.mjs';
import { commandOf, printable } from './commands.mjs';
import { f2, r2 } from './format.mjs';
import { cpuDelta, cpuSnapshot, samplePss, waitForQuiet, waitForTree } from './server-tree.mjs';
import { APP, APPS_DIR, IMBALANCE_SHARE, OTHER_SHARE, STALL_MS } from './settings.mjs';

async function startWithRetry(cfg, env) {
  const { cmd, args } = commandOf(cfg.spec);
  let lastErr;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await startServer({ cmd, args, env, cwd: APPS_DIR, readyPath: '/', readyTimeoutMs: 30000, label: cfg.id });
    } catch (e) {
      lastErr = e;
      if (!/address already in use|Errno 98/i.test(e.message)) throw e;
    }
  }
  throw lastErr;
}

const wrkPick = (r) => ({
  rps: r.rps,
  requests: r.requests,
  durationS: r.durationS,
  p50Ms: r.p50Ms,
  p90Ms: r.p90Ms,
  p99Ms: r.p99Ms,
  avgLatencyMs: r.avgLatencyMs,
  errors: r.errors,
  timeouts: r.timeouts,
  socketErrors: r.socketErrors,
  non2xx: r.non2xx,
});

export async function runOnce(cfg, block, rep, opts, env) {
  const t0 = Date.now();
  const out = { config: cfg.id, rep, ok: false };
  const server = await startWithRetry(cfg, env);
  try {
    out.bootMs = Date.now() - t0;
    const warnings = [];
    // gunicorn forks its workers one by one (a random 0–0.1 s apart: 64 workers take ~3 s), so wait
    // for the process tree first, then for /pid answers. Which idle sync worker wins accept() is far
    // from uniform (5 workers need hundreds of requests to all answer), so /pid coverage is best-effort:
    // at most 40 requests per expected worker.
    const tree = await waitForTree(cfg, server.pid, 30000);
    const ready = await waitForWorkers(server.url, cfg.workers, { timeoutMs: 15000, maxRequests: Math.max(200, 40 * cfg.workers) });
    out.ready = { workerProcesses: tree.workers, workersAnswered: ready.pids.length, expected: cfg.workers, requests: ready.requests, ms: Date.now() - t0 - out.bootMs };
    if (tree.workers !== cfg.workers) warnings.push(`${tree.workers}/${cfg.workers} worker processes before the run`);
    // (Partial /pid coverage with every process up is normal for sync workers: see above.)
    if (rep === 0) {
      const c1 = await runWrk({ url: `${server.url}/`, connections: 1, threads: 1, durationS: 1, timeoutS: 2 });
      out.c1 = { p50Ms: c1.p50Ms, p99Ms: c1.p99Ms, rps: c1.rps };
      if (c1.p50Ms != null && c1.p50Ms > STALL_MS) warnings.push(`c=1 latency on / is ${c1.p50Ms} ms (a per-request stall)`);
    }
    const url = `${server.url}/${block.workload}`;
    await runWrk({ url, connections: block.c, threads: 2, durationS: opts.warmupS, timeoutS: 2 });
    await sleep(opts.drainMs);
    out.quiet = await waitForQuiet(cfg, server.pid);
    if (!out.quiet.quiet) warnings.push(`machine not quiet before the run (other processes used ${f2(out.quiet.lastOtherShare)} of a core)`);
    const before = cpuSnapshot(cfg, server.pid);
    const m0 = machineCpuSeconds();
    const self0 = process.cpuUsage();
    let wrkPid = null;
    let wrkCpuS = 0;
    const poll = setInterval(() => {
      const c = wrkPid ? cpuSeconds(wrkPid) : null;
      if (c) wrkCpuS = c.total;
    }, 200);
    const run = runWrk({ url, connections: block.c, threads: 2, durationS: opts.runS, timeoutS: 2, onSpawn: (pid) => (wrkPid = pid) });
    run.catch(() => {}); // awaited below
    run.finally(() => clearInterval(poll)).catch(() => {});
    let pss = null;
    let pssError = null;
    try {
      await sleep((opts.runS * 1000) / 2);
      pss = samplePss(cfg, server.pid);
    } catch (e) {
      pssError = e;
    }
    const wrk = await run;
    out.cpu = cpuDelta(before);
    const m1 = machineCpuSeconds();
    const self = process.cpuUsage(self0);
    const busyS = m1.busyS - m0.busyS;
    const driverS = (self.user + self.system) / 1e6;
    const otherS = busyS - out.cpu.totalS - wrkCpuS - driverS;
    out.machine = { busyS: r2(busyS), serverS: out.cpu.totalS, wrkS: r2(wrkCpuS), driverS: r2(driverS), otherS: r2(otherS) };
    out.contaminated = otherS > OTHER_SHARE[block.workload] * opts.runS;
    if (out.contaminated) warnings.push(`other processes used ${f2(otherS)} CPU s during the run`);
    if (pssError) throw pssError;
    out.wrk = wrkPick(wrk);
    out.pss = pss;
    if (pss.workers !== cfg.workers) warnings.push(`expected ${cfg.workers} worker processes, found ${pss.workers}`);
    out.cpu.msPerRequest = wrk.requests > 0 ? Math.round(((out.cpu.totalS * 1000) / wrk.requests) * 100) / 100 : null;
    out.imbalanced = out.cpu.maxWorkerShare != null && out.cpu.maxWorkerShare > IMBALANCE_SHARE;
    const ex = server.exited();
    if (ex) throw new Error(`server exited during the run (code ${ex.code}, signal ${ex.signal})`);
    out.warnings = warnings;
    out.ok = true;
  } catch (e) {
    out.error = e.message.split('\n').slice(0, 6).join('\n');
  } finally {
    const st = await server.stop({ graceMs: 3000 });
    if (!st.gone) (out.warnings ??= []).push(`process group ${server.pgid} still alive after SIGKILL`);
    out.seconds = Math.round((Date.now() - t0) / 100) / 10;
  }
  return out;
}

/** Single-request latency of /cpu at c=1 (the service time passed to tune for the cpu workload). */
export async function calibrateCpu(framework, opts, env, path = '/cpu') {
  const cfg =
    framework === 'wsgi'
      ? { id: 'calibrate:flask', spec: { server: 'gunicorn', app: APP.wsgi, args: ['--workers', '1', '--worker-class', 'sync'] }, workers: 1, singleProcess: false }
      : { id: 'calibrate:fastapi', spec: { server: 'uvicorn', app: APP.asgi, args: [] }, workers: 1, singleProcess: true };
  const server = await startWithRetry(cfg, env);
  try {
    await waitForWorkers(server.url, 1);
    const url = `${server.url}${path}`;
    await runWrk({ url, connections: 1, threads: 1, durationS: 1, timeoutS: 2 });
    // Up to 3 attempts on a quiet machine; keep the one least disturbed by other processes.
    const attempts = [];
    for (let i = 0; i < 3; i++) {
      const quiet = await waitForQuiet(cfg, server.pid);
      const before = cpuSnapshot(cfg, server.pid);
      const m0 = machineCpuSeconds();
      const self0 = process.cpuUsage();
      const r = await runWrk({ url, connections: 1, threads: 1, durationS: opts.calibrateS, timeoutS: 2 });
      const cpu = cpuDelta(before);
      const self = process.cpuUsage(self0);
      // wrk's own CPU at c=1 is small; it stays inside "other" here.
      const otherS = machineCpuSeconds().busyS - m0.busyS - cpu.totalS - (self.user + self.system) / 1e6;
      attempts.push({ quiet: quiet.quiet, otherS: r2(otherS), meanMs: r.avgLatencyMs, p50Ms: r.p50Ms, p99Ms: r.p99Ms, requests: r.requests, serverCpuMsPerRequest: r.requests ? r2((cpu.totalS * 1000) / r.requests) : null });
      if (otherS < OTHER_SHARE.cpu * opts.calibrateS) break;
    }
    const best = attempts.reduce((a, x) => (x.otherS < a.otherS ? x : a));
    return { server: printable(cfg.spec), ...best, latencyMsPassed: r2(best.meanMs), attempts };
  } finally {
    await server.stop({ graceMs: 3000 });
  }
}
