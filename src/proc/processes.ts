// Processes through /proc (Linux only): stat, command lines, trees and groups. Synchronous, so a sample
// of several processes is taken as close together as possible. One module for calibrate, the
// benchmarks (bench/lib/proc.mjs re-exports the built copy) and the test helpers.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

export interface Stat {
  pid: number;
  comm: string;
  state: string;
  ppid: number;
  pgrp: number;
  session: number;
  /** utime, stime (own CPU) and cutime + cstime (children it reaped), in clock ticks. */
  utime: number;
  stime: number;
  /** utime + stime + cutime + cstime. */
  ticks: number;
}

export interface TreeProcess extends Stat {
  depth: number;
  /** argv ([] for a kernel thread or a process that just left). */
  cmdline: string[];
}

/** Text of /proc/PID/<name>, or null when the process is gone (or not ours to read). */
export function readProc(pid: number | string, name: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/${name}`, 'utf8');
  } catch {
    return null;
  }
}

/** smaps_rollup is what memory is read from (Linux ≥ 4.14); without it nothing can be measured. */
export function procAvailable(): boolean {
  return process.platform === 'linux' && existsSync('/proc/self/smaps_rollup');
}

/** Parses /proc/PID/stat; the comm field may hold spaces and ')', so fields are read after the last ')'. (Pure.) */
export function parseStat(pid: number, text: string): Stat {
  const close = text.lastIndexOf(')');
  const rest = text.slice(close + 2).split(' ');
  // Fields 3.. of proc(5): state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime.
  const [utime, stime] = [Number(rest[11]), Number(rest[12])];
  return { pid, comm: text.slice(text.indexOf('(') + 1, close), state: rest[0] ?? '?', ppid: Number(rest[1]), pgrp: Number(rest[2]), session: Number(rest[3]), utime, stime, ticks: utime + stime + Number(rest[13]) + Number(rest[14]) };
}

export function readStat(pid: number): Stat | null {
  const text = readProc(pid, 'stat');
  return text ? parseStat(pid, text) : null;
}

export function readCmdline(pid: number): string[] {
  return (readProc(pid, 'cmdline') ?? '').split('\0').filter((s) => s.length > 0);
}

/** Every process now in /proc (entries that vanish while scanning are skipped). */
export function listProcesses(): Stat[] {
  const out: Stat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const st = readStat(Number(name));
    if (st) out.push(st);
  }
  return out;
}

/**
 * `root` and its descendants by parent PID, root first, breadth-first; zombies left out unless asked.
 * A descendant whose parent died is re-parented and no longer found: call it while the root lives.
 */
export function processTree(root: number, opts: { zombies?: boolean } = {}): TreeProcess[] {
  const all = listProcesses();
  const byParent = new Map<number, Stat[]>();
  for (const p of all) byParent.set(p.ppid, [...(byParent.get(p.ppid) ?? []), p]);
  const top = all.find((p) => p.pid === root);
  const keep = (p: Stat) => opts.zombies || p.state !== 'Z';
  if (!top || !keep(top)) return [];
  const out: TreeProcess[] = [];
  const queue: { p: Stat; depth: number }[] = [{ p: top, depth: 0 }];
  while (queue.length) {
    const { p, depth } = queue.shift()!;
    if (!keep(p)) continue;
    out.push({ ...p, depth, cmdline: readCmdline(p.pid) });
    for (const k of (byParent.get(p.pid) ?? []).sort((a, b) => a.pid - b.pid)) queue.push({ p: k, depth: depth + 1 });
  }
  return out;
}

/** Direct children of `pid`, by PID. */
export function children(pid: number): Stat[] {
  return listProcesses()
    .filter((p) => p.ppid === pid)
    .sort((a, b) => a.pid - b.pid);
}

/** Processes in group `pgid`; zombies left out unless asked. */
export function groupMembers(pgid: number, opts: { zombies?: boolean } = {}): Stat[] {
  return listProcesses().filter((p) => p.pgrp === pgid && (opts.zombies || p.state !== 'Z'));
}

/** True while a non-zombie process is left in group `pgid`. */
export function groupAlive(pgid: number): boolean {
  return groupMembers(pgid).length > 0;
}
