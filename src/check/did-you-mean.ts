// "Did you mean …?" for setting names and flags. Names are compared with case, leading dashes and
// '-'/'_' separators ignored first (keep_alive ≈ keepalive, --max-requests ≈ max_requests), then by
// edit distance counting a swap of two neighbours as one edit (wrokers → workers).

const normalize = (s: string): string => s.replace(/^-+/, '').toLowerCase().replace(/[-_]/g, '');

/** Optimal-string-alignment distance, abandoning rows that already exceed `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** Closest candidate to a misspelt name, or undefined when `name` is itself a candidate or nothing is close. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  if (list.includes(name)) return undefined;
  const n = normalize(name);
  if (n.length === 0) return undefined;
  const same = list.find((c) => normalize(c) === n);
  if (same !== undefined) return same;
  // Allowed edits grow with length: one for short names, at most three.
  const limit = n.length <= 4 ? 1 : n.length <= 8 ? 2 : 3;
  let best: { cand: string; score: number } | undefined;
  for (const cand of list) {
    const c = normalize(cand);
    let score = editDistance(n, c, limit);
    // A truncated name (thread → threads, max_request → max_requests) is a strong hint.
    if (n.length >= 3 && c.startsWith(n)) score = Math.min(score, (c.length - n.length) / 10 + 0.5);
    if (score > limit) continue;
    if (best === undefined || score < best.score || (score === best.score && cand.length < best.cand.length)) {
      best = { cand, score };
    }
  }
  return best?.cand;
}
