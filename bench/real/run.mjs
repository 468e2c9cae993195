// One measured run of a server under wrk: boot, wait for every worker, warm up, drain, wait for a
// quiet machine, then load it while sampling the process tree's memory, threads and connections.
import fs from 'node:fs';
import path from 'node:path';
import {
  startServer,
  runWrk,
  waitForWorkers,
  cpuSeconds,
  machineCpuSeconds,
  sleep,
  sum,
} from '../lib/index.mjs';
import { commandOf, isSingleProcess, workerCount } from './commands.mjs';
import { connectionsByProcess, roles, sampleTree } from './procinfo.mjs';
import { workerCounts } from './apps.mjs';

const r2 = (x) => (x == null || !Number.isFinite(x) ? null : Math.round(x * 100) / 100);
// Before a run: wait (at most QUIET_WAIT_MS) for a QUIET_WINDOW_MS window in which everything but
// the server and this driver used under QUIET_SHARE of one core (bench/quality.mjs does the same).
const QUIET_WINDOW_MS = 500;
const QUIET_SHARE = 0.15;
const QUIET_WAIT_MS = 10_000;

export const loadAvg = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);

async function startWithRetry(spec, env, cwd) {
  const { cmd, args } = commandOf(spec);
  let last;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startServer({ cmd, args, env, cwd, readyPath: '/pid', readyTimeoutMs: 60_000, label: `${path.basename(cmd)} ${spec.app}` });
    } catch (e) {
      last = e;
      if (!/address already in use|Errno 98/i.test(e.message)) throw e;
    }
  }
  throw last;
}

function cpuOf(pids) {
  return Object.fromEntries(pids.map((pid) => [pid, cpuSeconds(pid)?.total ?? null]));
}

async function waitForQuiet(rootPid, single, maxWaitMs = QUIET_WAIT_MS) {
  const t0 = Date.now();
  for (;;) {
    const pids = (() => {
      const r = roles(rootPid, single);
      return [r.master, ...r.workers, ...r.helpers].filter(Boolean).map((p) => p.pid);
    })();
    const c0 = cpuOf(pids);
    const m0 = machineCpuSeconds();
    const self0 = process.cpuUsage();
    await sleep(QUIET_WINDOW_MS);
    const server = sum(pids.map((p) => (cpuSeconds(p)?.total ?? c0[p] ?? 0) - (c0[p] ?? 0)));
    const self = process.cpuUsage(self0);
    const share = (machineCpuSeconds().busyS - m0.busyS - server - (self.user + self.system) / 1e6) / (QUIET_WINDOW_MS / 1000);
    if (share < QUIET_SHARE) return { quiet: true, waitedMs: Date.now() - t0, otherShare: r2(share) };
    if (Date.now() - t0 > maxWaitMs) return { quiet: false, waitedMs: Date.now() - t0, otherShare: r2(share) };
  }
}

/**
 * Boot `spec` in `cwd`, then run `wrk -t2 -c<connections> -d<durationS>` with the Lua mix `luaPath`.
 * Memory (PSS/USS/threads per process, total PSS) is sampled every `sampleEveryMs` from 1 s into the
 * run; connections per worker once, half-way. Returns the figures; the server is always stopped.
 *
 * Long: one run's steps in the order they happen (boot, warm-up, load with sampling, drain, stop), sharing its clock and server.
 */
export async function measuredRun({ spec, cwd, env, luaPath, connections, durationS = 8, warmupS = 2, drainMs = 3000, sampleEveryMs = 1000, timeoutS = 5, skipWarmup = false, quietWaitMs = QUIET_WAIT_MS }) {
  const out = { ok: false, loadAvg: loadAvg(), warnings: [] };
  const single = isSingleProcess(spec);
  const expected = workerCount(spec);
  const t0 = Date.now();
  const server = await startWithRetry(spec, env, cwd);
  try {
    out.bootMs = Date.now() - t0;
    const deadline = Date.now() + 60_000;
    while (roles(server.pid, single).workers.length < expected && Date.now() < deadline) await sleep(100);
    const ready = await waitForWorkers(server.url, expected, { timeoutMs: 20_000, maxRequests: Math.max(200, 40 * expected) });
    out.ready = { workersAnswered: ready.pids.length, expected };
    const extra = ['-s', luaPath];
    if (!skipWarmup) {
      await runWrk({ url: server.url, connections, threads: 2, durationS: warmupS, timeoutS, extraArgs: extra });
      await sleep(drainMs);
    }
    out.quiet = await waitForQuiet(server.pid, single, quietWaitMs);
    if (!out.quiet.quiet) out.warnings.push(`machine not quiet before the run (others used ${out.quiet.otherShare} of a core)`);
    const r0 = roles(server.pid, single);
    const pids = [r0.master, ...r0.workers, ...r0.helpers].filter(Boolean).map((p) => p.pid);
    const cpu0 = cpuOf(pids);
    const m0 = machineCpuSeconds();
    const self0 = process.cpuUsage();
    let wrkPid = null;
    let wrkCpuS = 0;
    const samples = [];
    let connSample = null;
    const timers = [];
    const poll = setInterval(() => {
      const c = wrkPid ? cpuSeconds(wrkPid) : null;
      if (c) wrkCpuS = c.total;
    }, 200);
    for (let at = 1000; at < durationS * 1000; at += sampleEveryMs) {
      timers.push(setTimeout(() => {
        try {
          samples.push(sampleTree(server.pid, single));
        } catch (e) {
          out.warnings.push(`sample failed: ${e.message}`);
        }
      }, at));
    }
    timers.push(setTimeout(() => {
      const r = roles(server.pid, single);
      connSample = connectionsByProcess(r.workers.map((w) => w.pid), server.port);
    }, (durationS * 1000) / 2 + 250));
    let wrk;
    try {
      wrk = await runWrk({ url: server.url, connections, threads: 2, durationS, timeoutS, extraArgs: extra, onSpawn: (pid) => (wrkPid = pid) });
    } finally {
      clearInterval(poll);
      timers.forEach(clearTimeout);
    }
    const cpuWorkers = r0.workers.map((w) => r2((cpuSeconds(w.pid)?.total ?? cpu0[w.pid]) - cpu0[w.pid]));
    const serverCpuS = sum(pids.map((p) => (cpuSeconds(p)?.total ?? cpu0[p]) - cpu0[p]));
    const self = process.cpuUsage(self0);
    const busyS = machineCpuSeconds().busyS - m0.busyS;
    out.machine = { busyS: r2(busyS), serverS: r2(serverCpuS), wrkS: r2(wrkCpuS), otherS: r2(busyS - serverCpuS - wrkCpuS - (self.user + self.system) / 1e6) };
    const counts = workerCounts(wrk.raw);
    const workerPids = r0.workers.map((w) => String(w.pid));
    out.wrk = { rps: wrk.rps, requests: wrk.requests, p50Ms: wrk.p50Ms, p90Ms: wrk.p90Ms, p99Ms: wrk.p99Ms, avgLatencyMs: wrk.avgLatencyMs, errors: wrk.errors, timeouts: wrk.timeouts, socketErrors: wrk.socketErrors, non2xx: wrk.non2xx };
    out.workers = r0.workers.map((w, i) => ({ pid: w.pid, cpuS: cpuWorkers[i], requests: counts[String(w.pid)] ?? 0, connections: connSample?.[w.pid] ?? null }));
    const unknown = Object.keys(counts).filter((p) => !workerPids.includes(p));
    if (unknown.length) out.warnings.push(`responses from processes that were not workers at the start: ${unknown.join(', ')} (a worker restarted?)`);
    const shares = (xs) => (xs.length > 1 && sum(xs) > 0 ? r2(Math.max(...xs) / sum(xs)) : null);
    out.skew = {
      maxCpuShare: shares(cpuWorkers.filter((x) => x != null)),
      maxRequestShare: shares(out.workers.map((w) => w.requests)),
      maxConnectionShare: shares(out.workers.map((w) => w.connections ?? 0)),
    };
    out.cpuMsPerRequest = wrk.requests ? r2((serverCpuS * 1000) / wrk.requests) : null;
    out.samples = samples.map((s) => ({ t: s.t, totalPss: s.totalPss }));
    const peak = samples.reduce((a, s) => (a && a.totalPss >= s.totalPss ? a : s), null);
    if (!peak) throw new Error('no memory sample during the run');
    out.peak = peak;
    out.totalPss = peak.totalPss;
    out.meanWorkerPss = Math.round(sum(peak.workers.map((w) => w.pss)) / peak.workers.length);
    out.meanWorkerUss = Math.round(sum(peak.workers.map((w) => w.uss)) / peak.workers.length);
    out.threadsPerWorker = peak.workers.map((w) => w.threads);
    if (peak.workers.length !== expected) out.warnings.push(`expected ${expected} workers, found ${peak.workers.length}`);
    const ex = server.exited();
    if (ex) throw new Error(`server exited during the run (code ${ex.code}, signal ${ex.signal})`);
    out.ok = true;
  } catch (e) {
    out.error = e.message.split('\n').slice(0, 8).join('\n');
  } finally {
    const st = await server.stop({ graceMs: 5000 });
    if (!st.gone) out.warnings.push(`process group ${server.pgid} still alive after SIGKILL`);
    out.seconds = Math.round((Date.now() - t0) / 100) / 10;
  }
  return out;
}
