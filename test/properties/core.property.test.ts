import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseInput, type RawInput } from '../../src/core/input.js';
import { recommend } from '../../src/core/recommend.js';
import { counter, rawInput } from './arbitraries.js';

const RUNS = 2000;
const rec = (raw: RawInput) => {
  counter.cases++;
  const p = parseInput(raw);
  if (!p.ok) throw new Error(`generator made invalid input: ${JSON.stringify(p.errors)}`);
  return recommend(p.input);
};
const workersOf = (r: ReturnType<typeof recommend>) => (r.settings.workers as number | undefined) ?? 1;

// The ranges each server accepts (gunicorn config.py validators, uvicorn click types, waitress
// adjustments): positive integers, non-negative timeouts, limit_concurrency ≥ 2 so it admits a request.
function inRange(r: ReturnType<typeof recommend>): string[] {
  const bad: string[] = [];
  const s = r.settings;
  const int = (k: string, min: number) => {
    const v = s[k];
    if (v === undefined || v === null) return;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) bad.push(`${k}=${v}`);
  };
  if (r.server === 'gunicorn') {
    for (const k of ['workers', 'threads', 'worker_connections', 'backlog']) int(k, 1);
    for (const k of ['timeout', 'graceful_timeout', 'keepalive', 'max_requests', 'max_requests_jitter']) int(k, 0);
  } else if (r.server === 'uvicorn') {
    for (const k of ['workers', 'backlog', 'timeout_keep_alive', 'port']) int(k, 1);
    int('limit_concurrency', 2);
  } else {
    for (const k of ['threads', 'connection_limit', 'channel_timeout', 'cleanup_interval', 'backlog', 'recv_bytes']) int(k, 1);
  }
  return bad;
}

describe('properties of every recommendation', () => {
  it('workers ≥ 1, settings in range, fits ⇒ under budget, db and pool invariants hold', () => {
    fc.assert(
      fc.property(rawInput, (raw) => {
        const r = rec(raw);
        expect(workersOf(r)).toBeGreaterThanOrEqual(1);
        expect(inRange(r)).toEqual([]);
        if (r.memory.fits) expect(r.memory.estimatedBytes).toBeLessThanOrEqual(r.memory.budgetBytes * (1 - r.input.headroom) + 1);
        if (r.database) expect(r.database.total).toBeLessThanOrEqual(r.database.maxConnections);
        if (r.server === 'waitress') expect(r.settings.connection_limit as number).toBeGreaterThanOrEqual(r.settings.threads as number);
        if (r.workerClass === 'gthread') expect(r.settings.worker_connections as number).toBeGreaterThan(r.settings.threads as number);
        if (r.settings.keepalive !== undefined && r.input.lbIdleTimeout) expect(r.settings.keepalive as number).toBeGreaterThan(r.input.lbIdleTimeout);
        if (r.input.shutdownGrace && typeof r.settings.graceful_timeout === 'number') expect(r.settings.graceful_timeout).toBeLessThan(r.input.shutdownGrace + 1);
      }),
      { numRuns: RUNS },
    );
  });

  it('more memory never yields fewer workers', () => {
    fc.assert(
      fc.property(rawInput, fc.integer({ min: 1, max: 8192 }), (raw, extraMiB) => {
        const small = rec(raw);
        const big = rec({ ...raw, mem: (raw.mem as number) + extraMiB * 2 ** 20 });
        expect(workersOf(big)).toBeGreaterThanOrEqual(workersOf(small));
      }),
      { numRuns: RUNS },
    );
  });

  it('more CPUs never yield fewer workers for CPU-bound work', () => {
    fc.assert(
      fc.property(rawInput, fc.integer({ min: 1, max: 32 }), (raw, extra) => {
        const cpuBound = { ...raw, workload: 'cpu' as const };
        const few = rec(cpuBound);
        const many = rec({ ...cpuBound, cpus: (raw.cpus as number) + extra });
        expect(workersOf(many)).toBeGreaterThanOrEqual(workersOf(few));
      }),
      { numRuns: RUNS },
    );
  });
});

afterAll(() => {
  console.log(`property tests: ${counter.cases} generated recommendations checked`);
});
