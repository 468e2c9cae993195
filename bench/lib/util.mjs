// Small generic helpers for the bench scripts. Node built-ins only.
import fs from 'node:fs';
import path from 'node:path';

/** Resolve after `ms` milliseconds. */
export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Bytes -> MiB number rounded to `digits` decimals (for reports). */
export function mib(bytes, digits = 1) {
  if (bytes == null || !Number.isFinite(bytes)) return null;
  const f = 10 ** digits;
  return Math.round((bytes / 1048576) * f) / f;
}

/** Arithmetic mean of a non-empty numeric array; null when empty. */
export function mean(xs) {
  if (!xs || xs.length === 0) return null;
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Sum of a numeric array (0 when empty). */
export function sum(xs) {
  return (xs ?? []).reduce((a, b) => a + b, 0);
}

/**
 * Keep the last `limit` characters written to it: a bounded capture for a child's output,
 * so a chatty server cannot grow the driver's memory.
 */
export class TailBuffer {
  constructor(limit = 64 * 1024) {
    this.limit = limit;
    this.text = '';
  }
  push(chunk) {
    this.text += chunk.toString();
    if (this.text.length > this.limit) this.text = this.text.slice(this.text.length - this.limit);
  }
  toString() {
    return this.text;
  }
}

/** Median of a numeric array (mean of the middle two for an even length); null when empty. */
export function median(xs) {
  const v = (xs ?? []).filter((x) => x != null && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** { median, min, max, n } of the finite numbers in `xs` (all null when there are none). */
export function spread(xs) {
  const v = (xs ?? []).filter((x) => x != null && Number.isFinite(x));
  if (v.length === 0) return { median: null, min: null, max: null, n: 0 };
  return { median: median(v), min: Math.min(...v), max: Math.max(...v), n: v.length };
}

/** Write a results file whole or not at all: a temporary file beside it, then a rename. */
export function writeAtomic(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}
