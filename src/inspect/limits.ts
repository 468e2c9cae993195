// The CPU and memory limits the kernel holds a running process to: its cgroup's (v2 memory.max and
// cpu.max, v1 memory.limit_in_bytes and cpu.cfs_quota_us, the tightest along the path to the root),
// else its CPU affinity and the machine's memory. Read from /proc/PID/cgroup and /sys/fs/cgroup.
import os from 'node:os';
import path from 'node:path';
import { read, roundCpus, V1_UNLIMITED } from '../detect/host.js';
import { readProc, readStatus } from '../proc/index.js';

export interface Limit {
  value: number;
  source: string;
}

/** `hierarchy:controllers:path` lines of /proc/PID/cgroup. (Pure.) */
export function parseCgroups(text: string): { controllers: string[]; path: string }[] {
  return text
    .split('\n')
    .map((l) => /^\d+:([^:]*):(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ controllers: m[1] ? m[1]!.split(',') : [], path: m[2]! }));
}

/** The cgroup's directory and its ancestors up to the mount; a path our namespace cannot see yields only the mount. */
function dirsUp(mount: string, rel: string): string[] {
  const dirs: string[] = [];
  for (let p = rel; p && p !== '/' && !p.startsWith('/..'); p = path.posix.dirname(p)) dirs.push(path.join(mount, p));
  dirs.push(mount);
  return dirs;
}

/** The smallest of a limit read in each directory (a parent's limit holds its children too). */
function tightest(dirs: string[], readOne: (dir: string) => number | undefined): number | undefined {
  const found = dirs.map(readOne).filter((v): v is number => v !== undefined && Number.isFinite(v) && v > 0);
  return found.length ? Math.min(...found) : undefined;
}

export function processMemoryLimit(pid: number, root = '/sys/fs/cgroup'): Limit | null {
  const groups = parseCgroups(readProc(pid, 'cgroup') ?? '');
  const v2 = groups.find((g) => g.controllers.length === 0);
  if (v2) {
    const v = tightest(dirsUp(root, v2.path), (d) => {
      const t = read(path.join(d, 'memory.max'));
      return t === undefined || t === 'max' ? undefined : Number(t);
    });
    if (v !== undefined) return { value: v, source: `cgroup v2 memory.max of pid ${pid}` };
  }
  const v1 = groups.find((g) => g.controllers.includes('memory'));
  if (v1) {
    const v = tightest(dirsUp(path.join(root, 'memory'), v1.path), (d) => {
      const n = Number(read(path.join(d, 'memory.limit_in_bytes')));
      return n < V1_UNLIMITED ? n : undefined;
    });
    if (v !== undefined) return { value: v, source: `cgroup v1 memory.limit_in_bytes of pid ${pid}` };
  }
  return null;
}

export function processCpuLimit(pid: number, root = '/sys/fs/cgroup'): Limit | null {
  const groups = parseCgroups(readProc(pid, 'cgroup') ?? '');
  const v2 = groups.find((g) => g.controllers.length === 0);
  if (v2) {
    const v = tightest(dirsUp(root, v2.path), (d) => {
      const [quota, period] = (read(path.join(d, 'cpu.max')) ?? 'max').split(/\s+/);
      return quota === 'max' ? undefined : Number(quota) / Number(period || 100000);
    });
    if (v !== undefined) return { value: roundCpus(v), source: `cgroup v2 cpu.max of pid ${pid}` };
  }
  const v1 = groups.find((g) => g.controllers.includes('cpu'));
  if (v1) {
    const mounts = [v1.controllers.join(','), 'cpu,cpuacct', 'cpu'].map((m) => path.join(root, m));
    for (const mount of mounts) {
      const v = tightest(dirsUp(mount, v1.path), (d) => {
        const quota = Number(read(path.join(d, 'cpu.cfs_quota_us')));
        const period = Number(read(path.join(d, 'cpu.cfs_period_us')));
        return quota > 0 && period > 0 ? quota / period : undefined;
      });
      if (v !== undefined) return { value: roundCpus(v), source: `cgroup v1 cpu.cfs_quota_us of pid ${pid}` };
    }
  }
  const allowed = readStatus(pid)?.cpusAllowed;
  if (allowed && allowed < os.cpus().length) return { value: allowed, source: `CPU affinity of pid ${pid}` };
  return null;
}

/** The machine's memory: MemTotal, the honest budget of a process that has no limit of its own. */
export function machineMemory(): Limit {
  const kb = Number(/MemTotal:\s+(\d+)/.exec(read('/proc/meminfo') ?? '')?.[1]);
  return Number.isFinite(kb) && kb > 0 ? { value: kb * 1024, source: 'MemTotal: no memory limit on the process' } : { value: os.totalmem(), source: 'os.totalmem(): no memory limit on the process' };
}

/** The machine's online CPUs: what a process without a quota or affinity may use. */
export function machineCpus(): Limit {
  return { value: os.cpus().length, source: 'the machine: no CPU limit on the process' };
}

/** Quotas like 150000/100000 are exact; three decimals keep 1.5 as 1.5. */
