// Measuring one configuration: boot it, warm it up until every worker answered, then read PSS / USS /
// RSS of every process of its tree at idle and under wrk load, as rows of memory.json.
import { startServer, processTree, smapsRollup, runWrk, httpGet, sleep, sum } from '../lib/index.mjs';
import { APPS_DIR, commandFor } from './configs.mjs';

/** Role of each process in a server tree: master / worker / extra (helper processes). */
function classify(cfg, tree) {
  const [root, ...rest] = tree.filter((p) => p.state !== 'Z');
  if (!root) throw new Error('server process tree is gone');
  if (cfg.singleProcess) return { master: null, workers: [root], extras: rest };
  const workers = [];
  const extras = [];
  for (const p of rest) {
    const isTracker = p.cmdline.join(' ').includes('resource_tracker');
    if (p.depth === 1 && !isTracker) workers.push(p);
    else extras.push(p);
  }
  return { master: root, workers, extras };
}

/** Read smaps_rollup of every process of the server's tree, as close together as possible. */
function sampleMemory(cfg, serverPid) {
  const tree = processTree(serverPid);
  const { master, workers, extras } = classify(cfg, tree);
  const read = (p) => {
    const r = smapsRollup(p.pid);
    if (!r) throw new Error(`process ${p.pid} vanished while sampling`);
    return r;
  };
  const m = master ? read(master) : null;
  const ws = workers.map(read);
  const xs = extras.map(read);
  const all = [m, ...ws, ...xs].filter(Boolean);
  const warnings = [];
  if (workers.length !== cfg.workers) warnings.push(`expected ${cfg.workers} workers, found ${workers.length}`);
  return {
    masterPssBytes: m ? m.Pss : 0,
    masterUssBytes: m ? m.Uss : 0,
    masterRssBytes: m ? m.Rss : 0,
    workerPssBytes: ws.map((r) => r.Pss),
    workerUssBytes: ws.map((r) => r.Uss),
    workerRssBytes: ws.map((r) => r.Rss),
    extraPssBytes: sum(xs.map((r) => r.Pss)),
    extraProcesses: extras.map((p, i) => ({
      pid: p.pid,
      role: p.cmdline.join(' ').includes('resource_tracker') ? 'resource_tracker' : 'other',
      cmdline: p.cmdline.join(' ').slice(0, 200),
      pssBytes: xs[i].Pss,
      ussBytes: xs[i].Uss,
      rssBytes: xs[i].Rss,
    })),
    totalPssBytes: sum(all.map((r) => r.Pss)),
    totalRssBytes: sum(all.map((r) => r.Rss)),
    pids: { master: master?.pid ?? null, workers: workers.map((p) => p.pid), extras: extras.map((p) => p.pid) },
    warnings,
  };
}

/**
 * Warm-up: GET /, /io, /cpu, /pid in turn, `concurrency` at a time, each on a new connection so
 * that the kernel spreads them over the workers; go on until >= minRequests were served and every
 * expected worker PID answered /pid (bounded by maxRequests and timeoutMs).
 */
async function warmUp(baseUrl, expectedWorkers, { minRequests = 100, concurrency = 8, maxRequests = 3000, timeoutMs = 20000 } = {}) {
  const paths = ['/', '/io', '/cpu', '/pid'];
  const pidsSeen = new Set();
  let sent = 0;
  let failed = 0;
  const deadline = Date.now() + timeoutMs;
  const done = () => (sent >= minRequests && pidsSeen.size >= expectedWorkers) || sent >= maxRequests || Date.now() > deadline;
  const lane = async () => {
    while (!done()) {
      const p = paths[sent++ % paths.length];
      try {
        const r = await httpGet(baseUrl + p, { timeoutMs: 5000 });
        if (r.status !== 200) failed++;
        else if (p === '/pid') pidsSeen.add(r.body.trim());
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { requests: sent, failed, workersAnswered: pidsSeen.size };
}

function wrkSummary(r) {
  return { rps: r.rps, requests: r.requests, p50Ms: r.p50Ms, p99Ms: r.p99Ms, errors: r.errors, timeouts: r.timeouts };
}

/** Run wrk on /io and sample memory `sampleAtS` seconds into it. */
async function loadSample(cfg, server, { connections, durationS, sampleAtS }) {
  const run = runWrk({ url: `${server.url}/io`, connections, threads: 2, durationS, timeoutS: 2 });
  run.catch(() => {}); // handled by the `await run` below; avoid an unhandled rejection meanwhile
  let sample;
  let sampleError;
  try {
    await sleep(sampleAtS * 1000);
    sample = sampleMemory(cfg, server.pid);
  } catch (e) {
    sampleError = e;
  }
  const wrk = await run; // always wait for wrk (bounded by -d and runWrk's own kill timer)
  if (sampleError) throw sampleError;
  return { sample, wrk };
}

function rowBase(cfg) {
  return {
    id: cfg.id,
    server: cfg.server,
    workerClass: cfg.workerClass,
    app: cfg.app,
    workers: cfg.workers,
    threads: cfg.threads,
    workerConnections: cfg.workerConnections,
    preload: cfg.preload,
    gcFreeze: cfg.gcFreeze,
    singleProcess: cfg.singleProcess,
  };
}

function toRow(cfg, phase, concurrency, sample, extra = {}) {
  const { pids, warnings, ...mem } = sample;
  return { ...rowBase(cfg), phase, concurrency, ...mem, ...extra, warnings };
}

async function startWithRetry(cfg, env) {
  let lastErr;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await startServer({
        cmd: commandFor(cfg, 0).cmd, // the executable does not depend on the port
        args: (port) => commandFor(cfg, port).args,
        env,
        cwd: APPS_DIR,
        readyPath: '/',
        readyTimeoutMs: 30000,
        label: cfg.id,
      });
    } catch (e) {
      lastErr = e;
      if (!/address already in use|Errno 98/i.test(e.message)) throw e;
    }
  }
  throw lastErr;
}

export async function measureConfig(cfg, opts, env) {
  const t0 = Date.now();
  const server = await startWithRetry(cfg, env);
  const rows = [];
  try {
    const warm = await warmUp(server.url, cfg.workers);
    await sleep(1000);
    const idle = sampleMemory(cfg, server.pid);
    if (warm.workersAnswered < cfg.workers) idle.warnings.push(`only ${warm.workersAnswered}/${cfg.workers} workers answered during warm-up`);
    rows.push(toRow(cfg, 'idle', 0, idle, { warmup: warm }));

    const l64 = await loadSample(cfg, server, { connections: 64, durationS: opts.loadS, sampleAtS: opts.sampleAtS });
    rows.push(toRow(cfg, 'load', 64, l64.sample, { wrk: wrkSummary(l64.wrk) }));

    if (cfg.c512) {
      await sleep(opts.drainMs); // let queued requests from closed connections finish
      const l512 = await loadSample(cfg, server, { connections: 512, durationS: opts.loadS, sampleAtS: opts.sampleAtS });
      rows.push(toRow(cfg, 'load', 512, l512.sample, { wrk: wrkSummary(l512.wrk) }));
    }
  } finally {
    const st = await server.stop({ graceMs: 5000 });
    if (!st.gone) process.stderr.write(`  warning: ${cfg.id}: process group ${server.pgid} still alive after SIGKILL\n`);
  }
  return { rows, seconds: (Date.now() - t0) / 1000 };
}

