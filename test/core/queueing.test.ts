import { expect, it } from 'vitest';
import { erlangC, meanQueueWait, serversForRate } from '../../src/core/queueing.js';

it('Erlang C matches the closed form for small c', () => {
  // c = 2, a = 1: B = 0.2, C = 2·0.2 / (2 − 1·0.8) = 1/3.
  expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 10);
  // c = 1 is M/M/1: P(wait) = ρ.
  expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 10);
  expect(erlangC(3, 3)).toBe(1);
});

/**
 * Erlang C from its definition, the Poisson terms a^k/k! summed in log space (no recursion):
 * C = T·c/(c−a) / (Σ_{k<c} a^k/k! + T·c/(c−a)), T = a^c/c!.
 */
function erlangCByTerms(c: number, a: number): number {
  const logTerms = [0];
  for (let k = 1; k <= c; k++) logTerms.push(logTerms[k - 1]! + Math.log(a) - Math.log(k));
  const logWait = logTerms[c]! + Math.log(c / (c - a));
  const top = Math.max(...logTerms, logWait);
  const below = logTerms.slice(0, c).reduce((s, l) => s + Math.exp(l - top), 0);
  const wait = Math.exp(logWait - top);
  return wait / (below + wait);
}

it('stays exact for thousands of servers: the recursion agrees with the sum of terms', () => {
  for (const [c, a] of [
    [5000, 4900],
    [2000, 1999],
    [300, 285],
  ] as const)
    expect(erlangC(c, a), `c=${c}, a=${a}`).toBeCloseTo(erlangCByTerms(c, a), 9);
  expect(erlangCByTerms(2, 1)).toBeCloseTo(1 / 3, 12); // the closed form above
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
