// What /proc/PID/status and stat say beyond processes.ts: threads, owner, peak RSS, allowed CPUs and
// how long the process has run.
import { readFileSync } from 'node:fs';
import { clockTicks } from './cpu.js';
import { readProc } from './processes.js';

/** `Key:\tvalue` lines of /proc/PID/status. (Pure.) */
export function parseStatus(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i)] = line.slice(i + 1).trim();
  }
  return out;
}

/** CPUs in a list such as `0-3,8,10-11` (Cpus_allowed_list, cpuset.cpus). (Pure.) */
export function countCpuList(list: string): number {
  let n = 0;
  for (const part of list.trim().split(',')) {
    if (!part) continue;
    const [a, b] = part.split('-').map(Number);
    n += b === undefined ? 1 : b! - a! + 1;
  }
  return n;
}

const kB = (v: string | undefined) => (v === undefined ? null : Number(v.replace(/\s*kB$/, '')) * 1024);

export interface ProcessStatus {
  threads: number;
  /** Real user id. */
  uid: number;
  /** Peak RSS since the process started (VmHWM). */
  rssPeakBytes: number | null;
  /** CPUs the scheduler may run it on (its affinity: taskset, cpuset). */
  cpusAllowed: number | null;
}

export function readStatus(pid: number): ProcessStatus | null {
  const text = readProc(pid, 'status');
  if (!text) return null;
  const s = parseStatus(text);
  return {
    threads: Number(s.Threads ?? 1),
    uid: Number((s.Uid ?? '').split(/\s+/)[0]),
    rssPeakBytes: kB(s.VmHWM),
    cpusAllowed: s.Cpus_allowed_list ? countCpuList(s.Cpus_allowed_list) : null,
  };
}

/** Field 22 of /proc/PID/stat: when the process started, in clock ticks after boot. (Pure.) */
export function parseStartTicks(statText: string): number {
  return Number(statText.slice(statText.lastIndexOf(')') + 2).split(' ')[19]);
}

/** Seconds since the process started (/proc/uptime minus its start time), or null when it is gone. */
export function ageSeconds(pid: number): number | null {
  const stat = readProc(pid, 'stat');
  if (!stat) return null;
  const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
  return Math.max(0, uptime - parseStartTicks(stat) / clockTicks());
}
