// A profile's thread figures (a busy thread's memory, the CPU per request) hold at the count they were
// measured at: tune says when a configuration keeps another count of threads busy.
import { describe, expect, it } from 'vitest';
import { rec } from './helpers.js';

const MiB = 2 ** 20;

describe('a profile measured at one count of busy threads, a configuration at another', () => {
  const codes = (raw: Record<string, unknown>) => rec({ cpus: 2, mem: '1g', ...raw }).warnings.map((w) => w.code);
  const profile = (measuredThreads?: number) => ({
    version: 1 as const,
    masterBytes: 0,
    workerBytes: 45 * MiB,
    cpuMsPerRequest: 8,
    latencyMs: 16,
    ...(measuredThreads ? { perThreadBytes: MiB, measuredThreads } : {}),
  });
  it('a profile measured with 4 busy threads, for 64 busy ones: says the figures are off and how to measure these', () => {
    const r = rec({ cpus: 2, mem: '1g', workerClass: 'waitress', workload: 'io', users: 64, profile: profile(4) });
    expect(r.settings.threads).toBe(64);
    expect(r.warnings.find((w) => w.code === 'PROFILE_THREADS_DIFFER')).toEqual({ code: 'PROFILE_THREADS_DIFFER', severity: 'info', args: { measured: 4, busy: 64, threads: 64 } });
    // The profile's CPU was measured with threads: no general warning beside the specific one.
    expect(r.warnings.map((w) => w.code)).not.toContain('THREAD_CPU_GROWTH');
  });
  it('measured at the count that runs (within 1.5×): nothing to say', () => {
    expect(codes({ workerClass: 'waitress', workload: 'io', users: 64, profile: profile(64) })).not.toContain('PROFILE_THREADS_DIFFER');
    expect(codes({ workerClass: 'waitress', workload: 'io', users: 64, profile: profile(43) })).not.toContain('PROFILE_THREADS_DIFFER');
    expect(codes({ workerClass: 'waitress', workload: 'io', users: 64, profile: profile(42) })).toContain('PROFILE_THREADS_DIFFER');
  });
  it('gthread: busy threads per worker are what its share of the connections keeps busy', () => {
    const r = rec({ cpus: 2, mem: '1g', workerClass: 'gthread', workload: 'io', users: 64, profile: profile(4) });
    const { workers, threads } = r.settings as { workers: number; threads: number };
    expect(r.warnings.find((w) => w.code === 'PROFILE_THREADS_DIFFER')?.args).toEqual({ measured: 4, busy: Math.min(threads, Math.ceil(64 / workers)), threads });
  });
  it('a profile with no busy threads measured, for a pool that has them: memory likely under-counted', () => {
    const r = rec({ cpus: 2, mem: '1g', workerClass: 'waitress', workload: 'io', users: 16, profile: profile() });
    expect(r.warnings.find((w) => w.code === 'PROFILE_THREADS_DIFFER')?.args).toEqual({ measured: 1, busy: 16, threads: 16 });
  });
  it('a profile read from a running server holds its threads in its worker figure: nothing to say', () => {
    expect(codes({ workerClass: 'waitress', workload: 'io', users: 16, profile: { ...profile(), source: 'inspect' } })).not.toContain('PROFILE_THREADS_DIFFER');
  });
  it('a CPU per request measured under load above the time of a request alone is kept, not capped at it', () => {
    // waitress, 64 threads on Django: 14.8 ms of CPU a request under load, 13.0 ms a request alone.
    const r = rec({ cpus: 2, mem: '1g', workerClass: 'waitress', users: 64, profile: { ...profile(64), cpuMsPerRequest: 14.8, latencyMs: 13 } });
    expect(r.capacity).toMatchObject({ cpuMsPerRequest: 14.8, latencyMs: 13, sustainableRps: 67.6, limitedBy: 'cpu' });
  });
});
