import { expect, it } from 'vitest';
import { erlangC, meanQueueWait, serversForRate } from '../../src/core/queueing.js';

it('Erlang C matches the closed form for small c', () => {
  // c = 2, a = 1: B = 0.2, C = 2·0.2 / (2 − 1·0.8) = 1/3.
  expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 10);
  // c = 1 is M/M/1: P(wait) = ρ.
  expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 10);
  expect(erlangC(3, 3)).toBe(1);
});

it('stays finite for thousands of servers', () => {
  const c = erlangC(5000, 4900);
  expect(c).toBeGreaterThan(0);
  expect(c).toBeLessThan(1);
});

it('sizes servers for a rate: 500 req/s × 50 ms = 25 erlangs', () => {
  const n = serversForRate(500, 0.05, 0.005);
  expect(n).toBeGreaterThan(25);
  expect(meanQueueWait(n, 500, 0.05)).toBeLessThanOrEqual(0.005);
  expect(meanQueueWait(n - 1, 500, 0.05)).toBeGreaterThan(0.005);
});

it('the search finds what a linear scan finds, and is fast at 150,000 erlangs', () => {
  const linear = (rate: number, s: number, w: number) => {
    let c = Math.floor(rate * s) + 1;
    while (meanQueueWait(c, rate, s) > w) c++;
    return c;
  };
  for (const rate of [0.5, 3, 47, 500, 2999])
    for (const s of [0.001, 0.05, 0.2, 3]) expect(serversForRate(rate, s, s * 0.1), `${rate} req/s × ${s} s`).toBe(linear(rate, s, s * 0.1));
  const n = serversForRate(50_000, 3, 0.3);
  expect(n).toBeGreaterThan(150_000);
  expect(meanQueueWait(n, 50_000, 3)).toBeLessThanOrEqual(0.3);
  expect(meanQueueWait(n - 1, 50_000, 3)).toBeGreaterThan(0.3);
});
