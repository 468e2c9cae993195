import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectCpus, detectMemory } from '../../src/detect/host.js';

const dirs: string[] = [];
function fake(files: Record<string, string>, self = '0::/\n') {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tune-cgroup-'));
  dirs.push(root);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  writeFileSync(path.join(root, 'self'), self);
  return { cgroupRoot: root, selfCgroup: path.join(root, 'self') };
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('CPUs', () => {
  it('cgroup v2 quota, rounded to the exact fraction', () => expect(detectCpus(fake({ 'cpu.max': '150000 100000\n' }), 64)).toEqual({ value: 1.5, source: 'cgroup v2 cpu.max' }));
  it('the process’s own nested cgroup comes first', () => {
    const p = fake({ 'cpu.max': 'max 100000\n', 'kubepods/pod1/cpu.max': '50000 100000\n' }, '0::/kubepods/pod1\n');
    expect(detectCpus(p, 64)).toEqual({ value: 0.5, source: 'cgroup v2 cpu.max' });
  });
  it('a quota above the host is capped at the host', () => expect(detectCpus(fake({ 'cpu.max': '800000 100000\n' }), 4).value).toBe(4));
  it('cgroup v1 cfs quota', () =>
    expect(detectCpus(fake({ 'cpu,cpuacct/cpu.cfs_quota_us': '200000\n', 'cpu,cpuacct/cpu.cfs_period_us': '100000\n' }), 64)).toEqual({ value: 2, source: 'cgroup v1 cpu.cfs_quota_us' }));
  it('no quota (v1 -1, v2 max): the host, gunicorn#2028’s trap avoided only when there is a quota', () => {
    expect(detectCpus(fake({ 'cpu/cpu.cfs_quota_us': '-1\n', 'cpu/cpu.cfs_period_us': '100000\n' }), 8)).toEqual({ value: 8, source: 'os.availableParallelism()' });
    expect(detectCpus(fake({ 'cpu.max': 'max 100000\n' }), 8).source).toBe('os.availableParallelism()');
  });
});

describe('memory', () => {
  it('cgroup v2 memory.max', () => expect(detectMemory(fake({ 'memory.max': String(512 * 2 ** 20) }), 2 ** 34)).toEqual({ value: 512 * 2 ** 20, source: 'cgroup v2 memory.max' }));
  it('cgroup v1, ignoring its "unlimited" page-aligned maximum', () => {
    expect(detectMemory(fake({ 'memory/memory.limit_in_bytes': String(2 ** 30) }), 2 ** 34)).toEqual({ value: 2 ** 30, source: 'cgroup v1 memory.limit_in_bytes' });
    expect(detectMemory(fake({ 'memory/memory.limit_in_bytes': '9223372036854771712' }), 2 ** 34)).toEqual({ value: 2 ** 34, source: 'os.totalmem()' });
  });
  it('"max" falls back to the host', () => expect(detectMemory(fake({ 'memory.max': 'max\n' }), 2 ** 33).source).toBe('os.totalmem()'));
});
