// Figures of a running server's process tree: which process is the master, a worker or a helper;
// their total PSS; their CPU seconds over an interval; and whether the rest of the machine is quiet.
import { processTree, smapsRollup, cpuSeconds, machineCpuSeconds, sleep, sum } from '../lib/index.mjs';
import { r2 } from './format.mjs';
import { QUIET_SHARE, QUIET_WAIT_MS, QUIET_WINDOW_MS } from './settings.mjs';

function classify(cfg, tree) {
  const alive = tree.filter((p) => p.state !== 'Z');
  const [root, ...rest] = alive;
  if (!root) throw new Error('server process tree is gone');
  if (cfg.singleProcess) return { master: null, workers: [root], extras: rest };
  const workers = [];
  const extras = [];
  for (const p of rest) {
    if (p.depth === 1 && !p.cmdline.join(' ').includes('resource_tracker')) workers.push(p);
    else extras.push(p);
  }
  return { master: root, workers, extras };
}

export function samplePss(cfg, pid) {
  const { master, workers, extras } = classify(cfg, processTree(pid));
  const read = (p) => smapsRollup(p.pid)?.Pss ?? 0;
  const m = master ? read(master) : 0;
  const ws = workers.map(read);
  const xs = extras.map(read);
  return { totalBytes: m + sum(ws) + sum(xs), masterBytes: m, workerBytes: ws, extraBytes: sum(xs), workers: workers.length };
}

export function cpuSnapshot(cfg, pid) {
  const roles = classify(cfg, processTree(pid));
  const snap = (p) => ({ pid: p.pid, s: cpuSeconds(p.pid)?.total ?? null });
  return { master: roles.master ? snap(roles.master) : null, workers: roles.workers.map(snap), extras: roles.extras.map(snap) };
}

export function cpuDelta(before) {
  const d = (x) => {
    if (!x || x.s == null) return null;
    const now = cpuSeconds(x.pid)?.total;
    return now == null ? null : Math.round((now - x.s) * 100) / 100;
  };
  const workers = before.workers.map(d);
  const master = before.master ? d(before.master) : 0;
  const extras = sum(before.extras.map(d).filter((x) => x != null));
  const w = workers.filter((x) => x != null);
  const total = (master ?? 0) + sum(w) + extras;
  const maxShare = w.length > 1 && sum(w) > 0 ? Math.max(...w) / sum(w) : null;
  return { masterS: master, workersS: workers, extrasS: Math.round(extras * 100) / 100, totalS: Math.round(total * 100) / 100, maxWorkerShare: maxShare == null ? null : Math.round(maxShare * 1000) / 1000 };
}

/**
 * Wait until the machine is quiet: a QUIET_WINDOW_MS window in which CPU used by everything except the
 * server's processes and this driver stays under QUIET_SHARE of one core (at most QUIET_WAIT_MS).
 */
export async function waitForQuiet(cfg, pid) {
  const t0 = Date.now();
  let share = null;
  for (;;) {
    const before = cpuSnapshot(cfg, pid);
    const m0 = machineCpuSeconds();
    const self0 = process.cpuUsage();
    await sleep(QUIET_WINDOW_MS);
    const server = cpuDelta(before).totalS;
    const self = process.cpuUsage(self0);
    const other = machineCpuSeconds().busyS - m0.busyS - server - (self.user + self.system) / 1e6;
    share = other / (QUIET_WINDOW_MS / 1000);
    if (share < QUIET_SHARE) return { quiet: true, waitedMs: Date.now() - t0, lastOtherShare: r2(share) };
    if (Date.now() - t0 > QUIET_WAIT_MS) return { quiet: false, waitedMs: Date.now() - t0, lastOtherShare: r2(share) };
  }
}

/** Poll the server's process tree until it holds the expected number of workers (or `timeoutMs`). */
export async function waitForTree(cfg, pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let n = 0;
  for (;;) {
    n = classify(cfg, processTree(pid)).workers.length;
    if (n >= cfg.workers || Date.now() > deadline) return { workers: n };
    await sleep(100);
  }
}
