// CPU and memory limits of the container this runs in: cgroup v2, then v1, then the host. Python's
// os.cpu_count() ignores quotas (gunicorn#2028: 129 workers in a 1-CPU container on a 64-core host;
// tiangolo#43), which is why detection reads the cgroup files first and says which source it used.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Detected<T> {
  value: T;
  source: string;
}

export interface HostPaths {
  /** Mount point of the cgroup hierarchy. */
  cgroupRoot: string;
  /** The process's cgroup membership file. */
  selfCgroup: string;
}

export const DEFAULT_PATHS: HostPaths = { cgroupRoot: '/sys/fs/cgroup', selfCgroup: '/proc/self/cgroup' };

// cgroup v1 reports "no limit" as a huge page-aligned number; Heroku's WEB_CONCURRENCY.sh ignores
// limits above 1 TB for the same reason.
export const V1_UNLIMITED = 2 ** 40;

/** A control file's text, trimmed; undefined when it cannot be read (no such controller here). */
export function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Directories to look in for this process's v2 controller files: its own cgroup, then the root. */
function v2Dirs(paths: HostPaths): string[] {
  const dirs: string[] = [];
  const self = read(paths.selfCgroup);
  const line = self?.split('\n').find((l) => l.startsWith('0::'));
  if (line) {
    const rel = line.slice(3);
    if (rel && rel !== '/') dirs.push(path.join(paths.cgroupRoot, rel));
  }
  dirs.push(paths.cgroupRoot);
  return dirs;
}

export function detectCpus(paths: HostPaths = DEFAULT_PATHS, hostCpus = os.availableParallelism()): Detected<number> {
  for (const dir of v2Dirs(paths)) {
    const max = read(path.join(dir, 'cpu.max'));
    if (max === undefined) continue;
    const [quota, period] = max.split(/\s+/);
    if (quota === 'max') break;
    const cpus = Number(quota) / Number(period || 100000);
    if (Number.isFinite(cpus) && cpus > 0) return { value: roundCpus(Math.min(cpus, hostCpus)), source: 'cgroup v2 cpu.max' };
  }
  for (const dir of ['cpu', 'cpu,cpuacct', 'cpuacct,cpu']) {
    const quota = Number(read(path.join(paths.cgroupRoot, dir, 'cpu.cfs_quota_us')));
    const period = Number(read(path.join(paths.cgroupRoot, dir, 'cpu.cfs_period_us')));
    if (quota > 0 && period > 0) return { value: roundCpus(Math.min(quota / period, hostCpus)), source: 'cgroup v1 cpu.cfs_quota_us' };
  }
  return { value: hostCpus, source: 'os.availableParallelism()' };
}

export function detectMemory(paths: HostPaths = DEFAULT_PATHS, hostBytes = os.totalmem()): Detected<number> {
  for (const dir of v2Dirs(paths)) {
    const max = read(path.join(dir, 'memory.max'));
    if (max === undefined) continue;
    if (max === 'max') break;
    const bytes = Number(max);
    if (Number.isFinite(bytes) && bytes > 0) return { value: Math.min(bytes, hostBytes), source: 'cgroup v2 memory.max' };
  }
  const v1 = Number(read(path.join(paths.cgroupRoot, 'memory', 'memory.limit_in_bytes')));
  if (Number.isFinite(v1) && v1 > 0 && v1 < V1_UNLIMITED) return { value: Math.min(v1, hostBytes), source: 'cgroup v1 memory.limit_in_bytes' };
  return { value: hostBytes, source: 'os.totalmem()' };
}

/** Quotas like 150000/100000 are exact; keep three decimals so 1.5 stays 1.5. */
export function roundCpus(n: number): number {
  return Math.round(n * 1000) / 1000;
}
