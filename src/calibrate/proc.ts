// Process inspection through /proc (Linux only): trees, groups, PSS from smaps_rollup, CPU ticks and
// run times. Synchronous, so a sample of several processes is taken as close together as possible.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export interface Stat {
  pid: number;
  state: string;
  ppid: number;
  pgrp: number;
  /** utime + stime + cutime + cstime in clock ticks: its own CPU and that of children it reaped. */
  ticks: number;
}

export interface TreeProcess extends Stat {
  depth: number;
  cmdline: string;
}

/** smaps_rollup is what calibrate reads PSS from (Linux ≥ 4.14); without it nothing can be measured. */
export function procAvailable(): boolean {
  return process.platform === 'linux' && existsSync('/proc/self/smaps_rollup');
}

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null; // the process is gone (or was never ours to read)
  }
}

/** Parses /proc/PID/stat; the comm field may hold spaces and ')' so fields are read after the last ')'. (Pure.) */
export function parseStat(pid: number, text: string): Stat {
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // Fields 3.. of proc(5): state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime.
  const ticks = Number(rest[11]) + Number(rest[12]) + Number(rest[13]) + Number(rest[14]);
  return { pid, state: rest[0] ?? '?', ppid: Number(rest[1]), pgrp: Number(rest[2]), ticks };
}

export function readStat(pid: number): Stat | null {
  const text = read(`/proc/${pid}/stat`);
  return text ? parseStat(pid, text) : null;
}

export function listProcesses(): Stat[] {
  const out: Stat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const st = readStat(Number(name));
    if (st) out.push(st);
  }
  return out;
}

/** `root` and its live descendants (zombies left out), root first, breadth-first. */
export function processTree(root: number): TreeProcess[] {
  const all = listProcesses();
  const byParent = new Map<number, Stat[]>();
  for (const p of all) byParent.set(p.ppid, [...(byParent.get(p.ppid) ?? []), p]);
  const top = all.find((p) => p.pid === root);
  if (!top || top.state === 'Z') return [];
  const out: TreeProcess[] = [];
  const queue: { p: Stat; depth: number }[] = [{ p: top, depth: 0 }];
  while (queue.length) {
    const { p, depth } = queue.shift()!;
    if (p.state === 'Z') continue;
    out.push({ ...p, depth, cmdline: (read(`/proc/${p.pid}/cmdline`) ?? '').split('\0').join(' ').trim() });
    for (const k of (byParent.get(p.pid) ?? []).sort((a, b) => a.pid - b.pid)) queue.push({ p: k, depth: depth + 1 });
  }
  return out;
}

/** True while a non-zombie process is left in process group `pgid`. */
export function groupAlive(pgid: number): boolean {
  return listProcesses().some((p) => p.pgrp === pgid && p.state !== 'Z');
}

/** PSS in bytes from smaps_rollup text; null when it has none (a zombie). (Pure.) */
export function parsePss(text: string): number | null {
  const m = /^Pss:\s+(\d+)\s+kB/m.exec(text);
  return m ? Number(m[1]) * 1024 : null;
}

/** USS in bytes (Private_Clean + Private_Dirty) from smaps_rollup text: what this process alone holds. (Pure.) */
export function parseUss(text: string): number | null {
  const clean = /^Private_Clean:\s+(\d+)\s+kB/m.exec(text);
  const dirty = /^Private_Dirty:\s+(\d+)\s+kB/m.exec(text);
  return clean && dirty ? (Number(clean[1]) + Number(dirty[1])) * 1024 : null;
}

/** Private memory: what one more worker adds to the tree's total. */
export function uss(pid: number): number | null {
  const text = read(`/proc/${pid}/smaps_rollup`);
  return text ? parseUss(text) : null;
}

/** Proportional set size: shared pages split among their sharers, so a tree's sum counts them once. */
export function pss(pid: number): number | null {
  const text = read(`/proc/${pid}/smaps_rollup`);
  return text ? parsePss(text) : null;
}

/**
 * CPU time the process has run, in ns: /proc/PID/schedstat (exact), else utime+stime ticks. A worker
 * that served requests has gained far more than one that only woke for its heartbeat.
 */
export function cpuNs(pid: number): number | null {
  const exact = /^(\d+) /.exec(read(`/proc/${pid}/schedstat`) ?? '');
  if (exact) return Number(exact[1]);
  const st = readStat(pid);
  return st ? (st.ticks / clockTicks()) * 1e9 : null;
}

let hz: number | undefined;
/** Clock ticks per second of /proc/PID/stat times (USER_HZ): `getconf CLK_TCK`, else Linux's 100. */
export function clockTicks(): number {
  if (hz === undefined) {
    try {
      hz = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      hz = 100;
    }
  }
  return hz;
}
