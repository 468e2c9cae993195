// Queueing formulas for the capacity section: Little's law and the M/M/c (Erlang C) wait.

/** Probability that an arrival waits, for c servers offered a = λ/μ erlangs. 1 when saturated. */
export function erlangC(c: number, a: number): number {
  if (c < 1 || a >= c) return 1;
  if (a <= 0) return 0;
  // Erlang B by its stable recursion B(k) = a·B(k−1) / (k + a·B(k−1)), then C from B: no factorials,
  // so it holds for thousands of servers.
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return (c * b) / (c - a * (1 - b));
}

/** Mean time in queue (seconds) for c servers, arrival rate λ (1/s), service time s (seconds). */
export function meanQueueWait(c: number, rate: number, serviceS: number): number {
  const a = rate * serviceS;
  if (a >= c) return Infinity;
  return (erlangC(c, a) * serviceS) / (c - a);
}

/**
 * Fewest servers whose mean queueing wait stays within `maxWait` seconds at `rate`. One pass of the
 * Erlang B recursion gives B(c) for every c in turn, so each candidate costs O(1) and the whole search
 * O(c) — evaluating erlangC afresh for each candidate was O(c²), seconds at 150,000 erlangs.
 */
export function serversForRate(rate: number, serviceS: number, maxWait: number, limit = 1_000_000): number {
  const a = rate * serviceS;
  const first = Math.max(1, Math.floor(a) + 1);
  if (a <= 0) return first;
  let b = 1;
  for (let c = 1; c < limit; c++) {
    b = (a * b) / (c + a * b);
    if (c < first) continue;
    const waitProbability = (c * b) / (c - a * (1 - b));
    if ((waitProbability * serviceS) / (c - a) <= maxWait) return c;
  }
  return limit;
}
