// Process inspection through /proc (Linux only): process trees, process groups and memory
// (RSS / PSS / USS from /proc/PID/smaps_rollup). All functions are synchronous so that a sample of
// several processes is taken as close together in time as possible.
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';

/** Text of /proc/PID/<name>, or null when the process is gone. */
function readProc(pid, name) {
  try {
    return fs.readFileSync(`/proc/${pid}/${name}`, 'utf8');
  } catch (e) {
    if (e.code === 'ENOENT' || e.code === 'ESRCH') return null;
    throw e;
  }
}

/**
 * Parse /proc/PID/stat. The comm field is in parentheses and may itself contain spaces or ')',
 * so the fixed fields are read after the last ')'.
 * @returns {{pid:number, comm:string, state:string, ppid:number, pgrp:number, session:number} | null}
 *   null when the process is gone.
 */
export function readStat(pid) {
  const text = readProc(pid, 'stat');
  if (text === null) return null;
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  const comm = text.slice(open + 1, close);
  const rest = text.slice(close + 2).split(' ');
  return {
    pid: Number(pid),
    comm,
    state: rest[0],
    ppid: Number(rest[1]),
    pgrp: Number(rest[2]),
    session: Number(rest[3]),
  };
}

/** argv of a process from /proc/PID/cmdline ([] when gone or a kernel thread). */
export function readCmdline(pid) {
  return (readProc(pid, 'cmdline') ?? '').split('\0').filter((s) => s.length > 0);
}

/** stat of every process currently in /proc (entries that vanish while scanning are skipped). */
export function listProcesses() {
  const out = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const st = readStat(name);
    if (st) out.push(st);
  }
  return out;
}

/**
 * The process `rootPid` and all its descendants, found by walking parent PIDs (ppid) in /proc.
 * Root first, then breadth-first. Zombies are included (state 'Z'); filter them if needed.
 * A descendant whose parent died is re-parented and no longer found: call this while the tree's
 * root is alive.
 * @returns {Array<{pid:number, ppid:number, pgrp:number, state:string, comm:string, cmdline:string[], depth:number}>}
 *   [] when rootPid does not exist.
 */
export function processTree(rootPid) {
  const all = listProcesses();
  const byPpid = new Map();
  let root = null;
  for (const p of all) {
    if (p.pid === rootPid) root = p;
    if (!byPpid.has(p.ppid)) byPpid.set(p.ppid, []);
    byPpid.get(p.ppid).push(p);
  }
  if (!root) return [];
  const out = [];
  const queue = [{ ...root, depth: 0 }];
  while (queue.length) {
    const p = queue.shift();
    out.push({ ...p, cmdline: readCmdline(p.pid) });
    const kids = (byPpid.get(p.pid) ?? []).slice().sort((a, b) => a.pid - b.pid);
    for (const k of kids) queue.push({ ...k, depth: p.depth + 1 });
  }
  return out;
}

/** Direct children of `pid` (by ppid), sorted by PID. */
export function children(pid) {
  return listProcesses()
    .filter((p) => p.ppid === pid)
    .sort((a, b) => a.pid - b.pid);
}

/** Processes whose process group is `pgid`; zombies excluded unless `includeZombies`. */
export function groupMembers(pgid, { includeZombies = false } = {}) {
  return listProcesses().filter((p) => p.pgrp === pgid && (includeZombies || p.state !== 'Z'));
}

/** True while any non-zombie process is left in group `pgid`. */
export function groupAlive(pgid) {
  return groupMembers(pgid).length > 0;
}

/**
 * /proc/PID/smaps_rollup as bytes: { Rss, Pss, Pss_Anon, Pss_File, Pss_Shmem, Shared_Clean,
 * Shared_Dirty, Private_Clean, Private_Dirty, Referenced, Anonymous, Swap, SwapPss, ... } plus
 * `Uss` = Private_Clean + Private_Dirty. Needs the same user as the process (or root).
 * @returns {Record<string, number> | null} null when the process is gone.
 */
export function smapsRollup(pid) {
  const text = readProc(pid, 'smaps_rollup');
  if (text === null) return null;
  const out = {};
  for (const line of text.split('\n')) {
    const m = /^(\w+):\s+(\d+)\s+kB/.exec(line);
    if (m) out[m[1]] = Number(m[2]) * 1024;
  }
  if (out.Rss === undefined) return null; // zombie / exited between open and read
  out.Uss = (out.Private_Clean ?? 0) + (out.Private_Dirty ?? 0);
  return out;
}

/** Proportional set size of `pid` in bytes (shared pages divided among their sharers); null if gone. */
export function pss(pid) {
  return smapsRollup(pid)?.Pss ?? null;
}

/** Unique set size of `pid` in bytes (private pages only); null if gone. */
export function uss(pid) {
  return smapsRollup(pid)?.Uss ?? null;
}

/** Resident set size of `pid` in bytes (counts shared pages fully in every process); null if gone. */
export function rss(pid) {
  return smapsRollup(pid)?.Rss ?? null;
}

let clockTicks = null;
/** Kernel clock ticks per second (USER_HZ) for /proc/PID/stat times: `getconf CLK_TCK`, else 100. */
export function clkTck() {
  if (clockTicks == null) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/**
 * CPU time used so far by process `pid` (all its threads), from utime + stime in /proc/PID/stat,
 * in seconds: { user, system, total }. Children that exited are not included. null when gone.
 */
export function cpuSeconds(pid) {
  const text = readProc(pid, 'stat');
  if (text === null) return null;
  // Fields after the comm's closing ')': state(3) ppid(4) ... utime(14) stime(15).
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const hz = clkTck();
  const user = Number(rest[11]) / hz;
  const system = Number(rest[12]) / hz;
  return { user, system, total: user + system };
}

/**
 * Machine-wide CPU time from the first line of /proc/stat, in seconds summed over all CPUs:
 * { busyS, idleS, totalS } (idle = idle + iowait; steal counts as busy). Differences between two
 * calls tell how much CPU everything on the machine used in between.
 */
export function machineCpuSeconds() {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const hz = clkTck();
  const [user, nice, system, idle, iowait, irq, softirq, steal] = f;
  const busy = user + nice + system + irq + softirq + (steal ?? 0);
  const idleAll = idle + (iowait ?? 0);
  return { busyS: busy / hz, idleS: idleAll / hz, totalS: (busy + idleAll) / hz };
}
