// Small generic helpers for the bench scripts. Node built-ins only.

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
