// CPU time from /proc: per process (schedstat, stat) and for the whole machine (/proc/stat).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readProc, readStat } from './processes.js';

let hz: number | undefined;
/** Clock ticks per second of /proc times (USER_HZ): `getconf CLK_TCK`, else Linux's 100. */
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

/**
 * CPU time the process has run, in ns: /proc/PID/schedstat (exact), else utime+stime ticks. A worker
 * that served requests has gained far more than one that only woke for its heartbeat.
 */
export function cpuNs(pid: number): number | null {
  const exact = /^(\d+) /.exec(readProc(pid, 'schedstat') ?? '');
  if (exact) return Number(exact[1]);
  const st = readStat(pid);
  return st ? ((st.utime + st.stime) / clockTicks()) * 1e9 : null;
}

/** Own CPU time of `pid` (all its threads, not reaped children), in seconds. */
export function cpuSeconds(pid: number): { user: number; system: number; total: number } | null {
  const st = readStat(pid);
  if (!st) return null;
  const [user, system] = [st.utime / clockTicks(), st.stime / clockTicks()];
  return { user, system, total: user + system };
}

/**
 * Machine-wide CPU seconds summed over all CPUs from /proc/stat (idle = idle + iowait; steal counts as
 * busy): differences between two calls say how much CPU everything used in between.
 */
export function machineCpuSeconds(): { busyS: number; idleS: number; totalS: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = f as [number, number, number, number, number, number, number, number | undefined];
  const busy = user + nice + system + irq + softirq + (steal ?? 0);
  const idleAll = idle + (iowait ?? 0);
  return { busyS: busy / clockTicks(), idleS: idleAll / clockTicks(), totalS: (busy + idleAll) / clockTicks() };
}
