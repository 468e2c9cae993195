// Memory of a process from /proc/PID/smaps_rollup: PSS (shared pages split among their sharers, so a
// tree's sum counts them once, as a cgroup charges them), USS (private pages: what one more worker
// adds) and RSS (shared pages counted in every process).
import { readProc } from './processes.js';

/** smaps_rollup as bytes by field (Rss, Pss, Private_Clean …) plus `Uss`; null without an Rss line (a zombie). (Pure.) */
export function parseSmapsRollup(text: string): Record<string, number> | null {
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = /^(\w+):\s+(\d+)\s+kB/.exec(line);
    if (m) out[m[1]!] = Number(m[2]) * 1024;
  }
  if (out.Rss === undefined) return null;
  out.Uss = (out.Private_Clean ?? 0) + (out.Private_Dirty ?? 0);
  return out;
}

export function smapsRollup(pid: number): Record<string, number> | null {
  const text = readProc(pid, 'smaps_rollup');
  return text ? parseSmapsRollup(text) : null;
}

export const pss = (pid: number): number | null => smapsRollup(pid)?.Pss ?? null;
export const uss = (pid: number): number | null => smapsRollup(pid)?.Uss ?? null;
export const rss = (pid: number): number | null => smapsRollup(pid)?.Rss ?? null;
